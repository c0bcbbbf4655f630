"""CSV for spreadsheets: one row per scorecard, or (``--csv-findings``) one per finding.

A cell a spreadsheet would read as a formula (``=``, ``+``, ``-``, ``@``, tab, CR or NUL first)
gets a leading ``'`` (OWASP ASVS 5.0, 1.2.10): quoting alone does not stop formulas. Repository
text is also made one line and visible (:func:`~scanner.reporters.base.visible`).
"""

from __future__ import annotations

import csv
import io
import typing as t

from scanner.reporters.base import Reporter, ReportOptions, display_name, one_pass, visible
from scanner.scoring import CATEGORY_WEIGHTS

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\0")


def cell(value: t.Any) -> str:
    """A value as a CSV cell no spreadsheet will execute."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)  # our own numbers: never negative, never a formula
    text = visible(str(value))
    return "'" + text if text.startswith(_FORMULA_START) else text


def _startup_columns(card: dict[str, t.Any]) -> list[t.Any]:
    startup = card.get("startup") or {}
    incubator = startup.get("incubator") or {}
    return [incubator.get("id"), incubator.get("title"), startup.get("id"), startup.get("name"),
            startup.get("phase")]


_STARTUP_HEADER = ["incubator_id", "incubator", "startup_id", "startup", "phase"]


def _repository_rows(run: dict[str, t.Any]) -> t.Iterator[list[t.Any]]:
    yield (["repository", "kind", "url", "status", "error", "score", "grade",
            *(f"{c}_score" for c in CATEGORY_WEIGHTS), "failing", "to_review", "waived",
            "archived", "topics", *_STARTUP_HEADER])
    for card in run["scorecards"]:
        findings = card["findings"]
        repository = card["repository"]
        yield [display_name(card), card.get("kind", "repository"), repository.get("url"),
               card["status"], card["error"], card["score"], card["grade"],
               *(card["categories"].get(c, {}).get("score") for c in CATEGORY_WEIGHTS),
               " ".join(f["rule"] for f in findings if f["status"] == "fail" and not f["waiver"]),
               " ".join(f["rule"] for f in findings if f["status"] == "review" and not f["waiver"]),
               " ".join(f["rule"] for f in findings if f["waiver"]),
               repository.get("archived"), " ".join(map(str, repository.get("topics") or [])),
               *_startup_columns(card)]


def _finding_rows(run: dict[str, t.Any]) -> t.Iterator[list[t.Any]]:
    yield (["repository", "kind", "score", "grade", "rule", "category", "severity", "status",
            "waived", "message", "path", "line", "remediation", *_STARTUP_HEADER])
    for card in run["scorecards"]:
        for finding in card["findings"]:
            place: dict[str, t.Any] = next(
                (e for e in finding["evidence"] if e.get("path")), {})
            yield [display_name(card), card.get("kind", "repository"), card["score"], card["grade"],
                   finding["rule"], finding["category"], finding["severity"], finding["status"],
                   bool(finding["waiver"]), finding["message"], place.get("path"), place.get("line"),
                   finding["remediation"], *_startup_columns(card)]


class CsvReporter(Reporter):
    name = "csv"
    extension = "csv"
    media_type = "text/csv"
    help = ("one row per repository (with --csv-findings, one per finding) for spreadsheets; "
            "formulas neutralised")

    @one_pass()
    def render(self, run: dict[str, t.Any], *, color: bool = False,
               options: ReportOptions | None = None) -> str:
        rows = _finding_rows(run) if options and options.csv_findings else _repository_rows(run)
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        for values in rows:
            writer.writerow([cell(v) for v in values])
        return out.getvalue()
