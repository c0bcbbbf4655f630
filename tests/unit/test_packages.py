"""Package names declared by manifests and installed by texts, from files nobody checked."""

from __future__ import annotations

import json
import time

import pytest

from scanner.packages import MAX_MANIFEST_CHARS, Declared, declared, installs, leading, normal


def _names(text: str) -> list[tuple[str, str, bool]]:
    return [(i.ecosystem, i.name, i.dependency) for i in installs(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("pip install csv-detective", [("pypi", "csv-detective", True)]),
    ("python3 -m pip install -U django-thing[extra]", [("pypi", "django-thing", True)]),
    ("uv add x==1.2 && poetry add y", [("pypi", "x", True), ("pypi", "y", True)]),
    ("pipx install tool", [("pypi", "tool", False)]),
    ("npm install --save-dev @socialgouv/matomo-next@1.2", [("npm", "@socialgouv/matomo-next", True)]),
    ("npm i -g vega-lite", [("npm", "vega-lite", True)]),
    ("composer require vendor/x:^1.0", [("composer", "vendor/x", True)]),
    ("go get github.com/org/lib@latest", [("go", "github.com/org/lib", True)]),
    ("go install github.com/org/cmd@latest", [("go", "github.com/org/cmd", False)]),
    ("cargo add serde; cargo install ripgrep", [("cargo", "serde", True), ("cargo", "ripgrep", False)]),
    ("dotnet add package Newtonsoft.Json", [("nuget", "Newtonsoft.Json", True)]),
    ("gem 'widget', '~> 1.0'", [("gem", "widget", True)]),
    ("If you install ipdb (`pip install ipdb`) the server", [("pypi", "ipdb", True)]),
    # no registry package: a path, an address, a git reference, a variable, the checkout itself
    ("pip install -e .", []),
    ("pip install -e /path/to/openfisca-core", []),
    ("pip install ./wheels/x.whl", []),
    ("pip install git+https://github.com/org/x.git", []),
    ("pip install -i https://test.pypi.org/simple/ x", []),
    ("npm i -g ThomasG77/mbview#no-api-key", []),
    ("pip install $PACKAGE", []),
    ("npm install", []),
    # not an installer: a word ending like one, a path to one, a sentence
    ("mypip install x", []),
    (".venv/bin/pip install x", []),
    ("pipe install x", []),
])
def test_install_commands_name_the_registry_package(
        text: str, expected: list[tuple[str, str, bool]]) -> None:
    assert _names(text) == expected


def test_the_command_is_quoted_as_written_with_its_line() -> None:
    [install] = installs("# Lib\n\n```\n  go get -u github.com/spf13/cobra@latest`\n```\n")
    assert (install.line, install.column) == (4, 2)
    assert install.command == "go get -u github.com/spf13/cobra@latest"


def test_a_command_starts_with_its_install_or_is_none() -> None:
    assert leading("  sudo pip install x") == installs("  sudo pip install x")[0]
    assert leading("cd x && pip install y") is None
    assert leading("echo pip install y") is None
    assert leading("pip install -e .") is None


def test_long_lines_and_hostile_text_are_read_linearly() -> None:
    assert installs("x" * 3000 + " pip install y") == []
    started = time.perf_counter()
    installs("pip install " + "-x " * 50_000 + "\n" + "npm i" + " -" * 50_000)
    installs(("pip install " + "a" * 300 + " ") * 5_000)
    assert time.perf_counter() - started < 5


def test_names_compare_as_registries_do() -> None:
    assert normal("Django_Thing", "pypi") == normal("django.thing", "pypi") == "django-thing"
    assert normal("@Scope/X", "npm") == "@scope/x"


@pytest.mark.parametrize(("path", "data", "expected"), [
    ("package.json", '{"name": "@org/widget"}', Declared("npm", "@org/widget")),
    ("package.json", '{"name": "app", "private": true}', Declared("npm", "app", False)),
    ("composer.json", '{"name": "a/b"}', Declared("composer", "a/b")),
    ("composer.json", '{"name": "a/b", "type": "project"}', Declared("composer", "a/b", False)),
    ("pyproject.toml", '[project]\nname = "django-lasuite"\n', Declared("pypi", "django-lasuite")),
    ("pyproject.toml", '[tool.poetry]\nname = "x"\n', Declared("pypi", "x")),
    ("pyproject.toml", '[project]\nname = "a"\n[tool.poetry]\nname = "b"\n', Declared("pypi", "a")),
    ("sub/Cargo.toml", '[package]\nname = "transpo-rt"\n', Declared("cargo", "transpo-rt")),
    ("setup.cfg", "[metadata]\nname = Django_Thing\n", Declared("pypi", "Django_Thing")),
    ("setup.py", "setup(name='openfisca_core')\n", Declared("pypi", "openfisca_core")),
    ("go.mod", "module github.com/org/lib\n\ngo 1.22\n", Declared("go", "github.com/org/lib")),
    ("Widget.gemspec", "", Declared("gem", "widget")),
    ("package.json", "\ufeff" + '{"name": "bom"}', Declared("npm", "bom")),
    ("package.json", b'\xef\xbb\xbf{"name": "bom"}', Declared("npm", "bom")),
])
def test_manifests_declare_their_package(path: str, data: str | bytes,
                                         expected: Declared) -> None:
    assert declared(path, data) == expected


_BAD: list[tuple[str, str | bytes]] = [
    ("package.json", "{not json"),
    ("package.json", '{"name": ["a list"]}'),
    ("package.json", '["name"]'),
    ("package.json", '{"name": "a", "name": "b"}'),
    ("package.json", '{"name": "x", "v": NaN}'),
    ("package.json", "[" * 100_000),
    ("package.json", b"\xff\xfe\x00\xd8binary"),
    ("package.json", b"\x80\x81 not utf-8"),
    ("package.json", '{"name": "' + "x" * MAX_MANIFEST_CHARS + '"}'),
    ("pyproject.toml", "[project\nname = 'x'"),
    ("pyproject.toml", "[project]\nname = 1\n"),
    ("pyproject.toml", "project = 'not a table'\n"),
    ("pyproject.toml", "a = " + "[" * 100_000),
    ("pyproject.toml", "a" + ".b" * 2_000 + " = 1\n[project]\nname = 'x'\n"),
    ("pyproject.toml", "[project]\nname = 'x'\nd = 1979-05-27T07:32:00-99:00\n"),
    ("Cargo.toml", b"\x00\x01\x02\xff"),
    ("setup.cfg", b"\xff[metadata]\nname = x\n"),
    ("go.mod", "module lib\n"),
    ("README.md", "name = 'x'"),
]


@pytest.mark.parametrize(("path", "data"), _BAD, ids=[f"{n}-{p}" for n, (p, _) in enumerate(_BAD)])
def test_a_bad_or_unknown_manifest_declares_nothing(path: str, data: str | bytes) -> None:
    started = time.perf_counter()
    assert declared(path, data) is None
    assert time.perf_counter() - started < 5


def test_declared_and_installed_names_make_a_published_library() -> None:
    package = declared("package.json", json.dumps({"name": "@socialgouv/matomo-next"}))
    [install] = installs("npm install @socialgouv/matomo-next@1.2\n")
    assert package is not None
    assert normal(package.name, package.ecosystem) == normal(install.name, install.ecosystem)
