"""Findings -> scores and grades. The whole formula lives here, and only here.

Scoring sees findings only, never facts.

* A finding **counts** when its status is pass, fail or review, its rule is not
  ``experimental`` and it is not waived. ``not_applicable`` and ``error`` findings never count
  (an evaluation error is reported, not held against the repository).
* Its **weight** is the rule's ``weight`` times a severity factor: error 3, warning 2, info 1.
* Its **credit** is 1 for pass, 0.5 for review (a person must decide), 0 for fail.
* A **category score** is ``100 * sum(weight * credit) / sum(weight)`` over its counting findings,
  rounded to one decimal; ``None`` when nothing counts in it.
* The **overall score** is the mean of the category scores weighted by :data:`CATEGORY_WEIGHTS`
  (categories with no score drop out and the others are re-weighted); ``None`` if none scored.
* The **grade** comes from the overall score as shown (:func:`shown`) through
  :data:`GRADE_FLOORS` (A >= 90, B >= 75, C >= 60, D >= 40, else E), then is capped at C
  when a stable ``error``-severity rule fails unwaived: a repository without a licence is not
  a B, whatever else it does well.

What a fix gains (:func:`fixes`, :func:`plan`: "fix these 3 to reach B") is computed here too,
with the same formula, so a report can never promise points the score would not give.
"""

from __future__ import annotations

import typing as t
from collections.abc import Iterable
from dataclasses import dataclass

from scanner.engine.evaluate import Finding, Status

SEVERITY_FACTOR = {"error": 3, "warning": 2, "info": 1}
CREDIT = {Status.PASS: 1.0, Status.REVIEW: 0.5, Status.FAIL: 0.0}
#: How much each category weighs in the overall score (the doctrine's priorities: open source
#: by default first, then clear contribution terms, publication, published APIs, hygiene).
CATEGORY_WEIGHTS = {"licensing": 35, "contributing": 20, "publication": 20, "api": 15,
                    "hygiene": 10}
GRADE_FLOORS = (("A", 90.0), ("B", 75.0), ("C", 60.0), ("D", 40.0), ("E", 0.0))
#: Best grade a repository can have while a stable error-severity rule fails.
CAP_ON_ERROR = "C"
GRADES = tuple(g for g, _ in GRADE_FLOORS)


def counts(finding: Finding) -> bool:
    return (finding.status in CREDIT and finding.lifecycle != "experimental"
            and finding.waiver is None)


def weight_of(finding: Finding) -> int:
    return finding.weight * SEVERITY_FACTOR[finding.severity]


def _percent(earned: float, total: float) -> float | None:
    return round(100 * earned / total, 1) if total else None


def category_score(findings: Iterable[Finding]) -> float | None:
    total = 0.0
    earned = 0.0
    for finding in findings:
        if counts(finding):
            weight = weight_of(finding)
            total += weight
            earned += weight * CREDIT[finding.status]
    return _percent(earned, total)


def _overall(values: dict[str, float | None]) -> float | None:
    scored = [(CATEGORY_WEIGHTS[c], v) for c, v in values.items() if v is not None]
    weight = sum(w for w, _ in scored)
    return round(sum(w * s for w, s in scored) / weight, 1) if weight else None


def shown(score: float) -> int:
    """The whole number reports show for a score (``f"{score:.0f}"``; both round half to even)
    and ``--fail-under`` compares: a displayed 73 passes ``--fail-under 73``."""
    return round(score)


def grade_for(score: float | None) -> str | None:
    """The grade of the score as shown: a repository that reads "90" is an A, never a B."""
    if score is None:
        return None
    return next(grade for grade, floor in GRADE_FLOORS if shown(score) >= floor)


def _blocks(finding: Finding) -> bool:
    """A failure that caps the grade (see the module docstring)."""
    return (finding.status is Status.FAIL and finding.severity == "error"
            and finding.lifecycle == "stable" and finding.waiver is None)


