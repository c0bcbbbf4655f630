"""What an ``api/`` folder holds: route handlers serving data, or code that serves no API.

A folder named ``api`` is weak evidence of an API only if its code serves one. Set aside, by
name: clients of other APIs (``*.client.ts``), catch-all pass-through routes
(``[...path].ts``), and, as a route's first segment under the folder, debug and health-check
endpoints (``app/api/debug/memory/route.ts`` in betagouv/infomedicament), CMS preview and cache
revalidation hooks and the frameworks' template handlers (``pages/api/hello.ts``,
``pages/api/preview.ts`` in SocialGouv/archifiltre-site-v2). Set aside by content: a folder whose
code files are all empty (gip-inclusion/api-relay-cnav: an empty ``api/__init__.py``), a small folder
whose few files call other services (an absolute URL, ``fetch``, ``axios``, ``requests``...) and
show no sign of serving a request (no handler signature, router, controller annotation...), like
``lib/api/geo.js`` in datagouv/geo.api.gouv.fr, which builds URLs of https://geo.api.gouv.fr,
or typed clients generated from another service's OpenAPI description (openapi-fetch's
``createClient<paths>()`` and ``client.GET("/siren/{siren}")`` in
proconnect-gouv/proconnect-identite's ``packages/insee/src/api/``). Test files beside them
(``*.test.ts``, ``test_*.py``) are not API code and are not read. A Java/Kotlin ``api`` package
is API code only if a file read shows HTTP handling (JAX-RS, Spring MVC, servlet, Ktor): in
StrasbourgEurometropole/Strasbourg-Next ``utils/api/`` holds Liferay/OSGi service interfaces
(``public interface DateHelperService``), while its HTTP API is JAX-RS code elsewhere, found by
content (:func:`serving_at`) among files named or placed like controllers.
Reading is bounded (a few files per folder, a few folders) and loose on the serving side: any
sign of serving keeps the folder as API code. The bound never turns client code into API code: a
bigger folder is judged on its first files, those named for endpoints first (``views.py``,
``urls.py``, ``routes/``) and boilerplate last (``__init__.py``, ``apps.py``, migrations, models:
MTES-MCT/trackdechets-vigiedechets ``src/api/``), and when they only call other services it is
set aside, messages saying how many were read and naming empty files and boilerplate as such
rather than as calling code; and a folder whose own README says it is a
client (``app/src/api/README.md`` in DNUM-SocialGouv/champollion-front: "This frontend app gets
data from a FastAPI Python API called champolib", 12 files of axios calls) is set aside unread.
"""

from __future__ import annotations

import os
import re
import typing as t
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence

from scanner.apispecs.comments import blank, line_at, style_of

#: Files read per ``api/`` folder to decide by content; a folder with more is judged on its first.
MAX_READ_PER_FOLDER = 6
#: Code files of a folder judged on its first ones: a bigger folder, or one that is a package of
#: its own (a manifest in it: betagouv/a-just's ``api/`` Koa back end, 642 files whose first are
#: ``config/*.js`` holding URLs), is a project, not a folder of client code, and counts as API code.
MAX_JUDGED_PER_FOLDER = 24
_PACKAGE_MANIFESTS = ("package.json", "pyproject.toml", "setup.py", "requirements.txt", "Gemfile",
                      "go.mod", "pom.xml", "build.gradle", "build.gradle.kts", "composer.json",
                      "Cargo.toml", "mix.exs")
#: Files read in all ``api/`` folders of a repository (the first folders first).
MAX_READ_TOTAL = 16
#: Bytes of each file searched for markers.
MAX_SCAN_CHARS = 256 * 1024

