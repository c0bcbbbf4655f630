"""Benchmark: a 1,000-repository organisation crawled through faults, killed, resumed and shared.

Serves a synthetic GitHub organisation (tests/fakeforge) and runs, each in a process of its own:

1. ``clean``: the whole scan with no fault (the reference, and the request count of an
   uninterrupted run);
2. ``faults``: the same scan through ``every_fault`` (5% 5xx, timeouts, resets, primary and
   secondary rate limits, GraphQL RATE_LIMITED with HTTP 200, truncated trees, one repository
   whose tree can never be completed), waits recorded instead of slept. Every repository must end
   scored (as in ``clean``, unless its tree was cut: then ``repository-files-readable`` fails) or
   ``error`` with a reason; none lost, none twice;
3. ``resume``: the command line killed with SIGKILL by the server at the N/2-th tree request,
   then ``--resume``: no repository lost, at most 2% of the uninterrupted run's requests repeated
   (counted at the server);
4. ``shared``: two command lines at once sharing one fresh ``--cache-dir``; both complete and
   equal to ``clean``;
5. ``gitlab``: a GitLab group of ``--gitlab-projects`` through GitLab's faults (429 without
   headers, with an HTTP-date or a past reset, as plain text …), checked as in 2.

Run ``python bench/faults.py`` (``--repos N``, ``--gitlab-projects N``, ``--seed S``). Prints
figures, then as its LAST line the JSON ``{"repositories", "faults_fired", "scored", "errors",
"truncated", "lost", "unexplained", "changed", "resume": {"uninterrupted_requests",
"killed_after", "repeated", "repeated_pct", "lost"}, "shared": {...}, "gitlab": {...},
"wall_s"}``. Targets: lost, unexplained and changed 0; repeated_pct ≤ 2. Not part of the test
suite.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import signal
import subprocess
import sys
import tempfile
import time
import typing as t
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TOKEN = "bench-token-not-a-secret"
ARGS = ["--format", "json", "--fail-on", "never", "--quiet"]


def _faulty_scan(queue: t.Any, env: dict[str, str], target: str, cache: str) -> None:
    """One scan in this fresh process, waits recorded rather than slept (``VirtualTime``)."""
    os.environ.update(env)
    import scanner.run
    from scanner.engine.loader import load_ruleset
    from scanner.run import ScanOptions, scan
    from scanner.sources.crawl import CrawlOptions
    from scanner.targets import parse_target
    from tests.fakeforge import VirtualTime

    virtual = VirtualTime()
    scanner.run.make_crawler = lambda targets, crawl=None, listener=None: virtual.crawler(
        crawl, listener)
    run = scan(ScanOptions(targets=[parse_target(target)], ruleset=load_ruleset([]),
                           include_facts=True, crawl=CrawlOptions(cache_dir=Path(cache))))
    queue.put({"run": run, "waits": len(virtual.waits), "waited_s": round(virtual.elapsed, 1)})


def _in_child(*args: t.Any) -> dict[str, t.Any]:
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=_faulty_scan, args=(queue, *args))
    process.start()
    result = t.cast(dict[str, t.Any], queue.get(timeout=1800))
    process.join()
    return result


def _civiscan(args: list[str], env: dict[str, str], cwd: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "scanner", *args], cwd=cwd, text=True,
                            env={**os.environ, **env, "PYTHONPATH": str(ROOT)},
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _cards(run: dict[str, t.Any]) -> dict[str, t.Any]:
    return {c["repository"]["full_name"]: c for c in run["scorecards"]}


def _outcome(card: dict[str, t.Any]) -> tuple[t.Any, ...]:
    return (card["status"], card["score"], [(f["rule"], f["status"]) for f in card["findings"]])


def check(run: dict[str, t.Any], expected: set[str], clean: dict[str, t.Any]) -> dict[str, t.Any]:
    """Every repository once, scored or with a reason; scored ones as in ``clean`` unless cut."""
    names = [c["repository"]["full_name"] for c in run["scorecards"]]
    tally: dict[str, t.Any] = {
        "scored": 0, "errors": 0, "truncated": 0, "lost": len(expected - set(names)),
        "extra_or_twice": len(names) - len(set(names)) + len(set(names) - expected),
        "unexplained": 0, "changed": 0}
    for card in run["scorecards"]:
        if card["status"] != "ok":
            tally["errors"] += 1
            if not (isinstance(card["error"], str) and card["error"].strip()):
                tally["unexplained"] += 1
            else:  # "owner/name: why" -> "why"
                why = card["error"].split(": ", 1)[-1]
                tally.setdefault("reasons", Counter())[why] += 1
            continue
        tally["scored"] += 1
        if card["facts"]["repository"]["truncated"]:
            tally["truncated"] += 1
            readable = next(f for f in card["findings"] if f["rule"] == "repository-files-readable")
            if readable["status"] != "fail":
                tally["unexplained"] += 1  # a silent gap
        elif _outcome(card) != _outcome(clean[card["repository"]["full_name"]]):
            tally["changed"] += 1
    return tally


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repos", type=int, default=1000)
    parser.add_argument("--gitlab-projects", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    from tests.fakeforge import FakeForge, FaultPlan, Forge, Killer, every_fault, synthetic_org

    started = time.perf_counter()
    repos = synthetic_org("bench", args.repos, seed=args.seed)
    projects = synthetic_org("gitlab", args.gitlab_projects, seed=args.seed + 1)
    for index, project in enumerate(projects):
        project.owner = ("incubateur", "incubateur/ministere-a")[index % 2]
    forge = Forge()
    forge.add_github(*repos)
    forge.add_gitlab(*projects)
    expected = {r.full_name for r in repos if not r.fork}
    cut = next(r for r in repos if not r.fork and not r.empty and any("/" in p for p in r.files))
    killer = Killer()
    result: dict[str, t.Any] = {"repositories": len(expected)}
    with FakeForge(forge, token=TOKEN, latency=killer) as server, \
            tempfile.TemporaryDirectory() as work:
        env = {"GITHUB_API_URL": server.github_api_url, "GITHUB_TOKEN": TOKEN,
               "GITLAB_URL": server.gitlab_url, "GITLAB_TOKEN": TOKEN}

        # 1. The reference.
        clean_process = _civiscan(["scan", "github:bench", *ARGS, "-o", "clean.json",
                                   "--cache-dir", "clean"], env, work)
        assert clean_process.wait() == 0, clean_process.communicate()[1][-2000:]
        uninterrupted = server.stats.total
        clean = _cards(json.loads(Path(work, "clean.json").read_text()))
        print(f"clean     {len(clean):5} repositories  {uninterrupted:6} requests", flush=True)

        # 2. Faults.
        plan = every_fault(args.seed, always_cut=cut.full_name)
        server.faults = plan
        before = server.stats.total
        faulty = _in_child(env, "github:bench", f"{work}/faulty")
        server.faults = FaultPlan()
        tally = check(faulty["run"], expected, clean)
        reasons = tally.pop("reasons", Counter())
        for why, count in reasons.most_common():
            print(f"          error card x{count}: {why[:150]}")
        tally["error_reasons"] = dict(reasons.most_common(5))
        fired = sum(plan.fired.values())
        kinds = sorted({kind for kind, _ in plan.fired})
        result.update(faults_fired=fired, fault_kinds=kinds, **tally, waits=faulty["waits"],
                      waited_s=faulty["waited_s"])
        print(f"faults    {fired} faults fired ({', '.join(kinds)}) in "
              f"{server.stats.total - before} requests; {tally['scored']} scored, "
              f"{tally['errors']} error cards, {tally['truncated']} cut trees reported; "
              f"lost {tally['lost']}, unexplained {tally['unexplained']}, changed "
              f"{tally['changed']}; {faulty['waits']} waits ({faulty['waited_s']} s asked)",
              flush=True)

        # 3. SIGKILL halfway, then --resume.
        server.stats.reset()
        killed = _civiscan(["scan", "github:bench", *ARGS, "-o", "partial.json", "--cache-dir",
                            "resume"], env, work)
        killer.arm(killed.pid, after=len(expected) // 2)
        killed.communicate()
        killer.disarm()
        killed_after = server.stats.total
        resumed = _civiscan(["scan", "github:bench", *ARGS, "-o", "resumed.json",
                             "--cache-dir", "resume", "--resume"], env, work)
        assert resumed.wait() == 0, resumed.communicate()[1][-2000:]
        repeated = server.stats.total - uninterrupted
        run = _cards(json.loads(Path(work, "resumed.json").read_text()))
        result["resume"] = {
            "killed": killed.returncode == -signal.SIGKILL, "uninterrupted_requests": uninterrupted,
            "killed_after": killed_after, "repeated": repeated,
            "repeated_pct": round(100 * repeated / uninterrupted, 2),
            "lost": len(expected - set(run)),
            "changed": sum(1 for n, c in run.items() if _outcome(c) != _outcome(clean[n]))}
        print(f"resume    killed after {killed_after} requests; resumed: {repeated} repeated "
              f"({result['resume']['repeated_pct']}%), lost {result['resume']['lost']}, changed "
              f"{result['resume']['changed']}", flush=True)

        # 4. Two runs at once, one cache.
        both = [_civiscan(["scan", "github:bench", *ARGS, "-o", f"shared{i}.json", "--cache-dir",
                           "shared"], env, work) for i in range(2)]
        codes = [process.wait() for process in both]
        shared = [_cards(json.loads(Path(work, f"shared{i}.json").read_text())) for i in range(2)]
        result["shared"] = {"exit_codes": codes, "lost": sum(len(expected - set(s)) for s in shared),
                            "changed": sum(1 for s in shared for n, c in s.items()
                                           if _outcome(c) != _outcome(clean[n]))}
        print(f"shared    exit codes {codes}, lost {result['shared']['lost']}, changed "
              f"{result['shared']['changed']}", flush=True)

        # 5. GitLab's faults.
        if projects:
            gitlab_expected = {f"{p.owner}/{p.name}" for p in projects if not p.fork}
            clean_gitlab = _in_child(env, "gitlab:incubateur", f"{work}/gl-clean")["run"]
            plan = every_fault(args.seed, forge="gitlab")
            server.faults = plan
            faulty = _in_child(env, "gitlab:incubateur", f"{work}/gl-faulty")
            server.faults = FaultPlan()
            tally = check(faulty["run"], gitlab_expected, _cards(clean_gitlab))
            tally["error_reasons"] = dict(tally.pop("reasons", Counter()).most_common(5))
            result["gitlab"] = {"projects": len(gitlab_expected),
                                "faults_fired": sum(plan.fired.values()),
                                "fault_kinds": sorted({kind for kind, _ in plan.fired}), **tally}
            print(f"gitlab    {len(gitlab_expected)} projects, {result['gitlab']['faults_fired']} "
                  f"faults fired; {tally['scored']} scored, {tally['errors']} error cards; lost "
                  f"{tally['lost']}, unexplained {tally['unexplained']}, changed {tally['changed']}",
                  flush=True)
    result["wall_s"] = round(time.perf_counter() - started, 1)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
