"""One error or warning about a publiccode.yml, placed as the reference validator places it: the
key in dot notation (``maintenance.contacts[0].email``), its JSON pointer, and the 1-based line
and column of that key in the file; with the message in English and French."""

from __future__ import annotations

import typing as t
from dataclasses import dataclass, field

from scanner.parsing import Loaded, escape_pointer_token

#: A location in the document: mapping keys (str) and list indices (int).
Path = tuple[str | int, ...]
#: Longest repository value quoted in a message.
MAX_QUOTED = 80


@dataclass(frozen=True)
class Finding:
    pointer: str
    key: str
    line: int | None
    column: int | None
    message: str
    message_fr: str

    def to_facts(self) -> dict[str, object]:
        return {"pointer": self.pointer, "key": self.key, "line": self.line,
                "column": self.column, "message": self.message, "message_fr": self.message_fr}


def pointer_of(path: Path) -> str:
    return "".join(f"/{escape_pointer_token(str(p))}" for p in path)


def key_of(path: Path) -> str:
    key = ""
    for part in path:
        key += f"[{part}]" if isinstance(part, int) else (f".{part}" if key else part)
    return key


def quote(value: t.Any) -> str:
    """A value from the file, as a message shows it: on one line, shortened."""
    text = " ".join(str(value).split())
    return text if len(text) <= MAX_QUOTED else text[: MAX_QUOTED - 1] + "…"


@dataclass
class Findings:
    """Collects errors and warnings for one loaded file."""

    loaded: Loaded
    errors: list[Finding] = field(default_factory=list)
    warnings: list[Finding] = field(default_factory=list)

    def _make(self, path: Path, en: str, fr: str, missing: bool) -> Finding:
        pointer = pointer_of(path)
        line, column = (self._missing_position(path) if missing
                        else self.loaded.position_of(pointer))
        where = key_of(path) or "publiccode.yml"
        return Finding(pointer, key_of(path), line, column, f"{where}: {en}", f"{where} : {fr}")

    def _missing_position(self, path: Path) -> tuple[int | None, int | None]:
        """A key written with no value is where it is written; a missing key has no line, so point
        at the first key of the mapping that lacks it."""
        if self.loaded.lines and pointer_of(path) in self.loaded.lines:
            return self.loaded.position_of(pointer_of(path))
        parent = self.loaded.value
        for part in path[:-1]:
            parent = parent.get(part) if isinstance(parent, dict) else None
        if isinstance(parent, dict) and parent:
            first = pointer_of((*path[:-1], next(iter(parent))))
            if self.loaded.lines and first in self.loaded.lines:
                return self.loaded.position_of(first)
        return self.loaded.position_of(pointer_of(path[:-1]))

    def written(self, path: Path) -> bool | None:
        """Whether the file writes ``path``: ``True`` with a value, ``None`` as a key with no
        value (``key:``, which the reference reads as absent), ``False`` not at all."""
        node: t.Any = self.loaded.value
        for part in path:
            in_map = isinstance(node, dict) and isinstance(part, str) and part in node
            in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
            if not (in_map or in_list):
                return False
            node = node[part]
        return None if node is None else True

    def error(self, path: Path, en: str, fr: str, *, missing: bool = False) -> None:
        self.errors.append(self._make(path, en, fr, missing))

    def warning(self, path: Path, en: str, fr: str) -> None:
        self.warnings.append(self._make(path, en, fr, False))
