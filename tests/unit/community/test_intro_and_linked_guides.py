"""Findings people can trust (issue 9, audits freshH1/freshH2): what the service is comes from a
presentation, never from a set-up step; a guide that hands its process to another site is
reviewed, naming the link; a repository's GitHub Pages site is read from its docs/ folder even
when a local checkout does not know its forge address. Each case is cut from the real repository
named beside it."""

from __future__ import annotations

import pytest

from scanner.community import contributing, locate, readme
from scanner.community.markup import parse
from scanner.engine.evaluate import Status
from scanner.facts import build_facts
from scanner.sources.memory import snapshot_from_files
from tests.unit.community.test_readme_routes import _facts
from tests.unit.community.test_readme_routes import _finding as _status

CODE = {"app.py": "print('service')\n"}




def _what(text: str) -> bool:
    return bool(readme.analyse(parse(text, "README.md"))["what"]["found"])


# --- What the service is: a presentation, not a set-up step -------------------------------------

#: agora-gouv/agora-back's README: a title, a table of contents, then set-up steps.
AGORA = ("# Agora\n\n## Table of Content\n- [1. Pre-requisites](#1-pre-requisites)\n"
         "- [2. Launch back-end server](#2-launch-back-end-server)\n\n"
         "## 1. Pre-requisites\n- Java (version described in [build.gradle.kts:14](./build.gradle.kts))\n"
         "- Docker\n\n## 2. Set-up\n"
         "- duplicate `.env.example` to `.env`, no need to change variables for local run\n"
         "- launch databases via `docker compose up -d`\n\n## 3. Launch back-end server\n"
         "With the proper env variables :\n```bash\n./gradlew bootRun\n```\n")


def test_a_set_up_step_is_not_what_the_service_is() -> None:  # agora-gouv/agora-back
    facts = _facts({"README.md": AGORA})
    section = facts["community"]["readme"]
    assert section["explains"]["what"] is False
    status, message = _status(facts, "readme-sections-present")
    assert status is Status.FAIL and "what the service is: no" in message
    # Its set-up is still how to install it, under "Set-up" as under "Setup".
    assert section["explains"]["install"] is True and section["explains"]["run"] is True


@pytest.mark.parametrize("heading", ["## 2. Set-up", "## Set up", "## Pre-requisites",
                                     "## Pré-requis", "## Prerequisite"])
def test_set_up_headings_end_the_introduction(heading: str) -> None:
    text = (f"# Service\n\n{heading}\n\n"
            "Le fichier de configuration est chiffré et versionné dans le dépôt du service.\n")
    assert _what(text) is False


@pytest.mark.parametrize("step", [
    "- duplicate `.env.example` to `.env`, no need to change variables for local run",
    "- copier `.env.dist` vers `.env` puis renseigner les variables de la base locale",
    "1. Lancez `make dev` pour démarrer les conteneurs de la base de données locale",
])
def test_a_step_in_no_section_is_not_what_the_service_is(step: str) -> None:
    """The heading aside, a step (an instruction's verb and a command or file in code) says how
    to set up, not what the service is."""
    assert _what(f"# Agora\n\n{step}\n") is False


@pytest.mark.parametrize("text", [
    # A presentation keeps counting, with code in it or a verb that is no instruction.
    "# Agora\n\nAgora est l'application qui permet aux citoyens de répondre aux consultations "
    "du gouvernement.\n\n## Set-up\n\n- duplicate `.env.example` to `.env`\n",
    "# Outil\n\n`fr-format` valide et formate les données françaises courantes (SIRET, codes "
    "postaux).\n",
    "# Outil\n\n- Créer des démarches en ligne sans une ligne de code pour les administrations\n",
    "# Outil\n\n## About\n\nRun `agora` to consult citizens: the service collects their answers "
    "to public consultations.\n",
])
def test_a_presentation_still_says_what_the_service_is(text: str) -> None:
    assert _what(text) is True


# --- A guide that hands its process to another site's guide --------------------------------------

