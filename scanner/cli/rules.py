"""``civiscan rules``: list, show and validate rules."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from scanner.cli.common import build_config, build_ruleset, pick_language
from scanner.cli.errors import EXIT_USAGE, errors_to_exit
from scanner.engine.loader import check_folders
from scanner.i18n import tr
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
            flag = f" {tr('rule.experimental', language)}" if rule.lifecycle == "experimental" else ""
            flag += f" {tr('rule.startup_scope', language)}" if rule.scope == "startup" else ""
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

        colon = tr("colon", language)
        click.echo(f"{rule.id} — {text('title')}")
        click.echo("   ".join(f"{tr(f'rule.{key}', language)}{colon}{value}" for key, value in (
            ("category", tr(f"category.{rule.category}", language)),
            ("severity", tr(f"severity.{rule.severity}", language)), ("weight", rule.weight),
            ("lifecycle", tr(f"lifecycle.{rule.lifecycle}", language)),
            ("effort", tr(f"effort.{rule.effort}", language)),
            ("scope", tr(f"scope.{rule.scope}", language)))))
        click.echo(f"\n{text('rationale')}\n")
        for key in ("when", "check", "review", "outcomes"):
            if key in rule.data:
                click.echo(f"{tr(f'rule.{key}', language)}{colon.rstrip()}\n"
                           + json.dumps(rule.data[key], indent=2, ensure_ascii=False))
        click.echo(f"\n{tr('rule.remediation', language)}{colon}{text('remediation')}")
        if rule.fix:
            click.echo(tr("rule.fix", language, action=rule.fix))
        click.echo(f"{tr('rule.references', language)}{colon.rstrip()}")
        for ref in rule.references:
            click.echo(f"  - {ref['title']}: {ref['url']}")
        click.echo(f"{tr('rule.source', language)}{colon}{rule.source}")


@rules_group.command("validate")
@click.argument("folders", nargs=-1, type=click.Path(exists=True, file_okay=False, path_type=Path))
def validate_command(folders: tuple[Path, ...]) -> None:
    """Validate rule files against the meta-schema (default: the bundled rules).

    A FOLDER holds rule files directly or in category subfolders; its rules are checked as
    ``scan --rules`` would load them, beside the bundled ruleset (whose shared lists they may
    ``$ref``, and whose ids they must not reuse). Every problem is printed with its file and
    line; exit 2 if there is any, as for any invalid rule file.
    """
    bundled = rules_root()
    extra = [f for f in folders if os.path.realpath(f) != os.path.realpath(str(bundled))]
    rules, _, problems = check_folders([bundled, *extra])
    if extra:
        own = tuple(str(f).rstrip("/") + "/" for f in extra)
        rules = [r for r in rules if str(r.source).startswith(own)]
    for problem in problems:
        click.echo(str(problem))
    click.echo(f"{len(rules)} valid rule(s), {len(problems)} problem(s)", err=True)
    sys.exit(EXIT_USAGE if problems else 0)
