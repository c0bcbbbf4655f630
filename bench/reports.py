"""Benchmark: rendering a 5,000-repository run in every format.

The run is made from the corpus's real scorecards (``../shared/corpus``, scanned once), copied
under 5,000 distinct names with their own URL, description and topics; one in five is reached
through a startup of one of six incubators (with a startup scorecard of its own), one in fifty
could not be scanned, one in thirty is archived. Each format is rendered from that run document,
as ``civiscan report`` does, and timed; reading the run back (parse and schema validation) is
timed too. Seconds are wall time; CPU seconds are given beside them, since a shared machine
stretches wall time.

Run ``python bench/reports.py`` (``--repos N``, ``--keep DIR`` to keep the outputs). Prints a
line per format, then, as its LAST line, the JSON ``{"repositories": N, "run_mb": …, "read_s":
…, "formats": {"html": {"seconds": …, "cpu_s": …, "mb": …}, …}}``. Targets: every format under 10 s, HTML
under 10 MB. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import copy
import json
import sys
import tempfile
import time
import typing as t
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

INCUBATORS = [("dinum", "Incubateur de la DINUM"), ("mtes", "La Fabrique numérique du MTES"),
              ("sgmas", "Fabrique des ministères sociaux"), ("anct", "Incubateur des territoires"),
              ("douane", "Lab Douane"), ("justice", "Fabrique numérique de la Justice")]
PHASES = ["investigation", "construction", "acceleration", "transfer", "success", "alumni"]
TOPICS = ["api", "data", "django", "rails", "react", "sante", "emploi", "transport", "dsfr"]


def corpus_cards() -> list[dict[str, t.Any]]:
    """Scorecards of every corpus repository, scanned as a local scan would."""
    from scanner.engine.loader import load_ruleset
    from scanner.run import ScanOptions, scan_snapshot
    from tests.support import corpus_repos, corpus_snapshot

    options = ScanOptions(targets=[], ruleset=load_ruleset([]))
    cards = [scan_snapshot(corpus_snapshot(folder), options) for folder in corpus_repos()]
    if not cards:
        sys.exit("no corpus found (set CIVISCAN_CORPUS to the shared corpus folder)")
    return cards


def synthetic_run(count: int) -> dict[str, t.Any]:
    """A run document of ``count`` repositories (plus startup scorecards) from the corpus."""
    from scanner.engine.loader import load_ruleset
    from scanner.run import RUN_SCHEMA_VERSION, error_card, summarise

    ruleset = load_ruleset([])
    templates = corpus_cards()
    cards: list[dict[str, t.Any]] = []
    for i in range(count):
        source = templates[i % len(templates)]
        owner, name = source["repository"]["full_name"].split("/", 1)
        full_name = f"{owner}/{name}-{i:04d}"
        if i % 50 == 49:
            cards.append(error_card(full_name, f"HTTP 404 on {full_name}", ruleset))
            continue
        card = copy.deepcopy(source)
        card["repository"].update({
            "name": f"{name}-{i:04d}", "full_name": full_name,
            "url": f"https://github.com/{full_name}",
            "description": f"Service public numérique n°{i}: démarches en ligne pour les usagers "
                           f"({name}).",
            "topics": [TOPICS[i % len(TOPICS)], TOPICS[(i * 7) % len(TOPICS)]],
            "archived": i % 30 == 0})
        if i % 5 == 0:
            incubator = INCUBATORS[(i // 5) % len(INCUBATORS)]
            startup = {"id": f"startup-{i:04d}", "name": f"Startup {i}",
                       "phase": PHASES[i % len(PHASES)],
                       "incubator": {"id": incubator[0], "title": incubator[1]},
                       "sponsors": [], "registry": "https://beta.gouv.fr/api/v2.6/startups.json"}
            card["startup"] = startup
            cards.append(card)
            cards.append(_startup_card(startup, ruleset, open_code=i % 15 != 0))
        else:
            cards.append(card)
    return {
        "schema_version": RUN_SCHEMA_VERSION, "civiscan_version": cards[0]["civiscan_version"],
        "language": "fr", "started_at": "2026-11-30T10:00:00+00:00",
        "finished_at": "2026-11-30T11:00:00+00:00", "targets": ["registry:bench"],
        "ruleset": ruleset.describe(),
        "rules": {r.id: r.describe() for r in ruleset.rules}, "disabled_rules": [],
        "config": None, "scorecards": cards, "summary": summarise(cards),
    }


def _startup_card(startup: dict[str, t.Any], ruleset: t.Any, open_code: bool) -> dict[str, t.Any]:
    """A startup scorecard as the run-document contract describes it (issue 10's rules)."""
    from scanner.run import error_card

    card = error_card(f"startup:{startup['id']}", "", ruleset)
    texts = {"title": "The startup declares a public repository",
             "message": ("Declared repository is public." if open_code
                         else "The registry names no repository for this startup."),
             "remediation": "Declare the repository in the startup's registry page."}
    card.update({
        "kind": "startup", "status": "ok", "error": None, "startup": startup,
        "repository": {"name": startup["id"], "full_name": f"startup:{startup['id']}",
                       "url": f"https://beta.gouv.fr/startups/{startup['id']}.html"},
        "open_code": open_code, "compliant": False,
        "code": {"declared": None, "status": "public" if open_code else "not_declared",
                 "target": None},
        "repositories": [],
        "findings": [{"rule": "startup-repository-declared", "category": "publication",
                      "severity": "error", "status": "pass" if open_code else "fail",
                      "weight": 10, "lifecycle": "stable", "effort": "low", **texts,
                      "evidence": [], "waiver": None, "fix": None,
                      "i18n": {"en": texts, "fr": texts}}]})
    return card


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repos", type=int, default=5000)
    parser.add_argument("--keep", type=Path, help="keep the outputs in this folder")
    parser.add_argument("--run", type=Path, help="render this run document instead of a new one")
    args = parser.parse_args()

    from scanner.reporters import REPORTER_BY_NAME
    from scanner.reporters.base import ReportOptions, to_json
    from scanner.runs.load import read_run

    folder = args.keep or Path(tempfile.mkdtemp(prefix="civiscan-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    path = args.run or folder / "run.json"
    if not args.run:
        path.write_text(to_json(synthetic_run(args.repos)) + "\n", "utf-8")
    started, cpu = time.perf_counter(), time.process_time()
    run = read_run(path)
    read_s = round(time.perf_counter() - started, 2)
    read_cpu = round(time.process_time() - cpu, 2)
    run_mb = round(path.stat().st_size / 1e6, 2)
    repositories = sum(1 for c in run["scorecards"] if c.get("kind", "repository") == "repository")
    print(f"run document: {repositories} repositories, {len(run['scorecards'])} scorecards, "
          f"{run_mb} MB, read and validated in {read_s} s ({read_cpu} s CPU)")
    results: dict[str, dict[str, float]] = {}
    variants = [(name, name, ReportOptions()) for name in sorted(REPORTER_BY_NAME)]
    variants.append(("csv-findings", "csv", ReportOptions(csv_findings=True)))
    for label, name, options in variants:
        reporter = REPORTER_BY_NAME[name]
        started, cpu = time.perf_counter(), time.process_time()
        if reporter.writes_folder:
            files = reporter.render_files(run, options)
        else:
            text = reporter.render(run, options=options)
        seconds = round(time.perf_counter() - started, 2)  # rendering only, not the writing
        cpu_s = round(time.process_time() - cpu, 2)
        if reporter.writes_folder:
            size = sum(len(text.encode()) for text in files.values())
        else:
            size = len(text.encode())
            (folder / f"report-{label}.{reporter.extension}").write_text(text, "utf-8")
        results[label] = {"seconds": seconds, "cpu_s": cpu_s, "mb": round(size / 1e6, 2)}
        print(f"{label:<13} {seconds:>6.2f} s ({cpu_s:>6.2f} s CPU) {size / 1e6:>8.2f} MB")
    print(f"outputs in {folder}")
    print(json.dumps({"repositories": repositories, "scorecards": len(run["scorecards"]),
                      "run_mb": run_mb, "read_s": read_s, "read_cpu_s": read_cpu,
                      "formats": results}))


if __name__ == "__main__":
    main()
