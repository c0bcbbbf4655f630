"""Collectors read only the paths they declared from the listing: a remote source fetches exactly
``wanted_paths`` (batched), so a read outside it would be a miss on GitHub and GitLab."""

from __future__ import annotations

from pathlib import Path

import pytest

from scanner.facts import build_facts, wanted_paths
from scanner.snapshot import Snapshot
from tests.support import compliant_snapshot, corpus_repos, corpus_snapshot, spy_reads

REPOS = corpus_repos()


def _reads(snapshot: Snapshot) -> set[str]:
    seen = spy_reads(snapshot)
    build_facts(snapshot)
    return seen


@pytest.mark.parametrize("folder", REPOS, ids=[p.name for p in REPOS])
def test_corpus_reads_stay_within_wanted(folder: Path) -> None:
    snapshot = corpus_snapshot(folder)
    wanted = wanted_paths(snapshot.files)
    assert _reads(snapshot) - wanted == set()
    assert len(wanted) <= 60, sorted(wanted)  # a few dozen blobs, not the tree


def test_compliant_fixture_reads_stay_within_wanted() -> None:
    snapshot = compliant_snapshot()
    assert _reads(snapshot) - wanted_paths(snapshot.files) == set()
