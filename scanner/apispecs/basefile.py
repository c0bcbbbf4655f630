"""Committed descriptions that are a generator's base: the code fills in their paths at run time.

dnum-mi/cartographie-donnees commits ``backend/app/openapi.yml`` with ``info``, ``tags`` and
``components`` but an empty ``paths:``; flask-redoc (``Redoc(app, 'openapi.yml')``,
backend/app/__init__.py:37) loads it and adds the OpenAPI docstrings of the application's 74
routes before serving it. Flasgger (``Swagger(app, template_file=...)``) and swagger-jsdoc (a
base ``definition`` completed by the routes' JSDoc comments) work the same way. Such a file is
not the published description but its base: its missing or empty ``paths`` is no error (every
other error still is), and the generator is said to build the description from it.

A description is taken for a base when ``paths`` is absent or empty and a generator of that
kind is listed by the manifest of a package holding the file (the manifest's folder or above).
Its other errors stay: the generator serves them as committed (cartographie-donnees' query
parameters of ``style: matrix`` are invalid in the served description too).
"""

from __future__ import annotations

import posixpath
import typing as t
from collections.abc import Iterable, Mapping

#: Generators that complete a committed base description with what the code declares.
FILLS_BASE = frozenset({"flask-redoc", "Flasgger", "swagger-jsdoc"})


def _paths_error(error: Mapping[str, t.Any]) -> bool:
    """An error saying only that ``paths`` is absent or not an object (empty)."""
    pointer, message = error.get("pointer") or "", str(error.get("message") or "")
    return pointer == "/paths" or (pointer == "" and '"paths" is a required property' in message)


def _holds(manifest: str, spec: str) -> bool:
    folder = posixpath.dirname(manifest)
    return not folder or spec.startswith(folder + "/")


def mark(specs: Iterable[dict[str, t.Any]], found: Iterable[dict[str, t.Any]]) -> None:
    """Mark each description of ``specs`` that a listed base-filling generator of ``found``
    (framework facts) completes: ``base`` on the description, its ``paths`` errors dropped
    (valid when no other error is left), ``bases`` on the generator's fact."""
    fillers = [f for f in found if f.get("name") in FILLS_BASE and f.get("role") == "generates"]
    if not fillers:
        return
    for spec in specs:
        errors = spec.get("errors") or []
        dropped = [e for e in errors if _paths_error(e)]
        if "base" in spec or spec.get("valid") is not False or not dropped:
            continue
        filler = next((f for f in fillers if _holds(str(f.get("path") or ""), spec["path"])),
                      None)
        if filler is None:
            continue
        spec["base"] = {"generator": filler["name"], "manifest": filler.get("path")}
        spec["errors"] = [e for e in errors if not _paths_error(e)]
        spec["error_count"] = max(len(spec["errors"]),
                                  int(spec.get("error_count") or 0) - len(dropped))
        if not spec["errors"] and spec["error_count"] == 0:
            spec["valid"] = True
        bases = filler.setdefault("bases", [])
        if spec["path"] not in bases:
            bases.append(spec["path"])
