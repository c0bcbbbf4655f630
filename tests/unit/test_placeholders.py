"""One finder of placeholders: every marker in a text, template markers in a document."""

from __future__ import annotations

import re

from scanner import placeholders
from scanner.community.markup import parse

TEXT = ("# Service\n\nContact: TODO\n\n```\n# TODO: in code\n```\n\n- [ ] TODO: a task\n\n"
        "## TODO\n\n- TODO: a dark theme\ntodos and TODOList are words\n")


def test_a_text_lists_every_line_holding_the_marker() -> None:
    assert placeholders.find(TEXT, "SECURITY.md") == [
        {"path": "SECURITY.md", "line": n} for n in (3, 6, 9, 11, 13)]
    insert = re.compile(r"\[INSERT[^\]]*\]")
    assert placeholders.find("a\n[INSERT CONTACT METHOD]\nTODO\n", "c.md", insert) == [
        {"path": "c.md", "line": 2}]


def test_a_document_lists_template_markers_only() -> None:
    found = placeholders.find(parse(TEXT, "README.md"), "README.md")
    assert found == [{"path": "README.md", "line": 3, "text": "Contact: TODO",
                      "summary": "README.md:3: Contact: TODO"}]


def test_each_reading_stops_at_its_limit() -> None:
    text = "TODO: write\n\n" * 200
    assert len(placeholders.find(text, "a.md")) == placeholders.MAX_PLACEHOLDERS
    assert len(placeholders.find(parse(text, "a.md"), "a.md")) == placeholders.MAX_LINES
    assert placeholders.find("", "a.md") == placeholders.find(parse("", "a.md"), "a.md") == []


def test_a_note_beside_a_written_section_is_no_placeholder() -> None:  # flux-retour-cfas
    """"> TODO: Optional only if 1password is configured" under a deploy command is a team's
    note; the same marker alone in its section, a value left unset or an instruction to write
    stands in for content."""
    written = ("# Service\n\n#### Déploiement\n\nDéploie l'application sur l'environnement cible\n\n"
               "```bash\nyarn deploy <environnement>\n```\n\n> TODO: Optional only if 1password is "
               "configured\n\n#### Migrations\n\nCli pour créer une migration.\n")
    assert placeholders.find(parse(written, "README.md"), "README.md") == []
    for template, line in (("# S\n\n## Installation\n\nTODO: the steps\n\n## Run\n\nmake run\n", 5),
                           ("# S\n\n## Installation\n\nRequirements: TODO\n\n```\nmake\n```\n", 5),
                           ("# S\n\nThe service helps.\n\nTODO: describe who uses it\n", 5)):
        found = placeholders.find(parse(template, "README.md"), "README.md")
        assert [f["line"] for f in found] == [line], template


def test_a_commented_todo_atop_a_written_readme_is_a_note() -> None:  # suitenumerique/ui-kit
    written = ("# UI Kit\n\n<!-- TODO: Add CI/CD badge when available -->\n\nThe UI kit gathers the "
               "components La Suite's applications share.\n")
    assert placeholders.find(parse(written, "README.md"), "README.md") == []
    template = "# Service\n\n## Installation\n\n<!-- TODO: describe the installation -->\n"
    assert [f["line"] for f in placeholders.find(parse(template, "README.md"), "README.md")] == [5]
