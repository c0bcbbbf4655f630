"""GitLab's GraphQL API over a ``Forge``: validated against the real schema (a GitLab 18 dump),
with an approximate query complexity checked against GitLab's limits, then executed.

Complexity follows GitLab's ``Types::BaseField`` and resolvers (gitlabhq ``app/graphql``): a field
costs 1, +1 if it calls Gitaly; a resolver-backed field costs its resolver's complexity instead
(1, +1 with ``sort``, +5 with ``search``; ``Repository.blobs`` adds one per path); ``Tree.lastCommit``
is a constant 10. A connection multiplies its own cost and everything under it by
``1 + 0.01 × page size`` (``first``/``last``, at most and by default 100: "loading 100 items doubles
the complexity"). Limits: 250 authenticated, 200 anonymous; depth 20 and 15 (``GitlabSchema``).
The one approximation: graphql-ruby may weigh connections without a resolver (``Tree.blobs``)
differently; they get the same 1 % rule here.
"""

from __future__ import annotations

import base64
import typing as t
from dataclasses import dataclass

from graphql import GraphQLField

from tests.fakeforge.github_graphql import is_binary
from tests.fakeforge.gitobjects import MODE_SUBMODULE, MODE_TREE, Entry
from tests.fakeforge.graphql_common import (
    coerce_variables,
    connection,
    is_connection,
    load_schema,
    operation,
    parse_and_validate,
    run,
    walk,
)
from tests.fakeforge.model import FakeRepo, GitLabGroup, iso
from tests.fakeforge.wire import Ctx, Request, Response, json_response

MAX_PAGE = 100
GITALY_FIELDS = frozenset({"Repository.tree", "Repository.blobs", "Repository.rootRef", "Repository.empty",
                           "Repository.exists", "Repository.paginatedTree", "Tree.blobs", "Tree.submodules",
                           "Tree.lastCommit"})
#: Fields with a constant complexity of their own.
CONSTANT_FIELDS = {"Tree.lastCommit": 10}
_PROJECT_CURSOR = "project:"


@dataclass
class Complexity:
    score: float = 0.0
    depth: int = 0

    def limits(self, authenticated: bool) -> tuple[int, int]:
        """(max complexity, max depth)."""
        return (250, 20) if authenticated else (200, 15)


def estimate(schema: t.Any, document: t.Any, op: t.Any, variables: dict[str, t.Any]) -> Complexity:
    found = Complexity()

    def visit(parent: str, fdef: GraphQLField, args: dict[str, t.Any],
              state: tuple[float, int]) -> tuple[t.Any, bool]:
        factor, depth = state
        depth += 1
        found.depth = max(found.depth, depth)
        name = f"{parent}.{args['__name']}"
        if is_connection(fdef):
            size = args.get("first") if args.get("first") is not None else args.get("last")
            factor *= 1 + 0.01 * min(size if size is not None else MAX_PAGE, MAX_PAGE)
        own = CONSTANT_FIELDS.get(name) or (1 + (name in GITALY_FIELDS) + bool(args.get("sort"))
                                            + 5 * bool(args.get("search")) + len(args.get("paths") or ()))
        found.score += own * factor
        return (factor, depth), True

    walk(schema, document, op, variables, visit, (1.0, 0))
    return found


def _gid(kind: str, number: int | str) -> str:
    return f"gid://gitlab/{kind}/{number}"


