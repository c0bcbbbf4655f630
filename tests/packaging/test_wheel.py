"""The built wheel carries the rules and templates and scans from a fresh virtual environment."""

from __future__ import annotations

import json
import site
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

from tests.support import COMPLIANT, REPO_ROOT


@pytest.mark.slow
def test_wheel_installs_and_scans_in_a_fresh_venv(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir",
                    str(dist), str(REPO_ROOT)], check=True, capture_output=True, timeout=300)
    (wheel,) = dist.glob("civiscan-*.whl")
    env_dir = tmp_path / "fresh"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    fresh_python = env_dir / "bin" / "python"
    # Dependencies come from this environment (no network in tests), the project from the wheel.
    fresh_site = Path(subprocess.run(
        [str(fresh_python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True, capture_output=True, text=True).stdout.strip())
    ours = {sysconfig.get_paths()["purelib"], *site.getsitepackages()}
    (fresh_site / "_civiscan_test_deps.pth").write_text("\n".join(sorted(ours)) + "\n")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(fresh_python), "install",
                    "--no-deps", "--no-index", "--ignore-installed", "--quiet", str(wheel)], check=True,
                   capture_output=True, timeout=300)
    civiscan = env_dir / "bin" / "civiscan"
    where = subprocess.run([str(fresh_python), "-c",
                            "import scanner.rules, scanner.reports; print(scanner.rules.__file__)"],
                           check=True, capture_output=True, text=True, cwd=tmp_path).stdout
    assert where.startswith(str(fresh_site)), where
    listing = subprocess.run([str(civiscan), "rules", "list"], capture_output=True, text=True,
                             cwd=tmp_path)
    assert listing.returncode == 0, listing.stderr
    assert len(listing.stdout.splitlines()) >= 10
    scanned = subprocess.run([str(civiscan), "scan", str(COMPLIANT), "--format", "json",
                              "--fail-on", "never"], capture_output=True, text=True, cwd=tmp_path)
    assert scanned.returncode == 0, scanned.stderr
    card = json.loads(scanned.stdout)["scorecards"][0]
    assert card["status"] == "ok" and card["findings"]
    # The fix templates ship too: a dry run on an empty folder renders every one of them.
    empty = tmp_path / "empty"
    empty.mkdir()
    fixed = subprocess.run([str(civiscan), "fix", str(empty), "--dry-run", "--lang", "fr",
                            "--licence", "CECILL-2.1", "--copyright-holder", "DINUM"],
                           capture_output=True, text=True, cwd=tmp_path)
    assert fixed.returncode == 0, fixed.stderr
    # ...and so do the licence texts: the French CeCILL, whole.
    assert "CONTRAT DE LICENCE DE LOGICIEL LIBRE CeCILL" in fixed.stdout
    for name in ("LICENSE", "README.md", "CONTRIBUTING.md", "CODE_OF_CONDUCT.md", "SECURITY.md",
                 "publiccode.yml"):
        assert f"écrirait {name}" in fixed.stdout, fixed.stdout
    # The HTML report's template and assets ship, and stored runs re-render (scanner.runs).
    stored, page = tmp_path / "run.json", tmp_path / "report.html"
    reported = subprocess.run([str(civiscan), "scan", str(COMPLIANT), "--fail-on", "never",
                               "-o", str(stored), "--format", f"html:{page}"],
                              capture_output=True, text=True, cwd=tmp_path)
    assert reported.returncode == 0, reported.stderr
    assert page.read_text().startswith("<!DOCTYPE html>") and "Content-Security-Policy" in \
        page.read_text()
    again = subprocess.run([str(civiscan), "report", str(stored), "--format", "sarif"],
                           capture_output=True, text=True, cwd=tmp_path)
    assert again.returncode == 0 and json.loads(again.stdout)["version"] == "2.1.0", again.stderr
