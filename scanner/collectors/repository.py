"""Repository identity and host metadata."""

from __future__ import annotations

import typing as t
from collections.abc import Mapping

from scanner.collectors.base import Collector, Fragment
from scanner.snapshot import Snapshot


class RepositoryCollector(Collector):
    name = "repository"

    def collect(self, snapshot: Snapshot, facts: Mapping[str, t.Any]) -> Fragment:
        section = snapshot.repo.to_facts()
        section["file_count"] = len(snapshot.files)
        section["truncated"] = snapshot.truncated
        section["folder"] = snapshot.folder
        section["skipped"] = [{"path": p, "reason": r} for p, r in sorted(snapshot.skipped.items())]
        problems = [{"source": self.name, "path": p, "line": None, "message": r}
                    for p, r in sorted(snapshot.skipped.items())]
        problems += [{"source": self.name, "path": n.path, "line": None, "message": n.en,
                      "message_fr": n.fr} for n in snapshot.notices]
        return {"repository": section, "problems": problems}
