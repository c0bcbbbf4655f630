"""Is a repository mostly data or documentation rather than code?

Data and documents of an administration are public information, with licences of their own
(Licence Ouverte / etalab-2.0, ODbL-1.0). A documentation repository is one whose content is
prose (Markdown, reStructuredText, Org, AsciiDoc...) with at most a little tooling to publish it
(a site generator's configuration, a build script, a theme's stylesheets): web presentation
files (HTML, CSS) and images are not code, nor is a documentation generator's tooling (its
configuration, theme templates and static assets, vendored scripts included).
"""

from __future__ import annotations

import re
import typing as t
from collections.abc import Collection, Mapping, Sequence

from scanner.apispecs.frameworks import ecosystem_of
from scanner.licences import docbuild
from scanner.licences.docbuild import PRESENTATION
from scanner.licences.headers import SOURCE_EXTENSIONS
from scanner.licences.paths import ROOT_LICENCE, extension, vendored

DATA_EXTENSIONS = frozenset({"csv", "tsv", "geojson", "parquet", "xlsx", "xls", "ods", "shp",
                             "gpkg", "ndjson", "jsonl", "kml", "gpx", "topojson", "sqlite"})
DOC_EXTENSIONS = frozenset({"md", "markdown", "mdx", "rst", "adoc", "asciidoc", "tex", "org",
                            "txt"})
CONFIG_EXTENSIONS = frozenset({"json", "yaml", "yml", "toml", "xml", "ini", "cfg", "conf",
                               "tf", "hcl", "properties", "env", "dockerfile"})
#: A documentation repository has at most one code file for this many documents.
DOCS_PER_CODE_FILE = 10
#: Fewer documents than this make a documentation repository only if nothing else is there
#: and they hold at least MIN_DOC_BYTES (a placeholder README is no documentation).
MIN_DOCS = 3
MIN_DOC_BYTES = 2000
DATA_DOCS_LICENCES = ("etalab-2.0", "ODbL-1.0", "CC-BY-4.0", "CC-BY-SA-4.0", "CC0-1.0")
#: A documentation generator's configuration: the folder holding it is the site's root.
#: Sphinx's ``conf.py`` counts only beside the site's pages (an ``index.rst``/``index.md``).
_SITE_CONFIG = re.compile(
    r"(?:^|/)(?:mkdocs\.ya?ml|docusaurus\.config\.[cm]?[jt]s|_config\.ya?ml|book\.toml"
    r"|hugo\.(?:toml|ya?ml|json)|antora(?:-playbook)?\.ya?ml|\.eleventy\.[cm]?js"
    r"|eleventy\.config\.[cm]?[jt]s|\.(?:vuepress|vitepress)/config\.[cm]?[jt]s)$",
    re.IGNORECASE)
_SPHINX_INDEX = re.compile(r"(?:^|/)index\.(?:rst|md|txt)$", re.IGNORECASE)
#: A site's theme and static assets (Sphinx ``_static``/``_templates``, Jekyll ``_layouts``/
#: ``_includes``/``_sass``, Hugo ``layouts``/``themes``, MkDocs ``overrides``, VuePress's
#: ``.vuepress``): presentation of the documents, vendored scripts included, not a service.
_SITE_ASSETS = re.compile(
    r"(?:^|/)(?:_static|_templates|_themes?|_layouts|_includes|_sass|_plugins|static|assets"
    r"|layouts|themes?|overrides|stylesheets|javascripts|\.vuepress|\.vitepress)/",
    re.IGNORECASE)


def site_roots(paths: Sequence[str]) -> list[str]:
    """Folders (``""`` for the root, else ``docs/``) holding a documentation generator's
    configuration (Sphinx, MkDocs, Docusaurus, Jekyll, Hugo, mdBook, Antora, Eleventy,
    VuePress/VitePress)."""
    present = set(paths)
    roots = set()
    for path in paths:
        folder = path.rsplit("/", 1)[0] + "/" if "/" in path else ""
        name = path.rsplit("/", 1)[-1]
        if _SITE_CONFIG.search(path):
            roots.add(folder.removesuffix(".vuepress/").removesuffix(".vitepress/"))
        elif name == "conf.py" and any(f"{folder}index.{e}" in present
                                       for e in ("rst", "md", "txt")):
            roots.add(folder)
    return sorted(roots)


