"""Descriptions of *other* services' APIs, kept in the repository to call them.

A team copies INSEE's or INPI's OpenAPI description to generate a typed client from it
(proconnect-gouv/proconnect-identite ``packages/insee/openapi/index.yaml`` and the
``openapi-typescript openapi/index.yaml -o openapi/index.d.ts`` script beside it), or downloads a
partner's description next to its own (MTES-MCT/mon-devis-sans-oublis-backend: ADEME's beside
its rswag files). Such a description is *consumed*: it is not this repository's published
description, and its missing contact or licence are not this team's to fix.

A description is consumed when every server it declares (local ones aside) is on a host that
does not carry the repository's name, and either a client generator reads it (a manifest script
or a generator configuration) or another description of the repository is served at a host that
does carry its name while none of this one's hosts shares that host's organisation (``api.gouv.fr``
serves API Entreprise and API Particulier alike: etalab/admin_api_entreprise keeps both). A
description without servers, or with one at the repository's own host, is always the
repository's own: a full-stack repository generating its front end's types from its own
description keeps it.
"""

from __future__ import annotations

import json
import posixpath
import re
import typing as t
from collections.abc import Iterable, Mapping, Sequence
from urllib.parse import urlsplit

#: Commands that generate a client (or types) *from* a description.
_GENERATOR = re.compile(
    r"(?<![\w@/.-])(?:openapi-typescript|orval|openapi-generator(?:-cli)?|swagger-codegen(?:-cli)?"
    r"|swagger-typescript-api|@hey-api/openapi-ts|openapi-ts|openapi-zod-client|kiota"
    r"|oazapfts|datamodel-codegen|openapi-python-client|typed-openapi|ng-openapi-gen"
    r"|openapi2aspida|openapi-client-axios-typegen|typegen|openapi-fetch-gen)(?![\w-])")
#: Configuration files of client generators, with the key naming their input.
CONFIG_NAMES = ("openapitools.json", "orval.config.js", "orval.config.ts", "orval.config.mjs",
                "orval.config.cjs", "openapi-ts.config.ts", "openapi-ts.config.js",
                "openapi-ts.config.mjs")
_CONFIG_INPUT = re.compile(r"""["']?(?:inputSpec|input|target|path)["']?[ \t]*:[ \t]*["']"""
                           r"""([^"'\s]{1,300}\.(?:ya?ml|json))["']""")
_PATH_TOKEN = re.compile(r"""(?:^|[\s=,"'])((?:\./)?[\w.\-/]{1,300}\.(?:ya?ml|json))(?=$|[\s"',;&|)])""")
#: Words of a repository name that say nothing about whose host a server is.
_GENERIC = frozenset({"api", "apis", "app", "apps", "web", "www", "server", "serveur", "backend",
                      "back", "front", "frontend", "service", "services", "gouv", "beta", "data",
                      "open", "core", "main", "platform", "plateforme", "site", "portal",
                      "portail", "mono", "monorepo", "client", "legacy", "v2", "v3", "next",
                      "numerique", "france", "public", "publique"})
#: Hosts that say nothing about whose API it is: local, single-label, and example hosts.
_LOCAL_HOST = re.compile(r"^(?:localhost|127\.\d+\.\d+\.\d+|0\.0\.0\.0|\[::1\]|[^.]+|.*\.local"
                         r"|.*\.localhost|.*\.test|(?:.*\.)?example(?:\..*)?)$")
#: Most generator commands remembered per repository.
MAX_INPUTS = 50


def config_paths(paths: Iterable[str]) -> list[str]:
    """Client generator configurations worth reading (shallowest first, at most 10)."""
    found = [p for p in paths if p.rsplit("/", 1)[-1].lower() in CONFIG_NAMES
             and p.count("/") <= 3 and "node_modules/" not in p]
    found.sort(key=lambda p: (p.count("/"), p))
    return found[:10]


