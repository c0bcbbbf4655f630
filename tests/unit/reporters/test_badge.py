"""Badges: a shields.io endpoint and a static SVG per repository, named safely."""

from __future__ import annotations

import json
import re

from scanner.reporters import REPORTER_BY_NAME
from scanner.reporters.badge import COLOUR
from tests.support import golden_run


def test_one_pair_per_repository_with_grade_and_colour() -> None:
    run = golden_run()
    files = REPORTER_BY_NAME["badge"].render_files(run)
    repositories = [c for c in run["scorecards"] if c.get("kind", "repository") == "repository"]
    assert len(files) == 2 * len(repositories)
    endpoint = json.loads(files["betagouv__rdv-service-public.json"])
    assert endpoint == {"schemaVersion": 1, "label": "civiscan", "message": "C 73/100",
                        "color": COLOUR["C"]}
    assert json.loads(files["betagouv__gone.json"])["message"] == "error"
    svg = files["betagouv__rdv-service-public.svg"]
    assert svg.startswith("<svg") and "C 73/100" in svg
    assert not re.search(r"(href|src)=|https?://(?!www\.w3\.org)", svg)  # nothing fetched


def test_file_names_cannot_leave_the_folder_or_hide() -> None:
    run = golden_run()
    base = run["scorecards"][3]
    for name in ("../../etc/passwd", "..", ".hidden", "a/../../b", "x\x00y", "\u202etxt"):
        run["scorecards"].append({**base, "repository": {**base["repository"], "full_name": name}})
    for name in REPORTER_BY_NAME["badge"].render_files(run):
        assert re.fullmatch(r"[A-Za-z0-9_-][A-Za-z0-9._-]*\.(json|svg)", name), name
        assert ".." not in name.rsplit(".", 1)[0].strip("_") or "__" in name
