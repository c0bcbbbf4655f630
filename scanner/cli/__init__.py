"""The ``civiscan`` command line: thin Click commands over the core (``scanner.run``)."""

from __future__ import annotations

import logging
import os
import sys

import click

from scanner import __version__
from scanner.cli.facts import facts_command
from scanner.cli.fix import fix_command
from scanner.cli.rules import rules_group
from scanner.cli.scan import scan_command
from scanner.cli.schema import schema_command


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="civiscan")
def cli() -> None:
    """Check that State Startup repositories are open source, say how to contribute, and
    publish their APIs; say exactly what to fix.

    \b
    Exit codes:
      0  ran, and nothing failed the threshold
      1  findings over the threshold (--fail-under, --fail-on)
      2  usage or configuration error
      3  could not scan
    """


cli.add_command(scan_command)
cli.add_command(facts_command)
cli.add_command(fix_command)
cli.add_command(rules_group)
cli.add_command(schema_command)


def configure_logging(debug: bool, quiet: bool) -> None:
    level = logging.DEBUG if debug else logging.ERROR if quiet else logging.WARNING
    logging.basicConfig(level=level, format="civiscan: %(levelname)s: %(message)s")
    # Never let HTTP libraries log headers (tokens live there).
    for noisy in ("urllib3", "github", "gitlab", "http.client"):
        logging.getLogger(noisy).setLevel(max(level, logging.INFO))


def main() -> None:
    try:
        cli.main(prog_name="civiscan", auto_envvar_prefix="CIVISCAN")
    except BrokenPipeError:
        # The reader went away (``civiscan scan | head``): not an error worth a traceback.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(1)
