"""Dependency licences from lockfiles, and compatibility through licensecheck's matrix."""

from __future__ import annotations

import json

import pytest

from scanner.errors import ParseError
from scanner.licences.dependencies import compatible, read_lockfile, summarise

NPM = {"lockfileVersion": 3, "packages": {
    "": {"name": "app", "license": "MIT"},
    "node_modules/left": {"version": "1.0.0", "license": "MIT"},
    "node_modules/gpl-lib": {"version": "2.0.0", "license": "GPL-3.0-only"},
    "node_modules/tool": {"version": "1.0.0", "license": "GPL-3.0-only", "dev": True},
    "node_modules/nolicence": {"version": "1.0.0"},
}}
COMPOSER = {"packages": [{"name": "symfony/console", "license": ["MIT"]}],
            "packages-dev": [{"name": "phpunit/phpunit", "license": ["BSD-3-Clause"]}]}


def test_npm_lockfile_licences_and_incompatibility() -> None:
    deps = read_lockfile("package-lock.json", json.dumps(NPM).encode())
    assert {d.name for d in deps} == {"left", "gpl-lib", "tool", "nolicence"}
    summary = summarise(deps, "MIT")
    assert summary["without_licence"] == 1
    assert [i["name"] for i in summary["incompatible"]] == ["gpl-lib"]  # dev deps not checked


def test_composer_lock() -> None:
    deps = read_lockfile("composer.lock", json.dumps(COMPOSER).encode())
    assert [(d.name, d.licence, d.dev) for d in deps] == [
        ("symfony/console", "MIT", False), ("phpunit/phpunit", "BSD-3-Clause", True)]


def test_compatibility_verdicts() -> None:
    assert compatible("AGPL-3.0-or-later", "MIT") is True
    assert compatible("MIT", "GPL-3.0-only") is False


def test_bad_lockfile_is_a_parse_error() -> None:
    with pytest.raises(ParseError):
        read_lockfile("package-lock.json", b'{"packages": ')


def test_a_deprecated_id_is_shown_as_the_lockfile_writes_it() -> None:
    # MTES-MCT/carbure front/package-lock.json: @iframe-resizer/core "license": "GPL-3.0"
    from scanner.licences.dependencies import Dependency, summarise

    found = summarise([Dependency("@iframe-resizer/core", "GPL-3.0", "front/package-lock.json",
                                  False)], "MIT")
    assert found["incompatible"][0]["summary"] == (
        "@iframe-resizer/core (GPL-3.0, front/package-lock.json)")
