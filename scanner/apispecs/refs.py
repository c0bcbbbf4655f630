"""``$ref`` handling under a strict policy: resolve in-document references only.

A reference to a URL (``http://169.254.169.254/...``), a ``file:`` URI or another file
(``../../x.yaml``) is never followed: following it would let a scanned repository make civiscan
fetch from the network or read files, inside or outside the checkout. Those references are
listed instead, with the reason. In-document references are checked (the target exists) and
pure reference cycles (``A -> B -> A`` with nothing in between) are reported, because no tool
can resolve them; recursion *through* a schema (a tree node whose children are nodes) is legal
and left alone.
"""

from __future__ import annotations

import posixpath
import typing as t
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from scanner.parsing import escape_pointer_token

#: Keys whose values are data, not description: ``$ref`` inside them is not a reference.
_DATA_KEYS = frozenset({"example", "examples", "default", "enum", "const", "x-examples",
                        "value"})  # "value": the data of an Example Object
#: Containers whose keys are names chosen by the author (a property may be called "example").
_NAME_MAPS = frozenset({"properties", "patternProperties", "definitions", "schemas", "$defs",
                        "parameters", "responses", "paths", "headers", "securitySchemes",
                        "requestBodies", "callbacks", "links", "messages", "channels",
                        "components", "operations", "servers"})
#: Most references listed as not followed (the count says how many there were).
MAX_LISTED = 50


@dataclass(frozen=True)
class RefIssue:
    """A reference that is broken (``error``) or deliberately not followed (``not_followed``)."""

    pointer: str  # where the $ref is, as a JSON pointer into the description
    ref: str
    reason: str
    error: bool


@dataclass
class RefReport:
    """How many references of each sort, and the ones that are broken or not followed."""

    local: int = 0
    external: int = 0
    issues: list[RefIssue] = field(default_factory=list)


def iter_refs(document: t.Any) -> t.Iterator[tuple[str, str]]:
    """``(pointer of the object holding $ref, ref value)`` for every reference, iteratively."""
    pending: list[tuple[t.Any, str, str | None]] = [(document, "", None)]
    while pending:
        node, pointer, parent_key = pending.pop()
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str):
                yield pointer, ref
            names = parent_key in _NAME_MAPS
            # pushed in reverse so that pops walk the document in order
            for key, value in reversed(node.items()):
                if not isinstance(value, (dict, list)):
                    continue
                if not names and (key in _DATA_KEYS or key.startswith("x-")):
                    continue
                pending.append((value, f"{pointer}/{escape_pointer_token(key)}", key))
        elif isinstance(node, list):
            for index in range(len(node) - 1, -1, -1):
                value = node[index]
                if isinstance(value, (dict, list)):
                    pending.append((value, f"{pointer}/{index}", parent_key))


def resolve_pointer(document: t.Any, fragment: str) -> tuple[bool, t.Any]:
    """Follow a URI fragment (``/components/schemas/Pet``) through the document."""
    node = document
    if not fragment:
        return True, node
    if not fragment.startswith("/"):
        return False, None  # plain-name fragments ($anchor) are not supported here
    for raw in fragment[1:].split("/"):
        token = unquote(raw).replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict) and token in node:
            node = node[token]
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            return False, None
    return True, node


def classify_external(ref: str, spec_path: str) -> str:
    """Why an external reference is not followed, in words a maintainer recognises."""
    parts = urlsplit(ref)
    if parts.scheme in ("http", "https", "ftp", "ws", "wss"):
        return f"remote reference ({parts.scheme}) not followed: civiscan never fetches"
    if parts.scheme == "file" or ref.startswith("/"):
        return "absolute file reference not followed: outside the repository"
    if parts.scheme:
        return f"reference with scheme {parts.scheme!r} not followed"
    target = posixpath.normpath(posixpath.join(posixpath.dirname(spec_path), unquote(parts.path)))
    if target == ".." or target.startswith("../"):
        return "file reference not followed: it points outside the repository"
    return f"file reference not followed: {target} (only in-document references are resolved)"


def check_refs(document: t.Any, spec_path: str) -> RefReport:
    """Check every reference: local targets exist, no pure cycles, external ones listed."""
    report = RefReport()
    issues = report.issues
    listed_external = 0
    # A description repeats the same few targets thousands of times: check each once.
    checked: dict[str, str | None] = {}
    for pointer, ref in iter_refs(document):
        if not ref.startswith("#"):
            report.external += 1
            if listed_external < MAX_LISTED:
                issues.append(RefIssue(pointer, ref, classify_external(ref, spec_path), False))
                listed_external += 1
            continue
        report.local += 1
        if ref not in checked:
            found, _target = resolve_pointer(document, ref[1:])
            cycle = _pure_cycle(document, ref) if found else None
            checked[ref] = (f"unresolvable reference {ref}" if not found else
                            "circular reference: " + " -> ".join(cycle) if cycle else None)
        problem = checked[ref]
        if problem:
            issues.append(RefIssue(pointer, ref, problem, True))
    return report


def _pure_cycle(document: t.Any, ref: str, limit: int = 64) -> list[str] | None:
    """The chain of refs that leads back to itself through ``$ref``-only hops, if any."""
    seen: list[str] = []
    current = ref
    while current.startswith("#"):
        if current in seen:
            return [*seen[seen.index(current):], current]
        if len(seen) >= limit:
            return [*seen[:3], "...", current]
        seen.append(current)
        found, target = resolve_pointer(document, current[1:])
        if not found or not isinstance(target, dict):
            return None
        nxt = target.get("$ref")
        if not isinstance(nxt, str):
            return None
        current = nxt
    return None
