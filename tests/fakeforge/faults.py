"""Fault injection: which request fails, and how, with each forge's real error bodies and headers.

A ``FaultPlan`` holds rules. A rule matches requests by endpoint kind (``"github.graphql"``, a
forge prefix such as ``"gitlab"``, or ``"*"``) and optionally a path regex; it fires on the
``nth`` matching requests (1-based), or with a ``probability`` drawn from the plan's seeded RNG,
or on every match; ``times`` caps how often it fires. ``Rule(Fault.server_error(502),
"github.repo", times=3)`` is "502 three times, then 200". Waits that faults ask for (reset,
retry-after) default to 1 s so client tests stay fast.
"""

from __future__ import annotations

import json
import math
import os
import random
import re
import signal
import threading
import time
import typing as t
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field
from email.utils import formatdate

from tests.fakeforge.wire import Response, json_response, raw_response

FaultKind = t.Literal["server_error", "timeout", "reset", "primary_rate_limit", "secondary_rate_limit",
                      "too_many_requests", "graphql_rate_limited", "forbidden", "html_page",
                      "truncated_json", "truncated_tree", "delay"]
#: The HTTP-date Retry-After of conventions.md case 50: long past.
PAST_HTTP_DATE = "Wed, 21 Oct 2015 07:28:00 GMT"
SECONDARY_MESSAGE = ("You have exceeded a secondary rate limit. Please wait a few minutes before you try "
                     "again. If you reach out to GitHub Support for help, please include the request "
                     "ID 0000:FAKE:0000.")
GRAPHQL_TIMEOUT_MESSAGE = ("Something went wrong while executing your query. This may be the result of a "
                           "timeout, or it could be a GitHub bug. Please include `0000:FAKE:0000` when "
                           "reporting this issue.")
NOT_ACCESSIBLE_MESSAGE = "Resource not accessible by integration"
SAML_MESSAGE = ("Resource protected by organization SAML enforcement. You must grant your Personal Access "
                "token access to this organization.")
PROXY_PAGE = (b"<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
              b"<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n"
              b"</body>\r\n</html>\r\n")
_REASONS = {500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable",
            504: "Gateway Timeout"}


def http_date_in(seconds: float) -> str:
    """An HTTP-date ``seconds`` from now (negative: in the past), for Retry-After."""
    return formatdate(time.time() + seconds, usegmt=True)


