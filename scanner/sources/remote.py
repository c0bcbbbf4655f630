"""What GitHub and GitLab crawls share: from a forge's listing to the same ``Snapshot`` a local
checkout gives, fetching exactly the blobs collectors read, in batches across repositories.

A forge adapter (``github.py``, ``gitlab.py``) only knows how to list repositories, fetch a tree
and fetch blobs; everything else lives here, once:

1. a listing entry whose facts are cached under (repository, HEAD, metadata, civiscan version)
   costs nothing more;
2. trees come from the cache by tree id, else from the forge (concurrently);
3. symlink targets are read first (a link's size and role are its target's, as on disk);
4. the blobs of ``wanted_paths`` (decided from the listing alone) are fetched in one batched round
   for the whole page of repositories, by object id, skipping what the cache holds;
5. facts are built with a reader that records what it was not handed; those files (the local
   ``$ref`` targets of a multi-file API description, say) come in a second batched round, and only
   the repositories that missed something are built again.
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
import logging
import posixpath
import typing as t
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from scanner import __version__
from scanner.community import locate
from scanner.config import FILE_NAME as REPOSITORY_CONFIG
from scanner.errors import CiviscanError, ScanError
from scanner.facts import build_facts, wanted_paths
from scanner.snapshot import (
    BROKEN,
    ESCAPES,
    MAX_FILE_BYTES,
    NOT_REGULAR,
    UNRESOLVED,
    Commit,
    Notice,
    RepoInfo,
    Snapshot,
)
from scanner.sources.cache import Cache

log = logging.getLogger(__name__)

#: Symlinks resolved per repository (each costs a tiny blob); the rest are reported, not guessed.
MAX_LINKS = 200
#: Rounds of "files only reading reveals" before a miss is left unread.
MAX_ROUNDS = 3


#: Said of a repository whose tree the host cut and the forge adapter could not complete.
TRUNCATED = Notice(".", "the host cut the file listing and it could not be completed: files past "
                        "the cut were not seen, so the scan is partial",
                   "l'hôte a tronqué la liste des fichiers et elle n'a pas pu être complétée : les "
                   "fichiers au-delà n'ont pas été vus, l'analyse est partielle", cuts_listing=True)


@dataclass
class Filters:
    """Which listed repositories are scanned."""

    include_forks: bool = False
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    limit: int | None = None

    def keep(self, info: RepoInfo) -> bool:
        name = info.name.lower()
        if info.fork and not self.include_forks:
            return False
        if self.include and not any(fnmatch.fnmatch(name, p.lower()) for p in self.include):
            return False
        if any(fnmatch.fnmatch(name, p.lower()) for p in self.exclude):
            return False
        return not self.topics or bool({t.lower() for t in info.topics} & {t.lower() for t in self.topics})


@dataclass(frozen=True)
class Entry:
    """One entry of a git tree, as every forge describes it."""

    path: str
    mode: str
    oid: str
    size: int | None = None

    @property
    def kind(self) -> str:
        if self.mode == "120000":
            return "link"
        if self.mode == "160000":
            return "submodule"
        if self.mode.startswith("04") or self.mode == "40000":
            return "tree"
        return "blob"


@dataclass
class Tree:
    entries: list[Entry]
    truncated: bool = False

    def to_json(self) -> dict[str, t.Any]:
        return {"truncated": self.truncated,
                "entries": [[e.path, e.mode, e.oid, e.size] for e in self.entries]}

    @classmethod
    def from_json(cls, data: Mapping[str, t.Any]) -> Tree:
        return cls([Entry(*row) for row in data["entries"]], bool(data["truncated"]))


@dataclass
class Listed:
    """A repository as the forge's listing describes it, before any file is fetched."""

    info: RepoInfo
    tree_oid: str | None
    commits: list[Commit] | None
    #: Forge-specific handle (owner/name, project id …) the adapter uses to fetch.
    handle: t.Any = None
    error: CiviscanError | None = None


@dataclass
class Item:
    """What a source hands to the run: facts ready, a snapshot to build them from, or an error."""

    info: RepoInfo
    snapshot: Snapshot | None = None
    facts: dict[str, t.Any] | None = None
    error: CiviscanError | None = None
    #: The repository's own ``.civiscan.yml`` when ``facts`` come ready (its waivers are the run's).
    own_config: bytes | None = None


