"""What a source hands on: one repository at one commit, identical for every source.

Collectors only ever see a :class:`Snapshot`; that is what lets a local checkout and a remote
organisation go through the same code after this point.
"""

from __future__ import annotations

import typing as t
from dataclasses import dataclass, field

#: Default cap on the bytes read from one file of a scanned repository.
MAX_FILE_BYTES = 10 * 1024 * 1024

#: Revisions of one file a source reads (:attr:`Snapshot.revisions`) at most.
FILE_HISTORY_DEPTH = 30

#: Why a listed path is not read, in the same words whichever source listed it (a remote scan and
#: a local scan of one commit must agree).
NOT_REGULAR = "not a regular file; not read"
ESCAPES = "symlink escapes the repository; not read"
BROKEN = "broken symlink, or a loop or chain of links too long"


@dataclass(frozen=True)
class RepoInfo:
    """Identity and host metadata; ``None`` where the source cannot know (a local checkout)."""

    name: str
    full_name: str
    url: str | None = None
    default_branch: str | None = None
    head: str | None = None
    archived: bool | None = None
    fork: bool | None = None
    visibility: str | None = None
    description: str | None = None
    topics: tuple[str, ...] = ()
    homepage: str | None = None
    host_licence: str | None = None
    pushed_at: str | None = None
    source: str = "local"

    def to_facts(self) -> dict[str, t.Any]:
        return {
            "name": self.name,
            "full_name": self.full_name,
            "url": self.url,
            "default_branch": self.default_branch,
            "head": self.head,
            "archived": self.archived,
            "fork": self.fork,
            "visibility": self.visibility,
            "description": self.description,
            "topics": list(self.topics),
            "homepage": self.homepage,
            "host_licence": self.host_licence,
            "pushed_at": self.pushed_at,
            "source": self.source,
        }


@dataclass(frozen=True)
class Commit:
    """One commit message on the default branch (for DCO sign-off rates)."""

    sha: str
    message: str
    merge: bool = False
    author: str = ""  # "Name <email>", where the source says


@dataclass(frozen=True)
class Notice:
    """Something a source could not do and why (history not read, listing cut short), in both
    languages; it becomes a ``problems`` entry of the facts."""

    path: str
    en: str
    fr: str


@dataclass
class Snapshot:
    """A repository at HEAD: its listing, and a size-capped reader for its files.

    ``files`` maps every repository-relative POSIX path to its size in bytes (``None`` where the
    host did not say). ``skipped`` maps paths that exist but must not be read (symlinks escaping the
    root, FIFOs, devices) to the reason, so collectors can report them instead of silently
    missing them.
    """

    repo: RepoInfo
    files: dict[str, int | None]
    reader: t.Callable[[str], bytes | None]
    truncated: bool = False
    skipped: dict[str, str] = field(default_factory=dict)
    #: In-repository symlinks: listed path -> the listed path it points to (git mode 120000).
    links: dict[str, str] = field(default_factory=dict)
    commit_log: list[Commit] | None = None
    #: A shallow clone (``actions/checkout`` fetches one commit): ``commit_log`` is cut short.
    shallow: bool = False
    #: The history of one file: (commit, content then) for the last commits that changed it,
    #: newest first; ``None`` where the source cannot read it (remote sources, shallow clones).
    revisions: t.Callable[[str], list[tuple[str, bytes | None]] | None] | None = None
    max_file_bytes: int = MAX_FILE_BYTES
    #: Community files of the owner's shared ``.github`` repository, which GitHub shows where a
    #: repository has none of its own: their paths there -> contents. ``inherited_from`` names
    #: that repository; such a file is read as ``"OWNER/.github:PATH"`` (:meth:`inherited_path`).
    inherited: dict[str, bytes] = field(default_factory=dict)
    inherited_from: str | None = None
    notices: list[Notice] = field(default_factory=list)
    #: The folder scanned when it is not the root of its checkout (``apps/web``): history and
    #: root licence are then the checkout's (the latter ``inherited`` from ``CHECKOUT:LICENSE``).
    folder: str | None = None

    def paths(self) -> list[str]:
        """Every file path at HEAD, sorted."""
        return sorted(self.files)

    def size(self, path: str) -> int | None:
        return self.files.get(path)

    def too_large(self, path: str) -> bool:
        size = self.files.get(path)
        return size is not None and size > self.max_file_bytes

    def inherited_path(self, path: str) -> str:
        """How a file of the shared ``.github`` repository is named in facts and findings."""
        return f"{self.inherited_from}:{path}"

    def is_inherited(self, path: str | None) -> bool:
        return bool(path and self.inherited_from and path.startswith(f"{self.inherited_from}:"))

    def read(self, path: str) -> bytes | None:
        """Bytes of one file, or ``None`` when absent, skipped or over :attr:`max_file_bytes`."""
        if self.is_inherited(path) and path not in self.files:
            return self.inherited.get(path.split(":", 1)[1])
        if path not in self.files or path in self.skipped or self.too_large(path):
            return None
        return self.reader(path)

    def read_text(self, path: str) -> str | None:
        """The file decoded as UTF-8 (BOM stripped, undecodable bytes replaced)."""
        data = self.read(path)
        if data is None:
            return None
        return decode_text(data)

    def file_history(self, path: str) -> list[tuple[str, bytes | None]] | None:
        """See :attr:`revisions`; ``None`` when unknown (a shallow clone cannot know)."""
        if self.revisions is None or self.shallow or path not in self.files:
            return None
        return self.revisions(path)

    def commits(self, n: int = 50) -> list[Commit] | None:
        """The last ``n`` commits, or ``None`` where the source cannot tell."""
        if self.commit_log is None:
            return None
        return self.commit_log[:n]


def decode_text(data: bytes) -> str:
    """Decode repository prose the way editors do: UTF-8 (with or without BOM), UTF-16 with a
    BOM, and, when the bytes are not UTF-8 at all, Windows-1252 (older French READMEs and
    licence files are Latin-1: « Licence » must stay readable, not turn into replacement marks).
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")
