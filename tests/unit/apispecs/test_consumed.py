"""Whose description is it? spec/ folders of specifications, and other services' descriptions
kept to call them (issue 9, second audit round). Fixtures are modelled on real files."""

from __future__ import annotations

import json
import typing as t

from scanner.apispecs.consumed import generator_inputs, name_words, remote_hosts, split
from scanner.apispecs.discovery import plan, spec_folders
from scanner.collectors.api_specs import ApiSpecsCollector
from scanner.engine.evaluate import evaluate
from scanner.engine.loader import load_ruleset
from scanner.facts import build_facts
from scanner.sources.memory import snapshot_from_files

COLLECTOR = ApiSpecsCollector()


def collect(files: dict[str, str], full_name: str = "demo/demo") -> dict[str, t.Any]:
    snapshot = snapshot_from_files(files, name=full_name.rsplit("/", 1)[-1], full_name=full_name)
    return t.cast(dict[str, t.Any], COLLECTOR.collect(snapshot, {}))


# betagouv/preuve-covoiturage api/specs/api-v3.3.yaml (OpenAPI 3.0.1; nothing else in specs/
# but a logo): a folder of specifications, not of tests.
COVOITURAGE = """openapi: 3.0.1
info:
  title: Registre de preuve de covoiturage - Documentation technique
  version: 3.3.0
paths: {}
"""


def test_a_spec_folder_without_test_code_is_read_for_descriptions() -> None:
    found = plan(["api/specs/api-v3.3.yaml", "api/specs/logo-rpc-bump.png", "api/src/main.ts"])
    assert [c.path for c in (*found.named, *found.sniff)] == ["api/specs/api-v3.3.yaml"]
    facts = collect({"api/specs/api-v2.0.yaml": COVOITURAGE, "api/specs/api-v3.3.yaml": COVOITURAGE})
    assert [s["path"] for s in facts["api_specs"]] == ["api/specs/api-v2.0.yaml",
                                                       "api/specs/api-v3.3.yaml"]


def test_test_trees_named_spec_stay_out() -> None:
    # RSpec (betagouv/conseillers-entreprises spec/...) and Jest trees: fixtures, not descriptions.
    rspec = ["spec/api.json", "spec/models/user_spec.rb", "spec/rails_helper.rb"]
    jest = ["front/specs/api.json", "front/specs/widget.spec.ts"]
    assert spec_folders(rspec + jest) == frozenset()
    assert plan(rspec).paths == [] and plan(jest).paths == []
    assert plan(["spec/fixtures/files/api_adapter_company.json"]).paths == []
    # ...but the canonical name is still the service's own there (rswag's swagger.yaml)
    assert plan([*rspec, "spec/openapi.yaml"]).paths == ["spec/openapi.yaml"]


# proconnect-gouv/proconnect-identite packages/insee: INSEE's Sirene description, copied to
# generate typed clients with openapi-typescript.
SIRENE = """openapi: 3.1.0
info:
  title: Sirene API
  description: Documentation de l'API Sirene
  version: "3.11"
servers:
  - url: https://api.insee.fr/api-sirene/prive/3.11
paths: {}
"""
INSEE_PACKAGE = json.dumps({"name": "@proconnect-gouv/proconnect.insee", "scripts": {
    "build:openapi:index": "openapi-typescript openapi/index.yaml -o openapi/index.d.ts",
    "test": "tsx --test src/**/*.test.ts"}})


def test_a_description_a_client_is_generated_from_is_consumed() -> None:
    facts = collect({"packages/insee/package.json": INSEE_PACKAGE,
                     "packages/insee/openapi/index.yaml": SIRENE},
                    "proconnect-gouv/proconnect-identite")
    assert facts["api_specs"] == []
    (other,) = facts["api"]["consumed_specs"]
    assert other["path"] == "packages/insee/openapi/index.yaml"
    assert other["hosts"] == ["api.insee.fr"]
    assert other["summary"] == (
        "packages/insee/openapi/index.yaml (served at api.insee.fr; code is generated from it"
        " (packages/insee/package.json scripts.build:openapi:index))")
    assert other["title"] == "Sirene API" and "servie par api.insee.fr" in other["summary_fr"]
    # no description of its own: nothing shows an API from these files
    assert not any(e["kind"] == "spec" for e in facts["api"]["evidence"])


def test_rules_do_not_judge_consumed_descriptions_as_the_repositorys() -> None:
    files = {"packages/insee/package.json": INSEE_PACKAGE,
             "packages/insee/openapi/index.yaml": SIRENE}
    snapshot = snapshot_from_files(files, full_name="proconnect-gouv/proconnect-identite")
    facts = build_facts(snapshot)
    ruleset = load_ruleset()
    for rule_id in ("api-descriptions-documented", "api-descriptions-valid"):
        rule = ruleset.get(rule_id)
        assert rule is not None
        finding = evaluate(rule, facts)
        assert finding.status.value == "not_applicable", rule_id
        for language, words in (("en", "other services"), ("fr", "autres services")):
            message = finding.texts[language]["message"]
            assert "packages/insee/openapi/index.yaml" in message and words in message


