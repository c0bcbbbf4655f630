"""Rate-limit budgets: a number of points per window, reported in each forge's headers."""

from __future__ import annotations

import math
import threading
import time
from email.utils import formatdate


class Budget:
    """``limit`` points per ``window`` seconds; the window starts at creation and rolls over."""

    def __init__(self, resource: str, limit: int, window: float) -> None:
        self.resource = resource
        self.limit = limit
        self.window = window
        self.used = 0
        self.reset_at = time.time() + window
        self._lock = threading.Lock()

    def _roll(self) -> None:
        now = time.time()
        if now >= self.reset_at:
            self.used = 0
            self.reset_at = now + self.window

    @property
    def remaining(self) -> int:
        with self._lock:
            self._roll()
            return max(0, self.limit - self.used)

    @property
    def reset(self) -> int:
        """The reset instant as the headers give it: whole epoch seconds, rounded up."""
        return math.ceil(self.reset_at)

    def take(self, cost: int = 1) -> bool:
        """Spend ``cost`` points; False (and nothing spent) if fewer remain."""
        with self._lock:
            self._roll()
            if self.used + cost > self.limit:
                return False
            self.used += cost
            return True

    def snapshot(self) -> dict[str, int]:
        remaining = self.remaining
        return {"limit": self.limit, "used": self.limit - remaining, "remaining": remaining,
                "reset": self.reset}

    def github_headers(self) -> dict[str, str]:
        snap = self.snapshot()
        return {"X-RateLimit-Limit": str(snap["limit"]), "X-RateLimit-Remaining": str(snap["remaining"]),
                "X-RateLimit-Reset": str(snap["reset"]), "X-RateLimit-Used": str(snap["used"]),
                "X-RateLimit-Resource": self.resource}

    def gitlab_headers(self) -> dict[str, str]:
        snap = self.snapshot()
        return {"RateLimit-Limit": str(snap["limit"]), "RateLimit-Observed": str(snap["used"]),
                "RateLimit-Remaining": str(snap["remaining"]), "RateLimit-Reset": str(snap["reset"]),
                "RateLimit-ResetTime": formatdate(snap["reset"], usegmt=True)}
