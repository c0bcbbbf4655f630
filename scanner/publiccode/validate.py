"""Validate a parsed publiccode.yml and turn each schema error into ``{pointer, line, message}``
that a person can act on ("description/fr/longDescription: 80 characters, the standard asks for
150 to 10,000"), rather than jsonschema's raw repr of the instance."""

from __future__ import annotations

import re
import typing as t
from dataclasses import dataclass

from jsonschema import ValidationError
from jsonschema.exceptions import best_match

from scanner.parsing import Loaded, escape_pointer_token
from scanner.publiccode.schema import SCHEMA_VERSION, validator

#: At most this many errors are kept per file (a wrong file can produce hundreds).
MAX_ERRORS = 50


@dataclass(frozen=True)
class SchemaError:
    pointer: str
    line: int | None
    message: str

    def to_facts(self) -> dict[str, object]:
        return {"pointer": self.pointer, "line": self.line, "message": self.message}


def validate(loaded: Loaded) -> list[SchemaError]:
    """Schema errors of a loaded publiccode.yml, in document order, with 1-based lines."""
    if not isinstance(loaded.value, dict):
        kind = "empty" if loaded.value is None else f"a {type(loaded.value).__name__}"
        return [SchemaError("", loaded.line_of("") or 1,
                            f"publiccode.yml must be a mapping of keys, but it is {kind}")]
    errors: list[SchemaError] = []
    for error in validator().iter_errors(loaded.value):
        for leaf in _leaves(error):
            if leaf.validator == "additionalProperties" and isinstance(leaf.instance, dict):
                # One error per unknown key, each on its own line.
                base = _pointer(leaf)
                for key in _extra_keys(leaf):
                    pointer = f"{base}/{escape_pointer_token(key)}"
                    where = pointer.lstrip("/") or "publiccode.yml"
                    errors.append(SchemaError(pointer, loaded.line_of(pointer),
                                              f"{where}: unknown key (not in publiccode.yml "
                                              f"v{SCHEMA_VERSION})"))
                continue
            pointer = _pointer(leaf)
            errors.append(SchemaError(pointer, loaded.line_of(pointer), _message(leaf)))
    unique = {(e.pointer, e.message): e for e in errors}
    ordered = sorted(unique.values(), key=lambda e: (e.line or 0, e.pointer, e.message))
    return ordered[:MAX_ERRORS]


def _leaves(error: ValidationError) -> list[ValidationError]:
    """For oneOf/anyOf, the single most relevant sub-error instead of the whole tree."""
    if error.validator in ("oneOf", "anyOf") and error.context:
        best = best_match(error.context)
        return [best] if best is not None and best.validator not in ("type",) else [error]
    return [error]


def _pointer(error: ValidationError) -> str:
    parts = [escape_pointer_token(str(p)) for p in error.absolute_path]
    return "".join(f"/{p}" for p in parts)


def _extra_keys(error: ValidationError) -> list[str]:
    schema = error.schema if isinstance(error.schema, dict) else {}
    known = set(schema.get("properties", {}))
    patterns = list(schema.get("patternProperties", {}))
    return [k for k in error.instance
            if k not in known and not any(re.search(p, k) for p in patterns)]


def _where(error: ValidationError) -> str:
    path = "/".join(str(p) for p in error.absolute_path)
    return path or "publiccode.yml"


def _message(error: ValidationError) -> str:
    where = _where(error)
    value: t.Any = error.instance
    keyword = error.validator
    expected: t.Any = error.validator_value
    if keyword == "required":
        missing = [k for k in expected if isinstance(value, dict) and k not in value]
        return f"{where}: missing required key {', '.join(repr(k) for k in missing)}"
    if keyword == "enum":
        shown = ", ".join(repr(v) for v in expected[:12]) + (", …" if len(expected) > 12 else "")
        return f"{where}: {value!r} is not one of {shown}"
    if keyword == "const":
        return f"{where}: must be {expected!r}"
    if keyword == "type":
        wanted = expected if isinstance(expected, str) else " or ".join(expected)
        return f"{where}: must be a {wanted}, not {_type_name(value)}"
    if keyword == "minLength":
        return f"{where}: {len(value)} characters, at least {expected} required"
    if keyword == "maxLength":
        return f"{where}: {len(value)} characters, at most {expected} allowed"
    if keyword == "minItems":
        return f"{where}: needs at least {expected} item(s)"
    if keyword == "minProperties":
        return f"{where}: needs at least {expected} entry (e.g. a language such as 'fr' or 'en')"
    if keyword == "pattern":
        return f"{where}: {value!r} does not have the expected format ({_pattern_hint(where)})"
    if keyword == "not" and isinstance(expected, dict):
        if "required" in expected and expected["required"] == ["contractors"]:
            return f"{where}: 'contractors' is only allowed when maintenance type is 'contract'"
        lacking = _not_every_language_lacks(expected)
        if lacking:
            return f"{where}: at least one language must give '{lacking}'"
    if keyword == "propertyNames":
        return f"{where}: language keys must be BCP 47 tags such as 'fr' or 'en-GB'"
    if keyword in ("oneOf", "anyOf"):
        return f"{where}: must be a string or a list of strings"
    return f"{where}: {error.message}"


def _not_every_language_lacks(expected: dict[str, t.Any]) -> str | None:
    inner = expected.get("additionalProperties", {})
    required = inner.get("not", {}).get("required") if isinstance(inner, dict) else None
    return required[0] if required else None


def _type_name(value: t.Any) -> str:
    if value is None:
        return "empty"
    return {bool: "boolean", int: "number", float: "number", str: "string", list: "list",
            dict: "mapping"}.get(type(value), type(value).__name__)


def _pattern_hint(where: str) -> str:
    leaf = where.rsplit("/", 1)[-1]
    if leaf in ("releaseDate", "until"):
        return "a date YYYY-MM-DD"
    if leaf == "publiccodeYmlVersion":
        return "a quoted version such as \"0.7\""
    if leaf in ("countries", "unsupportedCountries") or where.split("/")[-2:-1] in (
            ["countries"], ["unsupportedCountries"]):
        return "a lower-case ISO 3166-1 alpha-2 code such as 'fr'"
    if "availableLanguages" in where:
        return "a BCP 47 language tag such as 'fr'"
    if leaf == "email":
        return "an e-mail address"
    return "a URL with a scheme, such as https://…"
