"""Recent commits: how many carry a DCO ``Signed-off-by`` trailer, counting only those made since
the contribution terms asked for it.

A DCO added today says nothing about last year's commits: judging them would fail a project the
day it adopts the DCO (and ``civiscan fix`` would make a rule fail by adding the clause). So the
sample starts after the commit that introduced the DCO wording, found in the history of each file
the terms were read from. Where that history cannot be read (a remote source, a shallow clone),
every recent commit counts, and the facts say so.
"""

from __future__ import annotations

import re
import typing as t
from collections.abc import Mapping

from scanner.collectors.base import Collector, Fragment
from scanner.community.terms import states_dco
from scanner.snapshot import FILE_HISTORY_DEPTH, Commit, Snapshot, decode_text

#: How many recent non-merge commits are sampled.
SAMPLE = 50
_SIGNED_OFF = re.compile(r"^Signed-off-by:\s*\S.*<[^>]+>\s*$", re.MULTILINE | re.IGNORECASE)
#: Automated authors ("Name <email>"): they cannot certify anything, so a DCO ratio must not
#: count them. "bot" counts only as a name part of its own ("release-bot", "ci_bot", a CamelCase
#: "SocialGroovyBot"), never inside a word (Abbott, Talbot, olivier-rabot).
_BOT = re.compile(
    r"\[bot\]"  # GitHub Apps: dependabot[bot], 41898282+github-actions[bot]@users.noreply...
    r"|<actions?@github\.com>"  # the identity GitHub Actions workflows commit under
    r"|\b(?:dependabot|renovate|github-actions|snyk-bot|pre-commit-ci|weblate|greenkeeper"
    r"|semantic-release)\b"
    r"|\b(?:project|group)_?\d+_bot\w*@noreply\."  # GitLab project and group access tokens
    r"|[-_]bot\b|(?-i:[a-z]Bot)\b", re.IGNORECASE)  # release-bot, ci_bot, SocialGroovyBot


def automated(author: str) -> bool:
    """Whether a commit's author ("Name <email>") is automation rather than a person."""
    return bool(_BOT.search(author))


#: Files whose history is read to date the DCO, at most.
MAX_TERM_FILES = 5


#: What the history behind a sample is, said in the rule's messages (a shallow CI checkout has one
#: commit: no sign-off verdict can come from it).
_HISTORY = {
    "none": {"en": "no commit history available", "fr": "aucun historique de commits disponible"},
    "read": {"en": "{count} commit(s) read", "fr": "{count} commit(s) lu(s)"},
    "shallow": {"en": "shallow clone: only {count} commit(s) fetched",
                "fr": "clone superficiel : seulement {count} commit(s) récupéré(s)"},
}
#: When the DCO came in, appended to the history text.
_SINCE = {
    "commit": {"en": "; {kept} made since the DCO was introduced (commit {sha})",
               "fr": " ; {kept} faits depuis l'introduction du DCO (commit {sha})"},
    "working_tree": {"en": "; the DCO is not committed yet: no commit was made under it",
                     "fr": " ; le DCO n'est pas encore commité : aucun commit n'a été fait sous "
                           "ce régime"},
    "unknown": {"en": "; when the DCO was introduced is not known here (no file history): every "
                      "recent commit counts",
                "fr": " ; la date d'introduction du DCO n'est pas connue ici (pas d'historique "
                      "des fichiers) : tous les commits récents comptent"},
}


def _term_files(facts: Mapping[str, t.Any]) -> tuple[list[str], str | None] | None:
    """The files stating the DCO and the README's path; ``None`` when no DCO is stated."""
    contributing = (facts.get("community") or {}).get("contributing") or {}
    terms = contributing.get("terms") or {}
    if not terms.get("dco"):
        return None
    paths = [s["path"] for s in terms.get("signals", [])
             if s.get("term") == "dco" and not s.get("negated") and isinstance(s.get("path"), str)]
    paths += list(terms.get("dco_files", [])) + list(terms.get("dco_apps", []))
    readme = ((facts.get("community") or {}).get("readme") or {}).get("path")
    return list(dict.fromkeys(paths))[:MAX_TERM_FILES], readme


