"""Headings, prose and code from each markup civiscan reads."""

from __future__ import annotations

from scanner.community.markup import markup_format, parse


def test_markdown_headings_ignore_code_and_include_html() -> None:
    text = ('<h1 align="center">Mon service</h1>\n\n# Installation\n\n```sh\n# not a heading\n'
            'npm install\n```\n\nSetext\n------\n')
    doc = parse(text, "README.md")
    assert [(h.level, h.text, h.line) for h in doc.headings] == [
        (1, "Mon service", 1), (1, "Installation", 3), (2, "Setext", 10)]
    assert len(doc.code_blocks) == 1 and "npm install" in doc.code_blocks[0].text


def test_markdown_links_and_bare_urls() -> None:
    doc = parse("See [guide](./docs/CONTRIBUTING.md) or https://example.org/x.", "CONTRIBUTING.md")
    assert "./docs/CONTRIBUTING.md" in doc.links
    assert "https://example.org/x" in doc.links


def test_restructuredtext() -> None:
    text = "=====\nTitle\n=====\n\nInstall\n-------\n\nRun this::\n\n    make run\n\nDone.\n"
    doc = parse(text, "README.rst")
    assert [(h.level, h.text) for h in doc.headings] == [(1, "Title"), (2, "Install")]
    assert any("make run" in b.text for b in doc.code_blocks)


def test_asciidoc_and_org() -> None:
    adoc = parse("= Title\n\n== Lancer\n\n----\nmake run\n----\n", "README.adoc")
    assert [h.text for h in adoc.headings] == ["Title", "Lancer"]
    assert adoc.code_blocks[0].text == "make run"
    org = parse("* Title\n** Run\n#+BEGIN_SRC sh\nmake run\n#+END_SRC\n", "README.org")
    assert [h.level for h in org.headings] == [1, 2]
    assert org.code_blocks[0].text == "make run"


def test_format_from_extension() -> None:
    assert markup_format("README") == "markdown"
    assert markup_format("README.fr.md") == "markdown"
    assert markup_format("docs/README.rst") == "rst"
    assert markup_format("README.txt") == "text"


def test_markup_characters_past_the_limit_are_read_as_spaces() -> None:
    from scanner.community.markup import defuse

    assert defuse("[a](b) *c*", limit=5) == "[a](b) *c*"
    assert defuse("[[[[", limit=2) == "[[  "
    assert defuse("*_*_*_", limit=1) == "*_    "
    doc = parse("# Titre [x]\n\n" + "[" * 30_000 + "\n", "README.md")
    assert doc.headings[0].text == "Titre [x]"
