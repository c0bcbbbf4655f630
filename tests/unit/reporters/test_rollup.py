"""The organisation roll-up: order, most failed rules, what each fix gains, incubator groups."""

from __future__ import annotations

from scanner.engine.evaluate import Finding
from scanner.reporters import REPORTER_BY_NAME
from scanner.reporters.base import visible
from scanner.reporters.rollup import rollup, startups_text, without_open_code
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


def test_incubators_by_title_then_the_rest_and_startups_without_code_first() -> None:
    view = rollup(golden_run())
    assert view.groups is not None
    assert [g.id for g in view.groups] == ["dinum", "anct", None]
    anct = view.groups[1]
    assert [s.card["startup"]["id"] for s in anct.startups] == ["sans-code", "rdv-solidarites"]
    assert without_open_code(anct.startups[0]) and not without_open_code(anct.startups[1])
    assert anct.startup_ids == {"sans-code", "rdv-solidarites"}
    assert view.groups[2].startups == []
    # without the registry's open_code field, a failing startup rule says it
    card = dict(anct.startups[0].card)
    del card["open_code"]
    assert without_open_code(rollup({**golden_run(), "scorecards": [card]}).rows[0])


def test_no_groups_without_startup_facts() -> None:
    run = golden_run()
    run["scorecards"] = [dict(c, startup=None) for c in run["scorecards"] if c["kind"] != "startup"]
    assert rollup(run).groups is None
    assert "Incubat" not in REPORTER_BY_NAME["text"].render(run)


def test_startup_counts_by_phase_as_numbers_or_objects() -> None:
    counts = {"declared": 2, "with_open_code": 1, "compliant": 0,
              "by_phase": {"construction": 1, "acceleration": {"declared": 1}}}
    text = startups_text(counts, "fr", visible)
    assert text.startswith("Startups : 2 déclarée(s), 1 avec du code ouvert")
    assert "construction 1, acceleration 1" in text
