"""GitLab's REST API (v4) over a ``Forge``, with GitLab's documented shapes and pagination headers.

Ids in paths are numeric or URL-encoded full paths (``group%2Fsub%2Fproject``). A project or
group the caller may not see is a 404, as GitLab answers for access denied.
"""

from __future__ import annotations

import base64
import hashlib
import re
import typing as t
from urllib.parse import quote

from tests.fakeforge.gitobjects import MODE_SUBMODULE, MODE_TREE, CommitObject, Entry
from tests.fakeforge.model import FakeRepo, GitLabGroup, GitLabUser, iso, licence_names
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

MAX_PER_PAGE = 100
DEFAULT_PER_PAGE = 20
_TRAILER = re.compile(r"^([A-Za-z][\w-]*):\s+(.+)$")


def error(status: int, message: str) -> Response:
    return json_response(status, {"message": message})


def gl_time(timestamp: int) -> str:
    return iso(timestamp).replace("Z", ".000Z")


def _web(ctx: Ctx, path: str) -> str:
    return f"{ctx.web}/{path}"


def group_json(ctx: Ctx, group: GitLabGroup) -> dict[str, t.Any]:
    parent = ctx.forge.gitlab_groups.get(group.parent_path.lower()) if group.parent_path else None
    names = []
    for depth in range(1, group.full_path.count("/") + 2):
        part = ctx.forge.gitlab_groups.get("/".join(group.full_path.split("/")[:depth]).lower())
        names.append(part.name or part.path if part else "")
    return {
        "id": group.id, "web_url": _web(ctx, f"groups/{group.full_path}"), "name": group.name or group.path,
        "path": group.path, "description": group.description, "visibility": group.visibility,
        "share_with_group_lock": False, "require_two_factor_authentication": False,
        "two_factor_grace_period": 48, "project_creation_level": "developer", "auto_devops_enabled": None,
        "subgroup_creation_level": "maintainer", "emails_disabled": False, "emails_enabled": True,
        "mentions_disabled": None, "lfs_enabled": True, "default_branch": None,
        "default_branch_protection": 2, "avatar_url": None, "request_access_enabled": True,
        "full_name": " / ".join(names), "full_path": group.full_path, "created_at": gl_time(1_500_000_000),
        "parent_id": parent.id if parent else None, "organization_id": 1, "shared_runners_setting": "enabled",
        "marked_for_deletion_on": None, "archived": False,
    }


def _namespace(ctx: Ctx, repo: FakeRepo) -> dict[str, t.Any]:
    user = ctx.forge.gitlab_users.get(repo.owner.lower())
    if user is not None:
        return {"id": user.id, "name": user.name or user.username, "path": user.username, "kind": "user",
                "full_path": user.username, "parent_id": None, "avatar_url": None,
                "web_url": _web(ctx, user.username)}
    group = ctx.forge.gitlab_group(repo.owner)
    body = group_json(ctx, group)
    return {"id": group.id, "name": body["name"], "path": group.path, "kind": "group",
            "full_path": group.full_path, "parent_id": body["parent_id"], "avatar_url": None,
            "web_url": body["web_url"]}


def licence_body(ctx: Ctx, spdx: str | None) -> dict[str, t.Any] | None:
    if spdx is None:
        return None
    key, name = ("other", "Other") if spdx == "NOASSERTION" else licence_names(spdx)
    return {"key": key, "name": name, "nickname": None,
            "html_url": f"https://opensource.org/licenses/{spdx}", "source_url": None}


