"""Values a person still has to write: ``civiscan fix`` marks them ``TODO``, and a publiccode.yml
holding one is not done, however valid its shape (a catalogue would publish "TODO first feature").
"""

from __future__ import annotations

import typing as t

from scanner.parsing import Loaded
from scanner.placeholders import MARKER, MAX_PLACEHOLDERS
from scanner.publiccode.findings import Path, key_of, pointer_of, quote


def placeholders(loaded: Loaded, path: str) -> list[dict[str, t.Any]]:
    """Each string value holding the marker, in document order, with its key and line."""
    found: list[dict[str, t.Any]] = []
    stack: list[tuple[Path, t.Any]] = [((), loaded.value)]
    while stack and len(found) < MAX_PLACEHOLDERS:
        where, node = stack.pop()
        if isinstance(node, dict):
            stack.extend(((*where, str(k)), v) for k, v in reversed(list(node.items())))
        elif isinstance(node, list):
            stack.extend(((*where, i), v) for i, v in reversed(list(enumerate(node))))
        elif isinstance(node, str) and MARKER.search(node):
            pointer = pointer_of(where)
            line, column = loaded.position_of(pointer)
            found.append({"path": path, "pointer": pointer, "key": key_of(where), "line": line,
                          "column": column, "value": quote(node)})
    return found
