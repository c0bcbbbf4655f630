"""README parts recognised in their context, not by a keyword wherever it stands (issue 9):
an address in a command is no licence link, a "contribute" heading about post-mortems is no
contributing section, a « Démarrage » of clone and install steps does not start the service,
and a CI workflow shown in a README is no command to run it."""

from __future__ import annotations

from scanner.community.markup import parse
from scanner.community.readme import _own_subject, analyse

FILLER = ("Ce service permet aux équipes de publier et de consulter des données ouvertes sur "
          "les essais cliniques menés en France, avec une recherche plein texte.\n\n")


def _analyse(text: str, path: str = "README.md") -> dict[str, dict[str, object]]:
    return analyse(parse(text, path))


# Modelled on ANSSI-FR/MLA's README.md (l.108-109): the licence file archived as sample data.
MLA = """# Multi Layer Archive (MLA)

# Introduction

MLA is an archive file format with compression, encryption and signature, written in Rust
for the French Cybersecurity Agency.

# Quick command-line usage

```sh
# Create an archive of a web file, without encryption and without signature
curl https://raw.githubusercontent.com/ANSSI-FR/MLA/refs/heads/main/LICENSE.md | mlar create -o a.mla
```

# Contributing

Pull requests are welcome.
"""


def test_an_address_inside_a_command_is_no_licence_link() -> None:
    assert not _analyse(MLA)["licence"]["found"]


def test_a_licence_link_in_prose_still_counts() -> None:
    text = MLA + "\nThe code is published in the open, see [the terms](LICENSE.md).\n"
    found = _analyse(text)["licence"]
    assert found["found"] and found["line"] == MLA.count("\n") + 2


def test_a_bare_licence_address_in_prose_still_counts() -> None:
    text = MLA + "\nTerms: https://github.com/ANSSI-FR/MLA/blob/main/LICENSE.md\n"
    assert _analyse(text)["licence"]["found"]


def test_a_contribution_guide_address_inside_a_command_is_no_invitation() -> None:
    text = ("# Tool\n\n" + FILLER + "## Usage\n\n```\ncurl -O https://host/x/CONTRIBUTING.md"
            " && tool check CONTRIBUTING.md\n```\n")
    assert not _analyse(text)["contributing"]["found"]


# Modelled on DNUM-SocialGouv/eclaire's README.md (l.1, l.198-229): sections on writing
# incident post-mortems, under the project's technical documentation.
ECLAIRE = """# API Eclaire - Plateforme nationale des essais cliniques - Ministère de la santé

## Pré-requis

- Node 20

## Installation

```sh
yarn
```

## Post-Mortems

### Puis-je écrire un Post-Mortem et comment contribuer ?

N'importe quel acteur ayant participé à l'analyse d'un événement inhabituel, peut rédiger un
Post-Mortem.

Le modèle est disponible dans la documentation du projet : [template](documentation/post-mortem/template.md).

### Pourquoi et quand écrire un Post-Mortem ?

Les principaux objectifs de la rédaction d'un Post-Mortem sont de s'assurer que l'incident est
documenté et que toutes les causes sous-jacentes sont bien comprises.
"""


def test_contributing_to_post_mortems_is_no_contributing_section() -> None:
    assert not _analyse(ECLAIRE)["contributing"]["found"]


def test_why_write_a_post_mortem_is_not_what_the_service_is() -> None:
    found = _analyse(ECLAIRE)["what"]
    # The title's tagline says it (l.1), not the post-mortem section.
    assert found["found"] and found["line"] == 1


def test_a_bare_title_does_not_say_what_the_service_is() -> None:
    text = ECLAIRE.replace(" - Plateforme nationale des essais cliniques - Ministère de la santé", "")
    assert not _analyse(text)["what"]["found"]


def test_a_tagline_alone_is_no_presentation() -> None:
    # A README too short to present the repository (readme-present's threshold).
    text = "# Standards - Les standards de l'incubateur de la transition écologique\n"
    assert not _analyse(text)["what"]["found"]


