"""Markdown scorecards (GitHub job summaries, merge-request comments).

Every repository-controlled string is escaped so it cannot add a table row, an image, a link, an
HTML block or a fake heading; see :func:`escape`.
"""

from __future__ import annotations

import re
import typing as t

from scanner.engine.evaluate import most_severe_first
from scanner.i18n import tr
from scanner.reporters.base import (
    Reporter,
    ReportOptions,
    one_pass,
    passed_and_not_applicable,
    proposed_waivers,
    visible,
)
from scanner.reporters.groups import (
    IncubatorGroup,
    has_startups,
    incubator_groups,
    open_code_key,
    startup_name,
)
from scanner.reporters.rollup import (
    Rollup,
    Row,
    grades_text,
    group_label,
    is_startup,
    number,
    plan_steps,
    rollup,
    row,
    rule_title,
)
from scanner.scoring import CATEGORY_WEIGHTS, Plan

if t.TYPE_CHECKING:
    from scanner.runs.history import History

#: Runs shown in the trend table.
TREND_ROWS = 12

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


def _backticks(escaped: str) -> str:
    return f"`{escaped}`"


def code_span(text: str) -> str:
    """A rule id as inline code (ids are kebab-case; anything else is escaped as text)."""
    return f"`{text}`" if re.fullmatch(r"[a-z0-9][a-z0-9._-]*", text) else escape(text)


def _card(card: dict[str, t.Any], lang: str, steps: Plan | None = None) -> list[str]:
    name = escape(card["repository"].get("full_name") or card["repository"].get("name", "?"))
    if card["status"] != "ok":
        return [f"### {name}", "",
                f"❌ {tr('could_not_scan', lang)}{tr('colon', lang)}{escape(card['error'])}", ""]
    score = "–" if card["score"] is None else f"{card['score']:.0f}/100"
    lines = [f"### {name} — {tr('grade', lang)} {card['grade'] or '–'} ({score})", ""]
    header = [tr(f"category.{c}", lang) for c in CATEGORY_WEIGHTS]
    values = []
    for category in CATEGORY_WEIGHTS:
        value = card["categories"].get(category, {}).get("score")
        values.append("–" if value is None else f"{value:.0f}")
    lines += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header),
              "| " + " | ".join(values) + " |", ""]
    if steps:
        lines += [tr("next", lang, rules=plan_steps(steps, lang, code_span), grade=steps.grade,
                     score=number(steps.score)), ""]
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


def _group(group: IncubatorGroup, lang: str, plans: dict[int, Plan | None]) -> list[str]:
    lines = [f"## {group_label(group, lang, escape, _backticks)}", ""]
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
        lines += _card(card, lang, plans.get(id(card)))
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

    @one_pass()
    def render(self, run: dict[str, t.Any], *, color: bool = False,
               options: ReportOptions | None = None) -> str:
        lang = run["language"]
        summary = run["summary"]
        mean = "–" if summary["mean_score"] is None else f"{summary['mean_score']:.0f}"
        lines = [f"## {tr('title', lang)}", "",
                 tr("summary", lang, scanned=summary["scanned"], total=summary["repositories"],
                    mean=mean), ""]
        if "startups" in summary:
            lines += _startup_summary(summary["startups"], lang)
        history = options.history if options else None
        if history and len(history.points) > 1:
            lines += _trend(history, lang)
        view = rollup(run, options) if len(run["scorecards"]) > 1 else None
        if view:
            lines += _rollup(run, view, lang)
        plans = ({id(r.card): r.plan for r in view.rows} if view else
                 {id(c): row(c).plan for c in run["scorecards"]})
        if has_startups(run):
            for group in incubator_groups(run):
                lines += _group(group, lang, plans)
        else:
            for card in run["scorecards"]:
                lines += _card(card, lang, plans.get(id(card)))
        return "\n".join(lines).rstrip() + "\n"


def _table(rows: list[Row], lang: str, trend: bool) -> list[str]:
    header = [tr("score", lang), tr("grade", lang), tr("rollup.repository", lang),
              tr("rollup.next", lang)] + ([tr("rollup.delta", lang)] if trend else [])
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for item in rows:
        if item.card["status"] != "ok":
            step = (f"❌ {tr('could_not_scan', lang)}{tr('colon', lang)}"
                    f"{escape(item.card['error'] or '')}")
        elif item.plan:
            step = (tr("plan", lang, count=len(item.plan.fixes), grade=item.plan.grade,
                       score=number(item.plan.score))
                    + tr("colon", lang) + plan_steps(item.plan, lang, code_span))
        else:
            step = "–"
        cells = [number(item.score), item.grade or "–", escape(item.name), step]
        if trend:
            cells.append("–" if item.delta is None else f"{item.delta:+.1f}")
        lines.append("| " + " | ".join(cells) + " |")
    return [*lines, ""]


def _rollup(run: dict[str, t.Any], view: Rollup, lang: str) -> list[str]:
    """Every repository lowest score first (per incubator when the run read a registry), what
    its next fixes gain, and the most failed rules."""
    trend = any(r.previous is not None for r in view.rows)
    repositories = [r for r in view.rows if not is_startup(r.card)]
    lines = [f"### {tr('rollup.title', lang, count=len(repositories))}", ""]
    if view.groups is None:
        lines += _table(repositories, lang, trend)
    else:
        for group, rows in view.groups:
            if rows:
                lines += [f"#### {group_label(group, lang, escape, _backticks)}", "",
                          *_table(rows, lang, trend)]
    if view.most_failed:
        lines += [f"### {tr('most_failed', lang)}", "",
                  f"| {tr('repositories', lang)} | {tr('rule', lang)} | {tr('rule.what', lang)} |",
                  "|---|---|---|"]
        lines += [f"| {count} | {code_span(rule)} | {escape(rule_title(run, rule))} |"
                  for rule, count in view.most_failed]
        lines.append("")
    return lines


def _trend(history: History, lang: str) -> list[str]:
    lines = [f"### {tr('trend', lang)}", "",
             f"| {tr('trend.when', lang)} | {tr('trend.scanned', lang)} | {tr('trend.mean', lang)} "
             f"| {tr('trend.grades', lang)} |", "|---|---|---|---|"]
    for point in history.points[-TREND_ROWS:]:
        lines.append(f"| {escape(point.when)} | {point.scanned} | {number(point.mean)} | "
                     f"{escape(grades_text(point.grades))} |")
    lines.append("")
    if history.notices:
        lines += [f"{tr('trend.left_out', lang)}:", ""]
        lines += [f"- {escape(en if lang == 'en' else fr)}" for en, fr in history.notices]
        lines.append("")
    return lines
