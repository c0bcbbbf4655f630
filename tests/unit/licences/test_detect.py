"""Licence detection on the texts repositories really hold."""

from __future__ import annotations

import re

from scanner.licences.detect import ACCEPT, NOASSERTION, detect
from tests.unit.licences.conftest import MIT


def test_mit_with_copyright_line_is_exact() -> None:
    found = detect(MIT)
    assert (found.spdx, found.method, found.confidence) == ("MIT", "exact", 1.0)
    assert found.copyright


def test_mit_rewrapped_and_in_markdown() -> None:
    body = " ".join(MIT.split("\n\n", 2)[2].split())
    text = "# MIT License\n\n**Copyright** (c) 2023 DINUM\n\n" + re.sub(
        r"(.{1,50})(\s|$)", r"\1\n", body)
    assert detect(text).spdx == "MIT"


def test_french_preamble_without_copyright_line_keeps_mit() -> None:
    text = ("Le contenu de ce dépôt est placé sous licence MIT, à l'exception de la fonte "
            "Marianne. Voir les conditions générales d'utilisation.\n\n"
            + MIT.split("\n\n", 2)[2])
    found = detect(text)
    assert found.spdx == "MIT"
    assert found.confidence >= ACCEPT


def test_gnu_text_alone_is_only_and_says_so(agpl: str) -> None:
    found = detect(agpl)
    assert found.spdx == "AGPL-3.0-only"
    assert found.version_basis == "text"
    assert "AGPL-3.0-or-later" in found.equivalents


def test_gpl_is_not_taken_for_agpl(gpl: str) -> None:
    assert detect(gpl).spdx == "GPL-3.0-only"


def test_or_later_notice_above_the_text(gpl: str) -> None:
    notice = ("This program is free software: you can redistribute it and/or modify it under "
              "the terms of the GNU General Public License as published by the Free Software "
              "Foundation, either version 3 of the License, or (at your option) any later "
              "version.\n\n")
    found = detect(notice + gpl)
    assert (found.spdx, found.version_basis) == ("GPL-3.0-or-later", "notice")


def test_text_without_the_how_to_apply_appendix(agpl: str) -> None:
    cut = agpl[:agpl.index("How to Apply")]
    assert detect(cut).spdx == "AGPL-3.0-only"


def test_apache_without_appendix_is_apache_not_a_variant(apache: str) -> None:
    cut = apache[:apache.index("APPENDIX")]
    assert detect(cut).spdx == "Apache-2.0"


def test_two_licences_in_one_file_are_both_reported(apache: str) -> None:
    found = detect(MIT + "\n\n" + apache)
    assert found.spdx == "Apache-2.0 AND MIT"
    assert set(found.licences) == {"MIT", "Apache-2.0"}


def test_two_licences_stated_as_a_choice(apache: str) -> None:
    text = "This project is dual licensed: use it under either licence.\n\n" + MIT + apache
    assert detect(text).spdx == "Apache-2.0 OR MIT"


def test_a_file_that_only_names_a_licence() -> None:
    assert detect("MIT").spdx == "MIT"
    found = detect("This software is governed by the CeCILL-C license under French law.")
    assert (found.spdx, found.method) == ("CECILL-C", "notice")
    assert detect("SPDX-License-Identifier: EUPL-1.2").spdx == "EUPL-1.2"


def test_a_gnu_notice_says_only_or_later_or_neither() -> None:
    # "GNU AGPL v3" says neither "only" nor "or later": the family, no invented suffix
    named = detect("Licensed under the GNU AGPL v3")
    assert (named.spdx, named.version_basis) == ("AGPL-3.0", "unstated")
    assert detect("Licensed under the GNU AGPL v3 only").spdx == "AGPL-3.0-only"
    assert detect("Licence : AGPL 3 ou plus récente").spdx == "AGPL-3.0-or-later"
    assert detect("License: GPL-3.0+").spdx == "GPL-3.0-or-later"


def test_a_pointer_to_another_file() -> None:
    found = detect("See LICENSE.md")
    assert found.spdx == NOASSERTION
    assert (found.method, found.references) == ("reference", ("LICENSE.md",))


def test_modified_text_is_noassertion_with_candidates() -> None:
    lines = MIT.split("\n\n")
    modified = "\n\n".join([*lines[:3], "This software may only be used by administrations "
                            "of the French State for non-commercial purposes, in France.",
                            lines[-1]])
    found = detect(modified)
    assert found.spdx == NOASSERTION
    assert found.candidates and found.candidates[0].spdx == "MIT"


def test_nonsense_has_no_candidates() -> None:
    found = detect("lorem ipsum dolor sit amet " * 40)
    assert (found.spdx, found.candidates) == (NOASSERTION, ())
    assert detect("").spdx == NOASSERTION


def test_french_eupl_is_recognised_by_its_title() -> None:
    text = ("LICENCE PUBLIQUE DE L'UNION EUROPÉENNE v. 1.2\nEUPL © Union européenne 2007, 2016\n\n"
            + "La présente licence publique de l'Union européenne s'applique à l'œuvre. " * 60)
    found = detect(text)
    assert (found.spdx, found.method) == ("EUPL-1.2", "title")


