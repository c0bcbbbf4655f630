"""Recent commits: how many carry a DCO ``Signed-off-by`` trailer."""

from __future__ import annotations

import re
import typing as t
from collections.abc import Mapping

from scanner.collectors.base import Collector, Fragment
from scanner.snapshot import Snapshot

#: How many recent non-merge commits are sampled.
SAMPLE = 50
_SIGNED_OFF = re.compile(r"^Signed-off-by:\s*\S.*<[^>]+>\s*$", re.MULTILINE | re.IGNORECASE)
#: Automated authors: they cannot certify anything, so a DCO ratio must not count them.
_BOT = re.compile(r"\[bot\]|\bdependabot\b|\brenovate\b|\bgithub-actions\b|\bsnyk-bot\b"
                  r"|\bpre-commit-ci\b|\bweblate\b|\bgreenkeeper\b", re.IGNORECASE)


#: What the history behind a sample is, said in the rule's messages (a shallow CI checkout has one
#: commit: no sign-off verdict can come from it).
_HISTORY = {
    "none": {"en": "no commit history available", "fr": "aucun historique de commits disponible"},
    "read": {"en": "{count} commit(s) read", "fr": "{count} commit(s) lu(s)"},
    "shallow": {"en": "shallow clone: only {count} commit(s) fetched",
                "fr": "clone superficiel : seulement {count} commit(s) récupéré(s)"},
}


class CommitsCollector(Collector):
    name = "commits"

    def empty(self) -> Fragment:
        return {"commits": {"available": False, "sampled": 0, "signed_off": 0,
                            "signed_off_ratio": None, "bots_excluded": 0, "shallow": False,
                            "history": _HISTORY["none"]["en"], "history_fr": _HISTORY["none"]["fr"]}}

    def collect(self, snapshot: Snapshot, facts: Mapping[str, t.Any]) -> Fragment:
        log = snapshot.commits(SAMPLE * 2)
        if log is None:
            return self.empty()
        human = [c for c in log if not c.merge and not _BOT.search(c.author)]
        sample = human[:SAMPLE]
        signed = sum(1 for c in sample if _SIGNED_OFF.search(c.message))
        history = _HISTORY["shallow" if snapshot.shallow else "read"]
        return {"commits": {
            "available": True,
            "sampled": len(sample),
            "signed_off": signed,
            "signed_off_ratio": round(signed / len(sample), 3) if sample else None,
            "bots_excluded": sum(1 for c in log if not c.merge and _BOT.search(c.author)),
            "shallow": snapshot.shallow,
            "history": history["en"].format(count=len(log)),
            "history_fr": history["fr"].format(count=len(log)),
        }}
