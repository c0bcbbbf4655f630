"""Stored runs: re-localised, merged, compared, kept in a history."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scanner.errors import UsageError
from scanner.runs import history
from scanner.runs.diff import diff
from scanner.runs.load import relocalise
from scanner.runs.merge import _added, merge
from tests.support import GOLDEN, golden_run


def test_relocalise_swaps_every_finding_text() -> None:
    english, french = golden_run("en"), golden_run("fr")
    assert relocalise(english, "en") is english
    again = relocalise(french, "en")
    assert again["scorecards"] == english["scorecards"] and again["language"] == "en"


def test_merge_needs_a_shard() -> None:
    with pytest.raises(UsageError):
        merge([])


def test_startup_counts_add_up() -> None:
    assert _added([{"a": 1, "b": {"c": 2}, "r": [1]}, {"a": 2, "b": {"c": 3, "d": 1},
                                                       "r": [2]}]) == {
        "a": 3, "b": {"c": 5, "d": 1}, "r": [1, 2]}


def test_diff_of_a_run_with_itself_is_empty() -> None:
    run = golden_run()
    result = diff(run, run)
    assert result["repositories"] == [] and result["regressions"] == 0 and result["same_rules"]


def test_history_keeps_runs_apart_and_reads_them_oldest_first(tmp_path: Path) -> None:
    run = golden_run()
    first = history.keep(run, tmp_path / "h")
    assert history.keep(run, tmp_path / "h") == first  # the same run: kept once
    other = dict(run, summary=dict(run["summary"], mean_score=1.0))
    second = history.keep(other, tmp_path / "h")
    assert second != first and second.name.endswith("-2.json")
    for old in (GOLDEN / "history").iterdir():
        (tmp_path / "h" / old.name).write_bytes(old.read_bytes())
    trends = history.load(tmp_path / "h", run)
    assert [p.when[:10] for p in trends.points] == ["2026-10-31", "2026-11-15", "2026-11-30"]
    assert trends.points[-1].mean == run["summary"]["mean_score"]
    assert trends.previous("betagouv/rdv-service-public") == 68.3
    assert [s for _, s in trends.series("betagouv/rdv-service-public")] == [61.3, 68.3, 73.3]


def test_history_is_capped_and_unreadable_files_are_named(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(history, "MAX_POINTS", 2)
    run = golden_run()
    for old in (GOLDEN / "history").iterdir():
        (tmp_path / old.name).write_bytes(old.read_bytes())
    (tmp_path / "run-2020-01-01T000000Z.json").write_text(json.dumps({"summary": {}}))
    trends = history.load(tmp_path, run)
    assert len(trends.points) == 2 and trends.points[0].when.startswith("2026-11-15")
    assert len(trends.notices) == 1 and "run-2020-01-01T000000Z.json" in trends.notices[0][0]
    assert "écarté des tendances" in trends.notices[0][1]
