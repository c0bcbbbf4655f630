"""A local checkout or folder as a snapshot.

Lists files with git where the folder is a checkout (tracked plus untracked-not-ignored, so
``.gitignore`` is honoured), walks it otherwise. Never follows a link out of the root, never opens
anything but a regular file (a FIFO would block forever), and reads at most the size cap.
"""

from __future__ import annotations

import logging
import os
import re
import stat
import subprocess
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from scanner.snapshot import MAX_FILE_BYTES, Commit, RepoInfo, Snapshot

log = logging.getLogger(__name__)
#: Folders never walked when the folder is not a git checkout.
SKIPPED_DIRS = frozenset({".git", "node_modules", "vendor", ".venv", "venv", "__pycache__",
                          ".tox", ".mypy_cache", ".pytest_cache"})
COMMITS_READ = 100
_GIT_TIMEOUT = 60


def _git(root: Path, *args: str) -> bytes | None:
    """Run a read-only git command; ``None`` if git is missing or says no."""
    try:
        done = subprocess.run(
            ["git", "-C", str(root), "-c", "core.quotepath=off", *args],
            capture_output=True, timeout=_GIT_TIMEOUT, check=False,
            env={**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0"},
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout if done.returncode == 0 else None


def _is_checkout(root: Path) -> bool:
    """Inside a git work tree, and not a folder that tree ignores (``~/.pyenv/versions/...``
    lies in pyenv's own checkout, which ignores it: it must be walked, not listed as empty)."""
    out = _git(root, "rev-parse", "--is-inside-work-tree")
    if out is None or out.strip() != b"true":
        return False
    return _git(root, "check-ignore", "-q", ".") is None


def _git_paths(root: Path) -> list[str] | None:
    out = _git(root, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    if out is None:
        return None
    return sorted({os.fsdecode(p) for p in out.split(b"\0") if p})


def _walk_paths(root: Path) -> list[str]:
    paths = []
    for folder, dirs, files in os.walk(root, followlinks=False):
        dirs[:] = sorted(d for d in dirs if d not in SKIPPED_DIRS)
        rel = Path(folder).relative_to(root)
        for name in files:
            paths.append((rel / name).as_posix())
        # Symlinks to folders are listed as entries (and then skipped), never walked.
        for name in list(dirs):
            if (Path(folder) / name).is_symlink():
                dirs.remove(name)
                paths.append((rel / name).as_posix())
    return sorted(paths)


def _inside(root: Path, target: Path) -> bool:
    try:
        target.relative_to(root)
    except ValueError:
        return False
    return True


def _classify(root: Path, rel: str) -> tuple[int | None, str | None, str | None]:
    """(size, None, link target) for a readable regular file, (None, reason, None) to skip.

    The link target is the repository-relative path an in-repository symlink points to.
    """
    path = root / rel
    target = None
    try:
        info = os.lstat(path)
    except OSError as exc:
        return None, f"cannot be read: {exc.strerror}", None
    if stat.S_ISLNK(info.st_mode):
        real = Path(os.path.realpath(path))
        if not _inside(root, real):
            return None, "symlink escapes the repository; not read", None
        try:
            info = os.stat(real)
        except OSError:
            return None, "broken symlink", None
        target = real.relative_to(root).as_posix()
    if not stat.S_ISREG(info.st_mode):
        return None, "not a regular file; not read", None
    return info.st_size, None, target


def _strip_credentials(url: str) -> str:
    """Remote URLs may embed a token (``https://x-access-token:…@github.com``): never keep it."""
    if "://" not in url:
        return url
    parts = urlsplit(url)
    host = parts.hostname or ""
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))


def _identity(root: Path, checkout: bool) -> RepoInfo:
    name = root.name
    full_name = name
    url = None
    head = branch = None
    if checkout:
        head = (_git(root, "rev-parse", "HEAD") or b"").decode().strip() or None
        branch = (_git(root, "symbolic-ref", "--short", "-q", "HEAD") or b"").decode().strip() or None
        remote = (_git(root, "remote", "get-url", "origin") or b"").decode().strip()
        # Only a hosted remote names an owner (a clone of a local folder does not); GitLab
        # groups nest, so the full name is the whole path.
        hosted = re.match(r"^(?:[a-z][a-z0-9+.-]*://[^/]+/|[^@/\s]+@[^:/\s]+:/?)(.+?)(?:\.git)?/?$",
                          remote or "", re.IGNORECASE)
        if hosted and "/" in hosted.group(1):
            full_name = hosted.group(1)
            name = full_name.rsplit("/", 1)[1]
        if remote:
            clean = _strip_credentials(remote)
            if clean.startswith("https://"):
                url = clean[:-4] if clean.endswith(".git") else clean
    return RepoInfo(name=name, full_name=full_name, url=url, default_branch=branch, head=head,
                    source="local")


def _commits(root: Path) -> list[Commit] | None:
    out = _git(root, "log", f"-n{COMMITS_READ}", "--format=%H%x00%P%x00%an <%ae>%x00%B%x1e")
    if out is None:
        return None
    commits = []
    for record in out.decode("utf-8", errors="replace").split("\x1e"):
        record = record.strip("\n")
        if not record:
            continue
        sha, parents, author, message = ([*record.split("\x00", 3), "", "", ""])[:4]
        commits.append(Commit(sha=sha, message=message, merge=len(parents.split()) > 1,
                              author=author))
    return commits


class _Reader:
    """Reads one file with the same checks as the listing, at read time (files can change)."""

    def __init__(self, root: Path, cap: int) -> None:
        self.root = root
        self.cap = cap

    def __call__(self, rel: str) -> bytes | None:
        real = Path(os.path.realpath(self.root / rel))
        if not _inside(self.root, real):
            return None
        try:
            fd = os.open(real, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
        except OSError:
            return None
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                return None
            with os.fdopen(fd, "rb", closefd=False) as handle:
                data = handle.read(self.cap + 1)
        finally:
            os.close(fd)
        return None if len(data) > self.cap else data


def local_snapshot(path: Path, *, max_file_bytes: int = MAX_FILE_BYTES,
                   with_commits: bool = True, use_git: bool = True) -> Snapshot:
    """Snapshot of the folder ``path`` (which the caller has checked exists).

    ``use_git=False`` treats the folder as a plain tree even inside a checkout (test fixtures
    must not take the identity and history of the repository that holds them).
    """
    root = Path(os.path.realpath(path))
    checkout = use_git and _is_checkout(root)
    listed = _git_paths(root) if checkout else None
    if listed is None:
        listed = _walk_paths(root)
    files: dict[str, int | None] = {}
    skipped: dict[str, str] = {}
    links: dict[str, str] = {}
    for rel in listed:
        if not os.path.lexists(root / rel):  # tracked but deleted in the work tree
            continue
        size, reason, target = _classify(root, rel)
        files[rel] = size
        if reason:
            skipped[rel] = reason
        if target:
            links[rel] = target
    return Snapshot(
        repo=_identity(root, checkout),
        files=files,
        reader=_Reader(root, max_file_bytes),
        skipped=skipped,
        links=links,
        commit_log=_commits(root) if checkout and with_commits else None,
        max_file_bytes=max_file_bytes,
    )
