"""publiccode.yml validation as the reference validator does it: keys, lines, columns, warnings,
the files the publiccode.yml names, and each disagreement an audit found with the old schema."""

from __future__ import annotations

import time

import pytest

from scanner.parsing import load_yaml
from scanner.publiccode.schema import load_schema, validator
from scanner.publiccode.validate import Report, validate

LONG = "x" * 160
VALID = f"""\
publiccodeYmlVersion: "0.7"
name: Service
url: https://github.com/o/r
platforms: [web]
developmentStatus: stable
softwareType: standalone/web
description:
  fr:
    shortDescription: Court.
    longDescription: {LONG}
    features: [Une]
legal:
  license: MIT
maintenance:
  type: internal
  contacts:
    - name: Camille
localisation:
  localisationReady: false
  availableLanguages: [fr]
"""
FILES: dict[str, int | None] = {"publiccode.yml": 600, "logo.png": 2048, "docs/logo.svg": 300,
                                "empty.png": 0, "AUTHORS": 10, "shot.jpg": 99}


def _report(text: str, files: dict[str, int | None] | None = FILES) -> Report:
    return validate(load_yaml(text, path="publiccode.yml", locate=True), files)


def _errors(text: str, files: dict[str, int | None] | None = FILES) -> list[tuple[str, str]]:
    return [(e.key, e.message) for e in _report(text, files).errors]


def _keys(text: str, files: dict[str, int | None] | None = FILES) -> list[str]:
    return [e.key for e in _report(text, files).errors]


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    assert load_schema()["$schema"].endswith("2020-12/schema")
    validator()  # check_schema runs inside


def test_minimal_valid_file_has_no_error_nor_warning() -> None:
    report = _report(VALID)
    assert report.errors == [] and report.warnings == []
    assert report.not_checked == ["url-reachable", "url-is-code-repository"]


@pytest.mark.parametrize("version", ['"0"', '"0.7.0"'])
def test_latest_versions_give_no_warning(version: str) -> None:
    report = _report(VALID.replace('"0.7"', version))
    assert report.errors == [] and report.warnings == []


@pytest.mark.parametrize("version", ['"0.2"', '"0.2.2"', '"0.3"', '"0.4.0"', '"0.5"'])
def test_older_versions_are_checked_as_the_latest_with_a_warning(version: str) -> None:
    report = _report(VALID.replace('"0.7"', version))
    assert report.errors == []
    assert [(w.key, w.line, w.column) for w in report.warnings] == [
        ("publiccodeYmlVersion", 1, 1)]
    assert "not the latest version" in report.warnings[0].message
    assert "dernière version" in report.warnings[0].message_fr


@pytest.mark.parametrize("version", ['"0.6"', '"1"', '"0.1"', '"0.8"', '""'])
def test_unsupported_versions_stop_validation(version: str) -> None:
    report = _report(VALID.replace('"0.7"', version).replace("name: Service\n", ""))
    assert [e.key for e in report.errors] == ["publiccodeYmlVersion"]
    assert "not a supported version" in report.errors[0].message


def test_unquoted_version_is_not_text_and_stops_validation() -> None:
    errors = _errors(VALID.replace('"0.7"', "0.7").replace("name: Service\n", ""))
    assert errors == [("publiccodeYmlVersion",
                       'publiccodeYmlVersion: must be a quoted text such as "0.7", not a number')]


def test_missing_version_stops_validation() -> None:
    assert _keys(VALID.replace('publiccodeYmlVersion: "0.7"\n', "")) == ["publiccodeYmlVersion"]


def test_missing_key_points_at_the_first_key_of_its_mapping() -> None:
    report = _report(VALID.replace("developmentStatus: stable\n", "").replace(
        "  license: MIT\n", "  mainCopyrightOwner: DINUM\n"))
    located = {(e.key, e.line, e.column) for e in report.errors}
    assert located == {("developmentStatus", 1, 1), ("legal.license", 12, 3)}
    assert "developmentStatus: missing (required)" in [e.message for e in report.errors]
    assert "developmentStatus : absent (obligatoire)" in [e.message_fr for e in report.errors]


