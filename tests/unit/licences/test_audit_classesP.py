"""Audit freshP1 (issue 9): a sub-package's manifest contradicting the licence file of its own
folder is named with that file, and a manifest stating one licence twice is one disagreement."""

from __future__ import annotations

from tests.unit.licences.conftest import MIT
from tests.unit.licences.test_trust import facts, finding

# incubateur-territoires/nao-scalingo: root LICENSE Apache-2.0, cli/LICENSE MIT, and
# cli/pyproject.toml declaring Apache-2.0 in `license` and again in its classifiers.
PYPROJECT = """[project]
name = "nao-core"
license = "Apache-2.0"
classifiers = ["License :: OSI Approved :: Apache Software License"]
"""


def test_a_sub_package_is_named_with_the_licence_file_it_contradicts(apache: str) -> None:
    document = facts({"README.md": "# nao\n\nAn analytics agent.\n", "LICENSE": apache,
                      "cli/LICENSE": MIT, "cli/pyproject.toml": PYPROJECT})
    status, en, fr = finding(document, "licence-declarations-consistent")
    assert status == "fail"
    assert en == ("Package metadata declare another licence than the licence files covering them "
                  "(the repository's: Apache-2.0): cli/pyproject.toml (Apache-2.0, while "
                  "cli/LICENSE in its folder holds MIT).")
    assert fr.endswith("cli/pyproject.toml (Apache-2.0, alors que cli/LICENSE dans son dossier "
                       "contient MIT).")


def test_a_manifest_agreeing_with_its_folder_licence_is_no_disagreement(apache: str) -> None:
    document = facts({"README.md": "# nao\n\nAn analytics agent.\n", "LICENSE": apache,
                      "cli/LICENSE": MIT,
                      "cli/pyproject.toml": PYPROJECT.replace("Apache-2.0", "MIT").replace(
                          "Apache Software License", "MIT License")})
    assert finding(document, "licence-declarations-consistent")[0] == "pass"


def test_a_root_manifest_is_still_compared_with_the_repository_licence(apache: str) -> None:
    document = facts({"README.md": "# nao\n\nAn analytics agent.\n", "LICENSE": apache,
                      "pyproject.toml": PYPROJECT.replace("Apache-2.0", "MIT").replace(
                          "Apache Software License", "MIT License")})
    status, en, _ = finding(document, "licence-declarations-consistent")
    assert status == "fail"
    assert en.endswith("(the repository's: Apache-2.0): pyproject.toml (MIT).")
