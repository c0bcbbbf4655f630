"""What a startup's ``repository`` field names: a repository or an organisation on a forge, or
nothing usable. Never guessed: a value that is empty, not an https URL, or on a host that is not
a known or configured forge is reported as such, and nothing is fetched for it.

A host other than github.com and gitlab.com is a GitLab only when the configuration or
``--gitlab-host`` says so. civiscan does not probe an unknown host to find out: the registry is
untrusted, and asking any host it names would let it point the scanner at arbitrary (internal)
addresses.
"""

from __future__ import annotations

import re
import typing as t
from collections.abc import Collection
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from scanner.errors import TargetError
from scanner.registry.document import Text
from scanner.targets import GitlabHosts, Target, parse_target

#: Longest value shown back in a report.
MAX_SHOWN = 200
_ALIASES = {"www.github.com": "github.com", "www.gitlab.com": "gitlab.com"}
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)


@dataclass(frozen=True)
class Declared:
    """The resolution of one ``repository`` value.

    ``status`` is ``not_declared`` (absent or empty), ``malformed`` (not the URL of a repository
    or organisation), ``unknown_host`` (a URL on a host that is not a known or configured forge)
    or ``forge`` (``target`` says where to look)."""

    value: str | None
    status: str
    detail: Text | None = None
    target: Target | None = None

    @property
    def forge(self) -> str | None:
        return self.target.kind if self.target else None

    @property
    def host(self) -> str | None:
        if self.target is not None:
            return self.target.host
        if self.status == "unknown_host" and self.value:
            return urlsplit(self.value).netloc.lower() or None
        return None


def shown(value: str) -> str:
    """The value as reports may show it: without credentials, and not too long."""
    try:
        parts = urlsplit(value)
        if parts.username is not None or parts.password is not None:
            host = parts.hostname or ""
            port = f":{parts.port}" if parts.port else ""
            value = urlunsplit((parts.scheme, host + port, parts.path, parts.query, parts.fragment))
    except ValueError:
        pass
    return value if len(value) <= MAX_SHOWN else value[:MAX_SHOWN - 1] + "…"


def target_key(target: Target) -> str:
    """One key per place to scan, whatever the spelling: hosts and names are case-insensitive."""
    return f"{target.kind}|{target.host}|{target.owner}|{target.name}".lower()


def _malformed(value: str, en: str, fr: str) -> Declared:
    return Declared(shown(value), "malformed", (en, fr))


def resolve(value: t.Any, gitlab_hosts: GitlabHosts | Collection[str] = ()) -> Declared:
    """Where the code a startup declares lives, or why that cannot be said."""
    if value is None:
        return Declared(None, "not_declared", ("the registry gives no repository",
                                               "le registre n'indique aucun dépôt"))
    if not isinstance(value, str):
        kind = {list: "a list", dict: "an object", bool: "a boolean"}.get(type(value), "a number")
        kind_fr = {list: "une liste", dict: "un objet", bool: "un booléen"}.get(type(value),
                                                                               "un nombre")
        return Declared(None, "malformed", (f"the repository field holds {kind}, not a URL",
                                            f"le champ repository contient {kind_fr}, pas une URL"))
    value = value.strip()
    if not value:
        return Declared(None, "not_declared", ("the repository field is empty",
                                               "le champ repository est vide"))
    if any(c.isspace() for c in value):
        return _malformed(value, f"{shown(value)!r} is not one URL (it holds blanks)",
                          f"{shown(value)!r} n'est pas une URL unique (elle contient des blancs)")
    if not _SCHEME.match(value) or "://" not in value:
        return _malformed(value, f"{shown(value)!r} is not a URL (https://HOST/OWNER/REPOSITORY "
                                 "expected)",
                          f"{shown(value)!r} n'est pas une URL (https://HÔTE/PROPRIÉTAIRE/DÉPÔT "
                          "attendu)")
    try:
        parts = urlsplit(value)
        host = (parts.hostname or "").lower()
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError:
        return _malformed(value, f"{shown(value)!r} is not a valid URL",
                          f"{shown(value)!r} n'est pas une URL valide")
    if parts.scheme.lower() not in ("https", "http") or not host:
        return _malformed(value, f"{shown(value)!r} is not an https URL",
                          f"{shown(value)!r} n'est pas une URL https")
    host = _ALIASES.get(host, host)
    segments = [s for s in parts.path.split("/-/")[0].split("/") if s]
    if host == "github.com":
        if len(segments) >= 2 and segments[0].lower() == "orgs":
            segments = segments[1:2]  # https://github.com/orgs/NAME/repositories
        raw = "github:" + "/".join(segments[:2])  # github.com/OWNER/REPO/tree/main… is REPO
    elif host == "gitlab.com" or host in gitlab_hosts:
        raw = f"https://{host}/" + "/".join(segments)
    else:
        return Declared(shown(value), "unknown_host",
                        (f"{host} is not a known forge: civiscan cannot tell whether the code is "
                         "public (if it is a GitLab, name it with --gitlab-host or gitlab_hosts)",
                         f"{host} n'est pas une forge connue : civiscan ne peut pas dire si le code "
                         "est public (si c'est un GitLab, indiquez-le avec --gitlab-host ou "
                         "gitlab_hosts)"))
    if not segments:
        return _malformed(value, f"{shown(value)!r} names no repository or organisation",
                          f"{shown(value)!r} ne désigne ni dépôt ni organisation")
    try:
        target = parse_target(raw, gitlab_hosts=gitlab_hosts)
    except TargetError as exc:
        return _malformed(value, str(exc), exc.text("fr"))
    return Declared(shown(value), "forge", target=target)
