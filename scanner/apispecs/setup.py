"""Is a description generator that a manifest lists actually set up?

A package in a manifest is not a served description: ``@nestjs/swagger`` does nothing until the
bootstrap calls ``SwaggerModule.setup`` (France-Travail/pass-emploi-connect lists it and never
does), and drf-spectacular or drf-yasg serve nothing until a URL module mounts their schema view
(betagouv/recommandations-collaboratives mounts it only under ``if settings.DEBUG:``).

The set-up is looked for in the package that lists the generator (the folder of its manifest and
below), never in sibling packages: in SocialGouv/domifa ``packages/backend/package.json`` lists
``@nestjs/swagger`` and ``packages/backend/src/app.bootstrap.ts`` sets it up, while the
``src/main.ts`` of the Angular front ends beside it say nothing about it. Only a project of that
kind is checked (a ``nest-cli.json``; a Django settings module or ``manage.py``). Read, bounded
(declared by :func:`entry_paths`, so a remote source fetches them): the conventional entry files
(``main.ts``; URL modules), where a loose marker counts (a helper such as
``configureApiDocumentation(app)``), and for NestJS the package's other source files, bootstrap-
like names and shallow ones first, where only the set-up call itself counts (DTOs import
``@nestjs/swagger`` for their decorators). A set-up found only inside a development condition
(``if settings.DEBUG:``, ``if (config.dev.swaggerEnabled) {``) is reported with its file and
line; so is one under a settings flag that is a constant ``False`` in production (see
:mod:`scanner.apispecs.prodoff`, which also decides Symfony bundles and Spring properties that
switch a generator off in production). When the package has more source files than are read,
nothing is claimed "never set up": the verdict says how many were read (``unsure``, a review).
When no entry or source file is found, when a source file is named after the generator (the
set-up lives there, e.g. ``src/swagger.ts``), when a file is not read or when a URL module
includes one of the repository's modules that is not read, nothing is decided and the generator
counts as today. The markers are deliberately loose: a false "set up" only keeps today's
behaviour.
"""

from __future__ import annotations

import posixpath
import re
import typing as t
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from scanner.apispecs import prodoff
from scanner.apispecs.comments import HASH, SLASH, blank, line_at, style_of
from scanner.apispecs.discovery import EXCLUDED_DIRS, TEST_DIRS
from scanner.apispecs.frameworks import ecosystem_of, manifest_paths, settings_paths

#: Most entry files read per kind of set-up and package (monorepos: the shallowest first).
MAX_ENTRY_FILES = 16
#: Deepest folder, below the package, an entry file is read from (``apps/api/src/main.ts``: 3).
MAX_DEPTH = 4
#: Most other source files read per package (bootstrap-like names, then the shallowest): a
#: remote scan fetches them all, so a few dozen, no more.
MAX_SOURCE_FILES = 24
#: Characters of each file searched.
MAX_CHARS = 512 * 1024


@dataclass(frozen=True)
class SetUp:
    """Where a generator is set up (``entry``) and what shows it (``marker``); for a framework
    whose set-up may live in any source file, those files (``source``) and the set-up call
    (``call``)."""

    entry: re.Pattern[str]
    project: re.Pattern[str]  # a file that shows the kind of project (else nothing is read)
    marker: re.Pattern[str]
    python: bool  # blocks by indentation: a marker under ``if settings.DEBUG:`` is debug only
    what: str
    what_fr: str
    source: re.Pattern[str] | None = None
    call: re.Pattern[str] | None = None
    # Source paths read first, in this order (else bootstrap-like file names): where that
    # framework is wired.
    first: tuple[re.Pattern[str], ...] = ()
    most: int | None = None  # source files read per package (else MAX_SOURCE_FILES)


_NEST = SetUp(re.compile(r"(?:^|/)main\.ts$"), re.compile(r"(?:^|/)nest-cli\.json$"),
              # "configureApiDocumentation()" from a helper module sets it up too (MTES-MCT/boris).
              re.compile(r"swagger|openapi|DocumentBuilder|api[-_]?doc|documentation",
                         re.IGNORECASE), False,
              "sets up a SwaggerModule or DocumentBuilder",
              "ne met en place de SwaggerModule ou de DocumentBuilder",
              re.compile(r"\.(?:ts|js|mts|cts|mjs|cjs)$"),
              re.compile(r"SwaggerModule[ \t]*\.[ \t]*(?:setup|createDocument)\b"
                         r"|new[ \t]+DocumentBuilder\b"))
