"""A link given as an API's documentation that is the API itself, not its description.

betagouv/recommandations-collaboratives sets ``apiDocumentation: https://recoconseil.fr/api/`` in
publiccode.yml; its code mounts Django REST framework's ``DefaultRouter`` there
(``path("api/", include(rest_api_urls))`` in ``recoco/urls.py:38``, the router built in
``recoco/rest_api/urls.py:19``): the link opens the browsable API root, not an OpenAPI
description. civiscan follows no link, so only that exact case is set aside: the link's path is
exactly the prefix a URL module mounts a DRF router on, no schema or documentation view is mounted
on that same prefix, the link has no query (``?format=openapi`` asks for a schema) and does not
point at a documentation host. Links whose path names a description (``openapi.json``,
``/schema``, ``/docs``, swagger, redoc) never equal a router prefix and keep counting.

Read, bounded: the Django URL modules (``urls.py``, ``*_urls.py``, ``urls/*.py``) of a Django
project (a ``manage.py`` or settings module), the shallowest first. A router mounted through one
level of ``include()`` (a dotted name, or a name imported from the module) is followed when that
module is read, and a module included under a prefix mounts its router below it.
"""

from __future__ import annotations

import re
import typing as t
from collections.abc import Callable, Iterable, Mapping, Sequence
from urllib.parse import urlsplit

from scanner.apispecs.comments import HASH, blank, line_at
from scanner.apispecs.discovery import EXCLUDED_DIRS, TEST_DIRS

#: URL modules read per repository (the shallowest first).
MAX_FILES = 16
#: Characters of each file searched.
MAX_CHARS = 256 * 1024

_URLS = re.compile(r"(?:^|/)\w*urls\w*\.py$|(?:^|/)urls/\w+\.py$")
_DJANGO = re.compile(r"(?:^|/)(?:manage\.py|settings\.py|settings/[\w\-]+\.py)$")
# router = routers.DefaultRouter() / SimpleRouter(trailing_slash=False) / NestedDefaultRouter(...)
_ROUTER = re.compile(r"^[ \t]*(\w{1,60})[ \t]*=[ \t]*(?:[\w.]{1,100}\.)?\w{0,40}(?:Default|Simple)"
                     r"Router[ \t]*\(", re.MULTILINE)
# path("api/", include(...)), re_path(r"^api/", include(...)), url(r'^api/', include(...))
_MOUNT = re.compile(r"\b(?:path|re_path|url)[ \t]*\([ \t\r\n]*r?([\"'])\^?([\w\-./]{0,100}?)\$?\1"
                    r"[ \t\r\n]*,[ \t\r\n]*include[ \t]*\([ \t\r\n]*([^)]{1,300})\)")
# Any view on a prefix: path("api/", SpectacularSwaggerView.as_view()) documents it there.
_ROUTE = re.compile(r"\b(?:path|re_path|url)[ \t]*\([ \t\r\n]*r?([\"'])\^?([\w\-./]{0,100}?)\$?\1"
                    r"[ \t\r\n]*,([^\n]{0,300})")
_DOC_VIEW = re.compile(r"spectacular|yasg|swagger|redoc|openapi|schema|docs?\b|rapidoc|scalar",
                       re.IGNORECASE)
_FROM_IMPORT = re.compile(r"^[ \t]*from[ \t]+([\w.]{1,200})[ \t]+import[ \t]+\(?([^()\n]{1,500}"
                          r"|[^()]{1,2000}(?=\)))", re.MULTILINE)
# Hosts of documentation, repositories and catalogues: a link there is never the service itself.
_DOC_HOSTS = re.compile(r"(?:^|\.)(?:github\.com|github\.io|gitlab\.com|gitbook\.io|readthedocs\.io"
                        r"|api\.gouv\.fr|swaggerhub\.com|postman\.com|stoplight\.io"
                        r"|readme\.io|notion\.site)$", re.IGNORECASE)


def url_paths(paths: Iterable[str]) -> list[str]:
    """The Django URL modules read (for the collector's ``wanted``): none outside a Django
    project."""
    listed = list(paths)
    if not any(_DJANGO.search(p) for p in listed):
        return []
    found = [p for p in listed if _URLS.search(p)
             and not set(p.lower().split("/")[:-1]) & (EXCLUDED_DIRS | TEST_DIRS)]
    found.sort(key=lambda p: (p.count("/"), p))
    return found[:MAX_FILES]


def _module(path: str) -> str:
    """The dotted module a file defines (``recoco/rest_api/urls.py``: ``recoco.rest_api.urls``)."""
    stem = path[:-3]
    return (stem[:-len("/__init__")] if stem.endswith("/__init__") else stem).replace("/", ".")


def _imported(text: str) -> dict[str, str]:
    """Names bound by ``from a.b import c as d``: ``d`` -> the module it may stand for
    (``a.b.c`` when ``c`` is a module, ``a.b`` when it is a name in it, tried in that order)."""
    names: dict[str, str] = {}
    for match in _FROM_IMPORT.finditer(text):
        for item in match.group(2).split(","):
            words = item.split("#", 1)[0].split()
            if len(words) == 1 or (len(words) == 3 and words[1] == "as"):
                names[words[-1]] = f"{match.group(1)}.{words[0]}"
    return names


