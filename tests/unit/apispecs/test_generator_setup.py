"""A description generator listed in a manifest but never set up generates nothing, and api/
folders of client code or catch-all pass-through routes show no API of the repository's own."""

from __future__ import annotations

import json
import time
import typing as t

import pytest

from scanner.apispecs import setup
from scanner.apispecs.exposure import path_evidence
from scanner.engine.loader import load_ruleset
from scanner.run import ScanOptions, scan_snapshot
from scanner.sources.memory import snapshot_from_files
from tests.support import api_facts

# France-Travail/pass-emploi-connect: package.json lists @nestjs/swagger (and swagger-ui-express),
# src/main.ts bootstraps NestJS without SwaggerModule; "swagger" elsewhere is an OIDC client id.
NEST_PACKAGE = json.dumps({"name": "pass-emploi-connect", "dependencies": {
    "@nestjs/core": "^10.0.0", "@nestjs/swagger": "^7.1.0", "swagger-ui-express": "^5.0.0"}})
NEST_MAIN = """import { NestFactory } from '@nestjs/core'
import { AppModule } from './app.module'

async function bootstrap(): Promise<void> {
  const app = await NestFactory.create(AppModule)
  await app.listen(3000, '0.0.0.0')
}
bootstrap()
"""
NEST_MAIN_SWAGGER = NEST_MAIN.replace(
    "  await app.listen", "  const config = new DocumentBuilder().setTitle('API').build()\n"
    "  SwaggerModule.setup('docs', app, SwaggerModule.createDocument(app, config))\n"
    "  await app.listen")
NEST_CONFIG = "const clients = { swagger: { id: 'pass-emploi-swagger' } }\n"

# betagouv/recommandations-collaboratives: recoco/urls.py mounts the drf-spectacular views only
# under ``if settings.DEBUG:``; another urls.py has a page named "schema-multi-annuel".
RECOCO_URLS = """from django.conf import settings
from django.urls import path

urlpatterns = []

if settings.DEBUG:
    import debug_toolbar
    from drf_spectacular.views import (
        SpectacularAPIView,
        SpectacularSwaggerView,
    )

    urlpatterns += [
        path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
        path(
            "api/schema/swagger-ui/",
            SpectacularSwaggerView.as_view(url_name="schema"),
            name="swagger-ui",
        ),
    ]

handler403 = "recoco.apps.home.views.permission_denied"
"""
HOME_URLS = """from django.urls import path
from . import views

urlpatterns = [
    path(
        r"schema-multi-annuel",
        views.MutliAnnualSchemaPageView.as_view(),
        name="multi-annual-schema",
    ),
]
"""


def _nest(main: str, **extra: str) -> dict[str, str]:
    return {"package.json": NEST_PACKAGE, "nest-cli.json": "{}", "src/main.ts": main,
            "src/config/configuration.ts": NEST_CONFIG, **extra}


def _django(urls: str, **extra: str) -> dict[str, str]:
    return {"requirements.txt": "Django==5.0\ndjangorestframework==3.15\ndrf-spectacular==0.27\n",
            "recoco/settings.py": "INSTALLED_APPS = ['rest_framework', 'drf_spectacular']\n",
            "recoco/urls.py": urls, "recoco/apps/home/urls.py": HOME_URLS, **extra}


_api = api_facts


def _finding(files: dict[str, str]) -> dict[str, t.Any]:
    """The api-description-published finding of a scan of ``files``."""
    card = scan_snapshot(snapshot_from_files(files, name="repo"),
                         ScanOptions(targets=[], ruleset=load_ruleset([])))
    return next(f for f in card["findings"] if f["rule"] == "api-description-published")


def _weak(paths: list[str]) -> list[dict[str, object]]:
    """The api/ folders that count (set-aside ones are listed with strength "none")."""
    return [e for e in path_evidence(paths) if e["strength"] != "none"]


def test_nest_swagger_listed_but_never_set_up_generates_nothing() -> None:
    api = _api(_nest(NEST_MAIN))
    assert api["generated"] == []
    summary = str(api["summary"])
    assert ("NestJS swagger module (package.json), listed but never set up (none of the 2 "
            "source files of the root package, src/main.ts, src/config/configuration.ts, sets "
            "up a SwaggerModule or DocumentBuilder): serves no description") in summary
    assert "Swagger UI (package.json), listed but never set up" in summary
    assert "jamais mis en place" in str(api["summary_fr"])
    assert api["exposes"] is True  # NestJS itself still serves an API


