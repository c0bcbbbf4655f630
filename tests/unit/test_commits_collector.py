"""The DCO practice ratio counts people's commits only."""

from __future__ import annotations

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
                            "signed_off_ratio": None, "bots_excluded": 0}
