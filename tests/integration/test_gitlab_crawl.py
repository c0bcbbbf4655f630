"""GitLab crawls against the fake GitLab (tests/fakeforge): nested groups listed whole, project
and subgroup targets, refusals as error cards, faults survived, requests counted, and the same
facts as a local scan of a checkout of the same files."""

from __future__ import annotations

import json
import math
import typing as t
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from scanner.engine.loader import load_ruleset
from scanner.facts import build_facts
from scanner.run import ScanOptions, exit_code, scan
from scanner.sources.crawl import Crawler, CrawlOptions
from scanner.sources.gitlab import GitLabForge
from scanner.sources.local import local_snapshot
from scanner.sources.remote import Crawl, Filters, Item
from scanner.targets import parse_target
from tests.conftest import RunCli
from tests.fakeforge import FakeForge, FakeRepo, Fault, FaultPlan, Forge, materialise, repo_from_folder
from tests.support import CORPUS

RULESET = load_ruleset()
SIGNED = "Signed-off-by: Alice Martin <alice.martin@example.gouv.fr>"


def _repo(owner: str, name: str, **meta: t.Any) -> FakeRepo:
    files = {"README.md": f"# {name}\n\nInstall: `make`\n".encode(),
             "LICENSE": b"MIT License\n\nCopyright (c) 2024 DINUM\n\nPermission is hereby granted, free "
                        b"of charge, to any person obtaining a copy\n",
             "src/main.py": b"print('ok')\n"}
    files.update(meta.pop("files", {}))
    return FakeRepo(owner, name, files=files, **meta)


def _nested(n: int = 46) -> Forge:
    """``n`` projects over a group and two levels of subgroups, plus a fork (left out)."""
    forge = Forge()
    owners = ["dinum", "dinum/equipe", "dinum/equipe/produit"]
    forge.add_gitlab(*[_repo(owners[i % 3], f"projet-{i:03d}") for i in range(n)])
    forge.add_gitlab(_repo("dinum/equipe", "une-copie", fork=True))
    return forge


@pytest.fixture
def server() -> Iterator[FakeForge]:
    with FakeForge(_nested()) as running:
        yield running


def _crawler(server: FakeForge, tmp_path: Path, **options: t.Any) -> Crawler:
    return Crawler(CrawlOptions(cache_dir=tmp_path / "cache", gitlab_url=server.gitlab_url, **options),
                   sleep=lambda s: None)


def _items(crawler: Crawler, raw: str) -> list[Item]:
    return list(crawler.items(parse_target(raw)))


def _ok(items: list[Item]) -> list[str]:
    assert [(i.info.full_name, str(i.error)) for i in items if i.error] == []
    return sorted(i.info.full_name for i in items)


def test_a_group_lists_every_project_of_every_subgroup(server: FakeForge, tmp_path: Path) -> None:
    crawler = _crawler(server, tmp_path)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # python-gitlab warns when a listing stops at its first page
        names = _ok(_items(crawler, "gitlab:dinum"))
    assert names == sorted(f"{o}/projet-{i:03d}" for i, o in
                           ((i, ["dinum", "dinum/equipe", "dinum/equipe/produit"][i % 3]) for i in range(46)))
    kinds = server.stats.by_kind
    # One listing page; per project one commit page and one whole tree; blobs in a few batches.
    assert kinds["gitlab.commits"] == kinds["gitlab.tree"] == 46
    assert kinds["gitlab.graphql"] <= 1 + math.ceil(46 / 4)
    assert kinds["gitlab.blob_raw"] == 0  # text blobs come whole from GraphQL
    assert crawler.requests == server.stats.total
    assert all("pagination=none" in r.path for r in server.stats.requests("gitlab.tree"))


def test_listing_pages_cover_the_group_once(server: FakeForge, tmp_path: Path) -> None:
    forge = _crawler(server, tmp_path).gitlab(parse_target("gitlab:dinum"))
    forge.page_size = 10
    pages = list(forge.owner_pages("dinum", Filters(include_forks=True)))
    names = [listed.info.full_name for page, _ in pages for listed in page]
    assert len(pages) == 5 and len(names) == len(set(names)) == 47
    assert [cursor is None for _, cursor in pages] == [False] * 4 + [True]
    assert len(list(forge.owner_pages("dinum", Filters(limit=12)))) == 2


