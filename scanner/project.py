"""What a repository calls itself and which language it speaks, for the files ``civiscan fix``
writes: a README headed with the folder's name or an English guide in a French project reads as
someone else's.

Both are read from the snapshot (size-capped, parsed safely): nothing here runs project code.
"""

from __future__ import annotations

import re
import typing as t
from collections.abc import Mapping

from scanner import packages
from scanner.snapshot import Snapshot

#: Package manifests naming the project, in the order they are asked (read by
#: :func:`scanner.packages.declared`, published or not).
_MANIFESTS = ("package.json", "pyproject.toml", "Cargo.toml", "composer.json")
#: A name fit for a title: one line, no markup characters that would change the file written.
_NAME = re.compile(r"^[^\x00-\x1f<>`{}\[\]|\\]{1,100}$")
_FRENCH = frozenset(re.findall(r"\S+", "le la les de des du un une est et pour avec dans sur qui "
                                          "que ce cette sont nous vous au aux ou par pas plus être "
                                          "projet"))
_ENGLISH = frozenset(re.findall(r"\S+", "the a an is and for with in on which that this are we "
                                           "you to of by not more be project it"))
_WORD = re.compile(r"[a-zàâçéèêëîïôûùüÿœ]+")


def _usable(value: t.Any) -> str | None:
    if isinstance(value, str):
        value = value.strip()
        if _NAME.match(value):
            return value
    return None


def _manifest_name(snapshot: Snapshot, path: str) -> str | None:
    data = snapshot.read(path)
    found = packages.declared(path, data) if data is not None else None
    name = _usable(found.name) if found else None
    if name and found and found.ecosystem in ("composer", "npm"):
        name = name.rsplit("/", 1)[-1]  # vendor/package, @scope/package
    return name


def project_name(snapshot: Snapshot, facts: Mapping[str, t.Any]) -> str:
    """The publiccode.yml name, else a package manifest's, else the remote's, else the folder's."""
    publiccode = facts.get("publiccode") or {}
    name = _usable(publiccode.get("name")) if publiccode.get("parsed") else None
    for path in _MANIFESTS:
        name = name or _manifest_name(snapshot, path)
    # The snapshot's name is the remote's repository name where there is one, else the folder's.
    return name or _usable(snapshot.repo.name) or "TODO"


def repository_language(snapshot: Snapshot, facts: Mapping[str, t.Any]) -> str | None:
    """``fr`` or ``en`` as the README is written, ``None`` without a README that says."""
    path = ((facts.get("community") or {}).get("readme") or {}).get("path")
    text = snapshot.read_text(path) if isinstance(path, str) else None
    if not text:
        return None
    words = _WORD.findall(text[:20_000].lower())
    french = sum(w in _FRENCH for w in words)
    english = sum(w in _ENGLISH for w in words)
    if french + english < 3:
        return None
    return "fr" if french > english else "en"
