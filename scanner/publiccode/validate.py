"""Validate a parsed publiccode.yml the way the reference validator (italia/publiccode-parser-go,
used by the publiccode.yml catalogues) does without the network, and turn each problem into an
error or a warning a person can act on: key, line, column and a message in English and French.

Steps, in the reference's order: the version (an unsupported one stops there; an older one only
warns), the shape (:mod:`scanner.publiccode.schema`), then the values
(:mod:`scanner.publiccode.checks`).
"""

from __future__ import annotations

import copy
import typing as t
from dataclasses import dataclass, field

from jsonschema import ValidationError

from scanner.parsing import Loaded, escape_pointer_token
from scanner.publiccode import checks, lists
from scanner.publiccode.checks import Files
from scanner.publiccode.findings import Finding, Findings, Path, quote
from scanner.publiccode.schema import validator

#: At most this many errors (and as many warnings) are kept per file.
MAX_ERRORS = 50
#: Sections the reference reads as empty when absent (so their own required keys are reported).
_EMPTY_WHEN_ABSENT: dict[str, t.Any] = {"legal": {}, "maintenance": {}, "localisation": {},
                                        "description": {}, "platforms": []}


class Number(str):
    """A number where the file wrote one, kept as the digits written: the reference reads
    ``phone: +39…`` or ``genericName: 0123…`` into text fields as that text."""


@dataclass
class Report:
    errors: list[Finding] = field(default_factory=list)
    warnings: list[Finding] = field(default_factory=list)
    #: The reference's checks that need the network, left out (see ``checks.not_checked``).
    not_checked: list[str] = field(default_factory=list)


def validate(loaded: Loaded, files: Files | None = None) -> Report:
    """Errors and warnings of a loaded publiccode.yml, in document order. ``files`` is the
    repository listing (path -> size) that the logo, screenshots and authorsFile must be in;
    without it those paths are not looked up."""
    found = Findings(loaded)
    report = Report()
    doc = loaded.value
    if not isinstance(doc, dict):
        kind = "empty" if doc is None else f"a {type(doc).__name__}"
        kind_fr = "vide" if doc is None else "autre chose"
        found.error((), f"must be a mapping of keys, but it is {kind}",
                    f"doit être un dictionnaire de clés, mais il est {kind_fr}")
    elif _version(found, doc.get("publiccodeYmlVersion")):
        normalised = _normalised(doc, loaded.literals or {})
        for error in validator().iter_errors(normalised):
            _schema_error(found, error)
        checks.run_all(found, normalised, files)
        report.not_checked = checks.not_checked(normalised, files)
        found.errors = _without_excluded(found.errors, normalised)
    report.errors = _ordered(found.errors)
    report.warnings = _ordered(found.warnings)
    return report


def _ordered(findings: list[Finding]) -> list[Finding]:
    unique = {(f.pointer, f.message): f for f in findings}
    return sorted(unique.values(), key=lambda f: (f.line or 0, f.column or 0, f.key,
                                                 f.message))[:MAX_ERRORS]


def _version(found: Findings, version: t.Any) -> bool:
    """Check ``publiccodeYmlVersion``; ``False`` stops validation (as the reference does)."""
    path: Path = ("publiccodeYmlVersion",)
    supported = lists.versions()
    if version is None:
        _missing(found, path)
        return False
    if not isinstance(version, str):
        found.error(path, f"must be a quoted text such as \"{supported[-1]}\", not "
                    f"{_kind(version)[0]}", f"doit être un texte entre guillemets comme "
                    f"\"{supported[-1]}\", pas {_kind(version)[1]}")
        return False
    if version not in supported:
        found.error(path, f"'{quote(version)}' is not a supported version ({', '.join(supported)})",
                    f"« {quote(version)} » n'est pas une version prise en charge "
                    f"({', '.join(supported)})")
        return False
    if version != "0" and not version.startswith(supported[-1]):
        found.warning(path, f"v{version} is not the latest version: write "
                      f"publiccodeYmlVersion: \"0\" (the file is checked as v{supported[-1]})",
                      f"la v{version} n'est pas la dernière version : écrivez "
                      f"publiccodeYmlVersion: \"0\" (le fichier est vérifié en v{supported[-1]})")
    return True


def _without_excluded(errors: list[Finding], doc: dict[str, t.Any]) -> list[Finding]:
    """Contractors that must not be there are one error, not one more per contractor."""
    maintenance = doc.get("maintenance")
    if (isinstance(maintenance, dict) and "contractors" in maintenance
            and isinstance(maintenance.get("type"), str) and maintenance["type"] != "contract"):
        return [e for e in errors if not e.pointer.startswith("/maintenance/contractors/")]
    return errors


