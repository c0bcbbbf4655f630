"""Contribution terms: does a text state a Developer Certificate of Origin, or require a CLA /
copyright assignment? French and English wordings alike, with the quoted line as evidence."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable

from scanner.community.signals import Signal, find

_I = re.IGNORECASE
_APOS = r"['’]"

#: Phrases stating a DCO (POCOS: « Certificat d'origine des contributions (Developer Certificate
#: of Origin) »; DSFR's « certificat de garantie de l'origine du développeur »).
DCO_TEXT = {
    "dco-text": re.compile(
        rf"developer{_APOS}?s?\s+certificate\s+of\s+origin|developercertificate\.org"
        rf"|certificat\s+d{_APOS}\s*origine|certificat\s+(?:de\s+)?(?:garantie\s+)?(?:de\s+)?"
        rf"(?:l{_APOS})?\s*origine|certificat\s+garantissant\s+l{_APOS}\s*originalit[ée]"
        rf"|garantie\s+d{_APOS}\s*origine", _I),
    "dco-acronym": re.compile(r"\bDCO\b"),
}
#: Phrases asking for a sign-off (the DCO's mechanism). ``git commit -S`` (capital) is GPG
#: signing, not a sign-off, hence the case-sensitive flag cluster.
SIGN_OFF = {
    "signed-off-by": re.compile(r"signed-off-by", _I),
    # "Sign off on the changes" is an approval, not the DCO's sign-off.
    "sign-off": re.compile(r"\bsign(?:ed|ing|s)?[- ]?off\b(?!\s+on\b)", _I),
    "sign-off-command": re.compile(r"--sign-?off\b|\bgit\s+commit\b[^\n`]{0,200}?\s-[a-z]*s[a-z]*\b"),
}
#: Phrases requiring a CLA or a transfer of rights (POCOS: « pas d'utilisation de CLA »).
CLA_TEXT = {
    "cla-text": re.compile(rf"contributor{_APOS}?s?\s+licen[cs]e\s+agreement"
                           r"|accord\s+(?:du|de|des)\s+contributeurs?"
                           r"|contributor\s+agreement", _I),
    "cla-acronym": re.compile(r"\b[CI]?CLAs?\b"),
    "cla-bot": re.compile(r"cla-assistant|\bclabot\b|\beasycla\b|cla\.developers\.google", _I),
    "copyright-assignment": re.compile(
        r"\bcession\s+(?:des|de|du)\s+droits?|\bacte\s+de\s+cession|copyright\s+assignment"
        r"|assign(?:s|ing)?\s+(?:the\s+|your\s+|all\s+|their\s+)?copyright"
        r"|transfer(?:s|ring)?\s+(?:of\s+)?(?:the\s+|your\s+)?copyright", _I),
}


#: "Sign off" also means "approve" ("the PO signs off the design"): it only counts next to
#: commits or contributions.
_SIGN_OFF_CONTEXT = re.compile(
    r"commit|contribu|patch|pull\s+request|merge\s+request|\bPR\b|\bMR\b|DCO|certif", _I)


#: Who approves: "the sign-off of other developers", "sign-off from a maintainer", "signed off
#: by two reviewers". The DCO's sign-off is the author's own ("signed off by the author").
_APPROVERS = (r"(?:(?:other|another|two|three|a|an|the|one|some|at\s+least|core|project|lead|"
              r"team|senior|code)\s+){0,3}(?:developers?|reviewers?|maintainers?|owners?|"
              r"approvers?|leads?|team|members?|managers?|peers?|colleagues?|someone|somebody|"
              r"person|people|PO|product\s+owners?|architects?|committers?|designers?|QA)\b")
#: "Sign-off" as somebody's approval of a change, not the DCO's sign-off of one's commits
#: (nantesmetropole/school_meal_forecast_xgboost: « merge the Pull Request in once you have the
#: sign-off of other developers »).
_APPROVAL = re.compile(
    r"\bsign(?:ed|ing|s)?[- ]?off\b[\"'”’)*_]*\s+(?:(?:of|from)\b|by\s+" + _APPROVERS + ")"
    r"|\b(?:get|gets|getting|got|obtain\w*|receiv\w*|await\w*|wait\s+for)\s+(?:a\s+|the\s+|their\s+)?"
    r"[\"'“‘*_]*sign[- ]?off\b(?![- ]line|[- ]trailer)", _I)


def _approval_only(quote: str) -> bool:
    """Whether every sign-off the quoted line names is somebody's approval."""
    sign_offs = list(SIGN_OFF["sign-off"].finditer(quote))
    approvals = [m.span() for m in _APPROVAL.finditer(quote)]
    return bool(sign_offs) and all(
        any(start <= m.start() < end for start, end in approvals) for m in sign_offs)


