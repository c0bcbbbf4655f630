"""Audit freshK3 (issue 9): a licence file granting one licence, then quoting the licences of
third-party code it includes, holds the granted licence; the API-description-only message names
every other licence civiscan read (source-file notices, sub-packages' metadata)."""

from __future__ import annotations

import json

from scanner.licences import choice, headers
from scanner.licences.detect import detect
from tests.unit.licences.conftest import MIT
from tests.unit.licences.test_trust import facts, finding

_MIT_QUOTED = "\n".join(f"> {line}" if line else ">" for line in MIT.splitlines()[2:])

# Modelled on IGNF/geoportal-access-lib LICENCE.md: the grant (line 4), then "## Third party
# code" (line 17) quoting ES6-Promise's MIT licence (line 21 on).
GEOPORTAL = (
    "\n"
    "# Geoportal resources access library\n"
    "\n"
    "This software is released under the licence CeCILL-B (Free BSD compatible)\n"
    "\n"
    "You may obtain a copy of the License at :\n"
    "\n"
    "http://www.cecill.info/licences/Licence_CeCILL-B_V1-en.txt (english)\n"
    "\n"
    "http://www.cecill.info/licences/Licence_CeCILL-B_V1-fr.txt (french)\n"
    "\n"
    "see http://www.cecill.info/\n"
    "\n"
    "Copyright (c) 2016-2017 IGN\n"
    "\n"
    "\n"
    "## Third party code :\n"
    "\n"
    "The Geoportal resources access library includes the following third party code :\n"
    "\n"
    "### ES6-Promise\n"
    "\n"
    "A tiny implementation of Promises/A+.\n"
    "Copyright (c) 2014 Yehuda Katz, Tom Dale, Stefan Penner and contributors\n"
    "Licensed under MIT license\n"
    "See https://raw.githubusercontent.com/stefanpenner/es6-promise/master/LICENSE\n"
    "Version   v4.2.4\n"
    "\n"
    "> Copyright (c) 2014 Yehuda Katz, Tom Dale, Stefan Penner and contributors\n"
    ">\n" + _MIT_QUOTED + "\n"
)
PACKAGE = json.dumps({"name": "geoportal-access-lib", "version": "3.4.0", "license": "CECILL-B"})


def test_the_grant_before_a_third_party_appendix_is_the_files_licence() -> None:
    found = detect(GEOPORTAL)
    assert found.spdx == "CECILL-B" and found.licences == ("CECILL-B",)
    assert found.others == ((21, "MIT"),)


def test_a_granted_licence_with_a_quoted_appendix_passes_and_names_the_appendix() -> None:
    document = facts({"LICENCE.md": GEOPORTAL, "package.json": PACKAGE, "src/index.js": "x\n"})
    entry = document["licence"]["files"][0]
    assert entry["spdx"] == "CECILL-B" and entry["others"] == [{"line": 21, "spdx": "MIT"}]
    status, en, fr = finding(document, "licence-recognised")
    assert status == "pass" and "CECILL-B" in en
    assert "third-party code" in en and "LICENCE.md:21 (MIT)" in en
    assert "code tiers" in fr and "LICENCE.md:21 (MIT)" in fr
    assert finding(document, "licence-authorised")[0] == "pass"
    assert finding(document, "licence-declarations-consistent")[0] == "pass"


def test_a_licence_text_alone_has_no_appendix() -> None:
    found = detect(MIT)
    assert found.spdx == "MIT" and found.others == ()
    assert choice.appendix(MIT) is None


def test_a_wrapped_licence_sentence_is_no_appendix_heading() -> None:
    # "shall be included in all copies" starts a paragraph after two blank lines: not a heading.
    text = MIT.replace("\n\nThe above copyright", "\n\n\nThe above copyright")
    assert choice.appendix(text) is None
    assert detect(text).spdx == "MIT" and detect(text).others == ()


def test_an_appendix_needs_a_grant_before_it() -> None:
    # Only a copyright line before the third-party part: the file grants nothing of its own.
    text = "Copyright (c) 2016-2017 IGN\n\n\n## Third party code :\n\n" + MIT
    found = detect(text)
    assert found.spdx != "CECILL-B" and found.others == ()


def test_a_head_about_others_work_is_no_grant() -> None:
    text = ("This project uses libfoo, licensed under the Apache License 2.0.\n\n\n"
            "## Third party code\n\n" + MIT)
    found = detect(text)
    assert "Apache-2.0" not in found.licences and found.others == ()


def test_a_heading_about_something_else_is_no_appendix() -> None:
    text = GEOPORTAL.replace("## Third party code :", "## Historique")
    text = text.replace("includes the following third party code", "was first written in 2016")
    assert choice.appendix(text) is None
    assert detect(text).others == ()


