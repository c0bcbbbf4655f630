"""The licence a README gives in its « Licence » section, in full or by name.

A repository without a licence file may still hold its licence: the README's "License" section
quoting the whole MIT text is that repository's licence (and still no licence *file*, which
licence-file-present asks for). The section is read like a licence file.
"""

from __future__ import annotations

import re
import typing as t
from urllib.parse import unquote

from scanner.community.markup import parse, plain
from scanner.licences.choice import OTHERS
from scanner.licences.detect import detect
from scanner.licences.normalise import fold
from scanner.licences.notices import GNU_FAMILIES, gnu_notice, mentions, others_work, resolve

#: Headings of a licence section ("Licence", "📜 License and copyright", « Droits d'auteur »):
#: the licence word leads a short heading ("Licence Ouverte", a README's title, does not count).
_HEADING = re.compile(r"^\W*(?:the\s+)?(?:licen[cs]es?|licensing|copyright|droits?\s+d['’]\s*auteur"
                      r"|spdx)\b", re.IGNORECASE)
_ONLY_WORDS = re.compile(r"^\W*(?:licen[cs]es?|licensing)\W*$", re.IGNORECASE)
_HEADING_WORDS = 6
#: Headings about other people's licences (fonts, dependencies, credits), not the project's.
_OTHERS = OTHERS
_ADORNMENT = re.compile(r"^\s*[=\-~^#*+`'\"_:.]{3,}\s*$")
#: Longest section read as a licence (the longest licence texts are about 100 kB).
MAX_SECTION_CHARS = 200_000
#: A section that matches no licence is still a licence *text* (an unknown one) from this many
#: words; shorter, it is a sentence that names nothing civiscan knows.
TEXT_WORDS = 80


def licence_section(text: str, path: str) -> tuple[str, int, str] | None:
    """(heading, 1-based line, body) of the README's licence section, if it has one."""
    doc = parse(text[:MAX_SECTION_CHARS * 2], path)
    title = doc.headings[0] if doc.headings and doc.headings[0].level == 1 else None
    heading = next((h for h in doc.headings if _HEADING.search(h.text)
                    and len(h.text.split()) <= _HEADING_WORDS and not _OTHERS.search(h.text)
                    and (h is not title or _ONLY_WORDS.match(h.text))), None)
    if heading is None:
        return None
    lines = text.splitlines()
    end = next((h.line for h in doc.headings if h.line > heading.line
                and h.level <= heading.level), len(lines) + 1)
    body = lines[heading.line:end - 1]
    while body and (not body[0].strip() or _ADORNMENT.match(body[0])):
        body = body[1:]
    # A setext heading's own underline ends the section early: drop it from the end too.
    if body and _ADORNMENT.match(body[-1]):
        body = body[:-1]
    return heading.text, heading.line, "\n".join(body)[:MAX_SECTION_CHARS]


#: What a sentence says a licence covers: the content (documentation, data, texts) or the code.
_CONTENT = re.compile(r"\b(?:documentation|docs?|contenus?|content|donnees|data|datasets?|textes?"
                      r"|guides?|articles?|images?|illustrations?|medias?|fiches?|pages?)\b")
_CODE = re.compile(r"\b(?:code|codes|logiciels?|software|sources?|programmes?|programs?)\b")
#: Bundled assets with licences of their own (betagouv/zam README.md:15 « SIL OPEN FONT LICENSE
#: Version 1.1 (LICENSE_FONTS) pour les polices de caractères »): neither code nor content.
_ASSETS = re.compile(r"\b(?:polices? de caracteres|polices?|fonts?|webfonts?|typefaces?|icones?"
                     r"|icons?|logos?)\b")
_SENTENCES = re.compile(r"(?<=[.;!?])\s+|\n\s*\n|\n\s*[-*+]\s+")
#: A sentence about where material comes from ("adapté du guide …, utilisé sous licence
#: CC-BY-SA-3.0"): the licence named is someone else's, not one the repository gives.
_PROVENANCE = re.compile(r"\b(?:adapte|adaptee|adapted|utilise sous|utilisee sous|used under"
                         r"|issue? de|extrait|derived from|derive de|repris|taken from"
                         r"|courtesy of|third[- ]party|tiers)\b")


#: A sentence opening on an exception ("Sauf mention contraire, …", "Except where noted, …").
_EXCEPTION = re.compile(r"^\W*(?:sauf|hors|except|unless|a l'exception)\b")


