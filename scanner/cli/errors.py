"""The one place where domain errors become exit codes and one-line messages."""

from __future__ import annotations

import contextlib
import logging
import typing as t

import click

from scanner.errors import CiviscanError, UsageError
from scanner.i18n import default_language
from scanner.reporters.base import visible_lines

EXIT_FINDINGS, EXIT_USAGE, EXIT_SCAN = 1, 2, 3


class _LocalisedExit(click.ClickException):
    """Click's own "Error: " prefix, in the reader's language; the message is neutralised (it may
    quote a repository's text or a URL: no control character, workflow command or token)."""

    def show(self, file: t.IO[t.Any] | None = None) -> None:
        prefix = {"en": "Error: ", "fr": "Erreur : "}[default_language()]
        click.echo(f"{prefix}{visible_lines(self.format_message())}", err=True)


class _UsageExit(_LocalisedExit):
    exit_code = EXIT_USAGE


class _ScanExit(_LocalisedExit):
    exit_code = EXIT_SCAN


def CliExit(message: str, exit_code: int) -> click.ClickException:
    """A ClickException carrying our exit code (Click's own is 1, which means findings here)."""
    return _UsageExit(message) if exit_code == EXIT_USAGE else _ScanExit(message)


def _show_traceback() -> None:
    """``--debug``: the traceback of the exception being handled, on stderr, masked and
    neutralised like every log line (it quotes exception texts no one checked)."""
    logging.getLogger("scanner.cli").debug("traceback", exc_info=True)


@contextlib.contextmanager
def errors_to_exit(debug: bool) -> t.Iterator[None]:
    """Usage/config/target/rule errors exit 2; anything that stops the scan exits 3.

    ``--debug`` adds the traceback before the one-line message; it never changes the exit code.
    """
    try:
        yield
    except (click.ClickException, click.exceptions.Exit, click.Abort, BrokenPipeError):
        raise
    except UsageError as exc:
        if debug:
            _show_traceback()
        raise CliExit(exc.text(default_language()), EXIT_USAGE) from None
    except CiviscanError as exc:  # ScanError and anything else that stopped the scan
        if debug:
            _show_traceback()
        raise CliExit(exc.text(default_language()), EXIT_SCAN) from None
    except Exception as exc:
        _show_traceback()  # shown with --debug only (the scanner loggers are at DEBUG then)
        message = {"en": f"internal error: {type(exc).__name__}: {exc}"
                         + ("" if debug else " (run with --debug for the traceback)"),
                   "fr": f"erreur interne : {type(exc).__name__} : {exc}"
                         + ("" if debug else " (relancez avec --debug pour la trace)")}
        raise CliExit(message[default_language()], EXIT_SCAN) from None
