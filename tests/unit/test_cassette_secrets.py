"""No committed cassette holds a credential: token shapes in the text, credential headers and
query parameters in what vcrpy reads back, and the cassette tests' own sentinel token."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from vcr.serialize import deserialize
from vcr.serializers import yamlserializer

from tests.recording import CASSETTES, GITLAB_SENTINEL, REDACTED, SECRET_HEADERS, SECRET_PARAMETERS, SENTINEL

#: Token shapes (GitHub classic, OAuth, app, user-to-server, refresh, fine-grained; GitLab) and
#: credentials written next to their name, unless the value is REDACTED.
_LEAKS = re.compile(
    r"(?:ghp|gho|ghs|ghu|ghr)_[A-Za-z0-9]"
    r"|github_pat_[A-Za-z0-9_]"
    r"|glpat-[A-Za-z0-9_-]"
    rf"|\b(?:bearer|token)\s+(?!{REDACTED}\b)[^\s'\"]+"
    rf"|private-token[\s:'\"-]*(?!{REDACTED}\b)\w"
    rf"|\b(?:access_token|private_token)=(?!{REDACTED}\b)",
    re.IGNORECASE)
_CREDENTIAL_VALUE = re.compile(rf"^\s*(?:bearer|token)\s+(?!{REDACTED}\s*$)", re.IGNORECASE)


def leaks(text: str) -> list[str]:
    """Every credential-looking span of ``text``."""
    return [m.group(0) for m in _LEAKS.finditer(text)]


def header_leaks(text: str) -> list[str]:
    """Credential headers and parameters vcrpy would replay that are not REDACTED."""
    found = []
    requests, responses = deserialize(text, yamlserializer)[:2]
    for request, response in zip(requests, responses, strict=True):
        for name, value in request.headers.items():
            if (name.lower() in SECRET_HEADERS and value != REDACTED) or _CREDENTIAL_VALUE.match(value):
                found.append(f"request header {name}")
        for name, value in request.query:
            if name in SECRET_PARAMETERS and value != REDACTED:
                found.append(f"query parameter {name}")
        for name, values in response["headers"].items():
            bad = name.lower() == "set-cookie" and values != [REDACTED]
            if bad or any(_CREDENTIAL_VALUE.match(v) for v in values):
                found.append(f"response header {name}")
    return found


def _files() -> list[Path]:
    return sorted(p for p in CASSETTES.rglob("*") if p.is_file())


def test_there_are_cassettes_to_scan() -> None:
    assert {p.parent.name for p in _files() if p.suffix == ".yaml"} == {"github", "gitlab"}
    assert len([p for p in _files() if p.suffix == ".yaml"]) >= 17


@pytest.mark.parametrize("path", _files(), ids=lambda p: str(p.relative_to(CASSETTES)))
def test_no_cassette_file_holds_a_token(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert leaks(text) == []
    assert SENTINEL not in text and GITLAB_SENTINEL not in text
    if path.suffix == ".yaml":
        assert header_leaks(text) == []


@pytest.mark.parametrize("text", [
    "Authorization: token ghp_16C7e42F292c6912E7710c838347Ae178B4a",
    "- token 0123456789abcdef0123456789abcdef01234567",  # a classic 40-hex token, no prefix
    "authorization:\n      - Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln",
    "body: gho_abc ghs_abc ghu_abc ghr_abc",
    "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz",
    "PRIVATE-TOKEN:\n      - glpat-xxxxxxxxxxxxxxxxxxxx",
    "PRIVATE-TOKEN:\n      - s3cr3t",
    "uri: https://gitlab.example/api/v4/projects?private_token=abc",
    "uri: https://api.github.com/user?per_page=1&access_token=abc",
])
def test_the_scan_sees_each_kind_of_leak(text: str) -> None:
    assert leaks(text)


@pytest.mark.parametrize("text", [
    "authorization:\n      - REDACTED",
    "Authorization: Bearer REDACTED", "Authorization: token REDACTED",
    "PRIVATE-TOKEN:\n      - REDACTED",
    "uri: https://gitlab.example/api/v4/projects?private_token=REDACTED",
    "x-ratelimit-remaining: '4999'",
])
def test_the_scan_passes_redacted_values(text: str) -> None:
    assert leaks(text) == []


def _cassette(request_headers: str, uri: str = "https://api.github.com/user",
              response_headers: str = "{}") -> str:
    return f"""interactions:
- request: {{body: null, headers: {request_headers}, method: GET, uri: '{uri}'}}
  response:
    body: {{string: ''}}
    headers: {response_headers}
    status: {{code: 200, message: OK}}
version: 1
"""


@pytest.mark.parametrize(("text", "found"), [
    (_cassette("{Authorization: [s3cr3t]}"), ["request header Authorization"]),
    (_cassette("{X-Other: [token abc]}"), ["request header X-Other"]),
    (_cassette("{Cookie: [session=1]}"), ["request header Cookie"]),
    (_cassette("{}", uri="https://gitlab.example/api?private_token=x"), ["query parameter private_token"]),
    (_cassette("{}", response_headers="{Set-Cookie: [id=1]}"), ["response header Set-Cookie"]),
    (_cassette("{authorization: [REDACTED], PRIVATE-TOKEN: [REDACTED]}",
               uri="https://gitlab.example/api?private_token=REDACTED",
               response_headers="{Set-Cookie: [REDACTED]}"), []),
])
def test_the_header_check_reads_what_vcrpy_replays(text: str, found: list[str]) -> None:
    assert header_leaks(text) == found
