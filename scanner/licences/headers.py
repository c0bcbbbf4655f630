"""SPDX file headers and REUSE data: which licences the source files say they are under.

A deterministic sample of source files is read (an organisation scan cannot fetch every file),
plus ``REUSE.toml`` and ``.reuse/dep5``, whose annotations cover files without headers. The
standard notices licences ask to put in each file (the GNU "This program is free software ...
either version 3 of the License, or (at your option) any later version", in English or French)
are counted too: they say whether a GNU licence is "-only" or "-or-later".
"""

from __future__ import annotations

import fnmatch
import re
import typing as t
from collections import Counter
from collections.abc import Sequence

from scanner.licences.notices import standard_header
from scanner.parsing import decode, load_toml

SOURCE_EXTENSIONS = frozenset({
    "py", "js", "jsx", "ts", "tsx", "mjs", "cjs", "vue", "svelte", "java", "kt", "kts", "scala",
    "go", "rs", "rb", "php", "c", "h", "cc", "cpp", "hpp", "cs", "swift", "m", "clj", "cljs",
    "ex", "exs", "erl", "sh", "bash", "pl", "r", "lua", "dart", "groovy", "sql", "css", "scss",
    "html", "hs", "ml", "elm",
})
_SKIP_DIRS = re.compile(
    r"(?:^|/)(?:node_modules|vendor|third[_-]?party|dist|build|target|\.git|__pycache__|"
    r"site-packages|bower_components|\.yarn|coverage|migrations|fixtures?|testdata)/",
    re.IGNORECASE)
_MINIFIED = re.compile(r"\.min\.(?:js|css)$|\.(?:pb|generated|g)\.\w+$", re.IGNORECASE)
# The value is an SPDX expression: ids, AND/OR/WITH, parentheses; whatever follows (a comment
# closer, the rest of a string literal) is not part of it.
_IDENTIFIER = re.compile(r"SPDX-License-Identifier:[ \t]*([A-Za-z0-9(][A-Za-z0-9.+:() \t-]*)")
_COPYRIGHT = re.compile(r"SPDX-FileCopyrightText:|\bCopyright\b|©|\(c\)\s*\d{4}", re.IGNORECASE)
#: A header reserving all rights or calling the code proprietary or confidential
#: (ansforge/esignsante-ws: "(c) Copyright 1998-2023, ANS. All rights reserved." on every Java
#: file, stamped by license-maven-plugin), on a comment line.
_RESERVED = re.compile(
    r"^[ \t]*(?:/\*+|\*|//+|#+|<!--|--|;+|%+|\"\"\"|''\')[^\n]*?"
    r"(?P<said>\ball rights reserved\b|\btous droits r[ée]serv[ée]s\b"
    r"|\b(?:strictly )?confidential\b|\bconfidentiel(?:le)?\b"
    r"|\bproprietary (?:and confidential|software|code|information)\b)",
    re.IGNORECASE | re.MULTILINE)
#: A head that names a licence grants one, whatever else it says ("Copyright (c) Microsoft
#: Corporation. All rights reserved. Licensed under the MIT License.").
_LICENCE_WORD = re.compile(r"licen[cs]", re.IGNORECASE)
#: Files sampled per repository, and bytes of each file looked at.
SAMPLE = 12
HEAD_BYTES = 4096
REUSE_FILES = ("REUSE.toml", ".reuse/dep5")
#: Annotations read from a REUSE file: each sampled file is matched against every glob.
MAX_ANNOTATIONS = 1_000


def source_files(paths: Sequence[str]) -> list[str]:
    """The repository's own source files (vendored, generated and minified ones left out)."""
    found = []
    for path in paths:
        ext = path.rsplit(".", 1)[-1].lower() if "." in path.rsplit("/", 1)[-1] else ""
        if ext in SOURCE_EXTENSIONS and not _SKIP_DIRS.search(path) and not _MINIFIED.search(
                path):
            found.append(path)
    return found


def sample(paths: Sequence[str], size: int = SAMPLE) -> list[str]:
    """An evenly spaced, deterministic sample of the source files."""
    files = sorted(source_files(paths))
    if len(files) <= size:
        return files
    step = len(files) / size
    return [files[int(i * step)] for i in range(size)]


def identifiers(text: str) -> list[str]:
    """``SPDX-License-Identifier`` values in the head of one file."""
    found = (m.group(1).strip().rstrip("-").rstrip() for m in
             _IDENTIFIER.finditer(text[:HEAD_BYTES]))  # "-->" closes an HTML comment
    return [value for value in found if value]


def has_copyright(text: str) -> bool:
    return _COPYRIGHT.search(text[:HEAD_BYTES]) is not None


