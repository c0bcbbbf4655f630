"""README findings from audit round N (issue 9, civiscan 232a23b): each case is cut from a real
repository (named in a comment), with the cases that must not match beside it."""

from __future__ import annotations

import pytest

from scanner.community import locate, readme
from scanner.community.markup import parse
from scanner.engine.evaluate import Status
from tests.unit.community.test_readme_routes import _facts
from tests.unit.community.test_readme_routes import _finding as _status


def _explains(text: str, path: str = "README.md",
              project: tuple[str, ...] = ()) -> dict[str, bool]:
    return {k: bool(v["found"]) for k, v in readme.analyse(parse(text, path), project).items()}


# --- A link to a component's folder stands for its README -------------------------------------

# betagouv/zam README.md:5-10 and repondeur/README.md (shortened).
ZAM = {
    "README.md": "# zam\n\n**Alléger la charge de préparation par le gouvernement du débat "
                 "parlementaire.**\n\nLe dépôt regroupe plusieurs applications distinctes (monorepo) :"
                 "\n\n*   [`/repondeur/`](repondeur/) contient l’application web.\n"
                 "*   [`/admin/`](admin/) contient les tâches pour déployer le serveur.\n\n"
                 "Chacune des application est documentée au sein du fichier README dédié.\n",
    "repondeur/README.md": "# Zam répondeur\n\n## Installation\n\n```\npython3 -m venv ~/.venvs/zam\n"
                           "pip install -r requirements.txt\n```\n\n### Start the web app\n\n"
                           "```\nzam_repondeur development.ini\n```\n",
    "repondeur/app.py": "print()\n",
    "admin/fabfile.py": "print()\n",
}


def test_a_link_to_a_component_folder_is_followed_to_its_readme() -> None:
    facts = _facts(ZAM)
    assert facts["community"]["readme"]["followed"] == ["repondeur/README.md"]
    status, message = _status(facts, "readme-explains-how-to-run")
    assert status is Status.PASS
    assert "README.md → repondeur/README.md" in message


def test_a_link_to_a_folder_without_readme_or_to_a_file_leads_nowhere() -> None:
    files = {k: v for k, v in ZAM.items() if k != "repondeur/README.md"}
    facts = _facts(files)
    assert facts["community"]["readme"]["followed"] == []
    assert _status(facts, "readme-explains-how-to-run")[0] is Status.FAIL


def test_which_folder_links_stand_for_a_readme() -> None:
    paths = {"README.md", "back/README.md", "back/app.py", "docs/README.md", "notes"}
    assert locate.folder_readme("back/", "", None, paths) == "back/README.md"
    assert locate.folder_readme("./back", "", None, paths) == "back/README.md"
    for link in ("back/README.md", "back/app.py", "./", "notes", "../x/", "https://example.org/back/"):
        assert locate.folder_readme(link, "", None, paths) is None, link
    # A documentation folder's README is no component.
    assert locate.folder_readme("docs/", "", None, paths) == "docs/README.md"
    assert not locate.is_component("docs/README.md")
    assert locate.is_component("back/README.md")


# --- Running the main class, described in prose, is running ----------------------------------

# Espace-numerique-de-l-usager/enu-mediation docs/installation.md:15-30 (shortened).
ENU = ("# Installation\n\n## Construction\n\nL'application se construit avec Maven 3, via la "
       "commande\n```\nmvn clean install\n```\n## Déploiement\n\n### Exécution en développement\n\n"
       "Dans un environnement de développement comme IntelliJ, il suffit d'exécuter la classe "
       "`MediationApplication`,\navec cependant l'option JVM `-Dspring.profiles.active=dev`.\n")


