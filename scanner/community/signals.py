"""Find phrases in a text and quote the line they stand on: the evidence every analyser gives."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

#: Negations that, shortly before a phrase, reverse it ("we do not require a CLA",
#: « pas d'utilisation de CLA »). French « ne … pas » is covered by ``pas``/``n'``.
_NEGATION = re.compile(
    r"\b(?:no|not|don['’]t|doesn['’]t|never|without|neither|nor|pas|aucune?|sans|ni|jamais|"
    r"plus)\b|\bn['’]", re.IGNORECASE)
#: How far back (in characters, same line) a negation still applies.
NEGATION_WINDOW = 50
QUOTE_MAX = 240


@dataclass(frozen=True)
class Signal:
    """One phrase found: what kind of signal it is, where, the quoted line, and whether a negation
    right before it reverses its meaning."""

    kind: str
    path: str
    line: int
    quote: str
    negated: bool = False

    def to_facts(self) -> dict[str, object]:
        return {"kind": self.kind, "path": self.path, "line": self.line, "quote": self.quote,
                "negated": self.negated}


def find(text: str, path: str, patterns: dict[str, re.Pattern[str]], *,
         negatable: bool = True) -> list[Signal]:
    """Every match of every pattern, first match per (kind, line) only, in text order."""
    found: dict[tuple[str, int], Signal] = {}
    # Line breaks and blank lines located once: a text with thousands of matches must not be
    # scanned again from its start for each (a repeated line made this quadratic).
    breaks = [m.start() for m in re.finditer("\n", text)]
    blanks = [m.start() for m in re.finditer("(?=\n\n)", text)]
    for kind, pattern in patterns.items():
        for match in pattern.finditer(text):
            before_match = bisect.bisect_left(breaks, match.start())
            start_of_line = breaks[before_match - 1] + 1 if before_match else 0
            end_of_line = text.find("\n", match.end())
            end_of_line = len(text) if end_of_line < 0 else end_of_line
            line = before_match + 1
            # The window may cross a line break (wrapped paragraphs) but not a blank line, and a
            # sentence boundary cuts it short.
            blank = bisect.bisect_right(blanks, match.start() - 2)
            paragraph = blanks[blank - 1] if blank else -1
            start = max(paragraph + 2 if paragraph >= 0 else 0, match.start() - NEGATION_WINDOW)
            before = re.split(r"[.!?;:]\s", text[start:match.start()].replace("\n", " "))[-1]
            negated = negatable and bool(_NEGATION.search(before))
            quote = quote_line(text[start_of_line:end_of_line], match.start() - start_of_line)
            found.setdefault((kind, line), Signal(kind, path, line, quote, negated))
    return sorted(found.values(), key=lambda s: (s.line, s.kind))


def quote_line(line: str, at: int = 0) -> str:
    """The line, stripped, cut to :data:`QUOTE_MAX` characters around position ``at``."""
    line = line.strip()
    if len(line) <= QUOTE_MAX:
        return line
    start = max(0, min(at - QUOTE_MAX // 2, len(line) - QUOTE_MAX))
    return ("…" if start else "") + line[start:start + QUOTE_MAX].strip() + "…"
