"""The collector end to end on in-memory snapshots: facts, problems, guard rails."""

from __future__ import annotations

import json
import socket
import time
import typing as t
from pathlib import Path

import pytest

from scanner import schemas
from scanner.collectors.api_specs import ApiSpecsCollector
from scanner.facts import build_facts
from scanner.snapshot import RepoInfo
from scanner.sources.memory import snapshot_from_files

FIXTURES = Path(__file__).parents[2] / "fixtures" / "apispecs"
COMPLIANT_SPEC = (Path(__file__).parents[2] / "fixtures" / "repos" / "compliant"
                  / "openapi.yaml").read_bytes()
COLLECTOR = ApiSpecsCollector()


def collect(files: dict[str, bytes | str], listing: list[str] | None = None,
            facts: dict[str, t.Any] | None = None, **repo: t.Any) -> dict[str, t.Any]:
    info = RepoInfo(name="demo", full_name="demo", **repo) if repo else None
    return COLLECTOR.collect(snapshot_from_files(files, listing=listing, repo=info), facts or {})


def test_facts_are_schema_valid_and_stable_fields_present() -> None:
    facts = build_facts(snapshot_from_files({
        "openapi.yaml": COMPLIANT_SPEC,
        "docs/events.yaml": (FIXTURES / "streetlights-asyncapi3.yaml").read_bytes(),
        "doc/petstore.yml": (FIXTURES / "petstore-swagger2.yaml").read_bytes()}))
    assert schemas.errors("facts", facts) == []
    found = {s["path"]: (s["kind"], s["version"], s["valid"]) for s in facts["api_specs"]}
    assert found == {"openapi.yaml": ("openapi", "3.1.0", True),
                     "docs/events.yaml": ("asyncapi", "3.0.0", True),
                     "doc/petstore.yml": ("swagger", "2.0", True)}
    json.dumps(facts, allow_nan=False)


def test_lint_and_licence_facts() -> None:
    fragment = collect({"doc/petstore.yml": (FIXTURES / "petstore-swagger2.yaml").read_bytes()})
    spec = fragment["api_specs"][0]
    assert spec["info"]["license"]["spdx"] == "Apache-2.0"
    assert spec["servers"] == ["https://petstore.example.gouv.fr/v1"]
    assert spec["lint"]["missing_info"] == []
    assert spec["lint"]["security_schemes_declared"] is True
    assert spec["operations"] == 1


def test_undocumented_description_is_summarised_for_messages() -> None:
    text = ("openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths:\n  /a:\n    get:\n"
            "      security: [{oauth: []}]\n      responses: {}\n")
    fragment = collect({"openapi.yaml": text})
    spec = fragment["api_specs"][0]
    assert spec["lint"]["missing_info"] == ["info.description", "info.contact.email",
                                            "info.license"]
    assert spec["lint"]["operations_described"] is False
    assert spec["lint"]["security_schemes_declared"] is False
    assert fragment["api"]["undocumented_specs"][0]["summary"].startswith("openapi.yaml: ")
    failed = fragment["api"]["lint_failures"][0]["failed"]
    assert {"servers", "operations_described", "security_schemes_declared"} <= set(failed)


def test_invalid_description_errors_carry_pointer_and_line() -> None:
    text = ("openapi: 3.0.3\ninfo:\n  title: T\n  version: '1'\npaths:\n  /a:\n    get:\n"
            "      responses:\n        200:\n          content: {}\n")
    fragment = collect({"openapi.yaml": text})
    spec = fragment["api_specs"][0]
    assert spec["valid"] is False
    assert spec["errors"][0]["pointer"] == "/paths/~1a/get/responses/200"
    assert spec["errors"][0]["line"] == 9
    assert fragment["api"]["invalid_specs"][0]["path"] == "openapi.yaml"


def test_json_error_lines_are_located_only_when_needed() -> None:
    document = {"openapi": "3.0.3", "info": {"title": "T", "version": "1"},
                "paths": {"/a": {"get": {"responses": {"200": {"content": {}}}}}}}
    spec = collect({"openapi.json": json.dumps(document, indent=2)})["api_specs"][0]
    assert spec["errors"][0]["line"] == 11


def test_lookalikes_are_not_descriptions() -> None:
    fragment = collect({
        # a Jest snapshot: "openapi:" at column 0 inside a template string
        "api.v1.spec.yaml": "// Jest Snapshot v1\n\nexports[`x`] = `\nopenapi: 3.0.3\n`;\n",
        # an operation fragment: no top-level key
        "api/v1/operations/a.get.spec.yaml": "summary: x\nresponses:\n  200: {description: ok}\n",
        # the key nested, not at the top level
        "docs/config.json": json.dumps({"tooling": {"openapi": "3.0.0"}}),
        "docs/api.md": "openapi: 3.0.0\n",
    })
    assert fragment["api_specs"] == []


