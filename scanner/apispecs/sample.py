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

Placeholders a generator, a framework's defaults or a starter kit leave are recognised too:
culturecommunication/francetransfert-upload-api commits a ``swagger.json`` whose ``info`` is a
starter kit's (title "Starterkit API", description "Spring Boot Rest API Description", licence
"License of API" linking to the kit vendor's home page). A value is a placeholder when it is only
generic words (API, REST, Spring Boot, service, description...) and says it is one: a title with
a word such as starter kit, boilerplate, template, sample, demo, "my"/"your"; a description that
only names itself ("API description", "Api Documentation"); a licence name that names no
licence ("License of API") and whose URL names none either. The frameworks' defaults are exact
values (springdoc's "OpenAPI definition", SpringFox's "Api Documentation", FastAPI's "FastAPI").
A short real value always has a word of its own ("API Entreprise", "Licence Ouverte", "REST API
of the ANS directory") and is never a placeholder.
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
#: Words that say nothing of a particular API (lower case, split on anything but letters, digits).
_GENERIC = frozenset({
    "api", "apis", "rest", "restful", "http", "json", "web", "webservice", "webservices",
    "service", "services", "microservice", "application", "app", "backend", "server", "project",
    "the", "a", "an", "of", "for", "this", "is", "to", "here", "name", "new", "simple", "generic",
    "default", "spring", "boot", "springboot", "java", "node", "nodejs", "express", "nestjs",
    "python", "flask", "django", "fastapi", "rails", "laravel", "symfony", "swagger", "openapi",
    "definition", "definitions", "description", "documentation", "doc", "docs", "license",
    "licence", "licensing", "title", "version", "v1", "1", "0"})
#: Words saying a title is a placeholder (among generic words only).
_MARKERS = frozenset({"starterkit", "starter", "kit", "boilerplate", "template", "skeleton",
                      "sample", "example", "demo", "dummy", "placeholder", "todo", "tbd",
                      "lorem", "ipsum", "foo", "bar", "my", "your", "xxx", "changeme"})
#: A description made of generic words only that names itself ("Spring Boot Rest API Description").
_SELF_NAMING = frozenset({"description", "documentation", "doc", "docs"})
_LICENCE_WORDS = frozenset({"license", "licence", "licensing"})
#: Frameworks' defaults when nothing is configured (lower case), by field.
_DEFAULTS = {"title": frozenset({"openapi definition", "api documentation", "fastapi",
                                 "a swagger api", "api title"}),
             "description": frozenset({"api documentation", "powered by flasgger"})}
# A licence URL naming a licence: its text, SPDX, a licence chooser or catalogue.
_LICENCE_URL = re.compile(r"licen[cs]|spdx|opensource\.org|creativecommons|etalab|gnu\.org",
                          re.IGNORECASE)
_WORD = re.compile(r"[^\W_]+")
#: RFC 2606 domains reserved for documentation and examples.
_EXAMPLE_HOST = re.compile(r"(?:^|[@./])example\.(?:com|org|net)(?:[/:?#]|$)", re.IGNORECASE)


def _text(value: t.Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _short(text: str, limit: int = 80) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[:limit] + "…"


def _words(text: str) -> list[str]:
    return _WORD.findall(text[:300].lower())


def _placeholder(field: str, text: str, url: str | None = None) -> bool:
    """Whether ``info.<field>`` (title, description, license.name) is a generic placeholder."""
    if text.lower().strip(" .") in _DEFAULTS.get(field, ()):
        return True
    words = _words(text)
    if not words or len(words) > 8 or not set(words) <= _GENERIC | _MARKERS:
        return False
    if field == "license.name":
        return bool(set(words) & _LICENCE_WORDS) and not (url and _LICENCE_URL.search(url))
    marked = bool(set(words) & _MARKERS)
    return marked or (field == "description" and bool(set(words) & _SELF_NAMING))


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
    if title and (title.lower() in _TITLES or _placeholder("title", title)):
        add("title", title)
    description = _text(info.get("description"))
    if description:
        lower = " ".join(description[:2000].lower().split())
        if (lower in _WHOLE_DESCRIPTIONS or any(s in lower for s in _DESCRIPTIONS)
                or _placeholder("description", description)):
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
    licence = info.get("license")
    if isinstance(licence, dict):
        name = _text(licence.get("name"))
        if name and _placeholder("license.name", name, _text(licence.get("url"))):
            add("license.name", name)
    return found
