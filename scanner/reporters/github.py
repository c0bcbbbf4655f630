"""GitHub Actions annotations: one ``::error``/``::warning`` line per failed rule, at its file and
line where the evidence names one.

GitHub keeps 10 error and 10 warning annotations per step and silently drops the rest, so at most
:data:`PER_LEVEL` of each are written, most severe first, then one ``::notice::`` counting what
was left out (the job summary and the JSON report have everything). Values are escaped as
``@actions/core`` escapes them, and repository text is neutralised first (:func:`visible`): no
line of this report can be another workflow command.
"""

from __future__ import annotations

import typing as t

from scanner.engine.evaluate import most_severe_first
from scanner.i18n import tr
from scanner.reporters.base import Reporter, ReportOptions, one_pass, visible

#: GitHub's cap per step and level.
PER_LEVEL = 10
#: Longest message kept (annotations are read in a side panel).
MAX_MESSAGE = 1000
_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}
_MORE = {"en": "{count} more finding(s) not annotated (GitHub shows {cap} per level and step): "
               "see the job summary or the JSON report",
         "fr": "{count} autre(s) constat(s) non annoté(s) (GitHub en montre {cap} par niveau et "
               "par étape) : voir le résumé du job ou le rapport JSON"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _location(finding: dict[str, t.Any]) -> dict[str, str]:
    for item in finding.get("evidence") or []:
        path = item.get("path")
        if isinstance(path, str) and path and ":" not in path:  # not OWNER/.github:PATH
            where = {"file": path}
            if isinstance(item.get("line"), int) and item["line"] > 0:
                where["line"] = str(item["line"])
            return where
    return {}


def annotation(finding: dict[str, t.Any], repository: str | None = None) -> str:
    """One workflow command for one finding."""
    level = _LEVEL.get(finding["severity"], "warning")
    properties = {**_location(finding),
                  "title": f"{finding['rule']}: {finding['title']}"}
    message = finding["message"]
    if repository:
        message = f"{repository}: {message}"
    if finding.get("remediation"):
        message += f" — {finding['remediation']}"
    message = visible(message)[:MAX_MESSAGE]
    props = ",".join(f"{key}={escape_property(visible(value))}"
                     for key, value in properties.items())
    return f"::{level} {props}::{escape_data(message)}"


def workflow_commands(run: dict[str, t.Any]) -> list[str]:
    """The annotations of a run, within GitHub's caps, and the line counting the rest."""
    lang = run.get("language", "en")
    several = len(run["scorecards"]) > 1
    pending: list[tuple[dict[str, t.Any], str | None]] = []
    for card in run["scorecards"]:
        name = card["repository"].get("full_name") if several else None
        pending += [(f, name) for f in card["findings"]
                    if f["status"] in ("fail", "error") and not f.get("waiver")]
    pending.sort(key=lambda item: most_severe_first(item[0]))
    lines: list[str] = []
    used = {"error": 0, "warning": 0, "notice": 0}
    left_out = 0
    for card in run["scorecards"]:
        if card.get("status", "ok") != "ok":  # one that could not be scanned comes first
            if used["error"] >= PER_LEVEL:
                left_out += 1
                continue
            used["error"] += 1
            name = card["repository"].get("full_name") or card["repository"].get("name") or "?"
            said = visible(f"{name} {tr('could_not_scan', lang)}: {card.get('error')}")
            lines.append(f"::error title=civiscan::{escape_data(said)}")
    for finding, name in pending:
        level = _LEVEL.get(finding["severity"], "warning")
        # Notices keep one place for the line counting what was left out.
        if used[level] >= (PER_LEVEL - 1 if level == "notice" else PER_LEVEL):
            left_out += 1
            continue
        used[level] += 1
        lines.append(annotation(finding, name))
    if left_out:
        text = _MORE.get(lang, _MORE["en"]).format(count=left_out, cap=PER_LEVEL)
        lines.append(f"::notice title=civiscan::{escape_data(text)}")
    return lines


class GithubReporter(Reporter):
    name = "github"
    extension = "txt"
    media_type = "text/plain"
    help = "GitHub Actions annotations for failed rules (10 per level, then a count)"

    @one_pass()
    def render(self, run: dict[str, t.Any], *, color: bool = False,
               options: ReportOptions | None = None) -> str:
        lines = workflow_commands(run)
        return "\n".join(lines) + "\n" if lines else ""
