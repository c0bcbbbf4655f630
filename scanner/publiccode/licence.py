"""``legal.license`` as an SPDX expression: valid or not, the ids it names, and a normalised form
(deprecated ids such as ``AGPL-3.0`` rewritten to ``AGPL-3.0-only``) that can be compared with the
licence detected in the repository's licence file.

Parsing is :func:`scanner.licences.expressions.parse`, the one place civiscan reads a declared
licence; this module only says what the publiccode.yml standard makes of the result (it wants
"a valid SPDX expression": a licence *name* is understood, but not valid).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from scanner.licences.expressions import GNU_BARE, parse


@dataclass(frozen=True)
class ParsedLicence:
    expression: str
    valid: bool
    normalised: str | None
    ids: tuple[str, ...] = ()
    unknown: tuple[str, ...] = ()
    error: str | None = None
    deprecated: tuple[str, ...] = field(default_factory=tuple)


def parse_licence(expression: str) -> ParsedLicence:
    """Parse ``expression`` as publiccode.yml's ``legal.license``."""
    parsed = parse(expression)
    if parsed.kind == "spdx":
        return ParsedLicence(expression, True, parsed.normalised, parsed.ids, (), None,
                             parsed.deprecated)
    if parsed.kind == "name":
        # A GNU licence named without "only"/"or later": both forms are what to write, never
        # the deprecated bare id.
        advice = " or ".join(f"{parsed.normalised}{s}" for s in ("-only", "-or-later")) \
            if parsed.normalised in GNU_BARE else parsed.normalised
        return ParsedLicence(
            expression, False, parsed.normalised, parsed.ids, (expression.strip(),),
            f"not an SPDX licence id: {expression.strip()} (write {advice})",
            parsed.deprecated)
    error = parsed.error or (f"not an SPDX licence expression: {expression.strip()}"
                             if parsed.kind in ("reference", "proprietary") else
                             "empty licence expression")
    return ParsedLicence(expression, False, None, (), (expression.strip(),), error,
                         parsed.deprecated)
