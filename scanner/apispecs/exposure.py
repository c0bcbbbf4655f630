"""Does the repository expose an API? Weighs the evidence and says which, for rules and people.

Strong evidence: a committed description, a publiccode ``softwareType`` of ``standalone/backend``,
an ``apiDocumentation`` link, a framework that generates a description (or a TypeSpec project
that compiles one at build time: :mod:`scanner.apispecs.buildtime`), an API-only framework
(Django REST framework, NestJS, Falcon, Feathers, HAPI FHIR, Rails configured API-only...; also
as a Django app in ``INSTALLED_APPS``; NestJS only when its code gives it a server, Django REST
framework only when its project uses it, else weak: :mod:`scanner.apispecs.served`), a route
table serving ``/api/...`` (Play's ``conf/routes``), a server entry file declaring routes that
answer in JSON and serving no page (:func:`scanner.apispecs.mounts.json_routes`; weak beside
front-end code), a README section
about the repository's own API listing its endpoints or saying the repository is a REST API, a
repository topic such as ``api``. Weak evidence: web frameworks
that also serve pages (Express, Rails, Flask, Quart...; alone they are no evidence: they serve
pages as much as APIs), ``api/`` folders of code, REST controllers (Spring, JAX-RS; see
:mod:`scanner.apispecs.apicode`), Node servers serving routes under ``/api``
(:mod:`scanner.apispecs.mounts`), GraphQL schemas, API collections (Postman).
No evidence: aiohttp alone (a client as often as a server), a Swagger UI or
Redoc viewer package, ``api/`` folders of snippets, examples or client code (by folder, file name
``*.client.ts`` or content), catch-all pass-through routes (``pages/api/[...path].ts``), a
README list of only an MCP server's transport and health check (:mod:`scanner.apispecs.mcp`),
a README list of only health checks, metrics and hooks receiving a named service's calls
(``POST /crisp/webhook/...``), debug,
preview and template handlers, NextAuth's sign-in route, a Next.js page's code (beside its
``page.tsx``), a client's GraphQL queries, another service's GraphQL schema committed by a
client of it (:mod:`scanner.apispecs.graphqlclient`), a generator listed in
a manifest but never set up (see :mod:`scanner.apispecs.setup`; weak), Kubernetes-style API type
folders (``pkg/apis/<group>/<version>``). Against: publiccode.yml declaring a library, an add-on
or a desktop/mobile application, and a static site generator configured at the root (Eleventy,
Jekyll...) outweigh weak evidence; a library published to a registry (see
:mod:`scanner.apispecs.library`) outweighs its frameworks and folders, never direct evidence nor
a runtime dependency on a framework that generates a description (FastAPI...); a README
sentence saying the API is offered to no one else ("aucun endpoint public", "internal API only")
lowers the confidence of any other evidence (at most a review), unless the README offers it. No
evidence at all leaves ``exposes`` null (the rules then say "not applicable", and why).
"""

from __future__ import annotations

import re
import typing as t
from collections.abc import Collection, Iterable, Mapping, Sequence

from scanner.apispecs import apicode
from scanner.apispecs.discovery import EXCLUDED_DIRS, TEST_DIRS
from scanner.apispecs.frameworks import FHIR_SERVERS, SERVES_DESCRIPTION, WEB_ALSO
from scanner.i18n import others

API_TOPICS = frozenset({"api", "rest-api", "restful-api", "openapi", "swagger", "api-rest",
                        "asyncapi", "graphql-api", "json-api", "webservice", "web-api"})
BACKEND_TYPES = frozenset({"standalone/backend"})
NOT_API_TYPES = frozenset({"library", "addon", "configurationfiles", "standalone/desktop",
                           "standalone/mobile", "standalone/iot"})

# Folders that hold API code (route handlers, controllers), matched on path segments.
_API_DIR = re.compile(r"(?:^|/)(?:api|apis|rest|controllers/api|routes/api|app/api)/",
                      re.IGNORECASE)
# Only source code in such a folder is a sign of an API (``rules/api/*.yaml`` is data, not routes).
_CODE = re.compile(r"\.(?:py|js|mjs|cjs|ts|go|rb|php|java|kt|rs|cs|ex|exs|scala|clj)$",
                   re.IGNORECASE)
