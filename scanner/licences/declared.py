"""Licences declared in package metadata, read statically (project code is never executed).

package.json, pyproject.toml (PEP 621/639, Poetry, trove classifiers), setup.cfg, setup.py
(parsed with ``ast``), composer.json, Cargo.toml, *.gemspec (pattern match: Ruby is not run),
pom.xml and *.nuspec (defusedxml), a Frictionless descriptor at the root (Table Schema
``schema.json``, ``datapackage.json``), an R package's DESCRIPTION, a QGIS plugin's metadata.txt
(its ``[general]`` section, shown on plugins.qgis.org), a Homebrew formula (``Formula/*.rb``,
pattern match). Every failure, parse error or not
(``RecursionError``/``MemoryError`` from a 1 MB ``setup.py`` expression, a reader running out of
time), costs that manifest only: a ``problems`` entry, never a crash, and the licence files still
decide. A package.json that npm wrote while installing (``_resolved``, ``_from``...) is a copy of
a third-party package, marked ``third_party``.
"""

from __future__ import annotations

import ast
import configparser
import functools
import re
import typing as t
from dataclasses import dataclass, replace

from scanner.budget import bounded
from scanner.errors import ParseError
from scanner.licences.expressions import parse
from scanner.parsing import decode, load_json, load_toml

#: Manifest file names (basename, lower case) and the reader's source name.
MANIFESTS = {
    "package.json": "package.json", "pyproject.toml": "pyproject.toml",
    "setup.cfg": "setup.cfg", "setup.py": "setup.py", "composer.json": "composer.json",
    "cargo.toml": "Cargo.toml", "pom.xml": "pom.xml", "description": "DESCRIPTION",
    "metadata.txt": "metadata.txt",
}
#: Frictionless descriptors (Table Schema ``schema.json``, Data Package ``datapackage.json``,
#: as published on schema.data.gouv.fr): their ``licenses`` field is the package metadata of the
#: schema or data the repository publishes (CEREMA/schema-arrete-circulation-marchandises
#: schema.json: ``"licenses": [{"name": "etalab-2.0", ...}]``).
FRICTIONLESS = frozenset({"schema.json", "datapackage.json"})
#: What makes a JSON file a Frictionless descriptor rather than a JSON Schema or other data.
_FRICTIONLESS_SCHEMA = re.compile(r"frictionless|datapackage|data-package|table-schema",
                                  re.IGNORECASE)
