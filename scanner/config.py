"""``.civiscan.yml``: extra rules, severity overrides, justified disables and waivers.

Two trust levels. The file the user names (``--config`` or ``CIVISCAN_CONFIG``) is trusted: every
key applies. A ``.civiscan.yml`` found inside a scanned repository is not: its waivers are shown
as *proposed* and never applied (a repository must not grade itself), unless the trusted
configuration says ``repository_waivers: allow``, and even then only those that end within
``repository_waiver_max_days``. It can never disable rules, change severities or thresholds, or
point civiscan elsewhere: what it tried is reported, not applied.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import os
import typing as t
from dataclasses import dataclass, field
from pathlib import Path

from scanner import schemas
from scanner.errors import ConfigError, ParseError
from scanner.i18n import Text
from scanner.parsing import Loaded, load_yaml

FILE_NAME = ".civiscan.yml"
ENV_VAR = "CIVISCAN_CONFIG"
#: Keys a scanned repository's own config may set.
REPOSITORY_KEYS = frozenset({"version", "waivers"})
#: Longest a repository's own waiver may run, when the trusted configuration allows them.
DEFAULT_REPOSITORY_WAIVER_MAX_DAYS = 365


@dataclass(frozen=True)
class Waiver:
    """An accepted finding: it keeps its outcome, is shown as waived, and stops counting."""

    rule: str
    repository: str
    justification: str
    approved_by: str
    expires: dt.date
    origin: str

    @classmethod
    def from_data(cls, data: dict[str, t.Any], origin: str) -> Waiver:
        return cls(rule=data["rule"], repository=data.get("repository", "*"),
                   justification=data["justification"], approved_by=data["approved_by"],
                   expires=dt.date.fromisoformat(data["expires"]), origin=origin)

    def applies_to(self, full_name: str) -> bool:
        return fnmatch.fnmatch(full_name.lower(), self.repository.lower())

    def expired(self, today: dt.date) -> bool:
        return today >= self.expires

    def to_dict(self) -> dict[str, t.Any]:
        return {"rule": self.rule, "repository": self.repository,
                "justification": self.justification, "approved_by": self.approved_by,
                "expires": self.expires.isoformat(), "origin": self.origin}


@dataclass
class Config:
    """Settings in force for a run (CLI options are applied on top by the caller)."""

    path: str | None = None
    language: str | None = None
    rule_dirs: list[Path] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    disabled: dict[str, str] = field(default_factory=dict)
    waivers: list[Waiver] = field(default_factory=list)
    fail_under: float | None = None
    fail_on: str | None = None
    gitlab_hosts: frozenset[str] = frozenset()
    #: ``HOST=URL`` entries of ``gitlab_hosts``: where such a host's API is reached.
    gitlab_instances: dict[str, str] = field(default_factory=dict)
    #: Whether a scanned repository's own waivers may apply (else they are only proposed).
    allow_repository_waivers: bool = False
    repository_waiver_max_days: int = DEFAULT_REPOSITORY_WAIVER_MAX_DAYS


def _parse(data: bytes, where: str) -> Loaded:
    try:
        loaded = load_yaml(data, path=where, locate=True)
    except ParseError as exc:
        raise ConfigError(str(exc)) from None
    if loaded.value is None:
        return Loaded({}, loaded.lines)
    return loaded


def _validate(loaded: Loaded, where: str) -> None:
    found = sorted(schemas.validator("config").iter_errors(loaded.value),
                   key=lambda e: list(e.absolute_path))
    if not found:
        return
    lines = []
    for error in found:
        pointer = "".join(f"/{p}" for p in error.absolute_path)
        line = loaded.line_of(pointer)
        lines.append(f"{where}:{line}: {pointer or '/'}: {error.message}" if line
                     else f"{where}: {pointer or '/'}: {error.message}")
    raise ConfigError("invalid configuration:\n  " + "\n  ".join(lines),
                      fr="configuration invalide :\n  " + "\n  ".join(lines))


def load_config(path: Path | None = None) -> Config:
    """The trusted configuration: ``path``, else ``$CIVISCAN_CONFIG``, else none."""
    if path is None and os.environ.get(ENV_VAR):
        path = Path(os.environ[ENV_VAR])
    if path is None:
        return Config()
    where = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{where}: cannot read the configuration: {exc.strerror}",
                          fr=f"{where} : impossible de lire la configuration : {exc.strerror}"
                          ) from None
    loaded = _parse(data, where)
    _validate(loaded, where)
    value: dict[str, t.Any] = loaded.value
    base = path.parent
    return Config(
        path=where,
        language=value.get("language"),
        rule_dirs=[(base / d).resolve() for d in value.get("rules", [])],
        severity=dict(value.get("severity", {})),
        disabled={d["rule"]: d["justification"] for d in value.get("disable", [])},
        waivers=[Waiver.from_data(w, where) for w in value.get("waivers", [])],
        fail_under=value.get("fail_under"),
        fail_on=value.get("fail_on"),
        **_gitlab_hosts(value.get("gitlab_hosts", [])),
        allow_repository_waivers=value.get("repository_waivers") == "allow",
        repository_waiver_max_days=value.get("repository_waiver_max_days",
                                             DEFAULT_REPOSITORY_WAIVER_MAX_DAYS),
    )


def split_gitlab_hosts(entries: t.Iterable[str]) -> tuple[frozenset[str], dict[str, str]]:
    """``HOST`` and ``HOST=URL`` entries (``--gitlab-host``, ``gitlab_hosts``): the hosts that are
    GitLab instances, and the API URL of those reached elsewhere than https://HOST."""
    hosts: set[str] = set()
    instances: dict[str, str] = {}
    for entry in entries:
        host, _, url = entry.partition("=")
        host = host.strip().lower()
        hosts.add(host)
        if url.strip():
            instances[host] = url.strip()
    return frozenset(hosts), instances