# Kinds of code that serve no API, with how messages name them (English, French).
KINDS: dict[str, tuple[str, str]] = {
    "client": ("API clients", "des clients d'API"),
    "catch_all": ("catch-all pass-through routes", "des routes attrape-tout de relais"),
    "debug": ("debug or health-check endpoints", "des points d'accès de débogage ou de santé"),
    "preview": ("CMS preview or cache revalidation hooks",
                "des crochets d'aperçu de CMS ou de revalidation du cache"),
    "template": ("a framework's template handlers", "des gestionnaires modèles d'un framework"),
    "outbound": ("code calling other services' APIs", "du code qui appelle les API d'autres services"),
    "auth": ("NextAuth's sign-in route", "la route de connexion de NextAuth"),
    "page": ("a Next.js page's code (beside its page.tsx)",
             "le code d'une page Next.js (à côté de son page.tsx)"),
    "described_client": ("code its README describes as a client of another API",
                         "du code que son README décrit comme client d'une autre API"),
    "java_service": ("Java/Kotlin code with no HTTP annotation (a service API in the Java sense)",
                     "du code Java/Kotlin sans annotation HTTP (une API de service au sens Java)"),
    "empty": ("empty files", "des fichiers vides"),
    "inert": ("configuration or models that neither serve nor call an API",
              "de la configuration ou des modèles qui ne servent ni n'appellent d'API"),
}
#: Key of the files not read in a folder judged on its first files (not a kind of code).
UNREAD = "unread"
#: Characters of an ``api/`` folder's README searched for what the folder is.
MAX_README_CHARS = 8 * 1024
_FOLDER_READMES = tuple(f"{stem}{ext}" for stem in ("README", "readme", "Readme")
                        for ext in (".md", "", ".txt", ".rst", ".adoc"))
# The folder's README saying its code is a client: "This frontend app gets data from a FastAPI
# Python API called champolib" (champollion-front app/src/api/README.md:3), "Ce dossier appelle
# l'API de l'INSEE", "This folder is an API client". The subject is the folder or app itself, never
# an API, service or server ("This API fetches data from the INSEE API" is a proxy serving one),
# nor the front end calling the folder's routes ("The front end calls these routes").
_SELF = (r"\b(?:this|ce|cet|cette)[ \t]{1,3}"
         r"(?:(?!(?:apis?|services?|server|serveur|back[- ]?end|backend)\b)[\w-]{1,30}[ \t]{1,3}){0,3}?")
_CLIENT_SAYS = re.compile(
    _SELF + r"(?:(?:gets?|fetch(?:es)?|retrieves?|calls?|consumes?|queries|r[ée]cup[èe]re|appelle"
    r"|interroge|consomme|fait[ \t]{1,3}appel)\b[^.\n]{0,60}?\b(?:APIs?|back[- ]?end|backend"
    r"|serveur|server)\b"
    r"|(?:is|est)[ \t]{1,3}(?:an?|une?)[ \t]{1,3}(?:[\w-]{1,30}[ \t]{1,3}){0,2}?"
    r"(?:API[ \t]{1,3}client|client)\b)",
    re.IGNORECASE)
# ...unless the same sentence says it serves ("this folder calls the database and exposes...").
_SERVER_SAYS = re.compile(r"\b(?:serves?|exposes?|sert|expose|implements?|impl[ée]mente)\b",
                          re.IGNORECASE)
