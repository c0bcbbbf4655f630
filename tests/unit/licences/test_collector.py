"""The licence section of the facts, end to end from a snapshot (collectors in their real order)."""

from __future__ import annotations

import json
import subprocess
import sys
import typing as t

from scanner import schemas
from scanner.collectors.licence import LicenceCollector, licence_paths
from scanner.facts import build_facts
from scanner.snapshot import RepoInfo
from scanner.sources.memory import snapshot_from_files
from tests.unit.licences.conftest import MIT, corpus_text

GPL_NOTICE = ("This program is free software: you can redistribute it and/or modify it under "
              "the terms of the GNU General Public License as published by the Free Software "
              "Foundation, either version 3 of the License, or (at your option) any later "
              "version.")


def facts(files: t.Mapping[str, str | bytes], **kwargs: t.Any) -> dict[str, t.Any]:
    document = build_facts(snapshot_from_files(dict(files), **kwargs))
    assert schemas.errors("facts", document) == []
    return document


def licence(files: t.Mapping[str, str | bytes], **kwargs: t.Any) -> dict[str, t.Any]:
    return t.cast(dict[str, t.Any], facts(files, **kwargs)["licence"])


def test_mit_and_apache_pair_is_and_unless_a_choice_is_stated(apache: str) -> None:
    pair = {"LICENSE-MIT": MIT, "LICENSE-APACHE": apache}
    both = licence(pair)
    assert (both["spdx"], both["operator_basis"]) == ("Apache-2.0 AND MIT", "several-files")
    cargo = licence({**pair, "Cargo.toml": '[package]\nlicense = "MIT OR Apache-2.0"\n'})
    assert (cargo["spdx"], cargo["operator_basis"]) == ("Apache-2.0 OR MIT", "declared:Cargo.toml")
    readme = licence({**pair, "README.md": "## Licence\n\nDual licensed under MIT or Apache-2.0,"
                      " at your choice.\n"})
    assert (readme["spdx"], readme["operator_basis"]) == ("Apache-2.0 OR MIT", "readme")


def test_gnu_version_from_readme_headers_metadata_or_text(gpl: str) -> None:
    bare = licence({"COPYING": gpl})
    assert (bare["spdx"], bare["version_basis"]) == ("GPL-3.0-only", "text")
    readme = licence({"COPYING": gpl, "README.md": f"# x\n\n## License\n\n{GPL_NOTICE}\n"})
    assert (readme["spdx"], readme["version_basis"]) == ("GPL-3.0-or-later", "readme")
    header = licence({"COPYING": gpl,
                      "src/main.py": "# SPDX-License-Identifier: GPL-3.0-or-later\nprint()\n"})
    assert (header["spdx"], header["version_basis"]) == ("GPL-3.0-or-later", "headers")
    meta = licence({"COPYING": gpl, "package.json": '{"license": "GPL-3.0-or-later"}'})
    assert (meta["spdx"], meta["version_basis"]) == ("GPL-3.0-or-later", "package.json")
    only = licence({"COPYING": gpl, "package.json": '{"license": "GPL-3.0-only"}'})
    assert (only["spdx"], only["version_basis"]) == ("GPL-3.0-only", "package.json")


def test_publiccode_licence_is_a_declaration(gpl: str) -> None:
    publiccode = "publiccodeYmlVersion: '0.4'\nlegal:\n  license: GPL-3.0-or-later\n"
    section = licence({"LICENSE": gpl, "publiccode.yml": publiccode})
    assert section["spdx"] == "GPL-3.0-or-later"
    assert section["version_sources"][0]["source"] == "publiccode.yml"
    assert [d["source"] for d in section["declared"]] == ["publiccode.yml"]


def test_declared_licence_stands_in_for_a_missing_file() -> None:
    section = licence({"package.json": '{"license": "EUPL-1.2"}'})
    assert (section["spdx"], section["method"]) == ("EUPL-1.2", "declared:package.json")
    assert licence({"README.md": "hello"})["spdx"] is None


def test_npm_default_isc_next_to_mit_disagrees() -> None:
    section = licence({"LICENSE": MIT, "package.json": '{"license": "MIT"}',
                       "tools/e2e/package.json": '{"license": "ISC"}'})
    assert section["consistency"]["agree"] is False
    assert section["consistency"]["disagreeing"] == [
        {"source": "package.json", "path": "tools/e2e/package.json", "expression": "ISC",
         "summary": "tools/e2e/package.json (ISC)", "summary_fr": "tools/e2e/package.json (ISC)"}]


