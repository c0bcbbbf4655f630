"""Repository text cannot drive a CI log or a terminal through any civiscan output.

A GitHub runner obeys ``::command::`` at the start of a line (after blanks) and the legacy
``##[command]`` anywhere in a line; a terminal obeys ESC and CSI (U+009B) sequences; bidi and
line-separator characters spoof what a reader sees. The repositories below put all of them in
their folder name, remote URL, README, publiccode.yml keys and values, a symlink's name and a
waiver's justification; every command and format is run on them.
"""

from __future__ import annotations

import json
import os
import re
import typing as t
from pathlib import Path

import pytest

from tests.conftest import RunCli
from tests.support import git

HOSTILE = "::add-mask::x ##[add-mask]y \x1b[2J \x9b31m \u202egnp.exe \u2028::error::z \u200b"
#: A workflow command at a line start, or the legacy form anywhere.
_COMMAND = re.compile(r"^\s*::|##\[")
#: A raw control, bidi, zero-width or line-separator character (tab and newline are fine).
_RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]")


def _build(root: Path) -> Path:
    root.mkdir()
    (root / "README.md").write_text(f"# {HOSTILE}\n\n{HOSTILE}\n\n##[set-output name=x]y\n")
    (root / "publiccode.yml").write_text(json.dumps({
        "publiccodeYmlVersion": "0.4", "name": HOSTILE, HOSTILE: HOSTILE,
        "legal": {"license": HOSTILE}}))
    (root / ".civiscan.yml").write_text(json.dumps({"waivers": [{
        "rule": "licence-file-present", "justification": HOSTILE, "approved_by": HOSTILE,
        "expires": "2999-01-01"}]}))
    # Named like an API description, so civiscan needs it; it escapes: its name is reported.
    os.symlink("/etc/passwd", root / f"{HOSTILE}.openapi.yaml")
    return root


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """A plain folder named with the hostile text, and a checkout whose remote carries it."""
    base = tmp_path_factory.mktemp("hostile")
    folder = _build(base / HOSTILE)
    checkout = _build(base / "checkout")
    git(checkout, "init", "-q", "-b", "main")
    git(checkout, "remote", "add", "origin",
        "https://github.com/::add-mask::o/r##[add-mask]x\x1b[2J\u202e")
    return [folder, checkout]


def _assert_inert(output: str, where: str) -> None:
    for line in output.split("\n"):
        assert not _COMMAND.search(line), f"{where}: workflow command in {line!r}"
        assert not _RAW.search(line), f"{where}: raw control character in {line!r}"


def _strings(value: t.Any) -> t.Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


@pytest.mark.parametrize(("fmt", "lang"), [("text", "en"), ("text", "fr"), ("markdown", "fr"),
                                            ("json", "en"), ("html", "fr"), ("sarif", "en"),
                                            ("codequality", "en"), ("csv", "fr")])
def test_every_report_is_inert(run_cli: RunCli, hostile: list[Path], fmt: str, lang: str,
                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("scanner.progress.PLAIN_INTERVAL", 0.0)  # a progress line per repository
    result = run_cli("scan", *map(str, hostile), "--format", fmt, "--lang", lang,
                     "--include-facts", "--fail-on", "never")
    _assert_inert(result.stdout, f"scan --format {fmt}")
    _assert_inert(result.stderr, "progress line")
    assert "add-mask" in result.stdout and result.stderr.count("\n") == 2  # shown, as text
    if fmt in ("text", "json"):  # the escaping link's name is reported (notices)
        assert "escapes the repository" in result.stdout
    if fmt == "json":  # escaped in the file, and still the very same strings once read back
        run = json.loads(result.stdout)
        names = [c["repository"]["name"] for c in run["scorecards"]]
        assert names[0] == HOSTILE
        assert HOSTILE in {*_strings(run["scorecards"][0]["facts"]["publiccode"])}
        assert "\\u009b" in result.stdout and "##\\u005b" in result.stdout


def test_facts_fix_and_errors_are_inert(run_cli: RunCli, hostile: list[Path],
                                        tmp_path: Path) -> None:
    for root in hostile:
        facts = run_cli("facts", str(root))
        _assert_inert(facts.stdout + facts.stderr, "facts")
        assert json.loads(facts.stdout)["repository"]["full_name"].startswith("::add-mask::")
        fix = run_cli("fix", str(root), "--dry-run", "--lang", "en", "--licence", "MIT",
                      "--copyright-holder", "DINUM")
        _assert_inert(fix.stdout + fix.stderr, "fix --dry-run")
        assert "would write CONTRIBUTING.md" in fix.stdout
        # A name holding control characters names nothing (the remote's is cut short by the
        # remote parser, the folder's is refused): the files say TODO instead.
        (heading,) = [line for line in fix.stdout.splitlines() if "# Contributing to" in line]
        assert heading in ("+# Contributing to TODO", "+# Contributing to r")
    missing = run_cli("scan", str(hostile[0] / HOSTILE), expect=2)
    _assert_inert(missing.stdout + missing.stderr, "error message")
    config = tmp_path / "config.yml"
    config.write_text(json.dumps({"fail_under": HOSTILE, "language": HOSTILE}))
    invalid = run_cli("scan", str(hostile[0]), "--config", str(config), expect=2)
    _assert_inert(invalid.stdout + invalid.stderr, "configuration error")
    assert "add-mask" in invalid.stderr


def test_log_records_and_tracebacks_are_inert(run_cli: RunCli, hostile: list[Path],
                                              monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    import logging

    from scanner.cli import NeutralisingFilter, _neutralised_traceback

    def boom(*args: t.Any) -> t.NoReturn:
        raise RuntimeError(HOSTILE)

    try:
        boom()
    except RuntimeError as exc:
        record = logging.LogRecord("scanner", logging.DEBUG, __file__, 1, "scan of %s failed",
                                   (HOSTILE,), (RuntimeError, exc, exc.__traceback__))
        _neutralised_traceback(RuntimeError, exc, exc.__traceback__)
    assert NeutralisingFilter().filter(record)
    _assert_inert(logging.Formatter().format(record), "log record")
    _assert_inert(capsys.readouterr().err, "traceback")
    monkeypatch.setattr("scanner.run.build_facts", boom)
    result = run_cli("scan", str(hostile[0]), expect=3)
    _assert_inert(result.stdout + result.stderr, "internal error")
    assert "RuntimeError" in result.stdout
