"""Licence files, declared licences, SPDX headers and the repository's effective licence.

Runs after the publiccode and API collectors: their ``legal.license`` and ``info.license`` are
read from the facts, and compared with the licence files like every manifest declaration.
"""

from __future__ import annotations

import functools
import re
import typing as t
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from scanner.budget import guarded
from scanner.collectors.base import Collector, Fragment
from scanner.community.markup import parse as parse_markup
from scanner.errors import ParseError
from scanner.licences import assets, content, declared, explain, headers, paths, scoped
from scanner.licences.detect import detect
from scanner.licences.effective import Decision, Evidence, decide
from scanner.licences.exclusions import exclusions
from scanner.licences.expressions import MAX_EXPRESSION_CHARS, family, ids_of, parse, same_licence
from scanner.licences.notices import mentions, resolve
from scanner.licences.reading import MAX_TEXT_BYTES, read_licence
from scanner.licences.readme import badges as readme_badges
from scanner.licences.readme import gnu_notices as readme_gnu_notices
from scanner.licences.readme import later_statements as readme_later_statements
from scanner.licences.readme import readme_licence
from scanner.memo import Memo
from scanner.snapshot import Snapshot

SOURCE = "licence"
_README = re.compile(r"^readme(?:[._-](?:fr|en))?(?:\.(?:md|markdown|rst|txt|adoc|org))?$",
                     re.IGNORECASE)
#: Declaration sources compared by other rules (publication/, api/), left out of the summary.
OTHER_RULES = frozenset({"publiccode.yml", "openapi", "swagger", "asyncapi"})
#: Declaration sources that are API descriptions (api/ rules judge their licence).
API_SOURCES = OTHER_RULES - {"publiccode.yml"}
#: Kept for callers that import them from here.
MAX_NESTED, MAX_MANIFESTS, MAX_TEXT_BYTES = paths.MAX_NESTED, paths.MAX_MANIFESTS, MAX_TEXT_BYTES
DATA_DOCS_LICENCES = content.DATA_DOCS_LICENCES
licence_paths = paths.licence_paths
manifest_paths = paths.manifest_paths


