"""Second round of licence audit classes (issue 9): an API description's licence, GNU "or any
later version" notices in source headers, where each part of a licence comes from, manifests set
aside as copies, documentation sites. Each fixture is modelled on the repository the audit
found (cited)."""

from __future__ import annotations

import json

from scanner.licences.texts import licence_text
from tests.unit.licences.conftest import MIT
from tests.unit.licences.test_trust import facts, finding

CODE = {"api/src/index.ts": "export const app = 1;\n"}
# betagouv/api-engagement api/docs/openapi.yaml:1-16: the API's licence, in its info block.
ENGAGEMENT_SPEC = ("openapi: 3.0.3\ninfo:\n  title: API Engagement\n  version: '2.0'\n"
                   "  description: L'API Engagement\n  license:\n    name: MIT\n"
                   "    url: https://opensource.org/licenses/MIT\npaths: {}\n")


# --- 1. an API description's licence is not the repository's ------------------------------------

def test_an_api_descriptions_licence_alone_does_not_license_the_repository() -> None:
    document = facts({"README.md": "# API Engagement\n", "api/docs/openapi.yaml": ENGAGEMENT_SPEC,
                      "api/package.json": json.dumps({"name": "api"}), **CODE})
    licence = document["licence"]
    assert licence["method"] == "api-description-only"
    assert licence["ids"] == [] and licence["declared_only"] is None
    status, en, fr = finding(document, "licence-recognised")
    assert status == "review"
    assert 'api/docs/openapi.yaml (info.license: "MIT")' in en
    assert "not of the repository" in en and "pas du dépôt" in fr
    assert not en.endswith("….") and not fr.endswith("….")
    assert finding(document, "licence-file-present")[0] == "fail"
    # One finding says it: licence-authorised does not judge a licence the repository lacks.
    assert finding(document, "licence-authorised")[0] == "not_applicable"
    assert finding(document, "licence-on-strict-list")[0] == "not_applicable"


def test_an_api_descriptions_licence_does_not_settle_the_repositorys() -> None:
    # Negative: with a licence of the repository's own, the API description changes nothing,
    # and its GNU suffix does not settle the repository's.
    spec = ENGAGEMENT_SPEC.replace("name: MIT", "name: AGPL-3.0-or-later")
    agpl = facts({"package.json": json.dumps({"name": "x", "license": "AGPL-3.0-only"}),
                  "api/docs/openapi.yaml": spec, **CODE})
    assert agpl["licence"]["spdx"] == "AGPL-3.0-only"
    assert agpl["licence"]["method"] == "declared:package.json"
    document = facts({"LICENSE": MIT, "api/docs/openapi.yaml": ENGAGEMENT_SPEC, **CODE})
    assert document["licence"]["spdx"] == "MIT"
    assert finding(document, "licence-recognised")[0] == "pass"
    # Nothing at all: the rule has nothing to check.
    bare = facts({"README.md": "# API\n", **CODE})
    assert bare["licence"]["method"] == "none"
    assert finding(bare, "licence-recognised")[0] == "not_applicable"


# --- 2. GNU "or any later version" notices in the source files' heads -----------------------------

# France-Travail/happy_vllm src/happy_vllm/application.py:1-15 (20 of its 22 source files).
HAPPY_HEADER = """#!/usr/bin/env python3
# Copyright (C) <2018-2024>  <Agence Data Services, DSI France Travail>
#
# This program is free software: you can redistribute it and/or modify
# it under the terms of the GNU Affero General Public License as
# published by the Free Software Foundation, either version 3 of the
# License, or (at your option) any later version.
#
# This program is distributed in the hope that it will be useful,
# but WITHOUT ANY WARRANTY; without even the implied warranty of
# MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
# GNU Affero General Public License for more details.
#
# You should have received a copy of the GNU Affero General Public License
# along with this program.  If not, see <https://www.gnu.org/licenses/>.

from fastapi import FastAPI
"""
# The FSF's French translation of the LGPL notice, for a library (« la redistribuer »).
LGPL_FR = """/*
 * Cette bibliothèque est un logiciel libre ; vous pouvez la redistribuer et/ou la modifier
 * selon les termes de la Licence Publique Générale Limitée GNU telle que publiée par la Free
 * Software Foundation ; soit la version 2.1 de la licence, soit (à votre gré) toute version
 * ultérieure.
 */
int main(void) { return 0; }
"""


