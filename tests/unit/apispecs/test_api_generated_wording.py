"""API messages say what was found about generators: one set up only in development is named,
not denied ("no framework that generates one"), and a description generated at run time is not
called "not found" by the rules that only read committed descriptions."""

from __future__ import annotations

import json
import typing as t

from scanner.engine.loader import load_ruleset
from scanner.run import ScanOptions, scan_snapshot
from scanner.sources.memory import snapshot_from_files
from tests.support import api_facts

# numerique-gouv/widged src/backend/pyproject.toml:39,41 lists Django REST framework and
# drf-spectacular; src/backend/main/urls.py:29 « if settings.USE_SWAGGER or settings.DEBUG: »
# mounts the schema views; src/backend/main/settings.py:66 « USE_SWAGGER = False » in class Base,
# True only in Development and Test.
WIDGED_PYPROJECT = """[project]
name = "widged"
dependencies = [
    "django==5.0",
    "djangorestframework==3.14.0",
    "drf_spectacular==0.26.5",
]
"""
WIDGED_URLS = """\"\"\"URL configuration for the project\"\"\"

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from drf_spectacular.views import SpectacularJSONAPIView, SpectacularSwaggerView

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("core.urls")),
]

if settings.USE_SWAGGER or settings.DEBUG:
    urlpatterns += [
        path("v1.0/swagger.json", SpectacularJSONAPIView.as_view(), name="client-api-schema"),
        path("v1.0/swagger/", SpectacularSwaggerView.as_view(url_name="client-api-schema")),
    ]
"""
WIDGED_SETTINGS = """from configurations import Configuration


class Base(Configuration):
    DEBUG = False
    USE_SWAGGER = False
    INSTALLED_APPS = ["rest_framework", "drf_spectacular", "core"]


class Development(Base):
    DEBUG = True
    USE_SWAGGER = True


class Production(Base):
    pass
"""
WIDGED_CORE_URLS = """from django.urls import include, path
from rest_framework.routers import DefaultRouter

router = DefaultRouter()
urlpatterns = [path("api/v1.0/", include(router.urls))]
"""


def _widged(urls: str = WIDGED_URLS) -> dict[str, str]:
    return {"src/backend/pyproject.toml": WIDGED_PYPROJECT,
            "src/backend/main/urls.py": urls,
            "src/backend/main/settings.py": WIDGED_SETTINGS,
            "src/backend/core/urls.py": WIDGED_CORE_URLS}


# MTES-MCT/vigieau-api package.json lists @nestjs/core and @nestjs/swagger; src/main.ts:34-35
# « SwaggerModule.setup('swagger', app, document); »: the description is served at run time.
VIGIEAU_PACKAGE = json.dumps({"name": "vigieau-api", "dependencies": {
    "@nestjs/core": "^10.3.10", "@nestjs/swagger": "^7.4.0"}})
VIGIEAU_MAIN = """import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

async function bootstrap() {
  const app = await NestFactory.create(AppModule);
  app.setGlobalPrefix('api');
  // OpenAPI
  const options = new DocumentBuilder()
    .setTitle('API VigiEau')
    .setVersion('0.1')
    .build();
  const document = SwaggerModule.createDocument(app, options);
  SwaggerModule.setup('swagger', app, document);
  await app.listen(3000);
}
bootstrap();
"""
VIGIEAU = {"package.json": VIGIEAU_PACKAGE, "nest-cli.json": "{}", "src/main.ts": VIGIEAU_MAIN}

_API_RULES = ("api-description-published", "api-descriptions-valid",
              "api-descriptions-documented", "api-operations-documented",
              "api-licence-consistent")


def _findings(files: dict[str, str]) -> dict[str, dict[str, t.Any]]:
    """The API rules' findings of a scan of ``files``, by rule."""
    card = scan_snapshot(snapshot_from_files(files, name="repo"),
                         ScanOptions(targets=[], ruleset=load_ruleset([])))
    return {f["rule"]: f for f in card["findings"] if f["rule"] in _API_RULES}


def _text(finding: dict[str, t.Any], language: str) -> str:
    return str(finding["i18n"][language]["message"])


