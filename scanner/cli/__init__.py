"""The ``civiscan`` command line: thin Click commands over the core (``scanner.run``)."""

from __future__ import annotations

import logging
import os
import sys
import traceback
import types

import click

from scanner import __version__
from scanner.cli.facts import facts_command
from scanner.cli.fix import fix_command
from scanner.cli.report import report_group
from scanner.cli.rules import rules_group
from scanner.cli.scan import scan_command
from scanner.cli.schema import schema_command
from scanner.reporters.base import visible_lines


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
cli.add_command(report_group)
cli.add_command(rules_group)
cli.add_command(schema_command)


def name_envvars(group: click.Group, prefix: str = "CIVISCAN") -> None:
    """Every option can be given as ``CIVISCAN_<COMMAND>_<OPTION>``, named after the option as
    typed (``--format`` is ``CIVISCAN_SCAN_FORMAT``), not after its Python name as Click's
    automatic prefix would (``CIVISCAN_SCAN_FMT``)."""
    for name, command in group.commands.items():
        scope = f"{prefix}_{name.upper().replace('-', '_')}"
        if isinstance(command, click.Group):
            name_envvars(command, scope)
        for param in command.params:
            long = next((o for o in param.opts if o.startswith("--")), None)
            if isinstance(param, click.Option) and param.envvar is None and long:
                param.envvar = f"{scope}_{long[2:].upper().replace('-', '_')}"


name_envvars(cli)


class NeutralisingFilter(logging.Filter):
    """Every log record, traceback included, goes out with secrets masked and repository text
    neutralised (see :func:`~scanner.reporters.base.visible`): a message may quote a URL, a
    file name or an exception text that no one checked."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg, record.args = visible_lines(record.getMessage()), None
        if record.exc_info:
            record.exc_text = "".join(traceback.format_exception(*record.exc_info)).rstrip("\n")
            record.exc_info = None
        if record.exc_text:
            record.exc_text = visible_lines(record.exc_text)
        if record.stack_info:
            record.stack_info = visible_lines(record.stack_info)
        return True


_FILTER = NeutralisingFilter()


#: Loggers of civiscan itself: only these go down to DEBUG with ``--debug``.
OWN_LOGGER = "scanner"


def configure_logging(debug: bool, quiet: bool) -> None:
    """Warnings (errors with ``--quiet``) from everyone; with ``--debug``, civiscan's own debug
    lines too, never a library's (markdown-it logs hundreds of lines per README, and HTTP
    libraries log headers, where tokens live)."""
    level = logging.ERROR if quiet else logging.WARNING
    logging.basicConfig(level=level, format="civiscan: %(levelname)s: %(message)s")
    root = logging.getLogger()
    root.setLevel(level)  # basicConfig does nothing the second time (several runs, one process)
    for handler in root.handlers:
        handler.addFilter(_FILTER)  # a no-op when already there
    logging.getLogger(OWN_LOGGER).setLevel(logging.DEBUG if debug else logging.NOTSET)
    for noisy in ("urllib3", "github", "gitlab", "http.client", "markdown_it", "requests"):
        logging.getLogger(noisy).setLevel(max(level, logging.WARNING))


def _neutralised_traceback(kind: type[BaseException], error: BaseException,
                           trace: types.TracebackType | None) -> None:
    """``--debug`` tracebacks quote exception texts: mask and neutralise them like any output."""
    text = "".join(traceback.format_exception(kind, error, trace))
    sys.stderr.write(visible_lines(text.rstrip("\n")) + "\n")


def main() -> None:
    sys.excepthook = _neutralised_traceback
    try:
        cli.main(prog_name="civiscan")
    except BrokenPipeError:
        # The reader went away (``civiscan scan | head``): not an error worth a traceback.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(1)