def readme_paths(listing: Sequence[str]) -> list[str]:
    return sorted((p for p in listing if _README.match(p)), key=len)[:2]


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
        listing = snapshot.paths()
        problems: list[dict[str, t.Any]] = []
        root, nested = licence_paths(listing)
        memo = Memo()
        files: list[dict[str, t.Any]] = []
        unread: list[dict[str, t.Any]] = []
        empty: list[str] = []
        wanted = [*((p, "root") for p in root), *((p, "component") for p in nested)]
        if not root and snapshot.inherited:  # a checkout's folder: the checkout's root licence
            outer = licence_paths(sorted(snapshot.inherited))[0]
            wanted[:0] = [(snapshot.inherited_path(p), "root") for p in outer]
        for path, scope in wanted:
            found = read_licence(snapshot, path)
            if found.unread is not None:
                unread.append({"path": path, "scope": scope, "reason": found.unread.en,
                               "reason_fr": found.unread.fr})
            elif found.text is not None and not found.text.strip():
                empty.append(path)
            elif found.text is not None:
                entry = _file_facts(path, scope, found.text, problems, memo)
                if entry["method"] == "notice" and len(entry["licences"]) > 1:
                    _drop_absent_scopes(entry, found.text, listing, path, problems)
                files.append(entry)
        declarations = _declarations(snapshot, listing, facts, problems)
        badges: list[dict[str, t.Any]] = []
        readme_notices: list[dict[str, t.Any]] = []
        readme_later: list[dict[str, t.Any]] = []
        readme, in_readme = _readme(snapshot, listing, problems, badges, readme_notices,
                                    readme_later)
        header_facts, header_expressions = _headers(snapshot, listing, problems)
        assets.set_aside(files, in_readme)  # bundled fonts' licence files are not the code's
        # An API description's licence is its own (and its data's), not the repository's.
        root_declared = [d for d in declarations if d["scope"] == "root"
                         and d["source"] not in API_SOURCES]
        api_declared = [d for d in declarations if d["source"] in API_SOURCES]
        unread_root = [u for u in unread if u["scope"] == "root"]
        sampled = header_facts.get("sampled") or 0
        cover = bool(sampled) and header_facts.get("with_identifier", 0) * 2 > sampled
        decision = decide(files, Evidence(root_declared, readme, header_expressions, in_readme,
                                          unread_root, cover, api_declared,
                                          header_facts.get("notices") or [], sampled,
                                          readme_notices, readme_later,
                                          header_facts.get("reserved")))
        consistency = _consistency(declarations, decision, files, in_readme)
        disagrees = explain.readme_disagrees(decision.method, decision.ids, files, in_readme)
        readme_used = in_readme if decision.method == "readme" or (
            in_readme and not any(f["scope"] == "root" for f in files)) else None
        section = {
            "files": files,
            "root_files": [f["path"] for f in files if f["scope"] == "root"],
            "sub_folder_files": explain.sub_folder_files(files, listing),
            "unread": unread,
            "empty": empty,
            "readme_licence": _with_summary(in_readme),
            "scopes": (in_readme or {}).get("scopes", []),
            "content_licences": sorted({x["spdx"] for x in (in_readme or {}).get("scopes", [])
                                        if x["scope"] == "content"}),
            "declared": declarations,
            "sub_packages": explain.sub_packages(declarations),
            "spdx": decision.spdx,
            "ids": decision.ids,
            "method": decision.method,
            "confidence": decision.confidence,
            "operator": decision.operator,
            "operator_basis": decision.operator_basis,
            "version_basis": decision.version_basis,
            "version_sources": decision.version_sources,
            "version_notes": explain.version_notes(
                decision.ids, decision.version_basis, files, declarations, readme_used,
                from_declarations=decision.method.startswith("declared:"), sampled=sampled,
                sources=decision.version_sources,
                later=explain.later_read(header_facts, readme_notices, readme_later,
                                         declarations)),
            "conflicts": decision.conflicts,
            "candidates": decision.candidates,
            "readme_disagrees": disagrees,
            "undecided": (explain.undecided(decision.method, files, unread, readme_used)
                          + disagrees
                          + explain.texts_disagree(decision.conflicts, decision.ids, files)
                          + explain.tool_default(decision.declaration)
                          + explain.no_grant(decision.method, decision.declaration,
                                             in_readme)
                          + explain.api_only(decision.method, api_declared, header_facts,
                                             explain.sub_packages(declarations))
                          + explain.reserved_headers(decision.method, header_facts)),
            "how": explain.how(decision.method, files, readme_used, decision.declaration,
                               from_readme=decision.from_readme, scoped_readme=in_readme,
                               versions=decision.version_sources, declared=declarations),
            "declared_only": _declared_only(decision.declaration
                                            if decision.method.startswith("declared:") else None),
            # API descriptions' licences are judged by api-licence-consistent: a deprecated id
            # there is not the repository's licence as written (one line, one finding).
            "deprecated_ids": sorted({i for d in declarations if d["scope"] != "third-party"
                                      and d["source"] not in API_SOURCES
                                      for i in d["deprecated"]}),
            "consistency": consistency,
            "readme_mentions": sorted({resolve(m)[0] for m in mentions(readme)}),
            "readme_badges": badges,
            "headers": header_facts,
            "data_docs": _data_docs(listing, snapshot.files, files, declarations, readme,
                                    in_readme, _built(facts)),
            "index": _index_version(),
        }
        return {"licence": section, "problems": problems}


def _declared_only(entry: dict[str, t.Any] | None) -> dict[str, t.Any] | None:
    """The declaration that alone gives the licence (no licence text), as facts."""
    if entry is None:
        return None
    return {"source": entry["source"], "path": entry["path"], "field": entry.get("field"),
            "expression": entry["expression"], "tool_default": entry.get("tool_default")}


