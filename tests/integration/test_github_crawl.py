"""Crawling GitHub end to end against the fake forge, whose GraphQL endpoint executes GitHub's
real schema: parity with a local scan, request budgets, faults, defaults, resume, secrets."""

from __future__ import annotations

import json
import typing as t
from collections.abc import Iterator
from pathlib import Path

import pytest

from scanner.engine.loader import load_ruleset
from scanner.facts import build_facts
from scanner.run import ScanOptions, exit_code, items_for, make_crawler, scan
from scanner.sources.crawl import CrawlOptions
from scanner.sources.local import local_snapshot
from scanner.sources.remote import Filters
from scanner.targets import parse_target
from tests.conftest import RunCli
from tests.fakeforge import FakeForge, FakeRepo, Fault, FaultPlan, Forge, materialise, repo_from_folder
from tests.fakeforge.model import synthetic_org

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
TOKEN = "ghp_SENTINELtokenSENTINELtoken0000000000"
RULESET = load_ruleset([])


def _facts_without_identity(facts: dict[str, t.Any]) -> dict[str, t.Any]:
    return {k: v for k, v in facts.items() if k != "repository"}


@pytest.fixture
def serve(monkeypatch: pytest.MonkeyPatch) -> Iterator[t.Callable[..., FakeForge]]:
    """Start a fake forge for ``forge``; GITHUB_API_URL and the token point at it."""
    started: list[FakeForge] = []

    def start(forge: Forge, **kwargs: t.Any) -> FakeForge:
        server = FakeForge(forge, token=TOKEN, **kwargs).start()
        started.append(server)
        monkeypatch.setenv("GITHUB_API_URL", server.github_api_url)
        monkeypatch.setenv("GITHUB_TOKEN", TOKEN)
        return server

    yield start
    for server in started:
        server.stop()


def _run(target: str, cache: Path, **crawl: t.Any) -> dict[str, t.Any]:
    options = ScanOptions(targets=[parse_target(target)], ruleset=RULESET,
                          crawl=CrawlOptions(cache_dir=cache, **crawl))
    return scan(options)


def _scores(run: dict[str, t.Any]) -> dict[str, t.Any]:
    return {c["repository"]["full_name"]: (c["status"], c["score"], c["error"],
                                          [(f["rule"], f["status"], f["message"]) for f in c["findings"]])
            for c in run["scorecards"]}


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus is not beside this checkout")
def test_remote_facts_equal_a_local_scan_of_the_same_commit(serve: t.Callable[..., FakeForge],
                                                            tmp_path: Path) -> None:
    forge = Forge()
    repos = [repo_from_folder(folder, "corpus", folder.name.split("__", 1)[1])
             for folder in sorted(CORPUS.iterdir()) if folder.is_dir()]
    repos.append(FakeRepo("corpus", "links", files={
        "README.md": b"# Links\n\nRun `make run`.\n", "docs/LICENSE.txt": b"MIT License\n",
        "sub/readme.md": b"inner\n"},
        symlinks={"LICENSE": "docs/LICENSE.txt", "escape": "../../etc/passwd", "folder": "sub",
                  "dangling": "nowhere/x"},
        submodules={"vendor/lib": "0" * 40},
        commits=[("Merge bot\n", "dependabot[bot]", "bot@example.com"),
                 ("Work\n\nSigned-off-by: A <a@example.fr>", "A", "a@example.fr")]))
    forge.add_github(*repos)
    serve(forge)
    crawler = make_crawler([parse_target("github:corpus")], CrawlOptions(cache_dir=tmp_path / "c"))
    remote = {item.info.full_name: item for item in items_for(parse_target("github:corpus"), crawler)}
    assert len(remote) == len(repos)
    for repo in repos:
        item = remote[repo.full_name]
        assert item.error is None and item.facts is not None, repo.full_name
        snapshot = local_snapshot(materialise(repo, tmp_path / repo.name))
        # A remote source reads no file history, so it cannot date the DCO: every recent commit
        # counts there (the facts say so); the local scan is compared as if it could not either.
        assert item.facts["commits"]["dco_since_state"] in ("unknown", "no_dco")
        snapshot.revisions = None
        local = build_facts(snapshot)
        assert _facts_without_identity(item.facts) == _facts_without_identity(local), repo.full_name
        assert item.facts["repository"]["head"] == local["repository"]["head"] == repo.head


