"""API description discovery against the hand-labelled corpus: precision and recall >= 95%.

``EXPECTED.json`` lists each repository's descriptions (``api_specs``), symlinks to them
(``api_spec_symlinks``, not descriptions of their own) and look-alikes that are *not*
descriptions (``api_spec_lookalikes``, paths or globs). Only the listed files have content; the
rest of each listing reads as absent, as unfetched remote files would.
"""

from __future__ import annotations

import fnmatch
import json
from pathlib import Path

import pytest

from scanner.collectors.api_specs import ApiSpecsCollector
from tests.support import corpus_repos, corpus_snapshot

REPOS = corpus_repos()
pytestmark = pytest.mark.skipif(not REPOS, reason="shared corpus not present")


def _outcome(folder: Path) -> tuple[set[str], set[str], list[str]]:
    expected = json.loads((folder / "EXPECTED.json").read_text())
    fragment = ApiSpecsCollector().collect(corpus_snapshot(folder), {})
    found = {spec["path"] for spec in fragment["api_specs"]}
    wanted = {spec["path"] for spec in expected.get("api_specs") or []}
    not_specs = [item["path"] for item in (expected.get("api_spec_lookalikes") or [])]
    not_specs += [item["path"] for item in (expected.get("api_spec_symlinks") or [])]
    return found, wanted, not_specs


def test_discovery_precision_and_recall() -> None:
    true_positives = false_positives = false_negatives = 0
    misses: list[str] = []
    for folder in REPOS:
        found, wanted, _ = _outcome(folder)
        true_positives += len(found & wanted)
        false_positives += len(found - wanted)
        false_negatives += len(wanted - found)
        misses += [f"{folder.name}: missed {p}" for p in sorted(wanted - found)]
        misses += [f"{folder.name}: wrongly found {p}" for p in sorted(found - wanted)]
    precision = true_positives / max(1, true_positives + false_positives)
    recall = true_positives / max(1, true_positives + false_negatives)
    assert true_positives >= 8, misses
    assert precision >= 0.95 and recall >= 0.95, (precision, recall, misses)


@pytest.mark.parametrize("folder", REPOS, ids=[p.name for p in REPOS])
def test_lookalikes_and_symlinks_are_not_descriptions(folder: Path) -> None:
    found, _, not_specs = _outcome(folder)
    for pattern in not_specs:
        assert not fnmatch.filter(found, pattern), (folder.name, pattern)


@pytest.mark.parametrize("folder", REPOS, ids=[p.name for p in REPOS])
def test_remote_budget_stays_small(folder: Path) -> None:
    """What a remote scan would fetch for descriptions stays a handful per repository."""
    listing = [line for line in (folder / "listing.txt").read_text().splitlines() if line]
    assert len(list(ApiSpecsCollector().wanted(listing))) <= 40