def _without_exception(folded: str) -> str:
    """``folded`` without the exception clause it opens on, up to its first comma outside
    brackets ("Sauf mention de propriété intellectuelle détenue par des tiers (notamment un
    crédit sur certaines images), les contenus …"): the third parties it names are the exception,
    not where the licensed material comes from, and its words are not the sentence's subject."""
    if not _EXCEPTION.match(folded):
        return folded
    depth = 0
    for index, char in enumerate(folded):
        depth += (char in "([") - (char in ")]")
        if char == "," and depth <= 0:
            return folded[index + 1:]
    return folded


def scopes(body: str) -> list[dict[str, str]]:
    """The licences a licence section gives to the code, to the content or to bundled assets
    (fonts, icons, logos), sentence by sentence ("Le code est sous licence MIT ; le contenu des
    guides est publié sous Licence Ouverte 2.0").
    The sentence's subject decides: the first of the two kinds of words it names ("Le code
    nécessaire à la publication de ces guides" is code). A sentence naming neither, or saying
    where borrowed material comes from ("adapté de …, utilisé sous licence CC-BY-SA-3.0"),
    scopes nothing."""
    found: list[dict[str, str]] = []
    for sentence in _SENTENCES.split(body):
        named = [resolve(m)[0] for m in mentions(sentence)]
        if not named:
            continue
        folded = _without_exception(fold(sentence))
        if _PROVENANCE.search(folded):
            continue
        said = [(m.start(), kind) for kind, pattern in (("code", _CODE), ("content", _CONTENT),
                                                         ("assets", _ASSETS))
                if (m := pattern.search(folded))]
        if not said:
            continue
        scope = min(said)[1]
        quote = " ".join(sentence.split()).lstrip("-*+ ")[:160]
        for spdx_id in dict.fromkeys(named):
            found.append({"spdx": spdx_id, "scope": scope, "quote": quote})
    return found


def readme_licence(text: str, path: str) -> dict[str, t.Any] | None:
    """What the README's licence section holds: a full licence text, a licence named, a modified
    or unknown licence text, or a pointer to a file; ``None`` when it has no such section or
    the section says none of these."""
    section = licence_section(text, path)
    if section is None:
        return statement(text, path)
    heading, line, body = section
    if not body.strip():
        return None
    found = detect(body)
    entry: dict[str, t.Any] = {
        "path": path, "heading": heading, "line": line, "spdx": found.spdx,
        "licences": list(found.licences), "method": found.method,
        "full_text": found.method in ("exact", "similarity", "title"),
        "confidence": found.confidence,
        "candidates": [{"spdx": c.spdx, "score": c.score} for c in found.candidates],
    }
    if found.version_basis:
        entry["version_basis"] = found.version_basis
    if found.modified:
        entry["modified"] = found.modified
    if found.renamed:
        entry["renamed"] = True
    if found.references:
        entry["references"] = list(found.references)
    if found.method == "none" and len(body.split()) < TEXT_WORDS and not mentions(body):
        refused = _no_grant(text, line, body)
        if refused is not None:
            entry.update(method="no-grant", no_grant=refused)
            return entry
    if found.method == "none" and (len(body.split()) < TEXT_WORDS or not found.candidates):
        return None  # a sentence naming no licence and granting or refusing nothing
    if not entry["full_text"]:
        entry["scopes"] = scopes(body)
    return entry


#: A sentence granting a licence (folded): « Ce logiciel est régi par la licence CeCILL V2.1 »
#: (DGFiP/Test-Compta-Demat README.md:8), "is licensed under", "distributed under the terms
#: of", « publié sous licence ».
_GRANT = re.compile(
    r"\b(?:regie?s? par|(?:distribue|publie|place|diffuse|mis a disposition)e?s? sous"
    r"|(?:licensed|released|distributed|published|made available|available) under"
    r"|governed by|est sous|is under|sous (?:la )?licence)\b")


