"""Findings people can trust (issue 9): each case is cut from a real public-sector repository
where civiscan reported something false, or passed something it should not have (the repository
is named; the excerpt is shortened). Every fail and review must be true; every pass earned."""

from __future__ import annotations

import typing as t
from pathlib import Path

import pytest

from scanner import placeholders
from scanner.community import contributing, locate, readme
from scanner.community.markup import parse
from scanner.engine.evaluate import Status, evaluate
from scanner.engine.loader import load_ruleset
from scanner.facts import build_facts, wanted_paths
from scanner.snapshot import Snapshot
from scanner.sources.local import local_snapshot
from scanner.sources.memory import snapshot_from_files

RULES = load_ruleset()
CODE = {"app.py": "print('service')\n"}  # a service: code to install, run and secure


#: A neutral section that brings a short fixture over readme-present's 30 words of prose, so a
#: test of "what the service is" is not decided by the README's length.
ARCHITECTURE = ("\n\n## Architecture\n\nLe dépôt contient une application web, une base de "
                "données et les scripts qui servent à la maintenir ; chaque dossier a son propre "
                "fichier de description pour les personnes qui découvrent le code source.\n")


def _topics(text: str, path: str = "README.md") -> dict[str, bool]:
    return {k: bool(v["found"]) for k, v in readme.analyse(parse(text, path)).items()}


def _facts(files: dict[str, str], url: str | None = None) -> dict[str, t.Any]:
    snapshot = snapshot_from_files({**CODE, **files})
    if url:
        snapshot.repo = type(snapshot.repo)(name="r", full_name="o/r", url=url)
    return build_facts(snapshot)


def _status(facts: dict[str, t.Any], rule_id: str) -> tuple[Status, str]:
    rule = RULES.get(rule_id)
    assert rule is not None
    finding = evaluate(rule, facts)
    return finding.status, finding.texts["en"]["message"]


# --- Running commands: recognised by their section and their words, not a list of tools ------

@pytest.mark.parametrize(("section", "command"), [
    ("## Lancer l'application", "```\nclj -M:run\n```"),                       # Clojure
    ("## Servez OpenFisca-France avec l'API Web OpenFisca",                   # openfisca-france
     "```sh\nuv run openfisca serve\n```"),
    ("## Run locally", "```\njust init-dev\njust runserver\n```"),            # sites-faciles
    ("# Usage", "Run the server with `mix phx.server` and visit 127.0.0.1:5000."),  # transport
    ("## Quick Start", "```bash\n# 1. Start local databases\nmake dev-up\n```"),
    ("### Running the project",                                                 # rapportnav2
     "The app is fully dockerized for local development. Run the command "
     "`make docker-run-local`"),
    ("# Generate consolidated files",                           # codegouvfr-consolidate-data
     "1. Install the Clojure CLI\n2. Launch the command `clj -M:run`"),
])
def test_a_run_command_of_any_ecosystem(section: str, command: str) -> None:
    assert _topics(f"# Service\n\n{section}\n\n{command}\n")["run"]


def test_a_command_of_an_unrelated_section_is_not_how_to_run_the_service() -> None:
    text = ("# Service\n\n## Installation\n\n```\nnpm ci\n```\n\n## Metabase\n\n### ETL\n\n"
            "Le job d'import se lance avec :\n\n```\npython -m etl.import --all\nnpm run etl\n```\n"
            "\n## Tests\n\n```\nnpm start -- --test\n```\n")
    found = _topics(text)
    assert found["install"] and not found["run"]


@pytest.mark.parametrize("command", ["npm run build", "poetry run pytest",
                                     "sudo apt install libpq-dev", "git commit -s -m x"])
def test_commands_of_other_activities_do_not_run_the_service(command: str) -> None:
    assert not _topics(f"# X\n\n```\n{command}\n```\n")["run"]


def test_a_placeholder_comment_is_not_a_command() -> None:
    text = "# X\n\n## Run locally\n\n```sh\n# TODO: for example: make run\n```\n"
    assert not _topics(text)["run"]


def test_a_tool_s_usage_is_not_the_service_s() -> None:  # aides-territoires CONTRIBUTING.md
    text = ("# Contribuer\n\n## Utilisation de django-compressor\n\n```\n"
            "python manage.py compress\n```\n")
    assert not _topics(text, "CONTRIBUTING.md")["run"]


# --- What the service is, in a few words; URLs and links are not words ---------------------

def test_a_one_sentence_tagline_says_what_the_service_is() -> None:  # MTES-MCT/dialog
    text = ("# DiaLog\n[![CI](https://github.com/MTES-MCT/dialog/actions/workflows/ci.yml/badge"
            ".svg)](https://github.com/MTES-MCT/dialog/actions)\n\nDigitaliser, diagnostiquer, "
            "diffuser l’information réglementaire de logistique.\n\n## Environnement technique\n")
    assert _topics(text + ARCHITECTURE)["what"]


@pytest.mark.parametrize("text", [
    # SocialGouv/mano: an archive notice; the address is not eight words.
    "# Mano\n\nCe dépôt est une archive. Nouveau dépôt : https://github.com/mano-sesan/mano/\n",
    # etalab/api-geo: a link to read elsewhere.
    "# API Géo\n\n## Informations et documentation\n\n[Consulter la fiche sur api.gouv.fr]"
    "(https://api.gouv.fr/api/api-geo.html)\n\n## Pré-requis\n",
    # SocialGouv/code-du-travail-numerique: a list of links.
    "# Code du travail numérique\n\n- Consulter le [site](https://code.travail.gouv.fr)\n"
    "- À propos : [https://code.travail.gouv.fr/a-propos](https://code.travail.gouv.fr/a-propos)\n",
])
def test_notices_and_links_do_not_say_what_the_service_is(text: str) -> None:
    assert not _topics(text)["what"]


def test_a_readme_of_a_tagline_and_badges_is_not_thirty_words() -> None:
    badges = " ".join(f"[![{n}](https://img.shields.io/badge/{n}-passing-green.svg)]"
                      f"(https://github.com/o/r/actions/workflows/{n}.yml)" for n in
                      ("build", "tests", "coverage", "quality", "security", "deploy"))
    text = f"# Outil\n\n{badges}\n\nUn outil pour les agents.\n\nhttps://outil.beta.gouv.fr/docs/api\n"
    assert parse(text, "README.md").prose_words() < 30
    facts = _facts({"README.md": text})
    assert _status(facts, "readme-present")[0] is Status.FAIL


@pytest.mark.parametrize(("text", "expected"), [
    # france-connect/service-providers-examples README.md:11: a library of the Apache foundation.
    ("- [franceconnecthelper](https://github.com/x/y) : exemple en Java avec la librairie "
     "Apache Oltu\n", False),
    ("Ce logiciel est distribué sous Apache 2.0.\n", True),
    ("Released under the Apache License.\n", True),
    ("Licensed Apache-2.0.\n", True),
])
def test_apache_names_a_licence_only_with_a_version_or_the_word_licence(text: str,
                                                                       expected: bool) -> None:
    assert _topics(f"# X\n\n{text}")["licence"] is expected


# --- How to contribute: said in words, not found in an address or a deployment note -------

@pytest.mark.parametrize(("text", "expected"), [
    # betagouv/aides-jeunes: a site whose address contains « contribuer ».
    ("- NetlifyCMS\n  - [website](https://contribuer-aides-jeunes.netlify.app)\n", False),
    ("`npm ci` and `npm run dev` should be ran from `contribuer`.\n", False),
    # MTES-MCT/envergo: forking a buildpack; Ara: pull requests of a deployment.
    ("1/ Forker le `heroku-geo-buildpack` et modifier cette ligne.\n", False),
    ("- Les branches de pull request (PR) correspondent à l’environnement de développement.\n",
     False),
    ("## Contributeurs\n\n- Jeanne\n- Ali\n", False),
    # etalab/guides.etalab.gouv.fr
    ("Vous pouvez directement éditer le contenu des guides par le biais de *pull-requests*.\n",
     True),
    ("Pour contribuer, lisez le [guide](CONTRIBUTING.md).\n", True),
    # betagouv/fondation: a mission statement « contribue » to something else than the project.
    ("Donner au CSM les moyens d'un travail efficace afin de concourir à la continuité de "
     "l'institution et de contribuer à une RH vertueuse du corps de la magistrature.\n", False),
    ("Vous pouvez contribuer au projet en proposant des améliorations.\n", True),
    ("Feel free to contribute to Fondation.\n", True),
    ("N'hésitez pas à contribuer à l'amélioration de l'outil.\n", True),
])
def test_contributing_evidence(text: str, expected: bool) -> None:
    assert _topics(f"# X\n\n{text}")["contributing"] is expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Commit messages should be written in English.\n", False),     # codegouvfr-sources
    ("Nous utilisons des *pre-commit hooks* :\n\n```\npre-commit install\n```\n", False),
    ("Pour faciliter le développement, proposer un rendu homogène.\n\n"  # aides-territoires
     "Voir https://github.com/MTES-MCT/aides-territoires/pull/399\n", False),
    ("Ouvrez une issue, puis une pull request.\n", True),
    ("Send patches to the mailing list.\n", True),
    ("Soumettez vos modifications par une merge request.\n", True),
])
def test_how_to_propose_a_change(text: str, expected: bool) -> None:
    doc = parse(f"# Contributing\n\n{text}", "CONTRIBUTING.md")
    assert contributing.explains(doc)["how_to_contribute"] is expected


