"""Declared licence strings -> normalised SPDX expressions (with the maintained
``license-expression`` library), including the values manifests really hold.

Deprecated ids are rewritten to what they mean (``GPL-3.0`` -> ``GPL-3.0-only``, ``GPL-3.0+`` ->
``GPL-3.0-or-later``) and remembered as written, so a rule can warn about them; npm's
``SEE LICENSE IN <file>`` and ``UNLICENSED``, composer's ``proprietary`` and licence *names*
("The Apache Software License, Version 2.0") are recognised for what they are.

A GNU licence *named* without saying "only" or "or later" ("GNU AGPL v3", a gnu.org URL) is read
as its bare family id (``AGPL-3.0``), never given a suffix the value does not state; such
families, and deprecated bare ids, are listed in ``unstated`` so that comparisons go by family.
"""

from __future__ import annotations

import functools
import re
import typing as t
from dataclasses import dataclass, field

#: Deprecated SPDX ids (still common in manifests) and their current meaning.
DEPRECATED = {
    "GPL-1.0": "GPL-1.0-only", "GPL-1.0+": "GPL-1.0-or-later",
    "GPL-2.0": "GPL-2.0-only", "GPL-2.0+": "GPL-2.0-or-later",
    "GPL-3.0": "GPL-3.0-only", "GPL-3.0+": "GPL-3.0-or-later",
    "LGPL-2.0": "LGPL-2.0-only", "LGPL-2.0+": "LGPL-2.0-or-later",
    "LGPL-2.1": "LGPL-2.1-only", "LGPL-2.1+": "LGPL-2.1-or-later",
    "LGPL-3.0": "LGPL-3.0-only", "LGPL-3.0+": "LGPL-3.0-or-later",
    "AGPL-1.0": "AGPL-1.0-only", "AGPL-3.0": "AGPL-3.0-only", "AGPL-3.0+": "AGPL-3.0-or-later",
    "GFDL-1.3": "GFDL-1.3-only", "GFDL-1.2": "GFDL-1.2-only", "GFDL-1.1": "GFDL-1.1-only",
}
#: Ids people write that are no licence at all, and what to tell them.
NOT_A_LICENCE = {
    "EUPL-2.0": "EUPL-2.0 does not exist (a typo of data.gouv.fr's list, Nov 2021-Feb 2022): "
                "EUPL-1.2 is meant",
}
PROPRIETARY = "LicenseRef-proprietary"
#: Longest declared value read: real expressions stay under 200 characters, and the expression
#: parser and the name matcher grow worse than linearly on 100,000-character ones.
MAX_EXPRESSION_CHARS = 1_000
#: GNU ids without "-only"/"-or-later": deprecated in SPDX, and what a name that states neither
#: is read as.
GNU_BARE = frozenset(k for k in DEPRECATED if not k.endswith("+") and not k.startswith("GFDL"))
_SEE = re.compile(r"^\s*SEE\s+LICEN[CS]E\s+IN\s+(\S+)", re.IGNORECASE)
_PROPRIETARY = re.compile(r"^\s*(?:UNLICENSED|proprietary|commercial|all rights reserved)\s*$",
                          re.IGNORECASE)
