"""GitHub's REST API (v3) over a ``Forge``, with the shapes of the recorded api.github.com answers."""

from __future__ import annotations

import base64
import re
import typing as t
from datetime import datetime, timezone
from email.utils import format_datetime

from tests.fakeforge.gitobjects import MODE_SUBMODULE, MODE_SYMLINK, MODE_TREE, Entry
from tests.fakeforge.model import FakeRepo, GitHubOwner, iso, licence_names
from tests.fakeforge.wire import (
    Ctx,
    Request,
    Response,
    json_response,
    link_header,
    page_window,
    raw_response,
    segment,
)

DOCS = "https://docs.github.com/rest"
RAW_MEDIA = ("application/vnd.github.raw", "application/vnd.github.v3.raw")
#: Get-contents serves base64 JSON up to 1 MB; bigger files need the raw media type.
CONTENTS_JSON_LIMIT = 1_000_000
LICENCE_FILE = re.compile(r"^(licen[cs]e|copying|unlicense)([.-][\w.-]+)?$", re.IGNORECASE)
README_FILE = re.compile(r"^readme(\.[\w.-]+)?$", re.IGNORECASE)
AUTHENTICATED_LOGIN = "civiscan-bot"


def error(status: int, message: str, doc: str = "", **extra: t.Any) -> Response:
    """GitHub's error body: message, documentation_url and (since 2024) the status as a string."""
    return json_response(status, {"message": message, **extra, "documentation_url": DOCS + doc,
                                  "status": str(status)})


def not_found(doc: str = "") -> Response:
    return error(404, "Not Found", doc)


def _b64(data: bytes) -> str:
    """Base64 in 60-character lines, each ending in a newline, as GitHub sends it."""
    text = base64.b64encode(data).decode()
    return "".join(text[i:i + 60] + "\n" for i in range(0, len(text), 60))


def _node_id(kind: str, number: int) -> str:
    return base64.b64encode(f"0{len(kind):02d}:{kind}{number}".encode()).decode()


def owner_json(ctx: Ctx, owner: GitHubOwner) -> dict[str, t.Any]:
    user_url = f"{ctx.api}/users/{owner.login}"
    return {
        "login": owner.login, "id": owner.id, "node_id": _node_id(owner.kind, owner.id),
        "avatar_url": f"{ctx.web}/avatars/u/{owner.id}?v=4", "gravatar_id": "", "url": user_url,
        "html_url": f"{ctx.web}/{owner.login}", "followers_url": f"{user_url}/followers",
        "following_url": f"{user_url}/following{{/other_user}}", "gists_url": f"{user_url}/gists{{/gist_id}}",
        "starred_url": f"{user_url}/starred{{/owner}}{{/repo}}",
        "subscriptions_url": f"{user_url}/subscriptions", "organizations_url": f"{user_url}/orgs",
        "repos_url": f"{user_url}/repos", "events_url": f"{user_url}/events{{/privacy}}",
        "received_events_url": f"{user_url}/received_events", "type": owner.kind,
        "user_view_type": "public", "site_admin": False,
    }


def licence_json(ctx: Ctx, spdx: str | None) -> dict[str, t.Any] | None:
    if spdx is None:
        return None
    key, name = licence_names(spdx)
    if spdx == "NOASSERTION":
        return {"key": "other", "name": "Other", "spdx_id": "NOASSERTION", "url": None,
                "node_id": "MDc6TGljZW5zZTA="}
    return {"key": key, "name": name, "spdx_id": spdx, "url": f"{ctx.api}/licenses/{key}",
            "node_id": _node_id("License", len(key))}


