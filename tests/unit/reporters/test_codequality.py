"""GitLab Code Quality: the fields GitLab documents it reads, nothing it would reject."""

from __future__ import annotations

import json

from scanner.reporters import REPORTER_BY_NAME
from tests.support import golden_run

#: https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format
SEVERITIES = {"info", "minor", "major", "critical", "blocker"}


def test_every_issue_has_the_fields_gitlab_reads() -> None:
    issues = json.loads(REPORTER_BY_NAME["codequality"].render(golden_run()))
    assert isinstance(issues, list) and issues
    for issue in issues:
        assert isinstance(issue["description"], str) and issue["description"]
        assert isinstance(issue["check_name"], str) and issue["check_name"]
        assert isinstance(issue["fingerprint"], str) and issue["fingerprint"]
        assert issue["severity"] in SEVERITIES
        assert isinstance(issue["location"]["path"], str) and issue["location"]["path"]
        assert not issue["location"]["path"].startswith("/")
        begin = issue["location"]["lines"]["begin"]
        assert isinstance(begin, int) and begin >= 1
    fingerprints = [i["fingerprint"] for i in issues]
    assert len(set(fingerprints)) == len(fingerprints)  # GitLab dedupes on it


def test_fingerprints_match_sarif_and_missing_files_point_at_the_readme() -> None:
    run = golden_run()
    issues = json.loads(REPORTER_BY_NAME["codequality"].render(run))
    sarif = json.loads(REPORTER_BY_NAME["sarif"].render(run))["runs"][0]["results"]
    assert {i["fingerprint"] for i in issues} == {
        r["partialFingerprints"]["civiscanFinding/v1"] for r in sarif}
    missing = next(i for i in issues if i["check_name"] == "civiscan/licence-file-present")
    assert missing["location"] == {"path": "README.md", "lines": {"begin": 1}}


def test_review_is_info_and_an_empty_run_is_an_empty_list() -> None:
    run = golden_run()
    issues = json.loads(REPORTER_BY_NAME["codequality"].render(run))
    assert {i["severity"] for i in issues if "review" in i["description"].lower()} <= {"info"}
    run["scorecards"] = []
    assert json.loads(REPORTER_BY_NAME["codequality"].render(run)) == []
