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
* The **grade** comes from the overall score through :data:`GRADE_FLOORS` (A >= 90, B >= 75,
  C >= 60, D >= 40, else E), then is capped at C when a stable ``error``-severity rule fails
  unwaived: a repository without a licence is not a B, whatever else it does well.
"""

from __future__ import annotations

import typing as t
from collections.abc import Iterable

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


def category_score(findings: Iterable[Finding]) -> float | None:
    total = 0.0
    earned = 0.0
    for finding in findings:
        if counts(finding):
            weight = weight_of(finding)
            total += weight
            earned += weight * CREDIT[finding.status]
    if total == 0:
        return None
    return round(100 * earned / total, 1)


def shown(score: float) -> int:
    """The whole number reports show for a score (``f"{score:.0f}"``; both round half to even)
    and ``--fail-under`` compares: a displayed 73 passes ``--fail-under 73``."""
    return round(score)


def grade_for(score: float | None) -> str | None:
    if score is None:
        return None
    return next(grade for grade, floor in GRADE_FLOORS if score >= floor)


def _capped(grade: str | None, findings: list[Finding]) -> str | None:
    if grade is None:
        return None
    blocking = any(
        f.status is Status.FAIL and f.severity == "error" and f.lifecycle == "stable"
        and f.waiver is None for f in findings
    )
    if blocking and GRADES.index(grade) < GRADES.index(CAP_ON_ERROR):
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
    scored = [(CATEGORY_WEIGHTS[c], v["score"]) for c, v in categories.items()
              if v["score"] is not None]
    weight = sum(w for w, _ in scored)
    overall = round(sum(w * s for w, s in scored) / weight, 1) if weight else None
    return {"score": overall, "grade": _capped(grade_for(overall), findings),
            "categories": categories}
