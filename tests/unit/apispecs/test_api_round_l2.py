"""API rules, audit round L (issue 9): a link to another service's API is no description of this
one, the bound on files read never turns client code into API code, dependencies in manifests'
comments are not declared, and a README feature list's "Public API" item is direct evidence. Each
case is cut from the repository named in its comment, with the cases that must not match beside
it."""

from __future__ import annotations

import json

from scanner.apispecs import apicode, frameworks
from scanner.apispecs.comments import XML, blank
from scanner.apispecs.exposure import path_evidence
from scanner.apispecs.references import readme_links, readme_self_description
from scanner.engine.evaluate import Status
from tests.unit.apispecs.test_api_round9 import _finding

# --- A link in a sentence about another API ---------------------------------------------------

# france-connect/data-provider-example README.md:12 and src/app.js:29-34.
PROVIDER_README = """# data-provider-example

Exemple de fournisseur de données pour FranceConnect.

Ce fournisseur de données est inspiré de l'API Impôt particulier opérée par la DGFiP mais n'est \
pas ISO fonctionnel avec l'API de production. En particulier, l'API de la DGFiP requiert un \
premier niveau d'authentification qui n'est pas représenté dans ce projet. Dans le cadre du \
développement d'un service qui intéragirait avec cette API, nous vous recommandons de ne pas \
utiliser ce projet mais plutôt de vous référer à https://api.gouv.fr/les-api/impot-particulier.
"""
PROVIDER_APP = """const express = require('express');
const app = express();
app.use(express.json());
app.get('/', healthCheck);
app.get('/api/dgfip', getDgfipData);
app.get('/situations/ir/assiettes/annrev/:annee', getDgfipData);
app.listen(4000);
"""
PROVIDER_PACKAGE = json.dumps({"name": "data-provider-example", "dependencies": {
    "express": "4.18.2"}})


def test_a_link_to_the_api_a_project_sets_itself_apart_from_is_not_its_description() -> None:
    assert readme_links("README.md", PROVIDER_README) == []
    for line in ("This mock is inspired by the API of https://api.gouv.fr/les-api/api-x.",
                 "Do not use this project: see https://api.gouv.fr/les-api/api-x",
                 "Ce service n'est pas équivalent à https://x.fr/swagger-ui/"):
        assert readme_links("README.md", line + "\n") == [], line
    status, message, message_fr = _finding("api-description-published", {
        "README.md": PROVIDER_README, "src/app.js": PROVIDER_APP,
        "package.json": PROVIDER_PACKAGE})
    assert status is not Status.PASS
    assert "impot-particulier" not in message and "impot-particulier" not in message_fr


def test_links_presented_as_this_apis_description_still_count() -> None:
    # betagouv/api-particulier: its own catalogue page; a plain documentation link.
    assert readme_links("README.md", "Voir https://api.gouv.fr/les-api/api-particulier\n")
    assert readme_links("README.md", "Notre API (inspirée des retours des usagers) : "
                                     "voir la doc\n\nDocumentation : https://x.fr/swagger-ui/\n")
    # "not" alone says nothing about another API
    assert readme_links("README.md", "The API is not public yet: https://x.fr/api-docs\n")


# --- The read bound never turns client code into API code -------------------------------------

# DNUM-SocialGouv/champollion-front app/src/api/ (README.md:3, config.ts:9, routes/*.ts).
CHAMPOLLION_README = """# The `api/` folder

This frontend app gets data from a FastAPI Python API called **champolib**. The HTTP requests \
are made through **axios**.
"""
CHAMPOLLION_CONFIG = """import axios from "axios"
const baseURL: string = import.meta.env.VITE_API_BASE_URL as string
const api = axios.create({ baseURL })
export default api
"""
CHAMPOLLION_ROUTE = """import api from "../config"
export const getFaq = async () => {
  const response = await api.get(`/contents/faq`)
  return response.data
}
"""
CHAMPOLLION_ROUTES = ("carences", "contents", "contrats", "effectifs", "etablissements",
                      "indicateurs", "labellisations", "postes", "salaries")


