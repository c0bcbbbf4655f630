"""Is a description generator switched off in production by the project's configuration?

A generator listed in a manifest and set up may still serve nothing in production, because the
configuration enables it only for development:

- Symfony registers a bundle per environment in ``config/bundles.php``: IGNF/cartes.gouv.fr has
  ``NelmioApiDocBundle::class => ['dev' => true, 'test' => true]``, and its routes and settings
  only under ``when@dev:`` (``config/routes/nelmio_api_doc.yaml``).
- Spring Boot reads ``application.properties`` (or ``.yml``) and, per profile,
  ``application-<profile>.properties``: MTES-MCT/rapportnav2 sets
  ``springdoc.api-docs.enabled=false`` in the default file and no profile turns it back on.
- A Django URL module mounts drf-spectacular under ``if settings.USE_SWAGGER or settings.DEBUG:``
  and the settings set that flag to a constant ``False`` for production: suitenumerique/docs's
  django-configurations ``Base`` class has ``USE_SWAGGER = False``, only ``Development`` and
  ``Test`` set it ``True``, and ``Production`` inherits ``False``. A flag read from the
  environment (suitenumerique/people: ``values.BooleanValue(default=False,
  environ_name="USE_SWAGGER")``) may hold in production: it stays a condition.

Everything is read as text, never executed, bounded (a URL module's condition is parsed with
:mod:`ast`; settings modules by lines, as they may use syntax newer than civiscan's Python). When a value
comes from the environment (``${SPRINGDOC_ENABLED:false}``) or a profile civiscan cannot place
turns the generator on, the verdict is ``conditional`` with the condition named; when nothing
decides, nothing is claimed.
"""

from __future__ import annotations

import ast
import posixpath
import re
import typing as t
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from scanner.apispecs.comments import line_at
from scanner.apispecs.discovery import EXCLUDED_DIRS, TEST_DIRS

#: Characters of each configuration file searched.
MAX_CHARS = 256 * 1024
#: Most Spring configuration files read per repository (shallowest first).
MAX_SPRING_FILES = 16
#: Most Symfony route files read per repository.
MAX_ROUTE_FILES = 16

_SKIPPED = EXCLUDED_DIRS | TEST_DIRS

# Symfony: the bundle class a generator registers, and what its routes/config mention.
_SYMFONY: dict[str, tuple[re.Pattern[str], re.Pattern[str]]] = {
    "NelmioApiDocBundle": (re.compile(r"Nelmio\\ApiDocBundle\\NelmioApiDocBundle\b"),
                           re.compile(r"nelmio_api_doc")),
    "API Platform": (re.compile(r"ApiPlatform\\(?:Symfony\\Bundle|Core\\Bridge\\Symfony\\Bundle)"
                                r"\\ApiPlatformBundle\b"),
                     re.compile(r"api_platform")),
}
_BUNDLES = re.compile(r"(?:^|/)config/bundles\.php$")
_ROUTE_FILE = re.compile(r"(?:^|/)config/(?:routes|routes/[\w.-]+)\.ya?ml$")
# ``Class::class => ['dev' => true, 'test' => true],`` (one entry, on one line).
_BUNDLE_ENVS = re.compile(r"=>[ \t]*\[([^\]\n]{0,300})\]")
_ENV_FLAG = re.compile(r"""["'](\w+)["'][ \t]*=>[ \t]*(true|false)""", re.IGNORECASE)
#: Symfony environments that are not production.
_DEV_ENVS = frozenset({"dev", "test"})
_WHEN = re.compile(r"^when@(\w+)[ \t]*:")

# Spring: the property that switches each generator's description endpoint on or off.
_SPRING_KEYS = {"springdoc-openapi": "springdoc.api-docs.enabled",
                "SpringFox": "springfox.documentation.enabled"}
_SPRING_FILE = re.compile(r"(?:^|/)application(?:-([\w.]+))?\.(?:properties|ya?ml)$")
#: Profiles that are not production (a default ``false`` stays off in production).
_NON_PROD = re.compile(r"^(?:dev|develop|development|local|localhost|test|tests|testing|ci|it"
                       r"|int|integration|e2e|h2|mock|docker-dev)$", re.IGNORECASE)
_PROD = re.compile(r"^(?:prod|production|prd|live)$", re.IGNORECASE)
_PLACEHOLDER = re.compile(r"^\$\{[^}]{1,200}\}$")


