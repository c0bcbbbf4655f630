"""The command line end to end: exit codes 0/1/2/3, messages naming what is wrong, schemas."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from pathlib import Path

import pytest

from scanner import schemas
from tests.conftest import RunCli
from tests.support import COMPLIANT, git


@pytest.fixture
def bare_repo(tmp_path: Path) -> Path:
    """A checkout with a README and code, but no licence and no CONTRIBUTING."""
    root = tmp_path / "bare"
    root.mkdir()
    (root / "README.md").write_text("# Outil\n\nUn service.\n")
    (root / "app.py").write_text("print('hello')\n")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "initial")
    return root


@pytest.fixture
def compliant(tmp_path: Path) -> Path:
    root = tmp_path / "compliant"
    shutil.copytree(COMPLIANT, root)
    return root


def test_non_compliant_checkout_exits_1_and_says_what_to_fix(run_cli: RunCli,
                                                             bare_repo: Path) -> None:
    result = run_cli("scan", str(bare_repo), "--fail-under", "90", "--format", "json", expect=1)
    run = json.loads(result.stdout)
    failed = {f["rule"]: f for f in run["scorecards"][0]["findings"] if f["status"] == "fail"}
    licence = [r for r, f in failed.items() if f["category"] == "licensing"]
    contributing = [r for r, f in failed.items() if "contributing" in r]
    assert licence and contributing, sorted(failed)
    text = run_cli("scan", str(bare_repo), "--fail-under", "90", expect=1).stdout
    for rule_id in licence + contributing:
        assert rule_id in text
        assert failed[rule_id]["remediation"] in text


def test_compliant_fixture_exits_0(run_cli: RunCli, compliant: Path) -> None:
    result = run_cli("scan", str(compliant), "--fail-under", "90", "--format", "json")
    card = json.loads(result.stdout)["scorecards"][0]
    assert card["status"] == "ok" and card["score"] >= 90, card["categories"]


def test_run_document_validates_against_the_published_schema(run_cli: RunCli,
                                                              bare_repo: Path) -> None:
    run = json.loads(run_cli("scan", str(bare_repo), "--format", "json", "--include-facts",
                             "--fail-on", "never").stdout)
    assert schemas.errors("run", run) == []
    published = json.loads(run_cli("schema", "run").stdout)
    assert published["$id"].endswith("run.schema.json")


def test_facts_command_prints_a_valid_facts_document(run_cli: RunCli, compliant: Path) -> None:
    facts = json.loads(run_cli("facts", str(compliant)).stdout)
    assert schemas.errors("facts", facts) == []
    assert facts["repository"]["name"] == "compliant"


@pytest.mark.parametrize(("args", "message"), [
    (["scan", "/does/not/exist"], "'/does/not/exist': no such file or directory"),
    (["scan", "github:"], "name an owner"),
    (["scan", "https://example.org/a/b"], "unknown host 'example.org'"),
    (["facts", "gitlab:"], "name an owner"),
])
def test_bad_targets_exit_2_with_one_line(run_cli: RunCli, args: list[str], message: str) -> None:
    result = run_cli(*args, expect=2)
    assert result.stdout == ""
    assert message in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_malformed_config_exits_2_naming_file_and_line(run_cli: RunCli, tmp_path: Path,
                                                        compliant: Path) -> None:
    config = tmp_path / "civiscan.yml"
    config.write_text("fail_under: 50\nwaivers:\n  - rule: x\n    expires: soon\n")
    result = run_cli("scan", str(compliant), "--config", str(config), expect=2)
    assert f"{config}:3: /waivers/0" in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_format_is_a_usage_error(run_cli: RunCli, compliant: Path) -> None:
    result = run_cli("scan", str(compliant), "--format", "xml", expect=2)
    assert result.stdout == "" and "xml" in result.stderr


def test_remote_targets_that_cannot_be_scanned_exit_3(run_cli: RunCli, unreachable_github: str) -> None:
    result = run_cli("scan", "github:betagouv/demo", expect=3)
    assert "github:betagouv/demo" in result.stdout
    run = json.loads(run_cli("scan", "github:betagouv/demo", "--format", "json", expect=3).stdout)
    assert schemas.errors("run", run) == []
    (card,) = run["scorecards"]
    assert card["status"] == "error" and card["ruleset"]["digest"] == run["ruleset"]["digest"]


def test_debug_shows_the_traceback_and_keeps_the_exit_code(run_cli: RunCli) -> None:
    result = run_cli("scan", "/does/not/exist", "--debug", expect=2)
    assert "no such file or directory" in result.stderr


def test_output_is_written_atomically(run_cli: RunCli, compliant: Path, tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "run.json"
    run_cli("scan", str(compliant), "--format", "json", "--output", str(out), "--fail-on", "never")
    before = out.read_text()
    assert json.loads(before)["scorecards"]

    def disk_full(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    result = run_cli("scan", str(compliant), "--output", str(out), expect=3)
    assert "cannot write the report: No space left on device" in result.stderr
    assert out.read_text() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def _failing_rules(run_cli: RunCli, root: Path) -> list[str]:
    run = json.loads(run_cli("scan", str(root), "--format", "json", expect=None).stdout)
    return [f["rule"] for f in run["scorecards"][0]["findings"] if f["status"] == "fail"]


def test_a_repository_cannot_waive_its_own_failures(run_cli: RunCli, bare_repo: Path) -> None:
    """Its .civiscan.yml waives every failure until 9999, approved by itself: nothing changes."""
    before = json.loads(run_cli("scan", str(bare_repo), "--format", "json", expect=1).stdout)
    failing = _failing_rules(run_cli, bare_repo)
    (bare_repo / ".civiscan.yml").write_text("waivers:\n" + "".join(
        f"  - rule: {rule}\n    justification: We decided this is fine.\n"
        "    approved_by: me\n    expires: 9999-12-31\n" for rule in failing)
        + "repository_waivers: allow\n")
    result = run_cli("scan", str(bare_repo), "--format", "json", expect=1)
    card = json.loads(result.stdout)["scorecards"][0]
    assert (card["score"], card["grade"]) == (before["scorecards"][0]["score"],
                                              before["scorecards"][0]["grade"])
    assert all(f["waiver"] is None for f in card["findings"])
    assert sorted(w["rule"] for w in card["proposed_waivers"]) == sorted(failing)
    assert {w["reason"] for w in card["proposed_waivers"]} == {"not_allowed"}
    assert any("'repository_waivers' ignored" in n for n in card["notices"])
    assert schemas.errors("run", json.loads(result.stdout)) == []
    text = run_cli("scan", str(bare_repo), "--lang", "fr", expect=1).stdout
    assert "Dérogations proposées, non appliquées" in text and "repository_waivers: allow" in text
    markdown = run_cli("scan", str(bare_repo), "--format", "markdown", expect=1).stdout
    assert "Proposed waivers, not applied" in markdown


def test_trusted_config_allows_repository_waivers_within_a_lifetime(
        run_cli: RunCli, bare_repo: Path, tmp_path: Path) -> None:
    waived, too_long, expired = _failing_rules(run_cli, bare_repo)[:3]
    soon = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    (bare_repo / ".civiscan.yml").write_text(
        "waivers:\n"
        f"  - rule: {waived}\n    justification: Accepted while the team migrates.\n"
        f"    approved_by: Incubator lead\n    expires: {soon}\n"
        f"  - rule: {too_long}\n    justification: Accepted for ever, says the team.\n"
        "    approved_by: Incubator lead\n    expires: 2999-01-01\n"
        f"  - rule: {expired}\n    justification: This one was accepted last year.\n"
        "    approved_by: Incubator lead\n    expires: 2001-01-01\n"
        "  - rule: no-such-rule\n    justification: A typo that must not pass silently.\n"
        "    approved_by: Incubator lead\n    expires: 2001-01-01\n"
        "disable:\n  - rule: readme-present\n    justification: trying to hide a rule\n")
    config = tmp_path / "trusted.yml"
    config.write_text("repository_waivers: allow\nrepository_waiver_max_days: 90\n")
    run = json.loads(run_cli("scan", str(bare_repo), "--format", "json", "--config", str(config),
                             expect=None).stdout)
    card = run["scorecards"][0]
    by_rule = {f["rule"]: f for f in card["findings"]}
    assert by_rule[waived]["status"] == "fail" and by_rule[waived]["waiver"]["approved_by"]
    assert by_rule[too_long]["waiver"] is None and by_rule[expired]["waiver"] is None
    latest = (dt.date.today() + dt.timedelta(days=90)).isoformat()
    assert card["proposed_waivers"] == [{
        "rule": too_long, "repository": card["repository"]["full_name"],
        "justification": "Accepted for ever, says the team.", "approved_by": "Incubator lead",
        "expires": "2999-01-01", "origin": ".civiscan.yml", "reason": "too_long",
        "latest": latest}]
    assert [w["rule"] for w in card["expired_waivers"]] == [expired]
    assert any("'disable' ignored" in n for n in card["notices"])
    assert any("unknown rule 'no-such-rule' ignored" in n for n in card["notices"])
    assert schemas.errors("run", run) == []
    text = run_cli("scan", str(bare_repo), "--lang", "fr", "--config", str(config),
                   expect=None).stdout
    assert "Dérogations" in text and "Accepted while the team migrates." in text
    assert f"elle se termine après le {latest}" in text
    # The card's notices are in the language of the run too.
    assert "clé 'disable' ignorée" in text and "règle inconnue 'no-such-rule' ignorée" in text
    assert f"la dérogation pour {expired} a expiré le 2001-01-01" in text
    assert "'disable' ignored" not in text


def test_rules_list_show_and_validate(run_cli: RunCli, tmp_path: Path) -> None:
    listing = run_cli("rules", "list").stdout.splitlines()
    assert len(listing) >= 10
    first = listing[0].split()[0]
    shown = run_cli("rules", "show", first).stdout
    assert "check:" in shown and "references:" in shown
    shown_fr = run_cli("rules", "show", first, "--lang", "fr").stdout
    assert "vérification :" in shown_fr and "références :" in shown_fr and "catégorie : " in shown_fr
    assert "no rule 'nope'" in run_cli("rules", "show", "nope", expect=2).stderr
    run_cli("rules", "validate")
    bad = Path(__file__).parents[1] / "fixtures" / "rules" / "bad"
    result = run_cli("rules", "validate", str(bad), expect=2)
    assert "broken-yaml.yaml:3:" in result.stdout


@pytest.mark.parametrize("name", schemas.PUBLISHED)
def test_every_published_schema_is_a_valid_schema(run_cli: RunCli, name: str) -> None:
    import jsonschema

    jsonschema.Draft202012Validator.check_schema(json.loads(run_cli("schema", name).stdout))


def test_published_schemas_validate_offline_without_our_registry(run_cli: RunCli,
                                                                 bare_repo: Path) -> None:
    import jsonschema

    run = json.loads(run_cli("scan", str(bare_repo), "--format", "json", "--include-facts",
                             "--fail-on", "never").stdout)
    for name, instance in (("run", run), ("facts", run["scorecards"][0]["facts"])):
        schema = json.loads(run_cli("schema", name).stdout)
        validator = jsonschema.Draft202012Validator(schema)  # no registry: refs are embedded
        assert list(validator.iter_errors(instance)) == []
        broken = json.loads(json.dumps(instance))
        broken["civiscan_version"] = 1
        assert not validator.is_valid(broken)


def test_version(run_cli: RunCli) -> None:
    from scanner import __version__

    assert __version__ in run_cli("--version").stdout


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_repository_text_never_starts_a_log_line(run_cli: RunCli, tmp_path: Path, fmt: str) -> None:
    """In GitHub Actions a line starting with ``::`` is a command (``::add-mask::``...)."""
    root = tmp_path / "hostile"
    root.mkdir()
    (root / "publiccode.yml").write_text(
        'publiccodeYmlVersion: "0.4"\nname: "x\\n::error::forged"\n'
        'legal:\n  license: "MIT\\n::add-mask::secret\\n::stop-commands::t"\n')
    (root / "README.md").write_text("# x\n\n::warning::from the readme\n")
    result = run_cli("scan", str(root), "--format", fmt, "--fail-on", "never")
    for line in (result.stdout + result.stderr).splitlines():
        assert not line.startswith("::"), line
    assert "add-mask" in result.stdout  # still shown, as text


def test_unknown_rule_ids_in_the_config_are_a_usage_error(run_cli: RunCli, tmp_path: Path,
                                                          compliant: Path) -> None:
    config = tmp_path / "civiscan.yml"
    config.write_text("severity: {licence-file-presnt: info}\n")
    result = run_cli("scan", str(compliant), "--config", str(config), expect=2)
    assert f"{config}: unknown rule id(s): licence-file-presnt" in result.stderr


def test_errors_speak_the_readers_language(run_cli: RunCli, monkeypatch: pytest.MonkeyPatch,
                                           unreachable_github: str) -> None:
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    result = run_cli("scan", "/does/not/exist", expect=2)
    assert result.stderr.strip() == "Erreur : '/does/not/exist' : ce fichier ou ce dossier n'existe pas"
    remote = run_cli("scan", "github:betagouv/demo", expect=3).stdout
    assert "n'a pas pu être analysé" in remote and "aucune réponse exploitable" in remote
