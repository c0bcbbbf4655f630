"""``FakeForge``: fake GitHub and GitLab HTTP servers on 127.0.0.1, for tests and benchmarks.

GitHub answers on one port like GitHub Enterprise (REST below ``/api/v3``, GraphQL at
``/api/graphql``, so PyGithub's ``base_url`` works), GitLab on another (REST below ``/api/v4``,
GraphQL at ``/api/graphql``, so ``gitlab.Gitlab(url)`` works). Every request is counted and
logged (never a token: only whether one was sent), then may be delayed or faulted per the
``FaultPlan``, authenticated, rate-limited and answered.
"""

from __future__ import annotations

import hashlib
import socket
import struct
import threading
import time
import typing as t
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType

from tests.fakeforge import github_graphql, github_rest, gitlab_graphql, gitlab_rest
from tests.fakeforge.faults import Fault, FaultPlan, truncate
from tests.fakeforge.model import Forge
from tests.fakeforge.ratelimit import Budget
from tests.fakeforge.wire import Ctx, Request, Response, etag_matches, json_response, raw_response

#: Request headers kept in the log (values are not secrets; Authorization is logged as a bool).
LOGGED_HEADERS = ("if-none-match", "if-modified-since", "accept", "content-type", "user-agent")
Side = t.Literal["github", "gitlab", "web"]


@dataclass(frozen=True)
class Limits:
    """Rate-limit budgets; small windows let tests see a budget refill."""

    rest: int = 5_000
    rest_anonymous: int = 60
    graphql: int = 5_000
    gitlab: int = 2_000
    window: float = 3_600.0
    gitlab_window: float = 60.0


@dataclass(frozen=True)
class LoggedRequest:
    method: str
    #: Path and query as sent, ``private_token``/``access_token`` parameters removed.
    path: str
    kind: str
    status: int
    headers: dict[str, str]
    authorization: bool
    fault: str | None = None
    #: GraphQL operation name and cost, when the handler reported them.
    notes: dict[str, t.Any] = field(default_factory=dict)


