"""Frameworks seen in package manifests that serve an HTTP API or generate its description.

A FastAPI service publishes ``/openapi.json`` without committing it; drf-spectacular, springdoc,
NestJS's swagger module, rswag, API Platform, NelmioApiDocBundle, OpenApiSpex or Swashbuckle do
the same for their ecosystems. Recording them keeps a service with a *generated* description
from being treated like one with none, and API frameworks are evidence that the repository
exposes an API at all. Every dependency manifest of each ecosystem is read (``requirements/*.txt``
and pip-tools ``*.in`` as well as ``requirements.txt``), matched by package name only, never
executed.
"""

from __future__ import annotations

import json
import re
import typing as t
from collections.abc import Iterable
from dataclasses import dataclass

from scanner import packages
from scanner.apispecs.comments import HASH, SLASH, XML, blank
from scanner.apispecs.discovery import own_code

#: Manifest basenames read, by ecosystem (pip requirement files: see :func:`ecosystem_of`).
MANIFESTS = {
    "package.json": "npm", "requirements.txt": "pypi", "pyproject.toml": "pypi",
    "pipfile": "pypi", "setup.py": "pypi", "setup.cfg": "pypi", "composer.json": "composer",
    "pom.xml": "maven", "build.gradle": "maven", "build.gradle.kts": "maven",
    "build.sbt": "sbt", "gemfile": "gem", "cargo.toml": "cargo", "go.mod": "go",
    "mix.exs": "hex",
    # conda environments and dep (Go's manifest before go.mod): see scanner.packages
    "environment.yml": "pypi", "environment.yaml": "pypi", "gopkg.toml": "go",
}
_ENDINGS = (*MANIFESTS, ".csproj", ".fsproj", ".txt", ".in")
#: Folders whose ``.txt``/``.in`` files are pip requirement files (``requirements/base.txt``).
REQUIREMENT_DIRS = frozenset({"requirements", "reqs", "requirements.d"})
#: Most manifests read per repository (monorepos: the shallowest first).
MAX_MANIFESTS = 30
#: Deepest folder a manifest is read from (``packages/backend/package.json`` is depth 2).
MAX_DEPTH = 3


@dataclass(frozen=True)
class Framework:
    """``generates`` = serves a description it builds at run time; ``api`` = an API framework."""

    name: str
    role: str  # "generates" | "api"
    ecosystem: str
    packages: tuple[str, ...]  # lower-case names, exact match (a trailing * is a prefix)


