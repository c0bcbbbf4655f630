"""civiscan's GitLab client over python-gitlab, replaying GitLab's documented example answers.

No real GitLab traffic is at hand: the cassettes (tests/cassettes/gitlab/) are constructed from
GitLab's API documentation by scripts/gitlab_docs_to_cassettes.py and say so in their header. They
still exercise the real path: python-gitlab's session, its exception on a 429, the response hook
that keeps the headers python-gitlab drops, and the shared policy.
"""

from __future__ import annotations

import typing as t

import pytest
from vcr.cassette import Cassette

from scanner.snapshot import Commit, RepoInfo
from scanner.sources.cache import Cache
from scanner.sources.gitlab import GitLabClient, GitLabForge
from scanner.sources.http import Policy, RateLimited
from scanner.sources.remote import Listed
from tests.recording import CASSETTES, GITLAB_SENTINEL, build_script, recording
from tests.recording import replay as recorded

pytestmark = [pytest.mark.cassette,
              pytest.mark.skipif(recording(), reason="constructed from documentation: nothing to record")]

URL = "https://gitlab.example.com"
HEAD = "ed899a2f4b50b4370feeea94676502b42383c746"


def replay(name: str) -> t.ContextManager[Cassette]:
    return recorded(f"gitlab/{name}", GITLAB_SENTINEL)


@pytest.fixture
def waits() -> list[tuple[float, str]]:
    return []


@pytest.fixture
def sleeps() -> list[float]:
    return []


@pytest.fixture
def policy(sleeps: list[float], waits: list[tuple[float, str]]) -> Policy:
    return Policy(sleep=sleeps.append, clock=lambda: 1_609_844_370.0,
                  on_wait=lambda s, why: waits.append((s, why)))


@pytest.fixture
def forge(policy: Policy) -> GitLabForge:
    return GitLabForge(GitLabClient(URL, GITLAB_SENTINEL, policy), cache=Cache(None))


def _listed() -> Listed:
    info = RepoInfo(name="project", full_name="group/project", source="gitlab")
    return Listed(info=info, tree_oid=HEAD, commits=None, handle="5")


DOCUMENTED_COMMITS = [
    Commit(sha=HEAD, message="Replace sanitize with escape once", merge=False,
           author="Dmitriy Zaporozhets <dzaporozhets@sphereconsultinginc.com>"),
    Commit(sha="6104942438c14ec7bd21c6cd5bd995272b3faff6", message="Sanitize for network graph",
           merge=False, author="randx <dmitriy.zaporozhets@gmail.com>"),
]


def test_commits_are_read_once_then_cached(forge: GitLabForge, policy: Policy) -> None:
    listed = _listed()
    with replay("commits") as cassette:
        forge.complete(listed)
        again = _listed()
        forge.complete(again)  # by commit id from the cache: the cassette has no second answer
    assert cassette.all_played
    assert listed.commits == again.commits == DOCUMENTED_COMMITS
    assert policy.requests == 1


def test_tree_in_one_answer(forge: GitLabForge) -> None:
    with replay("tree") as cassette:
        tree = forge.tree(_listed())
    assert cassette.all_played
    assert not tree.truncated
    assert [(e.path, e.kind) for e in tree.entries] == [
        ("files/html", "tree"), ("files/images", "tree"), ("files/js", "tree"), ("files/lfs", "tree"),
        ("files/markdown", "tree"), ("files/ruby", "tree"), ("files/whitespace", "blob")]
    assert tree.entries[-1].oid == "7d70e02340bac451f281cecf0a980907974bd8be"
    assert all(e.size is None for e in tree.entries)  # GitLab trees give no sizes


def test_429_waits_retry_after_then_reads(forge: GitLabForge, policy: Policy, sleeps: list[float],
                                          waits: list[tuple[float, str]]) -> None:
    """python-gitlab raises on the 429 and keeps no headers: the hook must have kept Retry-After."""
    listed = _listed()
    with replay("rate_limited") as cassette:
        forge.complete(listed)
    assert cassette.all_played
    assert listed.commits == DOCUMENTED_COMMITS
    assert sleeps == [30.0]
    assert waits == [(30.0, "rate limit (Retry-After)")]
    assert policy.requests == 2


def test_429_longer_than_allowed_stops_at_once(forge: GitLabForge, policy: Policy,
                                               sleeps: list[float]) -> None:
    policy.max_wait = 10.0
    listed = _listed()
    with replay("rate_limited"), pytest.raises(RateLimited, match="wait 30 s, more than 10 s"):
        forge.complete(listed)
    assert listed.commits is None
    assert sleeps == []
    assert policy.requests == 1


def test_cassettes_are_what_the_script_builds_from_the_documentation() -> None:
    script = build_script("gitlab_docs_to_cassettes")
    built = {f"{name}.yaml": script.build(name) for name in script.SCENARIOS}
    committed = {p.name: p.read_text(encoding="utf-8") for p in (CASSETTES / "gitlab").glob("*.yaml")}
    assert built == committed
