"""README, CONTRIBUTING, code of conduct, security policy (first version: presence only)."""

from __future__ import annotations

import re
import typing as t
from collections.abc import Iterable, Mapping, Sequence

from scanner.collectors.base import Collector, Fragment
from scanner.snapshot import Snapshot

_EXT = r"(?:\.(?:md|markdown|rst|txt|adoc|org))?"
_DIRS = r"(?:\.github/|docs/)?"
ROLES = {
    "readme": re.compile(rf"^README{_EXT}$", re.IGNORECASE),
    "contributing": re.compile(rf"^{_DIRS}(?:CONTRIBUTING|CONTRIBUER){_EXT}$", re.IGNORECASE),
    "code_of_conduct": re.compile(rf"^{_DIRS}CODE[_-]OF[_-]CONDUCT{_EXT}$", re.IGNORECASE),
    "security_policy": re.compile(rf"^{_DIRS}SECURITY{_EXT}$", re.IGNORECASE),
}


def _role_path(paths: Sequence[str], role: str) -> str | None:
    found = [p for p in paths if ROLES[role].match(p)]
    # The root wins over .github/ and docs/, as on GitHub.
    return min(found, key=lambda p: (p.count("/"), p)) if found else None


class CommunityCollector(Collector):
    name = "community"

    def empty(self) -> Fragment:
        return {"community": {
            "readme": {"path": None},
            "contributing": {"path": None, "terms": {"dco": False, "cla": False}},
            "code_of_conduct": {"path": None},
            "security_policy": {"path": None},
        }}

    def wanted(self, paths: Sequence[str]) -> Iterable[str]:
        return [p for role in ROLES if (p := _role_path(paths, role))]

    def collect(self, snapshot: Snapshot, facts: Mapping[str, t.Any]) -> Fragment:
        section = self.empty()["community"]
        paths = snapshot.paths()
        for role in ROLES:
            section[role]["path"] = _role_path(paths, role)
        return {"community": section}
