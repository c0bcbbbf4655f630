"""Licence facts of the real repositories in shared/corpus against the hand labels.

The effective licence must be one of ``licence_spdx_acceptable``; each labelled licence file must
be detected as its label (GNU -only/-or-later aside: the file's text cannot tell, the repository's
notices can, and that is checked on the effective licence); each labelled declaration must be read.
"""

from __future__ import annotations

import json
import typing as t
from functools import cache
from pathlib import Path

import pytest

from scanner.facts import build_facts
from scanner.licences.expressions import family
from tests.support import corpus_repos, corpus_snapshot

REPOS = corpus_repos()
pytestmark = pytest.mark.skipif(not REPOS, reason="shared corpus not available")


@cache
def _facts(folder: Path) -> dict[str, t.Any]:
    return build_facts(corpus_snapshot(folder))


def _expected(folder: Path) -> dict[str, t.Any]:
    return t.cast(dict[str, t.Any], json.loads((folder / "EXPECTED.json").read_text()))


@pytest.mark.parametrize("folder", REPOS, ids=[r.name for r in REPOS])
def test_effective_licence_is_acceptable(folder: Path) -> None:
    licence = _facts(folder)["licence"]
    assert licence["spdx"] in _expected(folder)["licence_spdx_acceptable"], licence


@pytest.mark.parametrize("folder", REPOS, ids=[r.name for r in REPOS])
def test_each_labelled_licence_file_is_detected(folder: Path) -> None:
    files = {f["path"]: f for f in _facts(folder)["licence"]["files"]}
    for label in _expected(folder)["licence_files"]:
        found = files.get(label["path"])
        assert found is not None, f"{label['path']} not found"
        assert {family(i) for i in found["licences"]} == {family(label["spdx_id"])}, found


@pytest.mark.parametrize("folder", REPOS, ids=[r.name for r in REPOS])
def test_labelled_declarations_are_read(folder: Path) -> None:
    declared = {(d["path"], d["expression"]) for d in _facts(folder)["licence"]["declared"]}
    for label in _expected(folder)["declared_licences"]:
        value = label["value"]
        if label["kind"] not in {"package.json", "composer.json", "pyproject.toml", "Cargo.toml",
                                 "pom.xml", "gemspec", "setup.py"}:
            continue  # Gemfile, build.gradle.kts, deps.edn: no licence field civiscan reads
        if not (folder / label["path"]).is_file():
            continue  # listed but not copied into the corpus
        if isinstance(value, str):
            assert (label["path"], value) in declared
        elif isinstance(value, list):
            assert (label["path"], " OR ".join(value)) in declared
        else:
            assert any(path == label["path"] for path, _ in declared)


def test_corpus_accuracy() -> None:
    hits = sum(_facts(f)["licence"]["spdx"] in _expected(f)["licence_spdx_acceptable"]
               for f in REPOS)
    assert hits / len(REPOS) >= 0.99