# --- Placeholders ----------------------------------------------------------------------------

def test_template_markers_are_placeholders_but_notes_and_prose_are_not() -> None:
    text = ("# X\n\nTODO: describe the service.\n\nRequirements: TODO\n\n<!-- à compléter -->\n\n"
            "Un fichier vide de migration à remplir manuellement.\n\n"  # MTES-MCT/mobilic-api
            "| Code à renseigner | Signification |\n|---|---|\n\n"           # etalab/sirene_as_api
            "- [ ] TODO: translate\n\n## TODO\n\n- TODO: add a dark theme\n\n"
            "```\n# TODO: in a code sample\n```\n")
    found = placeholders.find(parse(text, "README.md"), "README.md")
    assert [m["line"] for m in found] == [3, 5, 7]
    assert found[0]["summary"] == "README.md:3: TODO: describe the service."


def test_future_work_is_prose_and_a_template_s_name_is_a_placeholder() -> None:
    # IGNF/cartes.gouv.fr README.md:47: a roadmap list under "À venir :"; DNUM-SocialGouv/helios
    # CONTRIBUTING.md:384: "*À venir*" under a subsection not yet written.
    text = ("# cartes.gouv.fr\n\nÀ venir :\n\n- Diversification des formats d'entrée\n\n"
            "##### Configurer le SFTP local\n\n*À venir*\n\n"
            "Voir [project name](docs/name.md) et [nom du projet][ref].\n"
            # proconnect-gouv/federation README.md:102: a pattern of addresses
            "Most URLs follow the same pattern <app-name>.docker.dev-franceconnect.fr\n")
    assert placeholders.find(parse(text, "README.md"), "README.md") == []
    template = "# [Project name]\n\nÀ compléter\n\nLe <nom du service> aide les agents.\n"
    found = placeholders.find(parse(template, "README.md"), "README.md")
    assert [m["line"] for m in found] == [1, 3, 5]


def test_a_readme_still_holding_todo_lines_is_a_review() -> None:
    text = ("# Service\n\nTODO: one or two sentences: what the service does, for whom.\n\n"
            + "Le service aide les agents à instruire les demandes en ligne. " * 6 + "\n")
    status, message = _status(_facts({"README.md": text}), "readme-present")
    assert status is Status.REVIEW and "README.md:3: TODO" in message


# --- Links are followed one level, to files declared from the listing ----------------------

ONBOARDING = ("# Embarquement\n\n## Installation\n\n```\ngit clone https://github.com/o/r\n"
              "just init-dev\n```\n\n## Lancer le serveur\n\n```\njust runserver\n```\n")


@pytest.mark.parametrize(("readme_text", "guide", "url"), [
    # numerique-gouv/sites-faciles
    ("# Sites\n\nSites Conformes vise à simplifier la création de sites.\n\n## Installation et "
     "contribution\n\n- Pour installer le projet en local pour le développement, voir la "
     "[documentation d'embarquement](./ONBOARDING.md)\n", "ONBOARDING.md", None),
    # betagouv/rdv-insertion: an address of this very repository, on another branch
    ("# RDV\n\n## Installation\n\nLa procédure d'installation est disponible [ici]"
     "(https://github.com/o/r/blob/staging/docs/INSTALL.md)\n", "docs/INSTALL.md",
     "https://github.com/o/r"),
    # suitenumerique/meet: a folder stands for its README
    ("# Meet\n\n## Self-host\n\nCheck out the [docs](/docs/installation/) for instructions.\n",
     "docs/installation/README.md", None),
    # betagouv/conseillers-entreprises: a link named so, under "Documentation"
    ("# Place\n\n## Documentation\n\n- [Setup (en)](doc/01-setup.md)\n", "doc/01-setup.md", None),
])
def test_a_readme_linking_to_its_install_guide_explains_how(readme_text: str, guide: str,
                                                           url: str | None) -> None:
    files = {"README.md": readme_text, guide: ONBOARDING}
    facts = _facts(files, url)
    section = facts["community"]["readme"]
    assert section["followed"] == [guide] and section["sources"] == [guide]
    assert section["evidence"]["run"]["via"] == "link"
    assert section["evidence"]["run"]["path"] == guide
    status, message = _status(facts, "readme-explains-how-to-run")
    assert status is Status.PASS and guide in message
    assert guide in wanted_paths({p: 1 for p in {*CODE, *files}})


def test_a_guide_not_declared_is_a_review_and_other_links_are_not() -> None:
    # A guide whose file name does not say so, outside the usual folders, is not declared
    # (one named so, handbook/local-setup.md, is: locate.named_guides).
    text = ("# X\n\nX aide les agents à instruire les demandes.\n\n## Contribuer\n\nVoir "
            "[GOVERNANCE](GOVERNANCE.md).\n\n## Installation\n\nSuivez le [guide d'installation]"
            "(handbook/chapitre-3.md).\n")
    facts = _facts({"README.md": text, "GOVERNANCE.md": "# Gouvernance\n",
                    "handbook/chapitre-3.md": ONBOARDING})
    assert facts["community"]["readme"]["unfollowed"] == ["handbook/chapitre-3.md"]
    status, message = _status(facts, "readme-explains-how-to-run")
    assert status is Status.REVIEW and "handbook/chapitre-3.md" in message


def test_reads_stay_within_what_was_declared(tmp_path: Path) -> None:
    files = {"README.md": "# X\n\n## Installation\n\nSee [the notes](notes/random.md).\n",
             "notes/random.md": ONBOARDING, "CONTRIBUTING.md": "See [docs](docs/x/y/z.md).\n",
             "docs/x/y/z.md": "# Contributing\n\nOpen a pull request.\n"}
    snapshot = snapshot_from_files(files)
    seen: set[str] = set()
    reader = snapshot.reader
    snapshot.reader = lambda p: seen.add(p) or reader(p)  # type: ignore[func-returns-value]
    facts = build_facts(snapshot)
    assert seen <= wanted_paths(snapshot.files)
    assert facts["community"]["contributing"]["target"] == "docs/x/y/z.md"
    assert facts["community"]["contributing"]["target_read"] is False
    assert _status(facts, "contributing-file-substantial")[0] is Status.REVIEW


def test_the_guide_s_words_are_the_guide_s_and_the_message_names_it() -> None:  # MTES-MCT/dialog
    files = {"CONTRIBUTING.md": ("# Guide des contributions\n\nPour contribuer, veuillez vous "
                                 "référer à la [documentation de développement](./docs/README.md).\n"),
             "docs/README.md": "# Documentation de développement\n\n" + "Les pages de ce dossier. " * 8}
    facts = _facts(files)
    section = facts["community"]["contributing"]
    assert section["guide"] == "docs/README.md" and section["words"] == 43
    status, message = _status(facts, "contributing-file-substantial")
    assert status is Status.FAIL and "docs/README.md: 43 words" in message


# --- Templates in every form GitHub and GitLab document ---------------------------------------

def test_pull_request_and_issue_templates_in_every_documented_form() -> None:
    paths = [".github/PULL_REQUEST_TEMPLATE", "docs/pull_request_template.txt",  # sites-faciles
             "PULL_REQUEST_TEMPLATE.md", "docs/PULL_REQUEST_TEMPLATE/feature.md",
             ".github/pull_request_template/bug.md", "ISSUE_TEMPLATE.md",
             ".github/ISSUE_TEMPLATE/bug.yml", "docs/issue_template.txt",
             ".github/ISSUE_TEMPLATE/config.yml", "src/pull_request_template.md"]
    assert locate.pull_request_templates(paths) == paths[:5]
    assert locate.issue_templates(paths) == [paths[5], paths[6], paths[7]]


def test_the_chooser_configuration_counts_when_it_lists_contact_links() -> None:
    config = "blank_issues_enabled: false\ncontact_links:\n  - name: Forum\n    url: https://x\n"
    files = {".github/ISSUE_TEMPLATE/config.yml": config, ".github/PULL_REQUEST_TEMPLATE": "## But\n"}
    templates = _facts(files)["community"]["templates"]
    assert templates["issue"] == [".github/ISSUE_TEMPLATE/config.yml"]
    assert templates["pull_request"] == [".github/PULL_REQUEST_TEMPLATE"]
    bare = _facts({".github/ISSUE_TEMPLATE/config.yml": "blank_issues_enabled: true\n"})
    assert bare["community"]["templates"]["issue"] == []


