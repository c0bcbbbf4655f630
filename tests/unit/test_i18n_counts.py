"""Counts of what a list left out agree in number in French (« 1 autre », never « 1 autres »)."""

from __future__ import annotations

import pytest

from scanner.i18n import others


@pytest.mark.parametrize(("count", "language", "noun", "expected"), [
    (1, "fr", None, "1 autre"),
    (2, "fr", None, "2 autres"),
    (1, "en", None, "1 more"),
    (1, "en", ("licence", "licences"), "1 more licence"),
    (4, "en", ("licence", "licences"), "4 more licences"),
    (1, "fr", ("licence", "licences"), "1 autre licence"),
    (3, "fr", ("licence", "licences"), "3 autres licences"),
])
def test_others_agree_in_number(count: int, language: str, noun: tuple[str, str] | None,
                                expected: str) -> None:
    assert others(count, language, noun) == expected


def test_a_dependency_list_naming_all_but_one_says_one_other() -> None:
    from scanner.licences.dependencies import _named

    entry = {"name": "@sentry/cli", "version": "2.0.0", "licence": "FSL-1.1-MIT",
             "lockfile": "front/package-lock.json"}
    named = _named([entry], total=2)
    assert named["fr"].endswith(" et 1 autre") and named["en"].endswith(" and 1 more")
