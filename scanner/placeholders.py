"""Placeholders: lines of a file still holding what its author has yet to write. Such a file is
not done, however well it reads otherwise.

Two readings, by what is asked. A text (a file ``civiscan fix`` wrote, a security policy, a code
of conduct): every line holding the marker ``fix`` writes where only the team knows the answer
(``TODO``), or the caller's. A :class:`~scanner.community.markup.Document` people wrote (a README,
a contribution guide): the lines where a template marker stands in for content
(``TODO: describe the service``, « À compléter »): at the start of a line or a list item, in an
HTML comment, in brackets, or followed by a colon. There a "TODO" section (a roadmap), a task list
(``- [ ] …``) and code are a team's notes, not placeholders.
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
_MARKS = " \t#>*+_-(["
#: Words asking for content, where they stand in for it: alone on the line (after list, quote
#: and emphasis marks), in brackets or a comment, or written in capitals; "lorem ipsum" anywhere.
#: « À venir » is not one: it announces future work (a roadmap's "À venir :", a subsection
#: "*À venir*"), which is prose a team wrote, not a template's marker left unfilled.
_FILL = (r"(?:[àa]|[ÀA])\s+(?:compl[ée]ter|remplir|r[ée]diger|d[ée]finir|renseigner)"
         r"|to\s+be\s+(?:completed|written|defined|filled|done)|(?:insert|ins[ée]rer)\s+[^\]>]{0,60}")
_PHRASE = re.compile(
    rf"^(?:\d+[.)]\s*)?(?:<!--\s*)?[\s*_(\[]*(?:{_FILL})\s*[\])*_.:!…]*\s*(?:-->)?\s*$"
    rf"|[\[(<]!?-*\s*(?:{_FILL})\s*-*[\])>]|\blorem\s+ipsum\b", re.IGNORECASE)
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


def _stands_in(doc: Document) -> Callable[[int, str], bool]:
    """Whether a line of ``doc`` holds a template marker standing in for content."""
    code = doc.code_lines()
    headings = {h.line for h in doc.headings}

    def holds(number: int, line: str) -> bool:
        bare = line.lstrip(_MARKS)
        if number in code or _TASK.match(line):
            return False
        named = bool(_TEMPLATE_NAME.search(line))
        if not (named or _LEADING.match(bare) or _STANDS_IN.search(line) or _PHRASE.search(bare)
                or _CAPITALS.search(line)):
            return False
        return named or not (number in headings
                             or any(_NOTES.search(h.text) for h in doc.section_of(number)))
    return holds
