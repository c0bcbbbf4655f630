"""Differential measurement: civiscan's API description validator against openapi-spec-validator.

    python bench/api_differential.py FOLDER [--jobs 2] [--timeout 120] [--sample N --seed S]
                                            [--list FILES.txt] [--records FILE.jsonl]
                                            [--from-records FILE.jsonl] [--verbose]

Every ``*.yaml``/``*.yml``/``*.json`` file under FOLDER that declares ``openapi`` or ``swagger`` at
its top level is validated twice: by civiscan (``scanner.parsing`` then
``scanner.apispecs.validate.validate_document``, with file references resolved inside FOLDER, as
the collector does inside a repository) and by openapi-spec-validator (its own reader, then its
full validation). Neither side reaches the network: openapi-spec-validator's http(s) handlers
are replaced by one that refuses, and its file handler refuses paths outside FOLDER.

Verdicts that differ are adjudicated by :func:`adjudicate`: each rule there names the clause of
the specification that decides who is right (written after reading every disagreement of the
sets below by hand). A disagreement no rule covers is counted as ``unadjudicated`` and listed:
read it, then add a rule. ``undecided`` counts disagreements that no one can settle offline
(openapi-spec-validator needed a remote reference; one side timed out).

The LAST line printed is the JSON ``{"files", "agree", "civiscan_right", "validator_right", ...}``.
Third-party descriptions are not part of the repository: point FOLDER at a copy outside it.

Recorded on the 2-core dev machine (2026-11-30, openapi-spec-validator 0.9.0), every disagreement
read by hand and covered by a rule below ("before" is main at 10349fe, "after" this version):

    set                                  files  agree before  agree after  civiscan / validator right
    APIs.guru directory, 430 drawn [1]    430   389 (90.5%)   419 (97.4%)  10 / 31 -> 11 / 0
    openapi-directory-lite, all JSON [2]  567   553 (97.5%)   547 (96.5%)  14 / 0 -> 20 / 0
    targeted [3]                           11     4             9           0 / 7 -> 2 / 0

    [1] zijianhuang/openapi-directory, a 2020 copy of APIs-guru/openapi-directory (the upstream
        snapshot is over the 500 MiB fetch limit); --sample 430 --seed 430 from its first 2,384
        descriptions.
    [2] darosh/openapi-directory-lite (APIs.guru descriptions as JSON, 2018).
    [3] the 8 descriptions with a mistyped default among all 3,110 of [1], one with a mistyped
        default in a Swagger 2.0 Schema Object (allowed), DigitalOcean's multi-file root
        (digitalocean/openapi at 7c1300c: 661 references to 2,900 files, all present, no false
        "does not exist") and tests/fixtures/apispecs/adyen-checkout37-tab-block-scalar.yaml.

Before, civiscan missed 31 references to sibling files that do not exist (Azure) and 7 mistyped
defaults; it is now right where the validator is. Where civiscan is right and the validator
wrong: pattern validity, a SHOULD (\\p{...} patterns, which Python's re lacks, and AWS's
``\\A...\\z``, now a lint finding rather than an invalid description), Swagger 2.0 ``type:
file`` responses, ``items`` arrays in 2.0 schemas, ``{name:regex}`` path segments named
verbatim, defaults in request bodies (not walked by the validator), a tab opening a block
scalar and a plain ``=`` (YAML 1.1 readers). "Agree" compares verdicts: in [2], 6 descriptions
both called invalid for non-ECMA patterns only are now civiscan's to be right on (valid, with a
lint finding); of the 32 both call invalid in [1] after, 31 are the missing Azure files and 1
an empty "uri", the same reason on both sides.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import multiprocessing
import os
import random
import re
import signal
import sys
import typing as t
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

EXTENSIONS = (".yaml", ".yml", ".json")
#: Most error messages kept per side and file.
KEEP = 8


class _Timeout(Exception):
    pass


def _alarm(_signum: int, _frame: t.Any) -> t.NoReturn:
    raise _Timeout


def candidates(root: Path) -> list[Path]:
    """Files that declare ``openapi`` or ``swagger`` where a top-level key can be."""
    from scanner.apispecs.sniff import sniff

    found = []
    for path in sorted(root.rglob("*")):
        if not path.is_file() or not path.name.lower().endswith(EXTENSIONS):
            continue
        try:
            head = path.read_bytes()
        except OSError:
            continue
        hit = sniff(head, json=path.name.lower().endswith(".json"))
        if hit is not None and hit.kind in ("openapi", "swagger") and hit.leading:
            found.append(path)
    return found


def civiscan_verdict(root: Path, path: Path) -> dict[str, t.Any]:
    """civiscan's verdict on one file, as the API specs collector reaches it."""
    from scanner.apispecs.sniff import declared_kind
    from scanner.apispecs.validate import validate_document
    from scanner.errors import ParseError
    from scanner.parsing import load_data

    relative = path.relative_to(root).as_posix()
    try:
        loaded = load_data(path.read_bytes(), path=relative)
    except ParseError as exc:
        return {"valid": False, "parse_error": True,
                "errors": [{"pointer": "", "line": exc.line, "message": exc.message}]}
    declared = declared_kind(loaded.value)
    if declared is None or declared[0] not in ("openapi", "swagger"):
        return {"valid": None, "errors": [], "skipped": "not an OpenAPI/Swagger document"}
    kind, version = declared
    files = _folder_files(root)
    result = validate_document(loaded.value, kind, version, relative, **(
        {"files": files} if files is not None else {}))
    return {"valid": result.valid, "version": version, "family": result.schema,
            "error_count": result.error_count,
            "errors": [{"pointer": e.pointer, "message": e.message}
                       for e in result.errors[:KEEP]],
            "file_types": _file_types(loaded.value)}


