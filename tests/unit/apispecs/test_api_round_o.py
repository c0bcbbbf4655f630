"""Audit round O (issue 9): whose description is it, and what a generator's base file is.

Fixtures are modelled on the real files named in each test's comment."""

from __future__ import annotations

import json
import typing as t

from scanner.apispecs.basefile import mark
from scanner.apispecs.consumed import (
    builds_server,
    generator_inputs,
    readme_inputs,
    remote_hosts,
    server_inputs,
    split,
)
from scanner.collectors.api_specs import ApiSpecsCollector
from scanner.sources.memory import snapshot_from_files

COLLECTOR = ApiSpecsCollector()


def collect(files: dict[str, str], full_name: str) -> dict[str, t.Any]:
    snapshot = snapshot_from_files(files, name=full_name.rsplit("/", 1)[-1], full_name=full_name)
    return t.cast(dict[str, t.Any], COLLECTOR.collect(snapshot, {}))


def _spec(title: str, *urls: str, body: str = "paths: {}\n") -> str:
    servers = "".join(f"  - url: {url}\n" for url in urls)
    return (f"openapi: 3.0.0\ninfo:\n  title: {title}\n  version: 1.0.0\n"
            + (f"servers:\n{servers}" if servers else "") + body)


# sigrennesmetropole/rudi_producer_node rudi-api/doc/api/SkosEntry.yaml: the author's draft of the
# project's own API, whose only server is SwaggerHub's auto-mock, beside descriptions served at
# data-rudi.org; it refers to a schema it never defines.
SKOS = _spec("SKOS entry", "https://virtserver.swaggerhub.com/OlivierMartineau/RUDI-PRODUCER/api/v1",
             body="""paths:
  '/skos/concept/{id}':
    get:
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
      responses:
        '200':
          description: OK
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Concept'}
""")
RUDI = {"rudi-api/doc/api/SkosEntry.yaml": SKOS,
        "rudi-api/doc/api/RudiProducer 1.4.0.yaml": _spec("RUDI producer", "https://data-rudi.org")}


def test_a_design_tools_mock_server_does_not_make_a_description_anothers() -> None:
    facts = collect(RUDI, "sigrennesmetropole/rudi_producer_node")
    assert facts["api"]["consumed_specs"] == []
    skos = next(s for s in facts["api_specs"] if s["path"].endswith("SkosEntry.yaml"))
    assert skos["valid"] is False  # judged as the repository's own: the false pass is gone
    assert [i["path"] for i in facts["api"]["invalid_specs"]] == [
        "rudi-api/doc/api/SkosEntry.yaml"]
    for host in ("virtserver.swaggerhub.com", "app.swaggerhub.com", "abc.mock.pstmn.io",
                 "stoplight.io", "private-1234.apiary-mock.com"):
        assert remote_hosts([f"https://{host}/x"]) == [], host


def test_real_hosts_still_make_another_organisations_description_consumed() -> None:
    # Negative: a partner's real host is no mock (swaggerhub's name inside a path decides nothing).
    assert remote_hosts(["https://api.insee.fr/swaggerhub.com", "https://myswaggerhub.company.fr"]
                        ) == ["api.insee.fr", "myswaggerhub.company.fr"]
    other = {**RUDI, "rudi-api/doc/api/SkosEntry.yaml": _spec("SKOS", "https://api.insee.fr")}
    facts = collect(other, "sigrennesmetropole/rudi_producer_node")
    assert [c["path"] for c in facts["api"]["consumed_specs"]] == [
        "rudi-api/doc/api/SkosEntry.yaml"]


# sigrennesmetropole/api-3D package.json:6 generates its Express server from api/openapi.yaml,
# whose servers are a contractor's hosts (api3d.imfr.cgi.com).
API3D_PACKAGE = json.dumps({"name": "rennes-metropole-api-3d-generator", "scripts": {
    "build": "openapi-generator-cli generate -g nodejs-express-server -i ./api/openapi.yaml -o ./src",
    "start": "nodemon src/index.js"}})
API3D = {"package.json": API3D_PACKAGE,
         "api/openapi.yaml": _spec("RENNES METROPOLE - API 3D", "https://api.example.com/v1",
                                   "https://api3d.imfr.cgi.com/recette")}