def reserved(text: str) -> tuple[int, str] | None:
    """(1-based line, the line's words) of a header reserving all rights, when the head names no
    licence; else ``None``."""
    head = text[:HEAD_BYTES]
    match = _RESERVED.search(head)
    if match is None or _LICENCE_WORD.search(head):
        return None
    start = head.rfind("\n", 0, match.start()) + 1
    end = head.find("\n", match.start())
    line = head[start:end if end >= 0 else len(head)]
    quote = " ".join(line.strip(" \t/*#;%<>!-\"'").split())[:200]
    return head.count("\n", 0, match.start()) + 1, quote


def reuse_toml(path: str, data: bytes) -> list[tuple[list[str], str]]:
    """(path globs, expression) annotations of a REUSE.toml (REUSE 3.2)."""
    doc = load_toml(data, path=path)
    found = []
    annotations = doc.get("annotations")
    for item in annotations if isinstance(annotations, list) else []:
        if not isinstance(item, dict):
            continue
        globs = item.get("path")
        globs = [globs] if isinstance(globs, str) else globs
        expression = item.get("SPDX-License-Identifier")
        if isinstance(globs, list) and isinstance(expression, str):
            found.append(([g for g in globs if isinstance(g, str)], expression))
    return found


def dep5(path: str, data: bytes) -> list[tuple[list[str], str]]:
    """(path globs, expression) paragraphs of a Debian copyright file (.reuse/dep5)."""
    found = []
    for paragraph in re.split(r"\n\s*\n", decode(data, path)):
        files = re.search(r"^Files:\s*(.+(?:\n[ \t]+.+)*)", paragraph, re.MULTILINE)
        licence = re.search(r"^License:\s*(.+)", paragraph, re.MULTILINE)
        if files and licence:
            found.append((files.group(1).split(), licence.group(1).strip()))
    return found


def covered(path: str, annotations: list[tuple[list[str], str]]) -> str | None:
    """The expression a REUSE annotation gives ``path`` (the last matching one wins)."""
    result = None
    for globs, expression in annotations:
        for glob in globs:
            if fnmatch.fnmatchcase(path, glob) or fnmatch.fnmatchcase(path, glob.rstrip("/*")
                                                                       + "/*"):
                result = expression
    return result


def summarise(sampled: dict[str, str], annotations: list[tuple[list[str], str]],
              total_sources: int) -> dict[str, t.Any]:
    """The ``licence.headers`` facts from the sampled files' heads and the REUSE annotations."""
    ids: Counter[str] = Counter()
    notices: Counter[str] = Counter()
    examples: dict[str, dict[str, t.Any]] = {}
    with_identifier = with_copyright = by_reuse = 0
    reserving: list[tuple[str, int, str]] = []
    for path, text in sampled.items():
        kept = reserved(text)
        if kept is not None and standard_header(text[:HEAD_BYTES]) is None:
            reserving.append((path, *kept))
        notice = standard_header(text[:HEAD_BYTES])
        if notice is not None:
            notices[notice[0]] += 1
            if notice[0] not in examples:
                examples[notice[0]] = {"path": path, "line": notice_line(text[:HEAD_BYTES])}
        found = identifiers(text)
        if found:
            with_identifier += 1
            ids.update(found)
        elif covered(path, annotations):
            by_reuse += 1
            ids[t.cast(str, covered(path, annotations))] += 1
        if has_copyright(text):
            with_copyright += 1
    count = len(sampled)
    return {
        "source_files": total_sources,
        "sampled": count,
        "with_identifier": with_identifier,
        "with_copyright": with_copyright,
        "covered_by_reuse": by_reuse,
        "ratio": round((with_identifier + by_reuse) / count, 3) if count else None,
        "expressions": [{"expression": e, "files": n} for e, n in ids.most_common(10)],
        "with_notice": sum(notices.values()),
        "notices": [{"expression": e, "files": n, "example": examples[e]}
                    for e, n in notices.most_common(10)],
        "reserved": ({"files": len(reserving), "example": {"path": reserving[0][0],
                                                           "line": reserving[0][1],
                                                           "quote": reserving[0][2]}}
                     if reserving else None),
    }


def notice_line(text: str) -> int:
    """The 1-based line where the standard notice of ``text`` starts (the last line from which
    the text still holds it): a finding points there, not at the file's first line."""
    lines = text.splitlines()
    start = 0
    while start + 1 < len(lines) and standard_header("\n".join(lines[start + 1:])) is not None:
        start += 1
    return start + 1


def read_annotations(path: str, data: bytes) -> list[tuple[list[str], str]]:
    """Annotations of either REUSE file; a malformed file raises :class:`ParseError`."""
    found = dep5(path, data) if path.endswith("dep5") else reuse_toml(path, data)
    return found[:MAX_ANNOTATIONS]
