"""civiscan fix writes what was missing, never overwrites, and the rescan passes those rules."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import RunCli

LICENCE = ["--licence", "MIT", "--copyright-holder", "Direction interministérielle du numérique"]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "service"
    root.mkdir()
    (root / "README.md").write_text("# Service\n\nMy own words about this service, which the team "
                                    "wrote for the people who use it and for those who run it.\n")
    return root


def _statuses(run_cli: RunCli, root: Path) -> dict[str, str]:
    run = json.loads(run_cli("scan", str(root), "--format", "json", expect=None).stdout)
    return {f["rule"]: f["status"] for f in run["scorecards"][0]["findings"]}


def test_fix_creates_missing_files_and_the_rules_move(run_cli: RunCli, repo: Path) -> None:
    before = _statuses(run_cli, repo)
    out = run_cli("fix", str(repo), "--lang", "fr", "--security-email",
                  "securite@service.gouv.fr", *LICENCE).stdout
    assert "écrit CONTRIBUTING.md" in out and "ignoré : README.md existe déjà" in out
    assert "écrit LICENSE" in out and "TODO" in out
    assert (repo / "README.md").read_text().startswith("# Service\n\nMy own words")
    for name in ("LICENSE", "CONTRIBUTING.md", "CODE_OF_CONDUCT.md", "SECURITY.md",
                 "publiccode.yml"):
        assert (repo / name).is_file(), name
    licence = (repo / "LICENSE").read_text()
    assert licence.startswith("MIT License\n\nCopyright (c) 20")
    assert "Direction interministérielle du numérique" in licence.splitlines()[2]
    assert "securite@service.gouv.fr" in (repo / "SECURITY.md").read_text()
    after = _statuses(run_cli, repo)
    moved = {rule: (before[rule], after[rule]) for rule in after if before[rule] != after[rule]}
    assert moved == {
        "licence-file-present": ("fail", "pass"), "licence-recognised": ("not_applicable", "pass"),
        "licence-authorised": ("not_applicable", "pass"),
        "licence-on-strict-list": ("not_applicable", "pass"),
        "contributing-file-present": ("fail", "pass"),
        "contributing-file-substantial": ("not_applicable", "pass"),
        "contribution-terms-state-dco": ("not_applicable", "pass"),
        # No --contact-email: the code of conduct waits for the contact that receives reports.
        "code-of-conduct-present": ("fail", "review"), "security-policy-present": ("fail", "pass"),
        "security-policy-private-channel": ("not_applicable", "pass"),
        "publiccode-yml-present": ("fail", "pass"),
        "publiccode-yml-readable": ("not_applicable", "pass"),
        # Written, valid, but holding TODO values: a person must fill them in.
        "publiccode-yml-valid": ("not_applicable", "review"),
        "publiccode-licence-consistent": ("not_applicable", "pass"),
    } | {rule: moved[rule] for rule in moved if rule.startswith(("licence-decl", "readme"))}


def test_dry_run_shows_a_unified_diff_and_writes_nothing(run_cli: RunCli, repo: Path) -> None:
    out = run_cli("fix", str(repo), "--dry-run", "--lang", "en", *LICENCE).stdout
    assert "would write CONTRIBUTING.md" in out
    assert "--- /dev/null\n+++ b/CONTRIBUTING.md\n@@ -0,0 +1," in out
    assert "+# Contributing to service" in out
    assert sorted(p.name for p in repo.iterdir()) == ["README.md"]


def test_dco_clause_is_appended_to_the_existing_contributing(run_cli: RunCli, repo: Path) -> None:
    docs = repo / "docs"
    docs.mkdir()
    original = ("# Contributing\n\nOpen an issue or a pull request; we review every week and "
                "answer each contributor. Run the test suite before you ask for a review.\n")
    (docs / "CONTRIBUTING.md").write_text(original)
    diff = run_cli("fix", str(repo), "--only", "dco-clause", "--dry-run", "--lang", "en").stdout
    assert "would append to docs/CONTRIBUTING.md (for contribution-terms-state-dco):" in diff
    assert "--- a/docs/CONTRIBUTING.md\n+++ b/docs/CONTRIBUTING.md\n" in diff
    assert " Run the test suite before you ask for a review.\n+\n+## Developer Certificate" in diff
    out = run_cli("fix", str(repo), "--only", "dco-clause", "--lang", "en").stdout
    assert "appended to docs/CONTRIBUTING.md" in out
    text = (docs / "CONTRIBUTING.md").read_text()
    assert text.startswith(original) and "--signoff" in text
    assert not (repo / "CONTRIBUTING.md").exists() and not (repo / "SECURITY.md").exists()
    assert _statuses(run_cli, repo)["contribution-terms-state-dco"] == "pass"


def test_the_positional_action_form_still_works_with_a_warning(run_cli: RunCli,
                                                              repo: Path) -> None:
    result = run_cli("fix", "security-policy", "--path", str(repo), "--lang", "en")
    assert "'civiscan fix security-policy' is deprecated: use 'civiscan fix --only " \
           "security-policy'" in result.stderr
    assert "--path is deprecated" in result.stderr
    assert sorted(p.name for p in repo.iterdir()) == ["README.md", "SECURITY.md"]
    run_cli("fix", str(repo), "--only", "code-of-conduct", "--only", "contributing-file",
            "--lang", "en")
    assert sorted(p.name for p in repo.iterdir()) == ["CODE_OF_CONDUCT.md", "CONTRIBUTING.md",
                                                      "README.md", "SECURITY.md"]


def test_fix_refuses_remote_targets_unknown_actions_and_two_folders(run_cli: RunCli,
                                                                   repo: Path) -> None:
    assert "local checkout" in run_cli("fix", "github:betagouv/x", expect=2).stderr
    assert "'nope' is not one of" in run_cli("fix", "--only", "nope", expect=2).stderr
    assert "one folder at a time" in run_cli("fix", str(repo), str(repo), expect=2).stderr


def test_the_licence_comes_from_package_metadata_else_it_is_asked(
        run_cli: RunCli, repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Not on a terminal, with nothing to go by: exit 2, naming the option and the choices.
    refused = run_cli("fix", str(repo), "--only", "licence-file", "--lang", "en", expect=2)
    assert "give one with --licence (AGPL-3.0-only" in refused.stderr
    assert not (repo / "LICENSE").exists()
    # Package metadata declaring an authorised licence: that one, still needing a holder.
    (repo / "package.json").write_text(json.dumps({"name": "@betagouv/rdv", "license": "EUPL-1.2"}))
    assert "--copyright-holder" in run_cli("fix", str(repo), "--only", "licence-file",
                                           expect=2).stderr
    run_cli("fix", str(repo), "--only", "licence-file", "--copyright-holder", "ANCT")
    assert (repo / "LICENSE").read_text().startswith("Copyright (c) 20")
    assert "EUROPEAN UNION PUBLIC LICENCE v. 1.2" in (repo / "LICENSE").read_text()
    # On a terminal, both are asked.
    (repo / "LICENSE").unlink()
    (repo / "package.json").write_text(json.dumps({"name": "rdv", "license": "WTFPL"}))
    from scanner.cli import fix

    monkeypatch.setattr(fix, "_interactive", lambda: True)
    run_cli("fix", str(repo), "--only", "licence-file", input="CECILL-B\nANCT\n")
    text = (repo / "LICENSE").read_text()
    assert text.splitlines()[0].endswith(" ANCT")
    assert "CeCILL-B FREE SOFTWARE LICENSE AGREEMENT" in text  # the README is in English
    run_cli("fix", str(repo), "--only", "licence-file", expect=0)  # it exists now: nothing asked


@pytest.mark.parametrize(("readme", "lang", "expected"), [
    ("# Rdv\n\nCe service permet aux agents de prendre un rendez-vous avec les usagers, et il est "
     "utilisé par les collectivités pour leurs permanences.\n", None, "fr"),
    ("# Rdv\n\nThis service lets agents book an appointment with the people they serve, and it "
     "is used by local authorities for their offices.\n", None, "en"),
    ("# Rdv\n\nCe service permet aux agents de prendre un rendez-vous avec les usagers, et il est "
     "utilisé par les collectivités pour leurs permanences.\n", "en", "en"),
])
def test_files_are_written_in_the_readmes_language_and_named_after_the_project(
        run_cli: RunCli, tmp_path: Path, readme: str, lang: str | None, expected: str) -> None:
    root = tmp_path / "folder-name"
    root.mkdir()
    (root / "README.md").write_text(readme)
    (root / "package.json").write_text(json.dumps({"name": "@betagouv/rdv-solidarites",
                                                   "license": "etalab-2.0"}))
    run_cli("fix", str(root), "--copyright-holder", "ANCT", *(["--lang", lang] if lang else []))
    contributing = (root / "CONTRIBUTING.md").read_text()
    heading = {"fr": "# Contribuer à rdv-solidarites", "en": "# Contributing to rdv-solidarites"}
    assert contributing.startswith(heading[expected])
    licence = (root / "LICENSE").read_text()
    assert ("LICENCE OUVERTE / OPEN LICENCE" if expected == "fr" else "OPEN LICENCE 2.0") in licence
    publiccode = (root / "publiccode.yml").read_text()
    assert 'name: "rdv-solidarites"' in publiccode and 'license: "etalab-2.0"' in publiccode
    assert 'mainCopyrightOwner: "ANCT"' in publiccode
