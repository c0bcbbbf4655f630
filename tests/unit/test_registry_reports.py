"""Reports of a registry run: grouped by incubator, startups without open code first, and the
registry's text (names, titles, URLs: untrusted) shown inertly in every format."""

from __future__ import annotations

import json
import re
import typing as t

import pytest

from scanner import schemas
from scanner.reporters import REPORTER_BY_NAME
from scanner.reporters.groups import incubator_groups

HOSTILE = "evil|name`x`\n<details>![x](http://tracker) \u202etxt.exe\u200b\x1b[31m::add-mask::"


def _startup(sid: str, name: str, incubator: tuple[str | None, str | None], *, open_code: bool | None,
             phase: str | None = "construction", compliant: bool = False) -> dict[str, t.Any]:
    section = {"id": sid, "name": name, "phase": phase, "phases": [],
               "incubator": {"id": incubator[0], "title": incubator[1]}, "sponsors": [],
               "registry": "registry.json", "link": None, "shared_with": []}
    texts = {"title": "Declared", "message": f"{name} names no repository.", "remediation": "Fill it."}
    failing = open_code is False
    finding = {"rule": "startup-repository-declared", "category": "publication", "severity": "error",
               "status": "fail" if failing else "pass", "weight": 10, "lifecycle": "stable",
               "effort": "low", **texts, "evidence": [], "waiver": None, "fix": None,
               "i18n": {"en": texts, "fr": texts}}
    return {"kind": "startup", "startup": section,
            "repository": {"name": sid, "full_name": f"startup:{sid}", "url": None},
            "status": "ok", "error": None, "scanned_at": "", "civiscan_version": "0",
            "ruleset": {"name": "x", "version": "0", "digest": "d"}, "score": None, "grade": None,
            "categories": {}, "findings": [finding], "expired_waivers": [], "proposed_waivers": [],
            "notices": [], "problems": [], "open_code": open_code, "compliant": compliant,
            "code": {"declared": None if failing else f"https://github.com/x/{sid}",
                     "status": "not_declared" if failing else "public", "target": None},
            "repositories": [] if failing else [f"x/{sid}"]}


def _repository(name: str, grade: str, score: float, startup: dict[str, t.Any] | None) -> dict[str, t.Any]:
    return {"kind": "repository", "startup": startup,
            "repository": {"name": name, "full_name": name, "url": None, "visibility": "public"},
            "status": "ok", "error": None, "scanned_at": "", "civiscan_version": "0",
            "ruleset": {"name": "x", "version": "0", "digest": "d"}, "score": score, "grade": grade,
            "categories": {}, "findings": [], "expired_waivers": [], "proposed_waivers": [],
            "notices": [], "problems": []}


def _run(name: str = "Zeta", title: str = "Incubateur de la DINUM") -> dict[str, t.Any]:
    dinum = ("dinum", title)
    open_one = _startup("alpha", "Alpha", dinum, open_code=True, compliant=True)
    cards = [
        open_one,
        _startup("zeta", name, dinum, open_code=False),
        _startup("beta", "Beta", dinum, open_code=None, phase=None),
        _startup("anct-1", "Territoires", ("anct", "Incubateur des Territoires"), open_code=False),
        _repository("x/alpha", "A", 95.0, open_one["startup"]),
        _repository("x/beta", "D", 45.0, open_one["startup"]),
        _repository("other/repo", "B", 80.0, None),
    ]
    counts = {"declared": 4, "with_repository": 2, "with_open_code": 1, "compliant": 1}
    return {"schema_version": "1", "civiscan_version": "0", "language": "en", "started_at": "",
            "finished_at": "", "targets": ["registry:registry.json"],
            "ruleset": {"name": "x", "version": "0", "digest": "d", "rules": 1}, "rules": {},
            "scorecards": cards,
            "summary": {"repositories": 3, "scanned": 3, "errors": 0, "mean_score": 73.3,
                        "grades": {"A": 1, "B": 1, "D": 1}, "failing_rules": {},
                        "startups": {**counts, "unreadable": 0,
                                     "by_phase": {"construction": counts},
                                     "registries": [{"source": "registry.json", "entries": 4,
                                                     "startups": 4, "unreadable": 0,
                                                     "problems": [{"en": HOSTILE, "fr": HOSTILE}]}]}}}


def test_the_run_fixture_is_a_valid_run_document() -> None:
    assert schemas.errors("run", _run()) == []


def test_groups_by_incubator_with_startups_without_open_code_first() -> None:
    groups = incubator_groups(_run())
    assert [g.id for g in groups] == ["dinum", "anct", None]  # by title, then the rest
    dinum = groups[0]
    assert [c["startup"]["id"] for c in dinum.startups] == ["zeta", "beta", "alpha"]
    assert dinum.grades == {"A": 1, "D": 1} and dinum.mean_score == 70.0
    assert (dinum.without_open_code, dinum.with_open_code, dinum.compliant) == (1, 1, 1)
    assert [c["repository"]["full_name"] for c in groups[2].repositories] == ["other/repo"]


def test_text_groups_and_counts() -> None:
    out = REPORTER_BY_NAME["text"].render(_run())
    assert out.index("== Incubateur de la DINUM (dinum) ==") < out.index("== Incubateur des Territoires")
    assert "3 startup(s): 1 without open code, 1 with open code, 1 compliant" in out
    assert "2 repository(ies): grades A 1 · D 1, mean score 70" in out
    assert out.index("startup:zeta") < out.index("startup:beta") < out.index("startup:alpha")
    assert "Beta · no current phase · open code not known" in out
    assert "Startups: 4 declared, 2 name a repository, 1 with open code, 1 compliant" in out
    assert "== Repositories reached otherwise ==" in out


def test_markdown_groups_and_counts() -> None:
    out = REPORTER_BY_NAME["markdown"].render(_run())
    assert "## Incubateur de la DINUM (`dinum`)" in out
    assert "| construction | 4 | 2 | 1 | 1 |" in out
    rows = [line for line in out.splitlines() if line.startswith(("| ❌ |", "| ❔ |", "| ✅ |"))]
    assert rows[0].startswith("| ❌ | Zeta (`zeta`)") and rows[1].startswith("| ❔ | Beta")


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_registry_text_cannot_spoof_a_report(fmt: str) -> None:
    out = REPORTER_BY_NAME[fmt].render(_run(name=HOSTILE, title=HOSTILE))
    for bad in ("\u202e", "\u200b", "\x1b", *(("<details>", "![x](") if fmt == "markdown" else ())):
        assert bad not in out, bad
    assert not any(line.lstrip().startswith("::") for line in out.splitlines())
    if fmt == "markdown":  # no extra table cell, no heading from a name
        row = next(line for line in out.splitlines() if "(`zeta`)" in line)
        assert len(re.findall(r"(?<!\\)\|", row)) == 6  # five cells, whatever the name holds


def test_french_reports() -> None:
    run = _run()
    run["language"] = "fr"
    out = REPORTER_BY_NAME["text"].render(run)
    assert "3 startup(s) : 1 sans code ouvert, 1 avec code ouvert, 1 conforme(s)" in out
    assert "Startups : 4 déclarée(s)" in out
    assert "pas de phase en cours" in out
    assert json.loads(REPORTER_BY_NAME["json"].render(run))["summary"]["startups"]["declared"] == 4
