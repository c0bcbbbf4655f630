"""Configuration: schema-checked with file and line; a repository's own file only adds waivers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from scanner.config import Config, admit_repository_waivers, load_config, repository_waivers
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
    ("repository_waivers: yes\n", ":1: /repository_waivers: 'yes' is not one of"),
    ("repository_waiver_max_days: 0\n", ":1: /repository_waiver_max_days: 0 is less than"),
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
    ignored = " ".join(en for en, _ in notices)
    ignoré = " ".join(fr for _, fr in notices)
    for key in ("disable", "severity", "fail_under", "language"):
        assert repr(key) in ignored and repr(key) in ignoré
    assert "ignorée" in ignoré


def test_invalid_repository_config_is_a_notice_not_an_error() -> None:
    waivers, notices = repository_waivers(b"waivers: [{rule: x}]\n", ".civiscan.yml")
    assert waivers == [] and "ignored" in notices[0][0] and "ignoré" in notices[0][1]


def test_repository_waivers_are_only_proposed_by_default(tmp_path: Path) -> None:
    path = tmp_path / ".civiscan.yml"
    path.write_text("fail_under: 50\n")
    config = load_config(path)
    assert not config.allow_repository_waivers and config.repository_waiver_max_days == 365
    waivers, _ = repository_waivers(GOOD.encode(), ".civiscan.yml")
    applied, proposed = admit_repository_waivers(waivers, config, dt.date(2026, 1, 1))
    assert applied == [] and [p["reason"] for p in proposed] == ["not_allowed"]
    assert proposed[0]["justification"] == waivers[0].justification


def test_allowed_repository_waivers_are_capped_in_lifetime(tmp_path: Path) -> None:
    path = tmp_path / ".civiscan.yml"
    path.write_text("repository_waivers: allow\nrepository_waiver_max_days: 30\n")
    config = load_config(path)
    assert config.allow_repository_waivers and config.repository_waiver_max_days == 30
    waivers, _ = repository_waivers(GOOD.encode(), ".civiscan.yml")  # expires 2027-01-31
    applied, proposed = admit_repository_waivers(waivers, config, dt.date(2027, 1, 1))
    assert applied == waivers and proposed == []
    applied, proposed = admit_repository_waivers(waivers, config, dt.date(2026, 12, 31))
    assert applied == [] and proposed[0]["reason"] == "too_long"
    assert proposed[0]["latest"] == "2027-01-30"
    assert admit_repository_waivers(waivers, Config(allow_repository_waivers=True),
                                    dt.date(2026, 2, 1))[0] == waivers  # 365 days by default


def test_a_repository_cannot_allow_its_own_waivers() -> None:
    _, notices = repository_waivers(b"repository_waivers: allow\nrepository_waiver_max_days: 9\n",
                                    ".civiscan.yml")
    assert any("'repository_waivers' ignored" in en for en, _ in notices)
    assert any("'repository_waiver_max_days' ignored" in en for en, _ in notices)
