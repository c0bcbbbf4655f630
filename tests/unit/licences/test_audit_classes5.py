"""Audit freshJ3 (issue 9): a README's plain "version 3 or later" settles the GNU version suffix,
a licence-header template is no licence file, and a clipped message never ends mid-word."""

from __future__ import annotations

import pytest

from scanner.engine.messages import MAX_VALUE_CHARS, clip, interpolate
from scanner.licences.notices import mentions
from scanner.licences.paths import licence_paths
from scanner.licences.readme import later_statements
from tests.unit.licences.test_trust import facts, finding

# Modelled on openfisca/openfisca-france-indirect-taxation README.md:21-24: the statement is a
# plain sentence (no GNU standard notice), and a Markdown link splits the name from its version.
OPENFISCA = (
    "# OpenFisca France Indirect Taxation\n"
    "\n"
    "## Installation\n"
    "\n"
    "Please consult https://openfisca.org/doc/installation/index.html.\n"
    "\n"
    "## Contribute\n"
    "\n"
    "OpenFisca is a free software project.\n"
    "Its source code is distributed under the [GNU Affero General Public Licence]"
    "(http://www.gnu.org/licenses/agpl.html)\n"
    "version 3 or later (see COPYING).\n"
)




def test_a_plain_or_later_statement_is_read_with_its_line() -> None:
    assert later_statements(OPENFISCA, "README.md") == [
        {"spdx": "AGPL-3.0-or-later", "path": "README.md", "line": 10}]


@pytest.mark.parametrize("sentence", [
    "Ce logiciel est distribué sous licence AGPL version 3 ou toute version ultérieure.",
    "Licence : AGPLv3 ou ultérieure.",
    "This project is licensed under the GNU AGPL v3+.",
    # MTES-MCT/filharmonic-api README.md:29-31: a bare name under the « Licence » heading
    "[AGPL v3 ou plus récent](https://spdx.org/licenses/AGPL-3.0-or-later.html)",
])
def test_other_wordings_of_or_later(sentence: str) -> None:
    readme = f"# Outil\n\n## Licence\n\n{sentence}\n"
    assert [s["spdx"] for s in later_statements(readme, "README.md")] == ["AGPL-3.0-or-later"]


def test_the_statement_makes_the_licence_or_later(agpl: str) -> None:
    document = facts({"COPYING": agpl, "README.md": OPENFISCA})
    licence = document["licence"]
    assert licence["spdx"] == "AGPL-3.0-or-later"
    assert finding(document, "licence-on-strict-list")[0] == "pass"
    status, en, fr = finding(document, "licence-recognised")
    assert status == "pass"
    assert "\"or any later version\" from the licence statement in README.md:10" in en
    assert "« ou toute version ultérieure » d'après la mention de licence de README.md:10" in fr


@pytest.mark.parametrize("readme", [
    # a dependency's licence, in a sentence about it and under a heading about others' work
    "# Outil\n\nThis project is licensed under the AGPL v3 (see LICENSE).\n\n"
    "We use libfoo, licensed under the AGPL v3 or later.\n",
    "# Outil\n\n## Licence\n\nAGPL v3, see LICENSE.\n\n## Dependencies\n\n"
    "pdfkit is distributed under the GNU AGPL version 3 or later.\n",
    # "or later" about Python, not about the licence
    "# Outil\n\n## Licence\n\nLicensed under the AGPL v3, requires Python 3.8 or later.\n",
    # a statement in a code block (an example header)
    "# Outil\n\n```\n# Licensed under the AGPL version 3 or later\n```\n",
])
def test_what_is_no_statement_of_the_projects_licence(agpl: str, readme: str) -> None:
    licence = facts({"LICENSE": agpl, "README.md": readme})["licence"]
    assert licence["spdx"] != "AGPL-3.0-or-later"


def test_or_later_of_another_gnu_family_does_not_settle_the_files_licence(agpl: str) -> None:
    readme = "# Outil\n\n## Licence\n\nThe client library is under the LGPL version 3 or later.\n"
    assert later_statements(readme, "README.md")[0]["spdx"] == "LGPL-3.0-or-later"
    assert facts({"LICENSE": agpl, "README.md": readme})["licence"]["spdx"] != "AGPL-3.0-or-later"


def test_or_later_must_follow_the_licence_name() -> None:
    [python] = mentions("Licensed under the GPL v3, requires Python 3.8 or later")
    assert not python.later
    [notice] = mentions("Licensed under the GPL version 3 or (at your option) any later version")
    assert notice.later


