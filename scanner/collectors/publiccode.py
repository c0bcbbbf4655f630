"""publiccode.yml: parsed safely, validated as the reference validator does without the network
(errors and warnings, each with its key, line and column; the logo and other files it names
looked up in the repository listing), ``legal.license`` parsed as SPDX, key fields exposed for
rules and later collectors."""

from __future__ import annotations

import functools
import re
import typing as t
from collections.abc import Iterable, Mapping, Sequence

from scanner.budget import bounded
from scanner.collectors.base import Collector, Fragment
from scanner.errors import ParseError
from scanner.parsing import load_yaml
from scanner.publiccode.fields import key_fields, version_text
from scanner.publiccode.licence import parse_licence
from scanner.publiccode.placeholders import placeholders
from scanner.publiccode.schema import SCHEMA_VERSION
from scanner.publiccode.validate import validate
from scanner.snapshot import Snapshot, decode_text

#: Names the standard accepts, in order of preference, at the repository root.
NAMES = ("publiccode.yml", "publiccode.yaml")
_ELSEWHERE = re.compile(r"(?:^|/)publiccode\.ya?ml$", re.IGNORECASE)


def _find(paths: Sequence[str]) -> list[str]:
    exact = [name for name in NAMES if name in paths]
    # A wrongly-cased root file (PublicCode.yml) still is the team's publiccode.yml.
    other_case = sorted(p for p in paths if "/" not in p and _ELSEWHERE.search(p)
                        and p not in exact)
    return exact + other_case


def _empty_section() -> dict[str, t.Any]:
    return {
        "path": None, "origin": None, "version": None, "valid": None, "parsed": None,
        "schema_version": SCHEMA_VERSION, "other_paths": [], "errors": [], "warnings": [],
        "not_checked": [], "placeholders": [],
        "legal_license": None, "legal_license_valid": None, "legal_license_normalised": None,
        "legal_license_ids": [], "legal_license_error": None,
        **key_fields({}),
    }


class PubliccodeCollector(Collector):
    name = "publiccode"

    def empty(self) -> Fragment:
        return {"publiccode": _empty_section()}

    def wanted(self, paths: Sequence[str],
               sizes: Mapping[str, int | None] | None = None) -> Iterable[str]:
        found = _find(paths)
        return found[:1]

    def collect(self, snapshot: Snapshot, facts: Mapping[str, t.Any]) -> Fragment:
        paths = snapshot.paths()
        found = _find(paths)
        section = _empty_section()
        # Files elsewhere in the tree are not read by catalogues (only the root one is).
        section["other_paths"] = found[1:] + [
            p for p in paths if "/" in p and _ELSEWHERE.search(p) and "node_modules/" not in p
        ][:20]
        if not found:
            return {"publiccode": section}
        path = found[0]
        section.update(path=path, origin="repository")
        if snapshot.too_large(path):
            message = (f"file too large ({snapshot.size(path):,} bytes, limit "
                       f"{snapshot.max_file_bytes:,}); not read")
            section.update(parsed=False, valid=False,
                           errors=[{"path": path, "pointer": "", "line": None,
                                    "message": message}])
            return {"publiccode": section, "problems": [
                {"source": self.name, "path": path, "line": None, "message": message}]}
        data = snapshot.read(path)
        if data is None:  # skipped (reported by the repository collector) or not fetched
            return {"publiccode": section}
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            # The standard (and the reference validator) want UTF-8; civiscan's loader would
            # read UTF-16, so refuse it here.
            message = "not UTF-8 (UTF-16 byte order mark): the standard requires UTF-8"
            section.update(parsed=False, valid=False, errors=[
                {"path": path, "pointer": "", "key": "", "line": 1, "column": 1,
                 "message": message,
                 "message_fr": "pas en UTF-8 (marque d'ordre UTF-16) : le standard exige UTF-8"}])
            return {"publiccode": section, "problems": [
                {"source": self.name, "path": path, "line": 1, "message": message}]}
        try:
            # A truncated listing cannot prove a logo absent: then paths are not looked up.
            bounded(path, functools.partial(_read, section, path, data,
                                            None if snapshot.truncated else snapshot.files))
        except ParseError as exc:
            section.update(_empty_section(), path=path, origin="repository",
                           other_paths=section["other_paths"])
            section.update(parsed=False, valid=False, errors=[
                {"path": path, "pointer": "", "key": "", "line": exc.line, "column": exc.column,
                 "message": exc.message, "message_fr": exc.message_fr or exc.message}])
            return {"publiccode": section, "problems": [exc.to_problem(self.name)]}
        return {"publiccode": section}


def _read(section: dict[str, t.Any], path: str, data: bytes,
          listing: Mapping[str, int | None] | None) -> None:
    """Fill ``section`` from the file's content (raises ParseError if it cannot be parsed);
    ``listing`` is where the files it names are looked up (``None``: not looked up)."""
    loaded = load_yaml(data, path=path, locate=True)
    report = validate(loaded, listing)
    doc = loaded.value if isinstance(loaded.value, dict) else {}
    section.update(key_fields(doc))
    section.update(
        parsed=True,
        valid=not report.errors,
        errors=[{"path": path, **e.to_facts()} for e in report.errors],
        warnings=[{"path": path, **w.to_facts()} for w in report.warnings],
        not_checked=report.not_checked,
        placeholders=placeholders(loaded, path),
        version=version_text(loaded, decode_text(data)),
    )
    licence = (doc.get("legal") or {}).get("license") if isinstance(doc.get("legal"),
                                                                     dict) else None
    if isinstance(licence, str):
        parsed = parse_licence(licence)
        section.update(legal_license=licence, legal_license_valid=parsed.valid,
                       legal_license_normalised=parsed.normalised,
                       legal_license_ids=list(parsed.ids),
                       legal_license_error=parsed.error)