_CLIENT_FILE = re.compile(r"client", re.IGNORECASE)
_CATCH_ALL = re.compile(r"^\[\[?\.\.\.[^\]/]*\]\]?\.\w+$")
# NextAuth's handler, as a pages or app router catch-all (``auth/[...nextauth].ts``,
# ``auth/[...nextauth]/route.ts``): it signs the app's own users in, it serves no API.
_NEXTAUTH = re.compile(r"(?:^|/)\[\.\.\.nextauth\](?:\.\w+$|/route\.[cm]?[jt]s$)")
# Next.js app router files: a route handler serves requests, a page renders one.
_ROUTE_FILE = re.compile(r"^route\.(?:[cm]?[jt]s)$")
_PAGE_FILE = re.compile(r"(?:^|/)app/(?:[^/]+/)*page\.(?:[jt]sx?|mdx)$")
_WIRING = re.compile(r"^(?:index\.\w+|[\w.-]+\.module\.ts|__init__\.py|mod\.rs)$")
# Tests beside the code (``find-by-siren.test.ts``, ``test_views.py``, ``users_test.go``).
_TEST_FILE = re.compile(r"[._-](?:test|spec|e2e-spec)\.\w+$|^test_\w*\.py$|_(?:test|spec)\.\w+$")
# A route's first segment under the api/ folder (a folder, or a file's stem).
_ROUTE_KINDS: dict[str, str] = {
    **dict.fromkeys(("debug", "health", "healthz", "healthcheck", "health-check", "ping"), "debug"),
    **dict.fromkeys(("preview", "exit-preview", "draft", "enable-draft", "disable-draft",
                     "revalidate"), "preview"),
    # create-next-app's pages/api/hello.js, the Sentry wizard's example route.
    **dict.fromkeys(("hello", "sentry-example-api"), "template"),
}
#: Languages whose markers are known; other code is never set aside by content.
_READABLE = re.compile(r"\.(?:js|mjs|cjs|ts|py|rb|php|go|java|kt)$", re.IGNORECASE)
# Files a capped read takes first, named for the endpoints they hold (a file's stem or a folder
# under the api/ folder): Django's ``src/api/views.py`` and ``urls.py`` in
# MTES-MCT/trackdechets-vigiedechets (« urlpatterns = [ path("create/", ApiSheetCreate.as_view() »),
# Express ``routes/``, Nest ``users.controller.ts``, ``handlers.go``, ``api.py``.
_ENDPOINT_NAME = re.compile(
    r"(?:^|[/._-])(?:views?|viewsets?|urls|routes?|routers?|routing|controllers?|resources?"
    r"|handlers?|endpoints?|api|app|server)(?:[/._-]|$)"
    r"|(?:Controller|Resource|Handler|Endpoint)s?\.\w+$")
# ...and last, boilerplate that never holds one: that app's ``__init__.py``, ``apps.py`` (« class
# ApiConfig(AppConfig) »), ``migrations/__init__.py``, ``models.py`` (« # Create your models here. »).
_BOILERPLATE_NAME = re.compile(
    r"(?:^|/)(?:__init__\.py|apps\.py|admin\.py|conftest\.py|(?:models?|settings|config"
    r"|serializers?|constants|types)\.\w+)$|(?:^|/)(?:migrations|tests?|__tests__|fixtures|models)/")
# Signs of serving a request (loose: a false sign only keeps the folder as API code).
_SERVES = re.compile(
    r"\(\s*req\b|\breq\s*[,:)]|\bres\.(?:json|send|status|end|write|set|render|redirect)\("
    r"|NextResponse|NextApi(?:Request|Response|Handler)|\bResponse\.json\(|new Response\("
    r"|export\s+(?:async\s+)?(?:function|const)\s+(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b"
    r"|\b(?:router|app|server|api|route|routes|fastify|blueprint|bp)\.(?:get|post|put|patch|delete"
    r"|all|route|use|register|add_url_rule|api_route|websocket)\("
    # Go routers register handlers with upper-case methods (gin's r.GET("/x", h), echo's e.POST).
    r"|\b(?:r|e|g|v\d|router|group|grp|api|app|engine|server|mux)\.(?:GET|POST|PUT|PATCH|DELETE)\("
    r"|\bRouter\(|\bexpress\(|\bctx\.(?:body|status|request)\b|\breply\.(?:send|code)\("
    r"|defineEventHandler|RequestHandler|createServer|@(?:Get|Post|Put|Patch|Delete|Controller)\("
    r"|APIRouter|Blueprint|APIView|ViewSet|api_view|JsonResponse|HttpResponse|urlpatterns"
    r"|def[ \t]+(?:get|post|put|patch|delete)\([ \t]*self"
    r"|render[ \t]+json:|Controller\b|Grape::API|Route::|#\[Route|\$app->(?:get|post)"
    r"|http\.ResponseWriter|http\.Handle|gin\.Context|echo\.Context|fiber\.Ctx"
    r"|@(?:RestController|RequestMapping|GetMapping|PostMapping|Path\(|GET\b|POST\b)"
    # A GraphQL server's schema: graphql-ruby's ``class API::V2::Schema < GraphQL::Schema``
    # (demarche-numerique/demarche.numerique.gouv.fr app/graphql/api/v2/schema.rb), graphql-js.
    r"|<[ \t]*GraphQL::Schema\b|\bGraphQL::Query::Context\b|\bmakeExecutableSchema\b"
    r"|\bnew[ \t]+GraphQLSchema\b")
