"""Contribution wording read on real repositories of audit round L (issue 9): a reviewer's
"sign-off" is no DCO, « faire l'objet d'une PR » says how to propose a change, and a README's
open call for contributions or invitation to translate is its contributing part."""

from __future__ import annotations

import typing as t

import pytest

from scanner.community import contributing, readme, terms
from scanner.community.markup import parse
from scanner.engine.evaluate import Status
from scanner.engine.loader import load_ruleset
from scanner.facts import build_facts
from scanner.sources.memory import snapshot_from_files
from tests.unit.community.test_findings_from_real_repositories import _status

RULES = load_ruleset()


def _facts(files: dict[str, str]) -> dict[str, t.Any]:
    return build_facts(snapshot_from_files({"app.py": "print('service')\n", **files}))


# --- "Sign-off" as somebody's approval is no DCO ---------------------------------------------

#: nantesmetropole/school_meal_forecast_xgboost CONTRIBUTING.md (a stock pull-request template).
SCHOOL_MEAL = (
    "# Contributing\n\nPlease first discuss the change you wish to make through a detailed issue "
    "with the owners of this repository before making a change.\n\n## Pull Request Process\n\n"
    "1. Update the README.md with the details of your changes.\n"
    "2. Write tests to cover your changes.\n"
    "4. You may merge the Pull Request in once you have the sign-off of other developers, or if "
    "you do not have permission to do that, you may request a reviewer to merge it for you.\n")


@pytest.mark.parametrize("text", [
    "You may merge the Pull Request in once you have the sign-off of other developers.",
    "Pull requests need a sign-off from a maintainer before merging.",
    "Each pull request must be signed off by two reviewers.",
    "Get sign-off from the product owner before you merge the PR.",
    "Wait for the sign-off of the core team on your pull request.",
])
def test_a_reviewer_s_sign_off_is_not_a_dco_sign_off(text: str) -> None:
    assert not terms.mentions_sign_off(terms.dco_signals(text, "CONTRIBUTING.md"))


@pytest.mark.parametrize("text", [
    "Please sign off your commits.",
    "Commits must be signed off by their author.",
    "If you forgot to include the sign-off in a commit, amend it.",
    # An approval beside the DCO's sign-off on the same line does not hide the latter.
    "Each commit needs a sign-off line; get the sign-off of a reviewer for the PR too.",
    "Contributors sign off their commits to certify the origin of their contribution.",
])
def test_the_author_s_sign_off_of_commits_stays_a_dco_sign_off(text: str) -> None:
    assert terms.mentions_sign_off(terms.dco_signals(text, "CONTRIBUTING.md"))


def test_a_guide_asking_for_reviewers_sign_off_states_no_dco() -> None:
    facts = _facts({"CONTRIBUTING.md": SCHOOL_MEAL})
    assert facts["community"]["contributing"]["terms"]["dco"] is False
    assert _status(facts, "contribution-terms-state-dco")[0] is Status.FAIL
    assert _status(facts, "commits-signed-off")[0] is Status.NOT_APPLICABLE


# --- « Chaque branche doit faire l'objet d'une PR » ------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    # pass-culture/api-data CONTRIBUTING.md:50-51
    ("- Source : `main` : `git checkout -b [ID]-[Description courte] main`\n"
     "- Chaque branche doit faire l'objet d'une PR\n", True),
    ("Toute modification fait l’objet d’une MR relue par un pair.\n", True),
    ("Proposez vos changements sous forme de PR.\n", True),
    ("Ouvrez une demande de fusion sur le GitLab du projet.\n", True),
    # Naming a PR, or « l'objet » and « forme » of something else, says no way to propose.
    ("Le titre d'une PR doit être court.\n", False),
    ("La PR #12 a corrigé le bug.\n", False),
    ("L'objet de ce dépôt est de publier des données.\n", False),
    ("La forme des messages de commit suit Conventional Commits.\n", False),
    ("Chaque réunion fait l'objet d'un compte rendu.\n", False),
])
def test_french_ways_to_say_changes_go_through_a_pull_request(text: str, expected: bool) -> None:
    doc = parse(f"# Contribuer\n\n### Branches\n\n{text}", "CONTRIBUTING.md")
    assert contributing.explains(doc)["how_to_contribute"] is expected


# --- A README's call for contributions or invitation to translate ----------------------------

#: CEREMA/schema-arrete-circulation-marchandises README.md:11 and :23-24.
CEREMA_CALL = (
    "Un [appel à contributions](https://forms.gle/vUALzEDQqRsY2NgG9) a aussi été réalisé afin "
    "de collecter des retours sur le schéma. Ce dernier est toujours actif si vous souhaitez "
    "faire un retour.\n")
