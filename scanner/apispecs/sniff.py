"""Cheap content sniffing: does a file declare ``openapi``, ``swagger`` or ``asyncapi`` on top?

Parsing is the expensive step (and the risky one for hostile files), so a candidate found by
location is parsed only when its text carries one of the three keys where a top-level key can
be: at column 0 in YAML, as an object key in JSON. The first KB is looked at first (generators
put the key first); the rest only when the head did not decide.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

KINDS = ("openapi", "swagger", "asyncapi")
HEAD_BYTES = 1024

_YAML_KEY = re.compile(rb"""^["']?(openapi|swagger|asyncapi)["']?[ \t]*:""", re.MULTILINE)
_JSON_KEY = re.compile(rb""""(openapi|swagger|asyncapi)"[ \t\r\n]*:""")


@dataclass(frozen=True)
class Sniff:
    """The key found, its 1-based line, and whether it opens the document.

    ``leading`` tells a description that fails to parse from a file that merely contains the
    words (a Jest snapshot with ``openapi: 3.0.3`` inside a template string).
    """

    kind: str
    line: int
    leading: bool


# Blank, comment, "---", "%" directive and "{" lines before the first key. Written so that no two
# adjacent quantifiers match the same characters (no quadratic backtracking), and only run over
# the head of the file.
_SKIPPABLE = re.compile(rb"(?:[ \t]*(?:(?:\#|---|%)[^\n]*|\{[ \t]*)?\r?\n)*[ \t{]*")
_SKIP_WINDOW = 64 * 1024


def sniff(data: bytes, *, json: bool) -> Sniff | None:
    """The top-level kind key this text seems to declare, without parsing it."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16: let the parser decide
        try:
            data = data.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError:
            return None
    # JSON is YAML too (and some tools write it into .yaml files): YAML files try both.
    patterns = (_JSON_KEY,) if json else (_YAML_KEY, _JSON_KEY)
    match = None
    for pattern in patterns:
        match = pattern.search(data, 0, HEAD_BYTES) or pattern.search(data)
        if match is not None:
            break
    if match is None:
        return None
    opening = _SKIPPABLE.match(data, 0, _SKIP_WINDOW)
    leading = opening is not None and opening.end() >= match.start()
    return Sniff(match.group(1).decode(), data.count(b"\n", 0, match.start()) + 1, leading)


def declared_kind(document: object) -> tuple[str, str | None] | None:
    """``(kind, version)`` declared by a parsed document's top level, or ``None``."""
    if not isinstance(document, dict):
        return None
    for kind in KINDS:
        if kind in document:
            value = document[kind]
            if isinstance(value, (dict, list)):
                continue  # a key of that name holding a structure is something else
            return kind, None if value is None else str(value)
    return None