def test_filters_forks_archived_globs_topics(tmp_path: Path) -> None:
    forge = _nested(6)
    forge.add_gitlab(_repo("dinum", "vieux", archived=True, topics=["etat"]))
    with FakeForge(forge) as server:
        names = _ok(_items(_crawler(server, tmp_path), "gitlab:dinum"))
        assert "dinum/equipe/une-copie" not in names and "dinum/vieux" in names
        items = _items(_crawler(server, tmp_path, filters=Filters(include_forks=True)), "gitlab:dinum")
        assert {"dinum/equipe/une-copie", "dinum/vieux"} <= set(_ok(items))
        assert next(i for i in items if i.info.name == "vieux").info.archived is True
        assert next(i for i in items if i.info.name == "une-copie").info.fork is True
        picked = _items(_crawler(server, tmp_path, filters=Filters(include=("projet-00*",),
                                                                    exclude=("*1",))), "gitlab:dinum")
        _ok(picked)
        assert sorted(i.info.name for i in picked) == \
            ["projet-000", "projet-002", "projet-003", "projet-004", "projet-005"]
        assert _ok(_items(_crawler(server, tmp_path, filters=Filters(topics=("ETAT",))),
                          "gitlab:dinum")) == ["dinum/vieux"]


def test_a_project_target_and_a_subgroup_target(server: FakeForge, tmp_path: Path) -> None:
    crawler = _crawler(server, tmp_path)
    (item,) = _items(crawler, "gitlab:dinum/equipe/produit/projet-002")
    assert item.error is None and item.facts is not None
    assert item.info.full_name == "dinum/equipe/produit/projet-002" and item.info.source == "gitlab"
    assert item.facts["repository"]["default_branch"] == "main"
    # Project query, commits, tree, one blob query.
    assert server.stats.total == crawler.requests == 4
    names = _ok(_items(crawler, "gitlab:dinum/equipe/produit"))
    assert len(names) == 15 and all(n.startswith("dinum/equipe/produit/") for n in names)
    url = parse_target(f"{server.gitlab_url}/dinum/equipe/-/tree/main",
                       gitlab_hosts=frozenset({"127.0.0.1"}))
    assert len(_ok(list(crawler.items(url)))) == 30


def test_a_rescan_with_the_cache_costs_the_listing_only(server: FakeForge, tmp_path: Path) -> None:
    first = _crawler(server, tmp_path)
    before = _items(first, "gitlab:dinum")
    server.stats.reset()
    again = _crawler(server, tmp_path)
    after = _items(again, "gitlab:dinum")
    assert again.requests == server.stats.total == 1
    assert [i.facts for i in after] == [i.facts for i in before]


def test_an_unknown_group_is_an_error_card(server: FakeForge, tmp_path: Path, run_cli: RunCli) -> None:
    result = run_cli("scan", "gitlab:nulle-part/rien", "--format", "json", "--gitlab-url",
                     server.gitlab_url, "--cache-dir", str(tmp_path), expect=3)
    (card,) = json.loads(result.stdout)["scorecards"]
    assert card["status"] == "error" and "gitlab:nulle-part/rien" in card["error"]
    assert "not found" in card["error"] and "GITLAB_TOKEN" in card["error"]


def test_a_private_project_is_an_error_card_not_a_crash(tmp_path: Path, run_cli: RunCli) -> None:
    forge = _nested(2)
    forge.add_gitlab(_repo("dinum", "secret", visibility="private"))
    with FakeForge(forge) as server:
        result = run_cli("scan", "gitlab:dinum/secret", "--format", "json", "--lang", "fr",
                         "--gitlab-url", server.gitlab_url, "--cache-dir", str(tmp_path), expect=3)
        (card,) = json.loads(result.stdout)["scorecards"]
        assert card["status"] == "error" and "introuvable" in card["error"]
        # Listed by a group scan, a private project is simply not there (GitLab hides it).
        names = _ok(_items(_crawler(server, tmp_path), "gitlab:dinum"))
        assert "dinum/secret" not in names and len(names) == 2


def test_a_project_that_vanishes_during_the_scan_costs_itself_only(server: FakeForge,
                                                                     tmp_path: Path) -> None:
    crawler = _crawler(server, tmp_path)
    forge = crawler.gitlab(parse_target("gitlab:dinum"))
    (page, _), = list(forge.owner_pages("dinum", Filters()))
    gone = page[0].info.full_name
    server.forge.gitlab_group("dinum").projects.remove(server.forge.gitlab_project(gone))
    server.forge._gitlab_projects.pop(gone.lower())
    items = list(Crawl(forge, crawler.cache).items(page))
    errors = {i.info.full_name: str(i.error) for i in items if i.error}
    assert list(errors) == [gone] and "not found (404)" in errors[gone]
    assert sum(1 for i in items if i.facts) == len(page) - 1


