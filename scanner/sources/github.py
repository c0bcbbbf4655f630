"""GitHub (github.com and Enterprise Server) as a source, through PyGithub's requester.

Requests per organisation of N repositories (reference/api.md §7, §8):
- the listing: one GraphQL query per page of up to 50 repositories gives metadata, HEAD and its
  tree id, and the last 100 commit messages (for DCO sign-off rates);
- the full tree: one REST ``git/trees/{tree}?recursive=1`` per repository, cached by tree id;
- the blobs collectors want: aliased ``object(oid:)`` GraphQL queries covering many repositories
  each, cached by blob id; what GraphQL cannot give whole (binary, truncated) comes from REST
  ``git/blobs``.

A re-scan in which nothing moved costs the listing pages: facts are cached by HEAD and metadata.
PyGithub's own retry and throttling are switched off (``scanner.sources.http`` decides instead)
and GraphQL is posted with ``requestJson`` rather than ``graphql_query``, which discards the whole
answer when one repository of a batch is missing.
"""

from __future__ import annotations

import base64
import dataclasses
import functools
import json
import logging
import os
import threading
import typing as t
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from urllib.parse import quote, urlsplit

import requests
import urllib3

from scanner.errors import EmptyRepository, ScanError
from scanner.snapshot import Commit, RepoInfo
from scanner.sources.batching import ask_halving, halving_batches
from scanner.sources.http import Pacer, Policy, RemoteFailure, check_api_url, denied
from scanner.sources.remote import Entry, Fetched, Filters, Listed, Tree

log = logging.getLogger(__name__)

DEFAULT_API_URL = "https://api.github.com"
PAGE_SIZE = 50
COMMITS = 100
#: Objects per blob query (GitHub stops a query after 10 s: a batch that times out is halved).
BLOBS_PER_QUERY = 150
#: REST requests sent in any minute at most (GitHub: 900 points a minute, a GET costing 1).
REST_PER_MINUTE = 900
#: Sub-tree requests allowed to complete a truncated recursive tree.
MAX_SUBTREE_REQUESTS = 50

_REPO_FIELDS = """
fragment Repo on Repository {
  databaseId name nameWithOwner url isArchived isFork isPrivate isEmpty visibility
  description homepageUrl pushedAt
  licenseInfo { spdxId }
  repositoryTopics(first: 20) { nodes { topic { name } } }
  defaultBranchRef {
    name
    target {
      ... on Commit {
        oid
        tree { oid }
        history(first: $commits) {
          nodes { oid message author { name email } parents(first: 1) { totalCount } }
        }
      }
    }
  }
}
"""

OWNER_QUERY = """
query Owner($login: String!, $first: Int!, $after: String, $commits: Int!, $isFork: Boolean) {
  rateLimit { cost remaining resetAt }
  repositoryOwner(login: $login) {
    __typename
    login
    repositories(first: $first, after: $after, isFork: $isFork, ownerAffiliations: [OWNER],
                 orderBy: {field: NAME, direction: ASC}) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes { ...Repo }
    }
  }
}
""" + _REPO_FIELDS

REPO_QUERY = """
query One($owner: String!, $name: String!, $commits: Int!) {
  rateLimit { cost remaining resetAt }
  repository(owner: $owner, name: $name) { ...Repo }
}
""" + _REPO_FIELDS

BLOB_FIELDS = "... on Blob { oid byteSize isBinary isTruncated text }"
#: Repositories looked up per query when targets name them one by one (a registry's).
REPOS_PER_QUERY = 50


def repos_query(count: int) -> str:
    """One query for ``count`` named repositories: ``r{i}: repository(owner: $o{i}, name: $n{i})``;
    names travel as variables."""
    params = ", ".join(f"$o{i}: String!, $n{i}: String!" for i in range(count))
    fields = " ".join(f"r{i}: repository(owner: $o{i}, name: $n{i}) {{ ...Repo }}"
                      for i in range(count))
    return (f"query Repos({params}, $commits: Int!) {{ rateLimit {{ cost remaining resetAt }} "
            f"{fields} }}" + _REPO_FIELDS)