def repo_json(ctx: Ctx, repo: FakeRepo, owner: GitHubOwner, *, full: bool) -> dict[str, t.Any]:
    """``full-repository`` for GET /repos/{o}/{r}; the listing's ``minimal-repository`` otherwise."""
    url = f"{ctx.api}/repos/{repo.full_name}"
    html = f"{ctx.web}/{repo.full_name}"
    size_kb = sum(len(d) for d in repo.files.values()) // 1024
    body: dict[str, t.Any] = {
        "id": repo.id, "node_id": _node_id("Repository", repo.id), "name": repo.name,
        "full_name": repo.full_name, "private": repo.private, "owner": owner_json(ctx, owner),
        "html_url": html, "description": repo.description, "fork": repo.fork, "url": url,
        **{f"{k}_url": f"{url}/{v}" for k, v in _URL_TEMPLATES.items()},
        "created_at": repo.created_at, "updated_at": repo.pushed, "pushed_at": repo.pushed,
        "git_url": f"git://{ctx.web.split('://', 1)[1]}/{repo.full_name}.git",
        "ssh_url": f"git@{ctx.web.split('://', 1)[1].split(':')[0]}:{repo.full_name}.git",
        "clone_url": f"{html}.git", "svn_url": html, "homepage": repo.homepage, "size": size_kb,
        "stargazers_count": 0, "watchers_count": 0, "language": None, "has_issues": True,
        "has_projects": True, "has_downloads": True, "has_wiki": False, "has_pages": False,
        "has_discussions": False, "forks_count": 0, "mirror_url": None, "archived": repo.archived,
        "disabled": False, "open_issues_count": 0, "license": licence_json(ctx, repo.licence),
        "allow_forking": True, "is_template": repo.is_template, "web_commit_signoff_required": False,
        "topics": list(repo.topics), "visibility": repo.visibility, "forks": 0, "open_issues": 0,
        "watchers": 0, "default_branch": repo.default_branch,
    }
    if ctx.authenticated:
        body["permissions"] = {"admin": False, "maintain": False, "push": False, "triage": False,
                               "pull": True}
    if full:
        body["temp_clone_token"] = ""
        if owner.kind == "Organization":
            body["organization"] = owner_json(ctx, owner)
        body["network_count"] = 0
        body["subscribers_count"] = 0
    return body


_URL_TEMPLATES = {
    "forks": "forks", "keys": "keys{/key_id}", "collaborators": "collaborators{/collaborator}",
    "teams": "teams", "hooks": "hooks", "issue_events": "issues/events{/number}", "events": "events",
    "assignees": "assignees{/user}", "branches": "branches{/branch}", "tags": "tags",
    "blobs": "git/blobs{/sha}", "git_tags": "git/tags{/sha}", "git_refs": "git/refs{/sha}",
    "trees": "git/trees{/sha}", "statuses": "statuses/{sha}", "languages": "languages",
    "stargazers": "stargazers", "contributors": "contributors", "subscribers": "subscribers",
    "subscription": "subscription", "commits": "commits{/sha}", "git_commits": "git/commits{/sha}",
    "comments": "comments{/number}", "issue_comment": "issues/comments{/number}",
    "contents": "contents/{+path}", "compare": "compare/{base}...{head}", "merges": "merges",
    "archive": "{archive_format}{/ref}", "downloads": "downloads", "issues": "issues{/number}",
    "pulls": "pulls{/number}", "milestones": "milestones{/number}",
    "notifications": "notifications{?since,all,participating}", "labels": "labels{/name}",
    "releases": "releases{/id}", "deployments": "deployments",
}


def org_json(ctx: Ctx, owner: GitHubOwner) -> dict[str, t.Any]:
    base = owner_json(ctx, owner)
    public = sum(1 for r in owner.repos if not r.private)
    if owner.kind == "Organization":
        url = f"{ctx.api}/orgs/{owner.login}"
        return {"login": owner.login, "id": owner.id, "node_id": base["node_id"], "url": url,
                "repos_url": f"{url}/repos", "events_url": f"{url}/events", "hooks_url": f"{url}/hooks",
                "issues_url": f"{url}/issues", "members_url": f"{url}/members{{/member}}",
                "public_members_url": f"{url}/public_members{{/member}}", "avatar_url": base["avatar_url"],
                "description": owner.description, "name": owner.name, "company": None, "blog": "",
                "location": None, "email": None, "twitter_username": None, "is_verified": False,
                "has_organization_projects": True, "has_repository_projects": True,
                "public_repos": public, "public_gists": 0, "followers": 0, "following": 0,
                "html_url": base["html_url"], "created_at": iso(1_500_000_000),
                "updated_at": iso(1_700_000_000), "archived_at": None, "type": "Organization"}
    return {**base, "name": owner.name, "company": None, "blog": "", "location": None, "email": None,
            "hireable": None, "bio": owner.description, "twitter_username": None,
            "public_repos": public, "public_gists": 0, "followers": 0, "following": 0,
            "created_at": iso(1_500_000_000), "updated_at": iso(1_700_000_000)}


# Handlers ---------------------------------------------------------------------------------------

