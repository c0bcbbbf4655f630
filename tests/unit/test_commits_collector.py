"""The DCO practice ratio counts people's commits only."""

from __future__ import annotations

from pathlib import Path

from scanner.collectors.commits import CommitsCollector
from scanner.snapshot import Commit
from scanner.sources.memory import snapshot_from_files

SIGNED = "Fix\n\nSigned-off-by: Ada <ada@example.gouv.fr>"


def _facts(commits: list[Commit] | None) -> dict:
    return CommitsCollector().collect(snapshot_from_files({}, commits=commits), {})["commits"]


def test_ratio_excludes_merges_and_bots() -> None:
    commits = [
        Commit("1", SIGNED, author="Ada <ada@example.gouv.fr>"),
        Commit("2", "Bump x", author="dependabot[bot] <49699333+dependabot[bot]@users.noreply.github.com>"),
        Commit("3", "chore(deps): update", author="Renovate Bot <bot@renovateapp.com>"),
        Commit("4", "Merge pull request #1", merge=True, author="Ada <ada@example.gouv.fr>"),
        Commit("5", "Unsigned", author="Bob <bob@example.gouv.fr>"),
    ]
    facts = _facts(commits)
    assert (facts["sampled"], facts["signed_off"], facts["bots_excluded"]) == (2, 1, 2)
    assert facts["signed_off_ratio"] == 0.5


def test_signed_off_needs_a_name_and_an_address() -> None:
    facts = _facts([Commit("1", "x\n\nSigned-off-by: someone"), Commit("2", SIGNED)])
    assert facts["signed_off"] == 1


def test_no_history_is_not_zero_percent() -> None:
    assert _facts(None) == {"available": False, "sampled": 0, "signed_off": 0,
                            "signed_off_ratio": None, "bots_excluded": 0, "shallow": False,
                            "dco_since": None, "dco_since_state": "unknown",
                            "history": "no commit history available",
                            "history_fr": "aucun historique de commits disponible"}


def test_a_shallow_clone_gives_no_verdict_and_says_why(tmp_path: Path) -> None:
    from scanner.engine.loader import load_ruleset
    from scanner.run import ScanOptions, scan_snapshot
    from scanner.sources.local import local_snapshot
    from tests.support import git

    origin = tmp_path / "origin"
    origin.mkdir()
    (origin / "CONTRIBUTING.md").write_text(
        "# Contributing\n\nOpen an issue, then a pull request. Every commit is signed off "
        "(Developer Certificate of Origin, `git commit --signoff`).\n")
    git(origin, "init", "-q", "-b", "main")
    git(origin, "add", ".")
    for number in range(8):
        git(origin, "commit", "-q", "--allow-empty", "-s", "-m", f"change {number}")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{origin}", str(clone))
    snapshot = local_snapshot(clone)
    assert snapshot.shallow
    card = scan_snapshot(snapshot, ScanOptions(targets=[], ruleset=load_ruleset([])))
    finding = next(f for f in card["findings"] if f["rule"] == "commits-signed-off")
    assert finding["status"] == "not_applicable"
    assert "shallow clone: only 1 commit(s) fetched" in finding["message"]


def test_file_history_takes_names_literally_and_refuses_newlines(tmp_path: Path) -> None:
    """A file named like pathspec magic is that file; a name with a newline (which would break
    git's one-spec-a-line protocol) has no history rather than someone else's."""
    from scanner.sources.local import local_snapshot
    from tests.support import git

    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    (root / ":(exclude)x").write_text("magic\n")
    (root / "other").write_text("v1\n")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "one")
    (root / "other").write_text("v2\n")
    git(root, "commit", "-q", "-am", "two")
    snapshot = local_snapshot(root)
    history = snapshot.file_history(":(exclude)x")
    assert history is not None and [content for _, content in history] == [b"magic\n"]
    assert [c for _, c in snapshot.file_history("other") or []] == [b"v2\n", b"v1\n"]
    assert snapshot.revisions is not None and snapshot.revisions("a\nb") is None
    assert snapshot.file_history("not-listed") is None


def test_the_dco_is_dated_from_the_newest_run_of_revisions_stating_it(tmp_path: Path) -> None:
    """DCO stated, dropped, stated again: only commits after it came back are judged."""
    from scanner.facts import build_facts
    from scanner.sources.local import local_snapshot
    from tests.support import git

    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    dco = ("# Contributing\n\nOpen a pull request. Sign off each commit (Developer Certificate "
           "of Origin, `git commit --signoff`).\n")
    plain = "# Contributing\n\nOpen a pull request; we review it within a week.\n"
    for text in (dco, plain, dco):
        (root / "CONTRIBUTING.md").write_text(text)
        git(root, "add", "-A")
        git(root, "commit", "-q", "-m", "terms")
        for number in range(3):
            git(root, "commit", "-q", "--allow-empty", "-m", f"work {number}")
    commits = build_facts(local_snapshot(root))["commits"]
    assert commits["dco_since_state"] == "commit" and commits["sampled"] == 3
    assert "3 made since the DCO was introduced (commit " in commits["history"]
    # Without file history (a remote source): every recent commit counts, and the facts say so.
    snapshot = local_snapshot(root)
    snapshot.revisions = None
    commits = build_facts(snapshot)["commits"]
    assert commits["dco_since_state"] == "unknown" and commits["sampled"] == 12
    assert "every recent commit counts" in commits["history"]
