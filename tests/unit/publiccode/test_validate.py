"""The vendored v0.7 schema and the error messages with lines."""

from __future__ import annotations

import pytest

from scanner.parsing import load_yaml
from scanner.publiccode.schema import load_schema, validator
from scanner.publiccode.validate import validate

LONG = "x" * 160
VALID = f"""\
publiccodeYmlVersion: "0.7"
name: Service
url: https://github.com/o/r
platforms: web
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


def _errors(text: str) -> list[tuple[str, int | None, str]]:
    return [(e.pointer, e.line, e.message) for e in
            validate(load_yaml(text, path="publiccode.yml", locate=True))]


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    assert load_schema()["$schema"].endswith("2020-12/schema")
    validator()  # check_schema runs inside


def test_minimal_valid_file() -> None:
    assert _errors(VALID) == []


@pytest.mark.parametrize("version", ['"0"', '"0.5"', '"0.7.0"'])
def test_accepted_versions(version: str) -> None:
    assert _errors(VALID.replace('"0.7"', version)) == []


def test_unquoted_version_is_reported_as_not_a_string() -> None:
    errors = _errors(VALID.replace('"0.7"', "0.7"))
    assert errors == [("/publiccodeYmlVersion", 1,
                       "publiccodeYmlVersion: must be a string, not number")]


def test_missing_keys_point_at_their_parent() -> None:
    text = VALID.replace("developmentStatus: stable\n", "")
    assert _errors(text) == [("", 1, "publiccode.yml: missing required key 'developmentStatus'")]


def test_enum_and_unknown_key_each_on_its_line() -> None:
    text = VALID.replace("softwareType: standalone/web", "softwareType: webapp") + "awesome: 1\n"
    errors = _errors(text)
    assert errors[0][:2] == ("/softwareType", 6) and "'webapp' is not one of" in errors[0][2]
    assert ("/awesome", 21, "awesome: unknown key (not in publiccode.yml v0.7)") in errors


def test_description_lengths_and_at_least_one_language_with_features() -> None:
    text = VALID.replace(LONG, "trop court").replace("    features: [Une]\n", "")
    errors = _errors(text)
    messages = [m for _, _, m in errors]
    assert "description/fr/longDescription: 10 characters, at least 150 required" in messages
    assert "description: at least one language must give 'features'" in messages


def test_contractors_if_and_only_if_contract() -> None:
    contract = VALID.replace("type: internal", "type: contract")
    assert ("/maintenance", 14, "maintenance: missing required key 'contractors'") in (
        _errors(contract.replace("  contacts:\n    - name: Camille\n", "")))
    internal_with_contractors = VALID.replace(
        "  contacts:\n", "  contractors:\n    - name: ACME\n      until: 2027-01-01\n  contacts:\n")
    messages = [m for _, _, m in _errors(internal_with_contractors)]
    assert ("maintenance: 'contractors' is only allowed when maintenance type is 'contract'"
            in messages)
    contract_ok = contract.replace(
        "  contacts:\n    - name: Camille\n",
        "  contractors:\n    - name: ACME\n      until: \"2027-01-01\"\n")
    assert _errors(contract_ok) == []


def test_contacts_required_for_community_maintenance() -> None:
    text = VALID.replace("type: internal", "type: community").replace(
        "  contacts:\n    - name: Camille\n", "")
    assert ("/maintenance", 14, "maintenance: missing required key 'contacts'") in _errors(text)


def test_not_a_mapping() -> None:
    assert _errors("") == [("", 1, "publiccode.yml must be a mapping of keys, but it is empty")]
    assert _errors("- a\n")[0][2] == "publiccode.yml must be a mapping of keys, but it is a list"


def test_country_sections_and_v05_keys_are_accepted() -> None:
    text = VALID + ("it:\n  conforme:\n    gdpr: true\norganisation:\n  uri: https://x.gouv.fr\n"
                    "fundedBy:\n  - name: DINUM\nsupports:\n  - id: alias:france\n")
    assert _errors(text) == []
