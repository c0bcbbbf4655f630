"""Audit freshN1 (issue 9): a root licence file about bundled fonts is not the code's licence,
and a README's licence statement outside a « Licence » section is the repository's licence."""

from __future__ import annotations

from scanner.licences import assets
from scanner.licences.readme import readme_licence, scopes, statement
from tests.unit.licences.conftest import MIT
from tests.unit.licences.test_trust import facts, finding

# betagouv/zam LICENSE_FONTS:1-3 (Adobe's notice for the bundled webfonts, then the OFL text).
FONTS = ("Copyright 2014 - 2017 Adobe Systems Incorporated (http://www.adobe.com/), with Reserved "
         "Font Name 'Source'. All Rights Reserved.\n\nThis Font Software is licensed under the SIL "
         "Open Font License, Version 1.1.\n")
# betagouv/zam README.md:12-15.
ZAM_README = ("# zam\n\nAlléger la charge de préparation du débat parlementaire.\n\n## Licences\n\n"
              "*   [MIT License](LICENSE) pour le code\n"
              "*   [SIL OPEN FONT LICENSE Version 1.1](LICENSE_FONTS) pour les polices de "
              "caractères\n")
WEBFONT = {"static/webfonts/SourceSansPro.woff": b"wOFF\x00"}


def test_a_fonts_licence_file_is_set_aside_and_named() -> None:
    document = facts({"LICENSE": MIT, "LICENSE_FONTS": FONTS, "README.md": ZAM_README, **WEBFONT})
    licence = document["licence"]
    assert licence["spdx"] == "MIT" and licence["ids"] == ["MIT"]
    assert licence["root_files"] == ["LICENSE"]
    fonts = next(f for f in licence["files"] if f["path"] == "LICENSE_FONTS")
    assert fonts["scope"] == "assets" and fonts["spdx"] == "OFL-1.1"
    assert finding(document, "licence-authorised")[0] == "pass"
    status, en, fr = finding(document, "licence-recognised")
    assert status == "pass"
    assert "LICENSE_FONTS holds OFL-1.1, the licence of assets the repository bundles" in en
    assert "pour les polices de caractères" in en
    assert "LICENSE_FONTS contient OFL-1.1" in fr


def test_readme_scopes_fonts_as_assets() -> None:
    said = scopes("* [SIL OPEN FONT LICENSE Version 1.1](LICENSE_FONTS) pour les polices de "
                  "caractères\n* Licence MIT pour le code")
    assert {(s["spdx"], s["scope"]) for s in said} == {("OFL-1.1", "assets"), ("MIT", "code")}


def test_assets_by_name_or_by_font_licence_without_readme() -> None:
    # The name says so, whatever its licence (CC-BY-4.0 for icons).
    icons = facts({"LICENSE": MIT, "LICENSE-icons.txt": "Icons licensed under CC-BY-4.0.\n"})
    assert icons["licence"]["spdx"] == "MIT"
    # The SIL Open Font Licence only ever covers fonts, whatever the file is called.
    ofl = facts({"LICENSE": MIT, "LICENSE.OFL": FONTS})
    assert ofl["licence"]["spdx"] == "MIT"
    assert "its name says so" in finding(icons, "licence-recognised")[1]
    assert "a licence for fonts only" in finding(ofl, "licence-recognised")[1]


def test_assets_negatives() -> None:
    # The only licence file: kept (nothing else is the code's), a person reads what it covers.
    alone = facts({"LICENSE_FONTS": FONTS})
    assert alone["licence"]["spdx"] == "OFL-1.1"
    assert alone["licence"]["files"][0]["scope"] == "root"
    # Two licence files, neither about assets: both the repository's, as before.
    docs = facts({"LICENSE-MIT": "Licensed under the MIT License.\n",
                  "LICENSE-APACHE": "Licensed under the Apache License, Version 2.0.\n"})
    assert set(docs["licence"]["ids"]) == {"MIT", "Apache-2.0"}
    # A README giving the file's licence to the code keeps it, whatever its name.
    entry = {"path": "LICENSE_FONTS", "licences": ["OFL-1.1"]}
    readme = {"path": "README.md", "scopes": [{"spdx": "OFL-1.1", "scope": "code", "quote": "x"}]}
    assert assets.why(entry, readme) is None
    assert assets.why({"path": "LICENSE-MIT", "licences": ["MIT"]}, None) is None