def test_nest_swagger_set_up_in_main_is_generated() -> None:
    api = _api(_nest(NEST_MAIN_SWAGGER))
    assert [g["name"] for g in api["generated"]] == ["NestJS swagger module"]  # type: ignore[index]
    assert "never set up" not in str(api["summary"])


def test_a_commented_out_set_up_sets_nothing_up() -> None:
    commented = NEST_MAIN_SWAGGER.replace("  SwaggerModule.setup(", "  // SwaggerModule.setup(")
    commented = commented.replace("  const config = new DocumentBuilder()",
                                  "  /* const config = new DocumentBuilder()").replace(
        ".build()\n", ".build() */\n")
    api = _api(_nest(commented))
    assert api["generated"] == []
    assert "listed but never set up" in str(api["summary"])


def test_nest_swagger_set_up_in_its_own_file_keeps_todays_behaviour() -> None:
    # The set-up lives in src/swagger.ts, called from main.ts under another name: undecided.
    api = _api(_nest(NEST_MAIN, **{"src/swagger.ts": "export function setupDocs() {}\n"}))
    assert [g["name"] for g in api["generated"]] == ["NestJS swagger module"]  # type: ignore[index]


def test_no_entry_file_keeps_todays_behaviour() -> None:
    files = _nest(NEST_MAIN)
    del files["src/main.ts"]
    del files["src/config/configuration.ts"]
    assert [g["name"] for g in _api(files)["generated"]] == [  # type: ignore[index]
        "NestJS swagger module"]
    del files["nest-cli.json"]  # not a Nest CLI project: main.ts files are not even read
    files["src/main.ts"] = NEST_MAIN
    assert [g["name"] for g in _api(files)["generated"]] == [  # type: ignore[index]
        "NestJS swagger module"]


def test_without_main_ts_the_package_sources_decide() -> None:
    # No main.ts (SocialGouv/domifa's back end boots from run-app.ts): every source file of the
    # package was read and none sets it up.
    files = _nest(NEST_MAIN)
    files["src/run-app.ts"] = files.pop("src/main.ts")
    api = _api(files)
    assert api["generated"] == []
    assert ("none of the 2 source files of the root package, src/run-app.ts, "
            "src/config/configuration.ts, sets up") in str(api["summary"])


def test_unreadable_entry_file_decides_nothing() -> None:
    paths = ["nest-cli.json", "src/main.ts"]
    assert setup.status("NestJS swagger module", paths, lambda path: None) is None


def test_drf_spectacular_mounted_only_in_debug_is_not_generated() -> None:
    api = _api(_django(RECOCO_URLS))
    assert api["generated"] == []
    assert ("set up only when `settings.DEBUG` holds, a development condition (recoco/urls.py:6):"
            " no description in production") in str(api["summary"])
    assert "condition de développement (recoco/urls.py:6)" in str(api["summary_fr"])
    assert api["exposes"] is True  # Django REST framework still serves an API


def test_drf_spectacular_mounted_in_production_is_generated() -> None:
    urls = RECOCO_URLS.replace("if settings.DEBUG:", "if True:")
    assert [g["name"] for g in _api(_django(urls))["generated"]] == [  # type: ignore[index]
        "drf-spectacular"]
    mounted = ("from drf_spectacular.views import SpectacularAPIView\n"
               "urlpatterns = [path('api/schema/', SpectacularAPIView.as_view())]\n" + RECOCO_URLS)
    assert [g["name"] for g in _api(_django(mounted))["generated"]] == [  # type: ignore[index]
        "drf-spectacular"]


def test_drf_spectacular_never_mounted_is_listed_not_set_up() -> None:
    urls = "from django.urls import path\nurlpatterns = [path('admin/', admin)]\n"
    api = _api(_django(urls))
    assert api["generated"] == []
    assert ("listed but never set up (none of the 2 URL modules of the root package, "
            "recoco/urls.py, recoco/apps/home/urls.py, mounts a schema view)") in str(api["summary"])


def test_debug_block_ends_at_dedent() -> None:
    lines = ["if settings.DEBUG:", "    x = 1", "", "urlpatterns += [", "    path('schema/')",
             "]"]
    assert setup._debug_only(lines, 1) is True
    assert setup._debug_only(lines, 4) is False
    assert setup._debug_only(["if not settings.DEBUG:", "    schema_view"], 1) is False


