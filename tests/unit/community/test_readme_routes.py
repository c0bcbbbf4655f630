"""README findings from the second round of audits (issue 9): each case is cut from a real
repository (named in a comment), with the cases that must not match beside it."""

from __future__ import annotations

import typing as t

from scanner.community import contributing, locate, readme
from scanner.community.markup import parse
from scanner.engine.evaluate import Status, evaluate
from scanner.engine.loader import load_ruleset
from scanner.facts import build_facts
from scanner.sources.memory import snapshot_from_files

RULES = load_ruleset()
CODE = {"app.py": "print('service')\n"}


def _facts(files: dict[str, str]) -> dict[str, t.Any]:
    return build_facts(snapshot_from_files({**CODE, **files}))


def _finding(facts: dict[str, t.Any], rule_id: str) -> tuple[Status, str]:
    rule = RULES.get(rule_id)
    assert rule is not None
    finding = evaluate(rule, facts)
    return finding.status, finding.texts["en"]["message"]


# --- A monorepo's root README routes to its components' READMEs --------------------------

# gip-inclusion/dora README.md, back/README.md and front/README.md (shortened).
DORA = {
    "README.md": "# Dora\n\n> Faciliter la vie des personnes en insertion\n\n"
                 "- [Backend](back/README.md)\n- [Frontend](front/README.md)\n",
    "back/README.md": "# dora-back\n\n## Installation\n\n```bash\n# Installer les dépendances\n"
                      "uv sync\n```\n\n## Développement\n\n```bash\n# Démarrer le serveur\n"
                      "./manage.py runserver\n```\n",
    "front/README.md": "# dora-front\n\n## Installation\n\n```bash\nnpm install\n```\n\n"
                       "## Développement\n\n```bash\n# Lancer un serveur de développement\n"
                       "npm run dev\n```\n",
    "back/manage.py": "print()\n",
}


def test_component_readmes_a_root_readme_links_to_are_read_and_named() -> None:
    facts = _facts(DORA)
    section = facts["community"]["readme"]
    assert section["followed"] == ["back/README.md", "front/README.md"]
    status, message = _finding(facts, "readme-explains-how-to-run")
    assert status is Status.PASS
    assert "README.md → back/README.md, README.md → front/README.md" in message


def test_a_component_readme_that_does_not_explain_it_does_not_pass() -> None:
    files = {**DORA, "back/README.md": "# dora-back\n\nLe code du serveur.\n",
             "front/README.md": "# dora-front\n\nLe code de l'interface.\n"}
    facts = _facts(files)
    assert facts["community"]["readme"]["followed"] == ["back/README.md", "front/README.md"]
    assert _finding(facts, "readme-explains-how-to-run")[0] is Status.FAIL


def test_a_root_readme_that_explains_it_itself_reads_no_component() -> None:
    files = {**DORA, "README.md": DORA["README.md"] + "\n## Installation\n\n```\nmake install\n```"
             "\n\n## Lancer\n\n```\nmake start\n```\n"}
    facts = _facts(files)
    assert facts["community"]["readme"]["followed"] == []
    assert facts["community"]["readme"]["routes"] == ["README.md"]


def test_which_links_are_component_readmes() -> None:
    assert readme.is_component_readme("back/README.md")
    assert readme.is_component_readme("./apps/web/readme.md#install")
    for target in ("README.md", "../other/README.md", "/abs/README.md", "docs/install.md",
                   "https://example.org/a/README.md", "back/README.md.bak"):
        assert not readme.is_component_readme(target), target


def test_component_readmes_are_declared_for_reading_but_not_vendored_ones() -> None:
    paths = ["README.md", "back/README.md", "apps/web/README.md", "node_modules/x/README.md",
             "vendor/y/README.md", "docs/README.md", "a/b/c/README.md"]
    declared = locate.guides(paths, "README.md")
    assert {"back/README.md", "apps/web/README.md", "docs/README.md"} <= set(declared)
    assert not {"node_modules/x/README.md", "vendor/y/README.md", "a/b/c/README.md"} & set(declared)
    many = [f"c{i}/README.md" for i in range(10)]
    assert len([p for p in locate.guides(["README.md", *many], "README.md")]) \
        == locate.MAX_COMPONENTS


def test_a_component_link_is_a_named_guide_only_as_a_readme() -> None:
    doc = parse("# X\n\n- [Backend](back/README.md)\n- [Schéma](back/schema.png)\n", "README.md")
    assert [(link.target, named) for link, named in readme.guide_links(doc)] == \
        [("back/README.md", True)]


# --- A pull request in a release procedure is not how others propose a change ---------------

def _explains(text: str, path: str = "README.md") -> dict[str, bool]:
    return {k: bool(v["found"]) for k, v in readme.analyse(parse(text, path)).items()}


# betagouv/seves README.md:162-178 (shortened): the team's release procedure.
SEVES = ("# Sèves\n\nUn service pour les agents des services vétérinaires.\n\n"
         "# Production\n\n## Mise en production\n\n- Merger les PRs qui sont prêtes dans la branche "
         "`main`\n- Sur Github [créer une nouvelle PR](https://github.com/betagouv/seves/compare/"
         "production...main).\n- Nommer la PR « Mise en production DATE » et ouvrir la PR\n")