def test_byte_identical_copies_are_marked() -> None:
    fragment = collect({"config/api-openapi.yml": COMPLIANT_SPEC,
                        "config/api-openapi-v2.yml": COMPLIANT_SPEC})
    same = {s["path"]: s["same_as"] for s in fragment["api_specs"]}
    assert same == {"config/api-openapi-v2.yml": None,
                    "config/api-openapi.yml": "config/api-openapi-v2.yml"}


def test_alias_bomb_is_a_clear_finding_in_well_under_a_second() -> None:
    lines = ["openapi: 3.0.0", "a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        previous, current = chr(96 + i), chr(97 + i)
        lines.append(f"{current}: &{current} [" + ", ".join([f"*{previous}"] * 10) + "]")
    start = time.perf_counter()
    fragment = collect({"openapi.yaml": "\n".join(lines) + "\n"})
    assert time.perf_counter() - start < 5.0  # a hang guard, not a speed target (bench/)
    assert fragment["api_specs"][0]["valid"] is False
    assert "alias bomb" in fragment["problems"][0]["message"]


def test_50_mb_description_is_reported_not_read() -> None:
    big = b"openapi: 3.0.0\n" + b"#" * (50 * 1024 * 1024)
    start = time.perf_counter()
    fragment = collect({"openapi.yaml": big})
    assert time.perf_counter() - start < 5.0  # a hang guard, not a speed target (bench/)
    spec = fragment["api_specs"][0]
    assert spec["valid"] is None and "too large" in spec["skipped"]
    assert fragment["api"]["unvalidated_specs"][0]["path"] == "openapi.yaml"
    assert "too large" in fragment["problems"][0]["message"]


def test_unparseable_description_is_invalid_with_the_parser_line() -> None:
    fragment = collect({"swagger.yaml": "swagger: '2.0'\ninfo: {title: a\npaths: {}\n"})
    spec = fragment["api_specs"][0]
    assert (spec["kind"], spec["valid"]) == ("swagger", False)
    assert spec["errors"][0]["line"] is not None
    assert fragment["problems"][0]["path"] == "swagger.yaml"


def test_remote_reference_triggers_no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: t.Any, **kwargs: t.Any) -> t.NoReturn:
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    document = {"openapi": "3.0.3", "info": {"title": "T", "version": "1"}, "paths": {
        "/a": {"get": {"responses": {"200": {"$ref": "https://169.254.169.254/x#/r"}}}}}}
    spec = collect({"openapi.json": json.dumps(document)})["api_specs"][0]
    assert spec["refs"]["not_followed"][0]["ref"] == "https://169.254.169.254/x#/r"


def test_generated_description_and_exposure_evidence() -> None:
    fragment = collect({"pyproject.toml": '[project]\nname = "svc"\ndependencies = ['
                                          '"fastapi>=0.110", "uvicorn"]\n'})
    api = fragment["api"]
    assert api["exposes"] is True and api["confidence"] == "high"
    assert [f["name"] for f in api["generated"]] == ["FastAPI"]
    assert "FastAPI (pyproject.toml)" in api["summary"]


def test_library_is_not_an_api_despite_weak_evidence() -> None:
    fragment = collect({"package.json": json.dumps({"dependencies": {"express": "^4"}})},
                       facts={"publiccode": {"software_type": "library"}})
    assert fragment["api"]["exposes"] is False


def test_weak_evidence_only_gives_low_confidence() -> None:
    fragment = collect({}, listing=["src/api/routes.ts", "README.md"])
    assert (fragment["api"]["exposes"], fragment["api"]["confidence"]) == (True, "low")


def test_no_evidence_leaves_exposure_unknown() -> None:
    fragment = collect({"README.md": "# A tool\n"})
    assert fragment["api"]["exposes"] is None
    assert fragment["api"]["summary"].startswith("none of")


def test_topics_and_publiccode_file_are_evidence() -> None:
    publiccode = ("publiccodeYmlVersion: '0.4'\nsoftwareType: standalone/backend\n"
                  "description:\n  fr:\n    apiDocumentation: https://x.gouv.fr/api/docs\n")
    fragment = collect({"publiccode.yml": publiccode}, topics=("api",))
    api = fragment["api"]
    kinds = {(e["kind"], e["strength"]) for e in api["evidence"]}
    assert ("topic", "strong") in kinds and ("publiccode", "strong") in kinds
    assert api["references"][0]["url"] == "https://x.gouv.fr/api/docs"


