"""``civiscan scan``: scan targets and report."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from scanner.cli.common import (
    build_config,
    build_gitlab_hosts,
    build_ruleset,
    build_targets,
    pick_language,
)
from scanner.cli.errors import errors_to_exit
from scanner.cli.formats import check_destinations, format_options, parse_outputs, write_outputs
from scanner.cli.history import check_history, history_option, with_history
from scanner.errors import UsageError
from scanner.progress import Progress
from scanner.registry.document import ACTIVE_PHASES, PHASES, normalise_phase
from scanner.registry.scan import StartupFilter
from scanner.reporters.base import ReportOptions, visible_lines
from scanner.run import ScanOptions, exit_explanation, scan
from scanner.sources.crawl import CrawlOptions
from scanner.sources.http import check_api_url
from scanner.sources.remote import Filters

FAIL_ON = ("error", "warning", "info", "never")
DEFAULT_FAIL_ON = "error"


def startup_filter(incubators: tuple[str, ...], phases: tuple[str, ...],
                   active: bool) -> StartupFilter:
    """``--active`` adds the active phases to those ``--phase`` names."""
    chosen = {p for p in (normalise_phase(x) for x in phases) if p}
    if active:
        chosen |= set(ACTIVE_PHASES)
    slugs = {s.strip().strip("/").removeprefix("incubateurs/").lower() for s in incubators}
    return StartupFilter(incubators=frozenset(s for s in slugs if s), phases=frozenset(chosen))


def _live() -> bool:
    """A live progress line only on an interactive terminal; CI logs get a plain line now and then."""
    return (sys.stderr.isatty() and not os.environ.get("CI")
            and not os.environ.get("GITHUB_ACTIONS"))


@click.command("scan")
@click.argument("targets", nargs=-1, metavar="[TARGET]...")
@format_options
@history_option
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
@click.option("--gitlab-host", multiple=True, metavar="HOST[=URL]",
              help="Treat HOST as a self-hosted GitLab (repeatable); HOST=URL when its API is "
                   "reached at URL rather than https://HOST (a path in URL is left out of "
                   "project URLs: HOST/gitlab/a/b is project a/b).")
@click.option("--github-api-url", metavar="URL",
              help="GitHub API base (GitHub Enterprise, test servers) [default: GITHUB_API_URL, "
                   "else https://api.github.com]; github.com URLs in targets resolve against it.")
@click.option("--gitlab-url", metavar="URL",
              help="GitLab instance for gitlab: targets (self-hosted, test servers) [default: "
                   "GITLAB_URL, else https://gitlab.com]; URLs on its host resolve against it. "
                   "GITLAB_TOKEN is sent to this instance only.")
@click.option("--include-forks", is_flag=True, help="Scan forks too (left out by default).")
@click.option("--include", "include_globs", multiple=True, metavar="GLOB",
              help="Scan only repositories whose name matches GLOB (repeatable).")
@click.option("--exclude", "exclude_globs", multiple=True, metavar="GLOB",
              help="Leave out repositories whose name matches GLOB (repeatable).")
@click.option("--topic", "topics", multiple=True, metavar="TOPIC",
              help="Scan only repositories with one of these topics (repeatable).")
@click.option("--limit", type=click.IntRange(min=1), metavar="N",
              help="Scan at most N repositories of each organisation or group.")
@click.option("--incubator", "incubators", multiple=True, metavar="SLUG",
              help="registry: targets: only the startups of this incubator (repeatable).")
@click.option("--phase", "phases", multiple=True, type=click.Choice([*PHASES, "transfert"]),
              help="registry: targets: only the startups in this phase (repeatable).")
@click.option("--active", is_flag=True,
              help="registry: targets: only the active startups (" + ", ".join(ACTIVE_PHASES) + ").")
@click.option("--cache-dir", type=click.Path(file_okay=False, path_type=Path),
              help="Crawl cache folder [default: CIVISCAN_CACHE_DIR, else the user cache folder].")
@click.option("--no-cache", is_flag=True, help="Keep the crawl cache in memory only.")
@click.option("--max-requests", type=click.IntRange(min=1), metavar="N",
              help="Stop after N API requests; what is left is reported as not scanned.")
@click.option("--resume", is_flag=True,
              help="Finish an interrupted organisation scan without listing or fetching again "
                   "what it had done.")
@click.option("--include-facts", is_flag=True, help="Embed each facts document in the JSON report.")
@click.option("--color/--no-color", default=None, help="Colour the text report [default: auto].")
@click.option("--quiet", "-q", is_flag=True,
              help="Print nothing on stdout (the report still goes to --output); only errors.")
@click.option("--debug", is_flag=True, help="Log details and show tracebacks.")
def scan_command(targets: tuple[str, ...], format: tuple[str, ...], output: tuple[Path, ...],
                 csv_findings: bool, history: Path | None, fail_under: float | None,
                 fail_on: str | None, config_path: Path | None,
                 rule_dirs: tuple[Path, ...], lang: str | None, gitlab_host: tuple[str, ...],
                 github_api_url: str | None, gitlab_url: str | None, include_forks: bool,
                 include_globs: tuple[str, ...],
                 exclude_globs: tuple[str, ...], topics: tuple[str, ...], limit: int | None,
                 incubators: tuple[str, ...], phases: tuple[str, ...], active: bool,
                 cache_dir: Path | None, no_cache: bool, max_requests: int | None, resume: bool,
                 include_facts: bool, color: bool | None, quiet: bool, debug: bool) -> None:
    """Scan TARGETs (default: the current folder) and report what to fix.

    A TARGET is a folder, github:OWNER[/REPO], gitlab:GROUP[/PROJECT], an https URL of a
    repository, organisation or group, or registry:URL|FILE (a startup registry such as
    https://beta.gouv.fr/api/v2.6/startups.json: every repository its startups declare, and a
    scorecard per startup).
    """
    from scanner.cli import configure_logging

    configure_logging(debug, quiet)
    with errors_to_exit(debug):
        destinations = parse_outputs(format, output)
        check_destinations(destinations)
        check_history(history)
        config = build_config(config_path)
        parsed = build_targets(targets or (".",), config, gitlab_host)
        hosts, instances = build_gitlab_hosts(config, gitlab_host)
        startups = startup_filter(incubators, phases, active)
        if startups.active and not any(target.kind == "registry" for target in parsed):
            raise UsageError("--incubator, --phase and --active choose startups of a registry: "
                             "give a registry:URL or registry:FILE target",
                             fr="--incubator, --phase et --active choisissent des startups d'un "
                                "registre : indiquez une cible registry:URL ou registry:FICHIER")
        ruleset = build_ruleset(config, rule_dirs)
        language = pick_language(lang, config)

        if gitlab_url:
            check_api_url(gitlab_url, "--gitlab-url")
        crawl = CrawlOptions(
            filters=Filters(include_forks=include_forks, include=include_globs,
                            exclude=exclude_globs, topics=topics, limit=limit),
            cache_dir=cache_dir, use_cache=not no_cache, max_requests=max_requests, resume=resume,
            github_api_url=github_api_url, gitlab_url=gitlab_url, gitlab_instances=instances)
        progress = None if quiet else Progress(
            lambda text: click.echo(text, err=True, nl=False), live=_live(), language=language)
        options = ScanOptions(targets=parsed, ruleset=ruleset, config=config, language=language,
                              include_facts=include_facts, progress=progress, crawl=crawl,
                              listener=progress, startups=startups, gitlab_hosts=hosts)
        try:
            run = scan(options)
        finally:
            if progress is not None:
                progress.close()
        report_options = ReportOptions(csv_findings=csv_findings,
                                       history=with_history(run, history, language))
        write_outputs(run, destinations, report_options, color=color, quiet=quiet)
        code, why = exit_explanation(
            run, fail_under=fail_under if fail_under is not None else config.fail_under,
            fail_on=fail_on or config.fail_on or DEFAULT_FAIL_ON, language=language)
    if why:
        click.echo(visible_lines(why), err=True)  # the last line says why the run failed
    sys.exit(code)