_DJANGO = SetUp(re.compile(r"(?:^|/)\w*urls\w*\.py$|(?:^|/)urls/\w+\.py$"),
                re.compile(r"(?:^|/)(?:settings\.py|settings/[\w\-]+\.py|manage\.py)$"),
                re.compile(r"spectacular|yasg|openapi|swagger|schema_?view|get_schema"
                           r"|[\"'/]schema[/.\"']", re.IGNORECASE), True,
                "mounts a schema view", "ne monte de vue de schéma")
#: Generators (by :data:`scanner.apispecs.frameworks.FRAMEWORKS` name) whose set-up is checked.
#: A Nest project's files: the same are read to tell whether NestJS serves HTTP at all.
NEST = _NEST
#: A Django project's URL modules, settings and views: what is read to tell whether Django REST
#: framework is used at all (:mod:`scanner.apispecs.served`).
DJANGO = _DJANGO
CHECKS: dict[str, SetUp] = {"NestJS swagger module": _NEST, "drf-spectacular": _DJANGO,
                            "drf-yasg": _DJANGO}
# A source file named after the generator: its set-up may live there, not in the entry files.
_NAMED = re.compile(r"(?:swagger|openapi|spectacular|yasg|api[-_.]?doc)[^/]*\.(?:ts|js|py)$",
                    re.IGNORECASE)
# A Django URL module included by its dotted name: include("core.api_routes").
_INCLUDE = re.compile(r"""include\([ \t]*["']([\w.]{1,200})["']""")
_DEBUG_IF = re.compile(r"^[ \t]*if[ \t]+(?:settings\.)?DEBUG[ \t]*:")
_SKIPPED = EXCLUDED_DIRS | TEST_DIRS
# Test, declaration and generated sources never bootstrap the application.
_NOT_SOURCE = re.compile(r"\.(?:spec|test|e2e-spec|d)\.[cm]?[jt]s$|\.config\.[cm]?js$")
# Bootstrap-like file names (searched in the name only), read first: main.ts, app.bootstrap.ts...
_BOOTSTRAP = re.compile(r"main|bootstrap|server|app|index|setup|start|run", re.IGNORECASE)
# The condition of an ``if (...) {`` that opens a block, at the end of the text before its brace.
_IF_OPEN = re.compile(r"\bif[ \t]*\(([^{};]{1,300})\)[ \t\r\n]*$")
# A condition about development or production: DEBUG, a "dev" setting, NODE_ENV's values.
_DEV_WORD = re.compile(r"(?i:debug|development)|\b[dD]ev\b|[a-z]Dev\b|[a-z]Dev[A-Z_]|\bDEV\b"
                       r"|\b[iI]s_?(?:[dD]ev|[lL]ocal)")
_PROD_WORD = re.compile(r"(?i:production)|\b[pP]rod\b|[a-z]Prod\b|\bPROD\b|\b[iI]s_?[pP]rod")


def _folder(framework: Mapping[str, t.Any]) -> str:
    """The package a generator fact belongs to: its manifest's folder ("" for the root, or when
    the fact comes from another kind of file, such as a Django settings module)."""
    path = str(framework.get("path") or "")
    return posixpath.dirname(path) if ecosystem_of(path) is not None else ""


def _under(path: str, folder: str) -> bool:
    return not folder or path.startswith(folder + "/")


def _relative_dirs(path: str, folder: str) -> list[str]:
    return path[len(folder) + 1 if folder else 0:].lower().split("/")[:-1]


def _ancestors(folder: str) -> set[str]:
    return {""} | {"/".join(folder.split("/")[:i]) for i in range(1, folder.count("/") + 2)}