# Signs of calling another service.
_CALLS = re.compile(
    r"https?://[\w.-]+|\bfetch\(|\baxios\b|\bgot\(|\bky\(|superagent|\$fetch|useFetch|ofetch"
    r"|requests\.(?:get|post|put|patch|delete|Session|request)\b|httpx\.|urllib|aiohttp\.Client"
    r"|http\.(?:Get|Post|NewRequest)|Faraday|Net::HTTP|HttpClient|RestTemplate|WebClient"
    r"|GuzzleHttp"
    # Typed clients of an OpenAPI description: openapi-fetch (createClient<paths>(),
    # client.GET("/siren/{siren}")), openapi-typescript's ``paths`` types, generated ``*.gen.ts``
    # or ``schema.d.ts`` types, and the ky, got, undici HTTP clients.
    r"|openapi-fetch|openapi-typescript|@hey-api/client|createClient[ \t]*<"
    r"|\b\w*[cC]lient[ \t]*\.[ \t]*(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)[ \t]*\("
    r"|import[ \t]+type[ \t]*\{[^}]{0,200}\bpaths\b[^}]{0,200}\}[ \t]*from"
    r"|from[ \t]+[\"'][^\"']{0,200}(?:\.gen|schema\.d)(?:\.[jt]s)?[\"']"
    r"|\b(?:ky|got)\.(?:get|post|put|patch|delete|extend|create)\(|\bundici\b")


def page_dirs(paths: Iterable[str]) -> set[str]:
    """Folders of a Next.js app router holding a page (``app/[domain]/admin/api/page.tsx``)."""
    return {p.rsplit("/", 1)[0] for p in paths if _PAGE_FILE.search(p)}


def by_name(folder: str, files: Sequence[str],
            pages: Collection[str] = ()) -> tuple[list[str], dict[str, list[str]]]:
    """The files of an ``api/`` folder that may serve, and those set aside by name (by kind).

    Beside client files, wiring (``index``, ``*.module.ts``, ``__init__.py``) shows nothing
    either (France-Travail/pass-emploi-connect). ``pages``: the Next.js page folders
    (:func:`page_dirs`); there only a ``route.ts`` serves requests, other code is the page's
    (incubateur-ademe/roadmaps-faciles ``app/[domain]/admin/api/``: page.tsx, actions.ts).
    """
    kept: list[str] = []
    aside: dict[str, list[str]] = {}
    prefix = folder + "/"
    for path in files:
        name = path.rsplit("/", 1)[-1]
        first = path[len(prefix):].split("/", 1)[0] if path.startswith(prefix) else name
        route = _ROUTE_KINDS.get(first.rsplit(".", 1)[0].lower() if first == name
                                 else first.lower())
        parent = path.rsplit("/", 1)[0] if "/" in path else ""
        in_page = not _ROUTE_FILE.match(name) and any(
            parent == page or parent.startswith(page + "/") for page in pages
            if page == folder or page.startswith(prefix))
        if _CLIENT_FILE.search(name):
            aside.setdefault("client", []).append(path)
        elif in_page:
            aside.setdefault("page", []).append(path)
        elif _NEXTAUTH.search(path[len(prefix):] if path.startswith(prefix) else name):
            aside.setdefault("auth", []).append(path)
        elif _CATCH_ALL.match(name):
            aside.setdefault("catch_all", []).append(path)
        elif route is not None:
            aside.setdefault(route, []).append(path)
        else:
            kept.append(path)
    # Tests show neither serving nor calling: the code beside them decides (none: they stay).
    code = [p for p in kept if not _TEST_FILE.search(p.rsplit("/", 1)[-1])]
    if code:
        kept = code
    if aside.get("client"):
        kept = [p for p in kept if not _WIRING.match(p.rsplit("/", 1)[-1])]
    return kept, aside