def test_a_description_a_server_is_generated_from_is_the_repositorys_own() -> None:
    assert server_inputs({"package.json": API3D_PACKAGE}) == {
        "api/openapi.yaml": "package.json scripts.build"}
    assert generator_inputs({"package.json": API3D_PACKAGE}) == {}
    facts = collect(API3D, "sigrennesmetropole/api-3D")
    assert [s["path"] for s in facts["api_specs"]] == ["api/openapi.yaml"]
    assert facts["api"]["consumed_specs"] == []
    # ...even beside an own description served at the repository's host
    specs = [{"path": "api/openapi.yaml", "servers": ["https://api3d.imfr.cgi.com"]},
             {"path": "own.yaml", "servers": ["https://api-3d.rennesmetropole.fr"]}]
    own, consumed = split(specs, "sigrennesmetropole/rennesmetropole-3d", {}, frozenset(),
                          implemented={"api/openapi.yaml"})
    assert [s["path"] for s in own] == ["api/openapi.yaml", "own.yaml"] and consumed == []


def test_client_generators_still_make_a_description_consumed() -> None:
    # Negative: the same tool generating a client (typescript-axios), swagger-codegen's -l java.
    for command in ("openapi-generator-cli generate -g typescript-axios -i api/openapi.yaml",
                    "swagger-codegen generate -l java -i api/openapi.yaml",
                    "openapi-generator-cli generate -i api/openapi.yaml"):
        package = json.dumps({"scripts": {"gen": command}})
        assert not builds_server(command), command
        assert generator_inputs({"package.json": package}) == {
            "api/openapi.yaml": "package.json scripts.gen"}
        assert server_inputs({"package.json": package}) == {}
    for command in ("openapi-generator generate -g spring -i a.yaml",
                    "openapi-generator-cli generate --generator-name=python-flask -i a.yaml",
                    "swagger-codegen generate -l nodejs-server -i a.yaml",
                    "openapi-generator generate -g go-server -i a.yaml"):
        assert builds_server(command), command
    # openapitools.json: each input with its own block's generator
    config = json.dumps({"generator-cli": {"generators": {
        "server": {"generatorName": "kotlin-spring", "inputSpec": "specs/own.yaml"},
        "client": {"generatorName": "typescript-fetch", "inputSpec": "specs/partner.yaml"}}}})
    assert server_inputs({"openapitools.json": config}) == {"specs/own.yaml": "openapitools.json"}
    assert generator_inputs({"openapitools.json": config}) == {
        "specs/partner.yaml": "openapitools.json"}
    readme = {"README.md": "openapi-generator generate -g spring -i docs/api.yaml\n"}
    assert readme_inputs(readme, ["docs/api.yaml"]) == {}


# dnum-mi/cartographie-donnees backend/app/openapi.yml: ``paths:`` left empty, filled by
# flask-redoc (``Redoc(app, 'openapi.yml')``, backend/app/__init__.py:37) from the routes'
# docstrings; its query parameters of ``style: matrix`` are invalid in what is served too.
BASE = """openapi: "3.0.0"
info:
  version: 1.0.0
  title: Cartographie des donnees MI
servers:
  - url: http://localhost:5000
paths:
tags:
  - name: Applications
components:
  schemas:
    Application:
      type: object
"""
MATRIX = """  parameters:
    searchQuery:
      name: q
      in: query
      style: matrix
      schema: {type: string}
"""
REQUIREMENTS = "Flask==1.1.2\nflask-redoc==0.2.1\n"


