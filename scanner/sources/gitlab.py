"""GitLab (gitlab.com and self-hosted instances) as a source, through python-gitlab's client.

Requests per group of N projects (nested subgroups included):
- the listing: one GraphQL query per page of up to 100 projects gives metadata and the HEAD
  commit (GitLab has no tree id: the HEAD commit id keys the tree, which it fixes);
- per project whose facts are not cached: one REST ``repository/commits`` (the last 100 commit
  messages; the listing has no history) and one REST ``repository/tree?recursive=true`` with
  ``pagination=none`` (followed page by page where the server ignores it);
- the blobs collectors want: aliased ``project { repository { blobs(paths:) } }`` GraphQL
  queries covering several projects each, sized to stay under GitLab's complexity limit; what
  GraphQL cannot give byte for byte (binary, re-encoded, cut) comes from REST ``blobs/:sha/raw``.

GitLab trees carry no sizes: a blob's size comes with its GraphQL answer, so nothing over the
size cap is downloaded, and every byte is checked against its git object id.

GraphQL is posted through python-gitlab's own REST session (``Gitlab.http_request``) rather than
``gitlab.GraphQL``: that one needs the ``gql``/``httpx`` stack (a second HTTP client with its own
timeouts and retries, and graphql-core 3.3 where the tests pin 3.2), raises on any ``errors``
entry so one missing project loses a whole batch, and keeps no status or body for an HTML proxy
page. python-gitlab's retries are off; ``scanner.sources.http.Policy`` judges every answer, and
a response hook keeps the headers python-gitlab's exceptions drop (``Retry-After`` …).
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import re
import threading
import typing as t
from collections import OrderedDict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from urllib.parse import quote, urlsplit

import requests

from scanner.errors import EmptyRepository, ScanError
from scanner.snapshot import MAX_FILE_BYTES, Commit, RepoInfo
from scanner.sources.batching import ask_halving, halving_batches
from scanner.sources.http import Answer, Policy, RemoteFailure, check_api_url, denied
from scanner.sources.remote import Entry, Fetched, Filters, Listed, Tree, tree_key

if t.TYPE_CHECKING:
    from scanner.sources.cache import Cache
    from scanner.targets import Target

log = logging.getLogger(__name__)

DEFAULT_URL = "https://gitlab.com"
TOKEN_VAR = "GITLAB_TOKEN"
#: GitLab's largest page.
PAGE_SIZE = 100
COMMITS = 100
#: Projects per blob query to start with; each answer's ``queryComplexity`` then sizes the next.
BLOB_PROJECTS = 8
MAX_BLOB_PROJECTS = 40
#: Paths per ``blobs(paths:)`` field (GitLab's largest page); more are split over aliases.
PATHS_PER_FIELD = 100
#: Share of the complexity limit a blob query aims at (the score is an estimate).
COMPLEXITY_TARGET = 0.8
#: Tree entries listed per project; past this the tree is marked truncated, as GitHub does.
MAX_TREE_ENTRIES = 100_000
#: A JSON answer larger than this is not read (a 100 000-entry tree is about 15 MB).
MAX_JSON_BYTES = 64 * 1024 * 1024
#: Trees whose path map is kept in memory for blob queries (older ones are read from the cache).
PATH_MAPS = 512

#: ``isForked`` says "fork" even when the upstream is gone or hidden (``forkedFrom`` is then
#: null); a server too old to know it is asked for ``forkedFrom`` instead (:func:`legacy_fork`).
LEGACY_FORK = "forkedFrom { fullPath }"
_PROJECT_FIELDS = """
fragment P on Project {
  id fullPath path name description archived visibility topics webUrl lastActivityAt isForked
  repository { rootRef empty tree { lastCommit { sha } } }
}
"""

GROUP_QUERY = """
query Group($path: ID!, $first: Int!, $after: String) {
  group(fullPath: $path) {
    projects(includeSubgroups: true, first: $first, after: $after) {
      pageInfo { hasNextPage endCursor }
      nodes { ...P }
    }
  }
}
""" + _PROJECT_FIELDS

PROJECT_QUERY = """
query Project($path: ID!) {
  project(fullPath: $path) { ...P }
}
""" + _PROJECT_FIELDS

BLOB_FIELDS = "path oid size rawTextBlob"
#: Projects looked up per query when targets name them one by one (a registry's); each costs
#: about 30 of GitLab's complexity points (``lastCommit`` alone is 10): 6 stay under the limit
#: of an anonymous caller (200) as of a token's (250). A batch refused as too heavy is halved.
PROJECTS_PER_QUERY = 6


def projects_query(count: int) -> str:
    """One query for ``count`` projects by full path: ``p{i}: project(fullPath: $p{i})``."""
    params = ", ".join(f"$p{i}: ID!" for i in range(count))
    fields = " ".join(f"p{i}: project(fullPath: $p{i}) {{ ...P }}" for i in range(count))
    return f"query Projects({params}) {{ {fields} }}" + _PROJECT_FIELDS


def legacy_fork(query: str) -> str:
    """The listing query for a server without ``Project.isForked``."""
    return query.replace(" isForked\n", f" {LEGACY_FORK}\n")
#: GitLab's words when a query is too heavy: complexity, depth, size or time.
_TOO_HEAVY = re.compile(r"complexity|max(imum)? depth|too large|timed? ?out|timeout", re.IGNORECASE)
_OID = re.compile(r"[0-9a-f]{40}([0-9a-f]{24})?")
_LINK_NEXT = re.compile(r'<([^>]+)>\s*;\s*rel="?next"?')


def blob_query(groups: Sequence[tuple[str, str, Sequence[str]]]) -> tuple[str, dict[str, t.Any]]:
    """One query for the blobs of many projects: ``b{i}: project(fullPath:) { repository {
    blobs(paths:, ref:) } }``, one alias per (project, up to 100 paths). Everything the server
    reads travels as variables; only the counts are written into the text."""
    params: list[str] = []
    parts: list[str] = []
    variables: dict[str, t.Any] = {}
    for i, (full_path, ref, paths) in enumerate(groups):
        if not 0 < len(paths) <= PATHS_PER_FIELD:
            raise ValueError(f"1 to {PATHS_PER_FIELD} paths per field, not {len(paths)}")
        params += [f"$p{i}: ID!", f"$f{i}: [String!]!", f"$r{i}: String!"]
        variables[f"p{i}"], variables[f"f{i}"], variables[f"r{i}"] = full_path, list(paths), ref
        parts.append(f"b{i}: project(fullPath: $p{i}) {{ repository {{ blobs(paths: $f{i}, "
                     f"ref: $r{i}, first: {len(paths)}) {{ nodes {{ {BLOB_FIELDS} }} }} }} }}")
    query = (f"query Blobs({', '.join(params)}) {{ queryComplexity {{ score limit }} "
             + " ".join(parts) + " }")
    return query, variables


def git_blob_id(data: bytes, length: int = 40) -> str:
    """The git object id of a blob with these bytes (SHA-1, or SHA-256 for 64-digit ids)."""
    digest = hashlib.sha256() if length == 64 else hashlib.sha1(usedforsecurity=False)
    digest.update(b"blob %d\0" % len(data))
    digest.update(data)
    return digest.hexdigest()


def instance_for(target: Target, configured: str | None,
                 instances: Mapping[str, str] | None = None) -> tuple[str, bool]:
    """The instance URL a target is read from, and whether ``GITLAB_TOKEN`` may be sent to it.

    ``gitlab:`` targets and URLs on the configured instance's host use the configured instance
    (``--gitlab-url``, else ``GITLAB_URL``, else gitlab.com) with the token; a URL on any other
    host uses https://HOST (or the URL ``--gitlab-host HOST=URL`` gives for it), with the token
    only when that is the configured instance: a token never goes to a host it was not meant for.
    """
    base = check_api_url(configured or os.environ.get("GITLAB_URL") or DEFAULT_URL, "GitLab URL")
    base_host = (urlsplit(base).hostname or "").lower()
    if "://" not in target.raw:
        return base, True
    mapped = (instances or {}).get(target.host or "")
    if mapped:
        url = check_api_url(mapped, f"--gitlab-host {target.host}")
        return url, urlsplit(url).netloc.lower() == urlsplit(base).netloc.lower()
    if base_host == (target.host or ""):
        return base, True
    return check_api_url(f"https://{target.host}", "GitLab URL"), False


class _Session(requests.Session):
    """A session that never carries GitLab's token to another origin on a redirect (requests
    strips ``Authorization`` there, not ``PRIVATE-TOKEN``)."""

    def rebuild_auth(self, prepared_request: requests.PreparedRequest,
                     response: requests.Response) -> None:
        super().rebuild_auth(prepared_request, response)
        if prepared_request.url and self.should_strip_auth(response.request.url or "",
                                                           prepared_request.url):
            for name in ("PRIVATE-TOKEN", "JOB-TOKEN", "Authorization"):
                prepared_request.headers.pop(name, None)


@dataclass
class GitLabClient:
    """Requests with the shared policy; one python-gitlab ``Gitlab`` per thread."""

    url: str
    token: str | None
    policy: Policy
    timeout: int = 30
    _local: threading.local = field(default_factory=threading.local)

    @classmethod
    def for_target(cls, policy: Policy, target: Target, configured: str | None = None,
                   instances: Mapping[str, str] | None = None) -> GitLabClient:
        base, trusted = instance_for(target, configured, instances)
        return cls(base, (os.environ.get(TOKEN_VAR) or None) if trusted else None, policy)

    @property
    def host(self) -> str:
        return urlsplit(self.url).netloc

    def _gitlab(self) -> t.Any:
        gl = getattr(self._local, "gl", None)
        if gl is None:
            import gitlab

            session = _Session()
            session.hooks["response"].append(self._keep)
            gl = self._local.gl = gitlab.Gitlab(
                self.url, private_token=self.token, timeout=self.timeout, session=session,
                retry_transient_errors=False, user_agent="civiscan", keep_base_url=True)
        return gl

    def _keep(self, response: requests.Response, *args: t.Any, **kwargs: t.Any) -> None:
        """Response hook: the last answer, headers included, whatever python-gitlab raises."""
        self._local.last = response

    def _send(self, verb: str, url: str, params: dict[str, t.Any] | None, body: t.Any,
              limit: int) -> Answer:
        import gitlab

        self._local.last = None
        response: requests.Response | None
        try:
            response = self._gitlab().http_request(
                verb, url, query_data=params, post_data=body, streamed=True, timeout=self.timeout,
                obey_rate_limit=False, retry_transient_errors=False, max_retries=0)
        except gitlab.exceptions.RedirectError:
            return 301, {}, ""
        except gitlab.exceptions.GitlabError:
            response = self._local.last  # a non-2xx answer: python-gitlab keeps no headers
        except (requests.RequestException, OSError) as exc:
            log.debug("%s %s: %s", verb, urlsplit(url).path, type(exc).__name__)
            return 0, {}, ""
        if response is None:
            return 0, {}, ""
        try:
            body_bytes = _read(response, limit)
        except (requests.RequestException, OSError) as exc:  # reset in the middle of the body
            log.debug("%s %s: %s", verb, urlsplit(url).path, type(exc).__name__)
            return 0, {}, ""
        finally:
            response.close()
        return response.status_code, dict(response.headers), body_bytes

    def request(self, verb: str, url: str, what: str, *, params: dict[str, t.Any] | None = None,
                body: t.Any = None, raw: bool = False,
                limit: int = MAX_JSON_BYTES) -> tuple[int, dict[str, str], t.Any]:
        """Status, headers and decoded JSON (``raw``: the bytes, at most ``limit`` + 1 of them)."""
        url = url if "://" in url else self.url + "/api/v4" + url
        if not raw:
            limit = min(limit, MAX_JSON_BYTES)

        def send() -> Answer:
            answer = self._send(verb, url, params, body, limit)
            if not raw and len(answer[2]) > limit:
                raise RemoteFailure(f"{what}: answer over {limit // 1048576} MB; not read",
                                    fr=f"{what} : réponse de plus de {limit // 1048576} Mo ; non lue")
            return answer

        return self.policy.call(send, what, token_var=TOKEN_VAR, raw=raw)

    def graphql(self, query: str, variables: dict[str, t.Any], what: str) -> dict[str, t.Any]:
        status, _, data = self.request("POST", self.url + "/api/graphql", what,
                                       body={"query": query, "variables": variables})
        if status != 200 or not isinstance(data, dict):
            raise denied(what, status, TOKEN_VAR)
        return data

    def redact(self, text: str) -> str:
        """Server text with the token cut out, should a server echo it back."""
        return text.replace(self.token, "***") if self.token else text

    def same_origin(self, url: str) -> bool:
        ours, theirs = urlsplit(self.url), urlsplit(url)
        return (ours.scheme, ours.netloc) == (theirs.scheme, theirs.netloc)


def _read(response: requests.Response, limit: int) -> bytes:
    """The body, stopping one byte past ``limit`` (so the caller can tell it was longer)."""
    chunks: list[bytes] = []
    total = 0
    for chunk in response.iter_content(65536):
        chunks.append(chunk)
        total += len(chunk)
        if total > limit:
            break
    return b"".join(chunks)[:limit + 1]


def _errors(data: dict[str, t.Any]) -> str:
    """GraphQL errors in one short line (server text: kept short, never trusted as markup)."""
    messages = [str(e.get("message", ""))[:200] for e in data.get("errors") or []
                if isinstance(e, dict)]
    return "; ".join(messages)[:500]


def _too_heavy(data: dict[str, t.Any]) -> bool:
    """GitLab answered that the query was too heavy (complexity, depth, size or time)."""
    return bool(data.get("errors")) and bool(_TOO_HEAVY.search(_errors(data)))


def _group_too_heavy(data: dict[str, t.Any]) -> bool:
    return (data.get("data") or {}).get("group") is None and _too_heavy(data)


def _projects_too_heavy(data: dict[str, t.Any]) -> bool:
    return not (data.get("data") or {}) and _too_heavy(data)


def _blobs_too_heavy(data: dict[str, t.Any]) -> bool:
    return not (data.get("data") or {}).get("b0") and _too_heavy(data)


def _project_id(node: dict[str, t.Any]) -> str:
    """The REST id: the number of ``gid://gitlab/Project/123``, else the full path."""
    gid = str(node.get("id") or "")
    number = gid.rsplit("/", 1)[-1]
    return number if number.isdigit() else str(node["fullPath"])


