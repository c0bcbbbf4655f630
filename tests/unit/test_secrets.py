"""Secrets are masked wherever civiscan shows or writes text; nothing else is."""

from __future__ import annotations

import logging

import pytest

from scanner.cli import NeutralisingFilter
from scanner.secrets import redact


@pytest.mark.parametrize(("text", "masked"), [
    ("https://x-access-token:abc123@github.com/o/r.git", "https://***@github.com/o/r.git"),
    ("https://github.com/o/r.git?access_token=s3cr3t&tab=1", "https://github.com/o/r.git"
                                                              "?access_token=***&tab=1"),
    ("u?private_token=a;X-Amz-Signature=b&client_secret=c&api_key=d",
     "u?private_token=***;X-Amz-Signature=***&client_secret=***&api_key=***"),
    ("token ghp_abcdefghijklmnopqrstuvwxyz0123456789 used", "token *** used"),
    ("github_pat_11ABCDEFG0123456789_abcdefghijkl", "***"),
    ("glpat-ABCDEFGHIJ0123456789xyz and gloas-0123456789abcdefghij", "*** and ***"),
])
def test_token_shapes_and_url_credentials_are_masked(text: str, masked: str) -> None:
    assert redact(text) == masked


@pytest.mark.parametrize("text", [
    "git@github.com:betagouv/demo.git", "https://e.org/?author=jane&design=x&monkey=1",
    "std::vector", "ghp_short", "See CONTRIBUTING.md for the token-free process.",
])
def test_ordinary_text_is_left_alone(text: str) -> None:
    assert redact(text) == text


def test_values_of_token_variables_are_masked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GH_TOKEN", "plain-value-0001")
    monkeypatch.setenv("CIVISCAN_GITLAB_TOKEN", "another-value-0002")
    monkeypatch.setenv("DEPLOY_PASSWORD", "third-value-0003")
    monkeypatch.setenv("SOME_TOKEN", "short")  # too short to mask: it would hide ordinary words
    monkeypatch.setenv("CIVISCAN_LANG", "frenchlanguage")  # not a secret by its name
    text = "plain-value-0001 another-value-0002 third-value-0003 short frenchlanguage"
    assert redact(text) == "*** *** *** short frenchlanguage"


def test_every_log_record_is_masked_and_neutralised(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_TOKEN", "value-of-the-token")
    try:
        raise RuntimeError("failed with value-of-the-token")
    except RuntimeError as exc:
        record = logging.LogRecord("scanner", logging.DEBUG, __file__, 1, "%s: %s",
                                   ("::add-mask::x\x1b[2J", "value-of-the-token"),
                                   (RuntimeError, exc, exc.__traceback__))
    assert NeutralisingFilter().filter(record)
    line = logging.Formatter("%(message)s").format(record)
    assert line.startswith("\\::add-mask::x\\u001b[2J: ***\nTraceback")
    assert "value-of-the-token" not in line and "RuntimeError: failed with ***" in line
