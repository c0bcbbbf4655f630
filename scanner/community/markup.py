"""Turn a Markdown, reStructuredText, AsciiDoc, Org or plain-text document into headings, prose
paragraphs, code blocks and links, so the analysers never care which markup a team chose."""

from __future__ import annotations

import re
import typing as t
from dataclasses import dataclass, field

from markdown_it import MarkdownIt

#: Markup formats by file extension (lower case, with the dot); no extension reads as Markdown
#: because that is what GitHub and GitLab render for a bare README.
FORMAT_BY_EXTENSION = {
    ".md": "markdown", ".markdown": "markdown", ".mdx": "markdown", "": "markdown",
    ".rst": "rst", ".adoc": "asciidoc", ".asciidoc": "asciidoc", ".org": "org", ".txt": "text",
}


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    line: int


@dataclass(frozen=True)
class Block:
    """A paragraph or code block with the 1-based line it starts on; ``listed`` when the
    paragraph is an item of a list (a line of links, rarely a sentence about the service);
    ``end``, for a code block, the last line it occupies (its closing fence included)."""

    text: str
    line: int
    listed: bool = False
    end: int | None = None

    @property
    def last(self) -> int:
        """The last line of the block: ``end`` where the parser knows it, else as many lines
        as the text holds."""
        if self.end is not None:
            return self.end
        return self.line + max(0, self.text.rstrip("\n").count("\n"))


@dataclass(frozen=True)
class Link:
    """A link as written: where it points, its text, and the 1-based line it stands on."""

    target: str
    text: str
    line: int


@dataclass
class Document:
    """What the analysers read: the text plus its structure."""

    format: str
    text: str
    headings: list[Heading] = field(default_factory=list)
    paragraphs: list[Block] = field(default_factory=list)
    code_blocks: list[Block] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    anchors: list[Link] = field(default_factory=list)
    #: Pages a table of contents names (a reStructuredText ``toctree``): the pages of a
    #: documentation site, as its generator finds them, not links a reader clicks in the text.
    toc: list[Link] = field(default_factory=list)

    def code_lines(self) -> set[int]:
        """1-based lines inside code blocks, their fences included: the lines the parser says
        each block occupies, never the line after it (a step of a numbered list right after a
        fence is prose)."""
        lines: set[int] = set()
        for block in self.code_blocks:
            lines.update(range(block.line, block.last + 1))
        return lines

    def section_of(self, line: int) -> list[Heading]:
        """The headings a line stands under, outermost first (its section and the ones around
        it): where a command or a link sits says what it is for."""
        chain: list[Heading] = []
        for heading in self.headings:
            if heading.line > line:
                break
            while chain and chain[-1].level >= heading.level:
                chain.pop()
            chain.append(heading)
        return chain

    def prose_words(self) -> int:
        """Words a person reads: code, link targets, bare addresses, images and markup left
        out (a tagline and a row of badges is not a README of 30 words)."""
        code = self.code_lines()
        kept = [line for number, line in enumerate(self.text.splitlines(), start=1)
                if number not in code]
        return len(_WORD.findall(plain(" \n".join(kept))))


_WORD = re.compile(r"[^\W\d_]{2,}", re.UNICODE)
#: Bounded repeats: markup left unclosed costs each start a few hundred steps, not the line.
#: An image, inline or by reference (``![Licence][img-license]``, shown as its alt text when the
#: reference is defined nowhere): a badge's alt text is no prose.
_IMAGE = re.compile(r"!\[[^\]\n]{0,500}\](?:\([^)\n]{0,500}\)|\[[^\]\n]{0,300}\])")
_LINK_TARGET = re.compile(r"\]\([^)\n]{0,500}\)|\]\[[^\]\n]{0,300}\]")
_URL = re.compile(r"(?:https?|ftp|mailto):[^\s<>()\[\]\"'`]+|\bwww\.[^\s<>()\[\]\"'`]+",
                  re.IGNORECASE)