class Fetched(t.NamedTuple):
    """What ``Forge.blobs`` returns."""

    contents: dict[str, bytes]
    #: Object ids that could not be fetched (the repository is then not scored).
    failed: set[str]
    #: Sizes of blobs left unfetched because they are over the size cap: a tree that gives no
    #: sizes (GitLab's) learns them here, so such files are reported too large, as on disk.
    oversize: dict[str, int]


def tree_key(host: str, tree_oid: str | None) -> str:
    """Cache key of a tree listing: tree ids (GitLab: commit ids) are scoped to one host."""
    return f"tree:{host}:{tree_oid}"


class Forge(t.Protocol):
    """What an adapter provides; ``host`` scopes object ids in the cache."""

    @property
    def host(self) -> str: ...

    def tree(self, listed: Listed) -> Tree: ...

    def complete(self, listed: Listed) -> None:
        """Fill in what the listing did not give (GitLab: the commit messages), in place; called
        for every repository whose facts are not cached, whether or not its tree is."""
        ...

    def blobs(self, wants: Sequence[tuple[Listed, str]]) -> Fetched:
        """Fetch blobs by object id; never a blob over ``MAX_FILE_BYTES`` when the tree did
        not give its size (report it in ``oversize`` instead)."""
        ...


@dataclass
class Layout:
    """A tree turned into what ``Snapshot`` needs, links resolved as the local source does."""

    files: dict[str, int | None] = field(default_factory=dict)
    oids: dict[str, str] = field(default_factory=dict)
    links: dict[str, str] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)

    def learn(self, blobs: Mapping[str, bytes], oversize: Mapping[str, int]) -> None:
        """Sizes the tree did not give, from the blobs fetched (exact: their length)."""
        for path, oid in self.oids.items():
            if self.files.get(path) is None:
                if oid in blobs:
                    self.files[path] = len(blobs[oid])
                elif oid in oversize:
                    self.files[path] = oversize[oid]


def _link_pending(tree: Tree) -> list[Entry]:
    return [e for e in tree.entries if e.kind == "link"][:MAX_LINKS]


def layout(tree: Tree, link_targets: Mapping[str, bytes | None]) -> Layout:
    """Files, sizes and object ids; symlinks resolved inside the tree (chains followed), escaping,
    broken or folder links skipped with the local source's reasons."""
    out = Layout()
    blobs = {e.path: e for e in tree.entries if e.kind == "blob"}
    folders = {e.path for e in tree.entries if e.kind == "tree"}
    for entry in tree.entries:
        if entry.kind == "blob":
            out.files[entry.path] = entry.size
            out.oids[entry.path] = entry.oid
        # A submodule is another repository, not a file of this one (a checkout leaves it an
        # empty folder or nothing): it is neither listed nor reported.
    links = {e.path: e for e in tree.entries if e.kind == "link"}
    for path, entry in links.items():
        out.files[path] = None
        target = _resolve(path, link_targets, links)
        if target is None:
            out.skipped[path] = (BROKEN if entry.oid in link_targets or path in link_targets
                                 else UNRESOLVED)
        elif target == "..":
            out.skipped[path] = ESCAPES
        elif target in blobs:
            out.files[path] = blobs[target].size
            out.oids[path] = blobs[target].oid
            out.links[path] = target
        elif target in folders or target == "":
            out.skipped[path] = NOT_REGULAR
        else:
            out.skipped[path] = BROKEN
    return out


def _resolve(path: str, targets: Mapping[str, bytes | None], links: Mapping[str, Entry]) -> str | None:
    """Repository path a link ends at; ``..`` when it leaves the root; ``None`` if unknown."""
    current = path
    for _ in range(40):
        raw = targets.get(current)
        if raw is None:
            return None
        text = raw.decode("utf-8", errors="replace")
        if text.startswith("/"):
            return ".."
        joined = posixpath.normpath(posixpath.join(posixpath.dirname(current), text))
        if joined == ".." or joined.startswith("../"):
            return ".."
        joined = "" if joined == "." else joined
        # A link through a linked folder is resolved one component at a time.
        parts = joined.split("/")
        for i in range(1, len(parts)):
            prefix = "/".join(parts[:i])
            if prefix in links:
                inner = _resolve(prefix, targets, links)
                if inner is None or inner == "..":
                    return inner
                joined = posixpath.normpath("/".join([inner, *parts[i:]])) if inner else \
                    "/".join(parts[i:])
                break
        if joined in links:
            current = joined
            continue
        return joined
    return None


