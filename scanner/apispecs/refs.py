"""``$ref`` handling under a strict policy: in-document and in-repository references only.

In-document references are checked (the target exists) and pure reference cycles (``A -> B ->
A`` with nothing in between) are reported, because no tool can resolve them; recursion *through*
a schema (a tree node whose children are nodes) is legal and left alone.

A reference to another file of the repository (``schemas/pet.yaml#/Pet``) is resolved against
the repository's listing, through a :class:`RepositoryFiles` view: a target that does not exist
makes the description broken for everyone who reads it, so it is an error. So is a reference
that leaves the repository (``../../etc/passwd``, ``/etc/passwd``, ``file:``): nothing outside
the checkout is ever read. A URL (``http://169.254.169.254/...``) is never fetched: it is listed
as not followed, not counted against the description.
"""

from __future__ import annotations

import posixpath
import typing as t
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from scanner.errors import ParseError
from scanner.parsing import escape_pointer_token, load_data

#: Keys whose values are data, not description: ``$ref`` inside them is not a reference.
_DATA_KEYS = frozenset({"example", "examples", "default", "enum", "const", "x-examples",
                        "value"})  # "value": the data of an Example Object
#: Containers whose keys are names chosen by the author (a property may be called "example").
_NAME_MAPS = frozenset({"properties", "patternProperties", "definitions", "schemas", "$defs",
                        "parameters", "responses", "paths", "headers", "securitySchemes",
                        "requestBodies", "callbacks", "links", "messages", "channels",
                        "components", "operations", "servers"})
#: Most references listed as not followed (the count says how many there were).
MAX_LISTED = 50
#: Most referenced files remembered per description.
MAX_FILES = 50


@dataclass(frozen=True)
class RefIssue:
    """A reference that is broken (``error``) or deliberately not followed (``not_followed``)."""

    pointer: str  # where the $ref is, as a JSON pointer into the description
    ref: str
    reason: str
    error: bool


@dataclass
class RefReport:
    """How many references of each sort, and the ones that are broken or not followed."""

    local: int = 0
    external: int = 0
    issues: list[RefIssue] = field(default_factory=list)
    #: Files of the repository that references resolve into (at most ``MAX_FILES``).
    files: list[str] = field(default_factory=list)


def iter_objects(document: t.Any) -> t.Iterator[tuple[str, dict[str, t.Any], bool]]:
    """``(pointer, object, names)`` of every object of the description proper, iteratively, in
    document order; ``names`` says the object maps author-chosen names (``properties``...).

    Data (``example``, ``default``, ``enum``, ``x-*`` extensions...) is not walked into.
    """
    pending: list[tuple[t.Any, str, str | None]] = [(document, "", None)]
    while pending:
        node, pointer, parent_key = pending.pop()
        if isinstance(node, dict):
            names = parent_key in _NAME_MAPS
            yield pointer, node, names
            # pushed in reverse so that pops walk the document in order
            for key, value in reversed(node.items()):
                if not isinstance(value, (dict, list)):
                    continue
                if not names and (key in _DATA_KEYS or key.startswith("x-")):
                    continue
                pending.append((value, f"{pointer}/{escape_pointer_token(key)}", key))
        elif isinstance(node, list):
            for index in range(len(node) - 1, -1, -1):
                value = node[index]
                if isinstance(value, (dict, list)):  # items of a list are never name maps
                    pending.append((value, f"{pointer}/{index}", None))


def iter_refs(document: t.Any) -> t.Iterator[tuple[str, str]]:
    """``(pointer of the object holding $ref, ref value)`` for every reference."""
    for pointer, node, _names in iter_objects(document):
        ref = node.get("$ref")
        if isinstance(ref, str):
            yield pointer, ref


def resolve_pointer(document: t.Any, fragment: str) -> tuple[bool, t.Any]:
    """Follow a URI fragment (``/components/schemas/Pet``) through the document."""
    node = document
    if not fragment:
        return True, node
    if not fragment.startswith("/"):
        return False, None  # plain-name fragments ($anchor) are not supported here
    for raw in fragment[1:].split("/"):
        token = unquote(raw).replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict) and token in node:
            node = node[token]
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            return False, None
    return True, node


class RepositoryFiles(t.Protocol):
    """What reference checks may know of the repository around a description."""

    def exists(self, path: str) -> bool | None:
        """Is ``path`` (repository-relative, normalised) a file? ``None``: cannot tell."""

    def document(self, path: str) -> tuple[bool, t.Any]:
        """``(True, parsed content)`` of a file that may be read, else ``(False, reason)``;
        the reason is ``None`` for a file that is simply not read here."""


