"""Tabs opening a YAML block scalar's content, which YAML 1.2 allows and libyaml rejects.

In ``description: |`` followed by a line of spaces then a tab, YAML 1.2 takes the spaces as the
scalar's indentation and the tab as content ("Content may safely start with a tab", §8.1.1.1;
js-yaml and eemeli's yaml read it so). libyaml, while it is still *detecting* the indentation,
stops at the tab: "found a tab character where an indentation space is expected". js-yaml and
eemeli's yaml write such lines whenever a description starts with a tab, so real descriptions
carry them (APIs-guru/openapi-directory issue #866).

With the indentation stated in the header (``|2``, YAML's block indentation indicator) libyaml
no longer detects it and reads the tab as content, exactly as YAML 1.2 does, folding included.
:func:`with_explicit_indentation` writes that indicator into the headers concerned; no line
moves, so every line number stays right. A tab on a *later* line indented less than the scalar
is left alone: YAML 1.2 rejects that too.
"""

from __future__ import annotations

import re

#: libyaml's message for a tab where it expects indentation inside a block scalar.
LIBYAML_TAB_ERROR = "found a tab character where an indentation space is expected"

# A block scalar header without an indentation indicator ends its line: "key: |", "- >-",
# "key: |+ # note". Bounded quantifiers, no two of them over the same characters.
_HEADER = re.compile(r"(?:^|[ \t])([|>])([+-]?)[ \t]{0,80}(?:#[^\n]*)?$")
_LEADING_TAB = re.compile(r"( *)\t")
_DASHES = re.compile(r"(?:-[ ]{1,40})+")


def _parent_indent(prefix: str) -> int | None:
    """The indentation libyaml gives the node holding a block scalar whose header line starts
    with ``prefix`` (``"    key: "`` -> 4, ``"  - "`` -> 2, ``"- key: "`` -> 2), or ``None``."""
    if prefix.startswith("---"):
        return -1  # a document-level scalar
    column = len(prefix) - len(prefix.lstrip(" "))
    dashes = _DASHES.match(prefix, column)
    last_dash = None
    if dashes:
        last_dash = dashes.group(0).rstrip(" ").rfind("-") + column
        column = dashes.end()
    rest = prefix[column:]
    if rest.rstrip().endswith(":") or ": " in rest:
        return column  # a mapping value: the key's column
    return last_dash  # a sequence entry (None: the header stands alone on its line)


def with_explicit_indentation(text: str, error_line: int) -> str | None:
    """``text`` with an indentation indicator in each block scalar header whose first content
    line is spaces then a tab, or ``None`` when the 0-based ``error_line`` is not such a line."""
    lines = text.split("\n")
    fixes: dict[int, tuple[int, int]] = {}  # header line -> (column after the indicator, N)
    covered = False
    header: tuple[int, int, int | None] | None = None  # (line, column after indicator, parent)
    for number, raw in enumerate(lines):
        line = raw.rstrip("\r")
        if header is not None:
            if not line.strip(" "):
                continue  # leading empty lines: the indentation is still being detected
            opening, insert_at, parent = header
            match = _LEADING_TAB.match(line)
            if match and parent is not None and 1 <= len(match.group(1)) - parent <= 9:
                fixes[opening] = (insert_at, len(match.group(1)) - parent)
                covered = covered or number == error_line
            header = None
        if "|" in line or ">" in line:
            found = _HEADER.search(line)
            if found:
                start = found.start(1)
                header = (number, found.end(1), _parent_indent(line[:start]))
    if not covered:
        return None
    for number, (column, indent) in fixes.items():
        line = lines[number]
        lines[number] = f"{line[:column]}{indent}{line[column:]}"
    return "\n".join(lines)
