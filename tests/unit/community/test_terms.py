"""DCO and CLA wording, French and English, with negations and look-alikes."""

from __future__ import annotations

import pytest

from scanner.community import terms


def _kinds(text: str) -> set[str]:
    return {s.kind for s in terms.dco_signals(text, "C.md") if not s.negated}


@pytest.mark.parametrize("text", [
    "By contributing you accept the Developer Certificate of Origin.",
    "See https://developercertificate.org for the terms.",
    "Chaque contribution est accompagnée du certificat d'origine des contributions.",
    "Faites-nous parvenir le certificat de garantie de l'origine du développeur.",
])
def test_dco_wording(text: str) -> None:
    signals = terms.dco_signals(text, "C.md")
    assert terms.mentions_dco(signals)


@pytest.mark.parametrize("text", [
    "Every commit needs a Signed-off-by trailer.",
    "Please sign off your commits.",
    "We only accept contributions if they are *signed off* with your real name.",
    "Use `git commit -s`.",
    "Use `git commit -sm 'message'`.",
    "git commit --signoff",
])
def test_sign_off_wording(text: str) -> None:
    assert terms.mentions_sign_off(terms.dco_signals(text, "C.md"))


def test_approval_sign_off_is_not_a_dco() -> None:
    signals = terms.dco_signals("The product owner must sign off the design.", "C.md")
    assert not terms.mentions_sign_off(signals)


def test_gpg_signing_is_not_a_sign_off() -> None:
    assert not terms.mentions_sign_off(terms.dco_signals("Sign with `git commit -S`.", "C.md"))
    assert _kinds("We sign our releases with GPG.") == set()


@pytest.mark.parametrize("text", [
    "You must sign our Contributor License Agreement first.",
    "Please sign the CLA before we merge.",
    "[![CLA assistant](https://cla-assistant.io/readme/badge/o/r)]",
    "veuillez prendre connaissance de la cession des droits d'auteur",
    "Contributors assign copyright to the Foundation.",
])
def test_cla_wording(text: str) -> None:
    assert terms.mentions_cla(terms.cla_signals(text, "C.md"))


@pytest.mark.parametrize("text", [
    "Nous n'utilisons pas de CLA.",
    "We do not require a Contributor License Agreement.",
    "Les projets publiés par l'État n'exigent pas de droits spécifiques (pas d'utilisation de CLA).",
    "Aucun accord de cession de droits n'est demandé.",
    "No CLA needed.",
    "Les contributions sont sous la licence du projet. Aucun accord de licence de\n"
    "contributeur (CLA) ni cession de droits n'est demandé.",
])
def test_refusing_a_cla_is_not_requiring_one(text: str) -> None:
    signals = terms.cla_signals(text, "C.md")
    assert signals, "the phrase is still recorded as evidence"
    assert all(s.negated for s in signals)
    assert not terms.mentions_cla(signals)


def test_claude_md_and_words_containing_cla_are_not_cla() -> None:
    assert terms.cla_signals("See CLAUDE.md; we declare classes.", "C.md") == []


def test_signal_quotes_its_line() -> None:
    text = "# Contribuer\n\nMerci !\nSignez avec `git commit --signoff`.\n"
    signal = next(s for s in terms.dco_signals(text, "CONTRIBUTING.md")
                  if s.kind == "sign-off-command")
    assert (signal.path, signal.line) == ("CONTRIBUTING.md", 4)
    assert signal.quote == "Signez avec `git commit --signoff`."


def test_naming_a_cla_is_not_requiring_one() -> None:
    text = "civiscan reads CONTRIBUTING and its terms — DCO, CLA — and the code of conduct.\n"
    assert terms.cla_signals(text, "README.md") == []
    assert terms.cla_signals("Unlike a CLA, the DCO is a simple statement.", "C.md") == []


def test_cla_in_an_example_code_block_is_ignored() -> None:
    from scanner.community.markup import parse

    text = "# Config\n\n```yaml\njustification: The upstream foundation requires its CLA.\n```\n"
    doc = parse(text, "README.md")
    assert terms.cla_signals(text, "README.md", doc.code_lines()) == []
    assert terms.cla_signals(text, "README.md")  # outside a code block it would count