CEREMA_CONTACT = "## Contact\n✉ Un avis, des questions ? Contactez-nous sur data-med@cerema.fr\n"
#: LINCnil/pia README.md:13-15.
PIA_TRANSLATE = (
    "## Translating the PIA Software\n\nTo translate the software, we invite you to make your "
    "changes [here](https://github.com/LINCnil/pia/tree/master/src/assets/i18n) where the "
    "translation steps are described.\n")


def _contributing(text: str) -> bool:
    return bool(readme.analyse(parse(f"# Schéma\n\nUn schéma de données.\n\n{text}",
                                     "README.md"))["contributing"]["found"])


@pytest.mark.parametrize("text", [
    CEREMA_CALL,
    PIA_TRANSLATE,
    "Help us translate the app on [Weblate](https://hosted.weblate.org/projects/x/).\n",
    "Un appel à contributions est ouvert : si vous souhaitez participer, écrivez à a@b.fr.\n",
    "Translations are welcome: you can add yours on [Crowdin](https://crowdin.com/project/x).\n",
])
def test_an_open_invitation_with_where_to_answer_it_says_how_to_contribute(text: str) -> None:
    assert _contributing(text)


@pytest.mark.parametrize("text", [
    # A contact address alone is no invitation to contribute.
    CEREMA_CONTACT,
    "Pour toute question, écrivez-nous à contact@example.fr.\n",
    # A list of contributors is not how to contribute.
    "## Contributors\n\n- [Alice](https://github.com/alice)\n- Bob\n",
    # The story of the project, not an invitation to the reader.
    "Ce projet est né d'un [appel à contributions](https://anct.fr) de l'ANCT en 2021.\n",
    # What a library does, not a call to translate this project.
    "This library helps to translate the app at runtime, see [docs](https://x.org/docs).\n",
    # An invitation with nowhere to answer it.
    "Un appel à contributions est ouvert si vous souhaitez participer.\n",
])
def test_contacts_lists_and_stories_are_not_how_to_contribute(text: str) -> None:
    assert not _contributing(text)


def test_the_readme_section_finding_names_the_call_for_contributions() -> None:
    text = f"# Schéma\n\nUn schéma de données.\n\n{CEREMA_CALL}\n{CEREMA_CONTACT}"
    assert readme.analyse(parse(text, "README.md"))["contributing"] == {
        "found": True, "line": 5, "via": "text"}


# DNUM-SocialGouv/1j1s-etl CONTRIBUTING.md:1-20 (shortened): conventions written as a table,
# one cell of which links to conventionalcommits.org.
CONVENTIONS_TABLE = (
    "# Nos conventions\n\n## Sommaire\n\n* [Git](docs/conventions/git.md)\n\n"
    "| Questions | Réponse de l'équipe | Acté |\n|---|---|---|\n"
    "| Langage de programmation | TypeScript | X |\n"
    "| Nom du fichier d'entrée ? `start.ts`, `main.ts`, autre ? | `start.ts` | X |\n"
    "| Français vs Anglais dans le code ? | Français pour le métier et affichage, Anglais pour "
    "la tech | X |\n"
    "| Convention de commits | Inspiré de [conventional commits]"
    "(https://www.conventionalcommits.org/en/v1.0.0/), voir ici | X |\n"
    "| Nom des branches | `<type de ticket>/<description>` (ex: `feat/ma-feature-fait-ca`) | X |\n"
    "| Merge intermédiaire sur de gros tickets | S'organiser par dépôt/binôme (pas de consensus) "
    "| X |\n")


def test_a_guide_written_as_a_table_is_not_a_pointer_to_its_one_link() -> None:
    from scanner.community import contributing
    from scanner.community.markup import parse

    doc = parse(CONVENTIONS_TABLE, "CONTRIBUTING.md")
    assert not contributing.is_pointer(doc)
    assert contributing.pointer_url(doc) is None


def test_a_short_pointer_with_a_small_table_is_still_a_pointer() -> None:
    from scanner.community import contributing
    from scanner.community.markup import parse

    text = ("# Contribuer\n\nVoir [le guide](https://doc.example.org/contribuer).\n\n"
            "| Canal | Lien |\n|---|---|\n| Forum | ici |\n")
    doc = parse(text, "CONTRIBUTING.md")
    assert contributing.is_pointer(doc)
    assert contributing.pointer_url(doc) == "https://doc.example.org/contribuer"
