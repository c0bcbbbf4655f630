"""The organisation roll-up the human-facing formats show: repositories lowest score first, the
most failed rules and what each repository's next fixes gain (from :mod:`scanner.scoring`),
per incubator when the run read a startup registry (the groups of
:mod:`scanner.reporters.groups`). Computed once from the run document; formats lay it out."""

from __future__ import annotations

import typing as t
from dataclasses import dataclass

from scanner.engine.evaluate import Finding
from scanner.i18n import tr
from scanner.reporters.base import ReportOptions, display_name
from scanner.reporters.groups import IncubatorGroup, has_startups, incubator_groups
from scanner.scoring import GRADES, Plan, plan

#: Rules listed under "most failed".
TOP_RULES = 10


@dataclass(frozen=True)
class Row:
    """One scorecard in the roll-up."""

    card: dict[str, t.Any]
    name: str
    plan: Plan | None
    failing: list[str]
    #: The score in the previous run of the history, if any.
    previous: float | None = None

    @property
    def score(self) -> float | None:
        return t.cast("float | None", self.card["score"])

    @property
    def grade(self) -> str | None:
        return t.cast("str | None", self.card["grade"])

    @property
    def delta(self) -> float | None:
        if self.previous is None or self.score is None:
            return None
        return round(self.score - self.previous, 1)


@dataclass
class Rollup:
    #: Every scorecard, lowest score first, unscored ones (errors, startups) last.
    rows: list[Row]
    #: (rule id, how many scorecards fail it), most failed first.
    most_failed: list[tuple[str, int]]
    #: Each incubator group with its repositories' rows, lowest score first; None when the run
    #: read no registry.
    groups: list[tuple[IncubatorGroup, list[Row]]] | None


def is_startup(card: dict[str, t.Any]) -> bool:
    return card.get("kind", "repository") == "startup"


def row(card: dict[str, t.Any], previous: float | None = None) -> Row:
    """A scorecard's roll-up row; its plan comes from :func:`scanner.scoring.plan`."""
    scored = card["status"] == "ok" and not is_startup(card)
    steps = plan([Finding.from_dict(f) for f in card["findings"]]) if scored else None
    failing = [f["rule"] for f in card["findings"] if f["status"] == "fail" and not f["waiver"]]
    return Row(card, display_name(card), steps, failing, previous)


def _order(item: Row) -> tuple[bool, float, str]:
    return (item.score is None, item.score or 0.0, item.name)


def rollup(run: dict[str, t.Any], options: ReportOptions | None = None) -> Rollup:
    history = options.history if options else None
    rows = [row(card, history.previous(display_name(card)) if history else None)
            for card in run["scorecards"]]
    rows.sort(key=_order)
    failed: dict[str, int] = {}
    for item in rows:
        for rule in item.failing:
            failed[rule] = failed.get(rule, 0) + 1
    most = sorted(failed.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_RULES]
    groups = None
    if has_startups(run):
        by_card = {id(item.card): item for item in rows}
        groups = [(group, sorted((by_card[id(c)] for c in group.repositories), key=_order))
                  for group in incubator_groups(run)]
    return Rollup(rows, most, groups)


def group_label(group: IncubatorGroup, language: str, escape: t.Callable[[str], str],
                code: t.Callable[[str], str] | None = None) -> str:
    """An incubator group's title: ``Title (id)`` (the id through ``code`` when given, after
    ``escape``), or what its repositories were reached by."""
    if group.id is None:
        return tr("group.none" if group.startups else "group.other", language)
    shown = escape(group.id)
    return f"{escape(group.title or group.id)} ({code(shown) if code else shown})"


def grade_counts(cards: t.Iterable[dict[str, t.Any]]) -> dict[str, int]:
    counts = dict.fromkeys(GRADES, 0)
    for card in cards:
        if card["grade"] in counts:
            counts[card["grade"]] += 1
    return counts


def rule_title(run: dict[str, t.Any], rule: str) -> str:
    """A rule's title in the run's language (the rule id when the run does not describe it)."""
    title = (run.get("rules", {}).get(rule) or {}).get("title") or {}
    return str(title.get(run["language"]) or title.get("en") or rule)


def number(value: float | None) -> str:
    """A score or a gain as reports show it: one decimal, the value compared and summed."""
    return "–" if value is None else f"{value:.1f}"


def plan_steps(steps: Plan, language: str, escape: t.Callable[[str], str]) -> str:
    """"licence-file-present (+9.8), readme-present (+3.1)": the rules of a plan, each with
    what it alone gains."""
    return ", ".join(tr("gain", language, rule=escape(f.rule), points=number(f.gain))
                     for f in steps.fixes)


def grades_text(counts: dict[str, int]) -> str:
    return " · ".join(f"{grade} {count}" for grade, count in counts.items() if count) or "–"


def startups_text(counts: dict[str, t.Any], language: str) -> str:
    """The run summary's startup counts (``summary.startups``) in one sentence."""
    return tr("registry.summary", language, **{k: counts.get(k, 0) for k in
                                               ("declared", "with_repository", "with_open_code",
                                                "compliant")})
