"""What the GitLab CI template (templates/civiscan.gitlab-ci.yml) does with a run document: the
code-quality report merge requests show, the Markdown scorecard, and the exit code from the
thresholds (``CIVISCAN_FAIL_ON``, ``CIVISCAN_FAIL_UNDER``). Run as
``python -m scanner.gitlab RUN_JSON --codequality FILE --markdown FILE``.

The code-quality format is GitLab's subset of Code Climate's: ``description``, ``check_name``,
``fingerprint``, ``severity`` and ``location.path``/``location.lines.begin`` are required. A
finding about the whole repository (a file is missing) points at the file a person would edit,
from its evidence, else the README, and its description names what is missing.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import typing as t
from pathlib import Path

from scanner.action import check_inputs
from scanner.reporters import REPORTER_BY_NAME
from scanner.reporters.base import strict, visible
from scanner.run import exit_code

#: civiscan severity -> code-quality severity.
SEVERITY = {"error": "major", "warning": "minor", "info": "info"}
#: Where a finding without a file is shown.
ANCHOR = "README.md"


def _location(finding: dict[str, t.Any]) -> tuple[str, int]:
    for item in finding.get("evidence") or []:
        path = item.get("path")
        if isinstance(path, str) and path and ":" not in path:
            line = item.get("line")
            return path, line if isinstance(line, int) and line > 0 else 1
    return ANCHOR, 1


def codequality(run: dict[str, t.Any]) -> list[dict[str, t.Any]]:
    """One code-quality issue per failed or to-review, unwaived finding."""
    several = len(run["scorecards"]) > 1
    issues = []
    for card in run["scorecards"]:
        name = card["repository"].get("full_name") or ""
        for finding in card["findings"]:
            if finding["status"] not in ("fail", "review", "error") or finding.get("waiver"):
                continue
            path, line = _location(finding)
            description = finding["message"]
            if several:
                description = f"{name}: {description}"
            key = f"{finding['rule']}|{name}|{path}"
            issues.append({
                "description": visible(f"{finding['title']}: {description}"),
                "check_name": f"civiscan/{finding['rule']}",
                "fingerprint": hashlib.sha256(key.encode("utf-8")).hexdigest(),
                "severity": SEVERITY.get(finding["severity"], "minor"),
                "categories": ["Compliance"],
                "location": {"path": path, "lines": {"begin": line}},
            })
    return issues


def main(argv: list[str] | None = None) -> int:
    import os

    parser = argparse.ArgumentParser(prog="python -m scanner.gitlab")
    parser.add_argument("run", type=Path)
    parser.add_argument("--codequality", type=Path, required=True)
    parser.add_argument("--markdown", type=Path, required=True)
    args = parser.parse_args(argv)
    problem = check_inputs(os.environ)
    if problem:
        print(f"civiscan: {problem}", file=sys.stderr)
        return 2
    run = json.loads(args.run.read_text("utf-8"))
    args.codequality.write_text(json.dumps(strict(codequality(run)), indent=2,
                                           ensure_ascii=False) + "\n", "utf-8")
    args.markdown.write_text(REPORTER_BY_NAME["markdown"].render(run), "utf-8")
    sys.stdout.write(REPORTER_BY_NAME["text"].render(run))
    under = os.environ.get("CIVISCAN_FAIL_UNDER") or None
    return exit_code(run, fail_under=float(under) if under else None,
                     fail_on=os.environ.get("CIVISCAN_FAIL_ON") or "error")


if __name__ == "__main__":  # pragma: no cover - run by the GitLab template
    sys.exit(main())
