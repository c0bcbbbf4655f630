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
from scanner.i18n import others
from scanner.licences import dependencies
from scanner.licences.content import DATA_DOCS_LICENCES
from scanner.licences.paths import vendored
from scanner.snapshot import Snapshot

#: Lockfiles read per repository, shallowest first, and the bytes read in all: bounds for a
#: hostile repository (the largest audited repositories hold 8 lockfiles, 3.8 MB in all, read in
#: under a second). Others are listed as not read, and the messages name them.
MAX_LOCKFILES = 20
MAX_LOCKFILE_BYTES = 8_000_000
MAX_LOCKFILES_BYTES = 40_000_000
#: Lockfiles not read named in a message (the facts list them all).
MAX_NAMED_UNREAD = 3

def _why(code: str) -> tuple[str, str]:
    """Why a lockfile was not read, as the coverage note says it (English, French)."""
    mb = f"{MAX_LOCKFILES_BYTES / 1_000_000:g}"
    return {
        "limit": (f"over the limit of {MAX_LOCKFILES} lockfiles read",
                  f"au-delà de la limite de {MAX_LOCKFILES} fichiers lus"),
        "budget": (f"over the {mb} MB read in all",
                   f"au-delà des {mb.replace('.', ',')} Mo lus en tout"),
        "size": ("too large", "trop volumineux"),
        "invalid": ("not valid", "invalide"),
    }.get(code, ("could not be read", "illisible"))


def lockfile_paths(paths: Sequence[str]) -> list[str]:
    """Every lockfile of the repository outside vendored folders, shallowest first."""
    found = [p for p in paths if p.rsplit("/", 1)[-1] in dependencies.LOCKFILES
             and not vendored(p)]
    found.sort(key=lambda p: (p.count("/"), p))
    return found


class DependenciesCollector(Collector):
    name = "dependencies"

    def empty(self) -> Fragment:
        return {"dependencies": empty_section()}

    def wanted(self, paths: Sequence[str],
               sizes: Mapping[str, int | None] | None = None) -> Iterable[str]:
        return lockfile_paths(paths)[:MAX_LOCKFILES]

    def collect(self, snapshot: Snapshot, facts: Mapping[str, t.Any]) -> Fragment:
        section = empty_section()
        problems: list[dict[str, t.Any]] = []
        found: list[dependencies.Dependency] = []
        spent = 0
        for index, path in enumerate(lockfile_paths(snapshot.paths())):
            size = snapshot.size(path) or 0
            why = ("limit" if index >= MAX_LOCKFILES
                   else "size" if snapshot.too_large(path) or size > MAX_LOCKFILE_BYTES
                   else "budget" if spent + size > MAX_LOCKFILES_BYTES else None)
            if why:
                reason = (f"too large ({size:,} bytes)" if why == "size"
                          else f"not read: {_why(why)[0]}")
                section["lockfiles"].append({"path": path, "read": False, "reason": reason,
                                             "why": why})
                continue
            data = snapshot.read(path)
            if data is None:
                unread = snapshot.why_unread(path)
                section["lockfiles"].append({"path": path, "read": False, "why": "unreadable",
                                             "reason": unread.en if unread else "not read"})
                continue
            spent += len(data)
            try:
                items = bounded(path, functools.partial(dependencies.read_lockfile, path, data))
            except ParseError as exc:
                problems.append(exc.to_problem(self.name))
                section["lockfiles"].append({"path": path, "read": False,
                                             "reason": exc.message, "why": "invalid"})
                continue
            section["lockfiles"].append({"path": path, "read": True, "packages": len(items)})
            found.extend(items)
        section.update(coverage(section["lockfiles"]))
        section["licences"] = dependencies.summarise(found, software_licence(
            facts.get("licence") or {}))
        return {"dependencies": section, "problems": problems}


def coverage(lockfiles: Sequence[Mapping[str, t.Any]]) -> dict[str, t.Any]:
    """How many lockfiles were found and read, and a sentence for messages naming those not read
    ("" when every one was read, and no message quotes it): a count of dependencies never states
    a false total."""
    unread = [f for f in lockfiles if not f["read"]]
    note = {"en": "", "fr": ""}
    if unread:
        read = len(lockfiles) - len(unread)
        # "a, b (over the limit of 20 lockfiles read), c (too large)": each reason once, after
        # the paths it applies to; short enough for a message (values are cut at 300 characters).
        shown: list[Mapping[str, t.Any]] = []
        for entry in unread[:MAX_NAMED_UNREAD]:
            if shown and sum(len(f["path"][:100]) + 2 for f in [*shown, entry]) > 200:
                break
            shown.append(entry)
        named: dict[str, list[str]] = {"en": [], "fr": []}
        for n, entry in enumerate(shown):
            path, why = entry["path"][:100], entry.get("why") or "unreadable"
            last = n + 1 == len(shown) or (shown[n + 1].get("why") or "unreadable") != why
            for lang, text in zip(("en", "fr"), _why(why), strict=True):
                named[lang].append(f"{path} ({text})" if last else path)
        more = len(unread) - len(shown)
        note = {"en": f"Lockfiles read: {read} of the {len(lockfiles)} found; not read: "
                      + ", ".join(named["en"]) + (f" and {more} more" if more > 0 else "") + ".",
                "fr": f"Fichiers de verrouillage lus : {read} sur les {len(lockfiles)} trouvés ; "
                      "non lus : " + ", ".join(named["fr"])
                      + (f" et {others(more, 'fr')}" if more > 0 else "")
                      + "."}
    return {"lockfiles_found": len(lockfiles), "lockfiles_unread": len(unread),
            "coverage": note}


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
        **coverage([]),
        "licences": dependencies.summarise([], None),
        "offline": True,
        "not_covered": ["python: no lockfile records dependency licences; not queried "
                        "(civiscan does not use the network for this)"],
    }
