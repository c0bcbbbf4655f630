"""APIs offered to others that civiscan missed or underrated (issue 9, audits freshK2, freshJ1,
recheck4b): a README documenting endpoints field by field or as full URLs introduced as the
service's routes, and server entry files declaring routes that answer in JSON. Fixtures are
modelled on the real files; negative tests keep a README calling another API and a front end's
own server out."""

from __future__ import annotations

from scanner.apispecs.mounts import json_routes
from scanner.apispecs.references import readme_api_evidence
from tests.support import api_facts

# numerique-gouv/pseudo_api README.md:1-102 (shortened): the title names the API, "## API
# Description" documents both endpoints with the "URL : `/`" / "Method : `POST`" template.
PSEUDO_README = """
# Pseudo API
This API is part of the document's pseudonymization effort.

## Intro/Objectives

The purpose of this repo is to provide an API endpoint to the pseudonymize documents.

## API Description

The API has two endpoints:

### 1. Pseudonymization

**URL** : `/`

**Method** : `POST`

```json
{"success": true, "pseudo": "M. BK... demeurant au 14 JZ..., 75007 JV...."}
```

### 2. Tag and pseudonymize

**URL** : `/tags/`

**Method** : `POST`

## Getting Started

4. Access the API at `localhost/` and `localhost/api_stats`.
"""

# numerique-gouv/pseudo_api pseudo_api/app.py:13-50 (shortened).
PSEUDO_APP = '''from flask import Flask
from flask import request, jsonify

server = Flask(__name__)


def run_pseudonymize_request(return_tags: bool = False):
    data = {"success": False}
    return jsonify(data)


@server.route("/", methods=["GET", "POST"])
def api_pseudonymize():
    return run_pseudonymize_request(return_tags=False)


@server.route("/tags/", methods=["GET", "POST"])
def api_tags():
    return run_pseudonymize_request(return_tags=True)
'''

CONDA = "name: pseudo\ndependencies:\n  - pip:\n    - flask==1.1.2\n"

# annuaire-entreprises-data-gouv-fr/api-proxy README.md:27-45: a "Utilisation" section, the API
# key header, then the routes as full URLs in a code block.
PROXY_README = """# API Proxy

## Installation

npm i

## Utilisation

L’API est protégée en appel par un header `X-API-Key`

Une fois doté de ce header vous pouvez appeler les routes suivantes :

```

// create a PDF download job
https://rncs-proxy.api.gouv.fr/document/justificatif/job/:siren
https://rncs-proxy.api.gouv.fr/document/justificatif/job/status

// status
https://rncs-proxy.api.gouv.fr/status/imr/api
```

### Tests

```bash
npm run test
```
"""

# annuaire-entreprises-data-gouv-fr/api-proxy index.ts:1-87 (shortened).
PROXY_INDEX = """import express, { type Express, type Request, type Response } from "express";
import { tvaController } from "./src/controllers/tva";
import statusRouter from "./src/routes/status";

const app: Express = express();

// parse incoming request json body
app.use(express.json());

app.get("/", (_: Request, res: Response) => {
  res.json({ message: "Server is up and running" });
});

app.get("/rne/:siren", rneControllerAPI);

app.use("/status", statusRouter);

app.use("/tva/:tvaNumber", tvaController);
"""

# proconnect-gouv/proconnect-identite src/routers/api.ts:33-57: calls spread over lines, probes.
MULTILINE = """const apiRouter = Router();
apiRouter.use(express.json());
apiRouter.get("/insee/ping", getPingApiInseeController);
apiRouter.get(
  "/github-passkey-authenticator-aaguids/ping",
  getPingGithubPasskeyAuthenticatorAaguidsController,
);
apiRouter.get(
  "/sirene/organization-info/:siret",
  getOrganizationInfoController,
);
apiRouter.get(
  "/webauthn/generate-registration-options",
  getGenerateRegistrationOptionsController,
);
"""

PACKAGE = '{"name": "api-proxy", "dependencies": {"express": "^4.19.2"}}'


def _published(files: dict[str, str]) -> tuple[bool | None, str | None, str]:
    api = api_facts(files)
    return api["exposes"], api["confidence"], api["summary"]


def test_readme_endpoints_documented_field_by_field() -> None:
    (found,) = readme_api_evidence("README.md", PSEUDO_README)
    assert found["strength"] == "strong"
    # The section that documents the API is cited, not the title naming the repository.
    assert (found["line"], found["title"]) == (9, "API Description")
    assert found["endpoints"][:2] == ["POST /", "POST /tags/"]
    assert "README.md:9 section \"API Description\"" in found["detail"]
    assert "e.g. POST /, POST /tags/" in found["detail"]
    assert "« API Description » de README.md:9" in found["detail_fr"]