def blob_query(groups: Sequence[tuple[str, str, Sequence[str]]]) -> tuple[str, dict[str, str]]:
    """One query for the blobs of many repositories: ``r{i}: repository { b{j}: object(oid:) }``.

    Owner and name travel as variables; object ids are checked hex before they reach the text.
    """
    params: list[str] = []
    parts: list[str] = []
    variables: dict[str, str] = {}
    for i, (owner, name, oids) in enumerate(groups):
        params += [f"$o{i}: String!", f"$n{i}: String!"]
        variables[f"o{i}"], variables[f"n{i}"] = owner, name
        fields = []
        for j, oid in enumerate(oids):
            if not all(c in "0123456789abcdef" for c in oid) or len(oid) not in (40, 64):
                raise ValueError(f"not an object id: {oid!r}")
            fields.append(f'b{j}: object(oid: "{oid}") {{ {BLOB_FIELDS} }}')
        parts.append(f"r{i}: repository(owner: $o{i}, name: $n{i}) {{ {' '.join(fields)} }}")
    query = (f"query Blobs({', '.join(params)}) {{ rateLimit {{ cost remaining resetAt }} "
             + " ".join(parts) + " }")
    return query, variables


def _denied(what: str, status: int) -> RemoteFailure:
    return denied(what, status, "GITHUB_TOKEN")


@dataclass
class GitHubClient:
    """Authenticated requests with the shared policy; one PyGithub ``Github`` per thread."""

    api_url: str
    graphql_url: str
    token: str | None
    policy: Policy
    timeout: int = 30
    _local: threading.local = field(default_factory=threading.local)
    _pace: Pacer = field(init=False)

    def __post_init__(self) -> None:
        self._pace = Pacer(REST_PER_MINUTE, self.policy)

    @classmethod
    def from_environment(cls, policy: Policy, api_url: str | None = None) -> GitHubClient:
        base = check_api_url(api_url or os.environ.get("GITHUB_API_URL") or DEFAULT_API_URL,
                             "GitHub API URL")
        graphql = os.environ.get("GITHUB_GRAPHQL_URL") if not api_url else None
        if not graphql:
            graphql = (base + "/graphql" if urlsplit(base).path in ("", "/")
                       else base.rsplit("/v3", 1)[0] + "/graphql")
        token = os.environ.get("GITHUB_TOKEN") or os.environ.get("GH_TOKEN") or None
        return cls(base, check_api_url(graphql, "GitHub GraphQL URL"), token, policy)

    @property
    def host(self) -> str:
        return urlsplit(self.api_url).netloc

    def _github(self) -> t.Any:
        gh = getattr(self._local, "gh", None)
        if gh is None:
            import github

            auth = github.Auth.Token(self.token) if self.token else None
            gh = self._local.gh = github.Github(
                auth=auth, base_url=self.api_url, timeout=self.timeout, retry=0, per_page=100,
                seconds_between_requests=None, seconds_between_writes=None, lazy=True,
                user_agent="civiscan")
        return gh

    def _send(self, verb: str, url: str, *, params: dict[str, t.Any] | None = None,
              headers: dict[str, str] | None = None,
              body: t.Any = None) -> tuple[int, dict[str, str], str]:
        if verb == "GET":
            self._pace()
        try:
            return t.cast(tuple[int, dict[str, str], str], self._github().requester.requestJson(
                verb, url, params, headers or {}, body))
        except (requests.RequestException, urllib3.exceptions.HTTPError, OSError) as exc:
            log.debug("%s %s: %s", verb, urlsplit(url).path, type(exc).__name__)
            return 0, {}, ""

    def request(self, verb: str, url: str, *, params: dict[str, t.Any] | None = None,
                headers: dict[str, str] | None = None, body: t.Any = None,
                what: str = "") -> tuple[int, dict[str, str], t.Any]:
        """Status, headers and decoded JSON, after the policy's retries and waits."""
        return self.policy.call(lambda: self._send(verb, url, params=params, headers=headers,
                                                   body=body), what, token_var="GITHUB_TOKEN")

    def graphql(self, query: str, variables: dict[str, t.Any], what: str) -> dict[str, t.Any]:
        status, _, data = self.request("POST", self.graphql_url,
                                       body={"query": query, "variables": variables}, what=what)
        if status != 200 or not isinstance(data, dict):
            raise _denied(what, status)
        return data

    def get(self, path: str, what: str, *, params: dict[str, t.Any] | None = None,
            conditional: t.Any = None) -> tuple[int, t.Any]:
        """A REST GET; with ``conditional`` (a cache), ETags make unchanged answers free."""
        url = self.api_url + path
        key = url + ("?" + "&".join(f"{k}={v}" for k, v in sorted(params.items())) if params else "")
        stored = conditional.validator(key) if conditional is not None else None
        headers = {"If-None-Match": stored[0]} if stored else {}
        status, head, data = self.request("GET", url, params=params, headers=headers, what=what)
        if status == 304 and stored:
            return 200, json.loads(stored[1])
        if status == 200 and conditional is not None and head.get("etag"):
            conditional.put_validator(key, head["etag"], json.dumps(data).encode())
        return status, data


