"""api-description-published, eighth round (issue 9): typed OpenAPI clients in an ``api/`` folder
are outbound code, not API code; a link "to the API documentation" that is a Django REST
framework router's own root is not a description. Each case is cut from the repository named in
its comment, with the cases that must not match beside it."""

from __future__ import annotations

import typing as t

import pytest

from scanner.apispecs import apicode, apiroot
from scanner.apispecs.exposure import path_evidence
from scanner.engine.evaluate import Status
from tests.unit.apispecs.test_api_code_round4 import _facts, _finding, _reads_outside_wanted


def _evidence(files: dict[str, str]) -> dict[str, dict[str, t.Any]]:
    return {e["path"]: e for e in path_evidence(files, files.get) if e["kind"] == "path"}


# --- typed OpenAPI clients in api/ folders ------------------------------------------------------

# proconnect-gouv/proconnect-identite packages/insee/src/api/ (shortened): openapi-fetch clients
# of INSEE's API, with their tests beside them.
INSEE = "packages/insee/src/api"
FIND_BY_SIREN = """import type { InseeSirenePrivateOpenApiClient } from "#src/client";
import { InseeApiError } from "#src/types";

export function findUniteLegaleBySirenFactory(client: InseeSirenePrivateOpenApiClient) {
  return async function findUniteLegaleBySiren(siren: string) {
    const { data, error } = await client.GET("/siren/{siren}", {
      params: { path: { siren } },
    });
    if (error) throw new InseeApiError(error);
    return data.uniteLegale;
  };
}
"""
ACCESS_TOKEN = """import type { paths } from "#openapi/auth";
import createClient, { type ClientOptions } from "openapi-fetch";

export function getInseeAccessTokenFactory(body: Body, options: ClientOptions = {}) {
  return async function getInseeAccessToken() {
    const client = createClient<paths>({ baseUrl: options.baseUrl, ...options });
    const { data, error } = await client.POST("/realms/apim-gravitee/protocol/openid-connect/token",
      { body });
    return data.access_token;
  };
}
"""
INDEX = """import type { InseeSirenePrivateOpenApiClient } from "#src/client";
import { findUniteLegaleBySirenFactory } from "./find-by-siren.js";
export * from "./get-insee-access-token.js";

export function createApiInseeClient(client: InseeSirenePrivateOpenApiClient,
                                     getAuthorizationToken: () => Promise<string>) {
  client.use({
    async onRequest({ request }) {
      request.headers.set("Authorization", `Bearer ${await getAuthorizationToken()}`);
      return request;
    },
  });
  return { findBySiren: findUniteLegaleBySirenFactory(client) };
}
"""
TEST = 'import { describe, it } from "node:test";\ndescribe("findBySiren", () => { it("x", () => {}); });\n'
PROCONNECT_INSEE = {
    f"{INSEE}/index.ts": INDEX,
    f"{INSEE}/find-by-siren.ts": FIND_BY_SIREN,
    f"{INSEE}/find-by-siret.ts": FIND_BY_SIREN.replace("siren", "siret"),
    f"{INSEE}/get-insee-access-token.ts": ACCESS_TOKEN,
    f"{INSEE}/find-by-siren.test.ts": TEST,
    f"{INSEE}/find-by-siret.test.ts": TEST,
    f"{INSEE}/get-insee-access-token.test.ts": TEST,
}
# proconnect-gouv/proconnect-identite packages/entreprise/src/api/: six client files in two
# sub-folders (barrels re-exporting them), four tests.
ENTREPRISE = "packages/entreprise/src/api"
PROCONNECT_ENTREPRISE = {
    f"{ENTREPRISE}/index.ts": 'import type { ApiEntrepriseOpenApiClient } from "#src/client";\n'
                              "export function createApiEntrepriseClient(client: "
                              "ApiEntrepriseOpenApiClient) { return {}; }\n",
    f"{ENTREPRISE}/insee/index.ts": 'export * from "./find-by-siren.js";\n',
    f"{ENTREPRISE}/insee/find-by-siren.ts": FIND_BY_SIREN.replace(
        '"/siren/{siren}"', '"/v3/insee/sirene/unites_legales/{siren}/siege_social"'),
    f"{ENTREPRISE}/insee/find-by-siret.ts": FIND_BY_SIREN,
    f"{ENTREPRISE}/insee/find-by-siren.test.ts": TEST,
    f"{ENTREPRISE}/infogreffe/index.ts": 'export * from "./find-mandataires-sociaux-by-siren.js";\n',
    f"{ENTREPRISE}/infogreffe/find-mandataires-sociaux-by-siren.ts": FIND_BY_SIREN,
    f"{ENTREPRISE}/infogreffe/find-mandataires-sociaux-by-siren.test.ts": TEST,
}


