"""A crawl through every fault a forge throws: each repository ends scored or with the reason it
could not be; a tree the host cut is a finding; an interrupted crawl (SIGKILL) resumes without
losing a repository or repeating requests; two runs share one cache.

(``bench/faults.py`` runs the same at 1,000 repositories.)"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import typing as t
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

import scanner.run
from scanner.engine.loader import load_ruleset
from scanner.run import ScanOptions, scan
from scanner.sources.crawl import CrawlOptions
from scanner.sources.remote import Filters
from scanner.targets import parse_target
from tests.fakeforge import FakeForge, FaultPlan, Forge, Killer, VirtualTime, every_fault
from tests.fakeforge.model import FakeRepo, synthetic_org
from tests.support import REPO_ROOT

TOKEN = "ghp_FAULTStokenFAULTStokenFAULTS00000000000"
RULESET = load_ruleset([])


def expected_names(repos: list[FakeRepo]) -> set[str]:
    return {r.full_name for r in repos if not r.fork}


def check_every_repository_is_accounted_for(
        run: dict[str, t.Any], names: list[str],
        clean: dict[str, dict[str, t.Any]] | None = None) -> dict[str, int]:
    """Scored or ``error`` with a reason, once each, none lost; a cut tree is a failing finding.
    With ``clean`` (an unfaulted run's cards by name), a scored repository scores the same."""
    cards = run["scorecards"]
    assert sorted(c["repository"]["full_name"] for c in cards) == sorted(names)  # once each
    tally = {"ok": 0, "error": 0, "truncated": 0}
    for card in cards:
        tally[card["status"]] += 1
        if card["status"] != "ok":
            assert isinstance(card["error"], str) and card["error"].strip(), card
            continue
        assert card["score"] is not None
        readable = next(f for f in card["findings"] if f["rule"] == "repository-files-readable")
        if card["facts"]["repository"]["truncated"]:
            tally["truncated"] += 1
            assert readable["status"] == "fail" and "partial" in readable["message"], readable
        elif clean is not None:
            before = clean[card["repository"]["full_name"]]
            assert before["status"] == "ok"
            assert (card["score"], _outcomes(card)) == (before["score"], _outcomes(before))
    return tally


def _outcomes(card: dict[str, t.Any]) -> list[tuple[str, str]]:
    return [(f["rule"], f["status"]) for f in card["findings"]]


def _civiscan(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.Popen[str]:
    """The command line in a process of its own (so that it can be killed)."""
    return subprocess.Popen([sys.executable, "-m", "scanner", *args], cwd=cwd, text=True,
                            env={**os.environ, **env, "PYTHONPATH": str(REPO_ROOT)},
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _finish(process: subprocess.Popen[str]) -> int:
    _, stderr = process.communicate(timeout=300)
    assert process.returncode in (0, -signal.SIGKILL), stderr[-2000:]
    return process.returncode


class Org(t.NamedTuple):
    repos: list[FakeRepo]
    server: FakeForge
    killer: Killer
    env: dict[str, str]
    whole: dict[str, t.Any]
    requests: int


ARGS = ["--format", "json", "--fail-on", "never", "--quiet"]


@pytest.fixture(scope="module")
def org(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Org]:
    """250 repositories (about 230 requests: 2% is 4.6, the crawl's 4 workers' worth), and
    their uninterrupted run."""
    repos = synthetic_org("killed", 250, seed=21)
    forge = Forge()
    forge.add_github(*repos)
    killer = Killer()
    with FakeForge(forge, token=TOKEN, latency=killer) as server:
        env = {"GITHUB_API_URL": server.github_api_url, "GITHUB_TOKEN": TOKEN}
        folder = tmp_path_factory.mktemp("whole")
        _finish(_civiscan(["scan", "github:killed", *ARGS, "-o", "run.json", "--cache-dir",
                           "cache"], env, folder))
        whole = json.loads((folder / "run.json").read_text())
        yield Org(repos, server, killer, env, whole, server.stats.total)


def _same_run(run: dict[str, t.Any], org: Org, limit: int | None = None) -> None:
    """The run has the whole run's first ``limit`` repositories, each as it was there."""
    def cards(run: dict[str, t.Any]) -> dict[str, t.Any]:
        return {c["repository"]["full_name"]: (c["status"], c["score"], _outcomes(c))
                for c in run["scorecards"][:limit]}

    assert sorted(c["repository"]["full_name"] for c in org.whole["scorecards"]) == \
        sorted(expected_names(org.repos))
    assert cards(run) == cards(org.whole)


def test_sigkill_then_resume_loses_nothing_and_repeats_little(org: Org, tmp_path: Path) -> None:
    server = org.server
    server.stats.reset()
    killed = _civiscan(["scan", "github:killed", *ARGS, "-o", "partial.json", "--cache-dir",
                        "cache"], org.env, tmp_path)
    org.killer.arm(killed.pid, after=120)
    try:
        assert _finish(killed) == -signal.SIGKILL  # no handler, no flush, no goodbye
    finally:
        org.killer.disarm()
    killed_after = server.stats.total
    first = Counter((r.method, r.path, json.dumps(r.notes, sort_keys=True))
                    for r in server.stats.log)
    assert 0.3 * org.requests < killed_after < 0.8 * org.requests
    assert not (tmp_path / "partial.json").exists()

    _finish(_civiscan(["scan", "github:killed", *ARGS, "-o", "resumed.json", "--cache-dir",
                       "cache", "--resume"], org.env, tmp_path))
    repeated = server.stats.total - org.requests
    again = [(r.method, r.path, r.notes) for r in server.stats.log[killed_after:]
             if (r.method, r.path, json.dumps(r.notes, sort_keys=True)) in first]
    assert repeated <= 0.02 * org.requests, (killed_after, repeated, org.requests, again)
    _same_run(json.loads((tmp_path / "resumed.json").read_text()), org)


def test_two_runs_sharing_a_cache_both_finish_correctly(org: Org, tmp_path: Path) -> None:
    runs = [_civiscan(["scan", "github:killed", *ARGS, "-o", f"run{i}.json", "--cache-dir",
                       "shared", "--limit", "100"], org.env, tmp_path) for i in range(2)]
    for process in runs:
        assert _finish(process) == 0
    for i in range(2):
        run = json.loads((tmp_path / f"run{i}.json").read_text())
        assert len(run["scorecards"]) == 100
        _same_run(run, org, limit=100)


def test_every_fault_ends_in_a_score_or_a_reason(org: Org, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """150 repositories of the organisation through 5% server errors and every other fault;
    waits are recorded, not slept (the fake's limits are faults: nothing to wait out)."""
    names = [c["repository"]["full_name"] for c in org.whole["scorecards"]][:150]
    cut = next(r for r in org.repos if r.full_name in names[50:] and not r.empty
               and any("/" in path for path in r.files))
    plan = every_fault(seed=5, always_cut=cut.full_name)
    virtual = VirtualTime()
    for var, value in org.env.items():
        monkeypatch.setenv(var, value)
    monkeypatch.setattr(scanner.run, "make_crawler",
                        lambda targets, crawl, listener: virtual.crawler(crawl, listener))
    org.server.faults = plan
    try:
        run = scan(ScanOptions(targets=[parse_target("github:killed")], ruleset=RULESET,
                               include_facts=True, crawl=CrawlOptions(
                                   cache_dir=tmp_path, filters=Filters(limit=150))))
    finally:
        org.server.faults = FaultPlan()

    fired = {kind for kind, _ in plan.fired}
    assert fired >= {"server_error", "timeout", "reset", "primary_rate_limit",
                     "secondary_rate_limit", "graphql_rate_limited", "truncated_tree"}, plan.fired
    clean = {c["repository"]["full_name"]: c for c in org.whole["scorecards"]}
    tally = check_every_repository_is_accounted_for(run, names, clean)
    assert tally["truncated"] >= 1 and tally["ok"] >= 0.9 * len(names), tally
    (card,) = [c for c in run["scorecards"] if c["repository"]["full_name"] == cut.full_name]
    assert card["facts"]["repository"]["truncated"] is True
    # Said in the facts and the scorecard's notices (a notice about the source, not a file
    # problem), and the readable-files rule fails on it.
    assert any(n["message"].startswith("the host cut the file listing")
               for n in card["facts"]["repository"]["notices"])
    assert any("the host cut the file listing" in n for n in card["notices"])
    (readable,) = [f for f in card["findings"] if f["rule"] == "repository-files-readable"]
    assert readable["status"] == "fail"
    assert virtual.waits  # rate limits and errors were waited out, not hammered
