"""GitHub's GraphQL API (v4) over a ``Forge``: every query is validated against the real schema,
costed with GitHub's documented formula, then executed by the wrappers below.

Field methods and properties carry the schema's camelCase names: the executor reads them as
they are. Fields a wrapper lacks resolve to null (an error for a non-null field), so a crawler
asking for something this fake does not model finds out at once.
"""

from __future__ import annotations

import base64
import typing as t
from dataclasses import dataclass, field

from graphql import GraphQLField

from tests.fakeforge.gitobjects import MODE_SUBMODULE, MODE_TREE, CommitObject, Entry
from tests.fakeforge.graphql_common import (
    GraphQLFailure,
    coerce_variables,
    connection,
    is_connection,
    load_schema,
    operation,
    parse_and_validate,
    run,
    walk,
)
from tests.fakeforge.model import FakeRepo, GitHubOwner, iso, licence_names
from tests.fakeforge.wire import Ctx, Request, Response, json_response

#: Blob.text stops after this many bytes and isTruncated turns true. GitHub does not document
#: its threshold (api.md §9); 512,000 bytes is this fake's choice.
BLOB_TEXT_LIMIT = 512_000
#: A call may request at most this many nodes (GitHub's documented node limit).
NODE_LIMIT = 500_000
MAX_PAGE = 100
DOCS = "https://docs.github.com/graphql"


def _node_id(kind: str, number: int | str) -> str:
    return base64.b64encode(f"0{len(kind):02d}:{kind}{number}".encode()).decode()


def is_binary(data: bytes) -> bool:
    """Git's test: a NUL byte in the first 8,000 bytes; undecodable UTF-8 counts as binary too."""
    if b"\0" in data[:8000]:
        return True
    try:
        data[:BLOB_TEXT_LIMIT].decode("utf-8")
    except UnicodeDecodeError as error:
        return error.start < BLOB_TEXT_LIMIT - 4
    return False


# Cost ---------------------------------------------------------------------------------------------

@dataclass
class Cost:
    """GitHub's rate-limit formula: requests to fill every connection (assuming each ``first``
    is reached), divided by 100 and rounded, at least 1; and the node count."""

    requests: int = 0
    nodes: int = 0
    errors: list[dict[str, t.Any]] = field(default_factory=list)
    dry_run: bool = False

    @property
    def points(self) -> int:
        return max(1, int(self.requests / 100 + 0.5))


def estimate(schema: t.Any, document: t.Any, op: t.Any, variables: dict[str, t.Any], op_label: str) -> Cost:
    cost = Cost()

    def visit(parent: str, fdef: GraphQLField, args: dict[str, t.Any],
              state: tuple[int, tuple[str, ...]]) -> tuple[t.Any, bool]:
        multiplier, path = state
        path = (*path, args["__alias"])
        if parent in ("Query",) and args["__name"] == "rateLimit" and args.get("dryRun"):
            cost.dry_run = True
        if not is_connection(fdef):
            return (multiplier, path), True
        size = args.get("first") if args.get("first") is not None else args.get("last")
        name = args["__name"]
        if size is None:
            cost.errors.append({"path": [op_label, *path], "type": "MISSING_PAGINATION_BOUNDARIES",
                                "message": f"You must provide a `first` or `last` value to properly "
                                           f"paginate the `{name}` connection."})
            return (multiplier, path), False
        if size > MAX_PAGE or size < 0:
            which = "first" if args.get("first") is not None else "last"
            cost.errors.append({"path": [op_label, *path, which], "type": "EXCESSIVE_PAGINATION",
                                "message": f"Requesting {size} records on the `{name}` connection exceeds "
                                           f"the `{which}` limit of {MAX_PAGE} records."})
            return (multiplier, path), False
        cost.requests += multiplier
        cost.nodes += multiplier * size
        if cost.nodes > NODE_LIMIT and not any(e["type"] == "MAX_NODE_LIMIT_EXCEEDED" for e in cost.errors):
            cost.errors.append({"path": [op_label], "type": "MAX_NODE_LIMIT_EXCEEDED",
                                "message": f"By the time this query traverses to the {name} connection, it "
                                           f"is requesting up to {cost.nodes:,} possible nodes which "
                                           f"exceeds the maximum limit of {NODE_LIMIT:,}."})
        return (multiplier * max(size, 1), path), True

    walk(schema, document, op, variables, visit, (1, ()))
    return cost