# --- Security policies ------------------------------------------------------------------------

def test_a_threat_model_in_docs_is_no_security_policy() -> None:
    threat = ("# Security\n\nWe consider attackers on the network. Data is encrypted at rest "
              "and sessions expire after 30 minutes.\n")
    facts = _facts({"docs/security.md": threat})
    policy = facts["community"]["security_policy"]
    assert policy["path"] is None and policy["not_policies"] == [{"path": "docs/security.md"}]
    status, message = _status(facts, "security-policy-present")
    assert status is Status.FAIL and "docs/security.md" in message
    reporting = _facts({"docs/securite.md": "# Sécurité\n\nÉcrivez à securite@x.gouv.fr.\n"})
    assert _status(reporting, "security-policy-present")[0] is Status.PASS


def test_a_security_contact_given_in_the_readme_is_a_review() -> None:  # guide-juridique
    org = ("* Contribution\n\nLes remontées de bug de sécurité doivent être envoyés directement à\n"
           "=floss@numerique.gouv.fr=.\n")
    facts = _facts({"README.org": org})
    status, message = _status(facts, "security-policy-present")
    assert status is Status.REVIEW and "floss@numerique.gouv.fr" in message


def test_documents_without_code_have_no_service_to_run_or_secure() -> None:
    facts = build_facts(snapshot_from_files({  # DISIC/politique-de-contribution-open-source
        "README.md": "# Politique\n\nLa politique de contribution de l'État.\n",
        "pratique.md": "# Pratique\n", "DCO-fr.txt": "Certificat d'origine\n"}))
    for rule_id in ("readme-explains-how-to-run", "security-policy-present"):
        assert _status(facts, rule_id)[0] is Status.NOT_APPLICABLE
    # A DCO text a policy publishes for others is not this repository's contribution terms.
    assert facts["community"]["contributing"]["terms"]["dco"] is False


def test_a_dco_file_beside_a_contribution_guide_is_the_terms() -> None:
    facts = _facts({"CONTRIBUTING.md": "# Contributing\n\nOpen a pull request.\n",
                    "DCO.txt": "Developer Certificate of Origin\n"})
    assert facts["community"]["contributing"]["terms"]["dco"] is True


def test_approving_changes_is_no_dco_sign_off() -> None:  # SocialGouv/emjpm CONTRIBUTION.md
    text = ("# Contributing\n\nThe core team will be monitoring for pull requests. From here, "
            "we'll need to get another person to sign off on the changes and then merge the pull "
            "request.\n")
    facts = _facts({"CONTRIBUTING.md": text})
    assert facts["community"]["contributing"]["terms"]["dco"] is False


# --- Files not read never pass and are never "missing" ---------------------------------------

def test_a_contributing_symlinked_outside_is_a_review_for_every_rule_that_needs_it(
        tmp_path: Path) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    (root / "app.py").write_text("print(1)\n")
    (tmp_path / "shared.md").write_text("# Contributing\n\nOpen a pull request.\n")
    (root / "CONTRIBUTING.md").symlink_to(tmp_path / "shared.md")
    facts = build_facts(local_snapshot(root))
    assert facts["community"]["contributing"]["unreadable"]["reason"] == (
        "symlink escapes the repository; not read")
    for rule_id in ("contributing-file-present", "contributing-file-substantial",
                    "contribution-terms-state-dco", "no-cla-required"):
        status, message = _status(facts, rule_id)
        assert status is Status.REVIEW, rule_id
        assert "CONTRIBUTING.md" in message and "escapes the repository" in message
    assert _status(facts, "repository-files-readable")[0] is Status.FAIL


def test_a_readme_over_the_size_cap_is_a_review_never_a_pass() -> None:
    big = Snapshot(repo=snapshot_from_files({}).repo, files={"README.md": 2048, "app.py": 9},
                   reader=lambda p: b"x" * 2048 if p == "README.md" else b"print(1)\n",
                   max_file_bytes=1024)
    facts = build_facts(big)
    for rule_id in ("readme-present", "readme-explains-how-to-run", "readme-sections-present"):
        status, message = _status(facts, rule_id)
        assert status is Status.REVIEW, rule_id
        assert "file too large (2,048 bytes, limit 1,024)" in message


def test_a_readme_sending_readers_to_a_documentation_site_is_a_review() -> None:  # monitorfish
    text = ("# MonitorFish\n\n[![Documentation Status](https://readthedocs.org/projects/m/badge/)]"
            "(https://monitorfish.readthedocs.io/en/latest/?badge=latest)\n\nMonitorfish is a "
            "fishing vessels monitoring software.\n\n## Documentation\n\nThe full documentation "
            "is hosted [here](https://monitorfish.readthedocs.io/en/latest/).\n")
    facts = _facts({"README.md": text})
    assert facts["community"]["readme"]["doc_sites"] == ["https://monitorfish.readthedocs.io/en/latest/"]
    status, message = _status(facts, "readme-explains-how-to-run")
    assert status is Status.REVIEW and "cannot read (https://monitorfish.readthedocs.io" in message
    badge_only = _facts({"README.md": text.replace("The full documentation is hosted [here]"
                                                   "(https://monitorfish.readthedocs.io/en/latest/).",
                                                   "None yet.")})
    assert _status(badge_only, "readme-explains-how-to-run")[0] is Status.FAIL


def test_a_development_section_of_lint_and_tests_does_not_tell_how_to_run() -> None:
    text = ("# Comment contribuer ?\n\n## Développement\n\n### Tests\n\n```sh\nyarn lint\n```\n\n"
            "Pour avoir les erreurs en direct, utilisez le paramètre `--watch` :\n\n```sh\n"
            "yarn test:type --watch\n```\n")  # betagouv/mon-entreprise CONTRIBUTING.md
    assert not _topics(text, "CONTRIBUTING.md")["run"]


def test_forge_pages_for_proposing_a_change_are_ways_to_contribute() -> None:
    guide = ("# Améliorer le site\n\n## Ajouter une API\n\n[Ajoutez votre API en un clic]"
             "(https://github.com/betagouv/api.gouv.fr/new/master/_data/api?filename=x.md)\n")
    assert contributing.explains(parse(guide, "CONTRIBUTING.md"))["how_to_contribute"]
    readme_text = ('# Sparte\n\n<p><a href="https://github.com/MTES-MCT/sparte/issues/new">Reporter '
                   "un bug</a></p>\n")
    assert _topics(readme_text)["contributing"]
    assert not _topics("# X\n\nSee https://github.com/o/r/pull/399 for the history.\n")["contributing"]


def test_a_contributing_refused_at_read_time_is_a_review() -> None:
    """Listed, a regular file, but the reader is refused (permissions): why, not "missing"."""
    refused = Snapshot(repo=snapshot_from_files({}).repo,
                       files={"CONTRIBUTING.md": 40, "app.py": 9},
                       reader=lambda p: None if p == "CONTRIBUTING.md" else b"print(1)\n",
                       read_errors={"CONTRIBUTING.md": "cannot be read: Permission denied"})
    facts = build_facts(refused)
    assert facts["community"]["contributing"]["unreadable"]["reason_fr"] == (
        "illisible : Permission denied")
    status, message = _status(facts, "contributing-file-substantial")
    assert status is Status.REVIEW and "Permission denied" in message


# --- Two hops: a table of contents is followed by its links ---------------------------------

INSTALL = ("# Installation et configuration\n\n```sh\ncomposer install\nnpm clean-install\n```\n\n"
           "## Lancer\n\n```sh\nnpm run dev\n```\n")


def test_a_table_of_contents_is_followed_by_its_install_link() -> None:  # IGNF/cartes.gouv.fr
    files = {"README.md": ("# cartes.gouv.fr\n\nLe portail de la Géoplateforme pour publier des "
                           "données.\n\n## Développement\n\nVoir la [documentation développeur]"
                           "(docs/developer/README.md).\n"),
             "docs/developer/README.md": ("# Documentation développeur\n\n## Guides généraux\n\n"
                                          "- [Installation et configuration](install.md)\n"
                                          "- [Tests](test.md)\n"),
             "docs/developer/test.md": "# Tests\n\n```\nnpm test\n```\n",
             "docs/developer/install.md": INSTALL}
    facts = _facts(files)
    section = facts["community"]["readme"]
    route = "README.md → docs/developer/README.md → docs/developer/install.md"
    assert section["routes"] == [route]
    assert section["evidence"]["run"]["line"] == 7
    status, message = _status(facts, "readme-explains-how-to-run")
    assert status is Status.PASS and route in message
    assert "docs/developer/install.md" in wanted_paths({p: 1 for p in {*CODE, *files}})


