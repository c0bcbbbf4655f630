"""The marker ``civiscan fix`` writes where only the team knows the answer (``TODO``), and where
a file still holds it: such a file is not done, however well it reads otherwise."""

from __future__ import annotations

import re

#: The marker, as a word: "TODO" in a value or a line, not "todos" or "TODOList".
MARKER = re.compile(r"(?<![A-Za-z0-9_])TODO(?![A-Za-z0-9_])")
#: At most this many placeholders are listed per file.
MAX_PLACEHOLDERS = 50


def todo_lines(text: str, path: str,
               marker: re.Pattern[str] = MARKER) -> list[dict[str, object]]:
    """``{path, line}`` for each line of ``text`` holding the marker (1-based)."""
    found: list[dict[str, object]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if marker.search(line):
            found.append({"path": path, "line": number})
            if len(found) == MAX_PLACEHOLDERS:
                break
    return found
