"""Load the vendored publiccode.yml JSON Schema once, from the installed package data.

The schema says the shape of the file (keys, types, presence) as the reference validator decodes
it; value formats and the standard's lists are checked in :mod:`scanner.publiccode.checks`."""

from __future__ import annotations

import functools
import json
import typing as t
from importlib import resources

from jsonschema import Draft202012Validator

#: The standard version the vendored schema describes, and that files of every accepted version
#: are checked as (as the reference validator does).
SCHEMA_VERSION = "0.7"
SCHEMA_FILE = "publiccode-0.7.schema.json"


@functools.cache
def load_schema() -> dict[str, t.Any]:
    """The schema document (``scanner/data/publiccode/``)."""
    folder = resources.files("scanner.data").joinpath("publiccode")
    text = folder.joinpath(SCHEMA_FILE).read_text("utf-8")
    schema: dict[str, t.Any] = json.loads(text)
    return schema


@functools.cache
def validator() -> Draft202012Validator:
    """A validator built once; it is stateless, so sharing it across repositories is safe."""
    schema = load_schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)
