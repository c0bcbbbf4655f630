"""Where code-scanning formats (SARIF, GitLab Code Quality) show a finding, and the fingerprint
that lets them track it from one run to the next.

Both need a file and a line for every result. A finding that names a file of the repository is
shown there; one about a file that is missing (no licence, no publiccode.yml...) is shown at the
file that should point to it, the README, line 1 (its real name when a finding saw it, else
``README.md``), and says what is missing in its message. The fingerprint is the repository and
the rule alone: the same failure keeps its alert while its wording, evidence or anchor change.
"""

from __future__ import annotations

import hashlib
import re
import typing as t
from dataclasses import dataclass

from scanner.reporters.base import display_name

ANCHOR = "README.md"
#: Over this many results, SARIF and Code Quality are written without indentation (C-speed
#: JSON, a third smaller: GitHub takes at most 10 MB gzipped).
INDENTED_UP_TO = 2000
_UNSAFE = re.compile(r"[\x00-\x1f\x7f\\:]")


@dataclass(frozen=True)
class Place:
    path: str
    line: int
    #: The finding names no file of the repository: ``path`` is the anchor.
    anchored: bool


def _repo_path(value: t.Any) -> str | None:
    """A safe repository-relative path, or None (absolute, ``..``, another repository's
    ``OWNER/.github:PATH``, control characters)."""
    if not isinstance(value, str) or not value or len(value) > 1024 or _UNSAFE.search(value):
        return None
    path = value[2:] if value.startswith("./") else value
    if path.startswith("/") or any(part in ("", ".", "..") for part in path.split("/")):
        return None
    return path


def reported(card: dict[str, t.Any]) -> list[dict[str, t.Any]]:
    """The findings a code-scanning tool shows for a scorecard: unwaived fail and review of a
    scanned repository (startup scorecards have no code to annotate)."""
    if card["status"] != "ok" or card.get("kind", "repository") != "repository":
        return []
    return [f for f in card["findings"] if f["status"] in ("fail", "review") and not f["waiver"]]


def anchor(card: dict[str, t.Any]) -> str:
    """The repository's README as findings saw it, else ``README.md``."""
    for finding in card["findings"]:
        for item in finding["evidence"]:
            path = item.get("path")
            if isinstance(path, str) and path[:6].lower() == "readme" and "/" not in path:
                return _repo_path(path) or ANCHOR
    return ANCHOR


def place(card: dict[str, t.Any], finding: dict[str, t.Any], readme: str) -> Place:
    for item in finding["evidence"]:
        path = _repo_path(item.get("path"))
        if path:
            line = item.get("line")
            return Place(path, line if isinstance(line, int) and line > 0 else 1, False)
    return Place(readme, 1, True)


def rule_id(rule: str) -> str:
    """How code-scanning tools name a rule: ``civiscan/<rule-id>``."""
    return f"civiscan/{rule}"


def fingerprint(card: dict[str, t.Any], finding: dict[str, t.Any]) -> str:
    key = f"{display_name(card)}\0{finding['rule']}".encode("utf-8", "surrogatepass")
    return hashlib.sha256(key).hexdigest()
