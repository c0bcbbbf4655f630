"""The publiccode collector on hostile and ordinary files (conventions §9 A, cases 1-12)."""

from __future__ import annotations

import typing as t

import pytest

from scanner import schemas
from scanner.collectors.publiccode import PubliccodeCollector
from scanner.facts import build_facts
from scanner.snapshot import RepoInfo, Snapshot
from scanner.sources.memory import snapshot_from_files
from tests.support import COMPLIANT

BOMB = b"".join(
    f"{a}: &{a} [{', '.join([f'*{p}'] * 9) if p else ', '.join(['lol'] * 9)}]\n".encode()
    for p, a in zip(["", "a", "b", "c", "d", "e", "f"], "abcdefg", strict=True))


def _collect(data: bytes, name: str = "publiccode.yml") -> dict[str, t.Any]:
    return PubliccodeCollector().collect(snapshot_from_files({name: data}), {})


@pytest.mark.parametrize(("data", "line", "words"), [
    (BOMB, 7, "alias"),                                         # 1 billion laughs
    (b"a: &x [1, *x]\n", 1, "recursive alias"),                 # 2
    (b"a: " + b"[" * 1000 + b"]" * 1000, 1, "nesting"),         # 3 (pure-loader depth)
    (b"[" * 50000 + b"]" * 50000, 1, "nesting"),                # 3 (C-loader crash depth)
    (b"name: !!python/object/apply:os.system ['echo x']\n", 1, "unsupported tag"),  # 4
    (b"name: a\nname: b\n", 2, "duplicate key 'name'"),          # 5
    (b"name: a\n---\nname: b\n", 2, "single YAML document"),     # 8
    (b"name: a\x00\n", 1, "control characters"),                 # 10 NUL
    (b"name: \xff\n", 1, "invalid UTF-8"),                       # 10 bad UTF-8
    (b"name: a\nurl: b\nbad: x: y\n", 3, "mapping values"),      # 11 syntax error on line 3
])
def test_hostile_files_become_problems_with_lines(data: bytes, line: int, words: str) -> None:
    out = _collect(data)
    section = out["publiccode"]
    assert section["parsed"] is False and section["valid"] is False
    assert section["errors"][0]["line"] == line
    assert words in section["errors"][0]["message"]
    assert out["problems"][0]["path"] == "publiccode.yml"
    assert out["problems"][0]["line"] == line


def test_yaml_11_coercions_keep_their_text() -> None:  # 6 and 7
    out = _collect(b"publiccodeYmlVersion: 0.10\nname: NO\nurl: on\nreleaseDate: 2017-04-15\n"
                   b"1: a\ntrue: c\n")
    section = out["publiccode"]
    assert section["version"] == "0.10"
    assert section["name"] == "NO" and section["url"] == "on"
    assert section["release_date"] == "2017-04-15"
    # An unquoted version stops validation there, as in the reference validator.
    assert [e["pointer"] for e in section["errors"]] == ["/publiccodeYmlVersion"]
    quoted = _collect(b"publiccodeYmlVersion: '0.7'\n1: a\ntrue: c\n")["publiccode"]
    assert {"/1", "/true"} <= {e["pointer"] for e in quoted["errors"]}


@pytest.mark.parametrize("data", [b"", b"# only a comment\n", b"hello\n", b"- a\n"])
def test_empty_or_not_a_mapping(data: bytes) -> None:  # 9
    section = _collect(data)["publiccode"]
    assert section["parsed"] is True and section["valid"] is False
    assert "must be a mapping" in section["errors"][0]["message"]


def test_utf16_with_bom_is_refused_as_not_utf8() -> None:  # 10
    out = _collect("publiccodeYmlVersion: '0.7'\nname: é\n".encode("utf-16"))
    section = out["publiccode"]
    assert section["parsed"] is False and section["valid"] is False
    assert "UTF-8" in section["errors"][0]["message"] and "UTF-8" in out["problems"][0]["message"]