_ID_CHARS = re.compile(r"[A-Za-z0-9.+-]+")
#: Well-known licence URLs (scheme, "www." and trailing slash stripped; lower case). A URL to a
#: GNU licence says nothing of "only" or "or later": it maps to the bare family.
_URLS = (
    (re.compile(r"^opensource\.org/licen[cs]es/mit(?:-license)?(?:\.php|\.html)?$"), "MIT"),
    (re.compile(r"^apache\.org/licenses/license-2\.0(?:\.html|\.txt)?$"), "Apache-2.0"),
    (re.compile(r"^gnu\.org/licenses/agpl(?:-3\.0)?(?:\.html|\.txt|\.en\.html)?$"),
     "AGPL-3.0"),
    (re.compile(r"^gnu\.org/licenses/gpl(?:-3\.0)?(?:\.html|\.txt|\.en\.html)?$"), "GPL-3.0"),
    (re.compile(r"^gnu\.org/licenses/lgpl(?:-3\.0)?(?:\.html|\.txt|\.en\.html)?$"),
     "LGPL-3.0"),
    (re.compile(r"^gnu\.org/licenses/(?:old-licenses/)?gpl-2\.0(?:\.html|\.txt|\.en\.html)?$"),
     "GPL-2.0"),
    (re.compile(r"^(?:etalab\.gouv\.fr/licence-ouverte-open-licence|"
                r"etalab\.gouv\.fr/wp-content/uploads/2017/04/etalab-licence-ouverte-v2\.0\.pdf|"
                r"github\.com/etalab/licence-ouverte/blob/master/lo\.md)$"), "etalab-2.0"),
    (re.compile(r"^opendatacommons\.org/licenses/odbl(?:/1-0|/1\.0)?$"), "ODbL-1.0"),
    (re.compile(r"^joinup\.ec\.europa\.eu/(?:collection/eupl/)?.*eupl.*1\.?2"), "EUPL-1.2"),
    (re.compile(r"^cecill\.info/licences/licence_cecill(?:-([bc]))?_v(2\.1|1)-(?:en|fr)\.html?$"),
     "$cecill"),
    (re.compile(r"^mozilla\.org/(?:en-us/)?mpl/2\.0$"), "MPL-2.0"),
    (re.compile(r"^spdx\.org/licenses/([a-z0-9.+-]+?)(?:\.html|\.json)?$"), "$1"),
)
_URL_LIKE = re.compile(r"^[a-z]+://\S+$", re.IGNORECASE)


@dataclass(frozen=True)
class Parsed:
    """One declared value, understood.

    ``kind``: ``spdx`` (a valid expression), ``name`` (a licence name mapped to an id),
    ``reference`` (points at a file), ``proprietary``, ``invalid``, ``empty``.
    """

    written: str
    kind: str
    normalised: str | None = None
    ids: tuple[str, ...] = ()
    deprecated: tuple[str, ...] = ()
    error: str | None = None
    reference: str | None = None
    operators: tuple[str, ...] = field(default_factory=tuple)
    #: GNU families (``AGPL-3.0``) whose "-only"/"-or-later" the value does not state: a bare
    #: family from a name or URL, or a deprecated bare id (``AGPL-3.0``, which SPDX reads as
    #: "-only" but teams wrote before the suffixes existed).
    unstated: tuple[str, ...] = ()


@functools.lru_cache(maxsize=1)
def _licensing() -> t.Any:
    from license_expression import get_spdx_licensing  # loaded on first use only

    return get_spdx_licensing()


def _rewrite_deprecated(text: str) -> tuple[str, tuple[str, ...]]:
    found = []

    def swap(match: re.Match[str]) -> str:
        token = match.group(0)
        for old, new in DEPRECATED.items():
            if token.lower() == old.lower():
                found.append(old)
                return new
        return token

    return _ID_CHARS.sub(swap, text), tuple(found)


@functools.lru_cache(maxsize=4096)
def parse(value: str) -> Parsed:
    """Understand one declared licence value (see :class:`Parsed`)."""
    text = value.strip()
    if not text:
        return Parsed(value, "empty", error="empty licence value")
    if len(text) > MAX_EXPRESSION_CHARS:
        return Parsed(value, "invalid", error=f"not a licence expression: {len(text):,} "
                      f"characters long (at most {MAX_EXPRESSION_CHARS:,} are read)")
    see = _SEE.match(text)
    if see:
        return Parsed(value, "reference", reference=see.group(1).strip("'\"()"))
    if _PROPRIETARY.match(text):
        return Parsed(value, "proprietary", normalised=PROPRIETARY, ids=(PROPRIETARY,))
    for wrong, why in NOT_A_LICENCE.items():
        if re.search(rf"(?<![\w.-]){re.escape(wrong)}(?![\w.+-])", text, re.IGNORECASE):
            return Parsed(value, "invalid", error=why)
    if _URL_LIKE.match(text):
        from_url = _from_url(text)
        if from_url:
            return Parsed(value, "name", from_url, (from_url,),
                          unstated=(from_url,) if from_url in GNU_BARE else ())
    spdx_like = re.sub(r"\s*/\s*", " OR ", text) if re.fullmatch(r"[\w.+-]+(\s*/\s*[\w.+-]+)+",
                                                                 text) else text
    rewritten, deprecated = _rewrite_deprecated(spdx_like)
    parsed = _spdx(rewritten)
    if parsed is not None:
        ids, operators = parsed
        normalised = _licensing().parse(rewritten, validate=False).render("{symbol.key}")
        unstated = tuple(d for d in deprecated if d in GNU_BARE)
        return Parsed(value, "spdx", normalised, ids, deprecated, operators=operators,
                      unstated=unstated)
    return _by_name(value, text)


