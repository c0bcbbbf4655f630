"""Rule loading (problems with file and line) and evaluation (every status, evidence, texts)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from scanner.engine.evaluate import Status, evaluate
from scanner.engine.loader import check_folders, load_ruleset
from scanner.engine.messages import interpolate, resolve
from scanner.errors import RuleError

RULES = Path(__file__).parents[1] / "fixtures" / "rules"


def _rule():  # type: ignore[no-untyped-def]
    ruleset = load_ruleset([RULES / "good"], builtin=False)
    rule = ruleset.get("test-licence-allowed")
    assert rule is not None
    return rule


def _facts(spdx: str | None, files: list[dict] | None = None, fork: bool | None = False) -> dict:
    return {"repository": {"fork": fork, "full_name": "o/r"},
            "licence": {"spdx": spdx, "files": files or [], "declared": []}}


def test_pass_fail_review_and_not_applicable() -> None:
    rule = _rule()
    assert evaluate(rule, _facts("MIT")).status is Status.PASS
    assert evaluate(rule, _facts("GPL-2.0-only")).status is Status.FAIL
    assert evaluate(rule, _facts("NOASSERTION")).status is Status.REVIEW
    assert evaluate(rule, _facts("GPL-2.0-only", fork=True)).status is Status.NOT_APPLICABLE


def test_messages_interpolate_facts_in_both_languages() -> None:
    finding = evaluate(_rule(), _facts("ISC", [{"path": "LICENSE", "spdx": "ISC", "confidence": 1},
                                             {"path": "COPYING", "spdx": "ISC", "confidence": 1}]))
    assert finding.texts["en"]["message"] == "Licence ISC is not allowed; files: LICENSE, COPYING."
    assert finding.texts["fr"]["message"].startswith("La licence ISC n'est pas autorisée")
    assert evaluate(_rule(), _facts("MIT")).texts["fr"]["message"] == "La licence MIT est autorisée."
    na = evaluate(_rule(), _facts("ISC", fork=True))
    assert na.texts["en"]["message"] == "Forks keep their upstream licence."


def test_evidence_names_the_failing_file_and_pointer() -> None:
    files = [{"path": "LICENSE", "spdx": "MIT", "confidence": 1},
             {"path": "LICENSES/ISC.txt", "spdx": "ISC", "confidence": 1}]
    finding = evaluate(_rule(), _facts("MIT", files))
    assert finding.status is Status.FAIL
    failing = [e for e in finding.evidence if e.get("detail")]
    assert failing == [{"pointer": "/licence/files/1/spdx", "path": "LICENSES/ISC.txt",
                        "line": None, "detail": "'ISC' is not one of ['MIT', 'EUPL-1.2']"}]
    assert {"pointer": "/licence/files/*", "path": "LICENSE", "line": None} in finding.evidence


def test_a_rule_that_cannot_be_evaluated_is_an_error_finding_not_a_crash() -> None:
    class Exploding:
        def iter_errors(self, instance: object) -> list[object]:
            raise RecursionError("too deep")

    rule = dataclasses.replace(_rule(), check=Exploding())
    finding = evaluate(rule, _facts("MIT"))
    assert finding.status is Status.ERROR
    assert "RecursionError: too deep" in finding.texts["en"]["message"]


def test_interpolation_is_restricted_to_pointers() -> None:
    facts = {"a": {"b": "x"}, "l": [{"p": 1}, {"p": 2}], "n": None}
    assert interpolate("{/a/b} {/l/*/p} {/n} {/missing}", facts) == "x 1, 2 none none"
    assert interpolate("{/n}", facts, "fr") == "aucun"
    assert interpolate("{__import__('os')} {a.b}", facts) == "{__import__('os')} {a.b}"
    assert resolve(facts, "/l/1/p") == [2]


def test_invalid_rules_report_every_problem_with_file_and_line() -> None:
    _, _, problems = check_folders([RULES / "bad"])
    text = "\n".join(str(p) for p in problems)
    assert "broken-yaml.yaml:3:" in text
    assert "bad-ref.yaml" in text and "unresolvable $ref" in text
    assert "wrong-name.yaml:3: /severity: 'fatal' is not one of" in text
    assert "wrong-name.yaml:5: /title: 'fr' is a required property" in text


def test_load_ruleset_refuses_invalid_rules() -> None:
    with pytest.raises(RuleError, match="problem"):
        load_ruleset([RULES / "bad"], builtin=False)


def test_rule_id_must_equal_stem_and_folder_category(tmp_path: Path) -> None:
    folder = tmp_path / "api"
    folder.mkdir()
    source = (RULES / "good" / "licensing" / "test-licence-allowed.yaml").read_text()
    (folder / "other-name.yaml").write_text(source.replace(
        "$ref: \"https://civiscan.beta.gouv.fr/rules/defs/colours.json#/allowed\"", "type: string"))
    _, _, problems = check_folders([tmp_path])
    messages = [p.message for p in problems]
    assert any("must equal the file name 'other-name'" in m for m in messages)


_OUTCOMES = """\
id: test-outcomes
category: licensing
severity: warning
weight: 1
title: {en: Readable, fr: Lisible}
rationale: {en: Why., fr: Pourquoi.}
message: {en: "Missing.", fr: "Absent."}
review_message: {en: "Legacy review.", fr: "Revue."}
remediation: {en: Fix., fr: Corriger.}
references: [{title: t, url: "https://example.org"}]
check: {properties: {doc: {required: [ok], properties: {ok: {const: true}}}}}
review: {properties: {doc: {required: [legacy], properties: {legacy: {const: true}}}}}
outcomes:
  - status: review
    when: {properties: {doc: {required: [unread], properties: {unread: {type: string}}}}}
    message: {en: "{/doc/path} not read: {/doc/unread}.", fr: "{/doc/path} non lu : {/doc/unread}."}
  - status: fail
    when: {properties: {doc: {required: [empty], properties: {empty: {const: true}}}}}
    message: {en: "{/doc/path} is empty.", fr: "{/doc/path} est vide."}