# Go API types of Kubernetes controllers (code-generator and kubebuilder layouts).
_KUBE_TYPES = re.compile(r"(?:^|/)pkg/apis/|(?:^|/)apis?/(?:[\w.-]+/)?v\d+(?:(?:alpha|beta)\d+)?/"
                         r"(?:[\w-]*types\.go|zz_generated[\w.]*\.go|register\.go|doc\.go"
                         r"|groupversion_info\.go)$", re.IGNORECASE)
#: Route tables read for API routes: Play's ``conf/routes`` and its sub-routers.
_ROUTES = re.compile(r"(?:^|/)conf/(?:routes|[\w.-]+\.routes)$")
#: Most routes files read per repository.
MAX_ROUTES_FILES = 5
# "GET  /api/v1/users/:id   controllers.Users.show(id)" and "->  /api  api.Routes"
_ROUTE_LINE = re.compile(r"^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|->|\*)[ \t]+(/[^ \t]{0,300})",
                         re.MULTILINE)
_API_ROUTE = re.compile(r"^/(?:api|apis|rest|v\d+)(?:/|$|\.)", re.IGNORECASE)
# Folders of client code, examples or snippets: their api/ holds calls to an API, not one served.
_CLIENT_DIRS = frozenset({"snippets", "snippet", "examples", "example", "samples", "sample",
                          "demo", "demos", "client", "clients", "sdk", "sdks", "docs", "doc",
                          "documentation"})
#: Most api/ folders weighed (the first three that serve count).
_MAX_API_DIRS = 12
# Static site generators, by their configuration at the root: such a site serves no API.
_STATIC_SITES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^(?:\.eleventy\.(?:js|cjs|mjs)|eleventy\.config\.(?:js|cjs|mjs|ts))$"), "Eleventy"),
    (re.compile(r"^_config\.ya?ml$"), "Jekyll"),
    (re.compile(r"^hugo\.(?:toml|ya?ml|json)$"), "Hugo"),
    (re.compile(r"^mkdocs\.ya?ml$"), "MkDocs"),
    (re.compile(r"^docusaurus\.config\.(?:js|ts|mjs)$"), "Docusaurus"),
    (re.compile(r"^\.vuepress/config\.(?:js|ts|mjs)$"), "VuePress"),
    (re.compile(r"^gridsome\.config\.js$"), "Gridsome"),
)
_JEKYLL_MARKERS = frozenset({"_layouts", "_includes", "_posts", "_data"})
_GRAPHQL = re.compile(r"\.(?:graphql|gql)$|(?:^|/)schema\.graphqls?$", re.IGNORECASE)
_POSTMAN = re.compile(r"\.postman_collection\.json$", re.IGNORECASE)
_GRAPHQL_SCHEMA = re.compile(r"(?:^|/)schema\.graphqls?$", re.IGNORECASE)
# A type system definition: what a schema has and a client's queries and fragments lack.
_GRAPHQL_TYPES = re.compile(r"^[ \t]*(?:extend[ \t]+)?(?:(?:type|interface|input|enum|union|scalar"
                            r"|directive)[ \t]+[@_A-Za-z]|schema[ \t]*[{@])", re.MULTILINE)
# Files named after a client's operations (``getDocument.query.graphql``, ``*.fragment.gql``).
_GRAPHQL_OPERATION = re.compile(r"\.(?:query|mutation|subscription|fragment)\.(?:graphql|gql)$",
                                re.IGNORECASE)
_HASURA = re.compile(r"(?:^|/)hasura/", re.IGNORECASE)
#: Most GraphQL files read to find a schema.
MAX_GRAPHQL_READ = 4


