"""Benchmark: one hostile repository per case, scanned end to end; nothing may hang or blow up.

    python bench/hostile.py [--timeout S] [--memory-mb M] [CASE ...]

Each case builds a repository in a temporary folder (see :data:`CASES`) and scans it with the
local source and every collector (``local_snapshot(use_git=False)`` + ``build_facts``), in a child
process of its own, killed after ``--timeout`` seconds and limited to ``--memory-mb`` of address
space, so one case that hangs or explodes cannot take the benchmark with it. Printed per case:
seconds, peak resident memory of the child (``ru_maxrss``), the outcome, and the ``problems``
entries the scan reported. The LAST line is one JSON object ``{case: {"s": ..., "peak_mb": ...,
"outcome": ...}}``. Not part of the test suite.

Recorded on the 2-core dev machine (2026-11-30), shared with other jobs (load average 6 to 12, so
times vary two- or threefold between runs). Before: main at 582ac8f (the line marked * at
c6b4932, the same code for that case), 6 GB address-space cap, 120 s timeout. Peak is the
child's resident memory, about 45 MB of which is the interpreter with the licence index:

    case                   before                                   after
    yaml_alias_openapi     aborted (SIGABRT: jsonschema-rs could    0.02 s   46 MB  one problem
                           not allocate) after 12 to 41 s
    readme_brackets        173 s                                    0.17 s   46 MB
    readme_h1              over 120 s *                             0.04 s   46 MB
    contributing_h1        over 120 s *                             0.02 s   46 MB
    licence_one_word       over 120 s *                             0.01 s   46 MB
    package_json_licence   over 120 s *                             0.01 s   46 MB
    gemspec_repeated       over 120 s *                             0.06 s   47 MB
    pyproject_dotted_key   78 s, 5,984 MB, then MemoryError: the    0.02 s   46 MB  one problem,
                           whole licence section lost                               MIT kept
    setup_py_expression    1.8 s, 185 MB (RecursionError, caught) * 0.02 s   47 MB  one problem
    setup_cfg_unreadable   53 s, 88 MB                              0.32 s   46 MB  one problem
    identical_specs        665 s, 255 MB (189 s on a quieter run *) 12.5 s, 253 MB (4.3 s on a
                                                                    quieter run): reading and
                                                                    hashing 540 MB
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import typing as t
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.fakeforge.licences import mit_text  # after the path is set

MIT = mit_text("DINUM", 2026)


def alias_bomb(levels: int = 5, fan_out: int = 10, chars: int = 64_000) -> str:
    """A small YAML document whose aliases expand one long string ``fan_out ** levels`` times
    (67 KB of text, 8 GB once expanded with the defaults above and 6.4 GB of strings)."""
    lines = [f"s: &s \"{'x' * chars}\""]
    previous = "s"
    for level in range(levels):
        name = f"l{level}"
        lines.append(f"{name}: &{name} [{', '.join([f'*{previous}'] * fan_out)}]")
        previous = name
    return "\n".join(lines) + "\n"


def _write(root: Path, files: dict[str, str | bytes]) -> None:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_bytes(content)


def _identical_specs(root: Path, copies: int = 60, size: int = 9 * 1024 * 1024) -> None:
    """Sixty paths holding the same 9 MB description (hard links: one blob on disk, as in git),
    with two errors, so that each is also located by line (the costly part)."""
    from bench.api_specs import large_description

    document = large_description(size)
    document["paths"]["/entreprises/{siren}/ressources1"]["get"]["operationId"] = "lire0"
    document["info"]["version"] = 3
    text = json.dumps(document, indent=1)
    first = root / "api" / "v0" / "openapi.json"
    first.parent.mkdir(parents=True)
    first.write_text(text, encoding="utf-8")
    for n in range(1, copies):
        target = root / "api" / f"v{n}" / "openapi.json"
        target.parent.mkdir(parents=True)
        os.link(first, target)
    _write(root, {"LICENSE": MIT})


#: Case name -> builder of the repository folder.
CASES: dict[str, t.Callable[[Path], None]] = {
    "yaml_alias_openapi": lambda root: _write(root, {
        "openapi.yaml": "openapi: 3.0.3\n" + alias_bomb().replace("l4: &l4", "info: &l4")}),
    "readme_brackets": lambda root: _write(root, {"README.md": "# " + "[" * 150_000 + "\n"}),
    "readme_h1": lambda root: _write(root, {"README.md": "<h1>" * 60_000 + "\n"}),
    "contributing_h1": lambda root: _write(root, {"CONTRIBUTING.md": "<h1>" * 60_000 + "\n"}),
    "licence_one_word": lambda root: _write(root, {"LICENSE": "a" * 60_000 + "\n"}),
    "package_json_licence": lambda root: _write(root, {
        "package.json": json.dumps({"name": "x", "license": "a" * 100_000}), "LICENSE": MIT}),
    "gemspec_repeated": lambda root: _write(root, {
        "x.gemspec": "s.licenses = [" * 100_000 + "\n", "LICENSE": MIT}),
    "pyproject_dotted_key": lambda root: _write(root, {
        "pyproject.toml": ".".join(["a"] * 200_000) + " = 1\n", "LICENSE": MIT}),
    "setup_py_expression": lambda root: _write(root, {
        "setup.py": "x = " + "1+" * 300_000 + "1\n", "LICENSE": MIT}),
    "setup_cfg_unreadable": lambda root: _write(root, {
        "setup.cfg": "[metadata]\nlicense = MIT\n" + "x\n" * 150_000, "LICENSE": MIT}),
    "identical_specs": _identical_specs,
}


def run_case(name: str) -> dict[str, t.Any]:
    """In the child: build the case, scan it, measure."""
    from scanner.facts import build_facts
    from scanner.licences.index import load_index
    from scanner.sources.local import local_snapshot

    load_index()  # the licence index is loaded once per process anyway: not the case's cost
    with tempfile.TemporaryDirectory(prefix=f"hostile-{name}-") as folder:
        root = Path(folder)
        CASES[name](root)
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        start = time.perf_counter()
        facts = build_facts(local_snapshot(root, use_git=False))
        seconds = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return {"s": round(seconds, 2), "peak_mb": round(peak / 1024), "base_mb":
                round(before / 1024), "outcome": "ok",
                "licence": facts["licence"]["spdx"],
                "problems": [f"{p['path']}: {p['message'][:100]}" for p in facts["problems"]]}


def _limit_memory(megabytes: int) -> t.Callable[[], None]:
    def apply() -> None:
        limit = megabytes * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    return apply


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases", nargs="*", help=f"cases to run (default all: {', '.join(CASES)})")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per case")
    parser.add_argument("--memory-mb", type=int, default=6000, help="address space per case")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_case(args.child)))
        return
    summary: dict[str, dict[str, t.Any]] = {}
    for name in args.cases or list(CASES):
        start = time.perf_counter()
        try:
            done = subprocess.run([sys.executable, __file__, "--child", name],
                                  capture_output=True, text=True, timeout=args.timeout,
                                  preexec_fn=_limit_memory(args.memory_mb), check=False)
        except subprocess.TimeoutExpired:
            result: dict[str, t.Any] = {"s": None, "peak_mb": None,
                                        "outcome": f"timeout after {args.timeout:.0f} s"}
        else:
            lines = done.stdout.strip().splitlines()
            if done.returncode == 0 and lines:
                result = json.loads(lines[-1])
            else:
                last = (done.stderr.strip().splitlines() or [""])[-1][:120]
                result = {"s": round(time.perf_counter() - start, 2), "peak_mb": None,
                          "outcome": f"exit {done.returncode}: {last}"}
        summary[name] = {k: result.get(k) for k in ("s", "peak_mb", "outcome")}
        print(f"{name:24} {result.get('s')!s:>8} s  {result.get('peak_mb')!s:>6} MB  "
              f"{result['outcome']}  licence={result.get('licence')}")
        for problem in result.get("problems", []):
            print(f"{'':26}problem: {problem}")
        sys.stdout.flush()
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