"""


def _outcomes_rule(tmp_path: Path):  # type: ignore[no-untyped-def]
    folder = tmp_path / "licensing"
    folder.mkdir()
    (folder / "test-outcomes.yaml").write_text(_OUTCOMES)
    rule = load_ruleset([tmp_path], builtin=False).get("test-outcomes")
    assert rule is not None
    return rule


def test_outcomes_give_each_failing_case_its_status_and_message(tmp_path: Path) -> None:
    rule = _outcomes_rule(tmp_path)
    passing = evaluate(rule, {"doc": {"path": "R.md", "ok": True, "unread": "too large"}})
    assert passing.status is Status.PASS  # outcomes only decide how a failing check ends
    unread = evaluate(rule, {"doc": {"path": "R.md", "unread": "too large", "empty": True}})
    assert unread.status is Status.REVIEW  # the first matching outcome wins
    assert unread.texts["en"]["message"] == "R.md not read: too large."
    assert unread.texts["fr"]["message"] == "R.md non lu : too large."
    empty = evaluate(rule, {"doc": {"path": "R.md", "empty": True}})
    assert (empty.status, empty.texts["en"]["message"]) == (Status.FAIL, "R.md is empty.")
    legacy = evaluate(rule, {"doc": {"path": "R.md", "legacy": True}})
    assert (legacy.status, legacy.texts["en"]["message"]) == (Status.REVIEW, "Legacy review.")
    plain = evaluate(rule, {"doc": {"path": "R.md"}})
    assert (plain.status, plain.texts["en"]["message"]) == (Status.FAIL, "Missing.")


def test_a_pass_outcome_says_what_a_pass_rests_on_and_never_decides_a_failure(
        tmp_path: Path) -> None:
    folder = tmp_path / "licensing"
    folder.mkdir()
    (folder / "test-outcomes.yaml").write_text(_OUTCOMES + """\
  - status: pass
    when: {properties: {doc: {required: [via], properties: {via: {const: example}}}}}
    message: {en: "{/doc/path} shows it by an example.", fr: "{/doc/path} le montre par un exemple."}
