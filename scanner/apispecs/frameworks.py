"""Frameworks seen in package manifests that serve an HTTP API or generate its description.

A FastAPI service publishes ``/openapi.json`` without committing it; drf-spectacular, springdoc,
NestJS's swagger module, rswag, API Platform or NelmioApiDocBundle do the same for their
ecosystems. Recording them keeps a service with a *generated* description from being treated
like one with none, and API frameworks are evidence that the repository exposes an API at all.
Manifests are matched by package name only, never executed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass

from scanner.apispecs.discovery import EXCLUDED_DIRS, TEST_DIRS

#: Manifest basenames read, by ecosystem.
MANIFESTS = {
    "package.json": "npm", "requirements.txt": "pypi", "pyproject.toml": "pypi",
    "pipfile": "pypi", "setup.py": "pypi", "setup.cfg": "pypi", "composer.json": "composer",
    "pom.xml": "maven", "build.gradle": "maven", "build.gradle.kts": "maven",
    "gemfile": "gem", "cargo.toml": "cargo", "go.mod": "go",
}
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
    Framework("Flask-RESTX", "generates", "pypi", ("flask-restx", "flask-restplus")),
    Framework("APIFlask", "generates", "pypi", ("apiflask",)),
    Framework("Connexion", "generates", "pypi", ("connexion",)),
    Framework("Litestar", "generates", "pypi", ("litestar",)),
    Framework("NestJS swagger module", "generates", "npm", ("@nestjs/swagger",)),
    Framework("fastify-swagger", "generates", "npm", ("@fastify/swagger", "fastify-swagger")),
    Framework("swagger-jsdoc", "generates", "npm", ("swagger-jsdoc",)),
    Framework("tsoa", "generates", "npm", ("tsoa",)),
    Framework("express-openapi", "generates", "npm", ("express-openapi",
                                                      "express-openapi-validator")),
    Framework("hapi-swagger", "generates", "npm", ("hapi-swagger",)),
    Framework("rswag", "generates", "gem", ("rswag", "rswag-api", "rswag-specs", "rswag-ui")),
    Framework("grape-swagger", "generates", "gem", ("grape-swagger",)),
    Framework("Apipie", "generates", "gem", ("apipie-rails",)),
    Framework("springdoc-openapi", "generates", "maven", ("springdoc-openapi*",)),
    Framework("SpringFox", "generates", "maven", ("springfox*",)),
    Framework("Swagger Core", "generates", "maven", ("swagger-jaxrs2*", "swagger-core*")),
    Framework("SmallRye OpenAPI", "generates", "maven", ("quarkus-smallrye-openapi",
                                                         "smallrye-open-api*")),
    Framework("Micronaut OpenAPI", "generates", "maven", ("micronaut-openapi",)),
    Framework("API Platform", "generates", "composer", ("api-platform/core",
                                                        "api-platform/symfony")),
    Framework("NelmioApiDocBundle", "generates", "composer", ("nelmio/api-doc-bundle",)),
    Framework("swagger-php", "generates", "composer", ("zircote/swagger-php",)),
    Framework("L5-Swagger", "generates", "composer", ("darkaonline/l5-swagger",)),
    Framework("utoipa", "generates", "cargo", ("utoipa",)),
    Framework("paperclip", "generates", "cargo", ("paperclip",)),
    Framework("okapi", "generates", "cargo", ("rocket_okapi", "okapi")),
    Framework("aide", "generates", "cargo", ("aide",)),
    Framework("swag", "generates", "go", ("github.com/swaggo/swag",)),
    Framework("Huma", "generates", "go", ("github.com/danielgtaylor/huma*",)),
    Framework("openapi (Rust crates)", "generates", "cargo", ("openapi", "openapi-schema")),
    Framework("modjo microservice-oapi", "generates", "npm", ("@modjo/microservice-oapi",)),
    # API frameworks (evidence that an HTTP API is exposed)
    Framework("Django REST framework", "api", "pypi", ("djangorestframework",)),
    Framework("Flask-RESTful", "api", "pypi", ("flask-restful",)),
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
    Framework("Echo", "api", "go", ("github.com/labstack/echo*",)),
    Framework("Swagger UI", "api", "npm", ("swagger-ui", "swagger-ui-express", "swagger-ui-dist",
                                           "redoc", "redoc-express")),
)

#: Frameworks whose presence alone does not show a *public* API (they also serve web pages).
WEB_ALSO = frozenset({"Express", "Fastify", "Koa", "hapi", "Rails", "Symfony", "Laravel",
                      "Spring Web"})


def manifest_paths(paths: Iterable[str]) -> list[str]:
    """The package manifests worth reading, shallowest first, never vendored or test ones."""
    found = []
    for path in paths:
        lower = path.lower()
        base = lower.rsplit("/", 1)[-1]
        ecosystem = MANIFESTS.get(base)
        if ecosystem is None and not (base.startswith("requirements") and base.endswith(".txt")):
            continue
        dirs = lower.split("/")[:-1]
        if len(dirs) > MAX_DEPTH or set(dirs) & (EXCLUDED_DIRS | TEST_DIRS):
            continue
        found.append(path)
    found.sort(key=lambda p: (p.count("/"), p))
    return found[:MAX_MANIFESTS]


def ecosystem_of(path: str) -> str:
    base = path.lower().rsplit("/", 1)[-1]
    return MANIFESTS.get(base, "pypi")


_DEV_SECTIONS = ("devDependencies", "require-dev")


def declared_packages(path: str, text: str, *, dev: bool = True) -> set[str]:
    """Lower-case dependency names a manifest declares (best effort, never raises).

    The regexes run over untrusted text: none has two adjacent quantifiers over the same
    characters, and ``^`` is never followed by ``\\s*`` (which would cross lines quadratically).

    ``dev=False`` leaves out npm ``devDependencies`` and composer ``require-dev``: an Express
    dev server or a test tool says nothing about what the product exposes.
    """
    base = path.lower().rsplit("/", 1)[-1]
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
    if base in ("pom.xml",):
        return {m.lower() for m in re.findall(
            r"<artifactId>[ \t]*([\w.\-]+)[ \t]*</artifactId>", text)}
    if base.startswith("build.gradle"):
        return {m.group(2).lower() for m in re.finditer(
            r"""["']([\w.\-]+):([\w.\-]+)(?::[^"']*)?["']""", text)}
    if base == "gemfile":
        return {m.lower() for m in re.findall(
            r"""^[ \t]*gem[ \t]+["']([\w.\-]+)["']""", text, re.M)}
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


def _matches(pattern: str, names: set[str]) -> bool:
    if pattern.endswith("*"):
        return any(name.startswith(pattern[:-1]) for name in names)
    return pattern in names


def detect(path: str, text: str) -> list[dict[str, str]]:
    """Frameworks one manifest declares, as ``{name, role, path, package}`` facts."""
    ecosystem = ecosystem_of(path)
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
                found.append({"name": framework.name, "role": framework.role, "path": path,
                              "package": package})
                break
    return found
