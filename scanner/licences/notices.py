"""Licence names in short texts: notices ("governed by the CeCILL-C license"), bare ids ("MIT"),
pointers ("see LICENSE.md"), titles, and GNU "or any later version" clauses.

A licence *text* is matched by similarity (``detect.py``); a *notice* only names a licence, so it
is matched by the names and ids of the SPDX list plus the aliases people actually write.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

from scanner.licences.index import load_index
from scanner.licences.normalise import fold

#: Hand-written aliases (normalised words) -> SPDX id or GNU family (``GPL-3.0``: version basis
#: decided by :func:`later_clause`).
ALIASES: dict[str, str] = {
    "mit": "MIT", "mit license": "MIT", "license mit": "MIT", "expat": "MIT",
    "isc": "ISC", "unlicense": "Unlicense", "the unlicense": "Unlicense",
    "0bsd": "0BSD", "zlib": "Zlib", "wtfpl": "WTFPL", "cc0": "CC0-1.0", "cc0 1 0": "CC0-1.0",
    "apache 2": "Apache-2.0", "apache v2": "Apache-2.0", "apache 2 0": "Apache-2.0",
    "apache license 2": "Apache-2.0", "apache license v2": "Apache-2.0",
    "apache license version 2 0": "Apache-2.0", "apache software license 2 0": "Apache-2.0",
    "apache software license version 2 0": "Apache-2.0", "asl 2 0": "Apache-2.0",
    "bsd 3 clause": "BSD-3-Clause", "new bsd": "BSD-3-Clause", "modified bsd": "BSD-3-Clause",
    "bsd 2 clause": "BSD-2-Clause", "simplified bsd": "BSD-2-Clause",
    "mpl 2 0": "MPL-2.0", "mplv2": "MPL-2.0", "mpl v2": "MPL-2.0",
    "mozilla public license 2 0": "MPL-2.0", "mozilla public license version 2 0": "MPL-2.0",
    "mozilla public license v 2 0": "MPL-2.0",
    "epl 2 0": "EPL-2.0", "eclipse public license 2 0": "EPL-2.0", "epl v2": "EPL-2.0",
    "eclipse public license v 2 0": "EPL-2.0", "eclipse public license version 2 0": "EPL-2.0",
    "eupl 1 2": "EUPL-1.2", "eupl v1 2": "EUPL-1.2", "eupl v 1 2": "EUPL-1.2",
    "european union public license v 1 2": "EUPL-1.2",
    "european union public license 1 2": "EUPL-1.2",
    "license publique de l union europeenne v 1 2": "EUPL-1.2",
    "eupl 2 0": "EUPL-2.0",  # the typo of data.gouv.fr (Nov 2021); not a licence, reported as such
    "eupl 1 1": "EUPL-1.1",
    "cecill 2 1": "CECILL-2.1", "cecill v2 1": "CECILL-2.1", "cecill version 2 1": "CECILL-2.1",
    "cecill b": "CECILL-B", "cecill c": "CECILL-C", "cecill 2 0": "CECILL-2.0",
    "license ouverte": "etalab-2.0", "license ouverte 2 0": "etalab-2.0",
    "license ouverte v2 0": "etalab-2.0", "open license 2 0": "etalab-2.0",
    "etalab 2 0": "etalab-2.0", "license etalab": "etalab-2.0", "etalab open license": "etalab-2.0",
    "license ouverte etalab": "etalab-2.0",
    "odbl": "ODbL-1.0", "odbl 1 0": "ODbL-1.0", "open database license": "ODbL-1.0",
    "cc by 4 0": "CC-BY-4.0", "cc by sa 4 0": "CC-BY-SA-4.0",
    "gpl 3": "GPL-3.0", "gpl v3": "GPL-3.0", "gplv3": "GPL-3.0", "gpl 3 0": "GPL-3.0",
    "gnu gpl v3": "GPL-3.0", "gnu gpl 3": "GPL-3.0", "gnu gplv3": "GPL-3.0",
    "gnu general public license v3": "GPL-3.0", "gnu general public license 3": "GPL-3.0",
    "gnu general public license version 3": "GPL-3.0",
    "agpl 3": "AGPL-3.0", "agpl v3": "AGPL-3.0", "agplv3": "AGPL-3.0", "agpl 3 0": "AGPL-3.0",
    "gnu agpl v3": "AGPL-3.0", "gnu agpl 3": "AGPL-3.0", "gnu agplv3": "AGPL-3.0",
    "affero gpl 3": "AGPL-3.0", "gnu affero general public license v3": "AGPL-3.0",
    "gnu affero general public license 3": "AGPL-3.0",
    "gnu affero general public license version 3": "AGPL-3.0",
    "lgpl 3": "LGPL-3.0", "lgpl v3": "LGPL-3.0", "lgplv3": "LGPL-3.0", "lgpl 3 0": "LGPL-3.0",
    "gnu lgpl v3": "LGPL-3.0", "gnu lesser general public license v3": "LGPL-3.0",
    "gnu lesser general public license version 3": "LGPL-3.0",
    "gpl 2": "GPL-2.0", "gpl v2": "GPL-2.0", "gplv2": "GPL-2.0", "gpl 2 0": "GPL-2.0",
    "lgpl 2 1": "LGPL-2.1", "lgpl v2 1": "LGPL-2.1",
    "proprietary": "LicenseRef-proprietary", "all rights reserved": "LicenseRef-proprietary",
    "eupl version 1 2": "EUPL-1.2", "gpl version 3": "GPL-3.0", "gnu gpl version 3": "GPL-3.0",
    "gpl version 2": "GPL-2.0", "gnu gpl version 2": "GPL-2.0", "agpl version 3": "AGPL-3.0",
    "gnu agpl version 3": "AGPL-3.0", "lgpl version 3": "LGPL-3.0", "lgpl version 2 1": "LGPL-2.1",
    "european union public license version 1 2": "EUPL-1.2",
    # Fonts' licence, as READMEs name it (betagouv/zam README.md:15 "SIL OPEN FONT LICENSE
    # Version 1.1").
    "sil open font license version 1 1": "OFL-1.1", "open font license 1 1": "OFL-1.1",
    "open font license version 1 1": "OFL-1.1", "sil ofl 1 1": "OFL-1.1", "ofl 1 1": "OFL-1.1",
}
#: The French names of the GNU licences (FSF translations and their usual word orders), each
#: with the versions it exists in: "licence publique générale GNU Affero version 3".
_FRENCH_GNU = {
    "GPL": (("license publique generale gnu", "license publique generale de gnu"),
            {"2": "2.0", "3": "3.0"}),
    "LGPL": (("license publique generale limitee gnu", "license publique generale gnu limitee",
              "license publique generale amoindrie gnu", "license publique generale gnu amoindrie"),
             {"2 1": "2.1", "3": "3.0"}),
    "AGPL": (("license publique generale affero gnu", "license publique generale gnu affero"),
             {"3": "3.0"}),
}
ALIASES.update({
    f"{name} {prefix}{version}": f"{kind}-{spdx_version}"
    for kind, (names, versions) in _FRENCH_GNU.items() for name in names
    for version, spdx_version in versions.items() for prefix in ("", "v", "version ")
})
#: The EUPL under its English and French names, with each way of writing its version.
ALIASES.update({
    f"{name} {prefix}{version}": f"EUPL-{version.replace(' ', '.')}"
    for name in ("eupl", "european union public license",
                 "license publique de l union europeenne")
    for version in ("1 1", "1 2") for prefix in ("", "v", "v ", "version ")
})
#: Families whose "-only"/"-or-later" suffix is decided from the wording around them.
GNU_FAMILIES = frozenset({"GPL-2.0", "GPL-3.0", "LGPL-2.1", "LGPL-3.0", "AGPL-3.0", "LGPL-2.0",
                          "GPL-1.0", "AGPL-1.0"})
#: Single-word phrases are only trusted from this list (others, like "curl", are common words).
_ONE_WORD_OK = frozenset({"mit", "isc", "unlicense", "0bsd", "zlib", "wtfpl", "cc0", "odbl",
                          "expat", "gplv3", "agplv3", "lgplv3", "gplv2", "mplv2", "proprietary"})
_KEYWORDS = frozenset({"license", "licensed", "licenses", "spdx", "licensing", "licencia",
                       "lizenz", "governed", "distribue", "distribuee", "distribues", "sous",
                       "under", "identifier"})
_LATER = re.compile(
    r"or[ \t\n]*(?:\(?at your option\)?[ \t\n]*)?(?:any[ \t\n]+)?later(?:[ \t\n]+version)?"
    r"|-or-later|\bplus r[ée]cente?\b|version[ \t\n]+ult[ée]rieure|\d\+"
    r"|\bou[ \t\n]+(?:a[ \t\n]+votre[ \t\n]+(?:choix|convenance|gre)[ \t\n]+)?"
    r"(?:toute[ \t\n]+|une[ \t\n]+)?(?:version[ \t\n]+)?ult[ée]rieure",
    re.IGNORECASE,
)
_PLUS = re.compile(r"(\d)\s*\+")
_AT_LEAST = re.compile(r">=[ \t]*(\d)")
_ONLY = re.compile(r"(?:only|uniquement|seulement)\b")
_WORD = re.compile(r"[a-z0-9]+")
#: A file name holding "licence" or "copying". It starts where a word starts (or after a "/") and
#: its parts are bounded: unanchored and unbounded, every position of a long word would be tried
#: against the whole rest of it (a 60 KB word took minutes).
_FILE = r"(?<![\w.-])(?:\.{0,2}/)?[\w./-]{0,200}(?:licen[cs]e|copying)[\w.-]{0,200}"
#: "see LICENSE.md", "found in LICENSE.APACHE or LICENSE.BSD", "voir les fichiers X et Y".
_REFERENCE = re.compile(
    r"\b(?:see|voir|cf\.?|refer to|in|under(?:\s+(?:either|one)\s+of)?|sous)\s+"
    r"(?:the\s+|(?:le|les)\s+fichiers?\s+|files?\s+)?"
    r"[`'\"\[(]*(" + _FILE + r"(?:[`'\")\]]*\s*(?:,|\bor\b|\band\b|\bou\b|\bet\b)\s*"
    r"[`'\"\[(]*" + _FILE + r")*)",
    re.IGNORECASE,
)
_FILE_NAME = re.compile(_FILE, re.IGNORECASE)
#: What makes a match of _FILE a file name rather than the word "licence": a path, an
#: underscore, an extension, or the licence word leading and joined to a suffix
#: (``LICENSE-MIT``, ``COPYING.LESSER``; "Apache-License-2.0" leads with its name instead).
_IS_FILE = re.compile(r"[/_]|\.[a-z]{2,4}$|^(?:licen[cs]e|copying)[-.][a-z0-9]")
#: A text saying its licences are a choice ("a dual BSD/GPLv2 license ... under either license",
#: ANSSI-FR/libecc). "either version 3 ... or" (a GNU notice) and
#: "at your option) any later version" are about versions, not a choice between licences.
_CHOICE = re.compile(
    r"\bdual(?:ly)?\b[^.;\n]{0,40}?licen[cs]|\bat your (?:option|choice)\b(?!\)?\s*any later)|"
    r"\byour choice\b|\bchoose either\b|\byou may choose\b|\beither (?:of (?:the|these) )?licen[cs]|"
    r"\bsous votre choix\b|\beither\b(?!\s+version)(?:[^.;]|\.(?=\S)){0,120}?\bor\b|"
    r"\bau choix\b|\b[àa] votre choix\b|\bdouble licence\b|\bl'une ou l'autre\b",
    re.IGNORECASE | re.DOTALL)
#: Standard licence headers (the notice each licence asks to put in a file, SPDX
#: ``standardLicenseHeader``), as patterns over folded words (:func:`_tokens`): punctuation,
#: line breaks, case, accents and licence/license do not matter. Group ``v`` is a version,
#: group ``later`` an "or any later version" clause.
_GNU_VERSION = (r"(?:either |soit )?(?:la )?(?:version )?(?P<v>[123](?: [01])?)"
                r"(?: of the license| de la license)?")
_GNU_HEADERS = (
    r"is free software you can redistribute it and or modify it under the terms of the "
    r"(?P<name>gnu (?:affero |lesser |library )?general public license) (?:as published by "
    r"the free software foundation )?" + _GNU_VERSION + r"(?P<later> or at your option any later)?",
    # a program is redistributed "le", a library "la" (« Cette bibliothèque ... vous pouvez la
    # redistribuer »); the FSF's French GPL v2 notice ends « (version 2 ou bien toute autre
    # version ultérieure choisie par vous) ».
    r"vous pouvez (?:le|la|les) redistribuer (?:et ou |ou )?(?:le |la |les )?modifier (?:selon|"
    r"suivant|sous) les termes (?:de la|du) (?P<name>(?:license publique generale|license "
    r"generale publique|gnu)(?: limitee| amoindrie| affero| gnu| lesser| general public "
    r"license){0,3}) (?:telle que )?(?:publiee par la free software foundation )?" + _GNU_VERSION
    + r"(?P<later> (?:soit|ou)(?: bien)? (?:a votre (?:gre|choix|convenance) )?(?:toute|"
    r"n importe quelle)(?: autre)? version ulterieure)?",
)
#: Standard licence headers (the notice each licence asks to put in a file, SPDX
#: ``standardLicenseHeader``), as patterns over folded words (:func:`_tokens`): punctuation,
#: comment markers, line breaks, case, accents and licence/license do not matter. Group ``v``
#: is a version, ``later`` an "or any later version" clause, ``name`` a GNU licence's name.
STANDARD_HEADERS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (spdx_id, re.compile(pattern)) for spdx_id, pattern in (
        ("MPL-2.0-no-copyleft-exception", r"this source code form is incompatible with "
         r"secondary licenses as defined by the mozilla public license v(?:ersion)? 2 0"),
        ("MPL-2.0", r"this source code form is subject to the terms of the mozilla public "
         r"license v(?:ersion)? 2 0"),
        ("Apache-2.0", r"licensed under the apache license version 2 0 the license you may "
         r"not use this file except in compliance with the license"),
        *(("GNU", pattern) for pattern in _GNU_HEADERS),
        ("EUPL", r"(?:licensed under the|concedee?s? sous license) eupl(?: version| v)? "
         r"(?P<v>1 [12])"),
        ("CECILL", r"ce logiciel est regi par la license cecill(?: (?P<bc>[bc]))?"
         r"(?: (?:version |v)?(?P<v>[12] [01]))? soumise au droit francais"),
        ("CECILL", r"this software is governed by the cecill(?: (?P<bc>[bc]))? license"
         r"(?: (?:version |v)?(?P<v>[12] [01]))? under french law"),
    ))
#: A GNU licence *text* holds its own header (in "How to Apply These Terms"): not a notice.
_GNU_APPENDIX = re.compile(r"how to apply these terms", re.IGNORECASE)
_WINDOW = 12
#: A sentence ends at a full stop, semicolon, exclamation or question mark before a space, or
#: at a blank line (a version "2.0" or a domain "beta.gouv.fr" is no end).
_SENTENCE_END = re.compile(r"[.;!?](?=\s)|\n[ \t]*\n")
#: Words saying the licence named next is only compared with ("compatible with the CC-BY
#: license", « compatible avec la licence CC-BY »), not granted; a grant word after them
#: ("compatible with ..., and licensed under X") ends the comparison.
_COMPARED = frozenset({"compatible", "compatibility", "compatibilite", "incompatible"})
_GRANTS = frozenset({"under", "sous", "licensed", "governed", "distribue", "distribuee",
                     "distribues", "publie", "publiee", "publies"})


@dataclass(frozen=True)
class Mention:
    """One licence named in a text: the id (or GNU family) and the word position."""

    spdx: str
    position: int
    later: bool
    only: bool = False  # "GPL v3 only", « GPL v3 uniquement »


@functools.lru_cache(maxsize=1)
def _phrases() -> tuple[dict[tuple[str, ...], str], int]:
    index = load_index()
    table: dict[tuple[str, ...], str] = {}

    def add(phrase: str, spdx_id: str) -> None:
        key = tuple(_WORD.findall(fold(phrase).replace("licence", "license")))
        if not key or (len(key) == 1 and key[0] not in _ONE_WORD_OK):
            return
        table.setdefault(key, spdx_id)

    for alias, spdx_id in ALIASES.items():
        add(alias, spdx_id)
    for spdx_id, meta in index.licences.items():
        target = spdx_id
        if meta.get("deprecated") and spdx_id.endswith("+"):
            continue
        add(spdx_id, target)
        add(str(meta["name"]), target)
    return table, max(len(k) for k in table)


def _tokens(text: str) -> list[str]:
    return _sentence_tokens(text)[0]


def _sentence_tokens(text: str) -> tuple[list[str], list[int]]:
    """Folded words, and the number of the sentence each stands in (-1: a word of a file name,
    "Licence_CC-BY-SA_2.0.txt", which names where a copy is, not a licence granted)."""
    folded = _PLUS.sub(r"\1 or later", fold(text))
    if ">=" in folded:  # R's "GPL (>= 3)"
        folded = _AT_LEAST.sub(r"\1 or later", folded)
    if "\\_" in folded:
        folded = folded.replace("\\_", "_")  # Markdown-escaped file names
    words = list(_WORD.finditer(folded))
    ends = [m.end() for m in _SENTENCE_END.finditer(folded)]
    sentences = [bisect.bisect(ends, w.start()) for w in words] if ends else [0] * len(words)
    names = [m.span() for m in _FILE_NAME.finditer(folded)
             if _IS_FILE.search(m.group()) and "//" not in m.group()]  # a URL names the licence
    if names:
        starts = [a for a, _ in names]
        for n, word in enumerate(words):
            k = bisect.bisect(starts, word.start()) - 1
            if k >= 0 and word.end() <= names[k][1]:
                sentences[n] = -1
    return [w.group() if w.group() != "licence" else "license" for w in words], sentences


def mentions(text: str, *, need_keyword: bool = True) -> list[Mention]:
    """Licences named in ``text``, longest phrase first at each position.

    With ``need_keyword``, a name counts only near a word like "license"/"sous"/"SPDX", so that
    "MIT" in "MIT Press" or "curl" in an install command are not taken for licences; and a
    licence the text only says something is compatible with is not one it names for itself.
    """
    table, longest = _phrases()
    tokens, sentences = _sentence_tokens(text)
    found: list[Mention] = []
    i = 0
    while i < len(tokens):
        match = None
        for size in range(min(longest, len(tokens) - i), 0, -1):
            spdx_id = table.get(tuple(tokens[i:i + size]))
            if spdx_id:
                match = (spdx_id, size)
                break
        if match is None:
            i += 1
            continue
        spdx_id, size = match
        window = tokens[max(0, i - _WINDOW):i + size + _WINDOW]
        start = max(0, i - _WINDOW)
        while start < i and sentences[start] != sentences[i]:
            start += 1
        if need_keyword and (sentences[i] < 0 or _compared(tokens[start:i])):
            i += size
            continue
        if not need_keyword or _KEYWORDS.intersection(window) or len(tokens) <= 3:
            tail = " ".join(tokens[i + size:i + size + 8])
            later = spdx_id.endswith("-or-later") or _later_follows(tail)
            only = not later and bool(_ONLY.match(tail))
            found.append(Mention(spdx_id, i, later, only))
        i += size
    return found


#: Words that may stand between a licence's name and its "or later" ("GNU AGPL, version 3 of
#: the License, or later"); any other word ("AGPL v3, requires Python 3.8 or later") means the
#: "or later" is about something else.
_LATER_FILLER = frozenset({"version", "v", "of", "the", "license", "gnu", "de", "la", "or", "ou",
                           "at", "your", "option", "a", "votre", "choix", "any", "toute", "une"})


def _later_follows(tail: str) -> bool:
    """The words after a licence name open on its "or later" clause."""
    match = _LATER.search(tail)
    return match is not None and all(
        word.isdigit() or word in _LATER_FILLER for word in tail[:match.start()].split())


def _compared(before: list[str]) -> bool:
    """The words before a licence name say it is only compared with: "compatible" comes
    after the last grant word ("licensed under X, compatible with Y": Y is compared)."""
    last_compared = max((n for n, w in enumerate(before) if w in _COMPARED), default=-1)
    if last_compared < 0:
        return False
    return not any(w in _GRANTS for w in before[last_compared + 1:])


def resolve(mention: Mention) -> tuple[str, str | None]:
    """SPDX id for a mention and, for GNU licences, how the version suffix was decided: a
    name that says neither "only" nor "or later" ("GNU AGPL v3") stays the bare family
    (``AGPL-3.0``, basis ``unstated``): no suffix the text does not state is made up."""
    spdx_id = mention.spdx
    base = spdx_id.removesuffix("-only").removesuffix("-or-later")
    if base in GNU_FAMILIES:
        if mention.later:
            return f"{base}-or-later", "notice"
        if spdx_id.endswith("-only") or mention.only:
            return f"{base}-only", "notice"
        return base, "unstated"
    return spdx_id, None


#: A URL in brackets after a licence's name ("MIT (http://mootools.net/license.txt)"): where
#: the text is, not more of the name.
_URL_AFTER = re.compile(r"\s*\(\s*[a-z]+://[^()\s]*\s*\)\s*$", re.IGNORECASE)


def named_exactly(text: str) -> str | None:
    """The SPDX id ``text`` is, when it is nothing but one licence's id or known name ("MIT",
    "Apache License, Version 2.0", "The MIT License", "BSD 2-Clause"), else ``None``. Unlike
    :func:`mentions`, nothing else may stand around the name: "FSL-1.1-Apache-2.0" (the
    Functional Source License) or "Apache-2.0 WITH Commons-Clause" are other terms."""
    table, _ = _phrases()
    words = _tokens(_URL_AFTER.sub("", text))
    if words[:1] == ["the"]:
        words = words[1:]
    return table.get(tuple(words)) or (table.get(tuple(words[:-1]))
                                       if words[-1:] == ["license"] else None)


#: Names a modified licence is said to come from (folded words; plain "BSD" is left out:
#: "Modified BSD License" is a name of BSD-3-Clause itself).
_BASE_NAMES = (r"(?:apache|mit|expat|x11|isc|zlib|mpl|mozilla public license|gnu|gpl|agpl|lgpl"
               r"|eupl|european union public license|cecill|eclipse public license|epl"
               r"|creative commons|cc by|open license|license ouverte|etalab|odbl|artistic"
               r"|unlicense|bsd [23] clause)")
#: A text saying that its licence is a modified one, over its folded words (group ``q`` is what
#: a finding quotes). Standard texts never say so of themselves, except licences that *are*
#: published modifications (CPAL-1.0, Pixar), which the caller recognises as such.
_MODIFIED = re.compile(
    r"(?P<q>\bmodified (?:version of (?:the )?)?" + _BASE_NAMES + r"(?: [a-z0-9]+){0,3}"
    r"|\b(?:based|built) (?:on|upon) (?:the )?" + _BASE_NAMES + r"(?: [a-z0-9]+){0,12}? "
    r"(?:with|but|except)(?: [a-z0-9]+){0,3}"
    r"|\b" + _BASE_NAMES + r"(?: [a-z0-9]+){0,10}? with the following (?:changes|modifications"
    r"|additional [a-z]+|additions|restrictions|amendments|exceptions?)"
    r"|\b(?:derived|adapted) from (?:the )?" + _BASE_NAMES + r"(?: [a-z0-9]+){0,3}"
    r"|\bcommons clause\b"
    r"|\blicense " + _BASE_NAMES + r"(?: [a-z0-9]+){0,4}? modifiee"
    r"|\bversion modifiee de la license(?: [a-z0-9]+){0,3}"
    r"|\b(?:basee|inspiree|derivee|adaptee) (?:sur|de) la license " + _BASE_NAMES
    + r"(?: [a-z0-9]+){0,3}"
    r"|\b" + _BASE_NAMES + r"(?: [a-z0-9]+){0,10}? avec les (?:modifications|restrictions"
    r"|conditions supplementaires|ajouts) suivant(?:e)?s)")
#: Where a text says it is modified: its title and preamble, never deep in the terms.
MODIFICATION_HEAD = 20_000
#: Words one of those statements needs (any case, accents or not): texts without any are not
#: tokenised for it.
_MODIFIED_TRIGGER = re.compile(r"modifi|based|built|derived|adapt|commons clause|bas[ée]e|"
                               r"inspir|d[ée]riv|following|suivant", re.IGNORECASE)
#: "Apache License 2.0 (modified)": the brackets are the statement, so this one reads the
#: folded text itself.
_MODIFIED_BRACKET = re.compile(_BASE_NAMES + r"[\w .,-]{0,40}?\(\s*(?:modified|modifiee)\s*\)")


def modification(text: str) -> str | None:
    """The words by which a text says its licence is a *modified* licence ("Modified Apache
    2.0 License", "based on the MIT licence with the following changes", « licence MIT
    modifiée »), or ``None``. Such a text is not the licence it names, whatever it resembles."""
    text = text[:MODIFICATION_HEAD]
    if not _MODIFIED_TRIGGER.search(text):
        return None  # most texts: one linear scan, no tokenising
    words = _tokens(text)
    joined = " ".join(words)
    match = _MODIFIED.search(joined)
    if match:
        return " ".join(match.group("q").split()[:14])
    bracket = _MODIFIED_BRACKET.search(fold(text))
    return " ".join(bracket.group(0).split())[:120] if bracket else None


def references(text: str) -> list[str]:
    """Files a short text points to instead of holding a licence ("see LICENSE.md")."""
    found = (f.lstrip("./").rstrip(".") for m in _REFERENCE.finditer(text)
             for f in _FILE_NAME.findall(m.group(1)))
    return list(dict.fromkeys(f for f in found if f))


def states_choice(text: str) -> bool:
    """Whether a text (a README, a pointer file, the head of a licence file) says its licences
    are a choice: "dual licensed", "either ... or", "at your option", « au choix »."""
    return _CHOICE.search(text) is not None


def standard_header(text: str) -> tuple[str, str | None] | None:
    """(SPDX id, version basis) of the standard licence header a text holds, if any.

    Only for texts that are not a licence text (the GPL and Apache texts end with their own
    header, as an example of how to apply them).
    """
    words = " ".join(_tokens(text))
    for spdx_id, pattern in STANDARD_HEADERS:
        match = pattern.search(words)
        if match is None:
            continue
        groups = match.groupdict()
        version = (groups.get("v") or "").replace(" ", ".")
        if spdx_id == "GNU":
            gnu = None if _GNU_APPENDIX.search(text) else _gnu_id(groups)
            if gnu is None:
                continue
            return gnu, "notice"
        if spdx_id == "EUPL":
            return f"EUPL-{version}", None
        if spdx_id == "CECILL":
            if groups.get("bc"):
                return f"CECILL-{groups['bc'].upper()}", None
            return f"CECILL-{version or '2.1'}", None
        return spdx_id, None
    return None


def _gnu_id(groups: dict[str, str | None]) -> str | None:
    """The SPDX id a matched GNU standard notice grants (``-only`` or ``-or-later``)."""
    name = groups.get("name") or ""
    kind = ("AGPL" if "affero" in name else
            "LGPL" if re.search(r"lesser|library|limitee|amoindrie", name) else "GPL")
    version = (groups.get("v") or "").replace(" ", ".")
    base = f"{kind}-{ {'1': '1.0', '2': '2.0', '3': '3.0'}.get(version, version)}"
    if base not in GNU_FAMILIES:
        return None
    return f"{base}-{'or-later' if groups.get('later') else 'only'}"


#: Words saying a notice speaks of someone else's work, not the project's: a dependency, a
#: bundled or vendored copy, an upstream, a library the project uses or material it took from
#: elsewhere (folded words).
_OTHERS_WORK = re.compile(
    r"\b(?:depend\w*|dependanc\w*|bundled?|vendor\w*|third party|tiers|upstream|amont"
    r"|we use|uses|used|utilis\w*|included?|inclus\w*|embarque\w*|fork\w*|forked"
    r"|based on|base sur|derived from|derive de|copied from|copie de"
    # Where the material comes from (betagouv/aplus: « Le projet inclut le fichier … sous
    # licence CC BY 4.0 provenant du dépôt … »; « données issues de … »).
    r"|inclu(?:t|ons|ent)|provenan\w*|provien\w*|issue?s? (?:de|du|des|d)|taken from|courtesy of)\b")
#: How many words before a GNU notice name what it is about ("This program", "Trad", « Ce
#: programme »): the notice's subject.
_SUBJECT_WORDS = 10


def others_work(text: str) -> bool:
    """Whether a sentence says it speaks of someone else's work ("libfoo, which we use, is
    licensed under the GPL v3 or later"), not of the project's."""
    return _OTHERS_WORK.search(" ".join(_tokens(text))) is not None