def test_api_folder_of_clients_is_no_evidence() -> None:
    # France-Travail/pass-emploi-connect src/api/: a NestJS module wiring two API clients.
    assert _weak(["src/api/api.module.ts", "src/api/francetravail-api.client.ts",
                  "src/api/pass-emploi-api.client.ts"]) == []
    # One handler beside the clients still counts.
    (item,) = path_evidence(["src/api/api.module.ts", "src/api/users.controller.ts",
                             "src/api/francetravail-api.client.ts"])
    assert item["path"] == "src/api"


def test_catch_all_route_alone_is_no_evidence() -> None:
    # suitenumerique/helpcenter: src/pages/api/pagefind/[...path].ts streams the search index.
    assert _weak(["src/pages/api/pagefind/[...path].ts"]) == []
    assert _weak(["pages/api/auth/[...nextauth].ts", "pages/api/[[...slug]].js"]) == []
    (item,) = _weak(["pages/api/auth/[...nextauth].ts", "pages/api/users/[id].ts"])
    assert item["path"] == "pages/api"


def test_client_folders_do_not_hide_a_later_serving_folder() -> None:
    paths = [f"packages/p{i}/src/api/thing.client.ts" for i in range(4)]
    (item,) = _weak([*paths, "server/api/routes.ts"])
    assert item["path"] == "server/api"


def test_set_aside_api_folder_is_named_in_the_summary() -> None:
    # suitenumerique/helpcenter: the only api/ folder serves the site's own search index.
    api = _api({"package.json": json.dumps({"dependencies": {"next": "15.0.0"}}),
                "src/pages/api/pagefind/[...path].ts": "export default function handler() {}\n"})
    assert api["exposes"] is None
    assert ("src/pages/api/ holds only API clients or catch-all pass-through routes, no API "
            "code") in str(api["summary"])
    assert "attrape-tout" in str(api["summary_fr"])


def test_schema_view_in_a_url_module_named_otherwise_is_found() -> None:
    # numerique-gouv/statistiques-impact: core/urls.py includes core/api_urls.py, which mounts
    # SpectacularAPIView.
    api_urls = ("from drf_spectacular.views import SpectacularAPIView\n"
                "urlpatterns = [path('schema/', SpectacularAPIView.as_view(), name='schema')]\n")
    core = "from . import api_urls\nurlpatterns = [path('api/', include(api_urls))]\n"
    api = _api(_django("urlpatterns = []\n", **{"recoco/core/urls.py": core,
                                                 "recoco/core/api_urls.py": api_urls}))
    assert [g["name"] for g in api["generated"]] == ["drf-spectacular"]  # type: ignore[index]


def test_url_module_included_by_dotted_name_and_not_read_decides_nothing() -> None:
    root = "urlpatterns = [path('api/', include('recoco.core.routes'))]\n"
    files = _django(root, **{"recoco/core/routes.py": "urlpatterns = [schema]\n"})
    assert [g["name"] for g in _api(files)["generated"]] == [  # type: ignore[index]
        "drf-spectacular"]
    # A third-party module included by name (not in the repository) changes nothing.
    third = "urlpatterns = [path('auth/', include('django.contrib.auth.urls'))]\n"
    assert _api(_django(third))["generated"] == []


def test_nest_swagger_set_up_by_a_helper_main_calls_is_generated() -> None:  # MTES-MCT/boris
    main = ("import { NestFactory } from '@nestjs/core';\nimport { AppModule } from './app.module';\n"
            "import { configureApiDocumentation } from './infrastructure/config/api-documentation"
            ".config';\n\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule);"
            "\n  configureApiDocumentation(app);\n  await app.listen(3000);\n}\nbootstrap();\n")
    api = _api(_nest(main))
    assert [g["name"] for g in api["generated"]] == ["NestJS swagger module"]  # type: ignore[index]
    # The helper's own file name says so too, whatever main.ts calls it.
    helper = {"src/infrastructure/config/api-documentation.config.ts": "export function x() {}\n"}
    api = _api(_nest(NEST_MAIN, **helper))
    assert [g["name"] for g in api["generated"]] == ["NestJS swagger module"]  # type: ignore[index]