def test_readme_full_urls_introduced_as_the_service_routes() -> None:
    (found,) = readme_api_evidence("README.md", PROXY_README)
    assert found["strength"] == "strong"
    assert (found["line"], found["title"]) == (7, "Utilisation")
    assert found["endpoints"] == ["/document/justificatif/job/:siren",
                                  "/document/justificatif/job/status", "/status/imr/api"]


def test_readme_full_urls_of_another_api_are_no_endpoints() -> None:
    # A web app showing curl against someone else's API, even in a section titled "API".
    calls = ("# Mon appli\n\n## API\n\n```\ncurl https://api.insee.fr/entreprises/sirene/V3/siret\n"
             "curl https://geo.api.gouv.fr/communes?nom=Paris\n```\n")
    assert readme_api_evidence("README.md", calls) == []
    # Introduced as routes one can call, but of an API the application uses.
    consumed = ("# x\n\n## Sources\n\nL'application utilise l'API Sirene : vous pouvez appeler les "
                "routes suivantes :\n\nhttps://api.insee.fr/a/b\nhttps://api.insee.fr/c/d\n")
    assert readme_api_evidence("README.md", consumed) == []
    # Full URLs without a lead-in saying they are the service's routes.
    plain = "# x\n\n## Utilisation\n\nhttps://example.org/a/b\nhttps://example.org/c/d\n"
    assert readme_api_evidence("README.md", plain) == []


def test_labelled_url_outside_an_api_section_is_nothing() -> None:
    assert readme_api_evidence("README.md", "# x\n\n## Install\n\n**URL** : `/`\n\n"
                                            "**URL** : `/b`\n") == []


def test_flask_json_routes_fail_with_the_readme() -> None:
    exposes, confidence, summary = _published({
        "README.md": PSEUDO_README, "pseudo_api/app.py": PSEUDO_APP,
        "pseudo_api/environment.yml": CONDA})
    assert (exposes, confidence) == (True, "high")
    assert ("2 route paths (health checks aside) declared from pseudo_api/app.py:12 "
            "(e.g. /, /tags/)") in summary
    assert "indirect" not in summary


def test_express_json_routes_are_an_api() -> None:
    (found,) = json_routes(["package.json", "index.ts"],
                           {"package.json": PACKAGE, "index.ts": PROXY_INDEX}.get)
    assert found["strength"] == "strong"
    assert found["detail"].startswith("3 route paths (health checks aside) declared from "
                                      "index.ts:10 (e.g. /, /rne/:siren, /tva/:tvaNumber) by a "
                                      "server that answers in JSON")
    assert "3 chemins de routes (hors sondes de santé) déclarés à partir de index.ts:10" in (
        found["detail_fr"])
    assert _published({"package.json": PACKAGE, "index.ts": PROXY_INDEX})[:2] == (True, "high")


def test_route_declared_over_several_lines_counts() -> None:
    (found,) = json_routes(["package.json", "src/routers/api.ts"],
                           {"package.json": PACKAGE, "src/routers/api.ts": MULTILINE}.get)
    assert found["detail"].startswith(
        "2 route paths (health checks aside) declared from src/routers/api.ts:8 (e.g. "
        "/sirene/organization-info/:siret, /webauthn/generate-registration-options)")


def test_json_routes_beside_a_front_end_stay_a_question() -> None:
    # mission-apprentissage/voeux-affelnet: an Express back end beside its own ui/.
    files = {"package.json": PACKAGE, "server.js": PROXY_INDEX, "ui/public/ie.html": "<p>",
             "ui/src/App.jsx": "export {}"}
    (found,) = json_routes(list(files), files.get)
    assert found["strength"] == "weak"
    assert "beside front-end code (ui/src/App.jsx)" in found["detail"]
    assert _published(files)[:2] == (True, "low")


