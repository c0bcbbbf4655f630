"""Repository text decoding: UTF-8, UTF-16 with BOM, and Latin-1/Windows-1252 prose."""

from __future__ import annotations

from scanner.snapshot import decode_text


def test_utf8_with_and_without_bom() -> None:
    assert decode_text(b"Licence libre") == "Licence libre"
    assert decode_text(b"\xef\xbb\xbfCeCILL") == "CeCILL"


def test_utf16_with_bom() -> None:
    assert decode_text("régi par la licence".encode("utf-16")) == "régi par la licence"


def test_latin1_french_text_stays_readable() -> None:
    text = "Ce logiciel est régi par la licence CeCILL soumise au droit français."
    assert decode_text(text.encode("cp1252")) == text
    assert decode_text(text.encode("latin-1")) == text