def _api_folders(paths: Iterable[str]) -> tuple[dict[str, list[str]], list[str]]:
    """The ``api/`` folders of code (the first few, with their code files) and the GraphQL
    files that may be a schema (``schema.graphql`` first), never in vendored, test, client or
    example folders."""
    folders: dict[str, list[str]] = {}
    graphql: list[str] = []
    for path in paths:
        dirs = set(path.lower().split("/")[:-1])
        if dirs & EXCLUDED_DIRS or dirs & TEST_DIRS:
            continue
        # An api/ folder of snippets or client code calls an API: no evidence.
        if (not dirs & _CLIENT_DIRS and _CODE.search(path) and not _KUBE_TYPES.search(path)):
            match = _API_DIR.search(path)
            if match:
                folder = path[:match.end() - 1]
                if folder in folders or len(folders) < _MAX_API_DIRS:
                    folders.setdefault(folder, []).append(path)
        # Queries of a client of another service (dn-api-client/*.graphql) are no schema served.
        if _GRAPHQL.search(path) and not any("client" in d for d in dirs):
            graphql.append(path)
    # A Hasura engine's metadata (SocialGouv/cdtn-admin targets/hasura/metadata/actions.graphql)
    # before a front end's operation files (getDocument.query.graphql), which define no type.
    graphql.sort(key=lambda p: (not _GRAPHQL_SCHEMA.search(p), not _HASURA.search(p),
                                bool(_GRAPHQL_OPERATION.search(p))))
    return folders, graphql


def _to_read(folders: Mapping[str, Sequence[str]], present: Collection[str]) -> dict[str, list[str]]:
    """The files read to decide each ``api/`` folder by content, within the repository's
    budget (:data:`apicode.MAX_READ_TOTAL`, the first folders first)."""
    chosen: dict[str, list[str]] = {}
    budget = apicode.MAX_READ_TOTAL
    pages = apicode.page_dirs(present)
    for folder, files in folders.items():
        readable = apicode.to_read(apicode.by_name(folder, files, pages)[0],
                                   apicode.is_package(folder, present))
        if readable and len(readable) <= budget:
            chosen[folder] = readable
            budget -= len(readable)
    return chosen


def read_paths(paths: Iterable[str]) -> list[str]:
    """The files :func:`path_evidence` reads (for the collector's ``wanted``)."""
    listed = list(paths)
    folders, graphql = _api_folders(listed)
    present = set(listed)
    wanted = [p for files in _to_read(folders, present).values() for p in files]
    wanted += [r for folder in folders if (r := apicode.readme_path(folder, present))]
    controllers = apicode.controller_paths(listed, EXCLUDED_DIRS | TEST_DIRS)[0]
    return wanted + graphql[:MAX_GRAPHQL_READ] + controllers


def _graphql_schema(candidates: Sequence[str],
                    read: t.Callable[[str], str | None] | None) -> str | None:
    """The GraphQL file that defines a schema (types, ``schema {}``), or ``None``.

    A client's queries and fragments (``query GetDossier {``, ``fragment File on File``) define
    no type: when every candidate was read and none defines one, there is no schema. Unread
    files, or more candidates than are read, keep the first as before.
    """
    if not candidates:
        return None
    if read is None:
        return candidates[0]
    for path in candidates[:MAX_GRAPHQL_READ]:
        text = read(path)
        if text is None or _GRAPHQL_TYPES.search(text[:apicode.MAX_SCAN_CHARS]):
            return path
    return candidates[0] if len(candidates) > MAX_GRAPHQL_READ else None