class Project:
    typename = "Project"

    def __init__(self, ctx: Ctx, repo: FakeRepo) -> None:
        self.ctx = ctx
        self.repo = repo
        self.id = _gid("Project", repo.id)
        self.name = repo.name
        self.path = repo.name
        self.fullPath = repo.full_name
        self.nameWithNamespace = f"{repo.owner.replace('/', ' / ')} / {repo.name}"
        self.description = repo.description
        self.archived = repo.archived
        self.visibility = repo.visibility
        self.topics = list(repo.topics)
        self.webUrl = f"{ctx.web}/{repo.full_name}"
        self.httpUrlToRepo = f"{self.webUrl}.git"
        self.sshUrlToRepo = f"git@127.0.0.1:{repo.full_name}.git"
        self.createdAt = iso(repo.epoch - 86_400)
        self.lastActivityAt = repo.pushed
        self.starCount = self.forksCount = 0
        self.isForked = repo.fork
        #: The fake keeps no upstream: a fork's ``forkedFrom`` is null (as for a deleted upstream).
        self.forkedFrom = None

    @property
    def repository(self) -> Repository:
        return Repository(self.ctx, self.repo)

    @property
    def group(self) -> Group | None:
        group = self.ctx.forge.gitlab_groups.get(self.repo.owner.lower())
        return Group(self.ctx, group) if group else None

    @property
    def namespace(self) -> Group | None:
        found = self.group
        if found is not None:
            found.typename = "Namespace"
        return found


class Repository:
    typename = "Repository"

    def __init__(self, ctx: Ctx, repo: FakeRepo) -> None:
        self.ctx = ctx
        self.repo = repo
        self.empty = repo.is_empty
        self.exists = True
        self.rootRef = None if repo.is_empty else repo.default_branch

    def tree(self, path: str = "", recursive: bool = False, ref: str | None = None,
             **_: t.Any) -> Tree | None:
        if self.repo.resolve(ref) is None:
            return None
        path = (path or "").strip("/")
        entry = self.repo.git.paths.get(path)
        if entry is None or entry.mode != MODE_TREE:
            return None
        return Tree(self.ctx, self.repo, entry.oid, path, recursive)

    def paginatedTree(self, path: str = "", recursive: bool = False, ref: str | None = None,
                      first: int | None = None, after: str | None = None, **_: t.Any) -> dict[str, t.Any]:
        found = self.tree(path, recursive, ref)
        return connection([found] if found else [], first=first, after=after)

    def blobs(self, paths: list[str], ref: str | None = None, first: int | None = None,
              after: str | None = None, last: int | None = None, before: str | None = None,
              **_: t.Any) -> dict[str, t.Any]:
        """Missing paths are simply absent, as on GitLab."""
        found = []
        if self.repo.resolve(ref) is not None:
            for path in paths:
                entry = self.repo.git.paths.get(path.strip("/"))
                if entry is not None and entry.mode not in (MODE_TREE, MODE_SUBMODULE):
                    found.append(RepositoryBlob(self.ctx, self.repo, entry))
        return connection(found, first=first, after=after, last=last, before=before,
                          default_size=MAX_PAGE)


class Tree:
    typename = "Tree"

    def __init__(self, ctx: Ctx, repo: FakeRepo, oid: str, path: str, recursive: bool) -> None:
        self.ctx = ctx
        self.repo = repo
        prefix = f"{path}/" if path else ""
        self._entries = repo.git.walk(oid, recursive, prefix)

    def lastCommit(self, **_: t.Any) -> dict[str, t.Any] | None:
        head = self.repo.git.commits[0] if self.repo.git.commits else None
        if head is None:
            return None
        title = head.message.split("\n", 1)[0]
        return {"id": _gid("CommitPresenter", head.oid), "sha": head.oid, "shortId": head.oid[:8],
                "title": title, "message": head.message, "authorName": head.author_name,
                "authorEmail": head.author_email, "authoredDate": iso(head.timestamp),
                "committedDate": iso(head.timestamp),
                "webUrl": f"{self.ctx.web}/{self.repo.full_name}/-/commit/{head.oid}"}

    def _of(self, kind: str, first: int | None, after: str | None, last: int | None,
            before: str | None) -> dict[str, t.Any]:
        items = [self._entry(e) for e in self._entries if e.type == kind]
        return connection(items, first=first, after=after, last=last, before=before, default_size=MAX_PAGE)

    def _entry(self, entry: Entry) -> dict[str, t.Any]:
        web = f"{self.ctx.web}/{self.repo.full_name}/-/{'tree' if entry.mode == MODE_TREE else 'blob'}/" \
              f"{self.repo.default_branch}/{entry.path}"
        return {"id": _gid("Gitlab::Graphql::Representation::TreeEntry", entry.oid), "sha": entry.oid,
                "name": entry.name, "path": entry.path, "flatPath": entry.path, "type": entry.type,
                "mode": entry.mode, "webUrl": web, "webPath": web.split("/", 3)[-1], "lfsOid": None,
                "treeUrl": None}

    def blobs(self, first: int | None = None, after: str | None = None, last: int | None = None,
              before: str | None = None) -> dict[str, t.Any]:
        return self._of("blob", first, after, last, before)

    def trees(self, first: int | None = None, after: str | None = None, last: int | None = None,
              before: str | None = None) -> dict[str, t.Any]:
        return self._of("tree", first, after, last, before)

    def submodules(self, first: int | None = None, after: str | None = None, last: int | None = None,
                   before: str | None = None) -> dict[str, t.Any]:
        return self._of("commit", first, after, last, before)


