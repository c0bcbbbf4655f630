"""Frameworks, references and licences: the evidence read around the descriptions."""

from __future__ import annotations

import json

import pytest

from scanner.apispecs.frameworks import declared_packages, detect, manifest_paths
from scanner.apispecs.licences import licence_of
from scanner.apispecs.references import publiccode_view, readme_links


@pytest.mark.parametrize(("path", "text", "expected"), [
    ("package.json", json.dumps({"dependencies": {"@nestjs/swagger": "^7", "@nestjs/core": "^10"}}),
     {"NestJS swagger module", "NestJS"}),
    ("composer.json", json.dumps({"require": {"nelmio/api-doc-bundle": "^4",
                                              "symfony/framework-bundle": "^7"}}),
     {"NelmioApiDocBundle", "Symfony"}),
    ("Gemfile", "source 'https://rubygems.org'\ngem 'rails', '~> 7'\ngem \"rswag-api\"\n",
     {"rswag", "Rails"}),
    ("pom.xml", "<dependency><groupId>org.springdoc</groupId>"
                "<artifactId>springdoc-openapi-starter-webmvc-ui</artifactId></dependency>",
     {"springdoc-openapi"}),
    ("build.gradle.kts", 'implementation("org.springframework.boot:spring-boot-starter-web")',
     {"Spring Web"}),
    ("src/backend/pyproject.toml", '[project]\ndependencies = ["djangorestframework==3.15",'
                                   ' "drf_spectacular"]\n',
     {"Django REST framework", "drf-spectacular"}),
    ("requirements.txt", "fastapi[all]>=0.100\nuvicorn\n", {"FastAPI"}),
    ("Cargo.toml", "[dependencies]\nactix-web = \"4\"\nutoipa = \"4\"\n", {"actix-web", "utoipa"}),
    # generators that declare themselves elsewhere than in the usual file
    ("mix.exs", "  defp deps do\n    [\n      {:phoenix, \"~> 1.7.14\"},\n"
                "      {:open_api_spex, \"~> 3.21\"},\n      {:jason, \"~> 1.2\"}\n    ]\n  end\n",
     {"OpenApiSpex", "Phoenix"}),
    ("requirements/base.txt", "-r ../constraints.txt\nDjango==5.0.6\ndjangorestframework==3.15.1\n"
                              "drf-spectacular==0.27.2  # OpenAPI schema\n",
     {"drf-spectacular", "Django REST framework"}),
    ("requirements/main.in", "django\ndrf-spectacular[sidecar]\n", {"drf-spectacular"}),
    ("requirements.in", "fastapi\n", {"FastAPI"}),
    ("package.json", json.dumps({"dependencies": {"@ts-rest/core": "^3.45",
                                                  "@ts-rest/open-api": "^3.45"}}),
     {"ts-rest OpenAPI"}),
    ("src/Api/Api.csproj", '<Project Sdk="Microsoft.NET.Sdk.Web">\n  <ItemGroup>\n'
                           '    <PackageReference Include="Swashbuckle.AspNetCore" Version="6.6.2" />'
                           "\n  </ItemGroup>\n</Project>\n", {"Swashbuckle", "ASP.NET Core"}),
    ("go.mod", "module example.org/svc\n\nrequire (\n\tgithub.com/danielgtaylor/huma/v2 v2.19.0\n"
               "\tgithub.com/swaggo/swag v1.16.3\n)\n", {"Huma", "swag"}),
    ("composer.json", json.dumps({"require": {"laravel/framework": "^11",
                                              "darkaonline/l5-swagger": "^8"}}),
     {"L5-Swagger", "Laravel"}),
    ("build.sbt", 'libraryDependencies += "com.iheart" %% "play-swagger" % "1.0.2"\n',
     {"play-swagger"}),
    ("Gemfile", "gem 'rails'\ngem 'rswag-specs', group: :test\n", {"rswag", "Rails"}),
    ("pyproject.toml", '[tool.poetry.dependencies]\npython = "^3.12"\nflask-smorest = "^0.44"\n'
                       'apispec = "^6"\n', {"flask-smorest", "apispec"}),
])
def test_frameworks_detected(path: str, text: str, expected: set[str]) -> None:
    assert {f["name"] for f in detect(path, text)} == expected


def test_dev_dependencies_are_not_api_evidence() -> None:
    text = json.dumps({"devDependencies": {"express": "^4", "swagger-jsdoc": "^6"}})
    assert {f["name"] for f in detect("package.json", text)} == {"swagger-jsdoc"}


def test_broken_manifest_gives_nothing() -> None:
    assert declared_packages("package.json", "{not json") == set()
    assert detect("composer.json", "[1, 2]") == []