def _file_types(document: t.Any) -> list[str]:
    """Pointers of objects declaring ``type: file`` (Swagger 2.0 downloads and uploads); a walk
    of its own, so that the bench also runs against older civiscans."""
    found: list[str] = []
    pending: list[tuple[t.Any, str]] = [(document, "")]
    while pending and len(found) < 50:
        node, pointer = pending.pop()
        if isinstance(node, dict):
            if node.get("type") == "file":
                found.append(pointer)
            pending += [(v, f"{pointer}/{str(k).replace('~', '~0').replace('/', '~1')}")
                        for k, v in node.items() if isinstance(v, (dict, list))
                        and k not in ("example", "examples", "default", "enum")]
        elif isinstance(node, list):
            pending += [(v, f"{pointer}/{i}") for i, v in enumerate(node)
                        if isinstance(v, (dict, list))]
    return sorted(found)


def _folder_files(root: Path) -> t.Any:
    """The repository view file references are resolved in (``None`` on older civiscans)."""
    try:
        from scanner.apispecs.refs import FolderFiles
    except ImportError:
        return None
    return FolderFiles(root)


@contextlib.contextmanager
def _guard_validator_io(root: Path) -> t.Iterator[None]:
    """openapi-spec-validator must neither fetch nor read outside ``root`` (while it runs)."""
    from jsonschema_path import handlers

    table: dict[str, t.Any] = handlers.default_handlers  # the one jsonschema-path resolves with
    saved = dict(table)
    real_file, real_all = saved["file"], saved["<all_urls>"]
    base = root.resolve().as_uri()

    def refuse_remote(uri: str) -> t.Any:
        raise RemoteRefused(uri)

    def file_inside(uri: str) -> t.Any:
        if not uri.startswith(base + "/"):
            raise FileNotFoundError(f"outside the folder: {uri}")
        return real_file(uri)

    def any_url(uri: str) -> t.Any:
        if uri.startswith("file:"):
            return file_inside(uri)
        if uri.startswith(("http:", "https:")):
            refuse_remote(uri)
        return real_all(uri)

    table.update({"http": refuse_remote, "https": refuse_remote, "file": file_inside,
                  "<all_urls>": any_url})
    try:
        yield
    finally:
        table.clear()
        table.update(saved)


class RemoteRefused(OSError):
    """openapi-spec-validator wanted a remote reference: its verdict cannot be had offline."""


def validator_verdict(root: Path, path: Path) -> dict[str, t.Any]:
    """openapi-spec-validator's verdict on one file, read by its own reader."""
    with _guard_validator_io(root):
        return _validator_verdict(path)