def test_a_third_hop_and_unnamed_links_of_a_page_are_not_followed() -> None:
    files = {"README.md": "# X\n\nX aide les agents.\n\n## Développement\n\n[Guide](docs/a.md)\n",
             "docs/a.md": "# A\n\n- [Setup](b.md)\n- [Notes](install-notes.md)\n",
             "docs/b.md": "# B\n\n- [Installation](install.md)\n",
             "docs/install-notes.md": "# Notes\n\nRien.\n",
             "docs/install.md": INSTALL}
    section = _facts(files)["community"]["readme"]
    assert "docs/install.md" not in section["followed"]
    assert section["explains"]["run"] is False


def test_a_site_built_from_docs_is_read_there() -> None:  # codegouvfr/sill
    readme_text = ("# Catalogi\n\nCatalogi is a catalogue of software for administrations.\n\n"
                   "## Documentation\n\n"
                   "Documentation is available [here](https://codegouvfr.github.io/catalogi/)\n\n"
                   "## Code organization\n\n- `docs/`: Documentation, as deployed "
                   "[here](https://codegouvfr.github.io/catalogi/)\n")
    files = {"README.md": readme_text, "docs/index.html": "<html></html>\n",
             "docs/README.md": "# Catalogi\n\n- **[Getting Started](2-getting-started.md)**\n",
             "docs/2-getting-started.md": INSTALL}
    facts = _facts(files)
    section = facts["community"]["readme"]
    assert section["doc_sites"] == [] and section["explains"]["run"]
    assert section["routes"] == ["README.md → docs/README.md → docs/2-getting-started.md"]
    # A site the README does not say is built from docs/ stays unread: a review.
    other = readme_text.replace("- `docs/`: Documentation", "- `web/`: Frontend")
    assert _facts({**files, "README.md": other})["community"]["readme"]["doc_sites"] == [
        "https://codegouvfr.github.io/catalogi/"]


def test_this_repository_s_pages_map_to_docs() -> None:
    paths = {"docs/index.md", "docs/install.md", "docs/guide/README.md"}
    url = "https://github.com/o/r"
    assert locate.site_page("https://o.github.io/r/", url, paths) == "docs/index.md"
    assert locate.site_page("https://o.github.io/r/install/", url, paths) == "docs/install.md"
    assert locate.site_page("https://o.github.io/r/#/guide", url, paths) == "docs/guide/README.md"
    assert locate.site_page("https://other.github.io/r/", url, paths) is None
    assert locate.site_page("https://o.github.io/elsewhere/", url, paths) is None
    assert locate.site_page("https://o.github.io/r/", None, paths) is None


def test_a_page_of_the_documentation_folder_is_declared_and_followed() -> None:  # IGNF/validator
    files = {"README.md": ("# Validator\n\nValide des données géographiques selon un modèle.\n\n"
                           "## Utilisation\n\nLes techniciens peuvent se référer à la documentation "
                           "[utilisation du validateur en ligne de commande](doc/cli.md).\n"),
             "doc/cli.md": "# Utilisation\n\n## Installation du validateur\n\n```\nmvn install\n```\n"}
    assert "doc/cli.md" in wanted_paths({p: 1 for p in {*CODE, *files}})
    assert _facts(files)["community"]["readme"]["followed"] == ["doc/cli.md"]


def test_a_pointer_then_a_table_of_contents_lead_to_the_contribution_guide() -> None:
    # MTES-MCT/dialog: CONTRIBUTING.md → docs/README.md → docs/getting-started.md
    files = {"CONTRIBUTING.md": ("# Guide des contributions\n\nPour contribuer, veuillez vous "
                                 "référer à la [documentation](./docs/README.md).\n"),
             "docs/README.md": ("# Documentation\n\n" + "Les pages de ce dossier. " * 16
                                + "\n\n- [Bien démarrer](./getting-started.md)\n"
                                "- [Architecture](./adr/README.md)\n"),
             "docs/getting-started.md": ("# Bien démarrer\n\n## Contribuer au projet\n\n"
                                         + "Créez une branche, committez vos changements. " * 15
                                         + "\n\nOuvrez une PR vers la branche main.\n")}
    facts = _facts(files)
    section = facts["community"]["contributing"]
    assert section["guide"] == "docs/getting-started.md"
    route = "CONTRIBUTING.md → docs/README.md → docs/getting-started.md"
    assert section["route"] == route
    status, message = _status(facts, "contributing-file-substantial")
    assert status is Status.PASS and route in message
    # Without the page that says how, the table of contents is still what is judged.
    files["docs/getting-started.md"] = "# Bien démarrer\n\n" + "Installez Docker. " * 30 + "\n"
    assert _status(_facts(files), "contributing-file-substantial")[0] is Status.FAIL


def test_a_title_or_a_development_section_without_a_start_command_does_not_tell_how_to_run() -> None:
    # betagouv/eva-serveur: "# Serveur eva", set-up commands under "Initialisation de
    # l'environnement de developpement", tests under "Lancer les tests"; no start command.
    text = ("# Serveur eva\n\nCette application sert de serveur pour eva.\n\n"
            "## Initialisation de l'environnement de developpement\n\n```\nbundle install\n```\n\n"
            "### Création de la base\n`rake db:create`\n\n### Lancer les tests\n"
            "`bundle exec rake spec` ou `guard`\n\nVoir le [schéma](docs/erd.mmd).\n")
    topics = _topics(text)
    assert topics["install"] and not topics["run"]
    facts = _facts({"README.md": text, "docs/erd.mmd": "erDiagram\n"})
    assert facts["community"]["readme"]["unfollowed"] == []
    assert _status(facts, "readme-explains-how-to-run")[0] is Status.FAIL
    # A development section that starts the service does tell it.
    assert _topics(text.replace("bundle install\n", "bundle install\nbin/dev\n"))["run"]
    assert _topics("# Serveur eva\n\nUn serveur.\n\n## Lancer en local\n\n`rake db:create`\n")["run"]


# --- Libraries and tools: installing the package, then a usage example, is how to run it -----

CSV_DETECTIVE = ("# CSV Detective\n\nThis is a package to automatically detect column content in "
                 "tabular files.\n\n## How To?\n\n### Install the package\n\n```bash\npip install "
                 "csv-detective\n```\n\n### Detect some columns\n\n```python\n# Import the package\n"
                 "from csv_detective import routine\n\ninspection_results = routine(file_path)\n```\n")


def test_a_library_installed_then_imported_explains_how_to_run() -> None:
    # datagouv/csv-detective README.md:11-40
    facts = _facts({"README.md": CSV_DETECTIVE})
    assert facts["community"]["readme"]["evidence"]["run"] == {"path": "README.md", "line": 15,
                                                               "via": "text", "usage": True}
    status, message = _status(facts, "readme-explains-how-to-run")
    assert status is Status.PASS and "as a usage example of the package it installs" in message


def test_the_pass_message_names_the_usage_example_only_when_the_pass_rests_on_it() -> None:
    # InseeFrLab/pynsee: running found elsewhere, the README also has an example; the message
    # must not say "usage example: no" (a false fact), nor mention it at all.
    text = ("# Service\n\nA service that does things for people.\n\n## Installation\n\n"
            "```\npip install -r requirements.txt\n```\n\n## Lancer\n\n```\nmake start\n```\n")
    status, message = _status(_facts({"README.md": text}), "readme-explains-how-to-run")
    assert status is Status.PASS
    assert "usage example" not in message and message.endswith("(installation: yes; running: yes).")


@pytest.mark.parametrize("text", [
    # IGNF/validator doc/cli.md: a jar downloaded, then invoked
    "# Validator\n\n## Installation du validateur\n\nTéléchargez `validator-cli.jar` et testez "
    "avec la commande `java -jar validator-cli.jar version`.\n",
    "# mytool\n\n## Install\n\n```\nnpm install -g mytool@2\n```\n\n## Usage\n\n```\nmytool --input x\n```\n",
    "# Lib\n\n```\ncomposer require acme/mylib\n```\n\n```php\nuse Mylib\\Client;\n```\n",
])
def test_a_tool_installed_then_invoked_explains_how_to_run(text: str) -> None:
    assert readme.usage_example(parse(text, "README.md")) is not None


