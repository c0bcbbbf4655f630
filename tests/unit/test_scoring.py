"""The scoring formula (scanner/scoring.py docstring), checked on hand-computed cases."""

from __future__ import annotations

import dataclasses

from scanner.engine.evaluate import Finding, Status
from scanner.scoring import fixes, grade_for, plan, score, shown


def _f(category: str, status: Status, severity: str = "warning", weight: int = 10,
       lifecycle: str = "stable", waiver: dict | None = None) -> Finding:
    texts = {lang: {"title": "t", "message": "m", "remediation": "r"} for lang in ("en", "fr")}
    return Finding("r", category, severity, status, weight, lifecycle, "low", texts, [], waiver)


def test_category_score_weights_by_severity_and_credits_review_half() -> None:
    result = score([
        _f("licensing", Status.PASS, "error"),      # 30 / 30
        _f("licensing", Status.FAIL, "warning"),    #  0 / 20
        _f("licensing", Status.REVIEW, "info"),     #  5 / 10
    ])
    assert result["categories"]["licensing"]["score"] == round(100 * 35 / 60, 1)
    assert result["categories"]["licensing"]["fail"] == 1


def test_not_applicable_errors_experimental_and_waived_do_not_count() -> None:
    result = score([
        _f("api", Status.PASS),
        _f("api", Status.NOT_APPLICABLE),
        _f("api", Status.ERROR),
        _f("api", Status.FAIL, lifecycle="experimental"),
        _f("api", Status.FAIL, waiver={"rule": "r"}),
    ])
    assert result["categories"]["api"]["score"] == 100.0
    assert result["categories"]["hygiene"]["score"] is None


def test_overall_is_category_weighted_and_ignores_unscored_categories() -> None:
    result = score([_f("licensing", Status.PASS), _f("hygiene", Status.FAIL)])
    # licensing 100 (weight 35), hygiene 0 (weight 10): 3500 / 45
    assert result["score"] == round(3500 / 45, 1)
    assert result["grade"] == "B"


def test_failing_stable_error_rule_caps_the_grade_at_c() -> None:
    findings = [_f("licensing", Status.PASS, weight=100) for _ in range(50)]
    findings.append(_f("licensing", Status.FAIL, "error", weight=1))
    result = score(findings)
    assert result["score"] > 90 and result["grade"] == "C"
    waived = [*findings[:-1], _f("licensing", Status.FAIL, "error", weight=1, waiver={"r": 1})]
    assert score(waived)["grade"] == "A"


def test_grade_floors() -> None:
    assert [grade_for(s) for s in (100, 90, 89.4, 75, 60, 40, 39.4, None)] == [
        "A", "A", "B", "B", "C", "D", "E", None]


def test_grade_follows_the_score_as_shown() -> None:
    """A card reading "90" is an A: the grade never contradicts the number beside it."""
    for value in (89.5, 89.6, 89.9, 74.6, 59.5, 39.6):
        assert grade_for(value) == grade_for(float(shown(value))), value
    assert grade_for(89.5) == "A" and grade_for(74.5) == "C"  # shown as 90 and 74


def test_nothing_scored_gives_no_score() -> None:
    result = score([_f("api", Status.NOT_APPLICABLE)])
    assert result["score"] is None and result["grade"] is None
    assert result["categories"]["api"]["not_applicable"] == 1


def _named(rule: str, category: str, status: Status, severity: str = "warning",
           weight: int = 10) -> Finding:
    return dataclasses.replace(_f(category, status, severity, weight), rule=rule)


def test_each_fix_gains_what_the_score_would_give() -> None:
    findings = [_named("a", "licensing", Status.PASS), _named("b", "licensing", Status.FAIL),
                _named("c", "hygiene", Status.REVIEW), _named("d", "api", Status.FAIL, "info")]
    now = score(findings)["score"]
    for fix in fixes(findings):
        flipped = [dataclasses.replace(f, status=Status.PASS) if f.rule == fix.rule else f
                   for f in findings]
        assert fix.score == score(flipped)["score"]
        assert fix.gain == round(fix.score - now, 1) and fix.gain > 0
    assert fixes(findings)[0].rule == "b"  # the heaviest failure first


def test_plan_reaches_the_next_grade_and_lifts_the_cap() -> None:
    # Scores over 90 but capped at C by a failing stable error rule: fixing it alone reaches A.
    findings = [_named(f"p{i}", "licensing", Status.PASS, weight=100) for i in range(50)]
    findings += [_named("licence", "licensing", Status.FAIL, "error", weight=1),
                 _named("tiny", "hygiene", Status.FAIL, "info", weight=1),
                 _named("hygiene-pass", "hygiene", Status.PASS, "info", weight=50)]
    assert score(findings)["grade"] == "C"
    result = plan(findings)
    assert result is not None and [f.rule for f in result.fixes] == ["licence"]
    assert result.grade == "A"
    after = [dataclasses.replace(f, status=Status.PASS) if f.rule == "licence" else f
             for f in findings]
    assert (result.score, result.grade) == (score(after)["score"], score(after)["grade"])


def test_plan_takes_the_fewest_fixes_to_the_next_grade() -> None:
    findings = [_named("l1", "licensing", Status.FAIL), _named("l2", "licensing", Status.FAIL),
                _named("l3", "licensing", Status.PASS), _named("l4", "licensing", Status.PASS)]
    assert score(findings)["grade"] == "D"  # 50
    result = plan(findings)
    assert result is not None and len(result.fixes) == 1 and result.grade == "B"  # 75
    assert plan([_named("ok", "api", Status.PASS)]) is None  # already A
    assert plan([_named("na", "api", Status.NOT_APPLICABLE)]) is None  # nothing scored


def test_stored_findings_score_as_they_did() -> None:
    findings = [_named("a", "licensing", Status.PASS, "error"), _named("b", "api", Status.REVIEW)]
    again = [Finding.from_dict(f.to_dict()) for f in findings]
    assert score(again) == score(findings)