def _validator_verdict(path: Path) -> dict[str, t.Any]:
    from jsonschema_path import SchemaPath
    from openapi_spec_validator.readers import read_from_filename
    from openapi_spec_validator.shortcuts import get_validator_cls

    try:
        spec, uri = read_from_filename(str(path))
    except Exception as exc:  # its YAML reader: a parse error is a verdict
        return {"valid": False, "parse_error": True,
                "errors": [{"type": type(exc).__name__,
                            "message": " ".join(str(exc).split())[:400]}]}
    errors: list[dict[str, t.Any]] = []
    try:
        validator = get_validator_cls(spec)(SchemaPath.from_dict(spec, base_uri=uri))
        for error in validator.iter_errors():
            errors.append({"type": type(error).__name__, "message": _first_line(error),
                           "path": "/".join(str(p) for p in getattr(error, "path", ()) or ()),
                           "validator": str(getattr(error, "validator", "") or "")})
            if len(errors) >= KEEP:
                break
    except RemoteRefused as exc:
        return {"valid": None, "remote": str(exc), "errors": errors}
    except Exception as exc:  # unresolvable references and friends stop its walk
        chain = [exc, exc.__cause__, exc.__context__]
        if any(isinstance(e, RemoteRefused) for e in chain):
            return {"valid": None, "remote": _first_line(exc), "errors": errors}
        errors.append({"type": type(exc).__name__, "message": _first_line(exc), "raised": True})
    return {"valid": not errors, "errors": errors}


def _first_line(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return text.splitlines()[0][:400] if text.strip() else type(exc).__name__


def examine(task: tuple[str, str, int]) -> dict[str, t.Any]:
    """Both verdicts on one file (run in a worker process, each side under a time limit)."""
    root, name, timeout = Path(task[0]), task[1], task[2]
    path = root / name
    record: dict[str, t.Any] = {"file": name, "size": path.stat().st_size}
    previous = signal.signal(signal.SIGALRM, _alarm)
    for side, run in (("civiscan", civiscan_verdict), ("validator", validator_verdict)):
        signal.alarm(timeout)
        try:
            record[side] = run(root, path)
        except _Timeout:
            record[side] = {"valid": None, "timeout": timeout, "errors": []}
        except RecursionError:
            record[side] = {"valid": False, "errors": [{"message": "RecursionError"}]}
        finally:
            signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)
    return record


# --- adjudication --------------------------------------------------------------------------

OAS30_DEFAULT = ("OpenAPI 3.0.3 §4.7.24.1 (Schema Object, default): \"the value MUST conform to "
                 "the defined type for the Schema Object defined at the same level\"")
SWAGGER_DEFAULT = ("Swagger 2.0 (Parameter, Items, Header and Schema Objects, default): \"Unlike "
                   "JSON Schema this value MUST conform to the defined type\"")
JSON_SCHEMA_DEFAULT = ("JSON Schema Validation (draft Wright-00 §6.2 for OAS 3.0, draft-fge-00 "
                       "§6.2 for Swagger 2.0, 2020-12 §9.2 for OAS 3.1): default \"There are no "
                       "restrictions placed on the value of this keyword\"; OpenAPI only adds "
                       "that it MUST conform to the *type*")


def _messages(side: dict[str, t.Any]) -> list[str]:
    return [str(e.get("message", "")) for e in side.get("errors", [])]


def adjudicate(record: dict[str, t.Any]) -> tuple[str, str]:
    """``(winner, why)`` of a disagreement: ``civiscan``, ``validator``, ``undecided`` or
    ``unadjudicated``; ``why`` cites the clause that decides."""
    ours, theirs = record["civiscan"], record["validator"]
    if "timeout" in ours or "timeout" in theirs:
        return "undecided", "a side timed out"
    if theirs.get("remote"):
        return "undecided", "openapi-spec-validator needs a remote reference (not fetched here)"
    for rule in RULES:
        verdict = rule(record, ours, theirs)
        if verdict is not None:
            return verdict
    return "unadjudicated", "no rule covers this disagreement yet: read it and add one"


Rule = t.Callable[[dict[str, t.Any], dict[str, t.Any], dict[str, t.Any]],
                  "tuple[str, str] | None"]
