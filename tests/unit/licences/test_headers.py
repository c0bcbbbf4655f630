"""SPDX headers in sampled source files, REUSE.toml and .reuse/dep5 annotations."""

from __future__ import annotations

import pytest

from scanner.errors import ParseError
from scanner.licences import headers


def test_sample_skips_vendored_and_minified_files_and_is_deterministic() -> None:
    paths = [f"src/m{i:03}.py" for i in range(100)] + [
        "node_modules/x/index.js", "static/app.min.js", "vendor/lib.go", "README.md"]
    chosen = headers.sample(paths, size=10)
    assert len(chosen) == 10 and chosen == headers.sample(paths, size=10)
    assert all(p.startswith("src/") for p in chosen)


def test_identifiers_in_comment_styles() -> None:
    assert headers.identifiers("# SPDX-License-Identifier: EUPL-1.2\nimport x") == ["EUPL-1.2"]
    assert headers.identifiers("/* SPDX-License-Identifier: MIT */") == ["MIT"]
    assert headers.identifiers("<!-- SPDX-License-Identifier: CC-BY-4.0 -->") == ["CC-BY-4.0"]


def test_reuse_toml_and_dep5_cover_files() -> None:
    toml = (b'version = 1\n[[annotations]]\npath = ["docs/**", "data/*.csv"]\n'
            b'SPDX-License-Identifier = "etalab-2.0"\n')
    annotations = headers.read_annotations("REUSE.toml", toml)
    assert headers.covered("docs/guide/intro.md", annotations) == "etalab-2.0"
    dep5 = (b"Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n\n"
            b"Files: src/*\nCopyright: 2024 DINUM\nLicense: EUPL-1.2\n")
    assert headers.covered("src/app.py", headers.read_annotations(".reuse/dep5", dep5)) == (
        "EUPL-1.2")


def test_summary_counts_headers_and_reuse() -> None:
    sampled = {"src/a.py": "# SPDX-License-Identifier: MIT\n# Copyright 2024 DINUM\n",
               "src/b.py": "print(1)\n", "docs/c.js": "x"}
    summary = headers.summarise(sampled, [(["docs/*"], "etalab-2.0")], total_sources=3)
    assert (summary["with_identifier"], summary["covered_by_reuse"], summary["ratio"]) == (
        1, 1, 0.667)


def test_malformed_reuse_toml_is_a_parse_error() -> None:
    with pytest.raises(ParseError):
        headers.read_annotations("REUSE.toml", b"[[annotations]\npath = ")


def test_identifier_stops_at_the_end_of_the_expression() -> None:
    text = 'x = "# SPDX-License-Identifier: EUPL-1.2\\nimport x"\n'
    assert headers.identifiers(text) == ["EUPL-1.2"]
    assert headers.identifiers("// SPDX-License-Identifier: MIT OR Apache-2.0 */") == [
        "MIT OR Apache-2.0"]