def test_an_organisation_costs_about_one_request_per_repository(serve: t.Callable[..., FakeForge],
                                                                tmp_path: Path) -> None:
    forge = Forge()
    forge.add_github(*synthetic_org("incubator", 150))
    server = serve(forge)
    first = _run("github:incubator", tmp_path)
    scanned = first["summary"]["repositories"]
    assert scanned > 100 and first["summary"]["scanned"] + first["summary"]["errors"] == scanned
    assert server.stats.total / scanned <= 1.2
    before = server.stats.total
    again = _run("github:incubator", tmp_path)
    assert (server.stats.total - before) / scanned <= 0.05  # the listing, nothing else
    assert _scores(again) == _scores(first)
    assert server.stats.by_kind["github.contents"] == 0


def test_faults_end_in_scores_or_reasons_never_in_silence(serve: t.Callable[..., FakeForge],
                                                          tmp_path: Path) -> None:
    forge = Forge()
    forge.add_github(*synthetic_org("flaky", 60, seed=3))
    serve(forge)
    clean = _run("github:flaky", tmp_path / "clean")
    plan = (FaultPlan(seed=7)
            .add(Fault.server_error(502), "github", probability=0.05)
            .add(Fault.connection_reset(), "github", probability=0.02)
            .add(Fault.secondary_rate_limit(retry_after=0), "github", probability=0.02)
            .add(Fault.graphql_rate_limited(reset_in=0), "github.graphql", probability=0.05))
    serve(forge, faults=plan)
    faulty = _run("github:flaky", tmp_path / "faulty")
    assert plan.fired, "the plan injected nothing: the test would prove nothing"
    for name, (status, score, error, findings) in _scores(faulty).items():
        if status == "ok":
            assert (status, score, error, findings) == _scores(clean)[name]
        else:
            assert error, name


def test_truncated_trees_are_completed_folder_by_folder(serve: t.Callable[..., FakeForge],
                                                        tmp_path: Path) -> None:
    repo = FakeRepo("big", "tree", files={
        "README.md": b"# Tree\n", "LICENSE": b"MIT License\n",
        "api/spec/openapi.yaml": b"openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths: {}\n",
        "src/a.py": b"", "src/b/c.py": b""})
    forge = Forge()
    forge.add_github(repo)
    server = serve(forge, faults=FaultPlan().add(Fault.truncated_tree(), "github.tree", nth=[1]))
    crawler = make_crawler([parse_target("github:big/tree")], CrawlOptions(cache_dir=tmp_path))
    (item,) = items_for(parse_target("github:big/tree"), crawler)
    assert server.stats.by_kind["github.tree"] > 1  # the cut answer, then folder by folder
    local = build_facts(local_snapshot(materialise(repo, tmp_path / "tree")))
    assert item.facts is not None and item.facts["repository"]["truncated"] is False
    assert _facts_without_identity(item.facts) == _facts_without_identity(local)
    assert [s["path"] for s in item.facts["api_specs"]] == ["api/spec/openapi.yaml"]


def test_organisation_defaults_fill_missing_community_files(serve: t.Callable[..., FakeForge],
                                                            tmp_path: Path) -> None:
    forge = Forge()
    forge.add_github(
        FakeRepo("betagouv", ".github", files={
            "CONTRIBUTING.md": b"# Contribuer\n\nOuvrez une issue puis une pull request.\n",
            ".github/SECURITY.md": b"# Security\n\nWrite to security@beta.gouv.fr.\n"}),
        FakeRepo("betagouv", "own", files={"CONTRIBUTING.md": b"# Own guide\n\nOpen a PR.\n",
                                            "README.md": b"# Own\n"}),
        FakeRepo("betagouv", "bare", files={"README.md": b"# Bare\n"}))
    serve(forge)
    cards = {c["repository"]["name"]: c for c in _run("github:betagouv", tmp_path)["scorecards"]}
    crawler = make_crawler([parse_target("github:betagouv")], CrawlOptions(cache_dir=tmp_path / "x"))
    facts = {i.info.name: i.facts for i in items_for(parse_target("github:betagouv"), crawler)}
    bare = facts["bare"]["community"]  # type: ignore[index]
    assert bare["contributing"]["path"] == "betagouv/.github:CONTRIBUTING.md"
    assert bare["contributing"]["origin"] == "organisation-default"
    assert bare["security_policy"]["path"] == "betagouv/.github:.github/SECURITY.md"
    own = facts["own"]["community"]  # type: ignore[index]
    assert own["contributing"]["path"] == "CONTRIBUTING.md" and own["contributing"]["origin"] == "repository"
    finding = next(f for f in cards["bare"]["findings"] if f["rule"] == "contributing-file-present")
    assert finding["status"] == "pass" and "betagouv/.github:CONTRIBUTING.md" in finding["message"]


