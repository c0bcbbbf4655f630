"""Published API descriptions (OpenAPI, Swagger, AsyncAPI) and the evidence that an API exists.

Fills ``api_specs`` (one entry per description: validity, errors located by pointer and line,
documentation facts) and ``api`` (does the repository expose an API, on what evidence, which
frameworks generate a description at run time, where the repository points at one). The work is
done by :mod:`scanner.apispecs`; this module only reads the snapshot and assembles facts.
"""

from __future__ import annotations

import copy
import functools
import hashlib
import posixpath
import typing as t
from collections.abc import Iterable, Mapping, Sequence

from scanner.apispecs import (
    apiroot,
    basefile,
    buildtime,
    codespec,
    consumed,
    discovery,
    exposure,
    frameworks,
    graphqlclient,
    library,
    mcp,
    mounts,
    railsapi,
    references,
    served,
    setup,
    shared_schemas,
    template,
)
from scanner.apispecs.lint import lint_document
from scanner.apispecs.refs import parse_target
from scanner.apispecs.sniff import declared_kind, sniff
from scanner.apispecs.text import clean
from scanner.apispecs.validate import validate_document
from scanner.budget import guarded
from scanner.collectors.base import Collector, Fragment
from scanner.errors import ParseError
from scanner.memo import Memo
from scanner.parsing import Loaded, decode, load_data, load_yaml, locate_lines
from scanner.snapshot import Snapshot

SOURCE = "api_specs"
#: Largest description parsed, whatever the snapshot's own cap (parsing is ~0.2 s per MB).
MAX_SPEC_BYTES = 10 * 1024 * 1024
#: Lint checks about operations and servers (the ``info`` ones are in ``missing_info``).
OPERATION_CHECKS = ("servers", "operation_ids_unique", "operations_described",
                    "responses_documented", "security_schemes_declared")


class ApiSpecsCollector(Collector):
    name = "api_specs"

    def empty(self) -> Fragment:
        return {"api_specs": [], "api": empty_api()}

    def wanted(self, paths: Sequence[str],
               sizes: Mapping[str, int | None] | None = None) -> Iterable[str]:
        """Descriptions by name, a capped few sniff candidates, manifests, route tables, README,
        publiccode.

        ``sizes`` (optional, from the tree listing) keeps files over 8 MB out of sniffing.
        """
        wanted = discovery.plan(paths, sizes).paths
        wanted += frameworks.manifest_paths(paths)
        wanted += consumed.config_paths(paths)
        wanted += frameworks.settings_paths(paths)
        wanted += railsapi.config_paths(paths)
        wanted += setup.entry_paths(paths)
        wanted += served.entry_paths(paths)
        wanted += exposure.routes_paths(paths)
        wanted += buildtime.config_paths(paths)
        wanted += codespec.source_paths(paths)
        wanted += exposure.read_paths(paths)
        wanted += mounts.json_route_paths(paths)
        wanted += apiroot.url_paths(paths)
        wanted += references.readme_paths(paths)
        present = set(paths)
        wanted += [p for p in references.PUBLICCODE_NAMES if p in present]
        return list(dict.fromkeys(wanted))

    def collect(self, snapshot: Snapshot, facts: Mapping[str, t.Any]) -> Fragment:
        paths = snapshot.paths()
        # A symlink to a listed description is that description again, not a second one.
        plan = discovery.plan([p for p in paths if snapshot.links.get(p) not in snapshot.files],
                              snapshot.files)
        problems: list[dict[str, t.Any]] = []
        specs: list[dict[str, t.Any]] = []
        digests: dict[str, str] = {}
        files = SnapshotFiles(snapshot, plan.paths)
        memo = Memo()
        unread = [c.path for c in plan.sniff if _sniff_unreadable(snapshot, c.path)]
        for candidate in (*plan.named, *plan.sniff):
            entry = examine(snapshot, candidate, problems, files, memo)
            if entry is None:
                continue
            digest = entry.pop("_sha256", None)
            entry = clean(entry)  # text copied from the description must encode as UTF-8
            if digest is not None:
                entry["same_as"] = digests.get(digest)
                digests.setdefault(digest, entry["path"])
            specs.append(entry)
        specs.sort(key=lambda s: s["path"])
        shared_schemas.mark(specs)
        scripts = _scripts(snapshot, paths)
        repository = snapshot.repo.full_name or snapshot.repo.name
        readmes = {path: text for path in references.readme_paths(paths)
                   if (text := snapshot.read_text(path)) is not None}
        inputs = {**consumed.readme_inputs(readmes, [s["path"] for s in specs]),
                  **consumed.generator_inputs(scripts)}
        named = _named(snapshot, paths, specs, scripts)
        implemented = consumed.server_inputs(scripts)
        specs, others = consumed.split(specs, repository, inputs, named,
                                       implemented=implemented)
        found: list[dict[str, t.Any]] = []
        api = api_section(snapshot, facts, paths, specs, found)
        runtime = [g["name"] for g in api["generated"]
                   if g["name"] in frameworks.SERVES_AT_RUN_TIME]
        if runtime and specs:
            # Served at run time: a generator's input titled after another product is that
            # product's description (see scanner.apispecs.consumed).
            own, more = consumed.split(specs, repository, inputs, named, runtime[0],
                                       implemented)
            if more:
                specs, others = own, others + more
                found = []
                api = api_section(snapshot, facts, paths, specs, found)
        problems.extend(found)
        api["consumed_specs"] = others
        api["discovery"] = discovery_facts(plan, unread)
        return {"api_specs": specs, "api": api, "problems": problems}


