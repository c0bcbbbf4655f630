"""CONTRIBUTING analysis: size, sections, what it explains, and whether it only points elsewhere
(``See docs/CONTRIBUTING.md``), in which case the pointed-to file is what contributors read."""

from __future__ import annotations

import posixpath
import re
import typing as t
from collections.abc import Collection
from urllib.parse import urlsplit

from scanner.community.locate import link_target, own_path
from scanner.community.markup import Document, plain
from scanner.community.readme import FORGE_PROPOSAL, delivery_lines

#: A file with less prose than this and a link into the repository is a pointer, not a guide.
POINTER_MAX_WORDS = 40
_WORD = re.compile(r"[^\W\d_]{2,}", re.UNICODE)
#: How a change is proposed: the process, not a word that happens to occur ("pre-commit",
#: "proposer un rendu homogène", a URL ending in /pull/399).
_HOW = re.compile(
    r"\b(?:pull|merge)[- ]requests?\b|\bfork(?:ez|er|ing)?\b"
    # "PR" as a way to propose ("open a PR", « via une MR »), not any mention ("reduce PR noise").
    r"|\b(?:open|opening|create|submit|make|send|raise|ouvr\w*|cr[ée]\w*|soumet\w*|propos\w*"
    r"|fai\w*|envoy\w*|via|par|through|by|with|avec|en)\s+(?:an?\s+|une?\s+|des\s+|vos\s+|your\s+"
    r"|the\s+|la\s+|le\s+|votre\s+|new\s+|nouvelle?\s+){0,2}(?-i:(?:PR|MR)s?)\b"
    r"|\b(?:as|comme)\s+(?:an?\s+|une?\s+)?(?-i:(?:PR|MR))\b"
    r"|(?-i:\b(?:PR|MR)s?)\s+(?:are|is|sont|est)\s+(?:very\s+|tr[èe]s\s+|always\s+|toujours\s+)?"
    r"(?:welcome|bienvenue?s?|appreciated|encouraged|appr[ée]ci[ée]e?s)"
    r"|\b(?:issues?|tickets?)\s+(?:and|et|or|ou|&)\s+(?-i:(?:PR|MR)s?)\b"
    r"|\b(?:open|opening|create|file|submit|report|ouvr\w*|cr[ée]\w*|soumet\w*|d[ée]pos\w*"
    r"|signal\w*|remont\w*)\s+(?:an?\s+|une?\s+|des\s+|the\s+|votre\s+|vos\s+|your\s+)?"
    r"(?:new\s+|nouvelle?\s+)?(?:issues?|tickets?|bugs?|probl[èe]mes?|patch(?:es)?)\b"
    r"|\b(?:submit|send|envoy\w*|soumet\w*|propos\w*)\s+(?:an?\s+|une?\s+|des\s+|the\s+"
    r"|votre\s+|vos\s+|your\s+)?(?:patch(?:es)?|changes?|modifications?|contributions?"
    r"|[ée]volutions?|corrections?|am[ée]liorations?|PRs?|MRs?)\b"
    r"|\bmailing[- ]list\b|\bliste\s+de\s+diffusion\b|\bgit\s+send-email\b"
    # « Chaque branche doit faire l'objet d'une PR » (pass-culture/api-data), « sous forme de MR »,
    # « une demande de fusion »: French ways to say changes go through a pull/merge request.
    r"|\b(?:l['’]\s*objet|forme)\s+d(?:e\s+|['’]\s*)(?:une?\s+|des\s+)?(?:nouvelles?\s+)?"
    r"(?-i:(?:PR|MR)s?)\b"
    r"|\bdemandes?\s+de\s+(?:fusion|tirage|merge)\b", re.IGNORECASE)
_LICENCE = re.compile(r"licen[cs]e", re.IGNORECASE)
_PARENTHESES = re.compile(r"\([^()]{0,2000}\)")
_DECLINES = re.compile(
    r"(?:not|no\s+longer)\s+(?:accept(?:ing)?|tak(?:e|ing)|review(?:ing)?)\s+(?:external\s+)?"
    r"(?:contributions|pull\s+requests)|difficult\s+for\s+us\s+to\s+accept"
    r"|n['’]acceptons\s+pas|pas\s+(?:en\s+mesure\s+)?d['’](?:accepter|accueillir)"
    r"|difficile\s+d['’]accueillir", re.IGNORECASE)


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


