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


# --- licence ids are compared, not the words a licence file adds around them ----------------

# nao-scalingo LICENSE:1-2, above the Apache-2.0 text: files marked `@license Enterprise` are
# under commercial terms.
ENTERPRISE = ("This project is mostly licensed under the Apache License 2.0 as described below. "
              "However, certain files within this project are licensed under a different "
              "commercial license. These files are clearly marked with the following comment at "
              "the top of the file: /* @license Enterprise */\nFiles with this comment are not "
              "licensed under the Apache License 2.0, but instead are subject to the commercial "
              "license terms defined later in this file.\n\n")
CODE = {"cli/nao_core/main.py": "print('nao')\n", "apps/backend/src/app.ts": "export {};\n"}


def test_same_licence_as_a_root_file_stating_an_exclusion_agrees(apache: str) -> None:
    document = facts({"LICENSE": ENTERPRISE + apache, "cli/pyproject.toml": PYPROJECT, **CODE})
    assert "exclusion" in finding(document, "licence-recognised")[1]
    consistency = document["licence"]["consistency"]
    assert (consistency["agree"], consistency["disagreeing"]) == (True, [])
    assert finding(document, "licence-declarations-consistent")[0] == "pass"


def test_a_different_licence_beside_an_exclusion_still_fails(apache: str) -> None:
    # Negative: the exclusion does not make every declaration agree.
    document = facts({"LICENSE": ENTERPRISE + apache, "package.json": '{"license": "ISC"}',
                      **CODE})
    status, en, fr = finding(document, "licence-declarations-consistent")
    assert status == "fail"
    assert en.endswith("(the repository's: Apache-2.0): package.json (ISC).")
    assert fr.endswith("(celle du dépôt : Apache-2.0) : package.json (ISC).")


def test_distinct_manifests_or_licences_are_not_merged() -> None:
    # Negative for the de-duplication: two manifests, or one manifest naming two licences.
    document = facts({"LICENSE": MIT, "a/package.json": '{"license": "ISC"}',
                      "b/package.json": '{"license": "ISC"}',
                      "c/pyproject.toml": '[project]\nname = "c"\nlicense = "GPL-3.0-only"\n'
                                          'classifiers = ["License :: OSI Approved :: Apache '
                                          'Software License"]\n', **CODE})
    said = [d["summary"] for d in document["licence"]["consistency"]["disagreeing"]]
    assert said == ["a/package.json (ISC)", "b/package.json (ISC)",
                    "c/pyproject.toml (GPL-3.0-only)", "c/pyproject.toml (Apache-2.0)"]


def test_an_spdx_exception_is_judged_as_before(gpl: str) -> None:
    # Negative: a WITH exception is no licence id; GPL-2.0-only WITH Classpath-exception-2.0
    # beside plain GPL-2.0-only keeps today's judgement (one licence id: agrees), and beside a
    # GPL-3.0 text it still disagrees.
    classpath = '{"license": "GPL-2.0-only WITH Classpath-exception-2.0"}'
    document = facts({"package.json": '{"license": "GPL-2.0-only"}',
                      "lib/package.json": classpath, **CODE})
    assert document["licence"]["consistency"]["agree"] is True
    document = facts({"LICENSE": gpl, "lib/package.json": classpath, **CODE})
    consistency = document["licence"]["consistency"]
    assert consistency["agree"] is False
    assert consistency["disagreeing"][0]["expression"] == (
        "GPL-2.0-only WITH Classpath-exception-2.0")
