"""Write a report to stdout or, atomically, to a file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import click

from scanner.cli.errors import EXIT_SCAN, CliExit
from scanner.i18n import default_language


def write_report(text: str, output: Path | None, *, color: bool = False) -> None:
    """stdout, or ``output`` replaced atomically so a failed write leaves the old report intact."""
    if output is None:
        click.echo(text, nl=False, color=color)
        return
    folder = output.parent if str(output.parent) else Path(".")
    tmp_name = None
    try:
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=folder, delete=False,
                                         prefix=f".{output.name}.", suffix=".tmp") as handle:
            tmp_name = handle.name
            handle.write(text)
        os.replace(tmp_name, output)
    except OSError as exc:
        if tmp_name and os.path.exists(tmp_name):
            os.unlink(tmp_name)
        message = {"en": f"{output}: cannot write the report: {exc.strerror}",
                   "fr": f"{output} : impossible d'écrire le rapport : {exc.strerror}"}
        raise CliExit(message[default_language()], EXIT_SCAN) from None
