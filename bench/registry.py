"""Benchmark: scanning a synthetic startup registry against the fake forge (tests/fakeforge).

Serves a 300-startup registry laid out as beta.gouv.fr's v2.6 document
(``tests.fakeforge.registry.synthetic_registry``: empty and absent repository fields, shared
repositories, 404s, private repositories, an organisation, gitlab.com and self-hosted GitLab
projects, values that name no forge) with 50 ms latency per request, and measures (a) a first
scan with an empty cache, (b) a re-scan in which nothing moved, (c) the same repositories given
as one target each (what a user would do without registry targets: no batched lookups). Each
scan runs in a fresh process; requests are counted by the server, per endpoint kind.

Then says how many startups each finding caught: the startup rules, and each repository rule
failing on at least one repository a startup declares.

Run ``python bench/registry.py`` (``--startups N``, ``--latency S``, ``--seed N``). Prints figures,
then, as its LAST line, the JSON ``{"first": {...}, "rescan": {...}, "targets": {...},
"caught": {rule: startups}}``. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import resource
import sys
import tempfile
import time
import typing as t
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TOKEN = "bench-token-not-a-secret"
PATH = "/api/v2.6/startups.json"


def _scan(queue: t.Any, env: dict[str, str], targets: list[str], cache: str,
          instances: dict[str, str]) -> None:
    """One civiscan scan in this (fresh) process: wall time, peak memory, what it found."""
    os.environ.update(env)
    from scanner.engine.loader import load_ruleset
    from scanner.run import ScanOptions, scan
    from scanner.sources.crawl import CrawlOptions
    from scanner.targets import parse_target

    ruleset = load_ruleset([])
    hosts = frozenset(instances)
    started = time.perf_counter()
    run = scan(ScanOptions(targets=[parse_target(x, gitlab_hosts=hosts) for x in targets],
                           ruleset=ruleset, gitlab_hosts=hosts,
                           crawl=CrawlOptions(cache_dir=Path(cache), gitlab_url=env["GITLAB_URL"],
                                              gitlab_instances=instances)))
    wall = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    repositories = [c for c in run["scorecards"] if c["kind"] == "repository"]
    startups = [c for c in run["scorecards"] if c["kind"] == "startup"]
    by_name = {c["repository"]["full_name"]: c for c in repositories}
    caught: Counter[str] = Counter()
    for card in startups:
        failing = {f["rule"] for f in card["findings"] if f["status"] in ("fail", "review")}
        for name in card.get("repositories") or []:
            repo = by_name.get(name)
            if repo and repo["status"] == "ok":
                failing |= {f["rule"] for f in repo["findings"] if f["status"] == "fail"}
        caught.update(failing)
    statuses = Counter(c["code"]["status"] for c in startups if c.get("code"))
    queue.put({"wall_s": round(wall, 2), "peak_mb": round(peak, 1),
               "repositories": len(repositories),
               "errors": sum(1 for c in repositories if c["status"] != "ok"),
               "startups": len(startups), "summary": run["summary"].get("startups"),
               "statuses": dict(statuses), "caught": dict(caught),
               "startup_findings": {r: dict(Counter(f["status"] for c in startups
                                                    for f in c["findings"] if f["rule"] == r))
                                    for r in ("startup-repository-declared",
                                              "startup-repository-public")}})


def _in_child(*args: t.Any) -> dict[str, t.Any]:
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=_scan, args=(queue, *args))
    process.start()
    result = t.cast(dict[str, t.Any], queue.get(timeout=900))
    process.join()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--startups", type=int, default=300)
    parser.add_argument("--latency", type=float, default=0.05)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    from tests.fakeforge.model import Forge
    from tests.fakeforge.registry import synthetic_registry
    from tests.fakeforge.server import FakeForge

    synthetic = synthetic_registry(args.startups, seed=args.seed)
    forge = Forge()
    forge.add_github(*synthetic.github)
    forge.add_gitlab(*synthetic.gitlab)
    forge.add_document(PATH, synthetic.document)
    print(f"registry: {args.startups} startups, {len(synthetic.document) / 1024:.0f} KB; intents "
          + ", ".join(f"{k} {v}" for k, v in sorted(Counter(synthetic.intent.values()).items())))
    results: dict[str, t.Any] = {}
    with FakeForge(forge, latency=args.latency, token=TOKEN) as server, \
            tempfile.TemporaryDirectory() as cache:
        env = {"GITHUB_API_URL": server.github_api_url, "GITHUB_TOKEN": TOKEN,
               "GITLAB_URL": server.gitlab_url, "GITLAB_TOKEN": TOKEN}
        instances = {"gitlab.com": server.gitlab_url, "forge.example.gouv.fr": server.gitlab_url}
        registry = [f"registry:{server.web_url}{PATH}"]
        first = _in_child(env, registry, cache, instances)
        # The same repositories, one target each (no registry: no batched lookups).
        declared = sorted({f"github:{r.full_name}" for r in synthetic.github
                           if f"https://github.com/{r.full_name}".lower()
                           in synthetic.document.decode().lower()})
        runs = [("first", registry, cache, first), ("rescan", registry, cache, None),
                ("targets", declared, cache + "/t", None)]
        for label, targets, where, done in runs:
            before = server.stats.total
            kinds = Counter(server.stats.by_kind)
            outcome = done if done is not None else _in_child(env, targets, where, instances)
            if done is not None:  # the first scan ran before the counters were read
                before, kinds = 0, Counter()
            requests = server.stats.total - before
            by_kind = Counter(server.stats.by_kind)
            by_kind.subtract(kinds)
            outcome.update(requests=requests,
                           requests_per_repo=round(requests / max(1, outcome["repositories"]), 3),
                           by_kind={k: v for k, v in sorted(by_kind.items()) if v})
            results[label] = outcome
            print(f"{label:8} {outcome['repositories']:4} repositories ({outcome['errors']} error "
                  f"cards), {outcome['startups']:3} startups  {requests:5} requests  "
                  f"{outcome['requests_per_repo']:6.3f}/repo  {outcome['wall_s']:6.2f} s  "
                  f"peak {outcome['peak_mb']:6.1f} MB", flush=True)
            print("         by kind: " + ", ".join(f"{k} {v}" for k, v in outcome["by_kind"].items()))
    first = results["first"]
    print("startups:", json.dumps(first["summary"], ensure_ascii=False))
    print("code status:", ", ".join(f"{k} {v}" for k, v in sorted(first["statuses"].items())))
    for rule, counts in first["startup_findings"].items():
        print(f"  {rule}: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    print("startups caught, by rule (a startup counts once per rule; repository rules: failing on "
          "a repository it declares):")
    for rule, count in sorted(first["caught"].items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"  {count:4}  {rule}")
    print(json.dumps({**{k: {f: v[f] for f in ("requests", "requests_per_repo", "wall_s", "peak_mb",
                                               "repositories", "startups")}
                         for k, v in results.items()}, "caught": first["caught"]}))


if __name__ == "__main__":
    main()
