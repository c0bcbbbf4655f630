"""Remote targets to items: one crawler per run, shared by every remote target.

It owns what must be shared across targets and threads: the request policy (budget, waits),
the cache, and the checkpoint of listing pages that ``--resume`` replays so an interrupted run
lists nothing twice.
"""

from __future__ import annotations

import hashlib
import json
import typing as t
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from scanner.errors import CiviscanError, ScanError
from scanner.snapshot import Commit, RepoInfo
from scanner.sources.cache import Cache, default_cache_dir
from scanner.sources.http import BudgetExhausted, Policy, RemoteFailure
from scanner.sources.remote import Crawl, Defaults, Filters, Item, Listed
from scanner.targets import Target

if t.TYPE_CHECKING:
    from scanner.sources.github import GitHubForge
    from scanner.sources.gitlab import GitLabForge


#: Repositories crawled together when targets name them one by one (trees and files batched).
PAGE = 50


@dataclass
class CrawlOptions:
    filters: Filters = field(default_factory=Filters)
    cache_dir: Path | None = None
    use_cache: bool = True
    max_requests: int | None = None
    resume: bool = False
    github_api_url: str | None = None
    gitlab_url: str | None = None
    #: Where the API of a GitLab host is reached, when not at https://HOST (``--gitlab-host
    #: HOST=URL``: an internal address, a proxy, a test server).
    gitlab_instances: dict[str, str] = field(default_factory=dict)
    workers: int = 4


class Lister(t.Protocol):
    """A forge that lists an organisation or group page by page."""

    def owner_pages(self, owner: str, filters: Filters,
                    start: str | None = None) -> Iterator[tuple[list[Listed], str | None]]: ...


class Listener(t.Protocol):
    """What the crawl tells the progress display."""

    def found(self, count: int) -> None: ...

    def waiting(self, seconds: float, reason: str) -> None: ...

    def notice(self, en: str, fr: str) -> None: ...


def _listed_to_json(listed: Listed) -> dict[str, t.Any]:
    return {"info": listed.info.to_facts(), "tree": listed.tree_oid, "handle": listed.handle,
            "commits": None if listed.commits is None else
            [[c.sha, c.message, c.merge, c.author] for c in listed.commits],
            "error": None if listed.error is None else [str(listed.error), listed.error.fr]}


def _listed_from_json(data: dict[str, t.Any]) -> Listed:
    info = dict(data["info"])
    info["topics"] = tuple(info.get("topics") or ())
    error = data.get("error")
    handle = data.get("handle")
    return Listed(info=RepoInfo(**info), tree_oid=data.get("tree"),
                  commits=None if data.get("commits") is None else
                  [Commit(sha=c[0], message=c[1], merge=c[2], author=c[3]) for c in data["commits"]],
                  handle=tuple(handle) if isinstance(handle, list) else handle,
                  error=ScanError(error[0], fr=error[1]) if error else None)


def _defaults_to_json(defaults: Defaults | None) -> dict[str, t.Any] | None:
    if defaults is None:
        return None
    return {"origin": defaults.origin, "head": defaults.head,
            "files": {path: data.decode("latin-1") for path, data in defaults.files.items()}}


def _defaults_from_json(data: dict[str, t.Any] | None) -> Defaults | None:
    if data is None:
        return None
    return Defaults(data["origin"], data["head"],
                    {path: text.encode("latin-1") for path, text in data["files"].items()})