def to_read(kept: Sequence[str], package: bool = False) -> list[str]:
    """The files whose content decides a folder: all of them, or the first
    :data:`MAX_READ_PER_FOLDER` of a folder of at most :data:`MAX_JUDGED_PER_FOLDER` that is no
    ``package`` of its own (none when a language whose markers are unknown is among them, or
    the folder is bigger: it then counts as API code)."""
    if not kept or not all(_READABLE.search(p) for p in kept):
        return []
    if len(kept) > MAX_READ_PER_FOLDER and (package or len(kept) > MAX_JUDGED_PER_FOLDER):
        return []
    base = os.path.commonpath(kept) if len(kept) > 1 else ""
    return sorted(kept, key=lambda p: (_read_rank(p[len(base):]), p))[:MAX_READ_PER_FOLDER]


def _read_rank(inner: str) -> int:
    """Where a file comes in a capped read: files named for endpoints first, boilerplate
    (``__init__.py``, ``apps.py``, migrations, models) last, so that a folder judged on its first
    files is judged on those that would serve (trackdechets-vigiedechets ``src/api/``: 8 files
    whose first 6 in name order left out ``urls.py`` and ``views.py``). ``inner``: the path under
    the folder's files' common folder."""
    return 2 if _BOILERPLATE_NAME.search(inner) else 0 if _ENDPOINT_NAME.search(inner) else 1


def is_package(folder: str, present: Collection[str]) -> bool:
    """Whether a folder holds a package manifest of its own (``api/package.json``)."""
    return any(f"{folder}/{name}" in present for name in _PACKAGE_MANIFESTS)


def readme_path(folder: str, present: Collection[str]) -> str | None:
    """The README directly in an ``api/`` folder, if any (``present``: a set of the paths)."""
    return next((f"{folder}/{name}" for name in _FOLDER_READMES
                 if f"{folder}/{name}" in present), None)


def readme_says_client(text: str | None) -> bool:
    """Whether a folder's README says its code is a client of another API (a sentence saying so
    that does not also say it serves or exposes one)."""
    if not text:
        return False
    for sentence in re.split(r"(?<=[.!?])[ \t]|\n[ \t]*\n", text[:MAX_README_CHARS]):
        if len(sentence) <= 2000 and _CLIENT_SAYS.search(sentence) and not _SERVER_SAYS.search(
                sentence):
            return True
    return False


def code(path: str, text: str | None) -> str | None:
    """A file's first :data:`MAX_SCAN_CHARS` characters with its comments blanked (a commented-out
    route or annotation is no sign), as read for a language whose comments are unknown."""
    if text is None:
        return None
    style = style_of(path)
    return blank(text[:MAX_SCAN_CHARS], style) if style else text[:MAX_SCAN_CHARS]


def empty_only(kept: Collection[str], readable: Collection[str],
               texts: Iterable[str | None]) -> bool:
    """Whether every code file of a folder was read and holds nothing but blanks and comments:
    an ``api/`` folder waiting for its code (gip-inclusion/api-relay-cnav
    ``api_relay_cnav/api/__init__.py``, empty) serves nothing yet."""
    return set(kept) <= set(readable) and all(text is not None and not text.strip()
                                               for text in texts)