def test_wanted_is_decided_from_the_listing() -> None:
    listing = ["openapi.yaml", "doc/aoc.yml", "src/index.ts", "package.json", "README.md",
               "node_modules/x/openapi.yaml", "publiccode.yml"]
    wanted = list(COLLECTOR.wanted(listing))
    # src/index.ts: a Node server entry file, read for routes served under /api.
    assert wanted == ["openapi.yaml", "doc/aoc.yml", "package.json", "src/index.ts",
                      "README.md", "publiccode.yml"]
    assert "doc/aoc.yml" not in COLLECTOR.wanted(listing, sizes={"doc/aoc.yml": 9_000_000})


def test_lone_surrogates_and_huge_numbers_do_not_break_facts() -> None:
    text = ('{"openapi": "3.0.3", "info": {"title": "API \\ud800", "version": "1"}, '
            '"paths": {"/a\\udfff": {"get": {"responses": {"200": {"description": 1}}}}}, '
            '"x-big": 1e400}')
    fragment = collect({"openapi.json": text})
    spec = fragment["api_specs"][0]
    assert spec["info"]["title"] == "API \\ud800"
    assert spec["valid"] is False
    json.dumps(fragment, allow_nan=False).encode("utf-8")


def test_asyncapi_operations_are_linted() -> None:
    text = ("asyncapi: 2.6.0\ninfo: {title: T, version: '1'}\nchannels:\n"
            "  a:\n    publish: {operationId: send, message: {payload: {type: string}}}\n"
            "  b:\n    subscribe: {operationId: send, summary: Receive, "
            "message: {payload: {type: string}}}\n")
    spec = collect({"asyncapi.yaml": text})["api_specs"][0]
    assert spec["operations"] == 2
    assert spec["lint"]["operation_ids_unique"] is False
    assert spec["lint"]["operations_described"] is False
    assert spec["lint"]["responses_documented"] is True
    streetlights = collect({"asyncapi.yaml": (FIXTURES / "streetlights-asyncapi3.yaml")
                            .read_bytes()})["api_specs"][0]
    assert streetlights["operations"] == 1 and streetlights["servers"] == [
        "mqtt.example.gouv.fr:1883"]


def test_own_size_cap_applies_when_the_source_allows_more() -> None:
    snapshot = snapshot_from_files({"openapi.yaml": b"openapi: 3.0.0\n" + b"#" * (11 * 2**20)})
    snapshot.max_file_bytes = 100 * 2**20
    start = time.perf_counter()
    fragment = COLLECTOR.collect(snapshot, {})
    assert time.perf_counter() - start < 5.0  # a hang guard, not a speed target (bench/)
    assert "not parsed" in fragment["api_specs"][0]["skipped"]


def test_a_symlink_to_a_description_is_not_a_second_description(tmp_path: Path) -> None:
    from scanner.facts import build_facts
    from scanner.sources.local import local_snapshot

    (tmp_path / "config").mkdir()
    (tmp_path / "public").mkdir()
    (tmp_path / "config" / "openapi.yml").write_text(
        "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths: {}\n")
    (tmp_path / "public" / "openapi.yml").symlink_to("../config/openapi.yml")
    facts = build_facts(local_snapshot(tmp_path))
    assert [s["path"] for s in facts["api_specs"]] == ["config/openapi.yml"]


def _ecopass_like(extra: str = "") -> str:
    """Modelled on incubateur-ademe/ecopass src/api/doc.json: an OpenAPI 3.0.1 JSON description
    whose last top-level key, ``"version": "v0.1.0"`` (line 1850 there), the schema refuses."""
    paths = ",\n".join(f'    "/p{i}": {{\n      "get": {{\n        "responses": {{\n'
                       f'          "200": {{ "description": "ok" }}\n        }}\n      }}\n    }}'
                       for i in range(5))
    return ('{\n  "openapi": "3.0.1",\n  "info": {\n    "title": "Ecobalyse",\n'
            f'    "description": "API{extra}",\n    "version": "1"\n  }},\n  "paths": {{\n{paths}\n'
            '  },\n  "version": "v0.1.0"\n}\n')


def test_stray_top_level_key_is_placed_at_its_own_line_not_the_root() -> None:
    text = _ecopass_like()
    line = text.splitlines().index('  "version": "v0.1.0"') + 1
    assert line > 30
    fragment = collect({"src/api/doc.json": text})
    errors = fragment["api_specs"][0]["errors"]
    assert [(e["pointer"], e["line"]) for e in errors] == [("/version", line)]
    assert "'version' was unexpected" in errors[0]["message"]
    invalid = fragment["api"]["invalid_specs"][0]
    assert invalid["summary"] == (f"src/api/doc.json (/version (line {line}): Additional "
                                  "properties are not allowed ('version' was unexpected))")
    assert invalid["summary_fr"].startswith(f"src/api/doc.json (/version (ligne {line}): ")


