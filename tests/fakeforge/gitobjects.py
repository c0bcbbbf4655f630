"""Real git object ids for a fake repository, so a fake's oids equal a real checkout's.

Blobs, trees and commits are encoded exactly as git stores them (``<type> <size>\\0<body>``,
hashed with SHA-1). Trees sort their entries as git does (a sub-tree sorts as ``name/``) and
encode a sub-tree's mode as ``40000``; the APIs show it as ``040000``.
"""

from __future__ import annotations

import hashlib
import typing as t
from dataclasses import dataclass, field, replace

MODE_FILE = "100644"
MODE_SYMLINK = "120000"
MODE_SUBMODULE = "160000"
MODE_TREE = "040000"
#: Git writes a tree's mode without the leading zero inside tree objects.
_OBJECT_MODE = {MODE_TREE: "40000"}
TYPE_BY_MODE = {MODE_FILE: "blob", MODE_SYMLINK: "blob", MODE_SUBMODULE: "commit", MODE_TREE: "tree"}


def object_id(kind: str, body: bytes) -> str:
    """The SHA-1 git gives an object of ``kind`` ("blob", "tree", "commit") with ``body``."""
    return hashlib.sha1(b"%s %d\0" % (kind.encode(), len(body)) + body).hexdigest()


def blob_oid(data: bytes) -> str:
    return object_id("blob", data)


@dataclass(frozen=True)
class Entry:
    """One tree entry: ``mode`` in the APIs' six-digit form; ``size`` for blobs only."""

    name: str
    path: str
    mode: str
    oid: str
    size: int | None = None

    @property
    def type(self) -> str:
        return TYPE_BY_MODE[self.mode]


def _sort_key(entry: Entry) -> bytes:
    name = entry.name.encode()
    return name + b"/" if entry.mode == MODE_TREE else name


def tree_body(entries: list[Entry]) -> bytes:
    return b"".join(
        b"%s %s\0" % (_OBJECT_MODE.get(e.mode, e.mode).encode(), e.name.encode()) + bytes.fromhex(e.oid)
        for e in entries)


@dataclass(frozen=True)
class CommitObject:
    oid: str
    tree: str
    parents: tuple[str, ...]
    message: str
    author_name: str
    author_email: str
    timestamp: int


def commit_message(message: str) -> str:
    """The message as git stores it: exactly one trailing newline is guaranteed, nothing else."""
    return message if message.endswith("\n") else message + "\n"


def commit_body(tree: str, parents: tuple[str, ...], name: str, email: str, timestamp: int,
                message: str) -> bytes:
    """Author and committer are the same person at the same instant, in UTC."""
    ident = f"{name} <{email}> {timestamp} +0000"
    lines = [f"tree {tree}", *(f"parent {p}" for p in parents), f"author {ident}", f"committer {ident}"]
    return ("\n".join(lines) + "\n\n" + commit_message(message)).encode()


@dataclass
class GitObjects:
    """Every object of one repository's history, computed once."""

    blobs: dict[str, bytes] = field(default_factory=dict)
    trees: dict[str, list[Entry]] = field(default_factory=dict)
    #: Every path (files, links, submodules, directories; "" is the root) to its entry.
    paths: dict[str, Entry] = field(default_factory=dict)
    root: str = ""
    #: Newest first, like the APIs list them.
    commits: list[CommitObject] = field(default_factory=list)

    def commit(self, oid: str) -> CommitObject | None:
        return next((c for c in self.commits if c.oid == oid), None)

    def walk(self, tree_oid: str, recursive: bool, prefix: str = "") -> list[Entry]:
        """Entries of a tree in git order, paths relative to that tree; recursive listings put a
        sub-tree before its contents (as GitHub's ``recursive=1`` does)."""
        out: list[Entry] = []
        for entry in self.trees.get(tree_oid, []):
            entry = replace(entry, path=prefix + entry.name)
            out.append(entry)
            if recursive and entry.mode == MODE_TREE:
                out.extend(self.walk(entry.oid, True, entry.path + "/"))
        return out


def build_objects(files: dict[str, bytes], symlinks: dict[str, str], submodules: dict[str, str],
                  history: list[tuple[str, str, str, int]]) -> GitObjects:
    """``history`` is (message, author name, email, unix time), oldest first; every commit has the
    same tree (the repository as given), which is how ``materialise`` writes it too."""
    objects = GitObjects()
    nested: dict[str, object] = {}
    leaves: dict[str, tuple[str, str, int | None]] = {}
    for path, data in files.items():
        oid = blob_oid(data)
        objects.blobs[oid] = data
        leaves[path] = (MODE_FILE, oid, len(data))
    for path, target in symlinks.items():
        data = target.encode()
        oid = blob_oid(data)
        objects.blobs[oid] = data
        leaves[path] = (MODE_SYMLINK, oid, len(data))
    for path, sha in submodules.items():
        leaves[path] = (MODE_SUBMODULE, sha.lower(), None)
    for path, leaf in leaves.items():
        parts = path.split("/")
        if not path or any(p in ("", ".", "..", ".git") for p in parts):
            raise ValueError(f"invalid path in a fake repository: {path!r}")
        node = nested
        for part in parts[:-1]:
            child = node.setdefault(part, {})
            if not isinstance(child, dict):
                raise ValueError(f"{path!r} lies under a file")
            node = child
        if parts[-1] in node:
            raise ValueError(f"{path!r} is both a file and a folder")
        node[parts[-1]] = leaf
    objects.root = _store_tree(objects, nested, "")
    objects.paths[""] = Entry("", "", MODE_TREE, objects.root)
    parents: tuple[str, ...] = ()
    for message, name, email, timestamp in history:
        body = commit_body(objects.root, parents, name, email, timestamp, message)
        oid = object_id("commit", body)
        objects.commits.insert(0, CommitObject(oid, objects.root, parents, commit_message(message),
                                               name, email, timestamp))
        parents = (oid,)
    return objects


def _store_tree(objects: GitObjects, node: dict[str, object], prefix: str) -> str:
    entries = []
    for name, child in node.items():
        path = prefix + name
        if isinstance(child, dict):
            entry = Entry(name, path, MODE_TREE, _store_tree(objects, child, path + "/"))
        else:
            mode, oid, size = t.cast(tuple[str, str, "int | None"], child)
            entry = Entry(name, path, mode, oid, size)
        objects.paths[path] = entry
        entries.append(entry)
    entries.sort(key=_sort_key)
    oid = object_id("tree", tree_body(entries))
    objects.trees[oid] = entries
    return oid
