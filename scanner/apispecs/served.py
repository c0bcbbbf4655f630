"""Does an API framework that a manifest lists actually serve HTTP?

A dependency is not a server. DNUM-SocialGouv/1j1s-etl lists ``@nestjs/core`` and
``@nestjs/platform-express``, yet its only application (``apps/cli/src/main.ts``) boots with
nest-commander's ``CommandFactory.run``: a command-line tool, with no controller and nothing
listening. The code decides, as it does for the other readers of code (Node entry files in
:mod:`scanner.apispecs.mounts`, controllers in :mod:`scanner.apispecs.apicode`, generators in
:mod:`scanner.apispecs.setup`): the package that lists the framework (its manifest's folder and
below) is read, the same bounded files as for the NestJS swagger module's set-up (a project of
that kind only: a ``nest-cli.json``). Any sign of a server (a controller or route decorator, a
GraphQL resolver, a gateway, ``NestFactory.create``, ``listen(``) keeps today's verdict, as does
a file not read or a package with no such project. Otherwise the fact is marked ``no_server``:
``cli`` when every entry file boots it without a server (``CommandFactory.run``,
``NestFactory.createApplicationContext``), ``absent`` when every source file was read, ``unsure``
when the package has more than were read (a person checks). Comments are never read
(:mod:`scanner.apispecs.comments`).

Django REST framework is checked the same way in a Django project (a settings module or
``manage.py``): its settings, URL modules and views are read first. gip-inclusion/api-relay-cnav
lists ``djangorestframework`` in ``pyproject.toml``, yet its ``INSTALLED_APPS`` has no
``rest_framework``, no module imports it and its ``urls.py`` routes only ``admin/``. Django serves
HTTP there, but no API yet: a dependency declared for an API to come stays an indirect sign (reason
``unused``, a review), never the strong sign of an API-only framework in use.
"""

from __future__ import annotations

import dataclasses
import posixpath
import re
import typing as t
from collections.abc import Iterable
from dataclasses import dataclass

from scanner.apispecs import setup
from scanner.apispecs.comments import SLASH, blank, line_at, style_of
from scanner.apispecs.frameworks import ecosystem_of

#: Characters of each file searched.
MAX_CHARS = 512 * 1024
#: Python files read per Django project besides its URL modules (settings, views first).
MAX_DJANGO_SOURCES = 6


@dataclass(frozen=True)
class Server:
    """Which files are read (``project``), what shows a server and what boots the framework
    without one."""

    project: setup.SetUp
    server: re.Pattern[str]
    serverless: re.Pattern[str] | None
    what: str
    what_fr: str
    # What the files read show when none uses it, and under which reason (``absent``: no API;
    # ``unused``: declared for an API to come, still an indirect sign).
    unused: str = "serves no API"
    unused_fr: str = "ne sert aucune API"
    reason: str = "absent"


_NEST = Server(
    setup.NEST,
    re.compile(r"@(?:Controller|Resolver|WebSocketGateway|Get|Post|Put|Patch|Delete|All)"
               r"[ \t]*\(|\bNestFactory[ \t]*\.[ \t]*create(?:Microservice)?[ \t]*[(<]"
               r"|\.listen[ \t]*\("),
    re.compile(r"\bCommandFactory[ \t]*\.[ \t]*\w+[ \t]*\("
               r"|\bNestFactory[ \t]*\.[ \t]*createApplicationContext[ \t]*[(<]"),
    "no controller, NestFactory.create or listen()",
    "ni contrôleur, ni NestFactory.create, ni listen()")
# A Django project's Python sources, migrations and tests aside; settings, views, serializers
# and routers read first (where Django REST framework is installed and used).
_DJANGO_SOURCE = re.compile(r"^(?!(?:.*/)?(?:migrations/|tests?\.py$|test_[^/]*\.py$"
                            r"|conftest\.py$))(?:.*/)?[^/]+\.py$")
_DJANGO_FIRST = (re.compile(r"(?:^|/)settings(?:/|\.py$)"),
                 re.compile(r"(?:^|/)(?:views?|serializers?|viewsets?|routers?|api)(?:/|\.py$)"))
_DRF = Server(
    # A few files beyond the URL modules: a remote scan fetches them for every Django project.
    dataclasses.replace(setup.DJANGO, source=_DJANGO_SOURCE, first=_DJANGO_FIRST,
                        most=MAX_DJANGO_SOURCES),
    # INSTALLED_APPS = [..., "rest_framework"], from rest_framework import viewsets, REST_FRAMEWORK
    # = {...}; its extensions too (rest_framework_simplejwt, django_filters.rest_framework).
    re.compile(r"\brest_framework|\bREST_FRAMEWORK[ \t]*="),
    None,
    "no rest_framework in INSTALLED_APPS and no view, serializer or router importing it",
    "ni rest_framework dans INSTALLED_APPS, ni vue, sérialiseur ou routeur qui l'importe",
    "used by no view or route civiscan read",
    "n'est utilisé par aucune vue ni route lue par civiscan",
    "unused")
