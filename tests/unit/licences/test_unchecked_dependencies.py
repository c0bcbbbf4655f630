"""Runtime dependencies whose licence cannot be checked are never counted as compatible (issue 9,
betagouv/a-just: front/package-lock.json's mapbox-gl 3.21.0 records "SEE LICENSE IN LICENSE.txt",
Mapbox's proprietary terms since v2, and toastr, node-gettext... record no licence at all; the
rule passed with "The 1321 runtime dependencies checked are compatible")."""

from __future__ import annotations

import json
import typing as t

import pytest

from scanner.licences.dependencies import MAX_LISTED, Dependency, compatible, read_lockfile, summarise
from scanner.licences.texts import licence_text
from tests.unit.licences.conftest import MIT
from tests.unit.licences.test_trust import facts, finding

EUPL = licence_text("EUPL-1.2", "en", "Ministère de la Justice", 2024).text
RULE = "dependency-licences-compatible"


def lockfile(packages: dict[str, dict[str, t.Any]]) -> str:
    return json.dumps({"name": "a-just-front", "lockfileVersion": 3, "requires": True,
                       "packages": {"": {"name": "a-just-front", "license": "EUPL-1.2"},
                                    **packages}})


# Entries as betagouv/a-just's front/package-lock.json and api/package-lock.json record them.
MAPBOX = {"node_modules/mapbox-gl": {"version": "3.21.0", "license": "SEE LICENSE IN LICENSE.txt"}}
TOASTR = {"node_modules/toastr": {"version": "2.1.4"}}
RECOGNISED = {
    "node_modules/@angular/core": {"version": "17.3.0", "license": "MIT"},
    "node_modules/@opentelemetry/api": {"version": "1.9.0", "license": "Apache-2.0"},
    "node_modules/rgbcolor": {"version": "1.0.1", "license": "MIT OR SEE LICENSE IN FEEL-FREE.md"},
    "node_modules/pako": {"version": "1.0.11", "license": "(MIT AND Zlib)"},
    "node_modules/jszip": {"version": "3.10.1", "license": "(MIT OR GPL-3.0-or-later)"},
}
# front/package-lock.json: development-only entries are not distributed, not checked.
DEV = {"node_modules/caniuse-lite": {"version": "1.0.30001787", "license": "CC-BY-4.0",
                                     "dev": True},
       "node_modules/dev-tool": {"version": "0.1.0", "dev": True}}


def test_a_pointer_and_missing_licences_go_to_review_naming_them() -> None:
    document = facts({"LICENSE": EUPL, "front/package-lock.json": lockfile(
        {**RECOGNISED, **TOASTR, **MAPBOX, **DEV})})
    licences = document["dependencies"]["licences"]
    assert licences["checked"] == 5 and licences["unchecked_count"] == 2
    # The pointer first: it is the likeliest to be proprietary.
    assert [u["name"] for u in licences["unchecked"]] == ["mapbox-gl", "toastr"]
    status, en, fr = finding(document, RULE)
    assert status == "review"
    assert ('2 could not be checked' in en and 'mapbox-gl 3.21.0 ("SEE LICENSE IN LICENSE.txt", '
            'front/package-lock.json), toastr 2.1.4 (no licence recorded, '
            'front/package-lock.json).' in en and "the 5 others are compatible" in en)
    assert "2 n'ont pas pu être vérifiées" in fr and "aucune licence enregistrée" in fr
    assert "caniuse-lite" not in en and "dev-tool" not in en


def test_recognised_expressions_still_pass_and_dev_entries_do_not_count() -> None:
    document = facts({"LICENSE": EUPL, "front/package-lock.json": lockfile(
        {**RECOGNISED, **DEV})})
    status, en, fr = finding(document, RULE)
    assert status == "pass", en
    assert en == ("The 5 runtime dependencies checked are compatible with the code's licence, "
                  "EUPL-1.2.")
    assert fr.startswith("Les 5 dépendances d'exécution vérifiées sont compatibles")


def test_an_incompatible_dependency_still_fails_beside_unchecked_ones() -> None:
    gpl = {"node_modules/gpl-lib": {"version": "2.0.0", "license": "GPL-3.0-only"}}
    document = facts({"LICENSE": MIT, "package-lock.json": lockfile({**gpl, **MAPBOX})})
    status, en, _ = finding(document, RULE)
    assert status == "fail" and "gpl-lib (GPL-3.0-only, package-lock.json)" in en


@pytest.mark.parametrize("written", [
    "UNLICENSED", "SEE LICENSE IN LICENSE.md", "Custom: https://example.com/terms",
    "https://example.com/LICENSE", "UNKNOWN", "see LICENSE file",
])
def test_pointers_and_markers_are_never_judged(written: str) -> None:
    # npm's "UNLICENSED" grants no right: licensecheck reads it as the Unlicense (compatible).
    assert compatible("EUPL-1.2", written) is None
    assert compatible("MIT", written) is None
    found = summarise([Dependency("x", written, "package-lock.json", False, "1.0.0")], "MIT")
    assert found["checked"] == 0 and found["unchecked_count"] == 1
    assert found["unchecked"][0]["licence"] == written


