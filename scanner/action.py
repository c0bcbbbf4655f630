"""What the GitHub Action does with a run document: the job summary, the annotations, the report
files asked for, the step outputs and the exit code. Run by ``action.yml`` as
``python -m scanner.action RUN_JSON``; its inputs come as environment variables (``env:``), never
through the script text.

The job summary stays under GitHub's 1 MiB per step whatever the run's size: whole repository
sections are left out from the end, and a last line says how many. Outputs are scalars and paths
only (never repository text).
"""

from __future__ import annotations

import json
import os
import sys
import typing as t
from pathlib import Path

from scanner.i18n import tr
from scanner.reporters import REPORTER_BY_NAME
from scanner.reporters.github import escape_data, workflow_commands
from scanner.run import exit_code

#: GitHub refuses a step summary over 1 MiB (1024k); room is kept for the closing line.
SUMMARY_LIMIT = 1024 * 1024 - 4096
_CUT = {"en": "{count} repository section(s) left out: the job summary is limited to 1 MiB. "
              "Every scorecard is in the JSON report.",
        "fr": "{count} section(s) de dépôt omise(s) : le résumé du job est limité à 1 Mio. "
              "Tous les bilans sont dans le rapport JSON."}


def summary(run: dict[str, t.Any], limit: int = SUMMARY_LIMIT) -> str:
    """The Markdown scorecard, cut by whole repository sections to fit ``limit`` bytes."""
    markdown = REPORTER_BY_NAME["markdown"]
    text = markdown.render(run)
    cards = list(run["scorecards"])
    kept = len(cards)
    while len(text.encode("utf-8")) > limit and kept > 0:
        # Halve what is kept until it fits, then add back one at a time (few renders for a
        # 2,000-repository run).
        kept = kept // 2 if len(text.encode("utf-8")) > 2 * limit else kept - 1
        text = markdown.render({**run, "scorecards": cards[:kept]})
    if kept < len(cards):
        lang = run.get("language", "en")
        text += "\n" + _CUT.get(lang, _CUT["en"]).format(count=len(cards) - kept) + "\n"
    return text


def _score_and_grade(run: dict[str, t.Any]) -> tuple[str, str]:
    scored = [c for c in run["scorecards"] if c["status"] == "ok" and c["score"] is not None]
    if len(scored) == 1:
        return f"{scored[0]['score']:.0f}", scored[0]["grade"] or ""
    mean = run["summary"].get("mean_score")
    return ("" if mean is None else f"{mean:.0f}"), ""


def _append(path: str | None, text: str) -> None:
    if path:
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(text)


def check_inputs(env: t.Mapping[str, str]) -> str | None:
    """What is wrong with the thresholds given (inputs are strings, and ``required`` checks
    nothing), or ``None``."""
    under = env.get("CIVISCAN_FAIL_UNDER") or ""
    if under:
        try:
            value = float(under)
        except ValueError:
            value = -1.0
        if not 0 <= value <= 100:
            return f"fail-under must be a number from 0 to 100, not {under[:40]!r}"
    on = env.get("CIVISCAN_FAIL_ON") or "error"
    if on not in ("error", "warning", "info", "never"):
        return f"fail-on must be error, warning, info or never, not {on[:40]!r}"
    return None


def main(argv: list[str] | None = None) -> int:
    """Summary, annotations, reports and outputs for the run JSON named in ``argv``."""
    args = sys.argv[1:] if argv is None else argv
    run_path = Path(args[0])
    run = json.loads(run_path.read_text("utf-8"))
    env = os.environ
    lang = run.get("language", "en")
    problem = check_inputs(env)
    if problem:
        print(f"::error title=civiscan::{escape_data(problem)}")
        return 2
    out_dir = run_path.parent
    formats = [f for f in env.get("CIVISCAN_FORMATS", "").replace(",", " ").split() if f]
    if env.get("CIVISCAN_SARIF", "true") != "false" and "sarif" not in formats:
        formats.append("sarif")
    written = {"json": str(run_path)}
    for fmt in formats:
        if fmt not in REPORTER_BY_NAME:
            known = ", ".join(sorted(REPORTER_BY_NAME))
            print(f"::error title=civiscan::{escape_data(f'unknown format {fmt!r}: one of {known}')}")
            return 2
        reporter = REPORTER_BY_NAME[fmt]
        if reporter.writes_folder:  # badges: a folder of files
            folder = out_dir / f"civiscan-{fmt}"
            folder.mkdir(exist_ok=True)
            for name, content in reporter.render_files(run).items():
                (folder / name).write_text(content, "utf-8")
            written[fmt] = str(folder)
        elif fmt != "json":
            path = out_dir / f"civiscan.{reporter.extension}"
            path.write_text(reporter.render(run), "utf-8")
            written[fmt] = str(path)
    _append(env.get("GITHUB_STEP_SUMMARY"), summary(run))
    for line in workflow_commands(run):
        print(line)
    score, grade = _score_and_grade(run)
    outputs = [f"score={score}", f"grade={grade}",
               f"reports={json.dumps(written, sort_keys=True)}",
               *(f"{fmt}={path}" for fmt, path in sorted(written.items()))]
    _append(env.get("GITHUB_OUTPUT"), "".join(line + "\n" for line in outputs))
    fail_under = env.get("CIVISCAN_FAIL_UNDER") or None
    code = exit_code(run, fail_under=float(fail_under) if fail_under else None,
                     fail_on=env.get("CIVISCAN_FAIL_ON") or "error")
    if code:
        text = {"en": "civiscan: the threshold is not met (fail-on {on}, fail-under {under})",
                "fr": "civiscan : le seuil n'est pas atteint (fail-on {on}, fail-under {under})"}
        print(text.get(lang, text["en"]).format(on=env.get("CIVISCAN_FAIL_ON") or "error",
                                                under=fail_under or tr("no_score", lang)),
              file=sys.stderr)
    return code


if __name__ == "__main__":  # pragma: no cover - run by action.yml
    sys.exit(main())
