"""Where a scanned folder's git metadata lives, and whether git may read it at all.

A scanned folder is untrusted, and so is its ``.git``. A ``gitdir:`` file, a ``commondir``, an
alternates file, a symbolic link inside ``.git`` or an ``include.path`` in its config each make git
read another repository or any file on the machine, and no git option turns those off. So they are
checked here before git runs: metadata that reaches outside the folder means the folder is scanned
as a plain tree, without history or remote. The config is read by a strict parser of our own,
which never follows includes.
"""

from __future__ import annotations

import os
import re
import stat
from collections import deque
from dataclasses import dataclass
from pathlib import Path

from scanner.errors import CiviscanError

#: Config, ``gitdir:`` and ``commondir`` files larger than this are not git's doing.
MAX_CONFIG_BYTES = 1024 * 1024
#: Entries of a git dir checked for links and special files; a repository has far fewer.
MAX_GIT_ENTRIES = 500_000
#: Git follows includes and alternates this deep; so do the checks.
_MAX_NESTING = 10

ConfigEntries = list[tuple[str, str | None]]


class Outside(CiviscanError):
    """The git metadata reaches outside the scanned folder, or cannot be checked."""


@dataclass(frozen=True)
class GitDir:
    """A checked git dir: ``path`` holds HEAD and the index, ``common`` the config, objects and
    refs (they differ in a linked worktree), ``config`` the entries of ``common/config``."""

    path: Path
    common: Path
    config: ConfigEntries


def resolve(path: Path) -> Path | None:
    """The real path, or ``None`` for a broken link, a loop or a chain too long to follow.

    ``os.stat`` lets the kernel follow the links first (it stops after 40);
    ``os.path.realpath`` recurses once per link and would exhaust Python's stack on a long chain.
    """
    try:
        os.stat(path)
        return Path(os.path.realpath(path))
    except (OSError, ValueError, RecursionError):
        return None


def inside(root: Path, target: Path) -> bool:
    return target == root or root in target.parents


def locate(root: Path) -> GitDir | None:
    """The checked git dir of ``root/.git``; ``None`` if there is no ``.git``.

    Raises :class:`Outside` with the reason when the metadata reaches outside ``root``.
    """
    dot = root / ".git"
    try:
        mode = os.lstat(dot).st_mode
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise Outside(f".git cannot be read: {exc.strerror}",
                      fr=f".git illisible : {exc.strerror}") from exc
    real = _within(root, dot, ".git")
    if stat.S_ISLNK(mode):
        mode = os.stat(real).st_mode
    if stat.S_ISREG(mode):
        line = _small_file(real).decode("utf-8", "surrogateescape").strip()
        if not line.startswith("gitdir:"):
            raise Outside(".git is a file without a gitdir: line",
                          fr=".git est un fichier sans ligne gitdir:")
        real = _within(root, root / line[len("gitdir:"):].strip(), ".git")
    if not real.is_dir():
        raise Outside(".git is neither a folder nor a gitdir: file",
                      fr=".git n'est ni un dossier ni un fichier gitdir:")
    common = real
    if os.path.lexists(real / "commondir"):
        where = _small_file(_within(root, real / "commondir")).decode(
            "utf-8", "surrogateescape").strip()
        common = _within(root, real / where, _shown(root, real / "commondir"))
    objects = _within(root, common / "objects") if os.path.lexists(common / "objects") else None
    _check_trees(root, [real, common, *(_object_dirs(root, objects) if objects else [])])
    config: ConfigEntries = []
    for path in (common / "config", real / "config.worktree"):
        if os.path.lexists(path):
            entries = _checked_config(root, path, 0)
            if path.parent == common and path.name == "config":
                config = entries
    return GitDir(path=real, common=common, config=config)


def first_value(entries: ConfigEntries, key: str) -> str | None:
    """The first value of ``key`` (``section.subsection.name``; git's ``remote get-url`` takes
    the first url too)."""
    name = _canonical(key)
    return next((v for k, v in entries if k == name and v is not None), None)


def _canonical(key: str) -> str:
    """Section and name compare case-insensitively, a subsection exactly."""
    section, _, rest = key.partition(".")
    subsection, _, name = rest.rpartition(".")
    return ".".join(p for p in (section.lower(), subsection, name.lower()) if p)


