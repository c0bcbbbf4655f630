"""Configuration: schema-checked with file and line; a repository's own file only adds waivers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from scanner.config import load_config, repository_waivers
from scanner.errors import ConfigError

GOOD = """\
version: 1
language: fr
severity: {licence-file-present: warning}
disable:
  - rule: api-description-published
    justification: Internal batch job, exposes no API at all.
waivers:
  - rule: no-cla-required
    repository: betagouv/*
    justification: The CLA is required by the upstream foundation.
    approved_by: Jane Doe (DINUM)
    expires: 2027-01-31
fail_under: 70
"""


def test_valid_config_is_loaded(tmp_path: Path) -> None:
    path = tmp_path / ".civiscan.yml"
    path.write_text(GOOD)
    config = load_config(path)
    assert config.language == "fr" and config.fail_under == 70
    assert config.severity == {"licence-file-present": "warning"}
    assert "api-description-published" in config.disabled
    (waiver,) = config.waivers
    assert waiver.expires == dt.date(2027, 1, 31) and waiver.applies_to("BetaGouv/demo")
    assert not waiver.applies_to("socialgouv/demo")
    assert waiver.expired(dt.date(2027, 1, 31)) and not waiver.expired(dt.date(2027, 1, 30))


@pytest.mark.parametrize(("text", "expected"), [
    ("waivers:\n  - rule: x-y\n    justification: short\n", ":2: /waivers/0"),
    ("fail_under: 120\n", ":1: /fail_under: 120 is greater than the maximum of 100"),
    ("unknown: 1\n", "Additional properties are not allowed"),
    ("a: [\n", ".civiscan.yml:2"),
    ("disable:\n  - rule: licence-file-present\n", "'justification' is a required property"),
])
def test_invalid_config_names_file_and_line(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / ".civiscan.yml"
    path.write_text(text)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert str(path) in str(caught.value) and expected in str(caught.value)


def test_repository_config_may_only_add_waivers() -> None:
    waivers, notices = repository_waivers(GOOD.encode(), ".civiscan.yml")
    assert [w.rule for w in waivers] == ["no-cla-required"]
    ignored = " ".join(notices)
    for key in ("disable", "severity", "fail_under", "language"):
        assert repr(key) in ignored


def test_invalid_repository_config_is_a_notice_not_an_error() -> None:
    waivers, notices = repository_waivers(b"waivers: [{rule: x}]\n", ".civiscan.yml")
    assert waivers == [] and "ignored" in notices[0]
