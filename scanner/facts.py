"""Snapshot -> facts document: runs every collector in order and merges their fragments."""

from __future__ import annotations

import logging
import typing as t
from collections.abc import Mapping, Sequence

from scanner import __version__
from scanner.collectors import COLLECTORS
from scanner.collectors.base import Collector
from scanner.config import FILE_NAME as REPOSITORY_CONFIG
from scanner.snapshot import Snapshot

FACTS_SCHEMA_VERSION = "1"

log = logging.getLogger(__name__)


def wanted_paths(files: Mapping[str, int | None],
                 collectors: Sequence[Collector] = COLLECTORS) -> set[str]:
    """Every path some collector will read (from the listing and sizes alone): exactly what a
    remote source must fetch."""
    paths = sorted(files)
    wanted: set[str] = set()
    for collector in collectors:
        wanted.update(collector.wanted(paths, files))
    if REPOSITORY_CONFIG in files:  # its waivers are applied by the run (scanner.run)
        wanted.add(REPOSITORY_CONFIG)
    return wanted


def build_facts(snapshot: Snapshot, collectors: Sequence[Collector] = COLLECTORS) -> dict[str, t.Any]:
    """The facts document of one repository.

    A collector that crashes costs its own section only: the crash becomes a ``problems`` entry
    and the section keeps its empty default, so one bug never loses what the others observed.
    """
    facts: dict[str, t.Any] = {
        "schema_version": FACTS_SCHEMA_VERSION,
        "civiscan_version": __version__,
        "dependencies": {},
        # Set by the run when the repository was reached through a startup registry.
        "startup": None,
        "problems": [],
    }
    for collector in collectors:
        try:
            fragment = collector.collect(snapshot, facts)
        except Exception as exc:  # a collector bug must not lose the other sections
            log.debug("collector %s failed", collector.name, exc_info=True)
            facts["problems"].append({
                "source": collector.name, "path": "", "line": None,
                "message": f"internal error in the {collector.name} collector: {exc!r}",
            })
            facts.update(collector.empty())
            continue
        problems = fragment.pop("problems", [])
        facts.update(fragment)
        facts["problems"].extend(problems)
    facts["problems"].extend(_unread(snapshot, wanted_paths(snapshot.files, collectors),
                                     {p["path"] for p in facts["problems"]}))
    for problem in facts["problems"]:
        # One line per file, so a message names each file with its own reason.
        where = f"{problem['path']}:{problem['line']}" if problem.get("line") else problem["path"]
        problem["summary"] = f"{where} ({problem['message']})"
        problem["summary_fr"] = f"{where} ({problem.get('message_fr') or problem['message']})"
    return facts


def _unread(snapshot: Snapshot, wanted: set[str], reported: set[str]) -> list[dict[str, t.Any]]:
    """A problem for each file some collector wanted but could not read (skipped by the source,
    over the size cap, refused when read) that the collector did not report itself. Other skipped paths are
    facts (``repository.skipped``): nothing needed them."""
    problems = []
    for path in sorted(wanted - reported):
        why = snapshot.why_unread(path)
        if why is None:
            continue
        problems.append({"source": "repository", "path": path, "line": None, "message": why.en,
                         "message_fr": why.fr})
    return problems
