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

# A copyright or "all rights reserved" line: the part of a licence file that names the holder.
# Deliberately narrow (``copyright`` must be followed by a year, a placeholder or ``(c)``) so that
# licence sentences that merely start a line with "copyright notice..." are kept.
_COPYRIGHT_LINE = re.compile(
    r"^[ \t]*(?:[#*>/;%|-]+[ \t]*)?"
    r"(?:(?:copyright|copr\.?)[ \t]*(?:\(c\)|\xa9)?[ \t]*(?:[0-9]{4}|[<\[{$]|year\b|yyyy|\(c\))"
    r"|(?:\(c\)|\xa9)[ \t]*[0-9]{4}"
    r"|spdx-filecopyrighttext"
    r"|all rights reserved\.?[ \t]*$"
    r")[^\n]*$",
    re.MULTILINE | re.IGNORECASE,
)
# Markdown link targets and images: keep the visible text only.
_MD_LINK_TARGET = re.compile(r"\]\([^)\s]*\)")
# List bullets, enumerators and Markdown block markers at the start of a line (SPDX §6 "bullets
# and numbering" are not significant).
_LINE_MARKERS = re.compile(
    r"^[ \t]*(?:[-*+>#=_~`|]+[ \t]*)*"
    r"(?:\(?(?:[0-9]{1,2}(?:\.[0-9]{1,2})*|[a-z]|[ivx]{1,5})[.)][ \t]+)?",
    re.MULTILINE | re.IGNORECASE,
)
_WORD = re.compile(r"[a-z0-9]+")


def fold(text: str) -> str:
    """Lower-case ASCII: accents and typographic punctuation are not significant (SPDX §5, §7)."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return folded.lower()


def strip_noise(text: str) -> str:
    """Drop copyright lines, Markdown link targets and line-start bullets/enumerators."""
    text = _COPYRIGHT_LINE.sub("", text)
    text = _MD_LINK_TARGET.sub("]", text)
    return _LINE_MARKERS.sub("", text)


def words(text: str) -> list[str]:
    """The significant words of a licence text, in order, with equivalent spellings folded."""
    tokens = _WORD.findall(strip_noise(fold(text)))
    get = EQUIVALENT_WORDS.get
    return [get(w, w) for w in tokens]


def has_copyright_line(text: str) -> bool:
    """Whether the text names a copyright holder (reported, never matched)."""
    return _COPYRIGHT_LINE.search(text) is not None
