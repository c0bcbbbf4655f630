"""Every bundled rule is valid, documented in both languages, and has passing and failing cases.

Cases live in ``cases/<rule-id>/<status>/<name>.json``: an overlay over the facts of the compliant
fixture repository (objects merge, ``null`` sets null, ``"$delete"`` drops a key; see
``tests.support.merge_patch``); the rule must conclude ``<status>`` on the patched facts. A rule of
scope ``startup`` is judged on a startup facts document instead (``baseline_startup_facts``),
validated against ``civiscan schema startup``. Adding a case is adding a file.
"""

from __future__ import annotations

import json
import typing as t
from pathlib import Path

import pytest

from scanner import schemas
from scanner.engine.evaluate import Status, evaluate
from scanner.engine.loader import check_folders, load_ruleset
from scanner.engine.messages import placeholders
from scanner.resources import rules_root
from tests.support import baseline_facts, baseline_startup_facts, merge_patch

CASES = Path(__file__).parent / "cases"
RULESET = load_ruleset()
RULE_IDS = sorted(r.id for r in RULESET.rules)
STATUSES = {s.value for s in Status}


def _baseline(rule_id: str) -> tuple[str, dict[str, t.Any]]:
    """The schema name and baseline document a rule is judged on."""
    rule = RULESET.get(rule_id)
    if rule is not None and rule.scope == "startup":
        return "startup", baseline_startup_facts()
    return "facts", baseline_facts()


def _cases() -> list[tuple[str, str, Path]]:
    found = []
    for case in sorted(CASES.glob("*/*/*.json")):
        rule_id, status = case.parent.parent.name, case.parent.name
        found.append((rule_id, status, case))
    return found


def test_bundled_rules_have_no_problems() -> None:
    _, _, problems = check_folders([rules_root()])
    assert problems == []


def test_starter_ruleset_is_not_empty() -> None:
    assert len(RULE_IDS) >= 10


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_rule_has_pass_and_fail_cases(rule_id: str) -> None:
    folder = CASES / rule_id
    assert list((folder / "pass").glob("*.json")), f"{rule_id}: no passing case"
    assert list((folder / "fail").glob("*.json")), f"{rule_id}: no failing case"


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_rule_texts_are_bilingual_and_placeholders_exist(rule_id: str) -> None:
    rule = RULESET.get(rule_id)
    assert rule is not None
    for key in ("title", "rationale", "message", "remediation"):
        texts = rule.text(key)
        assert texts and texts["en"].strip() and texts["fr"].strip(), f"{rule_id}: {key}"
        assert texts["en"] != texts["fr"] or key == "title", f"{rule_id}: {key} not translated"
    _, baseline = _baseline(rule_id)
    from scanner.engine.messages import resolve

    written = [text for key in ("message", "remediation", "pass_message", "review_message",
                                "not_applicable_message") for text in (rule.text(key) or {}).values()]
    for outcome in rule.outcomes:
        assert outcome.message["en"] != outcome.message["fr"], f"{rule_id}: outcome not translated"
        written += outcome.message.values()
    for text in written:
        for pointer in placeholders(text):
            head = pointer.split("/*")[0]
            assert head == "" or resolve(baseline, head) != [] or _optional(baseline, head), (
                f"{rule_id}: placeholder {pointer} names nothing in the facts")


def _optional(baseline: dict[str, t.Any], pointer: str) -> bool:
    """Pointers into lists may be empty in the baseline; their parent must exist."""
    from scanner.engine.messages import resolve

    parent = pointer.rsplit("/", 1)[0]
    return parent != pointer and resolve(baseline, parent) != []


def test_case_folders_name_known_rules_and_statuses() -> None:
    for rule_id, status, case in _cases():
        assert rule_id in RULE_IDS, f"{case}: no rule {rule_id}"
        assert status in STATUSES, f"{case}: unknown status folder {status}"


@pytest.mark.parametrize(("rule_id", "status", "case"), _cases(),
                         ids=[f"{r}/{s}/{c.stem}" for r, s, c in _cases()])
def test_rule_case(rule_id: str, status: str, case: Path) -> None:
    rule = RULESET.get(rule_id)
    assert rule is not None
    schema, baseline = _baseline(rule_id)
    facts = merge_patch(baseline, json.loads(case.read_text()))
    assert schemas.errors(schema, facts) == [], f"{case}: patched facts are not valid {schema}"
    finding = evaluate(rule, facts)
    assert finding.status.value == status, (
        f"{case}: expected {status}, got {finding.status.value}: "
        f"{finding.texts['en']['message']} {finding.evidence}")


def test_compliant_fixture_facts_are_valid() -> None:
    assert schemas.errors("facts", baseline_facts()) == []
    assert schemas.errors("startup", baseline_startup_facts()) == []


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_compliant_fixture_passes_every_rule(rule_id: str) -> None:
    rule = RULESET.get(rule_id)
    assert rule is not None
    finding = evaluate(rule, _baseline(rule_id)[1])
    assert finding.status in (Status.PASS, Status.NOT_APPLICABLE), (
        f"{rule_id}: {finding.status.value}: {finding.texts['en']['message']} {finding.evidence}")
