"""Licence facts people can trust, on excerpts of real repositories (each test names its source).

Classes of issue 9: licence files under every name and format; a file that exists but could not
be read is never "missing"; a modified or renamed licence is not the licence it names; a licence
given in the README's « Licence » section; GNU "-only"/"-or-later" never invented; third-party
code is not a declaration conflict; documentation repositories.
"""

from __future__ import annotations

import os
import typing as t
from pathlib import Path

import pytest

from scanner import schemas
from scanner.engine.evaluate import evaluate
from scanner.engine.loader import load_ruleset
from scanner.facts import build_facts
from scanner.licences.detect import detect
from scanner.licences.expressions import parse
from scanner.licences.readme import readme_licence, scopes
from scanner.sources.local import local_snapshot
from scanner.sources.memory import snapshot_from_files
from tests.unit.licences.conftest import MIT

RULES = load_ruleset()
MIT_BODY = MIT.split("\n\n", 2)[2]


def facts(files: t.Mapping[str, str | bytes], **kwargs: t.Any) -> dict[str, t.Any]:
    document = build_facts(snapshot_from_files(dict(files), **kwargs))
    assert schemas.errors("facts", document) == []
    return document


def finding(document: dict[str, t.Any], rule_id: str) -> tuple[str, str, str]:
    rule = RULES.get(rule_id)
    assert rule is not None
    result = evaluate(rule, document).to_dict()
    return result["status"], result["i18n"]["en"]["message"], result["i18n"]["fr"]["message"]


# --- licence files under every name, case and format -----------------------------------------

@pytest.mark.parametrize("name", [
    "LICENSE", "LICENCE", "license", "LiCeNsE.MD", "LICENSE.txt", "licence.txt", "Licence.md",
    "LICENSE.rst", "LICENSE-MIT", "COPYING", "COPYING.LESSER", "LICENSES/MIT.txt",
    ".github/LICENSE.md", "docs/LICENSE",
    # DISIC/Ara: the root licence file is LICENCES.md (MIT text + Licence Ouverte)
    "LICENCES.md",
])
def test_licence_files_under_every_name(name: str) -> None:
    licence = facts({name: MIT})["licence"]
    assert licence["root_files"] == [name]
    assert licence["spdx"] == "MIT"
    assert finding(facts({name: MIT}), "licence-file-present")[0] == "pass"


def test_a_content_page_about_licences_is_not_a_licence_file() -> None:
    # etalab/doc.data.gouv.fr: articles/_moissonnage/licences.md is an article on how the
    # harvester detects licences, not a licence of the repository
    article = ("# Détection des licences\n\nLe moissonnage lit le champ licence de chaque jeu de "
               "données et le rapproche de la liste des licences de data.gouv.fr.\n")
    licence = facts({"LICENSE.txt": MIT, "articles/_moissonnage/licences.md": article})["licence"]
    assert [f["path"] for f in licence["files"]] == ["LICENSE.txt"]
    assert finding(facts({"LICENSE.txt": MIT, "articles/_moissonnage/licences.md": article}),
                   "licence-file-present")[1] == "Licence file: LICENSE.txt."


def test_an_html_licence_file_is_read_as_text() -> None:
    # 8tentaculos/rasti LICENSE.html: a GitBook page around the MIT text
    page = ("<!DOCTYPE HTML><html><head><title>MIT License · Rasti</title>"
            "<script>var gitbook = gitbook || [];</script></head><body><nav><ul>"
            "<li class=\"chapter\"><a href=\"./#\">Introduction</a></li></ul></nav>"
            "<section class=\"normal markdown-section\"><p>The MIT License (MIT)</p>"
            "<p>Copyright (c) 2018 Alberto Masuelli</p>"
            + "".join(f"<p>{p}</p>" for p in MIT_BODY.replace('"', "&quot;").split("\n\n"))
            + "</section></body></html>")
    licence = facts({"LICENSE.html": page})["licence"]
    assert (licence["root_files"], licence["spdx"]) == (["LICENSE.html"], "MIT")