def test_absent_sections_report_their_own_required_keys() -> None:
    text = VALID.split("legal:")[0]
    assert set(_keys(text)) == {"legal.license", "maintenance.type",
                                "localisation.localisationReady",
                                "localisation.availableLanguages"}


def test_a_key_with_no_value_is_missing_where_it_is_written() -> None:
    report = _report(VALID.replace("name: Service", "name:"))
    assert [(e.key, e.line) for e in report.errors] == [("name", 2)]


def test_enum_and_unknown_keys_with_line_and_column() -> None:
    text = VALID.replace("softwareType: standalone/web", "softwareType: webapp") + (
        "awesome: 1\nlegalese: {}\n")
    report = _report(text)
    found = {(e.key, e.line, e.column) for e in report.errors}
    assert found == {("softwareType", 6, 1), ("awesome", 21, 1), ("legalese", 22, 1)}
    assert any("'webapp' is not one of" in e.message for e in report.errors)
    assert any("clé inconnue" in e.message_fr for e in report.errors)


def test_every_language_needs_long_description_and_features() -> None:
    text = VALID.replace("    features: [Une]\n", "    features: [Une]\n  en:\n"
                                                   "    shortDescription: Short.\n")
    assert set(_keys(text)) == {"description.en.longDescription", "description.en.features"}


def test_empty_features_are_refused() -> None:
    assert _keys(VALID.replace("features: [Une]", "features: []")) == [
        "description.fr.features"]


def test_lengths_count_what_a_reader_sees() -> None:
    short = VALID.replace(LONG, "trop court")
    assert _errors(short) == [("description.fr.longDescription",
                               "description.fr.longDescription: 10 characters, 150 at least")]
    accents = "e\u0301" * 150  # 150 characters written with 300 code points
    assert _errors(VALID.replace(LONG, accents)) == []
    assert _keys(VALID.replace("Court.", "y" * 151)) == ["description.fr.shortDescription"]


def test_maintenance_conditions() -> None:
    contract = VALID.replace("type: internal", "type: contract")
    assert _keys(contract.replace("  contacts:\n    - name: Camille\n", "")) == [
        "maintenance.contractors"]
    with_contractors = VALID.replace(
        "  contacts:\n", "  contractors:\n    - name: ACME\n  contacts:\n")
    errors = _errors(with_contractors)
    # One error for contractors that must not be there, not one more for their missing 'until'.
    assert errors == [("maintenance.contractors", "maintenance.contractors: only allowed when "
                       "maintenance.type is 'contract' (it is 'internal')")]
    contract_ok = contract.replace(
        "  contacts:\n    - name: Camille\n",
        "  contractors:\n    - name: ACME\n      until: 2027-01-01\n")
    assert _errors(contract_ok) == []
    community = VALID.replace("type: internal", "type: community").replace(
        "  contacts:\n    - name: Camille\n", "")
    assert _keys(community) == ["maintenance.contacts"]
    none_with_contacts = VALID.replace("type: internal", "type: none")
    assert _errors(none_with_contacts) == []


def test_not_a_mapping() -> None:
    assert _errors("") == [("", "publiccode.yml: must be a mapping of keys, but it is empty")]
    assert _errors("- a\n")[0][1] == "publiccode.yml: must be a mapping of keys, but it is a list"


# Valid files the old schema refused (the reference accepts them).

def test_upper_case_countries_are_valid_and_lower_case_ones_warn() -> None:
    upper = VALID + "intendedAudience:\n  countries: [FR, DE]\n  unsupportedCountries: [US]\n"
    assert _report(upper).errors == [] and _report(upper).warnings == []
    lower = VALID + "intendedAudience:\n  countries: [fr]\n"
    report = _report(lower)
    assert report.errors == []
    assert [(w.key, w.line, w.column) for w in report.warnings] == [
        ("intendedAudience.countries[0]", 22, 15)]
    assert "'FR'" in report.warnings[0].message
    mixed = VALID + "intendedAudience:\n  countries: [Fr, XX]\n"
    assert _keys(mixed) == ["intendedAudience.countries[0]", "intendedAudience.countries[1]"]


