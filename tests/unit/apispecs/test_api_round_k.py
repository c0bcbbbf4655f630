"""API rules, audit round K (issue 9): signs read from code that is not the repository's own API
(commented-out routes, mock servers of other services) and descriptions that are not this API's
(a starter kit's placeholder ``info``, a generator's stock README links). Each case is cut from
the repository named in its comment, with the cases that must not match beside it."""

from __future__ import annotations

from scanner.apispecs import apicode, apiroot, mounts
from scanner.apispecs.comments import HASH, blank
from scanner.apispecs.exposure import path_evidence
from scanner.apispecs.references import readme_links
from scanner.apispecs.sample import sample_values
from scanner.engine.evaluate import Status
from tests.unit.apispecs.test_api_round9 import _finding

# --- Commented-out code is never a sign -------------------------------------------------------

def test_blank_keeps_offsets_strings_and_code() -> None:
    text = ("app.use('http://x//y', r) // app.use('/api', r)\n"
            "/* router.get('/api/a')\n   */ const s = \"a // b\";\n")
    blanked = blank(text)
    assert len(blanked) == len(text) and blanked.count("\n") == text.count("\n")
    assert "app.use('http://x//y', r)" in blanked and "'/api'" not in blanked
    assert "router.get" not in blanked and 'const s = "a // b";' in blanked
    python = 'x = "a # b"  # path("api/")\n"""doc # kept"""\npath("v1/", y)\n'
    done = blank(python, HASH)
    assert 'x = "a # b"' in done and 'path("api/")' not in done
    assert '"""doc # kept"""' in done and 'path("v1/", y)' in done


# betagouv/a-just front-offline/server.ts:9-26 (Angular SSR boilerplate, the /api route commented).
A_JUST_SERVER = """import express from 'express';

export function app(): express.Express {
  const server = express();
  server.set('view engine', 'html');

  // Example Express Rest API endpoints
  // server.get('/api/**', (req, res) => { });
  // Serve static files from /browser
  server.get('**', express.static(browserDistFolder, {
    maxAge: '1y',
  }));
  return server;
}
"""


def test_commented_out_node_route_is_no_mount() -> None:
    files = {"package.json": "{}", "front-offline/server.ts": A_JUST_SERVER}
    found = mounts.evidence(files, files.get)
    assert [e["strength"] for e in found] == ["none"]
    assert "routes served under" not in found[0]["detail"]


def test_uncommented_node_route_is_still_a_mount() -> None:
    live = A_JUST_SERVER.replace("  // server.get('/api/**'", "  server.get('/api/**'")
    files = {"package.json": "{}", "front-offline/server.ts": live}
    found = mounts.evidence(files, files.get)
    assert found[0]["strength"] == "weak"
    assert found[0]["detail"] == ("routes served under /api by a Node web server "
                                  "(front-offline/server.ts:8)")
    # Block comments hide a mount as well.
    block = A_JUST_SERVER.replace("  // server.get('/api/**', (req, res) => { });",
                                  "  /* server.get('/api/**', (req, res) => { }); */")
    files["front-offline/server.ts"] = block
    assert mounts.evidence(files, files.get)[0]["strength"] == "none"


# Django URL module: a DRF router mount left commented out (same shape as
# betagouv/recommandations-collaboratives recoco/urls.py:38).
DJANGO_URLS = """from django.urls import include, path
from rest_framework import routers

router = routers.DefaultRouter()
urlpatterns = [
    # path("api/", include(router.urls)),
    path("admin/", admin.site.urls),
]
"""


def test_commented_out_django_router_mount_is_none() -> None:
    files = {"manage.py": "", "app/urls.py": DJANGO_URLS}
    assert apiroot.router_mounts(files, files.get) == []
    live = DJANGO_URLS.replace('    # path("api/"', '    path("api/"')
    files["app/urls.py"] = live
    assert apiroot.router_mounts(files, files.get) == [
        {"prefix": "api", "path": "app/urls.py", "line": 6}]


def test_commented_out_rest_controller_is_none() -> None:
    dead = ("package fr.x;\n// @RestController\n/* @RestController */\n"
            "public class UserController {}\n")
    live = "package fr.x;\n@RestController\npublic class UserController {}\n"
    files = {"src/main/java/fr/x/UserController.java": dead}
    paths = list(files)
    assert apicode.controller_evidence(paths, 1, files.get) == []
    files["src/main/java/fr/x/UserController.java"] = live
    assert apicode.controller_evidence(paths, 1, files.get)[0]["strength"] == "weak"


# --- Mock servers of other services are not the repository's API -------------------------------

# proconnect-gouv/proconnect-identite packages/testing/src/api/index.ts (a Hono mock of
# api.insee.fr, entreprise.api.gouv.fr... : packages/testing/README.md:3).
MOCK_INDEX = """import { getRequestListener } from "@hono/node-server";
import { Hono } from "hono";
import { router } from "./routes/index.js";

export function createTestingHandler(basePath: string) {
  const app = new Hono().basePath(basePath).route("/", router);
  return getRequestListener((request) => app.request(request));
}
"""


def test_testing_package_api_folder_is_no_sign() -> None:
    files = {"packages/testing/src/api/index.ts": MOCK_INDEX,
             "packages/testing/src/api/routes/entreprise.api.gouv.fr/index.ts": MOCK_INDEX,
             "tools/mock-server/api/users.ts": MOCK_INDEX}
    assert path_evidence(files, files.get) == []


