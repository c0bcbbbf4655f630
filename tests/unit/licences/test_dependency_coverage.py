"""Dependency licences: only licences the compatibility matrix knows, matched exactly, are judged,
and every lockfile not read is said (issue 9, audit recheck4a).

- gip-inclusion/dora front/package-lock.json, MTES-MCT/potentiel, betagouv/espace-membre-next and
  betagouv/infomedicament package-lock.json record nine ``@sentry/cli*`` entries under
  "FSL-1.1-MIT" (the Functional Source License: not free, it forbids competing uses for two
  years); licensecheck finds "MIT" inside that id and civiscan counted them compatible.
- SocialGouv/reva holds 8 lockfiles and betagouv/preuve-covoiturage 6: civiscan read the 5
  shallowest and its counts said nothing of the others.
"""

from __future__ import annotations

import json
import typing as t

import pytest

from scanner.collectors import dependencies as collector
from scanner.licences.dependencies import Dependency, compatible, summarise
from scanner.licences.notices import named_exactly
from tests.unit.licences.conftest import MIT
from tests.unit.licences.test_trust import facts, finding

RULE = "dependency-licences-compatible"


def lockfile(packages: dict[str, dict[str, t.Any]]) -> str:
    return json.dumps({"name": "dora-front", "lockfileVersion": 3, "requires": True,
                       "packages": {"": {"name": "dora-front"}, **packages}})


# As gip-inclusion/dora's front/package-lock.json records them (the platform binaries are
# optional runtime dependencies of @sentry/cli, itself one of @sentry/sveltekit).
SENTRY = {
    "node_modules/@sentry/cli": {"version": "2.58.5", "license": "FSL-1.1-MIT"},
    "node_modules/@sentry/cli-linux-x64": {"version": "2.58.5", "license": "FSL-1.1-MIT",
                                           "optional": True, "os": ["linux", "freebsd",
                                                                    "android"], "cpu": ["x64"]},
    "node_modules/@sentry/cli-win32-x64": {"version": "2.58.5", "license": "FSL-1.1-MIT",
                                           "optional": True, "os": ["win32"], "cpu": ["x64"]},
}
FREE = {
    "node_modules/svelte": {"version": "4.2.19", "license": "MIT"},
    "node_modules/@sentry/core": {"version": "8.55.0", "license": "MIT"},
    "node_modules/tslib": {"version": "2.8.1", "license": "0BSD"},
    "node_modules/fast-json-patch": {"version": "3.1.1", "license": "(MIT OR Apache-2.0)"},
}


def test_the_functional_source_licence_is_never_counted_compatible() -> None:
    document = facts({"LICENSE": MIT, "front/package-lock.json": lockfile({**FREE, **SENTRY})})
    licences = document["dependencies"]["licences"]
    assert (licences["checked"], licences["unchecked_count"]) == (4, 3)
    assert {u["licence"] for u in licences["unchecked"]} == {"FSL-1.1-MIT"}
    status, en, fr = finding(document, RULE)
    assert status == "review"
    assert ('3 could not be checked' in en and '@sentry/cli 2.58.5 ("FSL-1.1-MIT", '
            'front/package-lock.json)' in en and "the 4 others are compatible" in en), en
    assert "« FSL-1.1-MIT »" in fr and "les 4 autres sont compatibles" in fr


@pytest.mark.parametrize("project", ["MIT", "AGPL-3.0-only", "EUPL-1.2", "Apache-2.0",
                                     "AGPL-3.0-or-later AND MIT"])
