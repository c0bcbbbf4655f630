"""Interpolate facts into rule texts with a deliberately tiny placeholder syntax.

``{/licence/spdx}`` is replaced by the value at that JSON pointer; ``{/licence/files/*/path}``
joins a field over a list. Nothing else is evaluated: rule files are data, and a rule author
must not be able to run code or reach outside the facts document.
"""

from __future__ import annotations

import re
import typing as t

_PLACEHOLDER = re.compile(r"\{(/[^{}\s]*)\}")
#: What a missing or empty value reads as, per language.
NOTHING = {"en": "none", "fr": "aucun"}
#: Longest interpolated value, so a hostile repository cannot flood a report.
MAX_VALUE_CHARS = 300


#: Where a clipped text may end: after a list item or clause (", ", "; ", ": "), else a space.
_SEGMENT_END = re.compile(r"[,;:](?=\s)")


def clip(text: str, limit: int = MAX_VALUE_CHARS) -> str:
    """``text`` cut to at most ``limit`` characters at a segment or word boundary, with an
    ellipsis: never mid-word ("the licenc…"), in any language. A single word longer than the
    limit (a path, an address) is the only thing cut inside."""
    if len(text) <= limit:
        return text
    head = text[:limit - 1]
    segments = [m.start() for m in _SEGMENT_END.finditer(head)]
    cut = segments[-1] if segments and segments[-1] >= limit // 2 else head.rfind(" ")
    if cut <= 0 and not text[limit - 1].isspace():
        return head + "…"
    return head[:cut if cut > 0 else len(head)].rstrip(" ,;:.") + "…"


def _unescape(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


def resolve(document: t.Any, pointer: str) -> list[t.Any]:
    """Every value at ``pointer``; ``*`` walks each item of a list (or value of a mapping)."""
    current = [document]
    for raw in pointer.split("/")[1:]:
        token = _unescape(raw)
        following: list[t.Any] = []
        for node in current:
            if token == "*":
                if isinstance(node, list):
                    following.extend(node)
                elif isinstance(node, dict):
                    following.extend(node.values())
            elif isinstance(node, dict) and token in node:
                following.append(node[token])
            elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
                following.append(node[int(token)])
        current = following
    return current


def _render(value: t.Any, language: str) -> str:
    if value is None or value == [] or value == "":
        return NOTHING.get(language, NOTHING["en"])
    if isinstance(value, bool):
        return {"en": ("no", "yes"), "fr": ("non", "oui")}.get(language, ("no", "yes"))[value]
    if isinstance(value, float):
        return f"{value:.0%}" if 0 <= value <= 1 else f"{value:g}"
    if isinstance(value, (list, dict)):
        items = value if isinstance(value, list) else list(value)
        return ", ".join(_render(v, language) for v in items) or NOTHING.get(language, "none")
    # One line, always: a newline in a repository's value must never start a line of output
    # (``::add-mask::`` at a line start is a command to GitHub Actions).
    text = " ".join(str(value).split())
    return clip(text)


def interpolate(template: str, facts: t.Any, language: str = "en") -> str:
    """Replace each ``{/pointer}`` with the facts it names."""

    def replace(match: re.Match[str]) -> str:
        pointer = match.group(1)
        values = resolve(facts, pointer)
        if "*" in pointer:
            return _render(values, language)
        return _render(values[0] if values else None, language)

    return _PLACEHOLDER.sub(replace, template)


def placeholders(template: str) -> list[str]:
    """The pointers a template uses (``rules validate`` checks they exist in the facts schema)."""
    return _PLACEHOLDER.findall(template)
