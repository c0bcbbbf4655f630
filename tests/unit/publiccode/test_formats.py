"""Value formats judged as the reference validator judges them. The organisation URI table is the
reference's own (validators/common_test.go, TestIsOrganisationURI), taken as data."""

from __future__ import annotations

import pytest

from scanner.publiccode import formats, lists


@pytest.mark.parametrize(("value", "expected"), [
    ("", False), ("1", False), ("http", False), ("http:", False), ("http://", False),
    ("http://foobar.example", True), ("urn", False), ("urn:", False), ("urn:foobar", False),
    ("urn:foobar:baz", True), ("urn:x-italian-pa:no_such_ipa_code", False),
    ("urn:x-italian-pa:pcm", True), ("urn:X-Italian-PA:pcm", True),
])
def test_organisation_uri_as_the_reference_tests_it(value: str, expected: bool) -> None:
    assert formats.is_organisation_uri(value) is expected


@pytest.mark.parametrize(("value", "url", "http"), [
    ("https://github.com/italia/developers.italia.it.git", True, True),
    ("http://example.org:8080/a?b#c", True, True),
    ("foobar", False, False),
    ("???", False, False),
    ("mailto:someone@example.org", True, False),
    ("ftp://example.org/x", True, False),
    ("https://exa mple.org", False, False),
    ("https://example.org:port/", False, False),
    ("https://example.org/%zz", False, False),
    ("file:///", False, False),
    ("file:///srv/x", True, False),
    ("https://example.org/\x00", False, False),
])
def test_urls(value: str, url: bool, http: bool) -> None:
    assert formats.is_url(value) is url
    assert formats.is_http_url(value) is http


@pytest.mark.parametrize(("value", "expected"), [
    ("fr", True), ("en-GB", True), ("EN-gb", True), ("zh-Hant-TW", True), ("sr-Latn", True),
    ("de-CH-1996", True), ("es-419", True), ("i-klingon", True), ("x-private", True),
    ("en_GB", False), ("xxx", False), ("eng", False), ("no such language", False),
    ("fr-FRANCE1", False), ("en-Xyzw", False), ("de-999", False), ("", False),
])
def test_bcp47_strict_tags(value: str, expected: bool) -> None:
    assert formats.is_bcp47(value) is expected


@pytest.mark.parametrize(("value", "expected"), [
    ("camille@beta.gouv.fr", True), ("a.b+c@sub.example.org", True), ("x", False),
    ("a@b", False), ("a@@b.fr", False), ("a b@c.fr", False),
])
def test_emails(value: str, expected: bool) -> None:
    assert formats.is_email(value) is expected


@pytest.mark.parametrize(("value", "expected"), [
    ("2024-02-29", True), ("2023-02-29", False), ("2024-13-01", False), ("2024-1-01", False),
    ("2024-01-01T00:00:00Z", False), ("", False), ("١٢٣٤-٠١-٠١", False),
])
def test_dates(value: str, expected: bool) -> None:
    assert formats.is_date(value) is expected


@pytest.mark.parametrize(("value", "expected"), [
    ("FR", True), ("fr", True), ("Fr", False), ("XX", False), ("FRA", False),
])
def test_countries(value: str, expected: bool) -> None:
    assert formats.is_country(value) is expected


@pytest.mark.parametrize(("value", "expected"), [
    ("alias:gdpr", True), ("alias:GDPR", False), ("alias:france", False),
    ("https://eur-lex.europa.eu/eli/reg/2016/679", True), ("urn:eli:reg:2016:679", True),
    ("urn:x", False), ("gdpr", False), ("https://", False),
])
def test_supports_ids(value: str, expected: bool) -> None:
    assert formats.is_supports_id(value) is expected


def test_mime_types_oembed_and_paths() -> None:
    assert formats.is_mime_type("text/csv") and formats.is_mime_type("application/vnd.x+json")
    assert not formats.is_mime_type("csv") and not formats.is_mime_type("text/")
    assert formats.is_oembed_url("https://www.youtube.com/watch?v=RaHmGbBOP84")
    assert not formats.is_oembed_url("https://google.com")
    assert formats.file_extension("img/Logo.PNG") == ".png"
    assert formats.file_extension("img.d/logo") == ""
    assert formats.repository_path("./a/../b.png") == "b.png"
    assert formats.repository_path("../b.png") is None
    assert formats.is_absolute_uri("https://x.org/l.png") and not formats.is_absolute_uri("l.png")


def test_grapheme_clusters() -> None:
    assert formats.grapheme_count("abc") == 3
    assert formats.grapheme_count("e\u0301") == 1  # e + combining acute
    assert formats.grapheme_count("\U0001f466" * 10) == 10
    assert formats.grapheme_count("\U0001f1eb\U0001f1f7") == 1  # a flag
    assert formats.grapheme_count("\U0001f468\u200d\U0001f469\u200d\U0001f467") == 1
    assert formats.grapheme_count("\U0001f44d\U0001f3fd") == 1  # skin tone modifier
    assert formats.grapheme_count("a\r\nb") == 3


def test_lists_are_loaded_from_the_copied_data() -> None:
    assert lists.versions()[0] == "0" and lists.versions()[-1] == "0.7"
    assert "regulations-and-directives" in lists.categories()
    assert "government" in lists.scopes() and "gdpr" in lists.supports_aliases()
    assert len(lists.countries()) == 250 and "pcm" in lists.ipa_codes()
