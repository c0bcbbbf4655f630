"""Benchmark: crawling an organisation against the fake forge (tests/fakeforge), in one run.

Serves a synthetic GitHub organisation of 1,000 repositories with 50 ms latency per request and
measures (a) a first scan with an empty cache, (b) a re-scan in which nothing moved, (c) a
straightforward PyGithub REST crawl of the same facts (the baseline peers write), then the same
first scan and re-scan of a 100-project GitLab group with subgroups, and (d) a first scan and the
baseline on an organisation of 140 repositories made of the shared corpus's real compliance
files (the synthetic repositories hold 3 or 4 files a scan wants; real ones 12 to 38, which is
what the baseline pays for one by one). Each scan runs in a fresh
process so its peak memory is its own; requests are counted by the server.

Run ``python bench/crawl.py`` (``--repos N``, ``--latency S``). Prints figures, then, as its LAST
line, the JSON ``{"first": {"requests_per_repo", "wall_s", "peak_mb"}, "rescan": {...},
"baseline": {...}, "gitlab_first": {...}, "gitlab_rescan": {...}, "ratio_baseline_to_first": …}``.
Targets: first ≤ 1.2 requests per repository, re-scan ≤ 0.05, wall under 60 s, peak under
300 MB, at least 15× fewer requests per repository than the baseline (which crawls the first
``--baseline-repos``, default 200: it is serial and slow). Not part of the test suite.
"""

from __future__ import annotations

import argparse
import base64
import json
import multiprocessing
import os
import resource
import sys
import tempfile
import time
import typing as t
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TOKEN = "bench-token-not-a-secret"


def _scan(queue: t.Any, env: dict[str, str], target: str, cache: str) -> None:
    """One civiscan scan in this (fresh) process: wall time, peak memory, repositories."""
    os.environ.update(env)
    from scanner.engine.loader import load_ruleset
    from scanner.run import ScanOptions, scan
    from scanner.sources.crawl import CrawlOptions
    from scanner.targets import parse_target

    ruleset = load_ruleset([])
    started = time.perf_counter()
    run = scan(ScanOptions(targets=[parse_target(target)], ruleset=ruleset,
                           crawl=CrawlOptions(cache_dir=Path(cache))))
    wall = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    queue.put({"wall_s": round(wall, 2), "peak_mb": round(peak, 1),
               "repositories": run["summary"]["repositories"], "errors": run["summary"]["errors"]})


def _baseline(queue: t.Any, env: dict[str, str], owner: str, most: int) -> None:
    """What a straightforward PyGithub crawl does: list, then per repository the recursive tree,
    each wanted file through the contents API, and one page of commits (the first ``most``
    repositories: its cost per repository is what is compared)."""
    os.environ.update(env)
    import github

    from scanner.facts import build_facts, wanted_paths
    from scanner.snapshot import Commit
    from scanner.sources.memory import snapshot_from_files

    started = time.perf_counter()
    gh = github.Github(auth=github.Auth.Token(TOKEN), base_url=env["GITHUB_API_URL"], per_page=100,
                       seconds_between_requests=None, seconds_between_writes=None)
    count = 0
    for repo in gh.get_organization(owner).get_repos(type="all"):
        if count >= most:
            break
        if repo.fork:
            continue
        try:
            tree = repo.get_git_tree(repo.default_branch, recursive=True)
        except github.GithubException:
            continue  # empty repository
        sizes: dict[str, int | None] = {e.path: e.size for e in tree.tree if e.type == "blob"}
        files = {}
        for path in sorted(wanted_paths(sizes)):
            content = repo.get_contents(path)
            if content.encoding == "base64":
                files[path] = content.decoded_content
            else:  # over 1 MB the contents API sends no content: one more request for the blob
                files[path] = base64.b64decode(repo.get_git_blob(content.sha).content)
        commits = [Commit(sha=c.sha, message=c.commit.message) for c in repo.get_commits()[:100]]
        build_facts(snapshot_from_files(files, name=repo.name, full_name=repo.full_name,
                                        listing=list(sizes), commits=commits))
        count += 1
    wall = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    queue.put({"wall_s": round(wall, 2), "peak_mb": round(peak, 1), "repositories": count,
               "errors": 0})