def statement(text: str, path: str) -> dict[str, t.Any] | None:
    """The README's statement of its licence outside any « Licence » section ("Ce logiciel est
    régi par la licence CeCILL V2.1", DGFiP/Test-Compta-Demat README.md:8-12, under the title):
    the first paragraph readme-sections-present reads as the licence's
    (:func:`scanner.community.readme.licence_paragraphs`, one reader for both) whose sentence
    grants a licence it names to the project, read like a licence notice. Not a paragraph
    under a heading about others' licences, about someone else's work, or giving a licence
    only to the documentation or content (:func:`scopes`)."""
    from scanner.community.readme import licence_paragraphs

    doc = parse(text[:MAX_SECTION_CHARS], path)
    code = doc.code_lines()
    for paragraph in licence_paragraphs(doc):
        if paragraph.line in code or any(_OTHERS.search(h.text)
                                         for h in doc.section_of(paragraph.line)):
            continue
        prose = plain(paragraph.text)
        granted = [s for s in _SENTENCES.split(prose) if _GRANT.search(fold(s)) and mentions(s)
                   and not others_work(s)]
        if not granted:
            continue
        told = scopes(prose)
        if told and all(s["scope"] == "content" for s in told):
            continue  # the documentation's or content's licence, not the project's
        found = detect(prose)
        if found.method != "notice" or found.spdx in (None, "NOASSERTION"):
            continue
        entry: dict[str, t.Any] = {
            "path": path, "heading": None, "line": paragraph.line, "statement": True,
            "spdx": found.spdx, "licences": list(found.licences), "method": found.method,
            "full_text": False, "confidence": found.confidence, "candidates": [],
            "quote": _short(granted[0]), "scopes": told,
        }
        if found.version_basis:
            entry["version_basis"] = found.version_basis
        return entry
    return None


#: Longest quote of a licence statement kept in the facts (a finding's value is at most 300
#: characters, and the statement shares it with where it was found).
QUOTE_CHARS = 90


def _short(sentence: str) -> str:
    """``sentence`` on one line, cut at a word within :data:`QUOTE_CHARS` (with an ellipsis)."""
    said = " ".join(sentence.split())
    if len(said) <= QUOTE_CHARS:
        return said
    return said[:QUOTE_CHARS].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"


#: A licence section saying no licence is granted (folded text): an internal project, proprietary
#: code, all rights reserved (gip-inclusion/autometa README.md:238-240 "## Licence / Projet
#: interne GIP Plateforme de l'inclusion.").
_NO_GRANT = re.compile(
    r"\b(?:projet|outil|code|depot|usage|utilisation) (?:\w+ )?internes?\b|\binternal (?:project|tool"
    r"|use|code|repository)\b|\bproprietary\b|\bproprietaire\b|\ball rights reserved\b"
    r"|\btous droits reserves\b|\bnot open[- ]source\b|\bno licen[cs]e\b|\baucune licence\b"
    r"|\bconfidential\b|\bconfidentiel(?:le)?\b")


def _no_grant(text: str, heading_line: int, body: str) -> dict[str, t.Any] | None:
    """``{"line", "quote"}`` of the section's line that says no licence is granted, if any."""
    if _NO_GRANT.search(fold(body)) is None:
        return None
    lines = text.splitlines()
    for number in range(heading_line, min(len(lines), heading_line + len(body.splitlines()) + 40)):
        if _NO_GRANT.search(fold(lines[number])):
            quote = " ".join(lines[number].split()).lstrip("-*+># ")
            return {"line": number + 1, "quote": quote[:200]}
    return None


#: Words a GNU standard notice needs (any case): paragraphs without any are not tokenised.
_NOTICE_TRIGGER = re.compile(r"redistribu", re.IGNORECASE)
#: Most GNU notices kept per README.
MAX_NOTICES = 5


def gnu_notices(text: str, path: str) -> list[dict[str, t.Any]]:
    """The GNU standard notices in the README's prose, wherever they stand (above the first
    heading, France-Travail/TradEmploi-BackEnd README.md:5, or in any section): the project's own
    statement of its GNU licence's version, "either version 3 of the License, or (at your option)
    any later version". Not a notice in a code block (an example of a file header), under a
    heading about others' licences (dependencies, credits), or whose subject is someone else's
    work ("libfoo, which we bundle, is free software ...")."""
    doc = parse(text[:MAX_SECTION_CHARS], path)
    found: list[dict[str, t.Any]] = []
    for paragraph in doc.paragraphs:
        if not _NOTICE_TRIGGER.search(paragraph.text):
            continue
        if any(_OTHERS.search(h.text) for h in doc.section_of(paragraph.line)):
            continue
        notice = gnu_notice(paragraph.text)
        if notice is None or others_work(notice[1]):
            continue
        offset = next((n for n, line in enumerate(paragraph.text.splitlines())
                       if _NOTICE_TRIGGER.search(line)), 0)
        found.append({"spdx": notice[0], "path": path, "line": paragraph.line + offset})
        if len(found) >= MAX_NOTICES:
            break
    return found


#: Where a sentence of a README paragraph ends (a version "3.0" or a URL's dot is no end).
_SENTENCE_END = re.compile(r"(?<=[.;!?])\s+")


