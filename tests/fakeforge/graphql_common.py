"""What both fake GraphQL endpoints share: the real schemas (loaded once), validation with the
errors graphql-ruby (GitHub's and GitLab's server) writes, execution against plain wrappers,
connections with opaque cursors, and a walk over the selected fields for cost estimates."""

from __future__ import annotations

import base64
import os
import re
import threading
import typing as t
from collections.abc import Callable, Sequence
from pathlib import Path

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLField,
    GraphQLNamedType,
    GraphQLResolveInfo,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    build_schema,
    execute,
    get_named_type,
    parse,
    validate,
)
from graphql.execution.values import get_argument_values, get_variable_values

REFERENCE = Path(__file__).resolve().parents[3] / "shared" / "reference"
SCHEMA_FILES = {"github": "github-graphql-schema.graphql", "gitlab": "gitlab-graphql-schema.graphql"}
_schemas: dict[str, GraphQLSchema] = {}
_schema_lock = threading.Lock()


def schema_path(name: str) -> Path:
    """Where the schema is: ``$CIVISCAN_REFERENCE``, else ``shared/reference`` beside the checkout."""
    root = Path(os.environ.get("CIVISCAN_REFERENCE", REFERENCE))
    return root / SCHEMA_FILES[name]


_BLOCK_DESCRIPTION = re.compile(r'"""(?:\\"""|.)*?"""', re.S)
_LINE_DESCRIPTION = re.compile(r'^\s*"(?:[^"\\\n]|\\.)*"\s*$', re.M)


def load_schema(name: str) -> GraphQLSchema:
    """The real "github" or "gitlab" schema, built once per process (about 0.5 s and 1.2 s).

    ``assume_valid_sdl``: GitHub's published SDL defines one field twice and strict building
    rejects it (api.md §5); graphql-core 3.2 then validates queries against it fine.
    Descriptions are dropped before parsing, which halves the time; types, fields, arguments and
    deprecations are all kept (introspection shows no descriptions, nothing else changes).
    """
    with _schema_lock:
        if name not in _schemas:
            path = schema_path(name)
            if not path.is_file():
                raise FileNotFoundError(f"{path}: the {name} GraphQL schema is missing; set "
                                        "CIVISCAN_REFERENCE to the folder holding shared/reference")
            sdl = path.read_text(encoding="utf-8")
            sdl = _LINE_DESCRIPTION.sub("", _BLOCK_DESCRIPTION.sub("", sdl))
            _schemas[name] = build_schema(sdl, assume_valid_sdl=True, no_location=True)
        return _schemas[name]


class GraphQLFailure(Exception):
    """A field error as the forge reports it: GitHub adds a ``type`` such as NOT_FOUND."""

    def __init__(self, message: str, type_: str | None = None, **extra: t.Any) -> None:
        super().__init__(message)
        self.type = type_
        self.extra = extra


# graphql-core's validation messages, reworded as graphql-ruby writes them.
_RUBY_MESSAGES: list[tuple[re.Pattern[str], Callable[[re.Match[str]], tuple[str, dict[str, t.Any]]]]] = [
    (re.compile(r"Cannot query field '(\w+)' on type '(\w+)'\."),
     lambda m: (f"Field '{m[1]}' doesn't exist on type '{m[2]}'",
                {"code": "undefinedField", "typeName": m[2], "fieldName": m[1]})),
    (re.compile(r"Unknown argument '(\w+)' on field '\w+\.(\w+)'\."),
     lambda m: (f"Field '{m[2]}' doesn't accept argument '{m[1]}'",
                {"code": "argumentNotAccepted", "name": m[2], "typeName": "Field", "argumentName": m[1]})),
    (re.compile(r"Field '(\w+)' argument '(\w+)' of type '.*' is required, but it was not provided\."),
     lambda m: (f"Field '{m[1]}' is missing required arguments: {m[2]}",
                {"code": "missingRequiredArguments", "className": "Field", "name": m[1], "arguments": m[2]})),
    (re.compile(r"Variable '\$(\w+)' is never used(?: in operation '(\w+)')?\."),
     lambda m: (f"Variable ${m[1]} is declared by {m[2] or 'anonymous query'} but not used",
                {"code": "variableNotUsed", "variableName": m[1]})),
    (re.compile(r"Variable '\$(\w+)' is not defined(?: by operation '(\w+)')?\."),
     lambda m: (f"Variable ${m[1]} is used by {m[2] or 'anonymous query'} but not declared",
                {"code": "variableNotDefined", "variableName": m[1]})),
]
_TOKEN_NAMES = {"{": "LCURLY", "}": "RCURLY", "(": "LPAREN", ")": "RPAREN", "[": "LBRACKET",
                "]": "RBRACKET", ":": "COLON", "$": "VAR_SIGN", "!": "BANG", "=": "EQUALS",
                "@": "DIR_SIGN", "|": "PIPE", "&": "AMP"}


