"""``--format``/``--output`` pairing, ``civiscan report`` (render, merge, diff) and ``--history``."""

from __future__ import annotations

import copy
import csv
import io
import json
import typing as t
from pathlib import Path

import pytest

from scanner.reporters.base import to_json
from tests.conftest import RunCli
from tests.support import COMPLIANT, GOLDEN, golden_run

SCAN = ("scan", str(COMPLIANT), "--fail-on", "never")


def _write(path: Path, run: dict[str, t.Any]) -> Path:
    path.write_text(to_json(run) + "\n", "utf-8")
    return path


# --format and --output ---------------------------------------------------------------------


def test_output_alone_says_its_format_by_extension(run_cli: RunCli, tmp_path: Path) -> None:
    run_cli(*SCAN, "-o", str(tmp_path / "run.json"))
    assert json.loads((tmp_path / "run.json").read_text())["scorecards"]
    run_cli(*SCAN, "-o", str(tmp_path / "r.html"), "-o", str(tmp_path / "r.sarif"),
            "-o", str(tmp_path / "r.out"))
    assert (tmp_path / "r.html").read_text().startswith("<!DOCTYPE html>")
    assert json.loads((tmp_path / "r.sarif").read_text())["version"] == "2.1.0"
    assert "compliant" in (tmp_path / "r.out").read_text()  # unknown extension: text


def test_each_format_takes_its_own_output_in_order(run_cli: RunCli, tmp_path: Path) -> None:
    html, sarif, stored = tmp_path / "report.html", tmp_path / "scan.sarif", tmp_path / "run.json"
    result = run_cli(*SCAN, "--format", f"html:{html}", "--format", "sarif", "--format", "csv",
                     "-o", str(sarif))
    assert html.read_text().startswith("<!DOCTYPE html>")
    assert json.loads(sarif.read_text())["runs"][0]["tool"]["driver"]["name"] == "civiscan"
    rows = list(csv.DictReader(io.StringIO(result.stdout)))  # no output left for it: stdout
    assert rows[0]["repository"] == "compliant" and rows[0]["grade"] == "A"
    sarif.unlink()
    run_cli(*SCAN, "--format", "sarif", "-o", str(sarif), "-o", str(stored))
    assert json.loads(sarif.read_text())["version"] == "2.1.0"
    assert json.loads(stored.read_text())["scorecards"]  # left over: JSON, by its extension