class Crawler:
    """Items for remote targets; ``requests`` counts what the run has sent."""

    def __init__(self, options: CrawlOptions, listener: Listener | None = None,
                 sleep: Callable[[float], None] | None = None) -> None:
        self.options = options
        self.listener = listener
        self.policy = Policy(max_requests=options.max_requests,
                             on_wait=listener.waiting if listener else None)
        if sleep is not None:
            self.policy.sleep = sleep
        directory = (options.cache_dir or default_cache_dir()) if options.use_cache else None
        self.cache = Cache(directory)
        self._github: GitHubForge | None = None
        self._shared: dict[str, Defaults | None] = {}
        self._gitlab: dict[str, GitLabForge] = {}

    @property
    def requests(self) -> int:
        return self.policy.requests

    def github(self) -> GitHubForge:
        if self._github is None:
            from scanner.sources.github import GitHubClient, GitHubForge  # requests: only if remote

            client = GitHubClient.from_environment(self.policy, self.options.github_api_url)
            self._github = GitHubForge(client, self.cache)
            if self._github.anonymous and self.listener:
                self.listener.notice(
                    "no GITHUB_TOKEN: anonymous GitHub access, REST only, 60 requests an hour on "
                    "github.com (about 12 per repository); set GITHUB_TOKEN to scan organisations",
                    "pas de GITHUB_TOKEN : accès anonyme à GitHub, REST seulement, 60 requêtes par "
                    "heure sur github.com (environ 12 par dépôt) ; définissez GITHUB_TOKEN pour "
                    "analyser des organisations")
        return self._github

    def gitlab(self, target: Target) -> GitLabForge:
        """One forge per GitLab instance (its own client, token and blob batch size)."""
        from scanner.sources.gitlab import GitLabClient, GitLabForge  # requests: only if remote

        client = GitLabClient.for_target(self.policy, target, self.options.gitlab_url,
                                         self.options.gitlab_instances)
        key = f"{client.url} {client.token is not None}"
        if key not in self._gitlab:
            self._gitlab[key] = GitLabForge(client, self.cache)
            if client.token is None and self.listener:
                self.listener.notice(
                    f"no GITLAB_TOKEN for {client.host}: anonymous GitLab access, public projects "
                    "only (private and internal ones are not listed)",
                    f"pas de GITLAB_TOKEN pour {client.host} : accès anonyme à GitLab, projets "
                    "publics seulement (les privés et internes ne sont pas listés)")
        return self._gitlab[key]

    def _defaults(self, forge: GitHubForge, owner: str,
                  looked_up: Listed | RemoteFailure | None = None) -> Defaults | None:
        """The owner's shared ``.github`` community files, looked up once per owner and run
        (``looked_up``: the repository, or its failure, already asked for in a batch)."""
        key = owner.lower()
        if key not in self._shared:
            try:
                if isinstance(looked_up, RemoteFailure):
                    raise looked_up
                listed = looked_up or forge.repository(owner, ".github")
                crawl = Crawl(forge, self.cache, workers=1)
                self._shared[key] = crawl.load_defaults(listed)
            except RemoteFailure as exc:
                self._shared[key] = None
                if exc.status != 404 and self.listener:
                    # Scanning on without them beats losing the organisation: said, not hidden.
                    self.listener.notice(
                        f"{owner}/.github could not be read ({exc}); community files are not "
                        "inherited from it in this run",
                        f"{owner}/.github n'a pas pu être lu ({exc.text('fr')}) ; ses fichiers "
                        "communautaires ne sont pas hérités dans cette analyse")
        return self._shared[key]

    def repositories(self, targets: Sequence[Target]) -> Iterator[tuple[Target, Item | CiviscanError]]:
        """Items for many targets that each name one repository or project (a registry's).

        They are looked up in batches (GitHub: 50 to a GraphQL query, with their owners'
        ``.github``; GitLab: 6 projects to a query, per instance) and crawled together, so trees
        and files come in batches across all of them, as for an organisation. A GitLab path that
        is no project is listed as a group. A repository that cannot be had comes as its failure
        instead of an item (``RemoteFailure.status`` 404: missing or hidden)."""
        yield from self._github_repositories([t for t in targets if t.kind == "github"])
        yield from self._gitlab_projects([t for t in targets if t.kind == "gitlab"])

    def _github_repositories(self, targets: Sequence[Target]
                             ) -> Iterator[tuple[Target, Item | CiviscanError]]:
        if not targets:
            return
        forge = self.github()
        pairs = [(str(target.owner), str(target.name)) for target in targets]
        owners = {owner.lower(): owner for owner, _ in pairs}
        wanted = pairs + [(owner, ".github") for key, owner in owners.items()
                          if key not in self._shared]
        try:
            found = forge.repositories(wanted)
        except CiviscanError as exc:  # the budget, or a wait too long: each target says why
            for target in targets:
                yield target, exc
            return
        by_owner: dict[str, list[tuple[Target, Listed]]] = {}
        for target, pair in zip(targets, pairs, strict=True):
            outcome = found[pair]
            if isinstance(outcome, CiviscanError):
                yield target, outcome
            else:
                by_owner.setdefault(pair[0].lower(), []).append((target, outcome))
        for key, group in by_owner.items():
            defaults = self._defaults(forge, owners[key], found.get((owners[key], ".github")))
            crawl = Crawl(forge, self.cache, workers=self.options.workers, defaults=defaults)
            yield from self._together(crawl, group)

    def _gitlab_projects(self, targets: Sequence[Target]
                         ) -> Iterator[tuple[Target, Item | CiviscanError]]:
        instances: dict[int, tuple[GitLabForge, list[Target]]] = {}
        for target in targets:
            forge = self.gitlab(target)
            instances.setdefault(id(forge), (forge, []))[1].append(target)
        for forge, group in instances.values():
            paths = [f"{target.owner}/{target.name}" for target in group]
            try:
                found = forge.projects(paths)
            except CiviscanError as exc:
                for target in group:
                    yield target, exc
                continue
            crawl = Crawl(forge, self.cache, workers=self.options.workers)
            projects: list[tuple[Target, Listed]] = []
            for target, path in zip(group, paths, strict=True):
                outcome = found[path]
                if isinstance(outcome, Listed):
                    projects.append((target, outcome))
                    continue
                if outcome is not None:
                    yield target, outcome
                    continue
                try:  # no project at this path: a group, with its subgroups
                    for item in self._owner(target, path, forge, crawl,
                                            *self._checkpoint(target)):
                        yield target, item
                except CiviscanError as exc:
                    yield target, exc
            yield from self._together(crawl, projects)

    def _together(self, crawl: Crawl, listed: list[tuple[Target, Listed]]) -> Iterator[tuple[Target, Item]]:
        """Listed repositories crawled in pages of :data:`PAGE`, each item with its target."""
        if self.listener and listed:
            self.listener.found(len(listed))
        for start in range(0, len(listed), PAGE):
            page = listed[start:start + PAGE]
            items = list(self._page(crawl, [entry for _, entry in page]))
            yield from zip((target for target, _ in page), items, strict=True)

    def run_key(self, target: Target) -> str:
        digest = hashlib.sha256(json.dumps([target.label, self.options.filters.__dict__],
                                           sort_keys=True, default=str).encode()).hexdigest()
        return "run:" + digest[:32]

    def _checkpoint(self, target: Target) -> tuple[str, list[t.Any]]:
        """The run's checkpoint key and what an interrupted run saved there (``--resume``);
        without ``--resume`` the old one is dropped."""
        key = self.run_key(target)
        if not self.options.resume:
            self.cache.clear_checkpoint(key)
            return key, []
        return key, self.cache.checkpoint(key)

    def _owner_defaults(self, forge: GitHubForge, owner: str, key: str,
                        saved: list[t.Any]) -> Defaults | None:
        """The owner's ``.github`` defaults, kept in the checkpoint: ``--resume`` does not ask
        again (every request a resumed run repeats is one too many)."""
        records = [r["defaults"] for r in saved if "defaults" in r]
        if records:
            self._shared.setdefault(owner.lower(), _defaults_from_json(records[0]))
        found = self._defaults(forge, owner)
        if not records:
            self.cache.add_checkpoint(key, -1, {"defaults": _defaults_to_json(found)})
        return found

    def items(self, target: Target) -> Iterator[Item]:
        if target.kind == "gitlab":
            yield from self._gitlab_items(target)
            return
        if target.kind != "github":
            raise ScanError(f"{target.label}: remote {target.kind} scanning is not available yet",
                            fr=f"{target.label} : l'analyse à distance ({target.kind}) n'est pas "
                               "encore disponible")
        forge = self.github()
        assert target.owner is not None
        if target.name:
            crawl = Crawl(forge, self.cache, workers=self.options.workers,
                          defaults=self._defaults(forge, target.owner))
            listed = forge.repository(target.owner, target.name)
            if self.listener:
                self.listener.found(1)
            yield from crawl.items([listed])
            return
        key, saved = self._checkpoint(target)
        crawl = Crawl(forge, self.cache, workers=self.options.workers,
                      defaults=self._owner_defaults(forge, target.owner, key, saved))
        yield from self._owner(target, target.owner, forge, crawl, key, saved)

    def _gitlab_items(self, target: Target) -> Iterator[Item]:
        """``a/b/c`` may name a project or a subgroup: the host says which (project first).
        GitLab has no owner-wide community files: nothing is inherited."""
        assert target.owner is not None
        forge = self.gitlab(target)
        crawl = Crawl(forge, self.cache, workers=self.options.workers)
        path = f"{target.owner}/{target.name}" if target.name else target.owner
        listed = forge.project(path) if target.name else None
        if listed is not None:
            if self.listener:
                self.listener.found(1)
            yield from crawl.items([listed])
            return
        yield from self._owner(target, path, forge, crawl, *self._checkpoint(target))

    def _owner(self, target: Target, owner: str, forge: Lister, crawl: Crawl, key: str,
               saved: list[t.Any]) -> Iterator[Item]:
        """Page by page, checkpointed: a page once listed is never listed again by --resume."""
        cursor: str | None = None
        seq = 0
        for record in (r for r in saved if "page" in r):
            page = [_listed_from_json(d) for d in record["page"]]
            if self.listener:
                self.listener.found(len(page))
            yield from self._page(crawl, page)
            cursor, seq = record["after"], seq + 1
            if cursor is None:
                self.cache.clear_checkpoint(key)
                return
        pages = forge.owner_pages(owner, self.options.filters, start=cursor)
        while True:
            try:
                page, after = next(pages)
            except StopIteration:
                break
            except BudgetExhausted as exc:
                yield Item(RepoInfo(name=owner, full_name=f"{target.label} (rest)"), error=exc)
                return
            self.cache.add_checkpoint(key, seq, {"page": [_listed_to_json(p) for p in page],
                                                 "after": after})
            seq += 1
            if self.listener:
                self.listener.found(len(page))
            yield from self._page(crawl, page)
        self.cache.clear_checkpoint(key)

    def _page(self, crawl: Crawl, page: list[Listed]) -> Iterator[Item]:
        try:
            yield from crawl.items(page)
        except CiviscanError as exc:  # budget reached or a wait too long: the rest say why
            for listed in page:
                yield Item(listed.info, error=exc)
