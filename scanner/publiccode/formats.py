"""Value formats as the reference validator (publiccode-parser-go, with go-playground/validator and
Go's net/url) judges them, so that civiscan and the catalogues agree on what is a URL, an e-mail
address, a BCP 47 tag or a date. Each function takes the text as written and answers yes or no;
the rules are re-stated from those libraries' documented behaviour, with the lists in ``data/``.
"""

from __future__ import annotations

import datetime
import functools
import posixpath
import re
import unicodedata
from dataclasses import dataclass

from scanner.publiccode import lists


@dataclass(frozen=True)
class ParsedURL:
    scheme: str
    opaque: str
    host: str
    path: str
    fragment: str


_HEX = re.compile(r"%(?![0-9A-Fa-f]{2})")
_HOST_OK = re.compile(r"^[A-Za-z0-9\-._~!$&'()*+,;=:\[\]<>\"%\x80-\U0010ffff]*$")
_USERINFO_OK = re.compile(r"^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")


def _scheme(raw: str) -> tuple[str, str] | None:
    """Go's getScheme: ``None`` when a colon comes first (missing scheme)."""
    if raw.startswith(":"):
        return None
    match = _SCHEME.match(raw)
    if match is None:
        return "", raw
    return match.group(1).lower(), raw[match.end():]


def _host_ok(host: str) -> bool:
    if host.startswith("["):
        end = host.find("]")
        if end < 0:
            return False
        port = host[end + 1:]
        return port == "" or re.fullmatch(r":[0-9]*", port) is not None
    colon = host.rfind(":")
    if colon >= 0 and re.fullmatch(r":[0-9]*", host[colon:]) is None:
        return False
    return _HEX.search(host) is None and _HOST_OK.match(host) is not None


def parse_url(raw: str, *, request: bool = False) -> ParsedURL | None:
    """Go's ``url.Parse`` (or ``url.ParseRequestURI`` with ``request``); ``None`` where Go errs."""
    if any(ord(c) < 0x20 or ord(c) == 0x7F for c in raw):
        return None
    if request and not raw:
        return None
    fragment = ""
    if not request:
        raw, _, fragment = raw.partition("#")
        if _HEX.search(fragment):
            return None
    split = _scheme(raw)
    if split is None:
        return None
    scheme, rest = split
    rest = rest.split("?", 1)[0]
    if not rest.startswith("/"):
        if scheme:
            return ParsedURL(scheme, rest, "", "", fragment)
        if request or ":" in rest.split("/", 1)[0]:
            return None
    host = ""
    if (scheme or (not request and not rest.startswith("///"))) and rest.startswith("//"):
        authority, slash, path = rest[2:].partition("/")
        rest = slash + path
        userinfo, at, host = authority.rpartition("@")
        if (at and _USERINFO_OK.match(userinfo) is None) or not _host_ok(host):
            return None
    if _HEX.search(rest):
        return None
    return ParsedURL(scheme, "", host, rest, fragment)


def is_url(value: str) -> bool:
    """go-playground's ``url``: a scheme, and a host, fragment or opaque part (a path for file:)."""
    parsed = parse_url(value.lower()) if value else None
    if parsed is None or not parsed.scheme:
        return False
    if parsed.scheme == "file":
        return parsed.path not in ("", "/")
    return bool(parsed.host or parsed.fragment or parsed.opaque)


def is_http_url(value: str) -> bool:
    """go-playground's ``http_url``: a URL with a host and the http or https scheme."""
    if not is_url(value):
        return False
    parsed = parse_url(value.lower())
    return parsed is not None and bool(parsed.host) and parsed.scheme in ("http", "https")


def is_absolute_uri(value: str) -> bool:
    """What Go's ``url.ParseRequestURI`` accepts and the reference then treats as a URL (not a
    path in the repository): anything with a scheme, or an absolute path."""
    return parse_url(value, request=True) is not None