FAULTS = [
    pytest.param(Fault.server_error(502), "gitlab.tree", 3, id="502x3-then-200"),
    pytest.param(Fault.server_error(503), "gitlab.graphql", 2, id="graphql-503"),
    pytest.param(Fault.too_many_requests(retry_after="Wed, 21 Oct 2015 07:28:00 GMT"), "gitlab.commits",
                 2, id="429-http-date"),
    pytest.param(Fault.too_many_requests(retry_after=None, reset_in=-30), "gitlab.graphql", 2,
                 id="429-reset-in-the-past"),
    pytest.param(Fault.too_many_requests(retry_after=None), "gitlab.tree", 2, id="429-no-headers"),
    pytest.param(Fault.too_many_requests(retry_after=None, plain_text=True), "gitlab.commits", 2,
                 id="429-retry-later"),
    pytest.param(Fault.graphql_rate_limited(reset_in=1), "gitlab.graphql", 1, id="graphql-rate-limited"),
    pytest.param(Fault.connection_reset(), "gitlab.tree", 2, id="reset"),
    pytest.param(Fault.html_page(), "gitlab.commits", 2, id="html-proxy-page"),
    pytest.param(Fault.truncated_json(), "gitlab.tree", 2, id="truncated-json"),
    pytest.param(Fault.truncated_json(), "gitlab.graphql", 2, id="truncated-graphql"),
]


@pytest.mark.parametrize(("fault", "where", "times"), FAULTS)
def test_faults_are_survived(tmp_path: Path, fault: Fault, where: str, times: int) -> None:
    plan = FaultPlan().add(fault, where, times=times)
    waits: list[float] = []

    def sleep(seconds: float) -> None:
        assert seconds >= 0
        waits.append(seconds)

    with FakeForge(_nested(6), faults=plan) as server:
        crawler = Crawler(CrawlOptions(cache_dir=tmp_path, gitlab_url=server.gitlab_url), sleep=sleep)
        names = _ok(_items(crawler, "gitlab:dinum"))
        assert len(names) == 6
        assert sum(plan.fired.values()) == times
        assert len(waits) <= times and all(w < 120 for w in waits)  # a zero wait is no sleep
        assert crawler.requests == server.stats.total


@pytest.mark.parametrize(("fault", "where", "words", "attempts"), [
    (Fault.server_error(502), "gitlab.tree", "HTTP 502", 6),  # the attempt cap, then give up
    (Fault.forbidden(), "gitlab.commits", "access denied (403)", 1),  # no retry storm
    (Fault.connection_reset(), "gitlab.blob_raw", "could not be fetched", 3),
])
def test_faults_that_do_not_stop_end_as_error_cards(tmp_path: Path, fault: Fault, where: str, words: str,
                                                     attempts: int) -> None:
    plan = FaultPlan().add(fault, where)
    forge = _nested(3)
    forge.add_gitlab(_repo("dinum", "binaire", files={"LICENSE": b"\xff\xfe\0binary licence"}))
    with FakeForge(forge, faults=plan) as server:
        items = _items(_crawler(server, tmp_path), "gitlab:dinum")
        failed = {i.info.full_name: str(i.error) for i in items if i.error}
        hit = {r.path.split("/repository")[0] for r in server.stats.requests(where)}
        assert len(items) == 4 and len(failed) == len(hit) >= 1
        assert all(words in text for text in failed.values()), failed
        assert server.stats.by_kind[where] == attempts * len(hit)


def test_a_timeout_is_set_and_a_held_connection_retried(tmp_path: Path) -> None:
    plan = FaultPlan().add(Fault.timeout(hold=3), "gitlab.commits", times=1)
    with FakeForge(_nested(2), faults=plan) as server:
        crawler = _crawler(server, tmp_path)
        crawler.gitlab(parse_target("gitlab:dinum")).client.timeout = 1
        assert len(_ok(_items(crawler, "gitlab:dinum"))) == 2


