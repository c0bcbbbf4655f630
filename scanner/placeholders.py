"""Placeholders: lines of a file still holding what its author has yet to write. Such a file is
not done, however well it reads otherwise.

Two readings, by what is asked. A text (a file ``civiscan fix`` wrote, a security policy, a code
of conduct): every line holding the marker ``fix`` writes where only the team knows the answer
(``TODO``), or the caller's. A :class:`~scanner.community.markup.Document` people wrote (a README,
a contribution guide): the lines where a template marker stands in for content
(``TODO: describe the service``, « À compléter », "[License information here]"): at the start
of a line or a list item, in an HTML comment, in brackets, or followed by a colon. There a
"TODO" section (a roadmap), a task list (``- [ ] …``) and code are a team's notes, not
placeholders.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from scanner.community.markup import Document
from scanner.community.signals import quote_line

#: The marker ``fix`` writes, as a word: "TODO" in a value or a line, not "todos" or "TODOList".
MARKER = re.compile(r"(?<![A-Za-z0-9_])TODO(?![A-Za-z0-9_])")
#: At most this many placeholders are listed per file; of a document people wrote, this many.
MAX_PLACEHOLDERS = 50
MAX_LINES = 10

#: Template markers, in a document people wrote.
_MARKERS = r"(?:TODO|FIXME|TBD)"
#: A marker standing in for content (upper case: "todo" in a sentence is a word): at the start
#: of a line once list, quote, heading and emphasis marks are set aside, or in a comment, in
#: brackets, before a colon or after one (``Requirements: TODO``).
_LEADING = re.compile(rf"(?:\d+[.)]\s*)?(?:<!--\s*)?{_MARKERS}\b")
_STANDS_IN = re.compile(rf"<!--\s*{_MARKERS}\b|[\[(]\s*{_MARKERS}\s*[\])]|\b{_MARKERS}\s*:"
                        rf"|:\s*{_MARKERS}\b")
#: Where the marker is a value left unset (``Requirements: TODO``, ``[TODO]``, a comment).
_VALUE = re.compile(rf"[\[(]\s*{_MARKERS}\s*[\])]|:\s*{_MARKERS}\b")
#: A marker in an HTML comment: invisible to readers, a template's only where nothing else was
#: written around it (``<!-- TODO: Add CI/CD badge when available -->`` atop a finished README
#: is a note).
_COMMENTED = re.compile(rf"<!--\s*{_MARKERS}\b")
#: What follows a leading marker when it asks for content: an instruction to write ("TODO: in
#: one or two sentences, what the service does", "TODO: décrire l'installation"). A marker with
#: nothing after it ("TODO", "*TODO*") is a template's where its section holds nothing else.
_ASKS = re.compile(
    rf"{_MARKERS}\b\s*:?\s*(?:[(\[]|(?:(?:in\s+)?(?:one|two|a\s+few)\s|(?:en\s+)?(?:une|deux|quelques)\s|for\s+example"
    r"|par\s+exemple|e\.g\.|describe|write|add|explain|fill|complete|document|list|give|say|tell"
    r"|indicate|insert|provide|put|d[ée]cri|[ée]cri|ajout|expliqu|compl[ée]t|rempl|documente"
    r"|liste[rz]|indiqu|pr[ée]cis|r[ée]dig|fourni|mett|renseign|donne)\w*)", re.IGNORECASE)
_MARKS = " \t#>*+_-(["
#: Words asking for content, where they stand in for it: alone on the line (after list, quote
#: and emphasis marks), in brackets or a comment, or written in capitals; "lorem ipsum" anywhere.
#: « À venir » is not one: it announces future work (a roadmap's "À venir :", a subsection
#: "*À venir*"), which is prose a team wrote, not a template's marker left unfilled.
_FILL = (r"(?:[àa]|[ÀA])\s+(?:compl[ée]ter|remplir|r[ée]diger|d[ée]finir|renseigner)"
         r"|to\s+be\s+(?:completed|written|defined|filled|done)"
         # "Insert your description here", « Insérer ici… »: an instruction names what to insert;
         # a step of a list is not one (SocialGouv/matomo-postgres README.md:209: "Insert with
         # conflict resolution").
         r"|(?:insert|ins[ée]rer)\s+(?:your|the|a|an|here|votre|vos|le|la|les|l['’]|un|une|des|ici)\b[^\]>]{0,60}")
#: In brackets, any "insert …" is the template's ("[Insert project description]").
_FILL_BRACKETED = _FILL + r"|(?:insert|ins[ée]rer)\s+[^\]>]{0,60}"
_PHRASE = re.compile(
    rf"^(?:\d+[.)]\s*)?(?:<!--\s*)?[\s*_(\[]*(?:{_FILL})\s*[\])*_.:!…]*\s*(?:-->)?\s*$"
    rf"|[\[(<]!?-*\s*(?:{_FILL_BRACKETED})\s*-*[\])>]|\blorem\s+ipsum\b", re.IGNORECASE)
#: A template's name to replace, headings included ("# [Project name]", "<nom du service>"),
#: in words: not a link's text ("[project name](x.md)") nor a pattern in an address
#: ("<app-name>.docker.example.fr").
_TEMPLATE_NAME = re.compile(
    r"[\[<]\s*(?:(?:project|product|service|app(?:lication)?|repo(?:sitory)?)\s+name"
    r"|nom\s+d[ue]\s+(?:la\s+|l['’])?(?:projet|produit|service|application|d[ée]p[ôo]t))"
    r"\s*[\]>](?![(\[.:/\w-])", re.IGNORECASE)
_CAPITALS = re.compile(r"(?<!\w)(?:[ÀA] (?:COMPL[ÉE]TER|REMPLIR|R[ÉE]DIGER|D[ÉE]FINIR|RENSEIGNER)"
                       r"|TO BE (?:COMPLETED|WRITTEN|DEFINED))(?!\w)")
#: Sections where markers are the content (what is left to do).
_NOTES = re.compile(r"\b(?:todo|to-do|to\s+do|roadmap|feuille\s+de\s+route|reste\s+[àa]\s+faire"
                    r"|[àa]\s+faire|backlog|known\s+issues|limitations|changelog|[ée]volutions"
                    r"|prochaines\s+[ée]tapes|next\s+steps)\b", re.IGNORECASE)
_TASK = re.compile(r"^\s*[-*+]\s+\[[ xX]\]")
#: Template text in brackets, standing for what the author has yet to write ("[License
#: information here]", "[Votre licence ici]", "Copyright <year> <author>", "<license>", in
#: betagouv/document-ia's "## License"): square brackets around words that say where or whose
#: ("here", « ici », "your", « votre »), not a link's text ("[text](url)", "[MIT][1]",
#: "[here]: url"), a checkbox ("[ ]", "[x]") nor a footnote; angle brackets around a field of a
#: licence or copyright line only ("<name>" in prose is as often a command's argument).
_BRACKETED = re.compile(
    r"(?<![!\]\\])\[\s*([^\[\]\n]{0,80}?\b(?:here|ici|your|votre|vos)\b[^\[\]\n]{0,80}?)\s*\](?![(\[:])"
    r"|<\s*(?:licen[cs]e(?:[ _-]?(?:name|type|id))?|year|ann[ée]e|author|auteur"
    r"|copyright[ _-]?holder|(?:your|votre)[ _-]\w+)\s*>", re.IGNORECASE)
_CODE_SPAN = re.compile(r"`[^`\n]{0,500}`")


def _bracketed(doc: Document, number: int, line: str) -> bool:
    """Whether ``line`` holds template text in brackets (:data:`_BRACKETED`) that is not the
    text of a link the parser resolved there (a shortcut reference "[click here]")."""
    found = list(_BRACKETED.finditer(_CODE_SPAN.sub(" ", line)))
    if not found:
        return False
    texts = {a.text.strip().lower() for a in doc.anchors if a.line == number}
    return any(m.group(1) is None or m.group(1).strip().lower() not in texts for m in found)


def find(source: str | Document, path: str,
         marker: re.Pattern[str] = MARKER) -> list[dict[str, object]]:
    """The lines of ``source`` still holding a placeholder (1-based): of a text, each line holding
    ``marker``, as ``{"path", "line"}``; of a document, each line where a template marker stands
    in for content, as ``{"path", "line", "text", "summary"}`` (``summary`` is
    ``PATH:LINE: text``, what a message quotes)."""
    if isinstance(source, Document):
        text, holds, limit = source.text, _stands_in(source), MAX_LINES
    else:
        text, limit = source, MAX_PLACEHOLDERS

        def holds(number: int, line: str) -> bool:
            return bool(marker.search(line))
    found: list[dict[str, object]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not holds(number, line):
            continue
        entry: dict[str, object] = {"path": path, "line": number}
        if isinstance(source, Document):
            quoted = quote_line(line)
            entry.update(text=quoted, summary=f"{path}:{number}: {quoted}")
        found.append(entry)
        if len(found) == limit:
            break
    return found


def lines(doc: Document) -> set[int]:
    """Every line of ``doc`` where a template marker stands in for content (:func:`find`'s
    reading, unbounded): what a reader of its parts must not take for written content."""
    holds = _stands_in(doc)
    return {number for number, line in enumerate(doc.text.splitlines(), start=1)
            if holds(number, line)}


def _stands_in(doc: Document) -> Callable[[int, str], bool]:
    """Whether a line of ``doc`` holds a template marker standing in for content."""
    code = doc.code_lines()
    headings = {h.line for h in doc.headings}
    starts = sorted(headings)
    top = min((h.level for h in doc.headings), default=0)
    titles = [h for h in doc.headings if h.level == top]
    title = titles[0] if len(titles) == 1 else None

    def written(first: int, last: int | None, number: int) -> bool:
        """Whether lines ``first`` < line < ``last`` (the marker's line aside) hold prose
        without a marker or code."""
        def inside(line: int) -> bool:
            return first < line < (last if last is not None else line + 1) and line != number
        return (any(inside(p.line) and not MARKER.search(p.text) for p in doc.paragraphs)
                or any(inside(b.line) for b in doc.code_blocks))

    def alone(number: int) -> bool:
        """Whether the marker's section holds nothing else: a "TODO: …" beside the section's
        prose and commands ("> TODO: Optional only if 1password is configured" under a deploy
        command) is a team's note on a written section, not a template left unfilled. So is a
        marker alone in a subsection of a written part ("*TODO*" under "### 3. Standards" in a
        "## Développement" whose other steps are written): the part is written, one point of
        it is yet to come. The document's title is no such part (under it, a section left
        with a marker is a template's)."""
        first = max((s for s in starts if s < number), default=0)
        last = min((s for s in starts if s > number), default=None)
        if written(first, last, number):
            return False
        chain = doc.section_of(number)
        if len(chain) < 2 or chain[-2] is title:
            return True
        part = chain[-2]
        end = min((h.line for h in doc.headings if h.line > part.line and h.level <= part.level),
                  default=None)
        return not written(part.line, end, number)

    def holds(number: int, line: str) -> bool:
        bare = line.lstrip(_MARKS)
        if number in code or _TASK.match(line):
            return False
        named = bool(_TEMPLATE_NAME.search(line)) or _bracketed(doc, number, line)
        phrase = bool(_PHRASE.search(bare) or _PHRASE.search(line) or _CAPITALS.search(line))
        if not (named or phrase or _LEADING.match(bare) or _STANDS_IN.search(line)):
            return False
        if named:
            return True
        if number in headings or any(_NOTES.search(h.text) for h in doc.section_of(number)):
            return False
        if _COMMENTED.search(line):
            return alone(number)
        return phrase or bool(_VALUE.search(line) or _ASKS.search(bare)) or alone(number)
    return holds
