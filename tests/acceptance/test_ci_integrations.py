"""Where teams work: the composite action run as a script, the workflows' hardening, the GitLab
template, the pre-commit hook. GitHub and GitLab are not reachable here: their schemas
(check-jsonschema's vendored copies) and zizmor's offline audits stand in for them."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import typing as t
from pathlib import Path

import pytest
import yaml

from scanner.gitlab import codequality
from scanner.reporters.github import PER_LEVEL, escape_data, escape_property, workflow_commands
from tests.support import COMPLIANT, REPO_ROOT

WORKFLOWS = sorted((REPO_ROOT / ".github" / "workflows").glob("*.yml"))
ACTION = REPO_ROOT / "action.yml"
BIN = Path(sys.executable).parent
_SHA_PIN = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")


def _tool(name: str) -> str:
    path = shutil.which(name, path=str(BIN)) or shutil.which(name)
    assert path, f"{name} is a test dependency ('.[test]')"
    return path


def _steps(document: dict[str, t.Any]) -> t.Iterator[dict[str, t.Any]]:
    for job in (document.get("jobs") or {}).values():
        yield from job.get("steps", [])
    yield from (document.get("runs") or {}).get("steps", [])


@pytest.mark.parametrize("path", [*WORKFLOWS, ACTION], ids=lambda p: p.name)
def test_actions_are_pinned_by_sha_and_no_expression_reaches_a_script(path: Path) -> None:
    document = yaml.safe_load(path.read_text("utf-8"))
    steps = list(_steps(document))
    assert steps
    for step in steps:
        uses = step.get("uses")
        if uses and not uses.startswith("./"):
            assert _SHA_PIN.match(uses), f"{path.name}: {uses} is not pinned by a commit SHA"
        assert "${{" not in step.get("run", ""), f"{path.name}: an expression inside run:"
    if path != ACTION:
        assert document["permissions"] == {}, "least privilege: nothing at the workflow level"
        for job in document["jobs"].values():
            assert "permissions" in job


def test_zizmor_and_the_github_schemas_pass() -> None:
    audit = subprocess.run([_tool("zizmor"), "--offline", "--no-progress", str(ACTION),
                            str(REPO_ROOT / ".github" / "workflows")],
                           capture_output=True, text=True, timeout=120)
    assert audit.returncode == 0, audit.stdout + audit.stderr
    for schema, files in (("vendor.github-workflows", WORKFLOWS), ("vendor.github-actions", [ACTION])):
        checked = subprocess.run([_tool("check-jsonschema"), "--builtin-schema", schema,
                                  *map(str, files)], capture_output=True, text=True, timeout=120)
        assert checked.returncode == 0, checked.stdout + checked.stderr


def test_zizmor_catches_what_the_test_above_guards_against(tmp_path: Path) -> None:
    """The audit is not a no-op: an unpinned action and an injected expression are caught."""
    bad = tmp_path / ".github" / "workflows" / "bad.yml"
    bad.parent.mkdir(parents=True)
    bad.write_text("on: pull_request\npermissions: {}\njobs:\n  x:\n    runs-on: ubuntu-latest\n"
                   "    permissions: {}\n    steps:\n      - uses: actions/checkout@v4\n"
                   "      - run: echo \"${{ github.head_ref }}\"\n")
    audit = subprocess.run([_tool("zizmor"), "--offline", "--no-progress", str(bad)],
                           capture_output=True, text=True, timeout=120)
    assert audit.returncode != 0
    assert "unpinned-uses" in audit.stdout and "template-injection" in audit.stdout


def test_the_gitlab_template_follows_gitlabs_schema_and_reports_code_quality() -> None:
    template = REPO_ROOT / "templates" / "civiscan.gitlab-ci.yml"
    checked = subprocess.run([_tool("check-jsonschema"), "--builtin-schema", "vendor.gitlab-ci",
                              str(template)], capture_output=True, text=True, timeout=120)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    job = yaml.safe_load(template.read_text("utf-8"))["civiscan"]
    assert job["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
    assert "civiscan.md" in job["artifacts"]["paths"]
    assert job["artifacts"]["when"] == "always"


def test_the_gitlab_step_writes_code_quality_markdown_and_applies_thresholds(
        run_cli: t.Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from scanner import gitlab

    bare = tmp_path / "bare"
    bare.mkdir()
    run_json = tmp_path / "civiscan.json"
    run_cli("scan", str(bare), "--format", "json", "--output", str(run_json), "--fail-on", "never")
    quality, markdown = tmp_path / "cq.json", tmp_path / "civiscan.md"
    monkeypatch.setenv("CIVISCAN_FAIL_ON", "error")
    assert gitlab.main([str(run_json), "--codequality", str(quality), "--markdown",
                        str(markdown)]) == 1
    issues = json.loads(quality.read_text())
    assert issues and all(set(i) >= {"description", "check_name", "fingerprint", "severity",
                                     "location"} for i in issues)
    assert all(i["location"]["lines"]["begin"] >= 1 and i["location"]["path"] for i in issues)
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    assert "civiscan/licence-file-present" in {i["check_name"] for i in issues}
    assert markdown.read_text().startswith("## ")
    monkeypatch.setenv("CIVISCAN_FAIL_ON", "never")
    assert gitlab.main([str(run_json), "--codequality", str(quality), "--markdown",
                        str(markdown)]) == 0
    monkeypatch.setenv("CIVISCAN_FAIL_UNDER", "lots")
    assert gitlab.main([str(run_json), "--codequality", str(quality), "--markdown",
                        str(markdown)]) == 2
    assert codequality({"scorecards": []}) == []


def test_the_pre_commit_hook_parses_and_its_entry_scans_the_repository(tmp_path: Path) -> None:
    from pre_commit.clientlib import load_manifest

    (hook,) = load_manifest(str(REPO_ROOT / ".pre-commit-hooks.yaml"))
    assert hook["id"] == "civiscan" and hook["language"] == "python"
    assert hook["pass_filenames"] is False
    files = re.compile(hook["files"])
    for path in ("LICENSE", "docs/CONTRIBUTING.md", "publiccode.yml", "api/openapi.yaml",
                 "package.json", ".github/SECURITY.md"):
        assert files.search(path), path
    assert not files.search("src/app.py")
    # The entry, as pre-commit runs it (from the repository's root, no file names).
    entry = [_tool(hook["entry"].split()[0]), *hook["entry"].split()[1:]]
    good = subprocess.run(entry, cwd=COMPLIANT, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PRE_COMMIT": "1"})
    assert good.returncode == 0, good.stdout + good.stderr
    bare = tmp_path / "bare"
    bare.mkdir()
    bad = subprocess.run(entry, cwd=bare, capture_output=True, text=True, timeout=120)
    assert bad.returncode == 1 and bad.stdout == ""


def _run_action_step(tmp_path: Path, inputs: dict[str, str], workspace: Path) -> tuple[
        subprocess.CompletedProcess[str], dict[str, Path]]:
    """The Scan step of action.yml, as the runner runs it: inputs expanded into its env:, the
    environment files pointing at temporary files, civiscan's venv in $RUNNER_TEMP."""
    action = yaml.safe_load(ACTION.read_text("utf-8"))
    defaults = {name: str(spec.get("default", "")) for name, spec in action["inputs"].items()}
    values = {**defaults, **inputs}
    (step,) = [s for s in action["runs"]["steps"] if s.get("id") == "report"]
    env = {}
    for name, value in step["env"].items():
        match = re.fullmatch(r"\$\{\{ inputs\.([\w-]+) \}\}", value)
        assert match, f"{name}: only inputs reach the script ({value})"
        env[name] = values[match.group(1)]
    runner = tmp_path / "runner"
    runner.mkdir(parents=True)
    (runner / "civiscan").symlink_to(sys.prefix)  # the venv the Install step would make
    files = {name: tmp_path / name.lower() for name in
             ("GITHUB_OUTPUT", "GITHUB_STEP_SUMMARY", "GITHUB_ENV")}
    for path in files.values():
        path.write_text("")
    result = subprocess.run(
        ["bash", "-e", "-c", step["run"]], cwd=workspace, capture_output=True, text=True,
        timeout=300, env={"PATH": os.environ["PATH"], "HOME": str(tmp_path),
                          "PYTHONPATH": str(REPO_ROOT), "RUNNER_TEMP": str(runner),
                          "GITHUB_ACTION_PATH": str(REPO_ROOT), "GITHUB_ACTIONS": "true",
                          "CI": "true", **{k: str(v) for k, v in files.items()}, **env})
    return result, files