@pytest.mark.parametrize(("args", "message"), [
    (("--format", "json", "--format", "html"), "only one report can go to stdout"),
    (("--format", "badge"), "badge writes a folder"),
    (("--format", "html:"), "no path after"),
    (("--format", "json:x.json", "--format", "html:x.json"), "same file"),
    (("--format", "xml:x.xml"), "unknown format"),
])
def test_bad_pairings_are_usage_errors(run_cli: RunCli, tmp_path: Path, args: tuple[str, ...],
                                       message: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_cli(*SCAN, *args, expect=2)
    assert message in result.stderr and result.stdout == ""
    assert list(tmp_path.iterdir()) == []  # refused before anything was written


def test_pairing_errors_speak_french(run_cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    result = run_cli(*SCAN, "--format", "json", "--format", "text", expect=2)
    assert "un seul rapport peut aller sur la sortie standard" in result.stderr


def test_badges_go_to_a_folder_and_a_file_is_refused(run_cli: RunCli, tmp_path: Path) -> None:
    run_cli(*SCAN, "--format", f"badge:{tmp_path / 'badges'}")
    assert sorted(p.name for p in (tmp_path / "badges").iterdir()) == ["compliant.json",
                                                                       "compliant.svg"]
    (tmp_path / "file").write_text("x")
    result = run_cli(*SCAN, "--format", f"badge:{tmp_path / 'file'}", expect=3)
    assert "not a folder" in result.stderr


def test_quiet_writes_files_only(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli(*SCAN, "--quiet", "--format", "text", "--format", f"csv:{tmp_path / 'r.csv'}")
    assert result.stdout == "" and (tmp_path / "r.csv").read_text().startswith("repository,")


# report render ------------------------------------------------------------------------------


def test_report_re_renders_a_stored_run_in_another_language(run_cli: RunCli,
                                                            tmp_path: Path) -> None:
    stored = _write(tmp_path / "run.json", golden_run("en"))
    french = run_cli("report", str(stored), "--format", "markdown", "--lang", "fr").stdout
    assert "Vue d'ensemble" in french and "Règles le plus souvent en échec" in french
    assert "Aucun fichier de licence" in french  # findings re-localised from their i18n
    english = run_cli("report", "render", str(stored)).stdout  # explicit subcommand, text
    assert "Organisation roll-up" in english and "No licence file" in english
    html = tmp_path / "r.html"
    run_cli("report", str(stored), "-o", str(html))
    assert 'lang="en"' in html.read_text()


def test_report_of_several_runs_joins_them(run_cli: RunCli, tmp_path: Path) -> None:
    first, second = _shards(golden_run())
    a, b = _write(tmp_path / "a.json", first), _write(tmp_path / "b.json", second)
    result = run_cli("report", str(a), str(b), "--format", "json")
    merged = json.loads(result.stdout)
    assert len(merged["scorecards"]) == len(golden_run()["scorecards"])


@pytest.mark.parametrize(("content", "message"), [
    (b"{not json", "not a JSON run document"),
    (b'{"hello": 1}', "not a civiscan run document"),
    (b'{"schema_version": "9", "scorecards": []}', "schema_version '9'"),
    (b'{"schema_version": "1", "scorecards": [{}]}', "invalid run document"),
])
def test_a_bad_run_document_is_a_usage_error_naming_the_file(
        run_cli: RunCli, tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    result = run_cli("report", str(path), expect=2)
    assert str(path) in result.stderr and message in result.stderr
    assert "Traceback" not in result.stderr
    missing = run_cli("report", str(tmp_path / "missing.json"), expect=2)
    assert "missing.json" in missing.stderr


# report merge -------------------------------------------------------------------------------


def _shards(run: dict[str, t.Any]) -> tuple[dict[str, t.Any], dict[str, t.Any]]:
    cards = run["scorecards"]
    first, second = copy.deepcopy(run), copy.deepcopy(run)
    first["scorecards"], second["scorecards"] = cards[:4], cards[4:]
    first["targets"], second["targets"] = ["github:a"], ["github:b"]
    second["finished_at"] = "2026-11-30T11:00:00+00:00"
    return first, second


def test_merge_joins_shards_and_recomputes_the_summary(run_cli: RunCli, tmp_path: Path) -> None:
    run = golden_run()
    first, second = _shards(run)
    a, b = _write(tmp_path / "a.json", first), _write(tmp_path / "b.json", second)
    out = tmp_path / "run.json"
    run_cli("report", "merge", str(a), str(b), "-o", str(out))
    merged = json.loads(out.read_text())
    assert [c["repository"]["full_name"] for c in merged["scorecards"]] == [
        c["repository"]["full_name"] for c in run["scorecards"]]
    assert merged["targets"] == ["github:a", "github:b"] and merged["shards"] == 2
    assert merged["finished_at"] == "2026-11-30T11:00:00+00:00"
    for key in ("repositories", "scanned", "errors", "mean_score", "grades"):
        assert merged["summary"][key] == run["summary"][key]
    assert merged["summary"]["startups"]["declared"] == 2 * run["summary"]["startups"]["declared"]
    run_cli("report", str(out), "--format", "html", "-o", str(tmp_path / "r.html"))


def test_a_repository_in_two_shards_keeps_its_latest_card(run_cli: RunCli,
                                                          tmp_path: Path) -> None:
    run = golden_run()
    later = copy.deepcopy(run)
    for card in later["scorecards"]:
        card["scanned_at"] = "2026-12-01T00:00:00+00:00"
        if card["score"] is not None:
            card["score"] = 1.0
    a, b = _write(tmp_path / "a.json", run), _write(tmp_path / "b.json", later)
    merged = json.loads(run_cli("report", "merge", str(b), str(a)).stdout)
    assert len(merged["scorecards"]) == len(run["scorecards"])
    assert {c["score"] for c in merged["scorecards"]} == {1.0, None}


@pytest.mark.parametrize(("field", "value", "message"), [
    ("civiscan_version", "9.9.9", "must come from the same civiscan"),
    ("digest", "0000000000000000", "must use the same rules"),
])
def test_merge_refuses_shards_of_other_versions_or_rules(
        run_cli: RunCli, tmp_path: Path, field: str, value: str, message: str) -> None:
    first, second = _shards(golden_run())
    for card in second["scorecards"][:1]:  # one scorecard is enough
        if field == "digest":
            card["ruleset"]["digest"] = value
        else:
            card[field] = value
    a, b = _write(tmp_path / "a.json", first), _write(tmp_path / "b.json", second)
    out = tmp_path / "run.json"
    result = run_cli("report", "merge", str(a), str(b), "-o", str(out), expect=2)
    assert message in result.stderr and str(b) in result.stderr and value in result.stderr
    assert not out.exists()


# report diff --------------------------------------------------------------------------------


def test_diff_says_what_regressed_and_fails_on_it_when_asked(run_cli: RunCli,
                                                             tmp_path: Path) -> None:
    from tests.golden.test_golden import changed_run

    before, after = changed_run()
    old, new = _write(tmp_path / "old.json", before), _write(tmp_path / "new.json", after)
    result = run_cli("report", "diff", str(old), str(new))
    assert "Regressed (2)" in result.stdout and "readme-present: pass → fail" in result.stdout
    run_cli("report", "diff", str(old), str(new), "--fail-on-regression", expect=1)
    same = run_cli("report", "diff", str(old), str(old), "--fail-on-regression", "--lang", "fr")
    assert "Aucun changement." in same.stdout
    document = json.loads(run_cli("report", "diff", str(old), str(new), "--format",
                                  "json").stdout)
    assert document["regressions"] == 2 and document["added"] == ["betagouv/new"]
    improved = run_cli("report", "diff", str(new), str(old), "--fail-on-regression", expect=1)
    assert "Improved" in improved.stdout  # the fixed rule, seen the other way round


# --history ----------------------------------------------------------------------------------


def test_history_keeps_each_run_and_shows_trends(run_cli: RunCli, tmp_path: Path) -> None:
    folder = tmp_path / "history"
    for old in sorted((GOLDEN / "history").iterdir()):
        folder.mkdir(exist_ok=True)
        (folder / old.name).write_bytes(old.read_bytes())
    stored = _write(tmp_path / "run.json", golden_run())
    result = run_cli("report", str(stored), "--history", str(folder), "--format", "markdown")
    assert "### Trend" in result.stdout
    assert "| 2026-10-31T10:05:00+00:00 | 5 | 52.6 |" in result.stdout
    assert len(list(folder.glob("run-*.json"))) == 3
    run_cli("report", str(stored), "--history", str(folder), "--format", "markdown")
    assert len(list(folder.glob("run-*.json"))) == 3  # the same run is not kept twice
    run_cli(*SCAN, "--history", str(folder), "-o", str(tmp_path / "a.json"))
    run_cli(*SCAN, "--history", str(folder), "-o", str(tmp_path / "b.json"), "--lang", "fr")
    # two scans (even in the same second) are two files; a byte-identical run would be one
    assert len(list(folder.glob("run-*.json"))) == 5


def test_a_bad_history_file_costs_that_file_only(run_cli: RunCli, tmp_path: Path) -> None:
    folder = tmp_path / "history"
    folder.mkdir()
    (folder / "run-2026-01-01T000000Z.json").write_text("{broken")
    (folder / "run-2026-01-02T000000Z.json").write_text('{"scorecards": 3}')
    result = run_cli(*SCAN, "--history", str(folder), "--format", "markdown")
    assert result.stderr.count("left out of the trends") == 2
    assert "run-2026-01-01T000000Z.json" in result.stderr
    file = tmp_path / "file"
    file.write_text("x")
    refused = run_cli(*SCAN, "--history", str(file), expect=2)
    assert "--history needs a folder" in refused.stderr


def test_formats_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from scanner.cli import cli

    out = tmp_path / "run.json"
    monkeypatch.setenv("CIVISCAN_SCAN_FORMAT", f"csv json:{out}")
    result = CliRunner().invoke(cli, list(SCAN), auto_envvar_prefix="CIVISCAN",
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("repository,") and json.loads(out.read_text())["scorecards"]