# Wrappers -----------------------------------------------------------------------------------------

class Node:
    typename = ""

    def __init__(self, ctx: Ctx, repo: FakeRepo | None = None) -> None:
        self.ctx = ctx
        self.repo = repo


class Owner(Node):
    def __init__(self, ctx: Ctx, owner: GitHubOwner) -> None:
        super().__init__(ctx)
        self.owner = owner
        self.typename = owner.kind
        self.login = owner.login
        self.name = owner.name
        self.description = owner.description
        self.databaseId = owner.id
        self.id = _node_id(owner.kind, owner.id)
        self.url = f"{ctx.web}/{owner.login}"
        self.resourcePath = f"/{owner.login}"
        self.email = None
        self.isVerified = False

    def avatarUrl(self, size: int | None = None) -> str:
        return f"{self.ctx.web}/avatars/u/{self.owner.id}?v=4" + (f"&s={size}" if size else "")

    def repositories(self, first: int | None = None, after: str | None = None, last: int | None = None,
                     before: str | None = None, orderBy: dict[str, str] | None = None,
                     isFork: bool | None = None, privacy: str | None = None, isArchived: bool | None = None,
                     visibility: str | None = None, **_: t.Any) -> dict[str, t.Any]:
        repos = [r for r in self.owner.repos if self.ctx.visible(r.private)]
        if isFork is not None:
            repos = [r for r in repos if r.fork == isFork]
        if isArchived is not None:
            repos = [r for r in repos if r.archived == isArchived]
        if privacy is not None:
            repos = [r for r in repos if r.private == (privacy == "PRIVATE")]
        if visibility is not None:
            repos = [r for r in repos if r.visibility.upper() == visibility]
        order = orderBy or {"field": "CREATED_AT", "direction": "ASC"}
        keys: dict[str, t.Callable[[FakeRepo], t.Any]] = {
            "NAME": lambda r: r.name.lower(), "CREATED_AT": lambda r: (r.epoch, r.id),
            "UPDATED_AT": lambda r: (r.pushed, r.id), "PUSHED_AT": lambda r: (r.pushed, r.id),
            "STARGAZERS": lambda r: r.id}
        repos.sort(key=keys[order["field"]], reverse=order["direction"] == "DESC")
        page = connection([Repository(self.ctx, r, self.owner) for r in repos], first=first, after=after,
                          last=last, before=before)
        page["totalDiskUsage"] = sum(r.diskUsage for r in page["nodes"])
        return page

    def repository(self, name: str, followRenames: bool = True) -> Repository | None:
        return Query(self.ctx).find_repository(self.owner.login, name, followRenames)


