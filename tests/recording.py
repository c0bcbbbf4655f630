"""vcrpy set-up shared by the cassette tests and ``scripts/replaydata_to_cassettes.py``.

One configuration, so a cassette the script builds and one vcrpy would record carry the same
redactions. Replay only unless ``VCR_RECORD_MODE`` says otherwise (reference/api.md §6).
"""

from __future__ import annotations

import os
import typing as t
from pathlib import Path

import vcr
from vcr.record_mode import RecordMode
from vcr.request import Request

CASSETTES = Path(__file__).parent / "cassettes"
REDACTED = "REDACTED"
#: Request headers that carry credentials (GitHub: Authorization; GitLab REST: PRIVATE-TOKEN).
SECRET_HEADERS = ("authorization", "private-token", "cookie")
SECRET_PARAMETERS = ("access_token", "private_token")
#: The token the cassette tests send: token-shaped, so a secret scan would see it were it written.
SENTINEL = "ghp_sentinel" + "0" * 28
#: GraphQL is one URL: the body tells requests apart.
MATCH_ON = ("method", "scheme", "host", "port", "path", "query", "body", "if_none_match")


def record_mode() -> str:
    """``VCR_RECORD_MODE`` (``none``: replay only, any request not recorded fails)."""
    mode = os.environ.get("VCR_RECORD_MODE", "none")
    if mode not in {m.value for m in RecordMode}:
        raise ValueError(f"VCR_RECORD_MODE={mode!r}: expected one of {sorted(m.value for m in RecordMode)}")
    return mode


def recording() -> bool:
    return record_mode() != "none"


def if_none_match(live: Request, recorded: Request) -> None:
    """A conditional request matches only a recording of the same condition (ETag)."""
    sent, expected = live.headers.get("If-None-Match"), recorded.headers.get("If-None-Match")
    assert sent == expected, f"If-None-Match {sent!r} != recorded {expected!r}"


def _scrub_response(response: dict[str, t.Any]) -> dict[str, t.Any]:
    for name in list(response["headers"]):
        if name.lower() == "set-cookie":
            response["headers"][name] = [REDACTED]
    return response


def forge_vcr() -> vcr.VCR:
    """Cassettes under ``tests/cassettes``; recorded bodies stored decoded, secrets redacted."""
    recorder = vcr.VCR(
        cassette_library_dir=str(CASSETTES),
        record_mode=record_mode(),
        match_on=MATCH_ON,
        filter_headers=[(name, REDACTED) for name in SECRET_HEADERS],
        filter_query_parameters=[(name, REDACTED) for name in SECRET_PARAMETERS],
        before_record_response=_scrub_response,
        decode_compressed_response=True,
    )
    recorder.register_matcher("if_none_match", if_none_match)
    return recorder
