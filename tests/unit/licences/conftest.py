"""Licence texts for the tests: the MIT text inline, real files from the shared corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support import CORPUS

MIT = """MIT License

Copyright (c) 2024 Direction interministérielle du numérique

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
"""


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
