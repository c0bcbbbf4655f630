"""What the GitLab CI template (templates/civiscan.gitlab-ci.yml) does with a run document: the
code-quality report merge requests show, the Markdown scorecard, and the exit code from the
thresholds (``CIVISCAN_FAIL_ON``, ``CIVISCAN_FAIL_UNDER``). Run as
``python -m scanner.gitlab RUN_JSON --codequality FILE --markdown FILE``.

The code-quality report is the ``codequality`` format's (:mod:`scanner.reporters.codequality`):
GitLab's subset of Code Climate's, a finding about a missing file shown at the README.
"""

from __future__ import annotations

import argparse
import json
import sys
import typing as t
from pathlib import Path

from scanner.action import check_inputs
from scanner.reporters import REPORTER_BY_NAME
from scanner.reporters.codequality import issues
from scanner.run import exit_code


def codequality(run: dict[str, t.Any]) -> list[dict[str, t.Any]]:
    """The code-quality issues of a run (the ``codequality`` report format's)."""
    return issues(run)


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
    args.codequality.write_text(REPORTER_BY_NAME["codequality"].render(run), "utf-8")
    args.markdown.write_text(REPORTER_BY_NAME["markdown"].render(run), "utf-8")
    sys.stdout.write(REPORTER_BY_NAME["text"].render(run))
    under = os.environ.get("CIVISCAN_FAIL_UNDER") or None
    return exit_code(run, fail_under=float(under) if under else None,
                     fail_on=os.environ.get("CIVISCAN_FAIL_ON") or "error")


if __name__ == "__main__":  # pragma: no cover - run by the GitLab template
    sys.exit(main())
