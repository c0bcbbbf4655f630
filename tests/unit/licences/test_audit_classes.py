"""Audit classes of issue 9 on licences: npm's default licence, README badges, notices naming
folders that are gone, copied templates, API descriptions' deprecated ids, repositories without
code. Each fixture is modelled on the repository the audit found (cited)."""

from __future__ import annotations

import json

import pytest

from scanner.licences.readme import badges
from tests.unit.licences.conftest import MIT
from tests.unit.licences.test_trust import facts, finding

# numerique-gouv/proconnect-landing-page package.json: npm init's untouched block.
NPM_INIT = json.dumps({"name": "proconnect-landing-page", "version": "1.0.0",
                       "description": "## Lancer ce site localement", "main": "index.js",
                       "author": "", "license": "ISC"})
CODE = {"src/app/router.ts": "export const router = 1;\n"}


def test_npm_default_licence_alone_is_a_review_not_a_licence() -> None:
    document = facts({"README.md": "# ProConnect\n", "package.json": NPM_INIT, **CODE})
    licence = document["licence"]
    assert licence["declared_only"]["tool_default"] == "npm"
    status, en, fr = finding(document, "licence-recognised")
    assert status == "review"
    assert "`npm init` writes by default" in en and "par défaut" in fr
    status, en, _ = finding(document, "licence-authorised")
    assert status == "review" and "No licence was chosen" in en
    assert "is not on the list" not in en
    # ISC is not on data.gouv.fr's list: never "written as on the list".
    assert finding(document, "licence-on-strict-list")[0] == "not_applicable"


def test_isc_beside_a_licence_text_is_not_a_default() -> None:
    document = facts({"LICENSE": MIT, "package.json": NPM_INIT, **CODE})
    assert document["licence"]["declared_only"] is None
    assert finding(document, "licence-recognised")[0] == "pass"


@pytest.mark.parametrize("value", ["MIT", "ISC OR MIT", "isc-like"])
def test_other_manifest_values_are_not_npm_defaults(value: str) -> None:
    document = facts({"package.json": json.dumps({"license": value}), **CODE})
    assert not (document["licence"]["declared_only"] or {}).get("tool_default")


def test_manifest_only_licence_says_it_has_no_text() -> None:
    # betagouv/collectif-objets: MIT only in the Vite manifest of a Rails app.
    document = facts({"package.json": json.dumps({"name": "x", "license": "MIT"}), **CODE})
    status, en, fr = finding(document, "licence-recognised")
    assert status == "pass"
    assert en == ("Licence identified: MIT (from: declared only in package.json (license), no "
                  "licence text).")
    assert "sans texte de licence" in fr
    assert "(from: licence file LICENSE)" in finding(facts({"LICENSE": MIT, **CODE}),
                                                     "licence-recognised")[1]


HYDRA = ("![udata-hydra](banner.png)\n\n# udata-hydra\n\n"
         "[![CircleCI](https://circleci.com/gh/datagouv/hydra.svg?style=svg)](https://circleci.com)\n"
         "[![License: MIT](https://img.shields.io/badge/License-MIT-yellow.svg)]"
         "(https://opensource.org/licenses/MIT)\n\n`udata-hydra` is an async crawler.\n")


def test_readme_licence_badge_is_named_where_no_licence_file() -> None:
    # datagouv/hydra README.md:6; pyproject.toml license = {text = "MIT"}
    document = facts({"README.md": HYDRA, "pyproject.toml": '[project]\nname = "x"\n'
                      'license = {text = "MIT"}\n', **CODE})
    assert [(b["spdx"], b["line"]) for b in document["licence"]["readme_badges"]] == [("MIT", 6)]
    status, en, fr = finding(document, "licence-file-present")
    assert status == "fail"
    assert "licence the README's badges name: MIT (badge, README.md line 6)" in en
    assert "MIT (badge, README.md ligne 6)" in fr


