"""The fake forges behave like GitHub and GitLab, as the real client libraries see them."""

from __future__ import annotations

import base64
import json
import os
import re
import subprocess
import threading
import time
import typing as t
from collections.abc import Iterator
from pathlib import Path

import github
import gitlab
import pytest
import requests
from github.GithubRetry import GithubRetry

from tests.fakeforge import (
    PAST_HTTP_DATE,
    FakeForge,
    FakeRepo,
    Fault,
    FaultPlan,
    Forge,
    Limits,
    materialise,
    repo_from_folder,
    synthetic_org,
)
from tests.fakeforge.github_graphql import BLOB_TEXT_LIMIT
from tests.fakeforge.gitlab_rest import encoded
from tests.support import CORPUS

ORG = "betagouv"
REFERENCE = Path(os.environ.get("CIVISCAN_REFERENCE",
                               Path(__file__).resolve().parents[3] / "shared" / "reference"))
BIG = b"x" * (BLOB_TEXT_LIMIT + 10)
SUBMODULE_SHA = "0123456789abcdef0123456789abcdef01234567"


def civic_repo(owner: str, name: str = "civic") -> FakeRepo:
    """A repository with every kind of entry: nested folders, a link, a submodule, binary and big files."""
    return FakeRepo(
        owner, name,
        files={"README.md": b"# Civic\n", "LICENSE": b"MIT License\n\nCopyright (c) 2024\n",
               "CONTRIBUTING.md": b"Signed-off-by lines are required (DCO).\n",
               "services/api/v1/openapi.yaml": b"openapi: 3.0.3\ninfo: {title: c, version: '1'}\npaths: {}\n",
               "logo.png": b"\x89PNG\r\n\x1a\n\0\0\0", "data/big.txt": BIG, "docs/a b.md": b"espace\n"},
        symlinks={"docs/LICENSE": "../LICENSE"}, submodules={"vendor/lib": SUBMODULE_SHA},
        licence="MIT", topics=["civic-tech", "api"], homepage="https://civic.example.gouv.fr",
        description="Un service <public>", archived=True)


def build_forge() -> Forge:
    forge = Forge()
    forge.add_github(*synthetic_org(ORG, 230, seed=7))
    forge.add_github(civic_repo(ORG), FakeRepo(ORG, "vide", commits=[], empty=True),
                     FakeRepo(ORG, "cache", files={"x": b"secret\n"}, visibility="private"),
                     FakeRepo(ORG, "bloque", files={"x": b"y\n"}, dmca=True))
    moved = FakeRepo(ORG, "nouveau", files={"README.md": b"moved\n"})
    forge.add_github(moved)
    forge.rename_github(f"{ORG}/ancien", moved)
    forge.add_github(FakeRepo("alice", "notes", files={"a.md": b"a\n"}), kind="User")
    forge.add_gitlab(*synthetic_org("dinum", 20, seed=1), *synthetic_org("dinum/beta", 15, seed=2),
                     *synthetic_org("dinum/beta/sub", 10, seed=3))
    forge.add_gitlab(civic_repo("dinum/outils"), FakeRepo("dinum", "secret", files={"x": b"1\n"},
                                                          visibility="private"))
    forge.gitlab_user("bob")
    forge.add_gitlab(FakeRepo("bob", "perso", files={"p.md": b"p\n"}))
    return forge


@pytest.fixture(scope="module")
def served() -> Iterator[FakeForge]:
    with FakeForge(build_forge()) as fake:
        yield fake


@pytest.fixture
def ff(served: FakeForge) -> FakeForge:
    """The shared server with fresh counters and no faults."""
    served.stats.reset()
    served.faults = FaultPlan()
    return served


def gh_client(fake: FakeForge, token: str = "t0k3n", **options: t.Any) -> github.Github:
    options.setdefault("retry", None)
    return github.Github(base_url=fake.github_api_url, auth=github.Auth.Token(token), per_page=100,
                         seconds_between_requests=None, seconds_between_writes=None, **options)


def gl_client(fake: FakeForge, **options: t.Any) -> gitlab.Gitlab:
    options.setdefault("private_token", "t0k3n")
    return gitlab.Gitlab(fake.gitlab_url, **options)


def get(fake: FakeForge, path: str, token: str | None = "t0k3n", **headers: str) -> requests.Response:
    if token:
        headers["Authorization"] = f"token {token}"
    return requests.get(fake.github_api_url + path, headers=headers, timeout=5)


def graphql(fake: FakeForge, query: str, variables: dict[str, t.Any] | None = None, *,
            gitlab_side: bool = False, token: str | None = "t0k3n") -> requests.Response:
    url = fake.gitlab_graphql_url if gitlab_side else fake.github_graphql_url
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    payload: dict[str, t.Any] = {"query": query, "variables": variables or {}}
    return requests.post(url, json=payload, headers=headers, timeout=10)


def git_out(root: Path, *args: str) -> str:
    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": "/dev/null"}
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=True,
                          env=env).stdout


# Model ------------------------------------------------------------------------------------------