def test_filters_forks_globs_topics_and_limit(serve: t.Callable[..., FakeForge], tmp_path: Path) -> None:
    forge = Forge()
    forge.add_github(FakeRepo("org", "api-one", topics=["api"]), FakeRepo("org", "api-two"),
                     FakeRepo("org", "site", topics=["api"]), FakeRepo("org", "forked", fork=True),
                     FakeRepo("org", "old", archived=True))

    def names(**filters: t.Any) -> list[str]:
        run = _run("github:org", tmp_path, filters=Filters(**filters), use_cache=False)
        return sorted(c["repository"]["name"] for c in run["scorecards"])

    serve(forge)
    assert names() == ["api-one", "api-two", "old", "site"]
    assert "forked" in names(include_forks=True)
    assert names(include=("api-*",), exclude=("*two",)) == ["api-one"]
    assert names(topics=("API",)) == ["api-one", "site"]
    assert len(names(limit=2)) == 2
    cards = {c["repository"]["name"]: c for c in _run("github:org", tmp_path)["scorecards"]}
    archived = cards["old"]
    assert archived["repository"]["archived"] is True and archived["status"] == "ok"
    # GitHub's archived flag retires the repository: no code of conduct is asked of it; a live
    # repository is still asked for one.
    conduct = {name: next(f for f in card["findings"] if f["rule"] == "code-of-conduct-present")
               for name, card in cards.items()}
    assert conduct["old"]["status"] == "not_applicable"
    assert conduct["old"]["message"].startswith("The host marks the repository archived: ")
    assert conduct["site"]["status"] == "fail"


def test_missing_and_empty_repositories_get_error_cards(serve: t.Callable[..., FakeForge],
                                                        tmp_path: Path) -> None:
    forge = Forge()
    forge.add_github(FakeRepo("org", "fine", files={"README.md": b"# Fine\n"}),
                     FakeRepo("org", "void", empty=True))
    serve(forge)
    run = _run("github:org", tmp_path)
    cards = {c["repository"]["name"]: c for c in run["scorecards"]}
    assert cards["fine"]["status"] == "ok"
    assert cards["void"]["status"] == "error" and "empty" in cards["void"]["error"]
    assert exit_code(run, fail_under=None, fail_on="error") == 1  # compliance unknown
    missing = _run("github:org/nothing-here", tmp_path)
    assert missing["scorecards"][0]["status"] == "error"
    assert "404" in missing["scorecards"][0]["error"]
    assert exit_code(missing, fail_under=None, fail_on="error") == 3


def test_a_request_budget_stops_cleanly_and_says_what_is_left(serve: t.Callable[..., FakeForge],
                                                              tmp_path: Path) -> None:
    forge = Forge()
    forge.add_github(*synthetic_org("budget", 40, seed=5))
    server = serve(forge)
    run = _run("github:budget", tmp_path, max_requests=10)
    assert server.stats.total <= 10
    errors = [c for c in run["scorecards"] if c["status"] == "error"]
    assert errors and all("--max-requests" in c["error"] for c in errors if "empty" not in c["error"])