def _sniff_unreadable(snapshot: Snapshot, path: str) -> bool:
    """Whether a file planned for sniffing was left unread by the snapshot (too large for it,
    skipped, or over the sniffing limit where its size was not known when planning)."""
    if path in snapshot.skipped or snapshot.too_large(path):
        return True
    size = snapshot.size(path)
    return size is not None and size > discovery.SNIFF_MAX_BYTES


def discovery_facts(plan: discovery.Plan, unread: Sequence[str]) -> dict[str, t.Any]:
    """``api.discovery``: what was read, and how many candidates were not (the plan's limits,
    and sniff candidates the snapshot did not hold), so that no finding says none was found
    as if they had been."""
    return {"named": len(plan.named), "sniffed": len(plan.sniff) - len(unread),
            "sniff_skipped": plan.sniff_skipped + len(unread),
            "unread": plan.unread + len(unread),
            "unread_example": plan.unread_example or (unread[0] if unread else None)}


def _scripts(snapshot: Snapshot, paths: Sequence[str]) -> dict[str, str]:
    """``package.json`` files and client generator configurations, by path, with their text
    (what :mod:`scanner.apispecs.consumed` reads scripts from)."""
    files: dict[str, str] = {}
    for path in [*frameworks.manifest_paths(paths), *consumed.config_paths(paths)]:
        if path.rsplit("/", 1)[-1].lower() in ("package.json", *consumed.CONFIG_NAMES):
            text = snapshot.read_text(path)
            if text is not None:
                files[path] = text
    return files


def _named(snapshot: Snapshot, paths: Sequence[str], specs: Sequence[Mapping[str, t.Any]],
           scripts: Mapping[str, str]) -> set[str]:
    """The descriptions a script or a generator configuration names, or whose file name a root
    README mentions: the repository works with those."""
    named = set(consumed.script_paths(scripts))
    readmes = [text for text in map(snapshot.read_text, references.readme_paths(paths))
               if text is not None]
    for spec in specs:
        base = spec["path"].rsplit("/", 1)[-1]
        if any(base in text for text in readmes):
            named.add(spec["path"])
    return named


def empty_api() -> dict[str, t.Any]:
    """The ``api`` section with every key present, so rules can rely on its shape."""
    return {"exposes": None, "confidence": None, "evidence": [], "summary": "", "summary_fr": "",
            "graphql_only": False, "fhir_only": False, "frameworks": [], "generated": [],
            "dev_only_generators": [], "references": [], "invalid_specs": [],
            "unvalidated_specs": [], "undocumented_specs": [],
            "lint_failures": [], "operations_checked": [], "shared_schemas": [],
            "consumed_specs": [], "code_specs": [], "library": None, "root_links": [],
            "discovery": {"named": 0, "sniffed": 0, "sniff_skipped": 0, "unread": 0,
                          "unread_example": None}}


