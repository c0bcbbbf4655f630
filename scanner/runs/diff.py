"""What changed between two runs, per repository and per rule.

A rule's standing is good (pass, not applicable, waived), to review, or failing; it improved
when its standing got better and regressed when it got worse. A repository regressed when one
of its rules did, its grade dropped, or it could be scanned before and cannot be now; it
improved, short of that, when a rule or its grade got better or it can now be scanned.
"""

from __future__ import annotations

import typing as t

from scanner.scoring import GRADES

#: Standing of a finding: lower is better. Rule evaluation errors say nothing either way.
_STANDING = {"pass": 0, "not_applicable": 0, "review": 1, "fail": 2}


def _standing(finding: dict[str, t.Any] | None) -> int | None:
    if finding is None:
        return 0  # a rule a run did not evaluate (not in its ruleset) asked nothing
    if finding["waiver"]:
        return 0
    return _STANDING.get(finding["status"])


def _status(finding: dict[str, t.Any] | None) -> str | None:
    if finding is None:
        return None
    return "waived" if finding["waiver"] else t.cast(str, finding["status"])


def _key(card: dict[str, t.Any]) -> tuple[str, str]:
    return card.get("kind", "repository"), card["repository"]["full_name"]


def _rules(card: dict[str, t.Any]) -> dict[str, dict[str, t.Any]]:
    return {f["rule"]: f for f in card["findings"]}


def _grade_rank(grade: str | None) -> int | None:
    return GRADES.index(grade) if grade in GRADES else None


def _compare(old: dict[str, t.Any], new: dict[str, t.Any]) -> dict[str, t.Any]:
    improved: list[dict[str, t.Any]] = []
    regressed: list[dict[str, t.Any]] = []
    before, after = _rules(old), _rules(new)
    both_ok = old["status"] == "ok" and new["status"] == "ok"
    if both_ok:
        for rule in sorted(before.keys() | after.keys()):
            was, now = _standing(before.get(rule)), _standing(after.get(rule))
            if was is None or now is None or was == now:
                continue
            change = {"rule": rule, "before": _status(before.get(rule)),
                      "after": _status(after.get(rule))}
            (improved if now < was else regressed).append(change)
    old_rank, new_rank = _grade_rank(old["grade"]), _grade_rank(new["grade"])
    grade_dropped = old_rank is not None and new_rank is not None and new_rank > old_rank
    grade_rose = old_rank is not None and new_rank is not None and new_rank < old_rank
    lost = old["status"] == "ok" and new["status"] != "ok"
    regression = bool(regressed) or grade_dropped or lost
    found = old["status"] != "ok" and new["status"] == "ok"
    delta = (round(new["score"] - old["score"], 1)
             if old["score"] is not None and new["score"] is not None else None)
    return {
        "kind": new.get("kind", "repository"), "name": new["repository"]["full_name"],
        "before": {"status": old["status"], "score": old["score"], "grade": old["grade"]},
        "after": {"status": new["status"], "score": new["score"], "grade": new["grade"],
                  "error": new["error"]},
        "delta": delta, "improved": improved, "regressed": regressed,
        "regression": regression,
        "improvement": not regression and (bool(improved) or grade_rose or found),
    }


def diff(old: dict[str, t.Any], new: dict[str, t.Any]) -> dict[str, t.Any]:
    """The comparison document ``civiscan report diff`` renders (JSON-ready)."""
    before = {_key(c): c for c in old["scorecards"]}
    after = {_key(c): c for c in new["scorecards"]}
    changes = [_compare(before[key], card) for key, card in after.items() if key in before]
    changed = [c for c in changes
               if c["improved"] or c["regressed"] or c["delta"] or c["regression"]
               or c["before"]["status"] != c["after"]["status"]]
    mean_old, mean_new = old["summary"]["mean_score"], new["summary"]["mean_score"]
    return {
        "language": new["language"],
        "before": {"finished_at": old["finished_at"], "mean_score": mean_old,
                   "ruleset": old["ruleset"]["digest"], "civiscan_version": old["civiscan_version"]},
        "after": {"finished_at": new["finished_at"], "mean_score": mean_new,
                  "ruleset": new["ruleset"]["digest"], "civiscan_version": new["civiscan_version"]},
        "same_rules": old["ruleset"]["digest"] == new["ruleset"]["digest"],
        "mean_delta": (round(mean_new - mean_old, 1)
                       if mean_old is not None and mean_new is not None else None),
        "added": sorted(k[1] for k in after.keys() - before.keys()),
        "removed": sorted(k[1] for k in before.keys() - after.keys()),
        "repositories": sorted(changed, key=lambda c: (not c["regression"], c["name"])),
        "regressions": sum(1 for c in changes if c["regression"]),
        "improvements": sum(1 for c in changes if c["improvement"]),
    }
