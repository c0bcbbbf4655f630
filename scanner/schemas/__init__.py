"""The published JSON Schemas (facts, run, config) and a registry that resolves their ``$ref``s.

Nothing is ever fetched: every ``$id`` under ``https://civiscan.beta.gouv.fr/schemas/`` is served
from the files packaged here.
"""

from __future__ import annotations

import json
import typing as t
from functools import cache
from importlib import resources
from urllib.parse import urljoin

import jsonschema
import jsonschema_rs
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from scanner.resources import Traversable, rules_root

BASE_URI = "https://civiscan.beta.gouv.fr/schemas/"
#: The schemas ``civiscan schema NAME`` prints.
PUBLISHED = ("facts", "startup", "run", "rule", "config")


def _walk(folder: Traversable, prefix: str = "") -> t.Iterator[tuple[str, Traversable]]:
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.is_dir():
            yield from _walk(entry, f"{prefix}{entry.name}/")
        elif entry.name.endswith(".schema.json"):
            yield f"{prefix}{entry.name[: -len('.schema.json')]}", entry


@cache
def load(name: str) -> dict[str, t.Any]:
    """A schema by name: ``facts``, ``startup``, ``run``, ``config``, ``facts/licence``... or
    ``rule``."""
    if name == "rule":
        data = rules_root().joinpath("rule.schema.json").read_text("utf-8")
    else:
        data = resources.files(__name__).joinpath(f"{name}.schema.json").read_text("utf-8")
    schema: dict[str, t.Any] = json.loads(data)
    return schema


@cache
def registry() -> Registry:
    """Every packaged schema, by its ``$id``."""
    found = [Resource.from_contents(load(name), default_specification=DRAFT202012)
             for name, _ in _walk(resources.files(__name__))]
    return Registry().with_resources((r.id(), r) for r in found if r.id())  # type: ignore[misc]


@cache
def validator(name: str) -> jsonschema.protocols.Validator:
    schema = load(name)
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, registry=registry(), format_checker=cls.FORMAT_CHECKER)


def bundled(name: str) -> dict[str, t.Any]:
    """Schema ``name`` as one self-contained document: every packaged schema it references is
    embedded under ``$defs`` with its own ``$id`` (a JSON Schema 2020-12 compound document), so
    outside tools validate with it offline, without our registry."""
    root = dict(load(name))
    embedded: dict[str, t.Any] = dict(root.get("$defs", {}))
    pending = [root]
    seen = {root.get("$id")}
    while pending:
        node = pending.pop()
        stack: list[t.Any] = [node]
        while stack:
            item = stack.pop()
            if isinstance(item, dict):
                ref = item.get("$ref")
                if isinstance(ref, str) and not ref.startswith("#"):
                    uri = urljoin(str(node.get("$id", BASE_URI)), ref.split("#")[0])
                    if uri.startswith(BASE_URI) and uri not in seen:
                        seen.add(uri)
                        other = load(uri[len(BASE_URI):-len(".schema.json")])
                        embedded[uri[len(BASE_URI):-len(".schema.json")].replace("/", "-")] = other
                        pending.append(other)
                stack.extend(item.values())
            elif isinstance(item, list):
                stack.extend(item)
    root["$defs"] = embedded
    return root


def _refuse(uri: str) -> t.NoReturn:
    raise ValueError(f"{uri}: civiscan never fetches a schema")


@cache
def _compiled(name: str) -> t.Any:
    return jsonschema_rs.validator_for(bundled(name), retriever=_refuse)


def is_valid(name: str, instance: t.Any) -> bool:
    """Whether ``instance`` validates against schema ``name``; compiled (jsonschema-rs), so a
    5,000-repository run document is checked in a fraction of a second. :func:`errors` then
    says what is wrong."""
    return bool(_compiled(name).is_valid(instance))


def errors(name: str, instance: t.Any) -> list[str]:
    """Validation errors of ``instance`` against schema ``name``, as ``/pointer: message``."""
    found = sorted(validator(name).iter_errors(instance), key=lambda e: list(e.absolute_path))
    return [f"/{'/'.join(str(p) for p in e.absolute_path)}: {e.message}" for e in found]