def test_a_generated_client_of_the_repositorys_own_description_keeps_it() -> None:
    # A full-stack repository typing its front end from its own description: no server, or one
    # at its own host, keeps it its own.
    package = json.dumps({"scripts": {"types": "openapi-typescript ../api/openapi.yaml -o t.ts"}})
    own = {"front/package.json": package,
           "api/openapi.yaml": "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n"}
    assert [s["path"] for s in collect(own, "betagouv/aides-territoires")["api_specs"]] == [
        "api/openapi.yaml"]
    own["api/openapi.yaml"] += "servers:\n  - url: https://aides-territoires.beta.gouv.fr\n"
    assert [s["path"] for s in collect(own, "betagouv/aides-territoires")["api_specs"]] == [
        "api/openapi.yaml"]


# MTES-MCT/mon-devis-sans-oublis-backend swagger/v1: its own rswag files, and ADEME's
# description downloaded beside them (lib/tasks/doc.rake "Copy the ADEME schema").
def _spec(title: str, url: str) -> str:
    return json.dumps({"openapi": "3.0.1", "info": {"title": title, "version": "1"},
                       "servers": [{"url": url}, {"url": "http://localhost:3000/api/v1"}],
                       "paths": {}})


def test_another_organisations_description_beside_the_own_one_is_consumed() -> None:
    files = {"swagger/v1/mon-devis-sans-oublis_api_v1_partner_swagger.json":
             _spec("API Mon Devis", "https://api.mon-devis-sans-oublis.beta.gouv.fr/api/v1"),
             "swagger/v1/ademe-liste-des-entreprises-rge-2_api-docs.json":
             _spec("Liste des entreprises RGE", "https://data.ademe.fr/data-fair/api/v1")}
    facts = collect(files, "MTES-MCT/mon-devis-sans-oublis-backend")
    assert [s["path"] for s in facts["api_specs"]] == [
        "swagger/v1/mon-devis-sans-oublis_api_v1_partner_swagger.json"]
    assert [c["hosts"] for c in facts["api"]["consumed_specs"]] == [["data.ademe.fr"]]


def test_same_organisation_or_unknown_own_host_keeps_descriptions() -> None:
    # etalab/admin_api_entreprise serves API Entreprise's and API Particulier's documentation:
    # both at api.gouv.fr, both its own.
    files = {"config/api-entreprise.json": _spec("API Entreprise", "https://entreprise.api.gouv.fr"),
             "config/api-particulier-openapi.json":
             _spec("API Particulier", "https://particulier.api.gouv.fr/api")}
    facts = collect(files, "etalab/admin_api_entreprise")
    assert len(facts["api_specs"]) == 2 and facts["api"]["consumed_specs"] == []
    # a lone description at a host not carrying the name, with no generator: its own
    lone = {"openapi.json": _spec("API", "https://tabular-api.data.gouv.fr/api")}
    assert len(collect(lone, "datagouv/api-tabular")["api_specs"]) == 1


def test_generator_inputs_and_hosts_negative_cases() -> None:
    scripts = {"scripts": {"lint": "spectral lint openapi.yaml",  # reads it, generates nothing
                           "gen": "orval --input ./specs/partner.yaml && prettier -w src",
                           "up": "openapi-typescript https://x.gouv.fr/openapi.yml -o a.ts",
                           "escape": "openapi-typescript ../../etc/openapi.yaml"}}
    found = generator_inputs({"web/package.json": json.dumps(scripts),
                              "bad/package.json": "{not json"})
    assert found == {"web/specs/partner.yaml": "web/package.json scripts.gen"}
    assert generator_inputs({"openapitools.json": '{"generator-cli": {"generators": {"a": '
                             '{"inputSpec": "specs/rne.yaml"}}}}'}) == {
        "specs/rne.yaml": "openapitools.json"}
    assert remote_hosts(["http://localhost:3000", "{scheme}://{host}/v1", "https://api.test",
                         "/api/v1", "https://petstore.example.gouv.fr/v1", "https://example.com",
                         "https://api.insee.fr/x", 12]) == ["api.insee.fr"]
    assert name_words("MTES-MCT/mon-devis-sans-oublis-backend") == {"mtes", "devis", "sans",
                                                                   "oublis"}
    own, consumed = split([{"path": "a.yaml", "servers": []}], "x/y", {"a.yaml": "gen"})
    assert own and not consumed


def test_asyncapi_brokers_are_not_another_organisations_api() -> None:
    broker = ("asyncapi: 3.0.0\ninfo: {title: Events, version: '1'}\n"
              "servers:\n  prod: {host: kafka.confluent.cloud, protocol: kafka}\n")
    files = {"docs/events.yaml": broker,
             "openapi.json": _spec("API", "https://api.aides-territoires.beta.gouv.fr")}
    facts = collect(files, "betagouv/aides-territoires")
    assert len(facts["api_specs"]) == 2 and facts["api"]["consumed_specs"] == []