@pytest.mark.parametrize(("text", "project"), [
    # suitenumerique/django-lasuite: the checkout is entered, the library is never used
    ("# Django La Suite\n\n```bash\npip install django-lasuite\n```\n\n## Quick Start\n\nTo be "
     "documented.\n\n```bash\ngit clone https://github.com/o/django-lasuite.git\n"
     "cd django-lasuite\nmake install-dev\n```\n", ["django-lasuite"]),
    # a development tool of a service is not the service
    ("# Mon service\n\n```\npip install pre-commit\npre-commit run --all-files\n```\n",
     ["mon-service"]),
    # a package used in a test is not run
    ("# Lib\n\n```\npip install mylib\npytest mylib\n```\n", []),
])
def test_what_is_no_usage_example(text: str, project: list[str]) -> None:
    assert readme.usage_example(parse(text, "README.md"), project) is None


def test_a_prerequisite_tool_s_documentation_is_not_the_project_s() -> None:  # django-lasuite
    """"Install [uv](https://docs.astral.sh/uv/…)" sends readers to a tool the project needs,
    not to the project's guide: nothing unread to review, so the missing run step fails."""
    text = ("# django-lasuite\n\nA Django library for the common requirements of La Suite.\n\n"
            "## Development\n\nInstall [uv](https://docs.astral.sh/uv/getting-started/installation/)"
            " then run `make install-dev`.\n\n## Quick Start\n\nTo be documented.\n")
    facts = _facts({"README.md": text})
    assert facts["community"]["readme"]["doc_sites"] == []
    status, message = _status(facts, "readme-explains-how-to-run")
    assert status is Status.FAIL and "docs.astral.sh" not in message
    # The project's own site, even on a docs host, is still one to review.
    own = text.replace("## Quick Start\n\nTo be documented.\n",
                       "## Documentation\n\nSee [the docs](https://docs.django-lasuite.example/).\n")
    assert _facts({"README.md": own})["community"]["readme"]["doc_sites"] == [
        "https://docs.django-lasuite.example/"]


def test_a_licence_heading_over_no_licence_says_nothing() -> None:  # datagouv/passemarche
    """"## 📄 Licence" over a sentence on who the project is for names no licence."""
    text = ("# Passe Marché\n\nPasse Marché simplifie la candidature des entreprises aux marchés "
            "publics.\n\n## Contribuer\n\nOuvrez une pull request.\n\n## 📄 Licence\n\nCe projet est "
            "développé pour l'administration française dans le cadre de l'amélioration de l'accès "
            "aux marchés publics.\n\n## Support\n\nCréer une nouvelle issue.\n")
    readme = _facts({"README.md": text})["community"]["readme"]
    assert readme["explains"]["licence"] is False
    status, message = _status(_facts({"README.md": text}), "readme-sections-present")
    assert status is Status.FAIL and "licence: False" not in message and "licence: no" in message
    for named in ("Ce projet est sous licence MIT.", "Voir [LICENSE](LICENSE).",
                  "[![License: Apache-2.0](https://img.shields.io/badge/x.svg)]"
                  "(https://opensource.org/licenses/Apache-2.0)"):
        fixed = text.replace("Ce projet est développé pour l'administration française dans le "
                             "cadre de l'amélioration de l'accès aux marchés publics.", named)
        assert _facts({"README.md": fixed})["community"]["readme"]["explains"]["licence"], named
    assert _facts({"README.md": text.replace("## 📄 Licence", "## Licence EUPL-1.2")})[
        "community"]["readme"]["explains"]["licence"]


def test_terms_in_a_companion_guide_the_contribution_guide_links_to() -> None:  # dsfr-chart
    """CONTRIBUTING.md sends contributors to CONTRIBUTING-gitflow.md, which asks for sign-offs
    and a signed copyright assignment: both are the repository's terms."""
    guide = ("# Contribuer\n\nOuvrez une pull request pour proposer une modification. Décrivez le "
             "problème que vous résolvez, la façon dont vous le résolvez et comment vérifier le "
             "résultat ; l'équipe relit chaque proposition et vous répond dans la semaine. Les "
             "tickets servent à signaler les anomalies et à discuter des évolutions attendues.\n\n"
             "Se référer au fichier [CONTRIBUTING-gitflow.md](./CONTRIBUTING-gitflow.md) qui décrit "
             "le modèle de branches à suivre pour contribuer.\n")
    gitflow = ("# Gitflow\n\n### Signature des commits\n\nNous demandons aux contributeurs de signer "
               "leurs commits :\n\n```\ngit commit --signoff\n```\n\n### Proposer une pull request\n\n"
               "Pour les personnes n'étant pas des agents de l'État, prenez connaissance des documents "
               "relatifs à la [cession des droits d'auteur](doc/legal/cession.md), document à nous "
               "transmettre signé.\n")
    facts = _facts({"CONTRIBUTING.md": guide, "CONTRIBUTING-gitflow.md": gitflow})
    section = facts["community"]["contributing"]
    assert section["companions"] == ["CONTRIBUTING-gitflow.md"]
    assert section["guide"] == "CONTRIBUTING.md"  # the companion is read, not judged as the guide
    assert _status(facts, "contribution-terms-state-dco")[0] is Status.PASS
    status, message = _status(facts, "no-cla-required")
    assert status is Status.FAIL and "CONTRIBUTING-gitflow.md" in message
    # Not linked: not this guide's companion, nothing read.
    unlinked = _facts({"CONTRIBUTING.md": guide.replace("[CONTRIBUTING-gitflow.md](./CONTRIBUTING-"
                                                        "gitflow.md)", "CONTRIBUTING-gitflow"),
                       "CONTRIBUTING-gitflow.md": gitflow})
    assert unlinked["community"]["contributing"]["companions"] == []
    assert _status(unlinked, "no-cla-required")[0] is Status.PASS


def test_a_title_naming_an_activity_is_the_service_s_name() -> None:  # datagouv/fr-format
    """"# Fr-format" names the library; the sentence under it says what it is."""
    text = ("# Fr-format\n\nThe standard library `fr-format` provides a collection of validators to "
            "check data against typical French formats.\n\n## Installation\n\n```\npip install "
            "fr-format\n```\n")
    assert _facts({"README.md": text + ARCHITECTURE})["community"]["readme"]["explains"]["what"] is True
    # A section about formatting after the introduction still ends it.
    late = "# Service\n\n## Formatting\n\nThe code is formatted with black and ruff, always.\n"
    assert _facts({"README.md": late})["community"]["readme"]["explains"]["what"] is False


def test_a_note_on_the_document_is_not_what_the_service_is() -> None:  # MTES-MCT/Docurba
    text = ("# Docurba\n\nCette documentation est en cours de création. Merci de l'agrémenter selon "
            "vos besoins.\n\n## Architecture\n\n(à faire)\n")
    assert _facts({"README.md": text})["community"]["readme"]["explains"]["what"] is False
    said = text.replace("Cette documentation est en cours de création. Merci de l'agrémenter selon "
                        "vos besoins.", "Docurba aide les collectivités à suivre leurs documents "
                        "d'urbanisme.")
    assert _facts({"README.md": said + ARCHITECTURE})["community"]["readme"]["explains"]["what"] is True


def test_a_directory_tree_holds_no_commands() -> None:  # quefairedemesobjets
    text = ("# Service\n\nLe service aide les usagers à trouver où donner leurs objets.\n\n"
            "## Architecture du dépôt\n\n```txt\n/\n├── webapp/            # Application Django\n"
            "├── docker-compose.yml # Exécution en local\n└── Makefile           # Commandes\n```\n")
    explains = _facts({"README.md": text})["community"]["readme"]["explains"]
    assert explains["install"] is False and explains["run"] is False


def test_only_a_presentation_says_what_the_service_is() -> None:  # monstage, pass-emploi-connect
    """"### about/run units test" is about the tests; a sentence under « Récupérer les variables
    d'environnement » says how to configure the service, not what it is."""
    tests_heading = ("# monstage\n\n## Installation\n\n```\nbundle install\n```\n\n### about/run units "
                     "test\n\nWe use minitest for all the unit tests of the models.\n")
    assert _facts({"README.md": tests_heading})["community"]["readme"]["explains"]["what"] is False
    setting_up = ("## Pass Emploi Connect\n\n### Pré-requis\n\n- Node 20\n\n### Récupérer les variables "
                  "d'environnement\n\nLe fichier d'env est chiffré et versionné dans le dépôt.\n")
    assert _facts({"README.md": setting_up})["community"]["readme"]["explains"]["what"] is False
    about = tests_heading.replace("### about/run units test", "## À propos\n\nmonstage aide les "
                                  "élèves de troisième à trouver un stage d'observation.\n\n### Tests")
    assert _facts({"README.md": about + ARCHITECTURE})["community"]["readme"]["explains"]["what"] is True


