"""No token reaches any output: stdout, stderr, reports, log lines, tracebacks, files written.

Every command runs in its own process (so the real logging set-up and the real traceback
printing are exercised) with recognisable tokens in the environment, in the configuration file
and in the scanned checkout's remote URL (user-info and query string). Every token holds
``MARK``: finding ``MARK`` anywhere, even in part, is a leak.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import RunCli
from tests.support import REPO_ROOT, git

MARK = "SeNtInEl"
ENVIRONMENT = {
    "GITHUB_TOKEN": f"ghp_{MARK}0github00000000000000000000",
    "GH_TOKEN": f"{MARK}-gh-token-0001",
    "GITLAB_TOKEN": f"glpat-{MARK}0gitlab000000",
    "CIVISCAN_GITHUB_TOKEN": f"{MARK}-civiscan-0002",
    "CIVISCAN_GITLAB_TOKEN": f"{MARK}-civiscan-0003",
}
REMOTE = (f"https://x-access-token:{MARK}-userinfo-0004@github.com/betagouv/demo.git"
          f"?access_token={MARK}-query-0005")
#: Tokens a user might paste into the trusted configuration, where reports quote it.
TRUSTED = f"""\
repository_waivers: allow
waivers:
  - rule: licence-file-present
    justification: See https://ci.example.gouv.fr/job?private_token={MARK}-config-0006 for why.
    approved_by: glpat-{MARK}0config0007
    expires: 2999-01-01
"""
#: ...and where the configuration error quotes it.
INVALID = f"""\
github_token: {MARK}-config-0008
gitlab_hosts: ["https://oauth2:{MARK}-config-0009@gitlab.example.gouv.fr"]
"""
#: Forces failures whose texts quote tokens: a traceback (``--debug``) and a repository error.
FORCED = """\
import os, sys
import scanner.cli.scan
import scanner.run
from scanner.cli import main

def boom(*args, **kwargs):
    raise RuntimeError("cannot reach https://oauth2:" + os.environ["GH_TOKEN"] + "@github.com "
                       "with " + os.environ["CIVISCAN_GITHUB_TOKEN"])

target = scanner.cli.scan if os.environ["FORCE"] == "config" else scanner.run
setattr(target, "build_config" if os.environ["FORCE"] == "config" else "build_facts", boom)
sys.argv[0] = "civiscan"
main()
"""


@pytest.fixture
def places(tmp_path: Path) -> dict[str, Path]:
    root = tmp_path / "demo"
    root.mkdir()
    (root / "README.md").write_text("# Demo\n\nA service.\n")
    (root / ".civiscan.yml").write_text(TRUSTED)  # proposed, so shown in every report
    git(root, "init", "-q", "-b", "main")
    git(root, "remote", "add", "origin", REMOTE)
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "initial")
    fixed = tmp_path / "fixed"
    shutil.copytree(root, fixed, symlinks=True)
    (tmp_path / "trusted.yml").write_text(TRUSTED)
    (tmp_path / "invalid.yml").write_text(INVALID)
    (tmp_path / "forced.py").write_text(FORCED)
    outputs = tmp_path / "outputs"
    outputs.mkdir()
    return {"root": root, "fixed": fixed, "outputs": outputs, "base": tmp_path}


def _commands(places: dict[str, Path]) -> list[tuple[list[str], int]]:
    """(arguments, exit code expected); those starting with ``!`` run in their own process."""
    root, out, base = str(places["root"]), places["outputs"], places["base"]
    trusted, invalid = ["--config", str(base / "trusted.yml")], ["--config", str(base / "invalid.yml")]
    forced = str(base / "forced.py")
    licence = ["--licence", "MIT", "--copyright-holder", "DINUM"]
    commands = [
        (["scan", root, "--format", fmt, "--include-facts", "--fail-on", "never",
          "--output", str(out / f"report.{fmt}"), *trusted], 0)
        for fmt in ("text", "json", "markdown")]
    return [*commands,
            (["scan", root, "--format", "json", "--include-facts", *trusted], 1),
            (["scan", root, "--lang", "fr"], 1),
            (["facts", root], 0),
            (["rules", "list"], 0),
            (["fix", root, "--dry-run", *licence], 0),
            (["fix", str(places["fixed"]), *licence], 0),
            (["scan", root, *invalid], 2),
            (["scan", REMOTE], 3),
            (["scan", f"https://oauth2:{ENVIRONMENT['GH_TOKEN']}@forge.example.gouv.fr/a/b"], 2),
            # In a process of their own: the real logging set-up and traceback printing.
            (["!-m", "scanner", "scan", root, "--debug", "--format", "markdown", *trusted], 1),
            (["!" + forced, "config", "scan", root, "--debug"], 3),
            (["!" + forced, "facts", "scan", root, "--debug", "--format", "json"], 3)]


def test_no_token_in_any_output_or_file(places: dict[str, Path], run_cli: RunCli,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in ENVIRONMENT.items():
        monkeypatch.setenv(name, value)
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    before = _files(places["base"])
    processes, seen = [], []
    for args, expected in _commands(places):
        if args[0].startswith("!"):
            command = [sys.executable, args[0][1:], *args[1:]]
            if args[0].endswith("forced.py"):  # which failure to force
                command, env = [*command[:2], *command[3:]], {**env, "FORCE": args[1]}
            processes.append((args, expected, subprocess.Popen(
                command, env=env, cwd=places["base"], stdout=subprocess.PIPE,
                stderr=subprocess.PIPE, text=True, errors="replace")))
            continue
        result = run_cli(*args, expect=expected)
        seen.append((args, result.stdout + result.stderr))
    for args, expected, process in processes:
        stdout, stderr = process.communicate(timeout=120)
        assert process.returncode == expected, (args, stdout[-2000:], stderr[-2000:])
        seen.append((args, stdout + stderr))
    for args, output in seen:
        assert MARK not in output, (args, output)
    outputs = "\n".join(output for _, output in seen)
    # The paths where a token would have been were exercised, and masked (the remote URL's query
    # string, where the tokens were, is never kept at all: see test_hostile_git).
    for shown in ("RuntimeError", "Traceback",
                  "civiscan: DEBUG: scan of", "https://***@forge.example.gouv.fr",
                  "'github_token' was unexpected", "wrote CONTRIBUTING.md"):
        assert shown in outputs, shown
    after = _files(places["base"])
    written = sorted(path for path, state in after.items() if before.get(path) != state)
    assert {p.name for p in places["outputs"].iterdir()} == {"report.text", "report.json",
                                                             "report.markdown"}
    assert places["fixed"] / "CONTRIBUTING.md" in written
    for path in written:
        assert MARK.encode() not in path.read_bytes(), path
    report = json.loads((places["outputs"] / "report.json").read_text())
    assert report["scorecards"][0]["status"] == "ok"


def _files(base: Path) -> dict[Path, tuple[int, int]]:
    return {p: (p.stat().st_mtime_ns, p.stat().st_size) for p in base.rglob("*") if p.is_file()}