#: Trove classifiers that name one SPDX licence.
CLASSIFIERS = {
    "MIT License": "MIT", "MIT No Attribution License (MIT-0)": "MIT-0",
    "Apache Software License": "Apache-2.0", "BSD License": "BSD-3-Clause",
    "ISC License (ISCL)": "ISC", "Mozilla Public License 2.0 (MPL 2.0)": "MPL-2.0",
    "Eclipse Public License 2.0 (EPL-2.0)": "EPL-2.0",
    "European Union Public Licence 1.2 (EUPL 1.2)": "EUPL-1.2",
    "CEA CNRS Inria Logiciel Libre License, version 2.1 (CeCILL-2.1)": "CECILL-2.1",
    "CeCILL-B Free Software License Agreement (CECILL-B)": "CECILL-B",
    "CeCILL-C Free Software License Agreement (CECILL-C)": "CECILL-C",
    # GNU classifiers without "or later" say nothing of "only": the bare family is what they
    # state (see expressions.GNU_BARE); the classifier is kept as written.
    "GNU Affero General Public License v3": "GNU Affero General Public License v3",
    "GNU Affero General Public License v3 or later (AGPLv3+)": "AGPL-3.0-or-later",
    "GNU General Public License v3 (GPLv3)": "GNU General Public License v3 (GPLv3)",
    "GNU General Public License v3 or later (GPLv3+)": "GPL-3.0-or-later",
    "GNU General Public License v2 (GPLv2)": "GNU General Public License v2 (GPLv2)",
    "GNU General Public License v2 or later (GPLv2+)": "GPL-2.0-or-later",
    "GNU Lesser General Public License v3 (LGPLv3)": "GNU Lesser General Public License v3",
    "GNU Lesser General Public License v3 or later (LGPLv3+)": "LGPL-3.0-or-later",
    "GNU Lesser General Public License v2 (LGPLv2)": "GNU Library General Public License v2",
    "The Unlicense (Unlicense)": "Unlicense", "Zero-Clause BSD (0BSD)": "0BSD",
}
#: Fields npm (before v7) wrote into the package.json of a package it installed: such a file is
#: a copy of someone else's package.
_NPM_INSTALLED = ("_resolved", "_from", "_integrity", "_requested", "_shasum")
#: The licence ``npm init`` (and ``npm init -y``, ``pnpm init``) writes unless told otherwise:
#: npm's ``init-license`` setting defaults to "ISC" (since 2014, npm/npm#4618). Yarn's default,
#: "MIT", is also the most common deliberate choice, so it is not treated as a default; cargo,
#: poetry, uv and composer write no licence by default.
NPM_DEFAULT_LICENCE = "ISC"
#: An R package's DESCRIPTION (Debian control format): ``Package:`` and ``License:`` fields.
_DCF_FIELD = re.compile(r"^(Package|License):[ \t]*(.*(?:\n[ \t]+.*)*)", re.MULTILINE)
# Bounded, and a list stops at the next "[": unbounded, each of 100,000 unclosed
# ``s.licenses = [`` was matched against the rest of the file (minutes).
_GEMSPEC = re.compile(r"\.licen[cs]es?\s*=\s*(\[[^\][]{0,2000}\]|\"[^\"]{0,1000}\"|'[^']{0,1000}')")
_QUOTED = re.compile(r"\"([^\"]*)\"|'([^']*)'")
#: Largest setup.py parsed: real ones are a few KB, and ``ast`` (C code, no time check) needs
#: hundreds of MB and a deep recursion on a 1 MB expression.
MAX_SETUP_PY_BYTES = 256 * 1024
#: setup.cfg: configparser's time grows with the square of the lines it cannot read (40,000 took
#: 15 s) and of a line's runs of spaces (one run of 40,000: 50 s). So it is given only the
#: [metadata] section, at most this many lines of it, with runs of spaces read as one space
#: (licence names and classifiers hold none).
MAX_SETUP_CFG_LINES = 2_000
_SPACE_RUN = re.compile(r"[^\S\n]{64,}")
_SECTION_HEADER = re.compile(r"\s*\[(.*)\]")
#: A QGIS plugin's metadata.txt (``[general]`` with ``qgisMinimumVersion=``, which only QGIS
#: uses): "metadata.txt" is a common name, so any other such file is no manifest and says nothing.
#: Plugins keep it at the root or in the plugin's folder.
_QGIS_GENERAL = re.compile(r"^\[general\][ \t]*$", re.MULTILINE)
_QGIS_MINIMUM = re.compile(r"^qgisMinimumVersion[ \t]*[=:]", re.MULTILINE)
MAX_QGIS_DEPTH = 2
#: Homebrew formulas live in a tap's ``Formula/`` (or older ``HomebrewFormula/``) folder; their
#: ``license "MIT"`` is an SPDX id (``license any_of: [...]`` forms are not read).
_FORMULA_PATH = re.compile(r"(?:^|/)(?:Formula|HomebrewFormula)/[^/]+\.rb$")
_FORMULA_LICENCE = re.compile(r"^[ \t]*license[ \t]+\"([^\"\n]{1,200})\"", re.MULTILINE)


@dataclass(frozen=True)
class Declaration:
    """One licence value a manifest states (``expression`` as written; ``None`` if absent)."""

    source: str
    path: str
    expression: str | None
    field: str
    third_party: bool = False
    #: ``host/owner/name`` of the repository the manifest says the package comes from.
    repository: str | None = None
    #: The package manager that writes this value by default (``npm`` for "ISC"), when it is
    #: that value: on its own it shows no choice of licence.
    tool_default: str | None = None
    #: The manifest names a repository after the package itself (``"name": "eleventy-dsfr"``,
    #: repository ``codegouvfr/eleventy-dsfr``, no monorepo ``directory``): the package is a
    #: project of its own, and, nested here, possibly a copy of it.
    self_named: bool = False
    #: Other repositories the manifest names as the package's home (``homepage``, ``bugs``:
    #: ``github.com/o/r/tree/main/packages/core#readme``), ``host/owner/name``.
    homes: tuple[str, ...] = ()
    #: package.json ``"private": true``: npm refuses to publish the package.
    private: bool = False