def calls_only(texts: Iterable[str | None]) -> bool:
    """Whether files (all read: ``None`` is a file not read) call other services and none
    shows a sign of serving a request."""
    calls = False
    for text in texts:
        if text is None:
            return False
        head = text[:MAX_SCAN_CHARS]
        if _SERVES.search(head):
            return False
        calls = calls or bool(_CALLS.search(head))
    return calls


def _quiet_kind(path: str, text: str | None) -> str:
    """How a read file of a calling folder is named: ``empty`` (blank), ``inert`` (boilerplate by
    name that calls nothing: a bare Django ``AppConfig`` in ``apps.py``, ``models.py``), else
    ``outbound`` with the calling code it serves (datagouv/datagouv_client ``datagouv/api/
    dataset.py`` calls through ``self._client.session.post(``): no empty file or configuration
    is said to call other services."""
    head = (text or "")[:MAX_SCAN_CHARS]
    if not head.strip():
        return "empty"
    quiet = _BOILERPLATE_NAME.search(path.rsplit("/", 1)[-1]) and not _CALLS.search(head)
    return "inert" if quiet else "outbound"


def classify(folder: str, files: Sequence[str], readable: Sequence[str] = (),
             read: Callable[[str], str | None] | None = None,
             readme: str | None = None, pages: Collection[str] = ()) -> dict[str, list[str]] | None:
    """``None`` when the folder holds API code, else the files set aside by kind.

    ``readable``: the files :func:`to_read` chose and the caller's budget allowed (all the kept
    files, or the first of a bigger folder: the others are listed under :data:`UNREAD`); a
    folder none of whose files were read counts as API code. ``readme``: the folder's README,
    when it has one; saying the folder is a client, it sets the code aside unread. ``pages``:
    as for :func:`by_name`.
    """
    kept, aside = by_name(folder, files, pages)
    if kept and readme_says_client(readme):
        aside["described_client"] = list(kept)
        return aside
    if kept:
        if read is None or not readable or not set(readable) <= set(kept):
            return None
        texts = [code(p, read(p)) for p in readable]
        if empty_only(kept, readable, texts):
            kind = "empty"
        elif all(p.endswith((".java", ".kt")) for p in kept):
            # A Java package named ``api`` is mostly a service's interfaces (Liferay/OSGi
            # ``utils/api/DateHelperService.java`` in StrasbourgEurometropole/Strasbourg-Next):
            # HTTP code in it carries an annotation (JAX-RS, Spring, servlet, Ktor).
            if any(text is None or handles_http(text) for text in texts):
                return None
            kind = "java_service"
        elif calls_only(texts):
            # Empty files and boilerplate that calls nothing are not named as calling.
            for path, text in zip(readable, texts, strict=True):
                aside.setdefault(_quiet_kind(path, text), []).append(path)
            kind = ""
        else:
            return None
        if kind:
            aside[kind] = [p for p in kept if p in set(readable)]
        unread = [p for p in kept if p not in set(readable)]
        if unread:
            aside[UNREAD] = unread
    return aside


def describe(folder: str, aside: Mapping[str, Sequence[str]]) -> tuple[str, str]:
    """A folder set aside, in English and French, naming what it holds."""
    kinds = [k for k in KINDS if aside.get(k)]
    unread = aside.get(UNREAD, [])
    if set(kinds) <= {"client", "catch_all"}:  # the wording messages have used so far
        return (f"{folder}/ holds only API clients or catch-all pass-through routes, no API code",
                f"{folder}/ ne contient que des clients d'API ou des routes attrape-tout de "
                "relais, pas de code d'API")
    files = [p for k in kinds for p in aside[k]]
    shown = ", ".join(files[:3]) + (f" (+{len(files) - 3})" if len(files) > 3 else "")
    english = " or ".join(KINDS[k][0] for k in kinds)
    french = " ou ".join(KINDS[k][1] for k in kinds)
    if unread:  # judged on its first files: say so
        total = len(files) + len(unread)
        return (f"{folder}/: the {len(files)} of its {total} code files read hold only {english} "
                f"({shown}), no API code",
                f"{folder}/ : les {len(files)} fichiers de code lus sur {total} ne contiennent "
                f"que {french} ({shown}), pas de code d'API")
    return (f"{folder}/ holds only {english} ({shown}), no API code",
            f"{folder}/ ne contient que {french} ({shown}), pas de code d'API")


