"""Four realistic repositories built for these tests (not in the corpus), labelled by hand before
running civiscan: the measure of how the community and publiccode collectors generalise."""

from __future__ import annotations

import typing as t

import pytest

from scanner.facts import build_facts
from scanner.sources.memory import snapshot_from_files

LONG_FR = ("Cette application permet aux agents de suivre les dossiers d'aide au logement, "
           "de la demande à la décision, avec des tableaux de bord pour chaque département "
           "et un export des statistiques au format ouvert.")

# 1. An English Python library on GitHub: reStructuredText docs, DCO through sign-off and the
#    DCO app, a Covenant template never filled in, a policy that only says "open an issue".
PYLIB = {
    "README.rst": ("pylib\n=====\n\npylib parses French administrative codes (SIRET, NIR, INSEE) "
                   "and validates them against the official algorithms.\n\nInstallation\n"
                   "------------\n\n::\n\n    pip install pylib\n\nUsage\n-----\n\n"
                   ".. code-block:: python\n\n    python -m pylib check 73282932000074\n\n"
                   "License\n-------\n\nEUPL-1.2, see LICENSE.\n"),
    "CONTRIBUTING.rst": ("Contributing\n============\n\nOpen an issue first, then a pull request "
                         "against main with tests. Every commit must carry a ``Signed-off-by`` "
                         "line (``git commit -s``); the DCO bot checks it.\n" + "word " * 60),
    ".github/dco.yml": "require:\n  members: false\n",
    "CODE_OF_CONDUCT.md": ("# Contributor Covenant Code of Conduct\n\nReport to "
                           "[INSERT CONTACT METHOD].\n\nContributor Covenant, version 2.0.\n"),
    "SECURITY.md": "# Security\n\nPlease open an issue at https://github.com/o/pylib/issues.\n",
    ".github/ISSUE_TEMPLATE/bug.yml": "name: Bug\n",
    "publiccode.yaml": ("publiccodeYmlVersion: '0.7'\nname: pylib\nurl: https://github.com/o/pylib\n"
                        "platforms: [linux]\ndevelopmentStatus: beta\nsoftwareType: library\n"
                        f"description:\n  en:\n    shortDescription: Codes.\n    longDescription: "
                        f"{'x' * 200}\n    features: [parse]\nlegal:\n  license: EUPL-1.2\n"
                        "maintenance:\n  type: contract\nlocalisation:\n  localisationReady: true\n"
                        "  availableLanguages: [en]\n"),
}
# 2. A French GitLab project: AsciiDoc README, CONTRIBUER.md with a CLA bot and a transfer of
#    rights, GitLab templates, a French security page in docs/, an outdated publiccode.yml.
GITLAB_FR = {
    "README.adoc": ("= Suivi Logement\n\n" + LONG_FR + "\n\n== Lancer en local\n\n----\n"
                    "docker compose up\n----\n\n== Licence\n\nAGPL-3.0-or-later.\n"),
    "CONTRIBUER.md": ("# Contribuer\n\n[![CLA assistant](https://cla-assistant.io/readme/badge/x)]"
                      "(https://cla-assistant.io/x)\n\nAvant toute merge request, signez l'accord "
                      "de contributeur : il organise la cession des droits d'auteur à l'État.\n"),
    ".gitlab/issue_templates/Bug.md": "## Bug\n",
    ".gitlab/merge_request_templates/Default.md": "## Changement\n",
    "docs/securite.md": "# Sécurité\n\nÉcrivez à securite@logement.gouv.fr.\n",
    "publiccode.yml": ("publiccodeYmlVersion: 0.2\nname: Suivi Logement\n"
                       "url: https://gitlab.com/x/suivi\nlegal:\n  license: AGPL-3.0+\n"),
}
# 3. English README with a French translation, community files under .github/, a CLA refused
#    in so many words, GitHub private advisories, the Citizen Code of Conduct.
GITHUB_DIR = {
    "README.md": ("# Agenda\n\nAgenda lets citizens book appointments with their town hall "
                  "online without waiting on the phone.\n\n## Quick start\n\n```sh\nyarn install\n"
                  "yarn dev\n```\n\n## Contributing\n\nSee .github/CONTRIBUTING.md.\n"),
    "README.fr.md": "# Agenda\n\nVersion française.\n",
    ".github/CONTRIBUTING.md": ("# Contributing\n\nWe do not require a CLA. Sign off your commits "
                                "(`git commit -s`) to accept the Developer Certificate of Origin."
                                "\n"),
    ".github/SECURITY.md": ("Report vulnerabilities privately through "
                            "https://github.com/o/agenda/security/advisories/new.\n"),
    "CODE_OF_CONDUCT.md": "This project follows the Citizen Code of Conduct. Contact: coc@o.fr\n",
}
# 4. A monorepo with a bare README, guides under docs/contributing/, package READMEs that must
#    not be taken for the repository's, and no publiccode.yml at the root.
MONOREPO = {
    "README.md": "[![ci](https://x/b.svg)](https://x)\n\n# mono\n",
    "docs/contributing/index.md": "# Contribuer\n\nProposez une merge request.\n",
    "packages/api/README.md": "# api\n\nInstall with npm install.\n",
    "packages/api/SECURITY.md": "x",
    "packages/api/publiccode.yml": "name: api\n",
}

