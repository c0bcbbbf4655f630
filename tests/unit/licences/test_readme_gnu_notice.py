"""A GNU standard notice anywhere in the README's prose settles the licence's version suffix
(issue 9, audit freshI2: France-Travail/TradEmploi-BackEnd README.md:5, above the first heading,
was not read and the AGPL licence was reported as AGPL-3.0-only)."""

from __future__ import annotations

from scanner.licences.readme import gnu_notices
from tests.unit.licences.test_trust import facts, finding

# Modelled on France-Travail/TradEmploi-BackEnd README.md:1-14: the standard notice opens the
# README, before any heading; the "# Licence" section only names the licence.
TRAD = (
    "**Trad**: an instantaneous translation application between two people, one of whom is "
    "allophone\n"
    "\n"
    "Copyright (C) <2022>  <Innovation Department, DSI Pôle Emploi>\n"
    "\n"
    "This program is free software: you can redistribute it and/or modify it under the terms of "
    "the GNU Affero General Public License as published by the Free Software Foundation, either "
    "version 3 of the License, or (at your option) any later version.\n"
    "This program is distributed in the hope that it will be useful, but WITHOUT ANY WARRANTY; "
    "without even the implied warranty of MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  "
    "See the GNU Affero General Public License for more details.\n"
    "You should have received a copy of the GNU Affero General Public License along with this "
    "program.  If not, see https://www.gnu.org/licenses/.\n"
    "\n"
    "---\n"
    "\n"
    "# PETranslate-back\n"
    "\n"
    "# Licence\n"
    "This project is distributed under the GNU AFFERO GENERAL PUBLIC LICENSE V3.0. Please check "
    "the LICENSE file.\n"
)
NOTICE = ("This program is free software: you can redistribute it and/or modify it under the "
          "terms of the GNU {name} as published by the Free Software Foundation, either version 3 "
          "of the License, or (at your option) any later version.")




def test_the_opening_notice_is_read_with_its_line() -> None:
    assert gnu_notices(TRAD, "README.md") == [
        {"spdx": "AGPL-3.0-or-later", "path": "README.md", "line": 5}]


def test_the_opening_notice_makes_the_licence_or_later(agpl: str) -> None:
    document = facts({"LICENSE": agpl, "README.md": TRAD,
                      "backend/telemetry/package.json": '{"name": "telemetry", "license": "ISC"}'})
    licence = document["licence"]
    assert licence["spdx"] == "AGPL-3.0-or-later"
    assert licence["version_sources"][0] == {"source": "readme", "path": "README.md", "line": 5,
                                             "says": "or-later"}
    assert finding(document, "licence-on-strict-list")[0] == "pass"
    status, en, fr = finding(document, "licence-recognised")
    assert status == "pass"
    assert "AGPL-3.0-or-later" in en and "AGPL-3.0-only" not in en
    assert "\"or any later version\" from the GNU notice in README.md:5" in en
    assert "« ou toute version ultérieure » d'après la notice GNU de README.md:5" in fr
    status, en, _ = finding(document, "licence-declarations-consistent")
    assert status == "fail"  # the ISC package.json still disagrees
    assert "AGPL-3.0-only" not in en


def test_a_notice_under_any_section_counts(gpl: str) -> None:
    notice = NOTICE.format(name="General Public License")
    readme = f"# Outil\n\n## À propos\n\nCopyright 2023 DINUM\n\n{notice}\n"
    document = facts({"LICENSE": gpl, "README.md": readme})
    assert document["licence"]["spdx"] == "GPL-3.0-or-later"


def test_a_french_notice_counts(gpl: str) -> None:
    readme = ("# Outil\n\nCe programme est un logiciel libre ; vous pouvez le redistribuer ou le "
              "modifier suivant les termes de la GNU General Public License telle que publiée par "
              "la Free Software Foundation, soit la version 3 de la Licence, soit (à votre gré) "
              "toute version ultérieure.\n")
    assert gnu_notices(readme, "README.md") == [
        {"spdx": "GPL-3.0-or-later", "path": "README.md", "line": 3}]


def test_a_notice_without_later_says_only(gpl: str) -> None:
    readme = ("# Outil\n\nThis program is free software: you can redistribute it and/or modify "
              "it under the terms of the GNU General Public License as published by the Free "
              "Software Foundation, version 3 of the License.\n")
    document = facts({"LICENSE": gpl, "README.md": readme})
    licence = document["licence"]
    assert licence["spdx"] == "GPL-3.0-only"
    status, en, fr = finding(document, "licence-on-strict-list")
    assert status == "fail"
    assert ("the GNU notice in README.md:3 grants GPL-3.0 without \"or any later version\", so "
            "it reads as GPL-3.0-only") in en
    assert "la notice GNU de README.md:3 accorde la licence GPL-3.0" in fr


# --- what must not count ---------------------------------------------------------------------

def test_a_notice_in_a_code_block_does_not_count(agpl: str) -> None:
    # A header shown as an example of how to mark a source file is not the README's statement.
    readme = (f"# Outil\n\n## Contribuer\n\nAjoutez cet en-tête à chaque fichier :\n\n```\n"
              f"{NOTICE.format(name='Affero General Public License')}\n```\n")
    assert gnu_notices(readme, "README.md") == []
    document = facts({"LICENSE": agpl, "README.md": readme})
    assert document["licence"]["spdx"] == "AGPL-3.0-only"
    assert finding(document, "licence-on-strict-list")[0] == "fail"


def test_a_dependency_under_gpl_or_later_does_not_count(gpl: str) -> None:
    readme = ("# Outil\n\nThis project is licensed under the GPL v3 (see LICENSE).\n\n"
              "We use libfoo, which is licensed under the GPL v3 or later.\n\n"
              "## Third-party licences\n\n"
              + NOTICE.format(name="General Public License") + "\n")
    assert gnu_notices(readme, "README.md") == []
    document = facts({"LICENSE": gpl, "README.md": readme})
    assert document["licence"]["spdx"] == "GPL-3.0-only"


def test_a_notice_whose_subject_is_a_bundled_library_does_not_count(gpl: str) -> None:
    readme = ("# Outil\n\nThe bundled libfoo is free software: you can redistribute it and/or "
              "modify it under the terms of the GNU General Public License as published by the "
              "Free Software Foundation, either version 3 of the License, or (at your option) any "
              "later version.\n")
    assert gnu_notices(readme, "README.md") == []
    assert facts({"LICENSE": gpl, "README.md": readme})["licence"]["spdx"] == "GPL-3.0-only"


def test_a_notice_of_another_gnu_family_does_not_settle_the_files_licence(agpl: str) -> None:
    # The LICENSE is the AGPL text; the README's notice grants the GPL "or later": the AGPL's
    # version stays what its text says.
    readme = f"# Outil\n\n{NOTICE.format(name='General Public License')}\n"
    assert gnu_notices(readme, "README.md")[0]["spdx"] == "GPL-3.0-or-later"
    licence = facts({"LICENSE": agpl, "README.md": readme})["licence"]
    assert licence["spdx"] == "AGPL-3.0-only"
