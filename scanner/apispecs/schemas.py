"""The official meta-schemas that API descriptions are validated against, compiled once.

OpenAPI and Swagger schemas come from the openapi-spec-validator package (the OpenAPI
Initiative's published schemas); for OpenAPI 3.1/3.2 the Schema Object is bound to the OpenAPI
dialect (as in the official ``schema-base`` variant), which openapi-schema-validator ships.
AsyncAPI schemas are vendored in ``scanner/data/asyncapi`` (see PROVENANCE.txt there).

Compiled with jsonschema-rs: the pure-Python validator needs ~6 s for the schema pass of a 5 MB
description, jsonschema-rs ~0.05 s. Nothing is ever retrieved: every referenced meta-schema is
registered up front and the retriever refuses, so a missing one is an error, not a download.
"""

from __future__ import annotations

import copy
import functools
import gzip
import importlib.util
import json
import re
import typing as t
from importlib.resources import files
from pathlib import Path

import jsonschema_rs

#: Versions of AsyncAPI whose schema is shipped, by "major.minor".
ASYNCAPI_SCHEMAS = {"2.0": "2.0.0", "2.1": "2.1.0", "2.2": "2.2.0", "2.3": "2.3.0",
                    "2.4": "2.4.0", "2.5": "2.5.0", "2.6": "2.6.0", "3.0": "3.0.0",
                    "3.1": "3.1.0"}

_OAS_DIALECTS = {
    "3.1": (("oas3.1/metaschema.json", "https://spec.openapis.org/oas/3.1/dialect/base"),
            ("oas3.1/vocabularies/base", "https://spec.openapis.org/oas/3.1/meta/base")),
    "3.2": (("oas3.2/dialect/2025-09-17.json", None), ("oas3.2/meta/2025-09-17.json", None)),
}


def _any_pattern(_value: str) -> bool:
    return True


#: Checks a pattern as an ECMA-262 regular expression (compiled by jsonschema-rs, in Rust).
_ECMA_REGEX = jsonschema_rs.validator_for({"$schema": "http://json-schema.org/draft-04/schema#",
                                           "format": "regex"})


def ecma_regex(pattern: str) -> bool:
    """Is ``pattern`` a regular expression of the ECMA-262 dialect JSON Schema names?"""
    try:
        return bool(_ECMA_REGEX.is_valid(pattern))
    except UnicodeEncodeError:  # lone surrogates
        return False


def _refuse(uri: str) -> t.NoReturn:
    raise ValueError(f"civiscan does not retrieve schemas ({uri})")


def _package_dir(package: str) -> t.Any:
    """A package's resource folder *without importing it*.

    ``importlib.resources.files`` imports the package, and openapi-spec-validator's import pulls
    pydantic and jsonschema-path (~0.3 s) for files civiscan only reads.
    """
    if package.startswith("scanner"):
        return files(package)
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(package)
    return Path(next(iter(spec.submodule_search_locations)))


def _read_json(package: str, relative: str) -> dict[str, t.Any]:
    data = (_package_dir(package) / relative).read_bytes()
    if relative.endswith(".gz"):
        data = gzip.decompress(data)
    value = json.loads(data)
    assert isinstance(value, dict)
    return value


def schema_family(kind: str, version: str | None) -> str | None:
    """Key of the schema for a declared version (``"3.0"``, ``"asyncapi-2.6"``), or ``None``."""
    if version is None:
        return None
    if kind == "swagger":
        return "2.0" if version in ("2.0", "2.0.0") else None
    match = re.match(r"^(\d+)\.(\d+)(?:\.\d+)?(?:-[0-9A-Za-z.-]+)?$", version)
    if not match:
        return None
    minor = f"{match.group(1)}.{match.group(2)}"
    if kind == "openapi":
        return minor if minor in ("3.0", "3.1", "3.2") else None
    if kind == "asyncapi":
        return f"asyncapi-{minor}" if minor in ASYNCAPI_SCHEMAS else None
    return None


@functools.cache
def validator(family: str) -> t.Any:
    """The compiled validator of one schema family (see :func:`schema_family`)."""
    options: dict[str, t.Any] = {"retriever": _refuse,
                                 "pattern_options": jsonschema_rs.RegexOptions(),
                                 # a pattern "SHOULD be a valid regular expression" (ECMA-262):
                                 # a SHOULD, reported by the lint, never an invalid description
                                 "formats": {"regex": _any_pattern}}
    if family.startswith("asyncapi-"):
        version = ASYNCAPI_SCHEMAS[family.removeprefix("asyncapi-")]
        schema = _read_json("scanner.data", f"asyncapi/{version}.json.gz")
        return jsonschema_rs.validator_for(schema, **options)
    schema = _read_json("openapi_spec_validator", f"resources/schemas/v{family}/schema.json")
    if family in _OAS_DIALECTS:
        resources = []
        for relative, uri in _OAS_DIALECTS[family]:
            document = _read_json("openapi_schema_validator", f"schemas/{relative}")
            resources.append((uri or document["$id"], document))
        schema = copy.deepcopy(schema)
        # The official "schema-base" variant: Schema Objects validate against the OAS dialect.
        schema["$defs"]["schema"] = {"$dynamicAnchor": "meta", "$ref": resources[0][0]}
        options["registry"] = jsonschema_rs.Registry(resources)
    return jsonschema_rs.validator_for(schema, **options)
