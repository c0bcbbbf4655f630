"""CSV reads back with the csv module, and no cell runs as a spreadsheet formula."""

from __future__ import annotations

import csv
import io
import typing as t

import pytest

from scanner.reporters import REPORTER_BY_NAME
from scanner.reporters.base import ReportOptions
from scanner.reporters.csv import cell
from tests.support import golden_run

FORMULAS = ['=HYPERLINK("http://x","y")', "+1", "-1", "@SUM(A1:A2)", "\tx", "\rx", "=1+1"]


def _rows(run: dict[str, t.Any], findings: bool = False) -> list[dict[str, str]]:
    text = REPORTER_BY_NAME["csv"].render(run, options=ReportOptions(csv_findings=findings))
    return list(csv.DictReader(io.StringIO(text, newline="")))


@pytest.mark.parametrize("value", FORMULAS)
def test_a_formula_becomes_text(value: str) -> None:
    shown = cell(value)
    assert not shown.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert shown.startswith("'") or value == "\rx"  # a CR is made a blank before anything
    assert cell(42.5) == "42.5" and cell(None) == "" and cell(True) == "true"


def test_one_row_per_scorecard_with_scores_and_startups() -> None:
    run = golden_run()
    rows = _rows(run)
    assert len(rows) == len(run["scorecards"])
    by_name = {r["repository"]: r for r in rows}
    rdv = by_name["betagouv/rdv-service-public"]
    assert rdv["score"] == "73.3" and rdv["grade"] == "C" and rdv["licensing_score"] == "91.3"
    assert "publiccode-yml-present" in rdv["failing"].split()
    assert rdv["incubator"] == "Incubateur des territoires" and rdv["phase"] == "acceleration"
    assert by_name["betagouv/gone"]["status"] == "error"
    assert by_name["betagouv/gone"]["error"] == "HTTP 404: Not Found"
    assert by_name["startup:sans-code"]["kind"] == "startup"


def test_hostile_values_are_neutralised_and_read_back_whole() -> None:
    run = golden_run()
    card = next(c for c in run["scorecards"] if c["repository"]["full_name"] == "betagouv/compliant")
    card["repository"].update(full_name=FORMULAS[0], description="x",
                              topics=["=cmd|' /C calc'!A0", "@SUM(1)"])
    rows = _rows(run)
    hostile = next(r for r in rows if r["repository"].startswith("'="))
    assert hostile["repository"] == "'" + FORMULAS[0]
    assert hostile["topics"] == "'=cmd|' /C calc'!A0 @SUM(1)"
    for row in rows:  # nothing a spreadsheet would execute, anywhere
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value
            assert "\u202e" not in value


def test_one_row_per_finding_with_csv_findings() -> None:
    run = golden_run("fr")
    rows = _rows(run, findings=True)
    assert len(rows) == sum(len(c["findings"]) for c in run["scorecards"])
    waived = [r for r in rows if r["waived"] == "true"]
    assert [r["rule"] for r in waived] == ["code-of-conduct-present"]
    located = next(r for r in rows if r["rule"] == "publiccode-yml-valid" and r["path"])
    assert located["path"] == "publiccode.yml" and located["line"].isdigit()
    assert any("Déclarez" in r["remediation"] for r in rows)  # French texts
