"""Shared-schema files: descriptions that serve nothing and hold schemas for others.

sigrennesmetropole/geor_photos_obliques_backend splits its API in two:
``photos-obliques-api.json`` declares the servers and operations and ``$ref``\\s
``photos-obliques-model.json#/components/schemas/...`` twenty times; the model file has
``"paths": {}`` and only ``components.schemas``. Such a file is a part of the referring
description, not an API of its own: the served-API checks (servers, operations) are the referring
description's. Its ``info`` is still read (a reuser reads it too).
"""

from __future__ import annotations

import typing as t
from collections.abc import Sequence


def mark(specs: Sequence[dict[str, t.Any]]) -> None:
    """Set ``shared_schema`` (``referenced_by``, ``summary``) on each description without
    operations that another description of ``specs`` refers to."""
    referrers: dict[str, list[str]] = {}
    for spec in specs:
        for target in (spec.get("refs") or {}).get("files") or []:
            if target != spec["path"]:
                referrers.setdefault(target, []).append(spec["path"])
    for spec in specs:
        by = referrers.get(spec["path"])
        if not by or spec.get("operations") != 0 or "lint" not in spec:
            continue
        names = ", ".join(by[:3]) + (", …" if len(by) > 3 else "")
        spec["shared_schema"] = {
            "referenced_by": by[:10],
            "summary": f"{spec['path']}: no operation, schemas referred to by {names}",
            "summary_fr": f"{spec['path']} : aucune opération, schémas référencés par {names}"}
