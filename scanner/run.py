"""The pipeline: targets -> snapshots -> facts -> findings -> scorecards -> run document.

The run document (``civiscan schema run``) is the one interface every reporter renders; the
exit code is computed from it alone (:func:`exit_code`).
"""

from __future__ import annotations

import datetime as dt
import logging
import typing as t
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from scanner import __version__
from scanner.config import FILE_NAME, Config, Waiver, admit_repository_waivers, repository_waivers
from scanner.engine.evaluate import SEVERITY_RANK, Finding, Status, evaluate
from scanner.engine.loader import Ruleset
from scanner.errors import CiviscanError, ScanError, UsageError
from scanner.facts import build_facts
from scanner.i18n import Text, tr
from scanner.scoring import score, shown
from scanner.snapshot import Snapshot
from scanner.sources.history import fill_shallow_history
from scanner.sources.local import local_snapshot
from scanner.sources.remote import Item
from scanner.targets import GitlabHosts, Target, unique

if t.TYPE_CHECKING:
    from scanner.registry.scan import StartupFilter
    from scanner.sources.crawl import Crawler, CrawlOptions

RUN_SCHEMA_VERSION = "1"
log = logging.getLogger(__name__)

Progress = Callable[[str], None]


@dataclass
class ScanOptions:
    """Everything a scan needs, already validated by the CLI or the caller."""

    targets: list[Target]
    ruleset: Ruleset
    config: Config = field(default_factory=Config)
    language: str = "en"
    today: dt.date = field(default_factory=dt.date.today)
    include_facts: bool = False
    progress: Progress | None = None
    crawl: CrawlOptions | None = None
    #: Told about repositories found and waits (the progress display); see ``sources.crawl``.
    listener: t.Any = None
    #: Which startups of ``registry:`` targets are scanned (default: all).
    startups: StartupFilter = field(default_factory=lambda: _all_startups())
    #: Self-hosted GitLab hosts: where a registry's URLs may point besides github.com/gitlab.com.
    gitlab_hosts: GitlabHosts = field(default_factory=dict)


def _all_startups() -> StartupFilter:
    from scanner.registry.scan import StartupFilter

    return StartupFilter()


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def snapshots_for(target: Target) -> Iterator[Snapshot]:
    """The snapshot of a local folder (``fix`` works on folders only)."""
    if target.kind == "local":
        assert target.path is not None
        yield local_snapshot(target.path)
        return
    raise ScanError(f"{target.label}: this command works on a local folder; clone the repository "
                    "and give its folder",
                    fr=f"{target.label} : cette commande s'applique à un dossier local ; clonez le "
                       "dépôt et indiquez son dossier")


def items_for(target: Target, crawler: Crawler | None) -> Iterator[Item]:
    """What a target stands for: one folder, or the repositories of an organisation or group."""
    if target.kind == "local":
        for snapshot in snapshots_for(target):
            fill_shallow_history(snapshot)
            yield Item(snapshot.repo, snapshot=snapshot)
        return
    if target.kind == "registry":
        raise UsageError(f"{target.label}: a registry is read by 'civiscan scan' (with "
                         "--include-facts, each startup's and repository's facts are in the report)",
                         fr=f"{target.label} : un registre se lit avec « civiscan scan » (avec "
                            "--include-facts, les faits de chaque startup et de chaque dépôt sont "
                            "dans le rapport)")
    assert crawler is not None
    yield from crawler.items(target)


def make_crawler(targets: t.Sequence[Target], crawl: CrawlOptions | None = None,
                 listener: t.Any = None) -> Crawler | None:
    """One crawler for the run's remote targets (none when every target is a folder)."""
    if all(target.kind == "local" for target in targets):
        return None
    from scanner.sources.crawl import Crawler, CrawlOptions

    return Crawler(crawl or CrawlOptions(), listener)


def _apply_config(findings: list[Finding], config: Config, own_waivers: list[Waiver],
                  full_name: str, today: dt.date) -> tuple[list[Finding], list[dict[str, t.Any]]]:
    """Severity overrides, justified disables, then waivers; returns findings and expired ones."""
    kept: list[Finding] = []
    expired: list[dict[str, t.Any]] = []
    waivers = [w for w in config.waivers if w.applies_to(full_name)] + own_waivers
    for finding in findings:
        if finding.rule in config.disabled:
            continue
        if finding.rule in config.severity:
            finding.severity = config.severity[finding.rule]
        for waiver in waivers:
            if waiver.rule != finding.rule:
                continue
            if waiver.expired(today):
                expired.append(waiver.to_dict())
                continue
            if finding.status in (Status.FAIL, Status.REVIEW):
                finding.waiver = waiver.to_dict()
            break
        kept.append(finding)
    return kept, expired