def test_hostile_texts_end_quickly() -> None:
    import time

    start = time.perf_counter()
    assert detect("\x00\x01\ufffd" * 50_000).spdx == NOASSERTION
    assert detect("(" * 20_000 + "a) " * 20_000).spdx == NOASSERTION
    assert detect(("word " * 200 + "\n") * 500).spdx == NOASSERTION
    assert time.perf_counter() - start < 5


def test_a_licence_only_said_compatible_is_not_granted() -> None:
    english = ("The source code is licensed under the MIT license. The documentation is "
               "published under the Licence Ouverte 2.0, which is compatible with the "
               "Creative Commons CC-BY 4.0 license.")
    french = ("Le code source est publié sous licence MIT ; la documentation est publiée sous "
              "Licence Ouverte 2.0, compatible avec la licence CC-BY 4.0.")
    for text in (english, french):
        assert detect(text).spdx == "MIT AND etalab-2.0"


def test_compatible_in_another_sentence_does_not_hide_the_grant() -> None:
    assert detect("Compatible with Node 18. MIT licensed.").spdx == "MIT"
    assert detect("This project is licensed under the MIT license, compatible with the "
                  "GPL-3.0.").spdx == "MIT"
    assert detect("Compatible avec Python 3 et distribué sous licence MIT.").spdx == "MIT"


def test_a_gnu_licence_named_twice_in_a_notice_is_one_licence() -> None:
    text = ("# Licences\n\n## MIT\n\nThe `web/` folder is licensed under MIT.\n\n## GPL-3.0\n\n"
            "Everything else is licensed under GPL-3.0-or-later.\n")
    found = detect(text)
    assert found.spdx == "GPL-3.0-or-later AND MIT"
    assert found.licences == ("GPL-3.0-or-later", "MIT")
    only = detect("Ce projet est sous licence AGPL-3.0 (identifiant SPDX : AGPL-3.0-only).")
    assert only.spdx == "AGPL-3.0-only"


def test_a_licence_named_only_by_a_file_name_is_not_granted() -> None:
    text = ("Code: [CeCILL 2.1](http://www.cecill.info/licences/Licence_CeCILL_V2.1-en.txt).\n\n"
            "Documentation: [Licence Ouverte 2.0](./Licence_Ouverte_2.0.txt); the Licence Ouverte "
            "is compatible with CC-BY 2.0; a copy is included in the "
            "[Licence\\_CC-BY\\_2.0-en.txt](./Licence_CC-BY_2.0-en.txt) file.\n")
    assert detect(text).spdx == "CECILL-2.1 AND etalab-2.0"


def test_french_gnu_names_and_later_clauses() -> None:
    cases = {
        "Le greffon est publié sous licence GPL v2 ou ultérieure.": "GPL-2.0-or-later",
        "Licence : AGPL-3.0-ou-ultérieure": "AGPL-3.0-or-later",
        "Ce logiciel est placé sous la licence publique générale GNU Affero version 3 ou "
        "ultérieure.": "AGPL-3.0-or-later",
        "Ce logiciel est placé sous la Licence Publique Générale GNU version 3.": "GPL-3.0",
        "Distribué sous la licence publique générale limitée GNU v2.1, ou à votre choix une "
        "version ultérieure.": "LGPL-2.1-or-later",
        "Distribué selon la licence publique de l'Union européenne (EUPL) version 1.2.":
            "EUPL-1.2",
        # "ultérieures" about something else, in another sentence, says nothing of the licence
        "Ce code est sous GPL v3. Les versions ultérieures du guide suivront.": "GPL-3.0",
    }
    for text, expected in cases.items():
        assert detect(text).spdx == expected, text


def test_french_standard_headers_and_their_later_clause() -> None:
    cases = {
        # the EUPL's own French header ("Concédée sous licence EUPL, version 1.1 ou ...")
        "Concédée sous licence EUPL, version 1.1 ou – dès leur approbation par la Commission "
        "européenne - versions ultérieures de l'EUPL (la « Licence »).": "EUPL-1.1",
        # the GNU header without its "est un logiciel libre" opening, "du" GNU ... licence
        "Vous pouvez le redistribuer et/ou le modifier selon les termes du GNU Lesser General "
        "Public License publiée par la Free Software Foundation ; soit la version 3 de la "
        "licence, ou toute version ultérieure.": "LGPL-3.0-or-later",
        "Ce module est un logiciel libre ; vous pouvez le redistribuer et/ou le modifier selon "
        "les termes de la Licence Publique Générale GNU telle que publiée par la Free Software "
        "Foundation, version 2 de la licence, ou toute version ultérieure.": "GPL-2.0-or-later",
        "Ce module est un logiciel libre ; vous pouvez le redistribuer et/ou le modifier selon "
        "les termes de la Licence Publique Générale GNU telle que publiée par la Free Software "
        "Foundation, version 2 de la licence.": "GPL-2.0-only",
        # an English name in parentheses between the French name and the version
        "Diffusé selon la licence publique générale GNU (GNU General Public License, GNU GPL) "
        "version 3 ou toute version ultérieure.": "GPL-3.0-or-later",
    }
    for text, expected in cases.items():
        assert detect(text).spdx == expected, text


def test_the_eupl_under_its_french_name_with_any_version_spelling() -> None:
    assert detect("Ce logiciel est distribué sous la licence publique de l'Union européenne, "
                  "version 1.2.").spdx == "EUPL-1.2"
    assert detect("Licensed under the European Union Public Licence v 1.1.").spdx == "EUPL-1.1"
