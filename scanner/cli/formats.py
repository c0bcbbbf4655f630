"""``--format`` and ``--output``: which reports a command writes, and where.

``--format NAME[:PATH]`` may be repeated. A format without ``:PATH`` takes the next ``--output``
in order; one left without any goes to stdout (one at most). An ``--output`` no format took
says its format by its extension (``-o run.json`` writes JSON, ``-o report.html`` HTML;
``.sarif``, ``.csv``, ``.md``, ``.txt`` likewise, anything else text); with neither option, text
goes to stdout.
A format that writes a folder (``badge``) needs a path. Every destination is checked before any
work is done.
"""

from __future__ import annotations

import os
import sys
import typing as t
from dataclasses import dataclass
from pathlib import Path

import click

from scanner.cli.output import check_folder, check_output, write_folder, write_report
from scanner.errors import UsageError
from scanner.reporters import REPORTER_BY_NAME
from scanner.reporters.base import Reporter, ReportOptions

#: What ``--output``'s extension means when no ``--format`` is given.
FORMAT_BY_EXTENSION = {".json": "json", ".html": "html", ".htm": "html", ".sarif": "sarif",
                       ".csv": "csv", ".md": "markdown", ".markdown": "markdown", ".txt": "text"}
DEFAULT_FORMAT = "text"
F = t.TypeVar("F", bound=t.Callable[..., t.Any])


@dataclass(frozen=True)
class Output:
    reporter: Reporter
    #: None: stdout.
    path: Path | None


def format_options(function: F) -> F:
    """``--format`` (repeatable), ``--output`` (repeatable) and ``--csv-findings``: the command
    receives ``format`` and ``output`` tuples (``CIVISCAN_SCAN_FORMAT`` holds several formats
    separated by spaces, ``CIVISCAN_SCAN_OUTPUT`` several paths separated by ``:``)."""
    choices = "; ".join(f"{n}: {r.help}" for n, r in sorted(REPORTER_BY_NAME.items()))
    function = click.option(
        "--csv-findings", is_flag=True,
        help="CSV: one row per finding instead of one per repository.")(function)
    function = click.option(
        "--output", "-o", "output", multiple=True,
        type=click.Path(path_type=Path),
        help="Write a report to FILE instead of stdout (repeatable: the Nth --output goes to the "
             "Nth --format given without :PATH; one left over is in the format its extension "
             "names). A regular file is replaced atomically, a pipe or a device (/dev/stdout) "
             "is written into.")(function)
    return click.option(
        "--format", "format", multiple=True, metavar="FORMAT[:PATH]",
        help=f"Report format, repeatable, each with its own output [default: {DEFAULT_FORMAT}, "
             f"or the --output extension]. Formats: {choices}.")(function)


def _reporter(name: str) -> Reporter:
    reporter = REPORTER_BY_NAME.get(name)
    if reporter is None:
        known = ", ".join(sorted(REPORTER_BY_NAME))
        raise UsageError(f"--format {name!r}: unknown format (choose from {known})",
                         fr=f"--format {name!r} : format inconnu (au choix : {known})")
    return reporter


def parse_outputs(formats: t.Sequence[str], outputs: t.Sequence[Path]) -> list[Output]:
    """Pair formats with destinations as the module docstring says."""
    pending = list(outputs)
    result: list[Output] = []
    for value in formats:
        name, colon, path = value.partition(":")
        reporter = _reporter(name.strip().lower())
        if colon and not path:
            raise UsageError(f"--format {value!r}: no path after ':'",
                             fr=f"--format {value!r} : aucun chemin après « : »")
        destination = Path(path) if colon else (pending.pop(0) if pending else None)
        result.append(Output(reporter, destination))
    for leftover in pending:
        name = FORMAT_BY_EXTENSION.get(leftover.suffix.lower(), DEFAULT_FORMAT)
        result.append(Output(REPORTER_BY_NAME[name], leftover))
    if not result:
        result.append(Output(REPORTER_BY_NAME[DEFAULT_FORMAT], None))
    _check(result)
    return result


def _check(result: list[Output]) -> None:
    to_stdout = [o.reporter.name for o in result if o.path is None]
    if len(to_stdout) > 1:
        names = ", ".join(to_stdout)
        raise UsageError(f"--format {names}: only one report can go to stdout; give the others "
                         "a path (--format NAME:PATH or --output)",
                         fr=f"--format {names} : un seul rapport peut aller sur la sortie "
                            "standard ; donnez un chemin aux autres (--format NOM:CHEMIN ou "
                            "--output)")
    seen: set[str] = set()
    for output in result:
        if output.reporter.writes_folder and output.path is None:
            raise UsageError(f"--format {output.reporter.name} writes a folder: give it one "
                             f"(--format {output.reporter.name}:DIR)",
                             fr=f"--format {output.reporter.name} écrit un dossier : indiquez-le "
                                f"(--format {output.reporter.name}:DOSSIER)")
        if output.path is not None:
            key = os.path.abspath(output.path)
            if key in seen:
                raise UsageError(f"{output.path}: two reports cannot be written to the same file",
                                 fr=f"{output.path} : deux rapports ne peuvent pas aller dans le "
                                    "même fichier")
            seen.add(key)


def check_destinations(outputs: t.Sequence[Output]) -> None:
    """Refuse, before any work, a destination that would not be written (exit 3)."""
    for output in outputs:
        if output.path is None:
            continue
        if output.reporter.writes_folder:
            check_folder(output.path)
        else:
            check_output(output.path)


def write_outputs(run: dict[str, t.Any], outputs: t.Sequence[Output], options: ReportOptions, *,
                  color: bool | None = None, quiet: bool = False) -> None:
    """Render and write every report (stdout skipped when ``quiet``)."""
    for output in outputs:
        if output.path is None and quiet:
            continue
        if output.reporter.writes_folder:
            assert output.path is not None
            write_folder(output.reporter.render_files(run, options), output.path)
            continue
        use_colour = output.path is None and output.reporter.name == "text" and (
            color if color is not None else sys.stdout.isatty() and not os.environ.get("NO_COLOR"))
        text = output.reporter.render(run, color=bool(use_colour), options=options)
        write_report(text, output.path, color=bool(use_colour))