def scan_snapshot(snapshot: Snapshot, options: ScanOptions) -> dict[str, t.Any]:
    """One repository's scorecard (status ``ok``)."""
    return scan_item(Item(snapshot.repo, snapshot=snapshot), options)


def judge(facts: dict[str, t.Any], options: ScanOptions, full_name: str, scope: str,
          today: dt.date, own_config: bytes | None = None) -> dict[str, t.Any]:
    """The rules of ``scope`` on one facts document, with the configuration applied: the
    scorecard fields every kind of card shares (findings, waivers, notices, provenance)."""
    findings = [evaluate(rule, facts) for rule in options.ruleset.scoped(scope)]
    own_waivers: list[Waiver] = []
    proposed: list[dict[str, t.Any]] = []
    said: list[Text] = []
    if own_config is not None:
        own_waivers, said = repository_waivers(own_config, FILE_NAME)
        known = {rule.id for rule in options.ruleset.scoped(scope)}
        said += [(f"{FILE_NAME}: waiver for unknown rule {w.rule!r} ignored",
                  f"{FILE_NAME} : dérogation pour la règle inconnue {w.rule!r} ignorée")
                 for w in own_waivers if w.rule not in known]
        own_waivers = [w for w in own_waivers if w.rule in known]
        # A repository's waivers cover that repository only, whatever they say.
        own_waivers = [Waiver(w.rule, full_name, w.justification, w.approved_by, w.expires,
                              w.origin) for w in own_waivers]
        # ...and only apply where the trusted configuration says so: else a repository
        # could waive its own failures and pass.
        own_waivers, proposed = admit_repository_waivers(own_waivers, options.config, today)
    findings, expired = _apply_config(findings, options.config, own_waivers, full_name, today)
    said += [(f"waiver for {w['rule']} expired on {w['expires']} ({w['origin']}); "
              "it no longer applies",
              f"la dérogation pour {w['rule']} a expiré le {w['expires']} ({w['origin']}) ; "
              "elle ne s'applique plus") for w in expired]
    # What the source could not do (history not read, .git pointing elsewhere): said, not scored.
    said += [(f"{n['path']}: {n['message']}", f"{n['path']} : {n.get('message_fr') or n['message']}")
             for n in (facts.get("repository") or {}).get("notices", [])]
    notices = [fr if options.language == "fr" else en for en, fr in said]
    return {
        "scanned_at": _now(),
        **_provenance(options.ruleset),
        **score(findings),
        "findings": [f.to_dict(options.language) for f in findings],
        "expired_waivers": expired,
        "proposed_waivers": proposed,
        "notices": notices,
        "problems": facts["problems"],
    }


def scan_item(item: Item, options: ScanOptions,
              startup: dict[str, t.Any] | None = None) -> dict[str, t.Any]:
    """One repository's scorecard (status ``ok``), from its facts or from its snapshot;
    ``startup``: the startup it was reached through (its facts' ``startup`` section)."""
    if item.facts is not None:
        facts, data = item.facts, item.own_config
    else:
        assert item.snapshot is not None
        facts = build_facts(item.snapshot)
        data = item.snapshot.read(FILE_NAME) if FILE_NAME in item.snapshot.files else None
    facts = {**facts, "startup": startup}
    card: dict[str, t.Any] = {
        "kind": "repository",
        "startup": startup,
        "repository": facts["repository"],
        "status": "ok",
        "error": None,
        **judge(facts, options, facts["repository"]["full_name"], "repository", options.today,
                data),
    }
    folder = facts["repository"].get("folder")
    if folder:  # a checkout's folder: say whose history and licence it was scanned with
        checkout = facts["repository"]["full_name"]
        card["notices"].append(tr("notice.folder" if "/" in checkout else "notice.folder.unnamed",
                                  options.language, folder=folder, checkout=checkout))
    if options.include_facts:
        card["facts"] = facts
    return card


def _provenance(ruleset: Ruleset) -> dict[str, t.Any]:
    """What produced a scorecard, so cards from sharded runs can be merged and compared."""
    described = ruleset.describe()
    return {"civiscan_version": __version__,
            "ruleset": {k: described[k] for k in ("name", "version", "digest")}}


def error_card(label: str, reason: str, ruleset: Ruleset,
               repository: dict[str, t.Any] | None = None, *, startup: dict[str, t.Any] | None = None,
               kind: str = "repository") -> dict[str, t.Any]:
    """The scorecard of a repository or target that could not be scanned: the run goes on."""
    name = label.rsplit("/", 1)[-1] or label
    return {
        "kind": kind, "startup": startup,
        "repository": repository or {"name": name, "full_name": label, "url": None},
        "status": "error", "error": reason, "scanned_at": _now(), **_provenance(ruleset),
        "score": None, "grade": None,
        "categories": {}, "findings": [], "expired_waivers": [], "proposed_waivers": [],
        "notices": [], "problems": [],
    }