def test_each_unexpected_key_is_its_own_error_in_yaml_and_in_oneof_branches() -> None:
    # Two stray keys in info (YAML, OpenAPI 3.0 additionalProperties), one inside a response,
    # where the schema's oneOf (Response or Reference) wraps the error.
    text = ("openapi: 3.0.3\ninfo:\n  title: T\n  version: '1'\n  foo: 1\n  bar: 2\npaths:\n"
            "  /a:\n    get:\n      responses:\n        '200':\n          description: ok\n"
            "          zzz: 1\n")
    errors = collect({"openapi.yaml": text})["api_specs"][0]["errors"]
    assert {(e["pointer"], e["line"]) for e in errors} == {
        ("/info/foo", 5), ("/info/bar", 6), ("/paths/~1a/get/responses/200/zzz", 13)}
    # OpenAPI 3.1 refuses them with unevaluatedProperties: same placement.
    errors = collect({"openapi.yaml": text.replace("3.0.3", "3.1.0")})["api_specs"][0]["errors"]
    assert ("/info/foo", 5) in {(e["pointer"], e["line"]) for e in errors}


def test_missing_key_stays_at_its_parent_and_unlocated_pointer_has_no_line() -> None:
    # Negative: a required key has no line of its own; the object lacking it is where it goes.
    text = "openapi: 3.0.3\ninfo:\n  title: T\npaths: {}\n"
    errors = collect({"openapi.yaml": text})["api_specs"][0]["errors"]
    assert [(e["pointer"], e["line"]) for e in errors] == [("/info", 2)]
    # A JSON text the line locator cannot read (a surrogate pair escape) gets no line at all,
    # never the root's line 1.
    fragment = collect({"doc.json": _ecopass_like("\\ud83d\\ude00")})
    assert [(e["pointer"], e["line"]) for e in fragment["api_specs"][0]["errors"]] == [
        ("/version", None)]
    assert fragment["api"]["invalid_specs"][0]["first_error"].startswith(
        "/version: Additional properties")


# SocialGouv/nata strapi_BO/src/extensions/documentation/documentation/1.0.0/
# full_documentation.json:22151: « "/upload?id={id}": { "post": { "parameters": [ { "name": "id",
# "in": "query", ... » (Strapi's documentation plugin output; "openapi": "3.0.0" at line 2).
STRAPI_FULL = "strapi_BO/src/extensions/documentation/documentation/1.0.0/full_documentation.json"
STRAPI_DOC = json.dumps({
    "openapi": "3.0.0",
    "info": {"version": "1.0.0", "title": "DOCUMENTATION", "description": ""},
    "servers": [{"url": "http://localhost:1337/api", "description": "Development server"}],
    "paths": {"/upload?id={id}": {"post": {
        "parameters": [{"name": "id", "in": "query", "description": "File id", "required": True,
                        "schema": {"type": "string"}}],
        "description": "Upload file information",
        "responses": {"200": {"description": "response"}}, "summary": ""}}}}, indent=2)


def test_a_strapi_description_among_many_plausible_files_is_read() -> None:
    """nata has 38 other JSON files under strapi_BO/src/api/: the plugin's output was left
    unread behind them; it is now read (and found invalid), and nothing is left unread."""
    files: dict[str, bytes | str] = {STRAPI_FULL: STRAPI_DOC}
    for i in range(19):
        files[f"strapi_BO/src/api/a{i:02}/documentation/1.0.0/a{i:02}.json"] = '{"/a": {}}'
        files[f"strapi_BO/src/api/a{i:02}/content-types/a{i:02}/schema.json"] = '{"kind": "x"}'
    facts = collect(files)
    assert [(s["path"], s["valid"]) for s in facts["api_specs"]] == [(STRAPI_FULL, False)]
    assert facts["api"]["discovery"]["unread"] == 0


def test_candidates_left_unread_are_counted_with_an_example() -> None:
    files: dict[str, bytes | str] = {f"docs/page{i:03}.yaml": "title: page\n" for i in range(70)}
    discovery = collect(files)["api"]["discovery"]
    assert discovery["unread"] == discovery["sniff_skipped"] == 10
    assert discovery["unread_example"] == "docs/page060.yaml"
    assert discovery["sniffed"] == 60


def test_nothing_unread_when_every_candidate_is_read() -> None:
    files: dict[str, bytes | str] = {f"docs/page{i:03}.yaml": "title: page\n" for i in range(5)}
    discovery = collect(files)["api"]["discovery"]
    assert (discovery["unread"], discovery["unread_example"]) == (0, None)
