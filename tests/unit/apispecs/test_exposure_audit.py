"""Exposure cases from the findings audits (issue 9): each fixture is modelled on a real file."""

from __future__ import annotations

import json
import time
import typing as t

import pytest

from scanner import schemas
from scanner.apispecs.frameworks import detect, detect_settings, settings_paths
from scanner.apispecs.library import published_package
from scanner.apispecs.references import readme_api_evidence, readme_links
from scanner.collectors.api_specs import ApiSpecsCollector
from scanner.facts import build_facts
from scanner.packages import installs
from scanner.sources.memory import snapshot_from_files

COLLECTOR = ApiSpecsCollector()


def api_of(files: dict[str, str], listing: list[str] | None = None) -> dict[str, t.Any]:
    return COLLECTOR.collect(snapshot_from_files(files, listing=listing), {})["api"]


# datagouv/hydra README.md "## 🔌 API" (aiohttp service): endpoints as "`GET` on `/api/...`",
# and curl calls to localhost; "# Convert CSV" lines in a fenced block are shell comments.
HYDRA_README = """# udata-hydra

## 📊 CSV conversion to database

```bash
# Convert CSV to GeoJSON
```

## 🔌 API

### 🚀 Run

You can check the status of the app with `curl http://localhost:8000/api/health`.

### 🛣️ Routes/endpoints

*Related to checks:*
- `GET` on `/api/checks/latest?url={url}&resource_id={resource_id}` to get the latest check
- `GET` on `/api/checks/all?url={url}` to get all checks for a given URL
- `POST` on `/api/checks` to trigger an on-demand crawl

#### Create a check

```bash
$ curl -X POST http://localhost:8000/api/checks \\
```
"""

# etalab/csvapi README.md "## API usage" (Quart): paths quoted as code, no HTTP method.
CSVAPI_README = """# csvapi

## Installation

```shell
pip install csvapi
```

## API usage

### Conversion

`/apify?url=http://somewhere.com/a/file.csv`

### Data API

`/api/<md5-url-hash>`

## Credits
"""

# betagouv/eva-serveur README.md: its own API, then "## API externes" (an API it calls).
EVA_README = """# Serveur eva

## API

### Crée une évaluation

`POST /api/evaluations`

### Annonce la fin de l'évaluation

`POST /api/evaluations/:id/fin`

## API externes

* geo.api.gouv.fr/communes (https://api.gouv.fr/les-api/api-geo)
"""


def test_readme_section_listing_own_endpoints_is_strong_evidence() -> None:
    (hydra,) = readme_api_evidence("README.md", HYDRA_README)
    assert hydra["strength"] == "strong" and hydra["line"] == 9
    assert "GET /api/checks/latest" in hydra["detail"]
    assert "endpoint path(s)" not in hydra["detail"]  # a count civiscan cannot make exact
    (csvapi,) = readme_api_evidence("README.md", CSVAPI_README)
    assert csvapi["strength"] == "strong" and "API usage" in csvapi["detail"]


def test_readme_sections_that_are_not_this_api_are_no_evidence() -> None:
    # An "API externes" section, a section not about an API, one endpoint only, another host.
    assert readme_api_evidence("README.md", "# x\n\n## API externes\n\n- `GET /api/communes`\n"
                                            "- `GET /api/departements`\n") == []
    assert readme_api_evidence("README.md", "# x\n\n## Installation\n\n`GET /api/a`\n"
                                            "`GET /api/b`\n") == []
    (one,) = readme_api_evidence("README.md", "# x\n\n## API\n\n`GET /api/items`\n")
    assert one["strength"] == "weak"
    assert readme_api_evidence("README.md", "## API\n\nGET https://api.insee.fr/entreprises\n"
                                            "curl https://geo.api.gouv.fr/communes\n") == []
    # Shell comments in a fenced block are not headings: no "API" section opens there.
    assert readme_api_evidence("README.md", "## Run\n\n```\n# API\n```\n\n`GET /api/a`\n"
                                            "`GET /api/b`\n") == []