def router_mounts(paths: Iterable[str],
                  read: Callable[[str], str | None]) -> list[dict[str, t.Any]]:
    """Where a URL module mounts a DRF router: ``{prefix, path, line}`` (``prefix`` without its
    slashes), never a prefix that also has a schema or documentation view."""
    texts: dict[str, str] = {}
    for path in url_paths(paths):
        text = read(path)
        if text is not None:
            # A commented-out ``# path("api/", include(router.urls))`` mounts nothing.
            texts[path] = blank(text[:MAX_CHARS], HASH)
    by_module = {_module(path): path for path in texts}
    routers = {path: {m.group(1) for m in _ROUTER.finditer(text)} for path, text in texts.items()}
    rooted = {path for path, text in texts.items() if _rooted(text, routers[path])}
    found: list[tuple[str, str, int, str | None]] = []  # prefix, file, line, router module
    documented: set[str] = set()
    for path, text in texts.items():
        for match in _ROUTE.finditer(text):
            if _DOC_VIEW.search(match.group(3)):
                documented.add(match.group(2).strip("/"))
        imported = _imported(text)
        for match in _MOUNT.finditer(text):
            prefix, target = match.group(2).strip("/"), match.group(3).strip()
            module = _included(target, imported, by_module)
            if prefix and (_router_urls(target, routers[path]) or module in rooted):
                found.append((prefix, path, line_at(text, match.start()), None))
            if module is not None:
                found.append((prefix, path, 0, module))
    # A module included under a prefix serves its own mounts below it (one level).
    outer = {module: prefix for prefix, _path, _line_no, module in found if module is not None}
    mounts = [{"prefix": "/".join(p for p in (outer.get(path, ""), prefix) if p),
               "path": path, "line": line}
              for prefix, path, line, module in found if module is None]
    return [m for m in mounts if m["prefix"] not in documented]


def _router_urls(target: str, routers: set[str]) -> bool:
    """``include(router.urls)`` of a router built in the same module."""
    name = target.split(",", 1)[0].strip()
    return name.endswith(".urls") and name[:-len(".urls")] in routers


def _rooted(text: str, routers: set[str]) -> bool:
    """Whether a module serves a router's URLs at its own root (``urlpatterns = router.urls``,
    ``path("", include(router.urls))``), not under a prefix of its own."""
    used = {name for name in routers if re.search(rf"\b{re.escape(name)}\.urls\b", text)}
    prefixed = {m.group(3).split(",", 1)[0].strip()[:-len(".urls")]
                for m in _MOUNT.finditer(text) if m.group(2).strip("/")}
    return bool(used - prefixed)


def _included(target: str, imported: Mapping[str, str],
              by_module: Mapping[str, str]) -> str | None:
    """The read module ``include("app.api.urls")`` or ``include(api_urls)`` names, if any."""
    first = target.strip("()").split(",", 1)[0].strip()
    if first[:1] in "\"'":
        candidates = [first.strip("\"'")]
    elif first in imported:
        full = imported[first]
        candidates = [full, full.rsplit(".", 1)[0]]
    else:
        return None
    return next((by_module[c] for c in candidates if c in by_module), None)


def split(links: Sequence[dict[str, t.Any]],
          mounts: Sequence[dict[str, t.Any]]) -> tuple[list[dict[str, t.Any]],
                                                       list[dict[str, t.Any]]]:
    """The links that may be a description, and those that are a DRF router's own root (each
    with the mount, in English and French)."""
    kept: list[dict[str, t.Any]] = []
    roots: list[dict[str, t.Any]] = []
    by_prefix = {m["prefix"]: m for m in mounts}
    for link in links:
        mount = _root_of(link.get("url"), by_prefix)
        if mount is None:
            kept.append(link)
            continue
        where = f"{mount['path']}:{mount['line']}"
        reason = (f"the API's own root: a Django REST framework router is mounted on "
                  f"{mount['prefix']}/ at {where}, not an OpenAPI description")
        reason_fr = (f"la racine de l'API elle-même : un routeur Django REST framework est monté "
                     f"sur {mount['prefix']}/ en {where}, pas une description OpenAPI")
        roots.append({**link, "mount_path": mount["path"], "mount_line": mount["line"],
                      "reason": reason, "reason_fr": reason_fr,
                      "note": f"the API's own root, a DRF router mounted at {where}",
                      "note_fr": f"la racine de l'API elle-même, un routeur DRF monté en {where}",
                      "detail": f"{link['url']} is {reason}",
                      "detail_fr": f"{link['url']} est {reason_fr}"})
    return kept, roots


def _root_of(url: t.Any, by_prefix: Mapping[str, dict[str, t.Any]]) -> dict[str, t.Any] | None:
    if not isinstance(url, str) or not by_prefix:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or parts.query or not parts.hostname \
            or _DOC_HOSTS.search(parts.hostname):
        return None
    return by_prefix.get(parts.path.strip("/"))
