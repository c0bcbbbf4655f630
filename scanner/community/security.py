"""Security policy analysis: does it give a *private* way to report a vulnerability (e-mail, a
form or portal, GitHub private advisories, a security.txt), as POCOS and the SfPC ask?

A public issue tracker is deliberately not a private channel.
"""

from __future__ import annotations

import re
import typing as t
from dataclasses import dataclass

from scanner.community.markup import Document

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
#: Vulnerability disclosure programmes and bug-bounty platforms: reports sent there are private
#: by design, whatever words surround the link (proconnect-gouv/federation SECURITY.md links
#: DINUM's programme, https://vdp.numerique.gouv.fr/p/Policy, on a line of its own).
_PROGRAMME_HOST = re.compile(
    r"^https?://(?:[\w-]+\.)*(?:yeswehack\.(?:com|io)|hackerone\.com|bugcrowd\.com"
    r"|intigriti\.com|openbugbounty\.org)(?:[/:?#]|$)"
    r"|^https?://(?:vdp|bugbounty|bug-bounty)\.[\w.-]+(?:[/:?#]|$)", _I)
#: Words naming a disclosure programme: a link on that line or the next is where reports go.
_PROGRAMME_WORDS = re.compile(
    r"vulnerability\s+disclosure\s+(?:program(?:me)?|policy|platform)|\bVDP\b"
    r"|bug[\s-]*bounty|programme\s+de\s+(?:divulgation|signalement)"
    r"|politique\s+de\s+divulgation", _I)


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
        before = previous
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
        context = bool(_REPORT_CONTEXT.search(line))
        programme = bool(_PROGRAMME_WORDS.search(line) or _PROGRAMME_WORDS.search(before))
        for match in _URL.finditer(line):
            url = match.group(0).rstrip(".,;:!?*_")
            if _PUBLIC_TRACKER.search(url) or "/security/advisories" in url:
                continue
            if context or programme or _PROGRAMME_HOST.match(url):
                channels.setdefault(("url", url), Channel("url", url, number))
    return sorted(channels.values(), key=lambda c: c.line)


#: A ``Contact:`` field at the start of a line, or of a string in code that serves the file
#: (``new Response(`Contact: mailto:...``).
_CONTACT_FIELD = re.compile(r"(?:^|[`'\"])\s*Contact:\s*([^\s`'\"\\]+)", _I)
#: A route that serves /.well-known/security.txt from code, in a router file.
_ROUTE_LINE = re.compile(r"[`'\"(]/?\.well-known/security\.txt[`'\"]", _I)


def security_txt_contacts(text: str) -> list[Channel]:
    """``Contact:`` fields of an RFC 9116 security.txt (or of the text a route serves)."""
    result = []
    for number, line in enumerate(text.splitlines(), start=1):
        match = _CONTACT_FIELD.search(line)
        if match:
            result.append(contact_channel(match.group(1), number))
    return result


def security_txt_routes(text: str) -> list[int]:
    """Lines of a router file that map /.well-known/security.txt to code."""
    return [number for number, line in enumerate(text.splitlines(), start=1)
            if _ROUTE_LINE.search(line)][:3]


#: A redirect to an absolute URL written as a string: Django ``HttpResponseRedirect("https://…")``,
#: ``redirect("https://…")``, ``RedirectView.as_view(url="https://…")``, Express
#: ``res.redirect(301, "https://…")``, Rails/Phoenix ``redirect("https://…")``,
#: ``redirect(conn, external: "https://…")``.
_REDIRECT = re.compile(
    r"redirect\w*\s*(?:\.as_view\s*)?\(\s*(?:[\w.]+\s*,\s*)?(?:\d{3}\s*,\s*)?"
    r"(?:(?:url|to|external)\s*[=:]\s*)?[\"'`](https?://[^\s\"'`]{1,300})[\"'`]", _I)
#: How many lines after a route, or a view's first line, a redirect is looked for.
REDIRECT_WINDOW = 8
#: The view a route line names after the path: ``views.security_txt`` (Django), ``:security_txt``
#: (Phoenix); keyword arguments (``name="…"``) are not views.
_ROUTE_VIEW = re.compile(r"security\.txt[`'\"]\s*,\s*(?:[\w.]+\s*,\s*)?:?(?:\w+\.)*(\w+)\s*(?![=\w])",
                         _I)