def corpus_org(owner: str, count: int) -> list[t.Any]:
    """``count`` repositories cycling through the shared corpus's folders (real compliance files
    of public-sector repositories: 12 to 38 wanted files each, where the synthetic organisation
    has 3 or 4). Each copy's text files end in whitespace of its own, so no two copies share a
    blob and the cache cannot answer one from another."""
    from tests.fakeforge.model import repo_from_folder

    folders = sorted(p for p in (ROOT.parent / "shared" / "corpus").iterdir() if p.is_dir())
    repos = []
    for index in range(count if folders else 0):
        folder = folders[index % len(folders)]
        repo = repo_from_folder(folder, owner, f"{folder.name.split('__', 1)[-1]}-{index:04d}")
        tail = b"\n" * (1 + index % 5) + b" " * (index // 5)
        repo.files = {path: data + tail if b"\0" not in data[:1024] else data
                      for path, data in repo.files.items()}
        repos.append(repo)
    return repos


def _in_child(func: t.Callable[..., None], *args: t.Any) -> dict[str, t.Any]:
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=func, args=(queue, *args))
    process.start()
    result = t.cast(dict[str, t.Any], queue.get(timeout=900))
    process.join()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repos", type=int, default=1000)
    parser.add_argument("--gitlab-projects", type=int, default=100)
    parser.add_argument("--latency", type=float, default=0.05)
    parser.add_argument("--skip-baseline", action="store_true")
    parser.add_argument("--baseline-repos", type=int, default=200,
                        help="repositories the (slow, serial) baseline crawls")
    parser.add_argument("--corpus-repos", type=int, default=140,
                        help="size of the second organisation, made of the shared corpus's real "
                             "compliance files (0: skip it)")
    args = parser.parse_args()

    from tests.fakeforge.model import Forge, synthetic_org
    from tests.fakeforge.server import FakeForge, Limits

    forge = Forge()
    forge.add_github(*synthetic_org("bench", args.repos))
    groups = ["incubateur", "incubateur/ministere-a", "incubateur/ministere-b/fabrique"]
    projects = synthetic_org("gitlab", args.gitlab_projects, seed=1)
    for index, project in enumerate(projects):
        project.owner = groups[index % len(groups)]
    forge.add_gitlab(*projects)
    forge.add_github(*corpus_org("real", args.corpus_repos))
    results: dict[str, t.Any] = {}
    # GitHub's 5,000 REST requests an hour would stop the baseline (it needs about 12 a
    # repository): the fake's budget is raised so that its cost can be counted at all.
    limits = Limits(rest=1_000_000, graphql=1_000_000)
    with FakeForge(forge, latency=args.latency, token=TOKEN, limits=limits) as server, \
            tempfile.TemporaryDirectory() as cache:
        env = {"GITHUB_API_URL": server.github_api_url, "GITHUB_TOKEN": TOKEN,
               "GITLAB_URL": server.gitlab_url, "GITLAB_TOKEN": TOKEN}
        runs: list[tuple[str, t.Callable[..., None], tuple[t.Any, ...]]] = [
            ("first", _scan, (env, "github:bench", cache)),
            ("rescan", _scan, (env, "github:bench", cache)),
            ("gitlab_first", _scan, (env, "gitlab:incubateur", cache + "/gl")),
            ("gitlab_rescan", _scan, (env, "gitlab:incubateur", cache + "/gl")),
        ]
        if not args.skip_baseline:
            runs.append(("baseline", _baseline, (env, "bench", args.baseline_repos)))
        if args.corpus_repos:
            runs.append(("corpus_first", _scan, (env, "github:real", cache + "/real")))
            if not args.skip_baseline:
                runs.append(("corpus_baseline", _baseline, (env, "real", args.corpus_repos)))
        for label, func, call in runs:
            before = server.stats.total
            outcome = _in_child(func, *call)
            requests = server.stats.total - before
            repos = max(1, outcome["repositories"])
            outcome.update(requests=requests, requests_per_repo=round(requests / repos, 3))
            results[label] = outcome
            print(f"{label:14} {outcome['repositories']:5} repositories ({outcome['errors']} error "
                  f"cards)  {requests:6} requests  {outcome['requests_per_repo']:7.3f}/repo  "
                  f"{outcome['wall_s']:7.2f} s  peak {outcome['peak_mb']:6.1f} MB", flush=True)
    if "corpus_baseline" in results and results["corpus_first"]["requests"]:
        results["ratio_corpus_baseline_to_first"] = round(
            results["corpus_baseline"]["requests_per_repo"]
            / results["corpus_first"]["requests_per_repo"], 1)
    if "baseline" in results and results["first"]["requests"]:
        results["ratio_baseline_to_first"] = round(
            results["baseline"]["requests_per_repo"] / results["first"]["requests_per_repo"], 1)
        # Hours of GitHub's REST budget (5,000 an hour) the baseline would need for the whole org.
        results["baseline_hours_for_org"] = round(
            results["baseline"]["requests_per_repo"] * results["first"]["repositories"] / 5000, 1)
    print(json.dumps({k: ({f: v[f] for f in ("requests_per_repo", "wall_s", "peak_mb")}
                          if isinstance(v, dict) else v) for k, v in results.items()}))


if __name__ == "__main__":
    main()
