"""Validation: official schemas, the specification's extra MUSTs, and the guard rails."""

from __future__ import annotations

import copy
import json
import time
import typing as t
from pathlib import Path

import pytest

from scanner.apispecs.lint import lint_document
from scanner.apispecs.refs import check_external, check_refs
from scanner.apispecs.schemas import schema_family
from scanner.apispecs.validate import shorten, validate_document
from scanner.parsing import load_data

FIXTURES = Path(__file__).parents[2] / "fixtures" / "apispecs"
COMPLIANT = Path(__file__).parents[2] / "fixtures" / "repos" / "compliant" / "openapi.yaml"


def load(path: Path) -> dict[str, t.Any]:
    value = load_data(path.read_bytes(), path=path.name).value
    assert isinstance(value, dict)
    return value


def minimal(version: str = "3.0.3") -> dict[str, t.Any]:
    return {"openapi": version, "info": {"title": "t", "version": "1"},
            "paths": {"/a": {"get": {"responses": {"200": {"description": "ok"}}}}}}


@pytest.mark.parametrize(("kind", "version", "family"), [
    ("openapi", "3.0.3", "3.0"), ("openapi", "3.1.0", "3.1"), ("openapi", "3.2.0", "3.2"),
    ("swagger", "2.0", "2.0"), ("asyncapi", "2.6.0", "asyncapi-2.6"),
    ("asyncapi", "3.0.0", "asyncapi-3.0"), ("openapi", "4.0.0", None), ("swagger", "1.2", None),
])
def test_schema_family(kind: str, version: str, family: str | None) -> None:
    assert schema_family(kind, version) == family


def test_valid_descriptions_of_each_kind() -> None:
    for path, kind in [(COMPLIANT, "openapi"), (FIXTURES / "petstore-swagger2.yaml", "swagger"),
                       (FIXTURES / "streetlights-asyncapi3.yaml", "asyncapi")]:
        document = load(path)
        result = validate_document(document, kind, str(document[kind]), path.name)
        assert result.valid is True, (path, result.errors)


def test_integer_response_keys_come_back_as_strings_and_validate() -> None:
    document = load(FIXTURES / "petstore-swagger2.yaml")
    responses = document["paths"]["/pets/{petId}"]["get"]["responses"]
    assert set(responses) == {"200", "404"}
    assert validate_document(document, "swagger", "2.0", "x.yaml").valid is True


def test_invalid_asyncapi_names_the_pointer() -> None:
    document = load(FIXTURES / "events-asyncapi2-invalid.json")
    result = validate_document(document, "asyncapi", "2.6.0", "events.json")
    assert result.valid is False
    assert any(e.pointer.startswith("/channels/user~1signedup/subscribe") for e in result.errors)


def test_schema_error_points_at_the_offending_node() -> None:
    document = minimal()
    document["paths"]["/a"]["get"]["responses"]["200"] = {"content": {}}
    result = validate_document(document, "openapi", "3.0.3", "o.json")
    assert result.valid is False
    assert result.errors[0].pointer == "/paths/~1a/get/responses/200"
    assert "description" in result.errors[0].message


def test_semantic_errors_beyond_the_schema() -> None:
    document = minimal()
    document["paths"]["/b/{id}"] = {"get": {"operationId": "x", "responses": {"200": {
        "description": "ok"}}}}
    document["paths"]["/a"]["get"]["operationId"] = "x"
    document["tags"] = [{"name": "t"}, {"name": "t"}]
    messages = [e.message for e in validate_document(document, "openapi", "3.0.3", "o").errors]
    assert any("operationId 'x' is not unique" in m for m in messages)
    assert any("path parameter 'id'" in m for m in messages)
    assert any("duplicate tag name" in m for m in messages)


