"""A local checkout or folder as a snapshot.

Lists files with git where the folder is a checkout (tracked files, then untracked files that are
not ignored, so ``.gitignore`` is honoured), walks it otherwise. The folder is untrusted: git only
runs on metadata checked first (:mod:`.gitdir`) and with nothing it could execute (:mod:`.git`);
the walk is iterative and capped. Never follows a link out of the root, never opens anything but a
regular file (a FIFO would block forever), and reads at most the size cap.
"""

from __future__ import annotations

import functools
import logging
import os
import re
import stat
from collections import deque
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from scanner.snapshot import (
    BROKEN,
    ESCAPES,
    FILE_HISTORY_DEPTH,
    MAX_FILE_BYTES,
    NOT_REGULAR,
    THROUGH_LINK,
    Commit,
    Notice,
    RepoInfo,
    Snapshot,
    too_large,
)
from scanner.sources import gitdir
from scanner.sources.git import (
    HISTORY_BYTES,
    MAX_COMMIT_BYTES,
    TIMEOUT,
    Git,
    file_revisions,
    installed,
    read_commits,
)
from scanner.sources.gitdir import ConfigEntries, inside, resolve

log = logging.getLogger(__name__)
#: Folders never walked when the folder is not a git checkout.
SKIPPED_DIRS = frozenset({".git", "node_modules", "vendor", ".venv", "venv", "__pycache__",
                          ".tox", ".mypy_cache", ".pytest_cache"})
COMMITS_READ = 100
#: Listing caps: deeper folders and further entries are left out, and the snapshot is truncated.
MAX_DEPTH = 64
MAX_FILES = 250_000
#: Untracked files are listed apart, within this time: a hostile ``.gitignore`` pattern can take
#: git minutes to match, while tracked files need no matching at all.
UNTRACKED_TIMEOUT = 10.0
_CHUNK = 64 * 1024


@dataclass
class _Listing:
    paths: list[str] = field(default_factory=list)
    truncated: bool = False


def _plain_folder(reason_en: str, reason_fr: str) -> Notice:
    return Notice(".git", f"{reason_en}: scanned as a plain folder, without history or remote",
                  f"{reason_fr} : analysé comme un simple dossier, sans historique ni dépôt "
                  "distant")


def _repository(root: Path, notices: list[Notice]) -> tuple[Git, ConfigEntries] | None:
    """git on the checkout that is ``root`` or holds it (a folder of a monorepo), its metadata
    checked first; ``None`` for a plain folder."""
    top = next((f for f in (root, *root.parents) if os.path.lexists(f / ".git")), None)
    if top is None or not installed():
        return None
    # Like git itself, never trust a checkout above the folder that another user owns (a
    # /tmp/.git would otherwise name and date everything under /tmp).
    if top != root and hasattr(os, "getuid") and os.lstat(top / ".git").st_uid != os.getuid():
        return None
    try:
        found = gitdir.locate(top)
        if found is None:
            return None
        git = Git(found.path, top, root)
        if git.run("rev-parse", "--is-inside-work-tree") != b"true\n":
            raise gitdir.Outside(".git is not a usable git repository",
                                 fr=".git n'est pas un dépôt git utilisable")
    except gitdir.Outside as exc:
        # Said of the scanned folder's own .git only: a checkout above it is not what was
        # scanned, and its metadata is no finding about the folder.
        if top == root:
            notices.append(_plain_folder(str(exc), exc.text("fr")))
        else:
            log.info("%s: the checkout at %s is not used: %s", root, top, exc)
        return None
    # A folder its enclosing checkout ignores (``~/.pyenv/versions/...`` lies in pyenv's own
    # checkout) must be walked, not listed as empty.
    if top != root and git.run("check-ignore", "-q", ".") is not None:
        return None
    return git, found.config


def _git_paths(git: Git, *args: str, timeout: float, limit: int) -> _Listing | None:
    """The NUL-separated paths a git command prints, at most ``limit``; ``None`` if git fails or
    takes longer than ``timeout``."""
    listing = _Listing()
    rest = b""
    try:
        with git.stream(*args, timeout=timeout) as run:
            while chunk := run.out.read(_CHUNK):
                *done, rest = (rest + chunk).split(b"\0")
                listing.paths.extend(os.fsdecode(p).rstrip("/") for p in done if p)
                if len(listing.paths) >= limit:
                    del listing.paths[limit:]
                    listing.truncated = True
                    break
    except OSError:
        return None
    if run.expired or (run.returncode != 0 and not listing.truncated):
        return None
    return listing


