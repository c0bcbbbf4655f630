"""Find rule files, validate them against ``rule.schema.json``, and compile their schemas.

Rules are data written by policy people, so every problem is reported with its file and line,
all at once (``civiscan rules validate``), and a ruleset with problems is never half-loaded.
Shared lists (``rules/defs/*.json``) are served to ``$ref`` by a ``referencing`` registry built
once; no URL is ever fetched.
"""

from __future__ import annotations

import hashlib
import json
import typing as t
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import jsonschema
from referencing import Registry, Resource
from referencing.exceptions import NoSuchResource, Unresolvable, Unretrievable
from referencing.jsonschema import DRAFT202012

from scanner import schemas
from scanner.engine.rule import Rule
from scanner.errors import ParseError, RuleError
from scanner.parsing import load_json, load_yaml
from scanner.resources import Traversable, rules_root

DEFS_BASE = "https://civiscan.beta.gouv.fr/rules/defs/"
#: Name reported for the bundled ruleset.
BUILTIN_NAME = "civiscan-default"

#: A rule folder: a path, or the packaged folder inside the wheel (a ``Traversable``).
RuleSource: t.TypeAlias = Traversable


@dataclass(frozen=True)
class RuleProblem:
    """One thing wrong with a rule file."""

    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}" if self.line else f"{self.path}: {self.message}"


@dataclass
class Ruleset:
    """The rules in force, in a stable order, with the registry their schemas resolve against."""

    rules: list[Rule]
    registry: Registry
    name: str = BUILTIN_NAME
    digest: str = ""
    sources: list[str] = field(default_factory=list)

    def get(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rule_id), None)

    def scoped(self, scope: str) -> list[Rule]:
        """The rules judging ``repository`` facts, or ``startup`` facts."""
        return [r for r in self.rules if r.scope == scope]

    def describe(self) -> dict[str, t.Any]:
        from scanner import __version__

        return {"name": self.name, "version": __version__, "digest": self.digest,
                "rules": len(self.rules), "sources": self.sources}


def _display(source: RuleSource) -> str:
    return str(source)


def _rule_files(folder: RuleSource) -> Iterable[tuple[str | None, RuleSource]]:
    """(category folder name, file) for every ``<category>/*.yaml`` below ``folder``, and
    (``None``, file) for rule files directly in it (their category is the one they state)."""
    entries = sorted(folder.iterdir(), key=lambda e: e.name)
    for entry in entries:
        if entry.name.endswith((".yaml", ".yml")) and entry.is_file():
            yield None, entry
    for category in entries:
        if not category.is_dir() or category.name in {"defs", "__pycache__"}:
            continue
        for entry in sorted(category.iterdir(), key=lambda e: e.name):
            if entry.name.endswith((".yaml", ".yml")) and entry.is_file():
                yield category.name, entry


def _defs_files(folder: RuleSource) -> Iterable[RuleSource]:
    defs = folder.joinpath("defs")
    if not defs.is_dir():
        return []
    return [e for e in sorted(defs.iterdir(), key=lambda e: e.name) if e.name.endswith(".json")]


def _build_registry(folders: Sequence[RuleSource]) -> tuple[Registry, list[RuleProblem]]:
    registry = schemas.registry()
    problems: list[RuleProblem] = []
    for folder in folders:
        for entry in _defs_files(folder):
            where = _display(entry)
            try:
                contents = load_json(entry.read_bytes(), path=where).value
                resource = Resource.from_contents(contents, default_specification=DRAFT202012)
            except ParseError as exc:
                problems.append(RuleProblem(where, exc.line, exc.message))
                continue
            except Exception as exc:  # referencing cannot tell the dialect
                problems.append(RuleProblem(where, None, f"not a JSON Schema: {exc}"))
                continue
            uri = resource.id()
            if not uri or not uri.startswith(DEFS_BASE):
                problems.append(RuleProblem(where, None, f'"$id" must start with {DEFS_BASE}'))
                continue
            registry = registry.with_resource(uri, resource)
    return registry, problems


