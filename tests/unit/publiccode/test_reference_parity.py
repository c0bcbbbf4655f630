"""civiscan against the reference publiccode.yml validator (italia/publiccode-parser-go), on the
reference's own test files and the verdicts its Go tests state (tests/fixtures/
publiccode-parser-go/, see PROVENANCE.md there).

Each file is scanned as the ``publiccode.yml`` of a repository made of its folder (the reference
resolves a logo or a screenshot from the file's folder too). Measured, per file whose checks need
no network:

- verdict: valid or not, as the reference says;
- keys: the keys civiscan reports as errors are the reference's. Two allowances, both about how
  the reference's decoder works, not about the file: (1) for "wrong type for this field" the
  reference names the key found on the error's line, which may be the field, its parent item or
  its first child, so keys on one branch match; (2) once that decoder meets a wrong type it
  stops filling the rest of the document, and then reports keys the file does have as missing:
  those "required" errors are not expected of civiscan;
- lines: for keys both report, the same line (and column, where civiscan knows it).

Run ``pytest -s tests/unit/publiccode/test_reference_parity.py`` to see the figures.
"""

from __future__ import annotations

import functools
import json
import re
import typing as t
from pathlib import Path

import pytest

from scanner.collectors.publiccode import PubliccodeCollector
from scanner.parsing import load_yaml
from scanner.sources.memory import snapshot_from_files
from tests.support import TESTS

ROOT = TESTS / "fixtures" / "publiccode-parser-go"
EXPECTATIONS: dict[str, t.Any] = json.loads((ROOT / "expectations.json").read_text("utf-8"))
FILES = [f for f in EXPECTATIONS["files"] if "excluded" not in f]
EXCLUDED = [f["path"] for f in EXPECTATIONS["files"] if "excluded" in f]
#: The agreement civiscan must keep, on verdicts and on keys.
TARGET = 0.98
_DECODER = ("wrong type for this field", "unknown field")
_MISSING = ("is a required field", "must contain more than 0 items")