def summarise(cards: list[dict[str, t.Any]],
              registries: list[dict[str, t.Any]] | None = None) -> dict[str, t.Any]:
    """The run summary, from its scorecards (and, for ``registry:`` targets, the registries'
    records). Repository counts, mean and grades are of repository scorecards; failing rules of
    all; ``startups`` only when a registry was read."""
    repositories = [c for c in cards if c.get("kind", "repository") == "repository"]
    ok = [c for c in repositories if c["status"] == "ok"]
    scores = [c["score"] for c in ok if c["score"] is not None]
    grades: dict[str, int] = {}
    for card in ok:
        if card["grade"]:
            grades[card["grade"]] = grades.get(card["grade"], 0) + 1
    failing: dict[str, int] = {}
    for card in cards:
        for finding in card["findings"] if card["status"] == "ok" else []:
            if finding["status"] == "fail" and not finding["waiver"]:
                failing[finding["rule"]] = failing.get(finding["rule"], 0) + 1
    summary: dict[str, t.Any] = {
        "repositories": len(repositories), "scanned": len(ok),
        "errors": len(repositories) - len(ok),
        "mean_score": round(sum(scores) / len(scores), 1) if scores else None,
        "grades": dict(sorted(grades.items())),
        "failing_rules": dict(sorted(failing.items(), key=lambda kv: (-kv[1], kv[0]))),
    }
    if registries is not None:
        summary["startups"] = startup_summary(cards, registries)
    return summary


def startup_summary(cards: list[dict[str, t.Any]],
                    registries: list[dict[str, t.Any]]) -> dict[str, t.Any]:
    """Startups declared (readable entries in scope), naming a repository, with open code (what
    they declare is public), compliant (open code, and every public repository graded A or B),
    and the same counts by current phase."""
    startups = [c for c in cards if c.get("kind") == "startup" and c.get("code") is not None]

    def counts(group: list[dict[str, t.Any]]) -> dict[str, int]:
        return {"declared": len(group),
                "with_repository": sum(1 for c in group if c["code"]["status"] not in
                                       ("not_declared", "malformed")),
                "with_open_code": sum(1 for c in group if c["open_code"]),
                "compliant": sum(1 for c in group if c["compliant"])}

    phases: dict[str, list[dict[str, t.Any]]] = {}
    for card in startups:
        phases.setdefault(card["startup"]["phase"] or "unknown", []).append(card)
    return {**counts(startups),
            "unreadable": sum(1 for c in cards
                              if c.get("kind") == "startup" and c.get("code") is None),
            "by_phase": {phase: counts(group) for phase, group in sorted(phases.items())},
            "registries": registries}


def item_key(item: Item) -> str:
    """One repository reached twice (two targets, two startups) is scanned once: its web URL
    says which one it is across forges (``owner/name`` alone may exist on several)."""
    return (item.info.url or item.info.full_name).lower()


def scan(options: ScanOptions) -> dict[str, t.Any]:
    """Scan every target; one repository failing never stops the others."""
    started = _now()
    cards: list[dict[str, t.Any]] = []
    carded: dict[str, dict[str, t.Any]] = {}
    registries: list[dict[str, t.Any]] = []
    targets = unique(options.targets)  # `.` and its absolute path are one target
    crawler = make_crawler(targets, options.crawl, options.listener)

    def add(item: Item, startup: dict[str, t.Any] | None = None) -> dict[str, t.Any]:
        key = item_key(item)
        if item.snapshot is None and key in carded:
            return carded[key]
        if options.progress:
            options.progress(item.info.full_name)
        card = _card(item, options, startup)
        cards.append(card)
        carded[key] = card
        return card

    for target in targets:
        try:
            if target.kind == "registry":
                from scanner.registry.scan import scan_registry

                assert crawler is not None
                startup_cards, record = scan_registry(target, crawler, options, add)
                cards.extend(startup_cards)
                registries.append(record)
                continue
            for item in items_for(target, crawler):
                add(item)
        except CiviscanError as exc:
            cards.append(error_card(target.label, exc.text(options.language), options.ruleset))
        except Exception as exc:  # a source bug costs its target, never the run
            log.debug("target %s failed", target.label, exc_info=True)
            cards.append(error_card(target.label, f"internal error: {type(exc).__name__}: {exc}",
                                    options.ruleset))
    ruleset = options.ruleset
    with_registry = any(target.kind == "registry" for target in targets)
    return {
        "schema_version": RUN_SCHEMA_VERSION,
        "civiscan_version": __version__,
        "language": options.language,
        "started_at": started,
        "finished_at": _now(),
        "targets": [t.label for t in targets],
        "ruleset": ruleset.describe(),
        "rules": {r.id: r.describe() for r in ruleset.rules if r.id not in options.config.disabled},
        "disabled_rules": [{"rule": r, "justification": j}
                           for r, j in sorted(options.config.disabled.items())],
        "config": options.config.path,
        "scorecards": cards,
        "summary": summarise(cards, registries if with_registry else None),
    }