def _shown(root: Path, path: Path) -> str:
    """How a path is named in a message: relative to the scanned folder."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.name


def _within(root: Path, path: Path, label: str | None = None) -> Path:
    """The real path of ``path``, which must lie inside ``root``."""
    label = label or _shown(root, path)
    real = resolve(path)
    if real is None:
        raise Outside(f"{label} is a broken or looping link",
                      fr=f"{label} est un lien cassé ou en boucle")
    if not inside(root, real):
        raise Outside(f"{label} points outside the folder", fr=f"{label} pointe hors du dossier")
    return real


def _small_file(path: Path) -> bytes:
    """A regular file of at most :data:`MAX_CONFIG_BYTES` (a FIFO would block, /dev/zero never
    end)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise Outside(f"{path.name} cannot be read: {exc.strerror}",
                      fr=f"{path.name} illisible : {exc.strerror}") from exc
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise Outside(f"{path.name} is not a regular file",
                          fr=f"{path.name} n'est pas un fichier ordinaire")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(MAX_CONFIG_BYTES + 1)
    finally:
        os.close(fd)
    if len(data) > MAX_CONFIG_BYTES:
        kb = MAX_CONFIG_BYTES // 1024
        raise Outside(f"{path.name} is larger than {kb} KB", fr=f"{path.name} dépasse {kb} Ko")
    return data


def _object_dirs(root: Path, objects: Path) -> list[Path]:
    """``objects`` and every object dir its alternates borrow from, all inside ``root``."""
    found = [objects]
    queue = deque([(objects, 0)])
    while queue:
        folder, depth = queue.popleft()
        alternates = folder / "info" / "alternates"
        if not os.path.lexists(alternates):
            continue
        label = _shown(root, alternates)
        if depth >= _MAX_NESTING:
            raise Outside(f"{label} nests too deep", fr=f"{label} s'imbrique trop profondément")
        text = _small_file(_within(root, alternates))
        for line in text.decode("utf-8", "surrogateescape").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            if line.startswith('"'):
                raise Outside(f"{label} has a quoted path",
                              fr=f"{label} contient un chemin entre guillemets")
            real = _within(root, folder / line, label)
            if real not in found:
                found.append(real)
                queue.append((real, depth + 1))
    return found


def _check_trees(root: Path, tops: list[Path]) -> None:
    """No link under ``tops`` leads outside ``root`` (links to folders inside are checked in
    turn), and nothing there is a FIFO, socket or device (git would block on it or read a
    device)."""
    seen: set[Path] = set()
    count = 0
    queue = deque(tops)
    while queue:
        folder = queue.popleft()
        if folder in seen:
            continue
        seen.add(folder)
        try:
            with os.scandir(folder) as entries:
                listed = list(entries)
        except OSError as exc:
            label = _shown(root, folder)
            raise Outside(f"{label} cannot be read: {exc.strerror}",
                          fr=f"{label} illisible : {exc.strerror}") from exc
        count += len(listed)
        if count > MAX_GIT_ENTRIES:
            raise Outside(f".git holds more than {MAX_GIT_ENTRIES} entries",
                          fr=f".git contient plus de {MAX_GIT_ENTRIES} entrées")
        for entry in listed:
            path = Path(entry.path)
            if entry.is_symlink():
                real = _within(root, path)
                if real.is_dir():
                    queue.append(real)
            elif entry.is_dir(follow_symlinks=False):
                queue.append(path)
            elif not entry.is_file(follow_symlinks=False):
                label = _shown(root, path)
                raise Outside(f"{label} is not a regular file",
                              fr=f"{label} n'est pas un fichier ordinaire")


