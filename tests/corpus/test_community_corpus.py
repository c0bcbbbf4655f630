"""Community files and publiccode.yml against the hand labels of the corpus (EXPECTED.json).

Target: 100% on presence and path. Each field is its own test so a disagreement names the
repository and the field.
"""

from __future__ import annotations

import functools
import json
import typing as t
from pathlib import Path

import pytest

from scanner.facts import build_facts
from tests.support import corpus_repos, corpus_snapshot

REPOS = corpus_repos()
pytestmark = pytest.mark.skipif(not REPOS, reason="corpus not available")


@functools.cache
def _facts(folder: Path) -> dict[str, t.Any]:
    return build_facts(corpus_snapshot(folder))


def _expected(folder: Path) -> dict[str, t.Any]:
    return t.cast(dict[str, t.Any], json.loads((folder / "EXPECTED.json").read_text()))


def _ids(repos: list[Path]) -> list[str]:
    return [r.name for r in repos]


ROLE_FIELDS = {"readme": "readme", "contributing": "contributing",
               "code_of_conduct": "code_of_conduct", "security_policy": "security_policy"}


@pytest.mark.parametrize("folder", REPOS, ids=_ids(REPOS))
@pytest.mark.parametrize("role", sorted(ROLE_FIELDS))
def test_role_paths(folder: Path, role: str) -> None:
    facts = _facts(folder)
    assert facts["community"][role]["path"] == _expected(folder)[ROLE_FIELDS[role]]


@pytest.mark.parametrize("folder", REPOS, ids=_ids(REPOS))
def test_contributing_pointer_target(folder: Path) -> None:
    expected = _expected(folder).get("contributing_target")
    assert _facts(folder)["community"]["contributing"].get("target") == expected


@pytest.mark.parametrize("folder", REPOS, ids=_ids(REPOS))
def test_contribution_terms(folder: Path) -> None:
    expected = _expected(folder).get("contribution_terms") or {}
    terms = _facts(folder)["community"]["contributing"]["terms"]
    assert terms["mentions_dco"] is bool(expected.get("mentions_dco"))
    assert terms["mentions_signed_off_by"] is bool(expected.get("mentions_signed_off_by"))
    assert terms["mentions_cla"] is bool(expected.get("mentions_cla"))
    # The stable facts: a CLA wording always makes cla true; dco also counts DCO files at the
    # root (ProgrammeVitam/sedatools ships DCO.txt and DCO-fr.txt without mentioning them).
    assert terms["cla"] is bool(expected.get("mentions_cla"))
    if expected.get("mentions_dco") or expected.get("mentions_signed_off_by"):
        assert terms["dco"] is True


@pytest.mark.parametrize("folder", REPOS, ids=_ids(REPOS))
def test_contribution_terms_quote_the_labelled_phrases(folder: Path) -> None:
    expected = _expected(folder).get("contribution_terms") or {}
    if not expected.get("quote"):
        return
    quotes = " ".join(_facts(folder)["community"]["contributing"]["terms"]["dco_quotes"]
                      + _facts(folder)["community"]["contributing"]["terms"]["cla_quotes"])
    for phrase in expected["quote"].split(" | "):
        # Each labelled phrase is on a line civiscan quoted (compare a distinctive prefix).
        assert phrase[:40] in quotes or phrase.replace("*", "")[:40] in quotes, phrase


@pytest.mark.parametrize("folder", REPOS, ids=_ids(REPOS))
def test_security_txt(folder: Path) -> None:
    expected = _expected(folder).get("security_txt")
    found = _facts(folder)["community"]["security_policy"]["security_txt"]
    assert found == ([expected] if expected else [])


@pytest.mark.parametrize("folder", REPOS, ids=_ids(REPOS))
def test_security_policies_found_give_a_private_channel(folder: Path) -> None:
    policy = _facts(folder)["community"]["security_policy"]
    if policy["path"] and policy["readable"]:
        assert policy["private_channel"] is True


@pytest.mark.parametrize("folder", REPOS, ids=_ids(REPOS))
def test_publiccode(folder: Path) -> None:
    expected = _expected(folder)
    section = _facts(folder)["publiccode"]
    assert section["path"] == expected.get("publiccode_yml")
    assert section["version"] == expected.get("publiccode_yml_version")
    assert section["legal_license"] == expected.get("publiccode_legal_license")


@pytest.mark.parametrize("folder", REPOS, ids=_ids(REPOS))
def test_no_problems_from_community_or_publiccode(folder: Path) -> None:
    problems = [p for p in _facts(folder)["problems"]
                if p["source"] in ("community", "publiccode")]
    assert problems == []