# Modelled on ansforge/psc-secpsc-api: no licence file, pom.xml without <licenses>,
# openapi-spec.yaml info.license "Propriétaire ANS", and the Apache-2.0 notice heading some Java
# files (src/main/java/fr/ans/psc/PscApiMajApplication.java:4-14).
JAVA_APACHE = (
    "/**\n"
    " * Copyright (C) 2022-2023 Agence du Numérique en Santé (ANS) (https://esante.gouv.fr)\n"
    " *\n"
    " * Licensed under the Apache License, Version 2.0 (the \"License\");\n"
    " * you may not use this file except in compliance with the License.\n"
    " * You may obtain a copy of the License at\n"
    " *\n"
    " *         http://www.apache.org/licenses/LICENSE-2.0\n"
    " *\n"
    " * Unless required by applicable law or agreed to in writing, software\n"
    " * distributed under the License is distributed on an \"AS IS\" BASIS,\n"
    " * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.\n"
    " * See the License for the specific language governing permissions and\n"
    " * limitations under the License.\n"
    " */\n"
    "package fr.ans.psc;\n"
)
SPEC = ("openapi: 3.0.3\ninfo:\n  title: SEC-PSC API\n  version: 1.0.0\n  license:\n"
        "    name: Propriétaire ANS\npaths: {}\n")
POM = "<project><modelVersion>4.0.0</modelVersion><artifactId>psc</artifactId></project>\n"


def test_notice_line_points_at_the_notice() -> None:
    assert headers.notice_line(JAVA_APACHE) == 4
    assert headers.notice_line("package x;\n") == 1


def test_the_api_only_message_names_the_source_file_notices() -> None:
    files = {"openapi-spec.yaml": SPEC, "pom.xml": POM,
             "src/main/java/fr/ans/psc/PscApiMajApplication.java": JAVA_APACHE,
             "src/main/java/fr/ans/psc/Plain.java": "package fr.ans.psc;\nclass Plain {}\n"}
    document = facts(files)
    notice = document["licence"]["headers"]["notices"][0]
    assert notice["example"] == {"path": "src/main/java/fr/ans/psc/PscApiMajApplication.java",
                                 "line": 4}
    status, en, fr = finding(document, "licence-recognised")
    assert status == "review"
    assert "only" not in en and "seule" not in fr
    assert "Propriétaire ANS" in en
    assert "Apache-2.0" in en and "1 of 2 sampled source files" in en and "1 des 2 fichiers sources" in fr
    assert "PscApiMajApplication.java:4" in en and "PscApiMajApplication.java:4" in fr


# Modelled on sigrennesmetropole/geor_signalement: no licence file, root pom.xml without
# <licenses>, two add-ons' package.json "license": "Apache V2", and the swagger description's
# info.license "Apache 2.0".
SWAGGER = json.dumps({"swagger": "2.0", "info": {"title": "signalement", "version": "1",
                                                 "license": {"name": "Apache 2.0"}},
                      "paths": {}})


def test_the_api_only_message_names_sub_packages_metadata() -> None:
    addon = json.dumps({"name": "signalement-addon", "version": "1.0.0", "license": "Apache V2"})
    document = facts({"pom.xml": POM, "resources/swagger/georchestra-signalement.json": SWAGGER,
                      "georchestra-signalement-mapstore-addon/package.json": addon,
                      "georchestra-signalement-mapstore-management-addon/package.json": addon})
    status, en, fr = finding(document, "licence-recognised")
    assert status == "review"
    assert "only an API" not in en and "seule une" not in fr
    assert "georchestra-signalement-mapstore-addon/package.json" in en
    assert "georchestra-signalement-mapstore-management-addon/package.json" in fr
    assert "sub-packages" in en and "sous-paquets" in fr
    assert "resources/swagger/georchestra-signalement.json" in en


def test_an_api_description_alone_is_still_the_only_source() -> None:
    document = facts({"pom.xml": POM, "resources/swagger/georchestra-signalement.json": SWAGGER})
    status, en, fr = finding(document, "licence-recognised")
    assert status == "review"
    assert "only an API description names one" in en
    assert "seule une description d'API en nomme une" in fr
    assert "sub-packages" not in en and "notice" not in en


def test_several_api_descriptions_alone_are_still_the_only_source() -> None:
    # sigrennesmetropole/geor_tabou2_backend: four descriptions, nothing else names a licence.
    document = facts({"pom.xml": POM, "resources/openapi/a.json": SWAGGER,
                      "resources/openapi/b.json": SWAGGER})
    status, en, fr = finding(document, "licence-recognised")
    assert status == "review"
    assert "only API descriptions name one" in en
    assert "seules des descriptions d'API en nomment une" in fr
