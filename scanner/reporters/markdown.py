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
        for card in run["scorecards"]:
            lines += _card(card, lang)
        return "\n".join(lines).rstrip() + "\n"