class Repository(Node):
    typename = "Repository"

    def __init__(self, ctx: Ctx, repo: FakeRepo, owner: GitHubOwner) -> None:
        super().__init__(ctx, repo)
        self._owner = owner
        self.id = _node_id("Repository", repo.id)
        self.databaseId = repo.id
        self.name = repo.name
        self.nameWithOwner = repo.full_name
        self.url = f"{ctx.web}/{repo.full_name}"
        self.resourcePath = f"/{repo.full_name}"
        self.sshUrl = f"git@{ctx.web.split('://', 1)[1].split(':')[0]}:{repo.full_name}.git"
        self.isArchived = repo.archived
        self.isFork = repo.fork
        self.isPrivate = repo.private
        self.isEmpty = repo.is_empty
        self.isMirror = repo.mirror
        self.isTemplate = repo.is_template
        self.isDisabled = False
        self.isLocked = False
        self.visibility = repo.visibility.upper()
        self.description = repo.description
        self.homepageUrl = repo.homepage
        self.pushedAt = repo.pushed
        self.updatedAt = repo.pushed
        self.createdAt = repo.created_at
        self.archivedAt = repo.pushed if repo.archived else None
        self.diskUsage = sum(len(d) for d in repo.files.values()) // 1024
        self.forkCount = 0
        self.stargazerCount = 0
        self.primaryLanguage = None
        self.parent = None
        self.codeOfConduct = None
        self.contributingGuidelines = None
        self.securityPolicyUrl = None
        self.mirrorUrl = None

    @property
    def owner(self) -> Owner:
        return Owner(self.ctx, self._owner)

    @property
    def licenseInfo(self) -> dict[str, t.Any] | None:
        spdx = self.repo.licence if self.repo else None
        if spdx is None:
            return None
        if spdx == "NOASSERTION":
            return {"spdxId": "NOASSERTION", "key": "other", "name": "Other", "nickname": None,
                    "url": None, "id": _node_id("License", "other")}
        key, name = licence_names(spdx)
        return {"spdxId": spdx, "key": key, "name": name, "nickname": None,
                "url": f"http://choosealicense.com/licenses/{key}/", "id": _node_id("License", key)}

    def repositoryTopics(self, first: int | None = None, after: str | None = None, last: int | None = None,
                         before: str | None = None) -> dict[str, t.Any]:
        assert self.repo is not None
        topics = [{"id": _node_id("RepositoryTopic", f"{self.repo.id}:{name}"), "topic": {
            "name": name, "id": _node_id("Topic", name)}, "url": f"{self.ctx.web}/topics/{name}",
            "resourcePath": f"/topics/{name}"} for name in self.repo.topics]
        return connection(topics, first=first, after=after, last=last, before=before)

    @property
    def defaultBranchRef(self) -> dict[str, t.Any] | None:
        assert self.repo is not None
        head = self.repo.git.commits[0] if self.repo.git.commits else None
        if head is None:
            return None
        name = self.repo.default_branch
        return {"name": name, "prefix": "refs/heads/", "id": _node_id("Ref", f"{self.repo.id}:{name}"),
                "target": Commit(self.ctx, self.repo, head)}

    def object(self, expression: str | None = None, oid: str | None = None) -> Node | None:
        assert self.repo is not None
        if oid is not None:
            return git_object(self.ctx, self.repo, oid.lower())
        if expression is None:
            return None
        rev, colon, path = expression.partition(":")
        if not colon:
            commit = self.repo.resolve(rev)
            return git_object(self.ctx, self.repo, commit or rev.lower())
        if self.repo.resolve(rev or "HEAD") is None:
            return None
        path = path.strip("/")
        entry = self.repo.git.paths.get(path)
        return entry_object(self.ctx, self.repo, entry, path) if entry is not None else None


def git_object(ctx: Ctx, repo: FakeRepo, oid: str) -> Node | None:
    git = repo.git
    if oid in git.blobs:
        return Blob(ctx, repo, oid)
    if oid in git.trees:
        return Tree(ctx, repo, oid)
    commit = git.commit(oid)
    return Commit(ctx, repo, commit) if commit else None


def entry_object(ctx: Ctx, repo: FakeRepo, entry: Entry, path: str | None) -> Node | None:
    if entry.mode == MODE_TREE:
        return Tree(ctx, repo, entry.oid, path)
    if entry.mode == MODE_SUBMODULE:
        return None
    return Blob(ctx, repo, entry.oid)


class GitObject(Node):
    def __init__(self, ctx: Ctx, repo: FakeRepo, oid: str) -> None:
        super().__init__(ctx, repo)
        self.oid = oid
        self.abbreviatedOid = oid[:7]
        self.id = _node_id(self.typename, oid)
        head = repo.head or oid
        self.commitUrl = f"{ctx.web}/{repo.full_name}/commit/{head}"
        self.commitResourcePath = f"/{repo.full_name}/commit/{head}"

    @property
    def repository(self) -> Repository:
        assert self.repo is not None
        return Repository(self.ctx, self.repo, self.ctx.forge.github_owner(self.repo.owner))


class Blob(GitObject):
    typename = "Blob"

    def __init__(self, ctx: Ctx, repo: FakeRepo, oid: str) -> None:
        super().__init__(ctx, repo, oid)
        data = repo.git.blobs[oid]
        self.byteSize = len(data)
        self.isBinary = is_binary(data)
        self.isTruncated = len(data) > BLOB_TEXT_LIMIT
        self.text = None if self.isBinary else data[:BLOB_TEXT_LIMIT].decode("utf-8", errors="ignore")