def facts_key(host: str, listed: Listed, extra: str = "") -> str:
    """Facts depend on the commit (its tree and its history) and the host's metadata, nothing
    else; the key is known from the listing alone."""
    digest = hashlib.sha256()
    digest.update(json.dumps([host, __version__, listed.info.to_facts(), listed.tree_oid, extra],
                             sort_keys=True).encode())
    return "facts:" + digest.hexdigest()


class _Reader:
    """Reads fetched blobs; records a listed file it was not handed (a miss) instead of guessing."""

    def __init__(self, lay: Layout, blobs: Mapping[str, bytes]) -> None:
        self.lay = lay
        self.blobs = blobs
        self.missed: set[str] = set()

    def __call__(self, path: str) -> bytes | None:
        oid = self.lay.oids.get(path)
        if oid is None:
            return None
        data = self.blobs.get(oid)
        if data is None:
            self.missed.add(oid)
        return data


@dataclass(frozen=True)
class Defaults:
    """Community files of an owner's shared ``.github`` repository (paths there -> contents)."""

    origin: str
    head: str
    files: dict[str, bytes]


@dataclass
class Crawl:
    """Turns listing pages into items for one forge, with the cache and batching."""

    forge: Forge
    cache: Cache
    workers: int = 4
    max_file_bytes: int = MAX_FILE_BYTES
    defaults: Defaults | None = None

    @property
    def extra_key(self) -> str:
        return f"{self.defaults.origin}@{self.defaults.head}" if self.defaults else ""

    def load_defaults(self, listed: Listed) -> Defaults | None:
        """The community files GitHub would show from ``listed`` (an owner's ``.github``)."""
        if listed.error is not None:
            return None
        outcome = self._trees([listed])[index_key(listed)]
        if isinstance(outcome, CiviscanError):
            raise outcome
        paths = sorted(e.path for e in outcome.entries if e.kind == "blob")
        chosen = {locate.find_role(paths, role).path
                  for role in ("contributing", "code_of_conduct", "security_policy")}
        chosen |= set(locate.issue_templates(paths)) | set(locate.pull_request_templates(paths))
        oids = {e.path: e.oid for e in outcome.entries
                if e.path in chosen and (e.size is None or e.size <= self.max_file_bytes)}
        blobs = self._fetch((listed, oid) for oid in oids.values()).contents
        files = {path: blobs[oid] for path, oid in oids.items() if oid in blobs}
        return Defaults(listed.info.full_name, listed.info.head or "", files) if files else None

    def items(self, page: Sequence[Listed]) -> Iterator[Item]:
        """Items for one page of listed repositories, in listing order."""
        results: dict[int, Item] = {}
        todo: list[int] = []
        for index, listed in enumerate(page):
            if listed.error is not None:
                results[index] = Item(listed.info, error=listed.error)
                continue
            cached = (self.cache.get("facts", facts_key(self.forge.host, listed, self.extra_key))
                      if listed.tree_oid else None)
            if cached is not None:
                config = cached.get("config")
                results[index] = Item(listed.info, facts=cached["facts"],
                                      own_config=config.encode("latin-1") if config is not None else None)
            else:
                todo.append(index)
        trees = self._trees([page[i] for i in todo])
        ready: list[tuple[int, Listed, Tree]] = []
        for index in todo:
            outcome = trees[index_key(page[index])]
            if isinstance(outcome, CiviscanError):
                results[index] = Item(page[index].info, error=outcome)
            else:
                ready.append((index, page[index], outcome))
        for index, item in self._build(ready):
            results[index] = item
        for index in range(len(page)):
            yield results[index]

    def _trees(self, listed: Sequence[Listed]) -> dict[str, Tree | CiviscanError]:
        """Trees (the cache first) and whatever else the forge must complete, concurrently."""

        def fetch(entry: Listed) -> tuple[Listed, Tree | CiviscanError]:
            key = tree_key(self.forge.host, entry.tree_oid)
            try:
                self.forge.complete(entry)
                data = self.cache.get("trees", key) if entry.tree_oid else None
                if data is not None:
                    return entry, Tree.from_json(data)
                tree = self.forge.tree(entry)
            except CiviscanError as exc:
                return entry, exc
            if entry.tree_oid and not tree.truncated:
                self.cache.put("trees", key, tree.to_json())
            return entry, tree

        with ThreadPoolExecutor(max_workers=max(1, self.workers)) as pool:
            return {index_key(entry): tree for entry, tree in pool.map(fetch, listed)}

    def _fetch(self, wants: Iterable[tuple[Listed, str]]) -> Fetched:
        """Blobs by oid: the cache first, then one batched round for the rest."""
        wants = list(wants)
        have = self.cache.blobs(oid for _, oid in wants)
        seen: set[str] = set(have)
        rest: list[tuple[Listed, str]] = []
        for listed, oid in wants:
            if oid not in seen:
                seen.add(oid)
                rest.append((listed, oid))
        if not rest:
            return Fetched(have, set(), {})
        fetched = self.forge.blobs(rest)
        self.cache.put_blobs(fetched.contents)
        have.update(fetched.contents)
        return Fetched(have, fetched.failed, fetched.oversize)

    def _build(self, ready: Sequence[tuple[int, Listed, Tree]]) -> Iterator[tuple[int, Item]]:
        # Round 0: symlink targets, so that links have their target's size and role.
        link_wants = [(listed, e.oid) for _, listed, tree in ready for e in _link_pending(tree)]
        link_blobs = self._fetch(link_wants).contents if link_wants else {}
        layouts: dict[int, Layout] = {}
        wanted: dict[int, set[str]] = {}
        wants: list[tuple[Listed, str]] = []
        for index, listed, tree in ready:
            targets = {e.path: link_blobs.get(e.oid) for e in _link_pending(tree)}
            lay = layouts[index] = layout(tree, targets)
            wanted[index] = set()
            for path in sorted(wanted_paths(lay.files)):
                size = lay.files.get(path)
                if path in lay.oids and path not in lay.skipped and (
                        size is None or size <= self.max_file_bytes):
                    wanted[index].add(lay.oids[path])
                    wants.append((listed, lay.oids[path]))
        blobs, failed, oversize = self._fetch(wants)
        pending = list(ready)
        for round_ in range(MAX_ROUNDS):
            missed: list[tuple[Listed, str]] = []
            retry: list[tuple[int, Listed, Tree]] = []
            for index, listed, tree in pending:
                layouts[index].learn(blobs, oversize)
                item, reader = self._facts(listed, tree, layouts[index], blobs,
                                           failed & wanted[index])
                fresh = reader.missed - failed
                if fresh and round_ < MAX_ROUNDS - 1:
                    wanted[index] |= fresh
                    missed += [(listed, oid) for oid in sorted(fresh)]
                    retry.append((index, listed, tree))
                    continue
                yield index, item
            if not retry:
                return
            more = self._fetch(missed)
            blobs.update(more.contents)
            failed |= more.failed
            oversize.update(more.oversize)
            pending = retry

    def _facts(self, listed: Listed, tree: Tree, lay: Layout, blobs: Mapping[str, bytes],
               failed: set[str]) -> tuple[Item, _Reader]:
        reader = _Reader(lay, blobs)
        snapshot = Snapshot(repo=listed.info, files=dict(lay.files), reader=reader,
                            truncated=tree.truncated, skipped=dict(lay.skipped),
                            links=dict(lay.links), commit_log=listed.commits,
                            max_file_bytes=self.max_file_bytes)
        if tree.truncated:  # never a silent gap: the facts say so, and a rule fails on it
            snapshot.notices.append(TRUNCATED)
        if self.defaults is not None and self.defaults.origin != listed.info.full_name:
            snapshot.inherited = dict(self.defaults.files)
            snapshot.inherited_from = self.defaults.origin
        unread = sorted(p for p, oid in lay.oids.items() if oid in failed)
        if unread:
            error = ScanError(
                f"{len(unread)} file(s) could not be fetched (first: {unread[0]}); not scored "
                "rather than scored on a partial view",
                fr=f"{len(unread)} fichier(s) n'ont pas pu être récupérés (premier : {unread[0]}) ; "
                   "pas de score plutôt qu'un score sur une vue partielle")
            return Item(listed.info, error=error), reader
        facts = build_facts(snapshot)
        config = snapshot.read(REPOSITORY_CONFIG) if REPOSITORY_CONFIG in lay.files else None
        if not reader.missed and not tree.truncated:  # a cut listing may be whole next time
            self.cache.put("facts", facts_key(self.forge.host, listed, self.extra_key),
                           {"facts": facts, "config": None if config is None else
                            config.decode("latin-1")})
        return Item(listed.info, facts=facts, own_config=config), reader


def index_key(listed: Listed) -> str:
    return listed.info.full_name