def _unread_entry(path: str, reason: str) -> dict[str, t.Any]:
    """A description known by its name only: listed, with why it could not be checked."""
    return {"path": path, "kind": discovery.guess_kind(path), "version": None, "valid": None,
            "skipped": reason, "errors": [], "error_count": 0}


class SnapshotFiles:
    """The repository as file references see it: every listed path exists; only the files the
    collector declared in :meth:`ApiSpecsCollector.wanted` are read (a remote source fetched
    those and nothing else), so a fragment into another file is checked only there."""

    def __init__(self, snapshot: Snapshot, readable: Iterable[str]) -> None:
        self.snapshot = snapshot
        self.readable = frozenset(readable)
        self._parsed: dict[str, tuple[bool, t.Any]] = {}

    def exists(self, path: str) -> bool | None:
        if path in self.snapshot.files:
            return True
        return None if self.snapshot.truncated else False

    def document(self, path: str) -> tuple[bool, t.Any]:
        if path not in self._parsed:
            data = self.snapshot.read(path) if path in self.readable else None
            self._parsed[path] = ((False, None) if data is None or len(data) > MAX_SPEC_BYTES
                                  else parse_target(path, data))
        return self._parsed[path]


def examine(snapshot: Snapshot, candidate: discovery.Candidate,
            problems: list[dict[str, t.Any]], files: SnapshotFiles | None = None,
            memo: Memo | None = None) -> dict[str, t.Any] | None:
    """The ``api_specs`` entry of one candidate file, or ``None`` if it is not a description.

    Parsing and validation run within the per-file budget, once per content in a scan
    (``memo``): copies of one description at other paths reuse the outcome, unless it refers to
    other files, which are then resolved from each copy's folder.
    """
    path = candidate.path
    named = candidate.reason == "named"
    if path in snapshot.skipped:
        if named:
            reason = snapshot.skipped[path]
            problems.append({"source": SOURCE, "path": path, "line": None,
                             "message": f"API description not read: {reason}"})
            return _unread_entry(path, reason)
        return None
    if snapshot.too_large(path):
        if not named:
            return None
        reason = (f"file too large: {snapshot.size(path):,} bytes, over the "
                  f"{snapshot.max_file_bytes:,}-byte limit; not read")
        problems.append({"source": SOURCE, "path": path, "line": None, "message": reason})
        return _unread_entry(path, reason)
    data = snapshot.read(path)
    if data is None or (not named and len(data) > discovery.SNIFF_MAX_BYTES):
        return None
    if len(data) > MAX_SPEC_BYTES:  # a source with a higher cap than ours
        reason = (f"file too large: {len(data):,} bytes, over the {MAX_SPEC_BYTES:,}-byte limit "
                  "for API descriptions; not parsed")
        problems.append({"source": SOURCE, "path": path, "line": None, "message": reason})
        return _unread_entry(path, reason)
    memo = Memo() if memo is None else memo
    kind = f"api-spec:{candidate.reason}:{path.lower().endswith('.json')}"
    digest = hashlib.sha256(data)  # hashed once: the memo's key and the entry's identity
    folder = posixpath.dirname(path)
    try:
        entry, found = memo.bounded(kind, digest.digest(), path, _examine_content, data, path,
                                    named, files)
        if entry is not None and entry.get("_folder", folder) != folder:
            # Its references to other files were resolved from another copy's folder.
            entry, found = memo.bounded(f"{kind}:{folder}", digest.digest(), path,
                                        _examine_content, data, path, named, files)
    except ParseError as exc:  # out of time, or failed in a way no parser error foresees
        problems.append(exc.to_problem(SOURCE))
        return _unread_entry(path, exc.message)
    if entry is None:
        return None
    entry, found = _relocated(entry, found, path)
    problems.extend(found)
    if "refs" in entry:  # parsed and validated: copies are marked (``same_as``) by this digest
        entry["_sha256"] = digest.hexdigest()
    return entry


def _relocated(entry: dict[str, t.Any], problems: list[dict[str, t.Any]],
               path: str) -> tuple[dict[str, t.Any], list[dict[str, t.Any]]]:
    """A copy of the (remembered) entry and problems of this content, for the file at ``path``
    (whose references to other files, if any, resolve as they did for the entry: see
    :func:`examine`)."""
    entry = copy.deepcopy(entry)
    entry.pop("_folder", None)
    if entry["path"] != path:
        entry["path"] = path
        for error in entry["errors"]:
            error["path"] = path
        problems = [{**problem, "path": path} for problem in problems]
    return entry, list(problems)


