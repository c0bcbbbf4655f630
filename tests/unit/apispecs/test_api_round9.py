"""API rules, ninth audit round (issue 9): Feathers and HAPI FHIR servers expose an API, and an
``info`` block left as a Swagger/OpenAPI sample documents nothing. Each case is cut from the
repository named in its comment, with the cases that must not match beside it."""

from __future__ import annotations

import json

from scanner.apispecs.frameworks import detect
from scanner.apispecs.sample import sample_values
from scanner.engine.evaluate import Status, evaluate
from scanner.engine.loader import load_ruleset
from scanner.facts import build_facts
from scanner.sources.memory import snapshot_from_files

RULES = load_ruleset()


def _finding(rule_id: str, files: dict[str, str]) -> tuple[Status, str, str]:
    rule = RULES.get(rule_id)
    assert rule is not None
    finding = evaluate(rule, build_facts(snapshot_from_files(files)))
    return finding.status, finding.texts["en"]["message"], finding.texts["fr"]["message"]


# anct-cnum/api-conseiller-numerique package.json:15-22 and src/app.js:39,65.
FEATHERS_PACKAGE = json.dumps({
    "name": "api-conseiller-numerique", "license": "AGPL-3.0",
    "dependencies": {"@feathersjs/authentication": "4.5.16", "@feathersjs/express": "4.5.11",
                     "@feathersjs/feathers": "4.5.11", "feathers-mongodb": "6.4.1",
                     "helmet": "7.1.0"}})
FEATHERS_APP = """const feathers = require('@feathersjs/feathers');
const express = require('@feathersjs/express');
const app = express(feathers());
app.use(express.json());
app.configure(express.rest());
app.configure(services);
module.exports = app;
"""
FEATHERS_SERVICE = """module.exports = function (app) {
  app.use('/conseillers', createService(options));
};
"""


def test_feathers_rest_api_without_description_fails() -> None:
    files = {"package.json": FEATHERS_PACKAGE, "src/app.js": FEATHERS_APP,
             "src/services/conseillers/conseillers.service.js": FEATHERS_SERVICE}
    status, english, french = _finding("api-description-published", files)
    assert status is Status.FAIL
    assert "Feathers (package.json), an API framework" in english
    assert "Feathers (package.json), un framework d'API" in french


def test_feathers_koa_transport_counts_too() -> None:
    package = json.dumps({"dependencies": {"@feathersjs/koa": "5.0.0",
                                           "@feathersjs/feathers": "5.0.0"}})
    assert [f["name"] for f in detect("package.json", package)] == ["Feathers"]


def test_feathers_client_in_a_front_end_is_no_api() -> None:
    # A front end calling a Feathers API: the client packages serve nothing.
    package = json.dumps({"dependencies": {"@feathersjs/feathers": "5.0.0",
                                           "@feathersjs/rest-client": "5.0.0",
                                           "@feathersjs/socketio-client": "5.0.0"}})
    assert detect("package.json", package) == []
    status, english, _ = _finding("api-description-published", {"package.json": package})
    assert status is Status.NOT_APPLICABLE, english


def test_feathers_as_a_development_dependency_is_no_api() -> None:
    package = json.dumps({"devDependencies": {"@feathersjs/express": "4.5.11"}})
    status, _, _ = _finding("api-description-published", {"package.json": package})
    assert status is Status.NOT_APPLICABLE


# ansforge/annuaire-sante-fhir-serveur modules/afas-fhir-servlet/pom.xml:41 and
# modules/afas-server-starter/.../FhirServlet.java:26 (``extends RestfulServer``).
def _pom(*artifacts: str) -> str:
    dependencies = "".join(f"""
        <dependency>
            <groupId>ca.uhn.hapi.fhir</groupId>
            <artifactId>{artifact}</artifactId>
        </dependency>""" for artifact in artifacts)
    return f"""<project>
    <artifactId>afas-fhir-servlet</artifactId>
    <dependencies>
        <dependency>
            <groupId>org.springframework.boot</groupId>
            <artifactId>spring-boot-starter-web</artifactId>
        </dependency>{dependencies}
    </dependencies>
</project>
"""


FHIR_SERVLET = """package fr.ans.afas.servlet;

import ca.uhn.fhir.rest.server.RestfulServer;

public class FhirServlet extends RestfulServer {
}
"""


def test_hapi_fhir_server_is_reviewed_with_its_capability_statement() -> None:
    files = {"modules/afas-fhir-servlet/pom.xml": _pom("hapi-fhir-base", "hapi-fhir-server"),
             "modules/afas-fhir-servlet/src/main/java/fr/ans/afas/servlet/FhirServlet.java":
                 FHIR_SERVLET}
    status, english, french = _finding("api-description-published", files)
    assert status is Status.REVIEW
    assert "exposes a FHIR REST API" in english
    assert "FHIR CapabilityStatement served at /metadata" in english
    assert "HAPI FHIR server (modules/afas-fhir-servlet/pom.xml)" in english
    assert "hapi-fhir-server-openapi" in english
    assert "CapabilityStatement FHIR servi sur /metadata" in french
    assert "un serveur d'API REST FHIR" in french


def test_hapi_fhir_jpa_server_is_an_api_too() -> None:
    facts = build_facts(snapshot_from_files({"pom.xml": _pom("hapi-fhir-jpaserver-base")}))
    assert facts["api"]["exposes"] is True and facts["api"]["fhir_only"] is True


def test_hapi_fhir_openapi_generates_an_openapi_description() -> None:
    files = {"pom.xml": _pom("hapi-fhir-server", "hapi-fhir-server-openapi")}
    status, english, _ = _finding("api-description-published", files)
    assert status is Status.PASS
    assert "HAPI FHIR OpenAPI at run time" in english


