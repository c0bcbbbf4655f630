"""api-description-published, fourth audit round (issue 9): descriptions compiled at build time
(TypeSpec), what an api/ folder holds (route handlers vs clients, debug, preview and template
handlers), a client's GraphQL queries, and Spring/JAX-RS REST controllers. Each case is cut from
the repository named in its comment, with the cases that must not match beside it."""

from __future__ import annotations

import typing as t

from scanner.apispecs import apicode
from scanner.apispecs.exposure import path_evidence
from scanner.engine.evaluate import Status, evaluate
from scanner.engine.loader import load_ruleset
from scanner.facts import build_facts, wanted_paths
from scanner.snapshot import Snapshot
from scanner.sources.memory import snapshot_from_files
from tests.support import spy_reads

RULES = load_ruleset()
RULE = "api-description-published"


def _facts(files: dict[str, str]) -> dict[str, t.Any]:
    return build_facts(snapshot_from_files(files))


def _finding(files: dict[str, str]) -> tuple[Status, str, str]:
    rule = RULES.get(RULE)
    assert rule is not None
    finding = evaluate(rule, _facts(files))
    return finding.status, finding.texts["en"]["message"], finding.texts["fr"]["message"]


def _reads_outside_wanted(files: dict[str, str]) -> set[str]:
    snapshot: Snapshot = snapshot_from_files(files)
    seen = spy_reads(snapshot)
    build_facts(snapshot)
    return seen - wanted_paths(snapshot.files)


# --- TypeSpec compiled to OpenAPI at build time ------------------------------------------------

# MTES-MCT/potentiel packages/applications/api-documentation (shortened).
TSP = "packages/applications/api-documentation"
POTENTIEL = {
    "package.json": '{"name": "potentiel", "private": true, "workspaces": ["packages/*"]}',
    f"{TSP}/package.json": """{
  "name": "@potentiel-applications/api-documentation",
  "scripts": {"codegen": "tsp compile ./src && ./scripts/patch-openapi.sh",
              "build": "npm run codegen && tsc"},
  "devDependencies": {"@typespec/compiler": "1.11.0", "@typespec/http": "1.11.0",
                      "@typespec/http-server-js": "0.58.0-alpha.26",
                      "@typespec/openapi3": "1.11.0"}
}""",
    f"{TSP}/tspconfig.yaml": """output-dir: '{cwd}/dist'

emit:
  - '@typespec/openapi3'
  - '@typespec/http-server-js'
options:
  '@typespec/openapi3':
    file-type: json
""",
    f"{TSP}/src/main.tsp": 'import "@typespec/http";\nimport "./raccordement.tsp";\n\n'
                           '@service(#{ title: "Potentiel API" })\nnamespace PotentielApi;\n',
    f"{TSP}/src/raccordement.tsp": "namespace PotentielApi.Raccordement;\n",
    "packages/applications/ssr/src/app/api/openapi/route.ts":
        "import { NextResponse } from 'next/server';\n"
        "export const GET = async () => NextResponse.json(getOpenApiSpecs());\n",
}


def test_typespec_with_an_openapi_emitter_is_a_description_built_at_build_time() -> None:
    status, message, french = _finding(POTENTIEL)
    assert status == "pass"
    assert (f"Generated: TypeSpec ({TSP}/tspconfig.yaml) at build time from {TSP}/src/main.tsp "
            "and 1 other .tsp file(s) (@typespec/openapi3 emitter)") in message
    assert f"Générée : TypeSpec ({TSP}/tspconfig.yaml) à la construction depuis" in french
    assert _reads_outside_wanted(POTENTIEL) == set()


def test_a_runtime_generator_is_said_to_generate_at_run_time() -> None:
    status, message, _ = _finding({"pyproject.toml": '[project]\ndependencies = ["fastapi"]\n',
                                   "app.py": "app = FastAPI()\n"})
    assert status == "pass" and "Generated: FastAPI at run time." in message


def test_typespec_built_by_a_package_script_without_tspconfig() -> None:
    files = {k: v for k, v in POTENTIEL.items() if not k.endswith("tspconfig.yaml")}
    api = _facts(files)["api"]
    (generated,) = api["generated"]
    assert generated["path"] == f"{TSP}/package.json"
    assert generated["build"]["sources"] == [f"{TSP}/src/main.tsp"]


def test_typespec_without_openapi_emitter_or_sources_generates_nothing() -> None:
    # Client or server code emitters only: no description.
    client_only = {**POTENTIEL, f"{TSP}/tspconfig.yaml": "emit:\n  - '@typespec/http-client-js'\n",
                   f"{TSP}/package.json": '{"devDependencies": {"@typespec/compiler": "1"}}'}
    assert _facts(client_only)["api"]["generated"] == []
    # An emitter configured with no .tsp source beside it compiles nothing.
    no_sources = {k: v for k, v in POTENTIEL.items() if not k.endswith(".tsp")}
    assert _facts(no_sources)["api"]["generated"] == []
    # The emitter as a dependency, with no script compiling TypeSpec and no configuration.
    unused = {k: v for k, v in POTENTIEL.items() if not k.endswith("tspconfig.yaml")}
    unused[f"{TSP}/package.json"] = '{"devDependencies": {"@typespec/openapi3": "1.11.0"}}'
    assert _facts(unused)["api"]["generated"] == []


