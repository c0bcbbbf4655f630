"""SARIF 2.1.0 for GitHub code scanning (reference/conventions.md §2).

One result per unwaived fail or review finding, each with a physical location
(:mod:`scanner.reporters.places`) and a fingerprint of its own; every rule described with help
text and a help URI. Alerts attach to the repository the file is uploaded to: SARIF suits a scan
of one's own checkout; an organisation crawl is better read as HTML, CSV or JSON.
"""

from __future__ import annotations

import typing as t

from scanner import __version__
from scanner.engine.messages import clip
from scanner.i18n import tr
from scanner.reporters.base import (
    PROJECT_URL,
    Reporter,
    ReportOptions,
    display_name,
    docs_url,
    one_pass,
    to_json,
    visible,
)
from scanner.reporters.places import (
    INDENTED_UP_TO,
    anchor,
    fingerprint,
    place,
    reported,
    rule_id,
)

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
#: GitHub rejects a run with more results; the most severe are kept.
MAX_RESULTS = 25_000
#: GitHub's limits on descriptor texts, and a cap on messages (only the first sentence shows).
MAX_DESCRIPTION, MAX_NAME, MAX_MESSAGE = 1024, 255, 2000
LEVEL = {"error": "error", "warning": "warning", "info": "note"}
PROBLEM_SEVERITY = {"error": "error", "warning": "warning", "info": "recommendation"}
_RANK = {"error": 0, "warning": 1, "note": 2}


def _cut(text: str, limit: int) -> str:
    return clip(text, limit)


def _text(texts: t.Any, language: str, default: str) -> str:
    if isinstance(texts, dict):
        return str(texts.get(language) or texts.get("en") or default)
    return default


def _descriptor(rule: dict[str, t.Any], language: str) -> dict[str, t.Any]:
    title = visible(_text(rule.get("title"), language, rule["id"]))
    remediation = visible(_text(rule.get("remediation"), language, ""))
    rationale = visible(_text(rule.get("rationale"), language, "")) or title
    references = [r for r in rule.get("references") or [] if isinstance(r, dict)]
    help_text = remediation or title
    markdown = help_text
    if references:
        help_text += "\n\n" + "\n".join(
            f"- {visible(str(r.get('title', '')))}: {visible(str(r.get('url', '')))}"
            for r in references)
        markdown += "\n\n" + "\n".join(
            f"- [{visible(str(r.get('title', '')))}]({visible(str(r.get('url', '')))})"
            for r in references)
    severity = rule.get("severity", "warning")
    tags = ["civiscan", "compliance", str(rule.get("category", ""))]
    return {
        "id": rule_id(rule["id"]),
        "name": _cut(rule["id"], MAX_NAME),
        "shortDescription": {"text": _cut(title, MAX_DESCRIPTION)},
        "fullDescription": {"text": _cut(rationale, MAX_DESCRIPTION)},
        "help": {"text": help_text, "markdown": markdown},
        "helpUri": docs_url(rule),
        "defaultConfiguration": {"level": LEVEL.get(severity, "warning")},
        "properties": {"tags": [tag for tag in tags if tag],
                       "precision": "high",
                       "problem.severity": PROBLEM_SEVERITY.get(severity, "warning")},
    }


def _fallback_rule(finding: dict[str, t.Any]) -> dict[str, t.Any]:
    """A rule the run does not describe (an older run document): built from its finding."""
    texts = finding.get("i18n") or {}
    return {"id": finding["rule"], "category": finding["category"],
            "severity": finding["severity"],
            "title": {lang: v.get("title", "") for lang, v in texts.items()} or finding["title"],
            "remediation": {lang: v.get("remediation", "") for lang, v in texts.items()},
            "references": []}


def _result(card: dict[str, t.Any], finding: dict[str, t.Any], index: int, readme: str,
            language: str, several: bool) -> dict[str, t.Any]:
    where = place(card, finding, readme)
    level = "note" if finding["status"] == "review" else LEVEL.get(finding["severity"], "warning")
    message = visible(finding["message"])
    if finding["status"] == "review":
        message = f"{tr('to_review', language)}{tr('colon', language)}{message}"
    if several:
        message = f"{visible(display_name(card))}{tr('colon', language)}{message}"
    digest = fingerprint(card, finding)
    return {
        "ruleId": rule_id(finding["rule"]),
        "ruleIndex": index,
        "level": level,
        "message": {"text": _cut(message, MAX_MESSAGE)},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": where.path, "uriBaseId": "%SRCROOT%"},
            "region": {"startLine": where.line}}}],
        "partialFingerprints": {"primaryLocationLineHash": f"{digest[:16]}:1",
                                "civiscanFinding/v1": digest},
        "properties": {"repository": visible(display_name(card)), "status": finding["status"],
                       "category": finding["category"], "anchored": where.anchored},
    }


class SarifReporter(Reporter):
    name = "sarif"
    extension = "sarif"
    media_type = "application/sarif+json"
    help = "SARIF 2.1.0 for GitHub code scanning (a scan of your own checkout)"

    @one_pass()
    def render(self, run: dict[str, t.Any], *, color: bool = False,
               options: ReportOptions | None = None) -> str:
        language = run["language"]
        version = str(run.get("civiscan_version") or __version__)
        described = dict(run.get("rules") or {})
        cards = run["scorecards"]
        several = sum(1 for c in cards if c.get("kind", "repository") == "repository") > 1
        found = [(card, finding) for card in cards for finding in reported(card)]
        for _, finding in found:
            described.setdefault(finding["rule"], _fallback_rule(finding))
        ids = sorted(described)
        index = {rule: i for i, rule in enumerate(ids)}
        results = []
        readmes: dict[int, str] = {}
        for card, finding in found:
            readme = readmes.setdefault(id(card), anchor(card))
            results.append(_result(card, finding, index[finding["rule"]], readme, language, several))
        notifications = [
            {"level": "error", "message": {"text": visible(
                f"{display_name(card)}{tr('colon', language)}{tr('could_not_scan', language)}"
                f"{tr('colon', language)}{card['error'] or ''}")}}
            for card in cards if card["status"] != "ok"]
        if len(results) > MAX_RESULTS:
            results.sort(key=lambda r: _RANK[r["level"]])
            notifications.append({"level": "warning", "message": {"text": (
                f"{len(results)} results: only the {MAX_RESULTS} most severe are kept "
                "(GitHub code scanning rejects more)")}})
            results = results[:MAX_RESULTS]
        sarif_run: dict[str, t.Any] = {
            "tool": {"driver": {
                # the civiscan that made the findings (a stored run may be re-rendered later)
                "name": "civiscan", "semanticVersion": version, "version": version,
                "informationUri": PROJECT_URL,
                "rules": [_descriptor({"id": rule, **described[rule]}, language) for rule in ids],
            }},
            "automationDetails": {"id": "civiscan/"},
            "columnKind": "utf16CodeUnits",
            "results": results,
        }
        if notifications:
            sarif_run["invocations"] = [{"executionSuccessful": True,
                                         "toolExecutionNotifications": notifications}]
        return to_json({"$schema": SCHEMA, "version": "2.1.0", "runs": [sarif_run]},
                       indent=2 if len(results) <= INDENTED_UP_TO else None) + "\n"