class RepositoryBlob:
    typename = "RepositoryBlob"

    def __init__(self, ctx: Ctx, repo: FakeRepo, entry: Entry) -> None:
        data = repo.git.blobs[entry.oid]
        web = f"{repo.full_name}/-/blob/{repo.default_branch}/{entry.path}"
        self.id = _gid("Blob", entry.oid)
        self.oid = entry.oid
        self.path = entry.path
        self.name = entry.name
        self.mode = entry.mode
        #: BigInt: GitLab sends these as strings.
        self.size = self.rawSize = str(len(data))
        self.rawBlob = data.decode("utf-8", errors="replace")
        self.rawTextBlob = None if is_binary(data) else self.rawBlob
        self.base64EncodedBlob = base64.b64encode(data).decode()
        self.webPath = f"/{web}"
        self.rawPath = f"/{repo.full_name}/-/raw/{repo.default_branch}/{entry.path}"
        self.storedExternally = False
        self.externalStorage = self.lfsOid = self.language = self.fileType = None


class Group:
    typename = "Group"

    def __init__(self, ctx: Ctx, group: GitLabGroup) -> None:
        self.ctx = ctx
        self.group = group
        self.id = _gid("Group", group.id)
        self.name = group.name or group.path
        self.path = group.path
        self.fullPath = group.full_path
        self.fullName = group.full_path.replace("/", " / ")
        self.description = group.description
        self.visibility = group.visibility
        self.webUrl = f"{ctx.web}/groups/{group.full_path}"

    @property
    def parent(self) -> Group | None:
        path = self.group.parent_path
        found = self.ctx.forge.gitlab_groups.get(path.lower()) if path else None
        return Group(self.ctx, found) if found else None

    @property
    def projectsCount(self) -> int:
        return len(self.group.projects)

    def projects(self, includeSubgroups: bool = False, includeArchived: bool = True,
                 archivedOnly: bool | None = None, search: str | None = None, first: int | None = None,
                 after: str | None = None, last: int | None = None, before: str | None = None,
                 **_: t.Any) -> dict[str, t.Any]:
        repos = self.ctx.forge.gitlab_group_projects(self.group, include_subgroups=bool(includeSubgroups))
        repos = sorted((r for r in repos if self.ctx.visible(r.private)), key=lambda r: r.id)
        if not includeArchived:
            repos = [r for r in repos if not r.archived]
        if archivedOnly:
            repos = [r for r in repos if r.archived]
        if search:
            repos = [r for r in repos if search.lower() in r.name.lower()]
        return connection([Project(self.ctx, r) for r in repos], first=first, after=after, last=last,
                          before=before, prefix=_PROJECT_CURSOR, default_size=MAX_PAGE)

    def descendantGroups(self, first: int | None = None, after: str | None = None,
                         **_: t.Any) -> dict[str, t.Any]:
        found = [Group(self.ctx, g) for g in self.ctx.forge.gitlab_subgroups(self.group, all_levels=True)
                 if self.ctx.visible(g.visibility != "public")]
        return connection(found, first=first, after=after, default_size=MAX_PAGE)