def source_of(path: str) -> str | None:
    name = path.rsplit("/", 1)[-1].lower()
    if name.endswith(".gemspec"):
        return "gemspec"
    if name.endswith(".nuspec"):
        return "nuspec"
    if _FORMULA_PATH.search(path):
        return "Homebrew formula"
    if name == "metadata.txt" and path.count("/") >= MAX_QGIS_DEPTH:
        return None
    if name in FRICTIONLESS:
        # Only the repository's own descriptor, at its root: a schema.json elsewhere is
        # often a copy of someone else's schema, or a JSON Schema.
        return "Frictionless" if "/" not in path else None
    return MANIFESTS.get(name)


def read(path: str, data: bytes) -> tuple[list[Declaration], list[ParseError]]:
    """Declarations in one manifest, within the per-file budget; any failure comes back as an
    error naming the file, never as an exception."""
    source = source_of(path)
    if source is None:
        return [], []
    try:
        return bounded(path, functools.partial(_read, source, path, data)), []
    except ParseError as exc:
        return [], [exc]


def _read(source: str, path: str, data: bytes) -> list[Declaration]:
    try:
        return _READERS[source](path, data)
    except (ValueError, SyntaxError, RecursionError, configparser.Error) as exc:
        first = (str(exc).splitlines() or [type(exc).__name__])[0][:200]
        raise ParseError(path, f"unreadable {source}: {first}",
                         fr=f"{source} illisible : {first}") from None


def _table(doc: dict[str, t.Any], key: str) -> dict[str, t.Any]:
    value = doc.get(key)
    return value if isinstance(value, dict) else {}


def _one(source: str, path: str, value: t.Any, field: str) -> list[Declaration]:
    if isinstance(value, str):
        return [Declaration(source, path, value, field)]
    return []


def _package_json(path: str, data: bytes) -> list[Declaration]:
    doc = load_json(data, path=path).value
    if not isinstance(doc, dict):
        return []
    licence = doc.get("license")
    if isinstance(licence, dict):  # legacy {"type": "MIT", "url": ...}
        licence = licence.get("type")
    found = _one("package.json", path, licence, "license")
    legacy = doc.get("licenses")
    if not found and isinstance(legacy, list):  # legacy [{"type": ...}, ...]: a choice
        types = [str(x["type"]) for x in legacy if isinstance(x, dict)
                 and isinstance(x.get("type"), str)]
        if types:
            found = [Declaration("package.json", path, " OR ".join(types), "licenses")]
    found = found or [Declaration("package.json", path, None, "license")]
    home = _repository(doc.get("repository"))
    if home or any(key in doc for key in _NPM_INSTALLED):
        found = [Declaration(d.source, d.path, d.expression, d.field,
                             any(key in doc for key in _NPM_INSTALLED), home) for d in found]
    repository = doc.get("repository")
    name = doc.get("name")
    monorepo = isinstance(repository, dict) and bool(repository.get("directory"))
    if (home and isinstance(name, str) and not monorepo
            and home.rsplit("/", 1)[-1] == name.rsplit("/", 1)[-1].lower()):
        found = [replace(d, self_named=True) for d in found]
    bugs = doc.get("bugs")
    homes = tuple(dict.fromkeys(h for h in (_repository(doc.get("homepage")),
                                            _repository(bugs.get("url") if isinstance(bugs, dict)
                                                        else bugs)) if h))
    if homes:
        found = [replace(d, homes=homes) for d in found]
    if doc.get("private") is True:
        found = [replace(d, private=True) for d in found]
    return [replace(d, tool_default="npm") if d.field == "license"
            and (d.expression or "").strip() == NPM_DEFAULT_LICENCE else d for d in found]


