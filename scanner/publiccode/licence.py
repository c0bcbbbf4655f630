"""``legal.license`` as an SPDX expression: valid or not, the ids it names, and a normalised form
(deprecated ids such as ``AGPL-3.0`` rewritten to ``AGPL-3.0-only``) that can be compared with the
licence detected in the repository's licence file."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from license_expression import ExpressionError, Licensing, get_spdx_licensing

#: SPDX deprecated GNU ids and what they mean today.
_DEPRECATED = {
    "GPL-2.0": "GPL-2.0-only", "GPL-2.0+": "GPL-2.0-or-later",
    "GPL-3.0": "GPL-3.0-only", "GPL-3.0+": "GPL-3.0-or-later",
    "LGPL-2.1": "LGPL-2.1-only", "LGPL-2.1+": "LGPL-2.1-or-later",
    "LGPL-3.0": "LGPL-3.0-only", "LGPL-3.0+": "LGPL-3.0-or-later",
    "AGPL-3.0": "AGPL-3.0-only", "AGPL-3.0+": "AGPL-3.0-or-later",
}


@dataclass(frozen=True)
class ParsedLicence:
    expression: str
    valid: bool
    normalised: str | None
    ids: tuple[str, ...] = ()
    unknown: tuple[str, ...] = ()
    error: str | None = None
    deprecated: tuple[str, ...] = field(default_factory=tuple)


@functools.cache
def _licensing() -> Licensing:
    return get_spdx_licensing()


def parse_licence(expression: str) -> ParsedLicence:
    """Parse ``expression`` against the SPDX licence list shipped with ``license-expression``."""
    text = expression.strip()
    if not text:
        return ParsedLicence(expression, False, None, error="empty licence expression")
    licensing = _licensing()
    try:
        parsed = licensing.parse(text, validate=False)
    except ExpressionError as exc:
        return ParsedLicence(expression, False, None, error=str(exc))
    if parsed is None:
        return ParsedLicence(expression, False, None, error="empty licence expression")
    # LicenseRef-/DocumentRef- are valid SPDX syntax for licences outside the list.
    unknown = tuple(sorted(str(k) for k in licensing.unknown_license_keys(parsed)
                           if not str(k).startswith(("LicenseRef-", "DocumentRef-"))))
    rendered = parsed.render("{symbol.key}")
    # As written by the team (the SPDX licensing may already have mapped them in ``rendered``).
    deprecated = tuple(sorted(k for k in _DEPRECATED if re.search(
        rf"(?<![\w.+-]){re.escape(k)}(?![\w.+-])", text, re.IGNORECASE)))
    normalised = rendered
    for old in sorted(deprecated, key=len, reverse=True):
        normalised = re.sub(rf"(?<![\w.+-]){re.escape(old)}(?![\w.+-])", _DEPRECATED[old],
                            normalised)
    ids = tuple(dict.fromkeys(_DEPRECATED.get(k, k) for k in
                              (str(s.key) for s in licensing.license_symbols(parsed))))
    if unknown:
        return ParsedLicence(expression, False, normalised, ids, unknown,
                             f"not an SPDX licence id: {', '.join(unknown)}", deprecated)
    return ParsedLicence(expression, True, normalised, ids, (), None, deprecated)
