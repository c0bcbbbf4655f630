"""Licence files, declared licences, SPDX headers and the repository's effective licence.

Runs after the publiccode and API collectors: their ``legal.license`` and ``info.license`` are
read from the facts, and compared with the licence files like every manifest declaration.
"""

from __future__ import annotations

import functools
import re
import typing as t
from collections.abc import Iterable, Mapping, Sequence

from scanner.budget import guarded
from scanner.collectors.base import Collector, Fragment
from scanner.errors import ParseError
from scanner.licences import declared, headers
from scanner.licences.detect import detect
from scanner.licences.effective import Decision, Evidence, decide
from scanner.licences.expressions import MAX_EXPRESSION_CHARS, family, ids_of, parse
from scanner.licences.notices import mentions, resolve
from scanner.memo import Memo
from scanner.snapshot import Snapshot

SOURCE = "licence"
#: Licence files at the root, in LICENSES/, and where GitHub also looks (.github/, docs/).
_ROOT_LICENCE = re.compile(
    r"^(?:(?:\.github|docs?)/)?(?:licen[cs]es?|copying|unlicen[cs]e|copyright|licen[cs]e[-_.]"
    r"[^/]*|copying[-_.][^/]*)$|^licen[cs]es/[^/]+$", re.IGNORECASE)
#: Licence files of components (sub-packages, vendored forks): reported, not the project's own.
_NESTED_LICENCE = re.compile(r"(?:^|/)(?:licen[cs]es?|copying)(?:[-_.][^/]*)?$", re.IGNORECASE)
_NOT_LICENCE = re.compile(
    r"\.(?:py|js|ts|rb|go|java|json|ya?ml|toml|html?|sh|png|jpe?g|gif|svg|pdf|docx?|odt|zip)$",
    re.IGNORECASE)
_SKIP = re.compile(r"(?:^|/)(?:node_modules|vendor|third[_-]?party|bower_components|\.yarn|"
                   r"site-packages|dist|build|target|\.git)/", re.IGNORECASE)
_README = re.compile(r"^readme(?:[._-](?:fr|en))?(?:\.(?:md|markdown|rst|txt|adoc|org))?$",
                     re.IGNORECASE)
#: Declaration sources compared by other rules (publication/, api/), left out of the summary.
OTHER_RULES = frozenset({"publiccode.yml", "openapi", "swagger", "asyncapi"})
MAX_NESTED = 20
MAX_MANIFESTS = 40
MAX_TEXT_BYTES = 1_000_000
DATA_EXTENSIONS = frozenset({"csv", "tsv", "geojson", "parquet", "xlsx", "xls", "ods", "shp",
                             "gpkg", "ndjson", "jsonl", "kml", "gpx", "topojson", "sqlite"})
DOC_EXTENSIONS = frozenset({"md", "markdown", "rst", "adoc", "asciidoc", "tex", "org"})
DATA_DOCS_LICENCES = ("etalab-2.0", "ODbL-1.0", "CC-BY-4.0", "CC-BY-SA-4.0", "CC0-1.0")


def licence_paths(paths: Sequence[str]) -> tuple[list[str], list[str]]:
    """(root licence files, component licence files), chosen from the listing."""
    root = [p for p in paths if _ROOT_LICENCE.match(p) and not _NOT_LICENCE.search(p)]
    taken = set(root)
    nested = [p for p in paths if p not in taken and "/" in p and _NESTED_LICENCE.search(p)
              and not _SKIP.search(p) and not _NOT_LICENCE.search(p) and p.count("/") <= 3]
    return root, nested[:MAX_NESTED]


def manifest_paths(paths: Sequence[str]) -> list[str]:
    found = [p for p in paths if declared.source_of(p) and not _SKIP.search(p)]
    found.sort(key=lambda p: (p.count("/"), p))
    return found[:MAX_MANIFESTS]


def readme_paths(paths: Sequence[str]) -> list[str]:
    return sorted((p for p in paths if _README.match(p)), key=len)[:2]


