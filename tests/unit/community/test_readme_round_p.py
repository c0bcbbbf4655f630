"""README judging, audit round P (issue 9): a migration tool's own ``npm run migrate`` runs it, an
environment-variables section installs nothing, a block that clones and runs a package script
without installing the dependencies explains no installation, a prerequisite note is no
presentation, and a retired README that says where the code went owes no contributing part.
Each case is modelled on the real file (named in a comment), with what must not match beside it."""

from __future__ import annotations

import typing as t

import pytest

from scanner.community import readme
from scanner.community.markup import parse
from scanner.engine.evaluate import Status, evaluate
from scanner.engine.loader import load_ruleset
from scanner.facts import build_facts
from scanner.sources.memory import snapshot_from_files

RULES = load_ruleset()

# incubateur-territoires/migrate-outline-to-notion README.md:1-45 (cut).
MIGRATE = """# Migrate Outline to Notion
Migration tool to migrate from outline to notion

## How to perform the migration

### Export from Outline

From Outline admin panel, export the data in Markdown format with attachments.

### Run the migration

```bash
# Clone the repository
git clone git@github.com:incubateur-territoires/migrate-outline-to-notion.git

# Go to the project directory
cd migrate-outline-to-notion

# Copy the environment variables file and adapt it
cp .env.template .env

# Run the migration
npm run migrate
```

### Set up env variables
Create a .env file in this repository by copying `.env.template`. The configuration is
divided into several sections:

#### Notion Configuration
- `NOTION_API_KEY`: `Internal Integration Secret` from your integration

#### AWS/S3 Configuration (Only if using new bucket)
- `AWS_REGION`: Your S3 region
"""
NAMES = ["migrate-outline-to-notion", "incubateur-territoires/migrate-outline-to-notion"]


def _analyse(text: str, names: t.Sequence[str] = ()) -> dict[str, dict[str, object]]:
    doc = parse(text, "README.md")
    return readme.analyse(doc, [*names, *(h.text for h in doc.headings[:1])])


def _finding(files: dict[str, str], rule_id: str, name: str = "x") -> tuple[Status, str, str]:
    facts = build_facts(snapshot_from_files({"app.py": "print(1)\n", **files}))
    facts["repository"].update(name=name, full_name=f"o/{name}")
    rule = RULES.get(rule_id)
    assert rule is not None
    finding = evaluate(rule, facts)
    return finding.status, finding.texts["en"]["message"], finding.texts["fr"]["message"]


def test_a_migration_tool_s_migrate_script_runs_it() -> None:
    found = _analyse(MIGRATE, NAMES)
    assert found["run"] == {"found": True, "line": 10, "via": "heading"}
    # Installation: the env-variables section and the clone-then-run block install nothing.
    assert found["install"]["found"] is False
    assert readme.purposes(NAMES) == ("migrat",)


def test_the_finding_states_the_true_yes_and_no() -> None:
    status, message, french = _finding({"README.md": MIGRATE}, "readme-explains-how-to-run",
                                       "migrate-outline-to-notion")
    assert status is Status.FAIL
    assert "installation found: no; running found: yes" in message
    assert "hosting platform" not in message
    assert "installation trouvée : non ; lancement trouvé : oui" in french


@pytest.mark.parametrize("names", [
    # Another project's database migration is no running (a web application's README).
    ["outil-de-gestion"],
    # The owner's name says nothing of the project's purpose.
    ["migration-org/outil"],
])
def test_a_migrate_script_is_no_running_elsewhere(names: list[str]) -> None:
    text = "# Outil\n\n## Run the migration\n\n```\nnpm install\nnpm run migrate\n```\n"
    assert _analyse(text, names)["run"]["found"] is False


def test_a_clone_counts_as_installing_with_the_dependencies_or_no_package_script() -> None:
    with_install = MIGRATE.replace("cp .env.template .env", "npm install")
    assert _analyse(with_install, NAMES)["install"]["found"] is True
    # A clone before a command that needs no installed dependencies still installs (a binary
    # built or a script of the checkout run as is).
    plain_clone = "# Outil\n\n```\ngit clone https://x.fr/o/outil.git\n./outil.sh\n```\n"
    assert _analyse(plain_clone, ["outil"])["install"]["found"] is True