def rate_limit(ctx: Ctx, req: Request) -> Response:
    core = ctx.state.rest_budget(ctx.authenticated).snapshot()
    graphql = ctx.state.graphql_budget.snapshot()
    search = {"limit": 30, "used": 0, "remaining": 30, "reset": core["reset"]}
    return json_response(200, {"resources": {"core": core, "search": search, "graphql": graphql},
                               "rate": core}, {"Cache-Control": "no-cache"})


def authenticated_user(ctx: Ctx, req: Request) -> Response:
    if not ctx.authenticated:
        return error(401, "Requires authentication", "/users/users#get-the-authenticated-user")
    me = GitHubOwner(AUTHENTICATED_LOGIN, "User", 1, "civiscan")
    return json_response(200, org_json(ctx, me), cacheable=True)


def get_owner(ctx: Ctx, req: Request, login: str, *, org_only: bool) -> Response:
    owner = ctx.forge.github_owners.get(login.lower())
    if owner is None or (org_only and owner.kind != "Organization"):
        return not_found("/orgs/orgs#get-an-organization" if org_only else "/users/users#get-a-user")
    return json_response(200, org_json(ctx, owner), cacheable=True)


def list_repos(ctx: Ctx, req: Request, login: str, *, org_only: bool) -> Response:
    owner = ctx.forge.github_owners.get(login.lower())
    if owner is None or (org_only and owner.kind != "Organization"):
        return not_found("/repos/repos#list-organization-repositories")
    kind = req.arg("type") or ("all" if owner.kind == "Organization" else "owner")
    repos = [r for r in owner.repos if ctx.visible(r.private)]
    if kind == "public":
        repos = [r for r in repos if not r.private]
    elif kind == "private":
        repos = [r for r in repos if r.private]
    elif kind == "forks":
        repos = [r for r in repos if r.fork]
    elif kind == "sources":
        repos = [r for r in repos if not r.fork]
    elif kind == "member" and owner.kind == "User":
        repos = []
    sort = req.arg("sort") or ("created" if owner.kind == "Organization" else "full_name")
    direction = req.arg("direction") or ("asc" if sort == "full_name" else "desc")
    keys: dict[str, t.Callable[[FakeRepo], t.Any]] = {
        "full_name": lambda r: r.name.lower(), "created": lambda r: (r.epoch, r.id),
        "updated": lambda r: (r.pushed, r.id), "pushed": lambda r: (r.pushed, r.id)}
    repos = sorted(repos, key=keys.get(sort, keys["created"]), reverse=direction == "desc")
    per_page = req.int_arg("per_page", 30, high=100)
    page = req.int_arg("page", 1)
    start, stop, last = page_window(len(repos), page, per_page)
    prefix = "organizations" if owner.kind == "Organization" else "user"
    path = f"/api/v3/{prefix}/{owner.id}/repos"
    headers = {}
    if link := link_header(req, page, last, path=path):
        headers["Link"] = link
    items = [repo_json(ctx, r, owner, full=False) for r in repos[start:stop]]
    return json_response(200, items, headers, cacheable=True)


def list_repos_by_id(ctx: Ctx, req: Request, owner_id: str, *, org_only: bool) -> Response:
    owner = next((o for o in ctx.forge.github_owners.values() if str(o.id) == owner_id), None)
    if owner is None:
        return not_found()
    return list_repos(ctx, req, owner.login, org_only=org_only)


def get_repo(ctx: Ctx, req: Request, repo: FakeRepo) -> Response:
    owner = ctx.forge.github_owners[repo.owner.lower()]
    return json_response(200, repo_json(ctx, repo, owner, full=True),
                         {"Last-Modified": _http_date(repo)}, cacheable=True)


