"""Rebuild tests/fixtures/publiccode-parser-go/expectations.json from a checkout of
italia/publiccode-parser-go: the verdict its own tests state for each file under testdata/.

The Go test tables are read as data (file name -> expected errors and warnings); nothing of the
reference is run or built. Usage::

    python scripts/publiccode_reference_expectations.py CHECKOUT COMMIT > expectations.json

Verdicts come from three kinds of Go tests (v0_test.go, v1_test.go, helpers_test.go):
``checkValidFiles`` globs (the file parses with no error and no warning), tables of expected
``ValidationResults`` per file, and the v1 test that expects one error for every file of its
directories. An error is "network-only" when only a network fetch can produce it (URL
reachability, code-hosting detection, remote downloads); the parity test leaves those out and
excludes a file whose every error is network-only.
"""

from __future__ import annotations

import json
import re
import sys
import typing as t
from pathlib import Path

_GO_STRING = r'"(?:[^"\\]|\\.)*"'
_ENTRY = re.compile(rf"^\t\t({_GO_STRING}):\s+ValidationResults\{{", re.MULTILINE)
_RESULT = re.compile(
    rf"Validation(Error|Warning)\{{\s*((?:{_GO_STRING}|cwd|\s*\+\s*)+),\s*"
    rf"((?:{_GO_STRING}|cwd|\s*\+\s*)+),\s*(\d+),\s*(\d+),?\s*\}}", re.DOTALL)
_TEST = re.compile(r"^func (Test\w+)\(t \*testing\.T\) \{$", re.MULTILINE)

#: Descriptions only a network fetch produces (reachability, code-host detection, downloads).
NETWORK_ONLY = ("not reachable", "HTTP GET failed", "is not a valid code repository")


def _go_concat(expr: str) -> str:
    """Evaluate ``"a" + cwd + "b"`` with ``cwd`` left as a marker (paths are repository-relative)."""
    parts = re.findall(rf"{_GO_STRING}|cwd", expr)
    return "".join("<cwd>" if p == "cwd" else json.loads(p) for p in parts)


def _tables(source: str) -> dict[str, dict[str, list[dict[str, t.Any]]]]:
    """Test name -> file name -> expected results, for every ``expected := map[string]error``."""
    found: dict[str, dict[str, list[dict[str, t.Any]]]] = {}
    tests = [(m.start(), m.group(1)) for m in _TEST.finditer(source)]
    for index, (start, name) in enumerate(tests):
        end = tests[index + 1][0] if index + 1 < len(tests) else len(source)
        body = source[start:end]
        entries = list(_ENTRY.finditer(body))
        table: dict[str, list[dict[str, t.Any]]] = {}
        for number, entry in enumerate(entries):
            stop = entries[number + 1].start() if number + 1 < len(entries) else len(body)
            chunk = body[entry.end():stop]
            chunk = chunk[: chunk.find("\n\t\t},")] if "\n\t\t}," in chunk else chunk
            results = []
            for kind, key, text, line, column in _RESULT.findall(chunk):
                results.append({"type": kind.lower(), "key": _go_concat(key),
                                "description": _go_concat(text), "line": int(line),
                                "column": int(column)})
            table[json.loads(entry.group(1))] = results
        if table:
            found[name] = table
    return found


def _record(path: str, results: list[dict[str, t.Any]], test: str, network: bool) -> dict[str, t.Any]:
    errors = [r for r in results if r["type"] == "error"]
    local = [r for r in errors if not any(s in r["description"] for s in NETWORK_ONLY)]
    record: dict[str, t.Any] = {
        "path": path, "test": test, "network": network,
        "verdict": "invalid" if errors else "valid",
        "errors": local,
        "network_only_errors": [r for r in errors if r not in local],
        "warnings": [r for r in results if r["type"] == "warning"],
    }
    if errors and not local:
        record["excluded"] = "network-only: every error the reference expects needs a fetch"
    return record


def build(checkout: Path, commit: str) -> dict[str, t.Any]:
    testdata = checkout / "testdata"
    v0 = _tables((checkout / "v0_test.go").read_text("utf-8"))
    files: list[dict[str, t.Any]] = []

    def glob(folder: str) -> list[str]:
        return sorted(p.relative_to(testdata).as_posix() for p in (testdata / folder).glob("*yml"))

    # checkValidFiles / checkValidFilesNoNetwork: no error and no warning.
    for folder, test, network in (("v0/valid", "TestValidTestcasesV0", True),
                                  ("v0/valid/no-network", "TestValidTestcasesV0_NoNetwork", False)):
        files += [_record(p, [], test, network) for p in glob(folder)]
    for folder, test, network in (
            ("v0/valid_with_warnings", "TestValidWithWarningsTestcasesV0", True),
            ("v0/valid_with_warnings/no-network", "TestValidWithWarningTestcasesV0_NoNetwork",
             False),
            ("v0/invalid", "TestInvalidTestcasesV0", True),
            ("v0/invalid/no-network", "TestInvalidTestcasesV0_NoNetwork", False)):
        table = v0[test]
        for path in glob(folder):
            name = path.rsplit("/", 1)[-1]
            if name in table:
                files.append(_record(path, table[name], test, network))
    # v1_test.go: every file of three directories fails on its version, with this one error.
    v1_error = {"type": "error", "key": "publiccodeYmlVersion", "line": 0, "column": 0,
                "description": "unsupported version: '1'. Supported versions: 0, 0.2, 0.2.0, "
                               "0.2.1, 0.2.2, 0.3, 0.3.0, 0.4, 0.4.0, 0.5.0, 0.5, 0.7.0, 0.7"}
    v1_source = (checkout / "v1_test.go").read_text("utf-8")
    assert v1_error["description"] in v1_source.replace('",\n\t\t\t"', "")  # still the stated text
    for folder in ("v1/invalid", "v1/invalid_valid_in_v0", "v1/invalid_valid_with_warnings_in_v0"):
        files += [_record(p, [dict(v1_error)], "TestInvalidTestcasesV1", False)
                  for p in glob(folder)]
    return {
        "reference": {"repository": "https://github.com/italia/publiccode-parser-go",
                      "commit": commit, "licence": "EUPL-1.2",
                      "read_from": ["v0_test.go", "v1_test.go", "helpers_test.go"]},
        "files": files,
    }


if __name__ == "__main__":
    json.dump(build(Path(sys.argv[1]), sys.argv[2]), sys.stdout, indent=1, ensure_ascii=False)
    sys.stdout.write("\n")