def _checked_config(root: Path, path: Path, depth: int) -> ConfigEntries:
    """Parse a config file and check every file it includes, whatever the condition."""
    label = _shown(root, path)
    if depth > _MAX_NESTING:
        raise Outside(f"{label}: includes nest too deep",
                      fr=f"{label} : inclusions imbriquées trop profondément")
    real = _within(root, path)
    entries = parse_config(_small_file(real).decode("utf-8", "surrogateescape"))
    if entries is None:
        raise Outside(f"{label} is not a valid git config file",
                      fr=f"{label} n'est pas un fichier de configuration git valide")
    for key, value in entries:
        if key == "include.path" or (key.startswith("includeif.") and key.endswith(".path")):
            where = None if not value or value.startswith(("~", "%(")) else Path(
                os.path.normpath(real.parent / value))
            if where and inside(root, where) and not os.path.lexists(where):
                continue  # git skips a missing include
            target = resolve(where) if where else None
            if target is None or not inside(root, target):
                raise Outside(f"{label} includes a file outside the folder",
                              fr=f"{label} inclut un fichier hors du dossier")
            _checked_config(root, target, depth + 1)
    return entries


_KEY_CHAR = re.compile(r"[A-Za-z0-9-]")
_SECTION_CHAR = re.compile(r"[A-Za-z0-9.-]")
_ESCAPES = {"n": "\n", "t": "\t", "b": "\b", "\\": "\\", '"': '"'}


def parse_config(text: str) -> ConfigEntries | None:
    """``(section[.subsection].name, value)`` pairs of a git config file, in order; ``None`` where
    git's grammar is broken (git would then refuse the file too).

    A bare name (no ``=``) has the value ``None``, git's boolean true. Follows git's own parser
    (config.c): comments with ``#`` or ``;``, quoted subsections, quoted values with ``\\n``,
    ``\\t``, ``\\b``, ``\\"`` and ``\\\\``, and lines continued by a final backslash.
    """
    text = text.removeprefix("\ufeff").replace("\r\n", "\n")
    entries: ConfigEntries = []
    section: str | None = None
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char.isspace():
            i += 1
        elif char in "#;":
            end = text.find("\n", i)
            i = n if end < 0 else end + 1
        elif char == "[":
            parsed = _section(text, i + 1)
            if parsed is None:
                return None
            section, i = parsed
        elif char.isalpha() and section is not None:
            start = i
            while i < n and _KEY_CHAR.match(text[i]):
                i += 1
            name = text[start:i].lower()
            while i < n and text[i] in " \t":
                i += 1
            value: str | None = None
            if i < n and text[i] == "=":
                parsed_value = _value(text, i + 1)
                if parsed_value is None:
                    return None
                value, i = parsed_value
            elif i < n and text[i] != "\n":
                return None
            entries.append((f"{section}.{name}", value))
        else:
            return None
    return entries


def _section(text: str, i: int) -> tuple[str, int] | None:
    """``[name]``, ``[name "subsection"]`` or the old ``[name.subsection]``, from after ``[``."""
    start = i
    while i < len(text) and _SECTION_CHAR.match(text[i]):
        i += 1
    name = text[start:i].lower()
    if i < len(text) and text[i] == "]" and name:
        return name, i + 1
    if not name or i >= len(text) or text[i] not in " \t":
        return None
    while i < len(text) and text[i] in " \t":
        i += 1
    if i >= len(text) or text[i] != '"':
        return None
    i += 1
    sub: list[str] = []
    while i < len(text) and text[i] != '"':
        if text[i] == "\n":
            return None
        if text[i] == "\\":
            i += 1
            if i >= len(text) or text[i] == "\n":
                return None
        sub.append(text[i])
        i += 1
    if text[i + 1:i + 2] != "]":
        return None
    return f"{name}.{''.join(sub)}", i + 2


def _value(text: str, i: int) -> tuple[str, int] | None:
    """A value from after ``=`` to the end of its (possibly continued) line."""
    out: list[str] = []
    spaces = 0
    quoted = comment = False
    while i < len(text):
        char = text[i]
        i += 1
        if char == "\n":
            if quoted:
                return None
            return "".join(out), i
        if comment:
            continue
        if char.isspace() and not quoted:
            if out:
                spaces += 1
            continue
        if char in "#;" and not quoted:
            comment = True
            continue
        out.extend(" " * spaces)
        spaces = 0
        if char == "\\":
            if i >= len(text):
                return None
            char = text[i]
            i += 1
            if char == "\n":
                continue
            if char not in _ESCAPES:
                return None
            out.append(_ESCAPES[char])
        elif char == '"':
            quoted = not quoted
        else:
            out.append(char)
    if quoted:
        return None
    return "".join(out), i
