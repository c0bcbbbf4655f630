"""Declared values -> SPDX: deprecated ids, npm/composer conventions, names, invalid ids."""

from __future__ import annotations

import pytest

from scanner.licences.expressions import family, ids_of, parse


@pytest.mark.parametrize(("value", "normalised", "deprecated"), [
    ("GPL-3.0", "GPL-3.0-only", ("GPL-3.0",)),
    ("GPL-3.0+", "GPL-3.0-or-later", ("GPL-3.0+",)),
    ("agpl-3.0", "AGPL-3.0-only", ("AGPL-3.0",)),
    ("AGPL-3.0-or-later", "AGPL-3.0-or-later", ()),
    ("MIT OR Apache-2.0", "MIT OR Apache-2.0", ()),
    ("MIT/Apache-2.0", "MIT OR Apache-2.0", ()),
    ("LGPL-2.1+ OR (MIT AND ISC)", "LGPL-2.1-or-later OR (MIT AND ISC)", ("LGPL-2.1+",)),
])
def test_spdx_expressions_are_normalised(value: str, normalised: str,
                                         deprecated: tuple[str, ...]) -> None:
    parsed = parse(value)
    assert (parsed.kind, parsed.normalised, parsed.deprecated) == ("spdx", normalised, deprecated)


def test_npm_and_composer_conventions() -> None:
    see = parse("SEE LICENSE IN LICENSE.md")
    assert (see.kind, see.reference) == ("reference", "LICENSE.md")
    assert parse("UNLICENSED").kind == "proprietary"
    assert parse("proprietary").normalised == "LicenseRef-proprietary"


def test_licence_names_map_to_ids() -> None:
    assert parse("The Apache Software License, Version 2.0").normalised == "Apache-2.0"
    assert parse("Licence Ouverte 2.0").normalised == "etalab-2.0"
    assert parse("GPLv3+").normalised == "GPL-3.0-or-later"


def test_eupl_2_does_not_exist() -> None:
    parsed = parse("EUPL-2.0")
    assert parsed.kind == "invalid"
    assert parsed.error and "EUPL-1.2" in parsed.error


def test_unknown_and_empty_values() -> None:
    assert parse("BSD").kind == "invalid"
    assert parse("  ").kind == "empty"


def test_helpers() -> None:
    assert ids_of("EPL-2.0 AND (etalab-2.0 OR MIT)") == ("EPL-2.0", "etalab-2.0", "MIT")
    assert ids_of("NOASSERTION") == ()
    assert family("AGPL-3.0-or-later") == family("AGPL-3.0-only") == "AGPL-3.0"


@pytest.mark.parametrize("value", ["()", "( )", "(())", "MIT AND ()", "() OR MIT"])
def test_empty_parentheses_are_no_crash(value: str) -> None:
    """license-expression's parser raised IndexError on these (found by fuzzing)."""
    parsed = parse(value)
    assert parsed.kind in ("invalid", "name")
    assert parsed.kind == "invalid" or parsed.ids == ("MIT",)
