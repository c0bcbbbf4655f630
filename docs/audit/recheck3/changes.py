"""List outcomes that differ between the last judged scan of each audited repo and now."""
import glob, json, os, sys
now = json.load(open(sys.argv[1]))
PRIO = ["recheck2", "freshH1", "freshH2", "freshG1", "freshG2", "freshF1", "freshF2", "freshE1", "freshE2",
        "freshD1", "freshD2", "recheck", "freshC1", "freshC2", "after2", "after1", "freshA", "freshB"]
KEY = {"licence-file-present", "licence-recognised", "contributing-file-present", "contributing-file-substantial",
       "readme-explains-how-to-run", "readme-sections-present", "security-policy-present",
       "security-policy-private-channel", "publiccode-yml-valid", "api-description-published", "api-descriptions-valid"}
out = []
for name, after in sorted(now.items()):
    for s in PRIO:
        p = f"/work/audit/scans/{s}/{name}.json"
        if os.path.exists(p):
            break
    else:
        continue
    card = json.load(open(p))["scorecards"][0]
    before = {f["rule"]: f for f in card.get("findings") or []}
    for rule in sorted(set(before) | set(after)):
        b = before.get(rule, {}); a = after.get(rule, {})
        bs, as_ = b.get("status", "-"), a.get("status", "-")
        bm, am = b.get("message") or "", a.get("message") or ""
        if bs == as_ and bm == am:
            continue
        if bs == as_ and as_ not in ("fail", "review") and rule not in KEY:
            continue
        out.append((name, s, rule, bs, as_, bm, am))
for o in out:
    print("\t".join(o[:5]) + "\n  before: " + o[5][:600] + "\n  now:    " + o[6][:900])
print(len(out), "changed", file=sys.stderr)
