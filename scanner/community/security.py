"""Security policy analysis: does it give a *private* way to report a vulnerability (e-mail, a
form or portal, GitHub private advisories, a security.txt), as POCOS and the SfPC ask?

A public issue tracker is deliberately not a private channel.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_I = re.IGNORECASE
_EMAIL = re.compile(r"(?<![\w.+/-])(?:mailto:)?([\w.+-]+@[\w-]+(?:\.[\w-]+)+)")
_ADVISORIES = re.compile(
    r"https?://(?:www\.)?github\.com/[^\s)>\]]{1,300}/[^\s)>\]/]{1,300}/security/advisories(?:/new)?"
    r"|private\s+vulnerability\s+report|private(?:ly)?\s+(?:security\s+)?advisor(?:y|ies)"
    r"|signalement\s+priv[ée]|avis\s+de\s+s[ée]curit[ée]\s+priv[ée]", _I)
#: GitHub's "Report a vulnerability" button is private reporting when the line says where it is
#: (the Security tab) or that it is private; elsewhere it is just an English phrase.
_REPORT_BUTTON = re.compile(r"report\s+a\s+vulnerability", _I)
_BUTTON_CONTEXT = re.compile(r"priv|security\s*\**\s*(?:tab|→|->|›|>)|onglet", _I)
#: GitHub's security advisories named as *the* way to report (« utilisez le canal suivant :
#: GitHub Security Advisory »): private reporting when the line, or the one introducing it, is
#: about reporting; publishing an advisory after the fix, or reading the advisory database, is not.
_GH_ADVISORY = re.compile(r"github\W+security\W+advisor(?:y|ies)"
                          r"|security\W+advisor(?:y|ies)\W+(?:on\W+|de\W+|sur\W+)?github", _I)
_PUBLISHING = re.compile(r"\bpubli(?:sh|er|ons|erons|é|cation)\w*|release\s+notes?"
                         r"|notes?\s+de\s+version|\bread\b|\blire\b|consult", _I)
_SECURITY_TXT = re.compile(r"security\.txt", _I)
_URL = re.compile(r"https?://[^\s<>()\[\]\"'`]+", _I)
#: Words that make a URL on the same line a reporting channel rather than a reference.
_REPORT_CONTEXT = re.compile(
    r"\breport|disclos|contact|\bform\b|portal|\bsignal(?:er|ez|ement)|remont|formulaire"
    r"|submit|soumet|envoy|\bsend\b|[ée]cri(?:re|vez)|hackerone|yeswehack|bug\s*bounty", _I)
_PUBLIC_TRACKER = re.compile(r"/issues(?:/new)?(?:[/?#]|$)|/-/issues", _I)


@dataclass(frozen=True)
class Channel:
    kind: str  # email | url | advisories | security_txt
    value: str
    line: int

    def to_facts(self) -> dict[str, object]:
        return {"kind": self.kind, "value": self.value, "line": self.line}


def private_channels(text: str) -> list[Channel]:
    """Private reporting channels named in a security policy, in text order."""
    channels: dict[tuple[str, str], Channel] = {}
    previous = ""  # the last non-blank line, which may introduce a list of channels
    for number, line in enumerate(text.splitlines(), start=1):
        advisory = _GH_ADVISORY.search(line)
        if (advisory and not _PUBLISHING.search(line)
                and (_REPORT_CONTEXT.search(line) or _REPORT_CONTEXT.search(previous))):
            channels.setdefault(("advisories", ""), Channel("advisories", advisory.group(0),
                                                            number))
        if line.strip():
            previous = line
        for match in _EMAIL.finditer(line):
            address = match.group(1).rstrip(".")
            if not address.lower().split("@")[1].startswith("example."):
                channels.setdefault(("email", address.lower()), Channel("email", address, number))
        for match in _ADVISORIES.finditer(line):
            channels.setdefault(("advisories", ""), Channel("advisories", match.group(0), number))
        button = _REPORT_BUTTON.search(line)
        if button and _BUTTON_CONTEXT.search(line):
            channels.setdefault(("advisories", ""), Channel("advisories", button.group(0), number))
        if _SECURITY_TXT.search(line):
            channels.setdefault(("security_txt", ""), Channel("security_txt", "security.txt",
                                                                number))
        if _REPORT_CONTEXT.search(line):
            for match in _URL.finditer(line):
                url = match.group(0).rstrip(".,;:!?*_")
                if _PUBLIC_TRACKER.search(url) or "/security/advisories" in url:
                    continue
                channels.setdefault(("url", url), Channel("url", url, number))
    return sorted(channels.values(), key=lambda c: c.line)


def security_txt_contacts(text: str) -> list[Channel]:
    """``Contact:`` fields of an RFC 9116 security.txt."""
    result = []
    for number, line in enumerate(text.splitlines(), start=1):
        match = re.match(r"\s*Contact:\s*(\S+)", line, _I)
        if match:
            value = match.group(1)
            kind = "email" if value.lower().startswith("mailto:") or "@" in value else "url"
            result.append(Channel(kind, value.removeprefix("mailto:"), number))
    return result