def test_malformed_tspconfig_costs_that_file_only() -> None:
    files = {**POTENTIEL, f"{TSP}/tspconfig.yaml": "emit: [unclosed\n"}
    files[f"{TSP}/package.json"] = '{"devDependencies": {"@typespec/openapi3": "1"}}'
    facts = _facts(files)
    assert facts["api"]["generated"] == []
    assert any(p["path"] == f"{TSP}/tspconfig.yaml" for p in facts["problems"])


# --- A client's GraphQL queries are no schema --------------------------------------------------

# MTES-MCT/potentiel dn-api-client/src/fragments/Champ.graphql, placed where no folder says
# "client".
FRAGMENT = "fragment Champ on Champ {\n  id\n  type\n  label\n}\n"
QUERY = "query GetDossier($number: Int!) {\n  dossier(number: $number) { ...Champ }\n}\n"


def _graphql(files: dict[str, str]) -> list[dict[str, t.Any]]:
    return [e for e in path_evidence(files, files.get) if e["kind"] == "graphql"]


def test_queries_and_fragments_alone_are_a_client() -> None:
    assert _graphql({"src/fragments/Champ.graphql": FRAGMENT,
                     "src/queries/GetDossier.graphql": QUERY}) == []


def test_a_graphql_schema_has_type_definitions() -> None:
    files = {"src/queries/GetDossier.graphql": QUERY,
             "src/schema/types.graphql": "type Query {\n  dossier(number: Int!): Dossier\n}\n"}
    (item,) = _graphql(files)
    assert item["path"] == "src/schema/types.graphql"
    (item,) = _graphql({"api.graphql": "schema {\n  query: Root\n}\n"})
    assert item["path"] == "api.graphql"


def test_an_unread_graphql_file_keeps_the_name_evidence() -> None:
    (item,) = path_evidence(["src/queries/GetDossier.graphql"], lambda path: None)
    assert item["kind"] == "graphql"


# --- What an api/ folder holds ------------------------------------------------------------------

# datagouv/geo.api.gouv.fr lib/api/geo.js: builds URLs of https://geo.api.gouv.fr for the pages.
GEO = """import getConfig from 'next/config'

const {publicRuntimeConfig} = getConfig()
const API_GEO_URL = publicRuntimeConfig.API_GEO_URL || 'https://geo.api.gouv.fr'

export function getRegions(args) {
  let url = `${API_GEO_URL}/regions`
  return {url}
}
"""
# An Express router in the same place serves requests.
ROUTER = """const router = require('express').Router()
router.get('/communes', async (req, res) => res.json(await communes()))
module.exports = router
"""


def _folders(files: dict[str, str]) -> dict[str, str]:
    return {e["path"]: e["strength"] for e in path_evidence(files, files.get)
            if e["kind"] == "path"}


def test_an_api_folder_of_outbound_calls_is_no_api_code() -> None:
    assert _folders({"lib/api/geo.js": GEO}) == {"lib/api": "none"}
    files = {"package.json": '{"dependencies": {"express": "4", "next": "14"}}',
             "lib/api/geo.js": GEO}
    assert _finding(files)[0] == "not_applicable"
    api = _facts(files)["api"]  # the message cuts a long summary short
    assert "lib/api/ holds only code calling other services' APIs (lib/api/geo.js)" in api["summary"]
    assert "du code qui appelle les API d'autres services (lib/api/geo.js)" in api["summary_fr"]
    assert _reads_outside_wanted(files) == set()


def test_an_api_folder_that_serves_requests_stays_api_code() -> None:
    assert _folders({"lib/api/geo.js": GEO, "lib/api/routes.js": ROUTER}) == {"lib/api": "weak"}
    # Next.js route handlers calling another service still serve a request.
    handler = ("export async function GET() {\n  const r = await fetch('https://x.example/a')\n"
               "  return Response.json(await r.json())\n}\n")
    assert _folders({"src/app/api/proxy/route.ts": handler}) == {"src/app/api": "weak"}
    # Too many files to read them all: judged on the first ones (audit round L, the bound never
    # makes client code API code); a serving file among them keeps it API code. A file not
    # read: API code as before.
    many = {f"lib/api/g{i}.js": GEO for i in range(apicode.MAX_READ_PER_FOLDER + 1)}
    assert _folders(many) == {"lib/api": "none"}
    assert _folders({**many, "lib/api/g0.js": ROUTER}) == {"lib/api": "weak"}
    assert {e["strength"] for e in path_evidence(["lib/api/geo.js"], lambda path: None)} == {"weak"}
    # Code that neither calls nor serves (types, constants) shows nothing either way.
    assert _folders({"src/api/types.ts": "export type Commune = {code: string}\n"}) == {
        "src/api": "weak"}