def test_hapi_fhir_client_alone_is_no_api() -> None:
    # modules-sample/server-starter/pom.xml of the same repository: a client, no server.
    status, _, _ = _finding("api-description-published",
                            {"pom.xml": _pom("hapi-fhir-base", "hapi-fhir-client",
                                             "hapi-fhir-structures-r4")})
    assert status is Status.NOT_APPLICABLE


def test_fhir_server_with_a_committed_description_passes() -> None:
    spec = json.dumps({"openapi": "3.0.3", "info": {"title": "Annuaire", "version": "1"},
                       "paths": {}})
    status, _, _ = _finding("api-description-published",
                            {"pom.xml": _pom("hapi-fhir-server"), "openapi.json": spec})
    assert status is Status.PASS


# sigrennesmetropole/geor_tabou2_backend resources/openapi/tabou2-api-v1.json:1-15.
PETSTORE_DESCRIPTION = (
    "This is a sample server Petstore server.  You can find out more about Swagger at "
    "[http://swagger.io](http://swagger.io) or on [irc.freenode.net, #swagger]"
    "(http://swagger.io/irc/).  For this sample, you can use the api key `special-key` to test "
    "the authorization filters.")
PETSTORE_INFO = """{
\t"openapi": "3.0.3",
\t"info": {
\t\t"title": "tabou2",
\t\t"description": "DESCRIPTION",
\t\t"termsOfService": "http://swagger.io/terms/",
\t\t"contact": {
\t\t\t"email": "apiteam@swagger.io"
\t\t},
\t\t"license": {
\t\t\t"name": "Apache 2.0",
\t\t\t"url": "http://www.apache.org/licenses/LICENSE-2.0.html"
\t\t},
\t\t"version": "1.0.0"
\t},
\t"paths": {}
}
""".replace("DESCRIPTION", PETSTORE_DESCRIPTION)


def test_petstore_info_block_fails_with_its_lines() -> None:
    files = {"resources/openapi/tabou2-api-v1.json": PETSTORE_INFO}
    status, english, french = _finding("api-descriptions-documented", files)
    assert status is Status.FAIL
    path = "resources/openapi/tabou2-api-v1.json"
    assert (f"{path}: info holds sample or placeholder values: line 5 info.description "
            '"This is a sample server Petstore server.…", line 6 info.termsOfService '
            '"http://swagger.io/terms/", line 8 info.contact.email "apiteam@swagger.io".'
            in english)
    assert "info.license" not in english  # Apache 2.0 may well be the API's own licence
    assert (f"{path} : le bloc info contient des valeurs d'exemple ou de remplissage : "
            "ligne 5 info.description" in french)
    assert 'ligne 8 info.contact.email "apiteam@swagger.io"' in french


def test_other_known_samples_are_recognised() -> None:
    # SwaggerHub's "Simple Inventory API" template; the specification's Info Object example.
    inventory = {"info": {"title": "Simple Inventory API", "description": "This is a simple API",
                          "contact": {"email": "you@your-company.com"}}}
    assert [s["field"] for s in sample_values(inventory)] == [
        "info.title", "info.description", "info.contact.email"]
    spec_example = {"info": {"title": "Sample Pet Store App",
                             "termsOfService": "https://example.com/terms/",
                             "contact": {"url": "https://www.example.com/support",
                                         "email": "support@example.com"}}}
    assert [s["field"] for s in sample_values(spec_example)] == [
        "info.title", "info.termsOfService", "info.contact.email", "info.contact.url"]


def test_real_info_blocks_are_no_samples() -> None:
    real = {"info": {
        "title": "API Tabou2", "version": "1.0.0",
        "description": "API of Rennes Métropole's Tabou2 back office. This is a simple API "
                       "to read operations; more about Swagger at https://swagger.io.",
        "termsOfService": "https://www.rennes.fr/cgu",
        "contact": {"email": "sig@rennesmetropole.fr", "url": "https://example.org.fr/contact"},
        "license": {"name": "Apache 2.0",
                    "url": "http://www.apache.org/licenses/LICENSE-2.0.html"}}}
    assert sample_values(real) == []
    assert sample_values({"info": "Swagger Petstore"}) == []
    assert sample_values([]) == []
    assert sample_values({"info": {"title": ["Swagger Petstore"], "contact": "apiteam@swagger.io",
                                   "description": 3}}) == []


def test_documented_description_still_passes() -> None:
    spec = json.dumps({"openapi": "3.0.3", "info": {
        "title": "API Tabou2", "version": "1.0.0", "description": "Opérations d'urbanisme",
        "contact": {"email": "sig@rennesmetropole.fr"},
        "license": {"name": "Apache 2.0", "url": "http://www.apache.org/licenses/LICENSE-2.0.html"}},
        "paths": {}})
    status, english, _ = _finding("api-descriptions-documented", {"openapi.json": spec})
    assert status is Status.PASS, english


def test_sample_values_with_a_missing_field_name_both() -> None:
    spec = json.dumps({"openapi": "3.0.3", "info": {"title": "Swagger Petstore",
                                                    "version": "1.0.0"}, "paths": {}})
    status, english, _ = _finding("api-descriptions-documented", {"openapi.json": spec})
    assert status is Status.FAIL
    assert "openapi.json: info.description, info.contact.email, info.license; info holds" in english
    assert 'line 1 info.title "Swagger Petstore"' in english  # json.dumps: all on line 1


def test_huge_sample_like_description_is_bounded() -> None:
    text = "x " * 500_000 + "this is a sample server petstore server"
    assert sample_values({"info": {"description": text}}) == []
    found = sample_values({"info": {"description": "This is a sample server Petstore server. "
                                                   + "y" * 100_000}})
    assert len(found[0]["value"]) <= 81
