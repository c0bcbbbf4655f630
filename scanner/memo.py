"""Work on a file's content done once per scan, whatever the number of paths holding it.

A repository may hold the same content under many paths (sixty copies of one 9 MB API
description, one git blob: six minutes of parsing and validating the same bytes). A collector
keeps one :class:`Memo` for its scan and asks it for each file's outcome, keyed by what the work
is and a digest of the content: a result, or the :class:`~scanner.errors.ParseError` it ended in
(a file that ran out of time once would run out of time sixty times). Only small, path-free
results belong here (facts entries, detections), never parsed documents: the memo lives as long
as the scan of one repository.
"""

from __future__ import annotations

import functools
import hashlib
import typing as t

from scanner.budget import bounded
from scanner.errors import ParseError

T = t.TypeVar("T")


def digest(content: bytes | str) -> bytes:
    data = content if isinstance(content, bytes) else content.encode("utf-8", "surrogatepass")
    return hashlib.sha256(data).digest()


class Memo:
    """Outcomes of work on file contents, by (kind of work, content digest)."""

    def __init__(self) -> None:
        self._done: dict[tuple[str, bytes], tuple[bool, t.Any]] = {}

    def once(self, kind: str, content: bytes | str, path: str,
             compute: t.Callable[[], T]) -> T:
        """``compute()`` the first time ``kind`` of work meets this content, the same outcome
        after: its result, or its ``ParseError`` raised again naming ``path``. (``content`` may
        be a digest the caller already computed: only equal contents must give equal keys.)"""
        key = (kind, digest(content))
        if key not in self._done:
            try:
                self._done[key] = (True, compute())
            except ParseError as exc:
                self._done[key] = (False, exc)
        ok, outcome = self._done[key]
        if ok:
            return t.cast(T, outcome)
        raise outcome.moved_to(path)

    def bounded(self, kind: str, content: bytes | str, path: str,
                work: t.Callable[..., T], *args: t.Any) -> T:
        """:meth:`once` of ``work(*args)`` within the per-file budget (:mod:`scanner.budget`)."""
        return self.once(kind, content, path,
                         functools.partial(bounded, path, functools.partial(work, *args)))
