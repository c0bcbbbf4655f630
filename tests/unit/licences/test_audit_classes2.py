"""Second round of licence audit classes (issue 9): an API description's licence, GNU "or any
later version" notices in source headers, where each part of a licence comes from, manifests set
aside as copies, documentation sites. Each fixture is modelled on the repository the audit
found (cited)."""

from __future__ import annotations

import json

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