class Query:
    def __init__(self, ctx: Ctx, complexity: Complexity) -> None:
        self.ctx = ctx
        self._complexity = complexity

    @property
    def queryComplexity(self) -> dict[str, int]:
        limit = self._complexity.limits(self.ctx.authenticated)[0]
        return {"score": int(self._complexity.score), "limit": limit}

    def group(self, fullPath: str) -> Group | None:
        found = self.ctx.forge.gitlab_group_by_ref(fullPath)
        return Group(self.ctx, found) if found and self.ctx.visible(found.visibility != "public") else None

    def namespace(self, fullPath: str) -> Group | None:
        found = self.group(fullPath)
        if found is not None:
            found.typename = "Namespace"
        return found

    def project(self, fullPath: str) -> Project | None:
        repo = self.ctx.forge.gitlab_project(fullPath) if not fullPath.isdigit() else None
        return Project(self.ctx, repo) if repo and self.ctx.visible(repo.private) else None

    def projects(self, fullPaths: list[str] | None = None, ids: list[str] | None = None,
                 first: int | None = None, after: str | None = None, **_: t.Any) -> dict[str, t.Any]:
        wanted = [self.ctx.forge.gitlab_project(p) for p in fullPaths or ()]
        wanted += [self.ctx.forge.gitlab_project(i.rsplit("/", 1)[-1]) for i in ids or ()]
        found = [Project(self.ctx, r) for r in wanted if r is not None and self.ctx.visible(r.private)]
        return connection(found, first=first, after=after, default_size=MAX_PAGE)

    @property
    def currentUser(self) -> dict[str, t.Any] | None:
        if not self.ctx.authenticated:
            return None
        return {"id": _gid("User", 1), "username": "civiscan-bot", "name": "civiscan"}


def handle(ctx: Ctx, req: Request) -> Response:
    """POST /api/graphql. Validation and complexity errors come with HTTP 200, as on GitLab."""
    try:
        payload = req.json()
    except ValueError:
        return json_response(400, {"errors": [{"message": "Invalid JSON"}]})
    if not isinstance(payload, dict) or not isinstance(payload.get("query"), str):
        return json_response(200, {"errors": [{"message": "No query string was present"}]})
    schema = load_schema("gitlab")
    document, errors = parse_and_validate(schema, payload["query"])
    if document is None:
        return json_response(200, {"errors": errors})
    op_name = payload.get("operationName")
    op = operation(document, op_name)
    if op is None or op.operation.value != "query":
        return json_response(200, {"errors": [{"message": "This fake GitLab serves one query per request, "
                                                          "not mutations."}]})
    variables, errors = coerce_variables(schema, op, payload.get("variables"))
    if errors:
        return json_response(200, {"errors": errors})
    complexity = estimate(schema, document, op, variables)
    max_score, max_depth = complexity.limits(ctx.authenticated)
    score = int(complexity.score)
    if complexity.depth > max_depth:
        return json_response(200, {"errors": [{"message": f"Query has depth of {complexity.depth}, which "
                                                          f"exceeds max depth of {max_depth}"}]})
    if score > max_score:
        return json_response(200, {"errors": [{"message": f"Query has complexity of {score}, which exceeds "
                                                          f"max complexity of {max_score}"}]})
    req.notes.update(operation=op.name.value if op.name else None, complexity=score)
    return json_response(200, run(schema, document, Query(ctx, complexity), variables, op_name,
                                  github_types=False))