def _champollion(readme: bool = True) -> dict[str, str]:
    files = {"app/src/api/config.ts": CHAMPOLLION_CONFIG,
             "app/src/api/index.ts": 'export * from "./routes/faq"\n',
             "app/src/api/types.ts": "export type Page = { page: number }\n"}
    files.update({f"app/src/api/routes/{name}.ts": CHAMPOLLION_ROUTE for name in CHAMPOLLION_ROUTES})
    if readme:
        files["app/src/api/README.md"] = CHAMPOLLION_README
    return files


def _evidence(files: dict[str, str]) -> list[dict[str, object]]:
    return path_evidence(sorted(files), files.get)


def test_a_folder_whose_readme_says_it_is_a_client_is_set_aside_unread() -> None:
    (folder,) = _evidence(_champollion())
    assert folder["strength"] == "none" and folder["path"] == "app/src/api"
    assert "README describes as a client" in str(folder["detail"])
    assert "README décrit comme client" in str(folder["detail_fr"])
    status, _message, _fr = _finding("api-description-published", {
        **_champollion(), "app/package.json": json.dumps({"dependencies": {"axios": "1"}})})
    assert status is Status.NOT_APPLICABLE


def test_readmes_that_do_not_say_client() -> None:
    assert apicode.readme_says_client(CHAMPOLLION_README)
    assert apicode.readme_says_client("Ce dossier appelle l'API de l'INSEE.\n")
    for text in ("# API\n\nClients of the API call it with a token.\n",
                 "This folder gets data from the database and exposes it at /api.\n",
                 "The front end calls these routes.\n\nThis folder serves them.\n", "", None):
        assert not apicode.readme_says_client(text), text
    # a serving sentence does not hide a client one elsewhere, nor the reverse
    assert not apicode.readme_says_client("This folder serves the routes the front end calls.\n")


def test_a_big_folder_is_judged_on_the_files_read() -> None:
    # Without its README: the first six files read call axios and serve nothing.
    files = _champollion(readme=False)
    files.update({f"app/src/api/routes/{name}.ts": 'import axios from "axios"\n'
                  f'export const get = () => axios.get("/{name}")\n'
                  for name in CHAMPOLLION_ROUTES})
    (folder,) = _evidence(files)
    assert folder["strength"] == "none"
    assert "the 6 of its 12 code files read hold only code calling other services" in str(
        folder["detail"])
    assert "les 6 fichiers de code lus sur 12" in str(folder["detail_fr"])
    # One serving file among those read (routes first, config last) keeps it as API code.
    files["app/src/api/routes/admin.ts"] = "export default (req, res) => res.json({})\n"
    (folder,) = _evidence(files)
    assert folder["strength"] == "weak"


def test_a_big_folder_of_route_handlers_stays_api_code() -> None:
    files = {f"src/api/{name}.ts": "export async function GET() { return Response.json([]) }\n"
             for name in "abcdefghij"}
    (folder,) = _evidence(files)
    assert folder["strength"] == "weak" and folder["path"] == "src/api"


# --- Manifests' comments declare nothing ------------------------------------------------------

# ansforge/esignsante-ws pom.xml:278-291.
ESIGNSANTE_POM = """<project><dependencies>
		<dependency>
			<groupId>org.springdoc</groupId>
			<artifactId>springdoc-openapi-starter-webmvc-ui</artifactId>
			<version>2.2.0</version>
		</dependency>
		<!--<dependency>
			<groupId>io.swagger.core.v3</groupId>
			<artifactId>swagger-core-jakarta</artifactId>
			<version>2.2.7</version>
		</dependency>-->
		<dependency>
			<groupId>jakarta.servlet</groupId>
			<artifactId>jakarta.servlet-api</artifactId>
			<scope>provided</scope> <!-- provided: tomcat/lib/servlet-api.jar -->
		</dependency>
</dependencies></project>
"""


def test_a_dependency_in_an_xml_comment_is_not_declared() -> None:
    names = frameworks.declared_packages("pom.xml", ESIGNSANTE_POM)
    assert "swagger-core-jakarta" not in names
    assert {"springdoc-openapi-starter-webmvc-ui", "jakarta.servlet-api"} <= names
    assert [f["name"] for f in frameworks.detect("pom.xml", ESIGNSANTE_POM)] == [
        "springdoc-openapi"]
    blanked = blank(ESIGNSANTE_POM, XML)
    assert len(blanked) == len(ESIGNSANTE_POM) and blanked.count("\n") == ESIGNSANTE_POM.count("\n")
    assert blank("<a>x</a><!-- unclosed <b>", XML) == "<a>x</a>" + " " * 17


