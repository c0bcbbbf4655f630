"""Turn a Markdown, reStructuredText, AsciiDoc, Org or plain-text document into headings, prose
paragraphs, code blocks and links, so the analysers never care which markup a team chose."""

from __future__ import annotations

import re
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
    """A paragraph or code block with the 1-based line it starts on."""

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

    def code_lines(self) -> set[int]:
        """1-based lines inside code blocks (fences included, for Markdown)."""
        lines: set[int] = set()
        for block in self.code_blocks:
            span = block.text.count("\n") + 2
            lines.update(range(block.line, block.line + span + 1))
        return lines


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
    doc.links = list(dict.fromkeys([*doc.links, *_bare_links(text)]))
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


def _markdown(text: str) -> Document:
    doc = Document("markdown", text)
    tokens = _MD.parse(defuse(text))
    for index, token in enumerate(tokens):
        line = token.map[0] + 1 if token.map else 0
        if token.type == "heading_open":
            content = tokens[index + 1].content if index + 1 < len(tokens) else ""
            doc.headings.append(Heading(int(token.tag[1]), _clean_inline(content), line))
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
            doc.paragraphs.append(Block(token.content, line))
        elif token.type in ("fence", "code_block"):
            doc.code_blocks.append(Block(token.content, line))
        if token.children:
            for child in token.children:
                href = child.attrGet("href") if child.type == "link_open" else None
                if isinstance(href, str):
                    doc.links.append(href)
    doc.links = list(dict.fromkeys(doc.links))
    return doc


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
                doc.code_blocks.append(Block("\n".join(code), code_line))
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


def _bare_links(text: str) -> list[str]:
    return [m.group(0).rstrip(".,;:!?*_") for m in _BARE_LINK.finditer(text)]