def _git_listing(git: Git, notices: list[Notice]) -> _Listing | None:
    """Tracked files, then untracked files not ignored; ``None`` when git cannot list them."""
    tracked = _git_paths(git, "ls-files", "-z", "--cached", timeout=TIMEOUT, limit=MAX_FILES)
    if tracked is None:
        notices.append(Notice(".", "git could not list the files: the folder was walked, "
                                   ".gitignore not applied",
                              "git n'a pas pu lister les fichiers : le dossier a été parcouru "
                              "sans appliquer .gitignore"))
        return None
    room = MAX_FILES - len(tracked.paths)
    untracked = _git_paths(git, "ls-files", "-z", "--others", "--exclude-standard",
                           timeout=UNTRACKED_TIMEOUT, limit=room) if room > 0 else _Listing(
                               truncated=True)
    if untracked is None:
        seconds = f"{UNTRACKED_TIMEOUT:g}"
        notices.append(Notice(
            ".gitignore",
            f"untracked files not listed: git did not match them against the ignore patterns "
            f"within {seconds} s; tracked files only",
            f"fichiers non suivis non listés : git n'a pas pu les comparer aux motifs d'exclusion "
            f"en {seconds} s ; seuls les fichiers suivis sont analysés"))
        untracked = _Listing()
    listing = _Listing(sorted({*tracked.paths, *untracked.paths}),
                       tracked.truncated or untracked.truncated)
    if listing.truncated:
        notices.append(_cut(MAX_FILES))
    return listing


def _walk(root: Path, notices: list[Notice]) -> _Listing:
    """Every file, link and special file under ``root``, shallowest first; links to folders are
    listed, never walked. Iterative, so no depth exhausts the stack; capped in depth and in
    entries (folders count too: a million empty folders is no cheaper to walk)."""
    listing = _Listing()
    too_deep, first_too_deep = 0, ""
    budget = MAX_FILES
    cut = False
    queue = deque([("", 0)])
    while queue and not cut:
        if budget == 0:  # folders left unread
            cut = True
            break
        rel, depth = queue.popleft()
        try:
            with os.scandir(root / rel) as found:
                entries = list(islice(found, budget + 1))
        except OSError as exc:
            notices.append(Notice(rel or ".", f"folder cannot be read: {exc.strerror}",
                                  f"dossier illisible : {exc.strerror}"))
            continue
        cut = len(entries) > budget
        del entries[budget:]
        budget -= len(entries)
        for entry in sorted(entries, key=lambda e: e.name):
            child = f"{rel}/{entry.name}" if rel else entry.name
            if not _is_folder(entry):
                if entry.name != ".git":  # a gitdir: file
                    listing.paths.append(child)
            elif entry.name in SKIPPED_DIRS:
                continue
            elif depth >= MAX_DEPTH:
                too_deep, first_too_deep = too_deep + 1, first_too_deep or child
            else:
                queue.append((child, depth + 1))
    if cut:
        listing.truncated = True
        notices.append(_cut(MAX_FILES))
    if too_deep:
        listing.truncated = True
        notices.append(Notice(
            first_too_deep,
            f"{too_deep} folder(s) nested more than {MAX_DEPTH} deep not listed",
            f"{too_deep} dossier(s) imbriqué(s) à plus de {MAX_DEPTH} niveaux non listé(s)",
            cuts_listing=True))
    return listing


def _cut(count: int) -> Notice:
    return Notice(".", f"listing stopped after {count} entries: the scan is partial",
                  f"liste arrêtée après {count} entrées : l'analyse est partielle",
                  cuts_listing=True)


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False


def _valid(rel: str) -> bool:
    """A repository-relative POSIX path (a crafted index can list ``../x`` or ``/etc/x``)."""
    return bool(rel) and not rel.startswith("/") and all(
        part not in ("", ".", "..") for part in rel.split("/"))


def _parent_inside(root: Path, rel: str, folders: dict[str, bool]) -> bool:
    """The folder of ``rel`` really lies inside the root (git lists index paths even where the
    work tree now has a link to elsewhere); ``folders`` caches the answer per folder."""
    parent = rel.rpartition("/")[0]
    if parent and parent not in folders:
        real = resolve(root / parent)
        folders[parent] = real is not None and inside(root, real)
    return not parent or folders[parent]