LABELS: dict[str, dict[str, t.Any]] = {
    "pylib": {"readme": "README.rst", "contributing": "CONTRIBUTING.rst",
              "code_of_conduct": "CODE_OF_CONDUCT.md", "security_policy": "SECURITY.md",
              "dco": True, "cla": False, "run": True, "install": True, "coc_contact": False,
              "private_channel": False, "templates": True, "publiccode": "publiccode.yaml",
              "publiccode_valid": False},
    "gitlab-fr": {"readme": "README.adoc", "contributing": "CONTRIBUER.md",
                  "code_of_conduct": None, "security_policy": "docs/securite.md",
                  "dco": False, "cla": True, "run": True, "install": True, "coc_contact": None,
                  "private_channel": True, "templates": True, "publiccode": "publiccode.yml",
                  "publiccode_valid": False},
    "github-dir": {"readme": "README.md", "contributing": ".github/CONTRIBUTING.md",
                   "code_of_conduct": "CODE_OF_CONDUCT.md", "security_policy": ".github/SECURITY.md",
                   "dco": True, "cla": False, "run": True, "install": True, "coc_contact": True,
                   "private_channel": True, "templates": False, "publiccode": None,
                   "publiccode_valid": None},
    "monorepo": {"readme": "README.md", "contributing": "docs/contributing/index.md",
                 "code_of_conduct": None, "security_policy": None, "dco": False, "cla": False,
                 "run": False, "install": False, "coc_contact": None, "private_channel": None,
                 "templates": False, "publiccode": None, "publiccode_valid": None},
}
REPOS = {"pylib": PYLIB, "gitlab-fr": GITLAB_FR, "github-dir": GITHUB_DIR, "monorepo": MONOREPO}


def _observed(files: dict[str, str]) -> dict[str, t.Any]:
    facts = build_facts(snapshot_from_files(files))
    c = facts["community"]
    return {
        "readme": c["readme"]["path"], "contributing": c["contributing"]["path"],
        "code_of_conduct": c["code_of_conduct"]["path"],
        "security_policy": c["security_policy"]["path"],
        "dco": c["contributing"]["terms"]["dco"], "cla": c["contributing"]["terms"]["cla"],
        "run": c["readme"]["explains"]["run"], "install": c["readme"]["explains"]["install"],
        "coc_contact": c["code_of_conduct"]["contact"],
        "private_channel": c["security_policy"]["private_channel"],
        "templates": c["templates"]["present"], "publiccode": facts["publiccode"]["path"],
        "publiccode_valid": facts["publiccode"]["valid"],
    }


@pytest.mark.parametrize("name", sorted(REPOS))
def test_realistic_repository(name: str) -> None:
    assert _observed(REPOS[name]) == LABELS[name]


def test_outdated_publiccode_details() -> None:
    facts = build_facts(snapshot_from_files(GITLAB_FR))
    section = facts["publiccode"]
    assert section["version"] == "0.2"
    assert section["legal_license_normalised"] == "AGPL-3.0-or-later"
    # publiccodeYmlVersion: 0.2 is a number, not text: the reference validator stops there.
    assert [e["key"] for e in section["errors"]] == ["publiccodeYmlVersion"]
    assert "quoted" in section["errors"][0]["message"]


def test_monorepo_package_files_are_not_the_repository_s() -> None:
    facts = build_facts(snapshot_from_files(MONOREPO))
    assert facts["publiccode"]["other_paths"] == ["packages/api/publiccode.yml"]
    assert facts["community"]["readme"]["explains"]["what"] is False
