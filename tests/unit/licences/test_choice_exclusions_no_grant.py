"""Audit H (issue 9): a licence file offering a choice, a licence file's stated exclusions, and a
README licence section that grants no licence."""

from __future__ import annotations

from scanner.licences.choice import sections
from scanner.licences.detect import NOASSERTION, detect
from scanner.licences.exclusions import exclusions
from scanner.licences.notices import states_choice
from tests.unit.licences.conftest import MIT
from tests.unit.licences.test_trust import facts, finding

CODE = {"src/main.c": "int main(void) { return 0; }\n"}

GPL2_LATER_NOTICE = """\
Copyright (C) 2017
All rights reserved.

This program is free software; you can redistribute it and/or
modify it under the terms of the GNU General Public License
as published by the Free Software Foundation; either version 2
of the License, or (at your option) any later version.

This program is distributed in the hope that it will be useful,
but WITHOUT ANY WARRANTY; without even the implied warranty of
MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
GNU General Public License for more details.

You should have received a copy of the GNU General Public License
along with this program; if not, write to the Free Software
Foundation, Inc., 51 Franklin Street, Fifth Floor, Boston, MA  02110-1301, USA.
"""

BSD2 = """\
Copyright (C) 2017
All rights reserved.

Redistribution and use in source and binary forms, with or without
modification, are permitted provided that the following conditions are met:

1. Redistributions of source code must retain the above copyright notice, this
   list of conditions and the following disclaimer.
2. Redistributions in binary form must reproduce the above copyright notice,
   this list of conditions and the following disclaimer in the documentation
   and/or other materials provided with the distribution.

THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS" AND
ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED
WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE
DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT OWNER OR CONTRIBUTORS BE LIABLE FOR
ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL DAMAGES
(INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR SERVICES;
LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER CAUSED AND
ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY, OR TORT
(INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE OF THIS
SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.
"""

# ANSSI-FR/libecc LICENSE: a choice stated on lines 1-2, a GPL-2.0-or-later notice under one
# heading, the BSD-2-Clause text under another.
DUAL = ("The files in this project are provided under a dual BSD/GPLv2 license. When\n"
        "using or redistributing this software, you may do so under either license.\n\n\n"
        "GPLv2 License summary\n---------------------\n\n" + GPL2_LATER_NOTICE
        + "\n\nBSD License\n-----------\n\n" + BSD2)


# --- 1. a licence file offering a choice ------------------------------------------------------

def test_a_dual_licence_file_is_the_or_of_its_sections() -> None:
    found = detect(DUAL)
    assert found.spdx == "BSD-2-Clause OR GPL-2.0-or-later"
    assert found.version_basis == "notice"
    assert [spdx for _, spdx in found.options] == ["GPL-2.0-or-later", "BSD-2-Clause"]
    assert [line for line, _ in found.options] == [5, 26]
    document = facts({"LICENSE": DUAL, **CODE})
    licence = document["licence"]
    assert (licence["spdx"], licence["operator"]) == ("BSD-2-Clause OR GPL-2.0-or-later", "OR")
    status, en, fr = finding(document, "licence-recognised")
    assert status == "pass"
    assert "LICENSE, which offers them as a choice (LICENSE:5, LICENSE:26)" in en
    assert "qui les offre au choix (LICENSE:5, LICENSE:26)" in fr
    # the BSD-2-Clause option is on the decree's list
    assert finding(document, "licence-authorised")[0] == "pass"


def test_a_choice_said_in_markdown_headings_and_french() -> None:
    text = ("Ce logiciel est distribué sous votre choix de l'une des deux licences ci-dessous.\n\n"
            "## Option 1\n\n" + MIT + "\n## Option 2\n\n" + GPL2_LATER_NOTICE)
    assert detect(text).spdx == "GPL-2.0-or-later OR MIT"


