"""The collector interface: a snapshot goes in, one fragment of the facts document comes out.

Collectors never do I/O of their own. They first say which paths they will read
(:meth:`Collector.wanted`, decided from the listing alone, so that a remote source fetches exactly
those blobs in batched requests), then build their fragment from ``snapshot.read`` of those paths.
"""

from __future__ import annotations

import typing as t
from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping, Sequence

from scanner.snapshot import Snapshot

#: A fragment maps top-level facts sections to their content. The special key ``problems`` holds a
#: list of ``{source, path, line, message}`` that the builder appends to ``facts["problems"]``.
Fragment = dict[str, t.Any]


class Collector(ABC):
    """One family of observations (licence, community files, API specs, ...)."""

    #: Facts section this collector fills; also its name in ``COLLECTORS``.
    name: t.ClassVar[str]

    def wanted(self, paths: Sequence[str],
               sizes: Mapping[str, int | None] | None = None) -> Iterable[str]:
        """Paths this collector will read, chosen from the listing (and sizes, where the source
        knows them) alone. ``collect`` must read nothing else. Default: none."""
        return ()

    def empty(self) -> Fragment:
        """The section as it stands when nothing could be observed (also used if collect crashes)."""
        return {}

    @abstractmethod
    def collect(self, snapshot: Snapshot, facts: Mapping[str, t.Any]) -> Fragment:
        """Observe, never judge. ``facts`` holds the sections of collectors that ran earlier."""
