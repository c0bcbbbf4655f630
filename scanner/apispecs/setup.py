"""Is a description generator that a manifest lists actually set up?

A package in a manifest is not a served description: ``@nestjs/swagger`` does nothing until the
bootstrap (``src/main.ts``) calls ``SwaggerModule.setup`` (France-Travail/pass-emploi-connect
lists it and never does), and drf-spectacular or drf-yasg serve nothing until a URL module
mounts their schema view (betagouv/recommandations-collaboratives mounts it only under
``if settings.DEBUG:``). For these generators the few conventional files that set them up are
read (declared by :func:`entry_paths`, so a remote source fetches them) in a project of that kind
(a ``nest-cli.json``; a Django settings module or ``manage.py``); when such files exist
and none sets the generator up, it is "listed, not set up". When no entry file is found, when
there are more than are read, when a source file is named after the generator (the set-up
lives elsewhere, e.g. ``src/swagger.ts``) or when a URL module includes one of the repository's
modules that is not read, nothing is decided and the generator counts as today.
The markers are deliberately loose (any mention of swagger, openapi, a schema view or a
``schema/`` route): a false "set up" only keeps today's behaviour.
"""

from __future__ import annotations

import re
import typing as t
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from scanner.apispecs.discovery import EXCLUDED_DIRS, TEST_DIRS

#: Most entry files read per kind of set-up (monorepos: the shallowest first).
MAX_ENTRY_FILES = 16
#: Deepest folder an entry file is read from (``apps/api/src/main.ts`` is depth 3).
MAX_DEPTH = 4


@dataclass(frozen=True)
class SetUp:
    """Where a generator is set up (``entry``) and what shows it (``marker``)."""

    entry: re.Pattern[str]
    project: re.Pattern[str]  # a file that shows the kind of project (else nothing is read)
    marker: re.Pattern[str]
    python: bool  # blocks by indentation: a marker under ``if settings.DEBUG:`` is debug only
    what: str
    what_fr: str


_NEST = SetUp(re.compile(r"(?:^|/)main\.ts$"), re.compile(r"(?:^|/)nest-cli\.json$"),
              # "configureApiDocumentation()" from a helper module sets it up too (MTES-MCT/boris).
              re.compile(r"swagger|openapi|DocumentBuilder|api[-_]?doc|documentation",
                         re.IGNORECASE), False,
              "sets up no SwaggerModule or DocumentBuilder",
              "ne met en place ni SwaggerModule ni DocumentBuilder")
_DJANGO = SetUp(re.compile(r"(?:^|/)\w*urls\w*\.py$|(?:^|/)urls/\w+\.py$"),
                re.compile(r"(?:^|/)(?:settings\.py|settings/[\w\-]+\.py|manage\.py)$"),
                re.compile(r"spectacular|yasg|openapi|swagger|schema_?view|get_schema"
                           r"|[\"'/]schema[/.\"']", re.IGNORECASE), True,
                "mounts no schema view", "ne monte aucune vue de schéma")
#: Generators (by :data:`scanner.apispecs.frameworks.FRAMEWORKS` name) whose set-up is checked.
CHECKS: dict[str, SetUp] = {"NestJS swagger module": _NEST, "drf-spectacular": _DJANGO,
                            "drf-yasg": _DJANGO}
# A source file named after the generator: its set-up may live there, not in the entry files.
_NAMED = re.compile(r"(?:swagger|openapi|spectacular|yasg|api[-_.]?doc)[^/]*\.(?:ts|js|py)$",
                    re.IGNORECASE)
# A Django URL module included by its dotted name: include("core.api_routes").
_INCLUDE = re.compile(r"""include\([ \t]*["']([\w.]{1,200})["']""")
_DEBUG_IF = re.compile(r"^[ \t]*if[ \t]+(?:settings\.)?DEBUG[ \t]*:")


def _entries(paths: Iterable[str], setup: SetUp) -> tuple[list[str], bool]:
    """The entry files of one kind of set-up (capped) and whether any was left out."""
    found: list[str] = []
    listed = list(paths)
    if not any(setup.project.search(path) for path in listed):
        return found, False
    for path in listed:
        if not setup.entry.search(path):
            continue
        dirs = path.lower().split("/")[:-1]
        if len(dirs) <= MAX_DEPTH and not set(dirs) & (EXCLUDED_DIRS | TEST_DIRS):
            found.append(path)
    found.sort(key=lambda p: (p.count("/"), p))
    return found[:MAX_ENTRY_FILES], len(found) > MAX_ENTRY_FILES