def test_the_italian_section_is_accepted_and_others_are_not() -> None:
    italian = VALID + ("IT:\n  countryExtensionVersion: \"1.0\"\n  conforme:\n    gdpr: true\n"
                       "  riuso:\n    codiceIPA: pcm\n  piattaforme:\n    spid: true\n")
    report = _report(italian)
    assert report.errors == []
    assert {w.key for w in report.warnings} == {"IT.conforme", "IT.riuso.codiceIPA"}
    lower = _report(VALID + "it:\n  piattaforme:\n    spid: true\n")
    assert lower.errors == [] and [w.key for w in lower.warnings] == ["it"]
    both = VALID + "IT:\n  piattaforme:\n    spid: true\nit:\n  piattaforme:\n    spid: true\n"
    assert _keys(both) == ["it"]
    assert _keys(VALID + "FR:\n  riuso: {}\n") == ["FR"]
    assert _keys(VALID + "IT:\n  riuso:\n    codiceIPA: no_such_code\n") == [
        "IT.riuso.codiceIPA"]
    assert _keys(VALID + "IT:\n  countryExtensionVersion: \"2.0\"\n") == [
        "IT.countryExtensionVersion"]


@pytest.mark.parametrize("category", ["regulations-and-directives", "integrated-library-system",
                                      "other"])
def test_categories_of_the_current_list_are_valid(category: str) -> None:
    assert _errors(VALID + f"categories: [{category}]\n") == []


def test_unknown_category_is_refused() -> None:
    assert _keys(VALID + "categories: [cloud-management, metaverse]\n") == ["categories[1]"]


def test_funded_by_needs_a_uri_not_a_name() -> None:
    assert _errors(VALID + "fundedBy:\n  - uri: https://www.numerique.gouv.fr\n") == []
    assert _keys(VALID + "fundedBy:\n  - name: DINUM\n") == ["fundedBy[0].uri"]


def test_numbers_are_read_as_text_in_text_fields() -> None:
    text = VALID.replace("    - name: Camille\n", "    - name: Camille\n      phone: +33123456789\n"
                         ) + "softwareVersion: 1.10\n"
    assert _errors(text) == []
    # ... as written: 0123… keeps its leading zero when its length is counted.
    generic = VALID.replace("    shortDescription: Court.\n", "    shortDescription: Court.\n"
                            "    genericName: 012345678901234567890123456789012345\n")
    assert _keys(generic) == ["description.fr.genericName"]


# Invalid files the old schema accepted (the reference refuses them).

@pytest.mark.parametrize(("logo", "words"), [
    ("missing.png", "not a file of the repository"),
    ("../logo.png", "not a file of the repository"),
    ("logo.gif", "extension '.gif'"),
    ("/srv/logo.png", "absolute path"),
    ("file:///srv/logo.png", "file: URL"),
    ("file:logo.png", "file: URL"),
    ("empty.png", "empty file"),
])
def test_bad_logos(logo: str, words: str) -> None:
    errors = _errors(VALID + f"logo: {logo}\n")
    assert [k for k, _ in errors] == ["logo"] and words in errors[0][1], errors


@pytest.mark.parametrize("logo", ["logo.png", "docs/logo.svg", "./docs/../logo.png",
                                  "https://example.org/no/such/logo.png"])
def test_good_or_unfetched_logos(logo: str) -> None:
    assert _errors(VALID + f"logo: {logo}\n") == []


def test_a_url_logo_is_not_fetched_and_facts_say_so() -> None:
    report = _report(VALID + "logo: https://example.org/logo.png\n")
    assert "remote-files" in report.not_checked
    assert "image-content" in report.not_checked


def test_without_a_listing_paths_are_not_looked_up() -> None:
    report = _report(VALID + "logo: missing.png\n", files=None)
    assert report.errors == [] and "repository-files" in report.not_checked


