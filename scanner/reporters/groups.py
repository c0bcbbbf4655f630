"""Scorecards grouped by incubator, for runs that read a startup registry.

Every report groups the same way (this module is the one place that decides): one group per
incubator, in title order, then one for the repositories reached otherwise; within a group the
startups without open code come first, then those civiscan could not tell about, then the
others; each group has the grade distribution and mean score of its repositories.
"""

from __future__ import annotations

import typing as t
from dataclasses import dataclass, field

from scanner.scoring import GRADES


@dataclass
class IncubatorGroup:
    """The cards of one incubator (``id`` ``None``: repositories not reached through a startup)."""

    id: str | None
    title: str | None
    startups: list[dict[str, t.Any]] = field(default_factory=list)
    repositories: list[dict[str, t.Any]] = field(default_factory=list)

    @property
    def grades(self) -> dict[str, int]:
        found = [c["grade"] for c in self.repositories if c["status"] == "ok" and c["grade"]]
        return {g: found.count(g) for g in GRADES if g in found}

    @property
    def mean_score(self) -> float | None:
        scores = [c["score"] for c in self.repositories
                  if c["status"] == "ok" and c["score"] is not None]
        return round(sum(scores) / len(scores), 1) if scores else None

    @property
    def without_open_code(self) -> int:
        return sum(1 for c in self.startups if c.get("open_code") is False)

    @property
    def with_open_code(self) -> int:
        return sum(1 for c in self.startups if c.get("open_code"))

    @property
    def compliant(self) -> int:
        return sum(1 for c in self.startups if c.get("compliant"))


def has_startups(run: dict[str, t.Any]) -> bool:
    """Whether the run read a registry (any scorecard carries a startup)."""
    return any(card.get("startup") for card in run["scorecards"])


def _open_rank(card: dict[str, t.Any]) -> int:
    value = card.get("open_code")
    return 0 if value is False else 2 if value is True else 1


def open_code_key(card: dict[str, t.Any]) -> str:
    """The chrome key saying whether a startup's code is open (``scanner.i18n``)."""
    value = card.get("open_code")
    return "startup.closed" if value is False else "startup.open" if value is True else \
        "startup.unknown"


def startup_name(card: dict[str, t.Any]) -> str:
    startup = card.get("startup") or {}
    return str(startup.get("name") or card["repository"].get("name") or "?")


def incubator_groups(run: dict[str, t.Any]) -> list[IncubatorGroup]:
    """The run's scorecards by incubator (see the module's docstring for the order)."""
    groups: dict[str | None, IncubatorGroup] = {}
    for card in run["scorecards"]:
        incubator = (card.get("startup") or {}).get("incubator") or {}
        key = incubator.get("id") if card.get("startup") else None
        group = groups.setdefault(key, IncubatorGroup(key, incubator.get("title")))
        group.title = group.title or incubator.get("title")
        if card.get("kind") == "startup":
            group.startups.append(card)
        else:
            group.repositories.append(card)
    for group in groups.values():
        group.startups.sort(key=lambda c: (_open_rank(c), startup_name(c).lower()))
    named = sorted((g for k, g in groups.items() if k is not None),
                   key=lambda g: ((g.title or g.id or "").lower(), g.id or ""))
    return named + ([groups[None]] if None in groups else [])
