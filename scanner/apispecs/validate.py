"""Validate one parsed API description: official schema, then the rules a schema cannot express.

The schema pass uses the official schema of the declared version (see :mod:`.schemas`). The
second pass re-implements, in one linear walk over plain dicts, the checks of
openapi-spec-validator's keyword pass that the OpenAPI specification states as MUSTs: unique
``operationId``s, path-template parameters declared (and declared ones used), no duplicate
parameter per location, unique tag names, ``default`` values of the ``type`` declared beside
them, plus resolvable references (in the document, and to other files of the repository)
without pure cycles. Its keyword pass resolves every node through jsonschema-path and takes
~20 s on a 5 MB description (measured; the schema pass with jsonschema-rs takes ~0.05 s), and it
validates ``default`` values against the whole schema, ``pattern``s included, with Python's
backtracking ``re`` (a ReDoS for a hostile description). Here a default is only held to what
the specification requires of it, its type (see :func:`default_errors`); examples are never
evaluated.
"""

from __future__ import annotations

import json
import re
import typing as t
from dataclasses import dataclass

from scanner.apispecs.refs import RefReport, RepositoryFiles, check_refs, iter_objects, resolve_pointer
from scanner.apispecs.schemas import schema_family, validator
from scanner.apispecs.text import clean
from scanner.parsing import escape_pointer_token

#: Most errors kept per description (the count says how many there were).
MAX_ERRORS = 50
#: Longest error message kept; the schema validator quotes whole offending objects.
MAX_MESSAGE = 300

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace", "query")
_TEMPLATE = re.compile(r"\{([^{}/]+)\}")


@dataclass(frozen=True)
class SpecError:
    """One reason a description is invalid, located by JSON pointer."""

    pointer: str
    message: str


@dataclass
class Validation:
    """Outcome: ``valid`` is ``None`` when the version has no known schema."""

    valid: bool | None
    errors: list[SpecError]
    error_count: int
    refs: RefReport
    schema: str | None  # the schema family used, e.g. "3.0" or "asyncapi-2.6"


def shorten(message: str, limit: int = MAX_MESSAGE) -> str:
    """Keep both ends of a long message: the quoted instance first, the reason at the end."""
    message = " ".join(message.split())
    if len(message) <= limit:
        return message
    head = limit // 3
    return f"{message[:head]} … {message[-(limit - head - 3):]}"


def best_match(error: t.Any, depth: int = 0) -> t.Any:
    """The most telling sub-error of a ``oneOf``/``anyOf`` failure.

    The official schemas say "an object, or a Reference": the Reference branch ("$ref is a
    required property") is rarely what the author meant, and among the others the branch with
    the fewest errors is the closest to what was written (the idea of jsonschema's best_match).
    """
    context = getattr(error.kind, "context", None)
    if not context or depth > 8:
        return error
    branches = [branch for branch in context if branch]
    meaningful = [b for b in branches
                  if not any('"$ref" is a required property' in e.message for e in b)]
    if not (meaningful or branches):
        return error
    closest = min(meaningful or branches, key=len)
    return best_match(max(closest, key=lambda e: len(e.instance_path)), depth + 1)


def located(error: t.Any) -> list[tuple[list[t.Any], str]]:
    """``(instance path, message)`` of a schema error, at the key at fault: the validator places
    an unexpected key (``additionalProperties``/``unevaluatedProperties``) at the object holding
    it, which for a stray top-level key is the whole document (line 1); each such key is its own
    error, at its own path, so that its line is the key's."""
    parts = list(error.instance_path)
    unexpected = getattr(error.kind, "unexpected", None)
    if not (isinstance(unexpected, list) and unexpected
            and all(isinstance(k, str) for k in unexpected)):
        return [(parts, error.message)]
    label = error.message.split(" (", 1)[0]  # "Additional properties are not allowed"
    return [([*parts, key], f"{label} ('{key}' was unexpected)")
            for key in unexpected]


def _pointer(parts: t.Iterable[t.Any]) -> str:
    return "".join(f"/{escape_pointer_token(str(part))}" for part in parts)


