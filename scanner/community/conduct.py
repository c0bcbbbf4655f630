"""Code of conduct analysis: which standard text and version it adopts, in which language, and
whether it names someone to contact (the template's ``[INSERT CONTACT METHOD]`` does not count)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from scanner import placeholders

_I = re.IGNORECASE
_STANDARDS = (
    ("contributor-covenant", re.compile(r"contributor[ -]covenant", _I)),
    ("citizen-code-of-conduct", re.compile(r"citizen\s+code\s+of\s+conduct|stumptown", _I)),
    ("mozilla-participation-guidelines",
     re.compile(r"mozilla\s+community\s+participation\s+guidelines", _I)),
    ("django-code-of-conduct", re.compile(r"django(?:project)?\s+code\s+of\s+conduct", _I)),
    ("python-code-of-conduct", re.compile(r"python\s+(?:software\s+foundation\s+)?community\s+"
                                          r"code\s+of\s+conduct", _I)),
)
_COVENANT_VERSION = re.compile(
    r"contributor-covenant\.org/(?:[a-z]{2}(?:-[a-z]{2})?/)?version/(\d+)/(\d+)(?:/(\d+))?"
    r"|(?:\bversion|\bv|contributor[ -]covenant\]?(?:\[[^\][]{0,200}\]|\([^()]{0,500}\))?)\s*\[?"
    r"(\d+\.\d+(?:\.\d+)?)", _I)
_PLACEHOLDER = re.compile(r"\[\s*(?:INSERT|INS[ÉE]RER)[^\]]*\]", _I)
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_CONTACT_URL = re.compile(r"https?://\S{0,300}?(?:contact|conduct|signal|report|form)\S{0,300}", _I)
_FRENCH = re.compile(r"\b(?:nous|notre|communaut[ée]|engagement|comportements?)\b", _I)


@dataclass(frozen=True)
class Conduct:
    standard: str | None
    version: str | None
    language: str
    contact: bool
    contacts: tuple[str, ...]
    placeholder: bool

    def to_facts(self) -> dict[str, object]:
        return {"standard": self.standard, "version": self.version, "language": self.language,
                "contact": self.contact, "contacts": list(self.contacts),
                "placeholder": self.placeholder}


def analyse(text: str) -> Conduct:
    standard = next((name for name, pattern in _STANDARDS if pattern.search(text)), None)
    version = None
    if standard == "contributor-covenant":
        match = _COVENANT_VERSION.search(text)
        if match:
            url_parts = [g for g in match.groups()[:3] if g]
            version = ".".join(url_parts) if url_parts else match.group(4)
    contacts = tuple(dict.fromkeys(
        [m.group(0) for m in _EMAIL.finditer(text) if not _is_example(m.group(0))]
        + [m.group(0).rstrip(").,>") for m in _CONTACT_URL.finditer(text)
           if "contributor-covenant.org" not in m.group(0)]))
    language = "fr" if len(_FRENCH.findall(text)) >= 3 else "en"
    return Conduct(standard, version, language, bool(contacts), contacts,
                   bool(_PLACEHOLDER.search(text)))


def _is_example(address: str) -> bool:
    domain = address.rsplit("@", 1)[-1].lower()
    return domain.startswith("example.") or domain in {"domain.com", "email.com"}


#: A line still waiting for its words: the Contributor Covenant's own "[INSERT CONTACT METHOD]",
#: or the TODO ``civiscan fix`` writes where the contact goes.
_PLACEHOLDER_LINE = re.compile(r"(?i:\[\s*(?:INSERT|INS[ÉE]RER)[^\]]*\])|" + placeholders.MARKER.pattern)


def placeholder_lines(text: str, path: str) -> list[dict[str, object]]:
    """``{path, line}`` of each line of a code of conduct still holding a placeholder."""
    return placeholders.find(text, path, _PLACEHOLDER_LINE)
