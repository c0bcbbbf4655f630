"""A ``registry:`` target through the run: read the registry, resolve what each startup declares,
scan every repository once (however many startups share it), then judge each startup.

Order of work, so that a registry of a few hundred startups costs about what an organisation of
as many repositories costs:

1. the document is read (:mod:`scanner.registry.fetch`) and parsed; startups are filtered
   (``--incubator``, ``--phase``, ``--active``);
2. each ``repository`` field is resolved (:mod:`scanner.registry.resolve`); one target per place,
   whatever the spelling, and nothing is fetched for a value that names no forge;
3. GitHub repositories are looked up 50 to a query and crawled together
   (``Crawler.repositories``); organisations, groups and GitLab projects go through the crawl as
   any target does;
4. each repository gets a scorecard whose facts carry a ``startup`` section (its most advanced
   startup: a repository is relaxed for investigation only when all its startups are in it);
5. each startup gets a scorecard of kind ``startup``: the rules of scope ``startup`` judged on its
   startup facts document (``civiscan schema startup``).
"""

from __future__ import annotations

import typing as t
from collections.abc import Callable
from dataclasses import dataclass, field

from scanner import __version__
from scanner.errors import CiviscanError, EmptyRepository, ScanError
from scanner.registry.document import Registry, Startup, Text, parse_registry
from scanner.registry.resolve import Declared, resolve, target_key
from scanner.sources.http import BudgetExhausted, RateLimited, RemoteFailure
from scanner.sources.remote import Item
from scanner.targets import Target

if t.TYPE_CHECKING:
    from scanner.run import ScanOptions
    from scanner.sources.crawl import Crawler

STARTUP_SCHEMA_VERSION = "1"
#: Grades that make a repository compliant in the run summary.
COMPLIANT_GRADES = ("A", "B")
_VISIBLE = "public"

#: Adds a repository's scorecard to the run (or returns the one already there).
AddCard = Callable[[Item, "dict[str, t.Any] | None"], "dict[str, t.Any]"]


@dataclass(frozen=True)
class StartupFilter:
    """Which startups of a registry are scanned (``--incubator``, ``--phase``, ``--active``)."""

    incubators: frozenset[str] = frozenset()
    phases: frozenset[str] = frozenset()

    @property
    def active(self) -> bool:
        return bool(self.incubators or self.phases)

    def keep(self, startup: Startup) -> bool:
        if self.incubators and not {i.lower() for i in startup.incubators} & self.incubators:
            return False
        return not self.phases or startup.phase in self.phases


@dataclass
class Outcome:
    """What the crawl made of one place some startups declare."""

    target: Target
    startups: list[Startup]
    failure: CiviscanError | None = None
    kind: str | None = None
    repositories: list[dict[str, t.Any]] = field(default_factory=list)
    cards: list[dict[str, t.Any]] = field(default_factory=list)
    empty: bool = False
    interrupted: CiviscanError | None = None


def section(startup: Startup, registry: Registry, shared_with: t.Sequence[str] = ()) -> dict[str, t.Any]:
    """The ``startup`` facts section (and the startup field of a scorecard)."""
    return {
        "id": startup.id, "name": startup.name, "phase": startup.phase,
        "phases": [p.to_facts() for p in startup.phases],
        "incubator": {"id": startup.incubator, "title": registry.incubator_title(startup.incubator)},
        "sponsors": list(startup.sponsors), "registry": registry.source, "link": startup.link,
        "shared_with": [s for s in shared_with if s != startup.id],
    }


def _primary(startups: list[Startup]) -> Startup:
    """The startup a shared repository is held to: the first not in investigation, if any."""
    return next((s for s in startups if s.phase != "investigation"), startups[0])