def test_an_unidentified_option_is_a_review_naming_both() -> None:
    # The BSD text with a clause of its own added: one option civiscan cannot identify.
    altered = BSD2.replace("3. Neither", "").replace(
        "and/or other materials provided with the distribution.\n",
        "and/or other materials provided with the distribution.\n"
        "3. This software may not be used by any military organisation, for any purpose, nor\n"
        "   by any company selling weapons, nor in any product related to surveillance, nor\n"
        "   in any system that processes personal data without the explicit consent of all.\n")
    text = DUAL.replace(BSD2, altered)
    found = detect(text)
    assert found.spdx == NOASSERTION
    assert dict((s, line) for line, s in found.options) == {"GPL-2.0-or-later": 5,
                                                             NOASSERTION: 26}
    document = facts({"LICENSE": text, **CODE})
    status, en, fr = finding(document, "licence-recognised")
    assert status == "review"
    assert ("LICENSE offers a choice between licences (LICENSE:5 GPL-2.0-or-later; LICENSE:26 a "
            "licence text civiscan cannot identify)") in en
    assert "offre le choix entre plusieurs licences" in fr


def test_a_licence_named_in_passing_is_no_option() -> None:
    # Negative: the MIT text under a head that mentions another licence and "either" in
    # passing, with a section that only names the Apache licence: no OR.
    text = ("Dual licensing was discussed; this project is under either license text below "
            "only.\n\n\n" + MIT + "\n\n\nThird-party code\n----------------\n\n"
            "The vendored parser in lib/ is distributed under the Apache License 2.0.\n")
    found = detect(text)
    assert found.spdx == "MIT"
    assert not found.options
    # Negative: without a choice stated up front, two sections are not read as options.
    plain = "Licence\n-------\n\n" + MIT + "\n\n\nNotice\n------\n\n" + GPL2_LATER_NOTICE
    assert states_choice(plain[:500]) is False
    assert " OR " not in detect(plain).spdx
    # Negative: a GNU notice's own "either version 2 ... or (at your option) any later version"
    # is about versions, not a choice between licences.
    assert detect(GPL2_LATER_NOTICE).spdx == "GPL-2.0-or-later"
    assert not detect(GPL2_LATER_NOTICE).options


def test_sections_are_cut_at_headings_rules_and_blank_runs() -> None:
    cut = sections("head\n\n\nA\n---\nbody a\n\n# B\nbody b\n\n***\n\nc")
    assert [s.line for s in cut] == [1, 4, 8, 11]
    assert sections("") == []


# --- 2. exclusions stated in a licence file --------------------------------------------------

# GouvernementFR/dsfr LICENSE.md:1-2, above the MIT text.
DSFR = ("Le contenu de ce dépôt est placé sous licence MIT License, à l'exception de la fonte "
        "Marianne. \nVoir les [conditions générales d'utilisation](doc/legal/cgu.md)\n\n"
        + MIT.split("\n", 2)[2])


def test_an_exclusion_above_the_mit_text_is_said_and_the_pass_kept() -> None:
    assert exclusions(DSFR, ["MIT"]) == [{
        "line": 1, "quote": "Le contenu de ce dépôt est placé sous licence MIT License, à "
                            "l'exception de la fonte Marianne."}]
    document = facts({"LICENSE.md": DSFR, **CODE})
    status, en, fr = finding(document, "licence-recognised")
    assert status == "pass"
    assert en.startswith("Licence identified: MIT (from: licence file LICENSE.md; with an "
                         "exclusion stated in LICENSE.md:1 (« Le contenu de ce dépôt")
    assert "avec une exclusion énoncée en LICENSE.md:1" in fr


def test_licence_texts_own_exception_words_are_no_exclusion(apache: str, gpl: str) -> None:
    # Negative: the standard MIT, Apache-2.0 and GPL texts ("except as required",
    # "excluding communications") state no exclusion; nor does "sauf mention contraire".
    assert exclusions(MIT, ["MIT"]) == []
    assert exclusions(apache, ["Apache-2.0"]) == []
    assert exclusions(gpl, ["GPL-3.0-only"]) == []
    assert exclusions("Sauf mention contraire, le code est sous licence MIT.\n\n" + MIT,
                      ["MIT"]) == []
    document = facts({"LICENSE": MIT, **CODE})
    assert "exclusion" not in finding(document, "licence-recognised")[1]


# --- 3. a README licence section granting none ----------------------------------------------

# gip-inclusion/autometa README.md:238-240, no licence file; a vendored skill's own terms.
AUTOMETA_README = ("# Autometa\n\nAssistant interne.\n\n## Évaluations\n\nLancer les évals.\n\n"
                   "## Licence\n\nProjet interne GIP Plateforme de l'inclusion.\n")