@dataclass(frozen=True)
class Fault:
    kind: FaultKind
    status: int = 0
    #: timeout: seconds the connection is held before it is closed without an answer;
    #: delay: seconds added before a normal answer.
    hold: float = 0.0
    #: Seconds (sent as a whole number, rounded up) or a header value sent as is; None: no header.
    retry_after: float | str | None = None
    #: Seconds from now to the rate-limit reset (negative: in the past); None: no reset header.
    reset_in: float | None = None
    #: GitLab Dedicated's 429 body: plain text "Retry later".
    plain_text: bool = False
    #: forbidden: the 403 is GitHub's SAML SSO enforcement (with its X-GitHub-SSO header).
    saml: bool = False

    @classmethod
    def server_error(cls, status: int = 502) -> Fault:
        return cls("server_error", status=status)

    @classmethod
    def timeout(cls, hold: float = 2.0) -> Fault:
        return cls("timeout", hold=hold)

    @classmethod
    def connection_reset(cls) -> Fault:
        return cls("reset")

    @classmethod
    def primary_rate_limit(cls, reset_in: float = 1.0, status: int = 403) -> Fault:
        return cls("primary_rate_limit", status=status, reset_in=reset_in)

    @classmethod
    def secondary_rate_limit(cls, retry_after: float | str | None = 1, status: int = 403) -> Fault:
        return cls("secondary_rate_limit", status=status, retry_after=retry_after)

    @classmethod
    def too_many_requests(cls, retry_after: float | str | None = 1, reset_in: float | None = None,
                          plain_text: bool = False) -> Fault:
        return cls("too_many_requests", status=429, retry_after=retry_after, reset_in=reset_in,
                   plain_text=plain_text)

    @classmethod
    def graphql_rate_limited(cls, reset_in: float = 1.0) -> Fault:
        return cls("graphql_rate_limited", status=200, reset_in=reset_in)

    @classmethod
    def forbidden(cls, saml: bool = False) -> Fault:
        """A 403 that is no rate limit: "Resource not accessible by integration", or SAML SSO."""
        return cls("forbidden", status=403, saml=saml)

    @classmethod
    def html_page(cls) -> Fault:
        return cls("html_page", status=200)

    @classmethod
    def truncated_json(cls) -> Fault:
        return cls("truncated_json")

    @classmethod
    def truncated_tree(cls) -> Fault:
        return cls("truncated_tree")

    @classmethod
    def delay(cls, seconds: float) -> Fault:
        return cls("delay", hold=seconds)

    def render(self, *, gitlab: bool, graphql: bool, authenticated: bool) -> Response | None:
        """The answer this fault gives in place of the real one; None when the fault acts on the
        connection or on the real answer instead (timeout, reset, truncation, delay)."""
        if self.kind == "server_error":
            return _server_error(self.status, gitlab=gitlab, graphql=graphql)
        if self.kind == "html_page":
            return raw_response(200, PROXY_PAGE, "text/html")
        if self.kind == "forbidden":
            return _forbidden(gitlab=gitlab, saml=self.saml)
        if self.kind in ("primary_rate_limit", "secondary_rate_limit", "too_many_requests",
                         "graphql_rate_limited"):
            return self._rate_limited(gitlab=gitlab, authenticated=authenticated)
        return None

    def _headers(self) -> dict[str, str]:
        headers = {}
        if isinstance(self.retry_after, str):
            headers["Retry-After"] = self.retry_after
        elif self.retry_after is not None:
            headers["Retry-After"] = str(max(0, math.ceil(self.retry_after)))
        return headers

    def _reset(self) -> int:
        return math.ceil(time.time() + (self.reset_in or 0.0))

    def _rate_limited(self, *, gitlab: bool, authenticated: bool) -> Response:
        headers = self._headers()
        who = "user ID 1" if authenticated else "127.0.0.1"
        if gitlab:
            if self.reset_in is not None:
                reset = self._reset()
                headers.update({"RateLimit-Limit": "2000", "RateLimit-Observed": "2000",
                                "RateLimit-Remaining": "0", "RateLimit-Reset": str(reset),
                                "RateLimit-ResetTime": formatdate(reset, usegmt=True)})
            if self.kind in ("primary_rate_limit", "secondary_rate_limit") and "Retry-After" not in headers:
                headers["Retry-After"] = "1"
            if self.plain_text or self.kind != "graphql_rate_limited":
                return raw_response(429, b"Retry later\n", "text/plain", headers)
            return json_response(200, {"errors": [{"message": "Retry later"}]}, headers)
        if self.reset_in is not None or self.kind in ("primary_rate_limit", "graphql_rate_limited"):
            headers.update({"X-RateLimit-Limit": "5000", "X-RateLimit-Remaining": "0",
                            "X-RateLimit-Used": "5000", "X-RateLimit-Reset": str(self._reset())})
        if self.kind == "graphql_rate_limited":
            return json_response(200, {"errors": [{"type": "RATE_LIMITED", "code": "graphql_rate_limit",
                                                   "message": f"API rate limit exceeded for {who}."}]},
                                 headers)
        if self.kind == "primary_rate_limit" or (self.kind == "too_many_requests" and self.reset_in):
            message = f"API rate limit exceeded for {who}."
            if not authenticated:
                message += (" (But here's the good news: Authenticated requests get a higher rate limit."
                            " Check out the documentation for more details.)")
            doc = "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api"
        else:
            message = SECONDARY_MESSAGE
            doc = ("https://docs.github.com/free-pro-team@latest/rest/overview/"
                   "rate-limits-for-the-rest-api#about-secondary-rate-limits")
        status = self.status or 403
        return json_response(status, {"message": message, "documentation_url": doc, "status": str(status)},
                             headers)