def ruby_error(error: GraphQLError, source: str) -> dict[str, t.Any]:
    """One validation or syntax error in graphql-ruby's words, with its locations."""
    locations = [{"line": loc.line, "column": loc.column} for loc in error.locations or ()]
    if error.message.startswith("Syntax Error"):
        return {"message": _parse_error(source, locations), "locations": locations}
    for pattern, reword in _RUBY_MESSAGES:
        if match := pattern.match(error.message):
            message, extensions = reword(match)
            return {"message": message, "locations": locations, "extensions": extensions}
    return {"message": error.message, "locations": locations}


def _parse_error(source: str, locations: list[dict[str, int]]) -> str:
    if not locations:
        return "Unexpected end of document"
    line, column = locations[0]["line"], locations[0]["column"]
    lines = source.split("\n")
    rest = lines[line - 1][column - 1:] if line <= len(lines) else ""
    if not rest.strip() and line >= len(lines):
        return "Unexpected end of document"
    token = re.match(r"\w+|\"[^\"]*\"|\S", rest.lstrip())
    text = token.group(0) if token else rest[:1]
    kind = _TOKEN_NAMES.get(text) or ("STRING" if text.startswith('"') else
                                     "INT" if text.isdigit() else "IDENTIFIER")
    return f'Parse error on "{text.strip(chr(34))}" ({kind}) at [{line}, {column}]'


def parse_and_validate(schema: GraphQLSchema,
                       query: str) -> tuple[DocumentNode | None, list[dict[str, t.Any]]]:
    try:
        document = parse(query)
    except GraphQLError as error:
        return None, [ruby_error(error, query)]
    errors = validate(schema, document)
    return (None, [ruby_error(e, query) for e in errors]) if errors else (document, [])


def operation(document: DocumentNode, name: str | None) -> OperationDefinitionNode | None:
    ops = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if name:
        return next((o for o in ops if o.name and o.name.value == name), None)
    return ops[0] if len(ops) == 1 else None


def coerce_variables(schema: GraphQLSchema, op: OperationDefinitionNode,
                     inputs: dict[str, t.Any] | None) -> tuple[dict[str, t.Any], list[dict[str, t.Any]]]:
    coerced = get_variable_values(schema, op.variable_definitions or (), inputs or {})
    if isinstance(coerced, list):
        return {}, [{"message": e.message, "locations": [{"line": loc.line, "column": loc.column}
                                                         for loc in e.locations or ()]} for e in coerced]
    return coerced, []


def _resolve(parent: t.Any, info: GraphQLResolveInfo, **args: t.Any) -> t.Any:
    """Dict keys, attributes, or methods called with the field's arguments (GraphQL names)."""
    name = info.field_name
    if isinstance(parent, dict):
        return parent.get(name)
    value = getattr(parent, name, None)
    return value(**args) if callable(value) else value


def _type_of(value: t.Any, info: GraphQLResolveInfo, abstract: t.Any) -> str | None:
    return t.cast(str, value["__typename"] if isinstance(value, dict) else getattr(value, "typename", None))


