"""Repository identity and host metadata, and what the source could not list or read.

Paths the source skipped (a link to a folder, a link into an uninstalled ``node_modules/``) and its
notices (history not read, a ``.git`` pointing elsewhere) are facts, not problems: only a file
some collector needed and could not read is a problem (:func:`scanner.facts.build_facts`).
"""

from __future__ import annotations

import typing as t
from collections.abc import Mapping

from scanner.collectors.base import Collector, Fragment
from scanner.snapshot import Notice, Snapshot, reason_fr


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
        # Files past a cut may be ones collectors needed: the cut is a problem, never silent.
        cuts = [n for n in snapshot.notices if n.cuts_listing]
        if snapshot.truncated and not cuts:
            cuts = [Notice(".", "the file listing is incomplete: files past the cut were not "
                                "seen, so the scan is partial",
                           "la liste des fichiers est incomplète : les fichiers au-delà de la "
                           "coupure n'ont pas été vus, l'analyse est partielle")]
        problems = [{"source": self.name, "path": n.path, "line": None, "message": n.en,
                     "message_fr": n.fr} for n in cuts]
        return {"repository": section, "problems": problems}