_REPO_URL = re.compile(r"^(?:git\+)?(?:https?|git|ssh)://(?:[^@/]+@)?(?P<host>[^/:]+)(?::\d+)?/"
                       r"(?P<path>[^?#]+?)(?:\.git)?/?$|^(?:github:)?(?P<short>[\w.-]+/[\w.-]+)$"
                       r"|^(?:git@)?(?P<host2>[\w.-]+):(?P<path2>[\w.-]+/[\w.-]+?)(?:\.git)?$",
                       re.IGNORECASE)


def _repository(value: t.Any) -> str | None:
    """``host/owner/name`` of a package.json ``repository`` (string or ``{url}``), lower case."""
    url = value.get("url") if isinstance(value, dict) else value
    if not isinstance(url, str) or len(url) > 300:
        return None
    match = _REPO_URL.match(url.strip().split("#", 1)[0].split("?", 1)[0])
    if not match:
        return None
    if match["short"]:
        return f"github.com/{match['short']}".lower()
    host = match["host"] or match["host2"]
    path = (match["path"] or match["path2"]).strip("/")
    parts = path.split("/")
    for marker in ("tree", "blob", "issues", "-"):  # github.com/o/r/tree/main/packages/x,
        if marker in parts:                          # gitlab.com/o/r/-/issues, o/r/issues
            parts = parts[:parts.index(marker)]
    return f"{host}/{'/'.join(parts)}".lower() if len(parts) >= 2 else None


def _classifiers(source: str, path: str, classifiers: t.Any) -> list[Declaration]:
    found = []
    for item in classifiers if isinstance(classifiers, list) else []:
        if isinstance(item, str) and item.startswith("License ::"):
            name = item.rsplit("::", 1)[-1].strip()
            spdx_id = CLASSIFIERS.get(name)
            if spdx_id:
                found.append(Declaration(source, path, spdx_id, "classifiers"))
    return found


def _pyproject(path: str, data: bytes) -> list[Declaration]:
    doc = load_toml(data, path=path)
    project = _table(doc, "project")
    found: list[Declaration] = []
    licence = project.get("license")
    if isinstance(licence, dict):  # PEP 621 table: {text = "..."} or {file = "LICENSE"}
        if isinstance(licence.get("text"), str):
            found += _one("pyproject.toml", path, licence["text"], "project.license.text")
    else:
        found += _one("pyproject.toml", path, licence, "project.license")
    poetry = _table(_table(doc, "tool"), "poetry")
    if poetry:
        found += _one("pyproject.toml", path, poetry.get("license"), "tool.poetry.license")
        found += _classifiers("pyproject.toml", path, poetry.get("classifiers"))
    found += _classifiers("pyproject.toml", path, project.get("classifiers"))
    return found or [Declaration("pyproject.toml", path, None, "project.license")]


def _metadata_section(path: str, text: str, wanted: str = "metadata",
                      source: str = "setup.cfg") -> str | None:
    """The ``[wanted]`` section of an INI file (setup.cfg's [metadata], a QGIS plugin's
    [general]; see :data:`MAX_SETUP_CFG_LINES`), or ``None``."""
    lines: list[str] | None = None
    sections = 0
    for number, line in enumerate(text.splitlines(), start=1):
        header = _SECTION_HEADER.match(line) if not line[:1].isspace() else None
        if header and lines is not None:
            break
        if header:
            sections += 1
            lines = [] if header.group(1).strip() == wanted else None
        elif not sections and line.strip() and line.lstrip()[0] not in "#;":
            raise ParseError(path, f"unreadable {source}: a line before any [section]",
                             line=number, fr=f"{source} illisible : une ligne avant toute "
                                             "[section]")
        elif lines is not None and len(lines) < MAX_SETUP_CFG_LINES:
            lines.append(line)
    if lines is None:
        return None
    return _SPACE_RUN.sub(" ", "\n".join([f"[{wanted}]", *lines]))


def _setup_cfg(path: str, data: bytes) -> list[Declaration]:
    section = _metadata_section(path, decode(data, path))
    if section is None:
        return []
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.read_string(section)
    meta = parser["metadata"]
    found = _one("setup.cfg", path, meta.get("license"), "metadata.license")
    classifiers = [c.strip() for c in meta.get("classifiers", "").splitlines() if c.strip()]
    found += _classifiers("setup.cfg", path, classifiers)
    return found or [Declaration("setup.cfg", path, None, "metadata.license")]