def _sources(header: str, count: int, folder: str = "src/happy_vllm") -> dict[str, str]:
    return {f"{folder}/module{i:02}.py": header for i in range(count)}


def test_gnu_notices_in_source_headers_settle_or_later(agpl: str) -> None:
    files = {"LICENSE": agpl, **_sources(HAPPY_HEADER, 20),
             "setup.py": "from setuptools import setup\nsetup(name='happy_vllm')\n",
             "examples/run.py": "print('hello')\n"}
    document = facts(files)
    licence = document["licence"]
    assert licence["spdx"] == "AGPL-3.0-or-later"
    headers = licence["headers"]
    assert headers["sampled"] == 12
    carrying = headers["with_notice"]
    assert 0 < carrying < 12  # the sample holds setup.py and the example too
    assert [{k: v for k, v in n.items() if k != "example"} for n in headers["notices"]] == [
        {"expression": "AGPL-3.0-or-later", "files": carrying}]
    assert licence["version_sources"][0]["files"] == carrying
    status, en, fr = finding(document, "licence-recognised")
    assert status == "pass"
    assert (f"\"or any later version\" from the GNU notice of {carrying} of 12 sampled source "
            "files") in en
    assert f"d'après la notice GNU de {carrying} des 12 fichiers sources échantillonnés" in fr
    assert finding(document, "licence-on-strict-list")[0] == "pass"


def test_a_french_lgpl_notice_is_read(gpl: str) -> None:
    # COPYING holds the GPL text; the headers say which licence and version
    document = facts({"COPYING": gpl, **_sources(LGPL_FR, 3, "lib")})
    notices = document["licence"]["headers"]["notices"]
    assert notices == [{"expression": "LGPL-2.1-or-later", "files": 3,
                        "example": {"path": "lib/module00.py", "line": 2}}]


def test_notices_without_the_later_clause_say_only(agpl: str) -> None:
    only = HAPPY_HEADER.replace("either version 3 of the\n# License, or (at your option) any "
                                "later version.", "version 3 of the License.")
    assert "later" not in only.split("WARRANTY")[0]
    document = facts({"LICENSE": agpl, **_sources(only, 4)})
    licence = document["licence"]
    assert licence["spdx"] == "AGPL-3.0-only"
    assert licence["version_basis"] == "headers"
    status, en, fr = finding(document, "licence-on-strict-list")
    assert status == "fail"
    assert ("4 of 4 sampled source files carry the GNU notice of AGPL-3.0 without \"or any "
            "later version\"") in en
    assert "4 des 4 fichiers sources échantillonnés" in fr


def test_notices_that_do_not_settle_the_version(agpl: str) -> None:
    only = HAPPY_HEADER.replace("either version 3 of the\n# License, or (at your option) any "
                                "later version.", "version 3 of the License.")
    # As many files say "only" as "or later": nothing is settled, and the message says what
    # civiscan read (a sample), never "nothing in the repository".
    tie = facts({"LICENSE": agpl, "src/a.py": HAPPY_HEADER, "src/b.py": only})
    assert tie["licence"]["spdx"] == "AGPL-3.0-only"
    assert tie["licence"]["version_basis"] == "text"
    en = finding(tie, "licence-on-strict-list")[1]
    assert "the heads of 2 sampled source files" in en
    assert "nothing in the repository" not in en
    # Another GNU licence's notices say nothing of this one's version.
    gpl_header = HAPPY_HEADER.replace("GNU Affero General Public License",
                                      "GNU General Public License")
    other = facts({"LICENSE": agpl, **_sources(gpl_header, 3)})
    assert other["licence"]["spdx"] == "AGPL-3.0-only"
    # Text that only mentions the licence is no notice.
    mention = facts({"LICENSE": agpl, **_sources("# See the GNU Affero General Public License "
                                                 "or any later version in LICENSE.\n", 3)})
    assert mention["licence"]["headers"]["with_notice"] == 0
    assert mention["licence"]["spdx"] == "AGPL-3.0-only"


