"""The terminal report: what to fix first, then what to review, then what was waived."""

from __future__ import annotations

import typing as t

import click

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
from scanner.reporters.rollup import (
    Group,
    Rollup,
    Row,
    group_stats,
    group_title,
    is_startup,
    number,
    plan_steps,
    rollup,
    row,
    rule_title,
    startup_label,
    startups_text,
    why_not_open,
    without_open_code,
)
from scanner.scoring import CATEGORY_WEIGHTS

_GRADE_COLOURS = {"A": "green", "B": "green", "C": "yellow", "D": "red", "E": "red"}


def _style(text: str, color: bool, **kwargs: t.Any) -> str:
    return click.style(text, **kwargs) if color else text


def _evidence(finding: dict[str, t.Any]) -> str:
    places = []
    for item in finding["evidence"]:
        if item.get("path"):
            place = item["path"] + (f":{item['line']}" if item.get("line") else "")
            if place not in places:
                places.append(place)
    return ", ".join(visible(p) for p in places[:5])


def _finding_lines(finding: dict[str, t.Any], lang: str, color: bool) -> list[str]:
    severity = tr(f"severity.{finding['severity']}", lang)
    colour = {"error": "red", "warning": "yellow"}.get(finding["severity"], "blue")
    head = (f"  {_style(f'[{severity}]', color, fg=colour)} {finding['rule']}: "
            f"{visible(finding['message'])}")
    lines = [head]
    evidence = _evidence(finding)
    if evidence:
        lines.append(f"      {tr('evidence', lang)}: {evidence}")
    if finding["waiver"]:
        lines.append("      " + tr("waived_until", lang, **{
            k: visible(str(v)) for k, v in finding["waiver"].items()}))
    elif finding["remediation"] and finding["status"] in ("fail", "review"):
        lines.append(f"      → {visible(finding['remediation'])}")
    return lines


def _card(item: Row, lang: str, color: bool) -> list[str]:
    card = item.card
    name = visible(item.name)
    if card["status"] != "ok":
        colon = tr("colon", lang)
        return [_style(f"✗ {name}{colon}{tr('could_not_scan', lang)}{colon}{visible(card['error'])}",
                       color, fg="red", bold=True)]
    grade = card["grade"] or "-"
    score = "-" if card["score"] is None else f"{card['score']:.0f}/100"
    head = (f"{name}  {visible(startup_label(item))}" if is_startup(card)
            else f"{name}  {tr('grade', lang)} {grade}  {tr('score', lang)} {score}")
    lines = [_style(head, color, bold=True, fg=_GRADE_COLOURS.get(grade))]
    parts = []
    for category in CATEGORY_WEIGHTS:
        value = card["categories"].get(category, {}).get("score")
        if value is not None:
            parts.append(f"{tr(f'category.{category}', lang)} {value:.0f}")
    if parts:
        lines.append("  " + " · ".join(parts))
    if item.plan:
        lines.append("  " + tr("next", lang, rules=plan_steps(item.plan, lang, visible),
                               grade=item.plan.grade, score=number(item.plan.score)))
    findings = sorted(card["findings"], key=most_severe_first)
    groups = [
        ("to_fix", [f for f in findings if f["status"] == "fail" and not f["waiver"]]),
        ("to_review", [f for f in findings if f["status"] == "review" and not f["waiver"]]),
        ("waived", [f for f in findings if f["waiver"]]),
        ("errors", [f for f in findings if f["status"] == "error"]),
    ]
    for key, group in groups:
        if group:
            lines.append(f" {tr(key, lang)} ({len(group)})")
            for finding in group:
                lines.extend(_finding_lines(finding, lang, color))
    proposed = proposed_waivers(card, lang)
    if proposed:
        lines.append(f" {tr('proposed', lang)} ({len(proposed)})")
        for waiver, reason in proposed:
            lines += [f"  - {visible(waiver)}", f"      {visible(reason)}"]
    passed, na = passed_and_not_applicable(card)
    lines.append(" " + tr("passed", lang, count=passed, na=na))
    notices = card.get("notices", []) + [
        f"{p['path']}{':' + str(p['line']) if p.get('line') else ''}: "
        f"{p.get('message_fr') if lang == 'fr' and p.get('message_fr') else p['message']}"
        for p in card.get("problems", [])]
    if notices:
        lines.append(f" {tr('notices', lang)}")
        lines.extend(f"  - {visible(n)}" for n in notices)
    return lines


