"""The compiled licence-text index: loaded lazily, once, on the first detection.

Loading is kept cheap (one gzip'd JSON, arrays decoded with ``frombytes``) and per-text bigram
sets are only built for the few candidates a text actually needs, so ``import scanner`` stays
light and the first detection stays well under the start-up budget.
"""

from __future__ import annotations

import base64
import functools
import gzip
import json
import sys
from array import array
from dataclasses import dataclass, field
from importlib import resources

INDEX_RESOURCE = ("licences", "index.json.gz")


@dataclass(frozen=True)
class Entry:
    """One reference text and the SPDX ids it stands for (several when texts are identical)."""

    ids: tuple[str, ...]
    source: str
    lang: str
    tokens: array
    rare_total: float

    @property
    def spdx(self) -> str:
        """The id to report: GNU texts are ``-only`` by SPDX convention, never a deprecated id."""
        for spdx_id in self.ids:
            if spdx_id.endswith("-only"):
                return spdx_id
        return self.ids[0]


@dataclass
class LicenceIndex:
    """Reference texts as word-id sequences, plus what is needed to pick candidates fast."""

    spdx_list_version: str
    vocab: dict[str, int]
    entries: list[Entry]
    exact: dict[bytes, int]
    post_off: array
    post_ent: array
    inv_df: list[float]
    licences: dict[str, dict[str, object]]
    swap: bool = False
    _bigrams: dict[int, frozenset[int]] = field(default_factory=dict)

    def bigrams(self, index: int) -> frozenset[int]:
        """Word-bigram set of one reference text, built on first use and kept."""
        found = self._bigrams.get(index)
        if found is None:
            ids = self.entries[index].tokens
            found = frozenset(map(_pair, ids, ids[1:]))
            self._bigrams[index] = found
        return found

    def name_of(self, spdx_id: str) -> str | None:
        meta = self.licences.get(spdx_id)
        return str(meta["name"]) if meta else None


def _pair(a: int, b: int) -> int:
    return a << 17 | b


def _decode(blob: str, typecode: str, byteorder: str) -> array:
    values = array(typecode)
    values.frombytes(base64.b64decode(blob))
    if byteorder != sys.byteorder:
        values.byteswap()
    return values


@functools.lru_cache(maxsize=1)
def load_index() -> LicenceIndex:
    """The shipped index (see ``scripts/build_licence_index.py`` and ``PROVENANCE.json``)."""
    ref = resources.files("scanner.data").joinpath(*INDEX_RESOURCE)
    doc = json.loads(gzip.decompress(ref.read_bytes()))
    order = doc["byteorder"]
    vocab = {word: i for i, word in enumerate(doc["vocab"])}
    for variant, canonical in doc["equivalent_words"].items():
        if canonical in vocab and variant not in vocab:
            vocab[variant] = vocab[canonical]
    entries = [
        Entry(ids=tuple(e["ids"]), source=e["source"], lang=e["lang"],
              tokens=_decode(e["tokens"], "H", order), rare_total=e["rare_total"])
        for e in doc["entries"]
    ]
    offsets = _decode(doc["post_off"], "I", order)
    inv_df = [0.0] * (len(offsets) - 1)
    for word_id in range(len(inv_df)):
        df = offsets[word_id + 1] - offsets[word_id]
        if df:
            inv_df[word_id] = 1.0 / df
    return LicenceIndex(
        spdx_list_version=doc["spdx_list_version"],
        vocab=vocab,
        entries=entries,
        exact={bytes.fromhex(k): v for k, v in doc["exact"].items()},
        post_off=offsets,
        post_ent=_decode(doc["post_ent"], "H", order),
        inv_df=inv_df,
        licences=doc["licences"],
        swap=order != sys.byteorder,
    )