def listed_from_node(node: dict[str, t.Any]) -> Listed:
    repository = node.get("repository")
    head = ((((repository or {}).get("tree")) or {}).get("lastCommit") or {}).get("sha")
    full_path = str(node["fullPath"])
    fork = bool(node["isForked"]) if "isForked" in node else node.get("forkedFrom") is not None
    info = RepoInfo(
        name=str(node.get("path") or full_path.rsplit("/", 1)[-1]), full_name=full_path,
        url=node.get("webUrl"), default_branch=(repository or {}).get("rootRef"), head=head,
        archived=node.get("archived"), fork=fork,
        visibility=(node.get("visibility") or None) and str(node["visibility"]).lower(),
        description=node.get("description") or None,
        topics=tuple(str(x) for x in node.get("topics") or ()),
        homepage=None, host_licence=None, pushed_at=node.get("lastActivityAt"), source="gitlab",
    )
    listed = Listed(info=info, tree_oid=head, commits=None, handle=_project_id(node))
    if repository is None:
        listed.error = ScanError(f"{full_path}: no readable repository (disabled, or not visible "
                                 "to this token)",
                                 fr=f"{full_path} : pas de dépôt lisible (désactivé, ou invisible "
                                    "pour ce jeton)")
    elif repository.get("empty") or not head:
        listed.error = EmptyRepository(f"{full_path}: empty repository: nothing to scan",
                                 fr=f"{full_path} : dépôt vide : rien à analyser")
    elif not _OID.fullmatch(head):
        listed.error = ScanError(f"{full_path}: the host gave no valid HEAD commit ({head[:80]!r})",
                                 fr=f"{full_path} : l'hôte n'a pas donné de commit HEAD valide "
                                    f"({head[:80]!r})")
    return listed


