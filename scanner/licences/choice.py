"""A licence file offering a choice between licences, one section each.

ANSSI-FR/libecc LICENSE opens on "provided under a dual BSD/GPLv2 license ... you may do so under
either license", then holds a GPL-2.0-or-later notice and the BSD-2-Clause text, each under a
heading. Read as one text it is a BSD-2-Clause "that differs"; read section by section it is
``BSD-2-Clause OR GPL-2.0-or-later``. Only a file whose head states the choice is split, and
only a section that is a licence text or a licence's standard notice counts as an option: a
sentence naming a licence in passing ("dual BSD/GPLv2 license", "includes code under the Apache
License") offers nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: A heading's underline (setext), a rule line, or a Markdown heading: a section starts there.
_UNDERLINE = re.compile(r"^\s*[=\-~*_#^+]{3,}\s*$")
_ATX = re.compile(r"^\s{0,3}#{1,6}\s+\S")
#: Sections read at most (a dual-licence file has two or three; more are not a choice).
MAX_SECTIONS = 8


@dataclass(frozen=True)
class Section:
    """A part of a licence file: its 1-based first line and its text."""

    line: int
    text: str


def sections(text: str) -> list[Section]:
    """The file's parts, cut before each heading (setext or Markdown), at rule lines and at two
    or more blank lines in a row. The part before the first cut is the first section."""
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
    return found[:MAX_SECTIONS] if len(found) <= MAX_SECTIONS else []
