"""Packages: the name a manifest declares (``pyproject.toml``, ``package.json``...) and the names a
text installs from a registry (``pip install x``, ``npm i -g x``, a Gemfile's ``gem 'x'``).

One reading of each for every question asked of them: is the repository a published library
(its README installs the name its manifest declares), does a README show its package installed
then used, what does the project call itself (``civiscan fix``). Everything here is untrusted
text: sizes are capped, patterns have bounded quantifiers, manifests go through the safe parsers
of :mod:`scanner.parsing`, and a bad file answers ``None``, never an exception.
"""

from __future__ import annotations

import re
import typing as t
from dataclasses import dataclass

from scanner.errors import ParseError
from scanner.parsing import decode, load_json, load_toml, load_yaml

#: Longest manifest read; longest text searched for install commands, and longest line.
MAX_MANIFEST_CHARS = 512 * 1024
MAX_TEXT_CHARS = 256 * 1024
MAX_LINE_CHARS = 2000


@dataclass(frozen=True)
class Declared:
    """A manifest's package: ``published`` is false for a package.json marked ``private`` and a
    composer.json whose ``type`` is not ``library`` (an application's)."""

    ecosystem: str
    name: str
    published: bool = True


@dataclass(frozen=True)
class Install:
    """An install command: ``name`` as written, version and extras aside (``django-lasuite``,
    ``@scope/widget``); ``command`` as written, up to the name; ``dependency`` is false where
    it installs a program rather than adding a library to a project (``pipx``, ``cargo install``,
    ``go install``)."""

    line: int
    column: int
    ecosystem: str
    name: str
    command: str
    dependency: bool = True


# Manifest declarations that no safe parser reads (INI, Python, go.mod). Bounded quantifiers.
_SETUP_CFG_NAME = re.compile(r"^\[metadata\][ \t]*\r?\n(?:[^\[\n][^\n]{0,2000}\n|\n){0,200}?"
                             r"name[ \t]*=[ \t]*([A-Za-z0-9][\w.\-]{0,200})", re.MULTILINE)
_SETUP_PY_NAME = re.compile(r"\bname[ \t]*=[ \t]*[\"']([A-Za-z0-9][\w.\-]{0,200})[\"']")
_GO_MODULE = re.compile(r"^module[ \t]+([\w.\-]{1,200}/[\w.\-/]{1,300})", re.MULTILINE)
_PATTERNS = {"setup.cfg": ("pypi", _SETUP_CFG_NAME), "setup.py": ("pypi", _SETUP_PY_NAME),
             "go.mod": ("go", _GO_MODULE)}
#: TOML manifests: ecosystem and the tables whose ``name`` is the package's, first found first.
_TOML = {"pyproject.toml": ("pypi", (("project",), ("tool", "poetry"))),
         "cargo.toml": ("cargo", (("package",),))}

#: Registry install commands: (command, ecosystem, adds a dependency rather than a program).
_INSTALLERS: tuple[tuple[str, str, bool], ...] = (
    (r"pip3?[ \t]+install|python3?[ \t]+-m[ \t]+pip[ \t]+install|uv[ \t]+(?:pip[ \t]+install|add)"
     r"|poetry[ \t]+add|pipenv[ \t]+install", "pypi", True),
    (r"pipx[ \t]+install|uv[ \t]+tool[ \t]+install", "pypi", False),
    (r"npm[ \t]+(?:install|i|add)|yarn[ \t]+add|pnpm[ \t]+(?:add|install|i)"
     r"|bun[ \t]+(?:add|install|i)", "npm", True),
    (r"gem[ \t]+install", "gem", True),
    (r"composer[ \t]+require", "composer", True),
    (r"go[ \t]+get", "go", True),
    (r"go[ \t]+install", "go", False),
    (r"cargo[ \t]+add", "cargo", True),
    (r"cargo[ \t]+install", "cargo", False),
    (r"dotnet[ \t]+add[ \t]+package", "nuget", True),
    (r"dotnet[ \t]+tool[ \t]+install", "nuget", False),
)
_INSTALL = re.compile(r"(?<![\w/.-])(?:"
                      + "|".join(f"(?P<i{n}>{c})" for n, (c, _, _) in enumerate(_INSTALLERS))
                      + r")(?P<args>(?:[ \t]+[^ \t]{1,300}){1,8})")
#: A package's name in a command, version, extras and constraints aside (``x==1.2``, ``x[all]``,
#: ``@scope/x@2``, ``vendor/x:^1.0``); not a path (``./x``, ``/app/x``), an address
#: (``git+https://…``) nor a git reference (``user/repo#branch``). The command quoted ends with
#: the version (``go get x@latest``).
_NAME = re.compile(r"[\"']?(@?[A-Za-z0-9][\w.\-/]{0,200})(?![\w.\-/]|[+#]|://)(?P<version>[\w.\-/@]*)")
#: A Gemfile line in a README: ``gem 'name'``.
_GEM_LINE = re.compile(r"^[ \t]*gem[ \t]+[\"'](?P<name>[A-Za-z0-9][\w.\-]{0,200})[\"']")
_WORD = re.compile(r"[^ \t]+")
_LEADING = re.compile(r"\s*(?:sudo\s+)?")