#: What :func:`_classify` says of a folder git lists: a submodule (or a nested repository), which
#: is another repository, not a file of this one; remote sources do not list them either.
SUBMODULE = "submodule"


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
    if stat.S_ISDIR(info.st_mode):
        return None, SUBMODULE, None
    if stat.S_ISLNK(info.st_mode):
        # Where the link points is decided before anything outside is looked at: a link leaving
        # the root escapes, whether or not its target exists there.
        try:
            pointed = Path(os.path.realpath(path))
        except (OSError, ValueError, RecursionError):
            pointed = None
        if pointed is not None and not inside(root, pointed):
            return None, ESCAPES, None
        real = resolve(path)
        if real is None:
            return None, BROKEN, None
        if not inside(root, real):
            return None, ESCAPES, None
        info = os.stat(real)
        target = real.relative_to(root).as_posix()
    if not stat.S_ISREG(info.st_mode):
        return None, NOT_REGULAR, None
    return info.st_size, None, target


_SCHEME_URL = re.compile(r"^(?P<scheme>[a-z][a-z0-9+.-]*)://(?:[^/?#]*@)?(?P<host>[^/?#]*)"
                         r"(?P<path>[^?#]*)", re.IGNORECASE)
_SCP_URL = re.compile(r"^(?:[^@/\s]+@)?(?P<host>[^:/\s]+):(?P<path>[^?#\s]*)")
_HOST = re.compile(r"^[A-Za-z0-9.-]+(?::\d{1,5})?$")


def _remote(url: str) -> tuple[str | None, str | None]:
    """(full name, web URL) of a hosted remote, or ``None`` where it names no owner.

    Built from the host and path only: userinfo (``https://x-access-token:…@``), a query
    (``?private_token=…``) and a fragment never reach them.
    """
    match = _SCHEME_URL.match(url) or _SCP_URL.match(url)
    if not match or not _HOST.match(match["host"]):
        return None, None
    path = re.sub(r"\.git$", "", match["path"].strip("/"), flags=re.IGNORECASE)
    if not path or "@" in path or any(p in ("", ".", "..") for p in path.split("/")):
        return None, None
    # Only a hosted remote names an owner (a clone of a local folder does not); GitLab groups
    # nest, so the full name is the whole path.
    full_name = path if "/" in path else None
    https = "scheme" in match.groupdict() and match["scheme"].lower() == "https"
    return full_name, f"https://{match['host']}/{path}" if https else None


def _identity(root: Path, repository: tuple[Git, ConfigEntries] | None) -> RepoInfo:
    name = full_name = root.name
    url = head = branch = None
    if repository:
        git, config = repository
        head = (git.run("rev-parse", "--verify", "-q", "HEAD") or b"").decode().strip() or None
        branch = (git.run("symbolic-ref", "--short", "-q", "HEAD") or b"").decode(
            "utf-8", "replace").strip() or None
        hosted, url = _remote(gitdir.first_value(config, "remote.origin.url") or "")
        if hosted:
            full_name = hosted
            name = full_name.rsplit("/", 1)[1]
    return RepoInfo(name=name, full_name=full_name, url=url, default_branch=branch, head=head,
                    source="local")


def _history(git: Git, notices: list[Notice]) -> list[Commit] | None:
    read = read_commits(git, COMMITS_READ)
    if read is None:
        return None
    commits, cut = read
    if cut:
        per, most = MAX_COMMIT_BYTES // 2**20, HISTORY_BYTES // 2**20
        notices.append(Notice(
            ".git",
            f"commit history read in part ({len(commits)} commits): the others are larger than "
            f"{per} MB each or {most} MB in all, unreadable, or git was too slow",
            f"historique des commits lu en partie ({len(commits)} commits) : les autres dépassent "
            f"{per} Mo chacun ou {most} Mo au total, sont illisibles, ou git a été trop lent"))
    return commits


def _revisions(git: Git, path: str) -> list[tuple[str, bytes | None]] | None:
    return file_revisions(git, path, FILE_HISTORY_DEPTH)


def _shallow(git: Git) -> bool:
    return (git.run("rev-parse", "--is-shallow-repository") or b"").strip() == b"true"