def _outputs(path: Path) -> dict[str, str]:
    return dict(line.split("=", 1) for line in path.read_text().splitlines())


def test_the_action_writes_summary_annotations_and_outputs(tmp_path: Path) -> None:
    bare = tmp_path / "bare"
    bare.mkdir()
    (bare / "README.md").write_text("# Bare\n\n::add-mask::x and %0A tricks, ##[error] too.\n")
    result, files = _run_action_step(tmp_path, {"lang": "en"}, bare)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "threshold is not met" in result.stderr
    outputs = _outputs(files["GITHUB_OUTPUT"])
    assert outputs["score"].isdigit() and outputs["grade"] in "ABCDE"
    reports = json.loads(outputs["reports"])
    assert set(reports) == {"json", "markdown", "sarif"} and Path(reports["markdown"]).is_file()
    assert json.loads(Path(outputs["sarif"]).read_text())["version"] == "2.1.0"  # on by default
    assert json.loads(Path(outputs["json"]).read_text())["scorecards"]
    summary = files["GITHUB_STEP_SUMMARY"].read_text()
    assert summary.startswith("## civiscan scorecard") and "licence-file-present" in summary
    assert files["GITHUB_ENV"].read_text() == ""  # nothing is ever exported
    lines = result.stdout.splitlines()
    assert any(line.startswith("::error title=licence-file-present%3A") for line in lines)
    assert any(line.startswith("::warning file=README.md,") for line in lines)
    for line in lines:  # every line is one of ours: no repository text can start a command
        assert line.startswith(("::error ", "::warning ", "::notice ")), line
    good, files = _run_action_step(tmp_path / "good", {"fail-under": "50"}, COMPLIANT)
    assert good.returncode == 0, good.stdout + good.stderr
    assert _outputs(files["GITHUB_OUTPUT"])["grade"] == "A"