# Java/Kotlin files named or placed like web controllers or JAX-RS resources (FooController,
# FooResources, webservice/, a JAX-RS ``Application`` such as Liferay's whiteboard applications in
# StrasbourgEurometropole/Strasbourg-Next ``modules/csmap/csmap-webservices/.../PlaceApplication.java``),
# strongest names first: an ``api/`` package of a Java project is mostly service interfaces.
_CONTROLLER_NAME = re.compile(
    r"(?:Controller|Resources?|Endpoints?|WebService|RestService|Application)\.(?:java|kt)$")
_CONTROLLER_DIR = re.compile(
    r"(?:^|/)(?:controllers?|webservices?|rest|resources|ws|endpoints?)/[^/]+\.(?:java|kt)$"
    r"|(?:^|/)[\w.-]*(?:webservices?|-rest|-ws)(?:-[\w.-]*)?/(?:[^/]+/)*[^/]+\.(?:java|kt)$"
    r"|Api\.(?:java|kt)$", re.IGNORECASE)
_API_PACKAGE = re.compile(r"(?:^|/)api/[^/]+\.(?:java|kt)$")
# JUnit and Spock naming of test classes beside the code (``ThemeResourcesTest.java``, ``*IT``).
_JAVA_TEST = re.compile(r"(?:Tests?|IT|ITCase|Spec)\.(?:java|kt)$")
# Clients of another HTTP API declared with server-like annotations: Spring Cloud's @FeignClient,
# MicroProfile's @RegisterRestClient (a JAX-RS interface with @Path and @GET), Spring's
# @HttpExchange interfaces.
_JAVA_CLIENT = re.compile(r"@(?:FeignClient|RegisterRestClient|HttpExchange|GetExchange"
                          r"|PostExchange)\b")
# Signs of a class serving HTTP requests, each with how messages name it.
_SPRING_REST = re.compile(r"@RestController\b")
_SPRING_CONTROLLER = re.compile(r"@Controller\b")
_RESPONSE_BODY = re.compile(r"@ResponseBody\b")
_JAXRS_PATH = re.compile(r"@Path[ \t]*\(")
_JAXRS_METHOD = re.compile(r"@(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b")
_JAXRS_IMPORT = re.compile(r"\b(?:javax|jakarta)\.ws\.rs\b")
_JAXRS_APPLICATION = re.compile(r"@ApplicationPath[ \t]*\(|\bextends[ \t]+(?:(?:javax|jakarta)"
                                r"\.ws\.rs\.core\.)?Application\b")
# Looser signs that Java/Kotlin code handles HTTP (an ``api/`` package holding none is a service
# API in the Java sense, not an HTTP one): JAX-RS, Spring MVC/WebFlux, Micronaut, servlets, Ktor.
_JAVA_HTTP = re.compile(
    r"@(?:Path|GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|ApplicationPath|RestController|Controller"
    r"|RequestMapping|[A-Z]\w*Mapping|WebServlet|Get|Post|Put|Patch|Delete|RouterOperation)\b"
    r"|\b(?:javax|jakarta)\.(?:ws\.rs|servlet\.http)\b|\bHttpServlet\b|\bRouterFunction\b"
    r"|\brouting[ \t]*\{|\bio\.ktor\.server\b")
#: Controller files read per repository.
MAX_CONTROLLERS_READ = 8


