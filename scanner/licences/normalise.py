"""Licence text normalisation (SPDX matching guidelines) shared by the index builder and detector.

The builder and the detector must agree token for token, otherwise an unchanged licence text
would not hash to its own entry; that is why both import this one module.
"""

from __future__ import annotations

import re
import unicodedata

#: SPDX guidelines §8: equivalent words ("varietal spellings"), folded to one spelling.
EQUIVALENT_WORDS: dict[str, str] = {
    "licence": "license", "licences": "licenses", "licenced": "licensed",
    "licencee": "licensee", "licencees": "licensees", "licencing": "licensing",
    "licencor": "licensor", "sublicence": "sublicense",
    "sublicenced": "sublicensed", "sublicencing": "sublicensing", "sublicences": "sublicenses",
    "acknowledgment": "acknowledgement", "acknowledgments": "acknowledgements",
    "analogue": "analog", "analyse": "analyze", "artefact": "artifact",
    "authorisation": "authorization", "authorised": "authorized", "authorise": "authorize",
    "calibre": "caliber", "cancelled": "canceled", "capitalisations": "capitalizations",
    "catalogue": "catalog", "categorise": "categorize", "centre": "center",
    "emphasised": "emphasized", "favour": "favor", "favourite": "favorite",
    "fulfil": "fulfill", "fulfilment": "fulfillment", "initialise": "initialize",
    "judgment": "judgement", "labelling": "labeling", "labour": "labor", "maximise": "maximize",
    "modelled": "modeled", "modelling": "modeling", "offence": "offense", "optimise": "optimize",
    "organisation": "organization", "organise": "organize", "practise": "practice",
    "programme": "program", "realise": "realize", "recognise": "recognize",
    "signalling": "signaling", "utilisation": "utilization", "whilst": "while",
    "wilful": "willful", "https": "http",
}

# Line-anchored patterns open with a literal "\n" (the text gets one prepended): the regex engine
# then jumps from newline to newline instead of trying every position, as MULTILINE "^" does.
# All patterns run on folded (lower-case) text.
#
# A copyright line: the part of a licence file that names the holder. Deliberately narrow
# (``copyright`` must be followed by a year, a placeholder or ``(c)``) so that licence sentences
# that merely start a line with "copyright notice..." are kept.
_COPYRIGHT_LINE = re.compile(
    r"\n[ \t]*(?:[#*>/;%|-]+[ \t]*)?"
    r"(?:(?:copyright|copr\.?)[ \t]*(?:\(c\))?[ \t]*(?:[0-9]{4}|[<\[{$]|year\b|yyyy|\(c\))"
    r"|\(c\)[ \t]*[0-9]{4}"
    r"|spdx-filecopyrighttext"
    r")[^\n]*",
)
# Markdown link targets and images: keep the visible text only.
_MD_LINK_TARGET = re.compile(r"\]\([^()\s]{0,2048}\)")
# List bullets, enumerators and Markdown block markers at the start of a line (SPDX §6 "bullets
# and numbering" are not significant). Something must match, so plain lines cost nothing.
_ENUM = r"\(?(?:[0-9]{1,2}(?:\.[0-9]{1,2})*|[a-z]|[ivx]{1,5})[.)][ \t]+"
_LINE_MARKERS = re.compile(rf"\n[ \t]*(?:(?:[-*+>#=_~`|]+[ \t]*)+(?:{_ENUM})?|{_ENUM})")
# An enumerator right after the end of a sentence: a list item that re-wrapping joined to the
# previous line ("... conditions: (b) You must ...", "... notice. 2. Redistributions ...").
_JOINED_ENUM = re.compile(rf"([.:;])[ \t]+{_ENUM}")
# "All rights reserved" and parenthesised enumerators ("(b)", "(ii)") are never significant,
# wherever they stand. (Both patterns open with a literal, which the regex engine scans fast.)
_RESERVED = re.compile(r"all\s+rights\s+reserved\.?")
_PAREN_ENUM = re.compile(r"\((?:[0-9]{1,2}|[a-z]|[ivx]{1,5})\)")
_CJK = "\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff"
# Words; CJK text has no spaces, so each ideogram/kana is a word of its own.
_WORD = re.compile(rf"[{_CJK}]|[^\W_{_CJK}]+")
#: Every byte but [a-z0-9] -> space: ASCII words are then what ``split`` returns.
_ASCII_SEPARATORS = bytes(c if 48 <= c <= 57 or 97 <= c <= 122 else 32 for c in range(256))
_COMBINING = re.compile("[\u0300-\u036f]")
#: Typographic punctuation -> ASCII, so that most licence texts take the fast ASCII paths.
_PUNCTUATION = {
    "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2013": "-", "\u2014": "-", "\u2010": "-", "\u2011": "-", "\u2212": "-",
    "\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2026": "...", "\u2022": "*",
    "\u00b7": "*", "\u00a9": "(c)", "\u00ae": "(r)", "\u2122": "(tm)", "\u00a7": " ",
    "\ufeff": "",
}
_PUNCTUATION_RE = re.compile("[" + "".join(_PUNCTUATION) + "]")


def _ascii_punctuation(match: re.Match[str]) -> str:
    return _PUNCTUATION[match.group()]


def fold(text: str) -> str:
    """Lower case without accents: accents and typographic punctuation are not significant
    (SPDX §5, §7), but letters of other scripts are (the Japanese CC texts)."""
    if not text.isascii():
        text = _PUNCTUATION_RE.sub(_ascii_punctuation, text)
        if not text.isascii():
            text = _COMBINING.sub("", unicodedata.normalize("NFKD", text))
    return text.lower()


def strip_noise(text: str) -> str:
    """Drop copyright lines, "All rights reserved", Markdown emphasis and link targets, and
    enumerators, from folded text."""
    text = "\n" + text.replace("**", "").replace("__", "")
    if "reserved" in text:
        text = _RESERVED.sub("", text)
    text = _COPYRIGHT_LINE.sub("\n", text)  # before enumerators: "(c) 2024" is no "(c)" item
    if "(" in text:
        text = _PAREN_ENUM.sub(" ", text)
    if "](" in text:
        text = _MD_LINK_TARGET.sub("]", text)
    text = _JOINED_ENUM.sub(r"\1 ", text)
    return _LINE_MARKERS.sub("\n", text)


def raw_words(text: str) -> list[str]:
    """The significant words of a licence text, in order (equivalent spellings not yet folded:
    the detector's vocabulary maps them to one id, which is faster than folding here)."""
    return analyse(text)[0]


def analyse(text: str) -> tuple[list[str], bool]:
    """(:func:`raw_words`, whether the text names a copyright holder) with one folding."""
    folded = fold(text)
    copyright_line = _COPYRIGHT_LINE.search("\n" + folded) is not None
    cleaned = strip_noise(folded)
    if cleaned.isascii():  # bytes.translate + split: three times faster than a regex findall
        words = cleaned.encode("ascii").translate(_ASCII_SEPARATORS).decode("ascii").split()
    else:
        words = _WORD.findall(cleaned)
    return words, copyright_line


def words(text: str) -> list[str]:
    """The significant words of a licence text, in order, with equivalent spellings folded."""
    get = EQUIVALENT_WORDS.get
    return [get(w, w) for w in raw_words(text)]