class TextReporter(Reporter):
    name = "text"
    extension = "txt"
    media_type = "text/plain"
    help = "a readable summary for the terminal"

    @one_pass()
    def render(self, run: dict[str, t.Any], *, color: bool = False,
               options: ReportOptions | None = None) -> str:
        lang = run["language"]
        out: list[str] = []
        view = rollup(run, options) if len(run["scorecards"]) > 1 else None
        rows = {id(r.card): r for r in view.rows} if view else {}
        for card in run["scorecards"]:
            out.extend(_card(rows.get(id(card)) or row(card), lang, color))
            out.append("")
        summary = run["summary"]
        if view:
            out.extend(_rollup(run, view, lang, color))
            mean = "-" if summary["mean_score"] is None else f"{summary['mean_score']:.0f}"
            out.append(tr("summary", lang, scanned=summary["scanned"],
                          total=summary["repositories"], mean=mean))
            if summary.get("startups"):
                out.append(startups_text(summary["startups"], lang, visible))
        return "\n".join(out).rstrip("\n") + "\n"


def _table(rows: list[Row], lang: str) -> list[str]:
    width = max([len(tr("rollup.repository", lang))] + [len(visible(r.name)) for r in rows])
    lines = [f"  {tr('score', lang):>6}  {tr('grade', lang):<5}  "
             f"{tr('rollup.repository', lang):<{width}}  {tr('rollup.next', lang)}"]
    for item in rows:
        if item.card["status"] != "ok":
            step = f"{tr('could_not_scan', lang)}{tr('colon', lang)}{visible(item.card['error'] or '')}"
        elif item.plan:
            step = (tr("plan", lang, count=len(item.plan.fixes), grade=item.plan.grade,
                       score=number(item.plan.score))
                    + tr("colon", lang) + plan_steps(item.plan, lang, visible))
        else:
            step = "–"
        delta = "" if item.delta is None else f" ({item.delta:+.1f})"
        lines.append(f"  {number(item.score):>6}  {item.grade or '–':<5}  "
                     f"{visible(item.name):<{width}}  {step}{delta}")
    return lines


def _group_lines(group: Group, lang: str) -> list[str]:
    lines = [f" {group_title(group, lang, visible)}", "  " + group_stats(group, lang)]
    lacking = [s for s in group.startups if without_open_code(s)]
    if lacking:
        lines.append(f"  {tr('startups.without_code', lang)}")
        lines += [f"   - {visible(startup_label(s))}{tr('colon', lang)}{visible(why_not_open(s))}"
                  for s in lacking]
    return lines + _table(group.rows, lang) if group.rows else lines


def _rollup(run: dict[str, t.Any], view: Rollup, lang: str, color: bool) -> list[str]:
    scored = [r for r in view.rows if r.card.get("kind", "repository") == "repository"]
    out = [_style(tr("rollup.title", lang, count=len(view.rows)), color, bold=True)]
    if view.groups is None:
        out += _table(scored, lang)
    else:
        for group in view.groups:
            out += _group_lines(group, lang)
    if view.most_failed:
        out += ["", _style(tr("most_failed", lang), color, bold=True)]
        width = max(len(str(count)) for _, count in view.most_failed)
        out += [f"  {count:>{width}}  {rule}: {visible(rule_title(run, rule))}"
                for rule, count in view.most_failed]
    return [*out, ""]