RULES: list[Rule] = []


def rule(function: Rule) -> Rule:
    RULES.append(function)
    return function


def _only(messages: list[str], pattern: str) -> bool:
    return bool(messages) and all(re.search(pattern, m) for m in messages)


@rule
def pattern_dialect(_record: dict[str, t.Any], ours: dict[str, t.Any],
                    theirs: dict[str, t.Any]) -> tuple[str, str] | None:
    """openapi-spec-validator compiles ``pattern`` with Python's ``re``, which lacks ECMA-262's
    ``\\p{L}`` property escapes: a pattern's validity is a SHOULD, and those are valid."""
    # its schema pass then also fails the Schema Object holding the pattern ("oneOf")
    if ours.get("valid") and _only(_messages(theirs), r"is not a ['\"]regex['\"]$"
                                                      r"|^\{.*\"pattern\":"):
        return "civiscan", ("pattern validity: JSON Schema Validation (fge-00 §5.2.3, Wright-00 "
                            "§5.8): the pattern \"SHOULD be a valid regular expression, according "
                            "to the ECMA 262 regular expression dialect\" (a SHOULD, and \\p{...} "
                            "is ECMA-262 since ES2018; Python's re, which the validator uses, "
                            "has no \\p); civiscan lists non-ECMA patterns in lint.patterns_ecma")
    return None


@rule
def swagger_file_responses(_record: dict[str, t.Any], ours: dict[str, t.Any],
                           theirs: dict[str, t.Any]) -> tuple[str, str] | None:
    """``type: file`` at the root of a Swagger 2.0 response schema or on a formData parameter."""
    places = ours.get("file_types") or []
    allowed = all(re.search(r"/responses/[^/]+/schema$|/parameters/[^/]+$", p) for p in places)
    if (ours.get("valid") and places and allowed
            and _only(_messages(theirs), r"^'file' is not valid under any of the given schemas$")):
        return "civiscan", ("type: file: Swagger 2.0 Response Object, schema: \"As an extension "
                            "to the Schema Object, its root type value may also be 'file'\" (and "
                            "Parameter Object type \"file\" with in: formData)")
    return None


@rule
def yaml_12_plain_equals(_record: dict[str, t.Any], ours: dict[str, t.Any],
                         theirs: dict[str, t.Any]) -> tuple[str, str] | None:
    """PyYAML resolves a plain ``=`` to YAML 1.1's ``!!value`` type and cannot construct it."""
    if ours.get("valid") and theirs.get("parse_error") and _only(
            _messages(theirs), r"tag:yaml\.org,2002:value"):
        return "civiscan", ("plain '=': a string under the YAML 1.2 core schema (OpenAPI 3.0.3 "
                            "§4.3: YAML 1.2 is RECOMMENDED; 1.1's !!value type is gone in 1.2)")
    return None


@rule
def yaml_12_tab_opening_block_scalar(_record: dict[str, t.Any], ours: dict[str, t.Any],
                                     theirs: dict[str, t.Any]) -> tuple[str, str] | None:
    """libyaml (under PyYAML) rejects a tab opening a block scalar's content."""
    if not ours.get("parse_error") and theirs.get("parse_error") and _only(
            _messages(theirs), r"tab character where an indentation space is expected"):
        return "civiscan", ("tab opening a block scalar: YAML 1.2.2 §8.1.1.1 \"Content may "
                            "safely start with a tab\" (libyaml's scanner rejects it)")
    return None


@rule
def default_of_wrong_type(_record: dict[str, t.Any], ours: dict[str, t.Any],
                          theirs: dict[str, t.Any]) -> tuple[str, str] | None:
    """A 3.0 default of another type than its schema's, in a place the validator does not walk."""
    if (theirs.get("valid") and ours.get("family") == "3.0"
            and _only(_messages(ours), r"a default must conform to the type declared beside")):
        return "civiscan", "default of the wrong type: " + OAS30_DEFAULT
    return None


