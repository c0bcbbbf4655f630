"""Hostile local repositories: nothing in them runs, nothing outside them is read, nothing hangs.

Each test builds the hostile checkout for real (git in ``tmp_path``); where a command would run,
it would create a marker file, and the test checks the marker never appears.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from scanner.collectors.commits import CommitsCollector
from scanner.facts import build_facts
from scanner.snapshot import Snapshot
from scanner.sources import git as gitsource
from scanner.sources import local
from scanner.sources.gitdir import parse_config
from scanner.sources.local import local_snapshot
from tests.conftest import RunCli
from tests.support import git

SENTINEL = "ghp_SENTINEL0123456789abcdef"


def _checkout(root: Path, *, remote: str | None = None) -> Path:
    root.mkdir(parents=True)
    (root / "README.md").write_text("# demo\n")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "README.md")
    git(root, "commit", "-q", "-m", "first\n\nSigned-off-by: A <a@x.fr>")
    if remote:
        git(root, "remote", "add", "origin", remote)
    return root


def _victim(tmp_path: Path) -> Path:
    """Another repository on the same machine, whose identity and history must never leak."""
    victim = _checkout(tmp_path / "victim", remote="https://github.com/victim/private-repo.git")
    git(victim, "commit", "-q", "--allow-empty", "-m", "victim secret message")
    return victim


def _leaks(snapshot: Snapshot) -> str:
    return repr(snapshot.repo) + repr(snapshot.commit_log) + repr(snapshot.paths())


def _notice(snapshot: Snapshot, path: str) -> tuple[str, str]:
    found = [(n.en, n.fr) for n in snapshot.notices if n.path == path]
    assert found, snapshot.notices
    return found[0]


def _plain_git(root: Path, *args: str) -> None:
    """git as civiscan used to run it: the caller's environment, the repository's config."""
    subprocess.run(["git", "-C", str(root), *args], capture_output=True, timeout=30, check=False)


# 1. The repository's .git/config runs nothing ------------------------------------------------

def test_fsmonitor_hooks_filters_and_signatures_never_run(tmp_path: Path) -> None:
    marker = tmp_path / "RAN"
    root = _checkout(tmp_path / "repo")
    (root / ".gitattributes").write_text("* filter=evil diff=evil\n")
    git(root, "add", ".gitattributes")
    git(root, "commit", "-q", "-m", "attributes")
    command = f"touch {marker}; false"
    for key in ("core.fsmonitor", "filter.evil.clean", "filter.evil.smudge", "filter.evil.process",
                "diff.evil.textconv", "diff.external", "gpg.program", "core.pager",
                "core.sshCommand", "core.askPass", "credential.helper"):
        git(root, "config", key, f"!{command}" if key == "credential.helper" else command)
    git(root, "config", "log.showSignature", "true")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "other.txt").write_text("not this repository\n")
    git(root, "config", "core.worktree", str(elsewhere))
    git(root, "config", "core.untrackedCache", "true")
    hooks = root / ".git" / "hooks"
    for hook in ("post-index-change", "reference-transaction", "post-checkout", "pre-commit"):
        (hooks / hook).write_text(f"#!/bin/sh\n{command}\n")
        (hooks / hook).chmod(0o755)
    (root / "README.md").write_text("# changed after the commit: the index is stale\n")
    (root / "untracked.txt").write_text("new\n")
    _plain_git(root, "ls-files", "--others", "--exclude-standard")
    assert marker.exists()  # the hostile config is live: plain git runs the fsmonitor command
    marker.unlink()

    snapshot = local_snapshot(root)

    assert not marker.exists()
    assert snapshot.paths() == [".gitattributes", "README.md", "untracked.txt"]
    assert snapshot.commit_log and len(snapshot.commit_log) == 2


def test_a_partial_clone_never_fetches_what_it_lacks(tmp_path: Path) -> None:
    """A promisor remote with the ext:: transport runs any command on a lazy fetch."""
    marker = tmp_path / "FETCHED"
    root = _checkout(tmp_path / "repo")
    git(root, "commit", "-q", "--allow-empty", "-m", "second")
    first = subprocess.run(["git", "-C", str(root), "rev-parse", "HEAD~1"], capture_output=True,
                           text=True, check=True).stdout.strip()
    (root / ".git" / "objects" / first[:2] / first[2:]).unlink()
    for key, value in [("core.repositoryformatversion", "1"), ("extensions.partialClone", "origin"),
                       ("remote.origin.url", f"ext::sh -c touch% {marker}"),
                       ("remote.origin.promisor", "true"), ("protocol.ext.allow", "always")]:
        git(root, "config", key, value)
    _plain_git(root, "log")
    assert marker.exists()
    marker.unlink()

    snapshot = local_snapshot(root)

    assert not marker.exists()
    assert snapshot.paths() == ["README.md"]


def test_the_callers_git_environment_is_not_inherited(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    victim = _victim(tmp_path)
    marker = tmp_path / "RAN"
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "a.txt").write_text("a\n")
    repo = _checkout(tmp_path / "repo")
    monkeypatch.setenv("GIT_DIR", str(victim / ".git"))
    monkeypatch.setenv("GIT_CONFIG_COUNT", "1")
    monkeypatch.setenv("GIT_CONFIG_KEY_0", "core.fsmonitor")
    monkeypatch.setenv("GIT_CONFIG_VALUE_0", f"touch {marker}; false")
    monkeypatch.setenv("GIT_CONFIG_PARAMETERS", f"'core.fsmonitor'='touch {marker}; false'")

    snapshot = local_snapshot(plain)
    checkout = local_snapshot(repo)

    assert snapshot.paths() == ["a.txt"] and snapshot.commit_log is None
    assert "victim" not in _leaks(snapshot)
    assert checkout.commit_log and "victim" not in _leaks(checkout)
    assert not marker.exists()


def test_git_never_writes_to_the_repository(tmp_path: Path) -> None:
    root = _checkout(tmp_path / "repo")
    git(root, "config", "core.untrackedCache", "true")
    git(root, "config", "feature.manyFiles", "true")
    (root / "README.md").write_text("# changed\n")
    (root / "new.txt").write_text("new\n")
    os.utime(root / ".git" / "index", (0, 0))  # a stale index that `git status` would rewrite

    def state() -> dict[str, tuple[int, int]]:
        return {p.relative_to(root).as_posix(): (p.stat().st_size, p.stat().st_mtime_ns)
                for p in (root / ".git").rglob("*")}

    before = state()
    local_snapshot(root)
    assert state() == before


# 2. Git metadata that reaches outside the folder ----------------------------------------------

@pytest.mark.parametrize("config", [
    "[include]\n\tpath = {outside}\n",
    "[Include]path={outside}\n",
    '[includeIf "gitdir:/"]\n\tpath = {outside}\n',
    '[core]\n\tbare = false\n[includeIf "hasconfig:remote.*.url:**"] path = "{outside}"\n',
    "[include]\n\tpath = ../../outside.cfg\n",
    "[include]\n\tpath = ~/outside.cfg\n",
])
def test_config_includes_outside_are_never_read(tmp_path: Path, config: str) -> None:
    outside = tmp_path / "outside.cfg"
    outside.write_text('[remote "origin"]\n\turl = https://github.com/secret-org/leaked.git\n')
    root = _checkout(tmp_path / "repo")
    with (root / ".git" / "config").open("a") as handle:
        handle.write(config.format(outside=outside))

    snapshot = local_snapshot(root)

    assert "leaked" not in _leaks(snapshot) and "secret-org" not in _leaks(snapshot)
    assert snapshot.repo.full_name == "repo" and snapshot.commit_log is None
    assert snapshot.paths() == ["README.md"]
    en, fr = _notice(snapshot, ".git")
    assert ".git/config includes a file outside the folder" in en and "sans historique" in fr


def test_an_included_file_outside_is_never_even_opened(tmp_path: Path) -> None:
    """The included file is a FIFO: whoever opens it to read releases the writer below."""
    fifo = tmp_path / "outside.cfg"
    os.mkfifo(fifo)
    opened = threading.Event()

    def writer() -> None:
        fd = os.open(fifo, os.O_WRONLY)  # blocks until a reader opens the FIFO
        opened.set()
        os.close(fd)

    thread = threading.Thread(target=writer, daemon=True)
    thread.start()
    root = _checkout(tmp_path / "repo")
    git(root, "config", "include.path", str(fifo))
    try:
        snapshot = local_snapshot(root)
        time.sleep(0.2)
        assert not opened.is_set()
        assert snapshot.commit_log is None
    finally:
        os.close(os.open(fifo, os.O_RDONLY | os.O_NONBLOCK))
        thread.join(5)


def test_the_scan_goes_on_and_says_why_in_french(tmp_path: Path, run_cli: RunCli) -> None:
    root = tmp_path / "scanned"
    root.mkdir()
    (root / "README.md").write_text("# scanned\n")
    _gitdir_file(root, _victim(tmp_path))
    out = run_cli("scan", str(root), "--lang", "fr", "--fail-on", "never").stdout
    assert ".git : .git pointe hors du dossier : analysé comme un simple dossier" in out
    assert "victim" not in out


def test_includes_and_gitdir_files_inside_the_folder_are_fine(tmp_path: Path) -> None:
    root = _checkout(tmp_path / "repo", remote="https://github.com/betagouv/demo.git")
    (root / ".gitconfig").write_text("[core]\n\tautocrlf = false\n")
    git(root, "config", "include.path", "../.gitconfig")
    git(root, "config", "include.path", "../missing.cfg", "--add")
    (root / ".git").rename(root / ".repo")
    (root / ".git").write_text("gitdir: .repo\n")

    snapshot = local_snapshot(root)

    assert snapshot.notices == []
    assert snapshot.repo.full_name == "betagouv/demo"
    assert snapshot.commit_log and snapshot.commit_log[0].message.startswith("first")


def _gitdir_file(root: Path, victim: Path) -> None:
    (root / ".git").write_text(f"gitdir: {victim / '.git'}\n")


def _gitdir_link(root: Path, victim: Path) -> None:
    (root / ".git").symlink_to(victim / ".git")


def _objects_link(root: Path, victim: Path) -> None:
    _own(root, victim)
    shutil.rmtree(root / ".git" / "objects")
    (root / ".git" / "objects").symlink_to(victim / ".git" / "objects")


def _ref_link(root: Path, victim: Path) -> None:
    _own(root, victim)
    (root / ".git" / "refs" / "heads" / "main").symlink_to(victim / ".git" / "refs" / "heads" / "main")


def _config_link(root: Path, victim: Path) -> None:
    _own(root, victim)
    (root / ".git" / "config").unlink()
    (root / ".git" / "config").symlink_to(victim / ".git" / "config")


def _commondir(root: Path, victim: Path) -> None:
    _own(root, victim)
    (root / ".git" / "commondir").write_text(f"{victim / '.git'}\n")


def _alternates(root: Path, victim: Path) -> None:
    _own(root, victim)
    (root / ".git" / "objects" / "info" / "alternates").write_text(f"{victim / '.git' / 'objects'}\n")


def _fifo(root: Path, victim: Path) -> None:
    _own(root, victim)
    os.mkfifo(root / ".git" / "info" / "exclude.fifo")


def _own(root: Path, victim: Path) -> None:
    git(root, "init", "-q", "-b", "main")
    (root / ".git" / "info").mkdir(exist_ok=True)
    (root / ".git" / "objects" / "info").mkdir(parents=True, exist_ok=True)


@pytest.mark.parametrize("make", [_gitdir_file, _gitdir_link, _objects_link, _ref_link,
                                  _config_link, _commondir, _alternates, _fifo])
def test_git_metadata_reaching_outside_means_no_history(tmp_path: Path,
                                                        make: Callable[[Path, Path], None]) -> None:
    victim = _victim(tmp_path)
    root = tmp_path / "scanned"
    root.mkdir()
    (root / "a.txt").write_text("a\n")
    make(root, victim)

    snapshot = local_snapshot(root)

    assert "victim" not in _leaks(snapshot)
    assert snapshot.commit_log is None and snapshot.repo.full_name == "scanned"
    assert snapshot.paths() == ["a.txt"]
    en, fr = _notice(snapshot, ".git")
    assert "scanned as a plain folder" in en and "simple dossier" in fr


def test_a_folder_of_a_checkout_is_listed_by_that_checkout(tmp_path: Path) -> None:
    root = _checkout(tmp_path / "repo", remote="https://github.com/betagouv/mono.git")
    (root / ".gitignore").write_text("*.env\n")
    (root / "api").mkdir()
    (root / "api" / "LICENSE").write_text("MIT\n")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "api")
    (root / "api" / "secret.env").write_text("TOKEN=x\n")

    snapshot = local_snapshot(root / "api")

    assert snapshot.paths() == ["LICENSE"] and snapshot.notices == []
    assert snapshot.repo.full_name == "betagouv/mono" and snapshot.commit_log


def test_a_checkout_above_is_not_used_when_it_reaches_outside_or_is_not_ours(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    victim = _victim(tmp_path)
    root = tmp_path / "above"
    (root / "api").mkdir(parents=True)
    (root / "api" / "LICENSE").write_text("MIT\n")
    _gitdir_file(root, victim)
    outside = local_snapshot(root / "api")
    ours = _checkout(tmp_path / "ours")
    (ours / "api").mkdir()
    (ours / "api" / "LICENSE").write_text("MIT\n")
    monkeypatch.setattr(os, "getuid", lambda: os.lstat(ours / ".git").st_uid + 1)
    foreign = local_snapshot(ours / "api")

    for snapshot in (outside, foreign):
        assert snapshot.paths() == ["LICENSE"] and snapshot.commit_log is None
        assert snapshot.repo.full_name == "api" and snapshot.notices == []
        assert "victim" not in _leaks(snapshot)


def test_without_git_a_checkout_is_walked_quietly(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    root = _checkout(tmp_path / "repo")
    monkeypatch.setenv("PATH", str(tmp_path / "nowhere"))
    snapshot = local_snapshot(root)
    assert snapshot.paths() == ["README.md"] and snapshot.commit_log is None
    assert snapshot.notices == []


def test_the_notice_reaches_the_facts_in_both_languages(tmp_path: Path) -> None:
    root = tmp_path / "scanned"
    root.mkdir()
    _gitdir_file(root, _victim(tmp_path))
    facts = build_facts(local_snapshot(root))
    # A notice about the source, not an unreadable file: a fact, not a problem.
    assert facts["problems"] == []
    notices = facts["repository"]["notices"]
    assert [n["path"] for n in notices] == [".git"]
    assert "pointe hors du dossier" in notices[0]["message_fr"]


@pytest.mark.parametrize(("text", "entries"), [
    ('[remote "origin"]\n\turl = https://a/b.git\n', [("remote.origin.url", "https://a/b.git")]),
    ("[Remote.Origin]\n  URL = x ; comment\n", [("remote.origin.url", "x")]),
    ('[a "Sub \\" ]"] k = "v # not a comment" # comment\n', [('a.Sub " ].k', "v # not a comment")]),
    ("[a]\n\tk = one \\\n two\n\tflag\n", [("a.k", "one  two"), ("a.flag", None)]),
    ('[a]\n\tk = "\\t\\n"\n', [("a.k", "\t\n")]),
    ("\ufeff# c\n[a][b]k=v\n", [("b.k", "v")]),
])
def test_config_parser_reads_what_git_reads(text: str, entries: list[tuple[str, str | None]]) -> None:
    assert parse_config(text) == entries


@pytest.mark.parametrize("text", ["k = v\n", "[a\n", '[a "x]\n', "[a]\n\tk = \"open\n",
                                  "[a]\n\tk = \\q\n", "[a]\n\t9k = v\n", "[a]\n\tk v\n"])
def test_config_parser_refuses_what_git_refuses(text: str) -> None:
    assert parse_config(text) is None


# 3. Commit messages: capped, framed, authors kept ----------------------------------------------

def test_bot_commits_are_excluded_from_the_sign_off_ratio(tmp_path: Path) -> None:
    root = _checkout(tmp_path / "repo")
    git(root, "commit", "-q", "--allow-empty", "--author",
        "dependabot[bot] <49699333+dependabot[bot]@users.noreply.github.com>",
        "-m", "Bump requests from 2.31.0 to 2.32.0")
    # A message with NUL and record separators: it can only be written as a raw object.
    head = subprocess.run(["git", "-C", str(root), "cat-file", "commit", "HEAD"],
                          capture_output=True, check=True).stdout.split(b"\n\n")[0]
    parent = subprocess.run(["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True,
                            check=True).stdout.strip()
    forged = (head.split(b"\n")[0] + b"\nparent " + parent + b"\nauthor t <t@x> 1 +0000"
              b"\ncommitter t <t@x> 1 +0000\n\nForged\x1e" + b"1" * 40 + b"\x00\x00x <x@x>\x00"
              b"forged\x1e\n\nSigned-off-by: B <b@x.fr>\n")
    sha = subprocess.run(["git", "-C", str(root), "hash-object", "-t", "commit", "-w", "--stdin",
                          "--literally"], input=forged, capture_output=True,
                         check=True).stdout.decode().strip()
    git(root, "update-ref", "refs/heads/main", sha)

    snapshot = local_snapshot(root)
    commits = CommitsCollector().collect(snapshot, {})["commits"]

    assert snapshot.commit_log and len(snapshot.commit_log) == 3
    assert snapshot.commit_log[1].author.startswith("dependabot[bot] <")
    assert snapshot.commit_log[0].author == "t <t@x>"
    assert commits["bots_excluded"] == 1 and commits["sampled"] == 2
    assert commits["signed_off_ratio"] == 1.0


def _commit_message(root: Path, message: bytes) -> None:
    (root.parent / "message").write_bytes(message)
    git(root, "commit", "-q", "--allow-empty", "-F", str(root.parent / "message"))


def test_huge_messages_are_capped_and_keep_their_trailers(tmp_path: Path) -> None:
    root = _checkout(tmp_path / "repo")
    _commit_message(root, b"Huge\n\n" + b"x" * 99 + b"\n" * 10_000 + b"y" * 2_000_000
                    + b"\n\nSigned-off-by: A <a@x.fr>\n")

    snapshot = local_snapshot(root)

    assert snapshot.commit_log and len(snapshot.commit_log) == 2
    message = snapshot.commit_log[0].message
    assert message.startswith("Huge")
    assert len(message) <= gitsource.MESSAGE_HEAD + gitsource.MESSAGE_TAIL + 16
    assert message.rstrip().endswith("Signed-off-by: A <a@x.fr>")
    assert CommitsCollector().collect(snapshot, {})["commits"]["signed_off_ratio"] == 1.0


def test_oversized_commits_are_skipped_not_streamed(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(gitsource, "MAX_COMMIT_BYTES", 100_000)
    root = _checkout(tmp_path / "repo")
    _commit_message(root, b"Huge\n\n" + b"x" * 200_000)
    git(root, "commit", "-q", "--allow-empty", "-m", "after\n\nSigned-off-by: A <a@x.fr>")

    snapshot = local_snapshot(root)

    assert snapshot.commit_log is not None
    assert [c.message.split("\n")[0] for c in snapshot.commit_log] == ["after", "first"]
    en, fr = _notice(snapshot, ".git")
    assert "read in part (2 commits)" in en and "lu en partie" in fr


# 4. Deep, wide and looping trees ---------------------------------------------------------------

def test_twelve_hundred_nested_folders_truncate_instead_of_crashing(tmp_path: Path) -> None:
    root = tmp_path / "deep"
    root.mkdir()
    (root / "LICENSE").write_text("MIT\n")
    depth = 1200
    for level in range(1, depth + 1):
        (root / "/".join(["d"] * level)).mkdir()
    (root / "/".join(["d"] * depth) / "deep.txt").write_text("x")
    try:
        snapshot = local_snapshot(root)
    finally:  # shutil.rmtree recurses too: take the tree down level by level
        (root / "/".join(["d"] * depth) / "deep.txt").unlink()
        for level in range(depth, 0, -1):
            (root / "/".join(["d"] * level)).rmdir()

    assert snapshot.truncated and snapshot.read("LICENSE") == b"MIT\n"
    assert snapshot.paths() == ["LICENSE"]
    en, fr = _notice(snapshot, "/".join(["d"] * (local.MAX_DEPTH + 1)))
    assert f"more than {local.MAX_DEPTH} deep" in en and "niveaux" in fr
    assert build_facts(snapshot)["repository"]["truncated"] is True


def test_a_long_chain_of_links_is_skipped_not_followed(tmp_path: Path) -> None:
    root = tmp_path / "chain"
    root.mkdir()
    for i in range(1200):
        (root / f"l{i}").symlink_to(f"l{i + 1}")
    (root / "l1200").write_text("end\n")

    snapshot = local_snapshot(root)

    assert snapshot.read("l0") is None and "chain" in snapshot.skipped["l0"]
    assert snapshot.read("l1200") == b"end\n"


@pytest.mark.parametrize("use_git", [True, False])
def test_the_file_count_cap_truncates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                      use_git: bool) -> None:
    monkeypatch.setattr(local, "MAX_FILES", 5)
    root = _checkout(tmp_path / "repo") if use_git else tmp_path / "repo"
    root.mkdir(exist_ok=True)
    for i in range(10):
        (root / f"f{i}.txt").write_text("x")
    snapshot = local_snapshot(root)
    assert snapshot.truncated and len(snapshot.paths()) <= 5
    en, fr = _notice(snapshot, ".")
    assert "stopped after 5 entries" in en and "arrêtée" in fr


def test_a_tracked_path_under_a_link_to_elsewhere_is_never_read(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "id_rsa").write_text("PRIVATE KEY\n")
    root = _checkout(tmp_path / "repo")
    (root / "docs").mkdir()
    (root / "docs" / "id_rsa").write_text("public docs\n")
    git(root, "add", "docs")
    git(root, "commit", "-q", "-m", "docs")
    (root / "docs" / "id_rsa").unlink()
    (root / "docs").rmdir()
    (root / "docs").symlink_to(elsewhere)

    snapshot = local_snapshot(root)

    assert snapshot.read("docs/id_rsa") is None and snapshot.size("docs/id_rsa") is None
    assert "link out of the repository" in snapshot.skipped["docs/id_rsa"]


# 5. A .gitignore too costly to match ----------------------------------------------------------

def test_a_pathological_gitignore_costs_the_untracked_files_only(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``**/**/…/x`` against a path 40 folders deep takes git about a minute to match."""
    monkeypatch.setattr(local, "UNTRACKED_TIMEOUT", 0.5)
    root = _checkout(tmp_path / "repo")
    deep = root / "/".join(["aaa"] * 40)
    deep.mkdir(parents=True)
    (deep / "tracked.txt").write_text("x")
    git(root, "add", ".")
    (root / ".gitignore").write_text("secret.env\n" + "/".join(["**"] * 8) + "/x\n")
    git(root, "add", ".gitignore")
    git(root, "commit", "-q", "-m", "deep")
    (root / "secret.env").write_text("TOKEN=x\n")
    (root / "untracked.txt").write_text("new\n")

    started = time.monotonic()
    snapshot = local_snapshot(root)

    assert time.monotonic() - started < 5
    assert snapshot.paths() == [".gitignore", "README.md", deep.relative_to(root).as_posix()
                                + "/tracked.txt"]
    en, fr = _notice(snapshot, ".gitignore")
    assert "untracked files not listed" in en and "fichiers non suivis" in fr


