"""Is the repository a library published to a package registry?

A library (``pip install django-lasuite``, ``npm install @org/widget``) is installed into other
applications: the web framework it depends on serves *their* routes, not an API of its own. The
sign is two facts that must agree: a manifest declares the package's name, and the README tells
users to install that very name from a registry. An application that is also published (a
server installed with ``pip install``) is recognised by stronger evidence elsewhere (a committed
description, routes, its README's API section), which callers weigh first.
"""

from __future__ import annotations

import json
import re
import typing as t
from collections.abc import Iterable, Mapping

#: Longest README text searched for install commands.
MAX_README_CHARS = 256 * 1024

# Manifest name declarations. Bounded quantifiers only: these run over untrusted text.
_PYPROJECT_NAME = re.compile(r"^\[(?:project|tool\.poetry)\][ \t]*\r?\n(?:[^\[\n][^\n]{0,2000}\n|\n)"
                             r"{0,200}?name[ \t]*=[ \t]*[\"']([A-Za-z0-9][\w.\-]{0,200})[\"']",
                             re.MULTILINE)
_SETUP_CFG_NAME = re.compile(r"^\[metadata\][ \t]*\r?\n(?:[^\[\n][^\n]{0,2000}\n|\n){0,200}?"
                             r"name[ \t]*=[ \t]*([A-Za-z0-9][\w.\-]{0,200})", re.MULTILINE)
_SETUP_PY_NAME = re.compile(r"\bname[ \t]*=[ \t]*[\"']([A-Za-z0-9][\w.\-]{0,200})[\"']")
_CARGO_NAME = re.compile(r"^\[package\][ \t]*\r?\n(?:[^\[\n][^\n]{0,2000}\n|\n){0,200}?"
                         r"name[ \t]*=[ \t]*\"([A-Za-z0-9][\w\-]{0,200})\"", re.MULTILINE)
_GO_MODULE = re.compile(r"^module[ \t]+([\w.\-]{1,200}/[\w.\-/]{1,300})", re.MULTILINE)

# README commands that install a named package from a registry into another project.
_INSTALL = re.compile(
    r"(?<![\w/.-])(?P<tool>pip3?[ \t]+install|python3?[ \t]+-m[ \t]+pip[ \t]+install"
    r"|uv[ \t]+(?:pip[ \t]+install|add)|poetry[ \t]+add|pipenv[ \t]+install"
    r"|npm[ \t]+(?:install|i|add)|yarn[ \t]+add|pnpm[ \t]+(?:add|install|i)"
    r"|bun[ \t]+add|gem[ \t]+install|composer[ \t]+require|go[ \t]+get|cargo[ \t]+add)"
    r"(?P<options>(?:[ \t]+-{1,2}[\w\-]{1,30}){0,4})[ \t]+[\"']?"
    r"(?P<name>@?[A-Za-z0-9][\w.\-/@]{0,200})")
# A Gemfile line in a README: gem 'name'
_GEM_LINE = re.compile(r"^[ \t]*gem[ \t]+[\"'](?P<name>[A-Za-z0-9][\w.\-]{0,200})[\"']", re.MULTILINE)

_ECOSYSTEM_OF_TOOL = (("pip", "pypi"), ("python", "pypi"), ("uv", "pypi"), ("poetry", "pypi"),
                      ("pipenv", "pypi"), ("npm", "npm"), ("yarn", "npm"), ("pnpm", "npm"),
                      ("bun", "npm"), ("gem", "gem"), ("composer", "composer"), ("go", "go"),
                      ("cargo", "cargo"))


def _normal(name: str, ecosystem: str) -> str:
    name = name.lower()
    if ecosystem == "pypi":
        return re.sub(r"[-_.]+", "-", name.split("[", 1)[0])
    if ecosystem == "npm":  # npm install name@2.0
        return name[:1] + name[1:].split("@", 1)[0]
    if ecosystem in ("go", "composer"):
        return name.split("@", 1)[0].split(":", 1)[0]
    return name


def declared_name(path: str, text: str) -> tuple[str, str] | None:
    """``(ecosystem, name)`` a manifest publishes under, or ``None`` (applications, unknown)."""
    base = path.lower().rsplit("/", 1)[-1]
    text = text[:512 * 1024]
    if base in ("package.json", "composer.json"):
        try:
            data = json.loads(text)
        except (ValueError, RecursionError):
            return None
        if not isinstance(data, dict) or not isinstance(data.get("name"), str):
            return None
        if base == "package.json":
            return None if data.get("private") is True else ("npm", data["name"])
        kind = data.get("type", "library")
        return ("composer", data["name"]) if kind == "library" else None
    patterns = {"pyproject.toml": ("pypi", _PYPROJECT_NAME), "setup.cfg": ("pypi", _SETUP_CFG_NAME),
                "setup.py": ("pypi", _SETUP_PY_NAME), "cargo.toml": ("cargo", _CARGO_NAME),
                "go.mod": ("go", _GO_MODULE)}
    if base.endswith(".gemspec"):
        return "gem", base[: -len(".gemspec")]
    if base not in patterns:
        return None
    ecosystem, pattern = patterns[base]
    match = pattern.search(text)
    return (ecosystem, match.group(1)) if match else None


def install_commands(text: str) -> list[tuple[int, str, str, str]]:
    """``(line, ecosystem, name, command)`` for each registry install command in a README."""
    found: list[tuple[int, str, str, str]] = []
    for number, line in enumerate(text[:MAX_README_CHARS].splitlines(), start=1):
        if len(line) > 2000:
            continue
        for match in _INSTALL.finditer(line):
            tool = match.group("tool").split()[0]
            ecosystem = next(e for prefix, e in _ECOSYSTEM_OF_TOOL if tool.startswith(prefix))
            found.append((number, ecosystem, match.group("name"), match.group(0).strip()))
        for match in _GEM_LINE.finditer(line):
            found.append((number, "gem", match.group("name"), match.group(0).strip()))
    return found


def published_package(manifests: Mapping[str, str],
                      readmes: Iterable[tuple[str, str]]) -> dict[str, t.Any] | None:
    """The library this repository publishes, or ``None``.

    ``manifests`` maps root-level manifest paths (``pyproject.toml``, ``package.json``,
    ``NAME.gemspec``...) to their text; ``readmes`` are ``(path, text)`` of the root READMEs.
    The answer ``{name, ecosystem, manifest, readme, line, command}`` names both sources.
    """
    declared: dict[tuple[str, str], str] = {}
    for path, text in manifests.items():
        if "/" in path:
            continue  # a sub-package of a monorepo says nothing about the repository
        found = declared_name(path, text)
        if found is not None:
            declared.setdefault((found[0], _normal(found[1], found[0])), path)
    if not declared:
        return None
    for readme, text in readmes:
        for line, ecosystem, name, command in install_commands(text):
            key = (ecosystem, _normal(name, ecosystem))
            if key in declared:
                return {"name": name, "ecosystem": ecosystem, "manifest": declared[key],
                        "readme": readme, "line": line, "command": command}
    return None


def gemspec_paths(paths: Iterable[str]) -> list[str]:
    """Root ``*.gemspec`` files (their name is the gem's; at most 2)."""
    return sorted(p for p in paths if "/" not in p and p.lower().endswith(".gemspec"))[:2]
