"""What reading one file of a scanned repository may cost: a time budget, and failures that stay
with that file.

Every reader first bounds its input (file, line and value size caps, pre-checks before parsers,
regular expressions that cannot backtrack): that is the guard that holds everywhere, in every
thread. :func:`bounded` adds a safety net for whatever those caps missed. Python cannot kill a
thread, and a parser (markdown-it, tomllib) or a regular expression runs without looking at a
clock, so the net is an interval timer (``SIGALRM``): its handler raises inside the running
code, between two bytecodes or inside ``re``'s matching loop, which checks for signals. (Running
each file in a child process would also stop C code, but costs a process per file, pickling
every result back, and does not work the same on every platform.) Signals are only delivered to
the main thread, and only on POSIX: elsewhere (a scan run from a worker thread, Windows) the caps
alone apply. A timer someone else armed (pytest-timeout, an embedding application) is left
alone, never overridden. Code that is neither Python nor ``re`` (libyaml's scanner, json,
jsonschema-rs, ``ast.parse``) is only interrupted when it returns, which is why the caps come
first.

A file that runs out of time, or makes a reader fail in any way (``RecursionError``,
``MemoryError``, ``ValueError`` from a 5,000-digit integer, a bug), becomes a
:class:`~scanner.errors.ParseError` naming it: one ``problems`` entry, the rest of the scan goes on.
"""

from __future__ import annotations

import logging
import signal
import threading
import typing as t
from types import FrameType

from scanner.errors import ParseError

#: Seconds one file may take to analyse. A legitimate 10 MB YAML API description (the largest
#: file read) takes about 4 s on a slow laptop; pathological files take minutes or hours.
FILE_SECONDS = 20.0

T = t.TypeVar("T")
log = logging.getLogger(__name__)


class _Expired(BaseException):
    """Raised where the work stands when its time is up. A BaseException, so that the
    ``except Exception`` of a library (or of civiscan) cannot swallow it."""


class _State(threading.local):
    running = False  # whether a budget runs (in this thread)
    armed = False  # whether our timer may still interrupt the work
    previous: t.Any = None  # the SIGALRM handler ours replaced, while ours is installed


_state = _State()


def _on_alarm(signum: int, frame: FrameType | None) -> None:
    # Raise once per budget, and only while one runs: a signal still pending after the work
    # ended must do nothing.
    if _state.armed:
        _state.armed = False
        raise _Expired


def _start(seconds: float) -> None:
    _state.running = True
    if (hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
            and signal.getitimer(signal.ITIMER_REAL)[0] == 0):
        previous = signal.signal(signal.SIGALRM, _on_alarm)
        _state.previous = signal.SIG_DFL if previous is None else previous
        _state.armed = True
        signal.setitimer(signal.ITIMER_REAL, seconds)


def _stop() -> None:
    """Idempotent, so that it can be run again if the timer fired while it ran."""
    _state.armed = False  # first: from here on, the handler does nothing
    _state.running = False
    if _state.previous is not None:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, _state.previous)
        _state.previous = None


def bounded(path: str, work: t.Callable[[], T], *, seconds: float | None = None) -> T:
    """``work()`` (reading one repository file, ``path``) within the per-file time budget.

    Raises :class:`ParseError` naming ``path`` when the time is up or the work fails in any way;
    a ``ParseError`` the work raises itself passes through unchanged. Nested in another
    ``bounded`` call, the outer budget covers both.
    """
    budget = FILE_SECONDS if seconds is None else seconds
    nested = _state.running
    try:
        if nested:
            return work()
        _start(budget)
        try:
            return work()
        finally:
            _stop()
    except _Expired:
        if nested:
            raise
        _stop()  # the timer may have fired during the first _stop(), before it completed
        seconds_fr = f"{budget:g}".replace(".", ",")
        raise ParseError(path, f"not analysed: reading it took over {budget:g} s "
                               "(pathological content?); the rest of the scan goes on",
                         fr=f"non analysé : sa lecture a pris plus de {seconds_fr} s (contenu "
                            "pathologique ?) ; le reste de l'analyse continue") from None
    except ParseError:
        raise
    except RecursionError:
        raise ParseError(path, "not analysed: nested too deeply",
                         fr="non analysé : imbrication trop profonde") from None
    except MemoryError:
        raise ParseError(path, "not analysed: too large to hold in memory",
                         fr="non analysé : trop volumineux pour la mémoire disponible") from None
    except Exception as exc:  # one file must never cost the others, whatever it triggers
        log.debug("reading %s failed", path, exc_info=True)
        reason = f"{type(exc).__name__}: {(str(exc).splitlines() or [''])[0][:200]}"
        raise ParseError(path, f"not analysed: {reason}",
                         fr=f"non analysé : {reason}") from None


def guarded(path: str, source: str, problems: list[dict[str, t.Any]],
            work: t.Callable[[], T], default: T) -> T:
    """:func:`bounded`, with a failure recorded in ``problems`` (for collector ``source``) and
    ``default`` returned instead."""
    try:
        return bounded(path, work)
    except ParseError as exc:
        problems.append(exc.to_problem(source))
        return default