def project_json(ctx: Ctx, repo: FakeRepo, *, with_licence: bool = False) -> dict[str, t.Any]:
    namespace = _namespace(ctx, repo)
    web = _web(ctx, repo.full_name)
    api = f"{ctx.api}/projects/{repo.id}"
    body: dict[str, t.Any] = {
        "id": repo.id, "description": repo.description, "name": repo.name,
        "name_with_namespace": f"{namespace['name']} / {repo.name}", "path": repo.name,
        "path_with_namespace": repo.full_name, "created_at": gl_time(repo.epoch - 86_400),
        "default_branch": None if repo.is_empty else repo.default_branch, "tag_list": list(repo.topics),
        "topics": list(repo.topics), "ssh_url_to_repo": f"git@127.0.0.1:{repo.full_name}.git",
        "http_url_to_repo": f"{web}.git", "web_url": web,
        "readme_url": None if repo.is_empty or "README.md" not in repo.files else
        f"{web}/-/blob/{repo.default_branch}/README.md",
        "forks_count": 0, "avatar_url": None, "star_count": 0,
        "last_activity_at": repo.pushed.replace("Z", ".000Z"), "namespace": namespace,
        "container_registry_image_prefix": f"registry.example/{repo.full_name}",
        "_links": {"self": api, "issues": f"{api}/issues", "merge_requests": f"{api}/merge_requests",
                   "repo_branches": f"{api}/repository/branches", "labels": f"{api}/labels",
                   "events": f"{api}/events", "members": f"{api}/members",
                   "cluster_agents": f"{api}/cluster_agents"},
        "packages_enabled": True, "empty_repo": repo.is_empty, "archived": repo.archived,
        "visibility": repo.visibility, "resolve_outdated_diff_discussions": False,
        "repository_object_format": "sha1", "issues_enabled": True, "merge_requests_enabled": True,
        "wiki_enabled": True, "jobs_enabled": True, "snippets_enabled": True,
        "open_issues_count": 0, "mirror": repo.mirror, "updated_at": repo.pushed.replace("Z", ".000Z"),
    }
    if repo.fork:
        body["forked_from_project"] = {"id": 1, "description": None, "name": repo.name,
                                       "name_with_namespace": f"upstream / {repo.name}", "path": repo.name,
                                       "path_with_namespace": f"upstream/{repo.name}",
                                       "web_url": _web(ctx, f"upstream/{repo.name}")}
    if with_licence:
        body["license_url"] = None if repo.licence is None else f"{web}/-/blob/{repo.default_branch}/LICENSE"
        body["license"] = licence_body(ctx, repo.licence)
    return body


def _paged(req: Request, items: list[t.Any], render: t.Callable[[t.Any], t.Any]) -> Response:
    """GitLab's offset pagination: X-Page, X-Per-Page, X-Total(-Pages), X-Next/Prev-Page, Link."""
    per_page = req.int_arg("per_page", DEFAULT_PER_PAGE, high=MAX_PER_PAGE)
    page = req.int_arg("page", 1)
    start, stop, last = page_window(len(items), page, per_page)
    headers = {"X-Page": str(page), "X-Per-Page": str(per_page), "X-Total": str(len(items)),
               "X-Total-Pages": str(last), "X-Next-Page": str(page + 1) if page < last else "",
               "X-Prev-Page": str(page - 1) if page > 1 else ""}
    if link := link_header(req, page, last, github_order=False):
        headers["Link"] = link
    return json_response(200, [render(i) for i in items[start:stop]], headers)


def _keyset(req: Request, items: list[t.Any], key: t.Callable[[t.Any], str], token_name: str,
            render: t.Callable[[t.Any], t.Any]) -> Response:
    """Keyset pagination: only a ``Link`` rel="next" carrying the last item's key."""
    per_page = req.int_arg("per_page", DEFAULT_PER_PAGE, high=MAX_PER_PAGE)
    token = req.arg(token_name)
    start = 0
    if token:
        keys = [key(i) for i in items]
        start = keys.index(token) + 1 if token in keys else len(items)
    window = items[start:start + per_page]
    headers = {"X-Per-Page": str(per_page)}
    if start + per_page < len(items) and window:
        headers["Link"] = f'<{req.url(**{token_name: key(window[-1])})}>; rel="next"'
    return json_response(200, [render(i) for i in window], headers)


# Handlers ---------------------------------------------------------------------------------------

def _group(ctx: Ctx, ref: str) -> GitLabGroup | None:
    group = ctx.forge.gitlab_group_by_ref(segment(ref))
    return group if group is not None and ctx.visible(group.visibility != "public") else None


def get_group(ctx: Ctx, req: Request, ref: str) -> Response:
    group = _group(ctx, ref)
    if group is None:
        return error(404, "404 Group Not Found")
    return json_response(200, group_json(ctx, group))