def empty_section() -> dict[str, t.Any]:
    return {
        "files": [], "root_files": [], "sub_folder_files": [], "unread": [], "empty": [],
        "readme_licence": None,
        "scopes": [], "content_licences": [], "declared": [], "sub_packages": None,
        "spdx": None, "ids": [], "method": "none",
        "confidence": None, "operator": None, "operator_basis": None, "version_basis": None,
        "version_sources": [], "version_notes": [], "conflicts": [], "candidates": [],
        "undecided": [], "readme_disagrees": [], "how": {"en": "none", "fr": "aucune"},
        "declared_only": None,
        "deprecated_ids": [],
        "consistency": {"checked": 0, "agree": None, "disagreeing": [], "partly": [],
                        "content_only": [], "unsure": [],
                        "nothing": explain.nothing_compared(False, [])},
        "readme_mentions": [], "readme_badges": [], "headers": headers.summarise({}, [], 0),
        "data_docs": {**content.classify([]), "licences": []},
        "index": None,
    }


def _index_version() -> str | None:
    from scanner.licences.index import load_index

    return load_index().spdx_list_version


def _file_facts(path: str, scope: str, text: str, problems: list[dict[str, t.Any]],
                memo: Memo) -> dict[str, t.Any]:
    try:  # once per text: vendored copies of one licence are common
        found = memo.bounded("licence-text", text, path, detect, text)
    except ParseError as exc:  # out of its time budget: present, but its licence unknown
        problems.append(exc.to_problem(SOURCE))
        return {"path": path, "scope": scope, "spdx": "NOASSERTION", "confidence": 0.0,
                "method": "not-analysed", "licences": [], "candidates": [],
                "reason": exc.message, "reason_fr": exc.message_fr or exc.message}
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
    if found.modified:
        entry["modified"] = found.modified
    if found.renamed:
        entry["renamed"] = True
    if found.options:
        entry["options"] = [{"line": line, "spdx": spdx} for line, spdx in found.options]
    if found.others:
        entry["others"] = [{"line": line, "spdx": spdx} for line, spdx in found.others]
    if found.spdx != "NOASSERTION":
        excluded = exclusions(text, found.licences)
        if excluded:
            entry["exclusions"] = excluded
    entry["extra_text"] = found.extra_text
    entry["copyright"] = found.copyright
    return entry


def _drop_absent_scopes(entry: dict[str, t.Any], text: str, listing: Sequence[str], path: str,
                        problems: list[dict[str, t.Any]]) -> None:
    """A licence the notice gives only to folders no longer in the repository is not one of its
    licences: dropped from the file's licences, and said in ``absent_scopes``."""
    nothing: list[dict[str, object]] = []
    absent = guarded(path, SOURCE, problems,
                     functools.partial(scoped.absent_scopes, text, set(listing)), nothing)
    dropped = {str(a["spdx"]) for a in absent}
    remaining = [i for i in entry["licences"] if i not in dropped]
    if not absent or not remaining or len(remaining) == len(entry["licences"]):
        return
    entry["absent_scopes"] = [a for a in absent if a["spdx"] in entry["licences"]]
    operator = " OR " if " OR " in entry["spdx"] else " AND "
    entry["licences"] = remaining
    entry["spdx"] = operator.join(remaining)


def _with_summary(entry: dict[str, t.Any] | None) -> dict[str, t.Any] | None:
    summary = explain.readme_summary(entry)
    if entry is None or summary is None:
        return None
    return {**entry, "summary": summary[0], "summary_fr": summary[1]}


def _home(facts: Mapping[str, t.Any], root: list[declared.Declaration]) -> str | None:
    """``host/owner/name`` of the repository as its own files give it (publiccode.yml's ``url``,
    else the root manifest's ``repository``): never the source's metadata, so that a local
    checkout and a remote scan of one commit agree."""
    url = (facts.get("publiccode") or {}).get("url")
    if isinstance(url, str):
        bare = re.sub(r"^[a-z]+://(?:www\.)?", "", url.strip().lower())
        bare = bare.removesuffix(".git").rstrip("/")
        if bare.count("/") >= 2:
            return bare
    return next((d.repository for d in root if d.repository), None)


def _checkout_names(snapshot: Snapshot) -> set[str]:
    """What this checkout is called (``owner/name`` from the source, the folder's name): a
    nested manifest naming it names this project, wherever its root manifest points."""
    names = {snapshot.repo.full_name.lower(), snapshot.repo.name.lower()}
    return {n.strip("/") for n in names if n.strip("/")}


