"""Turn PyGithub's recorded api.github.com exchanges into vcrpy cassettes for civiscan's tests.

Run by hand when the scenario list changes (vcrpy comes with the ``test`` extra); the cassettes
it writes are committed::

    .venv/bin/python scripts/replaydata_to_cassettes.py [--source DIR]

``DIR`` defaults to ``../shared/reference/pygithub-replaydata`` (PyGithub's ``tests/ReplayData``
files, copied unchanged; their README describes the 11-line record format). Each scenario becomes
``tests/cassettes/github/<name>.yaml``: real statuses, headers and bodies, in recorded order, with
a header comment naming the source files, their commit and their licence (LGPL-3.0).

Changes from the recording, and only these: bodies are stored decoded, so ``Content-Encoding``
is dropped and ``Content-Length`` is the stored body's length (what vcrpy's
``decode_compressed_response`` stores); credentials pass through the tests' own vcrpy filters
(``tests/recording.py``), which replace ``Authorization`` and cookies by ``REDACTED``.
"""

from __future__ import annotations

import argparse
import ast
import http
import sys
import typing as t
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from vcr.request import Request  # noqa: E402

from tests.recording import CASSETTES, cassette_text  # noqa: E402

SOURCE = ROOT.parent / "shared" / "reference" / "pygithub-replaydata"
OUT = CASSETTES / "github"
REPOSITORY = "https://github.com/PyGithub/PyGithub"
SNAPSHOT = "5cdf6ab395c52efb652d0bc1f28fdf2e452b1b41"
#: The last commit that touched each file (from the reference copy's README).
LAST_COMMIT = "7a11f840b7c691a37027079bae87b37a6108f9b2"
LAST_COMMIT_BY_PREFIX = {"SpecificExceptions.": "1942645446739bfc6bb9eacaf25fae8417829e71"}
LICENCE = "LGPL-3.0 (GNU Lesser General Public License v3), PyGithub's licence"


@dataclass(frozen=True)
class Scenario:
    """One cassette: records of ReplayData files (``None``: all of a file), played in this order."""

    name: str
    what: str
    parts: tuple[tuple[str, tuple[int, ...] | None], ...]


SCENARIOS = (
    Scenario("repository", "a repository lookup (full-repository shape, 2025)",
             (("Repository.setUp.txt", None),)),
    Scenario("org_repos", "an organisation's repositories, unfiltered then ?type=public",
             (("Organization.testGetRepos.txt", None), ("Organization.testGetReposWithType.txt", None))),
    Scenario("commits_pages", "two pages of commits linked by Link rel=next",
             (("Repository.testGetCommits.txt", (0, 1)),)),
    Scenario("git_tree_recursive", "a recursive git tree",
             (("Repository.testGetGitTreeWithRecursive.txt", None),)),
    Scenario("contents_file", "a file's contents (base64)",
             (("Repository.testGetContents.txt", (1,)),)),
    Scenario("graphql_query", "one GraphQL query",
             (("GraphQl.testQuery.txt", None),)),
    Scenario("graphql_pages", "GraphQL cursor pagination, forward: three pages of one connection",
             (("PaginatedList.testGraphQlPagination.txt", (1, 2, 3)),)),
    Scenario("etag_not_modified", "a 200 with an ETag, then the conditional request answered 304",
             (("ConditionalRequestUpdate.setUp.txt", None),
              ("ConditionalRequestUpdate.testDidNotUpdate.txt", None))),
    Scenario("etag_updated", "a 200 with an ETag, then the conditional request answered 200",
             (("ConditionalRequestUpdate.setUp.txt", None),
              ("ConditionalRequestUpdate.testDidUpdate.txt", None))),
    Scenario("secondary_rate_limit", "a secondary (abuse) rate limit: 403 with Retry-After: 60",
             (("SpecificExceptions.testAuthenticatedRateLimitExceeded.txt", (1,)),)),
    Scenario("primary_rate_limit", "a 200 then a primary rate limit 403, x-ratelimit-remaining 0",
             (("SpecificExceptions.testRateLimitExceeded.txt", None),)),
    Scenario("not_found", "a 404", (("Exceptions.testUnknownObject.txt", (1,)),)),
    Scenario("retry_500_then_200", "a 500, then 200 on the retry",
             (("Retry.testReturnsRepoAfter1Retry.txt", None),)),
    Scenario("retry_502_x4", "four 502 in a row", (("Retry.testRaisesRetryErrorAfterMaxRetries.txt", None),)),
)


@dataclass
class Record:
    method: str
    uri: str
    request_headers: dict[str, str]
    request_body: str | None
    status: int
    response_headers: list[tuple[str, str]]
    body: str


def read_records(path: Path) -> list[Record]:
    """The records of one ReplayData file (11 lines each; see the reference copy's README)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    records = []
    for start in range(0, len(lines) - 9, 11):
        scheme, method, host, port, target, headers, body, status, response_headers, text = \
            lines[start:start + 10]
        netloc = host if port == "None" else f"{host}:{port}"
        records.append(Record(method, f"{scheme}://{netloc}{target}", ast.literal_eval(headers),
                              None if body == "None" else body, int(status),
                              ast.literal_eval(response_headers), text))
    if not records:
        raise ValueError(f"{path}: no record")
    return records


def _response(record: Record) -> dict[str, t.Any]:
    body = record.body.encode("utf-8")
    headers: dict[str, list[str]] = {}
    for name, value in record.response_headers:
        if name.lower() == "content-encoding":
            continue  # the recorder stored the body decoded
        if name.lower() == "content-length":
            value = str(len(body))
        headers.setdefault(name, []).append(value)
    return {"status": {"code": record.status, "message": http.HTTPStatus(record.status).phrase},
            "headers": headers, "body": {"string": body}}


def _source_commit(file_name: str) -> str:
    return next((c for p, c in LAST_COMMIT_BY_PREFIX.items() if file_name.startswith(p)), LAST_COMMIT)


def build(scenario: Scenario, source: Path) -> str:
    """The cassette text: a provenance comment, then vcrpy's own YAML."""
    exchanges = []
    origin = []
    for file_name, wanted in scenario.parts:
        records = read_records(source / file_name)
        indexes = range(len(records)) if wanted is None else wanted
        for i in indexes:
            record = records[i]
            exchanges.append((Request(record.method, record.uri, record.request_body,
                                      record.request_headers), _response(record)))
        origin += [f"  tests/ReplayData/{file_name}, record{'s' if len(indexes) > 1 else ''} "
                   f"{', '.join(str(i + 1) for i in indexes)} of {len(records)},",
                   f"  last changed in commit {_source_commit(file_name)}"]
    return cassette_text(exchanges, [
        f"{scenario.name}: {scenario.what}.",
        "Real api.github.com exchanges recorded by PyGithub's tests,",
        f"from {REPOSITORY} (snapshot {SNAPSHOT}):", *origin,
        f"Licence: {LICENCE}.",
        "Built by scripts/replaydata_to_cassettes.py: bodies stored decoded (Content-Encoding",
        "dropped, Content-Length recomputed), credentials redacted."])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--source", type=Path, default=SOURCE, help="PyGithub ReplayData folder")
    args = parser.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    for scenario in SCENARIOS:
        path = OUT / f"{scenario.name}.yaml"
        path.write_text(build(scenario, args.source), encoding="utf-8")
        print(f"{path.relative_to(ROOT)}: {path.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
