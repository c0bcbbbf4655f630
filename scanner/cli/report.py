"""``civiscan report``: re-render stored runs, join the shards of a crawl, compare two runs.

``civiscan report RUN.json… --format …`` is ``civiscan report render``: the first argument picks
a subcommand only when it is ``render``, ``merge`` or ``diff`` (a run file of that very name is
written ``./merge``).
"""

from __future__ import annotations

import sys
import typing as t
from pathlib import Path

import click

from scanner.cli.errors import EXIT_FINDINGS, errors_to_exit
from scanner.cli.formats import check_destinations, format_options, parse_outputs, write_outputs
from scanner.cli.history import check_history, history_option, with_history
from scanner.cli.output import check_output, write_report
from scanner.reporters import diff as diff_reporter
from scanner.reporters.base import ReportOptions, to_json
from scanner.runs.diff import diff
from scanner.runs.load import read_run, relocalise
from scanner.runs.merge import merge

_RUN = click.Path(dir_okay=False, path_type=Path)
_LANG = click.Choice(["en", "fr"])


class _RenderByDefault(click.Group):
    """A group whose default subcommand is ``render``."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ctx.help_option_names:
            args = ["render", *args]
        return super().parse_args(ctx, args)


@click.group("report", cls=_RenderByDefault)
def report_group() -> None:
    """Re-render stored runs in any format and language, join the shards of one crawl, or say
    what changed between two runs.

    \b
      civiscan report run.json --format html:report.html --lang fr
      civiscan report merge shard-*.json -o run.json
      civiscan report diff old.json new.json --fail-on-regression
    """


def _load(paths: t.Sequence[Path]) -> list[tuple[str, dict[str, t.Any]]]:
    return [(str(path), read_run(path)) for path in paths]


@report_group.command("render")
@click.argument("runs", nargs=-1, required=True, type=_RUN, metavar="RUN.json...")
@format_options
@history_option
@click.option("--lang", type=_LANG, help="Report language [default: the run's].")
@click.option("--color/--no-color", default=None, help="Colour the text report [default: auto].")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing on stdout (reports go to files).")
@click.option("--debug", is_flag=True, help="Show tracebacks.")
def render_command(runs: tuple[Path, ...], format: tuple[str, ...], output: tuple[Path, ...],
                   csv_findings: bool, history: Path | None, lang: str | None, color: bool | None,
                   quiet: bool, debug: bool) -> None:
    """Render stored run documents (several are joined as report merge joins them)."""
    with errors_to_exit(debug):
        destinations = parse_outputs(format, output)
        check_destinations(destinations)
        check_history(history)
        loaded = _load(runs)
        run = merge(loaded) if len(loaded) > 1 else loaded[0][1]
        run = relocalise(run, lang or run["language"])
        options = ReportOptions(csv_findings=csv_findings,
                                history=with_history(run, history, run["language"]))
        write_outputs(run, destinations, options, color=color, quiet=quiet)


@report_group.command("merge")
@click.argument("shards", nargs=-1, required=True, type=_RUN, metavar="SHARD.json...")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the merged run document to FILE instead of stdout.")
@click.option("--debug", is_flag=True, help="Show tracebacks.")
def merge_command(shards: tuple[Path, ...], output: Path | None, debug: bool) -> None:
    """Join the run documents of one crawl's shards (a GitHub Actions matrix) into one.

    Every shard must come from the same civiscan version and ruleset digest (exit 2 otherwise).
    """
    with errors_to_exit(debug):
        if output is not None:
            check_output(output)
        write_report(to_json(merge(_load(shards))) + "\n", output)


@report_group.command("diff")
@click.argument("old", type=_RUN)
@click.argument("new", type=_RUN)
@click.option("--format", "fmt", type=click.Choice(diff_reporter.FORMATS), default="text",
              show_default=True, help="Output format.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the comparison to FILE instead of stdout.")
@click.option("--lang", type=_LANG, help="Language [default: the new run's].")
@click.option("--fail-on-regression", is_flag=True,
              help="Exit 1 when a repository regressed (a rule got worse, a lower grade, or it "
                   "could no longer be scanned).")
@click.option("--debug", is_flag=True, help="Show tracebacks.")
def diff_command(old: Path, new: Path, fmt: str, output: Path | None, lang: str | None,
                 fail_on_regression: bool, debug: bool) -> None:
    """Say what improved and what regressed from run OLD to run NEW, per repository and rule."""
    with errors_to_exit(debug):
        if output is not None:
            check_output(output)
        before, after = read_run(old), read_run(new)
        language = lang or after["language"]
        result = diff(relocalise(before, language), relocalise(after, language))
        write_report(diff_reporter.render(result, fmt), output)
    sys.exit(EXIT_FINDINGS if fail_on_regression and result["regressions"] else 0)