def serving_at(text: str) -> tuple[int, str] | None:
    """Where a Java/Kotlin file (comments blanked) serves HTTP requests, and how: the line of
    ``@RestController`` ("Spring"), of ``@Controller`` beside ``@ResponseBody``, of the first
    JAX-RS ``@Path`` (with an HTTP method annotation or a ``javax``/``jakarta.ws.rs`` import) or
    of a JAX-RS application (``@ApplicationPath``, a class extending ``ws.rs.core.Application``);
    ``None`` for other code and for clients declared with such annotations (@FeignClient)."""
    if ("@" not in text and "ws.rs" not in text) or _JAVA_CLIENT.search(text):
        return None
    if (match := _SPRING_REST.search(text)) is not None:
        return line_at(text, match.start()), "Spring"
    if (match := _SPRING_CONTROLLER.search(text)) is not None and _RESPONSE_BODY.search(text):
        return line_at(text, match.start()), "Spring"
    jaxrs = _JAXRS_IMPORT.search(text) is not None
    if (match := _JAXRS_PATH.search(text)) is not None and (jaxrs or _JAXRS_METHOD.search(text)):
        return line_at(text, match.start()), "JAX-RS"
    if jaxrs and (match := _JAXRS_APPLICATION.search(text)) is not None:
        return line_at(text, match.start()), "JAX-RS"
    return None


def handles_http(text: str) -> bool:
    """Whether Java/Kotlin code (comments blanked) shows any sign of handling HTTP (loose)."""
    return not _JAVA_CLIENT.search(text) and bool(_JAVA_HTTP.search(text))


def controller_paths(paths: Iterable[str], excluded: frozenset[str]) -> tuple[list[str], int]:
    """The Java/Kotlin controller files read (the first few, named like controllers or JAX-RS
    applications first, then by folder, then ``api/`` packages) and how many there are, never in
    ``excluded`` folders (vendored, test) nor test classes."""
    ranked: list[tuple[int, str]] = []
    for path in paths:
        if not path.endswith((".java", ".kt")) or _JAVA_TEST.search(path) or set(
                path.lower().split("/")[:-1]) & excluded:
            continue
        rank = (0 if _CONTROLLER_NAME.search(path) else 1 if _CONTROLLER_DIR.search(path)
                else 2 if _API_PACKAGE.search(path) else None)
        if rank is not None:
            ranked.append((rank, path))
    found = [p for _, p in sorted(ranked)]
    return found[:MAX_CONTROLLERS_READ], len(found)


def controller_evidence(files: Sequence[str], total: int,
                        read: Callable[[str], str | None]) -> list[dict[str, t.Any]]:
    """Weak evidence when read controller files serve HTTP requests (Spring, JAX-RS), naming
    where (``file:line``).

    Like an ``api/`` folder of route code, REST controllers show an API, not whether it is
    offered to anyone but the repository's own front end (InseeFr/Bauhaus-Back-Office: Spring
    Web and 27 ``@RestController`` classes): a person decides.
    """
    serving: list[tuple[str, int, str]] = []
    for path in files:
        text = code(path, read(path))
        if text is not None and (at := serving_at(text)) is not None:
            serving.append((path, *at))
    if not serving:
        return []
    named = f" ({total} found by name or folder)" if total > len(files) else ""
    named_fr = f" ({total} trouvés par leur nom ou leur dossier)" if total > len(files) else ""
    shown = ", ".join(f"{p}:{line} ({how})" for p, line, how in serving[:3])
    more = f" (+{len(serving) - 3})" if len(serving) > 3 else ""
    return [{"kind": "controllers", "strength": "weak", "path": serving[0][0],
             "detail": f"REST controllers (@RestController, JAX-RS @Path) in {len(serving)} of "
                       f"the {len(files)} Java/Kotlin controller files read{named}, e.g. "
                       f"{shown}{more}",
             "detail_fr": f"contrôleurs REST (@RestController, @Path JAX-RS) dans {len(serving)} "
                          f"des {len(files)} fichiers Java/Kotlin de contrôleurs lus{named_fr}, "
                          f"par ex. {shown}{more}"}]
