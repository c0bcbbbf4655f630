"""The per-file budget: work that runs out of time, or fails in any way, becomes one ParseError
naming the file; the timer it uses is always put back as it was."""

from __future__ import annotations

import re
import signal
import threading
import time
import typing as t

import pytest

from scanner import budget
from scanner.budget import bounded, guarded
from scanner.errors import ParseError


def _spin() -> None:
    """Busy for 30 s: a budget that fails to stop it fails the test instead of hanging it."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        pass


def _catastrophic_regex() -> None:
    re.search(r"(a+)+$", "a" * 40 + "!")  # 2**40 steps: hours without the budget


@pytest.mark.parametrize("work", [_spin, _catastrophic_regex])
def test_work_over_its_time_becomes_a_parse_error_naming_the_file(
        work: t.Callable[[], None]) -> None:
    started = time.monotonic()
    with pytest.raises(ParseError) as caught:
        bounded("README.md", work, seconds=0.2)
    assert time.monotonic() - started < 5  # a hang guard: the point is that it returns
    error = caught.value
    assert error.path == "README.md" and "took over 0.2 s" in error.message
    assert error.message_fr and "plus de 0,2 s" in error.message_fr
    problem = error.to_problem("community")
    assert problem["path"] == "README.md" and problem["message_fr"] == error.message_fr


@pytest.mark.parametrize(("failure", "expected"), [
    (RecursionError("maximum recursion depth exceeded"), "nested too deeply"),
    (MemoryError(), "too large to hold in memory"),
    (ValueError(), "ValueError"),
    (ValueError("Exceeds the limit (4300 digits) for integer string conversion"), "4300 digits"),
    (KeyError("x"), "KeyError"),
])
def test_any_failure_of_the_work_names_the_file(failure: BaseException, expected: str) -> None:
    def fail() -> None:
        raise failure

    with pytest.raises(ParseError) as caught:
        bounded("setup.py", fail)
    assert caught.value.path == "setup.py" and expected in caught.value.message
    assert caught.value.message_fr


def test_a_parse_error_of_the_work_passes_unchanged() -> None:
    original = ParseError("x.yml", "duplicate key 'a'", line=3)

    def fail() -> None:
        raise original

    with pytest.raises(ParseError) as caught:
        bounded("x.yml", fail)
    assert caught.value is original


def test_guarded_records_the_problem_and_returns_the_default(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(budget, "FILE_SECONDS", 0.1)
    problems: list[dict[str, t.Any]] = []
    assert guarded("LICENSE", "licence", problems, _spin, "default") == "default"
    assert [p["path"] for p in problems] == ["LICENSE"] and problems[0]["source"] == "licence"
    assert guarded("LICENSE", "licence", problems, lambda: "found", "default") == "found"
    assert len(problems) == 1


def _timer_state() -> tuple[t.Any, tuple[float, float]]:
    return signal.getsignal(signal.SIGALRM), signal.getitimer(signal.ITIMER_REAL)


def test_the_timer_and_handler_are_restored_after_success_and_after_expiry() -> None:
    before = _timer_state()
    assert bounded("a", lambda: 42, seconds=5) == 42
    assert _timer_state() == before
    with pytest.raises(ParseError):
        bounded("a", _spin, seconds=0.1)
    assert _timer_state() == before
    assert not budget._state.running and not budget._state.armed


def test_someone_elses_timer_is_left_alone() -> None:
    fired: list[int] = []
    previous = signal.signal(signal.SIGALRM, lambda signum, frame: fired.append(signum))
    try:
        signal.setitimer(signal.ITIMER_REAL, 30)
        assert bounded("a", lambda: "ok", seconds=0.1) == "ok"
        remaining, _ = signal.getitimer(signal.ITIMER_REAL)
        assert 25 < remaining <= 30  # not re-armed, not cancelled
        assert signal.getsignal(signal.SIGALRM) is not budget._on_alarm
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert fired == []


def test_nested_budgets_share_the_outer_one() -> None:
    def inner() -> str:
        assert budget._state.running
        return bounded("inner.md", lambda: "done", seconds=0.01)

    assert bounded("outer.md", inner, seconds=5) == "done"
    with pytest.raises(ParseError) as caught:
        bounded("outer.md", lambda: bounded("inner.md", _spin, seconds=60), seconds=0.2)
    assert caught.value.path == "outer.md"  # the outer budget ran out, and says so


def test_outside_the_main_thread_no_timer_is_armed_and_failures_still_name_the_file() -> None:
    results: dict[str, t.Any] = {}

    def run() -> None:
        results["value"] = bounded("a", lambda: signal.getitimer(signal.ITIMER_REAL), seconds=5)
        try:
            bounded("b.toml", lambda: 1 // 0)
        except ParseError as exc:
            results["error"] = exc

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(10)
    assert results["value"] == (0.0, 0.0)
    assert results["error"].path == "b.toml" and "ZeroDivisionError" in results["error"].message
