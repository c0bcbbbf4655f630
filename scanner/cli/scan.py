"""``civiscan scan``: scan targets and report."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from scanner.cli.common import build_config, build_ruleset, build_targets, pick_language
from scanner.cli.errors import errors_to_exit
from scanner.cli.output import check_output, write_report
from scanner.i18n import tr
from scanner.reporters import REPORTER_BY_NAME
from scanner.reporters.base import visible
from scanner.run import ScanOptions, exit_code, scan

FAIL_ON = ("error", "warning", "info", "never")
DEFAULT_FAIL_ON = "error"


def _show_progress(quiet: bool) -> bool:
    return (not quiet and sys.stderr.isatty() and not os.environ.get("CI")
            and not os.environ.get("GITHUB_ACTIONS"))


@click.command("scan")
@click.argument("targets", nargs=-1, metavar="[TARGET]...")
@click.option("--format", "fmt", type=click.Choice(sorted(REPORTER_BY_NAME)), default="text",
              show_default=True,
              help="Report format: " + "; ".join(f"{n}: {r.help}" for n, r in
                                                  sorted(REPORTER_BY_NAME.items())) + ".")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the report to FILE instead of stdout: a regular file is replaced "
                   "atomically, a pipe or a device (/dev/stdout) is written into.")
@click.option("--fail-under", type=click.FloatRange(0, 100), metavar="SCORE",
              help="Exit 1 if a repository scores under SCORE (0-100).")
@click.option("--fail-on", type=click.Choice(FAIL_ON),
              help=f"Exit 1 on an unwaived failure of this severity or worse "
                   f"[default: {DEFAULT_FAIL_ON}].")
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Configuration file (.civiscan.yml). Also CIVISCAN_CONFIG.")
@click.option("--rules", "rule_dirs", multiple=True,
              type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Extra rule folder (repeatable).")
@click.option("--lang", type=click.Choice(["en", "fr"]),
              help="Report language [default: fr if LANG is French, else en].")
@click.option("--gitlab-host", multiple=True, metavar="HOST",
              help="Treat HOST as a self-hosted GitLab (repeatable).")
@click.option("--include-facts", is_flag=True, help="Embed each facts document in the JSON report.")
@click.option("--color/--no-color", default=None, help="Colour the text report [default: auto].")
@click.option("--quiet", "-q", is_flag=True,
              help="Print nothing on stdout (the report still goes to --output); only errors.")
@click.option("--debug", is_flag=True, help="Log details and show tracebacks.")
def scan_command(targets: tuple[str, ...], fmt: str, output: Path | None,
                 fail_under: float | None, fail_on: str | None, config_path: Path | None,
                 rule_dirs: tuple[Path, ...], lang: str | None, gitlab_host: tuple[str, ...],
                 include_facts: bool, color: bool | None, quiet: bool, debug: bool) -> None:
    """Scan TARGETs (default: the current folder) and report what to fix.

    A TARGET is a folder, github:OWNER[/REPO], gitlab:GROUP[/PROJECT], or an https URL of a
    repository, organisation or group.
    """
    from scanner.cli import configure_logging

    configure_logging(debug, quiet)
    with errors_to_exit(debug):
        if output is not None:
            check_output(output)
        config = build_config(config_path)
        parsed = build_targets(targets or (".",), config, gitlab_host)
        ruleset = build_ruleset(config, rule_dirs)
        language = pick_language(lang, config)

        def progress(name: str) -> None:
            click.echo(tr("scanning", language, name=visible(name)), err=True)

        options = ScanOptions(targets=parsed, ruleset=ruleset, config=config, language=language,
                              include_facts=include_facts,
                              progress=progress if _show_progress(quiet) else None)
        run = scan(options)
        reporter = REPORTER_BY_NAME[fmt]
        use_colour = color if color is not None else (
            output is None and sys.stdout.isatty() and not os.environ.get("NO_COLOR"))
        text = reporter.render(run, color=bool(use_colour) and fmt == "text")
        if output is not None or not quiet:
            write_report(text, output, color=bool(use_colour))
        code = exit_code(run, fail_under=fail_under if fail_under is not None else config.fail_under,
                         fail_on=fail_on or config.fail_on or DEFAULT_FAIL_ON)
    sys.exit(code)