class LicenceCollector(Collector):
    name = "licence"

    def empty(self) -> Fragment:
        return {"licence": empty_section()}

    def wanted(self, paths: Sequence[str],
               sizes: Mapping[str, int | None] | None = None) -> Iterable[str]:
        root, nested = licence_paths(paths)
        present = set(paths)  # publiccode.yml and API descriptions are read from the facts
        extra = [p for p in headers.REUSE_FILES if p in present]
        return list(dict.fromkeys([*root, *nested, *manifest_paths(paths), *readme_paths(paths),
                                   *headers.sample(paths), *extra]))

    def collect(self, snapshot: Snapshot, facts: Mapping[str, t.Any]) -> Fragment:
        paths = snapshot.paths()
        problems: list[dict[str, t.Any]] = []
        root, nested = licence_paths(paths)
        memo = Memo()
        files = [f for f in (_file_facts(snapshot, p, "root", problems, memo) for p in root) if f]
        if not files and snapshot.inherited:  # a checkout's folder: the checkout's root licence
            outer = licence_paths(sorted(snapshot.inherited))[0]
            files = [f for f in (_file_facts(snapshot, snapshot.inherited_path(p), "root",
                                             problems, memo) for p in outer) if f]
        files += [f for f in (_file_facts(snapshot, p, "component", problems, memo)
                              for p in nested) if f]
        declarations = _declarations(snapshot, paths, facts, problems)
        readme = _readme_licence_text(snapshot, paths, problems)
        header_facts, header_expressions = _headers(snapshot, paths, problems)
        root_declared = [d for d in declarations if d["scope"] == "root"]
        decision = decide(files, Evidence(root_declared, readme, header_expressions))
        consistency = _consistency(declarations, decision)
        section = {
            "files": files,
            "declared": declarations,
            "spdx": decision.spdx,
            "ids": decision.ids,
            "method": decision.method,
            "confidence": decision.confidence,
            "operator": decision.operator,
            "operator_basis": decision.operator_basis,
            "version_basis": decision.version_basis,
            "version_sources": decision.version_sources,
            "conflicts": decision.conflicts,
            "candidates": decision.candidates,
            "deprecated_ids": sorted({i for d in declarations for i in d["deprecated"]}),
            "consistency": consistency,
            "readme_mentions": sorted({resolve(m)[0] for m in mentions(readme)}),
            "headers": header_facts,
            "data_docs": _data_docs(paths, files, declarations, readme),
            "index": _index_version(),
        }
        return {"licence": section, "problems": problems}


def empty_section() -> dict[str, t.Any]:
    return {
        "files": [], "declared": [], "spdx": None, "ids": [], "method": "none",
        "confidence": None, "operator": None, "operator_basis": None, "version_basis": None,
        "version_sources": [], "conflicts": [], "candidates": [], "deprecated_ids": [],
        "consistency": {"checked": 0, "agree": None, "disagreeing": []},
        "readme_mentions": [], "headers": headers.summarise({}, [], 0),
        "data_docs": {"kind": None, "data_files": 0, "doc_files": 0, "licences": []},
        "index": None,
    }


def _index_version() -> str | None:
    from scanner.licences.index import load_index

    return load_index().spdx_list_version


def _file_facts(snapshot: Snapshot, path: str, scope: str, problems: list[dict[str, t.Any]],
                memo: Memo) -> dict[str, t.Any] | None:
    if snapshot.too_large(path) or (snapshot.size(path) or 0) > MAX_TEXT_BYTES:
        return {"path": path, "scope": scope, "spdx": "NOASSERTION", "confidence": 0.0,
                "method": "too-large", "licences": [], "candidates": []}
    text = snapshot.read_text(path)
    if text is None or not text.strip():
        return None  # absent (not fetched) or empty: not a licence file
    try:  # once per text: vendored copies of one licence are common
        found = memo.bounded("licence-text", text, path, detect, text)
    except ParseError as exc:
        problems.append(exc.to_problem(SOURCE))
        return {"path": path, "scope": scope, "spdx": "NOASSERTION", "confidence": 0.0,
                "method": "not-analysed", "licences": [], "candidates": []}
    entry: dict[str, t.Any] = {
        "path": path, "scope": scope, "spdx": found.spdx, "confidence": found.confidence,
        "method": found.method, "licences": list(found.licences),
        "candidates": [{"spdx": c.spdx, "score": c.score} for c in found.candidates],
    }
    if found.version_basis:
        entry["version_basis"] = found.version_basis
    if found.equivalents:
        entry["equivalents"] = list(found.equivalents)
    if found.references:
        entry["references"] = list(found.references)
    if found.choice:
        entry["choice"] = True
    entry["extra_text"] = found.extra_text
    entry["copyright"] = found.copyright
    return entry


