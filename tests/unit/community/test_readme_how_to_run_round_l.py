"""readme-explains-how-to-run from the L round of audits (issue 9, freshL1/L2, recheck5): the
facts a message states must be true. Each case is cut from a real README (named in a comment),
beside what must not match."""

from __future__ import annotations

import typing as t

from scanner.community import locate, readme
from scanner.community.markup import parse
from scanner.engine.evaluate import Status
from scanner.facts import build_facts
from scanner.sources.memory import snapshot_from_files
from tests.unit.community.test_readme_routes import CODE, _facts, _finding

RULE = "readme-explains-how-to-run"


def _analyse(text: str, project: tuple[str, ...] = ()) -> dict[str, dict[str, object]]:
    return readme.analyse(parse(text, "README.md"), project)


# --- Calling the service's endpoints is not starting it; installing on a host is not local ----

# gip-inclusion/pdf-generator README.md:1-60 (shortened).
PDF_GENERATOR = (
    "# pdf-generator\n\nThis Express.js service generates PDFs from two sources:\n\n"
    "- An arbitrary URL via the `/print` endpoint\n"
    "- An HTML string provided in the request body via the `/generate` endpoint\n\n"
    "## Installation on Scalingo\n\nYou can deploy your own PDF generator on Scalingo by forking "
    "this repository.\n\nA GitHub action automatically deploys the application to Scalingo when "
    "you push to the `main` branch.\n\nYou will need to provide the following environment "
    "variables (in the GitHub repository settings):\n\n- `APP_NAME`: the name of the app on "
    "Scalingo\n- `REGION`: the region of the app on Scalingo\n\n## Configuration\n\n"
    "- Create a Scalingo application linked to the repository\n- Set up the environment "
    "variables:\n  - `API_KEY`: API key to secure the endpoints\n\n## Usage\n\n"
    "### `/print` Endpoint\n\nGenerates a PDF from a URL.\n\nExample:\n\n```\n"
    "https://<thisservicehostname>/print?url=https%3A%2F%2Fexample.com%2Fpage&name=document.pdf"
    "&marginTop=2cm\n```\n\n### `/generate` Endpoint\n\nGenerates a PDF from an HTML string.\n\n"
    "```json\n{\n  \"htmlContent\": \"<html>...</html>\"\n}\n```\n")


def test_a_usage_section_of_endpoint_addresses_is_not_how_to_run() -> None:
    found = _analyse(PDF_GENERATOR)
    assert not found["run"]["found"]
    assert not found["install"]["found"]


def test_which_lines_are_addresses_to_call() -> None:
    assert readme._is_request("https://<thisservicehostname>/print?url=x&name=document.pdf")
    assert readme._is_request("GET /api/v1/items")
    assert readme._is_request("POST https://api.example.org/items HTTP/1.1")
    # Negatives: a command that opens with something else, an address inside a command.
    assert not readme._is_request("npm start")
    assert not readme._is_request("open http://localhost:3000")
    assert not readme._is_request("GET")
    assert not readme._is_run("https://example.org/start")


def test_an_installation_on_a_hosting_platform_is_said_so() -> None:
    facts = _facts({"README.md": PDF_GENERATOR})
    section = facts["community"]["readme"]
    assert section["hosted_install"] == {"path": "README.md", "line": 8,
                                         "heading": "Installation on Scalingo"}
    status, message = _finding(facts, RULE)
    assert status is Status.FAIL
    assert 'README.md:8 "Installation on Scalingo"' in message
    assert "local installation found: no; running found: no" in message
    assert "installation found: no; running found: yes" not in message


def test_a_local_installation_heading_is_no_hosted_one() -> None:
    doc = parse("# x\n\n## Installation locale\n\nSee below.\n\n## Install Docker\n\nx\n",
                "README.md")
    assert readme.hosted_install(doc) is None
    doc = parse("# x\n\n## Déploiement sur Heroku\n\nx\n\n## Installation sur un serveur\n\ny\n",
                "README.md")
    hosted = readme.hosted_install(doc)
    assert hosted is not None and hosted.text == "Installation sur un serveur"


def test_a_readme_that_installs_locally_has_no_hosted_install() -> None:
    text = PDF_GENERATOR + "\n## Local installation\n\n```bash\nnpm install\nnpm start\n```\n"
    facts = _facts({"README.md": text})
    assert facts["community"]["readme"]["hosted_install"] is None
    assert _finding(facts, RULE)[0] is Status.PASS


