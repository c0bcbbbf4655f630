"""What the command line promises, held every time: ``--debug`` changes no exit code and floods
nothing, the environment variables are the README's, ``rules validate`` checks what ``--rules``
loads, exit 1 says why, the score compared is the score shown, ``-o run.json`` is JSON, a target
named twice is scanned once, and a checkout's folder is scanned as part of that checkout."""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
import sys
import typing as t
from pathlib import Path

import click
import pytest

from scanner.cli import cli
from scanner.run import exit_explanation, exit_reason
from tests.conftest import RunCli
from tests.support import COMPLIANT, REPO_ROOT, git

README = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
RULE = (REPO_ROOT / "rules" / "hygiene" / "security-policy-present.yaml").read_text()


def _civiscan(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The real entry point in a process of its own: the real logging set-up and tracebacks."""
    environment = {**os.environ, "PYTHONPATH": str(REPO_ROOT), **(env or {})}
    return subprocess.run([sys.executable, "-m", "scanner", *args], cwd=cwd, env=environment,
                          capture_output=True, text=True, timeout=120, check=False)


@pytest.fixture
def bare(tmp_path: Path) -> Path:
    """A plain folder with a README and no licence: it fails rules and scores low."""
    root = tmp_path / "bare"
    root.mkdir()
    (root / "README.md").write_text("# Outil\n\n## Installation\n\nUn service.\n\n- a\n- b\n")
    return root


# --debug ----------------------------------------------------------------------------------------

def test_debug_never_changes_the_exit_code(run_cli: RunCli, tmp_path: Path, bare: Path) -> None:
    cases = [(["scan", "/does/not/exist"], 2),                    # usage: no such target
             (["scan", str(bare)], 1),                            # findings
             (["scan", str(bare), "--fail-on", "never"], 0),
             (["scan", str(bare), "-o", str(tmp_path / "none" / "x")], 3),  # cannot write
             (["facts", "github:"], 2)]
    for args, code in cases:
        run_cli(*args, expect=code)
        run_cli(*args, "--debug", expect=code)
    # The real entry point, logging set-up and traceback printing:
    usage = _civiscan("scan", "/does/not/exist", "--debug", cwd=tmp_path)
    assert usage.returncode == 2
    assert "Traceback" in usage.stderr and "TargetError" in usage.stderr
    assert usage.stderr.splitlines()[-1] == "Error: '/does/not/exist': no such file or directory"


def test_debug_shows_civiscans_own_lines_only(tmp_path: Path) -> None:
    """markdown-it logs every block rule it tries (hundreds of lines a README) at DEBUG."""
    root = tmp_path / "repo"
    shutil.copytree(COMPLIANT, root)
    debug = _civiscan("scan", str(root), "--debug", "--fail-on", "never", cwd=tmp_path)
    assert debug.returncode == 0, debug.stderr[-2000:]
    lines = debug.stderr.splitlines()
    assert not [line for line in lines if "entering " in line or "StateBlock" in line]
    assert len(lines) < 40, lines[:40]


# Environment variables -------------------------------------------------------------------------

def _option_named(var: str, group: click.Group = cli, prefix: str = "CIVISCAN"
                  ) -> tuple[list[str], click.Option] | None:
    """The command path and option an environment variable sets, if any."""
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            found = _option_named(var, command, f"{prefix}_{name.upper()}")
            if found:
                return [name, *found[0]], found[1]
        for param in command.params:
            if isinstance(param, click.Option) and param.envvar == var:
                return [name], param
    return None


def _sample(param: click.Option, tmp_path: Path) -> tuple[str, t.Any]:
    """A valid value for ``param`` as an environment variable, and what it becomes (a
    repeatable option: two values, split on ``:`` for paths, on spaces otherwise)."""
    kind = param.type
    if param.is_flag:
        return "1", True
    raw: str
    value: t.Any
    if isinstance(kind, click.Choice):
        raw = value = str(kind.choices[-1])
    elif isinstance(kind, click.FloatRange):
        raw, value = "42.5", 42.5
    elif isinstance(kind, click.IntRange):
        raw, value = "7", 7
    elif isinstance(kind, click.Path):
        folder = tmp_path / "folder"
        folder.mkdir(exist_ok=True)
        value = folder
        if not kind.dir_okay:
            value = tmp_path / "file.yml"
            value.write_text("version: 1\n")
        raw = str(value)
    else:
        raw = value = "value"
    if not param.multiple:
        return raw, value
    separator = os.pathsep if isinstance(kind, click.Path) else " "
    return f"{raw}{separator}{raw}", (value, value)


def test_every_option_reads_its_documented_environment_variable(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """``CIVISCAN_<COMMAND>_<OPTION>``, after the option as typed (``--format``), for every
    option of every command; Click's own names after Python names (``..._FMT``) are not read."""
    checked = 0
    for path, command in [(["scan"], cli.commands["scan"]), (["facts"], cli.commands["facts"]),
                          (["fix"], cli.commands["fix"]),
                          *[(["rules", n], c) for n, c in
                            t.cast(click.Group, cli.commands["rules"]).commands.items()]]:
        for param in command.params:
            if not isinstance(param, click.Option):
                continue
            long = next(o for o in param.opts if o.startswith("--"))
            var = "_".join(["CIVISCAN", *path, long[2:]]).upper().replace("-", "_")
            assert param.envvar == var, (path, long)
            raw, expected = _sample(param, tmp_path)
            monkeypatch.setenv(var, raw)
            args = ["x"] if path == ["rules", "show"] else []
            ctx = command.make_context(" ".join(path), list(args))
            assert ctx.params[t.cast(str, param.name)] == expected, var
            monkeypatch.delenv(var)
            checked += 1
    assert checked > 30
    monkeypatch.setenv("CIVISCAN_SCAN_FMT", "json")  # not a name the README gives --format
    assert cli.commands["scan"].make_context("scan", []).params["format"] == ()


def test_the_environment_variables_the_readme_names_work(run_cli: RunCli, bare: Path, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """Each ``CIVISCAN_*`` the README names: an option's variable reaches that option (above)
    and, for those it shows, does what it says end to end; the others are checked one by one."""
    named = set(re.findall(r"\bCIVISCAN_[A-Z][A-Z_]*[A-Z]\b", README))
    rules, more = tmp_path / "extra", tmp_path / "more"
    for folder, rule in ((rules, "my-rule"), (more, "my-other-rule")):
        folder.mkdir()
        (folder / f"{rule}.yaml").write_text(RULE.replace("id: security-policy-present",
                                                          f"id: {rule}"))
    config = tmp_path / "trusted.yml"
    config.write_text("version: 1\nfail_under: 99\n")
    cache = tmp_path / "cache"

    def scan(**env: str) -> t.Any:
        for var, value in env.items():
            monkeypatch.setenv(var, value)
        try:
            return run_cli("scan", str(bare), expect=None)
        finally:
            for var in env:
                monkeypatch.delenv(var)

    def corpus() -> bool:
        return "CIVISCAN_CORPUS" in (REPO_ROOT / "tests" / "support.py").read_text()

    def cache_dir() -> bool:
        from scanner.sources.cache import default_cache_dir

        monkeypatch.setenv("CIVISCAN_CACHE_DIR", str(cache))
        try:
            return default_cache_dir() == cache
        finally:
            monkeypatch.delenv("CIVISCAN_CACHE_DIR")

    behaviours: dict[str, t.Callable[[], bool]] = {
        "CIVISCAN_SCAN_FORMAT": lambda: json.loads(scan(CIVISCAN_SCAN_FORMAT="json").stdout)[
            "scorecards"][0]["status"] == "ok",
        "CIVISCAN_SCAN_OUTPUT": lambda: scan(CIVISCAN_SCAN_OUTPUT=str(tmp_path / "out.json"),
                                             CIVISCAN_SCAN_FAIL_ON="never").exit_code == 0
        and json.loads((tmp_path / "out.json").read_text())["scorecards"] != [],
        "CIVISCAN_SCAN_FAIL_UNDER": lambda: scan(CIVISCAN_SCAN_FAIL_UNDER="80",
                                                 CIVISCAN_SCAN_FAIL_ON="never").exit_code == 1,
        "CIVISCAN_SCAN_FAIL_ON": lambda: scan(CIVISCAN_SCAN_FAIL_ON="never").exit_code == 0,
        "CIVISCAN_SCAN_LANG": lambda: "À corriger" in scan(CIVISCAN_SCAN_LANG="fr").stdout,
        "CIVISCAN_SCAN_RULES": lambda: {"my-rule", "my-other-rule"} <= set(json.loads(scan(
            CIVISCAN_SCAN_RULES=f"{rules}{os.pathsep}{more}",
            CIVISCAN_SCAN_FORMAT="json").stdout)["rules"]),
        "CIVISCAN_RULES_LIST_LANG": lambda: "fichier de licence" in run_cli_env(
            "CIVISCAN_RULES_LIST_LANG", "fr", "rules", "list").lower(),
        "CIVISCAN_CONFIG": lambda: scan(CIVISCAN_CONFIG=str(config),
                                        CIVISCAN_SCAN_FAIL_ON="never").exit_code == 1,
        "CIVISCAN_CACHE_DIR": cache_dir,
        "CIVISCAN_LANG": lambda: "À corriger" in scan(CIVISCAN_LANG="fr").stdout,
        "CIVISCAN_CORPUS": corpus,
        "CIVISCAN_UPDATE_GOLDEN": lambda: '"CIVISCAN_UPDATE_GOLDEN"' in (
            REPO_ROOT / "tests" / "golden" / "test_golden.py").read_text(),
    }

    def run_cli_env(var: str, value: str, *args: str) -> str:
        monkeypatch.setenv(var, value)
        try:
            return run_cli(*args).stdout
        finally:
            monkeypatch.delenv(var)

    assert {"CIVISCAN_SCAN_FORMAT", "CIVISCAN_SCAN_RULES", "CIVISCAN_CONFIG"} <= named
    # The GitLab CI template's own variables are read by the template and the module it runs
    # (scanner/gitlab.py), not through Click: those count as read where that code names them.
    template = (REPO_ROOT / "templates" / "civiscan.gitlab-ci.yml").read_text()
    ci_module = (REPO_ROOT / "scanner" / "gitlab.py").read_text()
    named = {var for var in named
             if f"${var}" not in template and f'"{var}"' not in ci_module}
    for var in sorted(named):
        assert var in behaviours or _option_named(var) is not None, f"{var}: named, not read"
        if var in behaviours:
            assert behaviours[var](), var
    # Without them, the same scans behave otherwise (the checks above can fail).
    assert scan().stdout.lstrip()[:1] != "{" and scan().exit_code == 1
    assert scan(CIVISCAN_SCAN_FAIL_ON="never").exit_code == 0


# rules validate --------------------------------------------------------------------------------

def test_rules_validate_checks_files_in_the_folder_itself_and_id_clashes(run_cli: RunCli,
                                                                         tmp_path: Path) -> None:
    flat = tmp_path / "flat"
    flat.mkdir()
    (flat / "my-rule.yaml").write_text(RULE.replace("id: security-policy-present", "id: my-rule"))
    result = run_cli("rules", "validate", str(flat))
    assert "1 valid rule(s), 0 problem(s)" in result.stderr
    assert "my-rule" in run_cli("rules", "list", "--rules", str(flat)).stdout

    (flat / "security-policy-present.yaml").write_text(RULE)  # the bundled id, again
    (flat / "broken.yaml").write_text("id: broken\ncategory: [\n")
    result = run_cli("rules", "validate", str(flat), expect=2)  # README: invalid rule file is 2
    clash, = [line for line in result.stdout.splitlines() if "security-policy-present" in line]
    assert clash.startswith(f"{flat / 'security-policy-present.yaml'}:1: rule id")
    assert "(the bundled ruleset)" in clash
    assert f"{flat / 'broken.yaml'}:3:" in result.stdout  # end of input
    assert "1 valid rule(s), 2 problem(s)" in result.stderr
    assert run_cli("scan", str(tmp_path), "--rules", str(flat), expect=2).stderr.count("\n") >= 2


# Exit 1 says why; the score compared is the score shown ----------------------------------------

def _card(score: float | None, status: str = "ok", findings: list[dict[str, t.Any]] | None = None,
          name: str = "org/repo") -> dict[str, t.Any]:
    return {"repository": {"full_name": name}, "status": status, "score": score,
            "error": None if status == "ok" else "not found (404)", "findings": findings or []}


@pytest.mark.parametrize(("score", "fail_under", "code"), [
    (72.6, 73, 0), (72.5, 73, 1), (72.4, 73, 1), (73.5, 74, 0), (100.0, 100, 0), (0.0, 0, 0)])
def test_fail_under_compares_the_score_as_shown(score: float, fail_under: float, code: int) -> None:
    from scanner.reporters.text import TextReporter

    shown = int(f"{score:.0f}")
    assert (shown >= fail_under) == (code == 0)
    run = {"scorecards": [_card(score)]}
    assert exit_reason(run, fail_under=fail_under, fail_on="never")[0] == code
    assert f"{shown}/100" in TextReporter().render({**run, "scorecards": [
        {**_card(score), "grade": "C", "categories": {}, "findings": [], "notices": [],
         "problems": [], "proposed_waivers": [], "repository": {"name": "r", "full_name": "org/r"}}],
        "summary": {"repositories": 1, "scanned": 1, "errors": 0, "mean_score": score},
        "language": "en"})


def test_the_reason_names_the_repository_and_the_threshold() -> None:
    fail = {"rule": "licence-file-present", "status": "fail", "waiver": None,
            "lifecycle": "stable", "severity": "error"}
    run = {"scorecards": [_card(90.0, name="org/fine"), _card(61.4, findings=[fail]),
                          _card(40.0, findings=[fail], name="org/low")]}
    code, why = exit_explanation(run, fail_under=70, fail_on="never", language="en")
    assert (code, why) == (1, "exit 1: org/repo scores 61, under --fail-under 70 "
                              "(2 repositories fail the threshold)")
    code, why = exit_explanation(run, fail_under=None, fail_on="error", language="fr")
    assert why == ("code 1 : org/repo ne respecte pas licence-file-present (gravité erreur, "
                   "--fail-on error) (2 dépôts ne passent pas le seuil)")
    code, why = exit_explanation({"scorecards": [_card(None, status="error")]}, fail_under=None,
                                 fail_on="error", language="en")
    assert (code, why) == (3, "exit 3: no repository could be scanned")
    lone = {"scorecards": [_card(80.0), _card(None, status="error", name="org/gone")]}
    assert exit_explanation(lone, fail_under=None, fail_on="error", language="en")[1] == (
        "exit 1: org/gone could not be scanned (not found (404)): its compliance is unknown")
    assert exit_explanation({"scorecards": [_card(80.0)]}, fail_under=80, fail_on="error",
                            language="en") == (0, None)


def test_exit_1_ends_with_the_reason_and_a_shown_score_passes(run_cli: RunCli, bare: Path) -> None:
    text = run_cli("scan", str(bare), "--fail-on", "never").stdout
    shown = int(re.search(r"score (\d+)/100", text)[1])  # type: ignore[index]
    assert 0 < shown < 100
    run_cli("scan", str(bare), "--fail-on", "never", "--fail-under", str(shown))
    result = run_cli("scan", str(bare), "--fail-on", "never", "--fail-under", str(shown + 1),
                     expect=1)
    assert result.stderr.splitlines()[-1] == (f"exit 1: bare scores {shown}, under --fail-under "
                                              f"{shown + 1}")
    result = run_cli("scan", str(bare), "--lang", "fr", "--quiet", expect=1)
    assert result.stdout == ""
    assert result.stderr.splitlines()[-1].startswith("code 1 : bare ne respecte pas ")
    assert run_cli("scan", str(bare), "--fail-on", "never").stderr == ""


# Outputs ---------------------------------------------------------------------------------------

def test_the_output_extension_chooses_the_format(run_cli: RunCli, bare: Path, tmp_path: Path) -> None:
    for name, looks in (("run.json", "{"), ("RUN.JSON", "{"), ("run.md", "## "),
                        ("run.markdown", "## "), ("run.txt", "bare  "), ("run.out", "bare  ")):
        out = tmp_path / name
        run_cli("scan", str(bare), "-o", str(out), "--fail-on", "never")
        assert out.read_text().startswith(looks) or looks in out.read_text()[:200], name
        if looks == "{":
            assert json.loads(out.read_text())["scorecards"][0]["repository"]["name"] == "bare"
    run_cli("scan", str(bare), "-o", str(out), "--format", "json", "--fail-on", "never")
    assert json.loads(out.read_text())["scorecards"]  # --format wins over the extension


def test_a_new_report_gets_the_users_umask(run_cli: RunCli, bare: Path, tmp_path: Path) -> None:
    previous = os.umask(0o027)
    try:
        run_cli("scan", str(bare), "-o", str(tmp_path / "run.json"), "--fail-on", "never")
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "run.json").stat().st_mode) == 0o640


