"""Licence files and declared licences (first version: files by name only)."""

from __future__ import annotations

import typing as t
from collections.abc import Iterable, Mapping, Sequence

from scanner.collectors.base import Collector, Fragment, match_paths
from scanner.snapshot import Snapshot

LICENCE_PATTERNS = (
    "licen[cs]e", "licen[cs]e[.-]*", "copying", "copying[.-]*",
    "licenses/*", "docs/licen[cs]e", "docs/licen[cs]e.*",
)


class LicenceCollector(Collector):
    name = "licence"

    def empty(self) -> Fragment:
        return {"licence": {"files": [], "declared": [], "spdx": None}}

    def wanted(self, paths: Sequence[str]) -> Iterable[str]:
        return match_paths(paths, LICENCE_PATTERNS)

    def collect(self, snapshot: Snapshot, facts: Mapping[str, t.Any]) -> Fragment:
        files = [{"path": p, "spdx": "NOASSERTION", "confidence": 0.0}
                 for p in self.wanted(snapshot.paths()) if snapshot.read(p)]
        return {"licence": {"files": files, "declared": [],
                            "spdx": "NOASSERTION" if files else None}}
