"""Benchmark: requests per project for a GitLab group of N projects over nested subgroups, on
the fake GitLab (tests/fakeforge): a first scan, then a re-scan with the cache.

    python bench/gitlab_crawl.py [--projects 100] [--latency 0.0]

Prints figures, then, as its LAST line, the JSON ``{"projects": ..., "first": {...},
"rescan": {...}}`` (requests in all, per scanned project, by endpoint). Not part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import typing as t
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from scanner.sources.crawl import Crawler, CrawlOptions
from scanner.targets import parse_target
from tests.fakeforge import FakeForge, Forge, synthetic_org

GROUPS = ("dinum", "dinum/equipe", "dinum/equipe/produit", "dinum/autre")


def _forge(projects: int) -> Forge:
    forge = Forge()
    share = -(-projects // len(GROUPS))
    for seed, group in enumerate(GROUPS):
        count = min(share, projects - seed * share)
        forge.add_gitlab(*synthetic_org(group, max(0, count), seed=seed))
    return forge


def _scan(server: FakeForge, cache: Path) -> dict[str, t.Any]:
    server.stats.reset()
    crawler = Crawler(CrawlOptions(cache_dir=cache, gitlab_url=server.gitlab_url), sleep=lambda s: None)
    started = time.perf_counter()
    items = list(crawler.items(parse_target("gitlab:dinum")))
    scanned = sum(1 for i in items if i.error is None)
    return {"items": len(items), "scanned": scanned, "requests": crawler.requests,
            "per_project": round(crawler.requests / max(1, scanned), 3),
            "by_endpoint": dict(sorted(server.stats.by_kind.items())),
            "seconds": round(time.perf_counter() - started, 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--projects", type=int, default=100)
    parser.add_argument("--latency", type=float, default=0.0, help="seconds added to each answer")
    args = parser.parse_args()
    with FakeForge(_forge(args.projects), latency=args.latency) as server, \
            tempfile.TemporaryDirectory() as tmp:
        first = _scan(server, Path(tmp))
        rescan = _scan(server, Path(tmp))
    for name, figures in (("first scan", first), ("re-scan", rescan)):
        print(f"{name}: {figures['scanned']} scanned of {figures['items']}, {figures['requests']} "
              f"requests ({figures['per_project']} per project) in {figures['seconds']} s: "
              f"{figures['by_endpoint']}")
    print(json.dumps({"projects": args.projects, "first": first, "rescan": rescan}))


if __name__ == "__main__":
    main()