def site_files(paths: Sequence[str]) -> set[str]:
    """The files of documentation sites that are the generator's tooling, not code of a
    service: its configuration, its theme and static assets (vendored scripts included), and
    the HTML and stylesheets under the site's root."""
    roots = site_roots(paths)
    if not roots:
        return set()
    found = set()
    for path in paths:
        root = next((r for r in roots if path.startswith(r)), None)
        if root is None:
            continue
        inner = path[len(root):]
        if (_SITE_CONFIG.search(path) or inner == "conf.py" or _SITE_ASSETS.search(inner)
                or extension(path) in PRESENTATION):
            found.add(path)
    return found


#: Tests, fixtures and CI: not the service's own code, not content.
_TOOLING = re.compile(r"(?:^|/)(?:tests?|fixtures?|spec|__tests__|\.github|\.gitlab)/",
                      re.IGNORECASE)
_NOT_CONTENT = re.compile(
    _TOOLING.pattern + r"|(?:^|/)(?:contributing|code_of_conduct|security|changelog|history"
    r"|authors|maintainers|codeowners|notice)(?:\.[\w.]+)?$|(?:^|/)(?:requirements[\w.-]*|robots|cmakelists)\.txt$",
    re.IGNORECASE)


def code_paths(paths: Sequence[str], built: Collection[str] = ()) -> list[str]:
    """The repository's code files, the one count every rule and fact uses
    (``repository.code_files``, ``licence.data_docs.code_files``): source files and package
    manifests, tests, CI and third-party code aside. A repository with none (a policy text, a
    guide, a data set) has no service to install, run or secure. A documentation site's tooling
    (its generator's configuration, theme templates and static assets) and the HTML and
    stylesheets a documentation build names (``built``: :mod:`scanner.licences.docbuild`) are
    no code, and the manifests of a repository holding nothing else only install that
    generator."""
    return _code(paths, site_files(paths) | set(built))


def build_inputs(paths: Sequence[str],
                 sizes: Mapping[str, int | None] | None = None) -> list[str]:
    """The files to read for a documentation build's commands
    (:func:`docbuild.command_files`), only where its pages could decide whether the repository
    holds code or mostly documents: it has pages or stylesheets outside a site's tooling, and
    little other code. An application's pages are never looked up (nothing read for them)."""
    site = site_files(paths)
    pages = {p for p in paths if extension(p) in PRESENTATION and p not in site
             and not vendored(p) and not _TOOLING.search(p)}
    if not pages:
        return []
    other = [p for p in _code(paths, site | pages) if ecosystem_of(p) is None]
    docs = sum(1 for p in paths if extension(p) in DOC_EXTENSIONS and not vendored(p)
               and not _NOT_CONTENT.search(p))
    if len(other) * DOCS_PER_CODE_FILE > docs:
        return []
    return docbuild.command_files(paths, sizes)


def _code(paths: Sequence[str], tooling: set[str]) -> list[str]:
    """:func:`code_paths`, given the documentation tooling."""
    code: list[str] = []
    manifests: list[str] = []
    for path in paths:
        if vendored(path) or ROOT_LICENCE.match(path) or _TOOLING.search(path):
            continue
        if ecosystem_of(path) is not None:
            manifests.append(path)
        elif (extension(path) in SOURCE_EXTENSIONS and path not in tooling
              and not _NOT_CONTENT.search(path)):
            code.append(path)
    return code + manifests if code or not tooling else []


