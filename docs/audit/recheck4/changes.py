"""List the findings whose outcome differs between their last judged reading and now (recheck4).

Usage: ``python changes.py NOW.json`` where NOW.json is ``bench/audit_diff.py --save`` output.
The last judged reading of a finding is recheck3's "now" where recheck3 judged it, else the newest
stored scan of the repository under /work/audit/scans/<set>/.
"""

from __future__ import annotations

import json
import os
import re
import sys

PRIO = ["freshJ1", "freshJ2", "freshJ3", "freshI1", "freshI2", "recheck2", "freshH1", "freshH2",
        "freshG1", "freshG2", "freshF1", "freshF2", "freshE1", "freshE2", "freshD1", "freshD2",
        "recheck", "freshC1", "freshC2", "after2", "after1", "freshA", "freshB"]
KEY = {"licence-file-present", "licence-recognised", "contributing-file-present",
       "contributing-file-substantial", "readme-explains-how-to-run", "readme-sections-present",
       "security-policy-present", "security-policy-private-channel", "publiccode-yml-valid",
       "api-description-published", "api-descriptions-valid"}
BLOCK = re.compile(r"^(\S+)\t(\S+)\t(\S+)\t(\S+)\t(\S+)\n  before: .*\n  now:    (.*)$", re.M)


def main(now_path: str) -> None:
    with open(now_path, encoding="utf-8") as handle:
        now = json.load(handle)
    with open("/work/audit/recheck3/changes-to-judge.txt", encoding="utf-8") as handle:
        judged3 = {(m[1], m[3]): (m[5], m[6]) for m in BLOCK.finditer(handle.read())}
    out = []
    for name, after in sorted(now.items()):
        stored = next((s for s in PRIO if os.path.exists(f"/work/audit/scans/{s}/{name}.json")), None)
        if stored is None:
            continue
        with open(f"/work/audit/scans/{stored}/{name}.json", encoding="utf-8") as handle:
            card = json.load(handle)["scorecards"][0]
        before = {f["rule"]: (f["status"], f.get("message") or "") for f in card.get("findings") or []}
        for rule in sorted(set(before) | set(after)):
            status_b, message_b = before.get(rule, ("-", ""))
            source = stored
            if (name, rule) in judged3 and not stored.startswith("freshJ"):
                status_b, message_b = judged3[(name, rule)]
                source = "recheck3"
            status_a = after.get(rule, {}).get("status", "-")
            message_a = after.get(rule, {}).get("message") or ""
            same = message_a == message_b or (source == "recheck3" and message_a[:900] == message_b[:900])
            if status_b == status_a and (same or (status_a not in ("fail", "review") and rule not in KEY)):
                continue
            out.append((name, source, rule, status_b, status_a, message_b, message_a))
    for row in out:
        print("\t".join(row[:5]) + "\n  before: " + row[5][:600] + "\n  now:    " + row[6][:900])
    print(len(out), "changed", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1])