@pytest.mark.parametrize(("heading", "installs"), [
    ("Set up env variables", False),
    ("Variables d'environnement", False),
    ("Configurer le fichier .env", False),
    # An installation heading over an install command is one, whatever else it names.
    ("Installation et variables d'environnement", True),
])
def test_an_environment_variables_heading_needs_an_install_command(heading: str,
                                                                  installs: bool) -> None:
    body = "`Internal Integration Secret` from your integration"
    if installs:
        body += "\n\n```\nnpm install\n```"
    text = f"# Outil\n\n## {heading}\n\n{body}\n"
    assert _analyse(text, ["outil"])["install"]["found"] is installs


# dnum-mi/dso-socle README.md:16-18.
DSO = ("# infra-dso-socle\n\n## Création de namespace\n```shell\nansible-playbook "
       "./provisioning-openshift.yml -i /inventory/dev\n```\n\n## Notes\n\n***The following "
       "packages must be installed on the Ansible machine, before launching the gitlab "
       "playbooks***\n")


@pytest.mark.parametrize("note", [
    "The following packages must be installed on the Ansible machine, before launching the "
    "gitlab playbooks",
    "Node.js et PostgreSQL doivent être installés avant de lancer le serveur de l'outil.",
    "Vous devez d'abord installer Docker et docker compose sur votre poste de travail.",
])
def test_a_prerequisite_note_is_not_what_the_service_is(note: str) -> None:
    text = DSO.replace("The following packages must be installed on the Ansible machine, before "
                       "launching the gitlab playbooks", note)
    assert _analyse(text, ["dso-socle"])["what"]["found"] is False


@pytest.mark.parametrize("text", [
    # A presentation that names what it runs on still presents (and one sentence of it does).
    "# Outil\n\nOutil permet de provisionner des projets sur OpenShift pour les équipes du "
    "ministère. Ansible doit être installé avant de lancer les playbooks.\n",
    "# Outil\n\nThis tool provisions namespaces and projects on the OpenShift platform for the "
    "ministry's teams.\n",
])
def test_a_presentation_beside_a_prerequisite_still_counts(text: str) -> None:
    assert _analyse(text, ["outil"])["what"]["found"] is True


# fabnumdef/chatbot-front README.md (whole file).
CHATBOT = ("## Chatbot - FRONT\n\n301 Moved Permanently "
           "https://gitlab.com/fabnum-minarm/chatbot/chatbot-front\n")


def test_a_moved_readme_owes_its_licence_only() -> None:
    status, message, french = _finding({"README.md": CHATBOT, "LICENSE": "MIT License\n"},
                                       "readme-sections-present", "chatbot-front")
    assert status is Status.FAIL
    assert message.startswith("README.md does not give the licence of its code (licence: no); "
                              "README.md:3 says the repository is retired (\"301 Moved Permanently "
                              "https://gitlab.com/fabnum-minarm/chatbot/chatbot-front\")")
    assert "contributing part are not expected" in message
    assert "contribution ne sont donc pas attendues" in french
    with_licence = CHATBOT + "\nLicence MIT, voir [LICENSE](LICENSE).\n"
    status, message, french = _finding({"README.md": with_licence}, "readme-sections-present",
                                       "chatbot-front")
    assert status is Status.PASS
    assert "(what the service is: no; contributing: no)" in message
    assert "(ce qu'est le service : non ; contribution : non)" in french


def test_a_live_readme_still_owes_a_contributing_part() -> None:
    text = "# Outil\n\nOutil permet de calculer les aides sociales des usagers.\n\nLicence MIT.\n"
    status, message, _ = _finding({"README.md": text}, "readme-sections-present", "outil")
    assert status is Status.FAIL
    assert "licence: yes; contributing: no" in message
