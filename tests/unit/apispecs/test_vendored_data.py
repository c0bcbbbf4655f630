"""The vendored AsyncAPI schemas are the ones PROVENANCE.txt lists, with their licence."""

from __future__ import annotations

import hashlib
import re
from importlib.resources import files

from scanner.apispecs.schemas import ASYNCAPI_SCHEMAS

DATA = files("scanner.data") / "asyncapi"


def test_every_shipped_schema_matches_its_recorded_sha256() -> None:
    provenance = (DATA / "PROVENANCE.txt").read_text()
    rows = re.findall(r"^\| (\d+\.\d+\.\d+) \| .*? \| `([0-9a-f]{64})` \| `([0-9a-f]{64})` \|$",
                      provenance, re.MULTILINE)
    assert {version for version, _, _ in rows} == set(ASYNCAPI_SCHEMAS.values())
    for version, _upstream, shipped in rows:
        data = (DATA / f"{version}.json.gz").read_bytes()
        assert hashlib.sha256(data).hexdigest() == shipped, version


def test_licence_and_notice_ship_with_the_schemas() -> None:
    assert "Apache License" in (DATA / "LICENSE.txt").read_text()
    assert "AsyncAPI Initiative" in (DATA / "NOTICE.txt").read_text()
