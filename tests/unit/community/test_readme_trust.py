"""README findings from the freshJ3 audit (issue 9): guides named so outside the usual folders,
commands that build the documentation, framework boilerplate and layout notes under an "About"
heading. Each case is cut from a real repository (named in a comment), with negatives beside it."""

from __future__ import annotations

import typing as t

from scanner.community import locate, readme
from scanner.community.markup import parse
from scanner.engine.evaluate import Status
from scanner.facts import build_facts
from scanner.sources.memory import snapshot_from_files
from tests.unit.community.test_intro_and_linked_guides import _what
from tests.unit.community.test_readme_routes import _finding

CODE = {"pom.xml": "<project/>\n"}


def _facts(files: dict[str, str]) -> dict[str, t.Any]:
    return build_facts(snapshot_from_files({**CODE, **files}))




# --- Guides named so wherever they sit ------------------------------------------------------

# sigrennesmetropole/geor_signalement: README.md links readme/README_BUILD.md (:29) and
# readme/README_INSTALL.md (:45), whose « Déploiement de l'application backend » starts the jar.
SIGNALEMENT = {
    "README.md": "# Addon-signalement\n\n## I - Généralités\n\nLe présent projet est destiné à "
                 "permettre la gestion des signalements spatialisés et leur suivi au travers de "
                 "workflow.\n\n## II - Construction de l'application\n\n[Construction de "
                 "l'application](readme/README_BUILD.md)\n\n## III - Installation\n\n"
                 "### III.2 - Installation *à façon*\n\n[Installation](readme/README_INSTALL.md)\n\n"
                 "### III.4 - Migration 7.1.0-M6\n\nIl faut alors jouer le script suivant :\n\n"
                 "```\nalter table signalement.ACT_RU_TASK add column if not exists "
                 "BUSINESS_KEY_ varchar(255);\n```\n",
    "readme/README_BUILD.md": "## Construction de l'application\n\nLancer la commande :\n\n"
                              "`mvn -DskipTest package`\n",
    "readme/README_INSTALL.md": "# Installation des composants\n\n## Base de données\n\n"
                                "Créer le schéma :\n\n```\npsql -f signalement.sql\n```\n\n"
                                "## Déploiement de l'application *backend*\n\nLe back-office "
                                "peut être démarré en lançant l'application SpringBoot à partir "
                                "du JAR\n\n```\njava -jar signalement.jar\n```\n",
    "readme/README_CONFIGURATION_BACKEND.md": "# Configuration\n",
    "readme/warn.png": "",
}


def test_guides_named_so_outside_the_usual_folders_are_declared() -> None:
    declared = locate.guides(list(SIGNALEMENT), "README.md")
    assert {"readme/README_INSTALL.md", "readme/README_BUILD.md"} <= set(declared)
    assert "readme/README_CONFIGURATION_BACKEND.md" not in declared


def test_named_guides_are_few_shortest_first_and_never_tests_or_vendored() -> None:
    paths = ["README.md", "a/b/c/INSTALL.md", "tools/BUILD.md", "x/SETUP.md", "y/getting-started.md",
             "z/DEVELOPMENT.md", "tests/fixtures/INSTALL.md", "node_modules/p/INSTALL.md",
             "src/reinstalled.md", "doc/buildings.md", "w/install.sh"]
    named = locate.named_guides(paths)
    assert len(named) == locate.MAX_NAMED_GUIDES
    assert named[0] == "tools/BUILD.md" and "a/b/c/INSTALL.md" not in named
    assert not {"tests/fixtures/INSTALL.md", "node_modules/p/INSTALL.md", "src/reinstalled.md",
                "doc/buildings.md", "w/install.sh"} & set(locate.named_guides(paths[5:]))


def test_a_readme_link_to_a_named_guide_is_followed_and_passes() -> None:
    facts = _facts(SIGNALEMENT)
    section = facts["community"]["readme"]
    assert "readme/README_INSTALL.md" in section["followed"]
    assert "readme/README_INSTALL.md" not in section["unfollowed"]
    status, message = _finding(facts, "readme-explains-how-to-run")
    assert status is Status.PASS, message
    assert "readme/README_INSTALL.md" in message


def test_a_deployment_section_counts_only_for_the_projects_own_program() -> None:
    # The jar started is another one (a server's start.jar): no usage of the project.
    other = {**SIGNALEMENT, "readme/README_INSTALL.md": SIGNALEMENT["readme/README_INSTALL.md"]
             .replace("signalement.jar", "start.jar")}
    status, _ = _finding(_facts(other), "readme-explains-how-to-run")
    assert status is not Status.PASS
    # A deployment section starting the jar, under "Tests de déploiement": about tests.
    doc = parse("# signalement\n\n## Tests de déploiement\n\n```\nmvn package\n"
                "java -jar signalement.jar\n```\n", "README.md")
    assert readme.usage_example(doc, ["signalement"]) is None


# --- A command that builds the documentation is not how to install the project -------------