_INLINE_CODE = re.compile(r"``[^`\n]{1,500}``|`[^`\n]{1,500}`")
_TAG = re.compile(r"<[^<>\n]{1,500}>")


#: Emoji shortcodes, which GitHub and GitLab draw as pictures (SocialGouv/tremplin README.md:1, a
#: row of 45 ``:skull:``): not words.
_SHORTCODES = re.compile(r"(?<![^\s(>])(?::[a-z][a-z0-9_+-]{0,40}:)+(?=[\s).,!?<]|$)")


def plain(text: str) -> str:
    """Prose only: images, link targets, addresses, inline code, HTML tags and emphasis marks
    removed."""
    text = _IMAGE.sub(" ", text)
    text = _LINK_TARGET.sub("] ", text)
    text = _INLINE_CODE.sub(" ", text)
    text = _TAG.sub(" ", text)
    text = _SHORTCODES.sub(" ", text)
    return _URL.sub(" ", text).replace("*", "")


def inline_code(text: str) -> list[str]:
    """Code spans of a paragraph: Markdown and AsciiDoc backticks, reStructuredText double
    backticks, Org ``=…=`` and ``~…~``."""
    spans = [m.group(0).strip("`") for m in _INLINE_CODE.finditer(text)]
    spans += re.findall(r"(?:^|\s)[=~]([^=~\s][^=~\n]*?)[=~](?=\s|$|[.,;:])", text)
    return [span.strip() for span in spans if span.strip()]


def markup_format(path: str) -> str:
    name = path.rsplit("/", 1)[-1].lower()
    stem, dot, ext = name.rpartition(".")
    if not dot or not stem:
        return "markdown"
    # README.fr.md, CONTRIBUTING.en.rst: the last suffix decides.
    return FORMAT_BY_EXTENSION.get(f".{ext}", "text")


def parse(text: str, path: str) -> Document:
    """Parse ``text`` according to the markup its ``path`` implies."""
    fmt = markup_format(path)
    parsers = {"markdown": _markdown, "rst": _rst, "asciidoc": _asciidoc, "org": _org}
    parser = parsers.get(fmt, _text)
    doc = parser(text)
    doc.format = fmt
    if fmt != "markdown":
        doc.anchors.extend(_written_links(text, fmt))
        doc.paragraphs = [Block(b.text, b.line, listed=bool(_ITEM.match(b.text)))
                          for b in doc.paragraphs]
    known = {a.target for a in doc.anchors}
    doc.anchors.extend(a for a in _bare_anchors(text) if a.target not in known)
    doc.links = list(dict.fromkeys([*doc.links, *(a.target for a in doc.anchors)]))
    return doc


#: Inline markup characters markdown-it pays dearly for, one by one (about 25 µs for each ``[``,
#: whose link label it looks for, 12 µs for ``*`` and ``_``; other characters cost 5 µs at most):
#: past this many of one kind, the rest are read as spaces. Real READMEs hold a few hundred; a
#: heading of 150,000 ``[`` took seconds of parsing (escaping them costs as much).
MAX_MARKUP_CHARS = 10_000


def defuse(text: str, characters: str = "[*_", limit: int = MAX_MARKUP_CHARS) -> str:
    """``text`` with every occurrence of ``characters`` past the ``limit``-th one made a space."""
    for char in characters:
        if text.count(char) <= limit:
            continue
        at = -1
        for _ in range(limit):
            at = text.find(char, at + 1)
        text = text[:at + 1] + text[at + 1:].replace(char, " ")
    return text


_MD = MarkdownIt("commonmark").enable("table")
#: A list item in the line-based markups (``- x``, ``* x``, ``1. x``).
_ITEM = re.compile(r"\s*(?:[-*+]|\d+[.)])\s")
# The inner parts of these patterns stop at the next opening delimiter and are bounded: each
# opening is then tried against a bounded stretch of text, never against the rest of the file
# (60,000 unclosed ``<h1>`` took minutes, as did 150,000 ``[`` in a heading).
_HTML_HEADING = re.compile(r"<h([1-6])\b[^<>]{0,500}>((?:(?!<h[1-6]\b).){0,2000}?)</h\1\s*>",
                           re.IGNORECASE | re.DOTALL)
