"""One way to shrink a GraphQL query the host chokes on (GitHub and GitLab alike).

A query asking for many pages, repositories or blobs at once can be too heavy for the host: its
proxy gives up (502, 504) or drops the connection (no answer), and GitLab may answer that the
query is too complex. Asking the same thing again, half as much at a time, usually passes; at one
item there is nothing left to halve and the failure stands.
"""

from __future__ import annotations

import typing as t
from collections.abc import Callable, Iterator, Sequence

from scanner.sources.http import RemoteFailure

T = t.TypeVar("T")
#: A GraphQL answer (decoded JSON).
Answer = dict[str, t.Any]

#: Statuses after which a query is asked again for half as much: the host's proxy gave up (502,
#: 504) or no answer came at all (0: refused, reset, timed out).
CHOKED = frozenset({0, 502, 504})


def ask_halving(send: Callable[[int], Answer], size: int, *, left: int | None = None,
                too_heavy: Callable[[Answer], bool] | None = None) -> tuple[int, Answer | RemoteFailure]:
    """``send(size)``, halving ``size`` while the host chokes and ``size`` is over 1.

    Returns the size last asked for and its answer, or the failure that stands (any failure
    other than a choke, or a choke at size 1). ``left``: how many items remain, so a halving
    starts from what was really asked (``send`` asks for at most that many). ``too_heavy``: an
    answer that also means "ask for less" (GitLab's complexity errors); at size 1 it is returned
    for the caller to deal with."""
    while True:
        try:
            data = send(size)
        except RemoteFailure as exc:
            if exc.status not in CHOKED or size <= 1:
                return size, exc
        else:
            if too_heavy is None or size <= 1 or not too_heavy(data):
                return size, data
        asked = size if left is None else min(size, left)
        size = max(1, asked // 2)


def halving_batches(items: Sequence[T], size: int, send: Callable[[list[T]], Answer], *,
                    too_heavy: Callable[[Answer], bool] | None = None,
                    grow: bool = False) -> Iterator[tuple[list[T], Answer | RemoteFailure]]:
    """``items`` asked ``size`` at a time (see :func:`ask_halving`): each batch with its answer,
    or with the failure that stands for all of it. A halved size holds for the batches after;
    with ``grow`` it doubles back (up to ``size``) after each answer."""
    most = size
    pending = list(items)
    while pending:
        size, answer = ask_halving(lambda n: send(pending[:n]), size, left=len(pending),
                                   too_heavy=too_heavy)
        batch = pending[:size]
        del pending[:size]
        yield batch, answer
        if grow and not isinstance(answer, RemoteFailure):
            size = min(most, size * 2)
