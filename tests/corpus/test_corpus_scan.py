"""Every corpus repository scans end to end: valid facts, a scorecard, no rule error."""

from __future__ import annotations

from pathlib import Path

import pytest

from scanner import schemas
from scanner.engine.loader import load_ruleset
from scanner.run import ScanOptions, scan_snapshot
from tests.support import corpus_repos, corpus_snapshot

REPOS = corpus_repos()
RULESET = load_ruleset()

pytestmark = pytest.mark.skipif(not REPOS, reason="shared corpus not present")


@pytest.mark.parametrize("folder", REPOS, ids=[p.name for p in REPOS])
def test_corpus_repository_scans_cleanly(folder: Path) -> None:
    card = scan_snapshot(corpus_snapshot(folder),
                         ScanOptions(targets=[], ruleset=RULESET, include_facts=True))
    assert schemas.errors("facts", card["facts"]) == []
    errors = [f"{f['rule']}: {f['message']}" for f in card["findings"] if f["status"] == "error"]
    assert errors == []
    assert card["score"] is not None and card["grade"] in "ABCDE"