def test_recognised_licences_keep_their_verdicts() -> None:
    assert compatible("EUPL-1.2", "Apache-2.0") is True
    assert compatible("MIT", "GPL-3.0-only") is False
    assert compatible("MIT", "LicenseRef-proprietary") is False  # composer's "proprietary"
    assert compatible("MIT", "MIT OR SEE LICENSE IN FEEL-FREE.md") is True  # one choice is MIT


def test_composer_entries_without_licence_are_unchecked() -> None:
    lock = json.dumps({"packages": [{"name": "acme/sdk", "version": "1.2.0"},
                                    {"name": "symfony/console", "license": ["MIT"]}],
                       "packages-dev": [{"name": "acme/dev", "version": "0.1"}]})
    found = summarise(read_lockfile("composer.lock", lock.encode()), "MIT")
    assert (found["checked"], found["unchecked_count"]) == (1, 1)
    assert found["unchecked"][0] == {"name": "acme/sdk", "version": "1.2.0", "licence": None,
                                     "lockfile": "composer.lock"}


def test_workspaces_and_links_are_the_project_not_dependencies() -> None:
    # npm workspaces: "packages/ui" is the project's own package (often without a licence) and
    # "node_modules/@app/ui" a link to it.
    lock = lockfile({"packages/ui": {"name": "@app/ui", "version": "0.0.0"},
                     "node_modules/@app/ui": {"resolved": "packages/ui", "link": True},
                     "node_modules/react": {"version": "18.2.0", "license": "MIT"}})
    deps = read_lockfile("package-lock.json", lock.encode())
    assert [d.name for d in deps] == ["react"]


def test_many_unchecked_are_counted_listed_and_named_briefly() -> None:
    deps = [Dependency(f"pkg-{i}", None, "api/package-lock.json", False, "1.0.0")
            for i in range(60)]
    deps.append(Dependency("ok", "MIT", "api/package-lock.json", False, "1.0.0"))
    found = summarise(deps, "EUPL-1.2")
    assert found["unchecked_count"] == 60 and len(found["unchecked"]) == MAX_LISTED
    named = found["unchecked_named"]
    assert named["en"].endswith(" more") and named["fr"].endswith(" autres")
    shown = named["en"].count("(no licence recorded")
    assert named["en"].endswith(f" and {60 - shown} more") and len(named["fr"]) < 300


def test_no_project_licence_to_judge_against_checks_nothing() -> None:
    found = summarise([Dependency("toastr", None, "package-lock.json", False, "2.1.4")],
                      "LicenseRef-custom")
    assert (found["checked"], found["unchecked_count"]) == (0, 0)


def test_blue_oak_is_judged_as_the_permissive_licence_it_is() -> None:
    # lru-cache 11.2.6 "BlueOak-1.0.0" (suitenumerique/helpcenter package-lock.json): licensecheck
    # does not know it; it is permissive (keep the notice), so judged as MIT, not left unchecked.
    assert compatible("MIT", "BlueOak-1.0.0") is True
    assert compatible("GPL-3.0-only", "BlueOak-1.0.0") is True
    assert compatible("MIT", "CC-BY-4.0") is None  # outside the matrix: a person decides


def test_a_lockfile_recording_no_licence_at_all_checks_nothing() -> None:
    # betagouv/datapass frontend/package-lock.json (lockfileVersion 2): no entry records a
    # licence, so nothing can be judged: not applicable, as before, rather than a review of all.
    bare = {f"node_modules/pkg-{i}": {"version": "1.0.0"} for i in range(3)}
    document = facts({"LICENSE": MIT, "package-lock.json": lockfile(bare)})
    assert document["dependencies"]["licences"]["unchecked_count"] == 3
    assert finding(document, RULE)[0] == "not_applicable"
    # One pointer among them is enough to go to a person.
    document = facts({"LICENSE": MIT, "package-lock.json": lockfile({**bare, **MAPBOX})})
    status, en, _ = finding(document, RULE)
    assert status == "review" and "4 could not be checked" in en
    assert ': mapbox-gl 3.21.0 ("SEE LICENSE IN' in en and "pkg-2 1.0.0 (no licence recorded" in en


@pytest.mark.parametrize(("project", "dependency", "expected"), [
    # AND binds the user to every part: licensecheck alone accepted the whole on one part.
    ("MIT", "MIT AND GPL-3.0-only", False),
    ("Apache-2.0", "(GPL-2.0-only AND MIT)", False),
    ("AGPL-3.0-only", "MIT AND GPL-3.0-only", True),
    ("EUPL-1.2", "MIT AND Apache-2.0", True),
    # pako's real value: Zlib is permissive (altered versions marked as such).
    ("MIT", "(MIT AND Zlib)", True),
    # A part nobody can judge leaves the whole unjudged, never compatible.
    ("MIT", "MIT AND CC-BY-4.0", None),
    # OR keeps needing one acceptable choice, also inside an AND.
    ("MIT", "(MIT OR GPL-3.0-or-later)", True),
    ("MIT", "(MIT OR Apache-2.0) AND BSD-3-Clause", True),
    ("MIT", "(GPL-2.0-only OR GPL-3.0-only) AND MIT", False),
])
def test_every_part_of_an_and_must_be_compatible(project: str, dependency: str,
                                                 expected: bool | None) -> None:
    assert compatible(project, dependency) is expected