FRAMEWORKS: tuple[Framework, ...] = (
    # description generators (each serves or builds an OpenAPI document)
    Framework("FastAPI", "generates", "pypi", ("fastapi",)),
    Framework("drf-spectacular", "generates", "pypi", ("drf-spectacular",)),
    Framework("drf-yasg", "generates", "pypi", ("drf-yasg",)),
    Framework("Django Ninja", "generates", "pypi", ("django-ninja",)),
    Framework("flask-smorest", "generates", "pypi", ("flask-smorest",)),
    Framework("Flasgger", "generates", "pypi", ("flasgger",)),
    # Serves a committed base file completed with the routes' docstrings (see basefile).
    Framework("flask-redoc", "generates", "pypi", ("flask-redoc",)),
    Framework("Flask-RESTX", "generates", "pypi", ("flask-restx", "flask-restplus")),
    Framework("APIFlask", "generates", "pypi", ("apiflask",)),
    Framework("Connexion", "generates", "pypi", ("connexion",)),
    Framework("Litestar", "generates", "pypi", ("litestar",)),
    Framework("apispec", "generates", "pypi", ("apispec", "flask-apispec", "falcon-apispec")),
    Framework("SpecTree", "generates", "pypi", ("spectree",)),
    Framework("flask-openapi3", "generates", "pypi", ("flask-openapi3",)),
    Framework("Quart-Schema", "generates", "pypi", ("quart-schema",)),
    Framework("Sanic Extensions", "generates", "pypi", ("sanic-ext",)),
    Framework("NestJS swagger module", "generates", "npm", ("@nestjs/swagger",)),
    Framework("fastify-swagger", "generates", "npm", ("@fastify/swagger", "fastify-swagger")),
    Framework("swagger-jsdoc", "generates", "npm", ("swagger-jsdoc",)),
    Framework("tsoa", "generates", "npm", ("tsoa",)),
    Framework("express-openapi", "generates", "npm", ("express-openapi",)),
    Framework("hapi-swagger", "generates", "npm", ("hapi-swagger",)),
    Framework("ts-rest OpenAPI", "generates", "npm", ("@ts-rest/open-api",)),
    Framework("zod-openapi", "generates", "npm", ("@hono/zod-openapi", "hono-openapi",
                                                  "@asteasolutions/zod-to-openapi",
                                                  "zod-openapi")),
    Framework("trpc-openapi", "generates", "npm", ("trpc-openapi", "trpc-to-openapi")),
    Framework("Elysia swagger", "generates", "npm", ("@elysiajs/swagger",
                                                     "@elysiajs/openapi")),
    Framework("LoopBack", "generates", "npm", ("@loopback/rest",)),
    Framework("swagger-autogen", "generates", "npm", ("swagger-autogen",
                                                      "express-jsdoc-swagger")),
    Framework("rswag", "generates", "gem", ("rswag", "rswag-api", "rswag-specs", "rswag-ui")),
    Framework("grape-swagger", "generates", "gem", ("grape-swagger",)),
    Framework("Apipie", "generates", "gem", ("apipie-rails",)),
    Framework("OasRails", "generates", "gem", ("oas_rails",)),
    Framework("rspec-openapi", "generates", "gem", ("rspec-openapi",)),
    Framework("springdoc-openapi", "generates", "maven", ("springdoc-openapi*",)),
    Framework("SpringFox", "generates", "maven", ("springfox*",)),
    Framework("Swagger Core", "generates", "maven", ("swagger-jaxrs2*", "swagger-core*")),
    Framework("SmallRye OpenAPI", "generates", "maven", ("quarkus-smallrye-openapi",
                                                         "smallrye-open-api*")),
    Framework("Micronaut OpenAPI", "generates", "maven", ("micronaut-openapi",)),
    Framework("Javalin OpenAPI", "generates", "maven", ("javalin-openapi-plugin",
                                                        "openapi-annotation-processor")),
    Framework("play-swagger", "generates", "sbt", ("play-swagger",)),
    Framework("tapir OpenAPI", "generates", "sbt", ("tapir-openapi-docs",
                                                    "tapir-swagger-ui-bundle")),
    Framework("API Platform", "generates", "composer", ("api-platform/core",
                                                        "api-platform/symfony")),
    Framework("NelmioApiDocBundle", "generates", "composer", ("nelmio/api-doc-bundle",)),
    Framework("swagger-php", "generates", "composer", ("zircote/swagger-php",)),
    Framework("L5-Swagger", "generates", "composer", ("darkaonline/l5-swagger",)),
    Framework("Scramble", "generates", "composer", ("dedoc/scramble",)),
    Framework("laravel-openapi", "generates", "composer", ("vyuldashev/laravel-openapi",)),
    Framework("utoipa", "generates", "cargo", ("utoipa",)),
    Framework("paperclip", "generates", "cargo", ("paperclip",)),
    Framework("okapi", "generates", "cargo", ("rocket_okapi", "okapi")),
    Framework("aide", "generates", "cargo", ("aide",)),
    Framework("poem-openapi", "generates", "cargo", ("poem-openapi",)),
    Framework("Dropshot", "generates", "cargo", ("dropshot",)),
    Framework("swag", "generates", "go", ("github.com/swaggo/swag", "github.com/swaggo/http-swagger",
                                          "github.com/swaggo/gin-swagger",
                                          "github.com/swaggo/echo-swagger")),
    Framework("Huma", "generates", "go", ("github.com/danielgtaylor/huma*",)),
    Framework("Fuego", "generates", "go", ("github.com/go-fuego/fuego",)),
    Framework("swaggest", "generates", "go", ("github.com/swaggest/rest",
                                              "github.com/swaggest/openapi-go")),
    Framework("OpenApiSpex", "generates", "hex", ("open_api_spex",)),
    Framework("Swashbuckle", "generates", "nuget", ("swashbuckle.aspnetcore*",)),
    Framework("NSwag", "generates", "nuget", ("nswag.aspnetcore",)),
    Framework("ASP.NET Core OpenAPI", "generates", "nuget", ("microsoft.aspnetcore.openapi",)),
    Framework("PhoenixSwagger", "generates", "hex", ("phoenix_swagger",)),
    Framework("openapi (Rust crates)", "generates", "cargo", ("openapi", "openapi-schema")),
    Framework("modjo microservice-oapi", "generates", "npm", ("@modjo/microservice-oapi",)),
    Framework("openapi3-ts OpenApiBuilder", "generates", "npm", ("openapi3-ts",)),
    Framework("express-zod-api", "generates", "npm", ("express-zod-api",)),
    Framework("routing-controllers-openapi", "generates", "npm", ("routing-controllers-openapi",)),
    Framework("koa-swagger-decorator", "generates", "npm", ("koa-swagger-decorator",)),
    Framework("feathers-swagger", "generates", "npm", ("feathers-swagger",)),
    Framework("aiohttp-apispec", "generates", "pypi", ("aiohttp-apispec", "aiohttp-swagger3")),
    Framework("sanic-openapi", "generates", "pypi", ("sanic-openapi",)),
    Framework("flask-pydantic-spec", "generates", "pypi", ("flask-pydantic-spec",)),
    Framework("swagger-blocks", "generates", "gem", ("swagger-blocks",)),
    Framework("go-swagger", "generates", "go", ("github.com/go-swagger/go-swagger",)),
    Framework("apistos", "generates", "cargo", ("apistos",)),
    # hapi-fhir-server-openapi's OpenApiInterceptor serves an OpenAPI description of the FHIR
    # server beside its CapabilityStatement.
    Framework("HAPI FHIR OpenAPI", "generates", "maven", ("hapi-fhir-server-openapi",)),
    # API frameworks (evidence that an HTTP API is exposed)
    Framework("Django REST framework", "api", "pypi", ("djangorestframework",)),
    Framework("Flask-RESTful", "api", "pypi", ("flask-restful",)),
    Framework("Falcon", "api", "pypi", ("falcon",)),
    Framework("Flask", "api", "pypi", ("flask",)),
    Framework("Quart", "api", "pypi", ("quart",)),
    Framework("Starlette", "api", "pypi", ("starlette",)),
    Framework("Sanic", "api", "pypi", ("sanic",)),
    Framework("Tornado", "api", "pypi", ("tornado",)),
    Framework("Pyramid", "api", "pypi", ("pyramid",)),
    Framework("Bottle", "api", "pypi", ("bottle",)),
    Framework("aiohttp web server", "api", "pypi", ("aiohttp-cors", "aiohttp-jinja2",
                                                    "aiohttp-session", "aiohttp-devtools")),
    Framework("Hono", "api", "npm", ("hono",)),
    Framework("Sinatra", "api", "gem", ("sinatra",)),
    Framework("Slim", "api", "composer", ("slim/slim",)),
    Framework("Ktor server", "api", "maven", ("ktor-server-core*",)),
    Framework("Micronaut HTTP server", "api", "maven", ("micronaut-http-server*",)),
    Framework("Javalin", "api", "maven", ("javalin",)),
    Framework("Chi", "api", "go", ("github.com/go-chi/chi*",)),
    Framework("Fiber", "api", "go", ("github.com/gofiber/fiber*",)),
    Framework("gorilla/mux", "api", "go", ("github.com/gorilla/mux",)),
    Framework("warp", "api", "cargo", ("warp",)),
    Framework("poem", "api", "cargo", ("poem",)),
    Framework("NestJS", "api", "npm", ("@nestjs/core",)),
    Framework("Express", "api", "npm", ("express",)),
    Framework("Fastify", "api", "npm", ("fastify",)),
    Framework("Koa", "api", "npm", ("koa",)),
    Framework("hapi", "api", "npm", ("@hapi/hapi",)),
    Framework("GraphQL server", "api", "npm", ("apollo-server*", "@apollo/server",
                                               "express-graphql", "graphql-yoga", "mercurius")),
    Framework("Spring Web", "api", "maven", ("spring-boot-starter-web",
                                             "spring-boot-starter-webflux")),
    Framework("JAX-RS", "api", "maven", ("jakarta.ws.rs-api", "javax.ws.rs-api",
                                         "quarkus-resteasy*", "quarkus-rest*")),
    Framework("Grape", "api", "gem", ("grape",)),
    Framework("Rails", "api", "gem", ("rails",)),
    Framework("Symfony", "api", "composer", ("symfony/framework-bundle",)),
    Framework("Laravel", "api", "composer", ("laravel/framework",)),
    Framework("actix-web", "api", "cargo", ("actix-web",)),
    Framework("axum", "api", "cargo", ("axum",)),
    Framework("Rocket", "api", "cargo", ("rocket",)),
    Framework("Gin", "api", "go", ("github.com/gin-gonic/gin",)),
    Framework("Phoenix", "api", "hex", ("phoenix",)),
    Framework("ASP.NET Core", "api", "nuget", ("microsoft.net.sdk.web",)),
    Framework("Play Framework", "api", "sbt", ("play", "play-server", "play-java",
                                               "play-akka-http-server")),
    Framework("Echo", "api", "go", ("github.com/labstack/echo*",)),
    # Feathers serves its services as REST resources through its Express or Koa transport
    # (anct-cnum/api-conseiller-numerique: ``app.configure(express.rest())``); its client
    # packages (@feathersjs/feathers, @feathersjs/rest-client) also run in front ends: not listed.
    Framework("Feathers", "api", "npm", ("@feathersjs/express", "@feathersjs/koa",
                                         "feathers-rest")),
    # A FHIR REST server (ansforge/annuaire-sante-fhir-serveur: ``RestfulServer`` with
    # ``@Search``/``@Read`` providers); HAPI serves its CapabilityStatement at ``/metadata``.
    Framework("HAPI FHIR server", "api", "maven", ("hapi-fhir-server", "hapi-fhir-jpaserver*")),
    # Mounted on the app's own server: it serves the app's description (a bare ``swagger-ui`` or
    # ``redoc`` package only displays descriptions, often other services': no evidence).
    Framework("Swagger UI", "api", "npm", ("swagger-ui-express", "redoc-express",
                                           "@fastify/swagger-ui", "koa2-swagger-ui")),
    # They serve or enforce a description committed beside them, and generate none: an API
    # framework's evidence, never a generator (datagouv/api-tabular: aiohttp-swagger serves
    # tabular_swagger.yaml; betagouv/api-engagement: express-openapi-validator validates).
    Framework("aiohttp-swagger", "api", "pypi", ("aiohttp-swagger",)),
    Framework("express-openapi-validator", "api", "npm", ("express-openapi-validator",)),
)

