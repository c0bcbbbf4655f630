"""bench/api_differential.py: both verdicts on one file, and the adjudication of disagreements."""

from __future__ import annotations

import importlib.util
import shutil
import sys
import typing as t
from pathlib import Path

import pytest

BENCH = Path(__file__).parents[3] / "bench" / "api_differential.py"
FIXTURES = Path(__file__).parents[2] / "fixtures" / "apispecs"


@pytest.fixture(scope="module")
def bench() -> t.Any:
    spec = importlib.util.spec_from_file_location("api_differential", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["api_differential"] = module
    spec.loader.exec_module(module)
    return module


def test_disagreements_are_examined_and_adjudicated(bench: t.Any, tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "adyen-checkout37-tab-block-scalar.yaml", tmp_path / "adyen.yaml")
    (tmp_path / "eq.yaml").write_text(
        "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n"
        "      parameters:\n        - {name: op, in: query, type: string, enum: [=, '<']}\n"
        "      responses: {'200': {description: ok}}\n")
    (tmp_path / "azure.yaml").write_text(
        "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n"
        "      responses:\n        '200':\n          description: ok\n          schema:\n"
        "            $ref: './networkInterface.json#/definitions/NetworkInterface'\n")
    files = bench.candidates(tmp_path)
    assert [p.name for p in files] == ["adyen.yaml", "azure.yaml", "eq.yaml"]
    records = [bench.examine((str(tmp_path), p.name, 60)) for p in files]
    verdicts = {r["file"]: (r["civiscan"]["valid"], r["validator"]["valid"]) for r in records}
    assert verdicts == {"adyen.yaml": (True, False), "azure.yaml": (False, False),
                        "eq.yaml": (True, False)}
    summary = bench.summarise(records, verbose=False)
    assert summary == {"files": 3, "agree": 1, "civiscan_right": 2, "validator_right": 0,
                       "undecided": 0, "unadjudicated": 0}


@pytest.mark.parametrize(("ours", "theirs", "winner"), [
    ({"valid": True}, {"valid": False, "errors": [
        {"message": "'^([\\\\p{L}]*)$' is not a 'regex'"}]}, "civiscan"),
    ({"valid": True, "file_types": ["/paths/~1x/get/responses/200/schema"]},
     {"valid": False, "errors": [
         {"message": "'file' is not valid under any of the given schemas"}]}, "civiscan"),
    ({"valid": True, "file_types": ["/definitions/Upload"]},
     {"valid": False, "errors": [
         {"message": "'file' is not valid under any of the given schemas"}]}, "unadjudicated"),
    ({"valid": True}, {"valid": False, "errors": [
        {"message": "./networkInterface.json#/definitions/X", "raised": True}]}, "validator"),
    ({"valid": False, "family": "3.0", "errors": [
        {"message": "default [1] is not of type 'integer' (a default must conform to the type "
                    "declared beside it)"}]}, {"valid": True, "errors": []}, "civiscan"),
    ({"valid": True}, {"valid": None, "remote": "https://x/y.json", "errors": []}, "undecided"),
    ({"valid": True}, {"valid": False, "errors": [{"message": "something new"}]},
     "unadjudicated"),
])
def test_adjudication_rules(bench: t.Any, ours: dict[str, t.Any], theirs: dict[str, t.Any],
                            winner: str) -> None:
    assert bench.adjudicate({"file": "x", "civiscan": ours, "validator": theirs})[0] == winner