@dataclass(frozen=True)
class _Layout:
    """What one kind of set-up needs from a listing, found in one pass: the folders holding a
    project file, the package each belongs to (the nearest manifest folder at or above it) and
    every entry file."""

    projects: frozenset[str]
    owners: frozenset[str]
    entries: tuple[str, ...]

    @classmethod
    def of(cls, listed: Iterable[str], setup: SetUp) -> _Layout:
        projects: set[str] = set()
        entries: list[str] = []
        listed = list(listed)
        for path in listed:
            if setup.project.search(path):
                projects.add(posixpath.dirname(path))
            if setup.entry.search(path):
                entries.append(path)
        packages = {posixpath.dirname(path) for path in manifest_paths(listed)}
        owners = {next((folder for folder in sorted(_ancestors(project) | {project},
                                                    key=len, reverse=True)
                        if folder in packages), "") for project in projects}
        return cls(frozenset(projects), frozenset(owners), tuple(entries))

    def project(self, folder: str) -> bool:
        """Whether the package is a project of that kind: its own project file (not one of a
        package nested in it: SocialGouv/domifa's root is no Nest project because
        ``packages/backend/`` is), or one in a folder above it (a Nest monorepo's root
        ``nest-cli.json``)."""
        above = _ancestors(folder)
        return folder in self.owners or any(project in above for project in self.projects)

    def entries_in(self, folder: str) -> tuple[list[str], bool]:
        """The package's entry files (capped) and whether any was left out."""
        if not self.project(folder):
            return [], False
        found = []
        for path in self.entries:
            dirs = _relative_dirs(path, folder)
            if _under(path, folder) and len(dirs) <= MAX_DEPTH and not set(dirs) & (
                    EXCLUDED_DIRS | TEST_DIRS):
                found.append(path)
        found.sort(key=lambda p: (p.count("/"), p))
        return found[:MAX_ENTRY_FILES], len(found) > MAX_ENTRY_FILES


def _entries(paths: Iterable[str], setup: SetUp, folder: str = "") -> tuple[list[str], bool]:
    """The entry files of one kind of set-up in one package (capped) and whether any was left
    out."""
    return _Layout.of(paths, setup).entries_in(folder)


def _all_sources(listed: list[str], setup: SetUp, folders: set[str]) -> dict[str, list[str]]:
    """The source files (not yet capped or ordered) of each package folder in ``folders``, in
    one pass over the listing: a file belongs to every one of those folders above it."""
    found: dict[str, list[str]] = {folder: [] for folder in folders}
    if setup.source is None or not folders:
        return found
    for path in listed:
        if not setup.source.search(path) or _NOT_SOURCE.search(path):
            continue
        parts = path.split("/")[:-1]
        for depth in range(len(parts), -1, -1):  # deepest first: an excluded folder ends it
            folder = "/".join(parts[:depth])
            if folder in found:
                found[folder].append(path)
            if depth and parts[depth - 1].lower() in _SKIPPED:
                break
    return found


def _pick(found: list[str], entries: list[str], first: tuple[re.Pattern[str], ...] = (),
          most: int | None = None) -> tuple[list[str], int]:
    """The sources to read (at most ``most``; paths matching ``first`` in its order, else
    bootstrap-like names, then the shallowest) and how many."""
    skip = set(entries)
    rest = [path for path in found if path not in skip]
    if not first:
        rest.sort(key=lambda p: (not _BOOTSTRAP.search(p.rpartition("/")[2]), p.count("/"), p))
    else:
        rest.sort(key=lambda p: (*(not f.search(p) for f in first), p.count("/"), p))
    return rest[:MAX_SOURCE_FILES if most is None else most], len(rest)


def _sources(listed: list[str], setup: SetUp, folder: str, entries: list[str],
             layout: _Layout) -> tuple[list[str], int]:
    """The package's other source files to read (capped) and how many there are in all."""
    if setup.source is None or not layout.project(folder):
        return [], 0
    return _pick(_all_sources(listed, setup, {folder})[folder], entries, setup.first,
                 setup.most)


def package_files(setup: SetUp, paths: Iterable[str],
                  folder: str = "") -> tuple[list[str], list[str], int, bool]:
    """A package's entry files (capped), other source files to read (capped), how many source
    files it has besides its entries, and whether any entry file was left out: what a check of
    that kind of project reads (:mod:`scanner.apispecs.served` reads a Nest package's)."""
    listed = list(paths)
    layout = _Layout.of(listed, setup)
    entries, more = layout.entries_in(folder)
    sources, total = _sources(listed, setup, folder, entries, layout)
    return entries, sources, total, more