_HTML_TAG = re.compile(r"<[^<>]{1,1000}>")
_MD_INLINE = re.compile(r"!?\[([^\][]{0,1000})\]\([^()]{0,2000}\)|[*_`]+")


def _clean_inline(text: str) -> str:
    text = _MD_INLINE.sub(lambda m: m.group(1) or "", text)
    return " ".join(_HTML_TAG.sub(" ", text).split())


_MD_HEADING_IMAGE = re.compile(r"!\[[^\][]{0,1000}\]\([^()]{0,2000}\)")


def _heading_text(text: str) -> str:
    """A heading's words: images left out when it has words of its own (etalab/
    watchdoge_apientreprise: "# README [![Build Status](…)](…)" is titled README, not "Build
    Status", a subject of installing or CI); a heading of images only (a logo) keeps their alt."""
    words = _clean_inline(_MD_HEADING_IMAGE.sub(" ", text))
    return words or _clean_inline(text)


def _markdown(text: str) -> Document:
    doc = Document("markdown", text)
    tokens = _MD.parse(defuse(text))
    lists = 0
    for index, token in enumerate(tokens):
        line = token.map[0] + 1 if token.map else 0
        if token.type in ("bullet_list_open", "ordered_list_open"):
            lists += 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            lists -= 1
        if token.type == "heading_open":
            content = tokens[index + 1].content if index + 1 < len(tokens) else ""
            doc.headings.append(Heading(int(token.tag[1]), _heading_text(content), line))
        elif token.type == "html_block":
            for match in _HTML_HEADING.finditer(token.content):
                offset = token.content.count("\n", 0, match.start())
                doc.headings.append(Heading(int(match.group(1)), _clean_inline(match.group(2)),
                                            line + offset))
            # READMEs often open with a centred <p> describing the service.
            prose = _clean_inline(_HTML_HEADING.sub(" ", token.content))
            if len(prose.split()) >= 5:
                doc.paragraphs.append(Block(prose, line))
        elif token.type == "inline" and tokens[index - 1].type == "paragraph_open":
            doc.paragraphs.append(Block(token.content, line, listed=lists > 0))
        elif token.type in ("fence", "code_block"):
            # The map ends after the closing fence (or at the end of the text when unclosed).
            end = token.map[1] if token.map else None
            doc.code_blocks.append(Block(token.content, line, end=end))
        if token.type == "html_block":
            for match in _HTML_LINK.finditer(token.content):
                doc.anchors.append(Link(match.group(1), _clean_inline(match.group(2)),
                                        line + token.content.count("\n", 0, match.start())))
        if token.children:
            doc.anchors.extend(_inline_links(token.children, line))
    doc.links = list(dict.fromkeys([*doc.links, *(a.target for a in doc.anchors)]))
    return doc


#: Bounded repeats: a hostile README of unclosed tags costs each start a few hundred steps.
_HTML_LINK = re.compile(r"<a\s[^>]{0,300}?href=[\"']([^\"'>]{1,500})[\"'][^>]{0,300}>"
                        r"(.{0,500}?)</a\s*>", re.IGNORECASE | re.DOTALL)
_HTML_OPEN = re.compile(r"<a\s[^>]{0,300}?href=[\"']([^\"'>]{1,500})[\"']", re.IGNORECASE)


