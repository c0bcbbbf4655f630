"""A snapshot built from a dict of files: what tests and the corpus harness scan."""

from __future__ import annotations

from collections.abc import Mapping

from scanner.snapshot import Commit, RepoInfo, Snapshot


def snapshot_from_files(
    files: Mapping[str, bytes | str],
    *,
    name: str = "demo",
    full_name: str | None = None,
    listing: list[str] | None = None,
    commits: list[Commit] | None = None,
    repo: RepoInfo | None = None,
    links: dict[str, str] | None = None,
) -> Snapshot:
    """``files`` are contents by path; ``listing`` adds paths that exist without content.

    Paths listed but not given read as ``None``, as a remote file that was never fetched would.
    """
    blobs = {path: data.encode() if isinstance(data, str) else data for path, data in files.items()}
    sizes: dict[str, int | None] = {path: None for path in listing or ()}
    sizes.update({path: len(data) for path, data in blobs.items()})
    info = repo or RepoInfo(name=name, full_name=full_name or name, source="local")
    return Snapshot(repo=info, files=sizes, reader=blobs.get, commit_log=commits,
                    links=dict(links or {}))