#: API packages that serve a description (or check requests against it) rather than build one.
SERVES_DESCRIPTION = frozenset({"Swagger UI", "aiohttp-swagger", "express-openapi-validator"})

#: FHIR servers: they serve the FHIR CapabilityStatement, a machine-readable description of the
#: API that is not OpenAPI, at ``/metadata`` while they run.
FHIR_SERVERS = frozenset({"HAPI FHIR server"})

#: Frameworks whose presence alone does not show a *public* API (they also serve web pages).
#: Falcon, like Django REST framework, serves APIs only. aiohttp itself is not listed: it is an
#: HTTP client as often as a server; only its server-side add-ons are.
#: Generators that build and serve the description while the application runs, by design. The
#: others are libraries or tools that build it from the code (a route calling zod-to-openapi,
#: doc comments, tests) at run time or at build time: betagouv/espace-membre-next's route is
#: ``force-static``, built once when the application is built. Messages say "at run time" only
#: for these.
SERVES_AT_RUN_TIME = frozenset({
    "FastAPI", "drf-spectacular", "drf-yasg", "Django Ninja", "flask-smorest", "Flasgger",
    "flask-redoc", "Flask-RESTX", "APIFlask", "Connexion", "Litestar", "SpecTree",
    "flask-openapi3",
    "Quart-Schema", "Sanic Extensions", "NestJS swagger module", "fastify-swagger",
    "express-openapi", "hapi-swagger", "Elysia swagger", "LoopBack", "Apipie", "OasRails",
    "grape-swagger", "springdoc-openapi", "SpringFox", "Swagger Core", "API Platform",
    "NelmioApiDocBundle", "Scramble", "Huma", "Fuego", "OpenApiSpex", "Swashbuckle", "NSwag",
    "ASP.NET Core OpenAPI", "feathers-swagger", "koa-swagger-decorator", "aiohttp-apispec",
    "sanic-openapi", "flask-pydantic-spec", "HAPI FHIR OpenAPI"})