def test_a_pull_request_in_a_release_procedure_is_no_contribution_guidance() -> None:
    assert not _explains(SEVES)["contributing"]
    # The same invitation in a section about contributing, or in none, is.
    assert _explains(SEVES.replace("# Production\n\n## Mise en production", "## Contribuer"))[
        "contributing"]
    assert _explains("# X\n\nUn service.\n\nPour contribuer, ouvrez une pull request.\n")[
        "contributing"]
    # A workflow heading under a deployment chapter decides for its own section.
    assert _explains("# X\n\nUn service.\n\n# Déploiement\n\n## Pull requests\n\n"
                     "Créez une PR vers `main`.\n")["contributing"]


# numerique-gouv/ami-notifications-api CONTRIBUTING.md:143-246, SocialGouv/pass-emploi-api
# docs/CONTRIBUTING.md:188-198 (shortened): PRs named only for review apps.
AMI = ("# CONTRIBUTING\n\n## Initial Setup\n\nInstall the tools, then run the database "
       "container.\n\n##### Reset the database\n\nReplace `ami-back-staging` with the app, eg "
       "`ami-back-staging-pr179` for the review app for PR #179.\n\n"
       "### Creating a PR with access to the FC service\n\nWe previously needed manual steps to "
       "configure a review app to have access to FranceConnect services.\n")
PASS_EMPLOI = ("# pass-emploi-api\n\n## Déploiement de l'API\n\n### Environnement de staging\n\n"
               "Les review apps sont activés. À chaque nouvelle PR sur develop, une application "
               "temporaire est créée.\n")


def test_a_guide_that_names_pull_requests_only_for_review_apps_does_not_say_how() -> None:
    for text in (AMI, PASS_EMPLOI):
        assert not contributing.explains(parse(text, "CONTRIBUTING.md"))["how_to_contribute"]
    # A guide that also says how to propose a change does.
    more = AMI + "\n## Proposer une modification\n\nOuvrez une pull request sur `main`.\n"
    assert contributing.explains(parse(more, "CONTRIBUTING.md"))["how_to_contribute"]
    assert contributing.explains(parse(
        "# Contributing\n\nFork the repository and open a pull request; a review app is built "
        "for it.\n\n## Pull requests\n\nEach PR needs one approval.\n",
        "CONTRIBUTING.md"))["how_to_contribute"]


def test_a_guide_in_the_pass_emploi_shape_no_longer_passes_as_substantial() -> None:
    facts = _facts({"README.md": "# X\n\nUn service pour les gens.\n",
                    "CONTRIBUTING.md": PASS_EMPLOI + "\nDu texte. " * 120})
    assert facts["community"]["contributing"]["explains"]["how_to_contribute"] is False
    assert _finding(facts, "contributing-file-substantial")[0] is not Status.PASS


# --- A start command followed by the local address to open --------------------------------

# etalab/formulaire-qf README.md:5-26 (shortened): run commands under an "Install" heading.
FORMULAIRE_QF = ("# README\n\nPour l'API, consulter le swagger.\n\n## Install project\n\n"
                 "### Database setup\n\nThen execute:\n\n```sh\n./bin/install.sh\n```\n\n"
                 "```sh\nbundle install\nrails s\n```\n\nThen you can visit `localhost:3000`\n\n"
                 "# Run the tests\n\n```sh\nbundle exec rspec\n```\n")


def test_a_command_followed_by_the_local_address_to_visit_starts_the_service() -> None:
    topics = readme.analyse(parse(FORMULAIRE_QF, "README.md"))
    assert topics["install"]["found"]
    assert topics["run"] == {"found": True, "line": 15, "via": "text"}
    assert _explains(FORMULAIRE_QF.replace("Then you can visit", "Ouvrez"))["run"]


def test_an_address_after_an_install_a_build_or_a_database_url_is_no_start() -> None:
    no_address = FORMULAIRE_QF.replace("Then you can visit `localhost:3000`", "Voilà.")
    assert not _explains(no_address)["run"]
    # The last command installs or builds: nothing was started.
    assert not _explains(FORMULAIRE_QF.replace("rails s\n", ""))["run"]
    assert not _explains(FORMULAIRE_QF.replace("rails s\n", "npm run build\n"))["run"]
    # A database address to configure is not a page to visit.
    assert not _explains(FORMULAIRE_QF.replace(
        "Then you can visit `localhost:3000`", "Set DATABASE_URL to postgres://localhost:5432/db"))[
        "run"]
    # Something said between the command and the address breaks the link.
    assert not _explains(FORMULAIRE_QF.replace(
        "rails s\n```\n\n", "cp .env.example .env\n```\n\nFill in the secrets.\n\n"))["run"]
    # In a test section, it is a test server.
    tests = ("# X\n\nUn service.\n\n## Tests\n\n```\nbundle exec foo\n```\n\n"
             "Then visit localhost:3000 to see the results.\n")
    assert not _explains(tests)["run"]
