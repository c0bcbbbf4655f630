"""The licence texts civiscan fix writes: data with provenance, whole, recognised as themselves."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from scanner.fixes import authorised_licences, writable_licences
from scanner.licences import texts
from scanner.licences.detect import detect

DATA = Path(texts.__file__).resolve().parents[1] / "data" / "licences" / "texts"


def test_the_data_matches_its_provenance() -> None:
    provenance = json.loads((DATA / "PROVENANCE.json").read_text("utf-8"))
    packed = (DATA / "texts.json.gz").read_bytes()
    assert hashlib.sha256(packed).hexdigest() == provenance["sha256"]
    assert set(provenance["texts"]) == set(texts.available())
    assert (DATA / "NOTICE.txt").is_file()


def test_every_current_authorised_licence_has_its_text() -> None:
    # Deprecated ids (GPL-3.0, GPL-3.0+...) have no SPDX text: their current ids do.
    missing = authorised_licences() - set(writable_licences())
    assert all(spdx.endswith(("-3.0", "-3.0+")) for spdx in missing), missing
    for spdx in ("CECILL-2.1", "CECILL-B", "CECILL-C", "etalab-2.0"):
        assert texts.languages(spdx) == ["en", "fr"], spdx


@pytest.mark.parametrize("spdx", writable_licences())
def test_each_text_with_its_copyright_line_is_recognised_exactly(spdx: str) -> None:
    for language in texts.languages(spdx):
        written = texts.licence_text(spdx, language, "Direction interministérielle du numérique",
                                     2026)
        assert written.language == language
        assert any(line.startswith("Copyright (c) 2026 Direction interministérielle du numérique")
                   for line in written.text.splitlines()[:3])
        assert "<year>" not in written.text[:300] and "<owner>" not in written.text[:300]
        found = detect(written.text)
        assert found.method == "exact" and found.confidence == 1.0
        # The GNU texts do not say "only" or "or later" (the notice does): the family is enough.
        assert found.spdx.removesuffix("-only") == spdx.removesuffix("-only").removesuffix(
            "-or-later").removesuffix("-no-copyleft-exception") or found.spdx == spdx


def test_a_missing_language_falls_back_to_the_one_there_is() -> None:
    written = texts.licence_text("MIT", "fr", "ANCT", 2026)
    assert written.language == "en" and written.text.startswith("MIT License\n\nCopyright (c) 2026 ANCT\n")
    with pytest.raises(KeyError):
        texts.licence_text("WTFPL", "en", "x", 2026)
