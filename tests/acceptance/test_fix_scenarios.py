"""scan -> fix -> fill the TODOs -> scan, on corpus-like checkouts with a history: which rules
move, and that none regresses (a fix never games the score, nor makes a rule fail that passed).

"Regressed" means: a rule that passed no longer passes, or one that did not apply now fails.
A placeholder never passes: what the fix wrote with TODO values waits for a review, and passes
only once a person has filled them in.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from scanner.publiccode.placeholders import MARKER
from tests.conftest import RunCli
from tests.support import CORPUS, git

UNSIGNED = 8
#: Corpus repositories missing files the fix writes, and the licence to write where they have none.
CORPUS_CASES = {"agora-gouv__agora-back": ["--licence", "EUPL-1.2"],
                "MTES-MCT__camino-api": [], "etalab__transpo-rt": [], "SocialGouv__domifa": []}


def _statuses(run_cli: RunCli, root: Path) -> dict[str, str]:
    run = json.loads(run_cli("scan", str(root), "--format", "json", expect=None).stdout)
    return {f["rule"]: f["status"] for f in run["scorecards"][0]["findings"]}


def _findings(run_cli: RunCli, root: Path) -> dict[str, dict[str, str]]:
    run = json.loads(run_cli("scan", str(root), "--format", "json", "--lang", "en",
                             expect=None).stdout)
    return {f["rule"]: f for f in run["scorecards"][0]["findings"]}


def _regressions(before: dict[str, str], after: dict[str, str]) -> dict[str, tuple[str, str]]:
    return {rule: (before[rule], after[rule]) for rule in before
            if (before[rule] == "pass" and after[rule] != "pass")
            or (before[rule] == "not_applicable" and after[rule] == "fail")}


def _moved(before: dict[str, str], after: dict[str, str]) -> dict[str, tuple[str, str]]:
    return {rule: (before[rule], after[rule]) for rule in before if before[rule] != after[rule]}


def _history(root: Path, count: int = UNSIGNED, *, signed: bool = False) -> None:
    for number in range(count):
        git(root, "commit", "-q", "--allow-empty", *(["-s"] if signed else []),
            "-m", f"change {number}")


def _checkout(root: Path) -> Path:
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "--allow-empty", "-m", "import")
    _history(root)
    return root


def _fill_todos(root: Path, written: list[str]) -> None:
    """What the team does next: write its own words where the fix left TODO (an address where
    the policy and the code of conduct want one)."""
    for name in written:
        path = root / name
        words = {"SECURITY.md": "securite@equipe.gouv.fr",
                 "CODE_OF_CONDUCT.md": "conduite@equipe.gouv.fr"}.get(name, "Rempli")
        path.write_text(MARKER.sub(words, path.read_text("utf-8")), "utf-8")


def _written(out: str) -> list[str]:
    return [line.split()[1] for line in out.splitlines() if line.startswith(("wrote ", "écrit "))]


def test_a_bare_startup_repository(run_cli: RunCli, tmp_path: Path) -> None:
    root = tmp_path / "bare"
    root.mkdir()
    (root / "README.md").write_text(
        "# Démarches\n\nCe service permet aux usagers de suivre leurs démarches en ligne. Il est "
        "utilisé par les agents des préfectures pour répondre aux demandes.\n\n## Installation\n\n"
        "```sh\nnpm install\nnpm start\n```\n")
    (root / "package.json").write_text(json.dumps({"name": "@betagouv/demarches",
                                                   "license": "MIT"}))
    _checkout(root)
    before = _statuses(run_cli, root)
    out = run_cli("fix", str(root), "--copyright-holder", "Préfecture de la Somme").stdout
    written = _written(out)
    assert sorted(written) == ["CODE_OF_CONDUCT.md", "CONTRIBUTING.md", "LICENSE", "SECURITY.md",
                               "publiccode.yml"]
    fixed = _statuses(run_cli, root)
    assert _regressions(before, fixed) == {}
    moved = _moved(before, fixed)
    assert moved["licence-file-present"] == ("fail", "pass")
    assert moved["publiccode-yml-present"] == ("fail", "pass")
    # The placeholders do not pass: publiccode.yml and the security contact wait for people.
    assert moved["publiccode-yml-valid"] == ("not_applicable", "review")
    assert fixed["security-policy-private-channel"] != "pass"
    # A DCO clause came with CONTRIBUTING; the 9 unsigned commits before it are not judged.
    assert (before["commits-signed-off"], fixed["commits-signed-off"]) == ("not_applicable",) * 2
    assert "Contribuer à demarches" in (root / "CONTRIBUTING.md").read_text()  # French README
    _fill_todos(root, written)
    filled = _statuses(run_cli, root)
    assert _regressions(fixed, filled) == {} and _regressions(before, filled) == {}
    # Only the placeholders' rules move, and only from review to pass (README and CONTRIBUTING
    # TODO markers join them where their rules read the marker).
    moved = _moved(fixed, filled)
    assert set(moved.values()) == {("review", "pass")}
    assert {"publiccode-yml-valid", "security-policy-private-channel",
            "code-of-conduct-present"} <= set(moved)


def test_adding_a_dco_clause_never_judges_the_commits_made_before_it(run_cli: RunCli,
                                                                     tmp_path: Path) -> None:
    root = tmp_path / "dco"
    root.mkdir()
    (root / "README.md").write_text("# Service\n\nRun it with `make run`.\n")
    (root / "CONTRIBUTING.md").write_text(
        "# Contributing\n\nOpen an issue, then a pull request; we review them every week and "
        "answer every contributor. Run the tests first.\n")
    _checkout(root)
    before = _statuses(run_cli, root)
    assert before["contribution-terms-state-dco"] == "fail"
    run_cli("fix", str(root), "--only", "dco-clause", "--lang", "en")
    after = _findings(run_cli, root)
    assert after["contribution-terms-state-dco"]["status"] == "pass"
    signed_off = after["commits-signed-off"]
    assert signed_off["status"] == "not_applicable"
    assert "the DCO is not committed yet" in signed_off["message"]
    # Committed (signed off), then five signed-off commits: those alone are judged, and pass,
    # although 9 of the 15 most recent commits carry no sign-off.
    git(root, "add", "CONTRIBUTING.md")
    git(root, "commit", "-q", "-s", "-m", "Adopt the DCO")
    _history(root, 5, signed=True)
    judged = _findings(run_cli, root)["commits-signed-off"]
    assert judged["status"] == "pass", judged["message"]
    assert "5 of the last 5 commits" in judged["message"]
    # An unsigned commit after it counts against the project, as it should.
    _history(root, 2)
    judged = _findings(run_cli, root)["commits-signed-off"]
    assert judged["status"] == "review" and "5 of the last 7 commits" in judged["message"]


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus is not beside this checkout")
@pytest.mark.parametrize("name", sorted(CORPUS_CASES))
def test_corpus_repositories(run_cli: RunCli, tmp_path: Path, name: str) -> None:
    root = tmp_path / name.split("__", 1)[1]
    shutil.copytree(CORPUS / name, root,
                    ignore=shutil.ignore_patterns("EXPECTED.json", "listing.txt"))
    _checkout(root)
    before = _statuses(run_cli, root)
    out = run_cli("fix", str(root), "--copyright-holder", "DINUM", *CORPUS_CASES[name]).stdout
    written = _written(out)
    assert written, out
    fixed = _statuses(run_cli, root)
    assert _regressions(before, fixed) == {}
    for rule, (_, now) in _moved(before, fixed).items():
        assert now in ("pass", "review"), (rule, now)
    _fill_todos(root, written)
    filled = _statuses(run_cli, root)
    assert _regressions(before, filled) == {} and _regressions(fixed, filled) == {}
    assert "review" not in {filled[r] for r in _moved(before, filled)}