def test_every_dependency_manifest_is_read_not_one_file_name() -> None:
    paths = ["requirements/base.txt", "requirements/dev.in", "requirements-prod.txt",
             "backend/requirements.in", "reqs/server.txt", "MANIFEST.in", "docs/notes.txt",
             "mix.exs", "src/Api/Api.csproj", "build.sbt", "Pipfile", "setup.cfg"]
    assert set(manifest_paths(paths)) == set(paths) - {"MANIFEST.in", "docs/notes.txt"}


def test_manifest_paths_skip_vendored_and_deep_ones() -> None:
    paths = ["package.json", "node_modules/a/package.json", "a/b/c/d/package.json",
             "tests/e2e/package.json", "backend/requirements-dev.txt", "Gemfile"]
    assert manifest_paths(paths) == ["Gemfile", "package.json", "backend/requirements-dev.txt"]


def test_readme_links_to_documentation() -> None:
    text = ("# Service\n\nLa documentation de l'API : https://api.example.gouv.fr/docs/swagger\n"
            "Voir aussi [la spécification](docs/openapi.yaml).\n"
            "Built with https://github.com/swagger-api/swagger-ui and https://example.org/blog\n")
    links = readme_links("README.md", text)
    assert [link.get("url") or link.get("target") for link in links] == [
        "https://api.example.gouv.fr/docs/swagger", "docs/openapi.yaml"]
    assert links[0]["line"] == 3


def test_readme_scan_is_bounded_on_hostile_text() -> None:
    import time

    text = "](" * 200_000 + "http://" + "a" * 100_000
    start = time.perf_counter()
    readme_links("README.md", text)
    assert time.perf_counter() - start < 5.0  # a hang guard, not a speed target (bench/)


def test_publiccode_view_accepts_facts_or_parsed_file() -> None:
    facts = {"software_type": "standalone/backend", "api_documentation": ["https://a/docs"]}
    assert publiccode_view(facts) == {"software_type": "standalone/backend",
                                      "api_documentation": ["https://a/docs"]}
    parsed = {"softwareType": "library",
              "description": {"en": {"apiDocumentation": "https://b"}, "fr": {}}}
    assert publiccode_view(None, parsed) == {"software_type": "library",
                                             "api_documentation": ["https://b"]}


@pytest.mark.parametrize(("licence", "spdx"), [
    ({"name": "MIT"}, "MIT"),
    ({"name": "Apache 2.0"}, "Apache-2.0"),
    ({"name": "x", "identifier": "EUPL-1.2"}, "EUPL-1.2"),
    ({"name": "Licence Ouverte / Open Licence 2.0"}, "etalab-2.0"),
    ({"name": "AGPL-3.0"}, "AGPL-3.0-only"),
    # "AGPL-V3" and a gnu.org URL say neither "only" nor "or later": the bare family
    ({"name": "AGPL-V3", "url": "https://www.gnu.org/licenses/agpl-3.0.html"}, "AGPL-3.0"),
    ({"name": "See licence", "url": "https://opensource.org/licenses/MIT"}, "MIT"),
    ({"name": "Propriétaire"}, None),
    ({"name": "x", "x-oai-license-identifier": "MPL-2.0"}, "MPL-2.0"),
])
def test_licence_spdx(licence: dict[str, str], spdx: str | None) -> None:
    facts = licence_of(licence)
    assert facts is not None and facts["spdx"] == spdx


def test_licence_absent_or_malformed() -> None:
    assert licence_of(None) is None
    assert licence_of("MIT") is None


@pytest.mark.parametrize("name", ["Gemfile", "go.mod", "Cargo.toml", "requirements.txt",
                                  "pyproject.toml", "pom.xml", "build.gradle"])
def test_manifest_parsing_is_linear_on_hostile_text(name: str) -> None:
    import time

    hostile = "\n" * 200_000 + " " * 200_000 + "'a" + " " * 200_000 + "<artifactId>" + " " * 100_000
    start = time.perf_counter()
    declared_packages(name, hostile)
    assert time.perf_counter() - start < 5.0  # a hang guard, not a speed target (bench/)


def test_long_licence_text_is_not_mapped_and_is_cut() -> None:
    import time

    start = time.perf_counter()
    facts = licence_of({"name": "MIT " * 100_000, "url": "https://joinup.ec.europa.eu/" + "e" * 10**6})
    assert time.perf_counter() - start < 5.0  # a hang guard, not a speed target (bench/)
    assert facts is not None and facts["spdx"] is None and len(facts["name"]) <= 301