#: openfisca/openfisca-france-local's CONTRIBUTING.md, shortened: prose on versions and the
#: changelog, and the process on openfisca.org.
OPENFISCA = ("# Contribuer à OpenFisca-France-Local\n\nAvant tout, merci de votre volonté de "
             "contribuer au bien commun qu'est OpenFisca !\n\nAfin de faciliter la réutilisation "
             "d'OpenFisca et d'améliorer la qualité du code, les contributions à OpenFisca suivent "
             "certaines règles.\n\nCertaines règles sont communes à tous les dépôts OpenFisca et "
             "sont détaillées dans [la documentation générale](https://openfisca.org/doc/contribute/"
             "guidelines.html).\n\n## Gestion sémantique de version\n\nLe niveau des évolutions "
             "doit pouvoir être compris par des réutilisateurs qui n'interviennent pas "
             "nécessairement sur le code. Un numéro de version doit donc être attribué à toute "
             "évolution intégrée sur la branche principale, selon le versionnement sémantique.\n\n"
             "## Formalisation du CHANGELOG\n\nChaque version donne lieu à une description des "
             "changements qu'elle apporte dans le fichier `CHANGELOG.md`, qui respecte le standard "
             "[Common Changelog](https://common-changelog.org).\n")


def test_a_guide_handing_its_process_to_another_site_is_reviewed() -> None:  # openfisca-france-local
    facts = _facts({"README.md": "# Extension\n\nModélisation des aides locales.\n",
                    "CONTRIBUTING.md": OPENFISCA})
    section = facts["community"]["contributing"]
    assert section["explains"]["how_to_contribute"] is False
    assert section["external_guide"] == {
        "url": "https://openfisca.org/doc/contribute/guidelines.html", "line": 7}
    status, message = _status(facts, "contributing-file-substantial")
    assert status is Status.REVIEW
    assert "https://openfisca.org/doc/contribute/guidelines.html (line 7)" in message
    assert "cannot read" in message
    # The terms are the repository's own: no DCO in what it holds is still a fail.
    assert _status(facts, "contribution-terms-state-dco")[0] is Status.FAIL


@pytest.mark.parametrize("guide", [
    # Other links (a changelog standard, the project's site) are no contribution guide.
    OPENFISCA.replace("https://openfisca.org/doc/contribute/guidelines.html", "https://openfisca.org/"),
    # A guide that says how itself is decided on its own text.
    OPENFISCA + "\n## Proposer une modification\n\nOuvrez une pull request sur la branche principale.\n",
])
def test_no_review_without_an_unread_contribution_guide(guide: str) -> None:
    facts = _facts({"README.md": "# Extension\n\nModélisation des aides locales.\n",
                    "CONTRIBUTING.md": guide})
    assert facts["community"]["contributing"]["external_guide"] is None
    assert _status(facts, "contributing-file-substantial")[0] is not Status.REVIEW


def test_an_own_file_is_not_another_site_s_guide() -> None:
    doc = parse("See [the guidelines](https://github.com/o/r/blob/main/docs/contributing.md).\n",
                "CONTRIBUTING.md")
    assert contributing.external_guide(doc, "https://github.com/o/r") is None
    assert contributing.external_guide(doc, "https://github.com/other/r") == {
        "url": "https://github.com/o/r/blob/main/docs/contributing.md", "line": 1}


# --- A GitHub Pages site built from the repository's docs/ --------------------------------------

#: SocialGouv/kontinuous's README: badges, a logo served from the repository, the site's link.
KONTINUOUS = ("# Kontinuous - GitOps for Kubernetes\n\n<p align=\"center\">\n"
              "  <a href=\"https://socialgouv.github.io/kontinuous/\" rel=\"nofollow\">\n"
              "    <img src=\"https://github.com/socialgouv/kontinuous/raw/master/docs/_media/logo.png\""
              " alt=\"logo\">\n  </a>\n  <br>\n"
              "  <a href=\"https://socialgouv.github.io/kontinuous/\">Go to Official Documentation</a>\n"
              "</p>\n")
GETTING_STARTED = ("# Getting started\n\n## Install\n\n```sh\nnpm install -g kontinuous\n```\n\n"
                   "## Run\n\n```sh\nnpx kontinuous init\nnpx kontinuous deploy\n```\n")


def test_own_pages_site_is_read_from_docs_without_a_forge_address() -> None:  # kontinuous
    files = {"README.md": KONTINUOUS, "docs/README.md": GETTING_STARTED,
             "docs/_media/logo.png": "png", "docs/index.html": "<html></html>"}
    facts = _facts(files)  # a local checkout: no forge address known
    assert facts["repository"]["url"] is None
    section = facts["community"]["readme"]
    assert section["doc_sites"] == [] and section["followed"] == ["docs/README.md"]
    assert _status(facts, "readme-explains-how-to-run")[0] is Status.PASS


