"""Findings whose outcome differs between their last judged reading and now (recheck4)."""
import json, os, re, sys
now = json.load(open(sys.argv[1]))
PRIO = ["freshJ1", "freshJ2", "freshJ3", "freshI1", "freshI2", "recheck2", "freshH1", "freshH2", "freshG1", "freshG2",
        "freshF1", "freshF2", "freshE1", "freshE2", "freshD1", "freshD2", "recheck", "freshC1", "freshC2", "after2",
        "after1", "freshA", "freshB"]
KEY = {"licence-file-present", "licence-recognised", "contributing-file-present", "contributing-file-substantial",
       "readme-explains-how-to-run", "readme-sections-present", "security-policy-present",
       "security-policy-private-channel", "publiccode-yml-valid", "api-description-published", "api-descriptions-valid"}
# recheck3 judged these (repo, rule) at 207960c: its "now" is the last judged outcome.
r3 = {}
text = open("/work/audit/recheck3/changes-to-judge.txt").read()
for m in re.finditer(r"^(\S+)\t(\S+)\t(\S+)\t(\S+)\t(\S+)\n  before: .*\n  now:    (.*)$", text, re.M):
    r3[(m[1], m[3])] = (m[5], m[6])
out = []
for name, after in sorted(now.items()):
    for s in PRIO:
        p = f"/work/audit/scans/{s}/{name}.json"
        if os.path.exists(p):
            break
    else:
        continue
    card = json.load(open(p))["scorecards"][0]
    before = {f["rule"]: (f["status"], f.get("message") or "") for f in card.get("findings") or []}
    for rule in sorted(set(before) | set(after)):
        bs, bm = before.get(rule, ("-", ""))
        src = s
        if (name, rule) in r3 and not s.startswith("freshJ"):
            bs, bm = r3[(name, rule)]; src = "recheck3"
        a = after.get(rule, {})
        as_, am = a.get("status", "-"), a.get("message") or ""
        if bs == as_ and (bm == am or (src == "recheck3" and am[:900] == bm[:900])):
            continue
        if bs == as_ and as_ not in ("fail", "review") and rule not in KEY:
            continue
        out.append((name, src, rule, bs, as_, bm, am))
for o in out:
    print("\t".join(o[:5]) + "\n  before: " + o[5][:600] + "\n  now:    " + o[6][:900])
print(len(out), "changed", file=sys.stderr)