def test_recursive_schema_is_valid_but_a_pure_ref_cycle_is_not() -> None:
    recursive = minimal()
    recursive["components"] = {"schemas": {"Node": {"type": "object", "properties": {
        "children": {"type": "array", "items": {"$ref": "#/components/schemas/Node"}}}}}}
    assert validate_document(recursive, "openapi", "3.0.3", "o").valid is True
    cyclic = minimal()
    cyclic["components"] = {"schemas": {"A": {"$ref": "#/components/schemas/B"},
                                        "B": {"$ref": "#/components/schemas/A"}}}
    start = time.perf_counter()
    result = validate_document(cyclic, "openapi", "3.0.3", "o")
    assert time.perf_counter() - start < 5.0  # a hang guard, not a speed target (bench/)
    assert result.valid is False
    assert any("circular reference" in e.message for e in result.errors)


def test_unresolvable_local_reference_is_an_error() -> None:
    document = minimal()
    document["paths"]["/a"]["get"]["responses"]["200"] = {"$ref": "#/components/responses/Nope"}
    result = validate_document(document, "openapi", "3.0.3", "o")
    assert result.valid is False
    assert "unresolvable reference" in result.errors[0].message


def test_external_references_are_never_followed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without a view of the repository, nothing is read: URLs and sibling files are listed,
    references leaving the repository are errors whatever the repository holds."""
    opened: list[str] = []
    real_open = open

    def spy_open(file: t.Any, *args: t.Any, **kwargs: t.Any) -> t.Any:
        opened.append(str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", spy_open)
    document = minimal()
    responses = document["paths"]["/a"]["get"]["responses"]
    responses["401"] = {"$ref": "http://169.254.169.254/latest/meta-data"}
    responses["403"] = {"$ref": "file:///etc/passwd"}
    responses["404"] = {"$ref": "../../x.yaml#/r"}
    responses["500"] = {"$ref": "common/errors.yaml#/ServerError"}
    result = validate_document(document, "openapi", "3.0.3", "docs/openapi.yaml")
    assert result.refs.external == 4
    reasons = {i.ref: i.reason for i in result.refs.issues}
    assert "never fetches" in reasons["http://169.254.169.254/latest/meta-data"]
    assert "outside the repository" in reasons["file:///etc/passwd"]
    assert "outside the repository" in reasons["../../x.yaml#/r"]
    assert "docs/common/errors.yaml" in reasons["common/errors.yaml#/ServerError"]
    errors = {i.ref for i in result.refs.issues if i.error}
    assert errors == {"file:///etc/passwd", "../../x.yaml#/r"}
    assert result.valid is False
    assert not [p for p in opened if "passwd" in p or "x.yaml" in p or "errors.yaml" in p]


@pytest.mark.parametrize(("ref", "error", "words"), [
    ("https://example.org/s.json", False, "remote"),
    ("/etc/passwd", True, "outside"),
    ("C:\\specs\\common.yaml", True, "outside"),
    ("urn:example:schema", False, "scheme"),
    ("../../etc/passwd", True, "outside"),
])
def test_check_external_examples(ref: str, error: bool, words: str) -> None:
    verdict = check_external(ref, "openapi.yaml", None)
    assert verdict is not None and verdict.error is error and words in verdict.reason


def test_refs_inside_examples_are_data() -> None:
    document = minimal()
    document["components"] = {"examples": {"e": {"value": {"$ref": "http://x"}}},
                              "schemas": {"S": {"type": "object", "example": {"$ref": "nope"}}}}
    assert check_refs(document, "o").external == 0


def test_redos_pattern_is_never_evaluated() -> None:
    document = minimal()
    document["paths"]["/a"]["get"]["parameters"] = [{
        "name": "q", "in": "query",
        "schema": {"type": "string", "pattern": "^(a+)+$", "default": "a" * 40 + "!",
                   "example": "a" * 40 + "!"}}]
    start = time.perf_counter()
    result = validate_document(document, "openapi", "3.0.3", "o")
    assert time.perf_counter() - start < 5.0  # a hang guard, not a speed target (bench/)
    assert result.valid is True


def test_errors_are_capped_and_messages_shortened() -> None:
    document = minimal()
    for index in range(200):
        document["paths"][f"/p{index}"] = {"get": {"responses": {"200": {}}}}
    result = validate_document(document, "openapi", "3.0.3", "o")
    assert result.valid is False
    assert len(result.errors) == 50 and result.error_count >= 200
    assert len(shorten("x" * 5000)) <= 300


def test_unknown_version_is_not_judged() -> None:
    document = minimal("3.9.0")
    assert validate_document(document, "openapi", "3.9.0", "o").valid is None


def test_openapi_31_schema_objects_are_checked_against_the_dialect() -> None:
    document = minimal("3.1.0")
    document["components"] = {"schemas": {"Bad": {"type": 12}}}
    assert validate_document(document, "openapi", "3.1.0", "o").valid is False
    document["components"] = {"schemas": {"Good": {"type": ["string", "null"]}}}
    assert validate_document(copy.deepcopy(document), "openapi", "3.1.0", "o").valid is True


def test_large_description_validates_quickly() -> None:
    document = minimal()
    for index in range(3000):
        document["paths"][f"/r{index}/{{id}}"] = {"get": {
            "operationId": f"get{index}", "summary": "Get",
            "parameters": [{"name": "id", "in": "path", "required": True,
                            "schema": {"type": "string", "pattern": "^[a-z]+$"}}],
            "responses": {"200": {"description": "ok", "content": {"application/json": {
                "schema": {"type": "object", "properties": {"a": {"type": "string"}}}}}}}}}
    assert len(json.dumps(document)) > 1_000_000
    start = time.perf_counter()
    assert validate_document(document, "openapi", "3.0.3", "o").valid is True
    assert time.perf_counter() - start < 5.0  # a hang guard, not a speed target (bench/)


# Where openapi-spec-validator is wrong and civiscan right (from the APIs.guru differential run,
# bench/api_differential.py): these stay valid.
SWAGGER_KEEPS = """swagger: '2.0'
info: {title: t, version: '1'}
paths:
  /report:
    get:
      parameters:
        - name: tag
          in: query
          type: string
          pattern: '^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$'
        - name: op
          in: query
          type: string
          enum: [=, '<', '>']
      responses:
        '200':
          description: the report as a file download
          schema: {type: file}