def _info(node: dict[str, t.Any], host_url: str) -> RepoInfo:
    branch = node.get("defaultBranchRef") or {}
    target = branch.get("target") or {}
    licence = (node.get("licenseInfo") or {}).get("spdxId")
    return RepoInfo(
        name=node["name"], full_name=node["nameWithOwner"], url=node.get("url"),
        default_branch=branch.get("name"), head=target.get("oid"),
        archived=node.get("isArchived"), fork=node.get("isFork"),
        visibility=(node.get("visibility") or ("PRIVATE" if node.get("isPrivate") else "PUBLIC")).lower(),
        description=node.get("description"),
        topics=tuple(n["topic"]["name"] for n in (node.get("repositoryTopics") or {}).get("nodes") or []),
        homepage=node.get("homepageUrl") or None,
        host_licence=None if licence in (None, "NOASSERTION") else licence,
        pushed_at=node.get("pushedAt"), source="github",
    )


def _commits(target: dict[str, t.Any]) -> list[Commit] | None:
    history = target.get("history")
    if history is None:
        return None
    out = []
    for node in history.get("nodes") or []:
        author = node.get("author") or {}
        who = f"{author.get('name') or ''} <{author.get('email') or ''}>"
        out.append(Commit(sha=node["oid"], message=(node.get("message") or "")[:65536],
                          merge=(node.get("parents") or {}).get("totalCount", 0) > 1, author=who))
    return out


def _rest_commit(item: dict[str, t.Any]) -> Commit:
    commit = item.get("commit") or {}
    author = commit.get("author") or {}
    return Commit(sha=item["sha"], message=(commit.get("message") or "")[:65536],
                  merge=len(item.get("parents") or []) > 1,
                  author=f"{author.get('name') or ''} <{author.get('email') or ''}>")


def listed_from_rest(data: dict[str, t.Any]) -> Listed:
    """A repository from REST (anonymous access): HEAD, tree and commits come in ``complete``."""
    licence = (data.get("license") or {}).get("spdx_id")
    info = RepoInfo(
        name=data["name"], full_name=data["full_name"], url=data.get("html_url"),
        default_branch=data.get("default_branch"), head=None, archived=data.get("archived"),
        fork=data.get("fork"),
        visibility=data.get("visibility") or ("private" if data.get("private") else "public"),
        description=data.get("description"), topics=tuple(data.get("topics") or ()),
        homepage=data.get("homepage") or None,
        host_licence=None if licence in (None, "NOASSERTION") else licence,
        pushed_at=data.get("pushed_at"), source="github")
    return Listed(info=info, tree_oid=None, commits=None, handle=tuple(info.full_name.split("/", 1)))


def listed_from_node(node: dict[str, t.Any], host_url: str) -> Listed:
    info = _info(node, host_url)
    target = ((node.get("defaultBranchRef") or {}).get("target")) or {}
    listed = Listed(info=info, tree_oid=(target.get("tree") or {}).get("oid"),
                    commits=_commits(target), handle=tuple(info.full_name.split("/", 1)))
    if node.get("isEmpty") or not target:
        listed.error = EmptyRepository(f"{info.full_name}: empty repository: nothing to scan",
                                 fr=f"{info.full_name} : dépôt vide : rien à analyser")
    return listed