def test_readme_api_sections_decide_exposure() -> None:
    hydra = api_of({"README.md": HYDRA_README,
                    "pyproject.toml": '[project]\nname = "udata-hydra"\n'
                                      'dependencies = ["aiohttp>=3.10.3"]\n'})
    assert (hydra["exposes"], hydra["confidence"]) == (True, "high")
    assert hydra["summary"].startswith("README.md:9 section")
    # csvapi is also on PyPI (pip install csvapi): its README's API section outweighs that.
    csvapi = api_of({"README.md": CSVAPI_README,
                     "pyproject.toml": '[tool.poetry]\nname = "csvapi"\n\n'
                                       '[tool.poetry.dependencies]\nQuart = "~0.18.0"\n'})
    assert csvapi["exposes"] is True and csvapi["library"]["name"] == "csvapi"
    assert "also published as the package csvapi" not in csvapi["summary"]  # not decisive
    assert any(e["kind"] == "library" and e["strength"] == "none" for e in csvapi["evidence"])


def test_aiohttp_alone_is_no_evidence_it_is_a_client_too() -> None:
    assert detect("requirements.txt", "aiohttp==3.9\n") == []
    assert [f["name"] for f in detect("requirements.txt", "aiohttp\naiohttp-cors\n")] == [
        "aiohttp web server"]


@pytest.mark.parametrize(("path", "text", "expected"), [
    # betagouv/api-particulier src/presentation/schema/index.ts builds with OpenApiBuilder
    ("package.json", json.dumps({"dependencies": {"openapi3-ts": "^4"}}),
     {"openapi3-ts OpenApiBuilder"}),
    ("pyproject.toml", '[tool.poetry.dependencies]\nQuart = "~0.18.0"\n', {"Quart"}),
    ("requirements.txt", "falcon==3.1\n", {"Falcon"}),
    ("requirements.txt", "flask\nflask-pydantic-spec\n", {"Flask", "flask-pydantic-spec"}),
    ("go.mod", "module x\n\nrequire github.com/go-chi/chi/v5 v5.0.12\n", {"Chi"}),
    ("Gemfile", "gem 'sinatra'\ngem 'swagger-blocks'\n", {"Sinatra", "swagger-blocks"}),
])
def test_more_frameworks(path: str, text: str, expected: set[str]) -> None:
    assert {f["name"] for f in detect(path, text)} == expected


def test_a_swagger_ui_viewer_is_not_a_server() -> None:
    # IGNF/cartes.gouv.fr-documentation: an Eleventy site embedding other APIs' descriptions.
    package = json.dumps({"dependencies": {"@11ty/eleventy": "^3", "swagger-ui": "^5"}})
    assert detect("package.json", package) == []
    api = api_of({"package.json": package, "eleventy.config.js": "export default {}\n",
                  "_includes/components/swaggerui.njk": "SwaggerUIBundle({url: params.url})"})
    assert api["exposes"] is False
    assert "static site built with Eleventy (eleventy.config.js)" in api["summary"]
    # swagger-ui-express is mounted on the app's own server: still evidence
    assert detect("package.json", json.dumps({"dependencies": {"swagger-ui-express": "^5"}}))


def test_snippets_of_a_static_documentation_site_are_no_evidence() -> None:
    # etalab/doc.data.gouv.fr: Jekyll site, snippets/api/ = client examples calling data.gouv.fr
    api = api_of({"_config.yml": "title: doc\n", "_layouts/default.html": "<html></html>",
                  "snippets/api/create-dataset.py": "requests.post(API + '/datasets/')"})
    assert api["exposes"] is False
    assert not [e for e in api["evidence"] if e["kind"] == "path"]
    # _config.yml alone (other tools use the name) is not a Jekyll site
    assert api_of({"_config.yml": "x: 1\n", "src/api/views.py": "x = 1\n"})["exposes"] is True