def _from_url(url: str) -> str | None:
    """The SPDX id behind a well-known licence URL, or ``None``."""
    bare = re.sub(r"^[a-z]+://(?:www\.)?", "", url.strip().lower()).rstrip("/")
    for pattern, spdx_id in _URLS:
        match = pattern.match(bare)
        if not match:
            continue
        if spdx_id == "$1":
            found = _spdx(match.group(1))
            return found[0][0] if found and len(found[0]) == 1 else None
        if spdx_id == "$cecill":
            variant, version = match.group(1), match.group(2)
            return f"CECILL-{variant.upper()}" if variant else f"CECILL-{version}"
        return spdx_id
    return None


def _spdx(text: str) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    from license_expression import ExpressionError

    licensing = _licensing()
    try:
        expression = licensing.parse(text, validate=False, strict=False)
    except (ExpressionError, ValueError, TypeError, IndexError, RecursionError):
        # IndexError: the boolean.py parser under license-expression on empty parentheses, as
        # in "()" or "MIT AND ()" (found by bench/fuzz.py and tests/unit/test_fuzz.py).
        return None
    if expression is None:
        return None
    # LicenseRef-/DocumentRef- are valid SPDX for licences outside the list; any other unknown
    # key is not an SPDX expression (it may still be a licence *name*, tried next).
    unknown = [str(k) for k in licensing.unknown_license_keys(expression)]
    if any(not k.startswith(("LicenseRef-", "DocumentRef-")) for k in unknown):
        return None
    # Exceptions (``WITH Classpath-exception-2.0``) modify a licence; they are no licence of
    # their own, so they are not ids (a list of authorised licences cannot hold them).
    ids = tuple(dict.fromkeys(str(s.key) for s in licensing.license_symbols(expression,
                                                                           decompose=True)
                              if not getattr(s, "is_exception", False)))
    operators = tuple(sorted({op for op in ("AND", "OR", "WITH") if f" {op} " in
                              f" {expression.render('{symbol.key}')} "}))
    return ids, operators


def _by_name(value: str, text: str) -> Parsed:
    """A licence name or a loose spelling ("Apache License 2.0", "GPLv3+", "CeCILL-B")."""
    from scanner.licences import notices

    if notices.modification(text):
        return Parsed(value, "invalid", error=f"a modified licence, not an SPDX licence: "
                                              f"{text[:80]!r}")
    found = {notices.resolve(m)[0] for m in notices.mentions(text, need_keyword=False)}
    unstated = tuple(sorted(i for i in found if i in GNU_BARE))
    if len(found) == 1:
        spdx_id = found.pop()
        if spdx_id == PROPRIETARY:
            return Parsed(value, "proprietary", normalised=PROPRIETARY, ids=(PROPRIETARY,))
        return Parsed(value, "name", spdx_id, (spdx_id,), unstated=unstated)
    if len(found) > 1:
        joined = " OR " if re.search(r"\bor\b|/|dual", text, re.IGNORECASE) else " AND "
        ids = tuple(sorted(found))
        return Parsed(value, "name", joined.join(ids), ids,
                      operators=(joined.strip(),), unstated=unstated)
    return Parsed(value, "invalid", error=f"not an SPDX licence expression: {text[:80]!r}")


def ids_of(expression: str | None) -> tuple[str, ...]:
    """The licence ids of an expression civiscan produced itself (no parsing surprises)."""
    if not expression or expression == "NOASSERTION":
        return ()
    tokens = re.split(r"\s+(?:AND|OR|WITH)\s+|[()]", expression)
    return tuple(dict.fromkeys(tok.strip() for tok in tokens if tok.strip()))


def same_licence(one: str, other: str, *, unstated: t.Collection[str] = ()) -> bool:
    """Whether two ids name one licence: equal, or of one GNU family where either side's
    suffix is unstated (a bare family, or a family listed in ``unstated``)."""
    if one == other:
        return True
    base = family(one)
    if base != family(other):
        return False
    return base in unstated or one == base or other == base


def family(spdx_id: str) -> str:
    """``AGPL-3.0-or-later`` -> ``AGPL-3.0``: what two ids agree on when only the suffix differs."""
    return spdx_id.removesuffix("-only").removesuffix("-or-later").removesuffix("+")