WEB_ALSO = frozenset({"Express", "Fastify", "Koa", "hapi", "Rails", "Symfony", "Laravel",
                      "Spring Web", "Phoenix", "Play Framework", "ASP.NET Core", "Flask", "Quart",
                      "Starlette", "Sanic", "Tornado", "Pyramid", "Bottle",
                      "aiohttp web server", "Hono", "Sinatra", "Slim", "Ktor server",
                      "Micronaut HTTP server", "Javalin", "Chi", "Fiber", "gorilla/mux", "warp",
                      "poem"})


def ecosystem_of(path: str) -> str | None:
    """The ecosystem of a dependency manifest, or ``None`` when the path is not one."""
    lower = path.lower()
    if not lower.endswith(_ENDINGS):
        return None  # most paths: decided without splitting them
    base = lower.rsplit("/", 1)[-1]
    if base in MANIFESTS:
        return MANIFESTS[base]
    if base.endswith((".csproj", ".fsproj")):
        return "nuget"
    stem, dot, extension = base.rpartition(".")
    if not dot or extension not in ("txt", "in"):
        return None
    folder = lower.rsplit("/", 2)[-2] if "/" in lower else ""
    # requirements-dev.txt, requirements.in (pip-tools), requirements/base.txt, reqs/prod.in
    if stem.startswith("requirements") or folder in REQUIREMENT_DIRS:
        return "pypi"
    return None


