"""The organisation roll-up: order, most failed rules, what each fix gains, incubator groups."""

from __future__ import annotations

from scanner.engine.evaluate import Finding
from scanner.reporters import REPORTER_BY_NAME
from scanner.reporters.base import visible
from scanner.reporters.rollup import group_label, rollup, startups_text
from scanner.scoring import plan
from tests.support import golden_run


def test_rows_go_lowest_score_first_and_unscored_last() -> None:
    view = rollup(golden_run())
    scores = [r.score for r in view.rows]
    scored = [s for s in scores if s is not None]
    assert scored == sorted(scored) and scores[len(scored):] == [None] * (len(scores) - len(scored))
    assert view.most_failed[0][1] >= view.most_failed[-1][1]


def test_the_next_step_is_the_scoring_plan() -> None:
    run = golden_run()
    card = next(c for c in run["scorecards"]
                if c["repository"]["full_name"] == "betagouv/rdv-service-public")
    steps = plan([Finding.from_dict(f) for f in card["findings"]])
    assert steps is not None and steps.grade == "B"
    text = REPORTER_BY_NAME["text"].render(run)
    wanted = ", ".join(f"{f.rule} (+{f.gain:.1f})" for f in steps.fixes)
    assert f"Next: fix {wanted} to reach B ({steps.score:.1f})" in text
    markdown = REPORTER_BY_NAME["markdown"].render(run)
    assert f"fix {len(steps.fixes)} to reach B ({steps.score:.1f})" in markdown


def test_incubators_by_title_then_the_rest_each_lowest_score_first() -> None:
    run = golden_run()
    view = rollup(run)
    assert view.groups is not None
    assert [g.id for g, _ in view.groups] == ["dinum", "anct", None]
    assert [group_label(g, "en", visible) for g, _ in view.groups] == [
        "Incubateur de la DINUM (dinum)", "Incubateur des territoires (anct)",
        "Repositories reached otherwise"]
    rows = view.groups[2][1]
    scores = [r.score for r in rows if r.score is not None]
    assert scores == sorted(scores) and rows[-1].card["status"] == "error"
    assert all(r.card.get("kind") != "startup" for _, rows in view.groups for r in rows)
    markdown = REPORTER_BY_NAME["markdown"].render(run)
    assert "#### Incubateur des territoires (`anct`)" in markdown


def test_no_groups_without_startup_facts() -> None:
    run = golden_run()
    run["scorecards"] = [dict(c, startup=None) for c in run["scorecards"] if c["kind"] != "startup"]
    assert rollup(run).groups is None
    assert "Incubat" not in REPORTER_BY_NAME["text"].render(run)


def test_startup_counts_read_what_the_summary_has() -> None:
    text = startups_text({"declared": 2, "with_open_code": 1, "compliant": 0}, "fr")
    assert text.startswith("Startups : 2 déclarée(s), 0 indiquent un dépôt, 1 avec code ouvert")
