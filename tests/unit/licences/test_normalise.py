"""Normalisation follows the SPDX matching guidelines the same way for references and inputs."""

from __future__ import annotations

from scanner.licences.normalise import analyse, fold, words


def test_copyright_lines_and_all_rights_reserved_are_not_significant() -> None:
    a = words("Copyright (c) 2019 DINSIC\nAll rights reserved.\nPermission is granted.")
    b = words("© 2024 Someone Else\nPermission is granted.")
    assert a == b == ["permission", "is", "granted"]


def test_a_sentence_starting_with_copyright_is_kept() -> None:
    assert words("copyright notice and this permission notice")[:2] == ["copyright", "notice"]


def test_markdown_bullets_enumerators_and_links_are_not_significant() -> None:
    plain = words("1. Definitions.\n(a) You must give a copy.\nSee https://fsf.org/ for more")
    markdown = words("## **Definitions.**\n- You must give a copy.\nSee "
                     "[https://fsf.org/](https://fsf.org/) for more")
    assert plain == markdown


def test_rewrapped_list_items_lose_their_enumerators() -> None:
    assert words("conditions: (b) You must") == words("conditions:\n b) You must")
    assert words("notice. 2. Redistributions") == words("notice.\n2. Redistributions")


def test_equivalent_spellings_and_accents_fold() -> None:
    assert words("Licence Ouverte, autorisée") == ["license", "ouverte", "autorisee"]
    assert words("https://x") == words("http://x")
    assert fold("RÉUTILISATION") == "reutilisation"


def test_copyright_line_is_reported() -> None:
    assert analyse("x\nCopyright (C) 2007 Free Software Foundation\n")[1]
    assert not analyse("The above copyright notice shall be included")[1]
