"""Which paths hold the project's licence files, its components' and third-party code's.

Licence files are named in any letter case and with any extension (``LICENSE.html``,
``Licence.md``, ``COPYING.LESSER``, ``LICENSE-MIT``, a REUSE ``LICENSES/`` folder). Code that a
repository only carries for others (``vendor/``, ``third_party/``, ``node_modules/``,
``static/lib/``...) keeps its own licence: it is neither the project's licence nor a declaration
that could contradict it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from scanner.licences import declared

#: Licence files at the root, in LICENSES/, and where GitHub also looks (.github/, docs/).
ROOT_LICENCE = re.compile(
    r"^(?:licen[cs]es?|copying|unlicen[cs]e|copyright"
    r"|licen[cs]es?[-_.][^/]*|copying[-_.][^/]*|unlicen[cs]e\.[^/]*"
    # A licence's name before "LICENSE" (proconnect-gouv/federation: AGPL-3.0.LICENSE.md, the
    # text LICENSE.md's notice links to; MIT-LICENSE), never others' licences gathered in one file.
    r"|(?!(?:third|3rd|vendor|dependenc|notices?\b)[\w.+-]*)[\w.+]+(?:-[\w.+]+)*[-_.]licen[cs]e"
    r"(?:\.(?:md|markdown|txt|rst|html?))?)$"
    r"|^(?:\.github|docs?)/(?:licen[cs]e|copying)(?:[-_.][^/]*)?$"
    r"|^licen[cs]es/[^/]+$", re.IGNORECASE)
#: Licence files of components (sub-packages): reported, not the project's own. Only the
#: singular names: a ``licences.md`` deep in a documentation tree is a page about licences.
NESTED_LICENCE = re.compile(r"(?:^|/)(?:licen[cs]e|copying)(?:[-_.][^/]*)?$|(?:^|/)licen[cs]es$",
                            re.IGNORECASE)
#: Names of that shape that are code, data or images, not licence texts.
NOT_LICENCE = re.compile(
    r"\.(?:py|js|mjs|cjs|ts|tsx|jsx|vue|rb|go|java|kt|php|cs|json|ya?ml|toml|xml|sh|css|scss"
    r"|png|jpe?g|gif|svg|ico|webp|zip|gz|tgz|csv|lock)$", re.IGNORECASE)
#: Header templates: the notice a header checker stamps on each source file (license-maven-plugin's
#: ``<header>licence-header.txt</header>``, ansforge/annuaire-sante-fhir-serveur pom.xml:112, whose
#: template reads "(c) Copyright 1998-2024, ANS. All rights reserved."), not the licence itself.
HEADER_TEMPLATE = re.compile(r"(?:^|/)(?:licen[cs]es?|copying|copyright)[-_.]?headers?(?:[-_.][^/]*)?$",
                             re.IGNORECASE)
#: Documents civiscan cannot read as text: a licence file in these is present but unread.
BINARY_DOCUMENTS = {"pdf": "PDF", "doc": "Word", "docx": "Word", "odt": "OpenDocument",
                    "rtf": "RTF"}
#: Folders holding third-party code or build output. A component folder under a web root's
#: ``lib``/``vendor``/``plugins`` is a copied library (``static/lib/leaflet/``).
VENDORED = re.compile(
    r"(?:^|/)(?:node_modules|bower_components|jspm_packages|vendors?|third[-_]?part(?:y|ies)"
    r"|3rd[-_]?party|extern(?:al)?s?|deps|\.yarn|site-packages|dist|build|target|\.git)/"
    r"|(?:^|/)(?:static|assets|public|www|wwwroot|web|resources)/(?:[\w.-]+/){0,2}?"
    r"(?:libs?|vendors?|plugins|externals?)/", re.IGNORECASE)
MAX_NESTED = 20
MAX_MANIFESTS = 40


def vendored(path: str) -> bool:
    """The path lies in third-party code or build output."""
    return VENDORED.search(path) is not None


#: Deepest folder level whose licence files civiscan reads (``a/b/c/LICENSE``).
MAX_NESTED_DEPTH = 3


def licence_paths(paths: Sequence[str]) -> tuple[list[str], list[str]]:
    """(root licence files, component licence files), chosen from the listing."""
    root = _root(paths)
    return root, [p for p, why in _nested(paths, set(root)) if why is None][:MAX_NESTED]


def _root(paths: Sequence[str]) -> list[str]:
    return [p for p in paths if ROOT_LICENCE.match(p) and not NOT_LICENCE.search(p)
            and not HEADER_TEMPLATE.search(p)]


def _nested(paths: Sequence[str], taken: set[str]) -> list[tuple[str, str | None]]:
    """Licence files in sub-folders, each with why civiscan does not read it (``None``: read)."""
    found: list[tuple[str, str | None]] = []
    for p in paths:
        if p in taken or "/" not in p or not NESTED_LICENCE.search(p) or NOT_LICENCE.search(p) \
                or HEADER_TEMPLATE.search(p):
            continue
        found.append((p, "vendored" if vendored(p) else
                      "deep" if p.count("/") > MAX_NESTED_DEPTH else None))
    return found


def unread_nested(paths: Sequence[str]) -> list[tuple[str, str]]:
    """Licence files in sub-folders civiscan does not read, with why: ``vendored`` (third-party
    code or build output), ``deep`` (more than :data:`MAX_NESTED_DEPTH` folders down) or
    ``limit`` (past the first :data:`MAX_NESTED`). A message listing the sub-folders' licence
    files names these too, never "none" where civiscan did not look
    (StrasbourgEurometropole/Strasbourg-Next: themes/0-global-theme/src/libs/tarteaucitron/LICENSE,
    five folders down)."""
    nested = _nested(paths, set(_root(paths)))
    read = [p for p, why in nested if why is None]
    over = set(read[MAX_NESTED:])
    return [(p, why or "limit") for p, why in nested if why is not None or p in over]


def manifest_paths(paths: Sequence[str]) -> list[str]:
    """Package manifests of the project and its sub-packages (not of third-party code)."""
    found = [p for p in paths if declared.source_of(p) and not vendored(p)]
    found.sort(key=lambda p: (p.count("/"), p))
    return found[:MAX_MANIFESTS]


def extension(path: str) -> str:
    name = path.rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[-1].lower() if "." in name.lstrip(".") else ""