# --- A plugin is run from its host application ------------------------------------------------

# MTES-MCT/metadata-postgresql README.md:1-60 (shortened): a QGIS plugin.
PLUME = (
    "# Plume : gestion des métadonnées du patrimoine PostgreSQL\n\n"
    "Plume, pour *PLUgin MEtadonnées*, est un plugin QGIS de consultation et saisie des "
    "métadonnées pour les tables et vues PostgreSQL.\n\n## Installation\n\n### Manuellement\n\n"
    "Il est également possible de télécharger une [archive ZIP du code du plugin]"
    "(https://github.com/MTES-MCT/metadata-postgresql/releases) et d'utiliser la fonctionnalité "
    "`Extension > Installer / Gérer les extensions > Installer depuis un zip`.\n\n"
    "## Usage courant\n\n1. Pour lancer Plume, cliquez sur son icône dans la barre d'outils de "
    "la fenêtre principale de QGIS : ![Lancement](plume/flyers/launch_from_toolsbar.png)\n\n"
    "2. Sélectionnez une couche PostgreSQL dans l'explorateur ou le panneau des couches.\n\n"
    "## Documentation\n\nDocumentation technique : https://mtes-mct.github.io/metadata-postgresql.\n")


def test_a_plugin_launched_from_its_host_is_how_it_runs() -> None:
    found = _analyse(PLUME, ("metadata-postgresql", "Plume : gestion des métadonnées"))
    assert found["run"]["found"] and found["run"]["line"] == 13
    assert found["install"]["found"]
    facts = _facts({"README.md": PLUME, "plume/metadata.txt": "[general]\nname=Plume\n"})
    assert _finding(facts, RULE)[0] is Status.PASS


def test_launching_something_else_by_a_click_is_not_running_the_project() -> None:
    text = ("# Plume\n\nPlume est un outil de saisie des métadonnées.\n\n## Usage\n\n"
            "Pour lancer une analyse, cliquez sur le bouton Analyser.\n")
    assert not _analyse(text, ("plume",))["run"]["found"]
    # The plugin named as such, or an application, is the project.
    text = "# x\n\n## Utilisation\n\nPour lancer le plugin, cliquez sur son icône.\n"
    assert _analyse(text, ("x",))["run"]["found"]
    # A click with no launch verb is using it, not running it.
    text = "# Plume\n\n## Usage\n\nCliquez sur l'icône de Plume pour voir les métadonnées.\n"
    assert not _analyse(text, ("plume",))["run"]["found"]


def test_a_bare_address_labelled_documentation_is_a_documentation_site() -> None:
    doc = parse(PLUME, "README.md")
    links = readme.guide_links(doc)
    assert readme.doc_sites(links, ("metadata-postgresql",), doc) == [
        "https://mtes-mct.github.io/metadata-postgresql"]
    # Without the document, as before: a link with no words is no pointer.
    assert readme.doc_sites(links, ("metadata-postgresql",)) == []


def test_a_bare_address_is_named_unread_when_the_readme_does_not_explain_running() -> None:
    text = PLUME.replace("1. Pour lancer Plume, cliquez sur son icône dans la barre d'outils de "
                         "la fenêtre principale de QGIS : ", "1. ")
    facts = _facts({"README.md": text})
    section = facts["community"]["readme"]
    assert section["doc_sites"] == ["https://mtes-mct.github.io/metadata-postgresql"]
    status, message = _finding(facts, RULE)
    assert status is Status.REVIEW
    assert "https://mtes-mct.github.io/metadata-postgresql" in message


def test_a_badge_or_an_unlabelled_bare_address_is_no_documentation_site() -> None:
    doc = parse("# x\n\n[![Documentation Status](https://readthedocs.org/projects/x/badge/)]"
                "(https://x.readthedocs.io)\n\nVoir https://x.readthedocs.io/en/latest pour plus.\n",
                "README.md")
    link = next(a for a in doc.anchors if a.target == "https://x.readthedocs.io/en/latest")
    assert not readme.labelled_bare(doc, link)
    assert readme.doc_sites([(a, False) for a in doc.anchors], (), doc) == []


# --- A heading about installing a tool locally is not about running ---------------------------

