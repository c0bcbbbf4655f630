"""``info`` values left as a generator's or editor's sample: present, but documentation of nothing.

sigrennesmetropole/geor_tabou2_backend commits four descriptions whose ``info`` is the Swagger
Petstore's ("This is a sample server Petstore server. You can find out more about Swagger at
...", contact ``apiteam@swagger.io``, terms ``http://swagger.io/terms/``) under the title
"tabou2": every field exists and none says what the API is or who runs it. Recognised: the
well-known samples of Swagger Editor and Swagger Petstore (OpenAPI 2 and 3), SwaggerHub's
template, the OpenAPI specification's own Info Object example and swagger.io's "basic
structure" page, and any address or URL at a domain reserved for examples (RFC 2606:
``example.com``...). Matching is exact (titles, addresses, URLs) or on sentences no real
description writes. The samples' licence (Apache 2.0) is never named: a real API may well be
under it.
"""

from __future__ import annotations

import re
import typing as t

#: Titles of samples, compared case-insensitively once stripped.
_TITLES = frozenset({"swagger petstore", "swagger petstore - openapi 3.0",
                     "swagger petstore - openapi 3.1", "openapi petstore", "petstore",
                     "sample pet store app", "simple inventory api", "sample api"})
#: Sentences of sample descriptions (lower case, searched in the first 2,000 characters).
_DESCRIPTIONS = ("this is a sample server petstore server",
                 "this is a sample pet store server based on the openapi",
                 "this is a sample server for a pet store",
                 "you can find out more about swagger at",
                 "you can use the api key `special-key` to test the authorization filters",
                 "optional multiline or single-line description in [commonmark]")
#: Descriptions that are samples only when they are the whole text.
_WHOLE_DESCRIPTIONS = frozenset({"this is a simple api"})
_EMAILS = frozenset({"apiteam@swagger.io", "you@your-company.com"})
_TERMS = re.compile(r"^https?://(?:www\.)?swagger\.io/terms/?$", re.IGNORECASE)
#: RFC 2606 domains reserved for documentation and examples.
_EXAMPLE_HOST = re.compile(r"(?:^|[@./])example\.(?:com|org|net)(?:[/:?#]|$)", re.IGNORECASE)


def _text(value: t.Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _short(text: str, limit: int = 80) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[:limit] + "…"


def sample_values(document: t.Any) -> list[dict[str, str]]:
    """``[{field, pointer, value}]``: the ``info`` fields holding a known sample value."""
    info = document.get("info") if isinstance(document, dict) else None
    if not isinstance(info, dict):
        return []
    found: list[dict[str, str]] = []

    def add(field: str, value: str) -> None:
        found.append({"field": f"info.{field}", "pointer": "/info/" + field.replace(".", "/"),
                      "value": _short(value)})

    title = _text(info.get("title"))
    if title and title.lower() in _TITLES:
        add("title", title)
    description = _text(info.get("description"))
    if description:
        lower = " ".join(description[:2000].lower().split())
        if lower in _WHOLE_DESCRIPTIONS or any(s in lower for s in _DESCRIPTIONS):
            add("description", description)
    terms = _text(info.get("termsOfService"))
    if terms and (_TERMS.match(terms) or _EXAMPLE_HOST.search(terms[:500])):
        add("termsOfService", terms)
    contact = info.get("contact")
    if isinstance(contact, dict):
        email = _text(contact.get("email"))
        if email and (email.lower() in _EMAILS or _EXAMPLE_HOST.search(email[:300])):
            add("contact.email", email)
        url = _text(contact.get("url"))
        if url and _EXAMPLE_HOST.search(url[:500]):
            add("contact.url", url)
    return found