def _qgis_metadata(path: str, data: bytes) -> list[Declaration]:
    """A QGIS plugin's metadata.txt: ``license=GNU AGPL v3`` in ``[general]`` (IGNF
    espace-collaboratif-qgis-plugin), free text read like any licence name."""
    text = decode(data, path)
    if not (_QGIS_GENERAL.search(text) and _QGIS_MINIMUM.search(text)):
        return []  # another file called metadata.txt
    section = _metadata_section(path, text, "general", "metadata.txt")
    if section is None:
        return []
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.read_string(section)
    general = parser["general"]
    if "qgisminimumversion" not in general:
        return []
    return _one("metadata.txt", path, general.get("license"), "general.license") or [
        Declaration("metadata.txt", path, None, "general.license")]


def _setup_py(path: str, data: bytes) -> list[Declaration]:
    if len(data) > MAX_SETUP_PY_BYTES:
        raise ParseError(path, f"over {MAX_SETUP_PY_BYTES // 1024} KB: too large for a setup.py; "
                         "not parsed", fr=f"plus de {MAX_SETUP_PY_BYTES // 1024} Ko : trop grand "
                                         "pour un setup.py ; non analysé")
    try:
        tree = ast.parse(decode(data, path), filename=path)
    except MemoryError:  # CPython's parser says so of deep nesting (``[[[[…``), not only of RAM
        raise ParseError(path, "unreadable setup.py: nested too deeply",
                         fr="setup.py illisible : imbrication trop profonde") from None
    found: list[Declaration] = []
    for node in ast.walk(tree):
        if not ((isinstance(node, ast.Call) and getattr(node.func, "id", None) == "setup")
                or (isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "setup")):
            continue
        for keyword in node.keywords:
            if keyword.arg == "license" and isinstance(keyword.value, ast.Constant):
                found += _one("setup.py", path, keyword.value.value, "setup(license=)")
            elif keyword.arg == "classifiers" and isinstance(keyword.value, (ast.List,
                                                                              ast.Tuple)):
                values = [e.value for e in keyword.value.elts if isinstance(e, ast.Constant)]
                found += _classifiers("setup.py", path, values)
    return found or [Declaration("setup.py", path, None, "setup(license=)")]


def _composer(path: str, data: bytes) -> list[Declaration]:
    doc = load_json(data, path=path).value
    if not isinstance(doc, dict):
        return []
    licence = doc.get("license")
    if isinstance(licence, list):  # composer: several licences = a choice (OR)
        names = [x for x in licence if isinstance(x, str)]
        licence = " OR ".join(names) if names else None
    return _one("composer.json", path, licence, "license") or [
        Declaration("composer.json", path, None, "license")]


def _cargo(path: str, data: bytes) -> list[Declaration]:
    doc = load_toml(data, path=path)
    package = _table(doc, "package")
    return _one("Cargo.toml", path, package.get("license"), "package.license") or [
        Declaration("Cargo.toml", path, None, "package.license")]


def _gemspec(path: str, data: bytes) -> list[Declaration]:
    match = _GEMSPEC.search(decode(data, path))
    if not match:
        return [Declaration("gemspec", path, None, "licenses")]
    names = [a or b for a, b in _QUOTED.findall(match.group(1))]
    names = [n for n in names if n]
    if not names:
        return [Declaration("gemspec", path, None, "licenses")]
    return [Declaration("gemspec", path, " OR ".join(names), "licenses")]


def _pom(path: str, data: bytes) -> list[Declaration]:
    from defusedxml import ElementTree
    from defusedxml.common import DefusedXmlException

    try:
        root = ElementTree.fromstring(data)
    except (ElementTree.ParseError, DefusedXmlException) as exc:
        raise ParseError(path, f"unreadable pom.xml: {exc}") from None
    names = []
    for element in root.iter():
        if element.tag.rsplit("}", 1)[-1] != "license":
            continue
        for child in element:
            if child.tag.rsplit("}", 1)[-1] == "name" and child.text and child.text.strip():
                names.append(child.text.strip())
    if not names:
        return [Declaration("pom.xml", path, None, "licenses")]
    return [Declaration("pom.xml", path, " OR ".join(names), "licenses/license/name")]


