"""Progress on stderr: a live line on a terminal, a plain line every 10 s elsewhere (CI logs).

Repository names are repository text: they pass through the same neutraliser as every report, so
a name holding escape sequences or workflow commands cannot drive the terminal or the CI runner.
"""

from __future__ import annotations

import threading
import time
import typing as t
from collections.abc import Callable

from scanner.i18n import tr
from scanner.reporters.base import visible

#: Seconds between two plain lines when stderr is not a terminal.
PLAIN_INTERVAL = 10.0


class Progress:
    """Counts repositories found and done; shows requests, rate limit left, ETA and waits."""

    def __init__(self, write: Callable[[str], None], *, live: bool, language: str,
                 requests: Callable[[], int] = lambda: 0,
                 remaining: Callable[[], int | None] = lambda: None,
                 clock: Callable[[], float] = time.monotonic,
                 interval: float | None = None) -> None:
        self.write = write
        self.live = live
        self.language = language
        self.requests = requests
        self.remaining = remaining
        self.clock = clock
        self.interval = PLAIN_INTERVAL if interval is None else interval
        self.total = 0
        self.done = 0
        self.started = clock()
        self.last_plain = self.started
        self.current = ""
        self.note = ""
        self._lock = threading.Lock()
        self._shown = False

    # Listener interface (scanner.sources.crawl.Listener)
    def found(self, count: int) -> None:
        with self._lock:
            self.total += count
        self._show()

    def waiting(self, seconds: float, reason: str) -> None:
        self.note = tr("progress.waiting", self.language, seconds=f"{seconds:.0f}", reason=reason)
        self._show(force=True)

    def notice(self, en: str, fr: str) -> None:
        """Something the user should know before the scan runs long (shown once, in full)."""
        text = fr if self.language == "fr" else en
        self.write(("\r\x1b[2K" if self.live and self._shown else "") + f"civiscan: {text}\n")

    # Called by the run for each repository it scores.
    def __call__(self, name: str) -> None:
        with self._lock:
            self.done += 1
            self.current = name
            self.note = ""
        self._show()

    def line(self) -> str:
        total = max(self.total, self.done)
        parts = [tr("progress.repos", self.language, done=self.done, total=total or "?")]
        requests = self.requests()
        if requests:
            parts.append(tr("progress.requests", self.language, count=requests))
        left = self.remaining()
        if left is not None:
            parts.append(tr("progress.rate_left", self.language, count=left))
        elapsed = self.clock() - self.started
        if self.done and total > self.done and elapsed > 1:
            eta = elapsed / self.done * (total - self.done)
            parts.append(tr("progress.eta", self.language, eta=_duration(eta)))
        if self.note:
            parts.append(self.note)
        elif self.current:
            parts.append(visible(self.current))
        return "civiscan: " + " · ".join(parts)

    def _show(self, force: bool = False) -> None:
        if self.live:
            self.write("\r\x1b[2K" + self.line())
            self._shown = True
            return
        now = self.clock()
        if force or now - self.last_plain >= self.interval:
            self.last_plain = now
            self.write(self.line() + "\n")

    def close(self) -> None:
        """End the live line so what follows starts on a fresh one."""
        if self.live and self._shown:
            self.write("\r\x1b[2K")


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    if seconds < 60:
        return f"{seconds} s"
    if seconds < 3600:
        return f"{seconds // 60} min"
    return f"{seconds // 3600} h {seconds % 3600 // 60:02d}"


__all__: t.Sequence[str] = ["Progress"]
