"""Reporters render the run document; hostile repository text cannot spoof any of them."""

from __future__ import annotations

import json
import typing as t

import pytest

from scanner.reporters import REPORTER_BY_NAME
from scanner.reporters.base import visible
from scanner.reporters.markdown import escape

HOSTILE = "evil|name`x`\n<details>![x](http://tracker) \u202etxt.exe\u200b"


def _run(name: str = "betagouv/demo", message: str = "No licence file.") -> dict[str, t.Any]:
    texts = {"title": "Licence file present", "message": message, "remediation": "Add LICENSE."}
    finding = {"rule": "licence-file-present", "category": "licensing", "severity": "error",
               "status": "fail", "weight": 10, "lifecycle": "stable", "effort": "low",
               **texts, "evidence": [{"pointer": "/licence/files", "path": "LICENSE"}],
               "waiver": None, "fix": None, "i18n": {"en": texts, "fr": texts}}
    card = {"repository": {"name": name, "full_name": name, "url": None}, "status": "ok",
            "error": None, "scanned_at": "2026-01-01T00:00:00+00:00", "score": 42.0,
            "grade": "D", "categories": {"licensing": {"score": 0.0, "grade": "E"}},
            "findings": [finding], "expired_waivers": [], "notices": [], "problems": []}
    return {"schema_version": "1", "civiscan_version": "0", "language": "en",
            "started_at": "", "finished_at": "", "targets": [name],
            "ruleset": {"name": "x", "version": "0", "digest": "d", "rules": 1},
            "rules": {}, "scorecards": [card, {**card, "status": "error", "error": "HTTP 404",
                                               "findings": [], "score": None, "grade": None}],
            "summary": {"repositories": 2, "scanned": 1, "errors": 1, "mean_score": 42.0,
                        "grades": {"D": 1}}}


@pytest.mark.parametrize("name", sorted(set(REPORTER_BY_NAME) - {"badge", "codequality"}))
def test_every_reporter_renders_findings_and_errors(name: str) -> None:
    out = REPORTER_BY_NAME[name].render(_run())
    assert "licence-file-present" in out and "HTTP 404" in out


def test_code_scanning_and_badges_render_findings_and_errors() -> None:
    """Code Quality lists findings only (an unscanned repository has none); badges grade."""
    assert "licence-file-present" in REPORTER_BY_NAME["codequality"].render(_run())
    files = REPORTER_BY_NAME["badge"].render_files(_run())
    assert '"D 42/100"' in files["betagouv__demo.json"]
    assert '"error"' in files["betagouv__demo-2.json"]  # the same name twice: two files


def test_json_output_is_strict_even_with_nan_and_lone_surrogates() -> None:
    run = _run(name="bad\ud800name")
    run["scorecards"][0]["score"] = float("nan")
    out = REPORTER_BY_NAME["json"].render(run)
    out.encode("utf-8")
    parsed = json.loads(out, parse_constant=lambda c: pytest.fail(f"non-strict JSON: {c}"))
    assert parsed["scorecards"][0]["score"] is None
    assert parsed["scorecards"][0]["repository"]["name"] == "bad\\ud800name"


def test_text_shows_spoofing_characters_visibly() -> None:
    out = REPORTER_BY_NAME["text"].render(_run(name=HOSTILE))
    assert "\u202e" not in out and "\\u202e" in out and "\\u200b" in out


def test_markdown_cannot_be_spoofed() -> None:
    out = REPORTER_BY_NAME["markdown"].render(_run(name=HOSTILE, message=HOSTILE))
    assert "<details>" not in out and "![x](" not in out and "\u202e" not in out
    heading = next(line for line in out.splitlines() if line.startswith("### evil"))
    assert "\\|" in heading and "\\`" in heading
    # the hostile newline did not start a new line: every row has its table's columns
    tables = [block.splitlines() for block in out.split("\n\n") if block.startswith("|")]
    assert len(tables) >= 2
    for rows in tables:
        assert len({row.count("|") - row.count("\\|") for row in rows}) == 1, rows


def test_markdown_escape() -> None:
    assert escape("a|b") == "a\\|b"
    assert escape("line\nbreak") == "line break"


@pytest.mark.parametrize("name", ["text", "markdown"])
def test_most_severe_findings_come_first(name: str) -> None:
    run = _run()
    info = dict(run["scorecards"][0]["findings"][0], rule="aaa-info-rule", severity="info")
    run["scorecards"][0]["findings"].insert(0, info)
    out = REPORTER_BY_NAME[name].render(run)
    assert out.index("licence-file-present") < out.index("aaa-info-rule")


@pytest.mark.parametrize(("raw", "shown"), [
    ("::add-mask::x", "\\::add-mask::x"),
    ("  \u00a0::error::x", "  \u00a0\\::error::x"),  # the runner trims blanks before "::"
    ("a ##[add-mask]b ###[error]c", "a ##\\[add-mask]b ###\\[error]c"),
    ("\x1b[2J\x9b31m\u202e\u2028\u200b\U000e0041", "\\u001b[2J\\u009b31m\\u202e\\u2028\\u200b"
                                                   "\\U000e0041"),
    ("std::vector a::b", "std::vector a::b"),
])
def test_visible_breaks_workflow_commands_and_controls(raw: str, shown: str) -> None:
    assert visible(raw) == shown


def test_json_escapes_controls_and_legacy_commands_yet_reads_back_the_same() -> None:
    hostile = "::add-mask::x ##[add-mask]y \x1b[2J \x9b \u202e \u2028 \U000e0041 é"
    run = _run(name=hostile, message=hostile)
    out = REPORTER_BY_NAME["json"].render(run)
    assert "##[" not in out and "\x9b" not in out and "\u2028" not in out and "é" in out
    assert "\\u009b" in out and "##\\u005b" in out and "\\udb40\\udc41" in out
    assert json.loads(out) == json.loads(json.dumps(run))