# --- 3. each part of a licence is credited to its own source -------------------------------------

# etalab/guides.etalab.gouv.fr README.md:51-56 and LICENSE.md (Licence Ouverte 2.0 only).
GUIDES_README = """# Guides d'Etalab

Les guides publiés par Etalab.

## Licence

Le contenu des guides est publié sous [licence Ouverte 2.0](LICENSE.md) ;
Le code nécessaire à la publication web de ces guides est sous [licence MIT](https://opensource.org/licenses/MIT).
"""


def test_each_licence_is_credited_to_where_it_was_read() -> None:
    etalab = licence_text("etalab-2.0", "fr", "DINSIC", 2019).text
    document = facts({"LICENSE.md": etalab, "README.md": GUIDES_README,
                      "package.json": json.dumps({"name": "guides", "license": "MIT"}),
                      "docs/guide.md": "# Guide\n", ".vuepress/config.js": "module.exports={}\n"})
    licence = document["licence"]
    assert licence["spdx"] == "MIT AND etalab-2.0"
    status, en, fr = finding(document, "licence-recognised")
    assert status == "pass"
    assert ("licence file LICENSE.md for etalab-2.0; the licence section of README.md (line 5) "
            "for MIT, also declared in package.json") in en
    assert "fichier de licence LICENSE.md pour etalab-2.0 ; la section licence de README.md" in fr
    assert "from: licence file LICENSE.md)" not in en


def test_one_licence_file_is_credited_alone() -> None:
    document = facts({"LICENSE": MIT, "README.md": "# X\n\n## Licence\n\nMIT\n", **CODE})
    assert finding(document, "licence-recognised")[1] == \
        "Licence identified: MIT (from: licence file LICENSE)."


# --- 4. manifests set aside as copies: say so, and keep the project's own ------------------------

# MTES-MCT/partaj: no root manifest nor publiccode.yml; src/frontend/package.json:1-18.
PARTAJ_FRONT = json.dumps({"name": "partaj", "version": "0.1.0", "license": "MIT",
                           "repository": "https://github.com/MTES-MCT/partaj",
                           "author": "Ministères de la Transition écologique"})
PARTAJ = {"LICENCE": MIT, "src/backend/setup.cfg": "[metadata]\nname = partaj\nlicense = MIT\n",
          "src/frontend/package.json": PARTAJ_FRONT, "src/backend/app.py": "x = 1\n"}


def _front(document: dict[str, object]) -> dict[str, object]:
    declared = document["licence"]["declared"]  # type: ignore[index]
    return next(d for d in declared if d["path"] == "src/frontend/package.json")


def test_a_manifest_naming_this_checkout_is_the_projects_own() -> None:
    for name, full_name in (("partaj", "MTES-MCT/partaj"), ("MTES-MCT__partaj", None),
                            ("MTES-MCT+partaj", None), ("partaj", None)):
        document = facts(PARTAJ, name=name, full_name=full_name)
        assert _front(document)["scope"] == "component", name
        assert document["licence"]["consistency"]["checked"] == 2
    # Negative: a checkout called otherwise knows no better than before (a copy, set aside).
    other = facts(PARTAJ, name="scratch")
    assert _front(other)["scope"] == "third-party"
    assert _front(other)["set_aside"] == "copy"
    assert _front(facts(PARTAJ, name="other__partaj-v2"))["scope"] == "third-party"


# betagouv/api-subventions-asso: root package.json names the repository; packages/core keeps
# the project's former name, betagouv/datasubvention, and npm's default "ISC".
SUBVENTIONS_ROOT = json.dumps({"name": "api-subventions-asso", "license": "MIT", "repository": {
    "type": "git", "url": "git+https://github.com/betagouv/api-subventions-asso.git"}})


def _core(homepage: str | None) -> str:
    doc = {"name": "core", "license": "ISC", "repository": {
        "type": "git", "url": "git+https://github.com/betagouv/datasubvention.git"}}
    if homepage:
        doc["homepage"] = homepage
    return json.dumps(doc)


