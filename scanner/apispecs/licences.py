"""The SPDX expression behind an API description's ``info.license``, when it can be told.

OpenAPI 3.1 has ``identifier`` (an SPDX expression); older versions only a ``name`` and a
``url`` (or the ``x-oai-license-identifier`` extension). Each is read with
:func:`scanner.licences.expressions.parse`, the one place civiscan understands a declared licence;
anything it cannot map stays ``None`` and rules ask a person to look.
"""

from __future__ import annotations

import typing as t

from scanner.licences.expressions import parse

#: Longest identifier, name or URL mapped to SPDX: longer text is kept (cut) but never parsed,
#: so no parser or regex runs over a hostile megabyte.
MAX_TEXT = 300


def _spdx(value: str | None, *, names: bool) -> str | None:
    if not value or len(value) > MAX_TEXT:
        return None
    parsed = parse(value)
    if parsed.kind == "spdx" or (names and parsed.kind == "name"):
        return parsed.normalised
    return None


def licence_of(licence: t.Any) -> dict[str, t.Any] | None:
    """The facts of a License Object: what it says, and ``spdx`` with where that came from."""
    if not isinstance(licence, dict):
        return None
    name = licence.get("name") if isinstance(licence.get("name"), str) else None
    url = licence.get("url") if isinstance(licence.get("url"), str) else None
    identifier = licence.get("identifier")
    if not isinstance(identifier, str):
        identifier = licence.get("x-oai-license-identifier")
    identifier = identifier if isinstance(identifier, str) else None
    spdx, source = None, None
    for field, value, names in (("identifier", identifier, False), ("name", name, True),
                                ("url", url, True)):
        spdx = _spdx(value, names=names)
        if spdx:
            source = field
            break
    return {"name": _short(name), "identifier": _short(identifier), "url": _short(url),
            "spdx": spdx, "spdx_from": source}


def _short(text: str | None) -> str | None:
    return text if text is None or len(text) <= MAX_TEXT else text[:MAX_TEXT] + "…"