def _examine_content(data: bytes, path: str, named: bool, files: SnapshotFiles | None
                     ) -> tuple[dict[str, t.Any] | None, list[dict[str, t.Any]]]:
    """The entry of one candidate's content (``None`` if it is no description), with the
    problems met."""
    as_json = path.lower().endswith(".json")
    found = sniff(data, json=as_json)
    yaml_text = False
    if found is None and as_json:
        # YAML under a .json name (etalab-ia/OpenMockLLM docs/openai_openapi.json): read as
        # YAML when its first key says so, never dropped as "no description".
        found = sniff(data, json=False)
        if found is None or not found.leading:
            return None, []
        yaml_text = True
    if found is None:
        return None, []
    try:
        loaded = load_yaml(data, path=path) if yaml_text else load_data(data, path=path)
    except ParseError as exc:
        if not (named or found.leading):
            return None, []  # mentions the key but neither its name nor its start says so
        return {"path": path, "kind": found.kind, "version": None, "valid": False,
                "errors": [{"path": path, "pointer": "", "line": exc.line,
                            "message": exc.message}],
                "error_count": 1, "size": len(data)}, [exc.to_problem(SOURCE)]
    declared = declared_kind(loaded.value)
    if declared is None:
        return None, []  # the key was not at the top level: a fragment, not a description
    kind, version = declared
    document = loaded.value
    result = validate_document(document, kind, version, path, files)
    located = loaded
    if (result.errors or result.refs.issues) and loaded.lines is None:
        # Lines are only needed to point at problems: build the map then, not for every file.
        located = Loaded(document, locate_lines(decode(data, path), path))
    # The line of the pointer itself, never of an ancestor: a path without a line is better
    # than the line of the object holding it (the whole document's is line 1).
    line_of = (located.lines or {}).get

    entry: dict[str, t.Any] = {
        "path": path, "kind": kind, "version": version, "valid": result.valid,
        "schema": result.schema,
        "errors": [{"path": path, "pointer": e.pointer, "line": line_of(e.pointer),
                    "message": e.message} for e in result.errors],
        "error_count": result.error_count,
        "refs": {"local": result.refs.local, "external": result.refs.external,
                 "files": result.refs.files,
                 "not_followed": [{"pointer": i.pointer, "ref": i.ref,
                                   "line": line_of(i.pointer), "reason": i.reason}
                                  for i in result.refs.issues if not i.error]},
        "size": len(data),
    }
    if yaml_text:
        entry["format"] = {"note": "YAML text under a .json name: read as YAML",
                           "note_fr": "texte YAML sous un nom en .json : lu comme du YAML"}
    if result.valid is None:
        entry["skipped"] = f"no schema for {kind} {version}: validity not checked"
        entry["skipped_fr"] = f"pas de schéma pour {kind} {version} : validité non vérifiée"
    filled = template.placeholder(document)
    if filled is not None:
        field, mark = filled
        entry["template"] = {"field": field, "placeholder": mark}
        if result.valid is False:
            # What is served is the completed template: its errors as committed may be filled in.
            count = result.error_count
            entry["valid"] = None
            entry["skipped"] = (f"a template the software completes before serving it, {field} "
                                f"holding the placeholder {mark}; its {count} error(s) as "
                                "committed are not judged")
            entry["skipped_fr"] = (f"un modèle que le logiciel complète avant de le servir, {field} "
                                   f"contenant le paramètre {mark} ; ses {count} erreur(s) telles "
                                   "que versées au dépôt ne sont pas jugées")
    if result.refs.external:  # resolved from this folder: copies elsewhere are checked anew
        entry["_folder"] = posixpath.dirname(path)
    entry.update(lint_document(document, kind))
    samples = entry["lint"]["sample_info"]
    if samples:  # an info block left as a sample: say on which lines
        lines = (located.lines if located.lines is not None
                 else locate_lines(decode(data, path), path)) or {}
        for sample in samples:
            sample["line"] = lines.get(sample["pointer"])
    return entry, []