def project_paths(paths: Iterable[str], setups: Iterable[SetUp]) -> list[str]:
    """What :func:`package_files` reads for each kind of project, in every package of that
    kind (a remote source fetches exactly these)."""
    listed = list(paths)
    folders = list(dict.fromkeys(["", *(posixpath.dirname(p) for p in manifest_paths(listed))]))
    wanted: list[str] = []
    for setup in dict.fromkeys(setups):
        layout = _Layout.of(listed, setup)
        kind = [folder for folder in folders if layout.project(folder)]
        sources = _all_sources(listed, setup, set(kind))
        for folder in kind:
            entries = layout.entries_in(folder)[0]
            wanted += entries + _pick(sources[folder], entries, setup.first, setup.most)[0]
    return wanted


def entry_paths(paths: Iterable[str]) -> list[str]:
    """Every file a set-up check may read (for the collector's ``wanted``: a remote source
    fetches exactly these), a few per package of that kind."""
    listed = list(paths)
    wanted = project_paths(listed, CHECKS.values())
    # Configuration that may switch a generator off in production (see scanner.apispecs.prodoff).
    wanted += prodoff.config_paths(listed)
    return list(dict.fromkeys(wanted))


def _named_file(paths: Iterable[str], folder: str = "") -> str | None:
    for path in paths:
        if _NAMED.search(path) and _under(path, folder) and not set(
                _relative_dirs(path, folder)) & (EXCLUDED_DIRS | TEST_DIRS):
            return path
    return None


_IF = re.compile(r"^[ \t]*(?:el)?if[ \t]+(.{1,300}?)[ \t]*:[ \t]*(?:#.*)?$")


def _openers(lines: list[str], index: int) -> list[int]:
    """The indexes of the ``if``/``elif`` lines whose blocks hold line ``index``, innermost
    first."""
    line = lines[index]
    indent = len(line) - len(line.lstrip(" \t"))
    found = []
    for number in range(index - 1, -1, -1):
        previous = lines[number]
        stripped = previous.lstrip(" \t")
        if not stripped or stripped.startswith("#"):
            continue
        level = len(previous) - len(stripped)
        if level < indent:
            if _IF.match(previous):
                found.append(number)
            indent = level
            if level == 0:
                break
    return found


def _debug_line(lines: list[str], index: int) -> int | None:
    """The index of the ``if DEBUG:`` / ``if settings.DEBUG:`` whose block holds line
    ``index``, if any."""
    return next((n for n in _openers(lines, index) if _DEBUG_IF.match(lines[n])), None)


def _debug_only(lines: list[str], index: int) -> bool:
    """Whether line ``index`` sits in a block opened by ``if DEBUG:`` / ``if settings.DEBUG:``."""
    return _debug_line(lines, index) is not None


_IMPORT = re.compile(r"^[ \t]*(?:from[ \t]+[\w.]+[ \t]+)?import[ \t]")


def _imports(lines: list[str]) -> set[int]:
    """The indexes of Python import lines (with a parenthesised list's continuation lines): an
    import names the generator's views, it mounts nothing (suitenumerique/people imports
    drf_spectacular's views at the top of urls.py and mounts them under a condition)."""
    found: set[int] = set()
    open_list = False
    for index, line in enumerate(lines):
        if open_list or _IMPORT.match(line):
            found.add(index)
            code = line.split("#", 1)[0]
            open_list = (open_list or "(" in code) and ")" not in code
    return found


def _dev_only(condition: str) -> bool:
    """Whether a condition holds only in development (``config.dev.swaggerEnabled``,
    ``NODE_ENV !== 'production'``); with an alternative (``||``) it may hold in production."""
    if "||" in condition:
        return False
    if _PROD_WORD.search(condition):
        return "!" in condition
    return _DEV_WORD.search(condition) is not None