VENDORED = ("© 2025 Anthropic, PBC. All rights reserved.\n\nLICENSE: Use of these materials is "
            "governed by your agreement with Anthropic.\n")


def test_a_readme_saying_internal_project_grants_no_licence() -> None:
    document = facts({"README.md": AUTOMETA_README, "skills/pdf/LICENSE.txt": VENDORED, **CODE})
    licence = document["licence"]
    assert (licence["method"], licence["spdx"]) == ("no-grant", "NOASSERTION")
    status, en, fr = finding(document, "licence-recognised")
    assert status == "fail"
    assert ("names no licence and says « Projet interne GIP Plateforme de l'inclusion. » "
            "(README.md:11), which grants none") in en
    assert "(README.md:11), ce qui n'en accorde aucune" in fr
    assert "sub-package" not in en
    assert finding(document, "licence-authorised")[0] == "not_applicable"
    status, en, fr = finding(document, "licence-file-present")
    assert status == "fail"
    assert "Licence files in sub-folders (each for its own folder): skills/pdf/LICENSE.txt" in en
    assert "no licence, « Projet interne GIP Plateforme de l'inclusion. »" in en


def test_other_no_grant_wordings() -> None:
    for said in ("Tous droits réservés.", "Proprietary software, all rights reserved.",
                 "Code à usage interne uniquement."):
        readme = f"# X\n\nWhat it does.\n\n## License\n\n{said}\n"
        assert facts({"README.md": readme, **CODE})["licence"]["method"] == "no-grant", said


def test_a_no_grant_readme_is_not_the_licence_over_a_file_or_a_declaration() -> None:
    # Negative: a README naming a licence is that licence, not a refusal.
    named = facts({"README.md": "# X\n\n## Licence\n\nProjet sous licence MIT.\n", **CODE})
    assert named["licence"]["spdx"] == "MIT"
    # Negative: a licence file decides; the README's words do not make it no-grant.
    with_file = facts({"LICENSE": MIT, "README.md": AUTOMETA_README, **CODE})
    assert with_file["licence"]["spdx"] == "MIT"
    # Negative: the root metadata names a licence: it is the repository's, as before.
    package = '{"name": "x", "version": "1.0.0", "license": "MIT"}'
    declared = facts({"package.json": package, "README.md": AUTOMETA_README, **CODE})
    assert declared["licence"]["method"] == "declared:package.json"
    # Negative: a section about something else ("see the contributors") stays no section.
    other = facts({"README.md": "# X\n\n## Licence\n\nVoir les contributeurs.\n", **CODE})
    assert other["licence"]["readme_licence"] is None


def test_only_sub_folder_licence_files_say_what_they_are() -> None:
    document = facts({"skills/pdf/LICENSE.txt": VENDORED, "README.md": "# X\n\nWhat.\n",
                      **CODE})
    status, en, fr = finding(document, "licence-recognised")
    assert status == "review"
    assert ("licence files exist only in sub-folders, each for that folder's own content (a "
            "sub-package or third-party code): skills/pdf/LICENSE.txt (proprietary terms)") in en
    assert "skills/pdf/LICENSE.txt (conditions propriétaires)" in fr


def test_a_caveat_naming_nothing_excluded_is_no_exclusion() -> None:
    # Negative: DISIC/Ara LICENCES.md:4 "Sauf mention de propriété intellectuelle détenue par des
    # tiers (...), les contenus de ce dépôt sont publiés sous [licence Ouverte 2.0](#...)".
    caveat = ("Sauf mention de propriété intellectuelle détenue par des tiers (notamment un crédit "
              "sur certaines images), les contenus de ce dépôt sont publiés sous [licence Ouverte "
              "2.0](#licence-ouverte).\n\n")
    assert exclusions(caveat + MIT, ["MIT"]) == []
    # A Markdown link in an exclusion is quoted as its text.
    linked = ("Ce dépôt est sous licence MIT, à l'exception des polices du dossier "
              "[fonts](public/fonts/).\n\n" + MIT)
    assert exclusions(linked, ["MIT"])[0]["quote"].endswith("du dossier fonts.")
