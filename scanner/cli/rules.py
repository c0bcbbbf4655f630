"""``civiscan rules``: list, show and validate rules."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from scanner.cli.common import build_config, build_ruleset, pick_language
from scanner.cli.errors import EXIT_FINDINGS, errors_to_exit
from scanner.engine.loader import check_folders
from scanner.resources import rules_root


@click.group("rules")
def rules_group() -> None:
    """List, show and validate rules."""


@rules_group.command("list")
@click.option("--rules", "rule_dirs", multiple=True,
              type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Extra rule folder (repeatable).")
@click.option("--lang", type=click.Choice(["en", "fr"]), help="Language of the titles.")
def list_command(rule_dirs: tuple[Path, ...], lang: str | None) -> None:
    """One line per rule: id, category, severity, title."""
    with errors_to_exit(False):
        config = build_config(None)
        ruleset = build_ruleset(config, rule_dirs)
        language = pick_language(lang, config)
        width = max((len(r.id) for r in ruleset.rules), default=10)
        for rule in sorted(ruleset.rules, key=lambda r: (r.category, r.id)):
            title = (rule.text("title") or {}).get(language, "")
            flag = " (experimental)" if rule.lifecycle == "experimental" else ""
            click.echo(f"{rule.id:<{width}}  {rule.category:<12} {rule.severity:<8} {title}{flag}")


@rules_group.command("show")
@click.argument("rule_id")
@click.option("--rules", "rule_dirs", multiple=True,
              type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--lang", type=click.Choice(["en", "fr"]))
def show_command(rule_id: str, rule_dirs: tuple[Path, ...], lang: str | None) -> None:
    """Rationale, check, remediation and references of RULE_ID."""
    with errors_to_exit(False):
        config = build_config(None)
        ruleset = build_ruleset(config, rule_dirs)
        language = pick_language(lang, config)
        rule = ruleset.get(rule_id)
        if rule is None:
            raise click.BadParameter(f"no rule {rule_id!r} (see 'civiscan rules list')",
                                     param_hint="RULE_ID")

        def text(key: str) -> str:
            return (rule.text(key) or {}).get(language, "")

        click.echo(f"{rule.id} — {text('title')}")
        click.echo(f"category: {rule.category}   severity: {rule.severity}   weight: {rule.weight}"
                   f"   lifecycle: {rule.lifecycle}   effort: {rule.effort}")
        click.echo(f"\n{text('rationale')}\n")
        if "when" in rule.data:
            click.echo("applies when:\n" + json.dumps(rule.data["when"], indent=2))
        click.echo("check:\n" + json.dumps(rule.data["check"], indent=2))
        if "review" in rule.data:
            click.echo("review when:\n" + json.dumps(rule.data["review"], indent=2))
        click.echo(f"\nremediation: {text('remediation')}")
        if rule.fix:
            click.echo(f"fix: civiscan fix (action {rule.fix})")
        click.echo("references:")
        for ref in rule.references:
            click.echo(f"  - {ref['title']}: {ref['url']}")
        click.echo(f"source: {rule.source}")


@rules_group.command("validate")
@click.argument("folders", nargs=-1, type=click.Path(exists=True, file_okay=False, path_type=Path))
def validate_command(folders: tuple[Path, ...]) -> None:
    """Validate rule files against the meta-schema (default: the bundled rules).

    Every problem is printed with its file and line; exit 1 if there is any.
    """
    rules, _, problems = check_folders(list(folders) or [rules_root()])
    for problem in problems:
        click.echo(str(problem))
    click.echo(f"{len(rules)} valid rule(s), {len(problems)} problem(s)", err=True)
    sys.exit(EXIT_FINDINGS if problems else 0)
