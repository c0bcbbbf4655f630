"""Every format rendered from one fixed run document (``run.json``, built by ``build_run.py``)
must match its golden file byte for byte.

Regenerate only on purpose: ``CIVISCAN_UPDATE_GOLDEN=1 pytest tests/golden``, then review the
diff. The run holds hostile text, an unscannable repository, a waiver and startups of two
incubators; ``history/`` holds two earlier runs for the trends.
"""

from __future__ import annotations

import os
import typing as t
from pathlib import Path

import pytest

from scanner.reporters import REPORTER_BY_NAME
from scanner.reporters import diff as diff_reporter
from scanner.reporters.base import ReportOptions
from scanner.run import summarise
from scanner.runs import history
from scanner.runs.diff import diff
from tests.support import golden_run

HERE = Path(__file__).parent
EXPECTED = HERE / "expected"
UPDATE = os.environ.get("CIVISCAN_UPDATE_GOLDEN") == "1"

#: (golden file, format, language, CSV per finding, with history)
CASES = [
    ("text.en.txt", "text", "en", False, False),
    ("text.fr.txt", "text", "fr", False, False),
    ("markdown.en.md", "markdown", "en", False, True),
    ("markdown.fr.md", "markdown", "fr", False, True),
    ("html.en.html", "html", "en", False, True),
    ("html.fr.html", "html", "fr", False, False),
    ("sarif.en.sarif", "sarif", "en", False, False),
    ("sarif.fr.sarif", "sarif", "fr", False, False),
    ("codequality.en.json", "codequality", "en", False, False),
    ("csv.en.csv", "csv", "en", False, False),
    ("csv-findings.fr.csv", "csv", "fr", True, False),
    ("json.fr.json", "json", "fr", False, False),
    ("github.fr.txt", "github", "fr", False, False),
]


def _check(name: str, text: str) -> None:
    path = EXPECTED / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8", newline="")
        return
    assert path.is_file(), f"{path} missing: run with CIVISCAN_UPDATE_GOLDEN=1 to create it"
    expected = path.read_bytes().decode("utf-8")
    assert text == expected, f"{name} differs from its golden file (CIVISCAN_UPDATE_GOLDEN=1)"


@pytest.mark.parametrize(("name", "fmt", "lang", "findings", "trends"), CASES,
                         ids=[c[0] for c in CASES])
def test_format_matches_its_golden_file(name: str, fmt: str, lang: str, findings: bool,
                                        trends: bool) -> None:
    run = golden_run(lang)
    past = history.load(HERE / "history", run) if trends else None
    options = ReportOptions(csv_findings=findings, history=past)
    _check(name, REPORTER_BY_NAME[fmt].render(run, options=options))


def test_every_format_has_a_golden_file() -> None:
    assert {c[1] for c in CASES} | {"badge"} == set(REPORTER_BY_NAME)


def test_badges_match_their_golden_files() -> None:
    files = REPORTER_BY_NAME["badge"].render_files(golden_run())
    if not UPDATE:
        assert sorted(files) == sorted(p.name for p in (EXPECTED / "badge").iterdir())
    for name, text in files.items():
        _check(f"badge/{name}", text)


def changed_run() -> tuple[dict[str, t.Any], dict[str, t.Any]]:
    """The golden run, and the same a fortnight later: one rule fixed and one broken in the
    first repository, a lower grade for the compliant one, the unscannable one gone and a new
    repository."""
    import copy

    before = golden_run()
    before["finished_at"] = "2026-11-15T10:05:00+00:00"
    after = golden_run()
    first = after["scorecards"][0]
    for finding in first["findings"]:
        if finding["rule"] == "api-descriptions-valid":
            finding["status"] = "pass"
        if finding["rule"] == "readme-present":
            finding["status"] = "fail"
    first["score"] += 1.5
    compliant = next(c for c in after["scorecards"]
                     if c["repository"]["full_name"] == "betagouv/compliant")
    compliant.update(score=88.0, grade="B")
    gone = next(c for c in after["scorecards"] if c["status"] == "error")
    after["scorecards"].remove(gone)
    new = copy.deepcopy(compliant)
    new["repository"] = dict(new["repository"], full_name="betagouv/new", name="new")
    after["scorecards"].append(new)
    after["summary"] = summarise(after["scorecards"])
    return before, after


@pytest.mark.parametrize("fmt", diff_reporter.FORMATS)
def test_diff_matches_its_golden_file(fmt: str) -> None:
    _check(f"diff.{fmt}", diff_reporter.render(diff(*changed_run()), fmt))