def manifest_paths(paths: Iterable[str]) -> list[str]:
    """The package manifests worth reading, shallowest first, never vendored or test ones."""
    found = []
    for path in paths:
        if ecosystem_of(path) is not None and own_code(path, MAX_DEPTH):
            found.append(path)
    found.sort(key=lambda p: (p.count("/"), p))
    return found[:MAX_MANIFESTS]


_DEV_SECTIONS = ("devDependencies", "require-dev")
#: Manifests read through the safe YAML and TOML parsers (:mod:`scanner.packages`).
_STRUCTURED: dict[str, t.Callable[[str, str], set[str] | None]] = {
    "environment.yml": packages.environment_dependencies,
    "environment.yaml": packages.environment_dependencies,
    "gopkg.toml": packages.gopkg_dependencies}


def _comment_style(base: str) -> str | None:
    """How a manifest writes comments (``None``: JSON, none; YAML and Gopkg.toml go through
    parsers that drop them)."""
    if base in ("pom.xml",) or base.endswith((".csproj", ".fsproj")):
        return XML
    if base.startswith("build.gradle") or base in ("build.sbt", "go.mod"):
        return SLASH
    if base.endswith((".json", ".yml", ".yaml")):
        return None
    return HASH  # TOML, pip requirements, setup.py/cfg, Pipfile, Gemfile, mix.exs