class Tree(GitObject):
    typename = "Tree"

    def __init__(self, ctx: Ctx, repo: FakeRepo, oid: str, path: str | None = "") -> None:
        """``path`` of the tree from the root; None when reached by oid (paths then best effort)."""
        super().__init__(ctx, repo, oid)
        self.path = path

    @property
    def entries(self) -> list[TreeEntry]:
        assert self.repo is not None
        return [TreeEntry(self.ctx, self.repo, e, e.path if self.path is None else
                          f"{self.path}/{e.name}" if self.path else e.name)
                for e in self.repo.git.trees[self.oid]]


class TreeEntry(Node):
    typename = "TreeEntry"

    def __init__(self, ctx: Ctx, repo: FakeRepo, entry: Entry, path: str) -> None:
        super().__init__(ctx, repo)
        self.entry = entry
        self.name = entry.name
        self.nameRaw = base64.b64encode(entry.name.encode()).decode()
        self.path = path
        self.pathRaw = base64.b64encode(path.encode()).decode()
        self.type = entry.type
        self.mode = int(entry.mode, 8)
        self.oid = entry.oid
        self.size = entry.size or 0
        self.isGenerated = False
        self.language = None
        suffix = entry.name.rsplit(".", 1)
        named = len(suffix) == 2 and entry.mode != MODE_TREE and suffix[0]
        self.extension = f".{suffix[1]}" if named else None

    @property
    def object(self) -> Node | None:
        assert self.repo is not None
        return entry_object(self.ctx, self.repo, self.entry, self.path)

    @property
    def lineCount(self) -> int | None:
        assert self.repo is not None
        data = self.repo.git.blobs.get(self.oid)
        if data is None or is_binary(data):
            return None
        return data.count(b"\n") + (0 if data.endswith(b"\n") or not data else 1)

    @property
    def submodule(self) -> dict[str, t.Any] | None:
        if self.entry.mode != MODE_SUBMODULE:
            return None
        return {"name": self.name, "path": self.path, "subprojectCommitOid": self.oid,
                "gitUrl": f"{self.ctx.web}/{self.name}.git", "branch": None}

    @property
    def repository(self) -> Repository:
        assert self.repo is not None
        return Repository(self.ctx, self.repo, self.ctx.forge.github_owner(self.repo.owner))


class Commit(GitObject):
    typename = "Commit"

    def __init__(self, ctx: Ctx, repo: FakeRepo, commit: CommitObject) -> None:
        super().__init__(ctx, repo, commit.oid)
        self.commit = commit
        self.message = commit.message[:-1]
        headline, _, body = self.message.partition("\n")
        self.messageHeadline = headline
        self.messageBody = body.lstrip("\n")
        self.committedDate = self.authoredDate = iso(commit.timestamp)
        actor = {"name": commit.author_name, "email": commit.author_email, "date": iso(commit.timestamp),
                 "user": None, "avatarUrl": f"{ctx.web}/avatars/u/0?v=4"}
        self.author = actor
        self.committer = dict(actor)
        self.url = f"{ctx.web}/{repo.full_name}/commit/{commit.oid}"
        self.signature = None
        self.additions = self.deletions = self.changedFilesIfAvailable = 0

    @property
    def tree(self) -> Tree:
        assert self.repo is not None
        return Tree(self.ctx, self.repo, self.commit.tree)

    def _lineage(self) -> list[CommitObject]:
        assert self.repo is not None
        history = self.repo.git.commits
        return history[[c.oid for c in history].index(self.oid):]

    def history(self, first: int | None = None, after: str | None = None, last: int | None = None,
                before: str | None = None, **_: t.Any) -> dict[str, t.Any]:
        assert self.repo is not None
        commits = [Commit(self.ctx, self.repo, c) for c in self._lineage()]
        return connection(commits, first=first, after=after, last=last, before=before,
                          prefix=f"{self.oid} ")

    def parents(self, first: int | None = None, after: str | None = None, last: int | None = None,
                before: str | None = None) -> dict[str, t.Any]:
        assert self.repo is not None
        found = [self.repo.git.commit(p) for p in self.commit.parents]
        nodes = [Commit(self.ctx, self.repo, c) for c in found if c is not None]
        return connection(nodes, first=first, after=after, last=last, before=before)


