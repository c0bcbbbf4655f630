"""Descriptions written as JavaScript or TypeScript objects, served by the application.

MTES-MCT/dtlk-api commits its Swagger 2.0 descriptions as code
(src/api/intranet.alimentation/swaggerDocumentation/index.js:4-6:
« module.exports = { v1: { swagger: `2.0`, info: {… ») and serves one with
``res.json(swaggerDocument)`` at ``/v1/apidoc/swagger.json`` (routes/v1/apidoc.js:10-13), with
Swagger UI beside it. Such a module is a committed description: the API has one, but civiscan runs
no code, so its values built at run time (template strings, imports) cannot be validated.

An object counts when it holds, at one level, a ``swagger: "2.0"`` or ``openapi: "3.x"`` key with
a literal version, an ``info`` key and a ``paths`` key (a Swagger UI configuration has no
``paths``; a swagger-jsdoc ``definition`` has none either and is its generator's base), in a
source file named after the description (``swagger``, ``openapi``, ``apidoc`` in its path), outside
tests, fixtures and vendored code, in a repository whose code serves descriptions (a Swagger UI or
ReDoc package in a manifest, or the file serving it itself). Keys are read by a small lexer that
skips strings and comments: ``openapi`` inside a string is no key.
"""

from __future__ import annotations

import re
import typing as t
from collections.abc import Iterable, Mapping

from scanner.apispecs.discovery import own_code

#: Most source files read for descriptions written as code.
MAX_FILES = 12
#: Largest file read (descriptions as code of a few hundred operations stay well under).
MAX_BYTES = 512 * 1024
#: Deepest folder a file is read from.
MAX_DEPTH = 6
_SOURCE = re.compile(r"\.(?:[cm]?js|[cm]?ts)$", re.IGNORECASE)
_NAMED = re.compile(r"swagger|openapi|api[-_]?doc", re.IGNORECASE)
_NOT_SOURCE = re.compile(r"\.(?:test|spec|min|d)\.[cm]?[jt]s$|(?:^|[/.])(?:stories|fixtures?|mocks?)"
                         r"(?:[/.]|$)", re.IGNORECASE)
#: Packages that serve a description to readers (bare ``swagger-ui-dist`` included: MTES-MCT/
#: dtlk-api package.json:63 « "swagger-ui-dist": "^3.20.5" » serves its own with it).
_SERVING_PACKAGE = re.compile(
    r"""["'](?:swagger-ui-express|swagger-ui-dist|swagger-ui|redoc|redoc-express|"""
    r"""@fastify/swagger-ui|koa2-swagger-ui|express-openapi-validator|@scalar/[\w-]+)["']""")
#: The file serving the object itself (``swaggerUi.setup(spec)``, ``res.json(spec)``).
_SERVES = re.compile(r"\.setup\s*\(|\bres\.(?:json|send)\s*\(|ctx\.body\s*=")
_VERSION = {"swagger": re.compile(r"2\.0$"), "openapi": re.compile(r"3\.\d+(?:\.\d+)?$")}
_KEY = re.compile(r"""(?:(?P<id>[A-Za-z_$][\w$]*)|(?P<q>["'`])(?P<s>[\w$]+)(?P=q))\s*:""")
_VALUE = re.compile(r"""\s*(?P<q>["'`])(?P<v>[^"'`$\\\n]{1,12})(?P=q)""")


def source_paths(paths: Iterable[str]) -> list[str]:
    """JavaScript and TypeScript files named after a description (for the collector's
    ``wanted``), shallowest first."""
    found = [p for p in paths if _SOURCE.search(p) and _NAMED.search(p)
             and not _NOT_SOURCE.search(p) and own_code(p, MAX_DEPTH)]
    found.sort(key=lambda p: (p.count("/"), p))
    return found[:MAX_FILES]


def _skip_string(text: str, i: int) -> int:
    """The index after the string literal opening at ``i`` (template literals' ``${…}`` are
    skipped with their braces)."""
    quote, i = text[i], i + 1
    while i < len(text):
        char = text[i]
        if char == "\\":
            i += 2
            continue
        if char == quote:
            return i + 1
        if quote == "`" and text.startswith("${", i):
            depth, i = 1, i + 2
            while i < len(text) and depth:
                depth += {"{": 1, "}": -1}.get(text[i], 0)
                i += 1
            continue
        if char == "\n" and quote != "`":
            return i
        i += 1
    return i


def _objects(text: str) -> Iterable[dict[str, int]]:
    """The keys of each ``{…}`` block, as it closes, with the offset after each key's colon."""
    stack: list[dict[str, int]] = []
    i, n = 0, len(text)
    expect_key = False
    while i < n:
        char = text[i]
        if char in "\"'`":
            if expect_key and stack:
                key = _KEY.match(text, i)
                if key:
                    stack[-1].setdefault(key.group("s"), key.end())
            i = _skip_string(text, i)
            expect_key = False
            continue
        if text.startswith("//", i):
            i = text.find("\n", i)
            i = n if i < 0 else i
            continue
        if text.startswith("/*", i):
            end = text.find("*/", i + 2)
            i = n if end < 0 else end + 2
            continue
        if char == "{":
            stack.append({})
            expect_key = True
        elif char == "}":
            if stack:
                yield stack.pop()
            expect_key = False
        elif char == ",":
            expect_key = True
        elif expect_key and stack and (char.isalpha() or char in "_$"):
            key = _KEY.match(text, i)
            if key:
                stack[-1].setdefault(key.group("id"), key.end())
                i = key.end()
            else:
                i += 1
                while i < n and (text[i].isalnum() or text[i] in "_$"):
                    i += 1
            expect_key = False
            continue
        elif not char.isspace():
            expect_key = False
        i += 1


def find(text: str) -> tuple[str, str, int] | None:
    """The first description object in ``text``: ``(kind, version, line of its version key)``,
    or ``None``."""
    if "swagger" not in text and "openapi" not in text:
        return None
    for keys in _objects(text):
        if "info" not in keys or "paths" not in keys:
            continue
        for kind, version in _VERSION.items():
            if kind not in keys:
                continue
            value = _VALUE.match(text, keys[kind])
            if value and version.match(value.group("v").strip()):
                line = text.count("\n", 0, keys[kind]) + 1
                return ("openapi" if kind == "openapi" else "swagger", value.group("v").strip(),
                        line)
    return None


def serves(manifests: Mapping[str, str], text: str) -> bool:
    """Whether the repository serves descriptions: a serving package in a manifest, or the
    file itself handing the object to a response or to Swagger UI."""
    return bool(_SERVES.search(text)) or any(_SERVING_PACKAGE.search(m)
                                             for m in manifests.values())


def fact(path: str, found: tuple[str, str, int]) -> dict[str, t.Any]:
    """``api.code_specs`` entry of one description written as code, with message summaries."""
    kind, version, line = found
    label = f"Swagger {version}" if kind == "swagger" else f"OpenAPI {version}"
    where = f"{path}:{line}"
    return {"path": path, "line": line, "kind": kind, "version": version,
            "summary": f"{where} ({label} description written as JavaScript/TypeScript code)",
            "summary_fr": f"{where} (description {label} écrite en code JavaScript/TypeScript)"}


def examine(path: str, text: str, manifests: Mapping[str, str]) -> dict[str, t.Any] | None:
    """The ``api.code_specs`` entry of one source file, or ``None`` (no description object,
    too large, or nothing in the repository serving it)."""
    if len(text) > MAX_BYTES:
        return None
    spec = find(text)
    return fact(path, spec) if spec is not None and serves(manifests, text) else None
