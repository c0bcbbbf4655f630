"""GitLab Code Quality: the CodeClimate subset GitLab reads (``description``, ``check_name``,
``fingerprint``, ``severity``, ``location.path``, ``location.lines.begin``), so findings show in
merge requests. Check names, locations and fingerprints are SARIF's
(:mod:`scanner.reporters.places`): a finding about a missing file is shown at the README."""

from __future__ import annotations

import typing as t

from scanner.i18n import tr
from scanner.reporters.base import Reporter, ReportOptions, display_name, one_pass, to_json, visible
from scanner.reporters.places import (
    INDENTED_UP_TO,
    anchor,
    fingerprint,
    place,
    reported,
    rule_id,
)

#: GitLab's severities are info, minor, major, critical and blocker.
SEVERITY = {"error": "critical", "warning": "major", "info": "minor"}


def issues(run: dict[str, t.Any]) -> list[dict[str, t.Any]]:
    """One Code Quality issue per unwaived fail or review finding of a scanned repository."""
    language = run.get("language", "en")
    cards = run["scorecards"]
    several = sum(1 for c in cards if c.get("kind", "repository") == "repository") > 1
    found = []
    for card in cards:
        readme = anchor(card)
        for finding in reported(card):
            where = place(card, finding, readme)
            text = visible(finding["message"])
            if finding["status"] == "review":
                text = f"{tr('to_review', language)}{tr('colon', language)}{text}"
            if several:
                text = f"{visible(display_name(card))}{tr('colon', language)}{text}"
            found.append({
                "type": "issue",
                "description": text,
                "check_name": rule_id(finding["rule"]),
                "fingerprint": fingerprint(card, finding),
                "severity": ("info" if finding["status"] == "review"
                             else SEVERITY.get(finding["severity"], "major")),
                "location": {"path": where.path, "lines": {"begin": where.line}},
            })
    return found


class CodeQualityReporter(Reporter):
    name = "codequality"
    extension = "json"
    media_type = "application/json"
    help = "GitLab Code Quality report (findings in merge requests)"

    @one_pass()
    def render(self, run: dict[str, t.Any], *, color: bool = False,
               options: ReportOptions | None = None) -> str:
        found = issues(run)
        return to_json(found, indent=2 if len(found) <= INDENTED_UP_TO else None) + "\n"
