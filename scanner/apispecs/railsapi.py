"""Rails in API-only mode: an API framework, not a web framework that also serves pages.

``rails new --api`` writes ``config.api_only = true`` in ``config/application.rb`` and makes
``ApplicationController`` inherit ``ActionController::API`` (no views, cookies nor sessions):
such an application serves only an API (etalab/watchdoge_apientreprise). An
``ApplicationController`` inheriting ``ActionController::Base`` serves pages whatever the
configuration says (betagouv/eva-serveur sets ``api_only`` and adds cookies, sessions and
ActiveAdmin back). The two files of each Rails application are read (bounded, declared in the
collector's ``wanted``), never executed.
"""

from __future__ import annotations

import posixpath
import re
import typing as t
from collections.abc import Iterable, Mapping, MutableSequence

from scanner.apispecs.discovery import EXCLUDED_DIRS, TEST_DIRS

#: The files that say a Rails application is API-only, relative to the application's folder.
_FILES = ("config/application.rb", "app/controllers/application_controller.rb")
#: Most such files read per repository; deepest application folder looked at.
MAX_FILES = 6
MAX_DEPTH = 3
MAX_CHARS = 256 * 1024
# Uncommented lines only: "# config.api_only = true" says nothing.
_API_ONLY = re.compile(r"^[ \t]*config\.api_only[ \t]*=[ \t]*true\b", re.MULTILINE)
_CONTROLLER = re.compile(r"^[ \t]*class[ \t]+ApplicationController[ \t]*<[ \t]*"
                         r"(?:::)?ActionController::(API|Base)\b", re.MULTILINE)


def _root(path: str) -> str | None:
    """The application folder of one of :data:`_FILES` (``""`` at the root), else ``None``."""
    for name in _FILES:
        if path == name or path.endswith("/" + name):
            return path[: -len(name)].rstrip("/")
    return None


def config_paths(paths: Iterable[str]) -> list[str]:
    """The Rails files read, shallowest first, never vendored or test ones."""
    found = []
    for path in paths:
        if not path.endswith(".rb") or _root(path) is None:
            continue
        dirs = path.lower().split("/")[:-1]
        if (len(dirs) <= MAX_DEPTH + 2 and not set(dirs) & (EXCLUDED_DIRS | TEST_DIRS)):
            found.append(path)
    found.sort(key=lambda p: (p.count("/"), p))
    return found[:MAX_FILES]


def api_only(path: str, text: str) -> dict[str, t.Any] | None:
    """``{path, line, code, api}`` where the file says whether its application is API-only
    (``api``: true) or serves pages (false: ``< ActionController::Base``), else ``None``."""
    pattern = _API_ONLY if path.endswith("config/application.rb") else _CONTROLLER
    match = pattern.search(text[:MAX_CHARS])
    if match is None:
        return None
    return {"path": path, "line": text.count("\n", 0, match.start()) + 1,
            "code": match.group(0).strip(), "api": pattern is _API_ONLY or match.group(1) == "API"}


def annotate(frameworks: MutableSequence[dict[str, t.Any]],
             marks: Iterable[Mapping[str, t.Any]]) -> None:
    """Mark each Rails fact whose application is API-only (``api_only``: the first sign), unless
    its ``ApplicationController`` serves pages; a sign with no Rails fact in its folder's Gemfile
    (unread, too deep) adds one."""
    by_root: dict[str, dict[str, t.Any]] = {}
    pages: set[str] = set()
    for mark in marks:
        root = _root(mark["path"])
        if root is not None and mark["api"]:
            by_root.setdefault(root, {k: v for k, v in mark.items() if k != "api"})
        elif root is not None:
            pages.add(root)
    for root, mark in by_root.items():
        if root in pages:
            continue
        rails = [f for f in frameworks
                 if f["name"] == "Rails" and posixpath.dirname(f["path"]) == root]
        if not rails:
            rails = [{"name": "Rails", "role": "api", "path": mark["path"], "package": "rails"}]
            frameworks.append(rails[0])
        for fact in rails:
            fact["api_only"] = dict(mark)
