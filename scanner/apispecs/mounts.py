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
"""

from __future__ import annotations

import re
import typing as t
from collections.abc import Callable, Iterable

from scanner.apispecs.comments import blank
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
            line = head.count("\n", 0, match.start()) + 1
            return [{"kind": "mount", "strength": "weak", "path": path, "line": line,
                     "detail": f"routes served under {prefix} by a Node web server "
                               f"({path}:{line})",
                     "detail_fr": f"routes servies sous {prefix} par un serveur web Node "
                                  f"({path}:{line})"}]
    if not read_ok:
        return []
    shown = ", ".join(read_ok)
    return [{"kind": "mount", "strength": "none", "path": None,
             "detail": f"no route served under /api in the {len(read_ok)} Node server entry "
                       f"file(s) read ({shown})",
             "detail_fr": f"aucune route servie sous /api dans le(s) {len(read_ok)} fichier(s) "
                          f"d'entrée de serveur Node lu(s) ({shown})"}]
