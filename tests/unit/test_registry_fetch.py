"""Reading a registry from a file or over HTTP(S): caps, time limits, redirects, no tokens."""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from pathlib import Path

import pytest

from scanner.errors import TargetError
from scanner.registry import fetch
from scanner.registry.document import RegistryError
from scanner.targets import parse_target
from tests.fakeforge import FakeForge, Fault, FaultPlan, Forge

DOC = b'{"data": []}'


@pytest.fixture
def web(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeForge]:
    """The fake's web server; forge tokens are in the environment, as in a real run."""
    monkeypatch.setenv("GITHUB_TOKEN", "ghp_SENTINEL0000000000000000000000000000")
    monkeypatch.setenv("GITLAB_TOKEN", "glpat-SENTINEL00000000")
    with FakeForge(Forge()) as fake:
        yield fake


def test_a_document_is_read_with_no_credential(web: FakeForge) -> None:
    web.forge.add_document("/api/v2.6/startups.json", DOC)
    assert fetch.fetch_url(web.web_url + "/api/v2.6/startups.json") == DOC
    (logged,) = web.stats.requests("web")
    assert not logged.authorization and logged.headers.get("user-agent") == "civiscan"


def test_netrc_credentials_are_not_sent(web: FakeForge, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    netrc = tmp_path / ".netrc"
    netrc.write_text("machine 127.0.0.1 login me password ghp_SENTINEL\n")
    netrc.chmod(0o600)
    monkeypatch.setenv("NETRC", str(netrc))
    web.forge.add_document("/r.json", DOC)
    fetch.fetch_url(web.web_url + "/r.json")
    assert not web.stats.requests("web")[0].authorization


def test_a_document_over_the_cap_is_not_read(web: FakeForge) -> None:
    web.forge.add_document("/big.json", b" " * 5000 + DOC)
    with pytest.raises(RegistryError, match="larger than"):
        fetch.fetch_url(web.web_url + "/big.json", limit=4096)


def test_a_compression_bomb_is_capped_on_decoded_bytes(web: FakeForge) -> None:
    bomb = gzip.compress(b" " * 2_000_000)
    web.forge.add_document("/bomb.json", bomb, headers={"Content-Encoding": "gzip"})
    assert len(bomb) < 10_000
    with pytest.raises(RegistryError, match="larger than"):
        fetch.fetch_url(web.web_url + "/bomb.json", limit=1024 * 1024)


@pytest.mark.parametrize(("status", "words"), [(404, "HTTP 404"), (500, "HTTP 500")])
def test_an_error_answer_is_a_registry_error(web: FakeForge, status: int, words: str) -> None:
    web.forge.add_document("/r.json", b"nope", status=status)
    with pytest.raises(RegistryError, match=words) as caught:
        fetch.fetch_url(web.web_url + "/r.json")
    assert caught.value.fr


def test_redirects_are_followed_only_to_allowed_places(web: FakeForge) -> None:
    web.forge.add_document("/r.json", DOC)
    web.forge.add_document("/moved", b"", status=301, headers={"Location": "/r.json"})
    assert fetch.fetch_url(web.web_url + "/moved") == DOC
    web.forge.add_document("/away", b"", status=302,
                           headers={"Location": "http://registry.example.org/r.json"})
    with pytest.raises(RegistryError, match="must be read over https"):
        fetch.fetch_url(web.web_url + "/away")
    web.forge.add_document("/creds", b"", status=302,
                           headers={"Location": web.web_url.replace("//", "//u:p@") + "/r.json"})
    with pytest.raises(RegistryError, match="must be read over https"):
        fetch.fetch_url(web.web_url + "/creds")
    web.forge.add_document("/loop", b"", status=302, headers={"Location": "/loop"})
    with pytest.raises(RegistryError, match="redirects"):
        fetch.fetch_url(web.web_url + "/loop")
    assert web.count("web") == 2 + 1 + 1 + fetch.MAX_REDIRECTS + 1


@pytest.mark.parametrize("fault", [Fault.connection_reset(), Fault.truncated_json(),
                                   Fault.timeout(hold=2.0)])
def test_a_failing_host_is_a_registry_error_not_a_hang(web: FakeForge, fault: Fault) -> None:
    web.forge.add_document("/r.json", b'{"data": [' + b'{"id": "x"},' * 1000 + b'{}]}')
    web.faults = FaultPlan().add(fault, "web")
    try:
        data = fetch.fetch_url(web.web_url + "/r.json", timeout=0.5)
    except RegistryError as exc:
        assert exc.fr
        return
    assert fault.kind == "truncated_json" and not data.endswith(b"]}")  # then parsing refuses it


def test_the_deadline_bounds_a_slow_host(web: FakeForge) -> None:
    web.forge.add_document("/r.json", DOC)
    web.faults = FaultPlan().add(Fault.delay(1.0), "web")
    with pytest.raises(RegistryError):
        fetch.fetch_url(web.web_url + "/r.json", timeout=0.3)


def test_a_refused_connection_is_a_registry_error(unreachable_github: str) -> None:
    with pytest.raises(RegistryError, match="could not be fetched"):
        fetch.fetch_url(unreachable_github.replace("/api/v3", "/r.json"))


def test_a_file_over_the_cap_or_missing(tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    path.write_bytes(b" " * 100)
    with pytest.raises(RegistryError, match="larger than"):
        fetch.read_file(path, limit=50)
    assert fetch.read_file(path) == b" " * 100
    with pytest.raises(RegistryError, match="cannot read"):
        fetch.read_file(tmp_path / "gone.json")


@pytest.mark.parametrize(("raw", "words"), [
    ("registry:", "name the registry"),
    ("registry:   ", "name the registry"),
    ("registry:http://beta.gouv.fr/api/v2.6/startups.json", "over https"),
    ("registry:ftp://beta.gouv.fr/startups.json", "over https"),
    ("registry:https://user:pw@beta.gouv.fr/startups.json", "no credentials"),
    ("registry:/nonexistent/startups.json", "no such registry file"),
])
def test_registry_targets_are_checked_before_anything_is_read(raw: str, words: str) -> None:
    with pytest.raises(TargetError, match=words):
        parse_target(raw)


def test_registry_targets(tmp_path: Path) -> None:
    url = parse_target("registry:https://beta.gouv.fr/api/v2.6/startups.json")
    assert (url.kind, url.url, url.label) == ("registry", "https://beta.gouv.fr/api/v2.6/startups.json",
                                             "registry:https://beta.gouv.fr/api/v2.6/startups.json")
    assert parse_target("registry:http://127.0.0.1:8000/s.json").url == "http://127.0.0.1:8000/s.json"
    (tmp_path / "s.json").write_bytes(DOC)
    local = parse_target(f"registry:{tmp_path / 's.json'}")
    assert local.path == tmp_path / "s.json" and local.url is None
    data, source = fetch.load(local)
    assert data == DOC and source == str(tmp_path / "s.json")