@rule
def default_beyond_type(_record: dict[str, t.Any], ours: dict[str, t.Any],
                        theirs: dict[str, t.Any]) -> tuple[str, str] | None:
    """The validator checks defaults against the whole schema (enum, format, bounds...)."""
    errors = theirs.get("errors", [])
    if ours.get("valid") and errors and all(
            e.get("type") == "ValidationError" and e.get("validator") not in ("type", "")
            for e in errors):
        return "civiscan", "default judged on more than its type: " + JSON_SCHEMA_DEFAULT
    return None


@rule
def reference_object_where_not_allowed(_record: dict[str, t.Any], ours: dict[str, t.Any],
                                       theirs: dict[str, t.Any]) -> tuple[str, str] | None:
    """``$ref`` used where the specification allows no Reference Object (an Operation, a
    ``description``): openapi-spec-validator resolves every ``$ref`` before validating."""
    if theirs.get("valid") and _only(_messages(ours), r"\$ref|is not of type \"string\"|"
                                     r"\"responses\" is a required property"):
        return "civiscan", ("$ref outside the places it may appear: OpenAPI 3.0.3 §4.7.10 "
                            "(Operation Object has no $ref field; responses is REQUIRED) and §4.7.2"
                            " (description is a string); a Reference Object is allowed only where "
                            "a field says \"| Reference Object\"")
    return None


@rule
def broken_file_reference(_record: dict[str, t.Any], ours: dict[str, t.Any],
                          theirs: dict[str, t.Any]) -> tuple[str, str] | None:
    if theirs.get("valid") and _only(_messages(ours), r"^file reference .*(does not exist|has "
                                                     r"nothing at|points outside)"):
        return "civiscan", ("broken file reference: the target does not exist (JSON Reference, "
                            "RFC 3986 resolution against the description's location)")
    return None


@rule
def path_parameter_names_verbatim(_record: dict[str, t.Any], ours: dict[str, t.Any],
                                  theirs: dict[str, t.Any]) -> tuple[str, str] | None:
    """``{api_ver:\\d+}`` in a path and a parameter named ``api_ver:\\d+``: the validator reads
    ``:pattern`` as a web framework's route syntax, which OpenAPI does not have."""
    if ours.get("valid") and _only(_messages(theirs), r"^Path parameter '[^']*' for '\w+' "
                                                      r"operation in '[^']*:[^']*' was not resolved"):
        return "civiscan", ("path template {name:regex}: Swagger 2.0 Parameter Object, name: "
                            "\"If in is 'path', the name field MUST correspond to the associated "
                            "path segment\" (the segment is the whole text between the braces; "
                            "OAS 3.1.1 §4.8.2's ABNF allows any character but braces in it)")
    return None


@rule
def swagger_tuple_items(_record: dict[str, t.Any], ours: dict[str, t.Any],
                        theirs: dict[str, t.Any]) -> tuple[str, str] | None:
    """Swagger 2.0 Schema Object ``items`` given as an array of schemas."""
    if ours.get("valid") and ours.get("family") == "2.0" and _only(_messages(theirs), r"^\[\{"):
        return "civiscan", ("items as an array of schemas in Swagger 2.0: the Schema Object takes "
                            "items from JSON Schema draft 4 (\"MUST be either an object or an "
                            "array\"), adjusted only to Schema Objects, as the official 2.0 JSON "
                            "Schema allows; only OpenAPI 3.0 says \"MUST be an object and not an "
                            "array\"")
    return None


@rule
def missing_file_target(_record: dict[str, t.Any], ours: dict[str, t.Any],
                        theirs: dict[str, t.Any]) -> tuple[str, str] | None:
    """A ``$ref`` to a file that is not there: openapi-spec-validator stops on it."""
    raised = [e for e in theirs.get("errors", []) if e.get("raised")]
    if ours.get("valid") and raised and all(
            re.match(r"^(?!https?:)[^\s#]+\.(?:json|ya?ml)(?:#\S*)?$", e["message"])
            for e in raised):
        return "validator", ("$ref to a file that does not exist: the reference cannot be "
                             "resolved (JSON Reference, RFC 3986 §5 resolution against the "
                             "description's location), so the description is broken")
    return None