def _decoded(value: t.Any, pointer: str, literals: dict[str, str]) -> t.Any:
    """Nulls dropped (the reference reads ``key:`` with no value as absent), numbers as written."""
    if isinstance(value, dict):
        return {k: _decoded(v, f"{pointer}/{escape_pointer_token(k)}", literals)
                for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_decoded(v, f"{pointer}/{i}", literals) for i, v in enumerate(value)]
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return Number(literals.get(pointer, str(value)))
    return value


def _normalised(doc: dict[str, t.Any], literals: dict[str, str]) -> dict[str, t.Any]:
    """The document as the reference decodes it: nulls absent, numbers as their text, empty
    sections where absent, a description language with no content read as empty."""
    normalised: dict[str, t.Any] = _decoded(doc, "", literals)
    for key, empty in _EMPTY_WHEN_ABSENT.items():
        normalised.setdefault(key, copy.copy(empty))
    description = doc.get("description")
    if isinstance(description, dict):
        for language, value in description.items():
            if value is None:
                normalised["description"][language] = {}
    return normalised


_KINDS = {"string": ("a text", "un texte"), "number": ("a number", "un nombre"),
          "boolean": ("true or false", "true ou false"), "array": ("a list", "une liste"),
          "object": ("a mapping of keys", "un dictionnaire de clés"),
          "null": ("empty", "vide")}


def _kind(value: t.Any) -> tuple[str, str]:
    if value is None:
        return _KINDS["null"]
    if isinstance(value, bool):
        return _KINDS["boolean"]
    if isinstance(value, (int, float, Number)):
        return _KINDS["number"]
    if isinstance(value, str):
        return _KINDS["string"]
    return _KINDS["array"] if isinstance(value, list) else _KINDS["object"]


def _wanted(expected: t.Any) -> tuple[str, str]:
    types = set(expected if isinstance(expected, list) else [expected])
    if "array" in types and "string" in types:
        return "a text or a list of texts", "un texte ou une liste de textes"
    if "string" in types:
        return _KINDS["string"]
    kind = sorted(types)[0]
    return _KINDS.get(kind, (kind, kind))


def _missing(found: Findings, path: Path) -> None:
    """A required key the file lacks is "missing"; one written with no value (``key:``) is
    "empty": the reference reports both alike, the message says which the file has."""
    if found.written(path) is None:
        found.error(path, "empty (a value is required)", "vide (une valeur est obligatoire)",
                    missing=True)
    else:
        found.error(path, "missing (required)", "absent (obligatoire)", missing=True)


def _schema_error(found: Findings, error: ValidationError) -> None:
    path: Path = tuple(error.absolute_path)
    keyword, expected, value = error.validator, error.validator_value, error.instance
    if keyword == "additionalProperties" and isinstance(value, dict):
        known = set(error.schema.get("properties", {})) if isinstance(error.schema, dict) else set()
        for key in value:
            if key not in known:
                found.error((*path, key), "unknown key (not in the publiccode.yml standard)",
                            "clé inconnue (absente du standard publiccode.yml)")
    elif keyword == "required" and isinstance(value, dict):
        for key in expected:
            if key not in value:
                _missing(found, (*path, key))
    elif keyword == "type":
        wanted, kind = _wanted(expected), _kind(value)
        found.error(path, f"must be {wanted[0]}, not {kind[0]}",
                    f"doit être {wanted[1]}, pas {kind[1]}")
    elif keyword == "enum":
        allowed = ", ".join(str(v) for v in expected)
        found.error(path, f"'{quote(value)}' is not one of: {allowed}",
                    f"« {quote(value)} » n'est pas une des valeurs : {allowed}")
    elif keyword == "minLength":
        found.error(path, "empty (a value is required)", "vide (une valeur est obligatoire)")
    elif keyword in ("minItems", "minProperties") and not found.written(path):
        _missing(found, path)  # a section read as empty because the file lacks it
    elif keyword == "minItems":
        found.error(path, "must list at least one item", "doit contenir au moins un élément")
    elif keyword == "minProperties":
        found.error(path, "must describe the software in at least one language (e.g. 'fr')",
                    "doit décrire le logiciel dans au moins une langue (par exemple « fr »)")
    else:  # not used by the vendored schema; kept so a new keyword still reads
        found.error(path, error.message, f"ne respecte pas le schéma ({error.message})")