def test_a_renamed_projects_sub_package_is_its_own() -> None:
    home = "https://github.com/betagouv/api-subventions-asso/tree/main/packages/core#readme"
    for core in (_core(home), _core(None)):
        document = facts({"LICENSE": MIT, "package.json": SUBVENTIONS_ROOT,
                          "packages/core/package.json": core, "packages/core/src/a.ts": "x\n"})
        entry = next(d for d in document["licence"]["declared"]
                     if d["path"] == "packages/core/package.json")
        assert entry["scope"] == "component"
        status, en, _ = finding(document, "licence-declarations-consistent")
        assert status == "fail" and "packages/core/package.json (ISC)" in en


def test_copies_of_other_projects_stay_set_aside() -> None:
    # MTES-MCT/dialog blog/package.json: the eleventy-dsfr template of codegouvfr.
    blog = json.dumps({"name": "eleventy-dsfr", "license": "MIT", "repository": {
        "type": "git", "url": "git@github.com:codegouvfr/eleventy-dsfr.git"},
        "homepage": "https://codegouvfr.github.io/eleventy-dsfr/"})
    document = facts({"LICENSE": MIT, "composer.json": json.dumps({"name": "dialog"}),
                      "blog/package.json": blog, "src/a.php": "<?php\n"}, name="dialog")
    entry = next(d for d in document["licence"]["declared"] if d["path"] == "blog/package.json")
    assert (entry["scope"], entry["set_aside"]) == ("third-party", "copy")
    status, en, fr = finding(document, "licence-declarations-consistent")
    assert status == "not_applicable"
    assert "No metadata declares a licence" not in en
    assert ('no package metadata of the repository declares a licence; set aside as '
            'third-party code: blog/package.json ("MIT"), which names another project\'s '
            'repository, github.com/codegouvfr/eleventy-dsfr') in en
    assert "écarté comme code tiers : blog/package.json" in fr
    # A template of the home's owner, named after its own repository, is still a copy.
    template = json.dumps({"name": "template", "license": "ISC",
                           "repository": "https://github.com/betagouv/template"})
    copied = facts({"LICENSE": MIT, "package.json": SUBVENTIONS_ROOT,
                    "site/package.json": template, "src/a.ts": "x\n"})
    entry = next(d for d in copied["licence"]["declared"] if d["path"] == "site/package.json")
    assert entry["scope"] == "third-party"
    # Nothing identified: the message says that, not "no metadata".
    unknown = facts({"package.json": json.dumps({"name": "x"}), "src/a.ts": "x\n"})
    assert finding(unknown, "licence-declarations-consistent")[1] == (
        "Nothing to compare: the repository's licence is not identified (see "
        "licence-recognised).")


# --- 5. documentation sites: their tooling is no code; say why the data/docs rule is N/A ---------

# openfisca/openfisca-doc: a Sphinx site; the "code" is its configuration, theme templates and
# static assets (vendored reveal.js, jQuery, lucide), and the manifests installing Sphinx.
SPHINX_SITE = {
    "README.md": "# OpenFisca documentation\n\n## Install\n\n```sh\nmake install\n```\n\n"
                 "## Run\n\n```sh\nmake dev\n```\n",
    "pyproject.toml": "[project]\nname = 'openfisca-doc'\ndependencies = ['sphinx']\n",
    "requirements.txt": "sphinx\n",
    "source/conf.py": "project = 'OpenFisca'\nhtml_static_path = ['static']\n",
    "source/index.rst": "OpenFisca\n=========\n",
    "source/_templates/layout.html": "{% extends '!layout.html' %}\n",
    "source/coding-the-legislation/30_case_disjunction.html": "<p>Slides</p>\n",
    "source/static/jquery.min.js": "/*! jQuery */\n",
    "source/static/reveal/reveal.js": "export default {};\n",
    "source/static/reveal/plugin/notes/speaker-view.html": "<html></html>\n",
    "source/static/scripts.js": "document.body;\n",
    "source/static/css/base.css": "body {}\n",
    **{f"source/page{i:02}.md": f"# Page {i}\n\nSome prose.\n" for i in range(12)},
}