def validate_document(document: dict[str, t.Any], kind: str, version: str | None,
                      path: str, files: RepositoryFiles | None = None) -> Validation:
    """Validate a parsed description whose top level declared ``kind: version``.

    ``files`` is the repository around it, for references to other files (without it they are
    listed as not followed).
    """
    refs = check_refs(document, path, files)
    errors: list[SpecError] = []
    total = 0

    def add(pointer: str, message: str) -> None:
        nonlocal total
        total += 1
        if len(errors) < MAX_ERRORS:
            errors.append(SpecError(pointer, shorten(message)))

    for issue in refs.issues:
        if issue.error:
            add(issue.pointer, issue.reason)
    family = schema_family(kind, version)
    if family is None:
        return Validation(None if not errors else False, errors, total, refs, None)
    try:
        schema_errors = list(validator(family).iter_errors(document))
    except UnicodeEncodeError:  # lone surrogates: jsonschema-rs needs valid UTF-8
        schema_errors = list(validator(family).iter_errors(clean(document)))
    for error in schema_errors:
        best = best_match(error)
        suffix = "" if best is error else (
            f" (none of the forms allowed at {_pointer(error.instance_path) or '/'} matches;"
            " this is the closest)")
        for parts, message in located(best):
            add(_pointer(parts), message + suffix)
    if kind in ("openapi", "swagger"):
        for pointer, message in semantic_errors(document):
            add(pointer, message)
        for pointer, message in default_errors(document, family):
            add(pointer, message)
    return Validation(not total, errors, total, refs, family)


def deref(document: t.Any, node: t.Any, depth: int = 0) -> t.Any:
    """Follow in-document ``$ref``s a few hops (cycles were reported by the reference check)."""
    while isinstance(node, dict) and isinstance(node.get("$ref"), str) and depth < 16:
        ref = node["$ref"]
        if not ref.startswith("#"):
            return None
        found, node = resolve_pointer(document, ref[1:])
        if not found:
            return None
        depth += 1
    return node


def iter_operations(document: dict[str, t.Any]) -> t.Iterator[tuple[str, str, str, dict[str, t.Any],
                                                                     dict[str, t.Any]]]:
    """``(pointer, path template, method, operation, path item)`` of every OpenAPI operation."""
    paths = document.get("paths")
    if not isinstance(paths, dict):
        return
    for template, item in paths.items():
        item = deref(document, item)
        if not isinstance(item, dict):
            continue
        base = f"/paths/{escape_pointer_token(template)}"
        for method in HTTP_METHODS:
            operation = item.get(method)
            if isinstance(operation, dict):
                yield f"{base}/{method}", template, method, operation, item


def _parameters(document: dict[str, t.Any], owner: dict[str, t.Any]) -> list[dict[str, t.Any]]:
    raw = owner.get("parameters")
    if not isinstance(raw, list):
        return []
    resolved = (deref(document, p) for p in raw)
    return [p for p in resolved if isinstance(p, dict)]


def semantic_errors(document: dict[str, t.Any]) -> t.Iterator[tuple[str, str]]:
    """The specification's MUSTs that its JSON Schema cannot check."""
    seen_ids: dict[str, str] = {}
    for pointer, template, method, operation, item in iter_operations(document):
        op_id = operation.get("operationId")
        if isinstance(op_id, str):
            if op_id in seen_ids:
                yield (f"{pointer}/operationId",
                       f"operationId {op_id!r} is not unique (also at {seen_ids[op_id]})")
            else:
                seen_ids[op_id] = pointer
        path_level = _parameters(document, item)
        op_level = _parameters(document, operation)
        seen: set[tuple[str, str]] = set()
        for param in op_level:
            key = (str(param.get("name")), str(param.get("in")))
            if key in seen:
                yield f"{pointer}/parameters", f"duplicate parameter {key[0]!r} in {key[1]}"
            seen.add(key)
        declared = {str(p.get("name")) for p in path_level + op_level if p.get("in") == "path"}
        used = set(_TEMPLATE.findall(template))
        for name in sorted(used - declared):
            yield pointer, f"path parameter {name!r} of {template} is not declared for {method}"
        for name in sorted(declared - used):
            yield pointer, f"path parameter {name!r} is declared but not in {template}"
    tags = document.get("tags")
    if isinstance(tags, list):
        names: set[str] = set()
        for index, tag in enumerate(tags):
            name = tag.get("name") if isinstance(tag, dict) else None
            if isinstance(name, str):
                if name in names:
                    yield f"/tags/{index}/name", f"duplicate tag name {name!r}"
                names.add(name)


