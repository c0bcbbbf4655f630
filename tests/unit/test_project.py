"""What a repository calls itself and which language it speaks, from files nobody checked."""

from __future__ import annotations

import typing as t

import pytest

from scanner.facts import build_facts
from scanner.project import project_name, repository_language
from scanner.sources.memory import snapshot_from_files


def _name(files: dict[str, str | bytes], name: str = "folder") -> str:
    snapshot = snapshot_from_files(files, name=name)
    return project_name(snapshot, build_facts(snapshot))


def test_names_come_from_publiccode_then_manifests_then_the_folder() -> None:
    manifest = {"package.json": '{"name": "@betagouv/rdv-solidarites"}',
                "pyproject.toml": '[project]\nname = "rdv-py"\n'}
    assert _name(manifest) == "rdv-solidarites"
    assert _name({"pyproject.toml": manifest["pyproject.toml"]}) == "rdv-py"
    assert _name({"Cargo.toml": '[package]\nname = "transpo-rt"\n'}) == "transpo-rt"
    assert _name({"composer.json": '{"name": "mtes-mct/histologe"}'}) == "histologe"
    assert _name({**manifest, "publiccode.yml": "publiccodeYmlVersion: '0.4'\nname: RDV\n"}) == "RDV"
    assert _name({}) == "folder"


@pytest.mark.parametrize("files", [
    {"package.json": "{not json"},
    {"package.json": '{"name": ["a list"]}'},
    {"package.json": '{"name": "evil\\n# heading"}'},
    {"package.json": '{"name": "{{ 7 * 7 }}"}'},
    {"pyproject.toml": "[project\nname = 'x'"},
    {"package.json": b"\xff\xfe\x00binary"},
    {"package.json": '{"name": "' + "x" * 500 + '"}'},
])
def test_a_bad_manifest_names_nothing(files: dict[str, t.Any]) -> None:
    assert _name(files) == "folder"
    assert _name(files, name="\x1b[2Jhostile") == "TODO"


@pytest.mark.parametrize(("readme", "expected"), [
    ("# Rdv\n\nCe service permet aux agents de prendre un rendez-vous avec les usagers.\n", "fr"),
    ("# Rdv\n\nThis service lets agents book an appointment with the people they serve.\n", "en"),
    ("# Rdv\n\nx\n", None),
    (b"\x00\x01\x02\xff" * 100, None),
])
def test_the_language_is_the_readmes(readme: str | bytes, expected: str | None) -> None:
    snapshot = snapshot_from_files({"README.md": readme})
    assert repository_language(snapshot, build_facts(snapshot)) == expected
    empty = snapshot_from_files({})
    assert repository_language(empty, build_facts(empty)) is None
