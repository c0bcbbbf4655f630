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
