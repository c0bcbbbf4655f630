"""The closed lists a publiccode.yml is checked against, read once from ``data/`` (copied from the
reference validator and the registries it relies on; see ``data/PROVENANCE.md``)."""

from __future__ import annotations

import functools
import json
import typing as t
from importlib import resources


def _text(name: str) -> str:
    return resources.files("scanner.publiccode").joinpath("data").joinpath(name).read_text("utf-8")


def _lines(name: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in _text(name).splitlines() if line.strip())


@functools.cache
def versions() -> tuple[str, ...]:
    """``publiccodeYmlVersion`` values the reference accepts, oldest first, the latest last."""
    return _lines("versions.txt")


@functools.cache
def categories() -> frozenset[str]:
    return frozenset(_lines("categories.txt"))


@functools.cache
def scopes() -> frozenset[str]:
    return frozenset(_lines("scopes.txt"))


@functools.cache
def supports_aliases() -> frozenset[str]:
    return frozenset(_lines("supports-aliases.txt"))


@functools.cache
def countries() -> frozenset[str]:
    """ISO 3166-1 alpha-2 codes, upper case."""
    return frozenset(_lines("countries.txt"))


@functools.cache
def ipa_codes() -> frozenset[str]:
    """Italian public administration codes, lower case (the reference compares without case)."""
    return frozenset(code.lower() for code in _lines("it-ipa-codes.txt"))


@functools.cache
def oembed_schemes() -> tuple[str, ...]:
    schemes: list[str] = json.loads(_text("oembed-schemes.json"))
    return tuple(schemes)


@functools.cache
def bcp47() -> dict[str, t.Any]:
    """Subtags by kind: ``languages``, ``scripts``, ``regions``, ``variants`` (sets) and
    ``extlangs`` (extlang -> the prefixes it may follow)."""
    raw = json.loads(_text("bcp47.json"))
    return {"languages": frozenset(raw["languages"]), "scripts": frozenset(raw["scripts"]),
            "regions": frozenset(raw["regions"]), "variants": frozenset(raw["variants"]),
            "extlangs": {k: tuple(v) for k, v in raw["extlangs"].items()}}
