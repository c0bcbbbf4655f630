"""One retry and rate-limit policy for every forge request (GitHub and GitLab alike).

The clients' own retry machinery is switched off: PyGithub's re-sends a timed-out GraphQL query
ten times without delay and sleeps silently, python-gitlab's crashes on an HTTP-date
``Retry-After`` or a reset in the past (conventions §5.3). Here every wait is computed from the
response, clamped to be non-negative, said on the progress line, and bounded.
"""

from __future__ import annotations

import collections
import email.utils
import json
import random
import re
import threading
import time
import typing as t
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from scanner.errors import ScanError, UsageError

#: Waits longer than this are not sat through: the repository gets an error card instead and
#: ``--resume`` picks it up later.
MAX_WAIT_S = 3600.0
TRANSIENT_STATUSES = frozenset({500, 502, 503, 504, *range(520, 531)})
_SECONDARY = re.compile(r"secondary rate limit|abuse detection|retry your request again later|"
                        r"wait a few minutes before you try again", re.IGNORECASE)
_PRIMARY = re.compile(r"api rate limit exceeded|rate limit exceeded", re.IGNORECASE)


class BudgetExhausted(ScanError):
    """``--max-requests`` was reached: what is left is reported as not scanned."""


class RateLimited(ScanError):
    """The host asked for a wait longer than civiscan sits through."""


class RemoteFailure(ScanError):
    """A request failed for good; ``status`` is the HTTP status (0: no response)."""

    def __init__(self, message: str, *, fr: str, status: int = 0) -> None:
        super().__init__(message, fr=fr)
        self.status = status


#: What a client's ``send`` returns: status (0: no answer), lower-case headers, the body.
Answer = tuple[int, Mapping[str, str], "str | bytes"]


def denied(what: str, status: int, token_var: str) -> RemoteFailure:
    """The per-repository error for a refused request, in both languages."""
    reasons = {
        401: (f"the token was refused (401): check {token_var}", "le jeton a été refusé (401) : "
              f"vérifiez {token_var}"),
        403: ("access denied (403)", "accès refusé (403)"),
        404: ("not found (404): private, renamed or deleted", "introuvable (404) : privé, renommé "
              "ou supprimé"),
        409: ("empty repository (409): nothing to scan", "dépôt vide (409) : rien à analyser"),
        451: ("unavailable for legal reasons (451)", "indisponible pour raisons légales (451)"),
    }
    en, fr = reasons.get(status, (f"HTTP {status}", f"HTTP {status}"))
    return RemoteFailure(f"{what}: {en}", fr=f"{what} : {fr}", status=status)


