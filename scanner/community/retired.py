"""A README that declares the repository retired: archived, migrated, moved, no longer
maintained, replaced by another repository. Such a README rightly says little more than that
and where the code went, so rules about presenting and running the service judge it as such.

The notice must open the README (its first few headings and paragraphs) and have the repository
(« ce dépôt », "this project", "the code") for subject, or be a banner ("**ARCHIVED**"), so that
archived data, deprecated routes or an office that moved are no retirement. A repository still
"being archived" (« en voie d'archivage ») is not retired yet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from scanner.community.markup import Block, Document, Heading, Link, plain

_I = re.IGNORECASE
#: Blocks (headings and paragraphs) at the top of a README where a notice stands.
TOP_BLOCKS = 4
#: Blocks after the notice that may say where the code went or where issues go now.
NOTICE_BLOCKS = 3
#: Longest quote of the notice kept in the facts.
MAX_QUOTE = 200

_SUBJECT = (r"(?:repo(?:sitory)?|project|code(?:base)?|package|library|module|tool|app(?:lication)?"
            r"|software|d[ée]p[ôo]t|projet|paquet|librairie|biblioth[èe]que|outil|logiciel)")
_STATES_EN = (r"(?:archived|deprecated|retired|discontinued|superseded|sunset|abandoned|unmaintained"
              r"|frozen|migrated|moved|replaced|merged|an\s+archive|no\s+longer\s+\w+)")
_STATES_FR = (r"(?:archiv[ée]e?|d[ée]pr[ée]ci[ée]e?|obsol[èe]te|abandonn[ée]e?|migr[ée]e?"
              r"|d[ée]plac[ée]e?|remplac[ée]e?|fusionn[ée]e?|gel[ée]e?|une\s+archive)")
#: Where a stop of activity ends: the sentence, or its date (« … on 01/01/2020 », « en 2021 »),
#: never another noun ("stopped its activity logging").
_STOP_END = r"(?=\s*(?:[.!,;:)<]|$)|\s+(?:on|in|since|at|en|le|depuis|au|fin|d[èe]s|\d))"
#: What retires the repository, said of it.
_RETIRED = re.compile(
    rf"\b{_SUBJECT}\s+(?:(?:has|have)\s+(?:now\s+)?been|is|was|got)\s+(?:now\s+|officially\s+"
    rf"|permanently\s+|definitely\s+)?{_STATES_EN}\b"
    rf"|\b{_SUBJECT}\s+(?:est|a\s+[ée]t[ée])\s+(?:maintenant\s+|d[ée]sormais\s+|d[ée]finitivement\s+)?"
    rf"{_STATES_FR}(?!\w)"
    r"|\bn['’]est\s+plus\s+(?:maintenu|mis\s+[àa]\s+jour|d[ée]velopp[ée]|actif|support[ée])"
    r"|\b(?:is|are)\s+no\s+longer\s+(?:maintained|supported|developed|updated|active)\b"
    # The team or the service stopped (SocialGouv/tremplin README.md:6: "This startup ceased its
    # activity on 01/01/2020"; « Cette startup a cessé son activité »).
    rf"|\b(?:{_SUBJECT}|startup|start-up|service|product|produit)\s+(?:has\s+)?(?:ceased|stopped"
    r"|ended)\s+(?:its\s+)?(?:activity|activities|operations?)" + _STOP_END +
    rf"|\b(?:{_SUBJECT}|startup|start-up|service|produit)\s+a\s+(?:cess[ée]|arr[êe]t[ée])\s+"
    r"(?:son\s+|ses\s+)?activit[ée]s?" + _STOP_END +
    r"|\bkept\s+(?:only\s+)?for\s+(?:history|historical|archival|archive)\b"
    r"|\bconserv[ée]\s+(?:uniquement\s+|seulement\s+)?(?:pour\s+l['’]historique|[àa]\s+titre\s+d['’]archive)"
    r"|\b(?:the\s+code|development|le\s+code|le\s+d[ée]veloppement)\s+(?:se\s+trouve|se\s+poursuit"
    r"|continue|is|has|lives|now)\s+(?:\w+\s+)?(?:d[ée]sormais|maintenant|now|moved)\b", _I)
#: A banner: a short heading or paragraph that opens on the state ("⚠️ DEPRECATED",
#: "**No longer maintained**", « Archivé »).
_BANNER = re.compile(r"^\W*(?:archived|deprecated|unmaintained|no\s+longer\s+maintained|obsolete"
                     r"|archiv[ée]e?|d[ée]pr[ée]ci[ée]e?|obsol[èe]te|plus\s+maintenu)(?!\w)", _I)
MAX_BANNER_WORDS = 12
#: An HTTP status for a banner, alone but for the new address ("301 Moved Permanently [https://…]",
#: fabnumdef/chatbot-back): a sentence that goes on ("… responses are followed") is about HTTP.
_HTTP_MOVED = re.compile(r"^\W*(?:30[18]\s+)?moved\s+permanently\W*(?:(?:to|vers)\W+)?"
                         r"(?:https?://\S+)?\W*$", _I)
#: The repository moved, said with where to (an address must stand in the block): "This
#: repository has moved to …", "The code now lives at …", « Le dépôt est désormais hébergé sur … ».
#: "The application is now available at https://…" is a live service, not a move.
_MOVED = re.compile(
    rf"\b{_SUBJECT}\s+(?:has|have)\s+(?:now\s+|permanently\s+)?(?:moved|migrated)\b"
    r"|\b(?:repo(?:sitory)?|code(?:base)?|source\s+code|sources?|project|d[ée]p[ôo]t|projet|code\s+source)"
    r"\s+(?:now\s+lives|lives\s+now|(?:is|are)\s+now\s+(?:hosted|maintained|developed)"
    r"|(?:est|sont)\s+d[ée]sormais\s+(?:h[ée]berg[ée]e?s?|maintenue?s?|d[ée]velopp[ée]e?s?)"
    r"|se\s+trouve(?:nt)?\s+d[ée]sormais|a\s+d[ée]m[ée]nag[ée])\s+(?:at|on|in|sur|à|a|chez|dans)\b", _I)
_ADDRESS = re.compile(r"https?://|\]\(", _I)
#: Words that say where the code is now.
_LOCATION = re.compile(
    r"\b(?:now\s+(?:available|hosted|maintained|developed|lives?|located)|moved\s+to|migrated\s+to"
    r"|replaced\s+by|superseded\s+by|in\s+favou?r\s+of|new\s+(?:\w+\s+)?(?:repository|repo|home|location)"
    r"|successor|continues?\s+(?:at|in|on)|d[ée]sormais|maintenant\s+disponible|nouveau\s+d[ée]p[ôo]t"
    r"|nouvelle\s+version|remplac[ée]e?\s+par|au\s+profit\s+de|d[ée]plac[ée]e?\s+(?:vers|sur|dans)"
    r"|migr[ée]e?\s+(?:vers|sur|dans)|se\s+trouve|moved\s+permanently|lives\s+(?:at|on|in)"
    r"|h[ée]berg[ée]e?s?\s+(?:sur|chez|dans))\b", _I)
#: Words that say where issues, pull requests or contributions go now.
_CONTRIBUTIONS = re.compile(r"\b(?:issues?|PRs?|pull[- ]requests?|merge[- ]requests?|contributions?"
                            r"|tickets?|bug\s+reports?)\b", _I)
_REDIRECT = re.compile(
    r"\b(?:addressed\s+to|sent\s+to|go(?:es)?\s+to|redirected|(?:opened|filed|made|submitted)\s+"
    r"(?:on|in|at|to)|new\s+(?:\w+\s+)?(?:repository|repo)|upstream|adress[ée]e?s?\s+(?:au|[àa])"
    r"|[àa]\s+(?:ouvrir|adresser|faire)\s+(?:sur|dans|au)|nouveau\s+d[ée]p[ôo]t)\b", _I)
_URL = re.compile(r"^https?://", _I)
_BADGE = re.compile(r"badge|shields\.io|\.(?:svg|png|jpe?g|gif)(?:[?#]|$)", _I)
_WORD = re.compile(r"[^\W\d_]{2,}")


@dataclass(frozen=True)
class Retirement:
    """The notice: its line and words, where the code went (an address, if given), and the
    line saying where issues and contributions go now (if it does)."""

    line: int
    quote: str
    moved_to: str | None
    contributions_line: int | None

    def to_facts(self) -> dict[str, object]:
        return {"line": self.line, "quote": self.quote, "moved_to": self.moved_to,
                "contributions_line": self.contributions_line}


def _blocks(doc: Document) -> list[Heading | Block]:
    """Headings and paragraphs in reading order, leaving out those with no words (badges)."""
    found: list[Heading | Block] = [*doc.headings, *doc.paragraphs]
    return sorted((b for b in found if _WORD.search(_prose(b.text))), key=lambda b: b.line)


def _prose(text: str) -> str:
    """The words of a block, images left out ("![badge](…)")."""
    return plain(re.sub(r"!\[[^\]\n]{0,500}\]\([^)\n]{0,500}\)", " ", text))


def _last(block: Heading | Block) -> int:
    return block.last if isinstance(block, Block) else block.line


def _retires(block: Heading | Block) -> bool:
    text = " ".join(_prose(block.text).split())
    # A list item ("Archive at end of execution") is a step or an option, not a banner.
    listed = isinstance(block, Block) and block.listed
    banner = not listed and bool(_BANNER.search(text))
    return (bool(_RETIRED.search(text)) or (not listed and bool(_HTTP_MOVED.search(text)))
            or (bool(_MOVED.search(text)) and bool(_ADDRESS.search(block.text)))
            or (banner and len(_WORD.findall(text)) <= MAX_BANNER_WORDS))


def notice(doc: Document) -> Retirement | None:
    """The retirement notice opening the README, or ``None``."""
    blocks = _blocks(doc)
    at = next((i for i, b in enumerate(blocks[:TOP_BLOCKS]) if _retires(b)), None)
    if at is None:
        return None
    first = blocks[at]
    region = [first]
    for block in blocks[at + 1:at + 1 + NOTICE_BLOCKS]:
        if isinstance(block, Heading) and not _retires(block):
            break  # the README's next section ("# Licences")
        region.append(block)
    moved_to = None
    contributions = None
    for block in region:
        text = " ".join(_prose(block.text).split())
        if moved_to is None and _LOCATION.search(text):
            moved_to = _address(doc, block)
        if contributions is None and _CONTRIBUTIONS.search(text) and _REDIRECT.search(text):
            contributions = block.line
    return Retirement(first.line, _quote(first.text), moved_to, contributions)


def notice_lines(doc: Document) -> set[int]:
    """Lines of the retirement notice's paragraphs that speak only of the retirement: every
    sentence says the repository is retired, where its code is now or where issues go
    (codegouvfr/sill-api: "It is now available at https://github.com/codegouvfr/sill"). They
    say where the code went, not what it is."""
    found = notice(doc)
    if found is None:
        return set()
    blocks = _blocks(doc)
    start = next(i for i, b in enumerate(blocks) if b.line == found.line)
    lines: set[int] = set()
    for block in blocks[start:start + 1 + NOTICE_BLOCKS]:
        text = " ".join(_prose(block.text).split())
        sentences = [s for s in re.split(r"(?<=[.!?])\s+", text) if _WORD.search(s)]
        if sentences and all(_retires_sentence(s) for s in sentences):
            lines.update(range(block.line, _last(block) + 1))
    return lines


def _retires_sentence(sentence: str) -> bool:
    return bool(_RETIRED.search(sentence) or _BANNER.search(sentence) or _HTTP_MOVED.search(sentence)
                or _MOVED.search(sentence) or _LOCATION.search(sentence)
                or (_CONTRIBUTIONS.search(sentence) and _REDIRECT.search(sentence)))


def _quote(text: str) -> str:
    """The sentence of the notice that says so, as a reader sees it (links as their text)."""
    text = re.sub(r"!\[[^\]\n]{0,500}\]\([^)\n]{0,500}\)", " ", text)
    text = re.sub(r"\[([^\]\n]{0,500})\]\([^)\n]{0,500}\)", r"\1", text)
    text = " ".join(text.replace("*", "").split()).strip("#= ")
    sentences = re.split(r"(?<=[.!?])\s+", text)
    said = next((s for s in sentences
                 if _RETIRED.search(s) or _BANNER.search(s) or _HTTP_MOVED.search(s)
                 or _MOVED.search(s)), text)
    return said if len(said) <= MAX_QUOTE else said[:MAX_QUOTE - 1] + "…"


def _address(doc: Document, block: Heading | Block) -> str | None:
    """The first web address a block links to (not a badge or an image)."""
    links: list[Link] = [a for a in doc.anchors if block.line <= a.line <= _last(block)]
    return next((a.target for a in sorted(links, key=lambda a: a.line)
                 if _URL.match(a.target) and not _BADGE.search(a.target)), None)