def test_too_heavy_blob_batches_are_halved(tmp_path: Path) -> None:
    forge = Forge()
    for i in range(6):  # 60 distinct descriptions each: one project per query is all that fits
        specs = {f"docs/api-{k}/openapi.yaml": f"openapi: 3.0.{i}\n# {k}\n".encode() for k in range(60)}
        forge.add_gitlab(_repo("lourd", f"p{i}", files=specs))
    with FakeForge(forge) as server:
        crawler = _crawler(server, tmp_path)
        gl = crawler.gitlab(parse_target("gitlab:lourd"))
        gl.blob_projects = 6
        _ok(_items(crawler, "gitlab:lourd"))
        scores = [r.notes.get("complexity") for r in server.stats.requests("gitlab.graphql")]
        refused = [r for r in server.stats.requests("gitlab.graphql") if "complexity" not in r.notes]
        assert refused, "the first batch should have been too heavy"
        assert all(s is None or s <= 200 for s in scores)


def _local_facts(repo: FakeRepo, root: Path, cap: int | None = None) -> dict[str, t.Any]:
    checkout = materialise(repo, root)
    snapshot = local_snapshot(checkout, max_file_bytes=cap) if cap else local_snapshot(checkout)
    snapshot.revisions = None  # as a remote source: no file history to date the DCO with
    return build_facts(snapshot)


def _remote_facts(repo: FakeRepo, tmp_path: Path,
                  cap: int | None = None) -> tuple[dict[str, t.Any], FakeForge]:
    forge = Forge()
    forge.add_gitlab(repo)
    with FakeForge(forge) as server:
        crawler = _crawler(server, tmp_path)
        gl = crawler.gitlab(parse_target("gitlab:x"))
        crawl = Crawl(gl, crawler.cache)
        if cap:
            gl.max_file_bytes = crawl.max_file_bytes = cap
        listed = gl.project(repo.full_name)
        assert listed is not None
        (item,) = list(crawl.items([listed]))
        assert item.error is None and item.facts is not None
        return item.facts, server


def _same(remote: dict[str, t.Any], local: dict[str, t.Any]) -> None:
    drop = ("repository",)
    assert {k: v for k, v in remote.items() if k not in drop} == \
        {k: v for k, v in local.items() if k not in drop}


CORPUS_REPOS = sorted(p for p in CORPUS.iterdir() if p.is_dir()) if CORPUS.is_dir() else []


@pytest.mark.skipif(not CORPUS_REPOS, reason="shared corpus not present")
@pytest.mark.parametrize("folder", CORPUS_REPOS, ids=[p.name for p in CORPUS_REPOS])
def test_a_corpus_repository_gives_the_same_facts_as_its_checkout(folder: Path, tmp_path: Path) -> None:
    owner, name = folder.name.split("__", 1)
    repo = repo_from_folder(folder, f"corpus/{owner}", name)
    remote, server = _remote_facts(repo, tmp_path / "remote")
    _same(remote, _local_facts(repo, tmp_path / "local"))
    per_project = server.stats.total
    assert per_project <= 6, dict(server.stats.by_kind)


def test_exact_bytes_links_and_the_size_cap(tmp_path: Path) -> None:
    latin1 = "Licence publique de l'Union européenne v. 1.2\n".encode("cp1252") * 3
    repo = FakeRepo("dinum", "bords", files={
        "LICENCE.txt": latin1,
        "README.md": b"# Bords\r\n\r\nA BOM and CRLF:\xef\xbb\xbf done\r\n",
        "CONTRIBUTING.md": b"x" * 5_000,  # over the cap below: reported too large, never fetched
        "docs/logo.png": b"\x89PNG\r\n\x1a\n\0\0\0",
        "publiccode.yml": b"publiccodeYmlVersion: '0.4'\nname: Bords\n",
    }, symlinks={"COPYING": "LICENCE.txt", "docs/out": "../../etc/passwd"},
        commits=[(f"Change\n\n{SIGNED}", "Alice Martin", "alice.martin@example.gouv.fr"),
                 ("Unsigned change", "Bob Durand", "bob.durand@example.gouv.fr"),
                 ("Bump deps", "dependabot[bot]", "bot@example.com")])
    remote, server = _remote_facts(repo, tmp_path / "remote", cap=4_096)
    _same(remote, _local_facts(repo, tmp_path / "local", cap=4_096))
    raw = [r.path for r in server.stats.requests("gitlab.blob_raw")]
    oid = repo.git.paths["CONTRIBUTING.md"].oid
    assert raw and not any(oid in path for path in raw)  # the Latin-1 licence came raw, not the big file


def test_cli_scans_a_group_to_json(server: FakeForge, tmp_path: Path, run_cli: RunCli) -> None:
    result = run_cli("scan", "gitlab:dinum/equipe", "--format", "json", "--gitlab-url", server.gitlab_url,
                     "--cache-dir", str(tmp_path), "--limit", "5", expect=None)
    run = json.loads(result.stdout)
    assert result.exit_code in (0, 1) and run["targets"] == ["gitlab:dinum/equipe"]
    assert [c["status"] for c in run["scorecards"]] == ["ok"] * 5
    assert all(c["repository"]["source"] == "gitlab" for c in run["scorecards"])


