"""Licences declared in package metadata, read statically (project code is never executed).

package.json, pyproject.toml (PEP 621/639, Poetry, trove classifiers), setup.cfg, setup.py
(parsed with ``ast``), composer.json, Cargo.toml, *.gemspec (pattern match: Ruby is not run),
pom.xml (defusedxml), an R package's DESCRIPTION. Every parse failure is a ``problems`` entry,
never a crash. A package.json that npm wrote while installing (``_resolved``, ``_from``...) is a
copy of a third-party package, marked ``third_party``.
"""

from __future__ import annotations

import ast
import configparser
import re
import typing as t
from dataclasses import dataclass

from scanner.errors import ParseError
from scanner.parsing import decode, load_json, load_toml

#: Manifest file names (basename, lower case) and the reader's source name.
MANIFESTS = {
    "package.json": "package.json", "pyproject.toml": "pyproject.toml",
    "setup.cfg": "setup.cfg", "setup.py": "setup.py", "composer.json": "composer.json",
    "cargo.toml": "Cargo.toml", "pom.xml": "pom.xml", "description": "DESCRIPTION",
}
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
#: An R package's DESCRIPTION (Debian control format): ``Package:`` and ``License:`` fields.
_DCF_FIELD = re.compile(r"^(Package|License):[ \t]*(.*(?:\n[ \t]+.*)*)", re.MULTILINE)
_GEMSPEC = re.compile(r"\.licen[cs]es?\s*=\s*(\[[^\]]*\]|\"[^\"]*\"|'[^']*')")
_QUOTED = re.compile(r"\"([^\"]*)\"|'([^']*)'")


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


def source_of(path: str) -> str | None:
    name = path.rsplit("/", 1)[-1].lower()
    if name.endswith(".gemspec"):
        return "gemspec"
    return MANIFESTS.get(name)


def read(path: str, data: bytes) -> tuple[list[Declaration], list[ParseError]]:
    """Declarations in one manifest; parse failures come back as errors, not exceptions."""
    source = source_of(path)
    if source is None:
        return [], []
    try:
        return _READERS[source](path, data), []
    except ParseError as exc:
        return [], [exc]
    except (ValueError, SyntaxError, RecursionError, configparser.Error) as exc:
        return [], [ParseError(path, f"unreadable {source}: {str(exc).splitlines()[0][:200]}")]


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
    return found


_REPO_URL = re.compile(r"^(?:git\+)?(?:https?|git|ssh)://(?:[^@/]+@)?(?P<host>[^/:]+)(?::\d+)?/"
                       r"(?P<path>[^?#]+?)(?:\.git)?/?$|^(?:github:)?(?P<short>[\w.-]+/[\w.-]+)$"
                       r"|^(?:git@)?(?P<host2>[\w.-]+):(?P<path2>[\w.-]+/[\w.-]+?)(?:\.git)?$",
                       re.IGNORECASE)


def _repository(value: t.Any) -> str | None:
    """``host/owner/name`` of a package.json ``repository`` (string or ``{url}``), lower case."""
    url = value.get("url") if isinstance(value, dict) else value
    if not isinstance(url, str) or len(url) > 300:
        return None
    match = _REPO_URL.match(url.strip())
    if not match:
        return None
    if match["short"]:
        return f"github.com/{match['short']}".lower()
    host = match["host"] or match["host2"]
    path = (match["path"] or match["path2"]).strip("/")
    parts = path.split("/")
    if "tree" in parts:  # https://github.com/o/r/tree/main/packages/x
        parts = parts[:parts.index("tree")]
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


def _setup_cfg(path: str, data: bytes) -> list[Declaration]:
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.read_string(decode(data, path))
    if not parser.has_section("metadata"):
        return []
    meta = parser["metadata"]
    found = _one("setup.cfg", path, meta.get("license"), "metadata.license")
    classifiers = [c.strip() for c in meta.get("classifiers", "").splitlines() if c.strip()]
    found += _classifiers("setup.cfg", path, classifiers)
    return found or [Declaration("setup.cfg", path, None, "metadata.license")]


def _setup_py(path: str, data: bytes) -> list[Declaration]:
    tree = ast.parse(decode(data, path), filename=path)
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


_READERS: dict[str, t.Callable[[str, bytes], list[Declaration]]] = {
    "package.json": _package_json, "pyproject.toml": _pyproject, "setup.cfg": _setup_cfg,
    "setup.py": _setup_py, "composer.json": _composer, "Cargo.toml": _cargo,
    "gemspec": _gemspec, "pom.xml": _pom, "DESCRIPTION": _description,
}
