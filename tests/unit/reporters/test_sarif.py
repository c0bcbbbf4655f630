"""SARIF as GitHub code scanning takes it (reference/conventions.md §2), validated against the
vendored OASIS SARIF 2.1.0 schema."""

from __future__ import annotations

import copy
import hashlib
import json
import typing as t

import jsonschema
import pytest

from scanner.reporters import REPORTER_BY_NAME
from scanner.reporters import sarif as sarif_module
from tests.support import TESTS, golden_run

SCHEMA_FILE = TESTS / "fixtures" / "sarif" / "sarif-schema-2.1.0.json"
SCHEMA_SHA256 = "c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e"


def _validate(text: str) -> dict[str, t.Any]:
    schema = json.loads(SCHEMA_FILE.read_text("utf-8"))
    document = json.loads(text)
    jsonschema.Draft4Validator(schema).validate(document)
    return t.cast(dict[str, t.Any], document)


def _render(run: dict[str, t.Any]) -> dict[str, t.Any]:
    return _validate(REPORTER_BY_NAME["sarif"].render(run))


def test_the_vendored_schema_is_the_one_documented() -> None:
    assert hashlib.sha256(SCHEMA_FILE.read_bytes()).hexdigest() == SCHEMA_SHA256
    assert (SCHEMA_FILE.parent / "LICENSE.md").is_file()


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_sarif_is_valid_and_holds_what_github_requires(lang: str) -> None:
    document = _render(golden_run(lang))
    assert document["version"] == "2.1.0" and len(document["runs"]) == 1
    run = document["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "civiscan" and driver["semanticVersion"]
    rules = {r["id"]: r for r in driver["rules"]}
    for rule in rules.values():
        assert rule["id"].startswith("civiscan/")
        for key in ("shortDescription", "fullDescription"):
            assert 0 < len(rule[key]["text"]) <= 1024
        assert rule["help"]["text"] and rule["help"]["markdown"]
        assert rule["helpUri"].startswith("https://")
        assert len(rule["name"]) <= 255
    bundled = rules["civiscan/licence-file-present"]["helpUri"]
    assert bundled.endswith("/rules/licensing/licence-file-present.yaml")
    assert run["results"]
    for result in run["results"]:
        assert result["message"]["text"]
        assert rules[result["ruleId"]] == driver["rules"][result["ruleIndex"]]
        location = result["locations"][0]["physicalLocation"]
        uri = location["artifactLocation"]["uri"]
        assert uri and not uri.startswith("/") and ".." not in uri.split("/")
        assert location["region"]["startLine"] >= 1
        assert result["partialFingerprints"]["primaryLocationLineHash"]


def test_one_result_per_unwaived_fail_or_review_finding() -> None:
    run = golden_run()
    expected = sum(1 for c in run["scorecards"]
                   if c["status"] == "ok" and c.get("kind", "repository") == "repository"
                   for f in c["findings"] if f["status"] in ("fail", "review") and not f["waiver"])
    results = _render(run)["runs"][0]["results"]
    assert len(results) == expected
    rules = [(r["properties"]["repository"], r["ruleId"]) for r in results]
    assert len(set(rules)) == len(rules)
    assert not any(r["ruleId"] == "civiscan/startup-repository-declared" for r in results)
    # the waived finding of the hostile repository is not reported
    hostile = [r for r in results if r["properties"]["repository"].startswith("hostile/")]
    assert hostile and all(r["ruleId"] != "civiscan/code-of-conduct-present" for r in hostile)
    # a repository that could not be scanned is a tool notification, not a result
    notices = _render(run)["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert any("betagouv/gone" in n["message"]["text"] for n in notices)


def test_a_missing_file_is_reported_at_the_readme_line_1() -> None:
    run = golden_run()
    results = _render(run)["runs"][0]["results"]
    missing = next(r for r in results if r["ruleId"] == "civiscan/publiccode-yml-present"
                   and r["properties"]["repository"] == "betagouv/rdv-service-public")
    location = missing["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "README.md"
    assert location["region"]["startLine"] == 1 and missing["properties"]["anchored"]
    assert "publiccode.yml" in missing["message"]["text"]
    # a finding about a file that exists is shown there, at its line
    invalid = next(r for r in results if r["ruleId"] == "civiscan/publiccode-yml-valid")
    place = invalid["locations"][0]["physicalLocation"]
    assert place["artifactLocation"]["uri"] == "publiccode.yml" and not invalid["properties"][
        "anchored"]


def test_paths_outside_the_repository_never_become_locations() -> None:
    results = _render(golden_run())["runs"][0]["results"]
    hostile = [r for r in results if r["properties"]["repository"].startswith("hostile/")]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in hostile}
    assert not any(".." in uri for uri in uris)


def test_fingerprints_are_stable_across_runs_and_wording() -> None:
    run = golden_run()
    first = {(r["properties"]["repository"], r["ruleId"]): r["partialFingerprints"]
             for r in _render(run)["runs"][0]["results"]}
    changed = copy.deepcopy(run)
    for card in changed["scorecards"]:
        for finding in card["findings"]:
            finding["message"] += " (reworded)"
            for item in finding["evidence"]:
                item["line"] = 42
    french = golden_run("fr")
    for other in (changed, french):
        again = {(r["properties"]["repository"], r["ruleId"]): r["partialFingerprints"]
                 for r in _render(other)["runs"][0]["results"]}
        assert again == first
    hashes = [v["primaryLocationLineHash"] for v in first.values()]
    assert len(set(hashes)) == len(hashes)


def test_long_texts_are_cut_and_the_document_stays_valid() -> None:
    run = golden_run()
    card = run["scorecards"][0]
    failing = next(f for f in card["findings"] if f["status"] == "fail")
    failing["message"] = "x" * 1_000_000
    rule = run["rules"][failing["rule"]]
    rule["title"]["en"] = "t" * 5000
    rule["rationale"]["en"] = "r" * 5000
    document = _render(run)
    result = next(r for r in document["runs"][0]["results"]
                  if r["ruleId"] == f"civiscan/{failing['rule']}"
                  and r["properties"]["repository"] == card["repository"]["full_name"])
    assert len(result["message"]["text"]) <= sarif_module.MAX_MESSAGE
    descriptor = next(r for r in document["runs"][0]["tool"]["driver"]["rules"]
                      if r["id"] == result["ruleId"])
    assert len(descriptor["shortDescription"]["text"]) == 1024


def test_too_many_results_keep_the_most_severe_with_a_warning(
        monkeypatch: pytest.MonkeyPatch) -> None:
    rank = {"error": 0, "warning": 1, "note": 2}
    every = _render(golden_run())["runs"][0]["results"]
    monkeypatch.setattr(sarif_module, "MAX_RESULTS", 5)
    run = _render(golden_run())["runs"][0]
    assert len(run["results"]) == 5
    kept = sorted(rank[r["level"]] for r in run["results"])
    assert kept == sorted(rank[r["level"]] for r in every)[:5]
    texts = [n["message"]["text"] for n in run["invocations"][0]["toolExecutionNotifications"]]
    assert any("only the 5 most severe" in text for text in texts)


def test_review_findings_are_notes_and_hostile_text_is_inert() -> None:
    text = REPORTER_BY_NAME["sarif"].render(golden_run())
    results = json.loads(text)["runs"][0]["results"]
    review = [r for r in results if r["properties"]["status"] == "review"]
    assert review and all(r["level"] == "note" for r in review)
    assert "\u202e" not in text and "\\u202e" in text  # shown, not obeyed
    assert "\n::add-mask::" not in text