@dataclass
class GitHubForge:
    """The GitHub side of a crawl: listing, trees and blobs."""

    client: GitHubClient
    cache: t.Any = None
    page_size: int = PAGE_SIZE

    @property
    def host(self) -> str:
        return self.client.host

    @property
    def anonymous(self) -> bool:
        """GitHub's GraphQL API needs a token: without one, everything goes through REST."""
        return not self.client.token

    def owner_pages(self, login: str, filters: Filters,
                    start: str | None = None) -> Iterator[tuple[list[Listed], str | None]]:
        """Pages of listed repositories and the cursor after each (for checkpoints)."""
        if self.anonymous:
            yield from self._rest_owner_pages(login, filters, start)
            return
        after = start
        size = self.page_size
        kept = 0
        while True:
            size, data = ask_halving(functools.partial(self._owner_page, login, filters, after),
                                     size)
            if isinstance(data, RemoteFailure):
                raise data
            owner = (data.get("data") or {}).get("repositoryOwner")
            if owner is None:
                raise _not_found_owner(login, data)
            connection = owner["repositories"]
            page = []
            for node in connection.get("nodes") or []:
                listed = listed_from_node(node, self.client.api_url)
                if filters.keep(listed.info):
                    page.append(listed)
            if filters.limit is not None:
                page = page[:max(0, filters.limit - kept)]
            kept += len(page)
            info = connection["pageInfo"]
            after = info["endCursor"] if info["hasNextPage"] else None
            done = after is None or (filters.limit is not None and kept >= filters.limit)
            yield page, None if done else after
            if done:
                return
            size = min(self.page_size, size * 2)

    def _owner_page(self, login: str, filters: Filters, after: str | None,
                    first: int) -> dict[str, t.Any]:
        variables = {"login": login, "first": first, "after": after, "commits": COMMITS,
                     "isFork": None if filters.include_forks else False}
        return self.client.graphql(OWNER_QUERY, variables, f"github:{login}")

    def _rest_owner_pages(self, login: str, filters: Filters,
                          start: str | None) -> Iterator[tuple[list[Listed], str | None]]:
        number = int(start or 1)
        kept = 0
        while True:
            status, data = self.client.get(f"/users/{quote(login)}/repos", f"github:{login}",
                                           params={"per_page": 100, "page": number,
                                                   "type": "owner", "sort": "full_name"},
                                           conditional=self.cache)
            if status != 200 or not isinstance(data, list):
                raise _denied(f"github:{login}", status)
            page = [listed for listed in map(listed_from_rest, data) if filters.keep(listed.info)]
            if filters.limit is not None:
                page = page[:max(0, filters.limit - kept)]
            kept += len(page)
            done = len(data) < 100 or (filters.limit is not None and kept >= filters.limit)
            number += 1
            yield page, None if done else str(number)
            if done:
                return

    def repository(self, owner: str, name: str) -> Listed:
        if self.anonymous:
            status, data = self.client.get(f"/repos/{quote(owner)}/{quote(name)}",
                                           f"github:{owner}/{name}", conditional=self.cache)
            if status != 200 or not isinstance(data, dict):
                raise _denied(f"github:{owner}/{name}", status)
            return listed_from_rest(data)
        data = self.client.graphql(REPO_QUERY, {"owner": owner, "name": name, "commits": COMMITS},
                                   f"github:{owner}/{name}")
        node = (data.get("data") or {}).get("repository")
        if node is None:
            raise _denied(f"github:{owner}/{name}", 404)
        return listed_from_node(node, self.client.api_url)

    def repositories(self, pairs: Sequence[tuple[str, str]]) -> dict[tuple[str, str], Listed | RemoteFailure]:
        """Many repositories by (owner, name), :data:`REPOS_PER_QUERY` to a query (anonymously,
        one REST request each); one that cannot be had maps to its failure (404: missing or
        hidden). A batch the host times out on is halved."""
        found: dict[tuple[str, str], Listed | RemoteFailure] = {}
        if self.anonymous:
            for owner, name in pairs:
                try:
                    found[(owner, name)] = self.repository(owner, name)
                except RemoteFailure as exc:
                    found[(owner, name)] = exc
            return found
        for batch, data in halving_batches(list(dict.fromkeys(pairs)), REPOS_PER_QUERY,
                                           self._repos_batch, grow=True):
            if isinstance(data, RemoteFailure):
                found.update((pair, data) for pair in batch)
                continue
            result = data.get("data") or {}
            errors = {str((e.get("path") or [""])[0]): e for e in data.get("errors") or []
                      if isinstance(e, dict)}
            for i, (owner, name) in enumerate(batch):
                node = result.get(f"r{i}")
                if isinstance(node, dict):
                    found[(owner, name)] = listed_from_node(node, self.client.api_url)
                else:
                    found[(owner, name)] = _lookup_failure(f"github:{owner}/{name}", errors.get(f"r{i}"))
        return found

    def _repos_batch(self, batch: list[tuple[str, str]]) -> dict[str, t.Any]:
        variables: dict[str, t.Any] = {"commits": COMMITS}
        for i, (owner, name) in enumerate(batch):
            variables[f"o{i}"], variables[f"n{i}"] = owner, name
        return self.client.graphql(repos_query(len(batch)), variables, "repositories")

    def complete(self, listed: Listed) -> None:
        """The GraphQL listing carries HEAD and the commit messages; a REST listing (anonymous)
        does not: one commits request gives both, and the tree id."""
        if listed.tree_oid is not None:
            return
        owner, name = listed.handle
        data = self.commit_page(owner, name, listed.info.default_branch or "HEAD")
        listed.commits = [_rest_commit(item) for item in data]
        listed.tree_oid = ((data[0].get("commit") or {}).get("tree") or {}).get("sha")
        listed.info = dataclasses.replace(listed.info, head=data[0]["sha"])

    def commit_page(self, owner: str, name: str, ref: str) -> list[dict[str, t.Any]]:
        """The last commits reachable from ``ref`` (REST, one request), newest first."""
        what = f"{owner}/{name}"
        status, data = self.client.get(f"/repos/{quote(owner)}/{quote(name)}/commits", what,
                                       params={"per_page": COMMITS, "sha": ref})
        if status == 409 or (status == 200 and not data):
            raise EmptyRepository(f"{what}: empty repository: nothing to scan",
                            fr=f"{what} : dépôt vide : rien à analyser")
        if status != 200 or not isinstance(data, list):
            raise _denied(what, status)
        return data

    def recent_commits(self, owner: str, name: str, ref: str) -> list[Commit]:
        """What a shallow checkout lacks: the commit messages behind ``ref``, from the API."""
        return [_rest_commit(item) for item in self.commit_page(owner, name, ref)]

    def tree(self, listed: Listed) -> Tree:
        owner, name = listed.handle
        what = listed.info.full_name
        status, data = self.client.get(f"/repos/{quote(owner)}/{quote(name)}/git/trees/{listed.tree_oid}",
                                       what, params={"recursive": "1"})
        if status != 200 or not isinstance(data, dict):
            raise _denied(what, status)
        entries = _entries(data.get("tree") or [], "")
        if not data.get("truncated"):
            return Tree(entries)
        return self._complete(owner, name, what, str(listed.tree_oid))

    def _complete(self, owner: str, name: str, what: str, root: str) -> Tree:
        """A recursive tree the host cut: list folders one at a time, each recursively where the
        host can, within a request budget; past it the tree stays marked truncated."""
        entries: list[Entry] = []
        folders: list[tuple[str, str, bool]] = [("", root, False)]
        budget = MAX_SUBTREE_REQUESTS
        cut = False  # a folder listed one level only, and cut even so
        while folders and budget > 0:
            prefix, oid, recursive = folders.pop(0)
            budget -= 1
            status, data = self.client.get(f"/repos/{quote(owner)}/{quote(name)}/git/trees/{oid}",
                                           what, params={"recursive": "1"} if recursive else None)
            if status != 200 or not isinstance(data, dict):
                raise _denied(what, status)
            if recursive and data.get("truncated"):
                folders.insert(0, (prefix, oid, False))  # still too big: list it level by level
                continue
            cut = cut or (not recursive and bool(data.get("truncated")))
            items = _entries(data.get("tree") or [], prefix)
            entries += items
            if not recursive:
                folders += [(e.path, e.oid, True) for e in items if e.kind == "tree"]
        return Tree(entries, truncated=bool(folders) or cut)

    def blobs(self, wants: Sequence[tuple[Listed, str]]) -> Fetched:
        got: dict[str, bytes] = {}
        failed: set[str] = set()
        if self.anonymous:
            for listed, oid in wants:
                content = self._rest_blob(listed.handle, oid)
                if content is None:
                    failed.add(oid)
                else:
                    got[oid] = content
            return Fetched(got, failed, {})
        for batch in _batches(wants):
            groups: dict[tuple[str, str], list[str]] = {}
            for listed, oid in batch:
                groups.setdefault(listed.handle, []).append(oid)
            keys = list(groups)
            query, variables = blob_query([(o, n, groups[(o, n)]) for o, n in keys])
            try:
                data = self.client.graphql(query, variables, "blobs")
            except RemoteFailure:
                if len(batch) > 1:  # a heavy batch timed out: halve it
                    half = len(batch) // 2
                    for part in (batch[:half], batch[half:]):
                        more, bad, _ = self.blobs(part)
                        got.update(more)
                        failed |= bad
                    continue
                failed.update(oid for _, oid in batch)
                continue
            result = data.get("data") or {}
            raw: list[tuple[tuple[str, str], str]] = []
            for i, key in enumerate(keys):
                repo = result.get(f"r{i}") or {}
                for j, oid in enumerate(groups[key]):
                    node = repo.get(f"b{j}")
                    text = node.get("text") if node else None
                    if node and text is not None and not node.get("isTruncated") and \
                            len(text.encode("utf-8")) == node.get("byteSize"):
                        got[oid] = text.encode("utf-8")
                    elif node or repo:
                        raw.append((key, oid))  # binary, truncated or re-encoded: take the bytes
                    else:
                        failed.add(oid)
            for handle, oid in raw:
                content = self._rest_blob(handle, oid)
                if content is None:
                    failed.add(oid)
                else:
                    got[oid] = content
        return Fetched(got, failed, {})  # trees give sizes: nothing over the cap is asked

    def _rest_blob(self, handle: tuple[str, str], oid: str) -> bytes | None:
        owner, name = handle
        status, body = self.client.get(f"/repos/{quote(owner)}/{quote(name)}/git/blobs/{oid}",
                                       f"{owner}/{name}")
        if status == 200 and isinstance(body, dict) and body.get("encoding") == "base64":
            return base64.b64decode(body.get("content") or "")
        return None


