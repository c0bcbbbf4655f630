"""Exposure decisions from the second audit round (issue 9): a web framework alone is no
evidence; a published package that is a FastAPI server still exposes an API; generators are
named once and only when they generate. Fixtures are modelled on the real manifests."""

from __future__ import annotations

import json
import typing as t

from scanner.apispecs.exposure import decide
from scanner.apispecs.frameworks import detect
from scanner.collectors.api_specs import ApiSpecsCollector
from scanner.sources.memory import snapshot_from_files

COLLECTOR = ApiSpecsCollector()


def api_of(files: dict[str, str]) -> dict[str, t.Any]:
    return t.cast(dict[str, t.Any], COLLECTOR.collect(snapshot_from_files(files), {})["api"])


def test_a_web_framework_alone_is_no_evidence() -> None:
    # france-connect/service-provider-example: Express rendering pages, nothing else.
    api = api_of({"package.json": json.dumps({"dependencies": {"express": "^4", "ejs": "^3"}})})
    assert api["exposes"] is None and api["confidence"] is None
    assert "Express (package.json), a web framework that also serves pages" in api["summary"]
    assert "and nothing else: no committed API description" in api["summary"]
    assert "et rien d'autre" in api["summary_fr"]


def test_a_web_framework_with_other_weak_evidence_still_counts() -> None:
    api = api_of({"Gemfile": "gem 'rails'\n", "app/controllers/api/users_controller.rb": "x"})
    assert (api["exposes"], api["confidence"]) == (True, "low")
    assert "nothing else" not in api["summary"]


HAPPY_PYPROJECT = """[project]
name = "happy_vllm"
dependencies = [
    "vllm>=0.8",
    "fastapi>=0.115.12,<1.0",
]
"""


def test_a_published_package_that_is_a_fastapi_server_exposes_an_api() -> None:
    # France-Travail/happy_vllm: pip install happy_vllm, and it is a FastAPI server.
    readme = "# happy_vLLM\n\n## Installation\n\n```\npip install happy_vllm\n```\n"
    api = api_of({"pyproject.toml": HAPPY_PYPROJECT, "README.md": readme})
    assert api["library"] is not None and api["library"]["name"] == "happy_vllm"
    assert (api["exposes"], api["confidence"]) == (True, "high")
    # the README's own words are direct evidence too, even with a dev-only generator
    dev_only = {"name": "FastAPI", "role": "generates", "path": "package.json",
                "package": "fastapi", "dev": True}
    library = {"name": "x", "ecosystem": "npm", "manifest": "package.json",
               "readme": "README.md", "line": 3, "command": "npm install x"}
    decision = decide(specs=[], software_type=None, api_documentation=[], frameworks=[dev_only],
                      topics=[], paths_evidence=[], library=library)
    assert decision["exposes"] is False  # a dev dependency of a library: not its own server
    said = [{"kind": "readme", "strength": "strong", "path": "README.md", "line": 3,
             "detail": "README.md:3 says \"x is a REST API\""}]
    decision = decide(specs=[], software_type=None, api_documentation=[], frameworks=[dev_only],
                      topics=[], paths_evidence=said, library=library)
    assert decision["exposes"] is True


def test_generators_are_named_once_and_only_when_they_generate() -> None:
    pom = ("<project><dependencies><dependency><artifactId>springdoc-openapi-starter-webmvc-ui"
           "</artifactId></dependency></dependencies></project>")
    api = api_of({"onyxia-api/pom.xml": pom, "onyxia-model/pom.xml": pom})
    assert [g["name"] for g in api["generated"]] == ["springdoc-openapi"]
    # aiohttp-swagger serves a committed file; express-openapi-validator validates requests
    (swagger,) = detect("pyproject.toml", '[project]\ndependencies = ["aiohttp-swagger>=1.0"]\n')
    assert (swagger["name"], swagger["role"]) == ("aiohttp-swagger", "api")
    found = detect("api/package.json", json.dumps({"dependencies": {
        "express-openapi-validator": "^5"}}))
    assert [(f["name"], f["role"]) for f in found] == [("express-openapi-validator", "api")]
    dev = detect("package.json", json.dumps({"devDependencies": {"@nestjs/swagger": "^7"}}))
    assert dev[0]["dev"] is True
    assert "dev" not in detect("package.json", json.dumps({"dependencies": {
        "@nestjs/swagger": "^7"}}))[0]
    api = api_of({"pyproject.toml": '[project]\ndependencies = ["aiohttp-swagger"]\n'})
    assert api["generated"] == []
    assert "which serves an API description or checks requests against it" in api["summary"]


def test_dependencies_only_others_pulled_in_are_no_choice() -> None:  # gip-inclusion
    """pip-compile's "# via django-datadog-logger" marks a pin another package pulled in:
    no evidence that the project serves an API; "# via -r requirements/base.in" is its own."""
    from scanner.apispecs.frameworks import declared_packages

    text = ("django==4.2.1\n    # via\n    #   -r requirements/base.in\n    #   djangorestframework\n"
            "djangorestframework==3.14.0\n    # via django-datadog-logger\n"
            "connexion==2.14.2  # via apache-airflow\nflask==2.2  # via -r requirements.in\n"
            "requests==2.31\n")
    assert declared_packages("requirements/base.txt", text) == {"django", "flask", "requests"}
    assert "djangorestframework" in declared_packages("requirements/base.txt",
                                                      "djangorestframework==3.14.0\n")
    hashed = ("djangorestframework==3.18.0 \\\n    --hash=sha256:2323a5 \\\n    --hash=sha256:381fc4\n"
              "    # via django-datadog-logger\ndjango==5.0 \\\n    --hash=sha256:aa\n"
              "    # via -r requirements/base.in\n")
    assert declared_packages("requirements/base.txt", hashed) == {"django"}


def test_a_client_s_graphql_queries_are_no_schema() -> None:  # MTES-MCT/potentiel
    from scanner.apispecs.exposure import path_evidence

    client = ["packages/libraries/dn-api-client/src/queries/dossier.graphql"]
    assert not [e for e in path_evidence(client) if e["kind"] == "graphql"]
    assert [e for e in path_evidence(["src/schema.graphql"]) if e["kind"] == "graphql"]
