"""Build the fixed run document every golden report is rendered from (``run.json``) and the two
earlier runs of its history (``history/``).

Run only to change the fixture: ``python -m tests.golden.build_run``; then regenerate the
golden reports (``CIVISCAN_UPDATE_GOLDEN=1 pytest tests/golden``) and review the diff. The run
holds scorecards of three corpus repositories and of the compliant fixture, a repository whose
every text is hostile (markup, a ``javascript:`` link, a spreadsheet formula, bidi and workflow
commands), a repository that could not be scanned, a waived finding, and startups of two
incubators (one without open code), as the run-document contract describes them.
"""

from __future__ import annotations

import copy
import json
import typing as t
from pathlib import Path

from scanner.engine.loader import load_ruleset
from scanner.reporters.base import to_json
from scanner.run import RUN_SCHEMA_VERSION, ScanOptions, error_card, scan_snapshot, summarise
from tests.support import CORPUS, compliant_snapshot, corpus_snapshot

HERE = Path(__file__).parent
WHEN = "2026-11-30T10:05:00+00:00"
HOSTILE = ('<script>alert(1)</script></textarea><a href="javascript:alert(1)">x</a> '
           '=HYPERLINK("http://x","y") ::add-mask::x \u202egnp.exe')
STARTUP_TEXTS = {
    "en": {"title": "The startup declares a public repository",
           "message": "The registry names no repository for this startup.",
           "remediation": "Declare the repository on the startup's page of the registry."},
    "fr": {"title": "La startup déclare un dépôt public",
           "message": "Le registre n'indique aucun dépôt pour cette startup.",
           "remediation": "Déclarez le dépôt sur la page de la startup dans le registre."},
}


def _startup(sid: str, name: str, phase: str, incubator: tuple[str, str]) -> dict[str, t.Any]:
    return {"id": sid, "name": name, "phase": phase,
            "incubator": {"id": incubator[0], "title": incubator[1]}, "sponsors": [],
            "registry": "https://beta.gouv.fr/api/v2.6/startups.json"}


def _startup_card(startup: dict[str, t.Any], ruleset: t.Any, declared: bool) -> dict[str, t.Any]:
    card = error_card(f"startup:{startup['id']}", "", ruleset)
    texts = copy.deepcopy(STARTUP_TEXTS)
    if declared:
        for lang, message in (("en", "The registry declares a public repository."),
                              ("fr", "Le registre déclare un dépôt public.")):
            texts[lang]["message"] = message
    card.update({
        "kind": "startup", "status": "ok", "error": None, "startup": startup,
        "repository": {"name": startup["id"], "full_name": f"startup:{startup['id']}",
                       "url": f"https://beta.gouv.fr/startups/{startup['id']}.html"},
        "open_code": declared, "compliant": False,
        "code": {"declared": "https://github.com/betagouv/x" if declared else None,
                 "status": "public" if declared else "not_declared",
                 "target": "github:betagouv/x" if declared else None},
        "repositories": [],
        "findings": [{"rule": "startup-repository-declared", "category": "publication",
                      "severity": "error", "status": "pass" if declared else "fail",
                      "weight": 10, "lifecycle": "stable", "effort": "low", **texts["en"],
                      "evidence": [], "waiver": None, "fix": None, "i18n": texts}]})
    return card