def _classify(declared: Declared, outcome: Outcome | None) -> tuple[str, Text | None]:
    """The status of the code a startup declares, and what to say about it."""
    if declared.status != "forge":
        return declared.status, declared.detail
    assert outcome is not None and declared.target is not None
    where = declared.target.label
    failure = outcome.failure
    if isinstance(failure, (BudgetExhausted, RateLimited)):
        return "not_checked", (f"{where} was not looked at: {failure}",
                               f"{where} n'a pas été examiné : {failure.text('fr')}")
    if failure is not None:
        status = failure.status if isinstance(failure, RemoteFailure) else 0
        if status == 404:
            return "missing", (f"{where} does not exist for the forge (404: deleted, renamed, or "
                               "private and hidden from this token)",
                               f"{where} n'existe pas pour la forge (404 : supprimé, renommé, ou "
                               "privé et invisible pour ce jeton)")
        if status == 409:
            return "empty", (f"{where} is empty: it holds no code",
                             f"{where} est vide : il ne contient aucun code")
        return "unreachable", (f"{where} could not be reached: {failure}",
                               f"{where} n'a pas pu être atteint : {failure.text('fr')}")
    public = [r for r in outcome.repositories if r["visibility"] == _VISIBLE]
    if outcome.kind == "repository":
        if outcome.repositories and not public:
            visibility = outcome.repositories[0]["visibility"] or "private"
            return "private", (f"{where} is {visibility}: only its members can read the code",
                               f"{where} est {_FR.get(visibility, visibility)} : seuls ses membres "
                               "peuvent lire le code")
        if outcome.empty:
            return "empty", (f"{where} is empty: it holds no code",
                             f"{where} est vide : il ne contient aucun code")
        return "public", (f"{where} is public", f"{where} est public")
    if public:
        return "public", (f"{where} has {len(public)} public repositories",
                          f"{where} a {len(public)} dépôt(s) public(s)")
    if isinstance(outcome.interrupted, (BudgetExhausted, RateLimited)):
        return "not_checked", (f"{where} was not listed to its end: {outcome.interrupted}",
                               f"{where} n'a pas été listé jusqu'au bout : "
                               f"{outcome.interrupted.text('fr')}")
    if outcome.repositories:
        return "no_public_repository", (
            f"{where} lists {len(outcome.repositories)} repositories, none of them public",
            f"{where} liste {len(outcome.repositories)} dépôt(s), aucun public")
    return "no_public_repository", (f"{where} lists no repository (forks are left out)",
                                    f"{where} ne liste aucun dépôt (les fourches sont écartées)")


_FR = {"private": "privé", "internal": "interne"}


def _repository_summary(item: Item) -> dict[str, t.Any]:
    info = item.info
    return {"full_name": info.full_name, "url": info.url, "visibility": info.visibility,
            "archived": info.archived}


def _crawl(outcomes: dict[str, Outcome], crawler: Crawler, add: AddCard,
           registry: Registry) -> None:
    """Every place once; each repository carded with the startup it is held to."""
    def record(outcome: Outcome, item: Item) -> None:
        shared = [s.id for s in outcome.startups]
        startup = section(_primary(outcome.startups), registry, shared)
        if isinstance(item.error, EmptyRepository) or (
                isinstance(item.error, RemoteFailure) and item.error.status == 409):
            outcome.empty = True
        if isinstance(item.error, (BudgetExhausted, RateLimited)) and not item.info.url:
            outcome.interrupted = item.error  # the listing stopped here: no repository behind
        else:
            outcome.repositories.append(_repository_summary(item))
        outcome.cards.append(add(item, startup))

    named = [o for o in outcomes.values() if o.target.name]
    by_target = {target_key(o.target): o for o in named}
    for target, found in crawler.repositories([o.target for o in named]):
        outcome = by_target[target_key(target)]
        if isinstance(found, CiviscanError):
            outcome.failure = found
        else:
            record(outcome, found)
    for outcome in outcomes.values():
        if outcome.target.name:
            continue
        try:
            for item in crawler.items(outcome.target):
                record(outcome, item)
        except CiviscanError as exc:
            outcome.failure = exc
    for outcome in outcomes.values():
        # A GitHub owner, or a GitLab path the host said is a group, stands for its repositories.
        target = outcome.target
        single = (target.kind == "github" and target.name is not None) or (
            len(outcome.repositories) == 1 and outcome.repositories[0]["full_name"].lower()
            == f"{target.owner}/{target.name}".lower())
        outcome.kind = "repository" if single else "organisation"


def _compliant(cards: list[dict[str, t.Any]]) -> bool:
    """Every public repository reached was scanned and graded A or B (and there is one)."""
    public = [c for c in cards if c["repository"].get("visibility") == _VISIBLE]
    return bool(public) and all(c["status"] == "ok" and c["grade"] in COMPLIANT_GRADES
                                for c in public)


