"""A Swagger/OpenAPI description written as a JS/TS object and served by the application is a
committed description (written as code, not validated), never "no description was found"."""

from __future__ import annotations

import json
import typing as t

from scanner.apispecs import codespec
from scanner.engine.loader import load_ruleset
from scanner.run import ScanOptions, scan_snapshot
from scanner.sources.memory import snapshot_from_files
from tests.support import api_facts

# MTES-MCT/dtlk-api src/api/intranet.alimentation/swaggerDocumentation/index.js:1-20 (cut).
DTLK_SPEC = """let { api_alimentation_intranet: { exposed_url: apiUrl } } = require('../../../env')
let fullApiUrl = `${ apiUrl.scheme }://${ apiUrl.host }:${ apiUrl.port }/${ apiUrl.path }`

module.exports = {
  v1: {
    swagger: `2.0`,
    info: {
      title: `Datalake - API intra`,
      description: `API Datalake disponible sur le RIE.`,
      version: `1.0.0`,
      termsOfService: `${ fullApiUrl }/termsofservice`,
    },
    host: `${ apiUrl.host }:${ apiUrl.port }`,
    basePath: `/${ apiUrl.path }`,
    consumes: [`application/octet-stream`, `application/json`],
    paths: {
      '/v1/datasets': { get: { operationId: `getdatasets`, responses: { 200: { description: `ok` } } } }
    }
  }
}
"""
# MTES-MCT/dtlk-api src/api/intranet.alimentation/routes/v1/apidoc.js:1-13.
DTLK_ROUTE = """let express = require('express')
let router = require('express').Router({ strict: true })
let SwaggerUi = require ('swagger-ui-dist')
let { v1: swaggerDocument } = require('../../swaggerDocumentation')

router.route('/apidoc/swagger.json')
  .get(
    (req, res, next) => res.json(swaggerDocument)
  )
module.exports = router
"""
# MTES-MCT/dtlk-api package.json:63 « "swagger-ui-dist": "^3.20.5" ».
DTLK_PACKAGE = json.dumps({"name": "dtlk-api", "dependencies": {
    "express": "^4.16.4", "swagger-ui-dist": "^3.20.5"}})
SPEC_PATH = "src/api/intranet.alimentation/swaggerDocumentation/index.js"


def _dtlk(**extra: str) -> dict[str, str]:
    return {"package.json": DTLK_PACKAGE, SPEC_PATH: DTLK_SPEC,
            "src/api/intranet.alimentation/routes/v1/apidoc.js": DTLK_ROUTE, **extra}


def _findings(files: dict[str, str]) -> dict[str, dict[str, t.Any]]:
    card = scan_snapshot(snapshot_from_files(files, name="repo"),
                         ScanOptions(targets=[], ruleset=load_ruleset([])))
    return {f["rule"]: f for f in card["findings"]
            if f["rule"] in ("api-description-published", "api-descriptions-valid")}


def test_dtlk_swagger_object_is_found_with_its_line() -> None:
    assert codespec.find(DTLK_SPEC) == ("swagger", "2.0", 6)
    api = api_facts(_dtlk())
    assert [(s["path"], s["line"]) for s in api["code_specs"]] == [(SPEC_PATH, 6)]
    assert "écrite en code" in api["code_specs"][0]["summary_fr"]


def test_dtlk_published_passes_and_valid_says_written_as_code() -> None:
    found = _findings(_dtlk())
    published, valid = found["api-description-published"], found["api-descriptions-valid"]
    assert published["status"] == "pass"
    assert f"committed as code rather than as a file: {SPEC_PATH}:6" in published["message"]
    assert "sous forme de code" in published["i18n"]["fr"]["message"]
    assert valid["status"] == "not_applicable"
    assert "written as code" in valid["message"] and "not validated" in valid["message"]
    assert "No description" not in valid["message"]
    assert "n'a donc pas été validée" in valid["i18n"]["fr"]["message"]


def test_openapi_3_export_default_quoted_keys() -> None:
    text = ("export default {\n  'openapi': '3.0.3',\n  \"info\": { title: 'x', version: '1' },\n"
            "  paths: {},\n}\n")
    assert codespec.find(text) == ("openapi", "3.0.3", 2)


def test_swagger_ui_config_without_paths_is_no_description() -> None:
    # A Swagger UI / swagger-jsdoc options object: no paths (the generator's base).
    text = ("const options = { definition: { openapi: '3.0.0', info: { title: 'API', "
            "version: '1.0.0' } }, apis: ['./routes/*.js'] }\n")
    assert codespec.find(text) is None


def test_openapi_inside_a_string_is_no_key() -> None:
    text = ("const schema = { type: 'object', description: 'openapi: 3.0.0 with info and paths',"
            " properties: { info: {}, paths: {} } }\n// swagger: '2.0'\n")
    assert codespec.find(text) is None


def test_keys_at_different_levels_are_no_description() -> None:
    text = "module.exports = { swagger: '2.0', meta: { info: {}, paths: {} } }\n"
    assert codespec.find(text) is None


def test_test_fixture_is_not_read() -> None:
    files = _dtlk()
    spec = files.pop(SPEC_PATH)
    files["test/fixtures/swagger.js"] = spec
    files["src/openapi.spec.ts"] = spec
    assert api_facts(files)["code_specs"] == []


def test_client_without_serving_package_holds_another_services_spec() -> None:
    # A client copying another service's description, with no Swagger UI nor route serving it.
    files = {"package.json": json.dumps({"name": "client", "dependencies": {"axios": "^1"}}),
             "src/swagger/partner.js": DTLK_SPEC}
    assert api_facts(files)["code_specs"] == []
    assert _findings(files)["api-descriptions-valid"]["status"] == "not_applicable"
    assert "written as code" not in _findings(files)["api-descriptions-valid"]["message"]