def test_openapi_fetch_clients_with_their_tests_are_outbound_code() -> None:
    evidence = _evidence({**PROCONNECT_INSEE, **PROCONNECT_ENTREPRISE})
    for folder in (INSEE, ENTREPRISE):
        assert evidence[folder]["strength"] == "none"
        assert "calling other services' APIs" in evidence[folder]["detail"]
        assert "appelle les API d'autres services" in evidence[folder]["detail_fr"]
        assert ".test.ts" not in evidence[folder]["detail"]  # tests are not listed as clients


def test_the_whole_scan_names_no_client_folder_as_api_code() -> None:
    files = {**PROCONNECT_INSEE, **PROCONNECT_ENTREPRISE,
             "package.json": '{"name": "identite", "dependencies": {"express": "4"}}'}
    api = _facts(files)["api"]
    assert "API code folder" not in api["summary"]
    assert "dossier de code d'API" not in api["summary_fr"]
    assert _reads_outside_wanted(files) == set()


@pytest.mark.parametrize("text", [
    'import ky from "ky";\nexport const get = (id: string) => ky.get(`items/${id}`).json();\n',
    'import got from "got";\nexport const send = () => got.post("items", { json: {} });\n',
    'import { request } from "undici";\nexport const get = () => request(base + "/items");\n',
    'import type { components } from "./schema.d.ts";\nimport { api } from "../lib";\n'
    'export const one = (): components["schemas"]["Item"] => api.one();\n',
    'import { getItems } from "../client/sdk.gen";\nexport const items = () => getItems();\n',
])
def test_other_http_and_typed_clients_are_calls(text: str) -> None:
    assert apicode.calls_only([text])


@pytest.mark.parametrize("text", [
    # A typed client used by a route that serves: the folder stays API code.
    FIND_BY_SIREN + 'router.get("/siren/:siren", async (req, res) => res.json(await f(req)));\n',
    # gin registers handlers with upper-case methods: serving, not a client call.
    'package api\n\nfunc Routes(r *gin.Engine) {\n\tr.GET("/users", listUsers)\n'
    '\tresp, _ := http.Get("https://example.org")\n\t_ = resp\n}\n',
])
def test_serving_signs_keep_typed_clients_as_api_code(text: str) -> None:
    assert not apicode.calls_only([text])


def test_a_folder_over_the_bound_is_judged_on_its_first_files() -> None:
    # Audit round L (DNUM-SocialGouv/champollion-front): the bound never makes client code API
    # code; the message says how many files were read.
    files = {f"src/api/client{i}-calls.ts".replace("client", "find"): FIND_BY_SIREN
             for i in range(apicode.MAX_READ_PER_FOLDER + 1)}
    found = _evidence(files)["src/api"]
    assert found["strength"] == "none" and "the 6 of its 7 code files read" in found["detail"]


def test_a_folder_of_tests_only_stays_as_before() -> None:
    # Nothing but tests: they are not set aside (no code to decide from), the folder is unread.
    files = {"src/api/users.test.ts": TEST, "src/api/items.spec.ts": TEST}
    kept, aside = apicode.by_name("src/api", list(files))
    assert sorted(kept) == sorted(files) and not aside


# --- a link to a DRF router's root is not a description -----------------------------------------