def test_screenshots_and_authors_file() -> None:
    text = VALID.replace("    features: [Une]\n", "    features: [Une]\n    screenshots: "
                         "[shot.jpg, shot.gif, nope.png, https://x.org/a.png]\n")
    assert _keys(text) == ["description.fr.screenshots[1]", "description.fr.screenshots[2]"]
    authors = _report(VALID.replace("  license: MIT\n",
                                    "  license: MIT\n  authorsFile: AUTHORS\n"))
    assert authors.errors == [] and [w.key for w in authors.warnings] == ["legal.authorsFile"]
    assert _keys(VALID.replace("  license: MIT\n", "  license: MIT\n  authorsFile: NOPE\n")) == [
        "legal.authorsFile"]


@pytest.mark.parametrize("uri", ["foobar", "http://", "urn:foobar", "urn:x-italian-pa:nope"])
def test_malformed_organisation_and_funder_uris(uri: str) -> None:
    assert _keys(VALID + f"organisation:\n  uri: \"{uri}\"\n") == ["organisation.uri"]
    assert _keys(VALID + f"fundedBy:\n  - uri: \"{uri}\"\n") == ["fundedBy[0].uri"]


@pytest.mark.parametrize("uri", ["https://www.numerique.gouv.fr", "urn:x-italian-pa:pcm",
                                 "urn:foobar:baz"])
def test_good_organisation_uris(uri: str) -> None:
    assert _errors(VALID + f"organisation:\n  uri: \"{uri}\"\n") == []


def test_mime_types_are_checked_and_warned_about() -> None:
    report = _report(VALID + "inputTypes: [text/csv, csv]\noutputTypes: [application/json]\n")
    assert [e.key for e in report.errors] == ["inputTypes[1]"]
    assert [w.key for w in report.warnings] == ["inputTypes", "outputTypes"]


def test_unknown_scope_is_refused() -> None:
    assert _errors(VALID + "intendedAudience:\n  scope: [government, education]\n") == []
    assert _keys(VALID + "intendedAudience:\n  scope: [governance]\n") == [
        "intendedAudience.scope[0]"]


@pytest.mark.parametrize("language", ["xxx", "en_GB", "fr-FRANCE1"])
def test_description_keys_must_be_bcp47(language: str) -> None:
    text = VALID.replace("  fr:\n", f"  {language}:\n")
    assert _keys(text) == ["description"]
    assert _errors(VALID.replace("  fr:\n", "  fr-CA:\n")) == []


def test_available_languages_must_be_bcp47() -> None:
    assert _keys(VALID.replace("availableLanguages: [fr]", "availableLanguages: [fr, hr_HR]")) \
        == ["localisation.availableLanguages[1]"]


@pytest.mark.parametrize(("based_on", "keys"), [
    ("foobar", ["isBasedOn[0]"]),
    ("[https://github.com/a/b, not a url]", ["isBasedOn[1]"]),
    ("https://github.com/a/b", []),
])
def test_is_based_on_urls(based_on: str, keys: list[str]) -> None:
    assert _keys(VALID + f"isBasedOn: {based_on}\n") == keys


def test_supports_aliases_and_uris() -> None:
    good = VALID + "supports:\n  - id: alias:gdpr\n  - id: https://eur-lex.europa.eu/eli/reg/2016/679\n"
    assert _errors(good) == []
    bad = VALID + "supports:\n  - id: alias:france\n  - id: not a uri\n"
    errors = _errors(bad)
    assert [k for k, _ in errors] == ["supports[0].id", "supports[1].id"]
    assert "not a known alias" in errors[0][1]


def test_links_dates_emails_and_videos() -> None:
    text = VALID.replace("    features: [Une]\n", "    features: [Une]\n    documentation: docs\n"
                         "    videos: [https://www.youtube.com/watch?v=x, https://example.org/v]\n"
                         ).replace("    - name: Camille\n", "    - name: Camille\n      email: x\n")
    text += "releaseDate: 2024-02-30\nlandingURL: ftp://example.org\nroadmap: https://x.org/r\n"
    assert set(_keys(text)) == {"description.fr.documentation", "description.fr.videos[1]",
                                "maintenance.contacts[0].email", "releaseDate", "landingURL"}