def _project_filter(ctx: Ctx, req: Request, repos: list[FakeRepo]) -> list[FakeRepo]:
    repos = [r for r in repos if ctx.visible(r.private)]
    if (archived := req.arg("archived")) is not None:
        repos = [r for r in repos if r.archived == (archived.lower() in ("true", "1"))]
    if visibility := req.arg("visibility"):
        repos = [r for r in repos if r.visibility == visibility]
    order = req.arg("order_by") or "created_at"
    keys: dict[str, t.Callable[[FakeRepo], t.Any]] = {
        "id": lambda r: r.id, "name": lambda r: r.name.lower(), "path": lambda r: r.name.lower(),
        "created_at": lambda r: (r.epoch, r.id), "updated_at": lambda r: (r.pushed, r.id),
        "last_activity_at": lambda r: (r.pushed, r.id)}
    descending = (req.arg("sort") or "desc") == "desc"
    return sorted(repos, key=keys.get(order, keys["created_at"]), reverse=descending)


def _list_projects(ctx: Ctx, req: Request, repos: list[FakeRepo]) -> Response:
    repos = _project_filter(ctx, req, repos)
    simple = req.flag("simple")

    def render(repo: FakeRepo) -> dict[str, t.Any]:
        body = project_json(ctx, repo)
        if simple:
            keep = ("id", "description", "name", "name_with_namespace", "path", "path_with_namespace",
                    "created_at", "default_branch", "tag_list", "topics", "ssh_url_to_repo",
                    "http_url_to_repo", "web_url", "readme_url", "forks_count", "avatar_url", "star_count",
                    "last_activity_at", "namespace", "visibility", "archived", "empty_repo")
            body = {k: body[k] for k in keep if k in body}
        return body

    if req.arg("pagination") == "keyset":
        if (req.arg("order_by") or "id") == "id":
            repos = sorted(repos, key=lambda r: r.id, reverse=(req.arg("sort") or "asc") == "desc")
        return _keyset(req, repos, lambda r: str(r.id), "id_after", render)
    return _paged(req, repos, render)


def group_projects(ctx: Ctx, req: Request, ref: str) -> Response:
    group = _group(ctx, ref)
    if group is None:
        return error(404, "404 Group Not Found")
    repos = ctx.forge.gitlab_group_projects(group, include_subgroups=req.flag("include_subgroups"))
    return _list_projects(ctx, req, repos)


def subgroups(ctx: Ctx, req: Request, ref: str, *, all_levels: bool) -> Response:
    group = _group(ctx, ref)
    if group is None:
        return error(404, "404 Group Not Found")
    found = [g for g in ctx.forge.gitlab_subgroups(group, all_levels=all_levels)
             if ctx.visible(g.visibility != "public")]
    return _paged(req, sorted(found, key=lambda g: g.full_path.lower()), lambda g: group_json(ctx, g))


def _user_json(ctx: Ctx, user: GitLabUser) -> dict[str, t.Any]:
    return {"id": user.id, "username": user.username, "name": user.name or user.username, "state": "active",
            "locked": False, "avatar_url": None, "web_url": _web(ctx, user.username)}


def users(ctx: Ctx, req: Request) -> Response:
    wanted = (req.arg("username") or "").lower()
    found = [u for key, u in ctx.forge.gitlab_users.items() if not wanted or key == wanted]
    return _paged(req, found, lambda u: _user_json(ctx, u))


def current_user(ctx: Ctx, req: Request) -> Response:
    if not ctx.authenticated:
        return error(401, "401 Unauthorized")
    return json_response(200, _user_json(ctx, GitLabUser("civiscan-bot", 1, "civiscan")))


def _user(ctx: Ctx, ref: str) -> GitLabUser | None:
    ref = segment(ref).lower()
    return ctx.forge.gitlab_users.get(ref) or next(
        (u for u in ctx.forge.gitlab_users.values() if str(u.id) == ref), None)


def get_user(ctx: Ctx, req: Request, ref: str) -> Response:
    user = _user(ctx, ref)
    return error(404, "404 User Not Found") if user is None else json_response(200, _user_json(ctx, user))


def user_projects(ctx: Ctx, req: Request, ref: str) -> Response:
    user = _user(ctx, ref)
    if user is None:
        return error(404, "404 User Not Found")
    return _list_projects(ctx, req, list(user.projects))


def _project(ctx: Ctx, ref: str) -> FakeRepo | None:
    repo = ctx.forge.gitlab_project(segment(ref))
    return repo if repo is not None and ctx.visible(repo.private) else None