def declared_packages(path: str, text: str, *, dev: bool = True) -> set[str]:
    """Lower-case dependency names a manifest declares (best effort, never raises).

    Comments declare nothing: a dependency commented out (``<!--<dependency>`` … ``-->`` in
    ansforge/esignsante-ws ``pom.xml:283-287``, ``# fastapi`` in requirements) is not read.

    The regexes run over untrusted text: none has two adjacent quantifiers over the same
    characters, and ``^`` is never followed by ``\\s*`` (which would cross lines quadratically).

    ``dev=False`` leaves out npm ``devDependencies`` and composer ``require-dev``: an Express
    dev server or a test tool says nothing about what the product exposes.
    """
    base = path.lower().rsplit("/", 1)[-1]
    if base in _STRUCTURED:
        return _STRUCTURED[base](path, text) or set()
    try:
        if base in ("package.json", "composer.json"):
            data = json.loads(text)
            if not isinstance(data, dict):
                return set()
            names: set[str] = set()
            for key in ("dependencies", "peerDependencies", "optionalDependencies", "require",
                        *(_DEV_SECTIONS if dev else ())):
                section = data.get(key)
                if isinstance(section, dict):
                    names.update(str(k).lower() for k in section)
            return names
    except (ValueError, RecursionError):
        return set()
    style = _comment_style(base)
    if base.endswith((".txt", ".in")):
        text = _without_transitive(text)  # reads pip-compile's "# via" comments first
    if style is not None:
        text = blank(text, style)
    if base in ("pom.xml",):
        return {m.lower() for m in re.findall(
            r"<artifactId>[ \t]*([\w.\-]+)[ \t]*</artifactId>", text)}
    if base.startswith("build.gradle"):
        return {m.group(2).lower() for m in re.finditer(
            r"""["']([\w.\-]+):([\w.\-]+)(?::[^"']*)?["']""", text)}
    if base == "gemfile":
        return {m.lower() for m in re.findall(
            r"""^[ \t]*gem[ \t]+["']([\w.\-]+)["']""", text, re.M)}
    if base.endswith((".csproj", ".fsproj")):  # <PackageReference Include="Swashbuckle.AspNetCore"
        names = {m.lower() for m in re.findall(
            r"""<PackageReference[ \t\r\n]+Include[ \t]*=[ \t]*["']([\w.\-]+)["']""", text)}
        return names | {m.lower() for m in re.findall(r"<Project[ \t]+Sdk=[\"']([\w.\-]+)[\"']", text)}
    if base == "mix.exs":  # {:open_api_spex, "~> 3.18"}
        return {m.lower() for m in re.findall(r"\{[ \t\r\n]*:([a-z0-9_]+)[ \t]*,", text)}
    if base == "build.sbt":  # "com.iheart" %% "play-swagger" % "1.0"
        return {m.lower() for m in re.findall(
            r"""["'][\w.\-]+["'][ \t]*%%?%?[ \t]*["']([\w.\-]+)["']""", text)}
    if base == "go.mod":
        return {m.lower() for m in re.findall(
            r"^[ \t]*(?:require[ \t]+)?([\w.\-]+/[\w.\-/]+)[ \t]+v", text, re.M)}
    if base == "cargo.toml":
        return {m.lower() for m in re.findall(r"^[ \t]*([A-Za-z0-9_\-]+)[ \t]*=", text, re.M)}
    # Python manifests: requirement-like tokens at line starts or inside quotes
    names = set(re.findall(r"""^[ \t]*([A-Za-z0-9][A-Za-z0-9._\-]*)[ \t]*(?:[\[<>=!~;]|$)""", text,
                           re.M))
    names.update(re.findall(r"""["']([A-Za-z0-9][A-Za-z0-9._\-]*)(?:\[[^\]"']*\])?"""
                            r"""(?:[ \t]*[<>=!~;][^"']*)?["']""", text))
    return {n.lower().replace("_", "-") for n in names}