def dco_signals(text: str, path: str) -> list[Signal]:
    """DCO statements and sign-off instructions in ``text``."""
    return [s for s in find(text, path, {**DCO_TEXT, **SIGN_OFF})
            if s.kind != "sign-off"
            or (_SIGN_OFF_CONTEXT.search(s.quote) and not _approval_only(s.quote))]


#: Words that turn a mention into a requirement ("please sign the CLA", « veuillez prendre
#: connaissance de la cession des droits »). Without them, "DCO, CLA" in a README that merely
#: talks about contribution terms (a compliance tool's own README) is not a requirement.
_REQUIREMENT = re.compile(
    r"\b(?:sign(?:ed|ing|s)?|agree(?:ment)?s?|accept(?:ed|ing|s)?|requir(?:e|ed|es|ing)|must"
    r"|need(?:ed|s)?|have\s+to|please|before|mandatory|expected|doi(?:t|vent|vez)|devez|exig\w*"
    r"|demand\w*|sign(?:er|ez|ée?s?|ature)|accept(?:er|ez|ation)|veuillez|prendre\s+connaissance"
    r"|transmettre|avant|n[ée]cessaire|obligatoire|attest\w*|certifi\w*)\b", _I)


def is_requirement(signal: Signal) -> bool:
    """Whether the quoted line asks something of contributors rather than merely naming it."""
    return bool(_REQUIREMENT.search(signal.quote))


_ASSIGNING = re.compile(r"\b(?:assign|transfer)\w*\s+(?:\w+\s+)?copyright", _I)


def cla_signals(text: str, path: str, code_lines: Collection[int] = ()) -> list[Signal]:
    """CLA / copyright-assignment requirements in ``text``. A CLA bot badge always counts;
    wording counts when its line asks something of contributors ("contributors assign
    copyright" does by itself). Negated phrases are kept, flagged, as evidence of a refusal.
    Lines inside code blocks (``code_lines``: example configurations) are ignored."""
    return [s for s in find(text, path, CLA_TEXT) if s.line not in code_lines and (
        s.negated or s.kind == "cla-bot" or is_requirement(s) or _ASSIGNING.search(s.quote))]


def mentions(signals: Iterable[Signal], kinds: Iterable[str]) -> bool:
    """Whether any non-negated signal of these kinds was found."""
    wanted = set(kinds)
    return any(s.kind in wanted and not s.negated for s in signals)


def mentions_dco(signals: Iterable[Signal]) -> bool:
    return mentions(signals, DCO_TEXT)


def mentions_sign_off(signals: Iterable[Signal]) -> bool:
    return mentions(signals, SIGN_OFF)


def mentions_cla(signals: Iterable[Signal]) -> bool:
    return mentions(signals, CLA_TEXT)


def states_dco(text: str, path: str, *, readme: bool = False) -> bool:
    """Whether ``text`` states a DCO as the facts count it (a README only where it asks
    something of contributors): used to date when the terms came in."""
    signals = dco_signals(text, path)
    if readme:
        signals = [s for s in signals if s.kind in SIGN_OFF or is_requirement(s)]
    return mentions_dco(signals) or mentions_sign_off(signals)