def _scope(path: str) -> str:
    return "root" if "/" not in path else "component"


def _declared_entry(source: str, path: str, expression: str | None, field: str,
                    scope: str) -> dict[str, t.Any]:
    written = expression
    if written is not None and len(written) > MAX_EXPRESSION_CHARS:  # not an expression anyway
        written = written[:MAX_EXPRESSION_CHARS] + "…"
    entry: dict[str, t.Any] = {"source": source, "path": path, "expression": written,
                               "field": field, "scope": scope, "kind": "absent",
                               "normalised": None, "ids": [], "deprecated": []}
    if expression is None:
        return entry
    parsed = parse(expression)
    entry.update(kind=parsed.kind, normalised=parsed.normalised, ids=list(parsed.ids),
                 deprecated=list(parsed.deprecated))
    if parsed.error:
        entry["error"] = parsed.error
    if parsed.reference:
        entry["reference"] = parsed.reference
    return entry


def _declarations(snapshot: Snapshot, paths: Sequence[str], facts: Mapping[str, t.Any],
                  problems: list[dict[str, t.Any]]) -> list[dict[str, t.Any]]:
    found: list[dict[str, t.Any]] = []
    publiccode = facts.get("publiccode") or {}
    if isinstance(publiccode.get("legal_license"), str) and publiccode.get("path"):
        found.append(_declared_entry("publiccode.yml", publiccode["path"],
                                     publiccode["legal_license"], "legal.license", "root"))
    for path in manifest_paths(paths):
        data = snapshot.read(path)
        if data is None:
            continue
        items, errors = declared.read(path, data)
        problems.extend(e.to_problem(SOURCE) for e in errors)
        found.extend(_declared_entry(d.source, d.path, d.expression, d.field, _scope(path))
                     for d in items)
    for spec in facts.get("api_specs") or []:
        licence = ((spec.get("info") or {}).get("license")) if isinstance(spec, dict) else None
        if not isinstance(licence, dict):
            continue
        written = next((v for v in (licence.get("identifier"), licence.get("name"),
                                    licence.get("url")) if isinstance(v, str) and v.strip()),
                       None)
        if written is None:
            continue
        entry = _declared_entry(str(spec.get("kind") or "openapi"), spec["path"], written,
                                "info.license", "root")
        mapped = licence.get("spdx")
        if entry["kind"] == "invalid" and isinstance(mapped, str):
            # a name or URL the API collector knows (its own table): take its SPDX reading
            parsed = parse(mapped)
            entry.update(kind="name", normalised=parsed.normalised, ids=list(parsed.ids))
            entry.pop("error", None)
        found.append(entry)
    return found


_LICENCE_WORDS = re.compile(r"licen[cs]|\bspdx\b|\bgpl\b|\bcecill\b|\beupl\b", re.IGNORECASE)
_HEADING = re.compile(r"\s*(?:#{1,6}\s|=+\s*$|[^\n]*\n[=\-~^]{3,}\s*$)")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def _readme_licence_text(snapshot: Snapshot, paths: Sequence[str],
                         problems: list[dict[str, t.Any]]) -> str:
    """The README paragraphs that talk about the licence (or-later notices, dual licensing)."""
    chunks: list[str] = []
    for path in readme_paths(paths):
        text = snapshot.read_text(path) or ""
        chunks += guarded(path, SOURCE, problems, functools.partial(_licence_paragraphs, text),
                          [])
    return "\n\n".join(chunks)[:20_000]


