"""The one request loop both forges use (``Policy.call``), on scripted answers: what is retried,
how long it waits, when it gives up, and that it never sleeps a negative time."""

from __future__ import annotations

import typing as t
from collections.abc import Sequence

import pytest

from scanner.sources.http import Answer, BudgetExhausted, Policy, RateLimited, RemoteFailure

NOW = 1_800_000_000.0


def _run(answers: Sequence[Answer], *, raw: bool = False,
         **policy: t.Any) -> tuple[tuple[int, dict[str, str], t.Any], list[float], int]:
    waits: list[float] = []
    script = list(answers)
    sent = 0

    def send() -> Answer:
        nonlocal sent
        sent += 1
        return script.pop(0)

    def sleep(seconds: float) -> None:
        assert seconds >= 0
        waits.append(seconds)

    result = Policy(sleep=sleep, clock=lambda: NOW, **policy).call(send, "g/p", token_var="GITLAB_TOKEN",
                                                                    raw=raw)
    return result, waits, sent


OK: Answer = (200, {"Content-Type": "application/json"}, b'{"ok": true}')


def test_transient_errors_are_retried_then_succeed() -> None:
    (status, _, data), waits, sent = _run([(502, {}, b"<html>Bad gateway</html>")] * 3 + [OK])
    assert (status, data, sent, len(waits)) == (200, {"ok": True}, 4, 3)


def test_transient_errors_forever_stop_at_the_cap() -> None:
    with pytest.raises(RemoteFailure) as caught:
        _run([(502, {}, b"")] * 10)
    assert caught.value.status == 502 and "HTTP 502" in str(caught.value) and caught.value.fr


@pytest.mark.parametrize(("headers", "body", "low", "high"), [
    ({"Retry-After": "7"}, b"", 7, 7),
    ({"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"}, b"", 0, 0),  # a date in the past: no wait
    ({"RateLimit-Remaining": "0", "RateLimit-Reset": str(int(NOW) - 30)}, b"", 1, 1),  # skewed clock
    ({"RateLimit-Remaining": "0", "RateLimit-Reset": str(int(NOW) + 40)}, b"", 41, 41),
    ({}, b"Retry later\n", 1, 60),  # GitLab Dedicated: plain text, no headers
    ({}, b"", 1, 60),  # gitlab#365728: a 429 with no rate-limit header at all
])
def test_rate_limits_wait_as_told_and_succeed(headers: dict[str, str], body: bytes, low: float,
                                              high: float) -> None:
    (status, _, _), waits, _ = _run([(429, headers, body), OK])
    assert status == 200
    assert all(low <= w <= high for w in waits)


@pytest.mark.parametrize("body", [b"<html><body>502 proxy error</body></html>", b'{"id": 1, "na',
                                  b""])
def test_an_unusable_200_is_retried_as_a_silent_fault(body: bytes) -> None:
    (status, _, data), _, sent = _run([(200, {}, body), OK])
    assert (status, data, sent) == (200, {"ok": True}, 2)
    with pytest.raises(RemoteFailure, match="no usable answer after 3 attempts"):
        _run([(200, {}, body)] * 3)


def test_connection_resets_are_retried() -> None:
    (status, _, _), _, sent = _run([(0, {}, b""), (0, {}, b""), OK])
    assert (status, sent) == (200, 3)


def test_refusals_are_not_retried() -> None:
    for status in (401, 403, 404):
        (got, _, _), waits, sent = _run([(status, {}, b'{"message": "404 Project Not Found"}')])
        assert (got, waits, sent) == (status, [], 1)


def test_raw_bytes_are_returned_as_they_are() -> None:
    (status, _, data), _, _ = _run([(200, {}, b"")], raw=True)
    assert (status, data) == (200, b"")
    (status, _, data), _, _ = _run([(200, {}, b"\xff\xfe{not json")], raw=True)
    assert (status, data) == (200, b"\xff\xfe{not json")


def test_a_wait_longer_than_allowed_is_an_error_not_a_nap() -> None:
    with pytest.raises(RateLimited, match="wait 7200 s"):
        _run([(429, {"Retry-After": "7200"}, b"")])


def test_every_attempt_counts_against_the_budget() -> None:
    with pytest.raises(BudgetExhausted):
        _run([(502, {}, b"")] * 3, max_requests=2)


def test_a_graphql_answer_of_errors_only_with_no_budget_left_waits_for_the_reset() -> None:
    limited: Answer = (200, {"RateLimit-Remaining": "0", "RateLimit-Reset": str(int(NOW) + 5)},
                       b'{"errors": [{"message": "Retry later"}]}')
    (status, _, data), waits, _ = _run([limited, OK])
    assert (status, data, waits) == (200, {"ok": True}, [6.0])
    # Errors with budget left are the query's own problem: handed back, not retried.
    refused: Answer = (200, {"RateLimit-Remaining": "10"}, b'{"errors": [{"message": "no"}]}')
    (status, _, data), waits, _ = _run([refused])
    assert (status, waits) == (200, []) and data["errors"]


def test_the_pacer_lets_a_burst_through_then_waits_for_the_window() -> None:
    from scanner.sources.http import Pacer, Policy

    now = [1000.0]
    waits: list[float] = []

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        now[0] += seconds

    pace = Pacer(3, Policy(sleep=sleep, clock=lambda: now[0]))
    for _ in range(3):
        pace()
        now[0] += 1.0
    assert waits == []
    pace()  # the 4th within a minute waits until the first leaves the window
    assert waits == [pytest.approx(57.0)]