def entry_paths(paths: Iterable[str]) -> list[str]:
    """Every entry file a set-up check may read (for the collector's ``wanted``)."""
    listed = list(paths)
    wanted: list[str] = []
    for setup in dict.fromkeys(CHECKS.values()):
        wanted += _entries(listed, setup)[0]
    return wanted


def _named_file(paths: Iterable[str]) -> str | None:
    for path in paths:
        if _NAMED.search(path) and not set(path.lower().split("/")[:-1]) & (
                EXCLUDED_DIRS | TEST_DIRS):
            return path
    return None


def _debug_only(lines: list[str], index: int) -> bool:
    """Whether line ``index`` sits in a block opened by ``if DEBUG:`` / ``if settings.DEBUG:``."""
    line = lines[index]
    indent = len(line) - len(line.lstrip(" \t"))
    for previous in reversed(lines[:index]):
        stripped = previous.lstrip(" \t")
        if not stripped or stripped.startswith("#"):
            continue
        level = len(previous) - len(stripped)
        if level < indent:
            if _DEBUG_IF.match(previous):
                return True
            indent = level
            if level == 0:
                return False
    return False


def _includes_unread(text: str, listed: list[str], entries: list[str]) -> bool:
    """Whether ``text`` includes a URL module of the repository that is not among ``entries``."""
    for match in _INCLUDE.finditer(text[:512 * 1024]):
        tail = "/" + match.group(1).replace(".", "/")
        for path in listed:
            if ("/" + path).endswith((tail + ".py", tail + "/__init__.py")) and path not in entries:
                return True
    return False


def status(name: str, paths: Iterable[str],
           read: t.Callable[[str], str | None]) -> dict[str, t.Any] | None:
    """``{"reason", "files", "detail", "detail_fr"}`` when generator ``name`` is listed but not
    set up (``reason``: ``absent`` or ``debug``), else ``None`` (set up, or undecidable)."""
    setup = CHECKS.get(name)
    if setup is None:
        return None
    listed = list(paths)
    entries, more = _entries(listed, setup)
    if not entries or more or _named_file(listed) is not None:
        return None
    debug: list[str] = []
    for path in entries:
        text = read(path)
        if text is None:
            return None  # a file not read decides nothing
        if setup.python and _includes_unread(text, listed, entries):
            return None  # the set-up may be in a URL module included under another name
        lines = text[:512 * 1024].splitlines()
        hits = [i for i, line in enumerate(lines) if setup.marker.search(line)]
        if any(not (setup.python and _debug_only(lines, i)) for i in hits):
            return None
        if hits:
            debug.append(path)
    where = ", ".join(entries[:3]) + (f" (+{len(entries) - 3})" if len(entries) > 3 else "")
    if debug:
        shown = ", ".join(debug[:3])
        return {"reason": "debug", "files": entries,
                "detail": f"set up only when DEBUG is on ({shown}): no description in production",
                "detail_fr": f"mis en place seulement quand DEBUG est actif ({shown}) : aucune "
                             "description en production"}
    return {"reason": "absent", "files": entries,
            "detail": f"listed but never set up ({where} {setup.what}): serves no description",
            "detail_fr": f"listé mais jamais mis en place ({where} {setup.what_fr}) : ne sert "
                         "aucune description"}


def annotate(found: list[dict[str, t.Any]], paths: Iterable[str],
             read: t.Callable[[str], str | None]) -> None:
    """Mark each generator fact in ``found`` that is listed but not set up (``not_set_up``)."""
    listed = list(paths)
    decided: dict[str, dict[str, t.Any] | None] = {}
    for framework in found:
        if framework["role"] != "generates" or framework["name"] not in CHECKS:
            continue
        if framework["name"] not in decided:
            decided[framework["name"]] = status(framework["name"], listed, read)
        verdict = decided[framework["name"]]
        if verdict is not None:
            framework["not_set_up"] = verdict
    # swagger-ui-express beside an idle @nestjs/swagger in one manifest is its companion (a peer
    # dependency of older versions): it serves nothing either.
    idle = {f["path"]: f["not_set_up"] for f in found
            if f["name"] == "NestJS swagger module" and "not_set_up" in f}
    for framework in found:
        if framework["package"] == "swagger-ui-express" and framework["path"] in idle:
            framework["not_set_up"] = idle[framework["path"]]


def set_up(framework: Mapping[str, t.Any]) -> bool:
    """False for a generator found listed but not set up."""
    return "not_set_up" not in framework