class Query:
    """The query root."""

    def __init__(self, ctx: Ctx, cost: Cost | None = None) -> None:
        self.ctx = ctx
        self.cost = cost or Cost()

    def rateLimit(self, dryRun: bool = False) -> dict[str, t.Any]:
        snap = self.ctx.state.graphql_budget.snapshot()
        return {"cost": self.cost.points, "limit": snap["limit"], "nodeCount": self.cost.nodes,
                "remaining": snap["remaining"], "resetAt": iso(snap["reset"]), "used": snap["used"]}

    def _owner(self, login: str) -> GitHubOwner | None:
        return self.ctx.forge.github_owners.get(login.lower())

    def repositoryOwner(self, login: str) -> Owner | None:
        owner = self._owner(login)
        return Owner(self.ctx, owner) if owner else None

    def organization(self, login: str) -> Owner:
        owner = self._owner(login)
        if owner is None or owner.kind != "Organization":
            raise GraphQLFailure(f"Could not resolve to an Organization with the login of '{login}'.",
                                 "NOT_FOUND")
        return Owner(self.ctx, owner)

    def user(self, login: str) -> Owner:
        owner = self._owner(login)
        if owner is None or owner.kind != "User":
            raise GraphQLFailure(f"Could not resolve to a User with the login of '{login}'.", "NOT_FOUND")
        return Owner(self.ctx, owner)

    @property
    def viewer(self) -> Owner:
        return Owner(self.ctx, GitHubOwner("civiscan-bot", "User", 1, "civiscan"))

    def find_repository(self, owner: str, name: str, follow_renames: bool) -> Repository | None:
        repo = self.ctx.forge.github_repo(owner, name)
        if repo is None and follow_renames:
            repo = self.ctx.forge.github_renames.get(f"{owner}/{name}".lower())
        if repo is None or not self.ctx.visible(repo.private):
            return None
        return Repository(self.ctx, repo, self.ctx.forge.github_owner(repo.owner))

    def repository(self, owner: str, name: str, followRenames: bool = True) -> Repository:
        found = self.find_repository(owner, name, followRenames)
        if found is None:
            raise GraphQLFailure(f"Could not resolve to a Repository with the name '{owner}/{name}'.",
                                 "NOT_FOUND")
        return found


def error_body(message: str, type_: str | None = None) -> dict[str, t.Any]:
    return {"errors": [{**({"type": type_} if type_ else {}), "message": message}]}


def handle(ctx: Ctx, req: Request) -> Response:
    """POST /api/graphql. Errors GitHub reports in the body still come with HTTP 200."""
    try:
        payload = req.json()
    except ValueError:
        return json_response(400, {"message": "Problems parsing JSON", "documentation_url": DOCS})
    if not isinstance(payload, dict) or not isinstance(payload.get("query"), str):
        return json_response(200, error_body("A query attribute must be specified and must be a string."))
    schema = load_schema("github")
    document, errors = parse_and_validate(schema, payload["query"])
    if document is None:
        return json_response(200, {"errors": errors})
    op_name = payload.get("operationName")
    op = operation(document, op_name)
    if op is None:
        return json_response(200, error_body("An operation name is required when the document has "
                                             "several operations" if not op_name else
                                             f'No operation named "{op_name}"'))
    if op.operation.value != "query":
        return json_response(200, error_body("This fake GitHub serves queries only, not mutations."))
    variables, errors = coerce_variables(schema, op, payload.get("variables"))
    if errors:
        return json_response(200, {"errors": errors})
    label = f"query {op.name.value}" if op.name else "query"
    cost = estimate(schema, document, op, variables, label)
    if cost.errors:
        return json_response(200, {"errors": cost.errors})
    budget = ctx.state.graphql_budget
    if not cost.dry_run and not budget.take(cost.points):
        return json_response(200, {"errors": [{"type": "RATE_LIMITED", "code": "graphql_rate_limit",
                                               "message": "API rate limit exceeded for user ID 1."}]})
    body = run(schema, document, Query(ctx, cost), variables, op_name, github_types=True)
    req.notes.update(operation=op.name.value if op.name else None, cost=cost.points)
    return json_response(200, body)
