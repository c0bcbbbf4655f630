"""Descriptions generated at build time from sources committed in another language.

A TypeSpec project (``*.tsp`` sources, compiled by ``tsp compile``) emits its OpenAPI
description when its configuration (``tspconfig.yaml``) or its package's build names an OpenAPI
emitter (``@typespec/openapi3``; ``@azure-tools/typespec-autorest`` for Swagger 2.0): the
description is not committed, yet it is the repository's own and is built with every release
(MTES-MCT/potentiel serves the one compiled from ``api-documentation/src/main.tsp`` at
``/api/openapi``). Like a framework that generates its description at run time, this counts as a
description, and the facts name the configuration and the sources. Only committed configurations
and manifests are read, never executed; TypeSpec sources with no OpenAPI emitter (client or
server code emitters only) generate no description.
"""

from __future__ import annotations

import json
import posixpath
import re
import typing as t
from collections.abc import Iterable, Mapping

from scanner.apispecs.discovery import EXCLUDED_DIRS, TEST_DIRS
from scanner.parsing import load_data

#: TypeSpec emitters that write an OpenAPI (or Swagger 2.0) description.
OPENAPI_EMITTERS = ("@typespec/openapi3", "@azure-tools/typespec-autorest")
_CONFIG = re.compile(r"(?:^|/)tspconfig\.ya?ml$")
#: Most TypeSpec configurations read per repository (monorepos: the shallowest first).
MAX_CONFIGS = 6
#: Deepest folder a configuration is read from.
MAX_DEPTH = 4
#: Most sources named in a fact.
MAX_SOURCES = 3
_EMITTER = re.compile("|".join(re.escape(e) for e in OPENAPI_EMITTERS))


def _kept(path: str) -> bool:
    dirs = path.lower().split("/")[:-1]
    return len(dirs) <= MAX_DEPTH and not set(dirs) & (EXCLUDED_DIRS | TEST_DIRS)


def config_paths(paths: Iterable[str]) -> list[str]:
    """TypeSpec configurations worth reading (for the collector's ``wanted``)."""
    found = sorted((p for p in paths if _CONFIG.search(p) and _kept(p)),
                   key=lambda p: (p.count("/"), p))
    return found[:MAX_CONFIGS]


def _sources(folder: str, paths: Iterable[str]) -> list[str]:
    """The TypeSpec sources of the project in ``folder``: its ``main.tsp`` entries first."""
    prefix = f"{folder}/" if folder else ""
    tsp = [p for p in paths if p.startswith(prefix) and p.endswith(".tsp") and _kept(p)]
    tsp.sort(key=lambda p: (posixpath.basename(p) != "main.tsp", p.count("/"), p))
    return tsp


def _fact(where: str, emitter: str, sources: list[str]) -> dict[str, t.Any]:
    entries = [p for p in sources if posixpath.basename(p) == "main.tsp"] or sources
    named = entries[:MAX_SOURCES]
    rest = len(sources) - len(named)
    more = f" and {rest} other .tsp file(s)" if rest else ""
    more_fr = f" et {rest} autre(s) fichier(s) .tsp" if rest else ""
    shown = ", ".join(named)
    return {"name": "TypeSpec", "role": "generates", "path": where, "package": emitter,
            "build": {"sources": named, "source_count": len(sources),
                      "detail": f"at build time from {shown}{more} ({emitter} emitter)",
                      "detail_fr": f"à la construction depuis {shown}{more_fr} (émetteur "
                                   f"{emitter})"}}


def _config_emitter(path: str, text: str) -> str | None:
    """The OpenAPI emitter a ``tspconfig.yaml`` lists under ``emit`` (or configures under
    ``options``), or ``None``."""
    value = load_data(text, path=path).value
    if not isinstance(value, Mapping):
        return None
    emit = value.get("emit")
    listed = [str(e) for e in emit] if isinstance(emit, list) else []
    options = value.get("options")
    if isinstance(options, Mapping):
        listed += [str(k) for k in options]
    return next((e for e in OPENAPI_EMITTERS if e in listed), None)


def _manifest_emitter(text: str) -> str | None:
    """The OpenAPI emitter a ``package.json`` depends on, if its scripts run ``tsp``."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return None
    if not isinstance(data, dict):
        return None
    names: set[str] = set()
    for key in ("dependencies", "devDependencies", "peerDependencies", "optionalDependencies"):
        section = data.get(key)
        if isinstance(section, dict):
            names.update(str(k) for k in section)
    scripts = data.get("scripts")
    runs = isinstance(scripts, dict) and any(
        isinstance(s, str) and re.search(r"(?:^|[\s;&|])tsp[ \t]+compile\b", s)
        for s in scripts.values())
    if not runs:
        return None
    return next((e for e in OPENAPI_EMITTERS if e in names), None)


def manifest_fact(path: str, text: str, paths: Iterable[str]) -> dict[str, t.Any] | None:
    """The generator fact of a ``package.json`` whose scripts run ``tsp compile`` and which
    depends on an OpenAPI emitter, with ``.tsp`` sources in its folder; else ``None``."""
    if posixpath.basename(path) != "package.json" or "tsp" not in text or not _EMITTER.search(text):
        return None  # most manifests: decided without parsing
    emitter = _manifest_emitter(text)
    sources = _sources(posixpath.dirname(path), paths) if emitter else []
    return _fact(path, emitter, sources) if emitter and sources else None


def config_fact(path: str, text: str, paths: Iterable[str]) -> dict[str, t.Any] | None:
    """The generator fact of one ``tspconfig.yaml``, or ``None`` (no OpenAPI emitter, or no
    ``.tsp`` source beside it). Raises :class:`ParseError` when the file is not YAML."""
    emitter = _config_emitter(path, text)
    if emitter is None:
        return None
    sources = _sources(posixpath.dirname(path), paths)
    return _fact(path, emitter, sources) if sources else None
