"""The key fields of a parsed publiccode.yml that rules and later collectors read, flattened
into stable, typed facts (a list is always a list, a missing key is ``None``)."""

from __future__ import annotations

import re
import typing as t

from scanner.parsing import Loaded

#: Keys the standard marks deprecated (v0.7), as JSON pointers.
DEPRECATED_POINTERS = ("/monochromeLogo", "/inputTypes", "/outputTypes", "/legal/repoOwner",
                       "/legal/authorsFile")


def _strings(value: t.Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return []


def _string(value: t.Any) -> str | None:
    return value if isinstance(value, str) else None


def version_text(loaded: Loaded, text: str) -> str | None:
    """``publiccodeYmlVersion`` as written: an unquoted ``0.10`` loads as the float 0.1, so the
    literal is recovered from its line rather than from the parsed number."""
    doc = loaded.value if isinstance(loaded.value, dict) else {}
    value = doc.get("publiccodeYmlVersion")
    if value is None or isinstance(value, str):
        return value
    line = loaded.line_of("/publiccodeYmlVersion")
    if line:
        lines = text.splitlines()
        if 0 < line <= len(lines):
            match = re.search(r"publiccodeYmlVersion\s*:\s*([^\s#]+)", lines[line - 1])
            if match:
                return match.group(1)
    return str(value)


def key_fields(doc: t.Any) -> dict[str, t.Any]:
    """Name, url, type, status, maintenance, descriptions' languages and documentation links."""
    doc = doc if isinstance(doc, dict) else {}
    description = doc.get("description") if isinstance(doc.get("description"), dict) else {}
    languages = [k for k in description if isinstance(k, str)]
    per_language = [v for v in description.values() if isinstance(v, dict)]
    maintenance = doc.get("maintenance") if isinstance(doc.get("maintenance"), dict) else {}
    legal = doc.get("legal") if isinstance(doc.get("legal"), dict) else {}
    return {
        "name": _string(doc.get("name")),
        "url": _string(doc.get("url")),
        "landing_url": _string(doc.get("landingURL")),
        "software_type": _string(doc.get("softwareType")),
        "development_status": _string(doc.get("developmentStatus")),
        "software_version": _string(doc.get("softwareVersion")),
        "release_date": _string(doc.get("releaseDate")),
        "is_based_on": _strings(doc.get("isBasedOn")),
        "platforms": _strings(doc.get("platforms")),
        "categories": _strings(doc.get("categories")),
        "description_languages": languages,
        "api_documentation": list(dict.fromkeys(
            u for d in per_language for u in _strings(d.get("apiDocumentation")))),
        "documentation": list(dict.fromkeys(
            u for d in per_language for u in _strings(d.get("documentation")))),
        "main_copyright_owner": _string(legal.get("mainCopyrightOwner")),
        "maintenance": {
            "type": _string(maintenance.get("type")),
            "contacts": len(maintenance.get("contacts") or [])
            if isinstance(maintenance.get("contacts"), list) else 0,
            "contractors": len(maintenance.get("contractors") or [])
            if isinstance(maintenance.get("contractors"), list) else 0,
        },
        "deprecated_keys": [p for p in DEPRECATED_POINTERS if _has(doc, p)],
    }


def _has(doc: dict[str, t.Any], pointer: str) -> bool:
    node: t.Any = doc
    for part in pointer.strip("/").split("/"):
        if not isinstance(node, dict) or part not in node:
            return False
        node = node[part]
    return True