def test_static_site_does_not_outweigh_an_api_framework() -> None:
    api = api_of({"mkdocs.yml": "site_name: x\n", "requirements.txt": "fastapi\n"})
    assert api["exposes"] is True


# numerique-gouv/sites-faciles config/settings.py: Wagtail API v2 (DRF comes with Wagtail).
SITES_FACILES_SETTINGS = """INSTALLED_APPS = [
    "wagtail.contrib.forms",
    "wagtail.api.v2",
    "rest_framework",
    "django.contrib.admin",
]
"""


def test_django_settings_name_api_apps_the_manifest_does_not() -> None:
    api = api_of({"pyproject.toml": '[project]\nname = "sites-faciles"\n'
                                    'dependencies = ["wagtail>=7.2.0"]\n',
                  "config/settings.py": SITES_FACILES_SETTINGS,
                  "config/urls.py": 'path("api/v2/", api_router.urls)\n'})
    assert (api["exposes"], api["confidence"]) == (True, "high")
    assert {f["name"] for f in api["frameworks"]} == {"Wagtail API v2", "Django REST framework"}
    # a comment naming no quoted app, and test settings, are not read as installed apps
    assert detect_settings("settings.py", "# rest_framework is not used\n") == []
    assert settings_paths(["tests/settings.py", "a/settings/base.py", "app/settings.py"]) == [
        "app/settings.py", "a/settings/base.py"]


# suitenumerique/django-lasuite: "A Django library", pip install django-lasuite, DRF for helpers.
LASUITE_README = "# Django La Suite\n\nA Django library.\n\n```bash\npip install django-lasuite\n```\n"
LASUITE_PYPROJECT = ('[build-system]\nrequires = ["hatchling"]\n\n[project]\n'
                     'name = "django-lasuite"\nversion = "0.0.1"\n'
                     'dependencies = ["django>=5", "djangorestframework>=3.15"]\n')


def test_published_library_exposes_no_api_of_its_own() -> None:
    api = api_of({"README.md": LASUITE_README, "pyproject.toml": LASUITE_PYPROJECT,
                  "src/lasuite/oidc_resource_server/urls.py": "urlpatterns = []\n"})
    assert (api["exposes"], api["confidence"]) == (False, "high")
    assert api["library"] == {"name": "django-lasuite", "ecosystem": "pypi",
                              "manifest": "pyproject.toml", "readme": "README.md", "line": 6,
                              "command": "pip install django-lasuite"}
    assert api["summary"].startswith("a library published as django-lasuite (pyproject.toml; "
                                     "README.md:6 says `pip install django-lasuite`)")


def test_library_needs_both_a_declared_name_and_a_readme_installing_it() -> None:
    readme = [("README.md", LASUITE_README)]
    assert published_package({"pyproject.toml": LASUITE_PYPROJECT}, readme) is not None
    # an application: pip installs its requirements, not its own name
    assert published_package({"pyproject.toml": LASUITE_PYPROJECT}, [
        ("README.md", "pip install -r requirements.txt\npip install -e .\n")]) is None
    # another package installed (a tool), or a private npm package
    assert published_package({"pyproject.toml": LASUITE_PYPROJECT},
                             [("README.md", "pip install pre-commit\n")]) is None
    assert published_package({"package.json": json.dumps({"name": "app", "private": True})},
                             [("README.md", "npm install app\n")]) is None
    # a monorepo's sub-package says nothing about the repository
    assert published_package({"packages/lib/package.json": json.dumps({"name": "lib"})},
                             [("README.md", "npm install lib\n")]) is None
    # composer projects are applications; gems are named by their gemspec
    assert published_package({"composer.json": json.dumps({"name": "a/b", "type": "project"})},
                             [("README.md", "composer require a/b\n")]) is None
    assert published_package({"widget.gemspec": ""}, [("README.md", "gem 'widget'\n")])
    npm = published_package({"package.json": json.dumps({"name": "@socialgouv/matomo-next"})},
                            [("README.md", "npm install @socialgouv/matomo-next@1.2\n")])
    assert npm is not None and npm["ecosystem"] == "npm"