@pytest.mark.parametrize("line,expected", [
    ("[![License: AGPL v3](https://img.shields.io/badge/License-AGPL_v3-blue.svg)](x)", "AGPL-3.0"),
    ("![license](https://img.shields.io/badge/license-AGPL--3.0--or--later-green)",
     "AGPL-3.0-or-later"),
    ('<img alt="Licence: EUPL 1.2" src="badge.svg">', "EUPL-1.2"),
    ("![MIT Press](https://img.shields.io/badge/MIT-Press-red) licence", None),
    ("![license](https://img.shields.io/github/license/o/r)", None),
    ("The licence is explained below (MIT).", None),
])
def test_badges(line: str, expected: str | None) -> None:
    found = badges(f"# X\n{line}\n", "README.md")
    assert [b["spdx"] for b in found] == ([expected] if expected else [])


# proconnect-gouv/federation LICENSE.md (front/ deleted since).
FEDERATION = ("# Licensing\n\nLicense names used in this document are as per [SPDX License List]"
              "(https://spdx.org/licenses/).\n\n## MIT License\n\nThe following directories and "
              "their subdirectories are licensed under [MIT](./front/LICENSE):\n\n```\n./front/\n"
              "```\n\n## AGPL-3.0\n\nThe default license for this project is "
              "[AGPL-3.0-or-later](./AGPL-3.0.LICENSE.md).\n")


def test_a_notice_giving_a_licence_to_a_folder_that_is_gone() -> None:
    document = facts({"LICENSE.md": FEDERATION, "back/main.ts": "x\n"})
    licence = document["licence"]
    assert licence["spdx"] == "AGPL-3.0-or-later"
    assert licence["files"][0]["absent_scopes"] == [{"spdx": "MIT", "paths": ["./front/"]}]
    _, en, fr = finding(document, "licence-recognised")
    assert "gives MIT to ./front/, absent from the repository: left out" in en
    assert "absent du dépôt : écartée" in fr


def test_a_notice_giving_a_licence_to_a_folder_that_exists() -> None:
    document = facts({"LICENSE.md": FEDERATION, "back/main.ts": "x\n", "front/index.js": "x\n"})
    assert document["licence"]["spdx"] == "AGPL-3.0-or-later AND MIT"
    assert "absent_scopes" not in document["licence"]["files"][0]


def _manifest(name: str, repository: object, licence: str = "Apache-2.0") -> str:
    return json.dumps({"name": name, "repository": repository, "license": licence})


def test_a_nested_copy_of_another_project_is_third_party() -> None:
    # MTES-MCT/dialog blog/package.json: codegouvfr's eleventy-dsfr template, kept MIT.
    blog = _manifest("eleventy-dsfr", {"type": "git",
                                       "url": "git@github.com:codegouvfr/eleventy-dsfr.git"})
    document = facts({"LICENSE": MIT, "composer.json": "{}", "blog/package.json": blog, **CODE})
    declared = {d["path"]: d["scope"] for d in document["licence"]["declared"]}
    assert declared["blog/package.json"] == "third-party"
    assert finding(document, "licence-declarations-consistent")[0] != "fail"


@pytest.mark.parametrize("files", [
    # a monorepo package: the repository with its directory
    {"packages/ui/package.json": _manifest("ui", {"url": "https://github.com/org/ui",
                                                  "directory": "packages/ui"})},
    # another manifest of this repository names the same repository
    {"package.json": _manifest("mono", "github:org/web", "MIT"),
     "web/package.json": _manifest("web", "github:org/web")},
    # named after nothing it names
    {"web/package.json": _manifest("front", "github:org/web")},
])
def test_own_nested_packages_are_still_compared(files: dict[str, str]) -> None:
    document = facts({"LICENSE": MIT, **files, **CODE})
    nested = [d for d in document["licence"]["declared"] if "/" in d["path"]]
    assert nested and all(d["scope"] == "component" for d in nested)
    assert finding(document, "licence-declarations-consistent")[0] == "fail"


