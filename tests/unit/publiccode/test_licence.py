"""legal.license as an SPDX expression."""

from __future__ import annotations

from scanner.publiccode.licence import parse_licence


def test_valid_ids_are_canonicalised() -> None:
    parsed = parse_licence("mit")
    assert parsed.valid and parsed.normalised == "MIT" and parsed.ids == ("MIT",)


def test_deprecated_gnu_ids_are_rewritten() -> None:
    assert parse_licence("AGPL-3.0").normalised == "AGPL-3.0-only"
    assert parse_licence("GPL-3.0+").normalised == "GPL-3.0-or-later"
    assert parse_licence("AGPL-3.0").deprecated == ("AGPL-3.0",)


def test_compound_expression() -> None:
    parsed = parse_licence("EUPL-1.2 OR AGPL-3.0-or-later")
    assert parsed.valid and parsed.ids == ("EUPL-1.2", "AGPL-3.0-or-later")


def test_french_names_and_broken_syntax_are_invalid() -> None:
    assert not parse_licence("Licence Ouverte").valid
    assert parse_licence("Licence Ouverte").unknown == ("Licence Ouverte",)
    broken = parse_licence("MIT AND")
    assert not broken.valid and broken.error
    assert not parse_licence("  ").valid


def test_licence_ref_is_valid_spdx() -> None:
    assert parse_licence("LicenseRef-Etat").valid