def test_servers_serving_pages_or_without_json_are_no_api() -> None:
    # A front end's own server: static files and its /api proxy.
    front = PROXY_INDEX + 'app.use(express.static("dist"));\n'
    assert json_routes(["package.json", "server.js"], {"package.json": PACKAGE,
                                                        "server.js": front}.get) == []
    # Routes that render pages, answering no JSON.
    pages = ('const app = express();\napp.get("/", (req, res) => res.send("<h1>hi</h1>"));\n'
             'app.get("/about", about);\n')
    assert json_routes(["package.json", "app.js"], {"package.json": PACKAGE,
                                                     "app.js": pages}.get) == []
    # Flask rendering templates.
    flask = PSEUDO_APP.replace("jsonify(data)", "render_template('index.html', **data)")
    assert json_routes(["requirements.txt", "app.py"], {"requirements.txt": "flask\n",
                                                         "app.py": flask}.get) == []
    # A single route, and commented-out ones (betagouv/a-just front-offline/server.ts:20-21).
    single = ('const server = express();\nserver.use(express.json());\n'
              "// server.get('/api/**', (req, res) => { });\nserver.get('/health', h);\n")
    assert json_routes(["package.json", "server.ts"], {"package.json": PACKAGE,
                                                        "server.ts": single}.get) == []
    # A test client's server (proconnect-gouv/oidc2fer docker/oidc-test-client/app.py), a mock.
    for folder in ("docker/oidc-test-client", "mock-server", "examples"):
        files = {f"{folder}/requirements.txt": "flask\n", f"{folder}/app.py": PSEUDO_APP}
        assert json_routes(list(files), files.get) == []
    # Python entry files are read only beside a Python manifest.
    assert json_routes(["app.py"], {"app.py": PSEUDO_APP}.get) == []


def test_health_checks_alone_are_no_api() -> None:
    # mission-apprentissage/sirius server/src/server.ts:62-78: its other routes are mounted from
    # route modules, the entry file declares only health checks.
    sirius = ('const app = express();\napp.use(express.json());\n'
              'app.get(\n  "/api/healthcheck",\n  tryCatch(async (_req, res) => res.json({}))\n);\n'
              'app.get("/api/healthcheck/error", tryCatch(() => { throw new Error("x"); }));\n')
    assert json_routes(["package.json", "server/src/server.ts"],
                       {"package.json": PACKAGE, "server/src/server.ts": sirius}.get) == []


def test_flask_alone_is_still_no_evidence() -> None:
    exposes = _published({"pseudo_api/environment.yml": CONDA, "README.md": "# x\n"})[0]
    assert exposes is None


# gip-inclusion/pdf-generator src/server.js (shortened): JSON request bodies, PDF answers.
PDF_SERVER = ('import express from "express";\nimport bodyParser from "body-parser";\n'
              "const app = express();\napp.use(bodyParser.json({ limit: \"800kb\" }));\n"
              'app.get("/ping", async (req, res) => {\n  res.send("ok");\n});\n'
              'app.get("/print", async (req, res) => {\n  res.download(tmpFile.name, name);\n});\n'
              'app.post("/generate", async (req, res) => {\n  res.send(base64Pdf);\n});\n')


def test_a_server_reading_json_bodies_is_not_said_to_answer_in_json() -> None:
    (found,) = json_routes(["package.json", "src/server.js"],
                           {"package.json": PACKAGE, "src/server.js": PDF_SERVER}.get)
    assert "by a server that reads JSON requests and serves no page" in found["detail"]
    assert "answers in JSON" not in found["detail"]
    assert "par un serveur qui lit des requêtes JSON" in found["detail_fr"]


def test_a_server_answering_json_is_said_to() -> None:
    text = PDF_SERVER.replace("res.send(base64Pdf)", "res.status(201).json({ pdf: base64Pdf })")
    (found,) = json_routes(["package.json", "src/server.js"],
                           {"package.json": PACKAGE, "src/server.js": text}.get)
    assert "by a server that answers in JSON" in found["detail"]


# france-connect/data-provider-example src/app.js:25-34 (shortened): a health check at "/".
PROVIDER_APP = ("const express = require('express');\nconst app = express();\n"
                "app.use(express.json());\n"
                "app.get('/', healthCheck);\n"
                "app.get('/api/dgfip', getDgfipData);\n"
                "app.get('/situations/ir/assiettes/annrev/:annee', getDgfipData);\n")


def test_a_route_whose_handler_is_a_health_check_is_not_counted() -> None:
    (found,) = json_routes(["package.json", "src/app.js"],
                           {"package.json": PACKAGE, "src/app.js": PROVIDER_APP}.get)
    assert found["detail"].startswith("2 route paths (health checks aside) declared from "
                                      "src/app.js:5 (e.g. /api/dgfip, ")


def test_a_root_route_with_a_real_handler_still_counts() -> None:
    text = PROVIDER_APP.replace("healthCheck)", "listDatasets)")
    (found,) = json_routes(["package.json", "src/app.js"],
                           {"package.json": PACKAGE, "src/app.js": text}.get)
    assert found["detail"].startswith("3 route paths (health checks aside) declared from "
                                      "src/app.js:4 (e.g. /, /api/dgfip")