# ANSSI-FR/lidi README.md:27-41.
LIDI = ("# Lidi\n\nLidi (leedee) allows you to copy TCP or Unix streams or files over a "
        "unidirectional link.\n\n## Where to find some documentation?\n\nThe *user* documentation "
        "is available at <https://anssi-fr.github.io/lidi/>, or can be built and opened with:\n\n"
        "```\n$ cd doc\n$ make html\n$ xdg-open _build/html/index.html\n```\n\n"
        "The *developer* documentation can be built and opened by running:\n\n"
        "```\n$ cargo doc --document-private-items --no-deps --lib --open\n```\n")


def test_building_the_documentation_is_not_installing() -> None:
    topics = readme.analyse(parse(LIDI, "README.md"))
    assert not topics["install"]["found"] and not topics["run"]["found"]
    status, message = _finding(_facts({"README.md": LIDI, "doc/index.rst": "Lidi\n====\n"}),
                               "readme-explains-how-to-run")
    # The README says the site is built from doc/: its home is read there, and it says nothing
    # of installing either (test_readme_what_round_k reads the pages its toctree names).
    assert status is Status.FAIL
    assert "installation found: no" in message and "read: doc/index.rst" in message


def test_what_builds_the_documentation() -> None:
    for text in ("cd doc\nmake html\nxdg-open _build/html/index.html", "sphinx-build doc doc/_build",
                 "make -C docs html", "cargo doc --no-deps", "make docs", "npm run docs:build",
                 "tox -e docs", "mvn javadoc:javadoc"):
        assert readme.builds_docs(text), text
    # openfisca/openfisca-doc: ``make html`` at the root of a documentation repository builds
    # the project itself; and the project's own commands.
    for text in ("make html", "mkdocs serve", "make install", "npm run dev", "npm run docker",
                 "docker compose up", "make dock", "pip install -e ."):
        assert not readme.builds_docs(text), text


def test_a_real_install_beside_a_docs_section_still_counts() -> None:
    text = LIDI + "\n## Installation\n\n```\ncargo build --release\n```\n"
    assert readme.analyse(parse(text, "README.md"))["install"]["found"]


# --- Framework boilerplate and layout notes do not say what the service is ------------------

# anct-cnum/api-conseiller-numerique README.md:1-7.
FEATHERS = ("# api-conseiller-numerique\n\n## About\n\nThis project uses [Feathers]"
            "(http://feathersjs.com). An open source web framework for building modern real-time "
            "applications.\n\n## Getting Started\n\n```\nnpm install\nnpm start\n```\n")
# sigrennesmetropole/geor_tabou2_backend README.md:1-14.
TABOU2 = ("# tabou2\n\n## I - Description de l'application\n\nLe projet _git_ est construit comme "
          "suit :\n\n- `docker` : ce répertoire contient des propositions de fichiers Dockerfile "
          "pour la construction des images\n- `tabou2-facade` : il s'agit du sous-projet maven "
          "contenant l'application et les controleurs\n- `resources` :  les resources avec "
          "notamment :\n    - `openapi`qui contient le fichier openapi permettant de générer "
          "l'ensemble des services REST du back-office\n\n## II - Installation\n\n"
          "```\nmvn package\n```\n")


def test_generator_boilerplate_is_no_presentation() -> None:
    assert not _what(FEATHERS)
    for sentence in (
            "This project was bootstrapped with [Create React App](https://github.com/facebook/"
            "create-react-app).",
            "This project was generated with [Angular CLI](https://github.com/angular/angular-cli)"
            " version 16.2.0.",
            "This is a [Next.js](https://nextjs.org/) project bootstrapped with "
            "[`create-next-app`](https://github.com/vercel/next.js).",
            "A progressive Node.js framework for building efficient and scalable server-side "
            "applications.",
            "This README would normally document whatever steps are necessary to get the "
            "application up and running.",
            "This template should help get you started developing with Vue 3 in Vite."):
        assert not _what(f"# app\n\n## About\n\n{sentence}\n\n## Installation\n\nnpm i\n"), sentence


def test_a_presentation_beside_the_boilerplate_still_counts() -> None:
    text = FEATHERS.replace("applications.\n", "applications. It lets digital advisers record "
                            "the help they give to the public.\n")
    assert _what(text)
    # A project that uses a framework and says what it does is presented.
    assert _what("# app\n\n## About\n\nThis project uses Django to publish the calendar of "
                 "public consultations.\n")


def test_a_layout_note_is_no_presentation() -> None:
    assert not _what(TABOU2)
    facts = _facts({"README.md": TABOU2})
    status, message = _finding(facts, "readme-sections-present")
    assert status is Status.FAIL and "what the service is: no" in message
    # A description heading over a sentence on what the service does counts.
    assert _what(TABOU2.replace("Le projet _git_ est construit comme suit :",
                                "Tabou2 permet de suivre les opérations d'aménagement du "
                                "territoire.\n\nLe projet _git_ est construit comme suit :"))
