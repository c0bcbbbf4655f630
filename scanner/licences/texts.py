"""Full official texts of the authorised licences, for ``civiscan fix`` to write a LICENSE file.

The texts are data with provenance (``scanner/data/licences/texts/``, built by
``scripts/build_licence_texts.py``): the SPDX License List, and ScanCode's LicenseDB for the
language SPDX lacks (CeCILL in French, etalab-2.0 in English). A copyright line naming the holder
fills the text's own placeholder where it has one at its top (MIT, BSD) and heads it otherwise.
"""

from __future__ import annotations

import functools
import gzip
import json
import re
from dataclasses import dataclass
from importlib import resources

#: The placeholder copyright line at the top of MIT/BSD-style texts.
_COPYRIGHT_PLACEHOLDER = re.compile(r"^(Copyright (?:\(c\) )?)<year> <(?:owner|copyright holders)>(\.?)",
                                    re.MULTILINE)
#: How many characters from the top a placeholder line may start at (MIT has a title first).
_TOP = 200


@dataclass(frozen=True)
class LicenceText:
    spdx: str
    language: str
    text: str


@functools.lru_cache(maxsize=1)
def _texts() -> dict[str, dict[str, str]]:
    folder = resources.files("scanner.data").joinpath("licences").joinpath("texts")
    data = json.loads(gzip.decompress(folder.joinpath("texts.json.gz").read_bytes()))
    texts: dict[str, dict[str, str]] = data["texts"]
    return texts


def available() -> list[str]:
    """SPDX ids with a full text, sorted."""
    return sorted(_texts())


def languages(spdx: str) -> list[str]:
    """The languages ``spdx``'s text exists in."""
    return sorted(_texts().get(spdx, {}))


def licence_text(spdx: str, language: str, holder: str, year: int) -> LicenceText:
    """The text of ``spdx`` in ``language`` (else the one it has), with the copyright line.

    Raises ``KeyError`` for an id without a text (see :func:`available`).
    """
    versions = _texts()[spdx]
    chosen = language if language in versions else sorted(versions)[0]
    text = versions[chosen]
    line = f"Copyright (c) {year} {holder}"
    match = _COPYRIGHT_PLACEHOLDER.search(text)
    if match and match.start() < _TOP:
        text = text[:match.start()] + line + match.group(2) + text[match.end():]
        text = re.sub(r"[ \t]+$", "", text, flags=re.MULTILINE)
    else:
        text = f"{line}\n\n{text}"
    return LicenceText(spdx, chosen, text)