@pytest.mark.parametrize(("inputs", "message"), [
    ({"fail-under": "high"}, "fail-under must be a number from 0 to 100"),
    ({"fail-on": "everything"}, "fail-on must be error, warning, info or never"),
    ({"formats": "pdf"}, "unknown format 'pdf'"),
])
def test_the_action_refuses_bad_inputs(tmp_path: Path, inputs: dict[str, str],
                                       message: str) -> None:
    result, _ = _run_action_step(tmp_path, inputs, COMPLIANT)
    assert result.returncode == 2 and message in result.stdout


def _finding(rule: str, severity: str, path: str | None = None, line: int | None = None,
             message: str = "m") -> dict[str, t.Any]:
    evidence = [{"path": path, "line": line}] if path else []
    return {"rule": rule, "status": "fail", "severity": severity, "waiver": None, "title": "T",
            "message": message, "remediation": "", "evidence": evidence}


def test_annotations_stay_within_githubs_caps_and_count_the_rest() -> None:
    findings = ([_finding(f"e{i:02}", "error", "a.md", i + 1) for i in range(14)]
                + [_finding(f"w{i:02}", "warning") for i in range(12)]
                + [_finding(f"i{i:02}", "info") for i in range(3)])
    run = {"language": "fr", "scorecards": [{"repository": {"full_name": "o/r"},
                                             "findings": findings}]}
    lines = workflow_commands(run)
    levels = [line.split(" ", 1)[0] for line in lines]
    assert levels.count("::error") == PER_LEVEL and levels.count("::warning") == PER_LEVEL
    assert levels.count("::notice") <= PER_LEVEL
    assert lines[0].startswith("::error file=a.md,line=1,title=e00%3A T::")
    assert lines[-1] == ("::notice title=civiscan::6 autre(s) constat(s) non annoté(s) (GitHub en "
                         "montre 10 par niveau et par étape) : voir le résumé du job ou le "
                         "rapport JSON")


def test_annotation_values_are_escaped_and_repository_text_neutralised() -> None:
    assert escape_data("50%\r\nnext") == "50%25%0D%0Anext"
    assert escape_property("a:b,c%") == "a%3Ab%2Cc%25"
    hostile = _finding("r", "error", "docs/a,b.md", 3, "x\n::add-mask::secret\n##[error]y")
    (line,) = workflow_commands({"scorecards": [{"repository": {}, "findings": [hostile]}]})
    assert line.startswith("::error file=docs/a%2Cb.md,line=3,title=r%3A T::")
    # One line (a command is only obeyed at a line start) and no legacy command anywhere.
    assert "\n" not in line and "\r" not in line and "##[" not in line


def test_the_job_summary_is_cut_by_whole_sections_under_the_limit() -> None:
    from scanner.action import summary

    card = {"repository": {"full_name": "o/r"}, "status": "ok", "score": 50.0, "grade": "C",
            "categories": {}, "findings": [_finding("r", "error", message="x" * 2000)]}
    run = {"language": "en", "summary": {"mean_score": 50.0, "scanned": 400,
                                         "repositories": 400},
           "scorecards": [dict(card, repository={"full_name": f"o/r{i}"}) for i in range(400)]}
    text = summary(run, limit=100_000)
    assert len(text.encode("utf-8")) <= 100_000 + 200
    assert text.rstrip().endswith("Every scorecard is in the JSON report.")
    kept = text.count("### o/r")
    assert 0 < kept < 400 and f"{400 - kept} repository section(s) left out" in text
    assert summary({**run, "scorecards": run["scorecards"][:2]}, limit=100_000).count("### o/r") == 2