# pip-compile's annotation of what pulled a pin in: "    # via django-datadog-logger" on the lines
# after it (or "  # via x" after the pin); "# via -r requirements/base.in" marks a direct one.
_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._\-]*)(?:\[[^\]]*\])?[ \t]*==[^#\n]*(#[ \t]*via\b.*)?$")
_VIA = re.compile(r"^[ \t]+#[ \t]*(?:via\b)?[ \t]*(.*)$")


def _without_transitive(text: str) -> str:
    """A compiled requirements file without the pins only other packages pulled in: their
    ``# via`` names packages, never ``-r`` a file of the project's own choices (gip-inclusion's
    ``djangorestframework  # via django-datadog-logger`` is no choice of an API framework)."""
    lines = text.splitlines()
    kept: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        pin = _PIN.match(line)
        if not pin:
            kept.append(line)
            index += 1
            continue
        sources = [pin.group(2)] if pin.group(2) else []
        index += 1
        # --generate-hashes: the pin goes on over "\"-continued "--hash=…" lines.
        while index < len(lines) and lines[index].strip().startswith("--hash"):
            index += 1
        while index < len(lines) and _VIA.match(lines[index]) and lines[index].strip().startswith("#"):
            sources.append(lines[index])
            index += 1
        said = " ".join(sources)
        # Direct: listed in the project's own requirements (a .in file, setup.*, pyproject);
        # "-r base.txt" in dev.txt only says the pin comes from base.txt, judged on its own.
        if not sources or re.search(r"\.in\b|setup\.(?:py|cfg)|pyproject", said):
            kept.append(line)
    return "\n".join(kept)


def _matches(pattern: str, names: set[str]) -> bool:
    if pattern.endswith("*"):
        return any(name.startswith(pattern[:-1]) for name in names)
    return pattern in names


def detect(path: str, text: str) -> list[dict[str, t.Any]]:
    """Frameworks one manifest declares, as ``{name, role, path, package}`` facts."""
    ecosystem = ecosystem_of(path) or "pypi"
    every = declared_packages(path, text)
    runtime = declared_packages(path, text, dev=False)
    found = []
    for framework in FRAMEWORKS:
        if framework.ecosystem != ecosystem:
            continue
        names = every if framework.role == "generates" else runtime
        for pattern in framework.packages:
            if _matches(pattern, names):
                package = pattern.rstrip("*")
                fact: dict[str, t.Any] = {"name": framework.name, "role": framework.role,
                                          "path": path, "package": package}
                if not _matches(pattern, runtime):
                    fact["dev"] = True  # a development dependency only (npm, composer)
                found.append(fact)
                break
    return found


#: Django apps that serve an API (or its description), as listed in ``INSTALLED_APPS``: the
#: package may come in as another's dependency (Wagtail brings Django REST framework).
DJANGO_APPS: dict[str, tuple[str, str]] = {
    "rest_framework": ("Django REST framework", "api"),
    "wagtail.api.v2": ("Wagtail API v2", "api"),
    "tastypie": ("Tastypie", "api"),
    "graphene_django": ("GraphQL server (graphene-django)", "api"),
    "drf_spectacular": ("drf-spectacular", "generates"),
    "drf_yasg": ("drf-yasg", "generates"),
}
_DJANGO_APP = re.compile(r"""["'](rest_framework|wagtail\.api\.v2|tastypie|graphene_django"""
                         r"""|drf_spectacular|drf_yasg)["']""")
#: Most Django settings modules read per repository.
MAX_SETTINGS = 6
_SETTINGS = re.compile(r"(?:^|/)(?:settings\.py|settings/[\w\-]+\.py)$")


def settings_paths(paths: Iterable[str]) -> list[str]:
    """Django settings modules worth reading, shallowest first, never vendored or test ones."""
    found = []
    for path in paths:
        if path.endswith(".py") and _SETTINGS.search(path) and own_code(path, MAX_DEPTH + 1):
            found.append(path)
    found.sort(key=lambda p: (p.count("/"), p))
    return found[:MAX_SETTINGS]


def detect_settings(path: str, text: str) -> list[dict[str, str]]:
    """API apps a Django settings module installs, as framework facts (``package``: the app)."""
    seen: dict[str, dict[str, str]] = {}
    for match in _DJANGO_APP.finditer(text[:512 * 1024]):
        app = match.group(1)
        name, role = DJANGO_APPS[app]
        seen.setdefault(app, {"name": name, "role": role, "path": path, "package": app})
    return list(seen.values())