def _names_checkout(repository: str, checkout: set[str]) -> bool:
    """``host/owner/name`` names this checkout: its ``owner/name``, or a folder called ``name``
    or ``owner`` + a separator + ``name`` (``MTES-MCT__partaj``, ``MTES-MCT+partaj``)."""
    parts = repository.split("/")
    owner, name = "/".join(parts[1:-1]), parts[-1]
    for known in checkout:
        if known in (name, f"{owner}/{name}"):
            return True
        prefix = known.removesuffix(name)
        bare = prefix.rstrip("_+-.")
        if prefix != known and bare != prefix and bare == owner.rsplit("/", 1)[-1]:
            return True
    return False


def _set_aside(path: str, item: declared.Declaration, home: str | None,
               named: Counter[str], checkout: set[str]) -> str | None:
    """Why a manifest's licence is not the project's (``npm-installed``, ``copy``), or ``None``.

    A package npm installed there, or a copy of another repository's package: third-party code
    under its own licence. A nested manifest is such a copy when it names another repository
    than the project's home (publiccode.yml's ``url``, else the root manifest's) or, with no
    home known, when it is named after the repository it names and no other manifest names that
    repository (MTES-MCT/dialog blog/package.json: the "eleventy-dsfr" template of
    codegouvfr/eleventy-dsfr). It is the project's own, whatever else it says, when its
    ``repository``, ``homepage`` or ``bugs`` names the home or this checkout (MTES-MCT/partaj
    src/frontend/package.json names MTES-MCT/partaj), or, when it is not named after the
    repository it names, when that repository has the home's owner: a sub-package keeping the
    project's former name (betagouv/api-subventions-asso packages/core: "core", repository
    betagouv/datasubvention, homepage betagouv/api-subventions-asso/tree/main/packages/core).
    """
    if item.third_party:
        return "npm-installed"
    if "/" not in path or not item.repository:
        return None
    own = (item.repository, *item.homes)
    if any(r == home or _names_checkout(r, checkout) for r in own):
        return None
    if home:
        if not item.self_named and item.repository.rsplit("/", 1)[0] == home.rsplit("/", 1)[0]:
            return None
        return "copy"
    return "copy" if item.self_named and named[item.repository] == 1 else None


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
                 deprecated=list(parsed.deprecated), unstated=list(parsed.unstated))
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
    read: list[tuple[str, list[declared.Declaration]]] = []
    for path in manifest_paths(paths):
        data = snapshot.read(path)
        if data is None:
            continue
        items, errors = declared.read(path, data)
        problems.extend(e.to_problem(SOURCE) for e in errors)
        read.append((path, items))
    home = _home(facts, [d for path, items in read if "/" not in path for d in items])
    named = Counter(d.repository for _, items in read for d in items if d.repository)
    checkout = _checkout_names(snapshot)
    for path, items in read:
        for item in items:
            reason = _set_aside(path, item, home, named, checkout)
            entry = _declared_entry(item.source, item.path, item.expression, item.field,
                                    "third-party" if reason else _scope(path))
            if reason:
                entry["set_aside"] = reason
            if item.repository:
                entry["repository"] = item.repository
            if item.tool_default:
                entry["tool_default"] = item.tool_default
            if item.private:
                entry["private"] = True
            if (not reason and item.private and "/" in path and home is None
                    and item.repository and named[item.repository] == 1
                    and not any(_names_checkout(r, checkout)
                                for r in (item.repository, *item.homes))):
                # A private package (never on a registry) naming another repository, with no
                # home known to tell a copy from the project's own package, and no other
                # manifest naming that repository (numerique-gouv/people: two sub-packages name
                # numerique-gouv/people, the project's own): a person decides. A published
                # package's declaration stays compared: a registry shows it.
                entry["elsewhere"] = item.repository
            found.append(entry)
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
            entry.update(kind="name", normalised=parsed.normalised, ids=list(parsed.ids),
                         unstated=list(parsed.unstated))
            entry.pop("error", None)
        found.append(entry)
    return found