def _batches(wants: Sequence[tuple[Listed, str]]) -> Iterator[list[tuple[Listed, str]]]:
    for start in range(0, len(wants), BLOBS_PER_QUERY):
        yield list(wants[start:start + BLOBS_PER_QUERY])


def _entries(items: list[dict[str, t.Any]], prefix: str) -> list[Entry]:
    out = []
    for item in items:
        path = f"{prefix}/{item['path']}" if prefix else item["path"]
        out.append(Entry(path=path, mode=str(item.get("mode", "100644")), oid=item.get("sha", ""),
                         size=item.get("size")))
    return out


def _lookup_failure(what: str, error: dict[str, t.Any] | None) -> RemoteFailure:
    """Why a repository of a batched query came back null: NOT_FOUND (or no reason) is GitHub's
    404; FORBIDDEN (SAML enforcement, a blocked repository) its 403; anything else, its words."""
    kind = str((error or {}).get("type") or "NOT_FOUND")
    if kind in ("NOT_FOUND", "FORBIDDEN"):
        return _denied(what, 404 if kind == "NOT_FOUND" else 403)
    message = str((error or {}).get("message") or kind)[:200]
    return RemoteFailure(f"{what}: the host refused the query: {message}",
                         fr=f"{what} : l'hôte a refusé la requête : {message}")


def _not_found_owner(login: str, data: dict[str, t.Any]) -> ScanError:
    return _denied(f"github:{login}", 404)