def _inline_links(children: list[t.Any], line: int) -> list[Link]:
    """Links of one inline run, each with its text and the line it stands on."""
    found: list[Link] = []
    open_link: tuple[str, list[str], int] | None = None
    for child in children:
        if child.type in ("softbreak", "hardbreak"):
            line += 1
        elif child.type == "link_open":
            href = child.attrGet("href")
            open_link = (href, [], line) if isinstance(href, str) else None
        elif child.type == "link_close" and open_link is not None:
            found.append(Link(open_link[0], " ".join(open_link[1]).strip(), open_link[2]))
            open_link = None
        elif open_link is not None and child.type in ("text", "code_inline"):
            open_link[1].append(child.content)
        elif child.type == "html_inline":
            opening = _HTML_OPEN.match(child.content)
            if opening:
                open_link = (opening.group(1), [], line)
            elif child.content.lower().startswith("</a") and open_link is not None:
                found.append(Link(open_link[0], " ".join(open_link[1]).strip(), open_link[2]))
                open_link = None
    return found


_RST_ADORN = re.compile(r"^([=\-~^\"'`#*+:._])\1{2,}\s*$")


def _rst(text: str) -> Document:
    doc = Document("rst", text)
    lines = text.splitlines()
    levels: list[str] = []
    in_code = False
    paragraph: list[str] = []
    start = 0

    def flush() -> None:
        if paragraph:
            doc.paragraphs.append(Block(" ".join(paragraph), start))
            paragraph.clear()

    index = 0
    while index < len(lines):
        line = lines[index]
        nxt = lines[index + 1] if index + 1 < len(lines) else ""
        if in_code:
            if line.strip() and not line[:1].isspace():
                in_code = False
            else:
                doc.code_blocks[-1] = Block(doc.code_blocks[-1].text + line + "\n",
                                            doc.code_blocks[-1].line)
                index += 1
                continue
        stripped = line.strip()
        if (stripped and not _RST_ADORN.match(line) and _RST_ADORN.match(nxt)
                and len(nxt.strip()) >= len(stripped) and not line[:1].isspace()):
            flush()
            char = nxt.strip()[0]
            if char not in levels:
                levels.append(char)
            doc.headings.append(Heading(levels.index(char) + 1, stripped, index + 1))
            index += 2
            continue
        if _RST_ADORN.match(line):  # an overline, or a transition
            flush()
            index += 1
            continue
        if not stripped:
            flush()
        elif _TOCTREE.match(stripped):
            flush()
            index = _toctree(lines, index + 1, doc)
            continue
        elif stripped.startswith(".. code") or stripped.startswith(".. sourcecode") or (
                stripped.endswith("::") and not stripped.startswith("..")):
            flush()
            if not stripped.startswith(".."):
                paragraph.append(stripped[:-1])
                flush()
            doc.code_blocks.append(Block("", index + 2))
            in_code = True
        elif not stripped.startswith(".."):
            if not paragraph:
                start = index + 1
            paragraph.append(stripped)
        index += 1
    flush()
    doc.code_blocks = [b for b in doc.code_blocks if b.text.strip()]
    return doc


_TOCTREE = re.compile(r"^\.\.\s+toctree::\s*$", re.IGNORECASE)
#: A toctree entry: a page, or "Title <page>".
_TOC_ENTRY = re.compile(r"^(?:(.*?)\s*<([^<>\s]+)>|(\S+))$")


def _toctree(lines: list[str], index: int, doc: Document) -> int:
    """Read the body of a ``.. toctree::`` directive from ``index``: its indented lines, options
    (``:maxdepth: 2``) aside, each name a page (``gstarted``, ``Install <install/index>``);
    addresses and ``self`` are no page of the folder. Returns the index of the line after it."""
    while index < len(lines) and (not lines[index].strip() or lines[index][:1].isspace()):
        entry = lines[index].strip()
        match = _TOC_ENTRY.match(entry) if entry and not entry.startswith(":") else None
        if match:
            target = match.group(2) or match.group(3)
            if target != "self" and "://" not in target:
                doc.toc.append(Link(target, (match.group(1) or "").strip(), index + 1))
        index += 1
    return index


_ADOC_HEADING = re.compile(r"^(={1,6})\s+(\S.*)$")
_ORG_HEADING = re.compile(r"^(\*{1,6})\s+(\S.*)$")