def _cap(grade: str | None, blocked: bool) -> str | None:
    if grade is not None and blocked and GRADES.index(grade) < GRADES.index(CAP_ON_ERROR):
        return CAP_ON_ERROR
    return grade


def score(findings: list[Finding]) -> dict[str, t.Any]:
    """Overall score, grade and per-category breakdown of one repository's findings."""
    categories: dict[str, dict[str, t.Any]] = {}
    for category in CATEGORY_WEIGHTS:
        mine = [f for f in findings if f.category == category]
        tally = {status.value: sum(1 for f in mine if f.status is status) for status in Status}
        value = category_score(mine)
        categories[category] = {"score": value, "grade": grade_for(value), **tally}
    overall = _overall({c: v["score"] for c, v in categories.items()})
    return {"score": overall, "grade": _cap(grade_for(overall), any(map(_blocks, findings))),
            "categories": categories}


@dataclass(frozen=True)
class Fix:
    """One failing (or to-review) finding, and the overall score if it alone passed."""

    rule: str
    gain: float
    score: float | None


@dataclass(frozen=True)
class Plan:
    """The fewest fixes, best first, that lift a repository to a better grade (or as far as
    fixing can go): "fix these 3 to reach B"."""

    fixes: tuple[Fix, ...]
    score: float | None
    grade: str | None


class _What:
    """What fixing a set of findings would give, computed from per-category sums so that a
    whole organisation's plans cost a few additions each (the formula is the one above)."""

    def __init__(self, findings: list[Finding]) -> None:
        self.sums = {c: [0.0, 0.0] for c in CATEGORY_WEIGHTS}
        self.fixable: list[Finding] = []
        self.blockers = 0
        for finding in findings:
            self.blockers += _blocks(finding)
            if counts(finding) and finding.category in self.sums:
                weight = weight_of(finding)
                self.sums[finding.category][0] += weight * CREDIT[finding.status]
                self.sums[finding.category][1] += weight
                if finding.status is not Status.PASS:
                    self.fixable.append(finding)

    def after(self, fixed: Iterable[Finding]) -> tuple[float | None, str | None]:
        earned = {c: s[0] for c, s in self.sums.items()}
        blockers = self.blockers
        for finding in fixed:
            earned[finding.category] += weight_of(finding) * (1 - CREDIT[finding.status])
            blockers -= _blocks(finding)
        overall = _overall({c: _percent(earned[c], s[1]) for c, s in self.sums.items()})
        return overall, _cap(grade_for(overall), blockers > 0)


def fixes(findings: list[Finding]) -> list[Fix]:
    """Every finding whose fix would raise the score, with the points each alone gains, most
    points first."""
    what = _What(findings)
    now, _ = what.after(())
    result = []
    for finding in what.fixable:
        then, _ = what.after((finding,))
        result.append(Fix(finding.rule, round((then or 0) - (now or 0), 1), then))
    return sorted(result, key=lambda f: (-f.gain, f.rule))


def plan(findings: list[Finding]) -> Plan | None:
    """The fixes that reach the next better grade, chosen greedily (each step takes the fix
    giving the best grade, then the best score); ``None`` when nothing is left to fix."""
    what = _What(findings)
    now, grade = what.after(())
    if not what.fixable or grade is None or grade == GRADES[0]:
        return None
    chosen: list[Finding] = []
    left = list(what.fixable)
    result: tuple[float | None, str | None] = (now, grade)
    while left:
        def rank(candidate: Finding) -> tuple[int, float, str]:
            then, better = what.after([*chosen, candidate])
            return (GRADES.index(better or GRADES[-1]), -(then or 0), candidate.rule)

        best = min(left, key=rank)
        left.remove(best)
        chosen.append(best)
        result = what.after(chosen)
        if GRADES.index(result[1] or GRADES[-1]) < GRADES.index(grade):
            break
    alone = {f.rule: f for f in fixes(findings)}
    return Plan(tuple(alone[f.rule] for f in chosen), *result)
