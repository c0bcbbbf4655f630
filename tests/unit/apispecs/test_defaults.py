"""``default`` values held to what the specification requires of them: the type beside them.

The failing cases are excerpts of real descriptions of the APIs.guru directory
(APIs-guru/openapi-directory, ``APIs/<path>``), cut down to the schema concerned.
"""

from __future__ import annotations

import time
import typing as t

import pytest

from scanner.apispecs.validate import validate_document
from scanner.collectors.api_specs import ApiSpecsCollector
from scanner.parsing import load_yaml
from scanner.sources.memory import snapshot_from_files

HEAD = "openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths:\n"


def _validate(text: str, kind: str = "openapi") -> t.Any:
    document = load_yaml(text, path="openapi.yaml").value
    return validate_document(document, kind, str(document[kind]), "openapi.yaml")


# ably.io/1.1.0/openapi.yaml: components/parameters/filterLimit
ABLY = HEAD + """  /stats:
    get:
      parameters: [{$ref: '#/components/parameters/filterLimit'}]
      responses: {'200': {description: ok}}
components:
  parameters:
    filterLimit:
      in: query
      name: limit
      schema:
        default: '100'
        type: integer
"""
# ritekit.com/1.0.0/openapi.yaml: /v1/search/trending parameter "green"
RITEKIT = HEAD + """  /v1/search/trending:
    get:
      parameters:
        - description: Restrict results only to green hashtags. Hides overused (red) hashtags.
          in: query
          name: green
          required: false
          schema:
            default: '1'
            type: boolean
      responses: {'200': {description: ok}}
"""
# gov.bc.ca/jobposting/1.0.0/openapi.yaml: a request body property (openapi-spec-validator does
# not walk request bodies, so it misses this one)
JOBPOSTING = HEAD + """  /jobs:
    post:
      requestBody:
        content:
          application/json:
            schema:
              properties:
                jobTypes:
                  default:
                    - 1
                  enum:
                    - - 1
                    - - 2
                  type: integer
      responses: {'200': {description: ok}}
"""


@pytest.mark.parametrize(("text", "pointer", "shown"), [
    (ABLY, "/components/parameters/filterLimit/schema/default", "default \"100\""),
    (RITEKIT, "/paths/~1v1~1search~1trending/get/parameters/0/schema/default", "default \"1\""),
    (JOBPOSTING, "/paths/~1jobs/post/requestBody/content/application~1json/schema/properties/"
                 "jobTypes/default", "default [1]"),
])
def test_real_defaults_of_the_wrong_type_are_errors(text: str, pointer: str, shown: str) -> None:
    result = _validate(text)
    assert result.valid is False
    (error,) = result.errors
    assert error.pointer == pointer and error.message.startswith(shown)


def test_the_error_names_the_file_and_line_in_facts() -> None:
    snapshot = snapshot_from_files({"openapi.yaml": ABLY})
    (spec,) = ApiSpecsCollector().collect(snapshot, {})["api_specs"]
    (error,) = spec["errors"]
    assert error["path"] == "openapi.yaml"
    assert ABLY.splitlines()[error["line"] - 1].strip() == "default: '100'"


@pytest.mark.parametrize("schema", [
    "{type: integer, default: 1.0}",  # 1.0 is the integer 1
    "{type: number, default: 3}",
    "{type: string, nullable: true, default: null}",
    "{type: string, format: date-time, default: now}",  # format is not the type
    "{type: string, enum: [a, b], default: c}",  # nor is enum
    "{type: string, pattern: '^(a+)+$', default: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!}",
    "{type: string, maxLength: 2, default: toolong}",
    "{type: array, items: {type: integer}, default: [x]}",  # the type at the same level only
    "{$ref: '#/components/schemas/Other', default: 1}",  # siblings of $ref are ignored
    "{type: object, properties: {type: {type: string}, default: {type: string}}}",  # names
    "{type: string, example: {type: integer, default: x}}",  # data
    "{type: string, x-meta: {type: integer, default: x}}",  # extensions
])
def test_defaults_the_specification_allows(schema: str) -> None:
    text = HEAD + f"  /a:\n    get:\n      responses: {{'200': {{description: ok}}}}\n" \
                  f"components:\n  schemas:\n    Other: {{type: string}}\n    S: {schema}\n"
    start = time.perf_counter()
    result = _validate(text)
    assert time.perf_counter() - start < 5.0  # a hang guard: patterns are never evaluated
    assert result.valid is True, result.errors


@pytest.mark.parametrize(("schema", "kind"), [
    ("{type: string, default: null}", "string"),  # no nullable: null is not a string
    ("{type: boolean, default: 'false'}", "boolean"),
    ("{type: integer, default: 1.5}", "integer"),
    ("{type: object, default: []}", "object"),
])
def test_defaults_the_specification_forbids(schema: str, kind: str) -> None:
    text = HEAD + "  /a:\n    get:\n      responses: {'200': {description: ok}}\n" \
                  f"components:\n  schemas:\n    S: {schema}\n"
    result = _validate(text)
    assert [e.pointer for e in result.errors] == ["/components/schemas/S/default"]
    assert f"not of type '{kind}'" in result.errors[0].message


SWAGGER = """swagger: '2.0'
info: {title: t, version: '1'}
paths:
  /a:
    get:
      parameters:
        - {name: limit, in: query, type: integer, default: '10'}
        - {name: tags, in: query, type: array, items: {type: integer, default: x}}
        - {name: body, in: body, schema: {type: integer, default: 'not checked'}}
        - {name: maybe, in: query, type: string, x-nullable: true, default: null}
      responses:
        '200':
          description: ok
          headers:
            X-Rate: {type: integer, default: fast}
          schema: {type: string, default: 12}
definitions:
  TopupsReports:  # idtbeyond.com/1.1.7/swagger.yaml: a Schema Object, unrestricted in 2.0
    properties:
      to_service_number: {type: string, default: 123456789}
"""


def test_swagger_2_holds_parameters_items_and_headers_not_schemas() -> None:
    result = _validate(SWAGGER, "swagger")
    assert sorted(e.pointer for e in result.errors) == [
        "/paths/~1a/get/parameters/0/default",
        "/paths/~1a/get/parameters/1/items/default",
        "/paths/~1a/get/responses/200/headers/X-Rate/default",
    ]


def test_openapi_31_defaults_are_unrestricted() -> None:
    text = ABLY.replace("openapi: 3.0.0", "openapi: 3.1.0")
    assert _validate(text).valid is True
