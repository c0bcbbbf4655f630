"""API exposure judged from surface signs (audit freshI1, class 1-2): Node servers mounting
routes on /api, MCP servers, generators behind a settings flag, and when a description is built."""

from __future__ import annotations

from scanner.apispecs import mcp, mounts, setup
from tests.support import api_facts

_api = api_facts


# Modelled on numerique-gouv/ping-storage src/app/app.ts:18 (routes in src/router/*.ts).
PING_APP = """import Express, { Response } from 'express';
import { router } from '../router';

async function runApp() {
    const app = Express();

    app.use('/api', bodyParser.json(), cors({ origin: config.HOST_URL }), router);

    app.use(Express.static(path.join(__dirname, 'client', 'build')));
}
"""
PING = {"package.json": '{"dependencies": {"express": "^4.18.2"}}',
        "src/app/app.ts": PING_APP,
        "src/router/routes.ts": "export const routes = [{ method: 'get', path: '/me/monitors' }];\n",
        "src/client/src/index.ts": "axios.get('/api/me/monitors');\n"}


def test_express_router_mounted_on_api_is_weak_evidence() -> None:
    api = _api(PING)
    assert api["exposes"] is True and api["confidence"] == "low"  # a review, a person decides
    assert "routes served under /api by a Node web server (src/app/app.ts:7)" in api["summary"]
    assert "serveur web Node (src/app/app.ts:7)" in api["summary_fr"]


def test_front_end_calls_to_api_are_no_mount() -> None:
    # A front end's axios.get('/api/...') in index.ts builds no server: never evidence.
    files = {"package.json": '{"dependencies": {"express": "^4"}}',
             "src/index.ts": "import axios from 'axios';\nconst app = {};\n"
                             "app.get('/api/users');\n",
             "src/client/server.ts": "const app = express();\napp.use('/api', router);\n"}
    api = _api(files)
    assert api["exposes"] is None
    assert "Play route table (conf/routes)" in api["summary"]
    # What was read is said (the client folder is not read): never "no route table" unread.
    # Entry files by name, not servers (a Vue app's src/main.ts is one: dnum-mi/grist-sync-plugin).
    assert "no route served under /api in the 1 entry file(s) read (src/index.ts)" \
        in api["summary"]
    assert "Node server" not in api["summary"] and "serveur Node" not in api["summary_fr"]
    assert "lu(s) (src/index.ts)" in api["summary_fr"]


def test_koa_and_fastify_prefixes() -> None:
    koa = "const Router = require('@koa/router');\nconst r = new Router({ prefix: '/api/v1' });\n"
    fastify = "const f = fastify();\nf.register(routes, { prefix: '/api' });\n"
    for text in (koa, fastify):
        found = mounts.evidence(["package.json", "server.js"], {"server.js": text}.get)
        assert found and found[0]["strength"] == "weak", text
    # Modelled on betagouv/sante-psy index.ts:86 (a 404 for undefined /api routes, routers/*.ts).
    catch = "const app = express();\napp.use(router);\napp.use('/api/*', (req, res) => {});\n"
    found = mounts.evidence(["package.json", "index.ts"], {"index.ts": catch}.get)
    assert found[0]["detail"] == "routes served under /api by a Node web server (index.ts:3)"
    other = "const app = express();\napp.use('/static', serve);\napp.get('/health', ok);\n"
    found = mounts.evidence(["package.json", "server.js"], {"server.js": other}.get)
    assert found[0]["strength"] == "none"
    assert mounts.entry_paths(["server.js"]) == []  # no package.json: not a Node project
    assert mounts.entry_paths(["package.json", ".storybook/main.ts"]) == []  # a tool's set-up


# Modelled on datagouv/datagouv-mcp README.md:351-355 and pyproject.toml (mcp>=1.25.0,<2).
MCP_README = """# datagouv MCP

## 📋 Available Endpoints

**Streamable HTTP transport (standards-compliant):**
- `POST /mcp` - JSON-RPC messages (client → server)
- `GET /health` - Health check endpoint
"""
MCP_PYPROJECT = '[project]\nname = "datagouv-mcp"\ndependencies = [\n    "mcp>=1.25.0,<2",\n]\n'


def test_mcp_transport_and_health_are_no_rest_api() -> None:
    api = _api({"pyproject.toml": MCP_PYPROJECT, "README.md": MCP_README})
    assert api["exposes"] is None  # not applicable
    assert ('README.md:3 section "📋 Available Endpoints" lists only the Model Context Protocol '
            "transport and health checks (POST /mcp, GET /health) of an MCP server (mcp in "
            "pyproject.toml)") in api["summary"]
    assert "ne liste que le transport du Model Context Protocol" in api["summary_fr"]


