"""Declared licence strings -> normalised SPDX expressions (with the maintained
``license-expression`` library), including the values manifests really hold.

Deprecated ids are rewritten to what they mean (``GPL-3.0`` -> ``GPL-3.0-only``, ``GPL-3.0+`` ->
``GPL-3.0-or-later``) and remembered as written, so a rule can warn about them; npm's
``SEE LICENSE IN <file>`` and ``UNLICENSED``, composer's ``proprietary`` and licence *names*
("The Apache Software License, Version 2.0") are recognised for what they are.
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
_SEE = re.compile(r"^\s*SEE\s+LICEN[CS]E\s+IN\s+(\S+)", re.IGNORECASE)
_PROPRIETARY = re.compile(r"^\s*(?:UNLICENSED|proprietary|commercial|all rights reserved)\s*$",
                          re.IGNORECASE)
_ID_CHARS = re.compile(r"[A-Za-z0-9.+-]+")


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
    see = _SEE.match(text)
    if see:
        return Parsed(value, "reference", reference=see.group(1).strip("'\"()"))
    if _PROPRIETARY.match(text):
        return Parsed(value, "proprietary", normalised=PROPRIETARY, ids=(PROPRIETARY,))
    for wrong, why in NOT_A_LICENCE.items():
        if re.search(rf"(?<![\w.-]){re.escape(wrong)}(?![\w.+-])", text, re.IGNORECASE):
            return Parsed(value, "invalid", error=why)
    spdx_like = re.sub(r"\s*/\s*", " OR ", text) if re.fullmatch(r"[\w.+-]+(\s*/\s*[\w.+-]+)+",
                                                                 text) else text
    rewritten, deprecated = _rewrite_deprecated(spdx_like)
    parsed = _spdx(rewritten)
    if parsed is not None:
        ids, operators = parsed
        normalised = _licensing().parse(rewritten, validate=False).render("{symbol.key}")
        return Parsed(value, "spdx", normalised, ids, deprecated, operators=operators)
    return _by_name(value, text)


def _spdx(text: str) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    from license_expression import ExpressionError

    licensing = _licensing()
    try:
        expression = licensing.parse(text, validate=True, strict=False)
    except (ExpressionError, ValueError, TypeError):
        return None
    if expression is None:
        return None
    ids = tuple(dict.fromkeys(str(s.key) for s in licensing.license_symbols(expression)))
    operators = tuple(sorted({op for op in ("AND", "OR", "WITH") if f" {op} " in
                              f" {expression.render('{symbol.key}')} "}))
    return ids, operators


def _by_name(value: str, text: str) -> Parsed:
    """A licence name or a loose spelling ("Apache License 2.0", "GPLv3+", "CeCILL-B")."""
    from scanner.licences import notices

    found = {notices.resolve(m)[0] for m in notices.mentions(text, need_keyword=False)}
    if len(found) == 1:
        spdx_id = found.pop()
        if spdx_id == PROPRIETARY:
            return Parsed(value, "proprietary", normalised=PROPRIETARY, ids=(PROPRIETARY,))
        return Parsed(value, "name", spdx_id, (spdx_id,))
    if len(found) > 1:
        joined = " OR " if re.search(r"\bor\b|/|dual", text, re.IGNORECASE) else " AND "
        ids = tuple(sorted(found))
        return Parsed(value, "name", joined.join(ids), ids,
                      operators=(joined.strip(),))
    return Parsed(value, "invalid", error=f"not an SPDX licence expression: {text[:80]!r}")


def ids_of(expression: str | None) -> tuple[str, ...]:
    """The licence ids of an expression civiscan produced itself (no parsing surprises)."""
    if not expression or expression == "NOASSERTION":
        return ()
    tokens = re.split(r"\s+(?:AND|OR|WITH)\s+|[()]", expression)
    return tuple(dict.fromkeys(tok.strip() for tok in tokens if tok.strip()))


def family(spdx_id: str) -> str:
    """``AGPL-3.0-or-later`` -> ``AGPL-3.0``: what two ids agree on when only the suffix differs."""
    return spdx_id.removesuffix("-only").removesuffix("-or-later").removesuffix("+")
