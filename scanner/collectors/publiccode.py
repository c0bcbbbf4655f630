"""publiccode.yml (first version: presence and version only)."""

from __future__ import annotations

import typing as t
from collections.abc import Iterable, Mapping, Sequence

from scanner.collectors.base import Collector, Fragment
from scanner.errors import ParseError
from scanner.parsing import load_yaml
from scanner.snapshot import Snapshot

NAMES = ("publiccode.yml", "publiccode.yaml")


class PubliccodeCollector(Collector):
    name = "publiccode"

    def empty(self) -> Fragment:
        return {"publiccode": {"path": None, "version": None, "valid": None}}

    def wanted(self, paths: Sequence[str]) -> Iterable[str]:
        return [p for p in NAMES if p in paths]

    def collect(self, snapshot: Snapshot, facts: Mapping[str, t.Any]) -> Fragment:
        found = list(self.wanted(snapshot.paths()))
        if not found:
            return self.empty()
        path = found[0]
        data = snapshot.read(path)
        try:
            value = load_yaml(data or b"", path=path).value
        except ParseError as exc:
            return {"publiccode": {"path": path, "version": None, "valid": False},
                    "problems": [exc.to_problem(self.name)]}
        version = value.get("publiccodeYmlVersion") if isinstance(value, dict) else None
        return {"publiccode": {"path": path, "version": None if version is None else str(version),
                               "valid": isinstance(value, dict)}}