def api_section(snapshot: Snapshot, facts: Mapping[str, t.Any], paths: Sequence[str],
                specs: Sequence[dict[str, t.Any]],
                problems: list[dict[str, t.Any]] | None = None) -> dict[str, t.Any]:
    """The ``api`` facts: exposure decision, frameworks, references, per-spec summaries.

    Each file is read within the per-file budget; a failure is added to ``problems``.
    """
    problems = [] if problems is None else problems
    nothing: list[dict[str, t.Any]] = []
    found_frameworks: list[dict[str, t.Any]] = []
    found_builds: dict[str, dict[str, t.Any]] = {}  # by project folder
    root_manifests: dict[str, str] = {}
    manifest_texts: dict[str, str] = {}
    for config in buildtime.config_paths(paths):
        text = snapshot.read_text(config)
        built = None if text is None else guarded(config, SOURCE, problems, functools.partial(
            buildtime.config_fact, config, text, paths), None)
        if built is not None:
            found_builds.setdefault(posixpath.dirname(config), built)
    manifests = frameworks.manifest_paths(paths)
    for manifest in manifests:
        text = snapshot.read_text(manifest)
        if text is not None:
            manifest_texts[manifest] = text
            if "/" not in manifest:
                root_manifests[manifest] = text
            found_frameworks.extend(guarded(manifest, SOURCE, problems, functools.partial(
                frameworks.detect, manifest, text), nothing))
            built = buildtime.manifest_fact(manifest, text, paths)
            if built is not None:
                found_builds.setdefault(posixpath.dirname(manifest), built)
    for settings in frameworks.settings_paths(paths):
        text = snapshot.read_text(settings)
        if text is not None:
            known = {f["name"] for f in found_frameworks}  # a manifest named it already
            found_frameworks.extend(f for f in guarded(settings, SOURCE, problems, functools.partial(
                frameworks.detect_settings, settings, text), nothing) if f["name"] not in known)
    marks = [mark for path in railsapi.config_paths(paths)
             if (text := snapshot.read_text(path)) is not None
             and (mark := railsapi.api_only(path, text)) is not None]
    railsapi.annotate(found_frameworks, marks)
    found_frameworks.extend(found_builds.values())
    # A generator listed in a manifest but never set up generates nothing (pass-emploi-connect).
    setup.annotate(found_frameworks, paths, snapshot.read_text)
    # An API framework run without a server (a NestJS command-line tool) serves no API.
    served.annotate(found_frameworks, paths, snapshot.read_text)
    for gemspec in library.gemspec_paths(paths):
        root_manifests[gemspec] = ""  # its name is the package's
    section = facts.get("publiccode")
    view = references.publiccode_view(section if isinstance(section, Mapping) else None)
    if view["software_type"] is None and not view["api_documentation"]:
        present = set(paths)
        for name in references.PUBLICCODE_NAMES:
            if name in present:
                parsed = guarded(name, SOURCE, problems, functools.partial(
                    references.parse_publiccode, name, snapshot.read(name)), None)
                view = references.publiccode_view(None, parsed)
                break
    links: list[dict[str, t.Any]] = [{"source": "publiccode", "path": "publiccode.yml",
                                      "line": None, "url": url}
                                     for url in view["api_documentation"]]
    readmes: list[tuple[str, str]] = []
    named_evidence: list[dict[str, t.Any]] = []
    for readme in references.readme_paths(paths):
        text = snapshot.read_text(readme)
        if text is not None:
            readmes.append((readme, text))
            links.extend(guarded(readme, SOURCE, problems, functools.partial(
                references.readme_links, readme, text), nothing))
            named_evidence.extend(guarded(readme, SOURCE, problems, functools.partial(
                references.readme_api_evidence, readme, text), nothing))
            named_evidence.extend(guarded(readme, SOURCE, problems, functools.partial(
                references.readme_self_description, readme, text), nothing))
            named_evidence.extend(guarded(readme, SOURCE, problems, functools.partial(
                references.readme_internal_api, readme, text), nothing))
    published = guarded(readmes[0][0], SOURCE, problems, functools.partial(
        library.published_package, root_manifests, readmes), None) if readmes else None
    repository = facts.get("repository")
    topics = (repository.get("topics", []) if isinstance(repository, Mapping)
              else list(snapshot.repo.topics))
    # An MCP server's README list of its transport and health check shows no REST API.
    named_evidence = mcp.refine(named_evidence, mcp.server(manifest_texts),
                                references.MIN_ENDPOINTS)
    named_evidence.extend(exposure.path_evidence(paths, snapshot.read_text))
    # Another service's GraphQL schema, committed by a client of it (dnum-mi/ds-api-client).
    graphqlclient.set_aside(named_evidence, manifest_texts)
    # Both readers look at the same server entry files: each is read and decoded once.
    read_entry = functools.lru_cache(maxsize=None)(snapshot.read_text)
    named_evidence.extend(mounts.evidence(paths, read_entry))
    named_evidence.extend(mounts.json_routes(paths, read_entry))
    site = exposure.static_site(paths)
    if site is not None:
        named_evidence.append(site)
    for routes in exposure.routes_paths(paths):
        text = snapshot.read_text(routes)
        if text is not None:
            named_evidence.extend(guarded(routes, SOURCE, problems, functools.partial(
                exposure.routes_evidence, routes, text), nothing))
    # A link to the API's own root (a DRF router's prefix) is no description of it.
    links, root_links = apiroot.split(links, apiroot.router_mounts(paths, snapshot.read_text))
    decision = exposure.decide(
        specs=specs, software_type=view["software_type"],
        api_documentation=view["api_documentation"], frameworks=found_frameworks,
        topics=[topic for topic in topics if isinstance(topic, str)],
        paths_evidence=named_evidence, library=published,
        roots={r["url"]: (r["note"], r["note_fr"]) for r in root_links},
        manifests=(list(manifest_texts), [m for m in manifests if m not in manifest_texts]))
    api = empty_api()
    api.update(decision)
    api["library"] = published
    api["frameworks"] = found_frameworks
    # One generator declared by two manifests (a parent and a module pom.xml) is named once.
    generators: dict[str, dict[str, t.Any]] = {}
    for framework in found_frameworks:
        if framework["role"] == "generates" and setup.set_up(framework):
            generators.setdefault(framework["name"], framework)
    # A base file the generator completes with the code's paths is no invalid description.
    basefile.mark(specs, generators.values())
    api["generated"] = [{**g, **_generated_summary(g)} for g in generators.values()]
    api["dev_only_generators"] = _dev_only(found_frameworks)
    api["references"] = links
    # Per-description one-liners, so rule messages can name each file with its own problem.
    api["invalid_specs"] = []
    for spec in specs:
        if spec["valid"] is False:
            first = _describe(spec["errors"][0]) if spec.get("errors") else ""
            first_fr = _describe(spec["errors"][0], "fr") if spec.get("errors") else ""
            api["invalid_specs"].append({
                "path": spec["path"], "error_count": spec.get("error_count", 0),
                "first_error": first, "summary": f"{spec['path']} ({first})",
                "summary_fr": f"{spec['path']} ({first_fr})"})
    api["unvalidated_specs"] = [
        {"path": s["path"], "reason": s.get("skipped", ""),
         "summary": f"{s['path']} ({s.get('skipped', '')})",
         "summary_fr": f"{s['path']} ({s.get('skipped_fr') or s.get('skipped', '')})"}
        for s in specs if s["valid"] is None]
    api["undocumented_specs"] = [
        _undocumented(s) for s in specs
        if s.get("lint") and (s["lint"]["missing_info"] or s["lint"].get("sample_info"))]
    api["references"] = clean(links)
    # A description written as a JS/TS object and served: committed, but as code (dtlk-api).
    api["code_specs"] = [entry for path in codespec.source_paths(paths)
                         if (text := snapshot.read_text(path)) is not None
                         and (entry := guarded(path, SOURCE, problems, functools.partial(
                             codespec.examine, path, text, manifest_texts), None)) is not None]
    api["root_links"] = clean(root_links)
    api["lint_failures"] = []
    api["shared_schemas"] = []
    for spec in specs:
        if spec.get("shared_schema"):
            # Serves nothing: the descriptions referring to it carry these checks.
            api["shared_schemas"].append({"path": spec["path"],
                                          "summary": spec["shared_schema"]["summary"],
                                          "summary_fr": spec["shared_schema"]["summary_fr"]})
            continue
        if "lint" in spec:
            api["operations_checked"].append({"path": spec["path"]})
        failed = [check for check in OPERATION_CHECKS if spec.get("lint", {}).get(check) is False]
        if failed:
            api["lint_failures"].append({"path": spec["path"], "failed": failed,
                                         "summary": f"{spec['path']}: {', '.join(failed)}"})
    return api