def test_a_base_file_flask_redoc_completes_is_not_invalid_for_its_empty_paths() -> None:
    facts = collect({"backend/requirements.txt": REQUIREMENTS, "backend/app/openapi.yml": BASE},
                    "dnum-mi/cartographie-donnees")
    (spec,) = facts["api_specs"]
    assert spec["valid"] is True and spec["base"]["generator"] == "flask-redoc"
    (generated,) = facts["api"]["generated"]
    assert generated["summary"] == ("flask-redoc at run time from backend/app/openapi.yml (a base "
                                    "file it completes with the code's paths)")
    assert "à partir de backend/app/openapi.yml" in generated["summary_fr"]
    # Its other errors stay, and are the ones named.
    facts = collect({"backend/requirements.txt": REQUIREMENTS,
                     "backend/app/openapi.yml": BASE + MATRIX}, "dnum-mi/cartographie-donnees")
    (spec,) = facts["api_specs"]
    assert spec["valid"] is False and spec["error_count"] == len(spec["errors"]) >= 1
    assert all(e["pointer"].startswith("/components/parameters") for e in spec["errors"])


def test_empty_paths_stay_an_error_without_a_base_filling_generator() -> None:
    # Negative: no generator, one that builds the whole description (FastAPI), or one listed by
    # a sibling package's manifest.
    for files in ({"backend/app/openapi.yml": BASE},
                  {"backend/requirements.txt": "fastapi\n", "backend/app/openapi.yml": BASE},
                  {"front/requirements.txt": REQUIREMENTS, "backend/app/openapi.yml": BASE}):
        (spec,) = collect(files, "dnum-mi/cartographie-donnees")["api_specs"]
        assert spec["valid"] is False and "base" not in spec, files
    specs = [{"path": "a.yml", "valid": False, "error_count": 1,
              "errors": [{"pointer": "/info", "message": "x"}]}]
    mark(specs, [{"name": "flask-redoc", "role": "generates", "path": "requirements.txt"}])
    assert "base" not in specs[0] and specs[0]["valid"] is False


def _published(files: dict[str, str], full_name: str) -> t.Any:
    from scanner.engine.evaluate import evaluate
    from scanner.engine.loader import load_ruleset
    from scanner.facts import build_facts

    facts = build_facts(snapshot_from_files(files, full_name=full_name))
    rule = load_ruleset().get("api-description-published")
    assert rule is not None
    return evaluate(rule, facts)


def test_graphql_is_named_in_the_review_only_with_a_graphql_sign() -> None:
    # incubateur-ademe/legal-site: low-confidence signs of an API (a Node server's /api routes)
    # and no GraphQL at all; the review must not offer "or point to a GraphQL API".
    files = {"package.json": json.dumps({"dependencies": {"express": "4"}}),
             "server.js": "const app = express();\napp.use(express.json());\n"
                          "app.get('/api/items', (req, res) => res.json([]));\napp.listen(3000);\n"}
    finding = _published(files, "incubateur-ademe/legal-site")
    assert finding.status.value == "review"
    assert "GraphQL" not in finding.texts["en"]["message"]
    assert "GraphQL" not in finding.texts["fr"]["message"]
    # A GraphQL schema the repository serves keeps the words.
    served = {"package.json": json.dumps({"dependencies": {"apollo-server": "3"}}),
              "schema.graphql": "type Query { items: [String] }\n"}
    finding = _published(served, "demo/graphql")
    assert finding.status.value == "review"
    assert "point to a GraphQL API" in finding.texts["en"]["message"]
    assert "désignent une API GraphQL" in finding.texts["fr"]["message"]


def test_a_hasura_schema_is_read_before_a_front_ends_operation_files() -> None:
    # SocialGouv/cdtn-admin: the front end's *.query.graphql / *.mutation.graphql files (a client's,
    # no types) came first and hid targets/hasura/metadata/actions.graphql, its own engine's.
    from scanner.apispecs.exposure import path_evidence

    files = {f"targets/frontend/src/lib/contenus/{name}.graphql": "query Get { document { id } }\n"
             for name in ("getDocument.query", "updateDocument.mutation", "a.query", "b.query")}
    files["targets/hasura/metadata/actions.graphql"] = "type Mutation {\n  publish(id: String!): Out\n}\n"
    found = [e for e in path_evidence(files, files.get) if e["kind"] == "graphql"]
    assert [e["path"] for e in found] == ["targets/hasura/metadata/actions.graphql"]
    # Negative: operation files alone define no schema.
    del files["targets/hasura/metadata/actions.graphql"]
    assert not [e for e in path_evidence(files, files.get) if e["kind"] == "graphql"]
