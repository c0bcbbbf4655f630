"""Is a committed GraphQL schema another service's, copied into a client of it?

A client generates its types from the schema of the API it calls, and commits that schema:
dnum-mi/ds-api-client ("Un DS Client GraphQL", README.md:3) keeps Démarches-Simplifiées' schema
in ``src/graphql/schema.graphql`` (linked at README.md:60) and calls it with graphql-request; it
serves no GraphQL. As for consumed OpenAPI files (:mod:`scanner.apispecs.consumed`), such a schema
is no sign of an API of the repository's own. The manifests decide: the package holding the schema
(the nearest manifest above it) lists a GraphQL client at run time, and no manifest read lists a
GraphQL server library (a server found anywhere keeps the schema as a sign, as does a schema with
no manifest above it). A schema in a Hasura project (``hasura/`` folders, Hasura's
``metadata/actions.graphql``) is the repository's own GraphQL engine's (SocialGouv/secretariat
``packages/hasura/metadata/actions.graphql``), whatever its front end's client.
"""

from __future__ import annotations

import posixpath
import re
import typing as t
from collections.abc import Mapping

from scanner.apispecs.frameworks import declared_packages

# GraphQL clients, by manifest ecosystem name patterns (``*``: a prefix).
CLIENTS = ("graphql-request", "@apollo/client", "apollo-client", "apollo-boost", "urql",
           "@urql/core", "graphql-hooks", "relay-runtime", "react-relay", "graffle",
           "gql", "sgqlc", "python-graphql-client", "graphql-client",
           "github.com/machinebox/graphql", "github.com/hasura/go-graphql-client",
           "github.com/shurcool/graphql", "github.com/khan/genqlient")
# GraphQL servers and schema builders: with one, the schema may be the repository's own.
SERVERS = ("apollo-server*", "@apollo/server", "@apollo/subgraph", "express-graphql",
           "graphql-yoga", "@graphql-yoga/*", "mercurius", "@nestjs/graphql", "type-graphql",
           "graphql-http", "graphql-helix", "@pothos/core", "nexus", "postgraphile",
           "@graphql-tools/schema", "graphene*", "strawberry-graphql*", "ariadne", "tartiflette",
           "graphql", "graphql-ruby", "github.com/99designs/gqlgen",
           "github.com/graph-gophers/graphql-go", "graphql-java*", "spring-boot-starter-graphql",
           "graphql-dgs*", "nuwave/lighthouse", "webonyx/graphql-php", "absinthe*",
           "async-graphql*", "juniper*", "hotchocolate*")

# Hasura's metadata, served by the Hasura engine the repository deploys.
_HASURA = re.compile(r"(?:^|/)hasura/|(?:^|/)metadata/actions\.graphql$", re.IGNORECASE)


def _listed(patterns: tuple[str, ...], names: set[str]) -> str | None:
    for pattern in patterns:
        for name in sorted(names):
            if name == pattern or (pattern.endswith("*") and name.startswith(pattern[:-1])):
                return name
    return None


def _graphql_js(path: str, names: set[str]) -> set[str]:
    """``graphql`` is the reference server library in Ruby (the graphql gem); in npm it is
    graphql-js, which every client also installs: there it shows no server."""
    return names - {"graphql"} if path.rsplit("/", 1)[-1].lower() == "package.json" else names


def client_of(schema: str, manifests: Mapping[str, str]) -> dict[str, t.Any] | None:
    """``{"package", "manifest"}``: the GraphQL client listed at run time by the manifest of the
    package holding ``schema`` when no manifest lists a GraphQL server, else ``None``."""
    if _HASURA.search(schema):
        return None
    servers = [name for path, text in manifests.items()
               if (name := _listed(SERVERS, _graphql_js(path, declared_packages(path, text))))]
    if servers:
        return None
    folder = posixpath.dirname(schema)
    above = [path for path in manifests
             if not posixpath.dirname(path) or folder == posixpath.dirname(path)
             or folder.startswith(posixpath.dirname(path) + "/")]
    nearest = max((posixpath.dirname(p) for p in above), key=len, default=None)
    for path in above:
        if posixpath.dirname(path) == nearest:
            client = _listed(CLIENTS, declared_packages(path, manifests[path], dev=False))
            if client:
                return {"package": client, "manifest": path}
    return None


def set_aside(evidence: list[dict[str, t.Any]], manifests: Mapping[str, str]) -> None:
    """Mark the GraphQL schema evidence of a client of another service as no evidence."""
    for item in evidence:
        if item["kind"] != "graphql" or item["strength"] != "weak":
            continue
        client = client_of(item["path"], manifests)
        if client is None:
            continue
        package, manifest = client["package"], client["manifest"]
        item.update({
            "strength": "none", "client": client,
            "detail": f"GraphQL schema {item['path']} is another service's: {manifest} lists the "
                      f"GraphQL client {package} and no GraphQL server",
            "detail_fr": f"le schéma GraphQL {item['path']} est celui d'un autre service : "
                         f"{manifest} liste le client GraphQL {package} et aucun serveur "
                         "GraphQL"})