def test_debug_preview_and_template_handlers_are_no_api_code() -> None:
    # betagouv/infomedicament: src/app/api/ holds only debug/memory/route.ts.
    debug = {"src/app/api/debug/memory/route.ts":
             "export async function GET() { return Response.json(process.memoryUsage()) }\n"}
    assert _folders(debug) == {"src/app/api": "none"}
    status, message, _ = _finding(debug)
    assert status == "not_applicable"
    assert "src/app/api/ holds only debug or health-check endpoints" in message
    # SocialGouv/archifiltre-site-v2: create-next-app's hello.ts and Prismic preview handlers.
    archifiltre = {"pages/api/hello.ts": "res.status(200).json({ name: 'John Doe' })\n",
                   "pages/api/preview.ts": "await setPreviewData({ req, res })\n",
                   "pages/api/exit-preview.ts": "await exitPreview({ req, res })\n"}
    (item,) = path_evidence(archifiltre, archifiltre.get)
    assert item["strength"] == "none"
    assert item["detail"].startswith("pages/api/ holds only CMS preview or cache revalidation "
                                     "hooks or a framework's template handlers (")


def test_a_data_route_beside_a_health_check_is_api_code() -> None:
    # betagouv/place-asile: src/app/api/structures/route.ts serves data.
    files = {"src/app/api/health/route.ts": "export const GET = () => Response.json({})\n",
             "src/app/api/structures/route.ts": "export const GET = () => Response.json([])\n",
             "src/app/api/structures/preview/route.ts": "export const GET = () => null\n"}
    assert _folders(files) == {"src/app/api": "weak"}


# --- Spring and JAX-RS REST controllers ---------------------------------------------------------

# InseeFr/Bauhaus-Back-Office module-bauhaus-bo/.../webservice/ThemeResources.java (shortened).
BAUHAUS_POM = """<project><dependencies>
  <dependency><groupId>org.springframework.boot</groupId>
    <artifactId>spring-boot-starter-web</artifactId></dependency>
</dependencies></project>"""
RESOURCE = """package fr.insee.rmes.modules.commons.webservice;

@RestController
@RequestMapping("/themes")
public class ThemeResources {
    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    public List<Theme> getThemes() { return service.getThemes(); }
}
"""
PAGES = """@Controller
public class HomeController {
    @GetMapping("/")
    public String home(Model model) { return "index"; }
}
"""
JAVA = "module-bauhaus-bo/src/main/java/fr/insee/rmes/modules/commons/webservice"


def test_spring_rest_controllers_make_a_review() -> None:
    files = {"pom.xml": BAUHAUS_POM, f"{JAVA}/ThemeResources.java": RESOURCE,
             f"{JAVA}/HomeController.java": PAGES}
    status, message, french = _finding(files)
    assert status == "review"
    assert ("REST controllers (@RestController, JAX-RS @Path) in 1 of the 2 Java/Kotlin "
            f"controller files read, e.g. {JAVA}/ThemeResources.java") in message
    assert "contrôleurs REST (@RestController, @Path JAX-RS) dans 1 des 2 fichiers" in french
    assert _reads_outside_wanted(files) == set()


def test_controllers_sampled_are_counted_truly() -> None:
    files = {f"{JAVA}/R{i:02}Resources.java": RESOURCE for i in range(12)}
    (item,) = [e for e in path_evidence(files, files.get) if e["kind"] == "controllers"]
    assert (f"in {apicode.MAX_CONTROLLERS_READ} of the {apicode.MAX_CONTROLLERS_READ} "
            "Java/Kotlin controller files read (12 found by name or folder)") in item["detail"]


def test_page_controllers_and_test_controllers_are_no_api() -> None:
    status, _, _ = _finding({"pom.xml": BAUHAUS_POM, f"{JAVA}/HomeController.java": PAGES,
                             "src/test/java/x/ThemeResourcesTest.java": RESOURCE,
                             "src/test/java/x/FakeController.java": RESOURCE})
    assert status == "not_applicable"
    # JAX-RS resource classes count; a @Path without an HTTP method does not.
    jaxrs = '@Path("/items")\npublic class ItemResource {\n  @GET\n  public List<Item> all() {}\n}\n'
    files = {"src/main/java/x/ItemResource.java": jaxrs}
    assert [e["kind"] for e in path_evidence(files, files.get)] == ["controllers"]
    files = {"src/main/java/x/ItemResource.java": '@Path("/items")\nclass ItemResource {}\n'}
    assert path_evidence(files, files.get) == []