#: A row of a Markdown table, not its ``|---|---|`` separator.
_TABLE_ROW = re.compile(r"^[ \t]*\|(?![ \t:|-]*$)(.*)$", re.MULTILINE)


def is_pointer(doc: Document) -> bool:
    """Little prose and at least one link: the file sends readers elsewhere. A table's cells
    are text too (DNUM-SocialGouv/1j1s-etl: a CONTRIBUTING of 48 rows of conventions is no
    pointer to the one link in it)."""
    cells = " ".join(plain(row.replace("|", " ")) for row in _TABLE_ROW.findall(doc.text)) \
        if doc.format == "markdown" else ""
    prose = " ".join([*(b.text for b in doc.paragraphs), cells])
    return bool(doc.links) and word_count(_PARENTHESES.sub(" ", prose)) <= POINTER_MAX_WORDS


def pointer_url(doc: Document) -> str | None:
    """The web page a short CONTRIBUTING sends readers to (a documentation site), if any."""
    if not is_pointer(doc):
        return None
    return next((link for link in doc.links if urlsplit(link).scheme in ("http", "https")), None)


#: What a link to another site's contribution guide says of itself, by its address or its text
#: ("[la documentation générale](https://openfisca.org/doc/contribute/guidelines.html)").
_GUIDE_LINK = re.compile(r"contribu|guidelines?|r[èe]gles\s+de\s+contribution", re.IGNORECASE)


def external_guide(doc: Document, repo_url: str | None = None) -> dict[str, t.Any] | None:
    """The first link of a guide to a contribution guide on another site, ``{"url", "line"}``:
    a guide that hands its process to a page civiscan cannot read (openfisca/openfisca-france-local:
    "Certaines règles sont communes à tous les dépôts OpenFisca et sont détaillées dans [la
    documentation générale](https://openfisca.org/doc/contribute/guidelines.html)") may well
    say how to contribute there. A link to this repository's own files is not another site."""
    for anchor in doc.anchors:
        parts = urlsplit(anchor.target)
        if parts.scheme not in ("http", "https") or own_path(anchor.target, repo_url):
            continue
        if _GUIDE_LINK.search(parts.path) or _GUIDE_LINK.search(anchor.text):
            return {"url": anchor.target, "line": anchor.line}
    return None


def pointer_target(doc: Document, path: str, paths: Collection[str],
                   repo_url: str | None = None) -> str | None:
    """The repository file a short CONTRIBUTING sends readers to, or ``None`` if it is a guide."""
    if not is_pointer(doc):
        return None
    folder = posixpath.dirname(path)
    for link in doc.links:
        target = link_target(link, folder, repo_url, paths)
        if target and target != path:
            return target
    return None


def explains(doc: Document) -> dict[str, bool]:
    """What a contribution guide covers: how to propose a change, the licence of contributions,
    and whether it says contributions are not (or hardly) accepted (openness level C). Read on
    the prose: code, link targets and addresses left out."""
    code = doc.code_lines()
    lines = doc.text.splitlines()
    prose = plain("\n".join(line for number, line in enumerate(lines, start=1)
                             if number not in code))
    # A pull request of a release procedure or a review app is not how to propose a change.
    elsewhere = code | delivery_lines(doc)
    delivered = ({a.target for a in doc.anchors if a.line in elsewhere}
                 - {a.target for a in doc.anchors if a.line not in elsewhere})
    proposing = plain("\n".join(line for number, line in enumerate(lines, start=1)
                                 if number not in elsewhere))
    return {
        # A link to the forge's page for a new issue, a new file or a comparison is a way too.
        "how_to_contribute": bool(_HOW.search(proposing))
        or any(FORGE_PROPOSAL.search(link) for link in doc.links if link not in delivered),
        "licence": bool(_LICENCE.search(prose)),
        "declines_contributions": bool(_DECLINES.search(doc.text)),
    }
