"""The organisation roll-up every human-facing format shows: repositories lowest score first,
the most failed rules, what each repository's next fixes gain, and incubator groups when the
run carries startup facts. Computed once from the run document; formats only lay it out."""

from __future__ import annotations

import typing as t
from dataclasses import dataclass, field

from scanner.engine.evaluate import Finding
from scanner.i18n import tr
from scanner.reporters.base import ReportOptions, display_name
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
    reviewing: list[str]
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
class Group:
    """The repositories and startups of one incubator (``id`` None: reached otherwise)."""

    id: str | None
    title: str | None
    rows: list[Row] = field(default_factory=list)
    #: Startup scorecards, those with an unwaived failure (no open code) first.
    startups: list[Row] = field(default_factory=list)

    @property
    def grades(self) -> dict[str, int]:
        return grade_counts(r.card for r in self.rows)

    @property
    def mean(self) -> float | None:
        return mean_score(r.card for r in self.rows)

    @property
    def startup_ids(self) -> set[str]:
        return {r.card["startup"]["id"] for r in [*self.rows, *self.startups]
                if r.card.get("startup")}


@dataclass
class Rollup:
    rows: list[Row]
    #: (rule id, how many repositories fail it), most failed first.
    most_failed: list[tuple[str, int]]
    groups: list[Group] | None


def grade_counts(cards: t.Iterable[dict[str, t.Any]]) -> dict[str, int]:
    counts = dict.fromkeys(GRADES, 0)
    for card in cards:
        if card["grade"] in counts:
            counts[card["grade"]] += 1
    return counts


def mean_score(cards: t.Iterable[dict[str, t.Any]]) -> float | None:
    scores = [c["score"] for c in cards if c["status"] == "ok" and c["score"] is not None]
    return round(sum(scores) / len(scores), 1) if scores else None


def _unwaived(card: dict[str, t.Any], status: str) -> list[str]:
    return [f["rule"] for f in card["findings"] if f["status"] == status and not f["waiver"]]


def row(card: dict[str, t.Any], previous: float | None = None) -> Row:
    """A scorecard's roll-up row; its plan comes from :func:`scanner.scoring.plan`."""
    scored = card["status"] == "ok" and card.get("kind", "repository") == "repository"
    steps = plan([Finding.from_dict(f) for f in card["findings"]]) if scored else None
    return Row(card, display_name(card), steps, _unwaived(card, "fail"),
               _unwaived(card, "review"), previous)


def _order(item: Row) -> tuple[int, float, str]:
    """Lowest score first; unscored cards (errors, startups) after the scored ones."""
    return (item.score is None, item.score or 0.0, item.name)


def is_startup(card: dict[str, t.Any]) -> bool:
    return card.get("kind", "repository") == "startup"


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
    return Rollup(rows, most, _groups(rows) if any(r.card.get("startup") for r in rows) else None)


def _groups(rows: list[Row]) -> list[Group]:
    groups: dict[str | None, Group] = {}
    for item in rows:
        incubator = (item.card.get("startup") or {}).get("incubator") or {}
        key = incubator.get("id")
        group = groups.setdefault(key, Group(key, incubator.get("title")))
        (group.startups if is_startup(item.card) else group.rows).append(item)
    for group in groups.values():
        group.startups.sort(key=lambda r: (_open_rank(r), r.name.lower()))
    return sorted(groups.values(), key=lambda g: (g.id is None, (g.title or g.id or "").lower()))


def without_open_code(item: Row) -> bool:
    """A startup scorecard saying its code is not open: ``open_code`` false when the registry
    scan says so, else an unwaived failure of a startup-level rule."""
    value = item.card.get("open_code")
    return value is False if "open_code" in item.card else bool(item.failing)


def startup_label(item: Row) -> str:
    """``Name (phase)`` of a startup scorecard (raw text)."""
    startup = item.card.get("startup") or {}
    name = str(startup.get("name") or item.name)
    return f"{name} ({startup['phase']})" if startup.get("phase") else name


def why_not_open(item: Row) -> str:
    """The message of a startup's first unwaived failure (raw text)."""
    return next((str(f["message"]) for f in item.card["findings"]
                 if f["status"] == "fail" and not f["waiver"]), "")


def _open_rank(item: Row) -> int:
    """Startups without open code first, then those nobody could tell about, then the others."""
    if without_open_code(item):
        return 0
    return 1 if item.card.get("open_code", True) is None else 2


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


def group_title(group: Group, language: str, escape: t.Callable[[str], str]) -> str:
    if group.id is None:
        return tr("incubator.none", language)
    return tr("incubator", language, title=escape(group.title or group.id), id=escape(group.id))


def group_stats(group: Group, language: str) -> str:
    values = {"repositories": len(group.rows), "mean": number(group.mean),
              "grades": grades_text(group.grades)}
    if group.id is None:
        return tr("incubator.repositories", language, **values)
    return tr("incubator.stats", language, startups=len(group.startup_ids), **values)


def grades_text(counts: dict[str, int]) -> str:
    return " · ".join(f"{grade} {count}" for grade, count in counts.items() if count) or "–"


def startups_text(counts: dict[str, t.Any], language: str, escape: t.Callable[[str], str]) -> str:
    """The run summary's startup counts (``summary.startups``) in one sentence."""
    line = tr("startups.summary", language, **{k: counts.get(k, 0) for k in
                                               ("declared", "with_open_code", "compliant")})
    phases = counts.get("by_phase") or {}
    if phases:  # phase -> count, or phase -> {declared, with_open_code...}
        line += tr("semicolon", language) + tr("startups.by_phase", language, phases=", ".join(
            f"{escape(str(k))} {v.get('declared', 0) if isinstance(v, dict) else v}"
            for k, v in phases.items()))
    return line