# Targets ---------------------------------------------------------------------------------------

def test_a_target_named_twice_is_scanned_once(run_cli: RunCli, bare: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(bare)
    run = json.loads(run_cli("scan", ".", str(bare), "./", f"{bare}/../bare", "--format", "json",
                             "--fail-on", "never").stdout)
    assert len(run["scorecards"]) == 1 and run["targets"] == [str(bare)]
    assert run["summary"]["repositories"] == 1


def test_a_checkout_folder_has_the_checkout_history_and_root_licence(run_cli: RunCli,
                                                                     tmp_path: Path) -> None:
    root = tmp_path / "mono"
    (root / "apps" / "web").mkdir(parents=True)
    (root / "apps" / "own").mkdir(parents=True)
    shutil.copy(COMPLIANT / "LICENSE", root / "LICENSE")
    (root / "apps" / "web" / "README.md").write_text("# Web\n")
    (root / "apps" / "own" / "LICENSE").write_text((REPO_ROOT / "LICENSE").read_text()
                                                   .replace("MIT License", "MIT License", 1))
    (root / "apps" / "own" / "COPYING").write_text("")
    git(root, "init", "-q", "-b", "main")
    git(root, "remote", "add", "origin", "https://github.com/betagouv/mono.git")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "init\n\nSigned-off-by: t <t@x>")

    facts = json.loads(run_cli("facts", str(root / "apps" / "web")).stdout)
    assert facts["repository"]["folder"] == "apps/web"
    assert facts["commits"]["available"] and facts["commits"]["signed_off"] == 1
    (licence,) = facts["licence"]["files"]
    assert licence["path"] == "betagouv/mono:LICENSE" and licence["scope"] == "root"
    assert facts["licence"]["spdx"] == json.loads(run_cli("facts", str(root)).stdout)[
        "licence"]["spdx"] != None  # noqa: E711
    assert facts["problems"] == []  # not a problem: nothing was unreadable

    own = json.loads(run_cli("facts", str(root / "apps" / "own")).stdout)
    assert [f["path"] for f in own["licence"]["files"]] == ["LICENSE"]  # its own comes first
    top = json.loads(run_cli("facts", str(root)).stdout)
    assert top["repository"]["folder"] is None

    text = run_cli("scan", str(root / "apps" / "web"), "--fail-on", "never").stdout
    assert "folder apps/web of the checkout betagouv/mono scanned" in text
    card = json.loads(run_cli("scan", str(root / "apps" / "web"), "--format", "json",
                              "--lang", "fr", "--fail-on", "never").stdout)["scorecards"][0]
    assert any("dossier apps/web du dépôt betagouv/mono" in n for n in card["notices"])
    licence_present = next(f for f in card["findings"] if f["rule"] == "licence-file-present")
    assert licence_present["status"] == "pass"

    git(root, "remote", "remove", "origin")  # no hosted name: the checkout goes unnamed
    card = json.loads(run_cli("scan", str(root / "apps" / "web"), "--format", "json",
                              "--fail-on", "never").stdout)["scorecards"][0]
    assert any(n.startswith("folder apps/web of its checkout scanned") for n in card["notices"])
    assert json.loads(run_cli("facts", str(root / "apps" / "web")).stdout)[
        "licence"]["files"][0]["path"] == "mono:LICENSE"