# pass-culture/api-data README.md:27-42, 65-69 and apps/recommendation/README.md (shortened).
API_DATA = {
    "README.md": (
        "# api-data\n\n## Linter and precommit install\n\n```bash\nmake install\n```\n\n"
        "### Required : Install ggshield on your local machine if you don't already have it\n"
        "Installation and usage of ggshield is documented in this Notion page\n\n- MacOs:\n"
        "```bash\nbrew install ggshield\n```\n\nThen authenticate to ggshield:\n```bash\n"
        "ggshield auth login\n```\n\n## To run check micro service README\n\n"
        "- [Recommendation documentation](apps/recommendation/README.md)\n"),
    "apps/recommendation/README.md": ("# Recommendation\n\n## Run locally\n\n```bash\n"
                                      "make install\nmake start\n```\n"),
}


def test_installing_a_tool_on_the_local_machine_is_not_running_the_service() -> None:
    found = _analyse(API_DATA["README.md"])
    assert not found["run"]["found"]
    section = _facts(API_DATA)["community"]["readme"]
    assert section["evidence"]["run"]["path"] == "apps/recommendation/README.md"
    assert "README.md → apps/recommendation/README.md" in section["routes"]


def test_which_headings_install_locally() -> None:
    assert readme._installs_locally("Required : Install ggshield on your local machine")
    assert readme._installs_locally("Installation locale")
    assert not readme._installs_locally("Installation et lancement en local")
    assert not readme._installs_locally("Run locally")


# --- A link into the repository's own tree, its address unknown --------------------------------

# InseeFr/Trevas README.md:32-37 and docs/ (a Docusaurus site project), shortened.
TREVAS = {
    "README.md": (
        "# Trevas\n\nTransformation engine and validator for statistics.\n\n"
        "Trevas is a Java engine for the Validation and Transformation Language (VTL), an SDMX "
        "standard that allows the formal definition of algorithms to validate statistical data.\n\n"
        "## Documentation\n\nThe documentation can be found in the "
        "[docs](https://github.com/InseeFr/Trevas/tree/master/docs) folder\n"
        "and [browsed online](https://inseefr.github.io/Trevas).\n\n## Requirements\n\n"
        "Open JDK 17 + is required.\n"),
    "docs/README.md": ("# Trevas documentation\n\n## Local Development\n\n```console\nyarn start\n"
                       "```\n\nThis command starts a local development server.\n"),
    "docs/package.json": "{}\n",
    "docs/docusaurus.config.js": "module.exports = {};\n",
    "vtl-engine/src/Main.java": "class Main {}\n",
}


def _trevas_facts(name: str) -> dict[str, t.Any]:
    return build_facts(snapshot_from_files({**CODE, **TREVAS}, name=name))


def test_own_tree_link_is_read_locally_when_the_checkout_is_named_so() -> None:
    facts = _trevas_facts("InseeFr__Trevas")
    section = facts["community"]["readme"]
    assert "docs/README.md" in section["followed"]
    assert section["doc_site_projects"] == ["docs/"]
    status, message = _finding(facts, RULE)
    assert status is Status.REVIEW
    assert "could not match" not in message
    assert "built from docs/, a site project of its own" in message
    # The site's README serves the documentation: no credit for running the project.
    assert not section["explains"]["run"]


def test_own_repository_by_name() -> None:
    paths = {"docs/README.md"}
    link = ["https://github.com/InseeFr/Trevas/tree/master/docs"]
    assert locate.own_repository(link, paths, ["InseeFr__Trevas"]) == "https://github.com/InseeFr/Trevas"
    assert locate.own_repository(link, paths, ["inseefr/trevas"]) == "https://github.com/InseeFr/Trevas"
    # Another repository's tree that shares a path is not this one's.
    assert locate.own_repository(link, paths, ["demo", "Other"]) is None
    assert locate.own_repository(["https://github.com/InseeFr/Trevas/tree/master/missing"],
                                 paths, ["Trevas"]) is None


def test_another_repositorys_tree_is_not_followed() -> None:
    # Neither the checkout's name nor the README's title is Trevas: the link may be to another
    # repository's tree that shares a path.
    files = {**CODE, **TREVAS, "README.md": TREVAS["README.md"].replace("# Trevas\n", "# Moteur\n", 1)}
    section = build_facts(snapshot_from_files(files, name="demo"))["community"]["readme"]
    assert "docs/README.md" not in section["followed"]
