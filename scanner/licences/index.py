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
from pathlib import Path

INDEX_PATH = Path(__file__).resolve().parent.parent / "data" / "licences" / "index.json.gz"


@dataclass(frozen=True)
class Entry:
    """One reference text and the SPDX ids it stands for (several when texts are identical)."""

    ids: tuple[str, ...]
    source: str
    lang: str
    tokens: array
    neighbours: tuple[int, ...]

    @property
    def spdx(self) -> str:
        """The id to report: GNU texts are ``-only`` by SPDX convention, never a deprecated id."""
        only = [i for i in self.ids if i.endswith("-only")]
        return min(only, key=len) if only else self.ids[0]


@dataclass
class LicenceIndex:
    """Reference texts as word-id sequences, plus what is needed to pick candidates fast."""

    spdx_list_version: str
    vocab: dict[str, int]
    vocabulary_size: int
    entries: list[Entry]
    exact: dict[bytes, int]
    licences: dict[str, dict[str, object]]
    swap: bool = False
    sizes: list[int] = field(default_factory=list)
    postings: list[tuple[int, ...]] = field(default_factory=list)
    picked: frozenset[int] = frozenset()
    picks: list[int] = field(default_factory=list)
    _bigrams: dict[int, frozenset[int]] = field(default_factory=dict)

    def bigrams(self, index: int) -> frozenset[int]:
        """Word-bigram set of one reference text, built on first use and kept."""
        found = self._bigrams.get(index)
        if found is None:
            ids = self.entries[index].tokens
            found = bigram_set(ids)
            self._bigrams[index] = found
        return found


def bigram_set(ids: array) -> frozenset[int]:
    """Word bigrams of a 16-bit id sequence, as 32-bit ints.

    Two consecutive 16-bit ids *are* a 32-bit int in memory, so the bigrams are the sequence's
    bytes read as ``uint32`` at even offsets plus at odd offsets: built entirely in C, ten
    times faster than pairing ids in Python.
    """
    raw = ids.tobytes()
    even, odd = array("I"), array("I")
    even.frombytes(raw[:len(raw) // 4 * 4])
    odd.frombytes(raw[2:2 + (len(raw) - 2) // 4 * 4])
    return frozenset(even).union(odd)


def _decode(blob: str, typecode: str, byteorder: str) -> array:
    values = array(typecode)
    values.frombytes(base64.b64decode(blob))
    if byteorder != sys.byteorder:
        values.byteswap()
    return values


@functools.lru_cache(maxsize=1)
def load_index() -> LicenceIndex:
    """The shipped index (see ``scripts/build_licence_index.py`` and ``PROVENANCE.json``).

    Read from the package folder directly: ``importlib.resources`` alone would add a tenth of the
    start-up budget, and the index always ships as a plain file next to this package.
    """
    doc = json.loads(gzip.decompress(INDEX_PATH.read_bytes()))
    order = doc["byteorder"]
    vocab = {word: i for i, word in enumerate(doc["vocab"])}
    for variant, canonical in doc["equivalent_words"].items():
        if canonical in vocab and variant not in vocab:
            vocab[variant] = vocab[canonical]
    tokens = _decode(doc["tokens"], "H", order)
    entries = [
        Entry(ids=tuple(e["ids"]), source=e["source"], lang=e["lang"],
              tokens=tokens[e["start"]:e["end"]], neighbours=tuple(e["neighbours"]))
        for e in doc["entries"]
    ]
    postings: list[tuple[int, ...]] = [()] * len(doc["vocab"])
    for word, owners in doc["postings"]:
        postings[word] = tuple(owners)
    return LicenceIndex(
        spdx_list_version=doc["spdx_list_version"],
        vocab=vocab,
        vocabulary_size=len(doc["vocab"]),
        entries=entries,
        exact={bytes.fromhex(k): v for k, v in doc["exact"].items()},
        licences=doc["licences"],
        swap=order != sys.byteorder,
        sizes=[e["bigrams"] for e in doc["entries"]],
        postings=postings,
        picked=frozenset(word for word, _ in doc["postings"]),
        picks=[e["picks"] or 1 for e in doc["entries"]],
    )