def generator_inputs(files: Mapping[str, str]) -> dict[str, str]:
    """``{description path: the script or configuration of a generator reading it}``.

    ``files`` maps ``package.json`` files and generator configurations to their text; paths in
    their commands are resolved from the file's folder. A URL input names no file here.
    """
    found: dict[str, str] = {}
    for path, text in files.items():
        folder = posixpath.dirname(path)
        base = path.rsplit("/", 1)[-1].lower()
        commands: list[tuple[str, str]] = []
        if base == "package.json":
            try:
                data = json.loads(text[:1024 * 1024])
            except (ValueError, RecursionError):
                continue
            scripts = data.get("scripts") if isinstance(data, dict) else None
            if isinstance(scripts, dict):
                commands = [(f"{path} scripts.{name}", value) for name, value in scripts.items()
                            if isinstance(value, str) and len(value) <= 2000]
        elif base in CONFIG_NAMES:
            commands = [(path, re.sub(r"[\"']", "", m.group(0)))
                        for m in _CONFIG_INPUT.finditer(text[:256 * 1024])]
        for where, command in commands:
            for part in re.split(r"&&|\|\||[;|]", command):
                if base == "package.json" and not _GENERATOR.search(part):
                    continue
                for token in _PATH_TOKEN.finditer(part):
                    target = posixpath.normpath(posixpath.join(folder, token.group(1)))
                    if not target.startswith("../") and len(found) < MAX_INPUTS:
                        found.setdefault(target, where)
    return found


def name_words(repository: str) -> frozenset[str]:
    """The distinctive words of a repository's full name (``MTES-MCT/mon-devis-sans-oublis`` →
    mtes, devis, sans, oublis): a host carrying one is the owner's or the project's own."""
    words = re.split(r"[^a-z0-9]+", repository.lower())
    return frozenset(w for w in words if len(w) >= 4 and w not in _GENERIC)


def remote_hosts(servers: Sequence[t.Any]) -> list[str]:
    """Host names of the servers a description declares, local and example ones left out."""
    hosts: list[str] = []
    for url in servers:
        if not isinstance(url, str):
            continue
        try:
            host = urlsplit(url if "//" in url else f"//{url}").hostname or ""
        except ValueError:
            continue
        if host and "{" not in host and not _LOCAL_HOST.match(host) and host not in hosts:
            hosts.append(host)
    return hosts


def _own_host(host: str, words: frozenset[str]) -> bool:
    return any(word in host for word in words)


def site(host: str) -> str:
    """The organisation's part of a host: ``api.gouv.fr`` for ``entreprise.api.gouv.fr``,
    ``ademe.fr`` for ``data.ademe.fr`` (a ``gouv.fr`` name belongs to its third label)."""
    labels = host.split(".")
    keep = 3 if host.endswith(".gouv.fr") else 2
    return ".".join(labels[-keep:])


def split(specs: Sequence[dict[str, t.Any]], repository: str, inputs: Mapping[str, str]
          ) -> tuple[list[dict[str, t.Any]], list[dict[str, t.Any]]]:
    """``(own, consumed)``: the repository's descriptions, and those of services it calls
    (each with ``reason``/``reason_fr`` and a one-line ``summary``/``summary_fr``)."""
    words = name_words(repository)
    hosts = {s["path"]: remote_hosts(s.get("servers") or []) for s in specs}
    own_hosts = sorted({h for hs in hosts.values() for h in hs if _own_host(h, words)})
    own: list[dict[str, t.Any]] = []
    consumed: list[dict[str, t.Any]] = []
    for spec in specs:
        found = hosts[spec["path"]]
        if not found or any(_own_host(h, words) or h in own_hosts for h in found):
            own.append(spec)
            continue
        generator = inputs.get(spec["path"])
        if generator is not None:
            reason = f"a client is generated from it ({generator})"
            reason_fr = f"un client est généré à partir d'elle ({generator})"
        elif (own_hosts and spec.get("kind") != "asyncapi"  # its servers are brokers
              and not {site(h) for h in found} & {site(h) for h in own_hosts}):
            reason = (f"this repository's own description serves {own_hosts[0]}, this one "
                      "another service")
            reason_fr = (f"la description propre à ce dépôt sert {own_hosts[0]}, celle-ci un "
                         "autre service")
        else:
            own.append(spec)
            continue
        info = spec.get("info")
        title = info.get("title") if isinstance(info, dict) else None
        where = ", ".join(found[:2]) + (", …" if len(found) > 2 else "")
        consumed.append({
            "path": spec["path"], "kind": spec.get("kind"), "version": spec.get("version"),
            "title": str(title)[:200] if title else None, "hosts": found[:10],
            "reason": reason, "reason_fr": reason_fr,
            "summary": f"{spec['path']} (served at {where}; {reason})",
            "summary_fr": f"{spec['path']} (servie par {where} ; {reason_fr})"})
    return own, consumed
