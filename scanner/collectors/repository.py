"""Repository identity and host metadata, and what the source could not list or read.

Paths the source skipped (a link to a folder, a link into an uninstalled ``node_modules/``) and its
notices (history not read, a ``.git`` pointing elsewhere) are facts, not problems: only a file
some collector needed and could not read is a problem (:func:`scanner.facts.build_facts`). A
listing the host cut short is one: files past the cut, needed or not, were never seen, so the
source's notices about it are problems too (repository-files-readable says the scan is partial).
"""

from __future__ import annotations

import typing as t
from collections.abc import Mapping

from scanner.collectors.base import Collector, Fragment
from scanner.snapshot import Snapshot, reason_fr


class RepositoryCollector(Collector):
    name = "repository"

    def collect(self, snapshot: Snapshot, facts: Mapping[str, t.Any]) -> Fragment:
        section = snapshot.repo.to_facts()
        section["file_count"] = len(snapshot.files)
        section["truncated"] = snapshot.truncated
        section["folder"] = snapshot.folder
        section["skipped"] = [{"path": p, "reason": r, "reason_fr": reason_fr(r)}
                              for p, r in sorted(snapshot.skipped.items())]
        section["notices"] = [{"path": n.path, "message": n.en, "message_fr": n.fr}
                              for n in snapshot.notices]
        problems = [{"source": self.name, "path": n["path"], "line": None,
                     "message": n["message"], "message_fr": n["message_fr"]}
                    for n in section["notices"]] if snapshot.truncated else []
        return {"repository": section, "problems": problems}