def test_scan_end_to_end_and_the_token_stays_secret(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    token = "glpat-SENTINEL-0123456789"
    monkeypatch.setenv("GITLAB_TOKEN", token)
    with FakeForge(_nested(4), token=token) as server:
        options = ScanOptions(targets=[parse_target("gitlab:dinum")], ruleset=RULESET,
                              crawl=CrawlOptions(cache_dir=tmp_path, gitlab_url=server.gitlab_url))
        run = scan(options)
        assert [c["status"] for c in run["scorecards"]] == ["ok"] * 4
        assert exit_code(run, fail_under=None, fail_on="never") == 0
        assert all(r.authorization for r in server.stats.log)
        monkeypatch.setenv("GITLAB_TOKEN", "glpat-WRONG")
        options.crawl = CrawlOptions(cache_dir=tmp_path / "b", gitlab_url=server.gitlab_url)
        refused = scan(options)
        (card,) = refused["scorecards"]
        assert card["status"] == "error" and "401" in card["error"] and "GITLAB_TOKEN" in card["error"]
    text = json.dumps([run, refused]) + "".join(capsys.readouterr())
    text += "".join(p.read_bytes().decode("latin-1") for p in tmp_path.rglob("*") if p.is_file())
    assert token not in text and "glpat-WRONG" not in text


def test_one_forge_per_instance(server: FakeForge, tmp_path: Path) -> None:
    crawler = _crawler(server, tmp_path)
    forge = crawler.gitlab(parse_target("gitlab:dinum"))
    assert isinstance(forge, GitLabForge) and forge is crawler.gitlab(parse_target("gitlab:other"))
    hosts = frozenset({"git.example.org"})
    other = crawler.gitlab(parse_target("https://git.example.org/a/b", gitlab_hosts=hosts))
    assert other is not forge and other.client.url == "https://git.example.org"


def test_a_plain_http_gitlab_url_is_a_usage_error(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli("scan", "gitlab:dinum", "--gitlab-url", "http://gitlab.example.org",
                     "--cache-dir", str(tmp_path), expect=2)
    assert "--gitlab-url" in result.stderr and "https" in result.stderr


def test_a_self_hosted_url_target_on_the_configured_instance(server: FakeForge, tmp_path: Path,
                                                             run_cli: RunCli) -> None:
    result = run_cli("scan", f"{server.gitlab_url}/dinum/equipe/produit/projet-005", "--gitlab-host",
                     "127.0.0.1", "--gitlab-url", server.gitlab_url, "--format", "json",
                     "--cache-dir", str(tmp_path), expect=None)
    (card,) = json.loads(result.stdout)["scorecards"]
    assert card["status"] == "ok" and card["repository"]["full_name"] == "dinum/equipe/produit/projet-005"


def test_a_submodule_is_not_a_file_of_the_project(server: FakeForge, tmp_path: Path) -> None:
    repo = _repo("dinum", "avec-module", submodules={"vendor/lib": "1" * 40})
    server.forge.add_gitlab(repo)
    (item,) = _items(_crawler(server, tmp_path), "gitlab:dinum/avec-module")
    assert item.facts is not None
    assert "vendor/lib" not in json.dumps(item.facts)  # neither listed nor reported (remote.layout)


class _Heard:
    def __init__(self) -> None:
        self.notices: list[str] = []

    def found(self, count: int) -> None:
        pass

    def waiting(self, seconds: float, reason: str) -> None:
        pass

    def notice(self, en: str, fr: str) -> None:
        self.notices.append(en)


def test_anonymous_access_is_said_once_per_instance(server: FakeForge, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    heard = _Heard()
    crawler = Crawler(CrawlOptions(cache_dir=tmp_path, gitlab_url=server.gitlab_url), heard)
    crawler.gitlab(parse_target("gitlab:dinum"))
    crawler.gitlab(parse_target("gitlab:autre"))
    assert len(heard.notices) == 1 and "public projects only" in heard.notices[0]
    monkeypatch.setenv("GITLAB_TOKEN", "glpat-x")
    heard.notices.clear()
    Crawler(CrawlOptions(cache_dir=tmp_path, gitlab_url=server.gitlab_url), heard).gitlab(
        parse_target("gitlab:dinum"))
    assert heard.notices == []