# SocialGouv/domifa: packages/backend/package.json lists @nestjs/swagger; the back end boots from
# src/run-app.ts and sets Swagger up in src/app.bootstrap.ts under a development flag; the three
# Angular front ends beside it each have a src/main.ts that never mentions Swagger.
DOMIFA_BOOTSTRAP = """import { INestApplication } from "@nestjs/common";
import { NestFactory } from "@nestjs/core";
import { DocumentBuilder, SwaggerCustomOptions, SwaggerModule } from "@nestjs/swagger";
import { domifaConfig } from "./config";

export async function bootstrapApplication() {
  const app = await NestFactory.create(AppModule);
  configureSwagger(app);
  return { app };
}

function configureSwagger(app: INestApplication) {
  const DOMIFA_SWAGGER_CONTEXT = "sw-api";
  if (domifaConfig().dev.swaggerEnabled) {
    const backendUrl = domifaConfig().apps.backendUrl;
    appLogger.warn(`Swagger UI enabled: ${backendUrl}${DOMIFA_SWAGGER_CONTEXT}`);
    const options = new DocumentBuilder()
      .setTitle("Domifa")
      .addBearerAuth({ type: "http", scheme: "bearer" })
      .build();

    const document = SwaggerModule.createDocument(app, options);
    const swaggerOptions: SwaggerCustomOptions = {};
    SwaggerModule.setup(DOMIFA_SWAGGER_CONTEXT, app, document, swaggerOptions);
  }
}
"""
ANGULAR_MAIN = """import { enableProdMode } from "@angular/core";
import { platformBrowserDynamic } from "@angular/platform-browser-dynamic";
import { AppModule } from "./app/app.module";

platformBrowserDynamic().bootstrapModule(AppModule);
"""


def _domifa(bootstrap: str) -> dict[str, str]:
    backend = json.dumps({"name": "@domifa/backend", "dependencies": {
        "@nestjs/core": "^10.0.0", "@nestjs/swagger": "^7.0.0", "swagger-ui-express": "^5.0.0"}})
    files = {"package.json": json.dumps({"name": "domifa", "private": True}),
             "packages/backend/package.json": backend, "packages/backend/nest-cli.json": "{}",
             "packages/backend/src/run-app.ts": "import { bootstrapApplication } from "
             "'./app.bootstrap';\nbootstrapApplication();\n",
             "packages/backend/src/app.bootstrap.ts": bootstrap,
             "packages/backend/src/usagers/usager.dto.ts":
                 "import { ApiProperty } from '@nestjs/swagger';\nexport class UsagerDto {}\n"}
    for front in ("frontend", "portail-admins", "portail-usagers"):
        files[f"packages/{front}/package.json"] = json.dumps(
            {"dependencies": {"@angular/core": "^17.0.0"}})
        files[f"packages/{front}/src/main.ts"] = ANGULAR_MAIN
    return files


def test_set_up_is_looked_for_in_the_listing_package_not_its_siblings() -> None:
    unconditional = DOMIFA_BOOTSTRAP.replace("if (domifaConfig().dev.swaggerEnabled)", "{")
    api = _api(_domifa(unconditional))
    assert [g["name"] for g in api["generated"]] == ["NestJS swagger module"]  # type: ignore[index]
    assert "never set up" not in str(api["summary"])
    # The root is no Nest project (its nest-cli.json belongs to packages/backend/): the front
    # ends' main.ts files are not even fetched.
    wanted = setup.entry_paths(sorted(_domifa(unconditional)))
    assert "packages/backend/src/app.bootstrap.ts" in wanted
    assert not [path for path in wanted if "/frontend/" in path or "/portail-" in path]


def test_set_up_under_a_development_flag_names_the_condition_and_line() -> None:
    api = _api(_domifa(DOMIFA_BOOTSTRAP))
    assert api["generated"] == []
    summary = str(api["summary"])
    assert ("NestJS swagger module (packages/backend/package.json), set up only when "
            "`domifaConfig().dev.swaggerEnabled` holds, a development condition "
            "(packages/backend/src/app.bootstrap.ts:17)") in summary
    assert "main.ts" not in summary  # the Angular front ends are no proof of anything
    assert "`domifaConfig().dev.swaggerEnabled` est vrai" in str(api["summary_fr"])


