"""Join the shards of one crawl (a GitHub Actions matrix) into one run document.

Shards join only when the same civiscan and the same ruleset (by digest) produced every one of
their scorecards: a run mixing rulesets would rank repositories on different scales.
"""

from __future__ import annotations

import typing as t

from scanner.errors import UsageError
from scanner.run import summarise
from scanner.runs.load import relocalise


def _producer(run: dict[str, t.Any]) -> set[tuple[str, str]]:
    found = {(run["civiscan_version"], run["ruleset"]["digest"])}
    for card in run["scorecards"]:
        found.add((card["civiscan_version"], card["ruleset"]["digest"]))
    return found


def merge(shards: t.Sequence[tuple[str, dict[str, t.Any]]]) -> dict[str, t.Any]:
    """One run document from ``(file name, run)`` shards, in the first shard's language.

    A repository present in several shards (a re-run matrix job) keeps its latest scorecard.
    """
    if not shards:
        raise UsageError("no run document to merge", fr="aucun document de run à fusionner")
    first_name, first = shards[0]
    version, digest = first["civiscan_version"], first["ruleset"]["digest"]
    for name, run in shards:
        for other_version, other_digest in sorted(_producer(run)):
            if other_version != version:
                raise UsageError(
                    f"{name}: made by civiscan {other_version}, {first_name} by civiscan {version}: "
                    "shards of one run must come from the same civiscan",
                    fr=f"{name} : produit par civiscan {other_version}, {first_name} par civiscan "
                       f"{version} : les morceaux d'un même run doivent venir du même civiscan")
            if other_digest != digest:
                raise UsageError(
                    f"{name}: ruleset digest {other_digest}, {first_name} has {digest}: shards of "
                    "one run must use the same rules",
                    fr=f"{name} : empreinte des règles {other_digest}, {first_name} a {digest} : "
                       "les morceaux d'un même run doivent utiliser les mêmes règles")
    language = first["language"]
    runs = [relocalise(run, language) for _, run in shards]
    latest: dict[tuple[str, str], dict[str, t.Any]] = {}
    for run in runs:
        for card in run["scorecards"]:
            key = (card.get("kind", "repository"), card["repository"]["full_name"])
            kept = latest.get(key)
            if kept is None or card["scanned_at"] >= kept["scanned_at"]:
                latest[key] = card
    targets: list[str] = []
    rules: dict[str, t.Any] = {}
    disabled: dict[str, dict[str, t.Any]] = {}
    for run in runs:
        targets += [target for target in run["targets"] if target not in targets]
        rules.update(run["rules"])
        disabled.update({d["rule"]: d for d in run.get("disabled_rules", [])})
    cards = list(latest.values())
    summary = summarise(cards)
    startups = [run["summary"]["startups"] for run in runs if run["summary"].get("startups")]
    if startups:
        summary["startups"] = _added(startups)
    configs = sorted({str(run.get("config")) for run in runs if run.get("config")})
    return {
        **first,
        "started_at": min(run["started_at"] for run in runs),
        "finished_at": max(run["finished_at"] for run in runs),
        "targets": targets,
        "rules": rules,
        "disabled_rules": [disabled[r] for r in sorted(disabled)],
        "config": configs[0] if len(configs) == 1 else (", ".join(configs) or None),
        "scorecards": cards,
        "summary": summary,
        "shards": len(shards),
    }


def _added(counts: list[t.Any]) -> t.Any:
    """Shard counts added up: numbers summed, objects key by key, lists joined (each shard
    counts its own startups: a matrix splits the registry, it does not repeat it)."""
    first = counts[0]
    if isinstance(first, bool) or not isinstance(first, (int, dict, list)):
        return first
    if isinstance(first, int):
        return sum(c for c in counts if isinstance(c, int) and not isinstance(c, bool))
    if isinstance(first, list):
        return [item for c in counts if isinstance(c, list) for item in c]
    keys = list(dict.fromkeys(k for c in counts if isinstance(c, dict) for k in c))
    return {k: _added([c[k] for c in counts if isinstance(c, dict) and k in c]) for k in keys}