def _nuspec(path: str, data: bytes) -> list[Declaration]:
    """A NuGet/Chocolatey package: ``<license type="expression">MIT</license>``, else the
    deprecated ``<licenseUrl>`` when it is a known licence's address (one to a file in the
    repository names no licence)."""
    from defusedxml import ElementTree
    from defusedxml.common import DefusedXmlException

    try:
        root = ElementTree.fromstring(data)
    except (ElementTree.ParseError, DefusedXmlException) as exc:
        raise ParseError(path, f"unreadable nuspec: {exc}",
                         fr=f"nuspec illisible : {exc}") from None
    url = None
    for element in root.iter():
        tag = element.tag.rsplit("}", 1)[-1]
        value = (element.text or "").strip()
        if tag == "license" and value and element.get("type", "expression") == "expression":
            return [Declaration("nuspec", path, value, "license")]
        if tag == "licenseUrl" and value and parse(value).ids:
            url = value
    if url is not None:
        return [Declaration("nuspec", path, url, "licenseUrl")]
    return [Declaration("nuspec", path, None, "license")]


def _formula(path: str, data: bytes) -> list[Declaration]:
    """A Homebrew formula's ``license "MIT"`` (pattern match: Ruby is not run)."""
    match = _FORMULA_LICENCE.search(decode(data, path)[:MAX_SETUP_PY_BYTES])
    return [Declaration("Homebrew formula", path, match.group(1) if match else None, "license")]


def _description(path: str, data: bytes) -> list[Declaration]:
    """R's DESCRIPTION: ``License: GPL-3`` or ``MIT + file LICENSE`` (the file holds only the
    year and holder; the licence is the name before it)."""
    fields = {k: " ".join(v.split()) for k, v in _DCF_FIELD.findall(decode(data, path)[:65536])}
    if "Package" not in fields:
        return []  # a DESCRIPTION file that is not an R package's
    licence = fields.get("License")
    if not licence:
        return [Declaration("DESCRIPTION", path, None, "License")]
    return [Declaration("DESCRIPTION", path, licence, "License")]


def _frictionless(path: str, data: bytes) -> list[Declaration]:
    """The ``licenses`` of a Frictionless descriptor: each entry's ``name`` (an Open Definition
    or SPDX id), else its ``title``; several apply together (``AND``). A JSON file that is no
    Frictionless descriptor (a JSON Schema: no ``fields``/``resources``, no Frictionless
    ``$schema`` or ``profile``), or one without ``licenses``, declares nothing."""
    doc = load_json(data, path=path).value
    if not isinstance(doc, dict):
        return []
    marker = " ".join(str(doc.get(k)) for k in ("$schema", "profile") if isinstance(doc.get(k),
                                                                                   str))
    if not (_FRICTIONLESS_SCHEMA.search(marker) or isinstance(doc.get("fields"), list)
            or isinstance(doc.get("resources"), list)):
        return []
    licences = doc.get("licenses")
    names = []
    for item in licences if isinstance(licences, list) else []:
        if not isinstance(item, dict):
            continue
        name = next((v.strip() for v in (item.get("name"), item.get("title"))
                     if isinstance(v, str) and v.strip()), None)
        if name:
            names.append(name)
    if not names:
        return []
    names = list(dict.fromkeys(names))
    return [Declaration("Frictionless", path, " AND ".join(names), "licenses")]


_READERS: dict[str, t.Callable[[str, bytes], list[Declaration]]] = {
    "package.json": _package_json, "pyproject.toml": _pyproject, "setup.cfg": _setup_cfg,
    "setup.py": _setup_py, "composer.json": _composer, "Cargo.toml": _cargo,
    "gemspec": _gemspec, "pom.xml": _pom, "DESCRIPTION": _description,
    "metadata.txt": _qgis_metadata, "nuspec": _nuspec, "Homebrew formula": _formula,
    "Frictionless": _frictionless,
}