def test_an_rst_licence_file_naming_two_licences() -> None:
    # BRGM/ComPASS LICENSE.rst: GPL version 3 (a gnu.org link, no "or later") and CeCILL 2.1
    text = ("ComPASS is free software: you can redistribute it and/or modify it under\n"
            "both the terms of:\n\n-  the `GNU General Public License version\n"
            "   3 <https://www.gnu.org/licenses/gpl.html>`__,\n"
            "-  the `CeCILL License Agreement version\n"
            "   2.1 <http://www.cecill.info/licences/Licence_CeCILL_V2.1-en.html>`__.\n")
    licence = facts({"LICENSE.rst": text})["licence"]
    assert set(licence["ids"]) == {"GPL-3.0", "CECILL-2.1"}  # no "-only" made up
    assert licence["version_basis"] == "unstated"


# --- files that exist but could not be read --------------------------------------------------

def _unread_findings(document: dict[str, t.Any]) -> dict[str, tuple[str, str, str]]:
    return {r: finding(document, r) for r in ("licence-file-present", "licence-recognised",
                                              "licence-authorised")}


def test_a_licence_file_that_cannot_be_read_is_never_missing(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "LICENSE").write_text(MIT)
    real_open = os.open

    def refuse(path: t.Any, flags: int, *args: t.Any) -> int:
        if str(path).endswith("LICENSE"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", refuse)
    document = build_facts(local_snapshot(tmp_path, use_git=False))
    licence = document["licence"]
    assert licence["unread"] == [{"path": "LICENSE", "scope": "root",
                                  "reason": "cannot be read: Permission denied",
                                  "reason_fr": "illisible : Permission denied"}]
    assert (licence["spdx"], licence["method"]) == ("NOASSERTION", "unread")
    for rule_id, (status, en, fr) in _unread_findings(document).items():
        assert status == "review", rule_id
        assert "LICENSE exists but could not be read (cannot be read: Permission denied)" in en
        assert "illisible : Permission denied" in fr
        assert "No licence file" not in en
    assert any(p["path"] == "LICENSE" for p in document["problems"])


def test_a_licence_symlinked_out_of_the_repository_is_unread(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text(MIT)
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "LICENSE").symlink_to(outside)
    document = build_facts(local_snapshot(repo, use_git=False))
    assert document["licence"]["unread"][0]["reason"] == "symlink escapes the repository; not read"
    status, en, _ = finding(document, "licence-file-present")
    assert status == "review" and "symlink escapes the repository" in en


def test_a_licence_over_the_size_cap_is_unread(tmp_path: Path) -> None:
    (tmp_path / "LICENSE").write_text(MIT + "\n" + "x " * 4000)
    document = build_facts(local_snapshot(tmp_path, use_git=False, max_file_bytes=2000))
    unread = document["licence"]["unread"]
    assert unread and unread[0]["reason"].startswith("file too large (")
    assert finding(document, "licence-recognised")[0] == "review"


def test_a_pdf_licence_is_present_but_unread() -> None:
    document = facts({"LICENCE.pdf": b"%PDF-1.4 binary"})
    assert document["licence"]["unread"][0]["reason"].startswith("a PDF document")
    assert finding(document, "licence-file-present")[0] == "review"
    # a PDF copy beside a readable text file costs nothing
    both = facts({"LICENCE.pdf": b"%PDF-1.4 binary", "LICENCE.txt": MIT})
    assert both["licence"]["spdx"] == "MIT"
    assert finding(both, "licence-file-present") [0] == "pass"


def test_an_empty_licence_file_is_named_in_the_message() -> None:
    document = facts({"LICENSE": "  \n"})
    status, en, _ = finding(document, "licence-file-present")
    assert status == "fail" and "empty licence files: LICENSE" in en


# --- modified and renamed licences ------------------------------------------------------------

WRK_HEAD = ("                          Modified Apache 2.0 License\n"
            "                         Version 2.0.1, February 2015\n\n"
            "   TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION\n\n")
WRK_CLAUSE = ("      (e) If the Derivative Work includes substantial changes to features\n"
              "          or functionality of the Work, then you must remove the name of\n"
              "          the Work, and any derivation thereof, from all copies that you\n"
              "          distribute, whether in Source or Object form, except as required\n"
              "          in copyright, patent, trademark, and attribution notices.\n\n")


def test_wrk_modified_apache_is_not_apache(apache: str) -> None:
    # wg/wrk LICENSE: the Apache terms under the title "Modified Apache 2.0 License", with a
    # clause 4(e) of its own
    body = apache[apache.index("1. Definitions"):apache.index("END OF TERMS AND CONDITIONS")]
    cut = body.index("      You may add Your own copyright statement")
    text = WRK_HEAD + "   " + body[:cut] + WRK_CLAUSE + body[cut:] + "END OF TERMS AND CONDITIONS\n"
    found = detect(text)
    assert (found.spdx, found.method) == ("NOASSERTION", "modified")
    assert found.modified == "modified apache 2 0 license"
    assert found.candidates[0].spdx == "Apache-2.0"
    document = facts({"LICENSE": text})
    status, en, fr = finding(document, "licence-recognised")
    assert status == "review"
    assert ("LICENSE says it is a modified licence (« modified apache 2 0 license »), so it is "
            "not Apache-2.0 as published") in en
    assert "licence modifiée" in fr
    assert finding(document, "licence-authorised")[0] == "review"


def test_dify_additional_conditions_are_not_apache(apache: str) -> None:
    # langgenius/dify LICENSE: "licensed under the Apache License 2.0, with the following
    # additional conditions", then the Apache notice
    head = ("# Dify Open Source License\n\nThe Dify project is licensed under the Apache "
            "License 2.0, with the following additional conditions:\n\n1. Dify is permitted to "
            "be used for commercialization [...] you must contact the producer to obtain a "
            "commercial license:\n\na. Multi-tenant SaaS service: Unless explicitly authorized "
            "by Dify in writing, you may not use the Dify.AI source code to operate a "
            "multi-tenant SaaS service.\n\n")
    found = detect(head + apache)
    assert found.spdx == "NOASSERTION" and found.method == "modified"
    assert "with the following additional conditions" in (found.modified or "")


def test_a_readme_saying_modified_apache_names_no_licence() -> None:
    # "This project is licensed under a modified Apache 2.0 license - see the LICENSE file"
    # (digitaldomain's Julia README); as a declaration, a modified licence is no SPDX id
    text = "This project is licensed under a modified Apache 2.0 license - see the LICENSE file"
    assert detect(text).method == "modified"
    assert parse("Modified Apache 2.0 License").kind == "invalid"
    assert "modified licence" in (parse("Apache License 2.0 (modified)").error or "")


def test_published_modifications_are_those_licences() -> None:
    # The CPAL header (e.g. Novell's code): "based on the Mozilla Public License Version 1.1 but
    # Sections 14 and 15 have been added" is CPAL-1.0's own wording; not flagged as modified MPL
    from scanner.licences.samples import index_texts

    texts = index_texts()
    for spdx_id in ("CPAL-1.0", "Pixar", "MPL-2.0", "Apache-2.0"):
        found = detect(texts[spdx_id])
        assert found.spdx == spdx_id and found.modified is None, spdx_id


def test_a_renamed_mpl_is_not_the_mpl() -> None:
    # Licensee's fixture "fcpl-modified-mpl" is the Fedora Commons licence: MPL words, its own
    # name. The same with MPL-2.0 renamed: it is that text under another name, not MPL-2.0.
    from scanner.licences.samples import index_texts

    mpl = index_texts()["MPL-2.0"]
    renamed = mpl.replace("mozilla", "acme").replace("Mozilla", "Acme")
    found = detect(renamed)
    assert (found.spdx, found.method, found.renamed) == ("NOASSERTION", "modified", True)
    assert found.modified == "acme public license"
    document = facts({"LICENSE": renamed})
    assert "holds the text of MPL-2.0 under another name (« acme public license »)" in finding(
        document, "licence-recognised")[1]


def test_modified_bsd_is_a_name_of_bsd_3_clause() -> None:
    assert detect("Licensed under the Modified BSD License").spdx == "BSD-3-Clause"


# --- the README's licence section --------------------------------------------------------------

# 7orivorian/docs docs/wraith/license.md: a « License » section holding the whole MIT text
FULL_TEXT_SECTION = ("# Wraith\n\nAn event library.\n\n# License\n\nMIT License\n\nCopyright (c) "
                     "2021-2024 7orivorian\n\n" + MIT_BODY + "\n## Summary\n\nThe MIT License is "
                     "a permissive open-source license.\n")


def test_a_licence_given_in_full_in_the_readme_is_the_repositorys() -> None:
    document = facts({"README.md": FULL_TEXT_SECTION})
    licence = document["licence"]
    assert (licence["spdx"], licence["method"]) == ("MIT", "readme")
    assert licence["readme_licence"]["full_text"] is True
    status, en, fr = finding(document, "licence-file-present")
    assert status == "fail"
    assert ("licence stated in the README instead: README.md, section « License » (line 5): the "
            "full text of MIT") in en
    assert "le texte complet de MIT" in fr
    assert finding(document, "licence-recognised")[:2] == (
        "pass", "Licence identified: MIT (from: the licence section of README.md (line 5), no "
        "licence file).")


def test_a_readme_section_naming_the_licence() -> None:
    # betagouv/france-chaleur-urbaine README « # Licence »: the code under Etalab 2.0 (and its
    # package.json says AGPL-3.0: the two disagree, and civiscan says so)
    readme = ("# France Chaleur Urbaine\n\nLe site.\n\n# Licence\n\nLe code de ce logiciel est "
              "soumis à la licence [Etalab 2.0](https://www.etalab.gouv.fr/licence-ouverte-open-"
              "licence/).\n")
    document = facts({"README.md": readme, "package.json": '{"license": "AGPL-3.0"}'})
    licence = document["licence"]
    assert (licence["spdx"], licence["method"]) == ("etalab-2.0", "readme")
    assert licence["consistency"]["disagreeing"][0]["path"] == "package.json"
    status, en, _ = finding(document, "licence-authorised")
    assert status == "fail"
    assert "etalab-2.0 is on the list authorised by decree, but for public information" in en


def test_a_readme_title_is_not_a_licence_section() -> None:
    # etalab/licence-ouverte README.org: "* Licence Ouverte" is the title of the project
    readme = ("* Licence Ouverte\n\nCe dépôt contient la licence Ouverte publiée par Etalab et "
              "recommandée pour la publication des données publiques.\n")
    assert readme_licence(readme, "README.org") is None


def test_readme_scopes_give_code_and_content_their_licences() -> None:
    # etalab/guides.etalab.gouv.fr README « ## Licence »: guides under Licence Ouverte 2.0
    # (LICENSE.md), the code that publishes them under MIT (package.json)
    section = ("Le contenu de ce dépôt est publié sous 2 licences.\n\n- Le contenu des guides est "
               "publié sous [licence Ouverte 2.0](LICENSE.md) ;\n- Le code nécessaire à la "
               "publication web de ces guides est sous [licence MIT](https://opensource.org/"
               "licenses/MIT).\n\n2019 DINSIC, Etalab.\n")
    assert [(s["spdx"], s["scope"]) for s in scopes(section)] == [
        ("etalab-2.0", "content"), ("MIT", "code")]
    lo = ("# Licence Ouverte\n\nVersion 2.0\n\n" + "Réutilisation libre de l'information. " * 120)
    document = facts({"README.md": "# Guides\n\nDes guides.\n\n## Licence\n\n" + section,
                      "LICENSE.md": lo, "package.json": '{"license": "MIT"}',
                      **{f"guides/g{i}.md": "# Guide\n" for i in range(30)},
                      ".vuepress/config.js": "module.exports = {}\n"})
    licence = document["licence"]
    assert licence["ids"] == ["etalab-2.0", "MIT"] or set(licence["ids"]) == {"MIT", "etalab-2.0"}
    assert licence["operator_basis"] == "readme-scopes"
    assert licence["consistency"]["agree"] is True
    assert licence["data_docs"]["kind"] == "docs"
    assert finding(document, "licence-authorised")[0] == "pass"


def test_borrowed_material_is_not_the_repositorys_licence() -> None:
    # codegouvfr/documentation README « # Licence »: the text is partly adapted from a guide
    # "utilisé sous licence CC-BY-SA-3.0"; the documentation is CC-BY-SA-4.0, the code GPL
    section = ("Le contenu textuel disponible en ligne sur code.gouv.fr est en partie adapté du « "
               "Guide pratique d'usage des logiciels libres dans les administrations » par Thierry "
               "Aimé, utilisé sous licence CC-BY-SA-3.0. Cette Documentation est publiée sous "
               "licence CC-BY-SA-4.0. Le code de ce dépôt est sous licence GPL-3.0-or-later.")
    assert [(s["spdx"], s["scope"]) for s in scopes(section)] == [
        ("CC-BY-SA-4.0", "content"), ("GPL-3.0-or-later", "code")]


def test_readme_puts_documentation_under_cc_by() -> None:
    # codegouvfr/sill README « ## License »: code MIT; documentation Licence Ouverte 2.0 and
    # CC-BY-4.0 (REUSE LICENSES/ folder)
    from scanner.licences.samples import index_texts

    texts = index_texts()
    readme = ("# SILL\n\n## License\n\nThe code is published under the MIT license. The "
              "documentation is published under Licence Ouverte 2.0 and CC-BY-4.0.\n")
    document = facts({"README.md": readme, "LICENSES/MIT.txt": MIT,
                      "LICENSES/CC-BY-4.0.txt": texts["CC-BY-4.0"],
                      **{f"src/m{i}.ts": "export {}\n" for i in range(20)}})
    status, en, _ = finding(document, "licence-authorised")
    assert status == "review"
    assert "README.md puts the documentation or content under CC-BY-4.0, etalab-2.0" in en


# --- GNU versions are never invented ----------------------------------------------------------

@pytest.mark.parametrize(("written", "normalised", "unstated"), [
    ("https://www.gnu.org/licenses/agpl-3.0.html", "AGPL-3.0", ("AGPL-3.0",)),
    ("GNU Affero General Public License v3.0", "AGPL-3.0", ("AGPL-3.0",)),  # MTES-MCT/trackdechets
    ("GNU AGPLv3+", "AGPL-3.0-or-later", ()),
    ("AGPL-3.0-or-later", "AGPL-3.0-or-later", ()),
    ("AGPL-3.0", "AGPL-3.0-only", ("AGPL-3.0",)),  # deprecated id: SPDX reads it "-only"
    ("GPL-3", "GPL-3.0", ("GPL-3.0",)),  # R DESCRIPTION (MTES-MCT/savoirfR)
    ("GPL (>= 3)", "GPL-3.0-or-later", ()),
])
def test_gnu_declarations_say_what_they_say(written: str, normalised: str,
                                            unstated: tuple[str, ...]) -> None:
    parsed = parse(written)
    assert (parsed.normalised, parsed.unstated) == (normalised, unstated)


def test_a_gnu_name_without_suffix_does_not_contradict_or_later(agpl: str) -> None:
    # MTES-MCT/trackdechets: LICENSE.txt is the AGPL text, the README says "or later", and
    # package.json names "GNU Affero General Public License v3.0": no conflict
    readme = ("# Trackdéchets\n\n## Licence\n\nThis program is free software: you can "
              "redistribute it and/or modify it under the terms of the GNU Affero General Public "
              "License as published by the Free Software Foundation, either version 3 of the "
              "License, or (at your option) any later version.\n")
    document = facts({"LICENSE.txt": agpl, "README.md": readme,
                      "package.json": '{"license": "GNU Affero General Public License v3.0"}'})
    licence = document["licence"]
    assert licence["spdx"] == "AGPL-3.0-or-later"
    assert licence["consistency"]["agree"] is True
    assert finding(document, "licence-declarations-consistent")[0] == "pass"


def test_strict_list_message_says_what_was_read(agpl: str) -> None:
    document = facts({"LICENSE": agpl, "web/package.json": '{"license": "AGPL-3.0"}'})
    status, en, fr = finding(document, "licence-on-strict-list")
    assert status == "fail"
    assert ("LICENSE holds the AGPL-3.0 text alone, which by SPDX convention reads as "
            "AGPL-3.0-only; nothing civiscan read (the licence files, README and package "
            "metadata) says \"or any later version\"") in en
    assert "web/package.json declares the deprecated SPDX id AGPL-3.0" in en
    assert "identifiant SPDX déprécié AGPL-3.0" in fr
    named = facts({"package.json": '{"license": "https://www.gnu.org/licenses/agpl-3.0.html"}'})
    assert named["licence"]["spdx"] == "AGPL-3.0"
    assert ("package.json (\"https://www.gnu.org/licenses/agpl-3.0.html\") names the AGPL-3.0 "
            "licence without saying \"only\" or \"or later\"") in finding(
        named, "licence-on-strict-list")[1]


# --- third-party code --------------------------------------------------------------------------

def test_vendored_libraries_are_not_declaration_conflicts(agpl: str) -> None:
    # numerique-gouv/sites-faciles: static/lib/tarteaucitronjs/ is the third-party
    # TarteaucitronJS (its own LICENSE, MIT; its package.json says MIT)
    document = facts({
        "LICENSE": agpl,
        "static/lib/tarteaucitronjs/LICENSE": MIT.replace("Direction interministérielle du "
                                                          "numérique", "AmauriC"),
        "static/lib/tarteaucitronjs/package.json": '{"name": "tarteaucitronjs", '
                                                   '"license": "MIT"}',
        "vendor/acme/lib/composer.json": '{"license": "proprietary"}',
        "third_party/x/package.json": '{"license": "ISC"}'})
    licence = document["licence"]
    assert licence["root_files"] == ["LICENSE"] and len(licence["files"]) == 1
    assert licence["declared"] == []
    assert finding(document, "licence-declarations-consistent")[0] == "not_applicable"


def test_a_copy_of_another_repositorys_package_is_third_party(agpl: str) -> None:
    # MTES-MCT/dialog: blog/ is a copy of the codegouvfr/eleventy-dsfr template (its
    # package.json names that repository and MIT); the repository is AGPL
    document = facts({
        "LICENSE": agpl,
        "package.json": '{"repository": "https://github.com/MTES-MCT/dialog"}',
        "blog/package.json": '{"repository": {"type": "git", "url": "https://github.com/'
                             'codegouvfr/eleventy-dsfr.git"}, "license": "MIT"}',
        "packages/x/package.json": '{"repository": "https://github.com/MTES-MCT/dialog", '
                                   '"license": "MIT"}'})
    declared = {d["path"]: d for d in document["licence"]["declared"]}
    assert declared["blog/package.json"]["scope"] == "third-party"
    assert declared["packages/x/package.json"]["agrees"] is False  # its own sub-package


def test_npm_installed_packages_are_third_party(agpl: str) -> None:
    installed = '{"name": "left-pad", "_resolved": "https://registry/left-pad.tgz", "license": "WTFPL"}'
    document = facts({"LICENSE": agpl, "assets/left-pad/package.json": installed})
    assert document["licence"]["declared"][0]["scope"] == "third-party"
    assert document["licence"]["consistency"]["agree"] is None


def test_a_sub_package_with_its_own_licence_file_is_compared_with_it(agpl: str) -> None:
    document = facts({"LICENSE": agpl, "packages/sdk/LICENSE": MIT,
                      "packages/sdk/package.json": '{"license": "MIT"}'})
    entry = document["licence"]["declared"][0]
    assert (entry["agrees"], entry["compared_with"]) == (True, ["packages/sdk/LICENSE"])


# --- documentation repositories ----------------------------------------------------------------

def test_a_documentation_repository_under_licence_ouverte_is_compliant() -> None:
    # DISIC/politique-de-contribution-open-source: the policy texts (14 Markdown files, no
    # code) under Licence Ouverte 2.0
    from scanner.licences.samples import index_texts

    files = {"LICENSE": index_texts()["etalab-2.0"], "README.md": "# Politique\n",
             **{f"{n}.md": "# Texte\n\nLa politique.\n" for n in (
                 "introduction", "ouverture", "pratique", "faq", "contribution", "publication")},
             "DCO-fr.txt": "Certificat d'origine du développeur\n"}
    document = facts(files)
    assert document["licence"]["data_docs"]["kind"] == "docs"
    assert finding(document, "licence-authorised")[:2] == (
        "pass", "etalab-2.0 is on the list of licences authorised for administrations.")
    assert finding(document, "data-docs-licence-recognised")[0] == "pass"


def test_a_documentation_site_with_a_little_tooling_is_documentation() -> None:
    # codegouvfr/sill-docs: Markdown pages, a docsify index.html, a stylesheet, 600 SVG icons
    # (its index.html configures docsify: window.$docsify, docsify@4's script)
    from scanner.licences.content import classify
    from scanner.licences.docbuild import build_files

    listing = ["README.md", "index.html", "assets/style.css", *[f"p{i}.md" for i in range(8)],
               *[f"assets/icons/i{i}.svg" for i in range(600)]]
    page = "<script>\n    window.$docsify = {\n      loadSidebar: true\n    }\n  </script>\n"
    assert classify(listing, built=build_files(listing, {"index.html": page})["files"])[
        "kind"] == "docs"
    app = ["README.md", *[f"docs/p{i}.md" for i in range(20)], *[f"src/c{i}.vue" for i in range(41)]]
    assert classify(app)["kind"] is None  # incubateur.anct.gouv.fr: a Gridsome site, code
    helm = ["README.md", *[f"charts/x/templates/t{i}.yaml" for i in range(10)]]
    assert classify(helm)["kind"] is None
    # codegouvfr/awesome-codegouvfr: a README that is a 2.5 kB list, and LICENSES/: a document;
    # a placeholder README alone is not
    assert classify(["README.md", "LICENSES/LICENSE.Etalab-2.0.md"],
                    {"README.md": 2476})["kind"] == "docs"
    assert classify(["README.md"], {"README.md": 40})["kind"] is None


def test_dependencies_are_checked_against_the_codes_licence() -> None:
    from scanner.collectors.dependencies import software_licence

    assert software_licence({"spdx": "MIT AND etalab-2.0", "ids": ["MIT", "etalab-2.0"],
                             "operator": "AND"}) == "MIT"
    assert software_licence({"spdx": "etalab-2.0", "ids": ["etalab-2.0"]}) == "etalab-2.0"


def test_hostile_texts_about_modification_end_quickly() -> None:
    import time

    start = time.perf_counter()
    for text in (("modified " * 200 + "\n") * 500, ("based on the mit " * 200 + "\n") * 300,
                 ("modified apache license " * 200 + "\n") * 300, "## Licence\n\n" + "(" * 50_000):
        detect(text)
        readme_licence("# x\n\n## Licence\n\n" + text, "README.md")
    assert time.perf_counter() - start < 5


def test_publiccode_advice_for_a_gnu_name_names_both_forms() -> None:
    from scanner.publiccode.licence import parse_licence

    parsed = parse_licence("GNU Affero General Public License v3")
    assert "(write AGPL-3.0-only or AGPL-3.0-or-later)" in (parsed.error or "")


def test_a_licence_whose_analysis_runs_out_of_time_is_reviewed_not_failed(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    from scanner import budget
    from scanner.collectors import licence as licence_collector

    def spin(*args: object) -> t.NoReturn:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            pass
        raise AssertionError("the per-file budget did not stop the work")

    monkeypatch.setattr(budget, "FILE_SECONDS", 0.3)
    monkeypatch.setattr(licence_collector, "detect", spin)
    document = facts({"LICENSE": MIT})
    assert (document["licence"]["spdx"], document["licence"]["method"]) == ("NOASSERTION",
                                                                              "unread")
    assert finding(document, "licence-file-present")[0] == "pass"  # present, and not empty
    status, en, _ = finding(document, "licence-recognised")
    assert status == "review" and en.startswith(
        "The repository's licence needs a person's check: LICENSE could not be analysed (")
