"""Audit diff: re-scan every audited checkout with this worktree's code and list the findings
whose outcome differs from the audit's stored scan (issue 9: a fix must say why each change is
right, and change nothing else).

Checkouts are ``ROOT/OWNER__NAME`` folders, one per line of ``docs/audit/*repos.txt`` (owner/name
and commit; docs/audit/README.md says how to recreate them). The roots are ``--roots`` or the
``CIVISCAN_AUDIT_ROOTS`` environment variable (folders separated by ``os.pathsep``), by default
``/tmp/audit`` and ``/work/audit/checkouts``; with no checkout under them the script says so and
exits 2. The stored ("before") scans are ``/work/audit/scans/<set>/OWNER__NAME.json``. Run
``python bench/audit_diff.py`` (``--rules a,b`` to keep some rules, ``--messages`` to print the
new message of each change, ``--save FILE`` / ``--against FILE`` to compare with an earlier run of
this script instead of the stored scans). Prints one line per changed outcome
(``repo  rule  before -> after``), then a summary. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import sys
import typing as t
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

#: Where the checkouts are unless ``--roots`` or ``CIVISCAN_AUDIT_ROOTS`` says otherwise.
ROOTS = ("/tmp/audit", "/work/audit/checkouts")
ROOTS_VAR = "CIVISCAN_AUDIT_ROOTS"
SCANS = "/work/audit/scans/*/{name}.json"
Outcomes = dict[str, dict[str, dict[str, str]]]


def _scan(folder: str) -> tuple[str, dict[str, dict[str, str]]]:
    """``{rule: {"status", "message"}}`` of a scan of ``folder`` with the current code."""
    from scanner.engine.loader import load_ruleset
    from scanner.run import ScanOptions, scan
    from scanner.targets import parse_target

    run = scan(ScanOptions(targets=[parse_target(folder)], ruleset=load_ruleset([])))
    return Path(folder).name, _outcomes(run)


def _outcomes(run: dict[str, t.Any]) -> dict[str, dict[str, str]]:
    card = run["scorecards"][0]
    return {f["rule"]: {"status": f["status"], "message": f.get("message") or ""}
            for f in card.get("findings") or []}


def _stored(name: str) -> dict[str, dict[str, str]] | None:
    for path in sorted(glob.glob(SCANS.format(name=name))):
        with open(path, encoding="utf-8") as handle:
            return _outcomes(json.load(handle))
    return None


def checkouts(roots: t.Sequence[str]) -> list[str]:
    """The ``OWNER__NAME`` folders directly under ``roots``, sorted."""
    return sorted(f for root in roots for f in glob.glob(os.path.join(glob.escape(root), "*__*"))
                  if os.path.isdir(f))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rules", help="comma-separated rule ids to compare (default: all)")
    parser.add_argument("--messages", action="store_true", help="print each new message")
    parser.add_argument("--save", help="write this run's outcomes to FILE (JSON)")
    parser.add_argument("--against", help="compare with outcomes saved by --save")
    parser.add_argument("--jobs", type=int, default=min(8, os.cpu_count() or 1))
    parser.add_argument("--roots", default=os.environ.get(ROOTS_VAR) or os.pathsep.join(ROOTS),
                        help=f"folders holding OWNER__NAME checkouts, separated by {os.pathsep!r} "
                             f"(default: ${ROOTS_VAR}, else {os.pathsep.join(ROOTS)})")
    args = parser.parse_args()
    keep = set(args.rules.split(",")) if args.rules else None
    roots = [root for root in args.roots.split(os.pathsep) if root]
    folders = checkouts(roots)
    if not folders:
        where = ", ".join(roots) or "(none)"
        print(f"no audited checkout (OWNER__NAME folder) under {where}: recreate them from "
              f"docs/audit/*repos.txt (see docs/audit/README.md), or name their folders with "
              f"--roots or {ROOTS_VAR}\n"
              f"aucun dépôt audité (dossier OWNER__NAME) sous {where} : recréez-les d'après "
              f"docs/audit/*repos.txt (voir docs/audit/README.md), ou indiquez leurs dossiers "
              f"avec --roots ou {ROOTS_VAR}", file=sys.stderr)
        return 2
    with ProcessPoolExecutor(args.jobs) as pool:
        now: Outcomes = dict(pool.map(_scan, folders))
    if args.save:
        Path(args.save).write_text(json.dumps(now, ensure_ascii=False, indent=1), "utf-8")
    saved: Outcomes = json.loads(Path(args.against).read_text("utf-8")) if args.against else {}
    changed: dict[tuple[str, str], int] = {}
    compared = 0
    for name, after in sorted(now.items()):
        before = saved.get(name) if args.against else _stored(name)
        if before is None:
            print(f"{name}: no stored scan")
            continue
        compared += 1
        for rule in sorted(set(before) | set(after)):
            if keep is not None and rule not in keep:
                continue
            was = before.get(rule, {}).get("status", "-")
            is_ = after.get(rule, {}).get("status", "-")
            if was == is_:
                continue
            changed[(was, is_)] = changed.get((was, is_), 0) + 1
            print(f"{name:55} {rule:38} {was:>14} -> {is_}")
            if args.messages:
                print(f"    {after.get(rule, {}).get('message', '')}")
    print(f"\n{compared} repositories compared, {sum(changed.values())} outcomes changed")
    for (was, is_), count in sorted(changed.items(), key=lambda kv: -kv[1]):
        print(f"  {was:>14} -> {is_:14} {count}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