# go-playground's emailRegexString, with Go's \x{...} written the Python way.
_EMAIL = re.compile(
    "^(?:(?:(?:(?:[a-zA-Z]|\\d|[!#\\$%&'\\*\\+\\-\\/=\\?\\^_`{\\|}~]|[\u00a0-\ud7ff\uf900-\ufdcf"
    "\ufdf0-\uffef])+(?:\\.([a-zA-Z]|\\d|[!#\\$%&'\\*\\+\\-\\/=\\?\\^_`{\\|}~]|[\u00a0-\ud7ff"
    "\uf900-\ufdcf\ufdf0-\uffef])+)*)|(?:(?:\\x22)(?:(?:(?:(?:\\x20|\\x09)*(?:\\x0d\\x0a))?"
    "(?:\\x20|\\x09)+)?(?:(?:[\\x01-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f]|\\x21|[\\x23-\\x5b]|"
    "[\\x5d-\\x7e]|[\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef])|(?:(?:[\\x01-\\x09\\x0b\\x0c"
    "\\x0d-\\x7f]|[\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef]))))*(?:(?:(?:\\x20|\\x09)*"
    "(?:\\x0d\\x0a))?(\\x20|\\x09)+)?(?:\\x22))))@(?:(?:(?:[a-zA-Z]|\\d|[\u00a0-\ud7ff\uf900-"
    "\ufdcf\ufdf0-\uffef])|(?:(?:[a-zA-Z]|\\d|[\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef])"
    "(?:[a-zA-Z]|\\d|-|\\.|~|[\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef])*(?:[a-zA-Z]|\\d|"
    "[\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef])))\\.)+(?:(?:[a-zA-Z]|[\u00a0-\ud7ff\uf900-\ufdcf"
    "\ufdf0-\uffef])|(?:(?:[a-zA-Z]|[\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef])(?:[a-zA-Z]|\\d|-|"
    "\\.|~|[\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef])*(?:[a-zA-Z]|[\u00a0-\ud7ff\uf900-\ufdcf"
    "\ufdf0-\uffef])))\\.?$", re.ASCII)


def is_email(value: str) -> bool:
    return len(value) <= 320 and _EMAIL.match(value) is not None


_MIME = re.compile(r"^ *([A-Za-z0-9][A-Za-z0-9!#$&^_-]{0,126})/"
                   r"([A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}) *$")


def is_mime_type(value: str) -> bool:
    return _MIME.match(value) is not None


_DATE = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})$")


def is_date(value: str) -> bool:
    """A real calendar day written YYYY-MM-DD (Go's ``time.Parse("2006-01-02", …)``)."""
    match = _DATE.match(value)
    if match is None:
        return False
    try:
        datetime.date(*(int(g) for g in match.groups()))
    except ValueError:
        return False
    return True


def is_country(value: str) -> bool:
    """An ISO 3166-1 alpha-2 code, all upper or all lower case."""
    return value in (value.upper(), value.lower()) and value.upper() in lists.countries()


_URN = re.compile(r"^urn:(?!urn:)[a-z0-9][a-z0-9-]{0,31}:"
                  r"(?:[a-z0-9()+,\-.:=@;$_!*'/?#]|%[0-9a-f]{2})+$", re.IGNORECASE)


def is_urn(value: str) -> bool:
    """A URN as RFC 2141 writes it: ``urn:NID:NSS``."""
    return _URN.match(value) is not None


ITALIAN_PA = "x-italian-pa:"


def is_organisation_uri(value: str) -> bool:
    """An absolute URI with a host, or a URN; ``urn:x-italian-pa:CODE`` needs a known iPA code."""
    parsed = parse_url(value, request=True)
    if parsed is None:
        return False
    if parsed.scheme == "urn":
        if not is_urn(value):
            return False
        if parsed.opaque.lower().startswith(ITALIAN_PA):
            return parsed.opaque[len(ITALIAN_PA):].lower() in lists.ipa_codes()
        return True
    return bool(parsed.scheme and parsed.host)


def is_supports_id(value: str) -> bool:
    """``alias:NAME`` with a known alias, or an absolute URI with a host, or a URN."""
    if value.startswith("alias:"):
        return value[len("alias:"):] in lists.supports_aliases()
    parsed = parse_url(value, request=True)
    if parsed is None:
        return False
    if parsed.scheme == "urn":
        return is_urn(value)
    return bool(parsed.scheme and parsed.host)


@functools.cache
def _oembed() -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(scheme.split("*")) for scheme in lists.oembed_schemes())