def _condition(text: str, offset: int) -> tuple[str, bool] | None:
    """The condition of the ``if (...) {`` blocks (or braceless ``if`` on the same line) holding
    ``offset`` in brace-delimited source, with whether it holds only in development: a
    development condition at any level first, else the innermost one; ``None`` when there is
    none."""
    line_start = text.rfind("\n", 0, offset) + 1
    same = re.match(r"[ \t]*(?:\}[ \t]*)?if[ \t]*\(([^{};]{1,300})\)", text[line_start:offset])
    conditions = [same.group(1)] if same else []
    opened: list[int] = []
    for brace in re.finditer(r"[{}]", text[:offset]):
        if brace.group() == "{":
            opened.append(brace.start())
        elif opened:
            opened.pop()
    for start in reversed(opened):
        condition = _IF_OPEN.search(text, max(0, start - 400), start)
        if condition:
            conditions.append(condition.group(1))
    if not conditions:
        return None
    chosen = next((c for c in conditions if _dev_only(c)), None)
    return (" ".join((chosen or conditions[0]).split()), chosen is not None)


def _dev_condition(text: str, offset: int) -> str | None:
    """The development condition of the ``if`` blocks holding ``offset``, if any."""
    found = _condition(text, offset)
    return found[0] if found is not None and found[1] else None


def _includes_unread(text: str, listed: list[str], entries: list[str]) -> bool:
    """Whether ``text`` includes a URL module of the repository that is not among ``entries``."""
    for match in _INCLUDE.finditer(text[:MAX_CHARS]):
        tail = "/" + match.group(1).replace(".", "/")
        for path in listed:
            if ("/" + path).endswith((tail + ".py", tail + "/__init__.py")) and path not in entries:
                return True
    return False


#: A file, line and condition under which a generator is set up, and whether the condition
#: holds only in development.
Conditional = tuple[str, int, str, bool]


def _calls(setup: SetUp, path: str, text: str, entry: bool) -> list[Conditional] | None:
    """``None`` when ``text`` sets the generator up unconditionally; else the places where it
    does so only under a condition (empty: no set-up found). Commented-out code sets nothing
    up, as for every other reader of code (:mod:`scanner.apispecs.comments`)."""
    text = blank(text[:MAX_CHARS], style_of(path) or (HASH if setup.python else SLASH))
    if setup.python:
        lines = text.splitlines()
        found: list[Conditional] = []
        imports = _imports(lines)
        for index, line in enumerate(lines):
            # An import names the views and a condition (``if settings.USE_SWAGGER:``) tests a
            # flag: neither mounts anything.
            if index not in imports and not _IF.match(line) and setup.marker.search(line):
                openers = _openers(lines, index)
                if not openers:
                    return None
                debug = _debug_line(lines, index)
                opener = openers[0] if debug is None else debug
                match = _IF.match(lines[opener])
                condition = match.group(1).strip() if match else lines[opener].strip()
                found.append((path, opener + 1, condition, debug is not None))
        return found[:1]
    assert setup.call is not None
    calls = list(setup.call.finditer(text))
    if not calls:
        # A helper called from the entry file (configureApiDocumentation(app)) sets it up too.
        return None if entry and setup.marker.search(text) else []
    found = []
    for call in calls:
        condition = _condition(text, call.start())
        if condition is None:
            return None
        found.append((path, line_at(text, call.start()), *condition))
    return found[:1]


def shown(paths: list[str]) -> str:
    """The first three paths, and how many more: a message names examples, never a flood."""
    return ", ".join(paths[:3]) + (f" (+{len(paths) - 3})" if len(paths) > 3 else "")


