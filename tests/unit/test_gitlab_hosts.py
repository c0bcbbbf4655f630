"""``--gitlab-host HOST=URL`` / ``gitlab_hosts``: where a self-hosted GitLab's API is reached, and
the token following only the configured instance."""

from __future__ import annotations

from pathlib import Path

import pytest

from scanner.cli.common import build_gitlab_hosts
from scanner.config import Config, load_config, split_gitlab_hosts
from scanner.errors import ConfigError, UsageError
from scanner.sources import gitlab as gl
from scanner.targets import parse_target

HOSTS = frozenset({"forge.example.gouv.fr"})


def test_entries_split_into_hosts_and_instances() -> None:
    hosts, instances = split_gitlab_hosts(["Forge.Example.gouv.fr", "gitlab.com=http://127.0.0.1:9"])
    assert hosts == {"forge.example.gouv.fr", "gitlab.com"}
    assert instances == {"gitlab.com": "http://127.0.0.1:9"}


def test_the_configuration_takes_host_equals_url(tmp_path: Path) -> None:
    path = tmp_path / "c.yml"
    path.write_text("gitlab_hosts: [forge.example.gouv.fr=https://gitlab.interne.example, other.org]\n")
    config = load_config(path)
    assert config.gitlab_hosts == {"forge.example.gouv.fr", "other.org"}
    assert config.gitlab_instances == {"forge.example.gouv.fr": "https://gitlab.interne.example"}
    path.write_text("gitlab_hosts: [\"forge.example.gouv.fr=https://user:pw@gitlab.interne.example\"]\n")
    with pytest.raises(ConfigError):
        load_config(path)


def test_the_command_line_wins_and_urls_are_checked() -> None:
    config = Config(gitlab_hosts=frozenset({"a.org"}), gitlab_instances={"a.org": "https://one.example"})
    hosts, instances = build_gitlab_hosts(config, ["a.org=https://two.example", "b.org"])
    assert hosts == {"a.org": "", "b.org": ""} and instances == {"a.org": "https://two.example"}
    with pytest.raises(UsageError, match="https"):
        build_gitlab_hosts(Config(), ["a.org=http://10.0.0.1"])


def test_a_mapped_host_gets_the_token_only_when_it_is_the_configured_instance(
        monkeypatch: pytest.MonkeyPatch) -> None:
    target = parse_target("https://forge.example.gouv.fr/a/b", gitlab_hosts=HOSTS)
    mapped = {"forge.example.gouv.fr": "https://gitlab.interne.example/"}
    assert gl.instance_for(target, None, mapped) == ("https://gitlab.interne.example", False)
    assert gl.instance_for(target, "https://gitlab.interne.example", mapped) == \
        ("https://gitlab.interne.example", True)
    # gitlab: targets always go to the configured instance, whatever the mapping says.
    assert gl.instance_for(parse_target("gitlab:a"), None, {"gitlab.com": "https://x.example"}) == \
        ("https://gitlab.com", True)
    monkeypatch.setenv("GITLAB_TOKEN", "glpat-SENTINEL")
    client = gl.GitLabClient.for_target(gl.Policy(), target, None, mapped)
    assert client.url == "https://gitlab.interne.example" and client.token is None
    with pytest.raises(UsageError):
        gl.instance_for(target, None, {"forge.example.gouv.fr": "http://10.0.0.1"})


def test_an_instance_served_under_a_path_is_not_read_as_a_group() -> None:
    """https://forge.example.gouv.fr/gitlab/a/b on an instance at /gitlab is project a/b."""
    hosts, _ = build_gitlab_hosts(Config(), ["forge.example.gouv.fr=https://forge.example.gouv.fr/gitlab/"])
    assert hosts == {"forge.example.gouv.fr": "/gitlab"}
    target = parse_target("https://forge.example.gouv.fr/gitlab/a/b/-/tree/main", gitlab_hosts=hosts)
    assert (target.owner, target.name) == ("a", "b")
    # A group whose name merely starts like the instance path keeps it.
    other = parse_target("https://forge.example.gouv.fr/gitlab-team/b", gitlab_hosts=hosts)
    assert (other.owner, other.name) == ("gitlab-team", "b")
    from scanner.registry.resolve import resolve

    declared = resolve("https://forge.example.gouv.fr/gitlab/a/b", hosts)
    assert declared.target is not None and declared.target.label == "forge.example.gouv.fr/a/b"
