"""Template markers left in a document (``TODO: describe the service``, « À compléter »): a
README or a contribution guide still holding them is a draft, whatever else it says.

A marker counts where it stands in for content: at the start of a line or a list item, in an
HTML comment, in brackets, or followed by a colon. A "TODO" section (a roadmap), a task list
(``- [ ] …``) and code are a team's notes, not placeholders.
"""

from __future__ import annotations

import re

from scanner.community.markup import Document
from scanner.community.signals import quote_line

_MARKER = r"(?:TODO|FIXME|TBD)"
#: A marker standing in for content (upper case: "todo" in a sentence is a word): at the start
#: of a line once list, quote, heading and emphasis marks are set aside, or in a comment, in
#: brackets, before a colon or after one (``Requirements: TODO``).
_LEADING = re.compile(rf"(?:\d+[.)]\s*)?(?:<!--\s*)?{_MARKER}\b")
_STANDS_IN = re.compile(rf"<!--\s*{_MARKER}\b|[\[(]\s*{_MARKER}\s*[\])]|\b{_MARKER}\s*:"
                        rf"|:\s*{_MARKER}\b")
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
_NAME = re.compile(
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
#: Lines quoted at most.
MAX_LINES = 10


def find(doc: Document, path: str) -> list[dict[str, object]]:
    """``{"path", "line", "text", "summary"}`` of each line that still holds a template marker
    (``summary`` is ``PATH:LINE: text``, what a message quotes)."""
    code = doc.code_lines()
    headings = {h.line for h in doc.headings}
    found: list[dict[str, object]] = []
    for number, line in enumerate(doc.text.splitlines(), start=1):
        bare = line.lstrip(_MARKS)
        if number in code or _TASK.match(line):
            continue
        named = bool(_NAME.search(line))
        if not (named or _LEADING.match(bare) or _STANDS_IN.search(line) or _PHRASE.search(bare)
                or _CAPITALS.search(line)):
            continue
        if not named and (number in headings
                          or any(_NOTES.search(h.text) for h in doc.section_of(number))):
            continue
        text = quote_line(line)
        found.append({"path": path, "line": number, "text": text,
                      "summary": f"{path}:{number}: {text}"})
        if len(found) == MAX_LINES:
            break
    return found