def test_own_api_folder_beside_a_testing_package_still_counts() -> None:
    files = {"packages/testing/src/api/index.ts": MOCK_INDEX,
             "packages/core/src/api/users.ts": "router.get('/users', (req, res) => res.json([]))"}
    found = path_evidence(files, files.get)
    assert [e["detail"] for e in found] == ["API code folder packages/core/src/api/"]


# --- A starter kit's placeholder info documents nothing -----------------------------------------

# culturecommunication/francetransfert-upload-api src/main/resources/api-doc/swagger.json:1-17.
STARTER_KIT = """{
  "swagger": "2.0",
  "info": {
    "description": "Spring Boot Rest API Description",
    "version": "2019",
    "title": "Starterkit API",
    "termsOfService": "https://www.open.global/fr",
    "contact": {
      "name": "Open Group",
      "url": "https://www.open.global/fr",
      "email": "contact@open.global"
    },
    "license": {
      "name": "License of API",
      "url": "https://www.open.global/fr"
    }
  },
  "host": "localhost:8080",
  "basePath": "/",
  "paths": {}
}
"""


def test_starter_kit_info_fails_naming_its_placeholders() -> None:
    path = "src/main/resources/api-doc/swagger.json"
    status, english, french = _finding("api-descriptions-documented", {path: STARTER_KIT})
    assert status is Status.FAIL
    assert (f'{path}: info holds sample or placeholder values: line 6 info.title "Starterkit '
            'API", line 4 info.description "Spring Boot Rest API Description", line 14 '
            'info.license.name "License of API"' in english)
    assert f"{path} : le bloc info contient des valeurs d'exemple ou de remplissage" in french
    assert "contact" not in english  # a real company's address, if not this API's


def test_framework_defaults_and_self_naming_values_are_placeholders() -> None:
    springdoc = {"info": {"title": "OpenAPI definition", "version": "v0"}}
    assert [s["field"] for s in sample_values(springdoc)] == ["info.title"]
    springfox = {"info": {"title": "Api Documentation", "description": "Api Documentation",
                          "license": {"name": "Apache 2.0"}}}
    assert [s["field"] for s in sample_values(springfox)] == ["info.title", "info.description"]
    mine = {"info": {"title": "My API", "description": "API description",
                     "license": {"name": "API License"}}}
    assert [s["field"] for s in sample_values(mine)] == [
        "info.title", "info.description", "info.license.name"]


def test_real_short_info_values_are_no_placeholders() -> None:
    for info in ({"title": "API Entreprise", "description": "API de la DINUM",
                  "license": {"name": "Licence Ouverte"}},
                 {"title": "Backend API", "description": "REST API",
                  "license": {"name": "License", "url": "https://opensource.org/licenses/MIT"}},
                 {"title": "PSC SEC API", "description": "Description of the SEC PSC API",
                  "license": {"name": "Propriétaire ANS"}},
                 {"title": "API", "license": {"name": "MIT License"}},
                 {"title": "Spring Boot REST API", "license": {"name": "Proprietary license"}}):
        assert sample_values({"info": info}) == [], info


# --- A generator's stock README links describe no API ------------------------------------------

# ansforge/psc-secpsc-api README.md:7-25 (OpenAPI Generator's stock README for Spring stubs).
STOCK_README = """# OpenAPI generated API stub

## Overview
This code was generated by the [OpenAPI Generator](https://openapi-generator.tech) project.
By using the [OpenAPI-Spec](https://openapis.org), you can easily generate an API stub.

You can also use the interface to create [Spring-Cloud Feign clients](http://projects.spring.io/spring-cloud/spring-cloud.html#spring-cloud-feign-inheritance).Eg:
```java
@FeignClient(name="pet", url="http://petstore.swagger.io/v2")
public interface PetClient extends PetApi {
}
```
Once started, the documentation is at http://localhost:8080/swagger-ui.html
See also https://api.example.com/openapi.json
"""


def test_generator_stock_readme_links_are_not_linked_descriptions() -> None:
    assert readme_links("README.md", STOCK_README) == []
    # ansforge/psc-secpsc-api openapi-spec.yaml: its own committed description.
    spec = ("openapi: 3.0.3\ninfo:\n  title: API SEC PSC\n  version: 1.0.0\n"
            "paths: {}\n")
    status, english, _ = _finding("api-description-published",
                                  {"README.md": STOCK_README, "openapi-spec.yaml": spec})
    assert status is Status.PASS and "Committed: openapi-spec.yaml." in english
    assert "openapi-generator.tech" not in english and "petstore" not in english
    assert "localhost" not in english and "example.com" not in english


def test_published_links_still_count() -> None:
    text = ("Documentation: https://petstore.swagger.io/?url=https://api.monservice.gouv.fr/openapi.json\n"
            "Swagger UI : https://api.monservice.gouv.fr/swagger-ui/\n"
            "Swagger: https://openapi.monservice.fr/docs\n")
    assert [link["url"] for link in readme_links("README.md", text)] == [
        "https://petstore.swagger.io/?url=https://api.monservice.gouv.fr/openapi.json",
        "https://api.monservice.gouv.fr/swagger-ui/", "https://openapi.monservice.fr/docs"]

