"""bench/audit_diff.py finds its checkouts where it is told, and says so when there are none."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import typing as t
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "bench" / "audit_diff.py"


def _script() -> t.Any:
    spec = importlib.util.spec_from_file_location("audit_diff", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _run(*args: str, roots: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "CIVISCAN_AUDIT_ROOTS"}
    if roots is not None:
        env["CIVISCAN_AUDIT_ROOTS"] = roots
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True,
                          env=env, timeout=60)


def test_checkouts_are_the_owner_name_folders_of_every_root(tmp_path: Path) -> None:
    one, two = tmp_path / "one [x]", tmp_path / "two"
    for folder in (one / "DISIC__Ara", two / "betagouv__agir-back", two / "notes"):
        folder.mkdir(parents=True)
    (two / "a__file").write_text("not a checkout")
    assert _script().checkouts([str(one), str(two), str(tmp_path / "missing")]) == [
        str(one / "DISIC__Ara"), str(two / "betagouv__agir-back")]


def test_no_checkout_under_the_roots_exits_2_naming_them(tmp_path: Path) -> None:
    done = _run("--roots", str(tmp_path))
    assert done.returncode == 2 and not done.stdout
    assert f"no audited checkout (OWNER__NAME folder) under {tmp_path}" in done.stderr
    assert "docs/audit/README.md" in done.stderr and "aucun dépôt audité" in done.stderr
    done = _run(roots=os.pathsep.join([str(tmp_path / "a"), str(tmp_path / "b")]))
    assert done.returncode == 2 and f"under {tmp_path / 'a'}, {tmp_path / 'b'}" in done.stderr