@pytest.mark.parametrize("written", [
    # Source-available licences: SPDX ids outside the matrix, or a name inside other words.
    "FSL-1.1-MIT", "FSL-1.1-ALv2", "FSL-1.1-Apache-2.0", "BUSL-1.1", "Elastic-2.0", "SSPL-1.0",
    "Apache-2.0 WITH Commons-Clause", "MIT + Commons Clause", "PolyForm-Noncommercial-1.0.0",
    "CC-BY-NC-4.0", "LicenseRef-FSL", "SEE LICENSE IN LICENSE.md",
    # Free, but not classes of the matrix: licensecheck read them by substring as MIT, BSD,
    # AGPL-3.0 or zlib.
    "MIT-CMU", "BSD-4-Clause", "BSD-3-Clause-No-Nuclear-License", "AGPL-1.0-only",
    "zlib-acknowledgement", "Unknown-Licence-1.0",
    # One unknown part of an AND leaves the whole unjudged.
    "MIT AND FSL-1.1-MIT",
])
def test_licences_outside_the_matrix_go_to_a_person(project: str, written: str) -> None:
    assert compatible(project, written) is None
    found = summarise([Dependency("x", written, "package-lock.json", False, "1.0.0")], project)
    assert (found["checked"], found["unchecked_count"]) == (0, 1)


@pytest.mark.parametrize(("project", "written", "expected"), [
    ("MIT", "MIT", True), ("MIT", "Apache-2.0", True), ("MIT", "(MIT OR Apache-2.0)", True),
    ("AGPL-3.0-only", "MIT-0", True), ("AGPL-3.0-only", "BlueOak-1.0.0", True),
    ("EUPL-1.2", "0BSD", True), ("MIT", "(MIT AND Zlib)", True),
    # One free choice is enough, even beside a licence outside the matrix.
    ("MIT", "(MIT OR FSL-1.1-MIT)", True),
    # Names written in full are judged when they are a licence's name and nothing else
    # (values of real lockfiles: mootools, BSD 2-Clause, "MIT OR Apache2").
    ("MIT", "MIT (http://mootools.net/license.txt)", True), ("MIT", "BSD 2-Clause", True),
    ("MIT", "Apache 2.0", True), ("MIT", "MIT OR Apache2", True), ("MIT", "GPLv3", False),
    # An OR is now judged choice by choice (licensecheck read only its first known name).
    ("MPL-2.0", "(MPL-2.0 OR Apache-2.0)", True),
    ("GPL-2.0-or-later", "(Apache-2.0 or GPL-2.0)", True),
    ("MIT", "GPL-3.0-only", False), ("MIT", "LicenseRef-proprietary", False),
])
def test_licences_the_matrix_knows_keep_their_verdicts(project: str, written: str,
                                                       expected: bool) -> None:
    assert compatible(project, written) is expected


def test_a_name_counts_only_when_it_is_the_whole_value() -> None:
    assert named_exactly("The MIT License") == "MIT"
    assert named_exactly("Apache License, Version 2.0") == "Apache-2.0"
    assert named_exactly("GPL-3.0+") == "GPL-3.0-or-later"
    assert named_exactly("FSL-1.1-Apache-2.0") is None
    assert named_exactly("Apache-2.0 WITH Commons-Clause") is None
    assert named_exactly("MIT Press") is None and named_exactly("") is None


def test_a_name_inside_other_words_is_shown_as_written() -> None:
    found = summarise([Dependency("sentry", "FSL-1.1-Apache-2.0", "package-lock.json", False,
                                  "1.0.0")], "MIT")
    assert found["by_licence"] == [{"licence": "FSL-1.1-Apache-2.0", "packages": 1}]
    assert found["unchecked_count"] == 1


def test_a_project_licence_outside_the_matrix_checks_nothing() -> None:
    found = summarise([Dependency("x", "MIT", "package-lock.json", False, "1.0.0")],
                      "FSL-1.1-MIT")
    assert (found["judged"], found["checked"], found["unchecked_count"]) == (False, 0, 0)


# --- lockfiles not read ----------------------------------------------------------------------

def _lockfiles(count: int) -> dict[str, str]:
    """SocialGouv/reva's shape: a root lockfile and one per package of a monorepo."""
    files = {"package-lock.json": lockfile({"node_modules/react": {"version": "18.3.1",
                                                                   "license": "MIT"}})}
    for i in range(1, count):
        files[f"packages/reva-{i:02d}/package-lock.json"] = lockfile(
            {f"node_modules/lib-{i}": {"version": "1.0.0", "license": "ISC"}})
    return files