def _licence_paragraphs(text: str) -> list[str]:
    chunks: dict[int, str] = {}
    paragraphs = _PARAGRAPH_BREAK.split(text[:200_000])
    for index, paragraph in enumerate(paragraphs):
        if not _LICENCE_WORDS.search(paragraph):
            continue
        # The statement often runs on after a list ("Licensed under either of" / the two
        # licences / "at your option."): keep the section's next paragraphs too.
        for following in range(index, min(index + 4, len(paragraphs))):
            if following > index and _HEADING.match(paragraphs[following]):
                break
            chunks.setdefault(following, paragraphs[following])
    return list(chunks.values())


def _headers(snapshot: Snapshot, paths: Sequence[str],
             problems: list[dict[str, t.Any]]) -> tuple[dict[str, t.Any], list[str]]:
    annotations: list[tuple[list[str], str]] = []
    present = set(paths)
    reuse = []
    for path in headers.REUSE_FILES:
        if path not in present:
            continue
        data = snapshot.read(path)
        if data is None:
            continue
        reuse.append(path)
        annotations += guarded(path, SOURCE, problems,
                               functools.partial(headers.read_annotations, path, data), [])
    sampled = {}
    for path in headers.sample(paths):
        text = snapshot.read_text(path)
        if text is not None:
            sampled[path] = text[:headers.HEAD_BYTES]
    summary = headers.summarise(sampled, annotations, len(headers.source_files(paths)))
    summary["reuse_files"] = reuse
    expressions = [e["expression"] for e in summary["expressions"]]
    return summary, expressions


def _consistency(declarations: list[dict[str, t.Any]], decision: Decision) -> dict[str, t.Any]:
    """Which declarations name another licence than the effective one (GNU suffixes aside when
    the licence text alone set them). Every declaration gets ``agrees``; the summary counts
    package metadata only, since publiccode.yml and API descriptions have rules of their own."""
    effective = decision.ids or list(ids_of(decision.spdx))
    if not effective:
        for entry in declarations:
            entry["agrees"] = None
        return {"checked": 0, "agree": None, "disagreeing": []}
    loose = decision.version_basis in (None, "text", "notice")
    wanted = {family(i) if loose else i for i in effective}
    checked = 0
    disagreeing = []
    for entry in declarations:
        ids = entry["ids"]
        if not ids:
            entry["agrees"] = None
            continue
        mine = {family(i) if loose else i for i in ids}
        if " OR " in (entry["normalised"] or ""):
            agrees: bool | None = bool(mine & wanted)
        elif mine <= wanted:
            agrees = True
        elif mine & wanted:
            # Claims the licence found and more (``MIT AND CC-BY-4.0`` beside a MIT file): the
            # other part may cover files civiscan cannot see as licensed; a person decides.
            agrees = None
        else:
            agrees = False
        entry["agrees"] = agrees
        if entry["source"] in OTHER_RULES:  # publiccode.yml and API specs have their own rules
            continue
        checked += 1
        if agrees is False:
            disagreeing.append({"source": entry["source"], "path": entry["path"],
                                "expression": entry["expression"]})
    return {"checked": checked, "agree": (not disagreeing) if checked else None,
            "disagreeing": disagreeing}


def _data_docs(paths: Sequence[str], files: list[dict[str, t.Any]],
               declarations: list[dict[str, t.Any]], readme: str) -> dict[str, t.Any]:
    """Is the repository mostly data or documentation, and which data/docs licences it names."""
    data = docs = code = 0
    for path in paths:
        if _SKIP.search(path) or re.search(r"(?:^|/)(?:tests?|fixtures?|spec)/", path):
            continue
        ext = path.rsplit(".", 1)[-1].lower() if "." in path.rsplit("/", 1)[-1] else ""
        if ext in DATA_EXTENSIONS:
            data += 1
        elif ext in DOC_EXTENSIONS:
            docs += 1
        elif ext in headers.SOURCE_EXTENSIONS:
            code += 1
    kind = None
    if (data >= 20 and data >= code) or (data >= 3 and code == 0):
        kind = "data"
    elif code == 0 and docs >= 20:
        kind = "docs"
    named = {i for f in files for i in f["licences"]}
    named |= {i for d in declarations for i in d["ids"]}
    named |= {resolve(m)[0] for m in mentions(readme)}
    return {"kind": kind, "data_files": data, "doc_files": docs, "code_files": code,
            "licences": sorted(i for i in named if i in DATA_DOCS_LICENCES)}