def test_git_oids_are_those_of_a_real_checkout(tmp_path: Path) -> None:
    repo = civic_repo("o")
    root = materialise(repo, tmp_path / "civic")
    assert git_out(root, "rev-parse", "HEAD").strip() == repo.head
    assert git_out(root, "rev-parse", "HEAD^{tree}").strip() == repo.git.root
    listed = [line.split(None, 3) for line in git_out(root, "ls-tree", "-r", "-t", "HEAD").splitlines()]
    model = [(e.mode, e.type, e.oid, e.path) for e in repo.git.walk(repo.git.root, True)]
    assert [tuple(x) for x in listed] == model
    assert git_out(root, "hash-object", "services/api/v1/openapi.yaml").strip() == \
        repo.git.paths["services/api/v1/openapi.yaml"].oid
    log = git_out(root, "log", "--format=%H%x00%an%x00%ae%x00%at%x00%B%x01").split("\x01")
    oids = [entry.strip("\n").split("\0")[0] for entry in log if entry.strip()]
    assert oids == [c.oid for c in repo.git.commits]
    assert (root / "docs" / "LICENSE").is_symlink()
    assert (root / "data" / "big.txt").read_bytes() == BIG


def test_an_empty_repository_materialises_without_commits(tmp_path: Path) -> None:
    root = materialise(FakeRepo("o", "vide", commits=[], empty=True), tmp_path / "vide")
    assert subprocess.run(["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True).returncode != 0


def test_repo_from_folder_takes_every_file_but_the_corpus_notes(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "guide.md").write_text("g\n")
    (tmp_path / "EXPECTED.json").write_text("{}")
    (tmp_path / "listing.txt").write_text("docs/guide.md\n")
    (tmp_path / "docs" / "EXPECTED.json").write_text("{}")  # not at the root: a real file
    (tmp_path / "link").symlink_to("docs/guide.md")
    repo = repo_from_folder(tmp_path, "o", "n", licence="MIT")
    assert set(repo.files) == {"docs/guide.md", "docs/EXPECTED.json"}
    assert repo.symlinks == {"link": "docs/guide.md"} and repo.licence == "MIT"


@pytest.mark.skipif(not CORPUS.is_dir(), reason="shared corpus not present")
def test_a_corpus_repository_served_matches_its_checkout(ff: FakeForge, tmp_path: Path) -> None:
    folder = sorted(p for p in CORPUS.iterdir() if (p / "EXPECTED.json").is_file())[0]
    owner, name = folder.name.split("__", 1)
    repo = repo_from_folder(folder, owner, name)
    ff.forge.add_github(repo)
    root = materialise(repo, tmp_path / "checkout")
    tree = get(ff, f"/repos/{owner}/{name}/git/trees/main?recursive=1").json()
    assert tree["sha"] == git_out(root, "rev-parse", "HEAD^{tree}").strip()
    blobs = {e["path"]: e["sha"] for e in tree["tree"] if e["type"] == "blob"}
    listed = [line.split(None, 3) for line in git_out(root, "ls-tree", "-r", "HEAD").splitlines()]
    assert blobs == {path: oid for _, _, oid, path in listed}


def test_synthetic_org_is_varied_deterministic_and_cheap() -> None:
    started = time.monotonic()
    repos = synthetic_org(ORG, 1000, seed=3)
    assert time.monotonic() - started < 2.0  # the brief's bound; it takes a few ms
    again = synthetic_org(ORG, 1000, seed=3)
    assert [r.name for r in repos] == [r.name for r in again]
    assert [r.head for r in repos[:50]] == [r.head for r in again[:50]]
    assert [r.name for r in synthetic_org(ORG, 50, seed=4)] != [r.name for r in repos[:50]]
    files = [p for r in repos for p in r.files]
    assert len({r.licence for r in repos}) >= 6
    assert sum(r.is_empty for r in repos) >= 5 and sum(r.fork for r in repos) >= 50
    assert sum(r.archived for r in repos) >= 50 and sum(r.private for r in repos) >= 10
    assert any(re.fullmatch(r"services/.+/api/v1/openapi\.yaml", p) for p in files)
    assert "publiccode.yml" in files and "package.json" in files
    contributing = [d for r in repos for p, d in r.files.items() if p.endswith("CONTRIBUTING.md")]
    with_dco = [d for d in contributing if b"Signed-off-by" in d]
    assert 0 < len(with_dco) < len(contributing)


# GitHub REST through PyGithub ---------------------------------------------------------------------

def test_pygithub_lists_an_organisation_across_pages(ff: FakeForge) -> None:
    repos = list(gh_client(ff).get_organization(ORG).get_repos(type="all"))
    owner = ff.forge.github_owners[ORG]
    assert sorted(r.full_name for r in repos) == sorted(r.full_name for r in owner.repos)
    assert ff.count("github.repos") == 3  # 236 repositories, 100 a page
    first = ff.stats.requests("github.repos")[0]
    assert first.authorization and "per_page=100" in first.path


def test_listing_pages_link_with_absolute_urls(ff: FakeForge) -> None:
    answer = get(ff, f"/orgs/{ORG}/repos?per_page=100", token=None)
    links = requests.utils.parse_header_links(answer.headers["Link"])
    assert {link["rel"] for link in links} == {"next", "last"}
    owner_id = ff.forge.github_owners[ORG].id
    prefix = f"{ff.github_api_url}/organizations/{owner_id}/repos?"
    assert all(link["url"].startswith(prefix) for link in links)
    assert all(not r["private"] for r in answer.json())  # private repositories need a token
    assert len(get(ff, f"/orgs/{ORG}/repos?per_page=500").json()) == 100


def test_pygithub_reads_a_repository_tree_blobs_contents_and_commits(ff: FakeForge) -> None:
    model = ff.forge.github_repo(ORG, "civic")
    assert model is not None
    repo = gh_client(ff).get_repo(f"{ORG}/civic")
    assert (repo.default_branch, repo.archived, repo.fork, repo.visibility) == ("main", True, False, "public")
    assert (repo.license.spdx_id, repo.topics) == ("MIT", ["civic-tech", "api"])
    assert repo.homepage == model.homepage and repo.description == model.description
    assert repo.pushed_at.isoformat().startswith(model.pushed[:19])
    tree = repo.get_git_tree("main", recursive=True)
    assert tree.sha == model.git.root and not tree.raw_data["truncated"]
    by_path = {e.path: e for e in tree.tree}
    assert by_path["vendor/lib"].type == "commit" and by_path["vendor/lib"].sha == SUBMODULE_SHA
    assert by_path["docs/LICENSE"].mode == "120000" and by_path["docs"].mode == "040000"
    spec = by_path["services/api/v1/openapi.yaml"]
    assert base64.b64decode(repo.get_git_blob(spec.sha).content) == model.files[spec.path]
    spaced, link, folder = (repo.get_contents(p) for p in ("docs/a b.md", "docs/LICENSE", "docs"))
    assert not isinstance(spaced, list) and spaced.decoded_content == b"espace\n"
    assert not isinstance(link, list) and link.decoded_content == model.files["LICENSE"]  # link followed
    assert isinstance(folder, list) and {c.path for c in folder} == {"docs/LICENSE", "docs/a b.md"}
    raw = get(ff, f"/repos/{ORG}/civic/contents/logo.png", Accept="application/vnd.github.raw")
    assert raw.content == model.files["logo.png"]
    commits = list(repo.get_commits())
    assert [c.sha for c in commits] == [c.oid for c in model.git.commits]
    assert commits[0].commit.message == model.commits[0][0] and commits[0].parents[0].sha == commits[1].sha
    assert commits[-1].commit.author.email == model.commits[-1][2]
    assert repo.get_license().license.spdx_id == "MIT"
    assert repo.get_readme().path == "README.md"
    assert ff.stats.by_status == {200: ff.requests}


def test_missing_private_empty_blocked_and_moved_repositories(ff: FakeForge) -> None:
    client = gh_client(ff)
    with pytest.raises(github.UnknownObjectException):
        client.get_repo(f"{ORG}/inconnu")
    assert get(ff, f"/repos/{ORG}/cache", token=None).status_code == 404
    assert get(ff, f"/repos/{ORG}/cache").json()["private"] is True
    empty = get(ff, f"/repos/{ORG}/vide/commits")
    assert (empty.status_code, empty.json()["message"]) == (409, "Git Repository is empty.")
    assert get(ff, f"/repos/{ORG}/vide/git/trees/main?recursive=1").status_code == 409
    blocked = get(ff, f"/repos/{ORG}/bloque/contents/x")
    assert blocked.status_code == 451 and blocked.json()["block"]["reason"] == "dmca"
    moved = get(ff, f"/repos/{ORG}/ancien/git/trees/main")
    assert moved.history[0].status_code == 301 and moved.json()["sha"]
    assert client.get_repo(f"{ORG}/ancien").full_name == f"{ORG}/nouveau"
    missing = get(ff, f"/repos/{ORG}/civic/contents/absent.md")
    assert missing.status_code == 404 and missing.json()["message"] == "Not Found"
    assert get(ff, "/orgs/alice").status_code == 404 and get(ff, "/users/alice").json()["type"] == "User"


def test_etag_gives_a_304_that_costs_nothing_when_authenticated(ff: FakeForge) -> None:
    first = get(ff, f"/repos/{ORG}/civic")
    etag = first.headers["ETag"]
    remaining = int(first.headers["X-RateLimit-Remaining"])
    again = get(ff, f"/repos/{ORG}/civic", **{"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    assert int(again.headers["X-RateLimit-Remaining"]) == remaining
    anonymous = get(ff, f"/repos/{ORG}/civic", token=None)
    left = int(anonymous.headers["X-RateLimit-Remaining"])
    assert anonymous.headers["ETag"] != etag  # the body differs (no permissions), so does the tag
    conditional = {"If-None-Match": anonymous.headers["ETag"]}
    assert get(ff, f"/repos/{ORG}/civic", token=None, **conditional).status_code == 304
    assert ff.rest_budget(authenticated=False).remaining == left - 1
    assert ff.stats.requests("github.repo")[1].headers["if-none-match"] == etag
    assert get(ff, f"/repos/{ORG}/civic", **{"If-None-Match": 'W/"other"'}).status_code == 200


def test_rate_limit_headers_everywhere_and_rate_limit_is_free(ff: FakeForge) -> None:
    for path in (f"/repos/{ORG}/civic", f"/repos/{ORG}/inconnu", "/rate_limit"):
        headers = get(ff, path).headers
        assert {"X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset", "X-RateLimit-Used",
                "X-RateLimit-Resource"} <= set(headers)
    before = ff.rest_budget().remaining
    body = get(ff, "/rate_limit").json()
    assert body["rate"]["remaining"] == before == ff.rest_budget().remaining
    assert set(body["resources"]) >= {"core", "graphql", "search"}
    assert gh_client(ff).get_rate_limit().resources.core.remaining == before


def test_the_rest_budget_runs_out_and_refills() -> None:
    with FakeForge(build_forge(), limits=Limits(rest=2, window=0.5)) as fake:
        assert [get(fake, f"/repos/{ORG}/civic").status_code for _ in range(2)] == [200, 200]
        spent = get(fake, f"/repos/{ORG}/civic")
        assert spent.status_code == 403 and spent.headers["X-RateLimit-Remaining"] == "0"
        assert spent.json()["message"].startswith("API rate limit exceeded")
        with pytest.raises(github.RateLimitExceededException):
            gh_client(fake).get_repo(f"{ORG}/civic")
        time.sleep(0.6)
        assert get(fake, f"/repos/{ORG}/civic").status_code == 200


def test_a_token_is_required_when_set_and_never_logged() -> None:
    sentinel = "sentinel-t0ken-value"
    with FakeForge(build_forge(), token=sentinel) as fake:
        assert get(fake, f"/repos/{ORG}/civic", token=None).json()["message"] == "Requires authentication"
        with pytest.raises(github.BadCredentialsException):
            gh_client(fake, token="wrong").get_repo(f"{ORG}/civic")
        assert gh_client(fake, token=sentinel).get_repo(f"{ORG}/civic").name == "civic"
        with pytest.raises(gitlab.GitlabAuthenticationError):
            gl_client(fake, private_token="wrong").projects.get("dinum/outils/civic")
        assert gl_client(fake, private_token=sentinel).projects.get("dinum/outils/civic").name == "civic"
        plain = requests.get(f"{fake.gitlab_url}/api/v4/projects/{encoded('dinum/outils/civic')}",
                             params={"private_token": sentinel}, timeout=5)
        assert plain.status_code == 200
        assert sentinel not in repr(fake.stats.log)
        assert [r.status for r in fake.stats.log] == [401, 401, 200, 401, 200, 200]
        assert [r.authorization for r in fake.stats.log] == [False, True, True, True, True, True]


# GitHub GraphQL ----------------------------------------------------------------------------------

def _api_md_query(name: str) -> str:
    text = (REFERENCE / "api.md").read_text(encoding="utf-8")
    found = re.search(r"```graphql\n(query " + name + r"\b.*?)```", text, re.S)
    assert found, name
    return found.group(1)


def test_the_org_listing_query_of_api_md_pages_through_every_repository(ff: FakeForge) -> None:
    query = _api_md_query("OrgRepos")
    client = gh_client(ff)
    nodes, after, costs = [], None, []
    while True:
        variables = {"org": ORG, "first": 50, "after": after, "commits": 30}
        _, data = client.requester.graphql_query(query, variables)
        costs.append(data["data"]["rateLimit"]["cost"])
        page = data["data"]["organization"]["repositories"]
        nodes += page["nodes"]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    owner = ff.forge.github_owners[ORG]
    assert [n["name"] for n in nodes] == sorted((r.name for r in owner.repos), key=str.lower)
    assert page["totalCount"] == len(owner.repos) and set(costs) == {1}
    civic = next(n for n in nodes if n["name"] == "civic")
    model = ff.forge.github_repo(ORG, "civic")
    assert model is not None
    target = civic["defaultBranchRef"]["target"]
    assert target["oid"] == model.head and target["tree"]["oid"] == model.git.root
    assert [n["message"] for n in target["history"]["nodes"]] == [m for m, _, _ in model.commits]
    assert civic["licenseInfo"]["spdxId"] == "MIT" and civic["isArchived"] is True
    assert [n["topic"]["name"] for n in civic["repositoryTopics"]["nodes"]] == model.topics
    entries = {e["name"]: e for e in civic["root"]["entries"]}
    assert set(entries) == {"LICENSE", "README.md", "CONTRIBUTING.md", "services", "logo.png", "data",
                            "docs", "vendor"}
    assert entries["README.md"]["mode"] == 0o100644 and entries["vendor"]["type"] == "tree"
    assert entries["vendor"]["object"]["entries"] == [
        {"name": "lib", "type": "commit", "path": "vendor/lib", "size": 0}]
    assert {e["path"] for e in entries["docs"]["object"]["entries"]} == {"docs/LICENSE", "docs/a b.md"}
    empty = next(n for n in nodes if n["name"] == "vide")
    assert empty["isEmpty"] and empty["defaultBranchRef"] is None and empty["root"] is None
    _, full = client.requester.graphql_query(query, {"org": ORG, "first": 100, "after": None, "commits": 30})
    assert full["data"]["rateLimit"]["cost"] == 2 and full["data"]["rateLimit"]["nodeCount"] == 5100


def test_the_files_query_of_api_md_reads_blobs_by_path_and_by_oid(ff: FakeForge) -> None:
    variables = {"o0": ORG, "n0": "civic", "o1": "alice", "n1": "notes"}
    _, data = gh_client(ff).requester.graphql_query(_api_md_query("Files"), variables)
    r0 = data["data"]["r0"]
    assert r0["license"]["text"] == "MIT License\n\nCopyright (c) 2024\n"
    assert r0["readme"] == {"oid": ff.forge.github_repo(ORG, "civic").git.paths["README.md"].oid,  # type: ignore[union-attr]
                            "byteSize": 8, "isBinary": False, "isTruncated": False, "text": "# Civic\n"}
    assert r0["coc"] is None and r0["publiccode"] is None and data["data"]["r1"]["license"] is None
    model = ff.forge.github_repo(ORG, "civic")
    assert model is not None
    oids = {name: model.git.paths[path].oid for name, path in (("big", "data/big.txt"), ("png", "logo.png"))}
    by_oid = (f'query {{ repository(owner: "{ORG}", name: "civic") {{ '
              f'big: object(oid: "{oids["big"]}") {{ ... on Blob {{ text byteSize isTruncated }} }} '
              f'png: object(oid: "{oids["png"]}") {{ ... on Blob {{ text isBinary }} }} '
              f'gone: object(oid: "{"f" * 40}") {{ oid }} }} }}')
    _, data = gh_client(ff).requester.graphql_query(by_oid, {})
    repo = data["data"]["repository"]
    assert repo["big"]["isTruncated"] and len(repo["big"]["text"]) == BLOB_TEXT_LIMIT
    assert repo["big"]["byteSize"] == len(BIG)
    assert repo["png"] == {"text": None, "isBinary": True} and repo["gone"] is None


def test_graphql_rejects_what_github_rejects(ff: FakeForge) -> None:
    client = gh_client(ff)
    with pytest.raises(github.GithubException) as unknown:
        client.requester.graphql_query("query { organization(login: \"betagouv\") { nom } }", {})
    error = unknown.value.data["errors"][0]
    assert error["message"] == "Field 'nom' doesn't exist on type 'Organization'"
    assert error["locations"] == [{"line": 1, "column": 43}]
    assert error["extensions"]["code"] == "undefinedField"
    with pytest.raises(github.UnknownObjectException):
        client.requester.graphql_query('query { repository(owner: "betagouv", name: "inconnu") { id } }', {})
    answer = graphql(ff, "{ organization(login: \"betagouv\") { repositories { totalCount } } }")
    assert answer.status_code == 200 and answer.json()["errors"][0]["type"] == "MISSING_PAGINATION_BOUNDARIES"
    answer = graphql(ff, "{ organization(login: \"betagouv\") { repositories(first: 101) { totalCount } } }")
    assert answer.json()["errors"][0]["type"] == "EXCESSIVE_PAGINATION"
    answer = graphql(ff, "query Q($n: Int!) { viewer { login } }")
    assert answer.json()["errors"][0]["message"] == "Variable $n is declared by Q but not used"
    answer = graphql(ff, "{ viewer { login }")
    assert answer.json() == {"errors": [{"message": "Unexpected end of document",
                                         "locations": [{"line": 1, "column": 19}]}]}
    assert graphql(ff, "{ viewer { login } }", token=None).status_code == 401
    nothing = graphql(ff, "{ repositoryOwner(login: \"personne\") { login } }").json()
    assert nothing == {"data": {"repositoryOwner": None}}


def test_the_graphql_budget_runs_out_with_rate_limited() -> None:
    with FakeForge(build_forge(), limits=Limits(graphql=2)) as fake:
        query = "{ rateLimit { cost remaining used limit } }"
        assert graphql(fake, query).json()["data"]["rateLimit"] == {"cost": 1, "remaining": 1, "used": 1,
                                                                    "limit": 2}
        graphql(fake, query)
        spent = graphql(fake, query)
        assert spent.status_code == 200 and spent.json()["errors"][0]["type"] == "RATE_LIMITED"
        assert spent.headers["X-RateLimit-Remaining"] == "0"
        assert spent.headers["X-RateLimit-Resource"] == "graphql"


# GitLab ----------------------------------------------------------------------------------------

def test_python_gitlab_lists_a_group_with_subgroups(ff: FakeForge) -> None:
    group = gl_client(ff).groups.get("dinum")
    projects = list(group.projects.list(include_subgroups=True, iterator=True))
    expected = ff.forge.gitlab_group_projects(ff.forge.gitlab_groups["dinum"], include_subgroups=True)
    assert len(projects) == 47 and {p.id for p in projects} == {r.id for r in expected}
    assert ff.count("gitlab.group_projects") == 3  # 20 a page
    assert len(list(group.projects.list(iterator=True))) == 21
    assert "include_subgroups=" in ff.stats.requests("gitlab.group_projects")[0].path
    assert [g.full_path for g in group.subgroups.list(get_all=True)] == ["dinum/beta", "dinum/outils"]
    assert len(group.descendant_groups.list(get_all=True)) == 3
    anonymous = requests.get(f"{ff.gitlab_url}/api/v4/groups/dinum/projects?per_page=100", timeout=5)
    public = [r for r in ff.forge.gitlab_groups["dinum"].projects if not r.private]
    assert anonymous.headers["X-Total"] == str(len(public)) and anonymous.headers["X-Total-Pages"] == "1"
    keyset = requests.get(f"{ff.gitlab_url}/api/v4/groups/dinum/projects",
                          params={"pagination": "keyset", "order_by": "id", "sort": "asc", "per_page": "5"},
                          headers={"PRIVATE-TOKEN": "t"}, timeout=5)
    assert len(keyset.json()) == 5 and "id_after=" in keyset.links["next"]["url"]


def test_python_gitlab_reads_a_project(ff: FakeForge) -> None:
    model = ff.forge.gitlab_project("dinum/outils/civic")
    assert model is not None
    project = gl_client(ff).projects.get("dinum/outils/civic", license=True)
    assert (project.default_branch, project.archived, project.topics) == ("main", True, ["civic-tech", "api"])
    assert project.license["key"] == "mit" and project.namespace["full_path"] == "dinum/outils"
    tree = project.repository_tree(recursive=True, get_all=True, per_page=4)
    assert [(e["path"], e["id"], e["mode"]) for e in tree] == [
        (e.path, e.oid, e.mode) for e in model.git.walk(model.git.root, True)]
    assert ff.count("gitlab.tree") == 4
    assert project.repository_tree(recursive=True, pagination="none") == tree
    assert ff.count("gitlab.tree") == 5
    spec = next(e for e in tree if e["path"].endswith("openapi.yaml"))
    assert project.repository_raw_blob(spec["id"]) == model.files[spec["path"]]
    assert base64.b64decode(project.repository_blob(spec["id"])["content"]) == model.files[spec["path"]]
    assert project.files.raw("docs/a b.md", ref="main") == b"espace\n"
    commits = project.commits.list(get_all=True)
    assert [c.id for c in commits] == [c.oid for c in model.git.commits]
    assert commits[0].message == model.commits[0][0] + "\n" and commits[1].parent_ids == [commits[2].id]
    assert commits[0].author_email == model.commits[0][2]
    missing = requests.get(f"{ff.gitlab_url}/api/v4/projects/{encoded('dinum/secret')}", timeout=5)
    assert (missing.status_code, missing.json()) == (404, {"message": "404 Project Not Found"})
    with pytest.raises(gitlab.GitlabGetError):
        gl_client(ff).projects.get("dinum/inconnu")
    assert gl_client(ff).projects.get("dinum/secret").visibility == "private"
    bob = gl_client(ff).users.get(ff.forge.gitlab_users["bob"].id)
    assert [p.path for p in bob.projects.list()] == ["perso"]


def test_gitlab_tree_keyset_pagination_follows_link(ff: FakeForge) -> None:
    url = f"{ff.gitlab_url}/api/v4/projects/{encoded('dinum/outils/civic')}/repository/tree"
    params: dict[str, t.Any] | None = {"recursive": "true", "pagination": "keyset", "per_page": 5}
    paths: list[str] = []
    while url:
        answer = requests.get(url, params=params, headers={"PRIVATE-TOKEN": "t"}, timeout=5)
        paths += [e["path"] for e in answer.json()]
        url, params = answer.links.get("next", {}).get("url", ""), None
    model = ff.forge.gitlab_project("dinum/outils/civic")
    assert model is not None and paths == [e.path for e in model.git.walk(model.git.root, True)]


GROUP_QUERY = """
query GroupProjects($group: ID!, $first: Int!, $after: String, $paths: [String!]!) {
  queryComplexity { score limit }
  group(fullPath: $group) {
    projects(includeSubgroups: true, first: $first, after: $after) {
      pageInfo { hasNextPage endCursor }
      nodes {
        id fullPath name description archived visibility topics webUrl
        repository {
          rootRef
          tree(recursive: false) {
            lastCommit { sha }
            blobs { nodes { name path type mode } }
            trees { nodes { name path } }
          }
          blobs(paths: $paths) { nodes { path size rawSize rawTextBlob } }
        }
      }
    }
  }
}
"""


def test_gitlab_graphql_group_projects_and_aliased_projects(ff: FakeForge) -> None:
    seen, after = [], None
    while True:
        variables = {"group": "dinum", "first": 10, "after": after,
                     "paths": ["README.md", "LICENSE", "absent.txt"]}
        body = graphql(ff, GROUP_QUERY, variables, gitlab_side=True).json()
        assert "errors" not in body, body
        assert body["data"]["queryComplexity"]["limit"] == 250
        page = body["data"]["group"]["projects"]
        seen += page["nodes"]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert len(seen) == 47 and len({n["fullPath"] for n in seen}) == 47
    civic = next(n for n in seen if n["fullPath"] == "dinum/outils/civic")
    model = ff.forge.gitlab_project("dinum/outils/civic")
    assert model is not None and civic["repository"]["tree"]["lastCommit"]["sha"] == model.head
    assert {b["path"]: b["rawTextBlob"] for b in civic["repository"]["blobs"]["nodes"]} == {
        "README.md": "# Civic\n", "LICENSE": "MIT License\n\nCopyright (c) 2024\n"}
    assert civic["repository"]["blobs"]["nodes"][0]["size"] == "8"  # BigInt is a string
    folders = {n["name"] for n in civic["repository"]["tree"]["trees"]["nodes"]}
    assert folders == {"data", "docs", "services", "vendor"}
    aliased = """query { p0: project(fullPath: "dinum/outils/civic") { repository {
      blobs(paths: ["logo.png", "services/api/v1/openapi.yaml"]) { nodes { path rawTextBlob } }
      tree(path: "services", recursive: true) { blobs { nodes { path } } } } }
      p1: project(fullPath: "dinum/inconnu") { name } }"""
    data = graphql(ff, aliased, gitlab_side=True).json()["data"]
    nodes = data["p0"]["repository"]["blobs"]["nodes"]
    assert [n["rawTextBlob"] is None for n in nodes] == [True, False]
    assert data["p0"]["repository"]["tree"]["blobs"]["nodes"] == [{"path": "services/api/v1/openapi.yaml"}]
    assert data["p1"] is None


def test_gitlab_graphql_rejects_invalid_and_too_complex_queries(ff: FakeForge) -> None:
    wrong = graphql(ff, "{ project(fullPath: \"dinum/secret\") { nom } }", gitlab_side=True)
    assert wrong.status_code == 200
    assert wrong.json()["errors"][0]["message"] == "Field 'nom' doesn't exist on type 'Project'"
    variables: dict[str, t.Any] = {"group": "dinum", "first": 100, "paths": ["README.md", "LICENSE"]}
    light = graphql(ff, GROUP_QUERY, variables, gitlab_side=True).json()
    assert light["data"]["queryComplexity"]["score"] < 250
    many_paths = {**variables, "paths": [f"doc/{i}.md" for i in range(60)]}  # blobs costs one a path
    message = graphql(ff, GROUP_QUERY, many_paths, gitlab_side=True).json()["errors"][0]["message"]
    assert re.fullmatch(r"Query has complexity of \d+, which exceeds max complexity of 250", message)
    anonymous = graphql(ff, "{ project(fullPath: \"dinum/secret\") { name } queryComplexity { limit } }",
                        gitlab_side=True, token=None).json()
    assert anonymous["data"] == {"project": None, "queryComplexity": {"limit": 200}}


# Faults ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("status", [500, 502, 503, 504])
def test_server_errors_have_each_forge_s_bodies(ff: FakeForge, status: int) -> None:
    ff.faults = FaultPlan().add(Fault.server_error(status))
    rest = get(ff, f"/repos/{ORG}/civic")
    assert rest.status_code == status and "X-RateLimit-Remaining" in rest.headers
    assert "Server Error" in rest.text or "Unavailable" in rest.text or "Timeout" in rest.text
    answer = graphql(ff, "{ viewer { login } }")
    assert answer.status_code == status
    if status in (502, 504):
        assert answer.json()["errors"][0]["message"].startswith("Something went wrong while executing")
    lab = requests.get(f"{ff.gitlab_url}/api/v4/projects/1", timeout=5)
    assert lab.status_code == status and "RateLimit-Reset" not in lab.headers
    assert ff.faults.fired[("server_error", "github.repo")] == 1


def test_three_502s_then_success_with_each_client_s_retry(ff: FakeForge) -> None:
    ff.faults = FaultPlan().add(Fault.server_error(502), "github.repo", times=3) \
        .add(Fault.server_error(502), "gitlab.project", times=2)
    client = gh_client(ff, retry=GithubRetry(total=5, backoff_factor=0))
    assert client.get_repo(f"{ORG}/civic").name == "civic"
    assert [r.status for r in ff.stats.requests("github.repo")] == [502, 502, 502, 200]
    with pytest.raises(gitlab.GitlabGetError):
        gl_client(ff).projects.get("dinum/outils/civic")  # python-gitlab does not retry by default
    assert gl_client(ff, retry_transient_errors=True).projects.get("dinum/outils/civic").name == "civic"
    assert [r.status for r in ff.stats.requests("gitlab.project")] == [502, 502, 200]


def test_502_forever_exhausts_pygithub_retries(ff: FakeForge) -> None:
    ff.faults = FaultPlan().add(Fault.server_error(502), "github.repo")
    with pytest.raises((requests.exceptions.RetryError, github.GithubException)):
        gh_client(ff, retry=GithubRetry(total=2, backoff_factor=0)).get_repo(f"{ORG}/civic")
    assert ff.count("github.repo") == 3


def test_timeouts_and_resets_drop_the_connection(ff: FakeForge) -> None:
    ff.faults = FaultPlan().add(Fault.timeout(hold=1.0), "github.repo", nth=[1]) \
        .add(Fault.connection_reset(), "github.repo", nth=[2])
    with pytest.raises(requests.exceptions.ReadTimeout):
        requests.get(f"{ff.github_api_url}/repos/{ORG}/civic", timeout=0.2)
    with pytest.raises(requests.exceptions.ConnectionError):
        requests.get(f"{ff.github_api_url}/repos/{ORG}/civic", timeout=5)
    assert get(ff, f"/repos/{ORG}/civic").status_code == 200


def test_primary_and_secondary_rate_limits_as_github_sends_them(ff: FakeForge) -> None:
    ff.faults = FaultPlan().add(Fault.primary_rate_limit(reset_in=2), nth=[1]) \
        .add(Fault.secondary_rate_limit(retry_after=1), nth=[2])
    primary = get(ff, f"/repos/{ORG}/civic")
    assert primary.status_code == 403 and primary.headers["X-RateLimit-Remaining"] == "0"
    assert 0 < int(primary.headers["X-RateLimit-Reset"]) - time.time() <= 3
    assert primary.json()["message"] == "API rate limit exceeded for user ID 1."
    with pytest.raises(github.RateLimitExceededException) as secondary:
        gh_client(ff).get_repo(f"{ORG}/civic")
    assert secondary.value.headers["retry-after"] == "1"  # type: ignore[index]
    assert "secondary rate limit" in secondary.value.data["message"]


def test_a_403_that_is_not_a_rate_limit(ff: FakeForge) -> None:
    ff.faults = FaultPlan().add(Fault.forbidden(), "github.repo", nth=[1]) \
        .add(Fault.forbidden(saml=True), "github.repo", nth=[2])
    with pytest.raises(github.GithubException) as denied:
        gh_client(ff, retry=GithubRetry(total=3, backoff_factor=0)).get_repo(f"{ORG}/civic")
    assert denied.value.status == 403 and not isinstance(denied.value, github.RateLimitExceededException)
    assert ff.count("github.repo") == 1  # GithubRetry gives up at once on a 403 with no rate-limit sign
    saml = get(ff, f"/repos/{ORG}/civic")
    assert saml.status_code == 403 and saml.headers["X-GitHub-SSO"].startswith("required")
    assert "SAML" in saml.json()["message"]


def test_429_variants(ff: FakeForge) -> None:
    ff.faults = FaultPlan().add(Fault.too_many_requests(retry_after=None), nth=[1]) \
        .add(Fault.too_many_requests(retry_after=PAST_HTTP_DATE), nth=[2]) \
        .add(Fault.too_many_requests(retry_after=None, reset_in=-120), nth=[3]) \
        .add(Fault.too_many_requests(retry_after=0, plain_text=True), nth=[4])
    url = f"{ff.gitlab_url}/api/v4/projects/{encoded('dinum/outils/civic')}"
    bare, dated, past, plain = (requests.get(url, timeout=5) for _ in range(4))
    assert bare.status_code == 429
    assert not any(h.lower().startswith(("ratelimit", "retry")) for h in bare.headers)
    assert dated.headers["Retry-After"] == PAST_HTTP_DATE
    assert int(past.headers["RateLimit-Reset"]) < time.time() and past.headers["RateLimit-Remaining"] == "0"
    assert (plain.text, plain.headers["Content-Type"]) == ("Retry later\n", "text/plain")
    ff.faults = FaultPlan().add(Fault.too_many_requests(retry_after=0), "gitlab.project", times=1)
    assert gl_client(ff).projects.get("dinum/outils/civic").name == "civic"  # obey_rate_limit retries
    assert [r.status for r in ff.stats.requests("gitlab.project")][-2:] == [429, 200]


def test_graphql_rate_limited_arrives_with_http_200(ff: FakeForge) -> None:
    ff.faults = FaultPlan().add(Fault.graphql_rate_limited(), "github.graphql", nth=[3])
    client = gh_client(ff)
    for _ in range(2):
        client.requester.graphql_query("{ viewer { login } }", {})
    with pytest.raises(github.GithubException) as limited:
        client.requester.graphql_query("{ viewer { login } }", {})
    assert limited.value.data["errors"][0]["type"] == "RATE_LIMITED"
    assert limited.value.headers["x-ratelimit-remaining"] == "0"  # type: ignore[index]
    assert [r.status for r in ff.stats.requests("github.graphql")] == [200, 200, 200]


def test_html_pages_and_truncated_json_break_parsing(ff: FakeForge) -> None:
    ff.faults = FaultPlan().add(Fault.html_page(), nth=[1]).add(Fault.truncated_json(), nth=[2, 3])
    page = get(ff, f"/repos/{ORG}/civic")
    assert page.status_code == 200 and page.headers["Content-Type"] == "text/html"
    cut = get(ff, f"/repos/{ORG}/civic")
    with pytest.raises(json.JSONDecodeError):
        json.loads(cut.content)
    with pytest.raises(gitlab.GitlabParsingError):
        gl_client(ff).projects.get("dinum/outils/civic")


def test_a_truncated_tree_says_so(ff: FakeForge) -> None:
    ff.faults = FaultPlan().add(Fault.truncated_tree(), "github.tree")
    tree = gh_client(ff).get_repo(f"{ORG}/civic").get_git_tree("main", recursive=True)
    model = ff.forge.github_repo(ORG, "civic")
    assert model is not None
    assert tree.raw_data["truncated"] is True
    assert 0 < len(tree.tree) < len(model.git.walk(model.git.root, True))


def test_schedules_and_probabilities_are_deterministic(ff: FakeForge) -> None:
    def fired(seed: int) -> list[int]:
        plan = FaultPlan(seed=seed).add(Fault.server_error(503), "github", probability=0.5)
        return [i for i in range(40) if plan.pick("github.repo", "/") is not None]

    assert fired(1) == fired(1) != fired(2)
    assert 5 < len(fired(1)) < 35
    plan = FaultPlan().add(Fault.server_error(500), "github.graphql", nth=[3])
    assert [plan.pick("github.graphql", "/api/graphql") is not None for _ in range(5)] == \
        [False, False, True, False, False]
    assert plan.pick("gitlab.graphql", "/api/graphql") is None


def test_latency_and_concurrency_are_measured() -> None:
    with FakeForge(build_forge(), latency=lambda kind: 0.2 if kind == "github.repo" else 0.0) as fake:
        started = time.monotonic()
        threads = [threading.Thread(target=get, args=(fake, f"/repos/{ORG}/civic")) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=5)
        assert time.monotonic() - started >= 0.2
        assert fake.stats.max_in_flight >= 2 and fake.count("github.repo") == 4
        assert get(fake, "/rate_limit").status_code == 200