def _introduced(snapshot: Snapshot, path: str, readme: str | None,
                whole_file: bool) -> str | None:
    """When ``path`` started stating the DCO: a commit sha, ``"working_tree"`` (not committed),
    ``"before"`` (before the history read), or ``None`` when unknown."""
    if snapshot.is_inherited(path):
        return None
    history = snapshot.file_history(path)
    if history is None:
        return None

    def states(content: bytes | None) -> bool:
        if content is None:
            return False
        return whole_file or states_dco(decode_text(content), path, readme=path == readme)

    if not history or not states(history[0][1]):
        return "working_tree"
    since = history[0][0]
    for sha, content in history[1:]:
        if not states(content):
            return since
        since = sha
    # Every revision read states it: it came in with the oldest one if that created the file
    # (fewer revisions than a source reads), else before the history read.
    return since if len(history) < FILE_HISTORY_DEPTH else "before"


def dco_since(snapshot: Snapshot, facts: Mapping[str, t.Any]) -> tuple[str, str | None]:
    """(state, sha): ``no_dco``, ``unknown``, ``before``, ``working_tree`` or ``commit`` with the
    sha of the commit that introduced the DCO (the earliest among the files stating it)."""
    found = _term_files(facts)
    if found is None:
        return "no_dco", None
    paths, readme = found
    if not paths:
        return "unknown", None
    order = {c.sha: i for i, c in enumerate(snapshot.commit_log or [])}
    terms = facts["community"]["contributing"]["terms"]
    earliest: str | None = None
    for path in paths:
        # A DCO file or a DCO check's configuration states it by being there.
        whole = path in terms.get("dco_files", []) or path in terms.get("dco_apps", [])
        when = _introduced(snapshot, path, readme, whole)
        if when is None:
            return "unknown", None
        if when == "before" or (when != "working_tree" and when not in order):
            return "before", None  # older than the commits sampled: all of them count
        if when == "working_tree":
            continue
        if earliest is None or order[when] > order[earliest]:
            earliest = when
    return ("commit", earliest) if earliest else ("working_tree", None)


class CommitsCollector(Collector):
    name = "commits"

    def empty(self) -> Fragment:
        return {"commits": {"available": False, "sampled": 0, "signed_off": 0,
                            "signed_off_ratio": None, "bots_excluded": 0, "shallow": False,
                            "dco_since": None, "dco_since_state": "unknown",
                            "history": _HISTORY["none"]["en"], "history_fr": _HISTORY["none"]["fr"]}}

    def collect(self, snapshot: Snapshot, facts: Mapping[str, t.Any]) -> Fragment:
        log = snapshot.commits(SAMPLE * 2)
        if log is None:
            return self.empty()
        state, since = dco_since(snapshot, facts)
        kept = log
        if state == "commit":
            kept = log[:[c.sha for c in log].index(t.cast(str, since))]
        elif state == "working_tree":
            kept = []
        # The last SAMPLE commits by people, and how many automated ones fell among them.
        sample: list[Commit] = []
        bots = 0
        for commit in kept:
            if len(sample) == SAMPLE:
                break
            if commit.merge:
                continue
            if automated(commit.author):
                bots += 1
            else:
                sample.append(commit)
        signed = sum(1 for c in sample if _SIGNED_OFF.search(c.message))
        history = {lang: text.format(count=len(log))
                   for lang, text in _HISTORY["shallow" if snapshot.shallow else "read"].items()}
        if state in _SINCE:
            for lang in history:
                history[lang] += _SINCE[state][lang].format(kept=len(kept), sha=(since or "")[:12])
        return {"commits": {
            "available": True,
            "sampled": len(sample),
            "signed_off": signed,
            "signed_off_ratio": round(signed / len(sample), 3) if sample else None,
            "bots_excluded": bots,
            "shallow": snapshot.shallow,
            "dco_since": since,
            "dco_since_state": state,
            "history": history["en"],
            "history_fr": history["fr"],
        }}
