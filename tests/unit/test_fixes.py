"""``civiscan fix`` never writes outside the repository, whichever folder on the way is a link."""

from __future__ import annotations

import os
import typing as t
from pathlib import Path

import pytest

from scanner import fixes
from scanner.errors import ScanError
from scanner.fixes import Fix, FixOptions, apply, leaves_root, plan

TEMPLATE = ".github/ISSUE_TEMPLATE/bug.md"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    (tmp_path / "elsewhere").mkdir()
    return root


def _fix(path: str, mode: str = "create") -> Fix:
    return Fix("issue-templates", path, mode, "# Bug\n", ("issue-and-pr-templates-present",))


def _outside(repo: Path) -> list[str]:
    return sorted(p.name for p in (repo.parent / "elsewhere").rglob("*"))


@pytest.mark.parametrize(("link", "path", "escapes"), [
    (".github", TEMPLATE, ".github"),
    (".github/ISSUE_TEMPLATE", TEMPLATE, ".github/ISSUE_TEMPLATE"),
    ("docs", "docs/CONTRIBUTING.md", "docs"),
])
def test_a_folder_linked_out_of_the_root_is_refused(repo: Path, link: str, path: str,
                                                    escapes: str) -> None:
    (repo / link).parent.mkdir(parents=True, exist_ok=True)
    os.symlink(repo.parent / "elsewhere", repo / link)
    assert leaves_root(repo, path) == escapes
    with pytest.raises(ScanError) as refused:
        apply([_fix(path)], repo)
    assert f"through {escapes}, a symbolic link leaving it" in str(refused.value)
    assert f"par {escapes}, un lien symbolique qui en sort" in refused.value.text("fr")
    assert _outside(repo) == []


@pytest.mark.parametrize("path", ["../elsewhere/x.md", "/tmp/x.md", "a/../../elsewhere/x.md"])
def test_paths_that_climb_out_are_refused(repo: Path, path: str) -> None:
    assert leaves_root(repo, path) == path
    with pytest.raises(ScanError):
        apply([_fix(path)], repo)
    assert _outside(repo) == []


def test_links_inside_the_repository_are_followed(repo: Path) -> None:
    (repo / "documentation").mkdir()
    os.symlink("documentation", repo / "docs")
    assert leaves_root(repo, "docs/new/CONTRIBUTING.md") is None
    assert apply([_fix("docs/new/CONTRIBUTING.md")], repo)
    assert (repo / "documentation" / "new" / "CONTRIBUTING.md").read_text() == "# Bug\n"


def test_a_link_swapped_in_after_the_check_is_refused(repo: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """The plan's check passed; then ``.github`` became a link out: the write refuses it."""
    os.symlink(repo.parent / "elsewhere", repo / ".github")
    monkeypatch.setattr(fixes, "leaves_root", lambda root, path: None)
    with pytest.raises(ScanError, match="would be written outside the repository"):
        apply([_fix(TEMPLATE)], repo)
    # Even later, between resolving the folders and opening them: no link is followed.
    with pytest.raises(OSError):
        fixes._write(repo, tuple(TEMPLATE.split("/")), _fix(TEMPLATE))
    (repo / "CONTRIBUTING.md").symlink_to(repo.parent / "elsewhere" / "CONTRIBUTING.md")
    with pytest.raises(ScanError, match=r"CONTRIBUTING\.md: not written"):
        apply([_fix("CONTRIBUTING.md")], repo)
    assert _outside(repo) == []


def test_plan_skips_an_append_through_a_link_out(repo: Path) -> None:
    outside = repo.parent / "elsewhere"
    (outside / "CONTRIBUTING.md").write_text("# Somebody else's file\n")
    os.symlink(outside, repo / "docs")
    card: dict[str, t.Any] = {"findings": [{
        "rule": "contribution-terms-state-dco", "status": "fail", "waiver": None,
        "fix": "dco-clause", "severity": "warning"}]}
    facts = {"repository": {"name": "repo", "full_name": "repo", "url": None},
             "licence": {"spdx": "MIT"},
             "community": {"contributing": {"path": "docs/CONTRIBUTING.md"}}}
    (planned,) = plan(card, facts, repo, FixOptions(language="en"))
    assert (planned.skipped, planned.link) == ("outside", "docs")
    assert planned.reason("fr").startswith("docs/CONTRIBUTING.md serait écrit hors du dépôt")
    assert apply([planned], repo) == []
    assert (outside / "CONTRIBUTING.md").read_text() == "# Somebody else's file\n"
