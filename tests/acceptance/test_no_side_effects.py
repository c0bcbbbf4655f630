"""A local scan writes nothing but its outputs and opens no socket.

Dependency licences go through licensecheck, whose package imports requests-cache (a SQLite
cache under ``~/.cache``) and requests (urllib3 binds a socket to probe IPv6). The scan runs in
its own process with a read-only, empty ``$HOME``, no XDG variables and a read-only checkout,
under an audit hook that records every socket, every SQLite database and every opening for
writing. Tests run as root, which ignores read-only modes: new files are found by listing the
folders before and after.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import REPO_ROOT, git

#: Runs civiscan under an audit hook; what it saw goes, at exit, to the file named in argv[1].
AUDITED = """\
import atexit, json, os, sys

WRITE = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
MUTATING = ("os.mkdir", "os.rename", "os.remove", "os.rmdir", "os.symlink", "os.link",
            "os.chmod", "os.truncate", "shutil.", "sqlite3.connect", "socket.")
seen, report = [], sys.argv.pop(1)

def hook(event, args):
    if event == "open":
        path, mode, flags = (list(args) + [None, None])[:3]
        writing = (isinstance(flags, int) and flags & WRITE) or (
            isinstance(mode, str) and any(c in mode for c in "wax+"))
        if writing:
            seen.append(f"open for writing: {path!r}")
    elif event.startswith(MUTATING):
        seen.append(f"{event}: {args!r}")

def record():
    sys.addaudithook(lambda event, args: None)
    found, seen[:] = list(seen), []
    with open(report, "w") as handle:
        json.dump(found, handle)

sys.addaudithook(hook)
atexit.register(record)
sys.argv[0] = "civiscan"
from scanner.cli import main
main()
"""

LOCKFILES = {
    "package-lock.json": json.dumps({"name": "demo", "lockfileVersion": 3, "packages": {
        "": {"name": "demo", "license": "MIT"},
        "node_modules/left-pad": {"version": "1.3.0", "license": "WTFPL"},
        "node_modules/copyleft": {"version": "1.0.0", "license": "GPL-3.0-only"},
        "node_modules/plain": {"version": "2.0.0", "license": "MIT"}}}),
    "composer.lock": json.dumps({"packages": [
        {"name": "acme/lib", "license": ["AGPL-3.0-or-later"]},
        {"name": "acme/util", "license": ["BSD-3-Clause"]}]}),
    "poetry.lock": '[[package]]\nname = "requests"\nversion = "2.32.0"\n',
    "requirements.txt": "requests==2.32.0\nlicensecheck==2025.1\n",
}


def _tree(folder: Path) -> dict[str, tuple[int, int, int]]:
    return {str(p.relative_to(folder)): (p.stat(follow_symlinks=False).st_mode,
                                         p.stat(follow_symlinks=False).st_size,
                                         p.stat(follow_symlinks=False).st_mtime_ns)
            for p in folder.rglob("*")}


def _read_only(folder: Path) -> None:
    for path in [folder, *folder.rglob("*")]:
        if not path.is_symlink():
            path.chmod(stat.S_IMODE(path.stat().st_mode) & ~0o222)


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    root = tmp_path / "service"
    root.mkdir()
    (root / "LICENSE").write_text("MIT License\n\nCopyright (c) 2025 DINUM\n\nPermission is "
                                  "hereby granted, free of charge, to any person obtaining a copy")
    (root / "README.md").write_text("# Service\n\nA service.\n")
    for name, text in LOCKFILES.items():
        (root / name).write_text(text)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "initial")
    return root


@pytest.mark.parametrize("command", [["scan", "--format", "json", "--include-facts",
                                      "--fail-on", "never"], ["facts"]])
def test_local_scan_writes_nothing_and_opens_no_socket(tmp_path: Path, checkout: Path,
                                                       command: list[str]) -> None:
    home, cwd = tmp_path / "home", tmp_path / "cwd"
    home.mkdir(mode=0o555)
    cwd.mkdir(mode=0o555)
    _read_only(checkout)
    script = tmp_path / "audited.py"
    script.write_text(AUDITED)
    report = tmp_path / "audit.json"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "CIVISCAN_"))}
    env.update(HOME=str(home), PYTHONPATH=str(REPO_ROOT), PYTHONDONTWRITEBYTECODE="1",
               LANG="C.UTF-8")
    watched = {folder: _tree(folder) for folder in (home, cwd, checkout)}
    try:
        done = subprocess.run([sys.executable, str(script), str(report), command[0],
                               str(checkout), *command[1:]], env=env, cwd=cwd,
                              capture_output=True, text=True, timeout=120, check=False)
    finally:
        for folder in (home, cwd, checkout):
            folder.chmod(0o755)
    assert done.returncode == 0, done.stderr
    assert json.loads(report.read_text()) == []
    for folder, before in watched.items():
        assert _tree(folder) == before, folder
    facts = json.loads(done.stdout)
    if command[0] == "scan":
        facts = facts["scorecards"][0]["facts"]
    licences = facts["dependencies"]["licences"]
    assert licences["packages"] == 5 and licences["checked"] >= 4, licences
    assert {p["name"] for p in licences["incompatible"]} >= {"copyleft", "acme/lib"}