def _delimited(text: str, doc: Document, heading: re.Pattern[str],
               fence: re.Pattern[str], fence_end: re.Pattern[str] | None = None) -> Document:
    """Line-based markups (AsciiDoc, Org): headings by prefix, code between fences."""
    paragraph: list[str] = []
    start = 0
    code: list[str] | None = None
    code_line = 0
    closing = fence_end or fence
    for number, line in enumerate(text.splitlines(), start=1):
        if code is not None:
            if closing.match(line):
                doc.code_blocks.append(Block("\n".join(code), code_line, end=number))
                code = None
            else:
                code.append(line)
            continue
        if fence.match(line):
            if paragraph:
                doc.paragraphs.append(Block(" ".join(paragraph), start))
                paragraph = []
            code, code_line = [], number + 1
            continue
        match = heading.match(line)
        if match or not line.strip():
            if paragraph:
                doc.paragraphs.append(Block(" ".join(paragraph), start))
                paragraph = []
            if match:
                doc.headings.append(Heading(len(match.group(1)), match.group(2).strip(), number))
            continue
        if not paragraph:
            start = number
        paragraph.append(line.strip())
    if code is not None:  # unclosed: the block runs to the end, as Markdown reads it
        doc.code_blocks.append(Block("\n".join(code), code_line, end=max(code_line, number)))
    if paragraph:
        doc.paragraphs.append(Block(" ".join(paragraph), start))
    return doc


def _asciidoc(text: str) -> Document:
    return _delimited(text, Document("asciidoc", text), _ADOC_HEADING,
                      re.compile(r"^(?:-{4,}|\.{4,}|`{3}.*)\s*$"))


def _org(text: str) -> Document:
    return _delimited(text, Document("org", text), _ORG_HEADING,
                      re.compile(r"^\s*#\+begin_(?:src|example)\b", re.IGNORECASE),
                      re.compile(r"^\s*#\+end_(?:src|example)\b", re.IGNORECASE))


def _text(text: str) -> Document:
    """Plain text: paragraphs only, plus indented blocks as code."""
    doc = _delimited(text, Document("text", text), re.compile(r"(?!x)x"),
                     re.compile(r"^`{3}.*$"))
    return doc


_BARE_LINK = re.compile(r"(?:https?://|mailto:)[^\s<>()\[\]\"'`]+", re.IGNORECASE)
#: Links as each markup writes them: (pattern, group of the target, group of the text).
_WRITTEN = {
    "rst": [(re.compile(r"`([^`<\n]{0,300}?)<([^>`\n]{1,500})>`__?"), 2, 1),
            (re.compile(r"^\.\.[ \t]+_([^:\n]{1,300}):[ \t]*(\S+)", re.MULTILINE), 2, 1)],
    "asciidoc": [(re.compile(r"\b(?:link|xref|include):([^\s\[]{1,500})\[([^\]\n]{0,300})\]"),
                  1, 2),
                 (re.compile(r"<<([^,>\n]{1,500}),?([^>\n]{0,300})>>"), 1, 2),
                 (re.compile(r"(https?://[^\s\[]{1,500})\[([^\]\n]{0,300})\]"), 1, 2)],
    "org": [(re.compile(r"\[\[([^\]\n]{1,500})\](?:\[([^\]\n]{0,300})\])?\]"), 1, 2)],
}


def _line_at(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _written_links(text: str, fmt: str) -> list[Link]:
    found = []
    for pattern, target, label in _WRITTEN.get(fmt, []):
        for match in pattern.finditer(text):
            address = match.group(target).strip()
            if fmt == "org":
                address = address.removeprefix("file:")
            found.append(Link(address, (match.group(label) or "").strip(),
                              _line_at(text, match.start())))
    return sorted(found, key=lambda a: a.line)


def _bare_anchors(text: str) -> list[Link]:
    return [Link(m.group(0).rstrip(".,;:!?*_"), "", _line_at(text, m.start()))
            for m in _BARE_LINK.finditer(text)]
