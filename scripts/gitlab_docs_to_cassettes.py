"""Build vcrpy cassettes for civiscan's GitLab REST paths from GitLab's documented examples.

There is no recorded GitLab traffic to convert (unlike ``replaydata_to_cassettes.py``): these
cassettes are constructed, not recorded. Each response body is an example response from GitLab's
API documentation, copied as published; the status and headers are what the same documentation
describes (the rate-limit headers with their documented example values), plus a Content-Type.
The request side is what civiscan's GitLab client sends. Run by hand when a scenario changes::

    .venv/bin/python scripts/gitlab_docs_to_cassettes.py

Source: https://gitlab.com/gitlab-org/gitlab ``doc/`` (read in its GitHub mirror gitlabhq/gitlabhq
at the commits named below), CC BY-SA 4.0, copyright GitLab B.V.
"""

from __future__ import annotations

import http
import json
import sys
import typing as t
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from vcr.request import Request  # noqa: E402

from tests.recording import CASSETTES, cassette_text  # noqa: E402

OUT = CASSETTES / "gitlab"
LICENCE = "CC BY-SA 4.0, copyright GitLab B.V."
MIRROR = "https://github.com/gitlabhq/gitlabhq"
#: The documentation's own example host and project.
API = "https://gitlab.example.com/api/v4"
PROJECT = 5

COMMITS_DOC = ("doc/api/commits.md", "00359ec1bcc62ff56654a939d7edeb9b37df4f5f",
               "List repository commits, example response")
#: As published (doc/api/commits.md, "List repository commits").
COMMITS = [
    {
        "id": "ed899a2f4b50b4370feeea94676502b42383c746",
        "short_id": "ed899a2f4b5",
        "title": "Replace sanitize with escape once",
        "author_name": "Dmitriy Zaporozhets",
        "author_email": "dzaporozhets@sphereconsultinginc.com",
        "authored_date": "2012-09-20T11:50:22+03:00",
        "committer_name": "Administrator",
        "committer_email": "admin@example.com",
        "committed_date": "2012-09-20T11:50:22+03:00",
        "created_at": "2012-09-20T11:50:22+03:00",
        "message": "Replace sanitize with escape once",
        "parent_ids": ["6104942438c14ec7bd21c6cd5bd995272b3faff6"],
    },
    {
        "id": "6104942438c14ec7bd21c6cd5bd995272b3faff6",
        "short_id": "6104942438c",
        "title": "Sanitize for network graph",
        "author_name": "randx",
        "author_email": "dmitriy.zaporozhets@gmail.com",
        "committer_name": "Dmitriy",
        "committer_email": "dmitriy.zaporozhets@gmail.com",
        "created_at": "2012-09-20T09:06:12+03:00",
        "message": "Sanitize for network graph",
        "parent_ids": ["ae1d9fb46aa2b07ee9836d49862ec4e2c46fbbba"],
    },
]
#: The HEAD civiscan lists at: the documentation's newest commit.
HEAD = str(COMMITS[0]["id"])

TREE_DOC = ("doc/api/repositories.md", "46ae03628de47d1bef2683a3a5fe4963b3df7d52",
            "List repository tree, example response")
#: As published (doc/api/repositories.md, "List repository tree").
TREE = [
    {"id": "a1e8f8d745cc87e3a9248358d9352bb7f9a0aeba", "name": "html", "type": "tree",
     "path": "files/html", "mode": "040000"},
    {"id": "4535904260b1082e14f867f7a24fd8c21495bde3", "name": "images", "type": "tree",
     "path": "files/images", "mode": "040000"},
    {"id": "31405c5ddef582c5a9b7a85230413ff90e2fe720", "name": "js", "type": "tree",
     "path": "files/js", "mode": "040000"},
    {"id": "cc71111cfad871212dc99572599a568bfe1e7e00", "name": "lfs", "type": "tree",
     "path": "files/lfs", "mode": "040000"},
    {"id": "fd581c619bf59cfdfa9c8282377bb09c2f897520", "name": "markdown", "type": "tree",
     "path": "files/markdown", "mode": "040000"},
    {"id": "23ea4d11a4bdd960ee5320c5cb65b5b3fdbc60db", "name": "ruby", "type": "tree",
     "path": "files/ruby", "mode": "040000"},
    {"id": "7d70e02340bac451f281cecf0a980907974bd8be", "name": "whitespace", "type": "blob",
     "path": "files/whitespace", "mode": "100644"},
]