def config_paths(paths: Iterable[str]) -> list[str]:
    """The configuration files read (for the collector's ``wanted``): Symfony's
    ``config/bundles.php`` and route files, Spring's ``application*`` files."""
    symfony: list[str] = []
    spring: list[str] = []
    for path in paths:
        if set(path.lower().split("/")[:-1]) & _SKIPPED:
            continue
        if _BUNDLES.search(path) or _ROUTE_FILE.search(path):
            symfony.append(path)
        elif _SPRING_FILE.search(path):
            spring.append(path)
    symfony.sort(key=lambda p: (p.count("/"), p))
    spring.sort(key=lambda p: (p.count("/"), p))
    return symfony[:MAX_ROUTE_FILES + 2] + spring[:MAX_SPRING_FILES]


def _under(path: str, folder: str) -> bool:
    return not folder or path.startswith(folder + "/")


def _debug(detail: str, detail_fr: str, files: list[str], path: str,
           line: int) -> dict[str, t.Any]:
    """A ``debug`` verdict decided at ``path``:``line`` (messages name where)."""
    return {"reason": "debug", "files": files, "path": path, "line": line,
            "detail": f"{detail}: no description in production",
            "detail_fr": f"{detail_fr} : aucune description en production"}


def _symfony(name: str, paths: list[str], read: t.Callable[[str], str | None],
             folder: str) -> dict[str, t.Any] | None:
    bundle, marker = _SYMFONY[name]
    for path in config_paths(paths):
        if not _BUNDLES.search(path) or not _under(path, folder):
            continue
        text = read(path)
        if text is None:
            return None
        match = bundle.search(text[:MAX_CHARS])
        if match is None:
            continue
        end = text.find("\n", match.end())
        envs_match = _BUNDLE_ENVS.search(text, match.end(), len(text) if end < 0 else end)
        if envs_match is None:
            return None
        envs = {env.lower(): value.lower() == "true"
                for env, value in _ENV_FLAG.findall(envs_match.group(1))}
        on = {env for env, value in envs.items() if value}
        if on and not on - _DEV_ENVS:
            line = line_at(text, match.start())
            shown = ", ".join(sorted(on))
            return _debug(f"enabled only for the Symfony environments {shown} ({path}:{line})",
                          f"activé seulement pour les environnements Symfony {shown} "
                          f"({path}:{line})", [path], path, line)
        if on - _DEV_ENVS:
            break  # enabled for production (or every environment): look at its routes
    return _symfony_routes(marker, paths, read, folder)


def _symfony_routes(marker: re.Pattern[str], paths: list[str],
                    read: t.Callable[[str], str | None], folder: str) -> dict[str, t.Any] | None:
    """Dev only when every route file mentioning the generator mentions it only under
    ``when@dev:`` / ``when@test:`` (at least one such file)."""
    found: list[tuple[str, int]] = []
    for path in config_paths(paths):
        if not _ROUTE_FILE.search(path) or not _under(path, folder):
            continue
        text = read(path)
        if text is None:
            return None
        section: str | None = None
        for number, line in enumerate(text[:MAX_CHARS].splitlines(), 1):
            if line and not line[0].isspace() and not line.startswith("#"):
                when = _WHEN.match(line)
                section = when.group(1).lower() if when else None
            if marker.search(line.split("#", 1)[0]):
                if section not in _DEV_ENVS:
                    return None
                if not any(p == path for p, _ in found):
                    found.append((path, number))
    if not found:
        return None
    first, number = found[0]
    return _debug(f"its routes are declared only under when@dev/when@test ({first}:{number})",
                  f"ses routes ne sont déclarées que sous when@dev/when@test ({first}:{number})",
                  [p for p, _ in found], first, number)


def _spring_values(text: str, key: str, yaml: bool) -> list[tuple[str | None, int, str]]:
    """``(profile or None, line, value)`` of each setting of ``key``; YAML nested keys are
    joined by indentation, ``---`` documents carry their ``on-profile``."""
    found: list[tuple[str | None, int, str]] = []
    profile: str | None = None
    stack: list[tuple[int, str]] = []
    for number, raw in enumerate(text[:MAX_CHARS].splitlines(), 1):
        line = raw.split(" #", 1)[0].rstrip()
        stripped = line.strip()
        if stripped in ("---", "#---"):
            profile, stack = None, []
            continue
        if not stripped or stripped.startswith(("#", "!")):
            continue
        if yaml:
            indent = len(line) - len(line.lstrip(" "))
            name, sep, value = stripped.partition(":")
            if not sep or name.startswith("-"):
                continue
            while stack and stack[-1][0] >= indent:
                stack.pop()
            dotted = ".".join([part for _, part in stack] + [name.strip().strip("\"'")])
            value = value.strip().strip("\"'")
            if not value:
                stack.append((indent, name.strip().strip("\"'")))
                continue
        else:
            name, sep, value = stripped.partition("=")
            if not sep:
                name, sep, value = stripped.partition(":")
            dotted, value = name.strip(), value.strip()
        if dotted in ("spring.config.activate.on-profile", "spring.profiles"):
            profile = value.split(",")[0].strip() or None
        elif dotted.lower() == key:
            found.append((profile, number, value))
    return found