def test_resume_lists_nothing_twice_and_gives_the_same_run(serve: t.Callable[..., FakeForge],
                                                           tmp_path: Path) -> None:
    forge = Forge()
    forge.add_github(*synthetic_org("resume", 120, seed=9))
    server = serve(forge)
    whole = _run("github:resume", tmp_path / "whole")
    uninterrupted = server.stats.total
    server.stats.reset()
    cache = tmp_path / "interrupted"
    crawler = make_crawler([parse_target("github:resume")], CrawlOptions(cache_dir=cache))
    items = items_for(parse_target("github:resume"), crawler)
    for _ in range(60):  # killed halfway: the first page is done, the second under way
        next(items)
    items.close()
    assert 0 < server.stats.total < uninterrupted
    resumed = _run("github:resume", cache, resume=True)
    assert _scores(resumed) == _scores(whole)
    # Nothing finished is fetched again; only the page cut short is listed a second time.
    assert server.stats.total <= uninterrupted * 1.02 + 2
    assert server.stats.by_kind["github.tree"] == \
        sum(1 for c in whole["scorecards"] if c["status"] == "ok")


def test_without_a_token_one_repository_is_read_over_rest(serve: t.Callable[..., FakeForge],
                                                          monkeypatch: pytest.MonkeyPatch,
                                                          tmp_path: Path) -> None:
    forge = Forge()
    forge.add_github(FakeRepo("solo", "service", files={"README.md": b"# Service\n",
                                                        "LICENSE": b"MIT License\n"}))
    server = FakeForge(forge).start()
    try:
        monkeypatch.setenv("GITHUB_API_URL", server.github_api_url)
        monkeypatch.delenv("GITHUB_TOKEN", raising=False)
        (card,) = _run("github:solo/service", tmp_path)["scorecards"]
        assert card["status"] == "ok" and card["repository"]["head"] == forge.github_repo(
            "solo", "service").head  # type: ignore[union-attr]
        assert server.stats.by_kind["github.graphql"] == 0
    finally:
        server.stop()


def test_the_token_is_never_written_or_printed(serve: t.Callable[..., FakeForge], run_cli: RunCli,
                                               tmp_path: Path) -> None:
    forge = Forge()
    forge.add_github(*synthetic_org("secret", 8, seed=2))
    serve(forge, faults=FaultPlan(seed=1).add(Fault.server_error(502), "github", nth=[2]))
    cache = tmp_path / "cache"
    out = tmp_path / "run.json"
    result = run_cli("scan", "github:secret", "--cache-dir", str(cache), "--format", "json",
                     "-o", str(out), "--debug", expect=None)
    assert result.exit_code in (0, 1)
    assert TOKEN not in result.stdout + result.stderr
    for path in [out, *cache.rglob("*")]:
        if path.is_file():
            assert TOKEN.encode() not in path.read_bytes(), path
    run = json.loads(out.read_text())
    assert run["summary"]["repositories"] >= 6


def test_a_shallow_checkout_reads_its_history_from_the_api(serve: t.Callable[..., FakeForge],
                                                           monkeypatch: pytest.MonkeyPatch,
                                                           tmp_path: Path) -> None:
    from tests.support import git

    commits = [(f"Change {n}\n\nSigned-off-by: A <a@example.fr>", "A", "a@example.fr")
               for n in range(7)]
    repo = FakeRepo("org", "service", commits=commits, files={
        "CONTRIBUTING.md": b"# Contributing\n\nOpen an issue, then a pull request. Sign off every "
                           b"commit (Developer Certificate of Origin, git commit --signoff).\n"})
    forge = Forge()
    forge.add_github(repo)
    server = serve(forge)
    full = materialise(repo, tmp_path / "full")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{full}", str(clone))
    git(clone, "remote", "set-url", "origin", "https://github.com/org/service.git")
    monkeypatch.delenv("GITHUB_SERVER_URL", raising=False)
    options = ScanOptions(targets=[parse_target(str(clone))], ruleset=RULESET)
    (card,) = scan(options)["scorecards"]
    finding = next(f for f in card["findings"] if f["rule"] == "commits-signed-off")
    assert finding["status"] == "pass" and "7 of the last 7" in finding["message"]
    assert server.stats.by_kind["github.commits"] == 1
    monkeypatch.delenv("GITHUB_TOKEN")  # without a token: no verdict from one commit, and why
    (card,) = scan(options)["scorecards"]
    finding = next(f for f in card["findings"] if f["rule"] == "commits-signed-off")
    assert finding["status"] == "not_applicable" and "shallow clone" in finding["message"]