def test_library_names_are_compared_as_registries_do() -> None:
    assert published_package({"setup.cfg": "[metadata]\nname = Django_Thing\n"},
                             [("README.md", "python -m pip install -U django-thing[extra]\n")])
    assert published_package({"go.mod": "module github.com/org/lib\n\ngo 1.22\n"},
                             [("README.md", "go get github.com/org/lib@latest\n")])


def test_install_commands_are_read_linearly_on_hostile_text() -> None:
    started = time.perf_counter()
    installs("pip install " + "-x " * 50_000 + "\n" + "npm i" + " -" * 50_000)
    published_package({"pyproject.toml": "[project]\n" + "a = 1\n" * 100_000 + "name = 'x'\n"},
                      [("README.md", "pip install x\n" * 10)])
    assert time.perf_counter() - started < 5


def test_links_in_sections_about_consumed_apis_are_not_this_description() -> None:
    # betagouv/eva-serveur README.md:447-449
    assert readme_links("README.md", EVA_README) == []
    # SocialGouv/vao README.md:19-23: a lead-in line, then the APIs it calls
    vao = ("L'application fait appel aux apis extérieures suivante :\n\n"
           "- [api-entreprise](https://entreprise.api.gouv.fr/v3)\n")
    assert readme_links("README.md", vao) == []
    vao_list = ("L'application fait appel aux apis suivantes :\n"
                "- [swagger api-entreprise](https://entreprise.api.gouv.fr/v3/openapi.yaml)\n")
    assert readme_links("README.md", vao_list) == []
    # IGNF/cartes.gouv.fr README.md:60: the data comes from another API
    assert readme_links("README.md", "Toutes les informations proviennent de l'[API Entrepôt]"
                                     "(https://data.geopf.fr/api/swagger-ui/index.html).\n") == []


def test_base_urls_and_sandboxes_are_not_descriptions() -> None:
    # datagouv/passemarche README.md:95-96, betagouv/api-particulier README.md:109-112
    readme = ("## Environnements\n\n"
              "* **Passe Marché** : https://sandbox.voie-rapide.services.api.gouv.fr/\n"
              "- [API de production](https://particulier.api.gouv.fr) : `git push production`\n")
    assert readme_links("README.md", readme) == []
    # its own documentation still counts, an api.gouv.fr catalogue page too
    (own,) = readme_links("README.md", "## API\n\nDocumentation : "
                                       "https://particulier.api.gouv.fr/developpeurs/openapi.yaml\n")
    assert own["line"] == 3
    assert readme_links("README.md", "Voir https://api.gouv.fr/les-api/api-particulier\n")


def test_new_facts_are_schema_valid() -> None:
    facts = build_facts(snapshot_from_files({"README.md": LASUITE_README,
                                             "pyproject.toml": LASUITE_PYPROJECT}))
    assert schemas.errors("facts", facts) == []
    facts = build_facts(snapshot_from_files({"README.md": HYDRA_README,
                                             "eleventy.config.js": "x"}))
    assert schemas.errors("facts", facts) == []


@pytest.mark.parametrize("line", ["curl " * 399, "GET " * 499, "`/a" * 600,
                                  "http://localhost:1" * 100, "# API"])
def test_readme_api_sections_are_read_linearly_on_hostile_text(line: str) -> None:
    text = "## API\n" + (line + "\n") * (512 * 1024 // (len(line) + 1))
    started = time.perf_counter()
    readme_api_evidence("README.md", text)
    readme_links("README.md", text)
    assert time.perf_counter() - started < 5


def test_front_end_page_routes_are_not_api_endpoints() -> None:
    readme = "# app\n\n## Routes\n\n- `/dashboard`: the dashboard\n- `/login`: sign in\n"
    assert readme_api_evidence("README.md", readme) == []
