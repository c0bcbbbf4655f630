"""civiscan fix writes what was missing, never overwrites, and the rescan passes those rules."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import RunCli

REPAIRED = ["contributing-file-present", "contribution-terms-state-dco", "no-cla-required",
            "code-of-conduct-present", "security-policy-present",
            "security-policy-private-channel", "publiccode-yml-present"]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "service"
    root.mkdir()
    (root / "README.md").write_text("# Service\n\nMy own words.\n")
    (root / "app.py").write_text("print('service')\n")  # a service: code to run and to secure
    return root


def _statuses(run_cli: RunCli, root: Path) -> dict[str, str]:
    run = json.loads(run_cli("scan", str(root), "--format", "json", expect=None).stdout)
    return {f["rule"]: f["status"] for f in run["scorecards"][0]["findings"]}


def test_fix_creates_missing_files_and_the_rules_pass(run_cli: RunCli, repo: Path) -> None:
    before = _statuses(run_cli, repo)
    assert all(before[rule] != "pass" for rule in REPAIRED if rule != "no-cla-required")
    out = run_cli("fix", "--path", str(repo), "--lang", "fr",
                  "--security-email", "securite@service.gouv.fr").stdout
    assert "écrit CONTRIBUTING.md" in out and "ignoré : README.md existe déjà" in out
    assert (repo / "README.md").read_text() == "# Service\n\nMy own words.\n"
    for name in ("CONTRIBUTING.md", "CODE_OF_CONDUCT.md", "SECURITY.md", "publiccode.yml"):
        assert (repo / name).is_file(), name
    assert "securite@service.gouv.fr" in (repo / "SECURITY.md").read_text()
    after = _statuses(run_cli, repo)
    assert {rule: after[rule] for rule in REPAIRED} == dict.fromkeys(REPAIRED, "pass")


def test_dry_run_writes_nothing(run_cli: RunCli, repo: Path) -> None:
    out = run_cli("fix", "--path", str(repo), "--dry-run", "--lang", "en").stdout
    assert "would write CONTRIBUTING.md" in out
    assert sorted(p.name for p in repo.iterdir()) == ["README.md", "app.py"]


def test_dco_clause_is_appended_to_the_existing_contributing(run_cli: RunCli, repo: Path) -> None:
    docs = repo / "docs"
    docs.mkdir()
    original = ("# Contributing\n\nOpen an issue or a pull request; we review every week and "
                "answer each contributor. Run the test suite before you ask for a review.\n")
    (docs / "CONTRIBUTING.md").write_text(original)
    out = run_cli("fix", "dco-clause", "--path", str(repo), "--lang", "en").stdout
    assert "appended to docs/CONTRIBUTING.md" in out
    text = (docs / "CONTRIBUTING.md").read_text()
    assert text.startswith(original) and "--signoff" in text
    assert not (repo / "CONTRIBUTING.md").exists() and not (repo / "SECURITY.md").exists()
    assert _statuses(run_cli, repo)["contribution-terms-state-dco"] == "pass"


def test_fix_refuses_remote_targets_and_unknown_actions(run_cli: RunCli) -> None:
    assert "local checkout" in run_cli("fix", "--path", "github:betagouv/x", expect=2).stderr
    assert "'nope' is not one of" in run_cli("fix", "nope", expect=2).stderr


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_fix_writes_nothing_through_a_folder_linked_out(run_cli: RunCli, repo: Path,
                                                        tmp_path: Path, lang: str,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """``.github`` links to a folder outside: the file planned in it is refused, not written."""
    from scanner import fixes

    table = fixes.actions()
    table["contributing-file"] = {**table["contributing-file"], "path": ".github/CONTRIBUTING.md"}
    monkeypatch.setattr(fixes, "actions", lambda: table)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (repo / ".github").symlink_to(elsewhere)
    for args in (["--dry-run"], []):
        out = run_cli("fix", "contributing-file", "--path", str(repo), "--lang", lang, *args).stdout
        expected = {"en": "skipped: .github/CONTRIBUTING.md would be written outside the "
                          "repository (through .github, a symbolic link leaving it): nothing written",
                    "fr": "ignoré : .github/CONTRIBUTING.md serait écrit hors du dépôt (par "
                          ".github, un lien symbolique qui en sort) : rien n'est écrit"}[lang]
        assert expected in out
    assert list(elsewhere.iterdir()) == []