pass_message: {en: "{/doc/path} is fine.", fr: "{/doc/path} va bien."}
""")
    rule = load_ruleset([tmp_path], builtin=False).get("test-outcomes")
    assert rule is not None
    example = evaluate(rule, {"doc": {"path": "R.md", "ok": True, "via": "example"}})
    assert example.status is Status.PASS
    assert example.texts["fr"]["message"] == "R.md le montre par un exemple."
    plain = evaluate(rule, {"doc": {"path": "R.md", "ok": True}})
    assert (plain.status, plain.texts["en"]["message"]) == (Status.PASS, "R.md is fine.")
    # A failing check never takes a pass outcome, even when its 'when' matches.
    failing = evaluate(rule, {"doc": {"path": "R.md", "via": "example"}})
    assert (failing.status, failing.texts["en"]["message"]) == (Status.FAIL, "Missing.")


def test_a_not_applicable_outcome_says_why_a_rule_does_not_apply_and_nothing_else(
        tmp_path: Path) -> None:
    folder = tmp_path / "licensing"
    folder.mkdir()
    (folder / "test-outcomes.yaml").write_text(_OUTCOMES + """\
  - status: not_applicable
    when: {required: [doc], properties: {doc: {required: [retired], properties: {retired: {const: true}}}}}
    message: {en: "{/doc/path} says it is retired.", fr: "{/doc/path} dit qu'il est retiré."}
when: {properties: {doc: {not: {required: [retired]}}}, required: [doc]}
not_applicable_message: {en: "No document.", fr: "Aucun document."}
""")
    rule = load_ruleset([tmp_path], builtin=False).get("test-outcomes")
    assert rule is not None
    retired = evaluate(rule, {"doc": {"path": "R.md", "retired": True}})
    assert retired.status is Status.NOT_APPLICABLE
    assert retired.texts["fr"]["message"] == "R.md dit qu'il est retiré."
    missing = evaluate(rule, {})
    assert (missing.status, missing.texts["en"]["message"]) == (Status.NOT_APPLICABLE, "No document.")
    # A not_applicable outcome never decides how a failing check ends.
    failing = evaluate(rule, {"doc": {"path": "R.md"}})
    assert (failing.status, failing.texts["en"]["message"]) == (Status.FAIL, "Missing.")


def test_an_outcome_s_message_stands_when_the_rule_has_no_message_of_its_own_for_the_status(
        tmp_path: Path) -> None:
    # contributing-file-present has no not_applicable_message: its retired outcomes say why.
    folder = tmp_path / "licensing"
    folder.mkdir()
    (folder / "test-outcomes.yaml").write_text(_OUTCOMES + """\
  - status: pass
    when: {properties: {doc: {required: [via], properties: {via: {const: example}}}}}
    message: {en: "{/doc/path} shows it by an example.", fr: "{/doc/path} le montre par un exemple."}
  - status: not_applicable
    when: {required: [doc], properties: {doc: {required: [retired], properties: {retired: {const: true}}}}}
    message: {en: "{/doc/path} says it is retired.", fr: "{/doc/path} dit qu'il est retiré."}
when: {properties: {doc: {not: {required: [retired]}}}}
""")
    rule = load_ruleset([tmp_path], builtin=False).get("test-outcomes")
    assert rule is not None
    assert "not_applicable_message" not in rule.data and "pass_message" not in rule.data
    retired = evaluate(rule, {"doc": {"path": "R.md", "retired": True}})
    assert (retired.status, retired.texts["en"]["message"]) == (
        Status.NOT_APPLICABLE, "R.md says it is retired.")
    example = evaluate(rule, {"doc": {"path": "R.md", "ok": True, "via": "example"}})
    assert (example.status, example.texts["fr"]["message"]) == (
        Status.PASS, "R.md le montre par un exemple.")
    plain = evaluate(rule, {"doc": {"path": "R.md", "ok": True}})
    assert (plain.status, plain.texts["en"]["message"]) == (Status.PASS, "Passed.")


def test_an_outcome_with_a_broken_schema_is_a_rule_problem(tmp_path: Path) -> None:
    folder = tmp_path / "licensing"
    folder.mkdir()
    (folder / "test-outcomes.yaml").write_text(
        _OUTCOMES.replace("{type: string}", "{type: strin}").replace("status: fail", "status: done"))
    _, _, problems = check_folders([tmp_path])
    text = "\n".join(str(p) for p in problems)
    assert ("/outcomes/1/status: 'done' is not one of ['review', 'fail', 'pass', 'not_applicable']"
            in text)