def test_50_mb_file_is_reported_without_being_read() -> None:  # 12
    def reader(path: str) -> bytes:
        raise AssertionError("a too-large file must not be read")

    snapshot = Snapshot(repo=RepoInfo(name="x", full_name="x"),
                        files={"publiccode.yml": 50 * 1024 * 1024}, reader=reader)
    out = PubliccodeCollector().collect(snapshot, {})
    assert out["publiccode"]["parsed"] is False
    assert "too large" in out["problems"][0]["message"]


def test_compliant_fixture_file_is_valid_with_key_fields() -> None:
    data = (COMPLIANT / "publiccode.yml").read_bytes()
    section = _collect(data)["publiccode"]
    assert section["valid"] is True, section["errors"]
    assert section["version"] == "0.7"
    assert section["legal_license"] == "MIT" and section["legal_license_valid"] is True
    assert section["software_type"] == "standalone/web"
    assert section["api_documentation"] == ["https://demo-service.beta.gouv.fr/api/docs"]
    assert section["maintenance"] == {"type": "internal", "contacts": 1, "contractors": 0}


def test_invalid_spdx_licence_makes_the_file_invalid() -> None:
    data = (COMPLIANT / "publiccode.yml").read_bytes().replace(b"license: MIT",
                                                               b"license: Licence Ouverte 2.0")
    section = _collect(data)["publiccode"]
    assert section["valid"] is False
    error = section["errors"][-1]
    line = data.decode().splitlines().index("  license: Licence Ouverte 2.0") + 1
    assert (error["pointer"], error["key"], error["line"], error["column"]) == (
        "/legal/license", "legal.license", line, 3)
    assert "SPDX" in error["message"] and "SPDX" in error["message_fr"]


def test_yaml_extension_and_other_paths() -> None:
    snapshot = snapshot_from_files({"publiccode.yaml": b"name: x\n"},
                                   listing=["docs/publiccode.yml"])
    section = PubliccodeCollector().collect(snapshot, {})["publiccode"]
    assert section["path"] == "publiccode.yaml"
    assert section["other_paths"] == ["docs/publiccode.yml"]
    assert list(PubliccodeCollector().wanted(["publiccode.yaml", "publiccode.yml"])) == [
        "publiccode.yml"]


def test_absent() -> None:
    section = PubliccodeCollector().collect(snapshot_from_files({}), {})["publiccode"]
    assert section["path"] is None and section["valid"] is None and section["errors"] == []


def test_logo_is_looked_up_in_the_repository_listing() -> None:
    data = (COMPLIANT / "publiccode.yml").read_bytes() + b"logo: docs/logo.svg\n"
    missing = PubliccodeCollector().collect(snapshot_from_files({"publiccode.yml": data}), {})
    errors = missing["publiccode"]["errors"]
    assert [(e["key"], e["path"]) for e in errors] == [("logo", "publiccode.yml")]
    present = PubliccodeCollector().collect(snapshot_from_files(
        {"publiccode.yml": data}, listing=["docs/logo.svg"]), {})["publiccode"]
    assert present["valid"] is True and present["errors"] == []
    assert "image-content" in present["not_checked"]
    truncated = snapshot_from_files({"publiccode.yml": data})
    truncated.truncated = True  # a partial listing cannot prove the logo absent
    partial = PubliccodeCollector().collect(truncated, {})["publiccode"]
    assert partial["valid"] is True and "repository-files" in partial["not_checked"]


def test_warnings_do_not_make_the_file_invalid_and_facts_follow_their_schema() -> None:
    data = (COMPLIANT / "publiccode.yml").read_bytes().replace(
        b'publiccodeYmlVersion: "0.7"', b'publiccodeYmlVersion: "0.4"') + (
        b"intendedAudience:\n  countries: [fr]\n")
    facts = build_facts(snapshot_from_files({"publiccode.yml": data}))
    section = facts["publiccode"]
    assert section["valid"] is True and section["errors"] == []
    assert [w["key"] for w in section["warnings"]] == [
        "publiccodeYmlVersion", "intendedAudience.countries[0]"]
    assert all(w["message_fr"] and w["column"] for w in section["warnings"])
    assert section["not_checked"][:2] == ["url-reachable", "url-is-code-repository"]
    assert schemas.errors("facts", facts) == []
