"""Make strings read from a description safe to carry into facts, reports and Rust.

JSON allows lone surrogates (``"\\ud800"``): Python loads them, but UTF-8 cannot encode them, so
jsonschema-rs refuses the document and a report writer would crash. They are replaced by their
visible escape (``\\ud800``), as conventions §6.2 recommends.
"""

from __future__ import annotations

import typing as t


def clean_text(value: str) -> str:
    """``value`` with lone surrogates written as backslash escapes (a no-op for valid text)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return value.encode("utf-8", "backslashreplace").decode("utf-8")
    return value


def clean(value: t.Any) -> t.Any:
    """A copy of a JSON-like value whose keys and strings are all encodable (iterative)."""
    if isinstance(value, str):
        return clean_text(value)
    if not isinstance(value, (dict, list)):
        return value
    root: list[t.Any] = [None]
    pending: list[tuple[t.Any, t.Any, t.Any]] = [(value, root, 0)]
    while pending:
        node, parent, slot = pending.pop()
        if isinstance(node, dict):
            copy: t.Any = {}
            for key, child in node.items():
                name = clean_text(key) if isinstance(key, str) else key
                copy[name] = None
                pending.append((child, copy, name))
        elif isinstance(node, list):
            copy = [None] * len(node)
            pending.extend((child, copy, index) for index, child in enumerate(node))
        else:
            copy = clean_text(node) if isinstance(node, str) else node
        parent[slot] = copy
    return root[0]