def _forbidden(*, gitlab: bool, saml: bool) -> Response:
    if gitlab:
        return json_response(403, {"message": "403 Forbidden"})
    if saml:
        return json_response(403, {"message": SAML_MESSAGE, "documentation_url":
                                   "https://docs.github.com/articles/authenticating-to-a-github-organization"
                                   "-with-saml-single-sign-on/", "status": "403"},
                             {"X-GitHub-SSO": "required; url=https://github.com/orgs/fake/sso?authorization"
                                              "_request=FAKE"})
    return json_response(403, {"message": NOT_ACCESSIBLE_MESSAGE, "documentation_url":
                               "https://docs.github.com/rest/repos/repos#get-a-repository", "status": "403"})


def _server_error(status: int, *, gitlab: bool, graphql: bool) -> Response:
    reason = _REASONS.get(status, "Server Error")
    if gitlab:
        if status in (502, 504):
            page = (f"<!DOCTYPE html>\n<html><head><title>GitLab is not responding ({status})</title></head>"
                    f"<body><h1>{status}</h1><h3>Whoops, GitLab is taking too much time to respond."
                    f"</h3></body></html>\n").encode()
            return raw_response(status, page, "text/html; charset=utf-8")
        return json_response(status, {"message": f"{status} {reason}"})
    if graphql and status in (502, 504):
        return json_response(status, {"data": None, "errors": [{"message": GRAPHQL_TIMEOUT_MESSAGE}]})
    return json_response(status, {"error": "Server Error"} if status in (500, 502) else
                         {"message": reason, "documentation_url": "https://docs.github.com/rest"})


@dataclass
class Rule:
    fault: Fault
    #: Endpoint kind, forge prefix ("github", "gitlab") or "*".
    where: str = "*"
    #: 1-based numbers of the matching requests to fail.
    nth: Collection[int] = ()
    probability: float | None = None
    times: int | None = None
    #: Regex searched in the request path (with its query string).
    path: str | None = None
    seen: int = field(default=0, init=False)
    fired: int = field(default=0, init=False)

    def matches(self, kind: str, path: str) -> bool:
        where = self.where
        if where != "*" and kind != where and not kind.startswith(where + "."):
            return False
        return self.path is None or re.search(self.path, path) is not None


class FaultPlan:
    """Rules tried in order; the first that fires decides. Thread-safe and deterministic per seed
    (for a given order of requests)."""

    def __init__(self, *rules: Rule, seed: int = 0) -> None:
        self.rules = list(rules)
        self._rng = random.Random(seed)
        self._lock = threading.Lock()
        #: (fault kind, endpoint kind) -> times fired.
        self.fired: Counter[tuple[str, str]] = Counter()

    def add(self, fault: Fault, where: str = "*", *, nth: Collection[int] = (),
            probability: float | None = None, times: int | None = None, path: str | None = None) -> FaultPlan:
        self.rules.append(Rule(fault, where, nth, probability, times, path))
        return self

    def pick(self, kind: str, path: str) -> Fault | None:
        chosen: Fault | None = None
        with self._lock:
            for rule in self.rules:
                if not rule.matches(kind, path):
                    continue
                rule.seen += 1
                if chosen is not None or (rule.times is not None and rule.fired >= rule.times):
                    continue
                if rule.nth:
                    fire = rule.seen in rule.nth
                elif rule.probability is not None:
                    fire = self._rng.random() < rule.probability
                else:
                    fire = True
                if fire:
                    rule.fired += 1
                    chosen = rule.fault
                    self.fired[(rule.fault.kind, kind)] += 1
        return chosen