def _check_rule(data: t.Any, lines: dict[str, int], where: str, category: str | None, stem: str,
                registry: Registry) -> list[RuleProblem]:
    def line_of(pointer: str) -> int | None:
        while pointer not in lines and pointer:
            pointer = pointer.rsplit("/", 1)[0]
        return lines.get(pointer)

    problems = []
    for error in sorted(schemas.validator("rule").iter_errors(data), key=lambda e: e.path):
        pointer = "".join(f"/{p}" for p in error.absolute_path)
        problems.append(RuleProblem(where, line_of(pointer), f"{pointer or '/'}: {error.message}"))
    if problems or not isinstance(data, dict):
        return problems
    if data["id"] != stem:
        problems.append(RuleProblem(where, line_of("/id"),
                                    f"id {data['id']!r} must equal the file name {stem!r}"))
    if category is not None and data["category"] != category:
        problems.append(RuleProblem(
            where, line_of("/category"),
            f"category {data['category']!r} must equal the folder name {category!r}"))
    found = [(key, data[key]) for key in ("when", "check", "review") if key in data]
    found += [(f"outcomes/{i}/when", o["when"]) for i, o in enumerate(data.get("outcomes", []))]
    for key, schema in found:
        try:
            jsonschema.Draft202012Validator.check_schema(schema)
            validator = jsonschema.Draft202012Validator(schema, registry=registry)
            validator.is_valid({})  # resolves the $refs it meets on an empty document
            _resolve_all_refs(schema, registry)
        except jsonschema.SchemaError as exc:
            problems.append(RuleProblem(where, line_of(f"/{key}"), f"{key}: {exc.message}"))
        except (NoSuchResource, Unresolvable, Unretrievable) as exc:
            problems.append(RuleProblem(where, line_of(f"/{key}"),
                                        f"{key}: unresolvable $ref ({exc})"))
    return problems


def _resolve_all_refs(schema: t.Any, registry: Registry) -> None:
    """Resolve every ``$ref`` now, so a typo fails at load time rather than mid-scan."""
    resolver = registry.resolver()
    pending = [schema]
    while pending:
        node = pending.pop()
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and not ref.startswith("#"):
                resolver.lookup(ref)
            pending.extend(node.values())
        elif isinstance(node, list):
            pending.extend(node)


def check_folders(folders: Sequence[RuleSource]) -> tuple[list[Rule], Registry, list[RuleProblem]]:
    """Parse and validate every rule of ``folders``; problems are collected, never raised."""
    registry, problems = _build_registry(folders)
    builtin = _display(rules_root()).rstrip("/") + "/"
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    for folder in folders:
        if not folder.is_dir():
            problems.append(RuleProblem(_display(folder), None, "not a folder"))
            continue
        for category, entry in _rule_files(folder):
            where = _display(entry)
            stem = entry.name.rsplit(".", 1)[0]
            try:
                loaded = load_yaml(entry.read_bytes(), path=where, locate=True)
            except ParseError as exc:
                problems.append(RuleProblem(where, exc.line, exc.message))
                continue
            found = _check_rule(loaded.value, loaded.lines or {}, where, category, stem, registry)
            if found:
                problems.extend(found)
                continue
            if stem in seen:
                bundled = " (the bundled ruleset)" if seen[stem].startswith(builtin) else ""
                problems.append(RuleProblem(where, (loaded.lines or {}).get("/id"),
                                            f"rule id {stem!r} already defined in {seen[stem]}"
                                            f"{bundled}"))
                continue
            seen[stem] = where
            rules.append(Rule.from_data(loaded.value, source=where, registry=registry))
    return rules, registry, problems


def load_ruleset(extra: Sequence[Path] = (), *, builtin: bool = True) -> Ruleset:
    """The bundled rules plus those of ``extra`` folders; raises :class:`RuleError` on problems."""
    folders: list[RuleSource] = [*([rules_root()] if builtin else []), *extra]
    rules, registry, problems = check_folders(folders)
    if problems:
        listing = "\n".join(f"  {p}" for p in problems)
        raise RuleError(f"{len(problems)} problem(s) in rule files:\n{listing}",
                        fr=f"{len(problems)} problème(s) dans les fichiers de règles :\n{listing}")
    digest = hashlib.sha256(
        json.dumps([r.data for r in rules], sort_keys=True).encode()).hexdigest()[:16]
    name = BUILTIN_NAME if not extra else f"{BUILTIN_NAME}+{len(extra)}"
    return Ruleset(rules=rules, registry=registry, name=name, digest=digest,
                   sources=[_display(f) for f in folders])
