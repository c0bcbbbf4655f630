"""Dependency licences recorded in lockfiles, and their compatibility with the project licence.

Runs after the licence collector (it needs ``licence.spdx``). Offline: only what the repository
records (npm lockfiles, composer.lock) is read; no registry is queried.
"""

from __future__ import annotations

import functools
import typing as t
from collections.abc import Iterable, Mapping, Sequence

from scanner.budget import bounded
from scanner.collectors.base import Collector, Fragment
from scanner.errors import ParseError
from scanner.licences import dependencies
from scanner.licences.content import DATA_DOCS_LICENCES
from scanner.licences.paths import vendored
from scanner.snapshot import Snapshot

#: Lockfiles read per repository (root first); larger ones are skipped with a note.
MAX_LOCKFILES = 5
MAX_LOCKFILE_BYTES = 8_000_000


def lockfile_paths(paths: Sequence[str]) -> list[str]:
    found = [p for p in paths if p.rsplit("/", 1)[-1] in dependencies.LOCKFILES
             and not vendored(p)]
    found.sort(key=lambda p: (p.count("/"), p))
    return found[:MAX_LOCKFILES]


class DependenciesCollector(Collector):
    name = "dependencies"

    def empty(self) -> Fragment:
        return {"dependencies": empty_section()}

    def wanted(self, paths: Sequence[str],
               sizes: Mapping[str, int | None] | None = None) -> Iterable[str]:
        return lockfile_paths(paths)

    def collect(self, snapshot: Snapshot, facts: Mapping[str, t.Any]) -> Fragment:
        section = empty_section()
        problems: list[dict[str, t.Any]] = []
        found: list[dependencies.Dependency] = []
        for path in lockfile_paths(snapshot.paths()):
            size = snapshot.size(path) or 0
            if snapshot.too_large(path) or size > MAX_LOCKFILE_BYTES:
                section["lockfiles"].append({"path": path, "read": False,
                                             "reason": f"too large ({size:,} bytes)"})
                continue
            data = snapshot.read(path)
            if data is None:
                continue
            try:
                items = bounded(path, functools.partial(dependencies.read_lockfile, path, data))
            except ParseError as exc:
                problems.append(exc.to_problem(self.name))
                section["lockfiles"].append({"path": path, "read": False,
                                             "reason": exc.message})
                continue
            section["lockfiles"].append({"path": path, "read": True, "packages": len(items)})
            found.extend(items)
        section["licences"] = dependencies.summarise(found, software_licence(
            facts.get("licence") or {}))
        return {"dependencies": section, "problems": problems}


def software_licence(licence: Mapping[str, t.Any]) -> str | None:
    """The repository's licence as it applies to the code dependencies are linked into: the
    effective expression without its licences for content (etalab-2.0 for the documentation
    beside MIT for the code), when a licence for code remains."""
    spdx = licence.get("spdx")
    if not isinstance(spdx, str) or spdx == "NOASSERTION":
        return None
    ids = [i for i in licence.get("ids") or () if isinstance(i, str)]
    code = [i for i in ids if i not in DATA_DOCS_LICENCES]
    if not code or len(code) == len(ids):
        return spdx
    return f" {licence.get('operator') or 'AND'} ".join(code)


def empty_section() -> dict[str, t.Any]:
    return {
        "lockfiles": [],
        "licences": dependencies.summarise([], None),
        "offline": True,
        "not_covered": ["python: no lockfile records dependency licences; not queried "
                        "(civiscan does not use the network for this)"],
    }
