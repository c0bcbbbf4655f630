"""README topics read past badges and through scripts (issue 9, audit freshJ2): a badge's alt
text is no licence statement, badges in a title are not its words, and "launch `run_docker.sh`"
is a command."""

from __future__ import annotations

from scanner.community.markup import parse, plain
from scanner.community.readme import analyse


def _analyse(text: str) -> dict[str, dict[str, object]]:
    return analyse(parse(text, "README.md"))


# SocialGouv/cdtn-api README.md: reference-style badges whose references are defined nowhere.
CDTN_API = """# CDTN API

[![Licence][img-license]][link-license]
[![Code Coverage][img-coverage]][link-coverage]

## API

Documentation publication [in progress](https://github.com/SocialGouv/documentation-api).

---
"""


def test_a_badge_labelled_licence_names_no_licence() -> None:
    assert _analyse(CDTN_API)["licence"]["found"] is False


def test_a_reference_image_is_no_prose() -> None:
    assert "Licence" not in plain("[![Licence][img-license]][link-license]")
    assert "Licence" not in plain("![Licence](https://img.shields.io/x.svg)")


def test_a_badge_that_names_the_licence_counts() -> None:
    # Its label names the licence, whether its references resolve or not.
    for badge in ("![License: MIT][badge]",
                  "![License: AGPL-3.0](https://example.org/b.svg)"):
        found = _analyse(f"# X\n\n{badge}\n")["licence"]
        assert found == {"found": True, "line": 3, "via": "text"}, badge


def test_a_badge_whose_references_lead_to_the_licence_counts() -> None:
    text = CDTN_API + ("\n[img-license]: https://img.shields.io/badge/Licence-Apache--2.0-blue.svg\n"
                       "[link-license]: https://github.com/SocialGouv/cdtn-api/blob/master/LICENSE\n")
    assert _analyse(text)["licence"]["found"] is True


def test_licence_in_prose_still_counts() -> None:
    assert _analyse("# X\n\nCe projet est sous licence MIT.\n")["licence"]["found"] is True


# etalab/watchdoge_apientreprise README.md:1-6: a title "README" followed by badges, then the
# introduction; "Build Status" is a badge, not a section about building.
WATCHDOGE = """# README [![Build Status](https://travis-ci.org/etalab/watchdoge_apientreprise.svg?branch=master)](https://travis-ci.org/etalab/watchdoge_apientreprise) [![Test Coverage](https://api.codeclimate.com/v1/badges/ea/test_coverage)](https://codeclimate.com/github/etalab/watchdoge_apientreprise/test_coverage)
[![Build Status](https://travis-ci.org/etalab/watchdoge_apientreprise.svg?branch=develop)](https://travis-ci.org/etalab/watchdoge_apientreprise) (develop branch)

Watchdoge is a watchdog for [API Entreprise](https://github.com/etalab/apientreprise), the monitoring done by Watchdoge is available on the [Dashboard](https://github.com/etalab/dashboard_api_entreprise)

Watchdoge run on Ruby 2.6.2

# Elasticsearch

The API uses Elasticsearch API, only authorised IP can make requests to Elasticsearch API.

## Configuration

Execute the following command line to create the default user:

```
psql -f db/init.sql
```
"""  # noqa: E501


def test_the_paragraph_under_a_title_of_badges_is_the_introduction() -> None:
    doc = parse(WATCHDOGE, "README.md")
    assert doc.headings[0].text == "README"
    assert analyse(doc)["what"] == {"found": True, "line": 4, "via": "text"}


def test_a_title_of_images_only_keeps_their_alt_text() -> None:
    doc = parse("# ![Mon Service](logo.png)\n\nTexte.\n", "README.md")
    assert doc.headings[0].text == "Mon Service"


def test_a_title_naming_an_installation_still_limits_the_introduction() -> None:
    # Negative: a real "Installation" heading (with a badge) before any prose.
    text = ("# Installation ![x](https://img.shields.io/b.svg)\n\n# Other\n\n"
            "Run the following commands to install the dependencies of the service.\n")
    assert _analyse(text)["what"]["found"] is False


# numerique-gouv/pseudo_api README.md:96-102: numbered steps, the run script named in code.
PSEUDO_API = """# Pseudo API

## Getting Started
The easiest way to test this application is by using Docker and Docker Compose.

1. Clone this repo (for help see this [tutorial](https://help.github.com/articles/cloning-a-repository/)).
2. Set the environment variable `PSEUDO_MODEL_PATH` in the `.env` file.
3. Launch the wrapper bash file `run_docker.sh`. This file will clean and rebuild the required Docker containers by calling `docker-compose.yml`.
4. Access the API at `localhost/` and `localhost/api_stats`.

## Project Deliverables
* This API
"""  # noqa: E501


def test_a_run_script_launched_under_getting_started_runs_and_sets_up() -> None:
    found = _analyse(PSEUDO_API)
    assert found["run"] == {"found": True, "line": 3, "via": "heading"}
    # The script rebuilds the Docker containers: as ``docker compose up``, the whole set-up.
    assert found["install"] == {"found": True, "line": 3, "via": "heading"}


def test_a_script_launched_with_no_heading_runs() -> None:
    found = _analyse("# Outil\n\nPour démarrer, lancez `./start.sh` depuis la racine.\n")
    assert found["run"]["found"] is True


def test_a_script_named_without_being_run_is_no_command() -> None:
    # Negatives: a script to edit, a run script in a section about tests, a test script.
    for text in ("# X\n\n## Getting Started\n\nEdit `run_docker.sh` to set your paths.\n",
                 "# X\n\n## Tests\n\nRun `run_tests.sh` before each commit.\n",
                 "# X\n\n## Usage\n\nRun `test.sh` to check your set-up.\n"):
        assert _analyse(text)["run"]["found"] is False, text