def _gitlab_hosts(entries: list[str]) -> dict[str, t.Any]:
    hosts, instances = split_gitlab_hosts(entries)
    return {"gitlab_hosts": hosts, "gitlab_instances": instances}


def check_rule_ids(config: Config, known: set[str]) -> None:
    """A rule id the ruleset does not have is a typo that would silently do nothing: refuse it."""
    named = [*config.severity, *config.disabled, *(w.rule for w in config.waivers)]
    unknown = sorted({rule for rule in named if rule not in known})
    if unknown:
        raise ConfigError(f"{config.path}: unknown rule id(s): {', '.join(unknown)} "
                          "(see 'civiscan rules list')",
                          fr=f"{config.path} : identifiant(s) de règle inconnu(s) : "
                             f"{', '.join(unknown)} (voir « civiscan rules list »)")


def repository_waivers(data: bytes, where: str) -> tuple[list[Waiver], list[Text]]:
    """Waivers from a scanned repository's own ``.civiscan.yml``, and notices about the rest.

    Never raises: an invalid file is a notice, and the scan goes on without it.
    """
    try:
        loaded = _parse(data, where)
        if not isinstance(loaded.value, dict):
            return [], [(f"{where}: ignored: not a mapping",
                         f"{where} : ignoré : ce n'est pas un dictionnaire")]
        _validate(loaded, where)
    except ConfigError as exc:
        return [], [(f"ignored: {exc}", f"ignoré : {exc.text('fr')}")]
    value: dict[str, t.Any] = loaded.value
    notices = [(f"{where}: key {key!r} ignored: a repository's own configuration may only "
                "declare waivers",
                f"{where} : clé {key!r} ignorée : la configuration propre d'un dépôt ne peut "
                "que déclarer des dérogations") for key in sorted(set(value) - REPOSITORY_KEYS)]
    return [Waiver.from_data(w, where) for w in value.get("waivers", [])], notices


def admit_repository_waivers(waivers: list[Waiver], config: Config,
                             today: dt.date) -> tuple[list[Waiver], list[dict[str, t.Any]]]:
    """Which of a repository's own waivers apply, and the others as proposals with a ``reason``.

    None applies unless the trusted configuration allows it (``not_allowed``); then a waiver
    ending after ``today`` plus the longest lifetime allowed is not applied either (``too_long``,
    with the ``latest`` expiry date it could have had).
    """
    if not config.allow_repository_waivers:
        return [], [{**w.to_dict(), "reason": "not_allowed"} for w in waivers]
    latest = today + dt.timedelta(days=config.repository_waiver_max_days)
    admitted = [w for w in waivers if w.expires <= latest]
    proposed = [{**w.to_dict(), "reason": "too_long", "latest": latest.isoformat()}
                for w in waivers if w.expires > latest]
    return admitted, proposed