def test_the_reva_monorepo_lockfiles_are_all_read() -> None:
    document = facts({"LICENSE": MIT, **_lockfiles(8)})
    section = document["dependencies"]
    assert (section["lockfiles_found"], section["lockfiles_unread"]) == (8, 0)
    assert section["coverage"] == {"en": "", "fr": ""}
    assert section["licences"]["checked"] == 8
    status, en, _ = finding(document, RULE)
    assert status == "pass" and en.startswith("The 8 runtime dependencies checked"), en


def test_lockfiles_over_the_limit_are_counted_named_and_never_pass(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(collector, "MAX_LOCKFILES", 5)
    document = facts({"LICENSE": MIT, **_lockfiles(8)})
    section = document["dependencies"]
    assert (section["lockfiles_found"], section["lockfiles_unread"]) == (8, 3)
    unread = [f["path"] for f in section["lockfiles"] if not f["read"]]
    assert unread == [f"packages/reva-{i:02d}/package-lock.json" for i in (5, 6, 7)]
    assert section["licences"]["checked"] == 5
    status, en, fr = finding(document, RULE)
    assert status == "review", en
    assert "the 5 checked are compatible" in en and "not every lockfile was read" in en
    assert ("Lockfiles read: 5 of the 8 found; not read: packages/reva-05/package-lock.json, "
            "packages/reva-06/package-lock.json, packages/reva-07/package-lock.json (over the "
            "limit of 5 lockfiles read). Check the licences" in en), en
    assert "Fichiers de verrouillage lus : 5 sur les 8 trouvés ; non lus :" in fr
    assert "au-delà de la limite de" in fr


def test_unread_lockfiles_are_said_beside_unchecked_dependencies(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(collector, "MAX_LOCKFILES", 2)
    files = _lockfiles(6)
    files["package-lock.json"] = lockfile({
        "node_modules/@ckeditor/ckeditor5-core": {"version": "41.4.2",
                                                  "license": "SEE LICENSE IN LICENSE.md"}})
    status, en, fr = finding(facts({"LICENSE": MIT, **files}), RULE)
    assert status == "review" and "1 could not be checked" in en
    assert en.endswith("are compatible. Lockfiles read: 2 of the 6 found; not read: "
                       "packages/reva-02/package-lock.json, packages/reva-03/package-lock.json, "
                       "packages/reva-04/package-lock.json (over the limit of 2 lockfiles read) "
                       "and 1 more."), en
    assert fr.endswith("(au-delà de la limite de 2 fichiers lus) et 1 autre."), fr


def test_a_failing_lockfile_is_not_taken_for_no_lockfile() -> None:
    # A repository whose only lockfile is not valid JSON: a person checks, never "not applicable".
    document = facts({"LICENSE": MIT, "package-lock.json": '{"packages": '})
    section = document["dependencies"]
    assert section["lockfiles_unread"] == 1 and section["lockfiles"][0]["why"] == "invalid"
    status, en, _ = finding(document, RULE)
    assert status == "review" and "package-lock.json (not valid)" in en, en


def test_lockfiles_over_the_bytes_read_in_all_are_said(monkeypatch: pytest.MonkeyPatch) -> None:
    files = _lockfiles(3)
    monkeypatch.setattr(collector, "MAX_LOCKFILES_BYTES", len(files["package-lock.json"]) + 10)
    section = facts({"LICENSE": MIT, **files})["dependencies"]
    assert [f.get("why") for f in section["lockfiles"]] == [None, "budget", "budget"]
    assert section["lockfiles_unread"] == 2
    assert section["coverage"]["en"].startswith(
        "Lockfiles read: 1 of the 3 found; not read: packages/reva-01/package-lock.json, "
        "packages/reva-02/package-lock.json (over the 0.000")


def test_no_lockfile_is_still_not_applicable() -> None:
    document = facts({"LICENSE": MIT, "README.md": "# app\n"})
    assert document["dependencies"]["lockfiles_found"] == 0
    assert finding(document, RULE)[0] == "not_applicable"
