"""vcrpy set-up shared by the forge cassette tests and the scripts that build the cassettes.

One configuration, so a cassette a script builds and one vcrpy would record carry the same
redactions. Replay only unless ``VCR_RECORD_MODE`` says otherwise (reference/api.md §6).
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import sys
import typing as t
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from unittest import mock

import requests
import vcr
from requests.adapters import HTTPAdapter
from vcr.cassette import Cassette
from vcr.record_mode import RecordMode
from vcr.request import Request
from vcr.serialize import deserialize, serialize
from vcr.serializers import yamlserializer

CASSETTES = Path(__file__).parent / "cassettes"
SCRIPTS = Path(__file__).parent.parent / "scripts"
REDACTED = "REDACTED"
#: Request headers that carry credentials (GitHub: Authorization; GitLab REST: PRIVATE-TOKEN).
SECRET_HEADERS = ("authorization", "private-token", "cookie")
SECRET_PARAMETERS = ("access_token", "private_token")
#: The tokens the cassette tests send: token-shaped, so a secret scan would see them were they written.
SENTINEL = "ghp_sentinel" + "0" * 28
GITLAB_SENTINEL = "glpat-sentinel" + "0" * 6
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


def cassette_text(exchanges: t.Iterable[tuple[Request, dict[str, t.Any]]], header: list[str]) -> str:
    """A cassette as vcrpy would record these exchanges under ``forge_vcr``, after ``header``
    (comment lines: where the exchanges come from)."""
    config = forge_vcr().get_merged_config()
    requests, responses = [], []
    for request, response in exchanges:
        requests.append(config["before_record_request"](request))
        responses.append(config["before_record_response"](response))
    text = str(serialize({"requests": requests, "responses": responses}, yamlserializer))
    deserialize(text, yamlserializer)  # what vcrpy cannot read back is never written
    return "".join(f"# {line}".rstrip() + "\n" for line in header) + text


@contextlib.contextmanager
def replay(name: str, sentinel: str) -> Iterator[Cassette]:
    """Play ``<name>.yaml`` under ``tests/cassettes`` once through; then ``sentinel`` went out on
    every request, yet the cassette is byte for byte what it was."""
    path = CASSETTES / f"{name}.yaml"
    before = path.read_bytes()
    sent: list[dict[str, str]] = []
    send = HTTPAdapter.send

    def spy(self: HTTPAdapter, request: requests.PreparedRequest, *args: t.Any, **kwargs: t.Any) -> t.Any:
        sent.append({k: str(v) for k, v in request.headers.items()})
        return send(self, request, *args, **kwargs)

    with mock.patch.object(HTTPAdapter, "send", spy), \
            forge_vcr().use_cassette(f"{name}.yaml", allow_playback_repeats=False) as cassette:
        yield cassette
    if not recording():
        assert sent and all(any(v.endswith(sentinel) for v in headers.values()) for headers in sent)
        after = path.read_bytes()
        assert after == before, f"{path} was rewritten"
        assert sentinel.encode() not in after


def build_script(name: str) -> ModuleType:
    """``scripts/<name>.py``, the cassette build step, loaded as a module."""
    spec = importlib.util.spec_from_file_location(name, SCRIPTS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # its dataclasses look their module up
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules[name]
    return module
