"""A generator the configuration switches off in production generates no description there:
Symfony bundles for dev/test only, Spring's ``*.enabled=false`` properties, Django settings flags
that are a constant False in production. Environment switches stay conditions."""

from __future__ import annotations

import json
import typing as t

from scanner.apispecs import prodoff
from scanner.engine.loader import load_ruleset
from scanner.run import ScanOptions, scan_snapshot
from scanner.sources.memory import snapshot_from_files
from tests.support import api_facts

_api = api_facts


def _finding(files: dict[str, str]) -> dict[str, t.Any]:
    card = scan_snapshot(snapshot_from_files(files, name="repo"),
                         ScanOptions(targets=[], ruleset=load_ruleset([])))
    return next(f for f in card["findings"] if f["rule"] == "api-description-published")


def _generator(api: dict[str, t.Any], name: str) -> dict[str, t.Any]:
    return next(f for f in api["frameworks"] if f["name"] == name)


# --- Django: suitenumerique/conversations src/backend/conversations/{urls,settings}.py ---------

URLS = """from django.conf import settings
from django.urls import path

from drf_spectacular.views import SpectacularJSONAPIView

urlpatterns = []

if settings.USE_SWAGGER or settings.DEBUG:
    urlpatterns += [
        path("api/v1.0/swagger.json", SpectacularJSONAPIView.as_view(), name="schema"),
    ]
"""
# django-configurations classes (conversations settings.py:53,74,1541,1555,1774,1872); the
# ``except A, B:`` line is Python 3.14 syntax, as in the real file: settings are read as text.
SETTINGS = """from configurations import Configuration, values

try:
    VERSION = open("version").read()
except FileNotFoundError, KeyError:
    VERSION = None


class Base(Configuration):
    INSTALLED_APPS = ["rest_framework", "drf_spectacular"]
    DEBUG = False
    USE_SWAGGER = False

    def post_setup(cls):
        USE_SWAGGER = True


class Development(Base):
    DEBUG = True
    USE_SWAGGER = True


class Test(Base):
    USE_SWAGGER = True


class Production(Base):
    ALLOWED_HOSTS = values.ListValue(None)


class PreProduction(Production):
    pass
"""
# suitenumerique/people settings.py:85-88: an environment switch may hold in production.
PEOPLE_SETTING = """    USE_SWAGGER = values.BooleanValue(
        default=False,
        environ_name="USE_SWAGGER",
    )
"""


def _django(settings: str = SETTINGS, **extra: str) -> dict[str, str]:
    files = {"pyproject.toml": '[project]\nname = "c"\ndependencies = ["django", '
                               '"djangorestframework", "drf-spectacular"]\n',
             "backend/manage.py": "import django\n", "backend/conversations/urls.py": URLS,
             **extra}
    if settings:
        files["backend/conversations/settings.py"] = settings
    return files


def test_flag_false_in_the_production_class_makes_it_development_only() -> None:
    api = _api(_django())
    assert api["generated"] == []
    unused = _generator(api, "drf-spectacular")["not_set_up"]
    assert unused["reason"] == "debug"
    assert unused["detail"] == (
        "set up only in development, when `settings.USE_SWAGGER or settings.DEBUG` holds "
        "(backend/conversations/urls.py:8; USE_SWAGGER is False in production "
        "(backend/conversations/settings.py:12, class Base, inherited by Production, "
        "PreProduction)): no description in production")
    assert "USE_SWAGGER vaut False en production" in unused["detail_fr"]
    assert _finding(_django())["status"] == "fail"


def test_environment_switch_or_production_override_stays_a_condition() -> None:
    people = SETTINGS.replace("    USE_SWAGGER = False\n", PEOPLE_SETTING, 1)
    for settings in (people,
                     SETTINGS.replace("    ALLOWED_HOSTS", "    USE_SWAGGER = True\n    ALLOWED_HOSTS"),
                     SETTINGS.replace("class Production(Base)", "class Live(Base)")
                     .replace("class PreProduction(Production)", "class Other(Live)"),
                     ""):  # no settings read: nothing decided
        api = _api(_django(settings))
        assert [g["name"] for g in api["generated"]] == ["drf-spectacular"], settings[:80]
        assert "only when `settings.USE_SWAGGER or settings.DEBUG` holds" \
            in api["generated"][0]["summary"]