def run(schema: GraphQLSchema, document: DocumentNode, root: t.Any, variables: dict[str, t.Any],
        operation_name: str | None, *, github_types: bool) -> dict[str, t.Any]:
    """Execute; field errors come back as each forge writes them (GitHub adds ``type``)."""
    result = execute(schema, document, root, None, variables, operation_name,
                     field_resolver=_resolve, type_resolver=_type_of,
                     is_awaitable=lambda value: False)  # every resolver here is synchronous
    assert not isinstance(result, t.Awaitable)
    body: dict[str, t.Any] = {"data": result.data}
    if result.errors:
        errors = []
        for error in result.errors:
            formatted = dict(error.formatted)
            original = error.original_error
            if isinstance(original, GraphQLFailure):
                if github_types and original.type:  # GitHub's key order
                    formatted = {"type": original.type, "path": formatted.get("path"),
                                 "locations": formatted.get("locations"), "message": formatted["message"]}
                formatted.update(original.extra)
            errors.append(formatted)
        body["errors"] = errors
    return body


# Connections ------------------------------------------------------------------------------------

def encode_cursor(index: int, prefix: str) -> str:
    return base64.b64encode(f"{prefix}{index}".encode()).decode()


def decode_cursor(cursor: str, prefix: str) -> int:
    try:
        text = base64.b64decode(cursor.encode(), validate=True).decode()
        if text.startswith(prefix):
            return int(text[len(prefix):])
    except ValueError:
        pass
    raise GraphQLFailure(f"`{cursor}` does not appear to be a valid cursor.", "INVALID_CURSOR_ARGUMENTS")


def connection(items: Sequence[t.Any], *, first: int | None = None, after: str | None = None,
               last: int | None = None, before: str | None = None, prefix: str = "cursor:v2:",
               default_size: int | None = None) -> dict[str, t.Any]:
    """A Relay connection over ``items``; cursors are base64 of ``prefix`` + index."""
    start = decode_cursor(after, prefix) + 1 if after else 0
    stop = decode_cursor(before, prefix) if before else len(items)
    stop = max(start, min(stop, len(items)))
    if first is None and last is None and default_size is not None:
        first = default_size
    if first is not None:
        stop = min(stop, start + max(0, first))
    if last is not None:
        start = max(start, stop - max(0, last))
    window = list(items[start:stop])
    edges = [{"cursor": encode_cursor(start + i, prefix), "node": node} for i, node in enumerate(window)]
    return {
        "totalCount": len(items), "count": len(items), "nodes": window, "edges": edges,
        "pageInfo": {"hasNextPage": stop < len(items), "hasPreviousPage": start > 0,
                     "startCursor": edges[0]["cursor"] if edges else None,
                     "endCursor": edges[-1]["cursor"] if edges else None},
    }


# Walking the selected fields ---------------------------------------------------------------------

def walk(schema: GraphQLSchema, document: DocumentNode, op: OperationDefinitionNode,
         variables: dict[str, t.Any], visit: Callable[[str, GraphQLField, dict[str, t.Any], t.Any],
                                                        tuple[t.Any, bool]], state: t.Any) -> None:
    """Depth-first over every selected field, fragments expanded. ``visit(parent type name,
    field, arguments, state)`` returns the state for the field's children and whether to descend."""
    fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
    root = schema.get_root_type(op.operation)
    assert root is not None

    def selections(node: SelectionSetNode, parent: GraphQLNamedType, st: t.Any, seen: frozenset[str]) -> None:
        for sel in node.selections:
            if isinstance(sel, FieldNode):
                fields = getattr(parent, "fields", {})
                field = fields.get(sel.name.value)
                if field is None:
                    continue
                args = get_argument_values(field, sel, variables)
                args["__alias"] = (sel.alias or sel.name).value
                args["__name"] = sel.name.value
                child_state, descend = visit(parent.name, field, args, st)
                if descend and sel.selection_set:
                    selections(sel.selection_set, get_named_type(field.type), child_state, seen)
            elif isinstance(sel, InlineFragmentNode):
                typ = schema.get_type(sel.type_condition.name.value) if sel.type_condition else parent
                selections(sel.selection_set, typ or parent, st, seen)
            elif isinstance(sel, FragmentSpreadNode):
                name = sel.name.value
                frag = fragments.get(name)
                if frag is not None and name not in seen:
                    typ = schema.get_type(frag.type_condition.name.value) or parent
                    selections(frag.selection_set, typ, st, seen | {name})

    selections(op.selection_set, root, state, frozenset())


def is_connection(field: GraphQLField) -> bool:
    return get_named_type(field.type).name.endswith("Connection")