# inclusion-numerique/coop-mediation-numerique: apps/web/prisma/rdv-api.json is RDV Service
# Public's description (servers demo.rdv-solidarites.fr, rdv.anct.gouv.fr,
# www.rdv-solidarites.fr), copied beside the repository's own v1.openapi.json (served at
# coop-numerique.anct.gouv.fr, linted and generated by apps/web/package.json scripts).
def _servers(title: str, *urls: str) -> str:
    return json.dumps({"openapi": "3.0.1", "info": {"title": title, "version": "1"},
                       "servers": [{"url": url} for url in ("http://localhost:3000/", *urls)],
                       "paths": {}})


COOP_PACKAGE = json.dumps({"scripts": {
    "lint:api": "openapi-linter lint ./src/app/api/v1/documentation/v1.openapi.json",
    "api-v1-doc:generate": "next-swagger-doc-cli --config ./doc.json "
                           "--output ./src/app/api/v1/documentation/v1.openapi.json"}})
COOP = {"apps/web/package.json": COOP_PACKAGE,
        "apps/web/src/app/api/v1/documentation/v1.openapi.json":
        _servers("La coop - API", "https://coop-numerique.anct.gouv.fr/api/v1"),
        "apps/web/prisma/rdv-api.json":
        _servers("API de RDV Service Public", "https://demo.rdv-solidarites.fr",
                 "https://rdv.anct.gouv.fr", "https://www.rdv-solidarites.fr")}


def test_an_unnamed_copy_also_served_at_another_domain_is_consumed() -> None:
    facts = collect(COOP, "inclusion-numerique/coop-mediation-numerique")
    assert [s["path"] for s in facts["api_specs"]] == [
        "apps/web/src/app/api/v1/documentation/v1.openapi.json"]
    (other,) = facts["api"]["consumed_specs"]
    assert other["path"] == "apps/web/prisma/rdv-api.json"
    assert other["reason"] == (
        "this repository's own description serves coop-numerique.anct.gouv.fr, this one also "
        "demo.rdv-solidarites.fr, outside that host's domain, and no package.json script, client"
        " generator configuration or README names it")
    assert "hors du domaine de cet hôte" in other["summary_fr"]


def test_a_named_or_same_domain_second_description_stays_own() -> None:
    # A script naming the file (any script, not only a generator's) keeps it the repository's.
    named = {**COOP, "apps/web/package.json": json.dumps({"scripts": {
        "lint": "openapi-linter lint ./prisma/rdv-api.json"}})}
    facts = collect(named, "inclusion-numerique/coop-mediation-numerique")
    assert len(facts["api_specs"]) == 2 and facts["api"]["consumed_specs"] == []
    # ...and so does a root README mentioning it.
    readme = {**COOP, "README.md": "# La coop\n\nSee `apps/web/prisma/rdv-api.json`.\n"}
    assert collect(readme, "inclusion-numerique/coop-mediation-numerique")["api"][
        "consumed_specs"] == []
    # All its hosts in the own host's domain (anct.gouv.fr): the same organisation's.
    same = {**COOP, "apps/web/prisma/rdv-api.json":
            _servers("API RDV", "https://rdv.anct.gouv.fr")}
    assert collect(same, "inclusion-numerique/coop-mediation-numerique")["api"][
        "consumed_specs"] == []
    # No own host known (a lone, unnamed description at another domain): its own.
    lone = {"apps/web/prisma/rdv-api.json": COOP["apps/web/prisma/rdv-api.json"]}
    assert len(collect(lone, "inclusion-numerique/coop-mediation-numerique")["api_specs"]) == 1


def test_a_title_naming_the_repository_by_a_short_word_is_its_own() -> None:
    """betagouv/compte-rendu-vif: packages/backend/openapi.json, titled "CR VIF API", is written by
    its own back end and read by its front end's client generator, while fastify-swagger also
    serves it at run time; "vif" is too short a word to look for in host names."""
    spec = {"path": "packages/backend/openapi.json", "servers": [], "info": {"title": "CR VIF API"}}
    inputs = {"packages/backend/openapi.json": "package.json scripts.client:ts"}
    own, consumed = split([spec], "betagouv/compte-rendu-vif", inputs,
                          runtime="fastify-swagger")
    assert own and not consumed
    # Another product's description beside it stays consumed (etalab-ia/OpenMockLLM's shape),
    # and a three-letter word must be a whole word of the title.
    for title in ("Text Embeddings Inference", "Vifs Gateway API"):
        other = {**spec, "info": {"title": title}}
        own, consumed = split([other], "betagouv/compte-rendu-vif", inputs,
                              runtime="fastify-swagger")
        assert consumed and not own, title
