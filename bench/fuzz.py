"""Benchmark: 10,000 mutated repository files through the facts pipeline, and nothing escapes.

Each input is a real file of some role (licence, README, CONTRIBUTING and other community files,
publiccode.yml, OpenAPI/AsyncAPI, manifests, lockfiles, ``.civiscan.yml``, git config; from
tests/fixtures and the shared corpus, see ``tests/fuzzing.py``) damaged by one to four mutations
and placed in the compliant fixture repository. It goes through ``snapshot_from_files`` +
``build_facts`` and the JSON writer; a ``.civiscan.yml`` also through the trusted configuration
loader (``ConfigError`` is its documented answer) and a repository's own waivers (never raise);
a git config through ``gitdir.locate`` on a folder holding it (``Outside`` is documented).

*Uncaught* is any other exception, and any collector crash that ``build_facts`` caught (its
``internal error in the … collector`` problem). Inputs run in worker processes; one that takes
over ``--hang`` seconds is killed and counted as uncaught. Every input must take under 2 s of
CPU (``slowest_s``; the wall time, ``slowest_wall_s``, is also given: on a machine shared with
other work it is several times larger), and no worker may grow past 500 MB (``peak_mb``, the
largest worker's peak resident size).

Run ``python bench/fuzz.py`` (``--inputs N``, ``--seed S``, ``--workers W``, ``--save DIR`` to keep
failing inputs). Prints each failure and figures by role, then, as its LAST line, the JSON
``{"inputs": …, "uncaught": …, "slowest_s": …, "peak_mb": …}`` (and details). Not part of the
test suite.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import multiprocessing
import multiprocessing.connection
import random
import resource
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

LIMIT_S = 2.0
LIMIT_MB = 500.0


def make_input(seed: int, index: int) -> tuple[str, str, bytes]:
    """(role, path, content) of input ``index``: the same for the same seed, in any process."""
    from tests.fuzzing import ROLE_PATHS, mutate, seeds

    rng = random.Random(f"{seed}:{index}")
    found = seeds()
    roles = sorted(found)
    role = roles[index % len(roles)]  # every role in turn, whatever its number of seeds
    original = rng.choice(found[role])
    return role, rng.choice(ROLE_PATHS[role]), mutate(original, rng, others=found[role])


def run_one(role: str, path: str, data: bytes, work: Path) -> str | None:
    """The pipeline on one input; the uncaught failure, or ``None``."""
    from scanner.config import load_config, repository_waivers
    from scanner.errors import ConfigError
    from scanner.reporters.base import to_json
    from scanner.sources import gitdir
    from tests.fuzzing import collector_crashes, facts_of

    try:
        if role == "gitconfig":
            (work / ".git").mkdir(exist_ok=True)
            (work / ".git" / "HEAD").write_bytes(b"ref: refs/heads/main\n")
            (work / ".git" / "config").write_bytes(data)
            try:
                found = gitdir.locate(work)
                if found is not None:
                    gitdir.first_value(found.config, "remote.origin.url")
            except gitdir.Outside:
                pass
            return None
        if role == "config":
            (work / "config.yml").write_bytes(data)
            with contextlib.suppress(ConfigError):
                load_config(work / "config.yml")
            repository_waivers(data, ".civiscan.yml")
        facts = facts_of(path, data)
        to_json(facts)
        crashes = collector_crashes(facts)
        return crashes[0] if crashes else None
    except Exception:
        return traceback.format_exc(limit=-3).strip().replace("\n", " | ")


def worker(conn: multiprocessing.connection.Connection, seed: int) -> None:
    """Runs the inputs it is sent; answers (index, CPU seconds, wall seconds, failure, peak MB)."""
    from tests.fuzzing import facts_of

    facts_of("README.md", b"# warm-up\n")  # imports and indexes, not charged to an input
    with tempfile.TemporaryDirectory() as folder:
        while True:
            index = conn.recv()
            if index is None:
                return
            role, path, data = make_input(seed, index)
            started, cpu = time.perf_counter(), time.process_time()
            failure = run_one(role, path, data, Path(folder))
            wall, cpu = time.perf_counter() - started, time.process_time() - cpu
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            conn.send((index, cpu, wall, failure, peak))


class Worker:
    def __init__(self, seed: int) -> None:
        context = multiprocessing.get_context("spawn")
        self.conn, child = context.Pipe()
        self.process = context.Process(target=worker, args=(child, seed), daemon=True)
        self.process.start()
        self.index: int | None = None
        self.since = 0.0

    def send(self, index: int) -> None:
        self.index, self.since = index, time.perf_counter()
        self.conn.send(index)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inputs", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--hang", type=float, default=60.0)
    parser.add_argument("--save", type=Path)
    args = parser.parse_args()

    started = time.perf_counter()
    pending = list(range(args.inputs))[::-1]
    workers = [Worker(args.seed) for _ in range(args.workers)]
    failures: list[tuple[int, str]] = []
    slowest = (0.0, -1)
    slowest_wall = 0.0
    peak = 0.0
    over = 0
    done = 0
    by_role: dict[str, list[float]] = {}
    for item in workers:
        if pending:
            item.send(pending.pop())
    while any(w.index is not None for w in workers):
        ready = multiprocessing.connection.wait([w.conn for w in workers if w.index is not None],
                                                timeout=1.0)
        now = time.perf_counter()
        for position, item in enumerate(workers):
            if item.index is None:
                continue
            if item.conn in ready:
                try:
                    index, elapsed, wall, failure, mb = item.conn.recv()
                except EOFError:  # the worker died (a crash of the interpreter itself)
                    index, failure, mb = item.index, "worker died", 0.0
                    elapsed = wall = now - item.since
                    item = workers[position] = Worker(args.seed)
            elif now - item.since > args.hang:
                index, failure, mb = item.index, "hang", 0.0
                elapsed = wall = now - item.since
                item.process.kill()
                item = workers[position] = Worker(args.seed)
            else:
                continue
            done += 1
            role, path, data = make_input(args.seed, index)
            by_role.setdefault(role, []).append(elapsed)
            peak = max(peak, mb)
            over += elapsed > LIMIT_S
            slowest = max(slowest, (elapsed, index))
            slowest_wall = max(slowest_wall, wall)
            if failure:
                failures.append((index, failure))
                print(f"UNCAUGHT input {index} ({role}, {path}, {len(data)} bytes): {failure[:400]}",
                      flush=True)
                if args.save:
                    args.save.mkdir(parents=True, exist_ok=True)
                    (args.save / f"{index}-{role}-{path.replace('/', '_')}").write_bytes(data)
            item.index = None
            if pending:
                item.send(pending.pop())
            if done % 1000 == 0:
                print(f"{done} inputs, {len(failures)} uncaught, slowest {slowest[0]:.2f} s, "
                      f"peak {peak:.0f} MB", flush=True)
    for item in workers:
        item.conn.send(None)
        item.process.join(timeout=10)
    slow_role = make_input(args.seed, slowest[1])[0] if slowest[1] >= 0 else None
    for role, times in sorted(by_role.items()):
        times.sort()
        print(f"{role:12} {len(times):6} inputs  median {times[len(times) // 2] * 1000:7.1f} ms  "
              f"max {times[-1]:.2f} s")
    print(json.dumps({"inputs": done, "uncaught": len(failures), "slowest_s": round(slowest[0], 3),
                      "peak_mb": round(peak, 1), "over_2s": over, "slowest_input": slowest[1],
                      "slowest_wall_s": round(slowest_wall, 3),
                      "slowest_role": slow_role, "limits": {"s": LIMIT_S, "mb": LIMIT_MB},
                      "wall_s": round(time.perf_counter() - started, 1)}))


if __name__ == "__main__":
    main()
