"""Local snapshots: git listing, no escape through links, no FIFO reads, size cap, no token."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from scanner.sources.local import local_snapshot
from tests.support import git


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    (root / "README.md").write_text("# demo\n")
    (root / ".gitignore").write_text("secret.env\n")
    (root / "secret.env").write_text("TOKEN=x\n")
    (root / "untracked.txt").write_text("new\n")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "README.md", ".gitignore")
    git(root, "commit", "-q", "-m", "first\n\nSigned-off-by: A <a@x.fr>")
    git(root, "remote", "add", "origin",
         "https://x-access-token:ghp_SENTINEL0123456789@github.com/betagouv/demo.git")
    return root


def test_git_listing_honours_gitignore_and_keeps_untracked(checkout: Path) -> None:
    snapshot = local_snapshot(checkout)
    assert snapshot.paths() == [".gitignore", "README.md", "untracked.txt"]
    assert snapshot.read("README.md") == b"# demo\n"
    commits = snapshot.commits(10)
    assert commits is not None and "Signed-off-by" in commits[0].message


def test_identity_comes_from_the_remote_without_credentials(checkout: Path) -> None:
    repo = local_snapshot(checkout).repo
    assert repo.full_name == "betagouv/demo"
    assert repo.url == "https://github.com/betagouv/demo"
    assert repo.default_branch == "main" and repo.head and len(repo.head) == 40
    assert "ghp_" not in repr(repo)


def test_links_out_of_the_root_are_listed_as_skipped_and_never_read(tmp_path: Path) -> None:
    root = tmp_path / "plain"
    root.mkdir()
    outside = tmp_path / "passwd"
    outside.write_text("root:x:0:0\n")
    (root / "publiccode.yml").symlink_to(outside)
    (root / "inner.md").write_text("inner\n")
    (root / "README.md").symlink_to(root / "inner.md")
    (root / "loop").symlink_to(root / "loop")
    (root / "up").symlink_to(tmp_path)
    snapshot = local_snapshot(root)
    assert snapshot.read("publiccode.yml") is None
    assert "escapes" in snapshot.skipped["publiccode.yml"]
    assert snapshot.read("README.md") == b"inner\n"
    assert snapshot.links == {"README.md": "inner.md"}
    assert "up" in snapshot.skipped and "loop" in snapshot.skipped


def test_fifo_is_skipped_without_blocking(tmp_path: Path) -> None:
    root = tmp_path / "fifo"
    root.mkdir()
    os.mkfifo(root / "README.md")
    snapshot = local_snapshot(root)
    assert snapshot.read("README.md") is None
    assert "not a regular file" in snapshot.skipped["README.md"]


def test_files_over_the_cap_are_not_read(tmp_path: Path) -> None:
    root = tmp_path / "big"
    root.mkdir()
    (root / "openapi.json").write_bytes(b"{" + b" " * 5000 + b"}")
    snapshot = local_snapshot(root, max_file_bytes=1000)
    assert snapshot.too_large("openapi.json") and snapshot.read("openapi.json") is None


def test_walk_skips_vendored_folders(tmp_path: Path) -> None:
    root = tmp_path / "walk"
    (root / "node_modules" / "x").mkdir(parents=True)
    (root / "node_modules" / "x" / "LICENSE").write_text("MIT")
    (root / "src").mkdir()
    (root / "src" / "a.py").write_text("")
    assert local_snapshot(root).paths() == ["src/a.py"]


def test_a_folder_its_enclosing_checkout_ignores_is_walked(checkout: Path) -> None:
    (checkout / ".gitignore").write_text("secret.env\nversions/\n")
    inner = checkout / "versions" / "3.11"
    inner.mkdir(parents=True)
    (inner / "LICENSE").write_text("MIT")
    snapshot = local_snapshot(inner)
    assert snapshot.paths() == ["LICENSE"] and snapshot.commit_log is None


@pytest.mark.parametrize(("remote", "full_name"), [
    ("git@github.com:MTES-MCT/histologe.git", "MTES-MCT/histologe"),
    ("https://gitlab.com/group/sub/project.git", "group/sub/project"),
    ("ssh://git@forge.example.gouv.fr:2222/dnum/app.git", "dnum/app"),
    ("/srv/mirrors/histologe", "repo"),
])
def test_identity_only_from_hosted_remotes(checkout: Path, remote: str, full_name: str) -> None:
    git(checkout, "remote", "set-url", "origin", remote)
    assert local_snapshot(checkout).repo.full_name == full_name


def test_commits_carry_their_author_apart_from_the_message(checkout: Path) -> None:
    commits = local_snapshot(checkout).commits(10)
    assert commits is not None
    assert commits[0].author == "t <t@x>"  # tests.support.git's identity
    assert commits[0].message.startswith("first\n\nSigned-off-by")


def test_submodules_and_nested_repositories_are_not_files_of_the_checkout(checkout: Path) -> None:
    """A submodule is another repository: like a remote listing, the snapshot leaves it out
    (a clone leaves it an empty folder), and so does an untracked repository inside."""
    git(checkout, "update-index", "--add", "--cacheinfo", f"160000,{'1' * 40},vendor/lib")
    (checkout / "vendor" / "lib").mkdir(parents=True)
    nested = checkout / "nested"
    nested.mkdir()
    (nested / "x.md").write_text("x\n")
    git(nested, "init", "-q")
    snapshot = local_snapshot(checkout)
    assert "vendor/lib" not in snapshot.files and "nested" not in snapshot.files
    assert snapshot.skipped == {}


def test_links_to_folders_and_into_ignored_folders_are_facts_not_problems(checkout: Path) -> None:
    """Committed links to a folder of the repository, or into node_modules/ (dangling until
    `npm install`), are listed as skipped; nothing needed them, so no problem is reported."""
    from scanner.facts import build_facts

    (checkout / "docs").mkdir()
    (checkout / "docs" / "guide.md").write_text("guide\n")
    (checkout / "public").mkdir()
    (checkout / "public" / "images").symlink_to("../docs")
    (checkout / "public" / "dsfr.min.css").symlink_to("../node_modules/@gouvfr/dsfr/dist/dsfr.css")
    (checkout / ".gitignore").write_text("secret.env\nnode_modules/\n")
    git(checkout, "add", "-A")
    facts = build_facts(local_snapshot(checkout))
    skipped = {s["path"]: s["reason"] for s in facts["repository"]["skipped"]}
    assert skipped == {"public/images": "not a regular file; not read",
                       "public/dsfr.min.css": "broken symlink, or a loop or chain of links too long"}
    assert facts["problems"] == []


def test_a_needed_file_that_cannot_be_read_is_a_problem_in_both_languages(tmp_path: Path) -> None:
    from scanner.facts import build_facts

    root = tmp_path / "plain"
    root.mkdir()
    (root / "CONTRIBUTING.md").symlink_to(tmp_path / "elsewhere.md")
    (tmp_path / "elsewhere.md").write_text("# Contributing\n")
    problems = build_facts(local_snapshot(root))["problems"]
    assert [(p["path"], p["message"], p["message_fr"]) for p in problems] == [
        ("CONTRIBUTING.md", "symlink escapes the repository; not read",
         "lien symbolique qui sort du dépôt ; non lu")]
    assert problems[0]["summary_fr"] == "CONTRIBUTING.md (lien symbolique qui sort du dépôt ; non lu)"