def _undocumented(spec: Mapping[str, t.Any]) -> dict[str, t.Any]:
    """One description's missing ``info`` fields and those left as a generator's sample, with
    the line of each sample value."""
    missing = ", ".join(spec["lint"]["missing_info"])
    samples = spec["lint"].get("sample_info") or []
    english, french = [missing] if missing else [], [missing] if missing else []
    if samples:
        # Short: the rule message cuts each summary at 300 characters.
        def one(sample: Mapping[str, t.Any], word: str) -> str:
            value = sample["value"] if len(sample["value"]) <= 40 else sample["value"][:40] + "…"
            line = f"{word} {sample['line']} " if sample.get("line") else ""
            return f'{line}{sample["field"]} "{value}"'

        english.append("info holds sample or placeholder values: "
                       + ", ".join(one(s, "line") for s in samples))
        french.append("le bloc info contient des valeurs d'exemple ou de remplissage : "
                      + ", ".join(one(s, "ligne") for s in samples))
    return {"path": spec["path"], "missing": missing,
            "sample": [s["field"] for s in samples],
            "summary": f"{spec['path']}: {'; '.join(english)}",
            "summary_fr": f"{spec['path']} : {' ; '.join(french)}"}


def _dev_only(found: Sequence[Mapping[str, t.Any]]) -> list[dict[str, str]]:
    """Generators set up only in development (``not_set_up`` reason ``debug``), once each: a
    message must not say "no framework that generates one" of them (numerique-gouv/widged:
    drf-spectacular behind ``settings.USE_SWAGGER or settings.DEBUG``)."""
    named: dict[str, dict[str, str]] = {}
    for framework in found:
        verdict = framework.get("not_set_up")
        if framework["role"] == "generates" and verdict and verdict["reason"] == "debug":
            # Where the set-up is kept to development: its summary is in the API's own.
            where = (f"{framework['name']} ({verdict['path']}:{verdict['line']})"
                     if verdict.get("path") else f"{framework['name']} ({framework['path']})")
            named.setdefault(framework["name"], {
                "name": framework["name"], "path": framework["path"],
                "summary": where, "summary_fr": where})
    return list(named.values())