def _card(item: Item, options: ScanOptions,
          startup: dict[str, t.Any] | None = None) -> dict[str, t.Any]:
    """The scorecard of one item; whatever goes wrong costs this repository only."""
    name = item.info.full_name
    if item.error is not None:
        return error_card(name, item.error.text(options.language), options.ruleset,
                          item.info.to_facts(), startup=startup)
    try:
        return scan_item(item, options, startup)
    except CiviscanError as exc:
        return error_card(name, exc.text(options.language), options.ruleset, item.info.to_facts(),
                          startup=startup)
    except Exception as exc:  # one repository must not stop an organisation scan
        log.debug("scan of %s failed", name, exc_info=True)
        return error_card(name, f"internal error: {type(exc).__name__}: {exc}", options.ruleset,
                          item.info.to_facts(), startup=startup)


def exit_code(run: dict[str, t.Any], *, fail_under: float | None, fail_on: str | None) -> int:
    """0 ok; 1 a repository is under ``fail_under``, has an unwaived failure at or above
    ``fail_on``, or could not be scanned while a threshold is set (its compliance is unknown, so
    it cannot pass); 3 nothing could be scanned. (2 is raised earlier, for usage errors.)"""
    return exit_reason(run, fail_under=fail_under, fail_on=fail_on)[0]


def exit_reason(run: dict[str, t.Any], *, fail_under: float | None,
                fail_on: str | None) -> tuple[int, dict[str, t.Any] | None]:
    """The exit code and, for 1, the first scorecard that caused it (to say why)."""
    cards = run["scorecards"]
    ok = [c for c in cards if c["status"] == "ok"]
    if cards and not ok:
        return 3, None
    threshold = SEVERITY_RANK.get(fail_on or "never")
    if fail_under is not None or threshold is not None:
        for card in cards:
            if card["status"] != "ok":
                return 1, card
    for card in ok:
        if _under(card, fail_under) or _blocking(card, threshold) is not None:
            return 1, card
    return 0, None


def _under(card: dict[str, t.Any], fail_under: float | None) -> bool:
    """A repository under the threshold as shown: the score compared is the one reports
    display (a startup card has no score of its own)."""
    return (fail_under is not None and card.get("kind", "repository") == "repository"
            and (card["score"] is None or shown(card["score"]) < fail_under))


def _blocking(card: dict[str, t.Any], threshold: int | None) -> dict[str, t.Any] | None:
    """The first unwaived, non-experimental failure at or above ``threshold``."""
    if threshold is None:
        return None
    return next((f for f in card["findings"]
                 if f["status"] == "fail" and not f["waiver"] and f["lifecycle"] != "experimental"
                 and SEVERITY_RANK[f["severity"]] >= threshold), None)


def exit_explanation(run: dict[str, t.Any], *, fail_under: float | None, fail_on: str | None,
                     language: str) -> tuple[int, str | None]:
    """The exit code and, when it is not 0, one line saying why (in ``language``)."""
    code, card = exit_reason(run, fail_under=fail_under, fail_on=fail_on)
    if code == 3:
        return code, {"en": "exit 3: no repository could be scanned",
                      "fr": "code 3 : aucun dépôt n'a pu être analysé"}[language]
    if code == 0 or card is None:
        return code, None
    name = card["repository"]["full_name"]
    threshold = SEVERITY_RANK.get(fail_on or "never")
    failing = sum(1 for c in run["scorecards"]
                  if c["status"] != "ok" or _under(c, fail_under) or _blocking(c, threshold))
    more = "" if failing < 2 else {"en": f" ({failing} repositories fail the threshold)",
                                   "fr": f" ({failing} dépôts ne passent pas le seuil)"}[language]
    finding = _blocking(card, threshold)
    if card["status"] != "ok":
        en = f"{name} could not be scanned ({card['error']}): its compliance is unknown"
        fr = f"{name} n'a pas pu être analysé ({card['error']}) : sa conformité est inconnue"
    elif _under(card, fail_under):
        value = "-" if card["score"] is None else str(shown(card["score"]))
        en = f"{name} scores {value}, under --fail-under {fail_under:g}"
        fr = f"{name} a un score de {value}, sous --fail-under {fail_under:g}"
    else:
        assert finding is not None
        severity = finding["severity"]
        en = f"{name} fails {finding['rule']} (severity {severity}, --fail-on {fail_on})"
        fr = (f"{name} ne respecte pas {finding['rule']} (gravité "
              f"{tr(f'severity.{severity}', 'fr')}, --fail-on {fail_on})")
    return code, {"en": f"exit 1: {en}{more}", "fr": f"code 1 : {fr}{more}"}[language]