def test_another_repository_s_pages_stay_unread() -> None:
    # The logo is another repository's file (not in this listing): nothing says the site is ours.
    files = {"README.md": KONTINUOUS, "docs/README.md": GETTING_STARTED}
    section = _facts(files)["community"]["readme"]
    assert section["doc_sites"] == ["https://socialgouv.github.io/kontinuous/"]
    other = KONTINUOUS.replace("socialgouv.github.io/kontinuous", "socialgouv.github.io/other")
    files = {"README.md": other, "docs/README.md": GETTING_STARTED, "docs/_media/logo.png": "png"}
    assert _facts(files)["community"]["readme"]["doc_sites"] == [
        "https://socialgouv.github.io/other/"]


def test_own_repository_needs_a_listed_file() -> None:
    paths = {"docs/_media/logo.png", "src/app.py"}
    assert locate.own_repository(
        ["https://github.com/o/r/raw/master/docs/_media/logo.png"], paths) == "https://github.com/o/r"
    assert locate.own_repository(["https://github.com/o/r/tree/main/src"], paths) == \
        "https://github.com/o/r"
    assert locate.own_repository(["https://github.com/o/r/blob/main/missing.md",
                                  "https://github.com/o/r", "https://o.github.io/r/"], paths) is None


#: InseeFr/Trevas: docs/ is a Docusaurus project; its README tells how to serve the site.
TREVAS = ("# Trevas\n\nTransformation engine and validator for statistics, a Java engine for the "
          "Validation and Transformation Language.\n\n## Documentation\n\nThe documentation can be "
          "found in the [docs](https://github.com/o/trevas/tree/master/docs) folder\n"
          "and [browsed online](https://o.github.io/trevas).\n")
SITE_README = ("# Trevas documentation\n\n## Local Development\n\n```console\nyarn install\nyarn start\n"
               "```\n\nThis command starts a local development server.\n")


@pytest.mark.parametrize("url", [None, "https://github.com/o/trevas"])
def test_a_docs_site_project_s_readme_is_not_the_project_s_guide(url: str | None) -> None:
    files = {**CODE, "README.md": TREVAS, "docs/README.md": SITE_README,
             "docs/package.json": "{}", "docs/docusaurus.config.js": "module.exports = {}\n",
             "docs/docs/intro.md": "# Introduction\n"}
    snapshot = snapshot_from_files(files)
    if url:
        snapshot.repo = type(snapshot.repo)(name="trevas", full_name="o/trevas", url=url)
    facts = build_facts(snapshot)
    section = facts["community"]["readme"]
    assert section["explains"]["run"] is False
    # The site's pages are read (its home, docs/docs/intro.md), never its tooling README.
    assert section["doc_site_pages"] == ["docs/docs/intro.md"]
    assert "docs/README.md" not in section["followed"]
    status, message = _status(facts, "readme-explains-how-to-run")
    assert status is Status.REVIEW and "(docs/docs/intro.md)" in message
    # With no page of its own, the site stays unread and is named so.
    del files["docs/docs/intro.md"]
    snapshot = snapshot_from_files(files)
    if url:
        snapshot.repo = type(snapshot.repo)(name="trevas", full_name="o/trevas", url=url)
    facts = build_facts(snapshot)
    assert "https://o.github.io/trevas" in facts["community"]["readme"]["doc_sites"]
    status, message = _status(facts, "readme-explains-how-to-run")
    assert status is Status.REVIEW and "https://o.github.io/trevas" in message


def test_in_site_project_needs_the_manifest_and_a_generator() -> None:
    paths = {"docs/README.md", "docs/package.json", "docs/docusaurus.config.ts"}
    assert locate.in_site_project("docs/README.md", paths) is True
    assert locate.in_site_project("docs/README.md", paths - {"docs/package.json"}) is False
    assert locate.in_site_project("docs/README.md", paths - {"docs/docusaurus.config.ts"}) is False
    # A package of the repository (a front end with its own README) is no documentation folder.
    assert locate.in_site_project("front/README.md", {"front/README.md", "front/package.json",
                                                      "front/astro.config.mjs"}) is False
