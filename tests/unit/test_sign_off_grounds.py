"""commits-signed-off says what it rests on and counts people only (issue 9).

Modelled on InseeFrLab/onyxia: a root DCO.md (the Linux Foundation DCO 1.1 text) and a
three-line web/CONTRIBUTING.md that only links to the documentation site; no guide asks for a
sign-off, and 11 of the recent commits are GitHub Actions' chart bumps by
``actions <actions@github.com>``.
"""

from __future__ import annotations

import typing as t
from pathlib import Path

import pytest

from scanner.collectors.commits import SAMPLE, CommitsCollector, automated
from scanner.collectors.community import CommunityCollector
from scanner.snapshot import Commit
from scanner.sources.memory import snapshot_from_files

DCO_TEXT = ("Developer Certificate of Origin\nVersion 1.1\n\nCopyright (C) 2004, 2006 The Linux "
            "Foundation and its contributors.\n\nEveryone is permitted to copy and distribute "
            "verbatim copies of this\nlicense document, but changing it is not allowed.\n")
WEB_GUIDE = ("Looking to contribute? Thank you! PR are more than welcome.\n\nTo get started, please "
             "refers to [the technical documentation](https://docs.onyxia.sh/contributing).\n")
PERSON = "garronej <joseph.garrone@protonmail.com>"
ACTIONS = "actions <actions@github.com>"


def _terms(files: dict[str, str | bytes]) -> dict[str, t.Any]:
    out = CommunityCollector().collect(snapshot_from_files(files), {"repository": {"url": None}})
    return t.cast(dict[str, t.Any], out["community"]["contributing"]["terms"])


def _commits(log: list[Commit]) -> dict[str, t.Any]:
    out = CommitsCollector().collect(snapshot_from_files({}, commits=log), {})
    return t.cast(dict[str, t.Any], out["commits"])


def test_a_bare_dco_text_beside_a_guide_is_a_text_not_a_sign_off_request() -> None:
    terms = _terms({"DCO.md": DCO_TEXT, "web/CONTRIBUTING.md": WEB_GUIDE})
    assert terms["dco"] is True and terms["dco_files"] == ["DCO.md"]
    assert terms["dco_file_only"] is True


@pytest.mark.parametrize("extra", [
    {"CONTRIBUTING.md": "# Contributing\n\nSign off every commit: `git commit --signoff`.\n"},
    {"CONTRIBUTING.md": "# Contributing\n\nContributions are accepted under the Developer "
                        "Certificate of Origin (see DCO.md).\n"},
    {".github/dco.yml": "require:\n  members: false\n"},
])
def test_wording_or_a_check_makes_the_dco_asked_for(extra: dict[str, str]) -> None:
    terms = _terms({"DCO.md": DCO_TEXT, "web/CONTRIBUTING.md": WEB_GUIDE, **extra})
    assert terms["dco"] is True and terms["dco_file_only"] is False


def test_no_dco_at_all_is_not_file_only() -> None:
    terms = _terms({"CONTRIBUTING.md": "# Contributing\n\nOpen a pull request.\n"})
    assert terms["dco"] is False and terms["dco_file_only"] is False


@pytest.mark.parametrize("author", [
    ACTIONS,
    "GitHub Action <action@github.com>",
    "github-actions[bot] <41898282+github-actions[bot]@users.noreply.github.com>",
    "github-actions <github-actions@github.com>",
    "dependabot[bot] <49699333+dependabot[bot]@users.noreply.github.com>",
    "dependabot-preview <support@dependabot.com>",
    "Renovate Bot <bot@renovateapp.com>",
    "renovate <renovate@whitesourcesoftware.com>",
    "semantic-release-bot <semantic-release-bot@martynus.net>",
    "Sample Token <project_278964_bot_3e0c1f8a2b@noreply.gitlab.com>",
    "release <project_12_bot@noreply.gitlab.example.gouv.fr>",
    "deploy <group_7_bot_a1b2@noreply.git.example.fr>",
    "ci_bot <ci@example.gouv.fr>",
    # SocialGouv's semantic-release machine user ("chore(release): version 1.9.2").
    "SocialGroovyBot <45039513+SocialGroovyBot@users.noreply.github.com>",
    "Social Groovy Bot <45039513+SocialGroovyBot@users.noreply.github.com>",
    "pyup.io bot <github-bot@pyup.io>",
    "allcontributors[bot] <46447321+allcontributors[bot]@users.noreply.github.com>",
])
def test_automation_is_recognised(author: str) -> None:
    assert automated(author)


