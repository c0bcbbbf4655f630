"""Hermetic by construction: no network, isolated config, a CLI runner that shows its output."""

from __future__ import annotations

import socket
import typing as t

import pytest
from click.testing import CliRunner, Result

from scanner.cli import cli
from tests.recording import recording

_LOCAL_HOSTS = {"127.0.0.1", "::1", "localhost"}
_real_connect = socket.socket.connect
_real_getaddrinfo = socket.getaddrinfo


def _guarded_connect(self: socket.socket, address: t.Any) -> t.Any:
    if self.family == socket.AF_UNIX or (isinstance(address, tuple) and address[0] in _LOCAL_HOSTS):
        return _real_connect(self, address)
    raise RuntimeError(f"test tried to reach the network: {address!r}")


def _guarded_getaddrinfo(host: t.Any, *args: t.Any, **kwargs: t.Any) -> t.Any:
    if host not in _LOCAL_HOSTS and host is not None:
        raise RuntimeError(f"test tried to resolve {host!r}")
    return _real_getaddrinfo(host, *args, **kwargs)


@pytest.fixture(autouse=True)
def _no_network(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Replayed cassettes never reach the socket; only a cassette test asked to record does."""
    if request.node.get_closest_marker("cassette") and recording():
        return
    monkeypatch.setattr(socket.socket, "connect", _guarded_connect)
    monkeypatch.setattr(socket, "getaddrinfo", _guarded_getaddrinfo)


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    for var in ("CIVISCAN_CONFIG", "CIVISCAN_LANG", "GITHUB_TOKEN", "GH_TOKEN", "GITLAB_TOKEN",
                "NO_COLOR", "GITHUB_API_URL", "GITHUB_GRAPHQL_URL", "GITLAB_URL", "CIVISCAN_CACHE_DIR",
                "CI", "GITHUB_ACTIONS"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))


class RunCli(t.Protocol):
    def __call__(self, *args: str, expect: int | None = ..., input: str | None = ...) -> Result: ...


@pytest.fixture
def run_cli() -> RunCli:
    """Invoke ``civiscan ARGS``; on an unexpected exit code, show stdout and stderr."""

    def run(*args: str, expect: int | None = 0, input: str | None = None) -> Result:
        result = CliRunner().invoke(cli, list(args), catch_exceptions=False, input=input)
        if expect is not None:
            assert result.exit_code == expect, (
                f"exit {result.exit_code} != {expect}\n--- stdout\n{result.stdout}"
                f"\n--- stderr\n{result.stderr}")
        return result

    return run


@pytest.fixture
def unreachable_github(monkeypatch: pytest.MonkeyPatch) -> str:
    """GITHUB_API_URL on a loopback port nobody listens on: every request is refused at once."""
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    url = f"http://127.0.0.1:{port}/api/v3"
    monkeypatch.setenv("GITHUB_API_URL", url)
    return url