class Stats:
    """Counters over both servers; safe to read while requests are served."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        with self._lock:
            self.total = 0
            self.by_kind: Counter[str] = Counter()
            self.by_status: Counter[int] = Counter()
            self.log: list[LoggedRequest] = []
            self.in_flight = 0
            self.max_in_flight = 0

    def begin(self) -> None:
        with self._lock:
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)

    def end(self, record: LoggedRequest) -> None:
        with self._lock:
            self.in_flight -= 1
            self.total += 1
            self.by_kind[record.kind] += 1
            self.by_status[record.status] += 1
            self.log.append(record)

    def requests(self, kind: str | None = None) -> list[LoggedRequest]:
        """Logged requests, of one endpoint kind (or forge prefix such as "github") if given."""
        with self._lock:
            log = list(self.log)
        if kind is None:
            return log
        return [r for r in log if r.kind == kind or r.kind.startswith(kind + ".")]


def _drop_secrets(target: str) -> str:
    path, _, query = target.partition("?")
    kept = [p for p in query.split("&") if p and p.split("=", 1)[0] not in ("private_token", "access_token")]
    return path + ("?" + "&".join(kept) if kept else "")


class _State:
    """Everything the request handlers of both servers share."""

    def __init__(self, forge: Forge, latency: float | Callable[[str], float], faults: FaultPlan,
                 token: str | None, limits: Limits, tree_entry_limit: int) -> None:
        self.forge = forge
        self.latency = latency
        self.faults = faults
        self.token = token
        self.limits = limits
        self.tree_entry_limit = tree_entry_limit
        self.stats = Stats()
        self.stopping = threading.Event()
        self.github_origin = self.gitlab_origin = self.web_origin = ""
        self.rest_budgets = {True: Budget("core", limits.rest, limits.window),
                             False: Budget("core", limits.rest_anonymous, limits.window)}
        self.graphql_budget = Budget("graphql", limits.graphql, limits.window)
        self.gitlab_budget = Budget("gitlab", limits.gitlab, limits.gitlab_window)

    def rest_budget(self, authenticated: bool) -> Budget:
        return self.rest_budgets[authenticated]

    # Authentication -----------------------------------------------------------------------------
    def _credential(self, side: Side, req: Request) -> str | None:
        auth = req.headers.get("authorization", "")
        scheme, _, value = auth.partition(" ")
        if scheme.lower() in ("token", "bearer") and value:
            return value.strip()
        if side == "gitlab":
            headers = req.headers
            return headers.get("private-token") or headers.get("job-token") or req.arg("private_token")
        return None

    def authenticate(self, side: Side, kind: str, req: Request) -> tuple[bool, Response | None]:
        """(authenticated, the 401 to send instead); a token is checked only if the fake has one."""
        credential = self._credential(side, req)
        if side == "web":  # static documents: anyone may read them, no credential is expected
            return credential is not None, None
        if self.token is not None and credential != self.token:
            if side == "gitlab":
                if kind == "gitlab.graphql":
                    return False, json_response(401, {"errors": [{"message": "Invalid token"}]})
                return False, json_response(401, {"message": "401 Unauthorized"})
            if credential is None:
                doc = "/graphql/guides/forming-calls-with-graphql#authenticating-with-graphql"
                message = ("This endpoint requires you to be authenticated." if kind == "github.graphql"
                           else "Requires authentication")
                return False, github_rest.error(401, message, doc if kind == "github.graphql" else "")
            return False, github_rest.error(401, "Bad credentials")
        if kind == "github.graphql" and credential is None:
            return False, json_response(401, {
                "message": "This endpoint requires you to be authenticated.",
                "documentation_url": "https://docs.github.com/graphql/guides/forming-calls-with-graphql"
                                     "#authenticating-with-graphql"})
        return credential is not None, None

    # Dispatch -----------------------------------------------------------------------------------
    def route(self, side: Side, req: Request, ctx: Ctx) -> tuple[str, Callable[[Ctx, Request], Response]]:
        path = req.raw_path
        if side == "web":
            return "web.document", _document
        if side == "github":
            if path.rstrip("/") == "/api/graphql":
                return "github.graphql", github_graphql.handle
            if path.startswith("/api/v3/") or path == "/api/v3":
                return github_rest.route(ctx, path[len("/api/v3"):] or "/")
            return "github.other", lambda c, r: github_rest.not_found()
        if path.rstrip("/") == "/api/graphql":
            return "gitlab.graphql", gitlab_graphql.handle
        if path.startswith("/api/v4/"):
            return gitlab_rest.route(path[len("/api/v4"):])
        return "gitlab.other", lambda c, r: gitlab_rest.error(404, "404 Not Found")

    def serve(self, side: Side, req: Request) -> tuple[str, Response | None, Fault | None]:
        """(endpoint kind, answer, fault); no answer with a connection fault (reset, timeout)."""
        origin = {"github": self.github_origin, "gitlab": self.gitlab_origin,
                  "web": self.web_origin}[side]
        ctx = Ctx(self.forge, api=f"{origin}/api/v3" if side == "github" else f"{origin}/api/v4",
                  web=origin, authenticated=False, tree_entry_limit=self.tree_entry_limit, state=self)
        kind, handler = self.route(side, req, ctx)
        latency = self.latency(kind) if callable(self.latency) else self.latency
        if latency:
            self.stopping.wait(latency)
        fault = self.faults.pick(kind, _drop_secrets(req.raw_path + ("?" if req.query else "")))
        authenticated, refusal = self.authenticate(side, kind, req)
        ctx.authenticated = authenticated
        graphql = kind.endswith(".graphql")
        if fault is not None:
            if fault.kind == "delay":
                self.stopping.wait(fault.hold)
            elif fault.kind in ("reset", "timeout"):
                return kind, None, fault
            elif fault.kind == "truncated_tree":
                ctx.truncate_tree = True
            elif (answer := fault.render(gitlab=side == "gitlab", graphql=graphql,
                                         authenticated=authenticated)) is not None:
                return kind, self._decorate(side, kind, answer, authenticated, fault_headers=True), fault
        if refusal is not None:
            return kind, self._decorate(side, kind, refusal, authenticated), fault
        if (limited := self._over_budget(side, kind, authenticated)) is not None:
            return kind, limited, fault
        response = handler(ctx, req)
        if side == "github" and response.cacheable and response.status == 200 and req.method == "GET":
            etag = f'W/"{hashlib.sha256(response.body).hexdigest()}"'
            response.headers["ETag"] = etag
            if etag_matches(req.headers.get("if-none-match"), etag):
                response = Response(304, b"", {"ETag": etag, **{k: v for k, v in response.headers.items()
                                                                if k in ("Last-Modified", "Link")}})
        self._charge(side, kind, response, authenticated)
        response = self._decorate(side, kind, response, authenticated)
        if fault is not None and fault.kind == "truncated_json":
            response.body = truncate(response.body)
        return kind, response, fault

    def _over_budget(self, side: Side, kind: str, authenticated: bool) -> Response | None:
        if side == "web":
            return None
        if side == "gitlab":
            if self.gitlab_budget.remaining > 0:
                return None
            wait = max(1, self.gitlab_budget.reset - int(time.time()))
            answer = raw_response(429, b"Retry later\n", "text/plain", {"Retry-After": str(wait)})
            return self._decorate(side, kind, answer, authenticated)
        if kind in ("github.graphql", "github.rate_limit") or self.rest_budget(authenticated).remaining > 0:
            return None
        who = "user ID 1" if authenticated else "127.0.0.1"
        answer = github_rest.error(403, f"API rate limit exceeded for {who}.",
                                   "/overview/rate-limits-for-the-rest-api")
        return self._decorate(side, kind, answer, authenticated)

    def _charge(self, side: Side, kind: str, response: Response, authenticated: bool) -> None:
        """GitHub: /rate_limit is free, and so is a 304 to an authenticated request."""
        if side == "web":
            return
        if side == "gitlab":
            self.gitlab_budget.take()
        elif kind not in ("github.graphql", "github.rate_limit") and not (
                response.status == 304 and authenticated):
            self.rest_budget(authenticated).take()

    def _decorate(self, side: Side, kind: str, response: Response, authenticated: bool, *,
                  fault_headers: bool = False) -> Response:
        """Each forge's standing headers; a rate-limit fault's own headers win."""
        if side == "web":
            return response
        if side == "github":
            budget = self.graphql_budget if kind == "github.graphql" else self.rest_budget(authenticated)
            standing = {**budget.github_headers(),
                        "X-GitHub-Media-Type": "github.v4; format=json" if kind == "github.graphql"
                        else "github.v3; format=json",
                        "x-github-api-version-selected": "2022-11-28",
                        "X-GitHub-Request-Id": f"FAKE:{self.stats.total:08X}"}
        else:
            # An error made in front of Rails (proxy 5xx, a throttle's 429) carries no RateLimit-*
            # of Rails: python-gitlab would otherwise wait for RateLimit-Reset on a 502.
            standing = {} if fault_headers else self.gitlab_budget.gitlab_headers()
            standing["X-Request-Id"] = f"fake{self.stats.total:08x}"
        response.headers = {**standing, **response.headers}
        return response


def _document(ctx: Ctx, req: Request) -> Response:
    """The web server: ``Forge.documents`` by path, else 404."""
    document = ctx.forge.documents.get(req.raw_path)
    if document is None:
        return raw_response(404, b"Not Found\n", "text/plain")
    return Response(document.status, document.body if req.method != "HEAD" else b"",
                    {"Content-Type": document.content_type, **dict(document.headers)})


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self, state: _State, side: Side) -> None:
        self.state = state
        self.side = side
        super().__init__(("127.0.0.1", 0), _Handler)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    #: Headers and body leave in two writes; with Nagle's algorithm on, a kept-alive connection
    #: would wait for the client's delayed ACK (about 40 ms) on every request.
    disable_nagle_algorithm = True
    server: _Server
    server_version = "FakeForge"
    sys_version = ""

    def log_message(self, format: str, *args: t.Any) -> None:
        """Quiet: tests read the request log instead."""

    def do_GET(self) -> None:
        self._serve()

    def do_HEAD(self) -> None:
        self._serve()

    def do_POST(self) -> None:
        self._serve()

    def _serve(self) -> None:
        state = self.server.state
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        headers = {k.lower(): v for k, v in self.headers.items()}
        host, port = self.server.server_address[:2]
        req = Request.parse(self.command, self.path, headers, body, f"http://{host!s}:{port}")
        state.stats.begin()
        kind, response, fault = "?", None, None
        try:
            kind, response, fault = state.serve(self.server.side, req)
        finally:  # logged before the answer leaves, so a client never sees it unlogged
            state.stats.end(LoggedRequest(
                method=self.command, path=_drop_secrets(self.path), kind=kind,
                status=response.status if response else 0,
                headers={k: headers[k] for k in LOGGED_HEADERS if k in headers},
                authorization=any(k in headers for k in ("authorization", "private-token", "job-token"))
                or "private_token=" in self.path,
                fault=fault.kind if fault else None, notes=dict(req.notes)))
        try:
            if response is None:
                self._drop(fault)
                return
            self.send_response(response.status)
            for name, value in response.headers.items():
                self.send_header(name, value)
            if response.status != 304:
                self.send_header("Content-Length", str(len(response.body)))
            self.end_headers()
            if self.command != "HEAD" and response.status != 304:
                self.wfile.write(response.body)
        except OSError:
            self.close_connection = True

    def _drop(self, fault: Fault | None) -> None:
        """A timeout holds the connection, then closes it; a reset aborts it (RST)."""
        self.close_connection = True
        if fault is not None and fault.kind == "timeout":
            self.server.state.stopping.wait(fault.hold)
            self.connection.shutdown(socket.SHUT_RDWR)
        else:
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()


class FakeForge:
    """Fake GitHub and GitLab serving ``forge`` while the context is open.

    ``latency``: seconds added to every request, or a function of the endpoint kind.
    ``token``: when set, a request must carry it (GitHub ``Authorization: token|Bearer``, GitLab
    ``PRIVATE-TOKEN`` or ``Authorization: Bearer``) or gets the forge's 401. GitHub GraphQL
    always needs some token, as on GitHub.
    """

    def __init__(self, forge: Forge, *, latency: float | Callable[[str], float] = 0.0,
                 faults: FaultPlan | None = None, token: str | None = None, limits: Limits | None = None,
                 tree_entry_limit: int = 100_000) -> None:
        self._state = _State(forge, latency, faults or FaultPlan(), token, limits or Limits(),
                             tree_entry_limit)
        self._servers: list[_Server] = []
        self._threads: list[threading.Thread] = []
        self.github_url = self.github_api_url = self.github_graphql_url = self.gitlab_url = ""
        self.web_url = ""

    # Lifecycle ------------------------------------------------------------------------------------
    def start(self) -> FakeForge:
        sides: tuple[Side, Side, Side] = ("github", "gitlab", "web")
        for side in sides:
            server = _Server(self._state, side)
            thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                                      name=f"fakeforge-{side}", daemon=True)
            thread.start()
            self._servers.append(server)
            self._threads.append(thread)
        gh_port, gl_port, web_port = (s.server_address[1] for s in self._servers)
        self._state.github_origin = self.github_url = f"http://127.0.0.1:{gh_port}"
        self._state.gitlab_origin = self.gitlab_url = f"http://127.0.0.1:{gl_port}"
        self._state.web_origin = self.web_url = f"http://127.0.0.1:{web_port}"
        self.github_api_url = f"{self.github_url}/api/v3"
        self.github_graphql_url = f"{self.github_url}/api/graphql"
        self.gitlab_api_url = f"{self.gitlab_url}/api/v4"
        self.gitlab_graphql_url = f"{self.gitlab_url}/api/graphql"
        return self

    def stop(self) -> None:
        self._state.stopping.set()
        for server in self._servers:
            server.shutdown()
            server.server_close()
        for thread in self._threads:
            thread.join(timeout=5)
        self._servers.clear()
        self._threads.clear()

    def __enter__(self) -> FakeForge:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.stop()

    # What tests look at -------------------------------------------------------------------------
    @property
    def forge(self) -> Forge:
        return self._state.forge

    @property
    def stats(self) -> Stats:
        return self._state.stats

    @property
    def faults(self) -> FaultPlan:
        return self._state.faults

    @faults.setter
    def faults(self, plan: FaultPlan) -> None:
        self._state.faults = plan

    @property
    def requests(self) -> int:
        """Requests answered (or dropped) so far, both forges."""
        return self._state.stats.total

    def count(self, kind: str) -> int:
        """Requests of one endpoint kind ("github.tree") or forge ("gitlab")."""
        return len(self._state.stats.requests(kind))

    def rest_budget(self, authenticated: bool = True) -> Budget:
        return self._state.rest_budget(authenticated)

    @property
    def graphql_budget(self) -> Budget:
        return self._state.graphql_budget

    @property
    def gitlab_budget(self) -> Budget:
        return self._state.gitlab_budget