#: Where the text says a ``default`` MUST conform to the type beside it. OpenAPI 3.0: every Schema
#: Object (§4.7.24.1, "Unlike JSON Schema, the value MUST conform to the defined type for the
#: Schema Object defined at the same level"). Swagger 2.0: the Parameter (other than body), Items
#: and Header Objects only ("Unlike JSON Schema this value MUST conform to the defined type for
#: this parameter"): its Schema Object takes ``default`` "directly from the JSON Schema
#: definition", where it is unrestricted. OpenAPI 3.1 and 3.2 take it from JSON Schema 2020-12
#: unchanged: a default that does not validate is a SHOULD there, not an error.
DEFAULT_MUST_MATCH_TYPE = frozenset({"2.0", "3.0"})
_SIMPLE_PARAMETERS = frozenset({"query", "header", "path", "formData"})
_SWAGGER_HEADER = re.compile(r"/responses/[^/]+/headers/[^/]+$")


def _of_type(value: t.Any, kind: str) -> bool | None:
    """Does ``value`` (as parsed) have the JSON type ``kind``? ``None`` for unknown kinds."""
    if kind == "string":
        return isinstance(value, str)
    if kind == "boolean":
        return isinstance(value, bool)
    if kind == "integer":  # 1.0 is the integer 1: JSON has one number type
        return (isinstance(value, int) and not isinstance(value, bool)) or (
            isinstance(value, float) and value.is_integer())
    if kind == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if kind == "array":
        return isinstance(value, list)
    if kind == "object":
        return isinstance(value, dict)
    return None  # "file" (Swagger 2.0 form data) and invalid types (the schema pass says so)


def default_errors(document: dict[str, t.Any], family: str) -> t.Iterator[tuple[str, str]]:
    """``default`` values that do not conform to the ``type`` at the same level, where the
    specification requires it (see :data:`DEFAULT_MUST_MATCH_TYPE`).

    Only the type: ``format``, ``enum``, ``pattern`` or bounds are not what the specification
    requires of a default (and evaluating an untrusted ``pattern`` is a ReDoS). ``null``
    conforms where ``nullable`` (3.0) or the common ``x-nullable`` extension (2.0) allows it.
    """
    if family not in DEFAULT_MUST_MATCH_TYPE:
        return
    swagger = family == "2.0"
    simple: set[str] = set()  # Swagger 2.0: pointers of non-body Parameter and Header Objects
    for pointer, node, names in iter_objects(document):
        if names or "$ref" in node:
            continue
        if swagger:
            if node.get("in") in _SIMPLE_PARAMETERS or _SWAGGER_HEADER.search(pointer):
                simple.add(pointer)
            else:
                owner = pointer
                while owner.endswith("/items"):
                    owner = owner[:-len("/items")]
                if owner == pointer or owner not in simple:
                    continue  # a Schema Object: its default is unrestricted in 2.0
                simple.add(pointer)  # an Items Object
        if "default" not in node or not isinstance(node.get("type"), str):
            continue
        value, kind = node["default"], node["type"]
        if value is None and (node.get("nullable") is True or node.get("x-nullable") is True):
            continue
        if _of_type(value, kind) is False:
            shown = shorten(json.dumps(value, ensure_ascii=False, default=str), 60)
            yield (f"{pointer}/default",
                   f"default {shown} is not of type {kind!r} (a default must conform to the "
                   "type declared beside it)")
