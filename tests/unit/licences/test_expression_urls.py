"""Declared licences given as URLs or LicenseRef- ids (one parser serves manifests,
publiccode.yml and API descriptions)."""

from __future__ import annotations

import pytest

from scanner.licences.expressions import parse
from scanner.publiccode.licence import parse_licence


@pytest.mark.parametrize(("url", "spdx"), [
    ("http://www.apache.org/licenses/LICENSE-2.0.html", "Apache-2.0"),
    # a gnu.org URL says nothing of "only" or "or later": the bare family, stated as unstated
    ("https://www.gnu.org/licenses/agpl-3.0.html", "AGPL-3.0"),
    ("https://spdx.org/licenses/EUPL-1.2.html", "EUPL-1.2"),
    ("https://joinup.ec.europa.eu/collection/eupl/eupl-text-eupl-12", "EUPL-1.2"),
    ("https://cecill.info/licences/Licence_CeCILL-B_V1-fr.html", "CECILL-B"),
    ("https://www.etalab.gouv.fr/licence-ouverte-open-licence", "etalab-2.0"),
])
def test_well_known_licence_urls(url: str, spdx: str) -> None:
    parsed = parse(url)
    assert (parsed.kind, parsed.normalised) == ("name", spdx)


def test_licence_refs_are_valid_spdx() -> None:
    assert parse("MIT AND LicenseRef-marianne-font").kind == "spdx"
    assert parse_licence("LicenseRef-proprietary-font").valid


def test_publiccode_names_are_understood_but_not_valid() -> None:
    parsed = parse_licence("Apache License 2.0")
    assert not parsed.valid and parsed.normalised == "Apache-2.0"
    assert "write Apache-2.0" in (parsed.error or "")
    assert parse_licence("GPL-3.0+").normalised == "GPL-3.0-or-later"
    assert not parse_licence("EUPL-2.0").valid
