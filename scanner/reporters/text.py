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
    group_label,
    is_startup,
    number,
    plan_steps,
    rollup,
    row,
    rule_title,
)
from scanner.scoring import CATEGORY_WEIGHTS, Plan

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


def _startup_head(card: dict[str, t.Any], lang: str, color: bool) -> str:
    """``startup:ID  Name · phase · open code: …``, red when the code is not open."""
    startup = card.get("startup") or {}
    phase = startup.get("phase") or tr("startup.no_phase", lang)
    state = open_code_key(card)
    parts = [visible(startup_name(card)), visible(str(phase)), tr(state, lang)]
    if card.get("repositories"):
        parts.append(", ".join(visible(r) for r in card["repositories"][:5])
                     + (" …" if len(card["repositories"]) > 5 else ""))
    name = visible(card["repository"]["full_name"])
    colour = {"startup.open": "green", "startup.closed": "red"}.get(state, "yellow")
    return _style(f"{name}  " + " · ".join(parts), color, bold=True, fg=colour)


def _card(card: dict[str, t.Any], lang: str, color: bool, steps: Plan | None = None) -> list[str]:
    name = visible(card["repository"].get("full_name") or card["repository"].get("name", "?"))
    startup = card.get("kind") == "startup"
    if card["status"] != "ok" and not (startup and card["findings"]):
        colon = tr("colon", lang)
        return [_style(f"✗ {name}{colon}{tr('could_not_scan', lang)}{colon}{visible(card['error'])}",
                       color, fg="red", bold=True)]
    if startup:
        lines = [_startup_head(card, lang, color)]
        if card["status"] != "ok":
            lines.append(f"  {tr('could_not_scan', lang)}{tr('colon', lang)}{visible(card['error'])}")
    else:
        grade = card["grade"] or "-"
        score = "-" if card["score"] is None else f"{card['score']:.0f}/100"
        lines = [_style(f"{name}  {tr('grade', lang)} {grade}  {tr('score', lang)} {score}", color,
                        bold=True, fg=_GRADE_COLOURS.get(grade))]
    parts = []
    for category in CATEGORY_WEIGHTS:
        value = card["categories"].get(category, {}).get("score")
        if value is not None:
            parts.append(f"{tr(f'category.{category}', lang)} {value:.0f}")
    if parts:
        lines.append("  " + " · ".join(parts))
    if steps:
        lines.append("  " + tr("next", lang, rules=plan_steps(steps, lang, visible),
                               grade=steps.grade, score=number(steps.score)))
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


def _group_head(group: IncubatorGroup, lang: str, color: bool) -> list[str]:
    """The incubator, its startups' state, and its repositories' grades and mean score."""
    lines = [_style(f"== {group_label(group, lang, visible)} ==", color, bold=True)]
    if group.startups:
        lines.append("  " + tr("group.startups", lang, count=len(group.startups),
                               closed=group.without_open_code, open=group.with_open_code,
                               compliant=group.compliant))
    if group.repositories:
        grades = " · ".join(f"{g} {n}" for g, n in group.grades.items()) or "-"
        mean = "-" if group.mean_score is None else f"{group.mean_score:.0f}"
        lines.append("  " + tr("group.repositories", lang, count=len(group.repositories),
                               grades=grades, mean=mean))
    return [*lines, ""]


def _startup_summary(startups: dict[str, t.Any], lang: str) -> list[str]:
    lines = [tr("registry.summary", lang, **{k: startups[k] for k in
                                            ("declared", "with_repository", "with_open_code",
                                             "compliant")})]
    for phase, counts in startups["by_phase"].items():
        lines.append("  " + tr("registry.phase", lang, phase=visible(phase), **counts))
    if startups.get("unreadable"):
        lines.append("  " + tr("registry.unreadable", lang, count=startups["unreadable"]))
    for registry in startups.get("registries", []):
        for problem in registry.get("problems", []):
            lines.append(f"  {visible(registry['source'])}{tr('colon', lang)}"
                         f"{visible(problem.get(lang) or problem['en'])}")
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
        plans = ({id(r.card): r.plan for r in view.rows} if view else
                 {id(c): row(c).plan for c in run["scorecards"]})
        if has_startups(run):
            for group in incubator_groups(run):
                out.extend(_group_head(group, lang, color))
                for card in group.startups + group.repositories:
                    out.extend(_card(card, lang, color, plans.get(id(card))))
                    out.append("")
        else:
            for card in run["scorecards"]:
                out.extend(_card(card, lang, color, plans.get(id(card))))
                out.append("")
        if view:
            out.extend(_rollup(run, view, lang, color))
        summary = run["summary"]
        if summary["repositories"] > 1 or "startups" in summary:
            mean = "-" if summary["mean_score"] is None else f"{summary['mean_score']:.0f}"
            out.append(tr("summary", lang, scanned=summary["scanned"],
                          total=summary["repositories"], mean=mean))
        if "startups" in summary:
            out.extend(_startup_summary(summary["startups"], lang))
        return "\n".join(out).rstrip("\n") + "\n"


def _table(rows: list[Row], lang: str) -> list[str]:
    """Score, grade, repository and its next step, one line each."""
    width = min(60, max([len(tr("rollup.repository", lang))] + [len(visible(r.name)) for r in rows]))
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


def _rollup(run: dict[str, t.Any], view: Rollup, lang: str, color: bool) -> list[str]:
    """Every repository lowest score first (per incubator when the run read a registry), and
    the most failed rules."""
    repositories = [r for r in view.rows if not is_startup(r.card)]
    out = [_style(tr("rollup.title", lang, count=len(repositories)), color, bold=True)]
    if view.groups is None:
        out += _table(repositories, lang)
    else:
        for group, rows in view.groups:
            if rows:
                out += [f" {group_label(group, lang, visible)}", *_table(rows, lang)]
    if view.most_failed:
        out += ["", _style(tr("most_failed", lang), color, bold=True)]
        width = max(len(str(count)) for _, count in view.most_failed)
        out += [f"  {count:>{width}}  {visible(rule)}: {visible(rule_title(run, rule))}"
                for rule, count in view.most_failed]
    return [*out, ""]
