"""One outcome per content and kind of work, within a scan: results and failures alike."""

from __future__ import annotations

import pytest

from scanner.errors import ParseError
from scanner.memo import Memo


def test_work_on_equal_content_is_done_once_per_kind() -> None:
    memo = Memo()
    calls: list[str] = []

    def work(label: str) -> str:
        calls.append(label)
        return label

    assert memo.once("a", b"same", "x/one", lambda: work("first")) == "first"
    assert memo.once("a", b"same", "x/two", lambda: work("second")) == "first"
    assert memo.once("b", b"same", "x/two", lambda: work("other kind")) == "other kind"
    assert memo.once("a", "same", "x/three", lambda: work("text")) == "first"  # str == its bytes
    assert memo.once("a", b"different", "x/four", lambda: work("new")) == "new"
    assert calls == ["first", "other kind", "new"]


def test_a_failure_is_remembered_and_names_each_path() -> None:
    memo = Memo()
    calls = 0

    def fail() -> str:
        nonlocal calls
        calls += 1
        raise ParseError("a/openapi.yaml", "not analysed: out of time", line=3, fr="non analysé")

    for path in ("a/openapi.yaml", "b/openapi.yaml"):
        with pytest.raises(ParseError) as caught:
            memo.once("spec", b"hostile", path, fail)
        assert caught.value.path == path and caught.value.line == 3
        assert caught.value.message_fr == "non analysé"
    assert calls == 1


def test_bounded_work_runs_within_the_budget() -> None:
    with pytest.raises(ParseError) as caught:
        Memo().bounded("kind", b"x", "LICENSE", lambda: 1 // 0)
    assert caught.value.path == "LICENSE" and "ZeroDivisionError" in caught.value.message
