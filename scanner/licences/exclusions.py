"""What a licence file says its licence does not cover.

GouvernementFR/dsfr LICENSE.md:1 "Le contenu de ce dépôt est placé sous licence MIT License, à
l'exception de la fonte Marianne." above the MIT text: the repository is MIT, and the finding
must say that some of it is not. Only sentences that are not the licence's own wording count
(licence texts say "except as required", "excluding communications"): a sentence is the
licence's when most of its word bigrams are in the reference text.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Sequence

from scanner.engine.messages import clip
from scanner.licences.index import bigram_set, load_index
from scanner.licences.normalise import analyse, fold

#: An exclusion, in folded text (lower case, no accents). "Sauf mention contraire", "sauf
#: mention de propriété intellectuelle détenue par des tiers" (DISIC/Ara LICENCES.md:4) and
#: "unless otherwise noted" are caveats that name nothing excluded.
_EXCLUSION = re.compile(
    r"\bwith the exception of\b|\bexcept for\b|\bexcepting\b|\bexcluding\b|\bexcluded\b"
    r"|\bnot covered by\b|\bdo(?:es)? not (?:apply|cover)\b|\bnot licen[cs]ed under\b"
    r"|\ba l'exception d|\ba l'exclusion d|\bexception faite d|\bhormis\b|\bexclue?s? d"
    r"|\bsauf\b(?! (?:mention|indication|stipulation|disposition)s?\b)"
    r"|\bne s'applique(?:nt)? pas\b|\bn'(?:est|sont) pas couverte?s?\b"
    r"|\bne (?:couvre|concerne)(?:nt)? pas\b")
_LICENCE_WORD = re.compile(r"licen[cs]")
#: A Markdown link, quoted as its text.
_LINK = re.compile(r"\[([^\]\n]{0,200})\]\([^)\s]{0,500}\)")
#: A sentence: up to a stop followed by a space ("Licence Ouverte 2.0" goes on), or a
#: paragraph's end (never across a blank line).
_SENTENCE = re.compile(r"(?:[^.!?\n]|[.!?](?=\S)|\n(?![ \t]*\n))+[.!?]?")
#: Share of a sentence's bigrams in the licence text above which it is the licence's wording.
OWN_WORDING = 0.5
MAX_EXCLUSIONS = 3
MAX_QUOTE = 200
MAX_CHARS = 200_000


def exclusions(text: str, licences: Sequence[str]) -> list[dict[str, object]]:
    """``[{"line", "quote"}]``: the sentences of ``text`` that exclude something from its
    licence and are not wording of the licences it holds (``licences``, SPDX ids)."""
    text = text[:MAX_CHARS]
    folded = fold(text)
    if not _EXCLUSION.search(folded):
        return []
    index = load_index()
    wanted = set(licences)
    reference: set[int] = set()
    for number, entry in enumerate(index.entries):
        if wanted & set(entry.ids) or entry.spdx in wanted:
            reference |= index.bigrams(number)
    found: list[dict[str, object]] = []
    for match in _SENTENCE.finditer(text):
        sentence = fold(match.group())
        if not _EXCLUSION.search(sentence) or not _LICENCE_WORD.search(sentence):
            continue
        if _own_wording(sentence, reference, index.vocab):
            continue
        quote = " ".join(_LINK.sub(r"\1", match.group()).split()).lstrip("-*+># ")
        quote = clip(quote, MAX_QUOTE)
        found.append({"line": text.count("\n", 0, match.start()) + 1, "quote": quote})
        if len(found) >= MAX_EXCLUSIONS:
            break
    return found


def _own_wording(sentence: str, reference: set[int], vocab: dict[str, int]) -> bool:
    if not reference:
        return False
    words = analyse(sentence)[0]
    if len(words) < 2:
        return False
    unknown = (1 << 16) - 1
    pairs = bigram_set(array("H", [vocab.get(w, unknown) for w in words]))
    return len(pairs & reference) / len(pairs) > OWN_WORDING