def redirect_in(text: str, line: int, *, body: bool = False) -> tuple[int, str] | None:
    """``(line, URL)`` of a redirect to an absolute URL on ``line`` or the few lines after it:
    up to a blank line after a route (it redirects in place), to the end of the block (the next
    line that is not indented) after a view's first line."""
    lines = text.splitlines()
    for number in range(line, min(line + REDIRECT_WINDOW, len(lines) + 1)):
        current = lines[number - 1]
        if number > line and (current.strip() == "" if not body
                              else current.strip() and not current[:1].isspace()):
            break
        match = _REDIRECT.search(current)
        if match:
            return number, match.group(1)
    return None


def route_view(text: str, line: int) -> str | None:
    """The name of the view a security.txt route line hands the request to, if it names one."""
    lines = text.splitlines()
    match = _ROUTE_VIEW.search(lines[line - 1]) if 0 < line <= len(lines) else None
    return match.group(1) if match else None


def view_redirect(text: str, view: str) -> tuple[int, str] | None:
    """``(line, URL)`` where the function ``view`` (``def view(``, ``function view(``,
    ``const view =``) redirects to an absolute URL."""
    definition = re.compile(rf"^[ \t]*(?:async[ \t]+)?(?:def|function|const|let)[ \t]+{re.escape(view)}\b",
                            re.MULTILINE)
    match = definition.search(text)
    if not match:
        return None
    return redirect_in(text, text.count("\n", 0, match.start()) + 1, body=True)


#: How many lines of a view's body are read for the ``Contact:`` it serves.
VIEW_BODY_LINES = 40
#: A setting a ``Contact:`` string is built from: ``f"Contact: mailto:{settings.NAME}"``, or
#: concatenated after the string (``"Contact: mailto:" + settings.NAME``).
_SETTING_IN_VALUE = re.compile(r"\{\s*settings\.([A-Z][A-Z0-9_]*)\s*\}")
_SETTING_AFTER = re.compile(r"^[`'\"]\s*\+\s*settings\.([A-Z][A-Z0-9_]*)\b")


@dataclass(frozen=True)
class Served:
    """A ``Contact:`` a view serves as security.txt: a value written there, or the name of the
    setting it is built from (``value`` then holds what the string puts before it)."""

    line: int
    value: str
    setting: str | None


def view_contacts(text: str, view: str) -> list[Served]:
    """The ``Contact:`` fields the function ``view`` serves (csplab's ``security_txt`` returns
    ``f"Contact: mailto:{settings.SECURITY_CONTACT_EMAIL}\\n"``), read in its body."""
    definition = re.compile(rf"^([ \t]*)(?:async[ \t]+)?(?:def|function|const|let)[ \t]+"
                            rf"{re.escape(view)}\b", re.MULTILINE)
    match = definition.search(text)
    if not match:
        return []
    indent = len(match.group(1))
    first = text.count("\n", 0, match.start()) + 1
    lines = text.splitlines()
    found: list[Served] = []
    for number in range(first, min(first + VIEW_BODY_LINES, len(lines) + 1)):
        line = lines[number - 1]
        if (number > first and line.strip() and len(line) - len(line.lstrip()) <= indent
                and not line.lstrip().startswith((")", "]", "}"))):
            break
        for field in _CONTACT_FIELD.finditer(line):
            value = field.group(1)
            setting = _SETTING_IN_VALUE.search(value)
            after = _SETTING_AFTER.match(line[field.end():])
            if setting or after:
                name = (setting or after).group(1)  # type: ignore[union-attr]
                found.append(Served(number, value[:setting.start()] if setting else value, name))
            elif "{" not in value and ("@" in value or "://" in value):
                found.append(Served(number, value, None))
    return found


def setting_value(text: str, name: str) -> tuple[int, str] | None:
    """``(line, value)`` where a settings module sets ``name`` to a string written there
    (``SECURITY_CONTACT_EMAIL = "ops.csplab@beta.gouv.fr"``); a value read from the
    environment is not known from the code."""
    match = re.search(rf"^{re.escape(name)}[ \t]*(?::[ \t]*\w+[ \t]*)?=[ \t]*([\"'])"
                      rf"([^\"'\n{{}}]{{1,300}})\1[ \t]*(?:#.*)?$", text, re.MULTILINE)
    if not match:
        return None
    return text.count("\n", 0, match.start()) + 1, match.group(2).strip()