#: Frameworks (by :data:`scanner.apispecs.frameworks.FRAMEWORKS` name) whose server is looked for.
CHECKS: dict[str, Server] = {"NestJS": _NEST, "Django REST framework": _DRF}


def entry_paths(paths: Iterable[str]) -> list[str]:
    """Every file a check may read (for the collector's ``wanted``)."""
    return setup.project_paths(paths, (check.project for check in CHECKS.values()))


def status(name: str, paths: Iterable[str], read: t.Callable[[str], str | None],
           folder: str = "") -> dict[str, t.Any] | None:
    """``{"reason", "files", "detail", "detail_fr"}`` when framework ``name``, listed by the
    manifest of package ``folder``, serves no HTTP in the files read, else ``None`` (a server,
    or undecidable)."""
    check = CHECKS.get(name)
    if check is None:
        return None
    entries, sources, total, more = setup.package_files(check.project, paths, folder)
    if not (entries or sources) or more:
        return None
    texts: dict[str, str] = {}
    for path in entries + sources:
        text = read(path)
        if text is None:
            return None  # a file not read decides nothing
        texts[path] = blank(text[:MAX_CHARS], style_of(path) or SLASH)
    if any(check.server.search(text) for text in texts.values()):
        return None
    files = entries + sources
    package = f"{folder}/" if folder else "the root package"
    package_fr = f"de {folder}/" if folder else "du paquet racine"
    boots = [(path, match) for path in entries
             if check.serverless and (match := check.serverless.search(texts[path])) is not None]
    if entries and len(boots) == len(entries):
        path, match = boots[0]
        line = line_at(texts[path], match.start())
        code = match.group().rstrip("(< \t")
        return {"reason": "cli", "files": files, "path": path, "line": line,
                "detail": f"run without a web server ({path}:{line} `{code}`; {check.what} in "
                          f"the {len(files)} source files read of {package}): serves no API",
                "detail_fr": f"lancé sans serveur web ({path}:{line} `{code}` ; {check.what_fr} "
                             f"dans les {len(files)} fichiers source lus {package_fr}) : ne sert "
                             "aucune API"}
    if total > len(sources):
        read_count, all_count = len(files), len(entries) + total
        return {"reason": "unsure", "files": files,
                "detail": f"listed, but {check.what} in the {read_count} source files read of "
                          f"the {all_count} in {package} ({setup.shown(files)}); the others were not "
                          "read: check whether it serves an API",
                "detail_fr": f"listé, mais {check.what_fr} dans les {read_count} fichiers source "
                             f"lus sur les {all_count} {package_fr} ({setup.shown(files)}) ; les "
                             "autres n'ont pas été lus : vérifiez s'il sert une API"}
    if check.reason == "unused":  # what it means first: messages clip long summaries
        return {"reason": check.reason, "files": files,
                "detail": f"listed, but {check.unused}: {check.what} in any of the {len(files)} "
                          f"source files of {package} ({setup.shown(files)})",
                "detail_fr": f"listé, mais {check.unused_fr} : {check.what_fr} dans aucun des "
                             f"{len(files)} fichiers source {package_fr} ({setup.shown(files)})"}
    return {"reason": check.reason, "files": files,
            "detail": f"listed, but {check.what} in any of the {len(files)} source files of "
                      f"{package} ({setup.shown(files)}): {check.unused}",
            "detail_fr": f"listé, mais {check.what_fr} dans aucun des {len(files)} fichiers "
                         f"source {package_fr} ({setup.shown(files)}) : {check.unused_fr}"}


def annotate(found: list[dict[str, t.Any]], paths: Iterable[str],
             read: t.Callable[[str], str | None]) -> None:
    """Mark each API framework fact in ``found`` whose package serves no HTTP (``no_server``)."""
    listed = list(paths)
    decided: dict[tuple[str, str], dict[str, t.Any] | None] = {}
    for framework in found:
        path = str(framework.get("path") or "")
        if framework["role"] != "api" or framework["name"] not in CHECKS or ecosystem_of(
                path) is None:
            continue
        key = (framework["name"], posixpath.dirname(path))
        if key not in decided:
            decided[key] = status(key[0], listed, read, key[1])
        if decided[key] is not None:
            framework["no_server"] = decided[key]
