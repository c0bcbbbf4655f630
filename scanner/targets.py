"""Parse what the user names on the command line into typed targets."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from scanner.errors import TargetError

KNOWN_HOSTS = {"github.com": "github", "gitlab.com": "gitlab"}
#: Self-hosted GitLab hosts, each with the path its instance is served under ("" at the root,
#: "/gitlab" for https://forge.example.fr/gitlab): a project URL's path begins with it.
GitlabHosts = Mapping[str, str]
_NAME = re.compile(r"^[A-Za-z0-9_.-]+$")


@dataclass(frozen=True)
class Target:
    """``kind`` is ``local``, ``github``, ``gitlab`` or ``registry``; ``owner``/``name`` for
    remote ones; a registry has its ``path`` (a file) or its ``url``."""

    kind: str
    raw: str
    path: Path | None = None
    host: str | None = None
    owner: str | None = None
    name: str | None = None
    url: str | None = None

    @property
    def label(self) -> str:
        if self.kind == "local":
            return str(self.path)
        if self.kind == "registry":
            return f"registry:{self.url or self.raw.strip()[len('registry:'):]}"
        project = f"{self.owner}/{self.name}" if self.name else f"{self.owner}"
        return f"{self.kind}:{project}" if self.host in KNOWN_HOSTS else f"{self.host}/{project}"


def _remote(kind: str, host: str, parts: list[str], raw: str) -> Target:
    parts = [p for p in parts if p]
    if parts and parts[-1].endswith(".git"):
        parts[-1] = parts[-1][:-4]
    if not parts:
        raise TargetError(f"{raw!r}: name an owner, e.g. {kind}:betagouv or {kind}:betagouv/repo",
                          fr=f"{raw!r} : indiquez un propriétaire, par exemple {kind}:betagouv ou "
                             f"{kind}:betagouv/depot")
    for part in parts:
        if not _NAME.match(part):
            raise TargetError(f"{raw!r}: {part!r} is not a valid {kind} owner or project name",
                              fr=f"{raw!r} : {part!r} n'est pas un nom de propriétaire ou de "
                                 f"projet {kind} valide")
    if kind == "github":
        if len(parts) > 2:
            raise TargetError(f"{raw!r}: a GitHub target is OWNER or OWNER/REPO",
                              fr=f"{raw!r} : une cible GitHub s'écrit PROPRIÉTAIRE ou "
                                 "PROPRIÉTAIRE/DÉPÔT")
        return Target(kind, raw, host=host, owner=parts[0], name=parts[1] if len(parts) == 2 else None)
    # GitLab groups nest: the last part may be a project or a subgroup; the source decides.
    return Target(kind, raw, host=host, owner="/".join(parts[:-1]) or parts[0],
                  name=parts[-1] if len(parts) > 1 else None)


def _registry(raw: str, text: str) -> Target:
    """``registry:URL`` (https; plain http to a loopback host only) or ``registry:FILE``."""
    where = text[len("registry:"):].strip()
    if not where:
        raise TargetError(f"{raw!r}: name the registry, e.g. "
                          "registry:https://beta.gouv.fr/api/v2.6/startups.json or registry:FILE",
                          fr=f"{raw!r} : indiquez le registre, par exemple "
                             "registry:https://beta.gouv.fr/api/v2.6/startups.json ou registry:FICHIER")
    if re.match(r"^[a-z][a-z0-9+.-]*://", where, re.IGNORECASE):
        url = urlsplit(where)
        host = (url.hostname or "").lower()
        loopback = host in ("localhost", "::1") or host.startswith("127.")
        if not host or not (url.scheme.lower() == "https" or (url.scheme.lower() == "http" and loopback)):
            raise TargetError(f"{raw!r}: a registry is read over https (plain http only from a "
                              "loopback host)",
                              fr=f"{raw!r} : un registre se lit en https (http seulement depuis une "
                                 "adresse locale)")
        if url.username is not None or url.password is not None:
            raise TargetError(f"{raw!r}: a registry URL carries no credentials",
                              fr=f"{raw!r} : une URL de registre ne porte pas d'identifiants")
        return Target("registry", raw, host=host, url=where)
    path = Path(where).expanduser()
    if not path.is_file():
        raise TargetError(f"{raw!r}: no such registry file",
                          fr=f"{raw!r} : ce fichier de registre n'existe pas")
    return Target("registry", raw, path=path)


def gitlab_hosts_of(hosts: Iterable[str], instances: Mapping[str, str]) -> dict[str, str]:
    """Each GitLab host with the path of its instance, read from ``HOST=URL`` when given."""
    return {host: urlsplit(instances[host]).path.rstrip("/") if host in instances else ""
            for host in hosts}


def instance_path(segments: list[str], prefix: str) -> list[str]:
    """A project URL's path segments without those of the instance it is served under."""
    base = [s for s in prefix.split("/") if s]
    kept = [s for s in segments if s]
    return kept[len(base):] if base and kept[:len(base)] == base else kept