def status(name: str, paths: Iterable[str], read: t.Callable[[str], str | None],
           folder: str = "") -> dict[str, t.Any] | None:
    """``{"reason", "files", "detail", "detail_fr"}`` when generator ``name``, listed by the
    manifest of package ``folder``, is not set up (``reason``: ``absent``, ``debug`` or
    ``unsure`` when the package has more source files than were read), else ``None`` (set up,
    or undecidable)."""
    setup = CHECKS.get(name)
    if setup is None:
        return None
    listed = list(paths)
    entries, sources, total, more = package_files(setup, listed, folder)
    if not (entries or sources) or more or _named_file(listed, folder) is not None:
        return None
    conditional: list[Conditional] = []
    texts = {path: read(path) for path in entries + sources}  # every miss asked for at once
    for path, text in texts.items():
        if text is None:
            return None  # a file not read decides nothing
        if setup.python and _includes_unread(text, listed, entries):
            return None  # the set-up may be in a URL module included under another name
        calls = _calls(setup, path, text, path in entries)
        if calls is None:
            return None
        conditional += calls
    files = entries + sources
    package = f"{folder}/" if folder else "the root package"
    package_fr = f"de {folder}/" if folder else "du paquet racine"
    kind = ("URL modules", "modules d'URL") if setup.python else ("source files",
                                                                  "fichiers source")
    # A settings flag that is a constant False in production makes its condition a development
    # one (suitenumerique/docs: USE_SWAGGER False in the Base class, True only in Development).
    why: dict[int, tuple[str, str]] = {}
    if setup.python and any(not c[3] for c in conditional):
        settings = {p: settings_text for p in settings_paths(listed)
                    if (settings_text := read(p)) is not None}
        for index, (path, line, condition, dev) in enumerate(conditional):
            found = None if dev or not settings else prodoff.django_dev_only(condition, settings)
            if found is not None:
                why[index] = found
                conditional[index] = (path, line, condition, True)
    # Behind a condition that may hold in production (a settings flag): generated, when it holds.
    flag = next((c for c in conditional if not c[3]), None)
    if flag is not None:
        path, line, condition, _dev = flag
        return {"reason": "conditional", "files": files, "path": path, "line": line,
                "condition": condition,
                "detail": f"only when `{condition}` holds ({path}:{line})",
                "detail_fr": f"seulement quand `{condition}` est vrai ({path}:{line})"}
    if conditional:
        path, line, condition, _dev = conditional[0]
        if 0 in why:  # a flag False in production: say so first, messages clip long texts
            return {"reason": "debug", "files": files, "path": path, "line": line,
                    "detail": f"set up only in development, when `{condition}` holds "
                              f"({path}:{line}; {why[0][0]}): no description in production",
                    "detail_fr": f"mis en place seulement en développement, quand `{condition}` "
                                 f"est vrai ({path}:{line} ; {why[0][1]}) : aucune description "
                                 "en production"}
        return {"reason": "debug", "files": files, "path": path, "line": line,
                "detail": f"set up only when `{condition}` holds, a development condition "
                          f"({path}:{line}): no description in production",
                "detail_fr": f"mis en place seulement quand `{condition}` est vrai, une condition "
                             f"de développement ({path}:{line}) : aucune description en "
                             "production"}
    if total > len(sources):
        read_count, all_count = len(files), len(entries) + total
        return {"reason": "unsure", "files": files,
                "detail": f"listed, but none of the {read_count} {kind[0]} read of the "
                          f"{all_count} in {package} ({shown(files)}) {setup.what}; the others "
                          "were not read: check whether it is set up",
                "detail_fr": f"listé, mais aucun des {read_count} {kind[1]} lus sur les "
                             f"{all_count} {package_fr} ({shown(files)}) {setup.what_fr} ; "
                             "les autres n'ont pas été lus : vérifiez s'il est mis en place"}
    return {"reason": "absent", "files": files,
            "detail": f"listed but never set up (none of the {len(files)} {kind[0]} of "
                      f"{package}, {shown(files)}, {setup.what}): serves no description",
            "detail_fr": f"listé mais jamais mis en place (aucun des {len(files)} {kind[1]} "
                         f"{package_fr}, {shown(files)}, {setup.what_fr}) : ne sert aucune "
                         "description"}


def annotate(found: list[dict[str, t.Any]], paths: Iterable[str],
             read: t.Callable[[str], str | None]) -> None:
    """Mark each generator fact in ``found`` that is listed but not set up (``not_set_up``),
    looking for the set-up in the package whose manifest lists it."""
    listed = list(paths)
    decided: dict[tuple[str, str], dict[str, t.Any] | None] = {}
    for framework in found:
        if framework["role"] != "generates" or (framework["name"] not in CHECKS
                                                 and framework["name"] not in prodoff.CHECKED):
            continue
        key = (framework["name"], _folder(framework))
        if key not in decided:
            decided[key] = status(key[0], listed, read, key[1])
            if decided[key] is None:
                decided[key] = prodoff.status(key[0], listed, read, key[1])
        verdict = decided[key]
        if verdict is not None and verdict["reason"] == "conditional":
            framework["condition"] = verdict
        elif verdict is not None:
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