def test_module_settings() -> None:
    base = "INSTALLED_APPS = ['drf_spectacular']\nUSE_SWAGGER = False\n"
    assert prodoff.flag_false_in_production("USE_SWAGGER", {
        "app/settings/base.py": base, "app/settings/dev.py": "USE_SWAGGER = True\n"}) == (
        "USE_SWAGGER is set to False outside development settings (app/settings/base.py:2)",
        "USE_SWAGGER vaut False hors des réglages de développement (app/settings/base.py:2)")
    assert prodoff.flag_false_in_production("USE_SWAGGER", {
        "app/settings/base.py": base,
        "app/settings/prod.py": "USE_SWAGGER = os.environ.get('USE_SWAGGER') == '1'\n"}) is None
    assert prodoff.flag_false_in_production("USE_SWAGGER", {"app/settings.py": "DEBUG = 1\n"}) \
        is None
    # Conditions: every alternative must be DEBUG or such a flag; "and"/"not" decide nothing.
    settings = {"s.py": base}
    assert prodoff.django_dev_only("settings.USE_SWAGGER or settings.DEBUG", settings)
    assert prodoff.django_dev_only("settings.USE_SWAGGER or settings.OTHER", settings) is None
    assert prodoff.django_dev_only("not settings.USE_SWAGGER", settings) is None
    assert prodoff.django_dev_only("settings.DEBUG", settings) is None  # handled already


# --- Symfony: IGNF/cartes.gouv.fr config/bundles.php:15, config/routes/nelmio_api_doc.yaml ---

COMPOSER = json.dumps({"require": {"symfony/framework-bundle": "6.4.*",
                                   "nelmio/api-doc-bundle": "^5.0"}})
BUNDLES = """<?php

return [
    Symfony\\Bundle\\FrameworkBundle\\FrameworkBundle::class => ['all' => true],
    Symfony\\Bundle\\WebProfilerBundle\\WebProfilerBundle::class => ['dev' => true, 'test' => true],
    Nelmio\\ApiDocBundle\\NelmioApiDocBundle::class => ['dev' => true, 'test' => true],
];
"""
ROUTES = """when@dev:
    # Expose your documentation as JSON swagger compliant
    app.swagger:
        path: /api/doc.json
        methods: GET
        defaults: { _controller: nelmio_api_doc.controller.swagger }
"""


def _symfony(bundles: str = BUNDLES, routes: str = ROUTES) -> dict[str, str]:
    return {"composer.json": COMPOSER, "config/bundles.php": bundles,
            "config/routes/nelmio_api_doc.yaml": routes}


def test_symfony_bundle_for_dev_and_test_only_generates_nothing() -> None:
    api = _api(_symfony())
    assert api["generated"] == []
    unused = _generator(api, "NelmioApiDocBundle")["not_set_up"]
    assert unused["detail"] == ("enabled only for the Symfony environments dev, test "
                                "(config/bundles.php:6): no description in production")
    assert unused["detail_fr"].startswith("activé seulement pour les environnements Symfony")
    assert _finding(_symfony())["status"] in {"fail", "review"}


def test_symfony_routes_only_under_when_dev() -> None:
    everywhere = BUNDLES.replace("NelmioApiDocBundle::class => ['dev' => true, 'test' => true]",
                                 "NelmioApiDocBundle::class => ['all' => true]")
    api = _api(_symfony(everywhere))
    assert _generator(api, "NelmioApiDocBundle")["not_set_up"]["detail"] == (
        "its routes are declared only under when@dev/when@test "
        "(config/routes/nelmio_api_doc.yaml:6): no description in production")
    # Negative: routes for every environment, or a bundle also enabled for prod.
    top = ROUTES.replace("when@dev:\n", "").replace("\n    ", "\n")
    assert [g["name"] for g in _api(_symfony(everywhere, top))["generated"]] == [
        "NelmioApiDocBundle"]
    prod = BUNDLES.replace("['dev' => true, 'test' => true],\n];", "['dev' => true, 'prod' => true],\n];")
    assert [g["name"] for g in _api(_symfony(prod, top))["generated"]] == ["NelmioApiDocBundle"]


# --- Spring: MTES-MCT/rapportnav2 backend/src/main/resources/application.properties:64 --------

