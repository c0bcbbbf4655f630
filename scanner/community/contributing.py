"""CONTRIBUTING analysis: size, sections, what it explains, and whether it only points elsewhere
(``See docs/CONTRIBUTING.md``), in which case the pointed-to file is what contributors read."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Collection
from urllib.parse import unquote, urlsplit

from scanner.community.markup import Document

#: A file with less prose than this and a link into the repository is a pointer, not a guide.
POINTER_MAX_WORDS = 40
_WORD = re.compile(r"[^\W\d_]{2,}", re.UNICODE)
_HOW = re.compile(
    r"\b(?:pull[- ]requests?|merge[- ]requests?|PRs?|MRs?|issues?|tickets?|fork|branche?s?"
    r"|commits?|patch(?:es)?|proposer?|propose|soumettre|submit)\b", re.IGNORECASE)
_LICENCE = re.compile(r"licen[cs]e", re.IGNORECASE)
_PARENTHESES = re.compile(r"\([^()]{0,2000}\)")
_DECLINES = re.compile(
    r"(?:not|no\s+longer)\s+(?:accept(?:ing)?|tak(?:e|ing)|review(?:ing)?)\s+(?:external\s+)?"
    r"(?:contributions|pull\s+requests)|difficult\s+for\s+us\s+to\s+accept"
    r"|n['’]acceptons\s+pas|pas\s+(?:en\s+mesure\s+)?d['’](?:accepter|accueillir)"
    r"|difficile\s+d['’]accueillir", re.IGNORECASE)


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def is_pointer(doc: Document) -> bool:
    """Little prose and at least one link: the file sends readers elsewhere."""
    prose = " ".join(b.text for b in doc.paragraphs)
    return bool(doc.links) and word_count(_PARENTHESES.sub(" ", prose)) <= POINTER_MAX_WORDS


def pointer_url(doc: Document) -> str | None:
    """The web page a short CONTRIBUTING sends readers to (a documentation site), if any."""
    if not is_pointer(doc):
        return None
    return next((link for link in doc.links if urlsplit(link).scheme in ("http", "https")), None)


def pointer_target(doc: Document, path: str, paths: Collection[str],
                   repo_url: str | None = None) -> str | None:
    """The repository file a short CONTRIBUTING sends readers to, or ``None`` if it is a guide."""
    if not is_pointer(doc):
        return None
    folder = posixpath.dirname(path)
    for link in doc.links:
        target = _resolve(link, folder, repo_url)
        if target and target != path and target in paths:
            return target
    return None


def _resolve(link: str, folder: str, repo_url: str | None) -> str | None:
    parts = urlsplit(link)
    if parts.scheme in ("http", "https"):
        # https://github.com/o/r/blob/main/docs/X.md -> docs/X.md, only for this repository.
        base = (repo_url or "").rstrip("/")
        if not base or not link.startswith(base + "/"):
            return None
        match = re.match(r"/(?:-/)?(?:blob|tree)/[^/]+/(.+)$", link[len(base):])
        return unquote(match.group(1)) if match else None
    if parts.scheme or not parts.path:
        return None
    target = posixpath.normpath(posixpath.join(folder, unquote(parts.path))).lstrip("/")
    return None if target.startswith("..") else target


def explains(doc: Document) -> dict[str, bool]:
    """What a contribution guide covers: how to contribute, the licence of contributions, and
    whether it says contributions are not (or hardly) accepted (openness level C)."""
    return {
        "how_to_contribute": bool(_HOW.search(doc.text)),
        "licence": bool(_LICENCE.search(doc.text)),
        "declines_contributions": bool(_DECLINES.search(doc.text)),
    }