class _Reader:
    """Reads one file with the same checks as the listing, at read time (files can change)."""

    def __init__(self, root: Path, cap: int) -> None:
        self.root = root
        self.cap = cap
        #: Why a read failed (the snapshot's ``read_errors``): a file that cannot be read is
        #: never taken for a missing one.
        self.errors: dict[str, str] = {}

    def __call__(self, rel: str) -> bytes | None:
        real = resolve(self.root / rel)
        if real is None or not inside(self.root, real):
            self.errors[rel] = BROKEN if real is None else ESCAPES
            return None
        try:
            fd = os.open(real, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
        except OSError as exc:
            self.errors[rel] = f"cannot be read: {exc.strerror}"
            return None
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                self.errors[rel] = NOT_REGULAR
                return None
            with os.fdopen(fd, "rb", closefd=False) as handle:
                data = handle.read(self.cap + 1)
        except OSError as exc:
            self.errors[rel] = f"cannot be read: {exc.strerror}"
            return None
        finally:
            os.close(fd)
        if len(data) > self.cap:
            self.errors[rel] = too_large(len(data), self.cap)[0]
            return None
        return data


def _checkout_licences(git: Git, cap: int) -> dict[str, bytes]:
    """The licence files at the root of the checkout a scanned folder lies in, read with the
    scan's own checks (regular files inside the checkout, size-capped): a monorepo's folder is
    under the root's licence unless it has its own."""
    from scanner.collectors.licence import licence_paths

    top = git.work_tree
    try:
        with os.scandir(top) as found:
            names = sorted(e.name for e in islice(found, MAX_FILES) if e.name != ".git")
    except OSError:
        return {}
    reader = _Reader(top, cap)
    read = {rel: reader(rel) for rel in licence_paths(names)[0]}
    return {rel: data for rel, data in read.items() if data is not None}


def local_snapshot(path: Path, *, max_file_bytes: int = MAX_FILE_BYTES,
                   with_commits: bool = True, use_git: bool = True) -> Snapshot:
    """Snapshot of the folder ``path`` (which the caller has checked exists).

    ``use_git=False`` treats the folder as a plain tree even inside a checkout (test fixtures
    must not take the identity and history of the repository that holds them).
    """
    root = Path(os.path.realpath(path))
    notices: list[Notice] = []
    repository = _repository(root, notices) if use_git else None
    listing = _git_listing(repository[0], notices) if repository else None
    if listing is None:
        listing = _walk(root, notices)
    files: dict[str, int | None] = {}
    skipped: dict[str, str] = {}
    links: dict[str, str] = {}
    folders: dict[str, bool] = {}
    invalid = [rel for rel in listing.paths if not _valid(rel)]
    if invalid:
        notices.append(Notice(invalid[0], f"{len(invalid)} listed path(s) outside the repository "
                                          "ignored",
                              f"{len(invalid)} chemin(s) listé(s) hors du dépôt ignoré(s)"))
    for rel in listing.paths:
        if not _valid(rel):
            continue
        if not _parent_inside(root, rel, folders):
            files[rel] = None
            skipped[rel] = THROUGH_LINK
            continue
        if not os.path.lexists(root / rel):  # tracked but deleted in the work tree
            continue
        size, reason, target = _classify(root, rel)
        if reason == SUBMODULE:
            continue
        files[rel] = size
        if reason:
            skipped[rel] = reason
        if target:
            links[rel] = target
    reader = _Reader(root, max_file_bytes)
    snapshot = Snapshot(
        repo=_identity(root, repository),
        files=files,
        reader=reader,
        truncated=listing.truncated,
        skipped=skipped,
        links=links,
        commit_log=_history(repository[0], notices) if repository and with_commits else None,
        shallow=repository is not None and _shallow(repository[0]),
        revisions=(functools.partial(_revisions, repository[0])
                   if repository and with_commits else None),
        max_file_bytes=max_file_bytes,
        notices=notices,
        read_errors=reader.errors,
    )
    if repository and repository[0].work_tree != root:
        # A folder of a checkout (a monorepo's package): the checkout's history (above) and
        # root licence apply to it, and the facts say which folder this is.
        git = repository[0]
        snapshot.folder = root.relative_to(git.work_tree).as_posix()
        hosted = "/" in snapshot.repo.full_name  # else the folder's own name: say the checkout's
        snapshot.inherited_from = snapshot.repo.full_name if hosted else git.work_tree.name
        snapshot.inherited = _checkout_licences(git, max_file_bytes)
    return snapshot