def _glob(parts: tuple[str, ...], value: str) -> bool:
    """``value`` matches the scheme whose ``*`` split it into ``parts`` (each ``*`` any text).
    Done with find() rather than a regular expression: linear even on a hostile 1 MB link."""
    if len(parts) == 1:
        return value == parts[0]
    first, *middle, last = parts
    if not value.startswith(first) or len(value) < len(first) + len(last):
        return False
    position, end = len(first), len(value) - len(last)
    for part in middle:
        found = value.find(part, position, end)
        if found < 0:
            return False
        position = found + len(part)
    return value.endswith(last)


def is_oembed_url(value: str) -> bool:
    """A video link from a known oEmbed provider (the reference's list of URL schemes)."""
    return any(_glob(parts, value) for parts in _oembed())


_BCP47 = re.compile(
    r"^(en-gb-oed|i-ami|i-bnn|i-default|i-enochian|i-hak|i-klingon|i-lux|i-mingo|i-navajo|"
    r"i-pwn|i-tao|i-tay|i-tsu|sgn-be-fr|sgn-be-nl|sgn-ch-de|art-lojban|cel-gaulish|no-bok|"
    r"no-nyn|zh-guoyu|zh-hakka|zh-min|zh-min-nan|zh-xiang|x-[a-z0-9]{1,8})$"
    r"|^((?:[a-z]{2,3}(?:-[a-z]{3}){0,3})|[a-z]{4}|[a-z]{5,8})"
    r"(?:-([a-z]{4}))?"
    r"(?:-([a-z]{2}|[0-9]{3}))?"
    r"(?:-((?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3})(?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*))?"
    r"(?:-((?:[a-wyz0-9](?:-[a-z0-9]{2,8})+)(?:-(?:[a-wyz0-9](?:-[a-z0-9]{2,8})+))*))?"
    r"(?:-x(?:-[a-z0-9]{1,8})+)?$")


def is_bcp47(value: str) -> bool:
    """A well-formed BCP 47 tag whose subtags are registered (``fr``, ``en-GB``; not ``en_GB``,
    not ``xxx``): go-playground's ``bcp47_strict_language_tag``."""
    lower = value.lower()
    match = _BCP47.match(lower)
    if match is None:
        return False
    special, language, script, region, variants, _extension = match.groups()
    if special:
        return True
    subtags = lists.bcp47()
    base, *extlangs = language.split("-")
    if len(base) > 3 or base not in subtags["languages"]:
        return False
    for extlang in extlangs:
        prefixes = subtags["extlangs"].get(extlang)
        if prefixes is None or (prefixes and not any(f"{lower}-".startswith(p)
                                                     for p in prefixes)):
            return False
    if script and script not in subtags["scripts"]:
        return False
    if region and region not in subtags["regions"]:
        return False
    return not variants or all(v in subtags["variants"] for v in variants.split("-"))


_EXTEND = frozenset(("Mn", "Me", "Mc"))


def grapheme_count(text: str) -> int:
    """User-perceived characters: combining marks, variation selectors, emoji modifiers and ZWJ
    sequences join the character before them, and a pair of regional indicators is one flag
    (the reference counts grapheme clusters, not code points)."""
    count = 0
    joined = False
    regional = False
    previous = ""
    for char in text:
        code = ord(char)
        if joined:
            joined = False
            previous = char
            continue
        if char == "\u200d":
            joined = count > 0
            continue
        if (unicodedata.category(char) in _EXTEND or 0xFE00 <= code <= 0xFE0F
                or 0x1F3FB <= code <= 0x1F3FF or 0xE0020 <= code <= 0xE007F
                or (char == "\n" and previous == "\r")):
            if count == 0:
                count = 1
            previous = char
            continue
        if 0x1F1E6 <= code <= 0x1F1FF:
            if regional:
                regional = False
                previous = char
                continue
            regional = True
        else:
            regional = False
        count += 1
        previous = char
    return count


def file_extension(path: str) -> str:
    """Go's ``filepath.Ext``, lower-cased: from the last dot of the last path element."""
    name = path.rsplit("/", 1)[-1]
    dot = name.rfind(".")
    return name[dot:].lower() if dot >= 0 else ""


def repository_path(value: str) -> str | None:
    """A relative path resolved from the repository root, or ``None`` if it leaves the root."""
    joined = posixpath.normpath(value)
    if joined == ".." or joined.startswith("../"):
        return None
    return joined