def truncate(body: bytes) -> bytes:
    """Half of a JSON body: what a dropped proxy connection leaves."""
    cut = body[: max(1, len(body) // 2)]
    try:
        json.loads(cut)
    except ValueError:
        return cut
    return body[:-1] if len(body) > 1 else b"{"


def every_fault(seed: int, *, forge: str = "github", always_cut: str | None = None) -> FaultPlan:
    """What a crawl meets on a bad day, on one forge: 5% server errors (500, 502, 503, 504) and,
    about 1% each, timeouts, connection resets and rate limits (GitHub: primary, secondary, and
    3% of GraphQL answers ``RATE_LIMITED`` with HTTP 200; GitLab: 429 without headers, with an
    HTTP-date ``Retry-After``, with a reset in the past, and as plain text), plus 10% truncated
    trees (GitHub); every kind fires at least once. ``always_cut`` (``owner/name``) has every
    tree of that repository truncated, so that it cannot be completed."""
    plan = FaultPlan(seed=seed)
    graphql = f"{forge}.graphql"
    tree = f"{forge}.tree"
    first: list[tuple[Fault, str, int]] = [(Fault.connection_reset(), graphql, 3),
                                           (Fault.timeout(hold=0.2), tree, 7)]
    random_faults: list[tuple[Fault, str, float]] = [
        (Fault.server_error(502), forge, 0.02), (Fault.server_error(500), forge, 0.01),
        (Fault.server_error(503), forge, 0.01), (Fault.server_error(504), forge, 0.01),
        (Fault.timeout(hold=0.2), forge, 0.01), (Fault.connection_reset(), forge, 0.01)]
    if forge == "github":
        first.append((Fault.graphql_rate_limited(reset_in=1), graphql, 2))
        random_faults += [(Fault.primary_rate_limit(reset_in=1), forge, 0.01),
                          (Fault.secondary_rate_limit(retry_after=1), forge, 0.01),
                          (Fault.graphql_rate_limited(reset_in=1), graphql, 0.03),
                          (Fault.truncated_tree(), tree, 0.1)]
    else:
        first.append((Fault.too_many_requests(retry_after=None), forge, 5))
        random_faults += [(Fault.too_many_requests(retry_after=None), forge, 0.005),
                          (Fault.too_many_requests(retry_after=PAST_HTTP_DATE), forge, 0.005),
                          (Fault.too_many_requests(retry_after=None, reset_in=-30), forge, 0.005),
                          (Fault.too_many_requests(plain_text=True), forge, 0.005)]
    for fault, where, nth in first:
        plan.add(fault, where, nth=[nth])
    if always_cut:
        plan.add(Fault.truncated_tree(), tree, path=f"/{always_cut}/git/trees/")
    for fault, where, probability in random_faults:
        plan.add(fault, where, probability=probability)
    return plan


class Killer:
    """A ``latency`` hook for :class:`FakeForge` that kills a process (``pid``, SIGKILL) as the
    server receives the ``after``-th tree request: a crash at a deterministic point halfway
    through a crawl, whatever the machine's speed. ``pid`` None: does nothing."""

    def __init__(self) -> None:
        self.pid: int | None = None
        self.after = 0
        self.seen = 0
        self._lock = threading.Lock()

    def arm(self, pid: int, after: int) -> None:
        with self._lock:
            self.pid, self.after, self.seen = pid, after, 0

    def disarm(self) -> None:
        with self._lock:
            self.pid = None

    def __call__(self, kind: str) -> float:
        with self._lock:
            if self.pid is not None and kind.endswith(".tree"):
                self.seen += 1
                if self.seen == self.after:
                    os.kill(self.pid, signal.SIGKILL)
        return 0.0


class VirtualTime:
    """A client's clock and sleep for fault runs: waits are recorded and pass at once, and the
    clock moves on by them (so that pacing and rate-limit resets see the time go by)."""

    def __init__(self) -> None:
        self.waits: list[float] = []
        self.elapsed = 0.0
        self._lock = threading.Lock()

    def sleep(self, seconds: float) -> None:
        with self._lock:
            self.waits.append(seconds)
            self.elapsed += seconds

    def clock(self) -> float:
        return time.time() + self.elapsed

    def crawler(self, crawl: t.Any = None, listener: t.Any = None) -> t.Any:
        """A :class:`~scanner.sources.crawl.Crawler` living on this time."""
        from scanner.sources.crawl import Crawler, CrawlOptions

        made = Crawler(crawl or CrawlOptions(), listener, sleep=self.sleep)
        made.policy.clock = self.clock
        return made