def test_a_nested_contributing_section_that_says_how_to_propose_a_change_counts() -> None:
    # Modelled on suitenumerique/ui-kit (« Internationalization » > "Contribute to add a language
    # with a new PR") and numerique-gouv/ami-notifications-api ("Tech stack" > "Contributing").
    for body in ("Please check the [CONTRIBUTING.md](CONTRIBUTING.md) file.\n",
                 "Open a pull request with your translation file.\n"):
        text = "# Kit\n\n" + FILLER + "## Tech stack\n\nPython.\n\n### Contributing\n\n" + body
        found = _analyse(text)["contributing"]
        assert found["found"] and found["line"] == 9, body


def test_a_contributing_section_under_installation_counts() -> None:
    # France-Travail/TradEmploi-BackEnd: "# Installation main steps" > "## Contribute to this
    # project" ("If you want to participate, please follow the next steps").
    text = ("# PETranslate-back\n\n" + FILLER + "# Installation main steps\n\nTerraform.\n\n"
            "## Contribute to this project\n\nIf you want to participate, please follow the next"
            " steps.\n")
    assert _analyse(text)["contributing"]["found"]


def test_a_top_level_contributing_section_needs_no_proof() -> None:
    text = "# Kit\n\n" + FILLER + "## Contribuer\n\nÉcrivez-nous à equipe@example.org.\n"
    assert _analyse(text)["contributing"]["found"]


def test_an_overview_of_a_component_is_not_what_the_service_is() -> None:
    # SocialGouv/oblik: "## ResourcesConfig CRD" > "### Overview".
    text = ("# oblik\n\n## Installation\n\n```\nhelm install oblik\n```\n\n"
            "## ResourcesConfig CRD\n\n### Overview\n\nThe custom resource lets operators set "
            "recommendations for each workload of the cluster.\n")
    assert not _analyse(text)["what"]["found"]


def test_a_presentation_subsection_under_about_counts() -> None:
    text = ("# Docs\n\n## Installation\n\n```\nmake\n```\n\n## Why use Docs?\n\n### Features\n\n"
            "Docs lets teams write, share and organise documents together in real time.\n")
    doc = parse(text, "README.md")
    features = next(h for h in doc.headings if h.text == "Features")
    assert _own_subject(doc, features, "what")
    assert _analyse(text)["what"]["found"]


# Modelled on anct-cartographie-nationale/api-application's CONTRIBUTING.md (l.22-38).
DEMARRAGE = """# Guide de Contribution

<h2 id="démarrage">🚀 Démarrage</h2>

Suivez ces étapes pour configurer le projet :

### 1. Clonez le dépôt

```bash
git clone git@github.com:anct-cartographie-nationale/api-application.git
```

### 2. Installez les dépendances du projet

```bash
cd api-application
pnpm install
```

Une fois ces étapes terminées, vous êtes prêt à commencer à travailler sur le projet !
"""


def test_a_start_heading_over_clone_and_install_steps_does_not_run_it() -> None:
    found = _analyse(DEMARRAGE, "CONTRIBUTING.md")
    assert found["install"]["found"]
    assert not found["run"]["found"]


def test_a_start_heading_with_a_start_command_runs_it() -> None:
    text = DEMARRAGE + "\n### 3. Lancez l'API\n\n```bash\npnpm dev\n```\n"
    found = _analyse(text, "CONTRIBUTING.md")["run"]
    assert found["found"] and found["line"] == 3


def test_a_start_heading_with_the_tool_s_own_command_runs_it() -> None:
    # A command of no known kind under a running heading is how to run (``clj -M:run``).
    text = "# X\n\n" + FILLER + "## Démarrage\n\n```\ncd x\nopenfisca serve\n```\n"
    assert _analyse(text)["run"]["found"]