def test_monorepo_package_that_never_sets_it_up_is_named() -> None:
    bootstrap = DOMIFA_BOOTSTRAP.split("function configureSwagger")[0].replace(
        "  configureSwagger(app);\n", "")
    api = _api(_domifa(bootstrap))
    assert api["generated"] == []
    summary = str(api["summary"])
    assert ("listed but never set up (none of the 3 source files of packages/backend/, "
            "packages/backend/src/app.bootstrap.ts, packages/backend/src/run-app.ts, "
            "packages/backend/src/usagers/usager.dto.ts, sets up a SwaggerModule or "
            "DocumentBuilder)") in summary
    assert "packages/frontend" not in summary
    assert "3 fichiers source de packages/backend/" in str(api["summary_fr"])


def test_a_sibling_packages_set_up_does_not_count() -> None:
    # Negative: a front end's file that sets Swagger up says nothing about the back end's.
    bootstrap = DOMIFA_BOOTSTRAP.split("function configureSwagger")[0].replace(
        "  configureSwagger(app);\n", "")
    files = _domifa(bootstrap)
    files["packages/frontend/src/main.ts"] = DOMIFA_BOOTSTRAP.replace(
        "if (domifaConfig().dev.swaggerEnabled)", "")
    files["packages/frontend/nest-cli.json"] = "{}"
    assert _api(files)["generated"] == []


def test_package_with_more_sources_than_read_is_a_review_not_never(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(setup, "MAX_SOURCE_FILES", 2)
    bootstrap = DOMIFA_BOOTSTRAP.split("function configureSwagger")[0].replace(
        "  configureSwagger(app);\n", "")
    files = _domifa(bootstrap)
    api = _api(files)
    summary = str(api["summary"])
    assert "never set up" not in summary
    assert ("listed, but none of the 2 source files read of the 3 in packages/backend/ "
            "(packages/backend/src/app.bootstrap.ts, packages/backend/src/run-app.ts) sets up a "
            "SwaggerModule or DocumentBuilder; the others were not read") in summary
    assert "les autres n'ont pas été lus" in str(api["summary_fr"])
    finding = _finding(files)
    assert finding["status"] == "review"
    assert "could not be confirmed as set up" in finding["message"]
    # All read: the same package is decided.
    monkeypatch.setattr(setup, "MAX_SOURCE_FILES", 3)
    assert _finding(files)["status"] == "fail"


def test_development_conditions() -> None:
    text = "if (process.env.NODE_ENV !== 'production') {\n  SwaggerModule.setup('d', app, doc);\n}\n"
    assert setup._dev_condition(text, text.index("Swagger")) == "process.env.NODE_ENV !== 'production'"
    for condition in ("process.env.NODE_ENV === 'production'", "config.swaggerEnabled",
                      "isDev || config.swagger.enabled"):
        text = f"if ({condition}) {{\n  SwaggerModule.setup('d', app, doc);\n}}\n"
        assert setup._dev_condition(text, text.index("Swagger")) is None, condition
    # A closed dev block before the call does not make it conditional; a braceless if does.
    text = "if (isDev) {\n  log();\n}\nSwaggerModule.setup('d', app, doc);\n"
    assert setup._dev_condition(text, text.index("Swagger")) is None
    text = "if (config.dev.swagger) SwaggerModule.setup('d', app, doc);\n"
    assert setup._dev_condition(text, text.index("Swagger")) == "config.dev.swagger"


def test_large_monorepo_listing_is_bounded() -> None:
    # Hostile listing: 30 Nest packages of 3,500 sources each. What is declared and read stays
    # capped per package, and a hang guard (not a speed target) holds.
    paths = ["nest-cli.json", "package.json"] + [f"packages/p{i}/package.json" for i in range(29)]
    paths += [f"packages/p{i}/src/m{j}/f{j}.ts" for i in range(29) for j in range(3500)]
    started = time.monotonic()
    wanted = setup.entry_paths(paths)
    reads: list[str] = []
    verdict = setup.status("NestJS swagger module", paths,
                           lambda path: reads.append(path) or "export {}\n", "packages/p3")
    assert time.monotonic() - started < 5
    assert len(wanted) <= 30 * (setup.MAX_SOURCE_FILES + setup.MAX_ENTRY_FILES)
    assert len(reads) == setup.MAX_SOURCE_FILES
    assert all(path.startswith("packages/p3/") for path in reads)
    assert verdict is not None and verdict["reason"] == "unsure"