def classify(paths: Sequence[str], sizes: Mapping[str, int | None] | None = None,
             built: Collection[str] = ()) -> dict[str, t.Any]:
    """``kind`` (``data``, ``docs`` or ``None``) and the counts it was decided from; ``built``
    as for :func:`code_paths`."""
    data = docs = config = doc_bytes = 0
    tooling = site_files(paths) | set(built)
    code_set = set(_code(paths, tooling))
    code = len(code_set)
    manifests = sum(1 for p in code_set if ecosystem_of(p) is not None)
    for path in paths:
        if vendored(path) or _NOT_CONTENT.search(path) or ROOT_LICENCE.match(path):
            continue
        if path in code_set or path in tooling:  # a documentation site's tooling is no code
            continue
        ext = extension(path)
        if ext in DATA_EXTENSIONS:
            data += 1
        elif ext in DOC_EXTENSIONS:
            docs += 1
            doc_bytes += (sizes or {}).get(path) or 0
        elif ext in CONFIG_EXTENSIONS:
            config += 1
    kind = None
    if (data >= 20 and data >= code) or (data >= 3 and code == 0):
        kind = "data"
    elif docs and code * DOCS_PER_CODE_FILE <= docs and (
            docs >= MIN_DOCS or (code == 0 and config == 0 and doc_bytes >= MIN_DOC_BYTES)):
        kind = "docs"  # a README alone is a document only with some substance (a list, a guide)
    label = {"data": ("data", "des données"), "docs": ("documentation", "de la documentation")}.get(
        kind or "", (None, None))
    return {"kind": kind, "label": label[0], "label_fr": label[1], "data_files": data,
            "doc_files": docs, "code_files": code, "manifest_files": manifests,
            "code_count": code_count(code, manifests), "config_files": config,
            "why": _why(kind, label, data, docs, code, manifests)}


def code_count(code: int, manifests: int) -> dict[str, str]:
    """The count of code files in words, saying how many are package manifests: a reader
    counting source files finds a different number otherwise (ANSSI-FR/rust-guide: 35 = 29
    source files + 6 Cargo.toml, audit recheck5). The count itself stays one."""
    if not manifests:
        return {"en": str(code), "fr": str(code)}
    if manifests == code:
        return {"en": f"{code} (all package manifests)",
                "fr": f"{code} (tous des manifestes de paquets)"}
    return {"en": f"{code} (package manifests included: {manifests})",
            "fr": f"{code} (manifestes de paquets compris : {manifests})"}


def _why(kind: str | None, label: tuple[str | None, str | None], data: int, docs: int,
         code: int, manifests: int = 0) -> dict[str, str]:
    """Why data-docs-licence-recognised does not apply, true of the counts it was decided from."""
    if kind is not None:  # mostly data or documentation: only a fork sets the rule aside
        return {"en": f"the repository holds mostly {label[0]}, but it is a fork (or its "
                      "publiccode.yml isBasedOn names an upstream project) and keeps the upstream "
                      "licence",
                "fr": f"le dépôt contient surtout {label[1]}, mais c'est une fourche (ou son "
                      "publiccode.yml indique isBasedOn) qui garde la licence amont"}
    said = code_count(code, manifests)
    counts = (f"documents: {docs}, data files: {data}, code files: {said['en']}; tests and "
              "third-party code aside")
    counts_fr = (f"documents : {docs}, fichiers de données : {data}, fichiers de code : "
                 f"{said['fr']} ; hors tests et code tiers")
    if code == 0:
        return {"en": f"the repository holds too little documentation or data to be judged "
                      f"({counts})",
                "fr": f"le dépôt contient trop peu de documentation ou de données pour en juger "
                      f"({counts_fr})"}
    return {"en": f"the repository is not mostly data or documentation ({counts}): a "
                  f"documentation repository has at most one code file for {DOCS_PER_CODE_FILE} "
                  "documents, a data repository at least 20 data files and as many as code files",
            "fr": f"le dépôt ne contient pas surtout des données ou de la documentation "
                  f"({counts_fr}) : un dépôt de documentation a au plus un fichier de code pour "
                  f"{DOCS_PER_CODE_FILE} documents, un dépôt de données au moins 20 fichiers de "
                  "données, et autant que de code"}
