"""Repository identity and host metadata, and what the source could not list or read.

Paths the source skipped (a link to a folder, a link into an uninstalled ``node_modules/``) and its
notices (history not read, a ``.git`` pointing elsewhere) are facts, not problems: only a file
some collector needed and could not read is a problem (:func:`scanner.facts.build_facts`).
"""

from __future__ import annotations

import typing as t
from collections.abc import Iterable, Mapping

from scanner.apispecs.frameworks import ecosystem_of
from scanner.collectors.base import Collector, Fragment
from scanner.licences.content import site_files
from scanner.licences.headers import SOURCE_EXTENSIONS
from scanner.snapshot import Notice, Snapshot, reason_fr


class RepositoryCollector(Collector):
    name = "repository"

    def collect(self, snapshot: Snapshot, facts: Mapping[str, t.Any]) -> Fragment:
        section = snapshot.repo.to_facts()
        section["file_count"] = len(snapshot.files)
        section["truncated"] = snapshot.truncated
        section["folder"] = snapshot.folder
        section["code_files"] = code_files(snapshot.files)
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


def code_files(paths: Iterable[str]) -> int:
    """Files of code or package manifests: a repository with none (a policy text, a help desk,
    a data set) has no service to install, run or secure. A documentation site's tooling (its
    generator's configuration, theme templates, static assets) is no code, and the manifests
    of a repository holding nothing else only install that generator."""
    listing = list(paths)
    site = site_files(listing)
    code = manifests = 0
    for path in listing:
        name = path.rsplit("/", 1)[-1]
        extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
        if ecosystem_of(path) is not None:
            manifests += 1
        elif extension in SOURCE_EXTENSIONS and path not in site:
            code += 1
    return code + manifests if code or not site else 0