RATE_LIMIT_DOC = ("doc/administration/settings/user_and_ip_rate_limits.md",
                  "986ab04856abe5031fbf020a9c3249c7c94d1963",
                  "a 429, plain text 'Retry later', Response headers examples")
#: The "Response headers" table, example column.
RATE_LIMIT_HEADERS = {
    "RateLimit-Limit": "60", "RateLimit-Name": "throttle_authenticated_web",
    "RateLimit-Observed": "67", "RateLimit-Remaining": "0", "RateLimit-Reset": "1609844400",
    "RateLimit-ResetTime": "Tue, 05 Jan 2021 11:00:00 GMT", "Retry-After": "30",
}

COMMITS_QUERY = {"ref_name": HEAD, "per_page": 100}
TREE_QUERY = {"recursive": "true", "ref": HEAD, "per_page": 100, "pagination": "none"}


def _get(path: str, query: dict[str, t.Any]) -> Request:
    # Any credential value here is replaced by REDACTED on the way into the cassette.
    return Request("GET", f"{API}{path}?{urlencode(query)}", None,
                   {"PRIVATE-TOKEN": "<your_access_token>", "User-Agent": "civiscan"})


def _response(status: int, body: str, content_type: str,
              headers: dict[str, str] | None = None) -> dict[str, t.Any]:
    data = body.encode("utf-8")
    fields = {"Content-Type": content_type, "Content-Length": str(len(data)), **(headers or {})}
    return {"status": {"code": status, "message": http.HTTPStatus(status).phrase},
            "headers": {name: [value] for name, value in fields.items()}, "body": {"string": data}}


def _json(status: int, value: t.Any) -> dict[str, t.Any]:
    return _response(status, json.dumps(value), "application/json")


SCENARIOS: dict[str, tuple[str, list[tuple[str, str, str]],
                           list[tuple[Request, dict[str, t.Any]]]]] = {
    "commits": ("the last commits of HEAD (GitLabForge.complete)", [COMMITS_DOC], [
        (_get(f"/projects/{PROJECT}/repository/commits", COMMITS_QUERY), _json(200, COMMITS))]),
    "tree": ("the recursive tree at HEAD, in one answer (GitLabForge.tree)", [TREE_DOC], [
        (_get(f"/projects/{PROJECT}/repository/tree", TREE_QUERY), _json(200, TREE))]),
    "rate_limited": ("a 429 with the documented rate-limit headers, then the same request answered",
                     [RATE_LIMIT_DOC, COMMITS_DOC], [
        (_get(f"/projects/{PROJECT}/repository/commits", COMMITS_QUERY),
         _response(429, "Retry later", "text/plain", RATE_LIMIT_HEADERS)),
        (_get(f"/projects/{PROJECT}/repository/commits", COMMITS_QUERY), _json(200, COMMITS))]),
}


def build(name: str) -> str:
    what, docs, exchanges = SCENARIOS[name]
    return cassette_text(exchanges, [
        f"{name}: {what}.",
        "CONSTRUCTED from GitLab's API documentation, not recorded traffic:",
        *[line for path, commit, part in docs
          for line in (f"  {path}: {part},", f"  as of commit {commit} of {MIRROR}")],
        f"Licence of GitLab's documentation: {LICENCE}",
        "Built by scripts/gitlab_docs_to_cassettes.py: bodies as published; statuses and headers",
        "as the documentation describes them, with a Content-Type; requests as civiscan sends them."])


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    for name in SCENARIOS:
        path = OUT / f"{name}.yaml"
        path.write_text(build(name), encoding="utf-8")
        print(f"{path.relative_to(ROOT)}: {path.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