def test_a_tagline_alone_does_not_say_what_the_service_is() -> None:  # incubateur-ademe/standards
    """readme-present fails a README of a title and a tagline (6 words); readme-sections-present
    must not say of the same text that it says what the service is."""
    text = "# standards\nStandards de l'Incubateur de l'ADEME\n"
    facts = _facts({"README.md": text})
    assert facts["community"]["readme"]["explains"]["what"] is False
    assert _status(facts, "readme-present")[0] is Status.FAIL
    status, message = _status(facts, "readme-sections-present")
    assert status is Status.FAIL and "what the service is: no" in message
    # The same tagline over a README of some length says it.
    longer = _facts({"README.md": text + ARCHITECTURE})
    assert longer["community"]["readme"]["explains"]["what"] is True
    assert _status(longer, "readme-present")[0] is Status.PASS
    # A short README's sentence says it (InseeFr/Genesis-API, 15 words in all).
    sentence = ("# Genesis Api\n\nThe Genesis API will provide an interface with the responses' "
                "referential (Genesis DB)\n")
    assert _facts({"README.md": sentence})["community"]["readme"]["explains"]["what"] is True


def test_a_short_readme_s_line_that_describes_says_what_the_service_is() -> None:
    """datagouv/cadastre-bundler-api: a 10-word README whose only line says what the API does;
    a title's tagline that only expands the name (incubateur-ademe/standards,
    datagouv/geo.api.gouv.fr) does not."""
    cadastre = "# cadastre-bundler-api\nAPI permettant de télécharger les données cadastrales\n"
    facts = _facts({"README.md": cadastre})
    assert facts["community"]["readme"]["explains"]["what"] is True
    assert facts["community"]["readme"]["evidence"]["what"]["line"] == 2
    status, message = _status(facts, "readme-sections-present")
    assert status is Status.FAIL and "what the service is: yes" in message
    for text in ("# standards\nStandards de l'Incubateur de l'ADEME\n",
                 "# geoapi-doc\nDocumentation de la GéoAPI\n",
                 "# outil\nOutil de la Direction de la Culture\n",
                 "# outil\nOutil pour votre administration\n",
                 # A notice about the repository or the document, a badge line.
                 "# outil\nThis project is a work in progress, more to come\n",
                 "# outil\nCe dépôt est archivé et n'est plus maintenu depuis\n",
                 "# outil\n[![Build](https://ci.example/badge.svg)](https://ci.example) "
                 "[![Licence MIT](https://img.shields.io/badge/licence-MIT-blue.svg)](LICENSE)\n"):
        assert _facts({"README.md": text})["community"]["readme"]["explains"]["what"] is False, text
    for text in ("# outil\nOutil pour publier les données des collectivités\n",
                 "# tool\nA tool that generates invoices for public bodies\n",
                 "# api\nCette API est un service de géocodage\n"):
        assert _facts({"README.md": text})["community"]["readme"]["explains"]["what"] is True, text


def test_the_readme_length_threshold_is_readme_present_s() -> None:
    import yaml

    rule = yaml.safe_load((Path(__file__).parents[3] / "rules/publication/readme-present.yaml")
                          .read_text(encoding="utf-8"))
    minimum = rule["check"]["properties"]["community"]["properties"]["readme"]["then"][
        "anyOf"][0]["properties"]["words"]["minimum"]
    assert minimum == readme.MIN_README_WORDS


#: incubateur-territoires/bureau README.md (22 words of prose): a sentence on what the portal is,
#: its start-up steps, its licence.
BUREAU = ("# Bureau ANCT\n\nPortail d'accès aux outils numériques de l'ANCT via authentification "
          "ProConnect.\n\n## Démarrage\n\n```bash\nnpm install\ncp .env.template .env.local\n"
          "npm run dev\n```\n\nOuvrir [http://localhost:3000](http://localhost:3000).\n\n"
          "## Licence\n\nMIT — voir [LICENSE](LICENSE).\n")


def test_a_short_readme_that_says_what_and_how_presents_the_repository() -> None:
    facts = _facts({"README.md": BUREAU})
    assert facts["community"]["readme"]["words"] < readme.MIN_README_WORDS
    assert _status(facts, "readme-present")[0] is Status.PASS
    # The same sentence alone, or the steps and the licence without it, do not.
    alone = _facts({"README.md": BUREAU.split("## Démarrage")[0]})
    assert alone["community"]["readme"]["explains"]["what"] is True
    status, message = _status(alone, "readme-present")
    assert status is Status.FAIL and "at least 30 expected, or a sentence" in message
    no_what = BUREAU.replace("Portail d'accès aux outils numériques de l'ANCT via authentification "
                             "ProConnect.", "")
    assert _status(_facts({"README.md": no_what}), "readme-present")[0] is Status.FAIL
    # A contributing sentence beside it is not how to install, run or license it.
    contributing = (BUREAU.split("## Démarrage")[0] + "## Contribuer\n\nOuvrez une issue.\n")
    assert _status(_facts({"README.md": contributing}), "readme-present")[0] is Status.FAIL


# --- What a repository without a contribution guide has instead ----------------------------

def test_a_component_s_guide_is_named_not_taken_for_the_repository_s() -> None:
    """InseeFrLab/onyxia: web/CONTRIBUTING.md (three lines) serves the web app; the root has
    DCO.md beside it, the repository's terms."""
    facts = _facts({"README.md": "# Onyxia\n", "DCO.md": "Developer Certificate of Origin\n"
                    "Version 1.1\n", "web/CONTRIBUTING.md": "Looking to contribute? Thank you! "
                    "PR are more than welcome.\n"})
    contributing_facts = facts["community"]["contributing"]
    assert contributing_facts["path"] is None
    assert contributing_facts["components"] == ["web/CONTRIBUTING.md"]
    assert contributing_facts["terms"]["dco"] is True
    status, message = _status(facts, "contributing-file-present")
    assert status is Status.FAIL and "only a sub-folder has one: web/CONTRIBUTING.md" in message


def test_a_website_s_page_on_contributing_is_named_as_such() -> None:
    """datagouv/schema.data.gouv.fr: site/contribuer.md is the VuePress site's page on proposing
    schemas (site/.vuepress/config.js beside it), not a guide of the site/ folder."""
    files = {"README.md": "# schema.data.gouv.fr\n", "site/.vuepress/config.js": "module.exports = {}\n",
             "site/contribuer.md": "<br />\n\n<Contribution />\n", "site/index.md": "# Schémas\n"}
    facts = _facts(files)
    section = facts["community"]["contributing"]
    assert section["components"] == []
    assert section["site_pages"] == [{"site": "site", "pages": ["site/contribuer.md"]}]
    status, message = _status(facts, "contributing-file-present")
    assert status is Status.FAIL
    assert message.endswith("the only contribution page is a page of the website in site/: "
                            "site/contribuer.md.")
    # A folder with no site generator's configuration keeps its guide (InseeFrLab/onyxia).
    del files["site/.vuepress/config.js"]
    section = _facts(files)["community"]["contributing"]
    assert section["components"] == ["site/contribuer.md"] and section["site_pages"] == []
    # A site at the root does not make every folder's guide one of its pages.
    files["_config.yml"] = "title: x\n"
    assert _facts(files)["community"]["contributing"]["components"] == ["site/contribuer.md"]


@pytest.mark.parametrize("files", [
    {"docs/CONTRIBUTING.md": "# Contribuer\n"},                     # docs/ is a place of the guide
    {"node_modules/x/CONTRIBUTING.md": "x\n"},                      # a dependency's
    {"vendor/lib/CONTRIBUTING.md": "x\n"},
    {"a/b/c/CONTRIBUTING.md": "x\n"},                               # deep: not a component
])
def test_what_is_no_component_guide(files: dict[str, str]) -> None:
    assert _facts({"README.md": "# R\n", **files})["community"]["contributing"]["components"] == []


def test_a_dco_text_alone_is_no_terms() -> None:  # a contribution policy publishing DCO-fr.txt
    facts = _facts({"README.md": "# R\n", "DCO.md": "Developer Certificate of Origin\n"})
    assert facts["community"]["contributing"]["terms"]["dco"] is False


def test_a_contributing_folder_without_index_is_named() -> None:
    """InseeFrLab/docs.onyxia.sh: contributing/catalog-of-services.md is a user page; the
    message must not say there is no contributing/ folder."""
    facts = _facts({"README.md": "# Onyxia docs\n",
                    "contributing/catalog-of-services.md": "# Catalog of services\n"})
    assert facts["community"]["contributing"]["folder"] == {
        "path": "contributing/", "files": ["contributing/catalog-of-services.md"]}
    status, message = _status(facts, "contributing-file-present")
    assert status is Status.FAIL
    assert "the folder contributing/ holds no README or index page" in message
    assert "contributing/catalog-of-services.md" in message


@pytest.mark.parametrize("index", ["contributing/README.md", "CONTRIBUTING/index.md",
                                   "docs/contributing/README.md"])
