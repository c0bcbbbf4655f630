"""README topics recognised in French and English."""

from __future__ import annotations

from scanner.community.markup import parse
from scanner.community.readme import analyse

FRENCH = """# Mon Service

Mon Service permet aux usagers de prendre rendez-vous en ligne avec les services de leur
mairie, sans attente au téléphone ni déplacement inutile.

## Prérequis

- Ruby 3.3

## Démarrer en local

```bash
bin/setup
bin/dev
```

## Licence

Ce projet est sous licence AGPL-3.0-or-later.
"""

ENGLISH = """# Tool

[![build](https://x/badge.svg)](https://x)

## Getting started

Run `docker compose up` and open http://localhost:3000.

## Contributing

See CONTRIBUTING.md.
"""


def _found(text: str, path: str = "README.md") -> dict[str, bool]:
    return {k: bool(v["found"]) for k, v in analyse(parse(text, path)).items()}


def test_french_readme() -> None:
    assert _found(FRENCH) == {"what": True, "install": True, "run": True, "licence": True,
                              "contributing": False}


def test_english_readme_with_inline_command_and_no_prose() -> None:
    found = _found(ENGLISH)
    assert found["run"] and found["contributing"]
    assert not found["what"], "badges and headings alone do not say what the service is"
    assert not found["licence"]


def test_install_heading_without_any_command_does_not_explain_how() -> None:
    found = _found("# X\n\n## Installation\n\nAsk the team.\n")
    assert not found["install"]
    assert not found["run"]


def test_install_heading_pointing_elsewhere_is_not_explained_by_commands_of_another_section(
) -> None:
    text = ("# X\n\n## Installation\n\nSuivre [ce guide](INSTALLER.md).\n\n"
            "## Exemple de réponse\n\n```json\n{\"id\": 1}\n```\n\n"
            "## Tests\n\n```\nmake check\n```\n")
    found = _found(text)
    assert not found["install"]
    assert not found["run"]


def test_usage_section_with_only_a_markup_sample_does_not_tell_how_to_run() -> None:
    text = ("# X\n\n## Usage\n\nCreate a link like:\n\n"
            "```\n<a href=\"https://host/print?page=x\">PDF</a>\n```\n")
    assert not _found(text)["run"]


def test_commands_in_a_subsection_count_for_the_heading_above() -> None:
    text = ("# X\n\n## Installation\n\n### Avec Docker\n\n```\n./outils/preparer.sh\n```\n\n"
            "## Licence\n\nMIT\n")
    install = analyse(parse(text, "README.md"))["install"]
    assert install["found"] and install["via"] == "heading" and install["line"] == 3


def test_run_command_in_code_block_without_heading() -> None:
    found = _found("# X\n\n```\npython manage.py runserver\n```\n")
    assert found["run"]


def test_purpose_must_come_before_the_technical_sections() -> None:
    text = ("# X\n\n## Installation\n\nInstall the dependencies with the package manager of "
            "your choice and then configure the database as described below.\n\n```\nmake\n```\n")
    assert not _found(text)["what"]


def test_purpose_in_an_html_block() -> None:
    text = ('<h1 align="center">Service</h1>\n<p align="center">Le service aide les mairies à '
            "gérer les inscriptions scolaires des enfants en ligne, simplement.</p>\n")
    assert _found(text)["what"]
