"""Descriptions the software completes before serving them (issue 9, audit C2: openfisca-core
judged invalid on a template). Fixtures are modelled on the real file."""

from __future__ import annotations

import typing as t

from scanner.apispecs.template import placeholder
from scanner.collectors.api_specs import ApiSpecsCollector
from scanner.engine.evaluate import evaluate
from scanner.engine.loader import load_ruleset
from scanner.facts import build_facts
from scanner.sources.memory import snapshot_from_files

# openfisca/openfisca-core openfisca_web_api/openAPI.yml: loader/spec.py replaces the
# placeholders and adds SituationInput (and the entities' schemas) before serving /spec.
OPENFISCA = """openapi: "3.0.0"
info:
  title: "{COUNTRY_PACKAGE_NAME} Web API"
  description: "The OpenFisca Web API lets you get up-to-date information."
  version: "{COUNTRY_PACKAGE_VERSION}"
  contact:
    email: "contact@openfisca.org"
  license:
    name: "AGPL"
    url: "https://www.gnu.org/licenses/agpl-3.0"
components:
  schemas:
    Value: {type: number}
paths:
  /calculate:
    post:
      requestBody:
        content:
          application/json:
            schema: {$ref: "#/components/schemas/SituationInput"}
      responses:
        "200": {description: ok}
"""


def collect(files: dict[str, str]) -> dict[str, t.Any]:
    snapshot = snapshot_from_files(files, name="openfisca-core", full_name="openfisca/openfisca-core")
    return t.cast(dict[str, t.Any], ApiSpecsCollector().collect(snapshot, {}))


def test_an_invalid_template_is_reviewed_not_failed() -> None:
    facts = collect({"openfisca_web_api/openAPI.yml": OPENFISCA})
    (spec,) = facts["api_specs"]
    assert spec["valid"] is None and spec["error_count"] == 1
    assert spec["template"] == {"field": "info.title", "placeholder": "{COUNTRY_PACKAGE_NAME}"}
    (unchecked,) = facts["api"]["unvalidated_specs"]
    assert "info.title holding the placeholder {COUNTRY_PACKAGE_NAME}" in unchecked["summary"]
    assert "1 error(s) as committed" in unchecked["summary"]
    assert "contenant le paramètre {COUNTRY_PACKAGE_NAME}" in unchecked["summary_fr"]
    assert facts["api"]["invalid_specs"] == []
    rule = load_ruleset().get("api-descriptions-valid")
    assert rule is not None
    snapshot = snapshot_from_files({"openfisca_web_api/openAPI.yml": OPENFISCA},
                                   full_name="openfisca/openfisca-core")
    finding = evaluate(rule, build_facts(snapshot))
    assert finding.status.value == "review"
    assert "telles que versées au dépôt" in finding.texts["fr"]["message"]


def test_a_template_valid_as_committed_passes_and_real_errors_still_fail() -> None:
    valid = OPENFISCA.replace("SituationInput", "Value")
    (spec,) = collect({"openAPI.yml": valid})["api_specs"]
    assert spec["valid"] is True and spec["template"]["placeholder"] == "{COUNTRY_PACKAGE_NAME}"
    # No placeholder in info: the same error fails.
    plain = OPENFISCA.replace("{COUNTRY_PACKAGE_NAME}", "OpenFisca France").replace(
        "{COUNTRY_PACKAGE_VERSION}", "1.0.0")
    (spec,) = collect({"openAPI.yml": plain})["api_specs"]
    assert spec["valid"] is False and "template" not in spec


def test_placeholders_and_what_is_not_one() -> None:
    for title, found in (("{{ api_name }} API", "{{ api_name }}"), ("API ${ENV}", "${ENV}"),
                         ("<%= name %> API", "<%= name %>"), ("__APP_NAME__ API", "__APP_NAME__")):
        assert placeholder({"info": {"title": title}}) == ("info.title", found)
    assert placeholder({"info": {"title": "API", "version": "{COUNTRY_PACKAGE_VERSION}"}}) == (
        "info.version", "{COUNTRY_PACKAGE_VERSION}")
    # A path-parameter-like word, lower-case braces, a set or other fields: no template.
    for document in ({"info": {"title": "Items {id} API"}}, {"info": {"title": "API {v2}"}},
                     {"info": {"title": "API", "description": "GET /x/{ID}"}},
                     {"info": "{NAME}"}, {"info": {"title": 3}}, [], None):
        assert placeholder(document) is None