@pytest.mark.parametrize("author", [
    "Jean Abbott <jean.abbott@example.gouv.fr>",
    "Marie Talbot <mtalbot@example.gouv.fr>",
    "olivier-rabot <olivier.rabot@sg.social.gouv.fr>",  # a person (SocialGouv), not a robot
    "ABBOTT Jean <jean.abbott@example.gouv.fr>",
    "Botond Kiss <botond@example.org>",
    "Ada <1234-ada@users.noreply.gitlab.com>",  # a person's GitLab no-reply address
    "Ada <81740200+ada@users.noreply.github.com>",  # a person's GitHub no-reply address
    "Ada <ada+actions@example.org>",
    "Robot Framework fan <robotfan@example.org>",
    PERSON,
])
def test_people_stay_counted(author: str) -> None:
    assert not automated(author)


def test_github_actions_commits_are_left_out_and_counted() -> None:
    """InseeFrLab/onyxia: 11 "Automatic minor bump of chart version" commits by
    actions <actions@github.com> among the maintainer's; none signed off."""
    log = []
    for number in range(60):
        bump = number % 5 == 0 and number < 55
        log.append(Commit(f"{number:040d}",
                          "Automatic patch bump of chart version" if bump else f"#{number}",
                          author=ACTIONS if bump else PERSON))
    facts = _commits(log)
    assert facts["sampled"] == 49 and facts["bots_excluded"] == 11
    assert facts["signed_off"] == 0 and facts["signed_off_ratio"] == 0.0


def test_bots_beyond_the_sample_are_not_said_to_be_left_out() -> None:
    log = [Commit(f"{n:040d}", "x", author=PERSON) for n in range(SAMPLE)]
    log += [Commit(f"b{n:039d}", "bump", author=ACTIONS) for n in range(5)]
    facts = _commits(log)
    assert facts["sampled"] == SAMPLE and facts["bots_excluded"] == 0


def _scan(root: Path) -> dict[str, t.Any]:
    from scanner.engine.loader import load_ruleset
    from scanner.run import ScanOptions, scan_snapshot
    from scanner.sources.local import local_snapshot

    card = scan_snapshot(local_snapshot(root), ScanOptions(targets=[], ruleset=load_ruleset([])))
    return {f["rule"]: f for f in card["findings"]}


def _repository(root: Path, guide: str | None) -> None:
    from tests.support import git

    root.mkdir()
    (root / "DCO.md").write_text(DCO_TEXT)
    (root / "web").mkdir()
    (root / "web" / "CONTRIBUTING.md").write_text(WEB_GUIDE)
    if guide is not None:
        (root / "CONTRIBUTING.md").write_text(guide)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Add DCO")
    for number in range(8):
        author = ACTIONS if number % 4 == 0 else PERSON
        git(root, "commit", "-q", "--allow-empty", "--author", author, "-m", f"change {number}")


def test_a_bare_dco_text_gives_a_review_that_says_what_it_rests_on(tmp_path: Path) -> None:
    _repository(tmp_path / "repo", None)
    findings = _scan(tmp_path / "repo")
    finding = findings["commits-signed-off"]
    assert finding["status"] == "review"
    assert finding["message"].startswith(
        "A DCO text is shipped (DCO.md) but no guide or check asks for a sign-off; 0 of the last "
        "6 commits by people (0%) carry a Signed-off-by trailer")
    assert "2 automated commit(s) left out" in finding["message"]
    assert "ask for a DCO sign-off" not in finding["message"]
    assert findings["contribution-terms-state-dco"]["status"] == "not_applicable"


def test_a_guide_asking_for_sign_off_still_fails_unsigned_commits(tmp_path: Path) -> None:
    guide = ("# Contributing\n\nOpen a pull request. Sign off every commit "
             "(`git commit --signoff`, Developer Certificate of Origin in DCO.md).\n")
    _repository(tmp_path / "repo", guide)
    finding = _scan(tmp_path / "repo")["commits-signed-off"]
    assert finding["status"] == "fail"
    assert finding["message"].startswith("The contribution terms ask for a DCO sign-off")


def test_the_review_says_the_same_facts_in_french() -> None:
    from scanner.engine.evaluate import evaluate
    from scanner.engine.loader import load_ruleset
    from tests.support import baseline_facts, merge_patch

    facts = merge_patch(baseline_facts(), {
        "commits": {"available": True, "sampled": 50, "signed_off": 0, "signed_off_ratio": 0.0,
                    "bots_excluded": 11, "history": "100 commit(s) read",
                    "history_fr": "100 commit(s) lu(s)"},
        "community": {"contributing": {"terms": {"dco": True, "dco_file_only": True,
                                                 "dco_files": ["DCO.md"]}}}})
    rule = load_ruleset([]).get("commits-signed-off")
    assert rule is not None
    finding = evaluate(rule, facts).to_dict("fr")
    assert finding["status"] == "review"
    assert finding["message"].startswith(
        "Un texte de DCO est fourni (DCO.md) mais aucun guide ni aucune vérification ne demande "
        "de signer les commits ; 0 des 50 derniers commits de personnes (0%) portent")
    assert "11 commit(s) automatisé(s) écarté(s)" in finding["message"]
