"""Node web servers (Express, Koa, Fastify...) mounting route code on an ``/api`` prefix.

numerique-gouv/ping-storage keeps its routes in ``src/router/*.ts`` (no ``api/`` folder) and
mounts them with ``app.use('/api', bodyParser.json(), cors(...), router)`` in
``src/app/app.ts:18``. Like an ``api/`` folder of route code, such a mount is weak evidence: it
shows JSON routes, not whether they are offered to anyone but the repository's own front end (a
person decides). Read, bounded: a few server entry files by name (``app``, ``server``,
``index``, ``main``, ``router``; shallowest first, never in vendored, test or client folders),
and only a file that builds a server (``express()``, ``Router()``, ``new Koa``, ``fastify()``)
counts, so a front end's ``axios.get('/api/…')`` never does. Comments are never read
(:mod:`scanner.apispecs.comments`).

:func:`json_routes` reads the same files (and Python ones: Flask, Quart, Bottle) for routes
declared by a server that answers or reads JSON and serves no page: strong evidence of an API.
A framework that can serve pages or JSON (Express, Koa) is judged by what its code does: a router
module (fabnumdef/e-chauffeur_api ``routes/index.mjs``, Koa's ``new Router()`` mounting
``/cars``, ``/rides``...) counts with the JSON sign of the app of its package that mounts it
(``app.mjs``: koa-body), and mail or SMS templates are no pages.
"""

from __future__ import annotations

import re
import typing as t
from collections.abc import Callable, Iterable

from scanner.apispecs.comments import HASH, SLASH, blank, line_at
from scanner.apispecs.discovery import EXCLUDED_DIRS, TEST_DIRS

#: Server entry files read per repository (the shallowest first).
MAX_FILES = 6
#: Deepest folder an entry file is read from (``src/app/app.ts`` is depth 2).
MAX_DEPTH = 3
#: Characters of each file searched.
MAX_CHARS = 256 * 1024

_ENTRY = re.compile(r"(?:^|/)(?:app|server|index|main|router|routes|api)\.(?:[cm]?[jt]s)$")
# Front ends and examples: their code calls an API, it serves none.
_NOT_SERVER = frozenset({"client", "clients", "front", "frontend", "web", "www", "public",
                         "static", "examples", "example", "docs", "doc", "dist", "build"})
# A file that builds a Node web server or router.
_SERVER = re.compile(r"\b[eE]xpress[ \t]*\(|\bRouter[ \t]*\(|\bnew[ \t]+(?:Koa|Router|Hono)\b"
                     r"|\b[fF]astify[ \t]*\(")
_PREFIX = r"(/(?:api|apis|rest|v\d+)(?:/[^'\"`\s]{0,200})?)"
# app.use('/api', router), router.get('/api/users', ...), fastify.register(r, { prefix: '/api' }),
# new Router({ prefix: '/api' }), router.prefix('/api').
_MOUNT = re.compile(
    r"\b(?:app|router|server|routes|apiRouter|fastify)[ \t]*\.[ \t]*(?:use|get|post|put|patch"
    r"|delete|all|route|register)[ \t]*\([ \t]*['\"`]" + _PREFIX + r"['\"`]"
    r"|\bprefix[ \t]*:[ \t]*['\"`]" + _PREFIX + r"['\"`]"
    r"|\.prefix[ \t]*\([ \t]*['\"`]" + _PREFIX + r"['\"`]")


def entry_paths(paths: Iterable[str]) -> list[str]:
    """The server entry files read (for the collector's ``wanted``): none without a
    ``package.json``."""
    listed = list(paths)
    if not any(p == "package.json" or p.endswith("/package.json") for p in listed):
        return []
    found = []
    for path in listed:
        dirs = path.lower().split("/")[:-1]
        # Dot folders (.storybook/main.ts) configure tools, they serve nothing.
        if (len(dirs) <= MAX_DEPTH and _ENTRY.search(path)
                and not any(d.startswith(".") for d in dirs)
                and not set(dirs) & (EXCLUDED_DIRS | TEST_DIRS | _NOT_SERVER)):
            found.append(path)
    found.sort(key=lambda p: (p.count("/"), p))
    return found[:MAX_FILES]