@functools.cache
def _folder(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (the repository the test file stands in)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@functools.cache
def _scan(path: str) -> dict[str, t.Any]:
    file = ROOT / "testdata" / path
    files = dict(_folder(file.parent))
    files["publiccode.yml"] = files.pop(file.name)
    section: dict[str, t.Any] = PubliccodeCollector().collect(snapshot_from_files(files),
                                                              {})["publiccode"]
    return section


def _canonical(key: str) -> str:
    """``description[en-US].features`` (how the reference writes a map key) -> dots."""
    return re.sub(r"\[([^\]0-9][^\]]*)\]", r".\1", key)


def _same_branch(a: str, b: str) -> bool:
    return a == b or any(x.startswith(y) and x[len(y)] in ".[" for x, y in ((a, b), (b, a)))


def _present(doc: t.Any, key: str) -> bool:
    for part in re.findall(r"[^.\[\]]+|\[\d+\]", key):
        if part.startswith("["):
            index = int(part[1:-1])
            doc = doc[index] if isinstance(doc, list) and index < len(doc) else None
        else:
            doc = doc.get(part) if isinstance(doc, dict) else None
        if doc is None:
            return False
    return True


def _expected_keys(record: dict[str, t.Any]) -> tuple[set[str], set[str]]:
    """(keys civiscan must report, of which those whose key the reference finds by line)."""
    errors = record["errors"]
    decoder = {_canonical(e["key"]) for e in errors if e["description"].startswith(_DECODER)}
    doc = _loaded(record["path"])
    keys = set()
    for error in errors:
        key = _canonical(error["key"])
        artefact = (decoder and error["description"].endswith(_MISSING) and key not in decoder
                    and (_present(doc, key) or any(_same_branch(key, d) for d in decoder)))
        if not artefact:
            keys.add(key)
    return keys, decoder


@functools.cache
def _loaded(path: str) -> t.Any:
    try:
        return load_yaml((ROOT / "testdata" / path).read_bytes(), path=path).value
    except Exception:  # unreadable files have no keys to look up
        return None


def _keys_agree(record: dict[str, t.Any], section: dict[str, t.Any]) -> bool:
    expected, by_line = _expected_keys(record)
    ours = {e["key"] for e in section["errors"]}
    if "" in expected:  # a file-level error (unreadable YAML, bad encoding): any key will do
        return bool(ours)

    def matches(mine: str, theirs: str) -> bool:
        return mine == theirs or (theirs in by_line and _same_branch(mine, theirs))

    return (all(any(matches(m, r) for r in expected) for m in ours)
            and all(any(matches(m, r) for m in ours) for r in expected))


def _agrees(record: dict[str, t.Any]) -> tuple[bool, bool]:
    section = _scan(record["path"])
    verdict = bool(section["valid"]) is (record["verdict"] == "valid")
    return verdict, verdict and _keys_agree(record, section)


def _figures() -> dict[str, t.Any]:
    verdicts = keys = lines = located = warnings = warned = 0
    disagreements = []
    for record in FILES:
        verdict, key = _agrees(record)
        verdicts += verdict
        keys += key
        if not key:
            disagreements.append(record["path"])
        section = _scan(record["path"])
        ours = {e["key"]: e for e in section["errors"]}
        for error in record["errors"]:
            mine = ours.get(_canonical(error["key"]))
            if mine and error["line"]:
                located += 1
                lines += mine["line"] == error["line"]
        if record["warnings"]:
            warned += 1
            warnings += ({_canonical(w["key"]) for w in record["warnings"]}
                         == {w["key"] for w in section["warnings"]})
    return {"files": len(FILES), "verdicts": verdicts, "keys": keys, "lines": lines,
            "located": located, "warnings": warnings, "warned": warned,
            "excluded": EXCLUDED, "disagreements": disagreements}


@pytest.fixture(scope="module")
def figures() -> dict[str, t.Any]:
    result = _figures()
    n = result["files"]
    print(f"\nreference parity on {n} files (excluded, network-only: "
          f"{', '.join(result['excluded'])}):\n"
          f"  verdict          {result['verdicts']}/{n} = {result['verdicts'] / n:.1%}\n"
          f"  verdict and keys {result['keys']}/{n} = {result['keys'] / n:.1%}\n"
          f"  same line        {result['lines']}/{result['located']} errors\n"
          f"  same warnings    {result['warnings']}/{result['warned']} files with warnings\n"
          f"  disagreements: {', '.join(result['disagreements']) or 'none'}")
    return result


def test_expectations_cover_every_copied_test_file() -> None:
    copied = {p.relative_to(ROOT / "testdata").as_posix()
              for p in (ROOT / "testdata").rglob("*.yml")}
    assert copied == {f["path"] for f in EXPECTATIONS["files"]}
    assert EXCLUDED == ["v0/invalid/logo_missing_url.yml"]


def test_verdicts_agree_with_the_reference(figures: dict[str, t.Any]) -> None:
    assert figures["verdicts"] / figures["files"] >= TARGET, figures["disagreements"]


def test_failing_keys_agree_with_the_reference(figures: dict[str, t.Any]) -> None:
    assert figures["keys"] / figures["files"] >= TARGET, figures["disagreements"]


def test_lines_agree_with_the_reference(figures: dict[str, t.Any]) -> None:
    assert figures["lines"] / figures["located"] >= 0.9


def test_warnings_agree_with_the_reference(figures: dict[str, t.Any]) -> None:
    assert figures["warnings"] / figures["warned"] >= TARGET


@pytest.mark.parametrize("path", ["v0/valid/valid.yml", "v0/invalid/logo_missing_file.yml",
                                  "v0/invalid/categories_invalid.yml"])
def test_a_disagreement_would_be_seen(path: str) -> None:
    """The comparison can fail: flip a verdict and it no longer agrees."""
    record = next(f for f in FILES if f["path"] == path)
    flipped = {**record, "verdict": "invalid" if record["verdict"] == "valid" else "valid"}
    assert _agrees(record) == (True, True)
    assert _agrees(flipped)[0] is False
