"""Model Context Protocol (MCP) servers: their HTTP endpoints are a protocol's, not a REST API.

datagouv/datagouv-mcp depends on ``mcp`` (pyproject.toml) and its README section "Available
Endpoints" lists ``POST /mcp`` (the Streamable HTTP JSON-RPC transport) and ``GET /health``.
The contract of such a server is the MCP protocol and the tools it describes itself, which an
OpenAPI description does not describe. So, for a repository depending on an MCP server SDK
(``mcp``, ``fastmcp``, ``@modelcontextprotocol/sdk``), a README list of endpoints counts only for
its other endpoints: one listing only the MCP transport and health checks is set aside and says
why; REST endpoints listed beside them still count.
"""

from __future__ import annotations

import re
import typing as t
from collections.abc import Mapping

from scanner.apispecs.frameworks import declared_packages

#: MCP server SDKs, by manifest ecosystem (lower-case package names).
SDKS = frozenset({"mcp", "fastmcp", "@modelcontextprotocol/sdk"})
# The transport's paths (Streamable HTTP, the older SSE one) and health checks.
_TRANSPORT = re.compile(r"^/(?:mcp|sse|messages?)/?$", re.IGNORECASE)
_HEALTH = re.compile(r"^/(?:health|healthz|healthcheck|health-check|ping|ready|readyz|live"
                     r"|livez|status)/?$", re.IGNORECASE)


def server(manifests: Mapping[str, str]) -> dict[str, str] | None:
    """``{"package", "path"}`` of the first manifest (runtime dependencies) naming an MCP server
    SDK, or ``None``."""
    for path, text in manifests.items():
        found = sorted(declared_packages(path, text, dev=False) & SDKS)
        if found:
            return {"package": found[0], "path": path}
    return None


def _path(endpoint: str) -> str:
    """The path of ``POST /mcp`` or ``http://localhost:8000/mcp``."""
    last = endpoint.split()[-1] if endpoint.split() else endpoint
    if "://" in last:
        rest = last.split("://", 1)[1]
        last = "/" + rest.split("/", 1)[1] if "/" in rest else "/"
    return last.split("?", 1)[0]


def protocol_endpoint(endpoint: str) -> bool:
    """Whether an endpoint is the MCP transport or a health check."""
    path = _path(endpoint)
    return bool(_TRANSPORT.match(path) or _HEALTH.match(path))


def refine(evidence: list[dict[str, t.Any]], sdk: Mapping[str, str] | None,
           min_endpoints: int) -> list[dict[str, t.Any]]:
    """README endpoint lists of an MCP server, counted on their other endpoints only."""
    if sdk is None:
        return evidence
    out = []
    for item in evidence:
        endpoints = item.get("endpoints")
        if item.get("kind") != "readme" or not endpoints:
            out.append(item)
            continue
        rest = [e for e in endpoints if not protocol_endpoint(e)]
        if len(rest) == len(endpoints):
            out.append(item)
            continue
        where = f"{item['path']}:{item['line']}"
        title = str(item.get("title", ""))[:80]
        if rest:
            examples = ", ".join(e[:80] for e in sorted(rest, key=lambda e: " " not in e)[:2])
            out.append({**item, "endpoints": rest,
                        "strength": "strong" if len(rest) >= min_endpoints else "weak",
                        "detail": f"{where} section \"{title}\" lists endpoint paths of this "
                                  f"repository's API besides its MCP transport (e.g. {examples})",
                        "detail_fr": f"la section « {title} » de {where} liste des chemins de "
                                     "points d'accès de l'API de ce dépôt en plus de son transport "
                                     f"MCP (par ex. {examples})"})
            continue
        shown = ", ".join(e[:80] for e in endpoints[:3])
        out.append({**item, "strength": "none",
                    "detail": f"{where} section \"{title}\" lists only the Model Context "
                              f"Protocol transport and health checks ({shown}) of an MCP server "
                              f"({sdk['package']} in {sdk['path']}): MCP is a JSON-RPC protocol "
                              "whose tools describe themselves, not a REST API an OpenAPI "
                              "description describes",
                    "detail_fr": f"la section « {title} » de {where} ne liste que le transport du "
                                 f"Model Context Protocol et des contrôles de santé ({shown}) "
                                 f"d'un serveur MCP ({sdk['package']} dans {sdk['path']}) : MCP "
                                 "est un protocole JSON-RPC dont les outils se décrivent eux-mêmes, "
                                 "pas une API REST que décrit une description OpenAPI"})
    return out
