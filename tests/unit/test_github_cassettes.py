"""civiscan's GitHub client against real api.github.com exchanges, replayed by vcrpy.

The cassettes are PyGithub's recorded test traffic (tests/cassettes/github/README.md). Each test
drives civiscan's own code, ``GitHubClient`` and ``GitHubForge`` where civiscan asks the URL that
was recorded, with a token-shaped sentinel and a recording ``sleep``; any request the recording
does not hold fails (record mode ``none``), the network guard stays on, and no cassette changes.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import typing as t

import pytest
import requests
from vcr.cassette import Cassette
from vcr.errors import CannotOverwriteExistingCassetteException
from vcr.serialize import deserialize
from vcr.serializers import yamlserializer

from scanner.snapshot import RepoInfo
from scanner.sources.cache import Cache
from scanner.sources.github import GitHubClient, GitHubForge, _denied
from scanner.sources.http import Policy, RateLimited, RemoteFailure
from scanner.sources.remote import Listed
from tests.recording import CASSETTES, SENTINEL, build_script, recording
from tests.recording import replay as recorded

pytestmark = pytest.mark.cassette

API = "https://api.github.com"
#: A fixed clock (the 403s' recording day): no wait may depend on when the tests run.
NOW = 1_368_793_436.0


@pytest.fixture
def sleeps() -> list[float]:
    return []


@pytest.fixture
def waits() -> list[tuple[float, str]]:
    return []


@pytest.fixture
def policy(sleeps: list[float], waits: list[tuple[float, str]]) -> Policy:
    return Policy(sleep=sleeps.append, clock=lambda: NOW, on_wait=lambda s, why: waits.append((s, why)))


def _token() -> str:
    """The sentinel; recording (``VCR_RECORD_MODE``) needs a real token, never written anywhere."""
    if not recording():
        return SENTINEL
    token = os.environ.get("CIVISCAN_RECORD_GITHUB_TOKEN")
    if not token:
        pytest.skip("recording needs CIVISCAN_RECORD_GITHUB_TOKEN")
    return token


@pytest.fixture
def client(policy: Policy) -> GitHubClient:
    return GitHubClient(api_url=API, graphql_url=API + "/graphql", token=_token(), policy=policy)


def replay(name: str) -> t.ContextManager[Cassette]:
    return recorded(f"github/{name}", SENTINEL)


def test_repository_lookup(client: GitHubClient, policy: Policy) -> None:
    with replay("repository") as cassette:
        status, repo = client.get("/repos/PyGithub/PyGithub", "PyGithub/PyGithub")
    assert cassette.all_played
    assert status == 200
    assert (repo["full_name"], repo["default_branch"], repo["visibility"]) == \
        ("PyGithub/PyGithub", "main", "public")
    assert repo["license"]["spdx_id"] == "LGPL-3.0"
    assert repo["topics"] == ["github", "github-api", "pygithub", "python"]
    assert policy.rate_remaining == 4999  # the response's X-RateLimit-Remaining


def test_query_string_selects_the_recorded_listing(client: GitHubClient) -> None:
    with replay("org_repos") as cassette:
        _, public = client.get("/orgs/BeaverSoftware/repos", "BeaverSoftware", params={"type": "public"})
        _, every = client.get("/orgs/BeaverSoftware/repos", "BeaverSoftware")
    assert cassette.all_played
    assert [(r["full_name"], r["fork"]) for r in public] == \
        [("BeaverSoftware/FatherBeaver", False), ("BeaverSoftware/PyGithub", True)]
    assert [r["full_name"] for r in every] == ["BeaverSoftware/FatherBeaver", "BeaverSoftware/TestPyGithub"]


def test_link_pages_are_requested_as_given(client: GitHubClient) -> None:
    url: str | None = API + "/repos/PyGithub/PyGithub/commits"
    commits: list[dict[str, t.Any]] = []
    with replay("commits_pages") as cassette:
        while url and not cassette.all_played:
            status, head, page = client.request("GET", url, what="PyGithub/PyGithub")
            assert status == 200
            commits += page
            url = requests.utils.parse_header_links(head["link"])[0]["url"]
    assert cassette.all_played
    assert url and url.endswith("?last_sha=3e8169c0a98ce1e2c6a32ae1256ae0f735065df5&top=master")
    assert len(commits) == len({c["sha"] for c in commits}) == 60
    assert (commits[0]["sha"], commits[-1]["sha"]) == \
        ("ecda065e01876209d2bdf5fe4e91cee8ffaa9ff7", "3e8169c0a98ce1e2c6a32ae1256ae0f735065df5")
    assert all(isinstance(c["commit"]["message"], str) for c in commits)


def _listed(owner: str, name: str, tree: str) -> Listed:
    info = RepoInfo(name=name, full_name=f"{owner}/{name}", source="github")
    return Listed(info=info, tree_oid=tree, commits=None, handle=(owner, name))


def test_forge_reads_a_recursive_tree(client: GitHubClient) -> None:
    listed = _listed("PyGithub", "PyGithub", "f492784d8ca837779650d1fb406a1a3587a764ad")
    with replay("git_tree_recursive") as cassette:
        tree = GitHubForge(client).tree(listed)
    assert cassette.all_played
    assert not tree.truncated
    assert len(tree.entries) == 90
    by_path = {e.path: e for e in tree.entries}
    gitignore = by_path[".gitignore"]
    assert (gitignore.oid, gitignore.size, gitignore.kind) == \
        ("8a9af1462c3f4e3358315c2d2e6ef1e7334c59dd", 53, "blob")
    assert by_path["github/GithubObjects"].kind == "tree"
    assert [e.path for e in tree.entries if e.kind == "tree"] == [
        "ReplayDataForIntegrationTest", "github", "github/GithubObjects", "github/GithubObjects/GithubObject"]


def test_contents_decode_to_the_recorded_blob(client: GitHubClient) -> None:
    with replay("contents_file"):
        status, body = client.get("/repos/PyGithub/PyGithub/contents/doc/ReferenceOfClasses.md", "PyGithub")
    assert status == 200 and body["encoding"] == "base64"
    data = base64.b64decode(body["content"])
    assert len(data) == body["size"] == 28122
    # The decoded bytes are the very blob git names: its object id is the recorded sha.
    assert hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest() == body["sha"]


GRAPHQL_QUERY = """
            query Q($owner: String!, $name: String!) {
              repository(owner: $owner, name: $name) { url }
            }"""


def test_graphql_query(client: GitHubClient) -> None:
    with replay("graphql_query") as cassette:
        data = client.graphql(GRAPHQL_QUERY, {"owner": "PyGithub", "name": "PyGithub"}, "PyGithub")
    assert cassette.all_played
    assert data == {"data": {"repository": {"url": "https://github.com/PyGithub/PyGithub"}}}


def _recorded_pagination_query() -> str:
    recorded, _ = deserialize((CASSETTES / "github" / "graphql_pages.yaml").read_text(), yamlserializer)
    return str(json.loads(recorded[0].body)["query"])


def test_graphql_cursor_pages(client: GitHubClient) -> None:
    """Three POSTs to one URL, told apart by their variables alone (the ``body`` matcher)."""
    query = _recorded_pagination_query()
    variables: dict[str, t.Any] = {"repo": "PyGithub", "owner": "PyGithub", "answered": None,
                                   "category_id": None, "states": None, "first": 30}
    numbers: list[int] = []
    with replay("graphql_pages") as cassette:
        while True:
            connection = client.graphql(query, variables, "discussions")["data"]["repository"]["discussions"]
            numbers += [node["number"] for node in connection["nodes"]]
            if not connection["pageInfo"]["hasNextPage"]:
                break
            variables["after"] = connection["pageInfo"]["endCursor"]
    assert cassette.all_played
    assert len(numbers) == len(set(numbers)) == connection["totalCount"] == 65


def test_etag_304_is_served_from_the_cache(client: GitHubClient, policy: Policy) -> None:
    cache = Cache(None)
    with replay("etag_not_modified") as cassette:
        first = client.get("/repos/akfish/PyGithub", "akfish/PyGithub", conditional=cache)
        # The recorded 304 answers only a request carrying the stored ETag (If-None-Match matcher).
        again = client.get("/repos/akfish/PyGithub", "akfish/PyGithub", conditional=cache)
    assert cassette.all_played
    assert again == first
    assert first[0] == 200 and first[1]["full_name"] == "akfish/PyGithub"
    stored = cache.validator(API + "/repos/akfish/PyGithub")
    assert stored is not None and stored[0] == '"8600bedcb7fed1d8065e1693e05529ce"'
    assert policy.requests == 2


def test_changed_answer_replaces_the_cached_one(client: GitHubClient) -> None:
    cache = Cache(None)
    with replay("etag_updated") as cassette:
        _, old = client.get("/repos/akfish/PyGithub", "akfish/PyGithub", conditional=cache)
        status, new = client.get("/repos/akfish/PyGithub", "akfish/PyGithub", conditional=cache)
    assert cassette.all_played
    assert status == 200
    assert old["description"] == "Python library implementing the full Github API v3"
    assert new["description"] == "Python library implementing the full Github API v3 - AKFish Fork"
    stored = cache.validator(API + "/repos/akfish/PyGithub")
    assert stored is not None and stored[0] == '"ef281ef0e821c18f80da36902727160b"'


def test_a_request_without_the_etag_does_not_get_the_304(client: GitHubClient) -> None:
    """Keeps the test above honest: the 304 is not played to an unconditional request."""
    with replay("etag_not_modified"), pytest.raises(CannotOverwriteExistingCassetteException):
        client.get("/repos/akfish/PyGithub", "akfish/PyGithub")
        client.get("/repos/akfish/PyGithub", "akfish/PyGithub")


def test_secondary_limit_waits_retry_after(client: GitHubClient, sleeps: list[float],
                                           waits: list[tuple[float, str]]) -> None:
    """The recording ends at the 403: the retry after the wait finds nothing more to play."""
    with replay("secondary_rate_limit") as cassette, \
            pytest.raises(CannotOverwriteExistingCassetteException):
        client.get("/search/code", "search", params={"q": "jacquev6"})
    assert cassette.all_played
    assert sleeps == [60.0]
    assert waits == [(60.0, "rate limit (Retry-After)")]


def test_primary_limit_waits_then_asks_again(client: GitHubClient, policy: Policy,
                                             sleeps: list[float], waits: list[tuple[float, str]]) -> None:
    """This 2013 recording has ``x-ratelimit-remaining: 0`` but no reset time: one minute."""
    with replay("primary_rate_limit") as cassette:
        status, user = client.get("/users/jacquev6", "jacquev6")
        assert (status, user["login"], policy.rate_remaining) == (200, "jacquev6", 0)
        with pytest.raises(CannotOverwriteExistingCassetteException):
            client.get("/users/jacquev6", "jacquev6")
    assert cassette.all_played
    assert sleeps == [60.0]
    assert waits == [(60.0, "rate limit")]


def test_primary_limit_longer_than_allowed_stops_at_once(client: GitHubClient, policy: Policy,
                                                         sleeps: list[float]) -> None:
    policy.max_wait = 30.0
    with replay("primary_rate_limit") as cassette:
        client.get("/users/jacquev6", "jacquev6")
        with pytest.raises(RateLimited, match="wait 60 s, more than 30 s"):
            client.get("/users/jacquev6", "jacquev6")
    assert cassette.all_played
    assert sleeps == []


def test_500_then_200_is_retried(client: GitHubClient, policy: Policy, sleeps: list[float]) -> None:
    with replay("retry_500_then_200") as cassette:
        status, repo = client.get("/repos/PyGithub/PyGithub", "PyGithub/PyGithub")
    assert cassette.all_played
    assert (status, repo["full_name"]) == (200, "PyGithub/PyGithub")
    assert policy.requests == 2
    assert len(sleeps) == 1 and 0.5 <= sleeps[0] <= 1.0


def test_502_four_times_gives_up_at_max_attempts(client: GitHubClient, policy: Policy,
                                                 sleeps: list[float]) -> None:
    policy.max_attempts = 4
    with replay("retry_502_x4") as cassette, pytest.raises(RemoteFailure) as failure:
        client.get("/repos/PyGithub/PyGithub", "PyGithub/PyGithub")
    assert cassette.all_played
    assert failure.value.status == 502
    assert str(failure.value) == "PyGithub/PyGithub: HTTP 502"
    # Growing, jittered waits between the four attempts: 2**n seconds times 0.5 to 1.
    assert len(sleeps) == 3
    assert all(2 ** n * 0.5 <= s <= 2 ** n for n, s in enumerate(sleeps))


def test_502_four_times_the_default_policy_asks_a_fifth_time(client: GitHubClient,
                                                             sleeps: list[float]) -> None:
    with replay("retry_502_x4") as cassette, pytest.raises(CannotOverwriteExistingCassetteException):
        client.get("/repos/PyGithub/PyGithub", "PyGithub/PyGithub")
    assert cassette.all_played
    assert len(sleeps) == 4


def test_404_is_answered_at_once_and_reads_clearly(client: GitHubClient, sleeps: list[float]) -> None:
    with replay("not_found") as cassette:
        status, body = client.get("/repos/jacquev6/Xxx", "jacquev6/Xxx")
    assert cassette.all_played
    assert (status, body) == (404, {"message": "Not Found"})
    assert sleeps == []
    error = _denied("jacquev6/Xxx", status)
    assert str(error) == "jacquev6/Xxx: not found (404): private, renamed or deleted"
    assert error.fr == "jacquev6/Xxx : introuvable (404) : privé, renommé ou supprimé"


def test_a_request_not_recorded_fails_without_reaching_the_network(client: GitHubClient) -> None:
    with replay("not_found"), pytest.raises(CannotOverwriteExistingCassetteException,
                                            match="doesn't record new requests"):
        client.get("/repos/jacquev6/Other", "jacquev6/Other")


def test_cassettes_are_what_the_script_builds_from_the_recordings() -> None:
    """The committed cassettes are PyGithub's recordings converted, and nothing else."""
    script = build_script("replaydata_to_cassettes")
    if not script.SOURCE.is_dir():
        pytest.skip(f"PyGithub recordings not available ({script.SOURCE})")
    built = {f"{s.name}.yaml": script.build(s, script.SOURCE) for s in script.SCENARIOS}
    committed = {p.name: p.read_text(encoding="utf-8") for p in (CASSETTES / "github").glob("*.yaml")}
    assert built == committed