def declared(path: str, data: bytes | str) -> Declared | None:
    """The package a manifest declares, or ``None`` (no name, unknown file, unreadable)."""
    base = path.lower().rsplit("/", 1)[-1]
    if base.endswith(".gemspec"):
        return Declared("gem", base[: -len(".gemspec")])
    if len(data) > MAX_MANIFEST_CHARS:
        return None
    try:
        if base in ("package.json", "composer.json"):
            value = load_json(data, path=path).value
            name = value.get("name") if isinstance(value, dict) else None
            if not isinstance(name, str):
                return None
            if base == "package.json":
                return Declared("npm", name, value.get("private") is not True)
            return Declared("composer", name, value.get("type", "library") == "library")
        if base in _TOML:
            ecosystem, tables = _TOML[base]
            document: t.Any = load_toml(data, path=path)
            for keys in tables:
                node = document
                for key in keys:
                    node = node.get(key) if isinstance(node, dict) else None
                name = node.get("name") if isinstance(node, dict) else None
                if isinstance(name, str):
                    return Declared(ecosystem, name)
            return None
        if base in _PATTERNS:
            ecosystem, pattern = _PATTERNS[base]
            match = pattern.search(decode(data, path))
            return Declared(ecosystem, match.group(1)) if match else None
    except (ParseError, ValueError, RecursionError):
        return None
    return None


#: A conda dependency (``flask=1.1.2=py_0``, ``conda-forge::numpy >=1.18``) or a pip requirement
#: (``flask==1.1.2``, ``uvicorn[standard]>=0.2``): its name, then a version, an extra or nothing.
#: Options (``-r x.txt``, ``-e .``) and addresses (``git+https://…``) name no package.
_CONDA_SPEC = re.compile(r"(?:[\w.\-]{1,200}::)?([A-Za-z0-9][A-Za-z0-9._\-]{0,200})"
                         r"(?=$|[ \t\[<>=!~;@])")


def environment_dependencies(path: str, data: bytes | str) -> set[str] | None:
    """The packages a conda ``environment.yml`` installs, conda's and its ``pip:`` list's, as
    lower-case names (``_`` as ``-``, as PyPI compares them); ``None`` when the file is not
    YAML or too large (numerique-gouv/pseudo_api lists Flask under ``dependencies: - pip:``)."""
    if len(data) > MAX_MANIFEST_CHARS:
        return None
    try:
        document = load_yaml(data, path=path).value
    except (ParseError, ValueError, RecursionError):
        return None
    listed = document.get("dependencies") if isinstance(document, dict) else None
    names: set[str] = set()
    for entry in listed if isinstance(listed, list) else ():
        pip = entry.get("pip") if isinstance(entry, dict) else None
        for spec in [entry, *(pip if isinstance(pip, list) else ())]:
            match = _CONDA_SPEC.match(spec.strip()) if isinstance(spec, str) else None
            if match:
                names.add(match.group(1).lower().replace("_", "-"))
    return names


def gopkg_dependencies(path: str, data: bytes | str) -> set[str] | None:
    """The Go packages dep's ``Gopkg.toml`` (go.mod's predecessor) declares in ``[[constraint]]``
    and ``[[override]]``, lower-case; ``None`` when the file is not TOML or too large
    (MTES-MCT/filharmonic-api: ``name = "github.com/gin-gonic/gin"``). Its ``Gopkg.lock``, like
    ``go.sum``, is not read: it pins every package pulled in, others' too."""
    if len(data) > MAX_MANIFEST_CHARS:
        return None
    try:
        document = load_toml(data, path=path)
    except (ParseError, ValueError, RecursionError):
        return None
    names: list[t.Any] = []
    for table in ("constraint", "override"):
        entries = document.get(table)
        names += [e.get("name") for e in (entries if isinstance(entries, list) else ())
                  if isinstance(e, dict)]
    return {name.lower() for name in names if isinstance(name, str)}


def installs(text: str) -> list[Install]:
    """Each registry install command of a text (a README, a command), in reading order."""
    found: list[Install] = []
    for number, line in enumerate(text[:MAX_TEXT_CHARS].splitlines(), start=1):
        if len(line) > MAX_LINE_CHARS:
            continue
        position = 0
        while match := _INSTALL.search(line, position):
            position = match.end()
            kind = next(n for n in range(len(_INSTALLERS)) if match.group(f"i{n}"))
            word = next((w for w in _WORD.finditer(line, match.start("args"), match.end())
                         if not w.group().startswith("-")), None)
            name = _NAME.match(word.group()) if word else None
            if word is None or name is None:
                continue  # a path, an address, a variable: no registry package
            position = word.end()  # a next command on the line: ``pip install x && npm i y``
            _, ecosystem, dependency = _INSTALLERS[kind]
            found.append(Install(number, match.start(), ecosystem, name.group(1),
                                 line[match.start():word.start() + name.end()], dependency))
        gem = _GEM_LINE.match(line)
        if gem:
            found.append(Install(number, len(line) - len(line.lstrip(" \t")), "gem",
                                 gem.group("name"), gem.group(0).strip()))
    return found


def leading(command: str) -> Install | None:
    """The install a command is (``pip install x``, ``sudo npm i -g x``), or ``None``."""
    return next((i for i in installs(command)
                 if i.line == 1 and _LEADING.fullmatch(command[:i.column])), None)


def normal(name: str, ecosystem: str) -> str:
    """A name as its registry compares names (PyPI: ``Django_LaSuite`` is ``django-lasuite``)."""
    name = name.lower()
    return re.sub(r"[-_.]+", "-", name) if ecosystem == "pypi" else name