def _commits(items: t.Any) -> list[Commit]:
    out = []
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict):
            continue
        who = f"{item.get('author_name') or ''} <{item.get('author_email') or ''}>"
        out.append(Commit(sha=str(item.get("id") or ""), message=str(item.get("message") or "")[:65536],
                          merge=len(item.get("parent_ids") or []) > 1, author=who))
    return out


@dataclass
class GitLabForge:
    """The GitLab side of a crawl: listing, commits, trees and blobs."""

    client: GitLabClient
    cache: Cache | None = None
    page_size: int = PAGE_SIZE
    max_file_bytes: int = MAX_FILE_BYTES
    blob_projects: int = BLOB_PROJECTS
    #: (project, HEAD) -> {blob oid: a path holding it}, for blob queries (by path).
    _paths: OrderedDict[tuple[str, str], dict[str, str]] = field(default_factory=OrderedDict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _legacy_fork: bool = False

    @property
    def host(self) -> str:
        return self.client.host

    def owner_pages(self, path: str, filters: Filters,
                    start: str | None = None) -> Iterator[tuple[list[Listed], str | None]]:
        """Pages of a group's projects, subgroups included, and the cursor after each."""
        after = start
        size = self.page_size
        kept = 0
        what = f"gitlab:{path}"
        cursors: set[str] = set()
        while True:
            size, data = ask_halving(functools.partial(self._group_page, path, after), size,
                                     too_heavy=_group_too_heavy)
            if isinstance(data, RemoteFailure):
                raise data
            group = (data.get("data") or {}).get("group")
            if group is None:
                raise self._not_found(what, data)
            connection = group.get("projects") or {}
            page = []
            for node in connection.get("nodes") or []:
                if not isinstance(node, dict) or not node.get("fullPath"):
                    continue
                listed = listed_from_node(node)
                if filters.keep(listed.info):
                    page.append(listed)
            if filters.limit is not None:
                page = page[:max(0, filters.limit - kept)]
            kept += len(page)
            info = connection.get("pageInfo") or {}
            after = info.get("endCursor") if info.get("hasNextPage") else None
            if after is not None and (not isinstance(after, str) or after in cursors):
                after = None  # a cursor seen before: the server pages in circles
            cursors.add(after or "")
            done = after is None or (filters.limit is not None and kept >= filters.limit)
            yield page, None if done else after
            if done:
                return
            size = min(self.page_size, size * 2)

    def _group_page(self, path: str, after: str | None, first: int) -> dict[str, t.Any]:
        return self._listing(GROUP_QUERY, {"path": path, "first": first, "after": after},
                             f"gitlab:{path}")

    def project(self, path: str) -> Listed | None:
        """The project at ``path``, or ``None`` when there is none (it may be a group)."""
        data = self._listing(PROJECT_QUERY, {"path": path}, f"gitlab:{path}")
        node = (data.get("data") or {}).get("project")
        if node is None and data.get("errors"):
            raise self._not_found(f"gitlab:{path}", data)
        return listed_from_node(node) if isinstance(node, dict) else None

    def projects(self, paths: Sequence[str]) -> dict[str, Listed | RemoteFailure | None]:
        """Many projects by full path, :data:`PROJECTS_PER_QUERY` to a query; ``None`` for a path
        that names no project this token can see (it may be a group). A batch the host finds too
        heavy is halved."""
        found: dict[str, Listed | RemoteFailure | None] = {}
        for batch, data in halving_batches(
                list(dict.fromkeys(paths)), PROJECTS_PER_QUERY,
                lambda batch: self._listing(projects_query(len(batch)),
                                            {f"p{i}": path for i, path in enumerate(batch)},
                                            "projects"),
                too_heavy=_projects_too_heavy):
            if isinstance(data, RemoteFailure):
                found.update((path, data) for path in batch)
                continue
            result = data.get("data") or {}
            for i, path in enumerate(batch):
                node = result.get(f"p{i}")
                found[path] = listed_from_node(node) if isinstance(node, dict) and \
                    node.get("fullPath") else None
        return found

    def _listing(self, query: str, variables: dict[str, t.Any], what: str) -> dict[str, t.Any]:
        if self._legacy_fork:
            return self.client.graphql(legacy_fork(query), variables, what)
        data = self.client.graphql(query, variables, what)
        if not data.get("data") and "isForked" in _errors(data):
            self._legacy_fork = True
            return self.client.graphql(legacy_fork(query), variables, what)
        return data

    def _not_found(self, what: str, data: dict[str, t.Any]) -> RemoteFailure:
        errors = self.client.redact(_errors(data))
        if errors:
            return RemoteFailure(f"{what}: the host refused the query: {errors}",
                                 fr=f"{what} : l'hôte a refusé la requête : {errors}")
        return RemoteFailure(f"{what}: not found (GitLab answers so for a group or project that "
                             f"does not exist and for one this token cannot see; check {TOKEN_VAR})",
                             fr=f"{what} : introuvable (GitLab répond ainsi pour un groupe ou projet "
                                f"qui n'existe pas comme pour un qu'il ne montre pas à ce jeton ; "
                                f"vérifiez {TOKEN_VAR})", status=404)

    def _rest(self, listed: Listed, suffix: str) -> str:
        return f"/projects/{quote(str(listed.handle), safe='')}/repository/{suffix}"

    def complete(self, listed: Listed) -> None:
        """The last 100 commit messages of HEAD (one request; cached by commit id)."""
        if listed.commits is not None:
            return
        key = f"commits:{self.host}:{listed.tree_oid}"
        cached = self.cache.get("trees", key) if self.cache is not None else None
        if isinstance(cached, list):
            listed.commits = [Commit(*row) for row in cached]
            return
        what = listed.info.full_name
        status, _, data = self.client.request(
            "GET", self._rest(listed, "commits"), what,
            params={"ref_name": listed.tree_oid, "per_page": COMMITS})
        if status != 200 or not isinstance(data, list):
            raise denied(what, status, TOKEN_VAR)
        listed.commits = _commits(data)[:COMMITS]
        if self.cache is not None:
            self.cache.put("trees", key, [[c.sha, c.message, c.merge, c.author]
                                          for c in listed.commits])

    def tree(self, listed: Listed) -> Tree:
        """The recursive tree at HEAD: whole where the server honours ``pagination=none``,
        else every keyset or offset page (never only the first)."""
        what = listed.info.full_name
        url = self._rest(listed, "tree")
        params: dict[str, t.Any] | None = {"recursive": "true", "ref": listed.tree_oid,
                                           "per_page": PAGE_SIZE, "pagination": "none"}
        status, head, data = self.client.request("GET", url, what, params=params)
        if status == 400 and params is not None:  # an older server: keyset pages instead
            params = {**params, "pagination": "keyset"}
            status, head, data = self.client.request("GET", url, what, params=params)
        entries: dict[str, Entry] = {}
        truncated = False
        while True:
            if status != 200 or not isinstance(data, list):
                raise denied(what, status, TOKEN_VAR)
            before = len(entries)
            for item in data:
                entry = _entry(item)
                if entry is not None:
                    entries.setdefault(entry.path, entry)
            following = self._next_page(head, url, params)
            if following is None:
                break
            if len(entries) >= MAX_TREE_ENTRIES or len(entries) == before:
                truncated = True  # the cap, or a server that pages in circles
                break
            url, params = following
            status, head, data = self.client.request("GET", url, what, params=params)
        tree = Tree(list(entries.values())[:MAX_TREE_ENTRIES],
                    truncated=truncated or len(entries) > MAX_TREE_ENTRIES)
        self._remember(listed, tree)
        return tree

    def _next_page(self, head: dict[str, str], url: str,
                   params: dict[str, t.Any] | None) -> tuple[str, dict[str, t.Any] | None] | None:
        """The next page: ``Link: rel=next`` (same origin only: the token goes with it), else
        ``X-Next-Page`` on the same query."""
        link = _LINK_NEXT.search(head.get("link", ""))
        if link:
            following = link.group(1)
            if not self.client.same_origin(following):
                raise RemoteFailure(
                    f"next page on another host ({urlsplit(following).netloc}); not followed",
                    fr=f"page suivante sur un autre hôte ({urlsplit(following).netloc}) ; non suivie")
            return following, None
        number = head.get("x-next-page", "").strip()
        if number.isdigit() and params is not None:
            return url, {**params, "page": number}
        return None

    def _remember(self, listed: Listed, tree: Tree) -> None:
        paths: dict[str, str] = {}
        for entry in tree.entries:
            if entry.kind in ("blob", "link"):
                paths.setdefault(entry.oid, entry.path)
        with self._lock:
            self._paths[(listed.info.full_name, str(listed.tree_oid))] = paths
            while len(self._paths) > PATH_MAPS:
                self._paths.popitem(last=False)

    def _path_map(self, listed: Listed) -> dict[str, str]:
        key = (listed.info.full_name, str(listed.tree_oid))
        with self._lock:
            known = self._paths.get(key)
        if known is not None:
            return known
        data = self.cache.get("trees", tree_key(self.host, listed.tree_oid)) if self.cache else None
        if data is None:
            return {}
        self._remember(listed, Tree.from_json(data))
        with self._lock:
            return self._paths.get(key, {})

    def blobs(self, wants: Sequence[tuple[Listed, str]]) -> Fetched:
        out = Fetched({}, set(), {})
        raw: list[tuple[Listed, str]] = []
        fields: list[tuple[Listed, list[tuple[str, str]]]] = []
        by_project: dict[str, tuple[Listed, list[tuple[str, str]]]] = {}
        for listed, oid in wants:
            path = self._path_map(listed).get(oid)
            if path is None:
                raw.append((listed, oid))
                continue
            by_project.setdefault(listed.info.full_name, (listed, []))[1].append((oid, path))
        for listed, pairs in by_project.values():
            for start in range(0, len(pairs), PATHS_PER_FIELD):
                fields.append((listed, pairs[start:start + PATHS_PER_FIELD]))
        while fields:
            asked = min(max(1, self.blob_projects), len(fields))
            size, data = ask_halving(lambda n: self._blob_query(fields[:n]), asked,
                                     too_heavy=_blobs_too_heavy)
            if size < asked:
                self.blob_projects = size  # too heavy: the smaller size holds for what follows
            self._blob_answer(fields[:size], data, out, raw)
            del fields[:size]
        for listed, oid in raw:
            self._raw(listed, oid, out)
        return out

    def _blob_query(self, batch: Sequence[tuple[Listed, list[tuple[str, str]]]]) -> dict[str, t.Any]:
        query, variables = blob_query([(listed.info.full_name, str(listed.tree_oid),
                                        [path for _, path in pairs]) for listed, pairs in batch])
        return self.client.graphql(query, variables, "blobs")

    def _blob_answer(self, batch: Sequence[tuple[Listed, list[tuple[str, str]]]],
                     data: dict[str, t.Any] | RemoteFailure, out: Fetched,
                     raw: list[tuple[Listed, str]]) -> None:
        """One blob query's answer; what it does not give is left to REST (``raw``)."""
        if isinstance(data, RemoteFailure):
            log.debug("blob query failed (%s); falling back to REST", data)
            raw += [(listed, oid) for listed, pairs in batch for oid, _ in pairs]
            return
        if _blobs_too_heavy(data):  # heavy even alone
            raw += [(batch[0][0], oid) for oid, _ in batch[0][1]]
            return
        result = data.get("data") or {}
        self._resize(result.get("queryComplexity"), len(batch))
        for i, (listed, pairs) in enumerate(batch):
            project = result.get(f"b{i}")
            if not isinstance(project, dict):  # an error on this alias alone: REST says more
                raw += [(listed, oid) for oid, _ in pairs]
                continue
            nodes = (((project.get("repository") or {}).get("blobs") or {}).get("nodes")) or []
            by_path = {n.get("path"): n for n in nodes if isinstance(n, dict)}
            for oid, path in pairs:
                self._take(listed, oid, by_path.get(path), out, raw)

    def _take(self, listed: Listed, oid: str, node: dict[str, t.Any] | None, out: Fetched,
              raw: list[tuple[Listed, str]]) -> None:
        """A blob from its GraphQL node when the bytes are exact, its size when over the cap,
        else a REST fetch."""
        if node is None:
            raw.append((listed, oid))
            return
        size = node.get("size")
        if isinstance(size, str) and size.isdigit():
            size = int(size)
        if isinstance(size, int) and size > self.max_file_bytes and node.get("oid") in (None, oid):
            out.oversize[oid] = size
            return
        text = node.get("rawTextBlob")
        if isinstance(text, str):
            data = text.encode("utf-8")
            if git_blob_id(data, len(oid)) == oid:
                out.contents[oid] = data
                return
        raw.append((listed, oid))  # binary, re-encoded or cut: take the bytes

    def _raw(self, listed: Listed, oid: str, out: Fetched) -> None:
        """One blob's bytes over REST, reading at most one byte past the cap."""
        what = listed.info.full_name
        try:
            status, head, data = self.client.request(
                "GET", self._rest(listed, f"blobs/{oid}/raw"), what, raw=True,
                limit=self.max_file_bytes)
        except RemoteFailure as exc:
            log.debug("%s: blob %s: %s", what, oid, exc)
            out.failed.add(oid)
            return
        if status != 200 or not isinstance(data, bytes):
            out.failed.add(oid)
        elif len(data) > self.max_file_bytes:
            length = head.get("content-length", "")
            out.oversize[oid] = int(length) if length.isdigit() and int(length) > len(data) else len(data)
        elif git_blob_id(data, len(oid)) == oid:
            out.contents[oid] = data
        else:
            log.debug("%s: blob %s: bytes do not match the object id", what, oid)
            out.failed.add(oid)

    def _resize(self, complexity: t.Any, projects: int) -> None:
        """Aim the next blob query at ``COMPLEXITY_TARGET`` of the limit the server reported."""
        if not isinstance(complexity, dict):
            return
        score, limit = complexity.get("score"), complexity.get("limit")
        if isinstance(score, int) and isinstance(limit, int) and score > 0 and limit > 0:
            per = score / max(1, projects)
            self.blob_projects = max(1, min(MAX_BLOB_PROJECTS, int(limit * COMPLEXITY_TARGET / per)))


def _entry(item: t.Any) -> Entry | None:
    if not isinstance(item, dict) or not isinstance(item.get("path"), str):
        return None
    oid = str(item.get("id") or "")
    mode = str(item.get("mode") or ("040000" if item.get("type") == "tree" else "100644"))
    return Entry(path=item["path"], mode=mode, oid=oid, size=None)