def evidence(paths: Iterable[str], read: Callable[[str], str | None]) -> list[dict[str, t.Any]]:
    """Weak evidence for the first file mounting routes on ``/api``; when files were read and
    none does, a ``none`` entry saying which were read (so a message never claims more)."""
    files = entry_paths(paths)
    read_ok = []
    for path in files:
        text = read(path)
        if text is None:
            continue
        read_ok.append(path)
        # Commented-out code serves nothing (betagouv/a-just's front-offline/server.ts:21).
        head = blank(text[:MAX_CHARS])
        if not _SERVER.search(head):
            continue
        match = _MOUNT.search(head)
        if match:
            # "/api/*" (sante-psy's 404 for undefined /api routes) is said as the prefix "/api".
            prefix = next(g for g in match.groups() if g).rstrip("*").rstrip("/") or "/api"
            line = line_at(head, match.start())
            return [{"kind": "mount", "strength": "weak", "path": path, "line": line,
                     "detail": f"routes served under {prefix} by a Node web server "
                               f"({path}:{line})",
                     "detail_fr": f"routes servies sous {prefix} par un serveur web Node "
                                  f"({path}:{line})"}]
    if not read_ok:
        return []
    shown = ", ".join(read_ok)
    return [{"kind": "mount", "strength": "none", "path": None,
             # Entry files by name, servers or not (a Vue app's src/main.ts).
             "detail": f"no route served under /api in the {len(read_ok)} entry file(s) read "
                       f"({shown})",
             "detail_fr": f"aucune route servie sous /api dans le(s) {len(read_ok)} fichier(s) "
                          f"d'entrée lu(s) ({shown})"}]


# Python web servers' entry files (Flask, Quart, Bottle): read only beside a Python manifest.
_PY_ENTRY = re.compile(r"(?:^|/)(?:app|server|main|api|routes|views|wsgi)\.py$")
_PY_MANIFEST = re.compile(r"(?:^|/)(?:requirements[\w.\-]*\.txt|pyproject\.toml|setup\.py|Pipfile"
                          r"|environment\.ya?ml)$")
_PY_SERVER = re.compile(r"\b(?:Flask|Quart|Bottle|Blueprint)[ \t]*\(")
# app.get("/rne/:siren", handler), app.use("/tva/:tvaNumber", tvaController), @server.route("/tags/")
_ROUTE = re.compile(r"(?:^|[ \t;@])(?:app|router|server|routes|api|bp|blueprint|\w+Router)[ \t]*\."
                    r"[ \t]*(?:use|get|post|put|patch|delete|route)[ \t]*\(\s{0,40}['\"`]"
                    r"(/[^'\"`\s]{0,200})['\"`][ \t]*(?:,|\))", re.MULTILINE)
# Reads JSON request bodies (express.json(), bodyParser.json()): a JSON API's requests, though
# its answers may be files (gip-inclusion/pdf-generator: res.download, res.send). Koa's body
# parsers (koa-body, koa-bodyparser) read JSON by default: importing one is the same sign
# (fabnumdef/e-chauffeur_api app.mjs:5 ``import bodyParser from 'koa-body'``).
_JSON_BODIES = re.compile(r"\b(?:express|bodyParser|koaBody|bodyparser)[ \t]*\.[ \t]*json[ \t]*\("
                          r"|['\"](?:koa-body|koa-bodyparser|@koa/bodyparser)['\"]")
# Answers in JSON: res.json(...), res.status(201).json(...), jsonify(...), a JSON content type,
# Koa's ``ctx.body = {...}`` or ``[...]``, ``ctx.type = 'json'``, the koa-json middleware.
_JSON = re.compile(r"(?<!express)(?<!bodyParser)(?<!bodyparser)\.json[ \t]*\(|\bjsonify[ \t]*\("
                   r"|\bJSONResponse\b|application/json|\bctx\.body[ \t]*=[ \t]*[{\[]"
                   r"|\bctx\.type[ \t]*=[ \t]*['\"]json['\"]|['\"]koa-json['\"]")