@pytest.mark.parametrize("text", [
    ENU,
    "# X\n\n## Development\n\nRun the main class `fr.gouv.app.Application` from your IDE.\n",
    "# X\n\n## Développement\n\nLancez la configuration d'exécution `Api` dans IntelliJ.\n",
    "# X\n\n## Development\n\nUse the `Api` run configuration of IntelliJ.\n",
    "# X\n\n## Development\n\nThen start it with `java -jar target/app.jar`.\n",
    "# X\n\n## Development\n\nThen start it with `./mvnw spring-boot:run`.\n",
])
def test_a_main_class_run_configuration_or_jar_run_in_prose_is_running(text: str) -> None:
    assert _explains(text)["run"]


@pytest.mark.parametrize("text", [
    # A test class, a class that is only named, a class run in a section about tests.
    "# X\n\n## Development\n\nRun the test class `AppTest` to check the mapping.\n",
    "# X\n\n## Development\n\nThe class `MediationApplication` holds the routes.\n",
    "# X\n\n## Tests\n\nRun the class `Checker` before each release.\n",
    "# X\n\n## Development\n\nRun the script then look at the main dashboard.\n",
])
def test_what_does_not_run_a_main_class(text: str) -> None:
    assert not _explains(text)["run"]


def test_enu_mediation_guide_explains_installing_and_running() -> None:
    files = {"README.md": "# enu-mediation\n\nMédiation entre le SI et les démarches.\n\n"
                          "## Installation et exécution\n\nVoir [ici](docs/installation.md).\n",
             "docs/installation.md": ENU, "src/Main.java": "class Main {}\n"}
    status, message = _status(_facts(files), "readme-explains-how-to-run")
    assert status is Status.PASS, message


# --- A pull request named in code still invites contributions ---------------------------------

# Delegation-numerique-en-sante/mesconseilscovid README.md:20-24 (shortened).
MCC = ("# Mes Conseils Covid\n\n## Développement\n\n### Proposer une amélioration du contenu\n\n"
       "Aller dans le dossier [`/contenus/`](contenus/), vous pouvez éditer les fichiers "
       "disponibles et proposer une `pull-request` à partir de ces suggestions.\n")


def test_a_pull_request_written_in_code_says_how_to_contribute() -> None:
    assert _explains(MCC)["contributing"]
    # A code span of several words is a command, not a word of the sentence.
    assert not _explains(MCC.replace("`pull-request`", "`git push origin main`"))["contributing"]
    assert not _explains(MCC.replace("`pull-request`", "`dossier`"))["contributing"]


# --- A library's Maven dependency and code using it: install and use -------------------------

# InseeFr/Trevas docs/docs/developer-guide/index-developer-guide.mdx:12-40 (shortened).
TREVAS = ("---\ntitle: Developer guide\n---\n\n### Import the Trevas engine\n\n```xml\n<dependency>\n"
          "    <groupId>fr.insee.trevas</groupId>\n    <artifactId>vtl-engine</artifactId>\n"
          "    <version>2.3.0</version>\n</dependency>\n```\n\n### Instantiate the Trevas engine\n\n"
          "```java\n// Start engine\nScriptEngine engine = new ScriptEngineManager()"
          ".getEngineByName(\"vtl\");\nLong result = (Long) engine.getBindings(ScriptContext."
          "ENGINE_SCOPE).get(\"b\");\n```\n")


def test_a_maven_dependency_and_code_using_the_library_install_and_use_it() -> None:
    doc = parse(TREVAS, "index-developer-guide.mdx")
    found = readme.analyse(doc, ["Trevas"])
    assert found["install"]["found"] and found["run"]["found"]
    assert found["run"].get("usage") is True


def test_code_in_a_programming_language_holds_no_command() -> None:
    # ``.get("b")`` in Java installs nothing; a dependency on another library is no install of
    # the project, nor is code under a heading that does not name it its use.
    java_only = TREVAS.split("### Instantiate", 1)[1]
    assert not _explains("# X\n\n### Instantiate" + java_only, project=("Trevas",))["install"]
    other = TREVAS.replace("fr.insee.trevas", "org.apache.spark").replace("vtl-engine", "spark-sql")
    assert not _explains(other, project=("Trevas",))["install"]
    unnamed = TREVAS.replace("### Instantiate the Trevas engine", "### Some code")
    found = readme.analyse(parse(unnamed, "x.md"), ["Trevas"])
    assert found["install"]["found"] and not found["run"]["found"]
    # Gradle coordinates too; code that imports the group's package uses it.
    gradle = ("# Lib\n\n## Setup\n\n```groovy\nimplementation 'fr.gouv.widget:widget-core:1.0'\n```\n"
              "\n## Example\n\n```kotlin\nimport fr.gouv.widget.Widget\nWidget().render()\n```\n")
    found = readme.analyse(parse(gradle, "README.md"), ["widget"])
    assert found["install"]["found"] and found["run"].get("usage") is True