"""


def test_what_the_reference_validator_gets_wrong_stays_valid() -> None:
    # \p{L}: ECMA-262 property escapes (AWS descriptions); type: file at a response schema's
    # root (Swagger 2.0, Response Object); a plain "=" is a string in YAML 1.2
    document = load_data(SWAGGER_KEEPS, path="swagger.yaml").value
    parameters = document["paths"]["/report"]["get"]["parameters"]
    assert parameters[0]["pattern"] == "^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$"
    assert parameters[1]["enum"] == ["=", "<", ">"]
    result = validate_document(document, "swagger", "2.0", "swagger.yaml")
    assert result.valid is True, result.errors


def test_a_pattern_outside_ecma_262_is_a_lint_finding_not_an_invalid_description() -> None:
    # amazonaws.com/datasync/2018-11-09/openapi.yaml (APIs.guru): Ruby/PCRE anchors \A and \z.
    # JSON Schema: a pattern "SHOULD be a valid regular expression, according to the ECMA 262
    # regular expression dialect" -- a SHOULD, so the description stays valid.
    document = minimal()
    document["components"] = {"schemas": {"Endpoint": {
        "type": "string", "minLength": 7, "maxLength": 15,
        "pattern": "\\A(25[0-5]|2[0-4]\\d|[0-1]?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|[0-1]?\\d?\\d)){3}\\z"},
        "Name": {"type": "string", "pattern": "^[\\p{L}\\p{Zs}]+$"}}}
    assert validate_document(document, "openapi", "3.0.0", "o").valid is True
    lint = lint_document(document, "openapi")["lint"]
    assert lint["patterns_ecma"] is False and lint["counts"]["non_ecma_patterns"] == 1
    (issue,) = [i for i in lint["issues"] if i["check"] == "patterns_ecma"]
    assert issue["pointer"] == "/components/schemas/Endpoint/pattern"
