"""``--history DIR`` (scan and report): keep the run there, read the trends back."""

from __future__ import annotations

import typing as t
from pathlib import Path

import click

from scanner.errors import UsageError
from scanner.runs.history import History, keep, load

F = t.TypeVar("F", bound=t.Callable[..., t.Any])


def history_option(function: F) -> F:
    return click.option(
        "--history", type=click.Path(path_type=Path), metavar="DIR",
        help="Keep this run in DIR as a dated run document, and show trends over the runs kept "
             "there (HTML, Markdown).")(function)


def check_history(folder: Path | None) -> None:
    """Refuse a history that is a file before any work is done (exit 2)."""
    if folder is not None and folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder}: --history needs a folder, this is a file",
                         fr=f"{folder} : --history attend un dossier, ceci est un fichier")


def with_history(run: dict[str, t.Any], folder: Path | None, language: str) -> History | None:
    """Keep ``run`` in ``folder`` and load the trends; history files that cannot be read are
    named on stderr (and in the reports) and left out."""
    if folder is None:
        return None
    keep(run, folder)
    history = load(folder, run)
    for english, french in history.notices:
        click.echo(f"civiscan: {french if language == 'fr' else english}", err=True)
    return history