def contact_channel(value: str, line: int) -> Channel:
    """A ``Contact:`` value as a channel: an address is an e-mail, anything else a URL."""
    kind = "email" if value.lower().startswith("mailto:") or "@" in value else "url"
    return Channel(kind, value.removeprefix("mailto:"), line)


_VULNERABILITY = re.compile(
    r"vuln[ée]rabilit|\bfailles?\b|security\s+(?:issues?|problems?|bugs?|flaws?|reports?|concerns?)"
    r"|probl[èe]mes?\s+de\s+s[ée]curit[ée]|incidents?\s+de\s+s[ée]curit[ée]|bugs?\s+de\s+s[ée]curit[ée]"
    r"|remont[ée]es?\s+de\s+bugs?\s+de\s+s[ée]curit[ée]|security\s+contact|contact\s+s[ée]curit[ée]",
    _I)
_REPORTING = re.compile(r"\breport|\bsignal|disclos|divulg|remont|\bcontact|[ée]cri(?:re|vez)"
                        r"|envoy|\bsend\b|\bemail\b|e-mail|courriel", _I)
#: A security contact given in passing (a README, a contribution guide): words of security
#: or confidentiality beside a private channel.
_SECURITY_WORD = re.compile(r"s[ée]curit[ée]|security|vuln[ée]rabilit|\bfailles?\b|confidenti", _I)


def about_reporting(text: str) -> bool:
    """Whether a document tells how to report a vulnerability: a private channel, or words of
    reporting next to words of vulnerability (a threat model or a hardening guide does not)."""
    if private_channels(text):
        return True
    lines = text.splitlines()
    return any(_VULNERABILITY.search(" ".join(lines[i:i + 2]))
               and _REPORTING.search(" ".join(lines[i:i + 2])) for i in range(len(lines)))


def contacts_in_passing(text: str) -> list[Channel]:
    """Private channels a README or a contribution guide gives for security (or confidential)
    reports: on a line that names security, or right after one (a wrapped sentence)."""
    found = []
    previous = ""
    for number, line in enumerate(text.splitlines(), start=1):
        if _SECURITY_WORD.search(line) or _SECURITY_WORD.search(previous):
            found += [Channel(c.kind, c.value, number) for c in private_channels(line)
                      if c.kind != "security_txt"]
        previous = line
    return found


#: A README heading over how to report a vulnerability ("Reporting security issue",
#: « Signaler une faille », « Sécurité »), not over a feature ("Security headers").
_SECTION_HEADING = re.compile(r"^\W*(?:(?:reporting|report|signal\w*)\s+(?:an?\s+|une?\s+|des\s+)?)?"
                              r"(?:security(?:\s+(?:issues?|policy|vulnerabilit\w+|problems?))?"
                              r"|s[ée]curit[ée]|vuln[ée]rabilit[ée]s?|failles?(?:\s+de\s+s[ée]curit[ée])?)"
                              r"\W*$", _I)
_OPEN_ISSUE = re.compile(r"\b(?:open(?:ing)?|ouvr\w*|cr[ée]\w*|create|file)\s+(?:an?\s+|une?\s+)?"
                         r"(?:\[)?(?:issue|ticket)", _I)


def readme_section(doc: Document, path: str) -> dict[str, t.Any] | None:
    """A README section on reporting vulnerabilities (inclusion-numerique/mediature: "##
    Reporting security issue" asks to open a public issue): its private channels, and whether
    it sends reporters to public issues."""
    for index, heading in enumerate(doc.headings):
        if not _SECTION_HEADING.match(heading.text):
            continue
        end = next((h.line for h in doc.headings[index + 1:] if h.level <= heading.level), None)
        lines = doc.text.splitlines()[heading.line:(end - 1) if end else None]
        body = "\n".join(lines)
        if not about_reporting(body):
            continue
        channels = [Channel(c.kind, c.value, c.line + heading.line)
                    for c in private_channels(body) if c.kind != "security_txt"]
        public = bool(_OPEN_ISSUE.search(body) or any(_PUBLIC_TRACKER.search(u)
                                                       for u in _URL.findall(body)))
        return {"path": path, "line": heading.line, "heading": heading.text,
                "channels": [c.to_facts() for c in channels], "public_issues": public}
    return None