# ansforge/annuaire-sante-fhir-serveur: licence-header.txt is the template license-maven-plugin
# stamps on the Java files (pom.xml:109-112 <header>licence-header.txt</header>); LICENCE.txt
# holds the MIT licence.
HEADER = "(c) Copyright 1998-2024, ANS. All rights reserved."
# ansforge/annuaire-sante-fhir-serveur LICENCE.txt
MIT = (
    'The MIT License (MIT)\n'
    '\n'
    'Copyright (c) 2016 ANS\n'
    '\n'
    'Permission is hereby granted, free of charge, to any person obtaining a copy\n'
    'of this software and associated documentation files (the "Software"), to deal\n'
    'in the Software without restriction, including without limitation the rights\n'
    'to use, copy, modify, merge, publish, distribute, sublicense, and/or sell\n'
    'copies of the Software, and to permit persons to whom the Software is\n'
    'furnished to do so, subject to the following conditions:\n'
    '\n'
    'The above copyright notice and this permission notice shall be included in\n'
    'all copies or substantial portions of the Software.\n'
    '\n'
    'THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR\n'
    'IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,\n'
    'FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE\n'
    'AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER\n'
    'LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,\n'
    'OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN\n'
    'THE SOFTWARE.\n'
)


@pytest.mark.parametrize("name", ["licence-header.txt", "LICENSE_HEADER", "LICENSE.header",
                                  "copyright-header.txt", "license-header"])
def test_a_header_template_is_no_licence_file(name: str) -> None:
    assert licence_paths([name, "LICENCE.txt", "pom.xml"])[0] == ["LICENCE.txt"]
    assert licence_paths([f"module/{name}"])[1] == []


@pytest.mark.parametrize("name", ["LICENSE", "LICENSE.txt", "LICENSE-MIT", "COPYING.LESSER",
                                  "LICENSES/MIT.txt", "COPYRIGHT"])
def test_licence_files_stay_licence_files(name: str) -> None:
    assert licence_paths([name])[0] == [name]


def test_the_mit_licence_counts_alone() -> None:
    document = facts({"LICENCE.txt": MIT, "licence-header.txt": HEADER, "pom.xml": "<project/>"})
    assert document["licence"]["root_files"] == ["LICENCE.txt"]
    status, en, _ = finding(document, "licence-recognised")
    assert status == "pass" and "licence-header" not in en
    assert "licence-header" not in finding(document, "licence-file-present")[1]


def test_a_header_template_alone_is_no_licence_file() -> None:
    document = facts({"licence-header.txt": HEADER, "README.md": "# Outil\n"})
    assert document["licence"]["root_files"] == []
    assert finding(document, "licence-file-present")[0] == "fail"


# sigrennesmetropole/geor_tabou2_backend: the licence-recognised message value ran past 300
# characters and was cut mid-word ("the licenc….").
LONG = ("the repository states no licence of its own (no licence file, README licence section, "
        "package metadata or SPDX header); only API descriptions name one, the licence of the "
        "description, not of the repository: resources/openapi/tabou2-api-v1.json (info.license: "
        "\"Apache 2.0\"), resources/openapi/tabou2-api-v2.json (info.license: \"Apache 2.0\") and "
        "2 more")


def test_clip_ends_at_a_boundary_with_an_ellipsis() -> None:
    clipped = clip(LONG)
    assert len(clipped) <= MAX_VALUE_CHARS and clipped.endswith("…")
    assert LONG.startswith(clipped[:-1])
    assert LONG[len(clipped) - 1] in " ,;:"  # the word before the ellipsis is whole
    french = "le dépôt n'indique aucune licence propre " * 10
    assert french.startswith(clip(french)[:-1]) and clip(french)[-2] != " "
    assert french[len(clip(french)) - 1] == " "


def test_clip_leaves_short_texts_and_cuts_one_long_word() -> None:
    assert clip("MIT") == "MIT"
    assert clip("x" * 400) == "x" * (MAX_VALUE_CHARS - 1) + "…"
    assert interpolate("{/a}", {"a": LONG}) == clip(LONG)


def test_the_api_only_message_states_its_point_first() -> None:
    api = "{\"openapi\": \"3.0.0\", \"info\": {\"title\": \"t\", \"version\": \"1\", " \
          "\"license\": {\"name\": \"Apache 2.0\"}}, \"paths\": {}}"
    document = facts({f"resources/openapi/tabou2-{n}.json": api
                      for n in ("api-v1", "api-v2", "api", "model")})
    status, en, fr = finding(document, "licence-recognised")
    assert status == "review"
    assert "not of the repository" in en and "pas du dépôt" in fr
    assert "and 3 more" in en and "et 3 autres" in fr
    assert "licenc…" not in en