def test_a_contributing_folder_s_index_is_the_guide(index: str) -> None:
    facts = _facts({"README.md": "# R\n", index: "# Contribuer\n\nOuvrez une pull request.\n",
                    index.rsplit("/", 1)[0] + "/code.md": "# Code\n"})
    assert facts["community"]["contributing"]["path"] == index
    assert facts["community"]["contributing"]["folder"] is None
    assert _status(facts, "contributing-file-present")[0] is Status.PASS


@pytest.mark.parametrize(("sentence", "says"), [
    ("Renovate groups updates weekly to reduce PR noise.", False),  # etalab-ia/evalap
    ("Every modification should be submited as a PR.", True),  # datagouv/csv-detective
    ("Issues and PRs are welcome.", True),  # gip-inclusion/data-inclusion
    ("Ouvrez une PR vers la branche main.", True),
    ("PRs are very welcome!", True),
])
def test_a_pr_mention_says_how_to_propose_only_as_a_way_to_propose(sentence: str, says: bool) -> None:
    guide = ("# Contributing\n\n" + "The project is developed by a small team at the ministry; the "
             "setup below installs everything you need to run it on your machine. " * 4
             + "\n\n" + sentence + "\n")
    explains = _facts({"CONTRIBUTING.md": guide})["community"]["contributing"]["explains"]
    assert explains["how_to_contribute"] is says


def test_how_to_propose_a_change_in_the_workflow_page_the_guide_links() -> None:  # potentiel
    guide = ("# Contribuer\n\n" + "Le projet est développé par une petite équipe ; cette page "
             "présente l'architecture et les conventions du dépôt pour bien démarrer. " * 6
             + "\n\n- [Architecture](./docs/contributing/ARCHITECTURE.md)\n- [Conventions]"
             "(./docs/contributing/CODING_CONVENTION.md)\n- [Démarrer](./docs/contributing/"
             "GETTING_STARTED.md)\n- [Apporter des changements](./docs/contributing/"
             "DEVELOPMENT_FLOW.md#apporter-des-changements)\n")
    files = {"CONTRIBUTING.md": guide,
             "docs/contributing/ARCHITECTURE.md": "# Architecture\n\nHexagonale.\n",
             "docs/contributing/CODING_CONVENTION.md": "# Conventions\n\nPrettier.\n",
             "docs/contributing/GETTING_STARTED.md": "# Démarrer\n\nnpm install\n",
             "docs/contributing/DEVELOPMENT_FLOW.md": "# Flux\n\n## Apporter des changements\n\n"
             "1. Créer une branche.\n2. Ouvrir une PR et demander la revue.\n"}
    facts = _facts(files)
    section = facts["community"]["contributing"]
    assert section["explains"]["how_to_contribute"] is True
    assert section["route"] == "CONTRIBUTING.md → docs/contributing/DEVELOPMENT_FLOW.md"
    status, message = _status(facts, "contributing-file-substantial")
    assert status is Status.PASS and "docs/contributing/DEVELOPMENT_FLOW.md" in message
    del files["docs/contributing/DEVELOPMENT_FLOW.md"]
    assert _facts(files)["community"]["contributing"]["explains"]["how_to_contribute"] is False


# --- Bauhaus-Back-Office (InseeFr): a to-do list is no invitation; a link to an absent folder -----

#: InseeFr/Bauhaus-Back-Office README.md:1-31, shortened: a roadmap of the team's own tasks.
BAUHAUS = (
    "# Bauhaus-Back-Office\n\nRest Endpoints and services Integration used by "
    "[Bauhaus](https://github.com/InseeFr/Bauhaus)\n\nThe documentation can be found in the "
    "[docs](https://github.com/InseeFr/Bauhaus-Back-Office/tree/master/docs) folder and "
    "[browsed online](https://inseefr.github.io/Bauhaus-Back-Office).\n\n## Gitleaks\n\n"
    "To make it effective, you need to run `mvn install -DskipTests` beforehand.\n\nRoadmap\n"
    "- On Migre un module\n  - Se poser la questions de nouvelles regles de validation metier et "
    "creer ticket Github pour les implementer ensuite.\n")
BAUHAUS_URL = "https://github.com/InseeFr/Bauhaus-Back-Office"


def test_a_team_s_to_do_note_is_no_invitation_to_contribute() -> None:  # Bauhaus-Back-Office
    """"creer ticket Github pour les implementer" is the team's note to itself, not an address
    to readers: a change asked for takes an article, or is plural."""
    assert not _topics(BAUHAUS)["contributing"]
    status, message = _status(_facts({"README.md": BAUHAUS}), "readme-sections-present")
    assert status is Status.FAIL and "contributing: no" in message


@pytest.mark.parametrize("text", [
    "Pour contribuer, créez une issue sur GitHub.", "Feel free to open an issue.",
    "Submit pull requests against main.", "N'hésitez pas à ouvrir une nouvelle issue.",
    "Vous pouvez créer des tickets.", "Please send a patch.", "Ouvrez l'issue correspondante."])
def test_an_invitation_with_an_article_or_a_plural_still_counts(text: str) -> None:
    assert _topics(f"# Service\n\n{text}\n")["contributing"]


def test_each_part_found_names_its_line_in_the_evidence() -> None:  # Bauhaus-Back-Office
    """A reader checks "what the service is: yes" at README.md:3 (today: ``line: null``)."""
    text = BAUHAUS + "\n## Licence\n\nMIT\n\n## Contribuer\n\nOuvrez une issue.\n"
    rule = RULES.get("readme-sections-present")
    assert rule is not None
    finding = evaluate(rule, _facts({"README.md": text}))
    lines = {e["pointer"].rsplit("/", 1)[-1]: (e.get("path"), e.get("line"))
             for e in finding.evidence}
    assert lines == {"what": ("README.md", 3), "licence": ("README.md", 15),
                     "contributing": ("README.md", 19)}


def test_a_link_to_an_absent_folder_of_the_repository_is_dead() -> None:  # Bauhaus-Back-Office
    """README.md:6 links …/tree/master/docs, a folder the repository does not hold: no
    documentation to review, a dead link, and the README alone does not say how to run."""
    facts = _facts({"README.md": BAUHAUS}, BAUHAUS_URL)
    section = facts["community"]["readme"]
    assert section["doc_sites"] == []
    assert section["dead_links"] == [{"url": f"{BAUHAUS_URL}/tree/master/docs", "line": 5,
                                      "target": "docs/"}]
    status, message = _status(facts, "readme-explains-how-to-run")
    assert status is Status.FAIL
    assert "it links to docs/, which is not in the repository as scanned" in message
    assert "running found: no" in message
    rule = RULES.get("readme-explains-how-to-run")
    assert rule is not None
    french = evaluate(rule, facts).texts["fr"]["message"]
    assert "il renvoie à docs/, qui n'est pas dans le dépôt analysé" in french


def test_a_link_to_the_repository_s_own_folder_that_exists_is_read() -> None:
    facts = _facts({"README.md": BAUHAUS, "docs/index.md": "# Docs\n\nSee the code.\n"},
                   BAUHAUS_URL)
    section = facts["community"]["readme"]
    assert section["dead_links"] == [] and section["doc_sites"] == []
    assert section["followed"] == ["docs/index.md"]


@pytest.mark.parametrize("url", [None, "https://github.com/someone/else"])
def test_without_knowing_the_repository_a_docs_link_stays_to_review(url: str | None) -> None:
    """A local folder with no hosted remote, or another repository: civiscan cannot say the
    link is dead, so the documentation stays to check by hand."""
    facts = _facts({"README.md": BAUHAUS}, url)
    assert facts["community"]["readme"]["dead_links"] == []
    status, message = _status(facts, "readme-explains-how-to-run")
    assert status is Status.REVIEW and "tree/master/docs" in message


def test_a_cut_listing_never_calls_a_link_dead() -> None:
    snapshot = snapshot_from_files({**CODE, "README.md": BAUHAUS})
    snapshot.repo = type(snapshot.repo)(name="r", full_name="o/r", url=BAUHAUS_URL)
    snapshot.truncated = True
    facts = build_facts(snapshot)
    assert facts["community"]["readme"]["dead_links"] == []
    assert _status(facts, "readme-explains-how-to-run")[0] is Status.REVIEW


#: InseeFr/Trevas docs/CONTRIBUTING.md:1-15: how to serve the Docusaurus site of the docs.
TREVAS_DOCS_GUIDE = ("# Welcome to Trevas docs contributing guide\n\n## Getting started\n\n"
                     "### Install dependencies\n\nRun `yarn`\n\n### Start local server\n\n"
                     "By default, `yarn start` script will display English content.\n")
