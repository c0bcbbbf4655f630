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
_NEWLINE = re.compile("\n")
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
    """Every match of every pattern, first match per (kind, line) only, in text order.

    Linear in the text: lines are found from one index of line starts, and the look back for a
    paragraph break stays within the negation window (a file of thousands of matches on one
    line once made each match rescan the text before it).
    """
    found: dict[tuple[str, int], Signal] = {}
    starts: list[int] | None = None
    for kind, pattern in patterns.items():
        for match in pattern.finditer(text):
            if starts is None:
                starts = [0, *(m.end() for m in _NEWLINE.finditer(text))]
            line = bisect.bisect_right(starts, match.start())
            if (kind, line) in found:
                continue
            start_of_line = starts[line - 1]
            end_of_line = starts[line] - 1 if line < len(starts) else len(text)
            # The window may cross a line break (wrapped paragraphs) but not a blank line, and a
            # sentence boundary cuts it short.
            window = max(0, match.start() - NEGATION_WINDOW)
            paragraph = text.rfind("\n\n", max(0, window - 1), match.start())
            start = max(paragraph + 2 if paragraph >= 0 else 0, window)
            before = re.split(r"[.!?;:]\s", text[start:match.start()].replace("\n", " "))[-1]
            negated = negatable and bool(_NEGATION.search(before))
            quote = quote_line(text[start_of_line:end_of_line], match.start() - start_of_line)
            found[(kind, line)] = Signal(kind, path, line, quote, negated)
    return sorted(found.values(), key=lambda s: (s.line, s.kind))


def quote_line(line: str, at: int = 0) -> str:
    """The line, stripped, cut to :data:`QUOTE_MAX` characters around position ``at``."""
    line = line.strip()
    if len(line) <= QUOTE_MAX:
        return line
    start = max(0, min(at - QUOTE_MAX // 2, len(line) - QUOTE_MAX))
    return ("…" if start else "") + line[start:start + QUOTE_MAX].strip() + "…"
