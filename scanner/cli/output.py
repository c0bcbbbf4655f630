"""Write a report to stdout or to ``--output``.

A regular file (or a new one) is replaced atomically, so a failed write leaves the old report
intact; a symbolic link to a regular file replaces the file it points to, not the link. A pipe
or a character device (``/dev/null``, a FIFO, a terminal) is written into, never replaced, and
so is whatever a path under ``/dev`` or ``/proc`` names (``/dev/stdout`` redirected to a file
is appended to, as the shell's own ``>`` expects). Anything else (a block device, a socket, a
link to nothing) is refused. A new report gets the permissions the umask gives; a replaced one
keeps its own.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

import click

from scanner.cli.errors import EXIT_SCAN, CliExit
from scanner.i18n import default_language

#: Paths there name the process's own streams and devices: written into, never replaced.
_SPECIAL_FOLDERS = ("/dev/", "/proc/")


def check_output(output: Path) -> str:
    """How ``output`` will be written: ``create``, ``replace`` or ``into``; refused (before any
    work is done) when it would not be written at all."""
    special = os.path.abspath(output).startswith(_SPECIAL_FOLDERS)
    try:
        info = os.stat(output)  # follows links, as the kernel does for /dev/stdout
    except FileNotFoundError:
        if os.path.islink(output):
            raise _refused(output, "a symbolic link to nothing",
                           "un lien symbolique qui ne mène nulle part") from None
        if special:
            raise _refused(output, "no such device or stream",
                           "ce périphérique ou ce flux n'existe pas") from None
        return "create"
    except OSError as exc:
        raise _cannot_write(output, exc) from None
    if stat.S_ISFIFO(info.st_mode) or stat.S_ISCHR(info.st_mode):
        return "into"
    if stat.S_ISREG(info.st_mode):
        return "into" if special else "replace"
    raise _refused(output, "not a regular file, a pipe or a character device",
                   "ni un fichier ordinaire, ni un tube, ni un périphérique caractère")


def write_report(text: str, output: Path | None, *, color: bool = False) -> None:
    """stdout, or ``output`` as the module docstring says."""
    if output is None:
        click.echo(text, nl=False, color=color)
        return
    how = check_output(output)
    if how == "create":
        _replace(text, output, keep_mode=False)
    elif how == "replace":
        _replace(text, Path(os.path.realpath(output)), keep_mode=True)
    else:
        _write_into(text, output)


def check_folder(folder: Path) -> None:
    """A folder of reports (badges) is written into a folder, created if need be."""
    if folder.exists() and not folder.is_dir():
        raise _refused(folder, "not a folder", "ce n'est pas un dossier")


def write_folder(files: dict[str, str], folder: Path) -> None:
    """Each file of ``files`` (relative name -> text) written into ``folder`` as above."""
    check_folder(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _cannot_write(folder, exc) from None
    for name, text in files.items():
        write_report(text, folder / name)


def _replace(text: str, output: Path, *, keep_mode: bool) -> None:
    folder = output.parent if str(output.parent) else Path(".")
    tmp_name = None
    try:
        mode = stat.S_IMODE(os.stat(output).st_mode) if keep_mode else _umask_mode()
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=folder, delete=False,
                                         prefix=f".{output.name}.", suffix=".tmp") as handle:
            tmp_name = handle.name
            handle.write(text)
        # mkstemp creates 0600: give the report what any other new file would get.
        os.chmod(tmp_name, mode)
        os.replace(tmp_name, output)
    except OSError as exc:
        if tmp_name and os.path.exists(tmp_name):
            os.unlink(tmp_name)
        raise _cannot_write(output, exc) from None


def _write_into(text: str, output: Path) -> None:
    """Write into a pipe, a device or a stream, checking once open that it is not something
    that should have been replaced (a regular file swapped in meanwhile)."""
    try:
        descriptor = os.open(output, os.O_WRONLY | os.O_APPEND | getattr(os, "O_CLOEXEC", 0))
        with open(descriptor, "w", encoding="utf-8") as handle:
            kind = os.fstat(descriptor).st_mode
            special = os.path.abspath(output).startswith(_SPECIAL_FOLDERS)
            if not (stat.S_ISFIFO(kind) or stat.S_ISCHR(kind) or (special and stat.S_ISREG(kind))):
                raise _refused(output, "no longer a pipe or a character device",
                               "n'est plus un tube ni un périphérique caractère")
            handle.write(text)
    except OSError as exc:
        raise _cannot_write(output, exc) from None


def _umask_mode() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return 0o666 & ~current


def _cannot_write(output: Path, exc: OSError) -> click.ClickException:
    reason = exc.strerror or str(exc)
    message = {"en": f"{output}: cannot write the report: {reason}",
               "fr": f"{output} : impossible d'écrire le rapport : {reason}"}
    return CliExit(message[default_language()], EXIT_SCAN)


def _refused(output: Path, en: str, fr: str) -> click.ClickException:
    message = {"en": f"{output}: not written: {en}", "fr": f"{output} : non écrit : {fr}"}
    return CliExit(message[default_language()], EXIT_SCAN)