def _generated_summary(framework: Mapping[str, t.Any]) -> dict[str, str]:
    """How a generator makes the description, for messages: at run time (a framework serving
    it), at build time from the sources it names, or from the code (a library: when is not
    checked); and the condition it is set up under, if any."""
    build = framework.get("build")
    name = framework["name"]
    if build:
        english = f"{name} ({framework['path']}) {build['detail']}"
        french = f"{name} ({framework['path']}) {build['detail_fr']}"
    elif name in frameworks.SERVES_AT_RUN_TIME:
        english, french = f"{name} at run time", f"{name} à l'exécution"
        if framework.get("bases"):
            shown = ", ".join(framework["bases"][:3])
            english += f" from {shown} (a base file it completes with the code's paths)"
            french += f" à partir de {shown} (un fichier de base qu'il complète des chemins du code)"
    else:
        english = (f"{name} ({framework['path']}), built by the application's code or tooling "
                   "(at run time or at build time: not checked)")
        french = (f"{name} ({framework['path']}), construite par le code ou l'outillage de "
                  "l'application (à l'exécution ou à la construction : non vérifié)")
    condition = framework.get("condition")
    if condition:
        english += f", {condition['detail']}"
        french += f", {condition['detail_fr']}"
    return {"summary": english, "summary_fr": french}


def _describe(error: Mapping[str, t.Any], language: str = "en") -> str:
    """``pointer (line N): message``; the line only where the pointer itself was located."""
    where = error.get("pointer") or "/"
    word = "ligne" if language == "fr" else "line"
    line = f" ({word} {error['line']})" if error.get("line") else ""
    return f"{where}{line}: {error.get('message', '')}"
