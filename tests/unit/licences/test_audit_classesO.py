"""Audit freshO1 (issue 9): "licence files in sub-folders: none" only when civiscan looked
everywhere, and an "or any later version" is always said with the licence it is of."""

from __future__ import annotations

from scanner.licences.effective import Evidence, _version_says
from scanner.licences.paths import MAX_NESTED, licence_paths, unread_nested
from tests.unit.licences.conftest import MIT
from tests.unit.licences.test_trust import facts, finding

# StrasbourgEurometropole/Strasbourg-Next: no root licence; tarteaucitron is copied five folders
# down with its own LICENSE (MIT) and package.json.
TARTEAUCITRON = "themes/0-global-theme/src/libs/tarteaucitron/LICENSE"
README = "# Strasbourg-Next\n\nwork in progress\n"


def test_a_deep_licence_file_is_named_not_read() -> None:
    document = facts({"README.md": README, TARTEAUCITRON: MIT.replace(
        "Direction interministérielle du numérique", "AmauriC"),
        "themes/0-global-theme/src/libs/tarteaucitron/package.json": '{"license": "MIT"}'})
    status, en, fr = finding(document, "licence-file-present")
    assert status == "fail"
    assert ("Licence files in sub-folders (each for its own folder): not read, more than 3 "
            f"folders down: {TARTEAUCITRON}; empty") in en
    assert f"non lus, à plus de 3 niveaux de dossiers : {TARTEAUCITRON} ;" in fr
    assert "sub-folders (each for its own folder): none" not in en


def test_vendored_licence_files_are_counted_and_a_read_one_is_named() -> None:
    vendored = {f"node_modules/lib{i}/LICENSE": MIT for i in range(5)}
    document = facts({"README.md": README, "module/LICENSE": MIT, **vendored})
    en = finding(document, "licence-file-present")[1]
    assert ("(each for its own folder): module/LICENSE, not read, in third-party code or build "
            "output: node_modules/lib0/LICENSE, node_modules/lib1/LICENSE, "
            "node_modules/lib2/LICENSE and 2 more;") in en


def test_licence_files_past_the_limit_are_said() -> None:
    listing = [f"m{i:02}/LICENSE" for i in range(MAX_NESTED + 2)]
    assert len(licence_paths(listing)[1]) == MAX_NESTED
    assert unread_nested(listing) == [(f"m{i:02}/LICENSE", "limit")
                                      for i in (MAX_NESTED, MAX_NESTED + 1)]


def test_none_when_there_is_no_licence_file_anywhere() -> None:
    # Negative: nothing was skipped, so "none" is true and the message is unchanged.
    document = facts({"README.md": README, "src/licence_check.py": "x = 1\n",
                      "a/b/c/d/e/LICENSE.png": b"\x89PNG"})
    en = finding(document, "licence-file-present")[1]
    assert "Licence files in sub-folders (each for its own folder): none; empty" in en
    assert unread_nested(["a/b/c/d/e/LICENSE.png", "LICENSE", "docs/licence-header.txt"]) == []


# Ville-Eurometropole-Strasbourg/delimitation-du-dpf delimitation_dpf/__init__.py:14-21 (Plugin
# Builder's header: GPL v2 "or any later version"), beside a LICENSE holding the AGPL v3 text.
PLUGIN_BUILDER = '''# -*- coding: utf-8 -*-
"""
/***************************************************************************
 *                                                                         *
 *   This program is free software; you can redistribute it and/or modify  *
 *   it under the terms of the GNU General Public License as published by  *
 *   the Free Software Foundation; either version 2 of the License, or     *
 *   (at your option) any later version.                                   *
 *                                                                         *
 ***************************************************************************/
"""
'''


def test_an_or_later_of_another_licence_is_said_as_such(agpl: str) -> None:
    files = {f"delimitation_dpf/module{i}.py": PLUGIN_BUILDER + "x = 1\n" for i in range(3)}
    document = facts({"LICENSE": agpl, **files})
    assert document["licence"]["spdx"] == "AGPL-3.0-only"
    status, en, fr = finding(document, "licence-on-strict-list")
    assert status == "fail"
    assert "AGPL-3.0 text alone, which by SPDX convention reads as AGPL-3.0-only" in en
    assert "says \"or any later version\" of AGPL-3.0, the GNU notices in the heads of 3 " \
           "sampled source files (e.g. delimitation_dpf/module0.py:5) say it of GPL-2.0, not " \
           "of AGPL-3.0" in en
    assert "les notices GNU en tête de 3 fichiers sources échantillonnés (par ex. " \
           "delimitation_dpf/module0.py:5) le disent de la licence GPL-2.0, pas de la licence " \
           "AGPL-3.0" in fr


def test_without_any_or_later_the_message_is_unchanged(agpl: str) -> None:
    # Negative: a GPL v2 "only" header is no "or later"; the sentence stays "nothing says it".
    only = PLUGIN_BUILDER.replace("either version 2 of the License, or     *\n"
                                  " *   (at your option) any later version.", "version 2 of the "
                                  "License.")
    document = facts({"LICENSE": agpl, "pkg/a.py": only + "x = 1\n"})
    en = finding(document, "licence-on-strict-list")[1]
    assert "nothing civiscan read (the licence files, README, package metadata and the heads of " \
           "1 sampled source files) says \"or any later version\"." in en
    assert "say it of" not in en


def test_an_spdx_header_of_another_gnu_licence_is_not_this_ones_or_later() -> None:
    # "GPL-3.0" is a substring of "AGPL-3.0-or-later" and "LGPL-3.0-or-later": neither makes
    # the GPL text "or later".
    for other in ("AGPL-3.0-or-later", "LGPL-3.0-or-later"):
        assert _version_says("GPL-3.0", Evidence([], None, [other]), []) is None
    assert _version_says("GPL-3.0", Evidence([], None, ["GPL-3.0-or-later"]), []) == "or-later"
    assert _version_says("GPL-2.0", Evidence([], None, ["MIT OR GPL-2.0+"]), []) == "or-later"


AGPL_NOTICE = ('"""\nThis program is free software: you can redistribute it and/or modify it under the '
               'terms of the GNU Affero General Public License as published by the Free Software '
               'Foundation, either version 3 of the License, or (at your option) any later '
               'version.\n"""\n')


def test_an_or_later_of_this_licence_that_did_not_settle_it_is_said(agpl: str) -> None:
    # One header says AGPL v3 "or later", another "version 3 of the License" only: a tie settles
    # nothing, and the message must not say that nothing civiscan read says "or later".
    only = AGPL_NOTICE.replace("either version 3 of the License, or (at your option) any later "
                               "version.", "version 3 of the License.")
    document = facts({"LICENSE": agpl, "app/a.py": AGPL_NOTICE + "x = 1\n",
                      "app/b.py": only + "x = 1\n"})
    assert document["licence"]["spdx"] == "AGPL-3.0-only"
    en = finding(document, "licence-on-strict-list")[1]
    assert "nothing civiscan read" not in en
    assert ("civiscan did not take the \"or any later version\" it read as settling AGPL-3.0's "
            "version") in en
    assert "the GNU notice in the head of 1 sampled source file (e.g. app/a.py:2) says it of " \
           "AGPL-3.0." in en