def path_evidence(paths: Iterable[str],
                  read: t.Callable[[str], str | None] | None = None) -> list[dict[str, t.Any]]:
    """Weak evidence from names (and, with ``read``, a bounded look at a few files): API code
    folders, GraphQL schemas, Postman collections."""
    listed = list(paths)
    folders, graphql_files = _api_folders(listed)
    postman = next((p for p in listed if _POSTMAN.search(p) and not set(
        p.lower().split("/")[:-1]) & (EXCLUDED_DIRS | TEST_DIRS)), None)
    served: list[str] = []
    aside: list[tuple[str, dict[str, list[str]]]] = []
    present = set(listed) if read is not None else set()
    chosen = _to_read(folders, present) if read is not None else {}
    # Page folders are known by name, read or not.
    pages = apicode.page_dirs(listed)
    for folder, files in folders.items():
        readme = apicode.readme_path(folder, present) if read is not None else None
        kinds = apicode.classify(folder, files, chosen.get(folder, ()), read,
                                 read(readme) if read is not None and readme else None, pages)
        if kinds is None:
            served.append(folder)
        else:
            aside.append((folder, kinds))
    evidence: list[dict[str, t.Any]] = [{"kind": "path", "strength": "weak", "path": folder,
                 "detail": f"API code folder {folder}/",
                 "detail_fr": f"dossier de code d'API {folder}/"}
                for folder in served[:3]]
    for folder, kinds in aside[:3]:
        detail, detail_fr = apicode.describe(folder, kinds)
        evidence.append({"kind": "path", "strength": "none", "path": folder,
                         "detail": detail, "detail_fr": detail_fr})
    graphql = _graphql_schema(graphql_files, read)
    if graphql:
        evidence.append({"kind": "graphql", "strength": "weak", "path": graphql,
                         "detail": f"GraphQL schema {graphql}",
                         "detail_fr": f"schéma GraphQL {graphql}"})
    if read is not None:
        controllers, total = apicode.controller_paths(listed, EXCLUDED_DIRS | TEST_DIRS)
        evidence += apicode.controller_evidence(controllers, total, read)
    if postman:
        evidence.append({"kind": "collection", "strength": "weak", "path": postman,
                         "detail": f"Postman collection {postman}",
                         "detail_fr": f"collection Postman {postman}"})
    return evidence


def static_site(paths: Iterable[str]) -> dict[str, t.Any] | None:
    """The static site generator configured at the root (Eleventy, Jekyll...), or ``None``.

    Jekyll's ``_config.yml`` counts only beside its layout folders (other tools use that name).
    """
    root = [p for p in paths if p.count("/") <= 1]
    top = {p.split("/", 1)[0] for p in root if "/" in p}
    for path in sorted(root):
        for pattern, name in _STATIC_SITES:
            if pattern.match(path) and (name != "Jekyll" or top & _JEKYLL_MARKERS):
                return {"kind": "static-site", "strength": "against", "path": path,
                        "detail": f"static site built with {name} ({path}): serves pages, "
                                  "no API",
                        "detail_fr": f"site statique construit avec {name} ({path}) : sert des "
                                     "pages, pas d'API"}
    return None


def routes_paths(paths: Iterable[str]) -> list[str]:
    """Route tables worth reading (Play), shallowest first, never vendored or test ones."""
    found = []
    for path in paths:
        if "conf/" not in path or not _ROUTES.search(path):
            continue
        if not set(path.lower().split("/")[:-1]) & (EXCLUDED_DIRS | TEST_DIRS):
            found.append(path)
    found.sort(key=lambda p: (p.count("/"), p))
    return found[:MAX_ROUTES_FILES]


def routes_evidence(path: str, text: str) -> list[dict[str, t.Any]]:
    """Strong evidence when a route table serves paths under ``/api`` (or ``/v1``...)."""
    routes = [f"{m.group(1)} {m.group(2)}" for m in _ROUTE_LINE.finditer(text[:512 * 1024])
              if _API_ROUTE.match(m.group(2))]
    if not routes:
        return []
    return [{"kind": "routes", "strength": "strong", "path": path,
             "detail": f"{len(routes)} API route(s) in {path} (e.g. {routes[0]})",
             "detail_fr": f"{len(routes)} route(s) d'API dans {path} (par ex. {routes[0]})"}]


#: Evidence a library's own dependencies cannot give: what the repository itself says or holds.
_DIRECT = frozenset({"spec", "publiccode", "topic", "routes", "readme"})


_NOTHING_ELSE = ("and nothing else: no committed API description, API-only framework or framework "
                 "generating a description {read}, api/ code folder, Play route table "
                 "(conf/routes), README section listing endpoints, publiccode.yml declaration or "
                 "API topic")
_NOTHING_ELSE_FR = ("et rien d'autre : ni description d'API dans le dépôt, ni framework d'API ou "
                    "générant une description {read}, ni dossier de code api/, ni table de routes "
                    "Play (conf/routes), ni section du README listant des points d'accès, ni "
                    "déclaration dans le publiccode.yml, ni sujet API")
#: Most manifests named in a message.
_MAX_NAMED = 2


