"""``civiscan report diff``: what improved and what regressed, as text, Markdown or JSON."""

from __future__ import annotations

import typing as t

from scanner.i18n import tr
from scanner.reporters.base import one_pass, to_json, visible
from scanner.reporters.markdown import code_span, escape
from scanner.reporters.rollup import number

FORMATS = ("text", "markdown", "json")


def _status(value: str | None, language: str) -> str:
    return tr(f"status.{value or 'none'}", language)


def _score(side: dict[str, t.Any]) -> str:
    return f"{side['grade'] or '–'} {number(side['score'])}"


def _sections(diff: dict[str, t.Any]) -> list[tuple[str, list[dict[str, t.Any]]]]:
    changes = diff["repositories"]
    return [("diff.regressed", [c for c in changes if c["regression"]]),
            ("diff.improved", [c for c in changes if c["improvement"]]),
            ("diff.changed", [c for c in changes
                              if not c["regression"] and not c["improvement"]])]


def _headline(diff: dict[str, t.Any], language: str, esc: t.Callable[[str], str]) -> list[str]:
    before, after = diff["before"], diff["after"]
    delta = "" if diff["mean_delta"] is None else f" ({diff['mean_delta']:+.1f})"
    lines = [tr("diff.compared", language, before=esc(before["finished_at"]),
                after=esc(after["finished_at"]), old=number(before["mean_score"]),
                new=number(after["mean_score"])) + delta]
    if not diff["same_rules"]:
        lines.append(tr("diff.rules_differ", language, before=esc(before["ruleset"]),
                        after=esc(after["ruleset"])))
    return lines


def _change_line(change: dict[str, t.Any], language: str, esc: t.Callable[[str], str]) -> str:
    after = change["after"]
    if after["status"] != "ok":
        return (f"{esc(change['name'])}{tr('colon', language)}{tr('diff.lost', language)}"
                f"{tr('colon', language)}{esc(after['error'] or '')}")
    delta = "" if change["delta"] is None else f" ({change['delta']:+.1f})"
    return f"{esc(change['name'])}  {_score(change['before'])} → {_score(after)}{delta}"


def _rule_line(sign: str, rule: dict[str, t.Any], language: str,
               code: t.Callable[[str], str]) -> str:
    return (f"{sign} {code(rule['rule'])}{tr('colon', language)}"
            f"{_status(rule['before'], language)} → {_status(rule['after'], language)}")


def render_text(diff: dict[str, t.Any]) -> str:
    language = diff["language"]
    lines = _headline(diff, language, visible)
    for key, changes in _sections(diff):
        if changes:
            lines += ["", f"{tr(key, language)} ({len(changes)})"]
            for change in changes:
                lines.append("  " + _change_line(change, language, visible))
                lines += ["    " + _rule_line("-", r, language, visible) for r in change["regressed"]]
                lines += ["    " + _rule_line("+", r, language, visible) for r in change["improved"]]
    for key in ("added", "removed"):
        if diff[key]:
            lines += ["", f"{tr(f'diff.{key}', language)} ({len(diff[key])})"]
            lines += [f"  {visible(name)}" for name in diff[key]]
    if not diff["repositories"] and not diff["added"] and not diff["removed"]:
        lines += ["", tr("diff.nothing", language)]
    return "\n".join(lines) + "\n"


def render_markdown(diff: dict[str, t.Any]) -> str:
    language = diff["language"]
    lines = [f"## {tr('diff.title', language)}", "", *_headline(diff, language, escape), ""]
    for key, changes in _sections(diff):
        if not changes:
            continue
        lines += [f"### {tr(key, language)} ({len(changes)})", ""]
        for change in changes:
            lines.append("- " + _change_line(change, language, escape).replace("  ", " — ", 1))
            lines += ["  - " + _rule_line("❌", r, language, code_span) for r in change["regressed"]]
            lines += ["  - " + _rule_line("✅", r, language, code_span) for r in change["improved"]]
        lines.append("")
    for key in ("added", "removed"):
        if diff[key]:
            lines += [f"### {tr(f'diff.{key}', language)} ({len(diff[key])})", ""]
            lines += [f"- {escape(name)}" for name in diff[key]]
            lines.append("")
    if not diff["repositories"] and not diff["added"] and not diff["removed"]:
        lines += [tr("diff.nothing", language), ""]
    return "\n".join(lines).rstrip() + "\n"


@one_pass()
def render(diff: dict[str, t.Any], fmt: str) -> str:
    if fmt == "json":
        return to_json(diff) + "\n"
    return render_markdown(diff) if fmt == "markdown" else render_text(diff)
