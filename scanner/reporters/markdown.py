"""Markdown scorecards (GitHub job summaries, merge-request comments).

Every repository-controlled string is escaped so it cannot add a table row, an image, a link, an
HTML block or a fake heading; see :func:`escape`.
"""

from __future__ import annotations

import re
import typing as t

from scanner.engine.evaluate import most_severe_first
from scanner.i18n import tr
from scanner.reporters.base import Reporter, passed_and_not_applicable, proposed_waivers, visible
from scanner.reporters.groups import (
    IncubatorGroup,
    has_startups,
    incubator_groups,
    open_code_key,
    startup_name,
)
from scanner.scoring import CATEGORY_WEIGHTS

#: What can build structure inside a line: emphasis, code, links and images (``[``, ``]``, ``!``),
#: HTML and entities (``<``, ``>``, ``&``), table cells (``|``), headings, strike-through. Line
#: starts never hold repository text, so list and block markers need no escaping.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#!~&])")


def escape(text: str) -> str:
    """Inline-safe Markdown: one line, metacharacters and HTML escaped, spoofing characters shown."""
    one_line = re.sub(r"[\r\n]+", " ", visible(str(text)))
    return _MD_SPECIAL.sub(r"\\\1", one_line)


def _status_icon(finding: dict[str, t.Any]) -> str:
    if finding["waiver"]:
        return "⏸️"
    return {"fail": "❌", "review": "🔎", "error": "⚠️"}.get(finding["status"], "✅")


def _card(card: dict[str, t.Any], lang: str) -> list[str]:
    name = escape(card["repository"].get("full_name") or card["repository"].get("name", "?"))
    if card["status"] != "ok":
        return [f"### {name}", "", f"❌ {tr('could_not_scan', lang)}: {escape(card['error'])}", ""]
    score = "–" if card["score"] is None else f"{card['score']:.0f}/100"
    lines = [f"### {name} — {tr('grade', lang)} {card['grade'] or '–'} ({score})", ""]
    header = [tr(f"category.{c}", lang) for c in CATEGORY_WEIGHTS]
    values = []
    for category in CATEGORY_WEIGHTS:
        value = card["categories"].get(category, {}).get("score")
        values.append("–" if value is None else f"{value:.0f}")
    lines += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header),
              "| " + " | ".join(values) + " |", ""]
    shown = [f for f in card["findings"] if f["status"] in ("fail", "review", "error")]
    shown.sort(key=most_severe_first)
    for finding in shown:
        severity = tr(f"severity.{finding['severity']}", lang)
        lines.append(f"- {_status_icon(finding)} **{escape(finding['title'])}** "
                     f"(`{finding['rule']}`, {severity}): {escape(finding['message'])}")
        if finding["waiver"]:
            lines.append("  - " + escape(tr("waived_until", lang, **finding["waiver"])))
        elif finding["remediation"]:
            lines.append(f"  - {tr('how', lang)}: {escape(finding['remediation'])}")
    proposed = proposed_waivers(card, lang)
    if proposed:
        lines += ["", f"**{tr('proposed', lang)}**", ""]
        lines += [f"- ⏸️ {escape(waiver)}\n  - {escape(reason)}" for waiver, reason in proposed]
    passed, na = passed_and_not_applicable(card)
    lines += ["", tr("passed", lang, count=passed, na=na), ""]
    return lines


def _startup_row(card: dict[str, t.Any], lang: str) -> str:
    icon = {"startup.open": "✅", "startup.closed": "❌"}.get(open_code_key(card), "❔")
    startup = card.get("startup") or {}
    name = f"{escape(startup_name(card))} (`{escape(startup.get('id') or '?')}`)"
    phase = escape(startup.get("phase") or tr("startup.no_phase", lang))
    declared = (card.get("code") or {}).get("declared")
    code = escape(declared) if declared else "–"
    if card["status"] != "ok":
        notes = [f"{tr('could_not_scan', lang)}: {card['error']}"]
    else:
        notes = [f["message"] for f in sorted(card["findings"], key=most_severe_first)
                 if f["status"] in ("fail", "review", "error") and not f["waiver"]]
    return f"| {icon} | {name} | {phase} | {code} | {escape('; '.join(notes)) or '–'} |"


def _group(group: IncubatorGroup, lang: str) -> list[str]:
    if group.id is None:
        title = tr("group.none" if group.startups else "group.other", lang)
    else:
        title = f"{escape(group.title or group.id)} (`{escape(group.id)}`)"
    lines = [f"## {title}", ""]
    if group.startups:
        lines += [tr("group.startups", lang, count=len(group.startups),
                     closed=group.without_open_code, open=group.with_open_code,
                     compliant=group.compliant), ""]
    if group.repositories:
        grades = ", ".join(f"{g} {n}" for g, n in group.grades.items()) or "–"
        mean = "–" if group.mean_score is None else f"{group.mean_score:.0f}"
        lines += [tr("group.repositories", lang, count=len(group.repositories), grades=grades,
                     mean=mean), ""]
    if group.startups:
        header = ["", tr("startup.startup", lang), tr("startup.phase", lang),
                  tr("startup.code", lang), tr("startup.findings", lang)]
        lines += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        lines += [_startup_row(card, lang) for card in group.startups]
        lines.append("")
    for card in group.repositories:
        lines += _card(card, lang)
    return lines


def _startup_summary(startups: dict[str, t.Any], lang: str) -> list[str]:
    keys = ("declared", "with_repository", "with_open_code", "compliant")
    lines = [tr("registry.summary", lang, **{k: startups[k] for k in keys}), ""]
    if startups["by_phase"]:
        header = [tr("startup.phase", lang), *(tr(f"count.{k}", lang) for k in keys)]
        lines += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        lines += [f"| {escape(phase)} | " + " | ".join(str(counts[k]) for k in keys) + " |"
                  for phase, counts in startups["by_phase"].items()]
        lines.append("")
    if startups.get("unreadable"):
        lines += [tr("registry.unreadable", lang, count=startups["unreadable"]), ""]
    return lines


class MarkdownReporter(Reporter):
    name = "markdown"
    extension = "md"
    media_type = "text/markdown"
    help = "Markdown scorecards (job summaries, merge-request comments)"

    def render(self, run: dict[str, t.Any], *, color: bool = False) -> str:
        lang = run["language"]
        summary = run["summary"]
        mean = "–" if summary["mean_score"] is None else f"{summary['mean_score']:.0f}"
        lines = [f"## {tr('title', lang)}", "",
                 tr("summary", lang, scanned=summary["scanned"], total=summary["repositories"],
                    mean=mean), ""]
        if "startups" in summary:
            lines += _startup_summary(summary["startups"], lang)
        if has_startups(run):
            for group in incubator_groups(run):
                lines += _group(group, lang)
        else:
            for card in run["scorecards"]:
                lines += _card(card, lang)
        return "\n".join(lines).rstrip() + "\n"
