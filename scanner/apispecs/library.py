"""Is the repository a library published to a package registry?

A library (``pip install django-lasuite``, ``npm install @org/widget``) is installed into other
applications: the web framework it depends on serves *their* routes, not an API of its own. The
sign is two facts that must agree: a manifest declares the package's name, and the README tells
users to install that very name from a registry. An application that is also published (a
server installed with ``pip install``) is recognised by stronger evidence elsewhere (a committed
description, routes, its README's API section), which callers weigh first.
"""

from __future__ import annotations

import typing as t
from collections.abc import Iterable, Mapping

from scanner import packages


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
        found = packages.declared(path, text)
        if found is not None and found.published:
            declared.setdefault((found.ecosystem, packages.normal(found.name, found.ecosystem)),
                                path)
    if not declared:
        return None
    for readme, text in readmes:
        for install in packages.installs(text):
            key = (install.ecosystem, packages.normal(install.name, install.ecosystem))
            if install.dependency and key in declared:
                return {"name": install.name, "ecosystem": install.ecosystem,
                        "manifest": declared[key], "readme": readme, "line": install.line,
                        "command": install.command}
    return None


def gemspec_paths(paths: Iterable[str]) -> list[str]:
    """Root ``*.gemspec`` files (their name is the gem's; at most 2)."""
    return sorted(p for p in paths if "/" not in p and p.lower().endswith(".gemspec"))[:2]