# Modelled on France-Travail/TradEmploi-BackEnd's README.md (l.167-190): a GitHub Actions
# workflow to edit, whose ``run: |`` runs in CI.
WORKFLOW = """# PETranslate-back

## Create a feature branch

3 - Update sinc-to-gitlab.yml file.

```
name: Sync to Private Repo

on:
  push:
    branches:
      - feature_test

jobs:
  sync:
    runs-on: ubuntu-latest
    steps:
      - name: Clone the target repository
        run: |
          git clone https://gitlab.com/petranslate/Trademploi-backend.git
          git push origin feature_test
```
"""


def test_a_workflow_file_shown_in_a_readme_is_no_command_to_run() -> None:
    assert not _analyse(WORKFLOW)["run"]["found"]


def test_a_shell_block_with_a_key_like_line_still_holds_commands() -> None:
    text = "# X\n\n```\nexport PORT=3000\nnpm install\nnpm start\n```\n"
    found = _analyse(text)
    assert found["install"]["found"] and found["run"]["found"]


def test_a_start_heading_over_the_tool_s_own_commands_runs_it() -> None:
    # datagouv/datagouv-cli's "Quick start": ``datagouv dataset get`` is the tool, not an install.
    text = "# datagouv-cli\n\n" + FILLER + "## Quick start\n\n```bash\ndatagouv setup\n" \
        "datagouv dataset get <dataset-id>\n```\n"
    found = _analyse(text)["run"]
    assert found["found"] and found["line"] == 5


def test_a_run_heading_over_a_copy_step_only_does_not_run_it() -> None:
    # MTES-MCT/mon-devis-sans-oublis-backend: « Pour l'exécution avec Node.js » > ``cp``.
    text = ("# X\n\n" + FILLER + "#### Pour l'exécution avec Node.js\n\n"
            "```bash\ncp .env.example .env.local\n```\n")
    assert not _analyse(text)["run"]["found"]


def test_front_matter_shown_in_a_readme_is_no_install_command() -> None:
    # etalab/guides.etalab.gouv.fr: a ``permalink:`` front matter sample before the commands.
    text = ("# Guides\n\n" + FILLER + "```\n---\npermalink: /qualite/preparer\n---\n```\n\n"
            "## Développement local\n\n```sh\nnpm install\nnpm run dev\n```\n")
    found = _analyse(text)["install"]
    assert found["found"] and found["line"] == 13


def test_a_presentation_as_a_list_says_what_the_service_is() -> None:
    # etalab-ia/OpenGateLLM: "Why OpenGateLLM?" is a list of what it offers, no prose.
    text = ("# OpenGateLLM\n\n### One place to serve your models\n\n## Why OpenGateLLM?\n\n"
            "- OpenAI standards: based on OpenAI API conventions, easy to use with OpenAI SDKs.\n"
            "- Robust API Gateway: load balancing, authentication and seamless integration.\n\n"
            "## Quickstart\n\n```\ndocker compose up\n```\n\n"
            "### Configure your models and add features\n\nEdit the configuration file to "
            "declare the models you serve.\n")
    found = _analyse(text)["what"]
    assert found["found"] and found["line"] == 5


def test_prose_introduction_comes_before_a_listed_presentation() -> None:
    # betagouv/mon-aide-cyber: the opening paragraph says it; a later list heading is weaker.
    text = ("# MonAideCyber\n\nMonAideCyber est un service numérique développé par le laboratoire"
            " d'innovation de l'ANSSI.\n\n## Installation\n\n```\nmake\n```\n\n## Fonctionnalités"
            "\n\n- Un diagnostic de cybersécurité mené avec un aidant de proximité.\n")
    assert _analyse(text)["what"]["line"] == 3


def test_sections_under_a_second_top_level_heading_are_the_service_s() -> None:
    # betagouv/datapass: a first H1 is a retirement notice, the second names the service.
    text = ("# Ce dépôt n'est plus maintenu\n\n# DataPass\n\n## Contexte\n\n"
            "L'outil de gestion des habilitations juridiques pour les données à accès restreint.\n")
    found = _analyse(text)["what"]
    assert found["found"] and found["line"] == 5
