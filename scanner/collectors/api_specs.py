"""Published API descriptions (first version: candidates by file name)."""

from __future__ import annotations

import typing as t
from collections.abc import Iterable, Mapping, Sequence

from scanner.collectors.base import Collector, Fragment, match_paths
from scanner.errors import ParseError
from scanner.parsing import load_data
from scanner.snapshot import Snapshot

NAME_PATTERNS = ("*openapi*.y*ml", "*openapi*.json", "*swagger*.y*ml", "*swagger*.json",
                 "*asyncapi*.y*ml", "*asyncapi*.json")
KINDS = ("openapi", "swagger", "asyncapi")


class ApiSpecsCollector(Collector):
    name = "api_specs"

    def empty(self) -> Fragment:
        return {"api_specs": [], "api": {"exposes": None, "evidence": []}}

    def wanted(self, paths: Sequence[str]) -> Iterable[str]:
        return [p for p in match_paths(paths, NAME_PATTERNS) if "node_modules/" not in p]

    def collect(self, snapshot: Snapshot, facts: Mapping[str, t.Any]) -> Fragment:
        specs: list[dict[str, t.Any]] = []
        problems = []
        for path in self.wanted(snapshot.paths()):
            data = snapshot.read(path)
            if data is None:
                continue
            try:
                doc = load_data(data, path=path).value
            except ParseError as exc:
                problems.append(exc.to_problem(self.name))
                continue
            if not isinstance(doc, dict):
                continue
            kind = next((k for k in KINDS if k in doc), None)
            if kind:
                specs.append({"path": path, "kind": kind, "version": str(doc[kind]), "valid": None})
        return {"api_specs": specs, "api": {"exposes": None, "evidence": []},
                "problems": problems}
