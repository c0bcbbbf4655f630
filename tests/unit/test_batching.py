"""Halving a GraphQL query the host chokes on (scanner/sources/batching.py), on scripted answers:
what halves it, where it stops, and that both forges' batched lookups go through it."""

from __future__ import annotations

import typing as t

import pytest

from scanner.sources import github as gh
from scanner.sources import gitlab as gl
from scanner.sources.batching import Answer, ask_halving, halving_batches
from scanner.sources.http import RemoteFailure

OK: Answer = {"data": {"ok": True}}
HEAVY: Answer = {"errors": [{"message": "Query has complexity of 300, which exceeds max complexity "
                                        "of 250"}]}


def _failure(status: int) -> RemoteFailure:
    return RemoteFailure(f"batch: HTTP {status}", fr=f"lot : HTTP {status}", status=status)


def _choking(status: int, over: int, asked: list[int]) -> t.Callable[[int], Answer]:
    """A host that fails with ``status`` whenever more than ``over`` items are asked."""
    def send(size: int) -> Answer:
        asked.append(size)
        assert len(asked) < 20, "asked forever"
        if size > over:
            raise _failure(status)
        return OK
    return send


@pytest.mark.parametrize("status", [502, 504, 0], ids=["502", "504", "reset"])
def test_a_choked_query_is_asked_again_for_half(status: int) -> None:
    asked: list[int] = []
    assert ask_halving(_choking(status, 2, asked), 8) == (2, OK)
    assert asked == [8, 4, 2]


@pytest.mark.parametrize("status", [500, 403, 404])
def test_other_failures_stand_at_once(status: int) -> None:
    asked: list[int] = []
    size, answer = ask_halving(_choking(status, 2, asked), 8)
    assert size == 8 and isinstance(answer, RemoteFailure) and answer.status == status
    assert asked == [8]


def test_at_size_one_the_failure_stands_as_the_host_gave_it() -> None:
    failure = _failure(502)
    asked: list[int] = []

    def send(size: int) -> Answer:
        asked.append(size)
        assert len(asked) < 20, "asked forever"
        raise failure

    assert ask_halving(send, 8) == (1, failure)
    assert asked == [8, 4, 2, 1]


def test_halving_starts_from_what_was_left_to_ask() -> None:
    asked: list[int] = []
    assert ask_halving(_choking(502, 0, asked), 8, left=3)[0] == 1
    assert asked == [8, 1]


def test_a_too_heavy_answer_is_halved_and_returned_at_size_one() -> None:
    asked: list[int] = []

    def send(size: int, over: int = 2) -> Answer:
        asked.append(size)
        assert len(asked) < 20, "asked forever"
        return HEAVY if size > over else OK

    assert ask_halving(send, 8, too_heavy=lambda data: data is HEAVY) == (2, OK)
    assert asked == [8, 4, 2]
    asked.clear()
    assert ask_halving(lambda n: send(n, over=0), 4,
                       too_heavy=lambda data: data is HEAVY) == (1, HEAVY)
    assert asked == [4, 2, 1]
    assert ask_halving(lambda n: HEAVY, 4) == (4, HEAVY)  # no too_heavy: an answer is an answer


def test_batches_keep_a_halved_size_and_grow_back_only_when_asked() -> None:
    sent: list[list[int]] = []

    def send(batch: list[int]) -> Answer:
        sent.append(batch)
        if len(batch) > 2 and batch[0] < 4:  # the first items are heavy
            raise _failure(504)
        return {"data": batch}

    got = list(halving_batches(range(10), 4, send))
    assert [b for b, _ in got] == [[0, 1], [2, 3], [4, 5], [6, 7], [8, 9]]
    assert all(a == {"data": b} for b, a in got)
    sent.clear()
    got = list(halving_batches(range(10), 4, send, grow=True))
    assert sent == [[0, 1, 2, 3], [0, 1], [2, 3, 4, 5], [2, 3], [4, 5, 6, 7], [8, 9]]


def test_a_failure_stands_for_its_whole_batch_and_the_rest_is_still_asked() -> None:
    def send(batch: list[str]) -> Answer:
        if "bad" in batch:
            raise _failure(502 if len(batch) > 1 else 403)
        return OK

    got = list(halving_batches(["a", "bad", "c", "d"], 4, send))
    assert [b for b, _ in got] == [["a"], ["bad"], ["c"], ["d"]]
    assert [a.status if isinstance(a, RemoteFailure) else a for _, a in got] == [OK, 403, OK, OK]


def test_the_last_lone_item_is_asked_twice_before_its_failure_stands() -> None:
    sent: list[list[str]] = []

    def send(batch: list[str]) -> Answer:
        sent.append(batch)
        assert len(sent) < 20, "asked forever"
        raise _failure(0)

    [(batch, answer)] = halving_batches(["x"], 5, send)
    assert batch == ["x"] and isinstance(answer, RemoteFailure) and answer.status == 0
    assert sent == [["x"], ["x"]]  # asked at size 5, then at 1: as the forges always did


class _GitHubClient:
    token = "SENTINEL"
    api_url = "https://api.github.com"

    def __init__(self, over: int) -> None:
        self.over = over
        self.sizes: list[int] = []
        self.answered = 0

    def graphql(self, query: str, variables: dict[str, t.Any], what: str) -> Answer:
        size = sum(1 for key in variables if key.startswith("o"))
        self.sizes.append(size)
        assert len(self.sizes) < 100, "asked forever"
        if size > self.over or variables.get("o0") == "gone":
            raise _failure(502)
        self.answered += size
        return {"data": {}}


def test_github_repositories_halve_a_choked_batch() -> None:
    client = _GitHubClient(over=5)
    forge = gh.GitHubForge(t.cast(gh.GitHubClient, client))
    pairs = [(f"org{i}", "repo") for i in range(53)]
    found = forge.repositories([("gone", "repo"), *pairs])
    # 50 to a query, halved down to "gone" alone (whose failure stands), then doubled back
    # after each answer
    assert client.sizes[:11] == [50, 25, 12, 6, 3, 1, 1, 2, 4, 8, 4]
    assert client.answered == len(pairs)
    failure = found[("gone", "repo")]
    assert isinstance(failure, RemoteFailure) and failure.status == 502
    assert all(isinstance(found[p], RemoteFailure) and t.cast(RemoteFailure, found[p]).status == 404
               for p in pairs)


class _GitLabClient:
    token = None

    def __init__(self, over: int) -> None:
        self.over = over
        self.sizes: list[int] = []

    def graphql(self, query: str, variables: dict[str, t.Any], what: str) -> Answer:
        self.sizes.append(len(variables))
        return HEAVY if len(variables) > self.over else {"data": {}}


def test_gitlab_projects_halve_a_too_heavy_batch() -> None:
    client = _GitLabClient(over=2)
    forge = gl.GitLabForge(t.cast(gl.GitLabClient, client))
    paths = [f"group/p{i}" for i in range(gl.PROJECTS_PER_QUERY)]
    found = forge.projects(paths)
    assert found == dict.fromkeys(paths)
    assert client.sizes == [6, 3, 1, 1, 1, 1, 1, 1]  # halved from what was asked; never grown