def test_rest_endpoints_beside_mcp_still_count() -> None:
    readme = MCP_README + "- `GET /api/datasets` - datasets\n- `GET /api/datasets/{id}` - one\n"
    api = _api({"pyproject.toml": MCP_PYPROJECT, "README.md": readme})
    assert api["exposes"] is True and api["confidence"] == "high"
    assert "besides its MCP transport (e.g. GET /api/datasets, GET /api/datasets/{id})" \
        in api["summary"]


def test_mcp_endpoints_without_an_mcp_sdk_count_as_before() -> None:
    api = _api({"pyproject.toml": '[project]\ndependencies = ["flask"]\n', "README.md": MCP_README})
    assert api["exposes"] is True


def test_mcp_sdks_and_endpoint_paths() -> None:
    assert mcp.server({"package.json": '{"dependencies": {"@modelcontextprotocol/sdk": "1"}}'})
    assert mcp.server({"package.json": '{"devDependencies": {"@modelcontextprotocol/sdk": "1"}}'}) \
        is None  # a test tool says nothing of the product
    assert mcp.protocol_endpoint("http://localhost:8000/mcp")
    assert mcp.protocol_endpoint("GET /sse") and mcp.protocol_endpoint("/healthz")
    assert not mcp.protocol_endpoint("GET /api/mcp") and not mcp.protocol_endpoint("/mcpx")


# Modelled on suitenumerique/people src/backend/people/urls.py:43 (USE_SWAGGER defaults to False
# in settings.py:85-88 and may be turned on in production by the environment).
PEOPLE_URLS = """from django.conf import settings
from django.urls import path

from drf_spectacular.views import (
    SpectacularJSONAPIView,
    SpectacularSwaggerView,
)

urlpatterns = []

if settings.USE_SWAGGER or settings.DEBUG:
    urlpatterns += [
        path("api/v1.0/swagger.json", SpectacularJSONAPIView.as_view(), name="schema"),
        path("api/v1.0/swagger/", SpectacularSwaggerView.as_view(url_name="schema")),
    ]
"""


def _people(urls: str) -> dict[str, str]:
    return {"requirements.txt": "Django==5.0\ndjangorestframework==3.15\ndrf-spectacular==0.27\n",
            "people/settings.py": "INSTALLED_APPS = ['rest_framework', 'drf_spectacular']\n",
            "people/urls.py": urls}


def test_generator_behind_a_settings_flag_is_generated_with_its_condition() -> None:
    api = _api(_people(PEOPLE_URLS))
    assert [g["name"] for g in api["generated"]] == ["drf-spectacular"]
    summary = api["generated"][0]["summary"]
    assert summary == ("drf-spectacular at run time, only when "
                       "`settings.USE_SWAGGER or settings.DEBUG` holds (people/urls.py:11)")
    assert "seulement quand `settings.USE_SWAGGER or settings.DEBUG` est vrai (people/urls.py:11)" \
        in api["generated"][0]["summary_fr"]


def test_import_alone_is_no_set_up_and_debug_stays_not_generated() -> None:
    imported = "from drf_spectacular.views import SpectacularAPIView\n\nurlpatterns = []\n"
    api = _api(_people(imported))
    assert api["generated"] == []  # the views are imported, never mounted
    debug = PEOPLE_URLS.replace("settings.USE_SWAGGER or settings.DEBUG", "settings.DEBUG")
    api = _api(_people(debug))
    assert api["generated"] == []
    assert "a development condition (people/urls.py:11)" in api["summary"]
    plain = PEOPLE_URLS.replace("if settings.USE_SWAGGER or settings.DEBUG:\n", "if True:\n")
    unconditional = "\n".join(line[4:] if line.startswith("    ") else line
                              for line in plain.replace("if True:\n", "").splitlines())
    api = _api(_people(unconditional))
    assert api["generated"][0]["summary"] == "drf-spectacular at run time"


def test_nest_set_up_behind_an_environment_flag_names_it() -> None:
    text = "if (process.env.SWAGGER_ENABLED) {\n  SwaggerModule.setup('docs', app, doc);\n}\n"
    assert setup._calls(setup._NEST, "src/main.ts", text, True) == [
        ("src/main.ts", 2, "process.env.SWAGGER_ENABLED", False)]


# Modelled on betagouv/espace-membre-next: @asteasolutions/zod-to-openapi (package.json:94)
# called from a force-static route, built once when the application is built.
def test_library_generator_does_not_claim_run_time() -> None:
    api = _api({"package.json": '{"dependencies": {"@asteasolutions/zod-to-openapi": "^7"}}'})
    summary = api["generated"][0]["summary"]
    assert "at run time or at build time: not checked" in summary
    assert not summary.endswith("at run time")
    assert "non vérifié" in api["generated"][0]["summary_fr"]
    fastapi = _api({"requirements.txt": "fastapi==0.110\n"})
    assert fastapi["generated"][0]["summary"] == "FastAPI at run time"
