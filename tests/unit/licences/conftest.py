"""Licence texts for the tests: the MIT text the fakes use, real files from the shared corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fakeforge.licences import mit_text
from tests.support import CORPUS

MIT = mit_text("Direction interministérielle du numérique")


def corpus_text(relative: str) -> str:
    path = CORPUS / relative
    if not path.is_file():
        pytest.skip(f"shared corpus not available ({path})")
    return Path(path).read_text(encoding="utf-8")


@pytest.fixture
def agpl() -> str:
    return corpus_text("etalab__transpo-rt/LICENSE")


@pytest.fixture
def gpl() -> str:
    return corpus_text("numerique-gouv__dimail-api/LICENSE")


@pytest.fixture
def apache() -> str:
    return corpus_text("SocialGouv__domifa/LICENSE")