def test_trevas_site_page_passes_as_install_and_use() -> None:
    files = {"README.md": "# Trevas\n\nTransformation engine and validator for statistics.\n\n"
                          "## Documentation\n\nSee the [developer guide](docs/developer-guide.md).\n",
             "docs/developer-guide.md": TREVAS, "src/Engine.java": "class Engine {}\n"}
    status, message = _status(_facts(files), "readme-explains-how-to-run")
    assert status is Status.PASS
    assert "install and use the package" in message


def test_an_issue_opened_for_help_is_no_contribution() -> None:
    # betagouv/recommandations-collaboratives README.md:270-272 (shortened).
    text = ("# Recoco\n\nUn service.\n\n## En cas de difficultés\n\nDans le cas où vous rencontrez "
            "une difficulté, n'hésitez pas à ouvrir une `issue` sur GitHub, nous vous répondrons.\n")
    assert not _explains(text)["contributing"]
    assert _explains(text.replace("En cas de difficultés", "Contribuer"))["contributing"]


def test_a_library_installed_but_not_used_fails_as_a_package() -> None:
    unnamed = TREVAS.replace("### Instantiate the Trevas engine", "### Some code")
    files = {"README.md": "# Trevas\n\nTransformation engine and validator for statistics.\n\n"
                          "## Documentation\n\nSee the [developer guide](docs/developer-guide.md).\n",
             "docs/developer-guide.md": unnamed, "src/Engine.java": "class Engine {}\n"}
    facts = _facts(files)
    assert facts["community"]["readme"]["library"] is True
    status, message = _status(facts, "readme-explains-how-to-run")
    assert status is Status.FAIL
    assert "how to install the package and how to use it" in message
    assert "usage example found: no" in message
    # A service whose README installs its dependencies is no package.
    service = {"README.md": "# Dora\n\nUn service.\n\n## Installation\n\n```\nnpm install\n```\n"}
    assert _facts(service)["community"]["readme"]["library"] is False


# --- A moved notice said in words, with the new address ------------------------------------

@pytest.mark.parametrize("text", [
    "# X\n\nThis repository has moved to https://gitlab.com/fabnum/chatbot-back\n",
    "# X\n\nThe code now lives at https://gitlab.com/fabnum/chatbot-back.\n",
    "# X\n\nLe dépôt est désormais hébergé sur [GitLab](https://gitlab.com/fabnum/chatbot-back).\n",
    # fabnumdef/chatbot-back README.md:1-3.
    "## Chatbot - BACK\n\n301 Moved Permanently [https://gitlab.com/fabnum/chatbot-back]"
    "(https://gitlab.com/fabnum/chatbot-back)\n",
])
def test_a_moved_notice_with_its_address_retires_the_repository(text: str) -> None:
    from scanner.community import retired
    found = retired.notice(parse(text, "README.md"))
    assert found is not None and found.moved_to == "https://gitlab.com/fabnum/chatbot-back"


@pytest.mark.parametrize("text", [
    "# X\n\nThis repository has moved.\n",  # no address: where to?
    "# X\n\nThe application is now available at https://app.example.gouv.fr.\n",  # a live service
    "# X\n\nThe project now lives at the heart of the platform.\n",
])
def test_what_is_no_moved_notice(text: str) -> None:
    from scanner.community import retired
    assert retired.notice(parse(text, "README.md")) is None