def gnu_notice(text: str) -> tuple[str, str] | None:
    """(SPDX id, subject) of the first GNU standard notice in a short text ("This program is
    free software: you can redistribute it ... either version 3 of the License, or (at your
    option) any later version"), where the subject is the words just before it ("this program
    is" or, in French, « ce programme est un logiciel libre »)."""
    if _GNU_APPENDIX.search(text):
        return None
    words = " ".join(_tokens(text))
    for pattern in _GNU_HEADERS:
        match = re.search(pattern, words)
        if match is None:
            continue
        spdx_id = _gnu_id(match.groupdict())
        if spdx_id is not None:
            before = words[:match.start()].split()[-_SUBJECT_WORDS:]
            return spdx_id, " ".join(before)
    return None


def later_clause(text: str, family: str) -> bool | None:
    """Whether a notice (README, header, metadata text) grants ``family`` "or any later version".

    ``None`` when the text does not name the family at all. The GNU licence texts themselves
    contain the phrase (section 14 and the "How to apply" appendix), so callers must only pass
    text that is not the licence body (see :func:`preamble_before_gnu_title`).
    """
    relevant = [m for m in mentions(text, need_keyword=False) if
                m.spdx.removesuffix("-only").removesuffix("-or-later") == family]
    if relevant:
        return any(m.later for m in relevant)
    generic = re.search(
        r"(?:version\s+{}\b[^.]{{0,80}}?(?:or\s*\(at your option\)\s*any later version|"
        r"ou\s*\(?[àa] votre (?:choix|convenance)\)?\s*(?:toute|n.importe quelle)\s+version"
        r"\s+ult[ée]rieure))".format(re.escape(family.split("-")[1].split(".")[0])),
        text, re.IGNORECASE)
    return True if generic else None


#: How far from the top of a licence file a notice above the GNU title may reach.
PREAMBLE_CHARS = 6000
_GNU_TITLE = re.compile(r"GNU\s+(?:AFFERO\s+|LESSER\s+)?GENERAL\s+PUBLIC\s+LICENSE\s+Version",
                        re.IGNORECASE)


def preamble_before_gnu_title(text: str) -> str:
    """The part of a licence file above the GNU licence title (where a real notice would be).

    The title is looked for near the top only: deeper "GNU General Public License Version"
    phrases belong to the licence body, which is no notice.
    """
    match = _GNU_TITLE.search(text, 0, PREAMBLE_CHARS)
    return text[:match.start()] if match else ""