def test_hash_comments_in_manifests_declare_nothing() -> None:
    requirements = "# fastapi==0.110\ndjango==5.0  # not \"flask\"\n"
    assert frameworks.declared_packages("requirements.txt", requirements) == {"django"}
    pyproject = ('[project]\ndescription = "a # b"\ndependencies = [\n  "django>=5",\n'
                 '  # "fastapi>=0.1",\n  "requests>=2",  # "flask" too\n]\n')
    names = frameworks.declared_packages("pyproject.toml", pyproject)
    assert not {"fastapi", "flask"} & names and {"django", "requests"} <= names
    gemfile = "gem 'rails'\n# gem 'grape'\n"
    assert frameworks.declared_packages("Gemfile", gemfile) == {"rails"}
    gradle = ('implementation "org.springdoc:springdoc-openapi-ui:1.7"\n'
              '// implementation "io.springfox:springfox-swagger2:3"\n')
    assert frameworks.declared_packages("build.gradle", gradle) == {"springdoc-openapi-ui"}
    # pip-compile's "# via" notes are still read (a transitive pin is left out)
    compiled = "djangorestframework==3.15\n    # via django-datadog-logger\ndjango==5.0\n"
    assert frameworks.declared_packages("requirements.txt", compiled) == {"django"}


# --- A feature list's "Public API" item -------------------------------------------------------

# betagouv/tell-me README.md:39-46 (roadmap).
TELL_ME_README = """# Tell Me

## Roadmap

- [ ] 🪅 Accessibility
- [x] 🔑 Public API via PAT generation
- [x] 🗳️ Submissions deletion
"""


def test_a_public_api_feature_item_is_direct_evidence() -> None:
    (evidence,) = readme_self_description("README.md", TELL_ME_README)
    assert evidence["strength"] == "strong" and evidence["line"] == 6
    assert evidence["detail"] == 'README.md:6 lists the feature "Public API via PAT generation"'
    assert "« Public API via PAT generation »" in evidence["detail_fr"]
    assert readme_self_description("README.md", "* **API publique** pour les partenaires\n")
    status, message, _fr = _finding("api-description-published", {
        "README.md": TELL_ME_README,
        "pages/api/surveys.ts": "export default (req, res) => res.json([])\n"})
    assert status is Status.FAIL and "Public API via PAT generation" in message


def test_items_that_are_not_this_services_public_api() -> None:
    for text in ("- [ ] Public API\n",  # still to do
                 "- Public API of data.gouv.fr\n",  # another's
                 "- Public API client for Python\n",
                 "- L'application utilise l'API publique de la BAN\n",
                 "- Uses the public API\n",
                 "## API externes\n\n- Public API via tokens\n",  # a section on called APIs
                 "# Public API\n\nSee the swagger\n",  # a heading, no feature item
                 "The public API is documented below.\n",
                 "```\n- Public API\n```\n"):
        assert readme_self_description("README.md", text) == [], text


def test_readmes_of_servers_that_call_other_apis() -> None:
    for text in ("This API fetches data from the INSEE API and caches it.\n",
                 "This service calls the Sirene API.\n",
                 "This folder calls the database.\n"):
        assert not apicode.readme_says_client(text), text
    assert apicode.readme_says_client("This folder is an API client.\n")


def test_a_big_folder_or_a_package_of_its_own_is_not_judged_on_a_few_files() -> None:
    # betagouv/a-just api/: a Koa back end of 642 files (api/package.json) whose first files,
    # config/*.js, hold URLs; codegouvfr/sill api/ (103 files).
    config = 'module.exports = { url: "https://a-just.beta.gouv.fr" }\n'
    backend = {f"api/config/{name}.js": config for name in "abcdefg"}
    assert _evidence(backend)[0]["strength"] == "none"  # seven files, no manifest: judged
    assert _evidence({**backend, "api/package.json": "{}"})[0]["strength"] == "weak"
    big = {f"api/config/c{i}.js": config for i in range(apicode.MAX_JUDGED_PER_FOLDER + 1)}
    assert _evidence(big)[0]["strength"] == "weak"