def test_notice_outranks_a_different_licence_text(agpl: str) -> None:
    notice = ("Copyright (2019) DINUM\nThis software is governed by the CeCILL-C license under "
              "French law and abiding by the rules of distribution of free software.")
    section = licence({"LICENSE.md": agpl, "LICENSE.txt": notice})
    assert section["spdx"] == "CECILL-C"
    assert section["conflicts"][0]["path"] == "LICENSE.md"


def test_pointer_file_and_reuse_licences_folder() -> None:
    pointer = licence({"LICENSE": "See LICENSE.md", "LICENSE.md": MIT})
    assert pointer["spdx"] == "MIT"
    assert pointer["files"][0]["method"] == "reference"
    reuse = licence({"LICENSES/MIT.txt": MIT, "REUSE.toml":
                     'version = 1\n[[annotations]]\npath = "src/**"\n'
                     'SPDX-License-Identifier = "MIT"\n', "src/a.py": "x = 1\n"})
    assert reuse["spdx"] == "MIT"
    assert reuse["headers"]["covered_by_reuse"] == 1


def test_component_licences_are_not_the_project_licence() -> None:
    section = licence({"LICENSE": MIT, "vendor/lib/LICENSE": "GPL-2.0",
                       "packages/ui/LICENSE": "ISC"})
    assert section["spdx"] == "MIT"
    assert {f["path"]: f["scope"] for f in section["files"]} == {
        "LICENSE": "root", "packages/ui/LICENSE": "component"}


def test_bad_manifest_is_a_problem_and_the_scan_goes_on() -> None:
    document = facts({"LICENSE": MIT, "package.json": '{"license": "MIT",',
                      "pyproject.toml": "[project\n"})
    assert document["licence"]["spdx"] == "MIT"
    paths = {p["path"] for p in document["problems"] if p["source"] == "licence"}
    assert paths == {"package.json", "pyproject.toml"}


def test_fork_metadata_reaches_the_facts() -> None:
    repo = RepoInfo(name="x", full_name="org/x", fork=True)
    assert facts({"LICENSE": MIT}, repo=repo)["repository"]["fork"] is True


def test_wanted_is_decided_from_the_listing() -> None:
    listing = ["LICENSE", "COPYING.LESSER", "LICENSES/EUPL-1.2.txt", "docs/LICENSE.md",
               "packages/a/LICENSE", "node_modules/x/LICENSE", "package.json", "src/a.ts",
               "README.md", "licence.py", "publiccode.yml", "REUSE.toml"]
    wanted = set(LicenceCollector().wanted(listing))
    assert {"LICENSE", "COPYING.LESSER", "LICENSES/EUPL-1.2.txt", "docs/LICENSE.md",
            "packages/a/LICENSE", "package.json", "src/a.ts", "README.md", "REUSE.toml"} <= wanted
    assert "node_modules/x/LICENSE" not in wanted
    root, nested = licence_paths(listing)
    assert "licence.py" not in root + nested  # a source file (sampled for headers), not a licence


def test_dependencies_section(apache: str) -> None:
    lock = {"lockfileVersion": 3, "packages": {"node_modules/gpl": {"license": "GPL-3.0-only"}}}
    document = facts({"LICENSE": MIT, "package-lock.json": json.dumps(lock)})
    assert document["dependencies"]["licences"]["incompatible_count"] == 1


def test_importing_scanner_does_not_load_the_index() -> None:
    code = ("import scanner.facts, scanner.collectors\n"
            "from scanner.licences.index import load_index\n"
            "assert load_index.cache_info().currsize == 0\n")
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_a_mapped_name_is_not_a_version_statement(agpl: str) -> None:
    publiccode = "publiccodeYmlVersion: '0.4'\nlegal:\n  license: AGPL-3.0\n"
    section = licence({"LICENSE": agpl, "publiccode.yml": publiccode})
    assert (section["spdx"], section["version_basis"]) == ("AGPL-3.0-only", "text")
    assert section["deprecated_ids"] == ["AGPL-3.0"]


def test_copying_and_copying_lesser_is_an_lgpl_project(gpl: str) -> None:
    lgpl = corpus_text("ProgrammeVitam__sedatools/javalibpst/LICENSE.LGPL.txt")
    section = licence({"COPYING": gpl, "COPYING.LESSER": lgpl})
    assert section["spdx"] == "LGPL-3.0-only"