def test_dev_only_generator_is_a_fact_with_its_file_and_line() -> None:
    api = api_facts(_widged())
    assert api["generated"] == []
    assert api["dev_only_generators"] == [{
        "name": "drf-spectacular", "path": "src/backend/pyproject.toml",
        "summary": "drf-spectacular (src/backend/main/urls.py:14)",
        "summary_fr": "drf-spectacular (src/backend/main/urls.py:14)"}]


def test_dev_only_generator_is_named_not_denied() -> None:
    finding = _findings(_widged())["api-description-published"]
    assert finding["status"] == "fail"
    english, french = _text(finding, "en"), _text(finding, "fr")
    assert "no framework that generates one" not in english
    assert ("none committed, no link from publiccode.yml or the README, and the generator found "
            "serves none in production, being set up only in development or switched off "
            "there: drf-spectacular (src/backend/main/urls.py:14).") in english
    assert "aucun framework qui en génère une" not in french
    assert ("et le générateur trouvé n'en sert aucune en production, n'étant mis en place "
            "qu'en développement ou y étant désactivé : drf-spectacular "
            "(src/backend/main/urls.py:14).") in french


def test_generator_never_set_up_keeps_no_framework_wording() -> None:
    # Near miss: drf-spectacular listed, its views mounted nowhere: it generates nothing at all.
    urls = WIDGED_URLS.split("if settings.USE_SWAGGER")[0]
    api = api_facts(_widged(urls))
    assert api["dev_only_generators"] == []
    finding = _findings(_widged(urls))["api-description-published"]
    assert finding["status"] == "fail"
    assert "none committed, no framework that generates one" in _text(finding, "en")
    assert "aucune dans le dépôt, aucun framework qui en génère une" in _text(finding, "fr")


def test_generator_mounted_in_production_passes() -> None:
    # Near miss: the same views mounted unconditionally are served in production.
    urls = WIDGED_URLS.replace("if settings.USE_SWAGGER or settings.DEBUG:", "if True:")
    findings = _findings(_widged(urls))
    assert findings["api-description-published"]["status"] == "pass"
    assert api_facts(_widged(urls))["dev_only_generators"] == []


def test_generated_description_is_not_called_not_found() -> None:
    findings = _findings(VIGIEAU)
    assert findings["api-description-published"]["status"] == "pass"
    valid = findings["api-descriptions-valid"]
    assert valid["status"] == "not_applicable"
    assert _text(valid, "en") == (
        "No API description of this repository's own is committed, so none is validated here; "
        "this repository's API description is generated (NestJS swagger module at run time), "
        "and civiscan does not run the generator, so its validity is not checked. Descriptions "
        "of other services' APIs, not judged here: none.")
    assert _text(valid, "fr") == (
        "Aucune description d'API propre à ce dépôt n'est dans le dépôt, aucune n'est donc "
        "vérifiée ici ; la description d'API de ce dépôt est générée (NestJS swagger module à "
        "l'exécution), et civiscan n'exécute pas le générateur : sa validité n'est pas vérifiée. "
        "Descriptions d'API d'autres services, non évaluées ici : aucun.")
    for rule in ("api-descriptions-documented", "api-operations-documented",
                 "api-licence-consistent"):
        assert findings[rule]["status"] == "not_applicable", rule
        for language in ("en", "fr"):
            text = _text(findings[rule], language)
            assert "NestJS swagger module" in text, (rule, language)
            assert "was found" not in text and "n'a été trouvée" not in text, (rule, language)


def test_nothing_generated_keeps_none_found_wording() -> None:
    # Near miss: NestJS with @nestjs/swagger never set up: nothing is generated, none was found.
    main = VIGIEAU_MAIN.split("  // OpenAPI")[0] + "  await app.listen(3000);\n}\nbootstrap();\n"
    main = main.replace("import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';\n", "")
    findings = _findings({**VIGIEAU, "src/main.ts": main})
    assert findings["api-description-published"]["status"] != "pass"
    assert _text(findings["api-descriptions-valid"], "en").startswith(
        "No description of an API of this repository's own was found.")
    assert _text(findings["api-descriptions-valid"], "fr").startswith(
        "Aucune description d'une API propre à ce dépôt n'a été trouvée.")
    assert _text(findings["api-operations-documented"], "en").startswith(
        "No readable description of an API of this repository's own was found.")
    assert _text(findings["api-licence-consistent"], "en").startswith(
        "No API description declares an identifiable licence")
