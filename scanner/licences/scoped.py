"""Licence notices that give a licence to named folders ("The following directories are licensed
under MIT: ./front/"): when none of those folders is in the repository any more, that licence
covers nothing here and is not one of the repository's licences
(proconnect-gouv/federation LICENSE.md: MIT for ./front/, a folder deleted since).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Collection

from scanner.licences.notices import mentions, resolve

_HEADING = re.compile(r"^#{1,6}\s", re.MULTILINE)
_LINK_TARGET = re.compile(r"\]\([^)\n]{0,500}\)")
_URL = re.compile(r"[a-z][a-z0-9+.-]*://\S+", re.IGNORECASE)
#: A folder as notices list them: ``./front/``, ``front/``, ``packages/ui/`` (a trailing slash, or
#: a leading ``./``), alone or in a code block or list.
_FOLDER = re.compile(r"(?:(?<=[\s`'\"(])|^)(\./[\w.@+-]+(?:/[\w.@+-]+)*/?|[\w.@+-]+(?:/[\w.@+-]+)*/)"
                     r"(?=[\s`'\",;)]|$)", re.MULTILINE)
MAX_SECTIONS = 50


def _sections(text: str) -> list[str]:
    starts = [m.start() for m in _HEADING.finditer(text)]
    if not starts:
        return [text]
    bounds = [0, *starts, len(text)]
    return [text[a:b] for a, b in itertools.pairwise(bounds) if text[a:b].strip()]


def _present(folder: str, listing: Collection[str], prefixes: set[str]) -> bool:
    name = folder.removeprefix("./").strip("/")
    if not name or "*" in name or name in (".", ".."):
        return True  # the whole repository, or a pattern civiscan does not expand
    return name in listing or name in prefixes


def absent_scopes(text: str, listing: Collection[str]) -> list[dict[str, object]]:
    """Licences a notice gives only to folders absent from ``listing``: ``[{spdx, paths}]``."""
    prefixes = {p.rsplit("/", i)[0] for p in listing for i in range(1, p.count("/") + 1)}
    kept: set[str] = set()
    absent: dict[str, list[str]] = {}
    for section in _sections(text[:100_000])[:MAX_SECTIONS]:
        body = _URL.sub(" ", _LINK_TARGET.sub("]", section))
        named = {resolve(m)[0] for m in mentions(section)}
        if not named:
            continue
        folders = list(dict.fromkeys(_FOLDER.findall(body)))
        if folders and not any(_present(f, listing, prefixes) for f in folders):
            for spdx_id in named:
                absent.setdefault(spdx_id, []).extend(folders)
        else:
            kept |= named
    return [{"spdx": spdx_id, "paths": folders} for spdx_id, folders in absent.items()
            if spdx_id not in kept]
