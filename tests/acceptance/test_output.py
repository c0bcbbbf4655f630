"""``scan --output``: regular files replaced atomically, streams and devices written into, the
rest refused; never a device replaced by a file (as root, ``--output /dev/null`` once did)."""

from __future__ import annotations

import json
import os
import socket
import stat
import threading
import typing as t
from pathlib import Path

import pytest

from tests.conftest import RunCli
from tests.support import COMPLIANT

SCAN = ("scan", str(COMPLIANT), "--format", "json", "--fail-on", "never")


@pytest.fixture
def umask_022() -> t.Iterator[None]:
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def test_new_report_gets_the_umask_and_a_replaced_one_keeps_its_mode(
        run_cli: RunCli, tmp_path: Path, umask_022: None) -> None:
    out = tmp_path / "run.json"
    run_cli(*SCAN, "--output", str(out))
    assert stat.S_IMODE(out.stat().st_mode) == 0o644
    out.chmod(0o640)
    run_cli(*SCAN, "--output", str(out))
    assert stat.S_IMODE(out.stat().st_mode) == 0o640
    assert json.loads(out.read_text())["scorecards"]


def test_a_link_to_a_regular_file_replaces_that_file(run_cli: RunCli, tmp_path: Path) -> None:
    real = tmp_path / "reports" / "run.json"
    real.parent.mkdir()
    real.write_text("old")
    link = tmp_path / "latest.json"
    link.symlink_to(real)
    run_cli(*SCAN, "--output", str(link))
    assert link.is_symlink() and json.loads(real.read_text())["scorecards"]
    assert [p.name for p in real.parent.iterdir()] == ["run.json"]  # no temporary file left


def test_a_character_device_is_written_into_not_replaced(run_cli: RunCli, tmp_path: Path) -> None:
    # Through a link in tmp_path: were the device replaced, only the link would be.
    link = tmp_path / "null"
    link.symlink_to(os.devnull)
    run_cli(*SCAN, "--output", str(link))
    assert link.is_symlink() and stat.S_ISCHR(os.stat(link).st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["null"]


def test_a_fifo_is_written_into(run_cli: RunCli, tmp_path: Path) -> None:
    fifo = tmp_path / "report.fifo"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    run_cli(*SCAN, "--output", str(fifo))
    reader.join(timeout=10)
    assert json.loads(received[0])["scorecards"]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_dev_stdout_writes_into_the_standard_output(run_cli: RunCli,
                                                    capfd: pytest.CaptureFixture[str]) -> None:
    if not os.path.exists("/dev/stdout"):
        pytest.skip("no /dev/stdout here")
    result = run_cli(*SCAN, "--output", "/dev/stdout")
    assert result.stdout == ""  # not echoed by click: written into file descriptor 1
    assert json.loads(capfd.readouterr().out)["scorecards"]


@pytest.mark.parametrize("kind", ["dangling link", "socket", "new file under /dev"])
def test_other_targets_are_refused_before_scanning(run_cli: RunCli, tmp_path: Path,
                                                   kind: str) -> None:
    server = socket.socket(socket.AF_UNIX)
    unwanted = Path("/dev/civiscan-report-that-must-not-exist")
    try:
        if kind == "dangling link":
            target = tmp_path / "report.json"
            target.symlink_to(tmp_path / "missing" / "report.json")
            reason = "a symbolic link to nothing"
        elif kind == "socket":
            target = tmp_path / "s"
            server.bind(str(target))
            reason = "not a regular file, a pipe or a character device"
        else:
            target, reason = unwanted, "no such device or stream"
        result = run_cli(*SCAN, "--output", str(target), expect=3)
        assert f"{target}: not written: {reason}" in result.stderr
        assert not (tmp_path / "missing").exists() and not unwanted.exists()
        assert kind != "socket" or stat.S_ISSOCK(os.lstat(target).st_mode)
    finally:
        server.close()
        if unwanted.is_file():  # pragma: no cover - only if the refusal regressed
            unwanted.unlink()


def test_refusals_speak_french(run_cli: RunCli, tmp_path: Path,
                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    target = tmp_path / "r.json"
    target.symlink_to(tmp_path / "nowhere")
    result = run_cli(*SCAN, "--output", str(target), expect=3)
    assert "non écrit : un lien symbolique qui ne mène nulle part" in result.stderr