def startup_facts(startup: Startup, registry: Registry, declared: Declared,
                  outcome: Outcome | None) -> dict[str, t.Any]:
    """The document rules of scope ``startup`` are evaluated on."""
    status, detail = _classify(declared, outcome)
    repositories = outcome.repositories if outcome else []
    shared = [s.id for s in outcome.startups] if outcome else []
    return {
        "schema_version": STARTUP_SCHEMA_VERSION,
        "civiscan_version": __version__,
        "startup": section(startup, registry, shared),
        "code": {
            "declared": declared.value, "status": status,
            "kind": outcome.kind if outcome else None, "forge": declared.forge,
            "host": declared.host, "target": declared.target.label if declared.target else None,
            "detail": {"en": detail[0], "fr": detail[1]} if detail else None,
            "repositories": repositories,
            "public_repositories": sum(1 for r in repositories if r["visibility"] == _VISIBLE),
        },
        "problems": [{"source": "registry", "path": registry.source, "line": None,
                      "message": f"entry #{startup.index} ({startup.id}): {en}",
                      "message_fr": f"entrée #{startup.index} ({startup.id}) : {fr}"}
                     for en, fr in startup.problems],
    }


def _startup_card(startup: Startup, registry: Registry, declared: Declared | None,
                  outcome: Outcome | None, options: ScanOptions) -> dict[str, t.Any]:
    from scanner.run import error_card, judge

    full_name = f"startup:{startup.id}"
    repository = {"name": startup.id, "full_name": full_name, "url": None}
    if startup.error is not None or declared is None:
        en, fr = startup.error or ("unreadable entry", "entrée illisible")
        reason = (fr if options.language == "fr" else en)
        unread = error_card(full_name, f"{registry.source}: entry #{startup.index}: {reason}",
                            options.ruleset, repository, startup=section(startup, registry),
                            kind="startup")
        unread.update(open_code=None, compliant=False, code=None, repositories=[])
        return unread
    facts = startup_facts(startup, registry, declared, outcome)
    judged = judge(facts, options, full_name, "startup", options.today)
    code = facts["code"]
    cards = outcome.cards if outcome else []
    open_code = {"public": True, "unknown_host": None, "not_checked": None}.get(code["status"], False)
    card: dict[str, t.Any] = {
        "kind": "startup", "startup": facts["startup"], "repository": repository,
        "status": "ok", "error": None, **judged,
        "score": None, "grade": None, "categories": {},
        "open_code": open_code, "compliant": bool(open_code) and _compliant(cards),
        "code": {"declared": code["declared"], "status": code["status"], "target": code["target"]},
        "repositories": [c["repository"]["full_name"] for c in cards],
    }
    if code["status"] == "not_checked":
        card["status"] = "error"
        card["error"] = code["detail"]["fr" if options.language == "fr" else "en"]
    if options.include_facts:
        card["facts"] = facts
    return card


def scan_registry(target: Target, crawler: Crawler, options: ScanOptions,
                  add: AddCard) -> tuple[list[dict[str, t.Any]], dict[str, t.Any]]:
    """Repository scorecards (through ``add``) for what the registry declares, then the startup
    scorecards, and the registry's record for the run summary."""
    from scanner.registry import fetch  # requests: only when a registry is read

    data, source = fetch.load(target)
    registry = parse_registry(data, source)
    chosen = [s for s in registry.startups
              if (s.error is None and options.startups.keep(s))
              or (s.error is not None and not options.startups.active)]
    if registry.startups and not chosen:
        incubators = ", ".join(sorted({i for s in registry.startups for i in s.incubators})) or "-"
        raise ScanError(f"{target.label}: no startup matches --incubator/--phase/--active "
                        f"(incubators in this registry: {incubators})",
                        fr=f"{target.label} : aucune startup ne correspond à "
                           f"--incubator/--phase/--active (incubateurs de ce registre : "
                           f"{incubators})")
    declared: dict[str, Declared] = {}
    outcomes: dict[str, Outcome] = {}
    for startup in chosen:
        if startup.error is not None:
            continue
        found = declared[startup.id] = resolve(startup.repository, options.gitlab_hosts)
        if found.target is not None:
            key = target_key(found.target)
            outcomes.setdefault(key, Outcome(found.target, [])).startups.append(startup)
    if outcomes:
        _crawl(outcomes, crawler, add, registry)
    cards = []
    for startup in chosen:
        found_ = declared.get(startup.id)
        outcome = outcomes.get(target_key(found_.target)) if found_ and found_.target else None
        cards.append(_startup_card(startup, registry, found_, outcome, options))
    return cards, {
        "source": registry.source, "entries": len(registry.startups), "startups": len(chosen),
        "unreadable": sum(1 for s in chosen if s.error is not None),
        "problems": [{"en": en, "fr": fr} for en, fr in registry.problems],
    }