def _manifests_read(manifests: tuple[Sequence[str], Sequence[str]] | None,
                    language: str = "en") -> str:
    """Which dependency manifests a "no framework" statement is about: the ones read (a few)
    and those that could not be read. civiscan reads only some kinds of manifest, so the
    statement never stands for one it does not read (a conda environment.yml, dep's
    Gopkg.toml, before they were read)."""
    fr = language == "fr"
    if manifests is None:
        return "dans les manifestes lus" if fr else "in the manifests read"
    # Short: messages clip long values at a clause, and the set-aside evidence comes after.
    read, unread = manifests

    def names(paths: Sequence[str]) -> str:
        more = len(paths) - _MAX_NAMED
        shown = ", ".join(paths[:_MAX_NAMED])
        return shown + f" (+{others(more, 'fr' if fr else 'en')})" if more > 0 else shown
    if read:
        said = f"dans {names(read)}" if fr else f"in {names(read)}"
    else:
        said = "(aucun manifeste lu)" if fr else "(no manifest read)"
    if unread:
        said += (f" ; illisibles : {names(unread)}" if fr else f"; unreadable: {names(unread)}")
    return said
#: Evidence set aside (strength ``none``) that messages name with why: api/ folders of clients,
#: README endpoint lists of a protocol (MCP), Node entry files read with no route under /api.
_SET_ASIDE = frozenset({"path", "readme", "mount", "graphql"})


def _framework_detail(framework: Mapping[str, t.Any], weak: bool, language: str = "en") -> str:
    where = f"{framework['name']} ({framework['path']})"
    unused = framework.get("not_set_up") or framework.get("no_server")
    if unused:
        return f"{where}, {unused['detail_fr' if language == 'fr' else 'detail']}"
    build = framework.get("build")
    if framework["role"] == "generates" and build:
        return (f"{where}, qui génère une description d'API {build['detail_fr']}"
                if language == "fr" else
                f"{where}, which generates an API description {build['detail']}")
    if framework["role"] == "generates":
        condition = framework.get("condition")
        when = f" {condition['detail_fr' if language == 'fr' else 'detail']}" if condition else ""
        return (f"{where}, qui génère une description d'API{when}" if language == "fr" else
                f"{where}, which generates an API description{when}")
    if framework["name"] in SERVES_DESCRIPTION:
        return (f"{where}, qui sert une description d'API ou vérifie les requêtes d'après elle"
                if language == "fr" else
                f"{where}, which serves an API description or checks requests against it")
    if framework["name"] in FHIR_SERVERS:
        return (f"{where}, un serveur d'API REST FHIR, qui sert à l'exécution sa description "
                "lisible par machine, le CapabilityStatement FHIR (/metadata), qui n'est pas "
                "une description OpenAPI" if language == "fr" else
                f"{where}, a FHIR REST API server, which serves its machine-readable "
                "description, the FHIR CapabilityStatement (/metadata), at run time: not an "
                "OpenAPI description")
    api_only = framework.get("api_only")
    if api_only:
        at = f"{api_only['path']}:{api_only['line']} `{api_only['code']}`"
        return (f"{where}, configuré en API seule ({at}), un framework d'API" if language == "fr"
                else f"{where}, configured API-only ({at}), an API framework")
    if weak:
        return (f"{where}, un framework web qui sert aussi des pages (pas une API en soi)"
                if language == "fr" else
                f"{where}, a web framework that also serves pages (not by itself an API)")
    return f"{where}, un framework d'API" if language == "fr" else f"{where}, an API framework"