def later_statements(text: str, path: str) -> list[dict[str, t.Any]]:
    """The README's plain statements that its GNU licence holds "or later" ("Its source code is
    distributed under the [GNU Affero General Public Licence](…) version 3 or later",
    openfisca/openfisca-france-indirect-taxation README.md:23-24; "GPL v3+", « AGPLv3 ou
    ultérieure »): ``{"spdx": "<family>-or-later", "path", "line"}``, the line the sentence
    starts on. Link targets are left out (they split a name from its version). Not a sentence
    in a code block, under a heading about others' licences, or about someone else's work
    ("libfoo, which we bundle, is under the GPL v2 or later"); an "or later" about anything but
    the licence ("Python 3.8 or later") is no statement (:func:`notices.mentions`)."""
    doc = parse(text[:MAX_SECTION_CHARS], path)
    found: list[dict[str, t.Any]] = []
    for paragraph in doc.paragraphs:
        if not any(h in paragraph.text.upper() for h in ("GPL", "GNU")):
            continue
        headings = doc.section_of(paragraph.line)
        if any(_OTHERS.search(h.text) for h in headings):
            continue
        # Under a « Licence » heading a bare name is the statement ("AGPL v3 ou plus récent",
        # MTES-MCT/filharmonic-api README.md:29-31); elsewhere a licence word must be near.
        keyword = not any(_HEADING.search(h.text) for h in headings)
        starts = [0, *(m.end() for m in _SENTENCE_END.finditer(paragraph.text))]
        for start, end in zip(starts, [*starts[1:], len(paragraph.text)], strict=True):
            sentence = plain(paragraph.text[start:end])
            if others_work(sentence):
                continue
            for mention in mentions(sentence, need_keyword=keyword):
                base = mention.spdx.removesuffix("-or-later")
                if mention.later and base in GNU_FAMILIES and not any(
                        f["spdx"] == f"{base}-or-later" for f in found):
                    line = paragraph.line + paragraph.text.count("\n", 0, start)
                    found.append({"spdx": f"{base}-or-later", "path": path, "line": line})
        if len(found) >= MAX_NOTICES:
            break
    return found[:MAX_NOTICES]


#: Images on a line: Markdown ``![alt](url)`` and HTML ``<img alt=... src=...>``.
_MD_IMAGE = re.compile(r"!\[([^\]\n]{0,200})\]\(\s*<?([^)\s>]{1,600})")
_HTML_IMAGE = re.compile(r"<img\b[^>\n]{0,1000}>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"\b(alt|src)\s*=\s*(?:\"([^\"]{0,600})\"|'([^']{0,600})')", re.IGNORECASE)
#: shields.io static badges: /badge/<label>-<message>-<colour>, "--" an escaped dash, "_" a space.
_SHIELD = re.compile(r"/badge/licen[cs]e-((?:[^-/?#]|--){1,80})-", re.IGNORECASE)
_ALT = re.compile(r"^\W*licen[cs]e\s*[:\-–]\s*(.{1,80})$", re.IGNORECASE)
#: Most badges read per README.
MAX_BADGES = 5


def badges(text: str, path: str) -> list[dict[str, t.Any]]:
    """Licences README badges name ("![License: MIT](https://img.shields.io/badge/License-MIT-
    yellow.svg)", datagouv/hydra README.md:6): a mention of the licence, not a licence text."""
    found: list[dict[str, t.Any]] = []
    for number, line in enumerate(text[:MAX_SECTION_CHARS].splitlines(), start=1):
        if "licen" not in line.lower():
            continue
        images = [(alt, url) for alt, url in _MD_IMAGE.findall(line)]
        for tag in _HTML_IMAGE.findall(line):
            attributes = {k.lower(): a or b for k, a, b in _ATTRIBUTE.findall(tag)}
            images.append((attributes.get("alt", ""), attributes.get("src", "")))
        for alt, url in images:
            spdx_id = _badge_licence(alt, url)
            if spdx_id and not any(b["spdx"] == spdx_id for b in found):
                found.append({"spdx": spdx_id, "path": path, "line": number,
                              "summary": f"{spdx_id} (badge, {path} line {number})",
                              "summary_fr": f"{spdx_id} (badge, {path} ligne {number})"})
        if len(found) >= MAX_BADGES:
            break
    return found


def _badge_licence(alt: str, url: str) -> str | None:
    said = []
    shield = _SHIELD.search(unquote(url))
    if shield:
        said.append(shield.group(1).replace("--", "\0").replace("-", " ").replace("\0", "-")
                    .replace("__", "\0").replace("_", " ").replace("\0", "_"))
    alt_match = _ALT.match(alt.strip())
    if alt_match:
        said.append(alt_match.group(1))
    for words in said:
        named = mentions(f"license {words}")
        if named:
            return resolve(named[0])[0]
    return None
