"""A licence file offering a choice between licences, one section each.

ANSSI-FR/libecc LICENSE opens on "provided under a dual BSD/GPLv2 license ... you may do so under
either license", then holds a GPL-2.0-or-later notice and the BSD-2-Clause text, each under a
heading. Read as one text it is a BSD-2-Clause "that differs"; read section by section it is
``BSD-2-Clause OR GPL-2.0-or-later``. Only a file whose head states the choice is split, and
only a section that is a licence text or a licence's standard notice counts as an option: a
sentence naming a licence in passing ("dual BSD/GPLv2 license", "includes code under the Apache
License") offers nothing.

A licence file may also grant one licence, then quote the licences of code it includes
(IGNF/geoportal-access-lib LICENCE.md: "released under the licence CeCILL-B", then "## Third
party code" with the MIT text of ES6-Promise): :func:`appendix` finds where that part starts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: A heading's underline (setext), a rule line, or a Markdown heading: a section starts there.
_UNDERLINE = re.compile(r"^\s*[=\-~*_#^+]{3,}\s*$")
_ATX = re.compile(r"^\s{0,3}#{1,6}\s+\S")
#: Sections read at most (a dual-licence file has two or three; more are not a choice).
MAX_SECTIONS = 8
#: Headings about other people's work and licences (third-party code, dependencies, fonts,
#: credits), not the project's: in a README or in a licence file.
OTHERS = re.compile(r"third|tiers|d[ée]pendanc|dependenc|cr[ée]dits?|acknowledg|remerciement"
                    r"|\bfonts?\b|\bpolices?\b|\bicons?\b|ic[ôo]nes", re.IGNORECASE)
#: A licence file's part about code it includes: its heading says so ("Third party code",
#: "Bundled components", "This product includes", "Portions", « Composants tiers »).
_APPENDIX = re.compile(OTHERS.pattern + r"|\bbundled?\b|\binclu(?:des?|ded|t)\b|\bportions?\b"
                       r"|\bincorporat|\bembedded\b|\bembarqu", re.IGNORECASE)
#: A heading is short: a longer first line is a paragraph of a licence text ("tiers" is a word
#: of every CeCILL article).
_HEADING_WORDS = 12
#: Sections of a licence file read for an appendix (each component's licence is one).
MAX_APPENDIX_SECTIONS = 24


@dataclass(frozen=True)
class Section:
    """A part of a licence file: its 1-based first line and its text."""

    line: int
    text: str


def sections(text: str, limit: int = MAX_SECTIONS) -> list[Section]:
    """The file's parts, cut before each heading (setext or Markdown), at rule lines and at two
    or more blank lines in a row. The part before the first cut is the first section. None
    when there are more than ``limit``."""
    lines = text.splitlines()
    starts = {0}
    blank_run = 0
    for number, line in enumerate(lines):
        if not line.strip():
            blank_run += 1
            continue
        if blank_run >= 2:
            starts.add(number)
        blank_run = 0
        if _ATX.match(line):
            starts.add(number)
        elif _UNDERLINE.match(line):
            previous = number - 1
            if previous >= 0 and lines[previous].strip():  # setext: the title line starts it
                starts.add(previous)
            else:
                starts.add(number)
    ordered = sorted(starts)
    found = []
    for first, end in zip(ordered, [*ordered[1:], len(lines)], strict=True):
        body = "\n".join(lines[first:end])
        if body.strip():
            found.append(Section(first + 1, body))
    return found if len(found) <= limit else []


def appendix(text: str) -> tuple[str, list[Section]] | None:
    """(the text before it, its sections) when a licence file, after some text of its own,
    has a part about others' code: a section whose heading speaks of third-party, bundled or
    included code, dependencies or credits. A heading is a Markdown or underlined title, or a
    short line standing alone: a wrapped sentence of a licence text ("shall be included in all
    copies") is none."""
    parts = sections(text, MAX_APPENDIX_SECTIONS)
    for number, part in enumerate(parts[1:], start=1):
        lines = [line.strip() for line in part.text.splitlines()]
        lines = lines[next((i for i, line in enumerate(lines) if line), 0):]
        alone = len(lines) < 2 or not lines[1] or bool(_UNDERLINE.match(lines[1]))
        heading = lines[0].lstrip("#>*_ ").rstrip(":*_ ") if lines else ""
        if ((alone or _ATX.match(lines[0])) and len(heading.split()) <= _HEADING_WORDS
                and _APPENDIX.search(heading)):
            return "\n".join(p.text for p in parts[:number]), parts[number:]
    return None