# betagouv/recommandations-collaboratives (shortened): publiccode.yml links the API root; the code
# mounts a DefaultRouter there and drf-spectacular's views only when DEBUG.
PUBLICCODE = """publiccodeYmlVersion: "0.4"
name: Recoco
url: https://github.com/betagouv/recommandations-collaboratives
softwareType: standalone/backend
description:
  fr:
    documentation: 'https://reco-co.gitbook.io/reco-co'
    apiDocumentation: |-
      {link}
    shortDescription: outil de conseil collaboratif
"""
ROOT_URLS = '''from django.conf import settings
from django.urls import include, path

from recoco.apps.home.urls import urlpatterns as home_urls
from recoco.rest_api.urls import urlpatterns as rest_api_urls

urlpatterns = [
    path("api/", include(rest_api_urls)),
    path("accounts/", include("allauth.urls")),
]
urlpatterns.extend(home_urls)

if settings.DEBUG:
    from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

    urlpatterns += [
        path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
        path("api/schema/swagger-ui/", SpectacularSwaggerView.as_view(url_name="schema")),
    ]
'''
REST_URLS = '''from rest_framework import routers

from recoco.apps.resources import rest as resources_rest

router = routers.DefaultRouter()

router.register(r"resources", resources_rest.ResourceViewSet, basename="resources")

urlpatterns = (
    router.urls
)
'''
RECOCO = {
    "manage.py": "import os\n",
    "pyproject.toml": '[project]\nname = "recoco"\ndependencies = ["django", "djangorestframework",'
                      ' "drf-spectacular"]\n',
    "recoco/settings/base.py": 'INSTALLED_APPS = ["rest_framework", "drf_spectacular"]\n',
    "recoco/urls.py": ROOT_URLS,
    "recoco/rest_api/urls.py": REST_URLS,
    "recoco/apps/home/urls.py": 'urlpatterns = []\n',
}


def _recoco(link: str = "https://recoconseil.fr/api/", **changes: str) -> dict[str, str]:
    return {**RECOCO, "publiccode.yml": PUBLICCODE.replace("{link}", link), **changes}


def test_a_link_to_the_drf_router_root_is_no_description() -> None:
    files = _recoco()
    status, message, french = _finding(files)
    assert status is Status.FAIL
    assert "https://recoconseil.fr/api/ is the API's own root" in message
    assert "mounted on api/ at recoco/urls.py:8" in message
    assert "monté sur api/ en recoco/urls.py:8" in french
    api = _facts(files)["api"]
    assert api["references"] == []
    assert [r["url"] for r in api["root_links"]] == ["https://recoconseil.fr/api/"]
    assert _reads_outside_wanted(files) == set()


def test_a_router_included_by_its_urls_in_the_same_module() -> None:
    urls = ("from rest_framework.routers import DefaultRouter\nfrom django.urls import include, "
            're_path\nrouter = DefaultRouter()\nurlpatterns = [re_path(r"^api/v1/", '
            "include(router.urls))]\n")
    files = _recoco("https://example.gouv.fr/api/v1", **{"recoco/urls.py": urls})
    status, message, _ = _finding(files)
    assert status is Status.FAIL and "recoco/urls.py:4" in message


@pytest.mark.parametrize("link", [
    "https://recoconseil.fr/api/schema/",          # names a description
    "https://recoconseil.fr/api/?format=openapi",  # asks for one
    "https://recoconseil.fr/api/docs",
    "https://betagouv.github.io/api/",            # a documentation host
    "https://recoconseil.fr/",                    # not the router's prefix
])
def test_links_that_may_be_a_description_still_count(link: str) -> None:
    status, message, _ = _finding(_recoco(link))
    assert status is Status.PASS, message
    assert link in message


def test_a_schema_view_on_the_same_prefix_keeps_the_link() -> None:
    urls = ROOT_URLS.replace('path("accounts/"',
                             'path("api/", SpectacularSwaggerView.as_view()),\n    path("accounts/"')
    assert _finding(_recoco(**{"recoco/urls.py": urls}))[0] is Status.PASS


def test_an_included_module_without_a_router_keeps_the_link() -> None:
    rest = "from django.urls import path\nurlpatterns = [path('items/', items)]\n"
    assert _finding(_recoco(**{"recoco/rest_api/urls.py": rest}))[0] is Status.PASS


def test_a_router_mounted_under_its_own_prefix_is_below_the_included_root() -> None:
    rest = REST_URLS.replace("urlpatterns = (\n    router.urls\n)",
                             'urlpatterns = [path("v1/", include(router.urls))]')
    files = _recoco(**{"recoco/rest_api/urls.py": rest})
    mounts = apiroot.router_mounts(list(files), files.get)
    assert mounts == [{"prefix": "api/v1", "path": "recoco/rest_api/urls.py", "line": 9}]
    assert _finding(files)[0] is Status.PASS  # /api/ itself is not the router's root
    assert _finding(_recoco("https://recoconseil.fr/api/v1/", **{
        "recoco/rest_api/urls.py": rest}))[0] is Status.FAIL


def test_no_django_project_reads_no_url_module() -> None:
    files = {k: v for k, v in _recoco().items() if k not in ("manage.py", "recoco/settings/base.py")}
    assert apiroot.url_paths(files) == []
    assert _finding(files)[0] is Status.PASS