def test_platforms_and_used_by_must_be_lists() -> None:
    assert _keys(VALID.replace("platforms: [web]", "platforms: web")) == ["platforms"]
    assert _keys(VALID + "usedBy: DINUM\n") == ["usedBy"]
    assert _keys(VALID.replace("platforms: [web]\n", "")) == ["platforms"]


def test_every_message_is_bilingual_and_names_its_key() -> None:
    text = VALID.replace("platforms: [web]", "platforms: web") + (
        "logo: x.gif\nreleaseDate: demain\ncategories: [nope]\nfoo: 1\n")
    report = _report(text)
    assert len(report.errors) == 5
    for error in report.errors:
        assert error.message.startswith(f"{error.key}: ")
        assert error.message_fr.startswith(f"{error.key} : ")
        assert error.message != error.message_fr


def test_hostile_values_are_checked_quickly_and_quoted_short() -> None:
    huge = "http://www.23hq.com/" + "a/photo/" * 100_000
    text = VALID.replace("    features: [Une]\n", f"    features: [Une]\n    videos: [{huge}x]\n"
                         ).replace("    - name: Camille\n", "    - name: Camille\n      email: "
                                   + "a." * 50_000 + "@b\n") + "logo: " + "../" * 50_000 + "l.png\n"
    text = text.replace("  fr:\n", "  " + "abcde-" * 160 + "x:\n")  # YAML keys stop at 1024
    started = time.monotonic()
    report = _report(text)
    assert time.monotonic() - started < 5  # a hang guard, not a speed target
    assert {e.key for e in report.errors} >= {"description", "logo"}
    assert all(len(e.message) < 400 for e in report.errors)


def test_an_absent_required_list_or_section_is_missing_not_empty() -> None:
    # datagouv/decoupage-administratif publiccode.yml (code.gouv.fr-style v0.2) has no
    # platforms key at all: the reference reads it as an empty list, the message says "missing".
    errors = dict(_errors(VALID.replace("platforms: [web]\n", "")))
    assert errors == {"platforms": "platforms: missing (required)"}
    fr = [e.message_fr for e in _report(VALID.replace("platforms: [web]\n", "")).errors]
    assert fr == ["platforms : absent (obligatoire)"]
    no_features = VALID.replace("    features: [Une]\n", "")
    assert _errors(no_features) == [("description.fr.features",
                                     "description.fr.features: missing (required)")]
    no_description = VALID.split("description:")[0] + "legal:" + VALID.split("legal:")[1]
    assert _errors(no_description) == [("description", "description: missing (required)")]


def test_an_empty_list_or_a_bare_key_is_empty_not_missing() -> None:
    # Negative: a list written empty still "must list at least one item"; a key written with no
    # value is "empty", not "missing" (the reference reads both as absent).
    assert _errors(VALID.replace("platforms: [web]", "platforms: []")) == [
        ("platforms", "platforms: must list at least one item")]
    assert _errors(VALID.replace("platforms: [web]", "platforms:")) == [
        ("platforms", "platforms: empty (a value is required)")]
    assert _errors(VALID.replace("description:\n", "description: {}\n", 1).replace(
        "  fr:\n    shortDescription: Court.\n    longDescription: " + LONG
        + "\n    features: [Une]\n", "")) == [
        ("description", "description: must describe the software in at least one language "
                        "(e.g. 'fr')")]
    bare = _report(VALID.replace("developmentStatus: stable", "developmentStatus:"))
    assert [(e.key, e.message, e.message_fr, e.line) for e in bare.errors] == [
        ("developmentStatus", "developmentStatus: empty (a value is required)",
         "developmentStatus : vide (une valeur est obligatoire)", 5)]
    assert _errors(VALID.replace("  contacts:\n    - name: Camille\n", "  contacts:\n")) == [
        ("maintenance.contacts", "maintenance.contacts: empty, required when maintenance.type "
                                 "is 'internal'")]
    assert _errors(VALID.replace("  contacts:\n    - name: Camille\n", "")) == [
        ("maintenance.contacts", "maintenance.contacts: missing, required when maintenance.type "
                                 "is 'internal'")]