# Serves pages or a front end's files: then its routes may be the front end's own (Koa's view
# and static middlewares included).
_PAGES = re.compile(r"\.render[ \t]*\(|\bexpress\.static\b|\bserve-?[sS]tatic\b|\.sendFile[ \t]*\("
                    r"|['\"](?:koa-views|@ladjs/koa-views|koa-static|koa-ejs)['\"]"
                    r"|view engine|\brender_template\w*[ \t]*\(|\bsend_from_directory\b"
                    r"|\bstatic_folder\b|\bgetRequestHandler\b|\bcreateRequestHandler\b"
                    r"|\bcreateServer[ \t]*\([ \t]*\{[^}]{0,200}middlewareMode")
# Front-end code or page templates in the repository: a JSON server beside them may be the back
# end of its own front end (session cookies, called by its own pages), which a person decides.
_FRONT = re.compile(r"\.(?:jsx|tsx|vue|svelte|html?|jinja2?|j2|hbs|ejs|pug)$", re.IGNORECASE)
# Health checks and monitoring probes serve no one an API (mission-apprentissage/sirius
# server/src/server.ts:62-78: /api/healthcheck, /api/healthcheck/error).
_PROBE = re.compile(r"^(?:health|healthz|healthcheck|health-check|ping|ready|readyz|live|livez"
                    r"|status|sentry-check|metrics|version)$", re.IGNORECASE)
# A route whose handler is named as a probe (france-connect/data-provider-example src/app.js:29
# ``app.get('/', healthCheck)``): a health check mounted at another path.
_PROBE_HANDLER = re.compile(r"[ \t]*(?:\w+\.)*(?:health|healthz|healthcheck|health_check|ping|ready"
                            r"|readiness|liveness|alive|status)\w*[ \t]*\)", re.IGNORECASE)
_FRONT_CODE = re.compile(r"\.(?:jsx|tsx|vue|svelte)$", re.IGNORECASE)
# Mail and SMS templates are messages the server sends, not pages (fabnumdef/e-chauffeur_api
# templates/mail/registration.fr.txt.hbs, templates/sms/verification.fr.txt.hbs).
_MESSAGE_DIRS = frozenset({"mail", "mails", "email", "emails", "mailer", "mailers", "mailing",
                           "sms", "texto", "textos"})
_TEXT_TEMPLATE = re.compile(r"\.txt\.\w+$", re.IGNORECASE)
#: Distinct routes a server entry file must declare to show an API.
MIN_ROUTES = 2
# Words of a folder's name saying its server is a test aid or a client of another service
# (proconnect-gouv/oidc2fer docker/oidc-test-client/app.py: a Flask OIDC client for tests).
_AID_WORDS = frozenset({"test", "tests", "testing", "client", "clients", "mock", "mocks", "fake",
                        "stub", "stubs", "example", "examples", "demo", "sample", "samples"})


def _aid(path: str) -> bool:
    """Whether a file sits in a folder named as a test aid, mock, example or client."""
    return any(word in _AID_WORDS for folder in path.lower().split("/")[:-1]
               for word in re.split(r"[-_.]", folder))


def json_route_paths(paths: Iterable[str]) -> list[str]:
    """Server entry files read for JSON routes (for the collector's ``wanted``): the Node ones
    of :func:`entry_paths` and Python ones beside a Python manifest."""
    listed = list(paths)
    found = entry_paths(listed)
    if any(_PY_MANIFEST.search(p) for p in listed):
        python = [p for p in listed if _PY_ENTRY.search(p) and p.count("/") <= MAX_DEPTH
                  and not set(p.lower().split("/")[:-1]) & (EXCLUDED_DIRS | TEST_DIRS | _NOT_SERVER)]
        python.sort(key=lambda p: (p.count("/"), p))
        found += python[:MAX_FILES]
    return [p for p in found if not _aid(p)]


def _json_sign(head: str) -> tuple[bool, int] | None:
    """Whether code answers in JSON (``True``) or only reads JSON requests (``False``), with the
    line saying so, or ``None``."""
    match = _JSON.search(head) or _JSON_BODIES.search(head)
    if match is None:
        return None
    return match.re is _JSON, line_at(head, match.start())