#: InseeFr/Trevas README.md:1-36, shortened.
TREVAS = ("# Trevas\n\nTransformation engine for VTL, the Validation and Transformation Language "
          "of SDMX, written in Java.\n\n## Documentation\n\nIf you want to contribute, see this "
          "[guide](docs/CONTRIBUTING.md).\n")


def test_a_guide_to_the_documentation_site_is_not_how_to_run_the_project() -> None:  # Trevas
    """The guide's own title says it is the docs' ("Trevas docs contributing guide"): its
    ``yarn start`` serves the documentation, so it is not taken as how to run Trevas."""
    assert readme.about_documentation(parse(TREVAS_DOCS_GUIDE, "docs/CONTRIBUTING.md"), ["Trevas"])
    facts = _facts({"README.md": TREVAS, "docs/CONTRIBUTING.md": TREVAS_DOCS_GUIDE})
    section = facts["community"]["readme"]
    assert section["followed"] == ["docs/CONTRIBUTING.md"]
    assert not section["explains"]["install"] and not section["explains"]["run"]
    status, message = _status(facts, "readme-explains-how-to-run")
    assert status is Status.FAIL and "read: docs/CONTRIBUTING.md" in message


@pytest.mark.parametrize(("title", "project"), [
    ("Contributing to Docs", ["docs"]),           # suitenumerique/docs: the product is Docs
    ("Documentation développeur", ["service"]),   # a developer guide
    ("Trevas documentation", ["Trevas"]),
    ("Guide de contribution", ["service"]),
])
def test_what_is_no_guide_to_the_documentation_site(title: str, project: list[str]) -> None:
    guide = f"# {title}\n\n## Installation\n\n```\nyarn\n```\n\n## Run\n\n```\nyarn start\n```\n"
    assert not readme.about_documentation(parse(guide, "docs/guide.md"), project)
    facts = _facts({"README.md": TREVAS.replace("docs/CONTRIBUTING.md", "docs/guide.md")
                    .replace("Trevas", project[0]), "docs/guide.md": guide})
    assert _status(facts, "readme-explains-how-to-run")[0] is Status.PASS


# --- A licence file that only names the licence ----------------------------------------------

#: incubateur-ademe/carte-verte LICENSE (13 lines; SocialGouv/anonymify's is the same notice).
APACHE_NOTICE = (
    "Copyright 2023 ADEME / beta.gouv.fr\n\nLicensed under the Apache License, Version 2.0 (the "
    "\"License\");\nyou may not use this file except in compliance with the License.\nYou may "
    "obtain a copy of the License at\n\n    http://www.apache.org/licenses/LICENSE-2.0\n\nUnless "
    "required by applicable law or agreed to in writing, software\ndistributed under the License "
    "is distributed on an \"AS IS\" BASIS,\nWITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either "
    "express or implied.\nSee the License for the specific language governing permissions and\n"
    "limitations under the License.\n")


def test_a_root_licence_notice_without_the_text_is_a_review() -> None:
    facts = _facts({"LICENSE": APACHE_NOTICE})
    assert _status(facts, "licence-recognised")[0] is Status.PASS
    status, message = _status(facts, "licence-file-present")
    assert status is Status.REVIEW
    assert message.startswith("LICENSE names the licence (Apache-2.0) without holding its text")
    # Beside the full text (here the MIT licence of the compliant fixture, another file), the
    # notice is the grant and the text is there: a pass.
    mit = (Path(__file__).parents[2] / "fixtures/repos/compliant/LICENSE").read_text(encoding="utf-8")
    assert _status(_facts({"LICENSE": mit}), "licence-file-present")[0] is Status.PASS
    both = _facts({"NOTICE.md": APACHE_NOTICE, "LICENSE": mit, "COPYING": APACHE_NOTICE})
    assert _status(both, "licence-file-present")[0] is Status.PASS


def test_a_notice_that_links_to_the_text_beside_it_passes() -> None:
    """proconnect-gouv/federation: LICENSE.md grants AGPL-3.0-or-later and links to
    AGPL-3.0.LICENSE.md, the text, which alone reads as "-only"."""
    notice = ("# Licensing\n\nLicense names used in this document are as per [SPDX License List]"
              "(https://spdx.org/licenses/).\n\n## AGPL-3.0\n\nThe default license for this project "
              "is [AGPL-3.0-or-later](./AGPL-3.0.LICENSE.md).\n")
    from scanner.licences import texts

    agpl = texts.licence_text("AGPL-3.0-only", "en", "DINUM", 2024).text
    facts = _facts({"LICENSE.md": notice, "AGPL-3.0.LICENSE.md": agpl})
    assert set(facts["licence"]["root_files"]) == {"LICENSE.md", "AGPL-3.0.LICENSE.md"}
    assert _status(facts, "licence-file-present")[0] is Status.PASS
    assert facts["licence"]["ids"] == ["AGPL-3.0-or-later"]
    # Alone, the notice is a review.
    assert _status(_facts({"LICENSE.md": notice}), "licence-file-present")[0] is Status.REVIEW


def test_a_long_readme_that_never_says_what_the_service_is_passes_without_saying_it_presents() -> None:
    """numerique-gouv/formIAble README.md opens on its set-up steps and never says what the
    service is: readme-present passes on its length but must not say it presents the service."""
    text = ("## Installation de l'environnement\n\n```bash\npython -m venv .venv\npip install -r "
            "requirements.txt\n```\n" + ARCHITECTURE.replace("## Architecture", "## Scripts"))
    facts = _facts({"README.md": text})
    assert facts["community"]["readme"]["explains"]["what"] is False
    status, message = _status(facts, "readme-present")
    assert status is Status.PASS and "does not say what the service is" in message
    assert "presents the repository" not in message
    said = _facts({"README.md": BUREAU + ARCHITECTURE})
    assert _status(said, "readme-present")[1] == "README.md presents the repository."


def test_a_sentence_that_announces_the_steps_is_not_what_the_service_is() -> None:
    """MTES-MCT/capqualif README.md:5-9: the title, then the steps' announcement."""
    text = ("# Capqualif\n\nVoici la marche à suivre pour faire tourner l'application sur votre "
            "machine !\n\n## Installer la base de données\n\n```\ndocker compose up -d\n```\n")
    assert not _topics(text + ARCHITECTURE.replace("## Architecture", "## Scripts"))["what"]
    for intro in ("Here is how to run the application on your machine.",
                  "Follow these steps to install the tool locally."):
        assert not _topics(f"# Outil\n\n{intro}\n\n## Install\n" + ARCHITECTURE)["what"], intro
    # A presentation that goes on to say what the steps are for still says it.
    said = ("# Capqualif\n\nCapqualif permet aux marins de consulter leurs titres et qualifications "
            "professionnelles en ligne.\n\n## Installer\n")
    assert _topics(said + ARCHITECTURE)["what"]


def test_a_command_line_quoted_under_a_run_heading_installs_and_runs() -> None:
    """betagouv/pass-sport README.md:10-11: ``> npm install && npm run dev`` under "How to run the
    website", a quote rather than a code block."""
    text = ("# pass Sport offical source code\n\n## Frontend\n\n### How to run the website\n"
            "> npm install && npm run dev\n\n### How to run the tests\n> npm run test\n")
    topics = _topics(text)
    assert topics["install"] and topics["run"]
    # Prose that starts with a program's name is no command line.
    for prose in ("make sure node is installed", "npm install is needed first",
                  "docker compose up starts the whole stack."):
        assert not readme.bare_command(prose), prose
    assert readme.bare_command("docker compose up -d")


def test_a_step_that_begins_with_insert_is_no_placeholder() -> None:
    """SocialGouv/matomo-postgres README.md:209, a step of its "Data Flow" list."""
    text = ("# matomo-postgres\n\n## Data Flow\n\n2. **Sequential Processing** - For each date:\n"
            "   - Check existing records for pagination offset\n   - Insert with conflict "
            "resolution\n")
    assert placeholders.lines(parse(text, "README.md")) == set()
    for marker in ("Insert your description here", "[Insert project description]",
                   "Insérer ici la description du service"):
        assert placeholders.lines(parse(f"# S\n\n## About\n\n{marker}\n", "README.md")) == {5}, marker


def test_a_docker_template_tagline_and_an_architecture_note_are_not_what_the_service_is() -> None:
    """MTES-MCT/Lucca README.md:5 (dunglas/symfony-docker's tagline) and :9."""
    text = ("# Lucca v2\n\nA [Docker](https://www.docker.com/)-based installer and runtime for the "
            "[Symfony](https://symfony.com) web framework, with full HTTP/2, HTTP/3 and HTTPS "
            "support.\n\n## Architecture & DevOps\n\nLucca uses a containerized architecture based "
            "on three main services and a database for its documents.\n")
    assert not _topics(text + ARCHITECTURE.replace("## Architecture", "## Scripts"))["what"]