def _http_date(repo: FakeRepo) -> str:
    pushed = datetime.strptime(repo.pushed, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
    return format_datetime(pushed, usegmt=True)


def _entry_json(ctx: Ctx, repo: FakeRepo, entry: Entry) -> dict[str, t.Any]:
    out: dict[str, t.Any] = {"path": entry.path, "mode": entry.mode, "type": entry.type, "sha": entry.oid}
    if entry.mode == MODE_TREE:
        out["url"] = f"{ctx.api}/repos/{repo.full_name}/git/trees/{entry.oid}"
    elif entry.mode != MODE_SUBMODULE:
        out["size"] = entry.size
        out["url"] = f"{ctx.api}/repos/{repo.full_name}/git/blobs/{entry.oid}"
    return out


def git_tree(ctx: Ctx, req: Request, repo: FakeRepo, ref: str) -> Response:
    """``recursive`` recurses whatever its value (even 0 or false), as on GitHub."""
    git = repo.git
    ref = segment(ref)
    if ref in git.trees:
        tree = ref
    else:
        commit = repo.resolve(ref)
        if commit is None:
            return not_found("/git/trees#get-a-tree")
        tree = git.root
    entries = git.walk(tree, "recursive" in req.query)
    truncated = len(entries) > ctx.tree_entry_limit
    entries = entries[:ctx.tree_entry_limit]
    if ctx.truncate_tree:
        truncated, entries = True, entries[:max(1, len(entries) // 2)]
    return json_response(200, {
        "sha": tree, "url": f"{ctx.api}/repos/{repo.full_name}/git/trees/{tree}",
        "tree": [_entry_json(ctx, repo, e) for e in entries], "truncated": truncated,
    }, cacheable=True)


def git_blob(ctx: Ctx, req: Request, repo: FakeRepo, sha: str) -> Response:
    data = repo.git.blobs.get(sha.lower())
    if data is None:
        return not_found("/git/blobs#get-a-blob")
    if _wants_raw(req):
        return raw_response(200, data, "application/vnd.github.raw", cacheable=True)
    return json_response(200, {
        "sha": sha.lower(), "node_id": _node_id("Blob", len(data)), "size": len(data),
        "url": f"{ctx.api}/repos/{repo.full_name}/git/blobs/{sha.lower()}",
        "content": _b64(data), "encoding": "base64"}, cacheable=True)


def _wants_raw(req: Request) -> bool:
    accept = req.headers.get("accept", "")
    return any(media in accept for media in RAW_MEDIA)


def _content_json(ctx: Ctx, repo: FakeRepo, entry: Entry, ref: str, *,
                  with_content: bool) -> dict[str, t.Any]:
    self_url = f"{ctx.api}/repos/{repo.full_name}/contents/{entry.path}?ref={ref}"
    kind = {MODE_TREE: "dir", MODE_SYMLINK: "symlink", MODE_SUBMODULE: "submodule"}.get(entry.mode, "file")
    git_url = None if kind == "submodule" else \
        f"{ctx.api}/repos/{repo.full_name}/git/{'trees' if kind == 'dir' else 'blobs'}/{entry.oid}"
    html_url = f"{ctx.web}/{repo.full_name}/{'tree' if kind == 'dir' else 'blob'}/{ref}/{entry.path}"
    out: dict[str, t.Any] = {
        "name": entry.name, "path": entry.path, "sha": entry.oid, "size": entry.size or 0,
        "url": self_url, "html_url": html_url, "git_url": git_url,
        "download_url": f"{ctx.web}/raw/{repo.full_name}/{ref}/{entry.path}" if kind == "file" else None,
        "type": kind, "_links": {"self": self_url, "git": git_url, "html": html_url}}
    if with_content and kind == "file":
        data = repo.git.blobs[entry.oid]
        if len(data) > CONTENTS_JSON_LIMIT:
            out.update(content="", encoding="none")
        else:
            out.update(content=_b64(data), encoding="base64")
    elif with_content and kind == "symlink":
        out["target"] = repo.git.blobs[entry.oid].decode(errors="replace")
    elif with_content and kind == "submodule":
        out["submodule_git_url"] = f"{ctx.web}/{entry.path}.git"
    return out


def _resolve_link(repo: FakeRepo, entry: Entry) -> Entry:
    """A link to a file of the repository reads as that file (GitHub's contents behaviour)."""
    if entry.mode != MODE_SYMLINK:
        return entry
    target = repo.git.blobs[entry.oid].decode(errors="replace")
    parts: list[str] = entry.path.split("/")[:-1]
    for part in target.split("/"):
        if part == "..":
            if not parts:
                return entry
            parts.pop()
        elif part not in ("", "."):
            parts.append(part)
    found = repo.git.paths.get("/".join(parts))
    return found if found is not None and found.mode not in (MODE_TREE, MODE_SYMLINK, MODE_SUBMODULE) \
        else entry


def contents(ctx: Ctx, req: Request, repo: FakeRepo, path: str = "") -> Response:
    if repo.is_empty:
        return error(404, "This repository is empty.", "/repos/contents#get-repository-content")
    ref = req.arg("ref") or repo.default_branch
    if repo.resolve(ref) is None:
        return error(404, f"No commit found for the ref {ref}", "/repos/contents#get-repository-content")
    path = segment(path).strip("/")
    entry = repo.git.paths.get(path)
    if entry is None:
        return not_found("/repos/contents#get-repository-content")
    if entry.mode == MODE_TREE:
        listing = [_content_json(ctx, repo, e, ref, with_content=False)
                   for e in repo.git.walk(entry.oid, False, f"{path}/" if path else "")]
        for item in listing:  # GitHub lists submodules as files in a folder listing.
            if item["type"] == "submodule":
                item["type"] = "file"
        return json_response(200, listing, cacheable=True)
    entry = _resolve_link(repo, entry)
    if _wants_raw(req) and entry.mode != MODE_SUBMODULE:
        return raw_response(200, repo.git.blobs[entry.oid], "application/vnd.github.raw", cacheable=True)
    return json_response(200, _content_json(ctx, repo, entry, ref, with_content=True), cacheable=True)


def _root_file(repo: FakeRepo, pattern: re.Pattern[str]) -> Entry | None:
    candidates = [e for e in repo.git.walk(repo.git.root, False)
                  if e.mode not in (MODE_TREE, MODE_SUBMODULE) and pattern.match(e.name)]
    return min(candidates, key=lambda e: (len(e.name), e.name)) if candidates else None


def readme(ctx: Ctx, req: Request, repo: FakeRepo) -> Response:
    entry = None if repo.is_empty else _root_file(repo, README_FILE)
    if entry is None:
        return not_found("/repos/contents#get-a-repository-readme")
    return json_response(200, _content_json(ctx, repo, entry, repo.default_branch, with_content=True),
                         cacheable=True)


def licence(ctx: Ctx, req: Request, repo: FakeRepo) -> Response:
    entry = None if repo.is_empty else _root_file(repo, LICENCE_FILE)
    if entry is None:
        return not_found("/licenses/licenses#get-the-license-for-a-repository")
    body = _content_json(ctx, repo, entry, repo.default_branch, with_content=True)
    body["license"] = licence_json(ctx, repo.licence or "NOASSERTION")
    return json_response(200, body, cacheable=True)


def topics(ctx: Ctx, req: Request, repo: FakeRepo) -> Response:
    return json_response(200, {"names": list(repo.topics)}, cacheable=True)


def commits(ctx: Ctx, req: Request, repo: FakeRepo) -> Response:
    if repo.is_empty:
        return error(409, "Git Repository is empty.", "/commits/commits#list-commits")
    start = repo.resolve(req.arg("sha"))
    if start is None:
        return error(404, f"No commit found for SHA: {req.arg('sha')}", "/commits/commits#list-commits")
    history = repo.git.commits
    history = history[next(i for i, c in enumerate(history) if c.oid == start):]
    per_page = req.int_arg("per_page", 30, high=100)
    page = req.int_arg("page", 1)
    begin, stop, last = page_window(len(history), page, per_page)
    api = f"{ctx.api}/repos/{repo.full_name}"
    items = []
    for c in history[begin:stop]:
        person = {"name": c.author_name, "email": c.author_email, "date": iso(c.timestamp)}
        items.append({
            "sha": c.oid, "node_id": _node_id("Commit", c.timestamp),
            "commit": {"author": person, "committer": dict(person), "message": c.message[:-1],
                       "tree": {"sha": c.tree, "url": f"{api}/git/trees/{c.tree}"},
                       "url": f"{api}/git/commits/{c.oid}", "comment_count": 0,
                       "verification": {"verified": False, "reason": "unsigned", "signature": None,
                                        "payload": None, "verified_at": None}},
            "url": f"{api}/commits/{c.oid}", "html_url": f"{ctx.web}/{repo.full_name}/commit/{c.oid}",
            "comments_url": f"{api}/commits/{c.oid}/comments", "author": None, "committer": None,
            "parents": [{"sha": p, "url": f"{api}/commits/{p}",
                         "html_url": f"{ctx.web}/{repo.full_name}/commit/{p}"} for p in c.parents]})
    headers = {}
    if link := link_header(req, page, last):
        headers["Link"] = link
    return json_response(200, items, headers, cacheable=True)


# Routing ------------------------------------------------------------------------------------------

_REPO = r"/repos/(?P<owner>[^/]+)/(?P<name>[^/]+)"
#: Sub-resources of a repository: (kind, pattern after the repository, handler, needs commits).
_REPO_ROUTES: list[tuple[str, str, t.Callable[..., Response], bool]] = [
    ("github.repo", r"/?", get_repo, False),
    ("github.tree", r"/git/trees/(?P<ref>.+)", git_tree, True),
    ("github.blob", r"/git/blobs/(?P<sha>[^/]+)", git_blob, True),
    ("github.contents", r"/contents(?:/(?P<path>.*))?", contents, False),
    ("github.readme", r"/readme/?", readme, False),
    ("github.license", r"/license/?", licence, False),
    ("github.topics", r"/topics/?", topics, False),
    ("github.commits", r"/commits/?", commits, True),
]
REPO_ROUTES = [(kind, re.compile(f"^{_REPO}{tail}$"), handler, needs_git)
               for kind, tail, handler, needs_git in _REPO_ROUTES]
OTHER_ROUTES: list[tuple[str, re.Pattern[str], t.Callable[..., Response]]] = [
    ("github.rate_limit", re.compile(r"^/rate_limit/?$"), rate_limit),
    ("github.user", re.compile(r"^/user/?$"), authenticated_user),
    ("github.repos", re.compile(r"^/orgs/(?P<login>[^/]+)/repos/?$"),
     lambda c, r, login: list_repos(c, r, login, org_only=True)),
    ("github.repos", re.compile(r"^/users/(?P<login>[^/]+)/repos/?$"),
     lambda c, r, login: list_repos(c, r, login, org_only=False)),
    ("github.repos", re.compile(r"^/organizations/(?P<owner_id>\d+)/repos/?$"),
     lambda c, r, owner_id: list_repos_by_id(c, r, owner_id, org_only=True)),
    ("github.repos", re.compile(r"^/user/(?P<owner_id>\d+)/repos/?$"),
     lambda c, r, owner_id: list_repos_by_id(c, r, owner_id, org_only=False)),
    ("github.org", re.compile(r"^/orgs/(?P<login>[^/]+)/?$"),
     lambda c, r, login: get_owner(c, r, login, org_only=True)),
    ("github.user", re.compile(r"^/users/(?P<login>[^/]+)/?$"),
     lambda c, r, login: get_owner(c, r, login, org_only=False)),
]
_BY_ID = re.compile(r"^/repositories/(?P<id>\d+)(?P<rest>/.*)?$")


def route(ctx: Ctx, path: str) -> tuple[str, t.Callable[[Ctx, Request], Response]]:
    """The endpoint kind of a REST path (below ``/api/v3``) and the handler that answers it."""
    if found := _BY_ID.match(path):
        repo = ctx.forge.repo_by_id(int(found["id"]))
        if repo is not None and ctx.forge.github_repo(repo.owner, repo.name) is repo:
            path = f"/repos/{repo.full_name}{found['rest'] or ''}"
    for kind, pattern, handler, needs_git in REPO_ROUTES:
        if match := pattern.match(path):
            groups = {k: v for k, v in match.groupdict().items() if k not in ("owner", "name")}
            owner, name = segment(match["owner"]), segment(match["name"])
            rest = path[match.end("name"):]
            return kind, _repo_handler(owner, name, rest, handler, needs_git, groups)
    for kind, pattern, handler in OTHER_ROUTES:
        if match := pattern.match(path):
            args = {k: segment(v) for k, v in match.groupdict().items()}
            return kind, lambda c, r, h=handler, a=args: h(c, r, **a)
    return "github.other", lambda c, r: not_found()


def _repo_handler(owner: str, name: str, rest: str, handler: t.Callable[..., Response], needs_git: bool,
                  groups: dict[str, t.Any]) -> t.Callable[[Ctx, Request], Response]:
    def answer(ctx: Ctx, req: Request) -> Response:
        repo = ctx.forge.github_repo(owner, name)
        if repo is None or not ctx.visible(repo.private):
            moved = ctx.forge.github_renames.get(f"{owner}/{name}".lower())
            if moved is not None and ctx.visible(moved.private):
                location = f"{ctx.api}/repositories/{moved.id}{rest.rstrip('/')}"
                return json_response(301, {"message": "Moved Permanently", "url": location,
                                           "documentation_url": DOCS + "/repos/repos#get-a-repository"},
                                     {"Location": location})
            return not_found("/repos/repos#get-a-repository")
        if repo.dmca:
            return json_response(451, {"message": "Repository access blocked", "block": {
                "reason": "dmca", "created_at": repo.created_at,
                "html_url": "https://github.com/github/dmca/blob/master/2024/01/2024-01-01-example.md"}})
        if needs_git and repo.is_empty:
            return error(409, "Git Repository is empty.", "/git")
        return handler(ctx, req, repo, **groups)

    return answer