GRADLE = 'dependencies {\n  implementation("org.springframework.boot:spring-boot-starter-web")\n' \
         '  implementation("org.springdoc:springdoc-openapi-starter-webmvc-ui:3.0.3")\n}\n'
PROPERTIES = "spring.application.name=rapportnav\n# springdoc\nspringdoc.api-docs.enabled=false\n"


def _spring(**files: str) -> dict[str, t.Any]:
    return _api({"backend/build.gradle.kts": GRADLE, **{
        path.replace("__", "/").replace("_dot_", "."): text for path, text in files.items()}})


RESOURCES = "backend__src__main__resources__application"


def test_spring_property_off_by_default_generates_nothing() -> None:
    api = _spring(**{f"{RESOURCES}_dot_properties": PROPERTIES,
                     "infra__application-prod_dot_properties": "server.port=8080\n",
                     "infra__application-local_dot_properties": "springdoc.api-docs.enabled=true\n"})
    assert api["generated"] == []
    assert _generator(api, "springdoc-openapi")["not_set_up"]["detail"] == (
        "switched off by default (`springdoc.api-docs.enabled=false`, "
        "backend/src/main/resources/application.properties:3): no description in production")
    yaml = "springdoc:\n  swagger-ui:\n    path: /ui\n  api-docs:\n    enabled: false # off\n"
    api = _spring(**{f"{RESOURCES}_dot_yml": yaml})
    assert "not_set_up" in _generator(api, "springdoc-openapi")


def test_spring_property_negatives() -> None:
    # Turned on again in the prod profile; off in a test profile only; no setting at all.
    for files in ({f"{RESOURCES}_dot_properties": PROPERTIES,
                   "infra__application-prod_dot_properties": "springdoc.api-docs.enabled=true\n"},
                  {"backend__src__main__resources__application-test_dot_properties": PROPERTIES},
                  {f"{RESOURCES}_dot_properties": "spring.application.name=x\n"},
                  {f"{RESOURCES}_dot_yml": "spring:\n  application:\n    name: x\n---\n"
                                           "spring:\n  config:\n    activate:\n"
                                           "      on-profile: test\nspringdoc:\n  api-docs:\n"
                                           "    enabled: false\n"}):
        api = _spring(**files)
        assert [g["name"] for g in api["generated"]] == ["springdoc-openapi"], files
        assert "condition" not in api["generated"][0]


def test_spring_environment_switch_or_unknown_profile_is_a_condition() -> None:
    placeholder = "springdoc.api-docs.enabled=${SPRINGDOC_ENABLED:false}\n"
    api = _spring(**{f"{RESOURCES}_dot_properties": placeholder})
    assert api["generated"][0]["summary"] == (
        "springdoc-openapi at run time, only when `springdoc.api-docs.enabled="
        "${SPRINGDOC_ENABLED:false}` resolves to true "
        "(backend/src/main/resources/application.properties:1)")
    api = _spring(**{f"{RESOURCES}_dot_properties": PROPERTIES,
                     "backend__src__main__resources__application-docker_dot_properties":
                         "springdoc.api-docs.enabled=true\n"})
    assert "only when the Spring profile docker is active" in api["generated"][0]["summary"]


# --- datagouv/datagouv-mcp README.md:351-355 --------------------------------------------------

def test_set_aside_readme_section_is_not_denied() -> None:
    readme = ("# datagouv MCP\n\n## 📋 Available Endpoints\n\n- `POST /mcp` - JSON-RPC messages\n"
              "- `GET /health` - Health check endpoint\n")
    pyproject = '[project]\nname = "datagouv-mcp"\ndependencies = ["mcp>=1.25.0,<2"]\n'
    api = _api({"pyproject.toml": pyproject, "README.md": readme})
    assert api["exposes"] is None
    assert api["summary"].startswith('README.md:3 section "📋 Available Endpoints" lists only '
                                     "the Model Context Protocol transport")
    assert "README section listing" not in api["summary"]
    assert "section du README listant" not in api["summary_fr"]
    assert "; none of: committed API description" in api["summary"]
    # Without the set-aside section, the README is among what was looked for, as before.
    api = _api({"pyproject.toml": pyproject})
    assert api["summary"].endswith("README section listing the API's endpoints")
