"""Is a repository mostly data or documentation rather than code?

Data and documents of an administration are public information, with licences of their own
(Licence Ouverte / etalab-2.0, ODbL-1.0). A documentation repository is one whose content is
prose (Markdown, reStructuredText, Org, AsciiDoc...) with at most a little tooling to publish it
(a site generator's configuration, a build script, a theme's stylesheets): web presentation
files (HTML, CSS) and images are not code.
"""

from __future__ import annotations

import re
import typing as t
from collections.abc import Mapping, Sequence

from scanner.licences.headers import SOURCE_EXTENSIONS
from scanner.licences.paths import ROOT_LICENCE, extension, vendored

DATA_EXTENSIONS = frozenset({"csv", "tsv", "geojson", "parquet", "xlsx", "xls", "ods", "shp",
                             "gpkg", "ndjson", "jsonl", "kml", "gpx", "topojson", "sqlite"})
DOC_EXTENSIONS = frozenset({"md", "markdown", "mdx", "rst", "adoc", "asciidoc", "tex", "org",
                            "txt"})
#: Presentation, not program: a documentation site's templates and stylesheets.
PRESENTATION = frozenset({"html", "htm", "css", "scss", "sass", "less"})
CODE_EXTENSIONS = SOURCE_EXTENSIONS - PRESENTATION
CONFIG_EXTENSIONS = frozenset({"json", "yaml", "yml", "toml", "xml", "ini", "cfg", "conf",
                               "tf", "hcl", "properties", "env", "dockerfile"})
#: A documentation repository has at most one code file for this many documents.
DOCS_PER_CODE_FILE = 10
#: Fewer documents than this make a documentation repository only if nothing else is there
#: and they hold at least MIN_DOC_BYTES (a placeholder README is no documentation).
MIN_DOCS = 3
MIN_DOC_BYTES = 2000
DATA_DOCS_LICENCES = ("etalab-2.0", "ODbL-1.0", "CC-BY-4.0", "CC-BY-SA-4.0", "CC0-1.0")
_NOT_CONTENT = re.compile(
    r"(?:^|/)(?:tests?|fixtures?|spec|__tests__|\.github|\.gitlab)/"
    r"|(?:^|/)(?:contributing|code_of_conduct|security|changelog|history|authors|maintainers"
    r"|codeowners|notice)(?:\.[\w.]+)?$|(?:^|/)(?:requirements[\w.-]*|robots|cmakelists)\.txt$",
    re.IGNORECASE)


def classify(paths: Sequence[str],
             sizes: Mapping[str, int | None] | None = None) -> dict[str, t.Any]:
    """``kind`` (``data``, ``docs`` or ``None``) and the counts it was decided from."""
    data = docs = code = config = doc_bytes = 0
    for path in paths:
        if vendored(path) or _NOT_CONTENT.search(path) or ROOT_LICENCE.match(path):
            continue
        ext = extension(path)
        if ext in DATA_EXTENSIONS:
            data += 1
        elif ext in DOC_EXTENSIONS:
            docs += 1
            doc_bytes += (sizes or {}).get(path) or 0
        elif ext in CODE_EXTENSIONS:
            code += 1
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
            "doc_files": docs, "code_files": code, "config_files": config}