def get_project(ctx: Ctx, req: Request, repo: FakeRepo) -> Response:
    return json_response(200, project_json(ctx, repo, with_licence=req.flag("license")))


def _tree_entry(entry: Entry, path: str) -> dict[str, t.Any]:
    return {"id": entry.oid, "name": entry.name, "type": entry.type, "path": path, "mode": entry.mode}


def tree(ctx: Ctx, req: Request, repo: FakeRepo) -> Response:
    """``pagination=none`` (whole tree in one answer) is honoured with ``recursive=true`` only;
    keyset pages carry the last entry's path as ``page_token``."""
    ref = req.arg("ref") or repo.default_branch
    if repo.is_empty or repo.resolve(ref) is None:
        return error(404, "404 Tree Not Found")
    base = (req.arg("path") or "").strip("/")
    start = repo.git.paths.get(base)
    if start is None or start.mode != MODE_TREE:
        return error(404, "404 Tree Not Found")
    recursive = req.flag("recursive")
    walked = repo.git.walk(start.oid, recursive, f"{base}/" if base else "")
    entries = [_tree_entry(e, e.path) for e in walked]
    mode = req.arg("pagination")
    if mode == "none" and recursive:
        return json_response(200, entries)
    if mode == "keyset":
        return _keyset(req, entries, lambda e: e["path"], "page_token", lambda e: e)
    return _paged(req, entries, lambda e: e)


def _raw(data: bytes) -> Response:
    binary = b"\0" in data[:8000]
    return raw_response(200, data, "application/octet-stream" if binary else "text/plain; charset=utf-8",
                        {"Content-Disposition": "inline", "X-Content-Type-Options": "nosniff"})


def raw_blob(ctx: Ctx, req: Request, repo: FakeRepo, sha: str) -> Response:
    data = repo.git.blobs.get(segment(sha).lower())
    if data is None:
        return error(404, "404 Blob Not Found")
    return _raw(data)


def blob(ctx: Ctx, req: Request, repo: FakeRepo, sha: str) -> Response:
    data = repo.git.blobs.get(segment(sha).lower())
    if data is None:
        return error(404, "404 Blob Not Found")
    return json_response(200, {"size": len(data), "encoding": "base64", "sha": segment(sha).lower(),
                               "content": base64.b64encode(data).decode()})


def _file(repo: FakeRepo, req: Request, path: str) -> tuple[Entry | None, Response | None]:
    ref = req.arg("ref") or repo.default_branch
    if repo.is_empty or repo.resolve(ref) is None:
        return None, error(404, "404 Commit Not Found")
    entry = repo.git.paths.get(segment(path).strip("/"))
    if entry is None or entry.mode in (MODE_TREE, MODE_SUBMODULE):
        return None, error(404, "404 File Not Found")
    return entry, None


def raw_file(ctx: Ctx, req: Request, repo: FakeRepo, path: str) -> Response:
    entry, refusal = _file(repo, req, path)
    return refusal or _raw(repo.git.blobs[entry.oid])  # type: ignore[union-attr]


def get_file(ctx: Ctx, req: Request, repo: FakeRepo, path: str) -> Response:
    entry, refusal = _file(repo, req, path)
    if refusal is not None or entry is None:
        return refusal or error(404, "404 File Not Found")
    data = repo.git.blobs[entry.oid]
    head = repo.head or ""
    return json_response(200, {
        "file_name": entry.name, "file_path": entry.path, "size": len(data), "encoding": "base64",
        "content": base64.b64encode(data).decode(), "content_sha256": hashlib.sha256(data).hexdigest(),
        "ref": req.arg("ref") or repo.default_branch, "blob_id": entry.oid, "commit_id": head,
        "last_commit_id": head, "execute_filemode": False})