def parse_target(raw: str, *, gitlab_hosts: GitlabHosts | Collection[str] = ()) -> Target:
    """``.``, a path, ``github:OWNER[/REPO]``, ``gitlab:GROUP[/...]``, an https URL, or
    ``registry:URL|FILE`` (a startup registry: every repository it declares)."""
    text = raw.strip()
    if text.startswith("registry:"):
        return _registry(raw, text)
    for kind in ("github", "gitlab"):
        if text.startswith(f"{kind}:") and not text.startswith(f"{kind}://"):
            host = "github.com" if kind == "github" else "gitlab.com"
            return _remote(kind, host, text[len(kind) + 1:].split("/"), raw)
    if re.match(r"^[a-z][a-z0-9+.-]*://", text, re.IGNORECASE):
        url = urlsplit(text)
        if url.scheme not in ("https", "http"):
            raise TargetError(f"{raw!r}: only https URLs are supported",
                              fr=f"{raw!r} : seules les URL https sont acceptées")
        host = (url.hostname or "").lower()
        hosts = (gitlab_hosts if isinstance(gitlab_hosts, Mapping)
                 else dict.fromkeys(gitlab_hosts, ""))
        found = KNOWN_HOSTS.get(host) or ("gitlab" if host in hosts else None)
        if found is None:
            raise TargetError(f"{raw!r}: unknown host {host!r}; if it is a self-hosted GitLab, "
                              "say so with --gitlab-host or gitlab_hosts in the configuration",
                              fr=f"{raw!r} : hôte inconnu {host!r} ; s'il s'agit d'un GitLab "
                                 "auto-hébergé, indiquez-le avec --gitlab-host ou gitlab_hosts "
                                 "dans la configuration")
        parts = instance_path(url.path.split("/-/")[0].split("/"), hosts.get(host, ""))
        return _remote(found, host, parts, raw)
    path = Path(text).expanduser()
    if not path.exists():
        raise TargetError(f"{raw!r}: no such file or directory",
                          fr=f"{raw!r} : ce fichier ou ce dossier n'existe pas")
    if not path.is_dir():
        raise TargetError(f"{raw!r}: not a directory (give the folder of a repository)",
                          fr=f"{raw!r} : ce n'est pas un dossier (indiquez le dossier d'un dépôt)")
    return Target("local", raw, path=path.resolve())


def unique(targets: Iterable[Target]) -> list[Target]:
    """Each target once, in order: a folder named twice (``.`` and its absolute path), or a
    repository named as ``github:o/r`` and by its URL, is scanned once."""
    seen: set[str] = set()
    kept = []
    for target in targets:
        key = str(target.path) if target.kind == "local" else target.label.lower()
        if key not in seen:
            seen.add(key)
            kept.append(target)
    return kept