class FolderFiles:
    """:class:`RepositoryFiles` over a folder on disk (benchmarks, tests): never leaves it."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self._parsed: dict[str, tuple[bool, t.Any]] = {}

    def _inside(self, path: str) -> Path | None:
        target = (self.root / path).resolve()
        return target if target.is_relative_to(self.root) and target.is_file() else None

    def exists(self, path: str) -> bool | None:
        return self._inside(path) is not None

    def document(self, path: str) -> tuple[bool, t.Any]:
        if path not in self._parsed:
            target = self._inside(path)
            self._parsed[path] = (False, None) if target is None else parse_target(
                path, target.read_bytes())
        return self._parsed[path]


def parse_target(path: str, data: bytes) -> tuple[bool, t.Any]:
    """A referenced file's content, or why it cannot be used (as :meth:`RepositoryFiles.document`)."""
    try:
        return True, load_data(data, path=path).value
    except ParseError as exc:
        where = f" (line {exc.line})" if exc.line else ""
        return False, f"{path} cannot be parsed{where}: {exc.message}"


@dataclass(frozen=True)
class Verdict:
    reason: str
    error: bool


def file_target(ref: str, spec_path: str) -> str:
    """The repository path a relative file reference points at (``..`` if outside)."""
    relative = unquote(urlsplit(ref).path)
    return posixpath.normpath(posixpath.join(posixpath.dirname(spec_path), relative))


def check_external(ref: str, spec_path: str, files: RepositoryFiles | None) -> Verdict | None:
    """What is wrong with a reference to another file or a URL, or ``None`` when it resolves."""
    parts = urlsplit(ref)
    if parts.scheme in ("http", "https", "ftp", "ws", "wss"):
        return Verdict(f"remote reference ({parts.scheme}) not followed: civiscan never fetches",
                        False)
    if parts.scheme == "file" or ref.startswith("/") or (
            len(parts.scheme) == 1 and parts.scheme.isalpha()):  # C:\... read as a scheme
        return Verdict(f"absolute file reference {ref}: it points outside the repository", True)
    if parts.scheme:
        return Verdict(f"reference with scheme {parts.scheme!r} not followed", False)
    relative = unquote(parts.path)
    if not relative:
        return None  # "?query" or "": this document itself
    target = file_target(ref, spec_path)
    if target == ".." or target.startswith("../"):
        return Verdict(f"file reference {ref}: it points outside the repository", True)
    if files is None:
        return Verdict(f"file reference not followed: {target} "
                        "(only in-document references are resolved)", False)
    exists = files.exists(target)
    if exists is None:
        return Verdict(f"file reference not checked: the listing of the repository is "
                        f"incomplete, {target} may exist", False)
    if not exists:
        return Verdict(f"file reference {ref}: {target} does not exist in the repository", True)
    fragment = unquote(parts.fragment)
    if not fragment.startswith("/"):
        return None  # the whole file, or a plain-name anchor: the file existing is what counts
    readable, content = files.document(target)
    if not readable:
        return None if content is None else Verdict(f"file reference {ref}: {content}", True)
    found, _target = resolve_pointer(content, fragment)
    return None if found else Verdict(f"file reference {ref}: {target} has nothing at "
                                       f"#{fragment}", True)


def check_refs(document: t.Any, spec_path: str,
               files: RepositoryFiles | None = None) -> RefReport:
    """Check every reference: local targets exist without pure cycles; file references resolve
    inside the repository (when ``files`` is given); URLs are listed, never fetched."""
    report = RefReport()
    issues = report.issues
    listed_external = 0
    # A description repeats the same few targets thousands of times: check each once.
    checked: dict[str, str | None] = {}
    external: dict[str, Verdict | None] = {}
    for pointer, ref in iter_refs(document):
        if not ref.startswith("#"):
            report.external += 1
            if ref not in external:
                external[ref] = check_external(ref, spec_path, files)
            verdict = external[ref]
            if verdict is None and files is not None and len(report.files) < MAX_FILES:
                parts = urlsplit(ref)
                target = file_target(ref, spec_path)
                if not parts.scheme and parts.path and target not in report.files:
                    report.files.append(target)
            if verdict is not None and (verdict.error or listed_external < MAX_LISTED):
                issues.append(RefIssue(pointer, ref, verdict.reason, verdict.error))
                listed_external += not verdict.error
            continue
        report.local += 1
        if ref not in checked:
            found, _target = resolve_pointer(document, ref[1:])
            cycle = _pure_cycle(document, ref) if found else None
            checked[ref] = (f"unresolvable reference {ref}" if not found else
                            "circular reference: " + " -> ".join(cycle) if cycle else None)
        problem = checked[ref]
        if problem:
            issues.append(RefIssue(pointer, ref, problem, True))
    return report


def _pure_cycle(document: t.Any, ref: str, limit: int = 64) -> list[str] | None:
    """The chain of refs that leads back to itself through ``$ref``-only hops, if any."""
    seen: list[str] = []
    current = ref
    while current.startswith("#"):
        if current in seen:
            return [*seen[seen.index(current):], current]
        if len(seen) >= limit:
            return [*seen[:3], "...", current]
        seen.append(current)
        found, target = resolve_pointer(document, current[1:])
        if not found or not isinstance(target, dict):
            return None
        nxt = target.get("$ref")
        if not isinstance(nxt, str):
            return None
        current = nxt
    return None