def _spring(name: str, paths: list[str], read: t.Callable[[str], str | None],
            folder: str) -> dict[str, t.Any] | None:
    key = _SPRING_KEYS[name]
    defaults: list[tuple[str, int, str]] = []
    profiles: list[tuple[str, str, int, str]] = []
    for path in config_paths(paths):
        match = _SPRING_FILE.search(path)
        if match is None:
            continue
        text = read(path)
        if text is None:
            return None
        yaml = not path.endswith(".properties")
        for profile, line, value in _spring_values(text, key, yaml):
            profile = profile or match.group(1)
            if profile is None:
                if _under(path, folder):
                    defaults.append((path, line, value))
            else:
                profiles.append((profile, path, line, value))
    production = [p for p in profiles if _PROD.match(p[0])]
    if production:
        profile, path, line, value = production[0]
        return _spring_verdict(key, path, line, value, f"in the {profile} profile",
                               f"dans le profil {profile}", paths=[path])
    if not defaults:
        return None
    path, line, value = defaults[0]
    verdict = _spring_verdict(key, path, line, value, "by default", "par défaut", paths=[path])
    if verdict is None or verdict["reason"] != "debug":
        return verdict
    # Off by default: a profile civiscan cannot place that turns it on may be production's.
    other = next((p for p in profiles if not _NON_PROD.match(p[0])
                  and p[3].lower() != "false"), None)
    if other is not None:
        profile, where, number, value = other
        return {"reason": "conditional", "files": [path, where], "path": where, "line": number,
                "condition": f"profile {profile}",
                "detail": f"only when the Spring profile {profile} is active ({where}:{number} "
                          f"`{key}={value}`; off by default, {path}:{line})",
                "detail_fr": f"seulement quand le profil Spring {profile} est actif "
                             f"({where}:{number} `{key}={value}` ; désactivé par défaut, "
                             f"{path}:{line})"}
    return verdict


def _spring_verdict(key: str, path: str, line: int, value: str, where: str, where_fr: str,
                    paths: list[str]) -> dict[str, t.Any] | None:
    if value.lower() == "false":
        return _debug(f"switched off {where} (`{key}=false`, {path}:{line})",
                      f"désactivé {where_fr} (`{key}=false`, {path}:{line})", paths, path, line)
    if _PLACEHOLDER.match(value):
        return {"reason": "conditional", "files": paths, "path": path, "line": line,
                "condition": f"{key}={value}",
                "detail": f"only when `{key}={value}` resolves to true ({path}:{line})",
                "detail_fr": f"seulement quand `{key}={value}` vaut true ({path}:{line})"}
    return None


def status(name: str, paths: Iterable[str], read: t.Callable[[str], str | None],
           folder: str = "") -> dict[str, t.Any] | None:
    """A ``not_set_up`` verdict (``reason`` ``debug``) when the configuration switches
    generator ``name`` off in production, a ``condition`` (``reason`` ``conditional``) when it
    is on only under a condition civiscan cannot decide, else ``None``."""
    listed = list(paths)
    if name in _SYMFONY:
        return _symfony(name, listed, read, folder)
    if name in _SPRING_KEYS:
        return _spring(name, listed, read, folder)
    return None


CHECKED = frozenset(_SYMFONY) | frozenset(_SPRING_KEYS)


# --- Django settings flags -------------------------------------------------------------------

_DEV_SETTINGS = re.compile(r"(?:^|[/_])(?:dev|development|local|test|tests|testing|ci)"
                           r"(?:[_.]|\.py$)", re.IGNORECASE)
_PROD_CLASS = re.compile(r"prod", re.IGNORECASE)


_CLASS = re.compile(r"^class[ \t]+(\w+)[ \t]*(?:\(([^)]{0,500})\))?[ \t]*:", re.MULTILINE)
_TOP = re.compile(r"^[^\s#]", re.MULTILINE)