def test_an_api_descriptions_deprecated_id_is_left_to_the_api_rule() -> None:
    # MTES-MCT/zero-logement-vacant server/src/infra/openapi.yaml:25-27 license name "AGPL-3.0"
    spec = ("openapi: 3.0.3\ninfo:\n  title: ZLV\n  version: 1.0.0\n  license:\n"
            "    name: AGPL-3.0\npaths: {}\n")
    document = facts({"LICENSE": MIT, "server/src/infra/openapi.yaml": spec,
                      "server/src/index.ts": "x\n"})
    assert document["licence"]["deprecated_ids"] == []
    assert finding(document, "licence-on-strict-list")[0] == "pass"
    # A manifest's deprecated id is still the repository's business.
    document = facts({"LICENSE": MIT, "package.json": json.dumps({"license": "AGPL-3.0"}),
                      **CODE})
    assert document["licence"]["deprecated_ids"] == ["AGPL-3.0"]


def test_a_repository_without_code_needs_no_publiccode() -> None:
    # DISIC/politique-de-contribution-open-source: policy texts only.
    docs = {"LICENSE": MIT, "README.md": "# Politique\n", "pratique.md": "Texte.\n",
            "docs/politique.pdf": b"%PDF-1.4\n"}
    document = facts(docs)
    assert document["repository"]["code_files"] == 0
    status, en, _ = finding(document, "publiccode-yml-present")
    assert status == "not_applicable" and "holds no code" in en
    assert finding(facts({**docs, **CODE}), "publiccode-yml-present")[0] == "fail"


def test_a_readme_naming_another_licence_than_the_file_is_a_review() -> None:  # datagouv/hubee
    """LICENSE holds MIT, the README's licence section says AGPL-3.0: two licences stated for
    the same code, a person decides; a README naming the same licence is no disagreement."""
    def judged(readme: str) -> tuple[str, str, str]:
        return finding(facts({"LICENSE": MIT, "README.md": readme, "app.py": "x = 1\n"}),
                       "licence-recognised")

    status, en, fr = judged("# Hubee\n\nLe hub d'échange.\n\n## 📝 Licence\n\nCe projet est sous "
                            "licence AGPL-3.0.\n")
    assert status == "review" and "LICENSE holds MIT but README.md" in en and "names AGPL-3.0" in en
    assert "LICENSE contient MIT mais README.md" in fr
    assert judged("# Hubee\n\nLe hub.\n\n## Licence\n\nCe projet est sous licence MIT.\n")[0] \
        == "pass"


def test_a_licence_text_and_a_notice_naming_others_is_a_review() -> None:  # IGNF qgis plugin
    """LICENSE is the AGPL text, LICENSE.md says CeCILL-B: the notice is taken as the grant,
    but two licences are stated and a person decides."""
    from scanner.licences.texts import licence_text

    agpl = licence_text("AGPL-3.0-only", "en", "IGN", 2024).text
    status, en, _ = finding(facts({"LICENSE": agpl, "LICENSE.md": "# Licence\n\nCe logiciel est "
                                   "distribué sous la licence CeCILL-B.\n", "app.py": "x = 1\n"}),
                            "licence-recognised")
    assert status == "review" and "LICENSE holds the text of AGPL-3.0 but LICENSE.md states" in en


@pytest.mark.parametrize(("dependency", "expected"), [
    ("Apache-2.0", True), ("MIT", True), ("MPL-2.0", True), ("LGPL-3.0-only", True),
    ("GPL-3.0-or-later", True), ("Apache-2.0 OR MIT", True), ("LicenseRef-proprietary", False),
])
def test_an_eupl_project_may_use_what_its_compatibility_clause_allows(
        dependency: str, expected: bool) -> None:  # betagouv/a-just
    """licensecheck marks Apache-2.0 (and MPL, LGPL, GPL) dependencies incompatible with
    EUPL-1.2; permissive licences and the EUPL's appendix of compatible licences say otherwise."""
    from scanner.licences.dependencies import compatible

    assert compatible("EUPL-1.2", dependency) is expected
    if dependency == "GPL-3.0-or-later":
        assert compatible("MIT", dependency) is False  # only the EUPL's clause allows it
