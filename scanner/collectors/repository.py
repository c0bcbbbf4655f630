"""Repository identity and host metadata, and what the source could not list or read.

Paths the source skipped (a link to a folder, a link into an uninstalled ``node_modules/``) and its
notices (history not read, a ``.git`` pointing elsewhere) are facts, not problems: only a file
some collector needed and could not read is a problem (:func:`scanner.facts.build_facts`).
"""

from __future__ import annotations

import typing as t
from collections.abc import Iterable, Mapping, Sequence

from scanner.collectors.base import Collector, Fragment
from scanner.licences import docbuild
from scanner.licences.content import build_inputs, code_paths
from scanner.snapshot import Notice, Snapshot, reason_fr


class RepositoryCollector(Collector):
    name = "repository"

    def wanted(self, paths: Sequence[str],
               sizes: Mapping[str, int | None] | None = None) -> Iterable[str]:
        return build_inputs(paths, sizes)

    def collect(self, snapshot: Snapshot, facts: Mapping[str, t.Any]) -> Fragment:
        section = snapshot.repo.to_facts()
        section["file_count"] = len(snapshot.files)
        section["truncated"] = snapshot.truncated
        section["folder"] = snapshot.folder
        listing = snapshot.paths()
        texts = {p: text for p in build_inputs(listing, snapshot.files)
                 if (text := snapshot.read_text(p)) is not None}
        # A file not read names no build: its HTML stays code (the rules keep applying).
        section["doc_build"] = docbuild.build_files(listing, texts)
        section["code_files"] = len(code_paths(listing, section["doc_build"]["files"]))
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

