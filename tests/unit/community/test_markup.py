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


def test_links_keep_their_text_and_line_in_every_markup() -> None:
    md = parse("# X\n\nSee the\n[setup guide](docs/setup.md) and <a href=\"INSTALL.md\">this</a>.\n"
               "\n<p><a href=\"ONBOARDING.md\">Onboarding</a></p>\n", "README.md")
    assert [(a.target, a.text, a.line) for a in md.anchors] == [
        ("docs/setup.md", "setup guide", 4), ("INSTALL.md", "this", 4),
        ("ONBOARDING.md", "Onboarding", 6)]
    rst = parse("Title\n=====\n\nRead `the guide <docs/dev.rst>`_.\n", "README.rst")
    assert [(a.target, a.text, a.line) for a in rst.anchors] == [("docs/dev.rst", "the guide", 4)]
    adoc = parse("= T\n\nlink:docs/install.adoc[Installer]\n", "README.adoc")
    assert [(a.target, a.text) for a in adoc.anchors] == [("docs/install.adoc", "Installer")]
    org = parse("* T\n[[file:docs/run.org][Run it]]\n", "README.org")
    assert [(a.target, a.text) for a in org.anchors] == [("docs/run.org", "Run it")]


def test_prose_words_leave_out_code_addresses_and_badges() -> None:
    doc = parse("# Tool\n\n[![ci](https://x.io/badge.svg)](https://x.io) "
                "<img src=\"logo.png\">\n\nSee https://github.com/o/very/long/path/words.\n\n"
                "```sh\nnpm install many words here\n```\n\nRun `npm start` now.\n", "README.md")
    assert doc.prose_words() == 4  # Tool, See, Run, now


def test_list_items_and_sections() -> None:
    doc = parse("# A\n\nIntro sentence here.\n\n- item one\n\n## B\n\n### C\n\ntext\n", "README.md")
    assert [(b.text, b.listed) for b in doc.paragraphs] == [
        ("Intro sentence here.", False), ("item one", True), ("text", False)]
    assert [h.text for h in doc.section_of(11)] == ["A", "B", "C"]
    assert [h.text for h in doc.section_of(3)] == ["A"]
    rst = parse("Title\n=====\n\n- an item\n\nprose\n", "README.rst")
    assert [b.listed for b in rst.paragraphs] == [True, False]


def test_markup_characters_past_the_limit_are_read_as_spaces() -> None:
    from scanner.community.markup import defuse

    assert defuse("[a](b) *c*", limit=5) == "[a](b) *c*"
    assert defuse("[[[[", limit=2) == "[[  "
    assert defuse("*_*_*_", limit=1) == "*_    "
    doc = parse("# Titre [x]\n\n" + "[" * 30_000 + "\n", "README.md")
    assert doc.headings[0].text == "Titre [x]"


def _code(text: str, path: str = "CONTRIBUTING.md") -> list[int]:
    doc = parse(text, path)
    return [n for n in range(1, len(text.splitlines()) + 1) if n in doc.code_lines()]


def test_code_lines_stop_at_the_closing_fence() -> None:
    # inclusion-numerique/coop-mediation-numerique CONTRIBUTING.md:714-729: steps and fences
    # alternate; the step after each fence is prose.
    text = ("### Workflow de contribution\n\n"
            "1. Creer une branche depuis `dev` :\n   ```bash\n   git checkout -b feat/x\n   ```\n"
            "2. Developper et commiter :\n   ~~~\n   git commit -m x\n   ~~~\n"
            "3. Pousser et ouvrir une Pull Request vers `dev` :\n   ```bash\n   git push\n   ```\n"
            "4. Apres review et merge dans `dev`.\n")
    assert _code(text) == [4, 5, 6, 8, 9, 10, 12, 13, 14]
    from scanner.community.contributing import explains
    assert explains(parse(text, "CONTRIBUTING.md"))["how_to_contribute"]


def test_code_lines_of_indented_unclosed_and_line_based_blocks() -> None:
    assert _code("Text\n\n    make run\n    make test\n\nAfter\n") == [3, 4]
    assert _code("Text\n\n````\n```\nstill code\n````\nAfter\n") == [3, 4, 5, 6]
    assert _code("Text\n```sh\nunclosed\nruns on\n") == [2, 3, 4]
    assert _code("* T\n#+begin_src sh\nmake run\n#+end_src\nAfter\n", "README.org") == [3, 4]
    assert _code("= T\n\n----\nmake run\n----\nAfter\n", "README.adoc") == [4, 5]
    assert _code("= T\n\n----\nmake run\nmore\n", "README.adoc") == [4, 5]
    assert _code("T\n=\n\nRun::\n\n    make run\n\nAfter\n", "README.rst") == [5, 6]