def test_a_documentation_sites_tooling_is_no_code() -> None:
    document = facts(SPHINX_SITE)
    assert document["repository"]["code_files"] == 0
    assert document["licence"]["data_docs"]["code_files"] == 0
    assert document["licence"]["data_docs"]["kind"] == "docs"
    assert finding(document, "security-policy-present")[0] == "not_applicable"
    assert finding(document, "publiccode-yml-present")[0] == "not_applicable"
    # Its README explains how to build and serve it: that pass is kept.
    assert finding(document, "readme-explains-how-to-run")[0] == "pass"


def test_code_beside_a_documentation_site_is_still_code() -> None:
    # A library documented with Sphinx in docs/: its own modules are code, manifests count.
    library = {**{k.replace("source/", "docs/"): v for k, v in SPHINX_SITE.items()},
               "src/openfisca_core/formula.py": "def formula():\n    return 1\n"}
    document = facts(library)
    assert document["repository"]["code_files"] == 3  # the module and the two manifests
    assert finding(document, "security-policy-present")[0] == "fail"
    # Without a generator's configuration, static/ and templates are the service's own.
    app = {"manage.py": "import django\n", "app/static/js/app.js": "x;\n",
           "app/templates/base.html": "<html></html>\n", "requirements.txt": "django\n"}
    assert facts(app)["repository"]["code_files"] == 4
    # A conf.py with no pages beside it is no Sphinx site.
    lone = {"conf.py": "x = 1\n", "static/app.js": "x;\n", "README.md": "# X\n"}
    assert facts(lone)["repository"]["code_files"] == 2


def test_the_data_docs_rule_says_why_it_does_not_apply() -> None:
    # DISIC/design.numerique.gouv.fr: 433 documents, 93 code files (Vue pages): not "mostly
    # code", but more code than a documentation repository has.
    site = {**{f"content/page{i:03}.md": "# Page\n\nTexte.\n" for i in range(40)},
            **{f"src/pages/Page{i}.vue": "<template><div/></template>\n" for i in range(9)},
            "LICENSE.md": MIT}
    document = facts(site)
    assert document["licence"]["data_docs"]["kind"] is None
    status, en, fr = finding(document, "data-docs-licence-recognised")
    assert status == "not_applicable"
    assert "mostly code" not in en
    assert ("not mostly data or documentation (documents: 40, data files: 0, code files: 9; "
            "tests and third-party code aside): a documentation repository has at most one code "
            "file for 10 documents") in en
    assert "fichiers de code : 9" in fr and not en.endswith("….")
    # A fork of a documentation repository: said as such.
    fork = facts({**SPHINX_SITE, "LICENSE": MIT})
    fork["repository"]["fork"] = True
    status, en, _ = finding(fork, "data-docs-licence-recognised")
    assert status == "not_applicable" and "holds mostly documentation, but it is a fork" in en


def test_an_unidentifiable_declaration_is_named_not_denied() -> None:
    document = facts({"LICENSE": MIT, "package.json": json.dumps(
        {"name": "x", "license": "Licence maison"}), "src/a.ts": "x\n"})
    status, en, fr = finding(document, "licence-declarations-consistent")
    assert status == "not_applicable"
    assert ('no package metadata of the repository declares a licence civiscan can identify '
            '(package.json ("Licence maison"))') in en
    assert "que civiscan sache identifier" in fr


def test_declarations_saying_or_later_are_named_together(agpl: str) -> None:
    # openfisca/openfisca-core: publiccode.yml and setup.py both say AGPL-3.0-or-later.
    document = facts({"LICENSE": agpl, "publiccode.yml": "publiccodeYmlVersion: '0.4'\nlegal:\n"
                      "  license: AGPL-3.0-or-later\n",
                      "setup.py": "from setuptools import setup\nsetup(license="
                                  "'AGPL-3.0-or-later')\n", "openfisca_core/a.py": "x = 1\n"})
    en = finding(document, "licence-recognised")[1]
    assert '"or any later version" from publiccode.yml, setup.py' in en
