"""civiscan's effective licence on the reference detectors' own test repositories.

    python bench/licence_reference.py LICENSEE_FIXTURES [--verbose]

LICENSEE_FIXTURES is the ``spec/fixtures`` folder of a checkout of licensee (GitHub's licence
detector): one small repository per folder (licence files under many names, README notices,
modified licences such as wrk's "Modified Apache 2.0 License" and Fedora Commons' renamed MPL),
with the answer licensee gives in ``fixtures.yml``. The data is not shipped with civiscan: fetch
it, point this script at it.

Each folder is scanned as a repository (collectors in their real order) and civiscan's
``licence.spdx`` is compared with licensee's key:

- a licence key agrees when civiscan names that licence (GNU ``-only``/``-or-later`` aside: the
  text alone cannot tell, and licensee's keys do not say);
- ``other`` (a licence file licensee knows no licence in, or several) agrees with NOASSERTION,
  with a licence outside licensee's list (Pixar's published "Modified Apache 2.0"), or with an
  expression of several licences;
- no key (no licence at all) agrees with ``null``.

Prints one line per disagreement (every line with ``--verbose``); the LAST line is the JSON
summary.

Recorded 2026-11-30 on licensee's fixtures (64 repositories): 62 agree (main before issue 9:
57). The two left: ``bsd-plus-patents`` (a BSD-3-Clause LICENSE beside Facebook's PATENTS
grant: civiscan reads the licence file, BSD-3-Clause; licensee says "other") and
``case-sensitive`` (an empty ``LiCeNsE.TxT``: civiscan says no licence and names the empty file;
licensee says "other").
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import yaml

from scanner.facts import build_facts
from scanner.licences.expressions import family, ids_of
from scanner.sources.memory import snapshot_from_files

#: licensee keys (choosealicense.com) whose SPDX id differs from the upper-cased key.
_KEYS = {"bsl-1.0": "BSL-1.0", "unlicense": "Unlicense", "vim": "Vim", "cc-by-4.0": "CC-BY-4.0",
         "cc-by-sa-4.0": "CC-BY-SA-4.0", "cc0-1.0": "CC0-1.0", "artistic-2.0": "Artistic-2.0",
         "bsd-2-clause": "BSD-2-Clause", "bsd-3-clause": "BSD-3-Clause",
         "gfdl-1.3": "GFDL-1.3", "eupl-1.2": "EUPL-1.2", "epl-1.0": "EPL-1.0",
         "mpl-2.0": "MPL-2.0", "apache-2.0": "Apache-2.0", "mit": "MIT"}
#: What licensee can name at all: an id outside it is "other" for licensee.
_LICENSEE_LIST = {"AGPL-3.0", "Apache-2.0", "Artistic-2.0", "BSD-2-Clause", "BSD-3-Clause",
                  "BSD-3-Clause-Clear", "BSD-4-Clause", "BSL-1.0", "CC-BY-4.0", "CC-BY-SA-4.0",
                  "CC0-1.0", "ECL-2.0", "EPL-1.0", "EPL-2.0", "EUPL-1.1", "EUPL-1.2",
                  "GPL-2.0", "GPL-3.0", "ISC", "LGPL-2.1", "LGPL-3.0", "LPPL-1.3c", "MIT",
                  "MIT-0", "MPL-2.0", "MS-PL", "MS-RL", "MulanPSL-2.0", "NCSA", "OFL-1.1",
                  "OSL-3.0", "PostgreSQL", "UPL-1.0", "Unlicense", "Vim", "WTFPL", "Zlib",
                  "0BSD", "BlueOak-1.0.0", "CECILL-2.1", "ODbL-1.0", "GFDL-1.3"}


def _spdx(key: str) -> str:
    return _KEYS.get(key, key.upper())


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def agrees(expected: str | None, found: str | None) -> bool:
    if expected is None:
        return found is None
    if expected == "other":
        ids = ids_of(found)
        return found == "NOASSERTION" or len(ids) > 1 or any(
            family(i).removesuffix("-only") not in _LICENSEE_LIST and family(i) not in
            _LICENSEE_LIST for i in ids)
    if expected == "no-license":
        return found in (None, "NOASSERTION")
    wanted = family(_spdx(expected))
    return [family(i) for i in ids_of(found)] == [wanted]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("fixtures", type=Path)
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    expected = yaml.safe_load((args.fixtures / "fixtures.yml").read_text())
    rows = []
    for name, answer in sorted(expected.items()):
        folder = args.fixtures / name
        if not folder.is_dir():
            continue
        facts = build_facts(snapshot_from_files(_files(folder), name=name))
        found = facts["licence"]["spdx"]
        key = (answer or {}).get("key")
        ok = agrees(key, found)
        rows.append((name, key, found, facts["licence"]["method"], ok))
        if args.verbose or not ok:
            print(f"{'ok ' if ok else 'NO '} {name:45} licensee={key!s:14} civiscan={found} "
                  f"({facts['licence']['method']})")
    agreed = sum(r[4] for r in rows)
    print(json.dumps({"fixtures": len(rows), "agree": agreed,
                      "disagree": [r[0] for r in rows if not r[4]],
                      "agreement": round(agreed / len(rows), 3) if rows else None}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