# 6. Tokens in remote URLs ---------------------------------------------------------------------

@pytest.mark.parametrize(("remote", "full_name", "url"), [
    (f"https://github.com/betagouv/demo.git?access_token={SENTINEL}", "betagouv/demo",
     "https://github.com/betagouv/demo"),
    (f"https://gitlab.com/group/sub/demo.git?private_token={SENTINEL}&x=1#{SENTINEL}",
     "group/sub/demo", "https://gitlab.com/group/sub/demo"),
    (f"https://oauth2:{SENTINEL}@gitlab.example.gouv.fr:8443/dnum/app.git", "dnum/app",
     "https://gitlab.example.gouv.fr:8443/dnum/app"),
    (f"https://x-access-token:{SENTINEL}/more@github.com/betagouv/demo.git", "repo", None),
    (f"{SENTINEL}@github.com:betagouv/demo.git?{SENTINEL}", "betagouv/demo", None),
    (f"ssh://{SENTINEL}@github.com/betagouv/demo", "betagouv/demo", None),
    ("https://github.com:notaport/betagouv/demo.git", "repo", None),
    ("https://[::1/betagouv/demo.git", "repo", None),
])
def test_tokens_in_remote_urls_never_reach_the_identity(tmp_path: Path, remote: str,
                                                        full_name: str, url: str | None) -> None:
    root = _checkout(tmp_path / "repo", remote=remote)
    repo = local_snapshot(root).repo
    assert (repo.full_name, repo.url) == (full_name, url)
    assert "SENTINEL" not in repr(repo)