_LICENCE_WORDS = re.compile(r"licen[cs]|\bspdx\b|\bgpl\b|\bcecill\b|\beupl\b", re.IGNORECASE)
_HEADING = re.compile(r"\s*(?:#{1,6}\s|=+\s*$|[^\n]*\n[=\-~^]{3,}\s*$)")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def _readme(snapshot: Snapshot, listing: Sequence[str], problems: list[dict[str, t.Any]],
            badges: list[dict[str, t.Any]] | None = None,
            gnu: list[dict[str, t.Any]] | None = None,
            later: list[dict[str, t.Any]] | None = None,
            ) -> tuple[str, dict[str, t.Any] | None]:
    """(the README paragraphs that talk about the licence: or-later notices, dual licensing;
    what the README's licence section holds, read like a licence file). The licences its
    badges name go to ``badges``, its GNU standard notices (with their lines) to ``gnu``, its
    plain "or later" statements to ``later``."""
    chunks: list[str] = []
    section = None
    for index, path in enumerate(readme_paths(listing)):
        text = snapshot.read_text(path) or ""
        if section is None:
            section = guarded(path, SOURCE, problems, functools.partial(readme_licence, text, path),
                              None)
        if badges is not None and index == 0:
            badges += guarded(path, SOURCE, problems, functools.partial(readme_badges, text, path),
                              [])
        if gnu is not None:
            gnu += guarded(path, SOURCE, problems, functools.partial(readme_gnu_notices, text,
                                                                     path), [])
        if later is not None:
            later += guarded(path, SOURCE, problems,
                             functools.partial(readme_later_statements, text, path), [])
        chunks += guarded(path, SOURCE, problems,
                          functools.partial(_licence_paragraphs, text, path), [])
    return "\n\n".join(chunks)[:20_000], section


def _licence_paragraphs(text: str, path: str = "README.md") -> list[str]:
    """The paragraphs that talk about the licence, code blocks left out (a header shown as an
    example of how to mark a file is not the README's statement)."""
    chunks: dict[int, str] = {}
    text = text[:200_000]
    code = parse_markup(text, path).code_lines()
    if code:
        text = "\n".join("" if number in code else line
                         for number, line in enumerate(text.splitlines(), start=1))
    paragraphs = _PARAGRAPH_BREAK.split(text)
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


def _own_licences(files: list[dict[str, t.Any]]) -> dict[str, list[str]]:
    """Folder -> the licences of the component licence files it holds."""
    found: dict[str, list[str]] = {}
    for entry in files:
        if entry["scope"] == "component" and entry["licences"]:
            found.setdefault(entry["path"].rsplit("/", 1)[0], []).extend(entry["licences"])
    return found


