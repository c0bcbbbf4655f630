"""Documentation facts of one description: what a reuser needs besides validity.

Observations only (rules judge them): the ``info`` fields (title, version, description, contact,
licence), declared servers, per-operation checks (unique ``operationId``, a summary or
description, documented responses, security schemes declared where used) and ``pattern``s that
are not ECMA-262 regular expressions (the specification's SHOULD: ``\\A...\\z`` or ``(?i)``
work in Python or Ruby, not in JavaScript clients). Each check gives a boolean, and ``issues``
lists where it failed, by JSON pointer.
"""

from __future__ import annotations

import re
import typing as t

from scanner.apispecs.licences import licence_of
from scanner.apispecs.refs import iter_objects
from scanner.apispecs.sample import sample_values
from scanner.apispecs.schemas import ecma_regex
from scanner.apispecs.validate import deref, iter_operations, shorten
from scanner.parsing import escape_pointer_token

#: Most lint issues listed per description (counts are kept in full).
MAX_ISSUES = 100
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _text(value: t.Any, limit: int | None = 300) -> str | None:
    """Non-empty stripped text, cut at ``limit`` so a hostile description cannot bloat facts."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    return text if limit is None or len(text) <= limit else text[:limit] + "…"


def info_facts(document: dict[str, t.Any]) -> dict[str, t.Any]:
    """``info`` as facts; ``contact.email`` only when it looks like an address."""
    raw_info = document.get("info")
    info: dict[str, t.Any] = raw_info if isinstance(raw_info, dict) else {}
    raw_contact = info.get("contact")
    contact: dict[str, t.Any] | None = raw_contact if isinstance(raw_contact, dict) else None
    email = _text(contact.get("email"), None) if contact else None
    description = _text(info.get("description"), None)
    version = info.get("version")
    return {
        "title": _text(info.get("title")),
        "version": None if version is None or isinstance(version, (dict, list))
        else _text(str(version)),
        "description": description[:500] if description else None,
        "description_length": len(description) if description else 0,
        "contact": None if contact is None else {
            "name": _text(contact.get("name")),
            # RFC 5321 caps an address at 254 characters; the length test keeps the regex cheap
            "email": email if email and len(email) <= 254 and _EMAIL.match(email) else None,
            "url": _text(contact.get("url")),
        },
        "license": licence_of(info.get("license")),
    }


def servers_of(document: dict[str, t.Any], kind: str) -> list[str]:
    """Base URLs the description declares (3.x ``servers``, 2.0 ``host``, AsyncAPI servers)."""
    if kind == "swagger":
        host = _text(document.get("host"))
        if not host:
            return []
        raw_schemes = document.get("schemes")
        schemes: list[t.Any] = raw_schemes if isinstance(raw_schemes, list) else []
        base = _text(document.get("basePath")) or ""
        return [f"{scheme}://{host}{base}" for scheme in schemes if isinstance(scheme, str)] or [
            f"{host}{base}"]
    servers = document.get("servers")
    entries: t.Iterable[t.Any] = []
    if isinstance(servers, list):
        entries = servers
    elif isinstance(servers, dict):  # AsyncAPI: a map of named servers
        entries = servers.values()
    urls = []
    for server in entries:
        if isinstance(server, dict):
            url = _text(server.get("url")) or _text(server.get("host"))
            if url:
                urls.append(url)
    return urls[:20]


def lint_document(document: dict[str, t.Any], kind: str) -> dict[str, t.Any]:
    """Every documentation check of one description, as facts."""
    info = info_facts(document)
    servers = servers_of(document, kind)
    issues: list[dict[str, str]] = []
    counts = {"operations": 0, "without_description": 0, "without_responses": 0,
              "duplicate_operation_ids": 0, "undeclared_security_schemes": 0,
              "non_ecma_patterns": 0}

    def issue(check: str, pointer: str, message: str) -> None:
        if len(issues) < MAX_ISSUES:
            issues.append({"check": check, "pointer": pointer, "message": message})

    declared = _declared_schemes(document, kind)
    for name, pointer in _security_uses(document, kind):
        if name not in declared:
            counts["undeclared_security_schemes"] += 1
            issue("security_schemes_declared", pointer,
                  f"security scheme {name!r} is used but not declared")
    seen: set[str] = set()
    for pointer, label, operation in _operations(document, kind):
        counts["operations"] += 1
        op_id = operation.get("operationId")
        if isinstance(op_id, str):
            if op_id in seen:
                counts["duplicate_operation_ids"] += 1
                issue("operation_ids_unique", f"{pointer}/operationId",
                      f"operationId {op_id!r} is used twice")
            seen.add(op_id)
        if not (_text(operation.get("summary")) or _text(operation.get("description"))):
            counts["without_description"] += 1
            issue("operations_described", pointer, f"{label} has no summary or description")
        if kind == "asyncapi":
            continue  # AsyncAPI operations have messages, not responses
        responses = deref(document, operation.get("responses"))
        if not isinstance(responses, dict) or not [k for k in responses
                                                   if not k.startswith("x-")]:
            counts["without_responses"] += 1
            issue("responses_documented", pointer, f"{label} documents no response")
    for pointer, node, names in iter_objects(document):
        pattern = None if names else node.get("pattern")
        if isinstance(pattern, str) and not ecma_regex(pattern):
            counts["non_ecma_patterns"] += 1
            issue("patterns_ecma", f"{pointer}/pattern",
                  f"pattern {shorten(pattern, 80)!r} is not an ECMA-262 regular expression "
                  "(the specification says it SHOULD be)")
    checks = {
        "title": info["title"] is not None,
        "version": info["version"] is not None,
        "description": info["description"] is not None,
        "contact_email": bool(info["contact"] and info["contact"]["email"]),
        "license": bool(info["license"] and (info["license"]["name"]
                                             or info["license"]["identifier"])),
        "servers": bool(servers),
        "operation_ids_unique": counts["duplicate_operation_ids"] == 0,
        "operations_described": counts["without_description"] == 0,
        "responses_documented": counts["without_responses"] == 0,
        "security_schemes_declared": counts["undeclared_security_schemes"] == 0,
        "patterns_ecma": counts["non_ecma_patterns"] == 0,
    }
    missing = [field for field, ok in (
        ("info.title", checks["title"]), ("info.version", checks["version"]),
        ("info.description", checks["description"]),
        ("info.contact.email", checks["contact_email"]), ("info.license", checks["license"]),
    ) if not ok]
    return {"info": info, "servers": servers, "operations": counts["operations"],
            "lint": {**checks, "missing_info": missing, "sample_info": sample_values(document),
                     "counts": counts, "issues": issues}}


def _declared_schemes(document: dict[str, t.Any], kind: str) -> set[str]:
    if kind == "swagger":
        found = document.get("securityDefinitions")
    else:
        components = document.get("components")
        found = components.get("securitySchemes") if isinstance(components, dict) else None
    return set(found) if isinstance(found, dict) else set()


def _security_uses(document: dict[str, t.Any], kind: str) -> t.Iterator[tuple[str, str]]:
    """``(scheme name, pointer)`` of each security requirement (root and per operation)."""
    owners: list[tuple[str, t.Any]] = [("", document)]
    if kind in ("openapi", "swagger"):
        owners += [(pointer, op) for pointer, _t, _m, op, _i in iter_operations(document)]
    for pointer, owner in owners:
        requirements = owner.get("security") if isinstance(owner, dict) else None
        if not isinstance(requirements, list):
            continue
        for index, requirement in enumerate(requirements):
            if isinstance(requirement, dict):
                for name in requirement:
                    yield name, f"{pointer}/security/{index}/{escape_pointer_token(name)}"


def _operations(document: dict[str, t.Any], kind: str
                ) -> t.Iterator[tuple[str, str, dict[str, t.Any]]]:
    """``(pointer, label, operation)`` of every operation (OpenAPI, Swagger, AsyncAPI 2 and 3)."""
    if kind in ("openapi", "swagger"):
        for pointer, _template, method, operation, _item in iter_operations(document):
            yield pointer, method.upper(), operation
        return
    operations = document.get("operations")
    if isinstance(operations, dict):  # AsyncAPI 3
        for name, raw in operations.items():
            resolved = deref(document, raw)
            if isinstance(resolved, dict):
                yield f"/operations/{escape_pointer_token(name)}", name, resolved
        return
    channels = document.get("channels")
    if isinstance(channels, dict):  # AsyncAPI 2
        for name, channel in channels.items():
            channel = deref(document, channel)
            if not isinstance(channel, dict):
                continue
            for verb in ("publish", "subscribe"):
                found = channel.get(verb)
                if isinstance(found, dict):
                    yield (f"/channels/{escape_pointer_token(name)}/{verb}",
                           f"{verb} {name}", found)