def check_api_url(url: str, what: str) -> str:
    """https, or plain http to a loopback host only (local servers and tests)."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if parts.scheme == "https" and host:
        return url.rstrip("/")
    if parts.scheme == "http" and (host in ("localhost", "::1") or host.startswith("127.")):
        return url.rstrip("/")
    raise UsageError(f"{what} {url!r}: must be an https URL (plain http only to a loopback host)",
                     fr=f"{what} {url!r} : doit être une URL https (http seulement vers une "
                        "adresse locale)")


@dataclass
class Pacer:
    """At most ``per_minute`` requests in any 60 s window (GitHub's documented secondary limit
    for REST is 900 points a minute): a burst passes, a sustained flood waits its turn."""

    per_minute: int
    policy: Policy
    _sent: collections.deque[float] = field(default_factory=collections.deque)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __call__(self) -> None:
        while True:
            with self._lock:
                now = self.policy.clock()
                while self._sent and now - self._sent[0] >= 60.0:
                    self._sent.popleft()
                if len(self._sent) < self.per_minute:
                    self._sent.append(now)
                    return
                delay = 60.0 - (now - self._sent[0])
            self.policy.wait(delay, "pacing (secondary rate limit)")


@dataclass
class Verdict:
    """What to do with a response: ``ok``, ``retry`` after ``wait`` seconds, or ``fail``."""

    action: str
    wait: float = 0.0
    reason: str = ""


def parse_retry_after(value: str | None, now: float) -> float | None:
    """Seconds to wait from a ``Retry-After`` header: delta-seconds or an HTTP-date."""
    if not value:
        return None
    value = value.strip()
    if re.fullmatch(r"\d{1,9}", value):
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - now)


def _reset_wait(headers: Mapping[str, str], now: float) -> float | None:
    for name in ("x-ratelimit-reset", "ratelimit-reset"):
        raw = headers.get(name)
        if raw and re.fullmatch(r"\d{1,12}", raw.strip()):
            # One second past the reset; a reset in the past (clock skew) waits that second only.
            return max(0.0, float(raw) - now) + 1.0
    return None


def _remaining_zero(headers: Mapping[str, str]) -> bool:
    return any(headers.get(name, "").strip() == "0"
               for name in ("x-ratelimit-remaining", "ratelimit-remaining"))


def graphql_rate_limited(body: t.Any, headers: Mapping[str, str] | None = None) -> bool:
    """GitHub answers an exhausted GraphQL budget with HTTP 200 and an error of type RATE_LIMITED;
    a GraphQL answer with errors only and an exhausted budget header is the same thing."""
    if not isinstance(body, dict):
        return False
    errors = [e for e in body.get("errors") or [] if isinstance(e, dict)]
    if any(e.get("type") == "RATE_LIMITED" for e in errors):
        return True
    return bool(errors) and not body.get("data") and headers is not None and _remaining_zero(headers)


@dataclass
class Policy:
    """Decides, waits and counts. Shared by every thread of one crawl."""

    max_requests: int | None = None
    max_attempts: int = 6
    #: No answer at all (refused, reset, timed out) is retried fewer times: often it stays so.
    max_silent_attempts: int = 3
    max_wait: float = MAX_WAIT_S
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.time
    on_wait: Callable[[float, str], None] | None = None
    requests: int = 0
    rate_remaining: int | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def spend(self) -> None:
        """Count one request, or stop at the budget."""
        with self._lock:
            if self.max_requests is not None and self.requests >= self.max_requests:
                raise BudgetExhausted(
                    f"request budget of {self.max_requests} used up (--max-requests); not scanned",
                    fr=f"budget de {self.max_requests} requêtes épuisé (--max-requests) ; "
                       "non analysé")
            self.requests += 1

    def observe(self, headers: Mapping[str, str]) -> None:
        raw = headers.get("x-ratelimit-remaining") or headers.get("ratelimit-remaining")
        if raw and raw.strip().isdigit():
            self.rate_remaining = int(raw)

    def judge(self, status: int, headers: Mapping[str, str], body: t.Any, attempt: int) -> Verdict:
        """The verdict on one response (``status`` 0: no response: reset, timeout)."""
        now = self.clock()
        text = body if isinstance(body, str) else json.dumps(body) if body is not None else ""
        if status == 200 and graphql_rate_limited(body, headers):
            return Verdict("retry", _reset_wait(headers, now) or 60.0, "rate limit (GraphQL)")
        if 200 <= status < 400:
            return Verdict("ok")
        if status in (403, 429):
            after = parse_retry_after(headers.get("retry-after"), now)
            if after is not None:
                return Verdict("retry", after, "rate limit (Retry-After)")
            if _remaining_zero(headers):
                return Verdict("retry", _reset_wait(headers, now) or 60.0, "rate limit")
            if _SECONDARY.search(text):
                return Verdict("retry", 60.0 * 2 ** min(attempt, 4), "secondary rate limit")
            if status == 429 or _PRIMARY.search(text):
                return Verdict("retry", min(60.0, 2.0 ** attempt), "rate limit")
            return Verdict("fail", reason="access denied")
        if status == 0 or status in TRANSIENT_STATUSES:
            return Verdict("retry", min(30.0, 2.0 ** attempt) * (0.5 + random.random() / 2),
                           "transient error")
        return Verdict("fail", reason=f"HTTP {status}")

    def call(self, send: Callable[[], Answer], what: str, *, token_var: str,
             raw: bool = False) -> tuple[int, dict[str, str], t.Any]:
        """Send until the verdict is ``ok`` or ``fail``: status, headers and the decoded JSON
        (``raw``: the bytes of a 200). Every attempt is counted against the budget."""
        attempt = 0
        while True:
            self.spend()
            status, head, body = send()
            headers = {k.lower(): v for k, v in head.items()}
            self.observe(headers)
            data: t.Any = None
            text = ""
            if raw and status == 200:
                data = body if isinstance(body, bytes) else body.encode("utf-8")
            else:
                text = body.decode("utf-8", errors="replace") if isinstance(body, bytes) else body
            if text:
                try:
                    data = json.loads(text)
                except ValueError:
                    # A proxy's HTML page or a cut answer is a transient fault, not data.
                    status = status if status >= 400 else 0
            elif status == 200 and data is None:
                status = 0
            judged = text if data is None or isinstance(data, bytes) else data
            verdict = self.judge(status, headers, judged, attempt)
            if verdict.action in ("ok", "fail"):
                return status, headers, data
            attempt += 1
            limit = self.max_silent_attempts if status == 0 else self.max_attempts
            if attempt >= limit:
                if status == 0:
                    raise RemoteFailure(f"{what}: no usable answer after {attempt} attempts",
                                        fr=f"{what} : aucune réponse exploitable après {attempt} "
                                           "tentatives")
                raise denied(what, status, token_var)
            self.wait(verdict.wait, verdict.reason)

    def wait(self, seconds: float, reason: str) -> None:
        if seconds > self.max_wait:
            raise RateLimited(
                f"{reason}: the host asks to wait {seconds:.0f} s, more than {self.max_wait:.0f} s; "
                "run again later with --resume",
                fr=f"{reason} : l'hôte demande d'attendre {seconds:.0f} s, plus de "
                   f"{self.max_wait:.0f} s ; relancez plus tard avec --resume")
        if seconds <= 0:
            return
        if self.on_wait is not None:
            self.on_wait(seconds, reason)
        self.sleep(seconds)