# DGFiP/Test-Compta-Demat README.md:1-12: a setext title, a copyright line, a description, then
# the licence statement; no « Licence » heading, no root licence file.
TCD_README = """Test-Compta-Demat
=================

Copyright 2014 Direction Générale des Finances Publiques - France

Ce logiciel permet de contrôler le respect des normes des fichiers d'écritures comptables (FEC).

Ce logiciel est régi par la licence CeCILL V2.1 soumise au droit français et
respectant les principes de diffusion des logiciels libres. Vous pouvez
utiliser, modifier et/ou redistribuer ce programme sous les conditions
de la licence CeCILL V2.1 telle que diffusée par le CEA, le CNRS et l'INRIA
sur le site "http://www.cecill.info".

Récupération des sources du programme
=====================================
Pour les visualiser se rendre dans le dossier src/.
"""
CECILL_NOTICE = ("Ce logiciel est régi par la licence CeCILL V2.1 soumise au droit français.\n")


def test_readme_statement_outside_a_licence_section() -> None:
    found = readme_licence(TCD_README, "README.md")
    assert found is not None and found["statement"] is True
    assert found["spdx"] == "CECILL-2.1" and found["line"] == 8 and found["heading"] is None
    assert found["quote"].startswith("Ce logiciel est régi par la licence CeCILL V2.1")
    document = facts({"README.md": TCD_README, "src/testeur/init.pl": "print 1;\n",
                      "src/testeur/Licence_CeCILL_V2.1-fr.txt": CECILL_NOTICE})
    licence = document["licence"]
    assert licence["spdx"] == "CECILL-2.1" and licence["method"] == "readme"
    status, en, fr = finding(document, "licence-recognised")
    assert status == "pass"
    assert "the licence statement of README.md (line 8" in en
    assert "src/testeur/Licence_CeCILL_V2.1-fr.txt" in en and "none of its own" not in en
    assert "la déclaration de licence de README.md (ligne 8" in fr
    assert finding(document, "licence-authorised")[0] == "pass"
    status, en, _ = finding(document, "licence-file-present")
    assert status == "fail"
    assert "licence stated in the README instead: README.md, line 8: names CECILL-2.1" in en
    # readme-sections-present reads the same paragraph: the scorecard agrees with itself.
    assert "licence: yes" in finding(document, "readme-sections-present")[1]


def test_readme_statement_negatives() -> None:
    # Someone else's work, a comparison, the documentation's licence, a code block, a
    # dependencies section: no statement of the project's licence.
    for text in (
        "# x\n\nCe projet utilise la bibliothèque Foo, distribuée sous licence MIT.\n",
        "# x\n\nThe documentation is published under the CC-BY-4.0 licence.\n",
        "# x\n\n```\n# This software is licensed under the MIT License.\n```\n",
        "# x\n\n## Dépendances\n\nLeaflet est distribué sous licence BSD-2-Clause.\n",
        "# x\n\nWe like the MIT licence.\n",
    ):
        assert statement(text, "README.md") is None, text
    # A licence section is read as before, and wins over a statement elsewhere.
    both = "# x\n\nLicensed under the MIT License.\n\n## Licence\n\nApache-2.0\n"
    found = readme_licence(both, "README.md")
    assert found is not None and found.get("statement") is None and found["heading"] == "Licence"


def test_description_after_an_underlined_title_and_a_copyright_line() -> None:
    from scanner.community.markup import parse
    from scanner.community.readme import analyse

    found = analyse(parse(TCD_README, "README.md"))["what"]
    assert found["found"] is True and found["line"] == 6  # not the copyright line (4)
    # A top heading about testing that is not above all prose still ends the introduction.
    tests_first = ("Intro.\n\nTests\n=====\n\nCe logiciel permet de lancer les tests du projet.\n\n"
                   "Usage\n=====\n\nVoir le wiki.\n")
    assert analyse(parse(tests_first, "README.md"))["what"]["found"] is False
    # A copyright line alone is no description.
    only = "Outil\n=====\n\nCopyright 2014 Direction Générale des Finances Publiques - France\n"
    assert analyse(parse(only, "README.md"))["what"]["found"] is False
