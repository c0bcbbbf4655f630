"""``civiscan fix``: create the missing compliance files of a local checkout."""

from __future__ import annotations

from pathlib import Path

import click

from scanner.cli.common import build_config, build_ruleset, build_targets, pick_language
from scanner.cli.errors import errors_to_exit
from scanner.errors import UsageError
from scanner.fixes import actions, apply, plan
from scanner.i18n import tr
from scanner.reporters.base import visible
from scanner.run import ScanOptions, scan_snapshot, snapshots_for

MESSAGES = {
    "en": {"nothing": "Nothing to fix automatically.", "would": "would write", "wrote": "wrote",
           "appended": "appended to", "skip": "skipped", "for": "for",
           "next": "Review the new files (look for 'TODO'), then run 'civiscan scan' again."},
    "fr": {"nothing": "Rien à corriger automatiquement.", "would": "écrirait", "wrote": "écrit",
           "appended": "complété", "skip": "ignoré", "for": "pour",
           "next": "Relisez les nouveaux fichiers (cherchez « TODO »), puis relancez "
                   "« civiscan scan »."},
}


@click.command("fix")
@click.argument("only", nargs=-1, metavar="[ACTION]...", type=click.Choice(sorted(actions())))
@click.option("--path", "target", default=".", show_default=True,
              help="The local checkout to repair.")
@click.option("--dry-run", is_flag=True, help="Show what would be written; write nothing.")
@click.option("--lang", type=click.Choice(["en", "fr"]), help="Language of the files written.")
@click.option("--contact-email", help="Contact address written in the code of conduct and "
                                      "publiccode.yml.")
@click.option("--security-email", help="Private address for vulnerability reports (SECURITY.md).")
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Configuration file (.civiscan.yml).")
@click.option("--debug", is_flag=True, help="Show tracebacks.")
def fix_command(only: tuple[str, ...], target: str, dry_run: bool, lang: str | None,
                contact_email: str | None, security_email: str | None,
                config_path: Path | None, debug: bool) -> None:
    """Write the files a scan found missing (README, CONTRIBUTING with a DCO clause, code of
    conduct, security policy, publiccode.yml), or only the ACTIONs named. Never overwrites a file.
    """
    from scanner.cli import configure_logging

    configure_logging(debug, False)
    with errors_to_exit(debug):
        config = build_config(config_path)
        (parsed,) = build_targets([target], config)
        if parsed.kind != "local" or parsed.path is None:
            raise UsageError(f"{target!r}: civiscan fix works on a local checkout",
                             fr=f"{target!r} : civiscan fix s'applique à un dépôt local")
        language = pick_language(lang, config)
        text = MESSAGES[language]
        ruleset = build_ruleset(config)
        (snapshot,) = snapshots_for(parsed)
        card = scan_snapshot(snapshot, ScanOptions(targets=[parsed], ruleset=ruleset,
                                                   config=config, language=language,
                                                   include_facts=True))
        fixes = plan(card, card["facts"], parsed.path, language=language, only=only,
                     contact_email=contact_email, security_email=security_email)
        if not fixes:
            click.echo(text["nothing"])
            return
        written = [] if dry_run else apply(fixes, parsed.path)
        colon = tr("colon", language)
        # Paths and contents quote the repository (its name, its files): shown neutralised.
        for fix in fixes:
            rules = ", ".join(fix.rules)
            path = visible(fix.path)
            if fix.skipped:
                click.echo(f"{text['skip']}{colon}{visible(fix.reason(language))} "
                           f"({text['for']} {rules})")
            elif dry_run:
                click.echo(f"{text['would']} {path} ({text['for']} {rules}):")
                for line in fix.content.rstrip("\n").split("\n"):
                    click.echo(f"    {visible(line)}".rstrip())
            elif fix in written:
                verb = text["appended"] if fix.mode == "append" else text["wrote"]
                click.echo(f"{verb} {path} ({text['for']} {rules})")
        if written:
            click.echo(text["next"])