def _trailers(message: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    last = message.rstrip("\n").split("\n\n")[-1]
    for line in last.split("\n"):
        if match := _TRAILER.match(line):
            found.setdefault(match[1], []).append(match[2])
    return found if "\n\n" in message.rstrip("\n") else {}


def commit_json(ctx: Ctx, repo: FakeRepo, c: CommitObject) -> dict[str, t.Any]:
    when = iso(c.timestamp).replace("Z", ".000+00:00")
    trailers = _trailers(c.message)
    return {"id": c.oid, "short_id": c.oid[:8], "created_at": when, "parent_ids": list(c.parents),
            "title": c.message.split("\n", 1)[0], "message": c.message, "author_name": c.author_name,
            "author_email": c.author_email, "authored_date": when, "committer_name": c.author_name,
            "committer_email": c.author_email, "committed_date": when,
            "trailers": {k: v[-1] for k, v in trailers.items()}, "extended_trailers": trailers,
            "web_url": _web(ctx, f"{repo.full_name}/-/commit/{c.oid}")}


def commits(ctx: Ctx, req: Request, repo: FakeRepo) -> Response:
    if repo.is_empty:
        return _paged(req, [], lambda c: c)
    start = repo.resolve(req.arg("ref_name"))
    if start is None:
        return error(404, "404 Commit Not Found")
    history = repo.git.commits
    history = history[[c.oid for c in history].index(start):]
    return _paged(req, history, lambda c: commit_json(ctx, repo, c))


# Routing ------------------------------------------------------------------------------------------

Handler = t.Callable[[Ctx, Request], Response]
_PROJECT = r"^/projects/(?P<ref>[^/]+)"
_PROJECT_ROUTES: list[tuple[str, re.Pattern[str], t.Callable[..., Response]]] = [
    ("gitlab.project", re.compile(_PROJECT + r"/?$"), get_project),
    ("gitlab.tree", re.compile(_PROJECT + r"/repository/tree/?$"), tree),
    ("gitlab.blob_raw", re.compile(_PROJECT + r"/repository/blobs/(?P<sha>[^/]+)/raw/?$"), raw_blob),
    ("gitlab.blob", re.compile(_PROJECT + r"/repository/blobs/(?P<sha>[^/]+)/?$"), blob),
    ("gitlab.file_raw", re.compile(_PROJECT + r"/repository/files/(?P<path>.+)/raw/?$"), raw_file),
    ("gitlab.file", re.compile(_PROJECT + r"/repository/files/(?P<path>[^/]+)/?$"), get_file),
    ("gitlab.commits", re.compile(_PROJECT + r"/repository/commits/?$"), commits),
]
_GROUP = r"^/groups/(?P<ref>[^/]+)"
_OTHER_ROUTES: list[tuple[str, re.Pattern[str], t.Callable[..., Response]]] = [
    ("gitlab.group", re.compile(_GROUP + r"/?$"), get_group),
    ("gitlab.group_projects", re.compile(_GROUP + r"/projects/?$"), group_projects),
    ("gitlab.subgroups", re.compile(_GROUP + r"/subgroups/?$"),
     lambda c, r, ref: subgroups(c, r, ref, all_levels=False)),
    ("gitlab.descendant_groups", re.compile(_GROUP + r"/descendant_groups/?$"),
     lambda c, r, ref: subgroups(c, r, ref, all_levels=True)),
    ("gitlab.users", re.compile(r"^/users/?$"), users),
    ("gitlab.user", re.compile(r"^/user/?$"), current_user),
    ("gitlab.user", re.compile(r"^/users/(?P<ref>[^/]+)/?$"), get_user),
    ("gitlab.user_projects", re.compile(r"^/users/(?P<ref>[^/]+)/projects/?$"), user_projects),
]


def route(path: str) -> tuple[str, Handler]:
    """The endpoint kind of a REST path (below ``/api/v4``) and the handler that answers it."""
    for kind, pattern, handler in _PROJECT_ROUTES:
        if match := pattern.match(path):
            return kind, _project_handler(match["ref"], handler,
                                          {k: v for k, v in match.groupdict().items() if k != "ref"})
    for kind, pattern, handler in _OTHER_ROUTES:
        if match := pattern.match(path):
            args = match.groupdict()
            return kind, lambda c, r, h=handler, a=args: h(c, r, **a)
    return "gitlab.other", lambda c, r: error(404, "404 Not Found")


def _project_handler(ref: str, handler: t.Callable[..., Response], args: dict[str, str]) -> Handler:
    def answer(ctx: Ctx, req: Request) -> Response:
        repo = _project(ctx, ref)
        if repo is None:
            return error(404, "404 Project Not Found")
        return handler(ctx, req, repo, **args)

    return answer


def encoded(path: str) -> str:
    """A full path as GitLab wants it in a URL: every ``/`` as ``%2F``."""
    return quote(path, safe="")
