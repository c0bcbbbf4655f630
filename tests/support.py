"""Shared test helpers: the compliant fixture's facts, corpus snapshots, JSON merge patch."""

from __future__ import annotations

import copy
import json
import os
import subprocess
import typing as t
from functools import cache
from pathlib import Path

from scanner.facts import build_facts
from scanner.snapshot import Commit, Snapshot
from scanner.sources.local import local_snapshot
from scanner.sources.memory import snapshot_from_files

TESTS = Path(__file__).parent
REPO_ROOT = TESTS.parent
COMPLIANT = TESTS / "fixtures" / "repos" / "compliant"
GOLDEN = TESTS / "golden"
CORPUS = Path(os.environ.get("CIVISCAN_CORPUS", REPO_ROOT.parent / "shared" / "corpus"))
SIGNED_COMMITS = [
    Commit(sha=f"{i:040x}", message=f"Change {i}\n\nSigned-off-by: Dev <dev@example.gouv.fr>")
    for i in range(1, 21)
]


def git(root: Path, *args: str) -> None:
    """Run git in ``root`` with a fixed identity (tests build real checkouts)."""
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True,
                   env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@x",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@x"})


def compliant_snapshot() -> Snapshot:
    """The compliant fixture as a plain folder, with a fully signed-off history."""
    snapshot = local_snapshot(COMPLIANT, use_git=False)
    snapshot.commit_log = list(SIGNED_COMMITS)
    return snapshot


@cache
def _baseline() -> str:
    return json.dumps(build_facts(compliant_snapshot()))


def baseline_facts() -> dict[str, t.Any]:
    """A fresh copy of the compliant fixture's facts (tests may mutate it)."""
    return t.cast(dict[str, t.Any], json.loads(_baseline()))


def merge_patch(target: t.Any, patch: t.Any) -> t.Any:
    """Overlay ``patch`` on ``target``: objects merge recursively, anything else replaces.

    Unlike RFC 7386, ``null`` *sets* null: facts documents always carry their stable keys
    (``community.readme.path`` is ``null`` when there is no README, never absent), so a case must
    be able to say so. To drop a key, give ``"$delete"`` as its value.
    """
    if not isinstance(patch, dict):
        return copy.deepcopy(patch)
    result = dict(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value == "$delete":
            result.pop(key, None)
        else:
            result[key] = merge_patch(result.get(key), value)
    return result


def corpus_repos() -> list[Path]:
    if not CORPUS.is_dir():
        return []
    return sorted(p for p in CORPUS.iterdir() if (p / "EXPECTED.json").is_file())


def corpus_snapshot(folder: Path) -> Snapshot:
    """A corpus repository: its copied files, and every other listed path without content."""
    listing = [line for line in (folder / "listing.txt").read_text().splitlines() if line]
    files = {}
    for path in folder.rglob("*"):
        rel = path.relative_to(folder).as_posix()
        if path.is_file() and rel not in ("EXPECTED.json", "listing.txt"):
            files[rel] = path.read_bytes()
    name = folder.name.split("__", 1)[-1]
    return snapshot_from_files(files, listing=listing, name=name,
                               full_name=folder.name.replace("__", "/", 1))


def baseline_startup_facts() -> dict[str, t.Any]:
    """The facts of a startup in construction whose declared repository is public: the document
    rules of scope ``startup`` are judged on (their cases overlay it)."""
    return {
        "schema_version": "1",
        "civiscan_version": "0",
        "startup": {
            "id": "mon-suivi-justice", "name": "Mon Suivi Justice", "phase": "construction",
            "phases": [{"name": "investigation", "start": "2020-09-01", "end": "2021-01-31"},
                       {"name": "construction", "start": "2021-02-01", "end": None}],
            "incubator": {"id": "dinum", "title": "Incubateur de la DINUM"},
            "sponsors": ["dap"], "registry": "https://beta.gouv.fr/api/v2.6/startups.json",
            "link": "https://mon-suivi-justice.beta.gouv.fr", "shared_with": [],
        },
        "code": {
            "declared": "https://github.com/betagouv/mon-suivi-justice", "status": "public",
            "kind": "repository", "forge": "github", "host": "github.com",
            "target": "github:betagouv/mon-suivi-justice",
            "detail": {"en": "github:betagouv/mon-suivi-justice is public",
                       "fr": "github:betagouv/mon-suivi-justice est public"},
            "repositories": [{"full_name": "betagouv/mon-suivi-justice",
                              "url": "https://github.com/betagouv/mon-suivi-justice",
                              "visibility": "public", "archived": False}],
            "public_repositories": 1,
        },
        "problems": [],
    }


def golden_run(language: str = "en") -> dict[str, t.Any]:
    """The fixed run document golden reports are rendered from (tests/golden/build_run.py), read
    back as ``civiscan report`` reads it, in ``language``."""
    from scanner.runs.load import read_run, relocalise

    return relocalise(read_run(GOLDEN / "run.json"), language)


def spy_reads(snapshot: Snapshot) -> set[str]:
    """Record every path ``snapshot`` is asked to read from now on (the returned set fills as
    collectors run): a remote source fetches only what collectors declared, so tests compare
    what was read with what was wanted."""
    seen: set[str] = set()
    reader = snapshot.reader

    def spy(path: str) -> bytes | None:
        seen.add(path)
        return reader(path)

    snapshot.reader = spy
    return seen


def api_facts(files: dict[str, str]) -> dict[str, t.Any]:
    """The ``api`` facts of a repository of ``files``, checking that the collector read only
    what it declared it would (what a remote scan fetches)."""
    from scanner.collectors.api_specs import ApiSpecsCollector

    snapshot = snapshot_from_files(files, name="repo")
    collector = ApiSpecsCollector()
    wanted = set(collector.wanted(sorted(files)))
    reads = spy_reads(snapshot)
    api: dict[str, t.Any] = collector.collect(snapshot, {})["api"]
    assert reads <= wanted, sorted(reads - wanted)
    return api
