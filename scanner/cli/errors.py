"""The one place where domain errors become exit codes and one-line messages."""

from __future__ import annotations

import contextlib
import logging
import typing as t

import click

from scanner.errors import CiviscanError, UsageError

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_SCAN = 0, 1, 2, 3


class _UsageExit(click.ClickException):
    exit_code = EXIT_USAGE


class _ScanExit(click.ClickException):
    exit_code = EXIT_SCAN


def CliExit(message: str, exit_code: int) -> click.ClickException:
    """A ClickException carrying our exit code (Click's own is 1, which means findings here)."""
    return _UsageExit(message) if exit_code == EXIT_USAGE else _ScanExit(message)


@contextlib.contextmanager
def errors_to_exit(debug: bool) -> t.Iterator[None]:
    """Usage/config/target/rule errors exit 2; anything that stops the scan exits 3.

    With ``--debug`` the original exception (and its traceback) goes through instead.
    """
    try:
        yield
    except (click.ClickException, click.exceptions.Exit, click.Abort, BrokenPipeError):
        raise
    except UsageError as exc:
        if debug:
            raise
        raise CliExit(str(exc), EXIT_USAGE) from None
    except CiviscanError as exc:  # ScanError and anything else that stopped the scan
        if debug:
            raise
        raise CliExit(str(exc), EXIT_SCAN) from None
    except Exception as exc:
        if debug:
            raise
        logging.getLogger("scanner").debug("unexpected error", exc_info=True)
        raise CliExit(f"internal error: {type(exc).__name__}: {exc} (run with --debug for the "
                      "traceback)", EXIT_SCAN) from None
