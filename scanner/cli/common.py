"""Composition root shared by commands: config, ruleset, targets, language."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from scanner.config import Config, check_rule_ids, load_config, split_gitlab_hosts
from scanner.engine.loader import Ruleset, load_ruleset
from scanner.i18n import default_language
from scanner.sources.http import check_api_url
from scanner.targets import Target, gitlab_hosts_of, parse_target


def build_config(path: Path | None) -> Config:
    return load_config(path)


def build_ruleset(config: Config, extra: Sequence[Path] = ()) -> Ruleset:
    ruleset = load_ruleset([*config.rule_dirs, *extra])
    check_rule_ids(config, {rule.id for rule in ruleset.rules})
    return ruleset


def build_gitlab_hosts(config: Config, entries: Sequence[str] = ()) -> tuple[dict[str, str], dict[str, str]]:
    """Self-hosted GitLab hosts (``gitlab_hosts`` and ``--gitlab-host``, the command line last)
    with the path their instance is served under, and the API URL of those given as
    ``HOST=URL`` (checked: https, or http to a loopback host)."""
    hosts, instances = split_gitlab_hosts(entries)
    instances = {**config.gitlab_instances, **instances}
    for host, url in instances.items():
        check_api_url(url, f"--gitlab-host {host}")
    return gitlab_hosts_of(config.gitlab_hosts | hosts, instances), instances


def build_targets(raw: Sequence[str], config: Config, gitlab_hosts: Sequence[str] = ()) -> list[Target]:
    hosts, _ = build_gitlab_hosts(config, gitlab_hosts)
    return [parse_target(r, gitlab_hosts=hosts) for r in raw]


def pick_language(option: str | None, config: Config) -> str:
    return option or config.language or default_language()