def decide(*, specs: Sequence[dict[str, t.Any]], software_type: str | None,
           api_documentation: Sequence[str], frameworks: Sequence[dict[str, t.Any]],
           topics: Sequence[str], paths_evidence: Sequence[dict[str, t.Any]],
           library: Mapping[str, t.Any] | None = None,
           roots: Mapping[str, tuple[str, str]] | None = None,
           manifests: tuple[Sequence[str], Sequence[str]] | None = None) -> dict[str, t.Any]:
    """``{exposes, confidence, evidence[], summary}``; every piece of evidence names its source.

    ``roots``: ``apiDocumentation`` links that are the API's own root, with why (English,
    French): they still show an API, but no description of it.

    A published ``library`` (see :mod:`scanner.apispecs.library`) outweighs its frameworks and
    folders (they serve the applications that install it); only direct evidence (a committed
    description, routes, a README section listing endpoints...) shows an API of its own.
    ``manifests``: the dependency manifests read and those that could not be, named by the
    messages saying that no framework was found.
    """
    evidence: list[dict[str, t.Any]] = []
    for spec in specs:
        evidence.append({"kind": "spec", "strength": "strong", "path": spec["path"],
                         "detail": f"API description {spec['path']}",
                         "detail_fr": f"description d'API {spec['path']}"})
    if software_type:
        strength = ("strong" if software_type.lower() in BACKEND_TYPES else
                    "against" if software_type.lower() in NOT_API_TYPES else "none")
        evidence.append({"kind": "publiccode", "strength": strength, "path": "publiccode.yml",
                         "detail": f"publiccode.yml softwareType: {software_type}",
                         "detail_fr": f"softwareType du publiccode.yml : {software_type}"})
    for url in api_documentation:
        root, root_fr = (roots or {}).get(url, ("", ""))
        evidence.append({"kind": "publiccode", "strength": "strong", "path": "publiccode.yml",
                         "detail": f"publiccode.yml apiDocumentation: {url}"
                                   + (f" ({root})" if root else ""),
                         "detail_fr": f"apiDocumentation du publiccode.yml : {url}"
                                      + (f" ({root_fr})" if root_fr else "")})
    for framework in frameworks:
        weak = (framework["role"] == "api" and framework["name"] in WEB_ALSO
                and "api_only" not in framework)
        # A generator listed but never set up: the manifest hints at an API, nothing more.
        unused = "not_set_up" in framework
        # An API framework whose package shows no server (a NestJS command-line tool): a hint,
        # never proof; alone it shows no API, unless civiscan could not read the whole package
        # or the framework is declared for an API to come (Django REST framework not yet used).
        idle = framework.get("no_server")
        evidence.append({"kind": "framework",
                         "strength": "weak" if weak or unused or idle else "strong",
                         "path": framework["path"], "role": framework["role"],
                         "detail": _framework_detail(framework, weak),
                         "detail_fr": _framework_detail(framework, weak, "fr"),
                         **({"unconfirmed": True} if idle and idle["reason"] in (
                             "unsure", "unused") else {})})
    for topic in topics:
        if topic.lower() in API_TOPICS:
            evidence.append({"kind": "topic", "strength": "strong", "path": None,
                             "detail": f"repository topic {topic}",
                             "detail_fr": f"sujet du dépôt {topic}"})
    evidence.extend(paths_evidence)
    # A framework that builds the description it serves, as a runtime dependency, is the
    # repository's own server (France-Travail/happy_vllm: FastAPI, also published on PyPI).
    direct = any(e["strength"] == "strong" and e["kind"] in _DIRECT for e in evidence) or any(
        f["role"] == "generates" and not f.get("dev") and "not_set_up" not in f
        for f in frameworks)
    if library is not None:
        where = (f"{library['name']} ({library['manifest']}; {library['readme']}:"
                 f"{library['line']} says `{library['command']}`)")
        where_fr = (f"{library['name']} ({library['manifest']} ; {library['readme']}:"
                    f"{library['line']} indique `{library['command']}`)")
        evidence.insert(0, {
            "kind": "library", "strength": "none" if direct else "against",
            "path": library["manifest"],
            "detail": f"also published as the package {where}" if direct else
                      f"a library published as {where}: its framework dependencies serve the "
                      "applications that install it, not an API of its own",
            "detail_fr": f"publié aussi comme paquet {where_fr}" if direct else
                         f"une bibliothèque publiée sous le nom {where_fr} : les frameworks dont "
                         "elle dépend servent les applications qui l'installent, pas une API "
                         "qui lui soit propre"})
    strengths = {e["strength"] for e in evidence}
    # A web framework that also serves pages, alone, shows pages as much as an API
    # (france-connect/service-provider-example: Express rendering every route): no evidence.
    web_only = all(e["kind"] == "framework" and e.get("role") == "api" and e["strength"] == "weak"
                   and not e.get("unconfirmed") for e in evidence if e["strength"] == "weak")
    if library is not None and not direct:
        exposes, confidence = False, "high"
    elif "strong" in strengths:
        exposes, confidence = True, "high"
    elif "against" in strengths:
        exposes, confidence = False, "high"
    elif "weak" in strengths and not web_only:
        exposes, confidence = True, "low"
    else:
        exposes, confidence = None, None
    # The README says the API is offered to no one else ("aucun endpoint public", SocialGouv/
    # classifia README.md:93): the signs of an API are no longer enough to call it missing.
    if (exposes and any(e.get("internal") for e in evidence)
            and not any(e.get("public_api") for e in evidence)):
        confidence = "low"
    # The decisive evidence first: messages cut a long summary short.
    order = ({"against": 0, "strong": 1, "weak": 2} if exposes is False
             else {"strong": 0, "against": 1, "weak": 2})
    considered = [e for e in sorted(evidence, key=lambda e: order.get(e["strength"], 3))
                  if e["strength"] != "none"]
    if exposes is None and considered:  # web frameworks only: say what else was looked for
        considered.append({
            "detail": _NOTHING_ELSE.format(read=_manifests_read(manifests)),
            "detail_fr": _NOTHING_ELSE_FR.format(read=_manifests_read(manifests, "fr"))})
    # api/ folders set aside (clients, pass-through routes), README lists of the MCP transport:
    # say why they did not count. Node entry files read with no /api route: said only when
    # nothing shows an API (what was read, for "nothing else").
    set_aside = [e for e in evidence if e["kind"] in _SET_ASIDE and e["strength"] == "none"
                 and (e["kind"] != "mount" or exposes is None)]
    # A README section set aside (an MCP server's transport) was seen: "none of: README section
    # listing the API's endpoints" would deny it. Say what was seen, and why it does not count,
    # first (messages clip long summaries), then what else is missing (datagouv/datagouv-mcp).
    readme_seen = not considered and any(e["kind"] == "readme" and e.get("endpoints")
                                         for e in set_aside)
    readme_item = "" if readme_seen else ", README section listing the API's endpoints"
    readme_item_fr = "" if readme_seen else ", section du README listant les points d'accès de l'API"
    summary = "; ".join(e["detail"] for e in considered) if considered else (
        "none of: committed API description, publiccode.yml softwareType standalone/backend or "
        f"apiDocumentation, API framework {_manifests_read(manifests)}, API topic, api/ folder"
        f"{readme_item}")
    summary_fr = " ; ".join(e.get("detail_fr", e["detail"]) for e in considered) if considered else (
        "aucun de : description d'API dans le dépôt, softwareType standalone/backend ou "
        "apiDocumentation dans le publiccode.yml, framework d'API "
        f"{_manifests_read(manifests, 'fr')}, sujet API, dossier api/{readme_item_fr}")
    if readme_seen:
        first = [e for e in set_aside if e["kind"] == "readme" and e.get("endpoints")]
        rest = [e for e in set_aside if e not in first]
        summary = "; ".join([*(e["detail"] for e in first), summary, *(e["detail"] for e in rest)])
        summary_fr = " ; ".join([*(e["detail_fr"] for e in first), summary_fr,
                                 *(e["detail_fr"] for e in rest)])
    else:
        summary = "; ".join([summary, *(e["detail"] for e in set_aside)])
        summary_fr = " ; ".join([summary_fr, *(e["detail_fr"] for e in set_aside)])
    graphql = any((e["kind"] == "graphql" and e["strength"] != "none")
                  or e["detail"].startswith("GraphQL server") for e in evidence)
    generated = any(f["role"] == "generates" and "not_set_up" not in f for f in frameworks)
    fhir = any(f["name"] in FHIR_SERVERS for f in frameworks)
    return {"exposes": exposes, "confidence": confidence, "evidence": evidence,
            "summary": summary, "summary_fr": summary_fr,
            "graphql_only": graphql and not specs and not generated,
            "fhir_only": fhir and not specs and not generated}
