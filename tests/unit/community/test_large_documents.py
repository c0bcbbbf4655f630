"""A huge README is analysed from its beginning, quickly, and says so."""

from __future__ import annotations

import time

from scanner.collectors.community import MAX_PROSE_CHARS
from scanner.facts import build_facts
from scanner.sources.memory import snapshot_from_files


def test_huge_readme_is_cut_and_flagged() -> None:
    head = "# Service\n\n## Installation\n\n```sh\nnpm install\n```\n\n## Lancer\n\n```sh\nnpm start\n```\n\n"
    filler = "Une ligne de documentation sans importance particulière.\n\n" * 150_000
    assert len(head + filler) > MAX_PROSE_CHARS * 10
    started = time.perf_counter()
    facts = build_facts(snapshot_from_files({"README.md": head + filler}))
    assert time.perf_counter() - started < 10  # a hang guard, not a speed target
    readme = facts["community"]["readme"]
    assert readme["truncated"] is True
    assert readme["explains"]["install"] and readme["explains"]["run"]
