"""Licence files holding only a licence's standard header (the notice each licence asks to put
in files), and pointer files offering a choice between the licence files they name."""

from __future__ import annotations

import pytest

from scanner.licences.detect import NOASSERTION, detect
from tests.unit.licences.conftest import MIT
from tests.unit.licences.test_collector import licence as _effective

PREAMBLE = ("This package bundles a list of certificates gathered by a third party. The list "
            "is extracted from their source tree by a script and converted to another format, "
            "so that it can be used by tools that cannot read the original one.\n\n")
MPL = ("This Source Code Form is subject to the terms of the Mozilla Public License,\n"
       "v. 2.0. If a copy of the MPL was not distributed with this file, You can obtain\n"
       "one at http://mozilla.org/MPL/2.0/.\n")
APACHE = ('Licensed under the Apache License, Version 2.0 (the "License");\nyou may not use '
          "this file except in compliance with the License.\nYou may obtain a copy of the "
          "License at\n\n    http://www.apache.org/licenses/LICENSE-2.0\n\nUnless required by "
          "applicable law or agreed to in writing, software\ndistributed under the License is "
          'distributed on an "AS IS" BASIS.\n')


def _gnu(name: str, clause: str) -> str:
    return ("This program is free software: you can redistribute it and/or modify\nit under "
            f"the terms of the GNU {name} as published by\nthe Free Software Foundation, "
            f"{clause}.\n\nThis program is distributed in the hope that it will be useful, "
            "but WITHOUT ANY WARRANTY.\n")


LATER = "either version 3 of the License, or\n(at your option) any later version"


@pytest.mark.parametrize(("text", "expected"), [
    (PREAMBLE + "***** BEGIN LICENSE BLOCK *****\n" + MPL + "***** END LICENSE BLOCK *****\n",
     "MPL-2.0"),
    ("\n".join("# " + line for line in MPL.splitlines()), "MPL-2.0"),
    (MPL + '\nThis Source Code Form is "Incompatible With Secondary Licenses", as defined by '
     "the Mozilla Public License, v. 2.0.\n", "MPL-2.0-no-copyleft-exception"),
    ("Copyright 2024 Some Project Authors\n\n" + APACHE, "Apache-2.0"),
    ("\n".join(" * " + line for line in APACHE.splitlines()), "Apache-2.0"),
    (_gnu("General Public License", LATER), "GPL-3.0-or-later"),
    (_gnu("General Public License", "version 3 of the License"), "GPL-3.0-only"),
    (_gnu("Affero General Public License", LATER), "AGPL-3.0-or-later"),
    (_gnu("Lesser General Public License", LATER), "LGPL-3.0-or-later"),
    (_gnu("Lesser General Public License",
          "either version 2.1 of the License, or (at your option) any later version"),
     "LGPL-2.1-or-later"),
    ("Ce programme est un logiciel libre ; vous pouvez le redistribuer et/ou le modifier "
     "selon les termes de la Licence Publique Générale GNU Affero, telle que publiée par la "
     "Free Software Foundation ; soit la version 3 de la licence, soit (à votre gré) toute "
     "version ultérieure.\n", "AGPL-3.0-or-later"),
    ("Licensed under the EUPL, Version 1.2 or – as soon they will be approved by\nthe "
     "European Commission - subsequent versions of the EUPL (the \"Licence\");\nYou may not "
     "use this work except in compliance with the Licence.\n", "EUPL-1.2"),
    ("Concédé sous licence EUPL, version 1.2 ou – dès leur approbation par la Commission "
     "européenne - versions ultérieures de l'EUPL (la « Licence »).\n", "EUPL-1.2"),
    ("Ce logiciel est régi par la licence CeCILL-B soumise au droit français et\nrespectant "
     "les principes de diffusion des logiciels libres. Vous pouvez utiliser,\nmodifier et/ou "
     "redistribuer ce programme sous les conditions de la licence CeCILL-B.\n", "CECILL-B"),
    ("Ce logiciel est régi par la licence CeCILL soumise au droit français et respectant les "
     "principes de diffusion des logiciels libres.\n", "CECILL-2.1"),
    ("This software is governed by the CeCILL-C license under French law and abiding by the "
     "rules of distribution of free software.\n", "CECILL-C"),
])
def test_a_standard_header_is_a_notice(text: str, expected: str) -> None:
    found = detect(text)
    assert (found.spdx, found.method) == (expected, "notice")
    assert found.confidence < 1.0  # a notice, not the licence text


def test_a_licence_text_is_not_read_as_its_own_header(gpl: str, apache: str) -> None:
    # Both texts end with their header as an example; a cut text stays a (cut) text.
    assert detect(gpl).spdx == "GPL-3.0-only"
    cut = gpl[: len(gpl) // 3] + gpl[-2500:]
    assert detect(cut).spdx in (NOASSERTION, "GPL-3.0-only")
    changed = apache.replace("Grant of Copyright License", "Grant of Copyright License, "
                             "for non-commercial use by French administrations only,")
    assert detect(changed).spdx in (NOASSERTION, "Apache-2.0")




@pytest.mark.parametrize("pointer", [
    "This software is made available under the terms of *either* of the licenses\nfound in "
    "LICENSE.APACHE or LICENSE.BSD. Contributions to this project are made\nunder the terms "
    "of *both* these licenses.\n",
    "Ce logiciel est distribué, au choix, selon les termes des licences des fichiers\n"
    "LICENSE.APACHE et LICENSE.BSD ; voir les fichiers LICENSE.APACHE et LICENSE.BSD.\n",
])
def test_a_pointer_file_offering_a_choice_is_or(pointer: str, apache: str) -> None:
    bsd = MIT.replace("MIT License", "BSD")  # any second licence text will do
    section = _effective({"LICENSE": pointer, "LICENSE.APACHE": apache, "LICENSE.BSD": bsd})
    assert section["spdx"] == "Apache-2.0 OR MIT"
    assert (section["operator"], section["operator_basis"]) == ("OR", "file:LICENSE")


def test_a_pointer_without_a_choice_leaves_and(apache: str) -> None:
    pointer = "See LICENSE.APACHE and LICENSE.MIT for the terms.\n"
    section = _effective({"LICENSE": pointer, "LICENSE.APACHE": apache, "LICENSE.MIT": MIT})
    assert (section["spdx"], section["operator_basis"]) == ("Apache-2.0 AND MIT", "several-files")


def test_a_choice_naming_files_that_hold_other_licences_is_not_taken(apache: str) -> None:
    pointer = "Use either the terms in LICENSE.APACHE or the terms in LICENSE.GPL.\n"
    section = _effective({"LICENSE": pointer, "LICENSE.APACHE": apache, "LICENSE.MIT": MIT})
    assert section["operator"] == "AND"