def _consistency(declarations: list[dict[str, t.Any]], decision: Decision,
                 files: list[dict[str, t.Any]],
                 readme: dict[str, t.Any] | None = None) -> dict[str, t.Any]:
    """Which declarations name another licence than the effective one (GNU suffixes aside when
    the licence text alone set them). Every declaration gets ``agrees``; the summary counts
    package metadata only, since publiccode.yml and API descriptions have rules of their own.
    Of a licence of several parts, a declaration naming some of them (``partly``) is said; one
    naming only the README's licence for the content, not the code's (``content_only``), is a
    person's to check."""
    effective = decision.ids or list(ids_of(decision.spdx))
    partial: list[explain.Note] = []
    content_only: list[explain.Note] = []
    if not effective:
        for entry in declarations:
            entry["agrees"] = None
        return {"checked": 0, "agree": None, "disagreeing": [], "partly": partial,
                "content_only": content_only, "unsure": [],
                "nothing": explain.nothing_compared(False, declarations, decision.method)}
    # A suffix only the SPDX convention gave (the licence text alone), or that one side does
    # not state ("GNU AGPL v3", a gnu.org URL, the deprecated "AGPL-3.0"), cannot disagree.
    loose = decision.version_basis in (None, "text", "notice", "unstated", "deprecated")
    own = _own_licences(files)
    checked = 0
    disagreeing: list[dict[str, t.Any]] = []
    unsure: list[explain.Note] = []
    for entry in declarations:
        ids = entry["ids"]
        if not ids or entry["scope"] == "third-party":
            entry["agrees"] = None
            continue
        if entry is decision.declaration:
            # The repository's licence was taken from this declaration: comparing it with
            # itself proves nothing (CEREMA/schema-arrete-circulation-marchandises schema.json).
            entry["agrees"] = True
            continue
        # A sub-package with a licence file of its own is compared with that file: it is
        # licensed on its own terms, consistently or not.
        folder = entry["path"].rsplit("/", 1)[0] if "/" in entry["path"] else None
        against = own.get(folder, effective) if folder and entry["scope"] == "component" else \
            effective
        if against is not effective:
            entry["compared_with"] = sorted(f["path"] for f in files
                                            if f["path"].rsplit("/", 1)[0] == folder)
        unstated = set(entry.get("unstated") or ())
        if loose or against is not effective:
            unstated |= {family(i) for i in against}
        shared = [i for i in ids if any(same_licence(i, e, unstated=unstated)
                                        for e in against)]
        if " OR " in (entry["normalised"] or ""):
            agrees: bool | None = bool(shared)
        elif len(shared) == len(ids):
            agrees = True
        elif shared:
            # Claims the licence found and more (``MIT AND CC-BY-4.0`` beside a MIT file): the
            # other part may cover files civiscan cannot see as licensed; a person decides.
            agrees = None
        else:
            agrees = False
        if (agrees is False and entry["source"] == "Frictionless" and against is effective
                and all(i in DATA_DOCS_LICENCES for i in ids)):
            # A Table Schema's or data package's licence for public information is that of the
            # schema or data it describes, beside the code's licence: no contradiction.
            entry["agrees"] = None
            checked += 1
            partial.append(explain.frictionless_data(entry))
            continue
        entry["agrees"] = agrees
        if entry["source"] in OTHER_RULES:  # publiccode.yml and API specs have their own rules
            continue
        checked += 1
        how = None if agrees is False or against is not effective else explain.partly(
            entry, effective, (readme or {}).get("scopes") or [], (readme or {}).get("path"))
        if how is not None:
            (content_only if how[0] == "content-only" else partial).append(how[1])
        doubt = None if agrees is not False or against is not effective else (
            explain.named_elsewhere(entry)
            or explain.licence_text_declared(entry, decision.conflicts, decision.ids, files))
        if doubt is not None:
            unsure.append(doubt)
        elif agrees is False and not any(
                (seen["path"], seen["expression"]) == (entry["path"], entry["expression"])
                for seen in disagreeing):
            # One manifest stating one licence twice (pyproject's license and its classifiers)
            # is one disagreement; a sub-package is named with the licence file it contradicts.
            held = ", ".join(sorted(against))
            beside = f"{', '.join(entry['compared_with'])}" if against is not effective else None
            disagreeing.append({
                "source": entry["source"], "path": entry["path"],
                "expression": entry["expression"],
                "summary": f"{entry['path']} ({entry['expression']}"
                           + (f", while {beside} in its folder holds {held})" if beside else ")"),
                "summary_fr": f"{entry['path']} ({entry['expression']}"
                              + (f", alors que {beside} dans son dossier contient {held})"
                                 if beside else ")")})
    return {"checked": checked, "agree": (not disagreeing) if checked else None,
            "disagreeing": disagreeing, "partly": partial, "content_only": content_only,
            "unsure": unsure,
            "nothing": None if checked else explain.nothing_compared(
                True, declarations, source=decision.declaration)}


def _built(facts: Mapping[str, t.Any]) -> list[str]:
    """The pages and stylesheets of a documentation build the repository collector found: the
    code files counted here are those of ``repository.code_files``."""
    repository = facts.get("repository")
    build = repository.get("doc_build") if isinstance(repository, Mapping) else None
    files = build.get("files") if isinstance(build, Mapping) else None
    return [f for f in files if isinstance(f, str)] if isinstance(files, list) else []


def _data_docs(listing: Sequence[str], sizes: Mapping[str, int | None],
               files: list[dict[str, t.Any]], declarations: list[dict[str, t.Any]],
               readme: str, in_readme: dict[str, t.Any] | None,
               built: Sequence[str] = ()) -> dict[str, t.Any]:
    """Is the repository mostly data or documentation, and which data/docs licences it names."""
    section = content.classify(listing, sizes, built)
    named = {i for f in files for i in f["licences"]}
    named |= {i for d in declarations if d["scope"] != "third-party" for i in d["ids"]}
    named |= {resolve(m)[0] for m in mentions(readme)}
    if in_readme:
        named |= set(in_readme["licences"])
    section["licences"] = sorted(i for i in named if i in DATA_DOCS_LICENCES)
    return section