def build() -> dict[str, t.Any]:
    ruleset = load_ruleset([])
    options = ScanOptions(targets=[], ruleset=ruleset)
    cards = [scan_snapshot(corpus_snapshot(CORPUS / name), options) for name in
             ("betagouv__rdv-service-public", "GouvernementFR__dsfr", "agora-gouv__agora-back")]
    compliant = scan_snapshot(compliant_snapshot(), options)
    compliant["repository"].update({"full_name": "betagouv/compliant",
                                    "url": "https://github.com/betagouv/compliant"})
    hostile = copy.deepcopy(cards[2])
    hostile["repository"].update({
        "name": "repo", "full_name": f"hostile/{HOSTILE}", "url": "javascript:alert(1)",
        "description": HOSTILE, "homepage": "javascript:alert(1)", "topics": ["<b>x</b>", "=1+1"],
        "archived": True})
    failing = next(f for f in hostile["findings"] if f["status"] == "fail")
    failing["message"] = HOSTILE
    for texts in failing["i18n"].values():
        texts["message"] = HOSTILE
    failing["evidence"] = [{"pointer": "/x", "path": "../../etc/passwd"},
                           {"pointer": "/y", "path": f"docs/{HOSTILE}.md", "line": 3}]
    waived = next(f for f in hostile["findings"] if f["rule"] == "code-of-conduct-present")
    waived["waiver"] = {"rule": "code-of-conduct-present", "justification": HOSTILE,
                        "approved_by": "DINUM", "expires": "2027-06-30", "origin": "config"}
    gone = error_card("betagouv/gone", "HTTP 404: Not Found", ruleset)
    cards[0]["repository"].update({"url": "https://github.com/betagouv/rdv-service-public",
                                   "description": "Prise de rendez-vous pour les services publics",
                                   "topics": ["rdv", "rails"], "archived": False})
    cards[0]["startup"] = _startup("rdv-solidarites", "RDV Solidarités", "acceleration",
                                   ("anct", "Incubateur des territoires"))
    cards[1]["startup"] = _startup("dsfr", "Système de design de l'État", "success",
                                   ("dinum", "Incubateur de la DINUM"))
    startups = [_startup_card(cards[0]["startup"], ruleset, declared=True),
                dict(_startup_card(cards[1]["startup"], ruleset, declared=True), compliant=True),
                _startup_card(_startup("sans-code", "Sans Code", "construction",
                                       ("anct", "Incubateur des territoires")),
                              ruleset, declared=False)]
    everything = [*cards, compliant, hostile, gone, *startups]
    for card in everything:
        card["scanned_at"] = WHEN
        card["civiscan_version"] = "0.1.0"
    summary = summarise(everything)
    summary["startups"] = {
        "declared": 3, "with_repository": 2, "with_open_code": 2, "compliant": 1, "unreadable": 0,
        "registries": [{"source": "https://beta.gouv.fr/api/v2.6/startups.json", "entries": 3,
                        "startups": 3, "unreadable": 0, "problems": []}],
        "by_phase": {"acceleration": {"declared": 1, "with_repository": 1, "with_open_code": 1,
                                      "compliant": 0},
                     "construction": {"declared": 1, "with_repository": 0, "with_open_code": 0,
                                      "compliant": 0},
                     "success": {"declared": 1, "with_repository": 1, "with_open_code": 1,
                                 "compliant": 1}}}
    described = ruleset.describe()
    described["version"] = "0.1.0"
    return {
        "schema_version": RUN_SCHEMA_VERSION, "civiscan_version": "0.1.0", "language": "en",
        "started_at": "2026-11-30T10:00:00+00:00", "finished_at": WHEN,
        "targets": ["registry:https://beta.gouv.fr/api/v2.6/startups.json", "github:hostile"],
        "ruleset": {**described, "sources": []},
        "rules": {r.id: r.describe() for r in ruleset.rules}, "disabled_rules": [],
        "config": None, "scorecards": everything, "summary": summary,
    }


def earlier(run: dict[str, t.Any], when: str, lower: float) -> dict[str, t.Any]:
    """The same run some weeks before, every score ``lower`` points lower."""
    before = copy.deepcopy(run)
    before["finished_at"] = before["started_at"] = when
    for card in before["scorecards"]:
        if card["score"] is not None:
            card["score"] = round(max(0.0, card["score"] - lower), 1)
    before["summary"] = summarise(before["scorecards"])
    for card in before["scorecards"]:  # trends read scores only: keep the history files small
        card["findings"] = []
    before["rules"] = {}
    return before


def main() -> None:
    run = build()
    (HERE / "run.json").write_text(to_json(run) + "\n", "utf-8")
    history = HERE / "history"
    history.mkdir(exist_ok=True)
    for stamp, when, lower in (("2026-10-31T100500Z", "2026-10-31T10:05:00+00:00", 12.0),
                               ("2026-11-15T100500Z", "2026-11-15T10:05:00+00:00", 5.0)):
        (history / f"run-{stamp}.json").write_text(
            json.dumps(earlier(run, when, lower), indent=1, ensure_ascii=False) + "\n", "utf-8")


if __name__ == "__main__":
    main()