def _assigned(body: str, indent: str, flag: str, offset: int) -> tuple[int, str] | None:
    """The offset and value (comment stripped) of the last assignment of ``flag`` at
    ``indent`` in ``body`` (which starts at ``offset`` of its file)."""
    pattern = re.compile(rf"^{re.escape(indent)}{re.escape(flag)}[ \t]*(?::[^=\n]*)?=(?!=)"
                         r"[ \t]*([^\n]*)$", re.MULTILINE)
    found = None
    for match in pattern.finditer(body):
        found = (offset + match.start(), match.group(1).split("#", 1)[0].strip())
    return found


@dataclass(frozen=True)
class _Class:
    bases: tuple[str, ...]
    value: tuple[int, str] | None  # the flag's own assignment: offset, value


def _classes(text: str, flag: str) -> dict[str, _Class]:
    """The module's top-level classes, their bases and their own assignment of ``flag``. Read
    as text (settings may use syntax newer than the Python running civiscan)."""
    found: dict[str, _Class] = {}
    for match in _CLASS.finditer(text):
        nxt = _TOP.search(text, match.end())
        end = nxt.start() if nxt else len(text)
        body = text[match.end():end]
        first = re.search(r"^([ \t]+)[^\s#]", body, re.MULTILINE)
        bases = tuple(base.strip().rpartition(".")[2] for base in (match.group(2) or "").split(",")
                      if base.strip() and "=" not in base)
        value = _assigned(body, first.group(1), flag, match.end()) if first else None
        found[match.group(1)] = _Class(bases, value)
    return found


def _class_value(classes: Mapping[str, _Class], name: str,
                 seen: frozenset[str] = frozenset()) -> tuple[str, tuple[int, str]] | None:
    """The class and assignment the flag resolves to in class ``name`` (its bases in order)."""
    cls = classes.get(name)
    if cls is None or name in seen:
        return None
    if cls.value is not None:
        return name, cls.value
    for base in cls.bases:
        found = _class_value(classes, base, seen | {name})
        if found is not None:
            return found
    return None


def flag_false_in_production(flag: str, settings: Mapping[str, str]) -> tuple[str, str] | None:
    """Why ``flag`` is a constant ``False`` in production (English, French), or ``None``.

    Class-based settings (django-configurations): every class named for production resolves
    the flag, through its bases, to ``False``. Module settings: every assignment outside
    development and test modules is ``False``. A value read from the environment, or no
    production class, decides nothing."""
    module_false: list[tuple[str, int]] = []
    for path, whole in settings.items():
        text = whole[:MAX_CHARS]
        classes = _classes(text, flag)
        if any(cls.value is not None for cls in classes.values()):
            production = [name for name in classes if _PROD_CLASS.search(name)]
            resolved = [_class_value(classes, name) for name in production]
            if not resolved or any(r is None or r[1][1] != "False" for r in resolved):
                return None
            owner, (offset, _value) = t.cast(tuple[str, tuple[int, str]], resolved[0])
            line = line_at(text, offset)
            shown = ", ".join(production[:3]) + (" ..." if len(production) > 3 else "")
            return (f"{flag} is False in production ({path}:{line}, class {owner}, "
                    f"inherited by {shown})",
                    f"{flag} vaut False en production ({path}:{line}, classe {owner}, "
                    f"héritée par {shown})")
        module = _assigned(text, "", flag, 0)
        if module is not None and not _DEV_SETTINGS.search(posixpath.basename(path)):
            if module[1] != "False":
                return None
            module_false.append((path, line_at(text, module[0])))
    if not module_false:
        return None
    path, line = module_false[0]
    return (f"{flag} is set to False outside development settings ({path}:{line})",
            f"{flag} vaut False hors des réglages de développement ({path}:{line})")


def _flag_name(node: ast.AST) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) \
            and node.value.id == "settings":
        return node.attr
    return None


def django_dev_only(condition: str, settings: Mapping[str, str]) -> tuple[str, str] | None:
    """Why a URL module's condition (``settings.USE_SWAGGER or settings.DEBUG``) holds only in
    development, given the settings modules' text: each alternative is ``DEBUG`` or a flag that
    is a constant ``False`` in production. ``None`` when it may hold in production or civiscan
    cannot tell."""
    try:
        tree = ast.parse(condition.strip(), mode="eval").body
    except (SyntaxError, ValueError):
        return None
    terms = tree.values if isinstance(tree, ast.BoolOp) and isinstance(tree.op, ast.Or) \
        else [tree]
    why: list[tuple[str, str]] = []
    for term in terms:
        flag = _flag_name(term)
        if flag is None:
            return None
        if flag == "DEBUG":
            continue
        found = flag_false_in_production(flag, settings)
        if found is None:
            return None
        why.append(found)
    if not why:
        return None
    return "; ".join(w[0] for w in why), " ; ".join(w[1] for w in why)
