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
THROUGH_LINK = "path goes through a link out of the repository; not read"
#: A remote source could not fetch where a link points.
UNRESOLVED = "symlink not resolved; not read"
#: The same reasons in French, for messages (a local source may add ``cannot be read: …``).
REASONS_FR = {
    NOT_REGULAR: "pas un fichier ordinaire ; non lu",
    ESCAPES: "lien symbolique qui sort du dépôt ; non lu",
    BROKEN: "lien symbolique cassé, ou boucle ou chaîne de liens trop longue",
    THROUGH_LINK: "chemin qui passe par un lien hors du dépôt ; non lu",
    UNRESOLVED: "lien symbolique non résolu ; non lu",
}


def reason_fr(reason: str) -> str:
    """A skip reason in French (an unknown one is kept as it is)."""
    if reason.startswith("cannot be read: "):
        return f"illisible : {reason.removeprefix('cannot be read: ')}"
    return REASONS_FR.get(reason, reason)


def too_large(size: int | None, cap: int) -> tuple[str, str]:
    """Why a file over the size cap was not read, in English and French."""
    en = f"{size:,}" if size is not None else "?"
    fr = en.replace(",", "\u202f")
    return (f"file too large ({en} bytes, limit {cap:,}); not read",
            f"fichier trop volumineux ({fr} octets, limite {cap:,}) ; non lu".replace(
                f"{cap:,}", f"{cap:,}".replace(",", "\u202f")))


@dataclass(frozen=True)
class Unread:
    """Why a listed file could not be read, in both languages (findings quote it)."""

    en: str
    fr: str


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
    languages. Notices are facts (``repository.notices``); those that say why the listing is
    incomplete (``cuts_listing``) are problems too, since collectors may have missed a file."""

    path: str
    en: str
    fr: str
    cuts_listing: bool = False


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
    #: Files the reader failed on at read time (permissions, a link changed since the listing):
    #: path -> reason. The reader fills it as it goes; :meth:`why_unread` reports it.
    read_errors: dict[str, str] = field(default_factory=dict)
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

    def why_unread(self, path: str) -> Unread | None:
        """Why a listed file was not, or could not be, read: skipped by the source, over the size
        cap, or refused at read time. ``None`` for a file that is not listed or that reads (a
        file a remote source was not handed is unknown, not unreadable)."""
        if path not in self.files:
            return None
        if path in self.skipped:
            return Unread(self.skipped[path], reason_fr(self.skipped[path]))
        if self.too_large(path):
            return Unread(*too_large(self.size(path), self.max_file_bytes))
        if path in self.read_errors:
            return Unread(self.read_errors[path], reason_fr(self.read_errors[path]))
        return None

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