@rule
def default_type_missed(_record: dict[str, t.Any], ours: dict[str, t.Any],
                        theirs: dict[str, t.Any]) -> tuple[str, str] | None:
    """Before civiscan checked defaults: the validator's keyword pass found a mistyped default."""
    errors = theirs.get("errors", [])
    if ours.get("valid") and errors and str(ours.get("version", "")).startswith("3.0") and all(
            e.get("type") == "OpenAPIValidationError" and e.get("validator") == "type"
            for e in errors):
        return "validator", "default of the wrong type: " + OAS30_DEFAULT
    return None


# --- the run ------------------------------------------------------------------------------


def run(root: Path, files: list[Path], jobs: int, timeout: int) -> list[dict[str, t.Any]]:
    tasks = [(str(root), p.relative_to(root).as_posix(), timeout) for p in files]
    records = []
    # spawn: each worker starts clean; recycled so one huge description's memory is given back
    with multiprocessing.get_context("spawn").Pool(jobs, maxtasksperchild=10) as pool:
        for done, record in enumerate(pool.imap_unordered(examine, tasks), start=1):
            records.append(record)
            if done % 50 == 0:
                print(f"  {done}/{len(tasks)} files", file=sys.stderr, flush=True)
    return sorted(records, key=lambda r: str(r["file"]))


def summarise(records: list[dict[str, t.Any]], verbose: bool) -> dict[str, t.Any]:
    compared = [r for r in records if r["civiscan"].get("valid") is not None
                or r["validator"].get("valid") is not None]
    agree = [r for r in compared if r["civiscan"].get("valid") == r["validator"].get("valid")]
    outcomes: Counter[str] = Counter()
    reasons: Counter[tuple[str, str]] = Counter()
    for record in compared:
        if record in agree:
            continue
        winner, why = adjudicate(record)
        record["adjudication"] = {"winner": winner, "why": why}
        outcomes[winner] += 1
        reasons[(winner, why)] += 1
        if verbose or winner == "unadjudicated":
            print(f"- {record['file']}: civiscan {record['civiscan'].get('valid')}, "
                  f"validator {record['validator'].get('valid')} -> {winner}: {why}")
            if winner == "unadjudicated":
                print(f"    civiscan: {_messages(record['civiscan'])[:3]}")
                print(f"    validator: {_messages(record['validator'])[:3]}")
    both_valid = sum(1 for r in agree if r["civiscan"].get("valid"))
    print(f"files: {len(compared)}; agree: {len(agree)} ({len(agree) / max(1, len(compared)):.1%};"
          f" {both_valid} valid for both, {len(agree) - both_valid} invalid for both)")
    for (winner, why), count in sorted(reasons.items(), key=lambda item: -item[1]):
        print(f"  {count:4} {winner:14} {why}")
    return {"files": len(compared), "agree": len(agree),
            "civiscan_right": outcomes["civiscan"], "validator_right": outcomes["validator"],
            "undecided": outcomes["undecided"], "unadjudicated": outcomes["unadjudicated"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="folder of descriptions (outside the repository)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--timeout", type=int, default=120, help="seconds per file and side")
    parser.add_argument("--sample", type=int, default=0, help="validate N files drawn at random")
    parser.add_argument("--seed", type=int, default=430)
    parser.add_argument("--list", type=Path,
                        help="validate the files named in this file (one relative path a line)")
    parser.add_argument("--records", type=Path, help="write one JSON record per file here")
    parser.add_argument("--from-records", type=Path,
                        help="adjudicate records written by an earlier run instead of validating")
    parser.add_argument("--verbose", action="store_true", help="list every disagreement")
    args = parser.parse_args()
    if args.from_records:
        records = [json.loads(line) for line in args.from_records.read_text().splitlines()]
    else:
        root = args.folder.resolve()
        files = candidates(root)
        if args.list:
            named = set(args.list.read_text().splitlines())
            files = [p for p in files if p.relative_to(root).as_posix() in named]
        if args.sample and args.sample < len(files):
            files = sorted(random.Random(args.seed).sample(files, args.sample))
        print(f"{len(files)} OpenAPI/Swagger descriptions under {root}")
        records = run(root, files, args.jobs, args.timeout)
        if args.records:
            args.records.write_text("".join(json.dumps(r) + "\n" for r in records))
    print(json.dumps(summarise(records, args.verbose)))


if __name__ == "__main__":
    main()