def _package(path: str, packages: Iterable[str]) -> str | None:
    """The folder of the nearest ``package.json`` above ``path`` (``""`` at the root)."""
    return max((folder for folder in packages if not folder or path.startswith(folder + "/")),
               key=len, default=None)


def json_routes(paths: Iterable[str], read: Callable[[str], str | None]) -> list[dict[str, t.Any]]:
    """Evidence for the first server entry file (Express, Koa, Flask...) that declares routes and
    answers in JSON without serving pages (annuaire-entreprises-data-gouv-fr/api-proxy
    ``index.ts``: ``app.get("/rne/:siren", ...)``, ``res.json``; numerique-gouv/pseudo_api
    ``app.py``: ``@server.route("/tags/")``, ``jsonify``): strong, an API by its routes, unless
    the repository also holds front-end code or page templates (weak: perhaps the back end of its
    own front end). A framework that also serves pages is not, alone, such evidence."""
    listed = list(paths)
    fronts = [p for p in listed if _FRONT.search(p) and not _TEXT_TEMPLATE.search(p) and not set(
        p.lower().split("/")[:-1]) & (EXCLUDED_DIRS | TEST_DIRS | _MESSAGE_DIRS)]
    # Named first: front-end code (App.jsx) rather than a page template or a static page.
    front = min(fronts, key=lambda p: (not _FRONT_CODE.search(p), fronts.index(p)), default=None)
    heads: dict[str, str] = {}
    for path in json_route_paths(listed):
        text = read(path)
        if text is not None:
            heads[path] = blank(text[:MAX_CHARS], HASH if path.endswith(".py") else SLASH)
    packages = [p.rsplit("/", 1)[0] if "/" in p else "" for p in listed
                if p == "package.json" or p.endswith("/package.json")]
    for path, head in heads.items():
        python = path.endswith(".py")
        server = _PY_SERVER if python else _SERVER
        if not server.search(head) or _PAGES.search(head):
            continue
        sign, where = _json_sign(head), ""
        if sign is None and not python:
            # A router module (Koa's routes/index.mjs) mounted by its package's app, which reads
            # or answers JSON (app.mjs): that app's sign counts, unless a file read of the
            # package serves pages.
            mates = [p for p in heads if p != path and not p.endswith(".py")
                     and _package(p, packages) == _package(path, packages)]
            if any(_PAGES.search(heads[p]) for p in mates):
                continue
            for mate in mates:
                if _SERVER.search(heads[mate]) and (sign := _json_sign(heads[mate])) is not None:
                    where = f" ({mate}:{sign[1]})"
                    break
        if sign is None:
            continue
        answers = sign[0]
        routes: dict[str, int] = {}
        for match in _ROUTE.finditer(head):
            if any(_PROBE.match(part) for part in match.group(1).split("/")) \
                    or _PROBE_HANDLER.match(head, match.end()):
                continue
            routes.setdefault(match.group(1), line_at(head, match.start()))
        if len(routes) < MIN_ROUTES:
            continue
        line = next(iter(routes.values()))
        shown = ", ".join(list(routes)[:3])
        how = ("answers in JSON", "répond en JSON") if answers else \
            ("reads JSON requests", "lit des requêtes JSON")
        detail = (f"{len(routes)} route paths (health checks aside) declared from {path}:{line} "
                  f"(e.g. {shown}) by a server that {how[0]}{where} and serves no page")
        detail_fr = (f"{len(routes)} chemins de routes (hors sondes de santé) déclarés à partir de "
                     f"{path}:{line} (par ex. {shown}) par un serveur qui {how[1]}{where} et ne "
                     "sert pas de page")
        if front is not None:
            detail += f", beside front-end code ({front}): perhaps only its own back end"
            detail_fr += (f", à côté de code d'interface ({front}) : peut-être seulement son "
                          "propre back-end")
        return [{"kind": "routes", "strength": "weak" if front else "strong", "path": path,
                 "line": line, "detail": detail, "detail_fr": detail_fr}]
    return []
