"""``civiscan fix``: create the missing compliance files of a local checkout."""

from __future__ import annotations

import difflib
import os
import sys
import typing as t
from pathlib import Path

import click

from scanner.cli.common import build_config, build_ruleset, build_targets, pick_language
from scanner.cli.errors import errors_to_exit
from scanner.errors import UsageError
from scanner.fixes import (
    Fix,
    FixOptions,
    actions,
    actual_licence,
    apply,
    declared_licence,
    plan,
    wanted_actions,
    writable_licences,
)
from scanner.i18n import tr
from scanner.project import project_name, repository_language
from scanner.reporters.base import visible
from scanner.run import ScanOptions, scan_snapshot, snapshots_for

MESSAGES = {
    "en": {"nothing": "Nothing to fix automatically.", "would": "would write",
           "would_append": "would append to", "wrote": "wrote",
           "appended": "appended to", "skip": "skipped", "for": "for",
           "next": "Fill in every 'TODO' in the new files (the rules ask for a review while one is "
                   "left), then run 'civiscan scan' again.",
           "deprecated": "'civiscan fix {action}' is deprecated: use 'civiscan fix --only {action}'.",
           "path_deprecated": "--path is deprecated: give the folder as 'civiscan fix PATH'.",
           "ask_licence": "Licence of the repository (SPDX id, one of: {choices})",
           "ask_holder": "Copyright holder (the administration that publishes the code)"},
    "fr": {"nothing": "Rien à corriger automatiquement.", "would": "écrirait",
           "would_append": "compléterait", "wrote": "écrit",
           "appended": "complété", "skip": "ignoré", "for": "pour",
           "next": "Remplacez chaque « TODO » des nouveaux fichiers (les règles demandent une "
                   "vérification tant qu'il en reste), puis relancez « civiscan scan ».",
           "deprecated": "« civiscan fix {action} » est obsolète : utilisez « civiscan fix --only "
                         "{action} ».",
           "path_deprecated": "--path est obsolète : donnez le dossier ainsi : « civiscan fix "
                              "DOSSIER ».",
           "ask_licence": "Licence du dépôt (identifiant SPDX, parmi : {choices})",
           "ask_holder": "Titulaire des droits (l'administration qui publie le code)"},
}


def _interactive() -> bool:
    """Whether a person can be asked (a terminal on both ends, and not in CI)."""
    return sys.stdin.isatty() and sys.stdout.isatty() and not os.environ.get("CI")


def _split_arguments(arguments: tuple[str, ...], path_option: str | None,
                     language: str) -> tuple[str, tuple[str, ...]]:
    """(folder, actions named the old way): ``civiscan fix dco-clause`` still works, with a
    warning, where no folder of that name exists."""
    known = actions()
    old_actions = tuple(a for a in arguments if a in known and not os.path.isdir(a))
    folders = [a for a in arguments if a not in old_actions]
    text = MESSAGES[language]
    for action in old_actions:
        click.echo(text["deprecated"].format(action=action), err=True)
    if path_option is not None:
        click.echo(text["path_deprecated"], err=True)
        folders.append(path_option)
    if len(folders) > 1:
        raise click.UsageError(f"one folder at a time, not {len(folders)}: "
                               + ", ".join(repr(f) for f in folders))
    return (folders[0] if folders else "."), old_actions


def _licence(given: str | None, facts: dict[str, t.Any], language: str) -> str:
    """--licence, else the licence package metadata declares (if authorised), else asked on a
    terminal; elsewhere a usage error (exit 2)."""
    choice = given or declared_licence(facts)
    if choice:
        return choice
    choices = writable_licences()
    if _interactive():
        prompt = MESSAGES[language]["ask_licence"].format(choices=", ".join(choices))
        return str(click.prompt(prompt, type=click.Choice(choices)))
    raise UsageError(
        "no licence to write: the package metadata declares no authorised licence; give one "
        f"with --licence ({', '.join(choices)})",
        fr="aucune licence à écrire : les métadonnées du paquet ne déclarent pas de licence "
           f"autorisée ; indiquez-en une avec --licence ({', '.join(choices)})")


def _holder(given: str | None, facts: dict[str, t.Any], language: str) -> str:
    publiccode = facts.get("publiccode") or {}
    owner = publiccode.get("main_copyright_owner") if isinstance(publiccode, dict) else None
    holder = given or (owner if isinstance(owner, str) and owner.strip() else None)
    if holder:
        return holder.strip()
    if _interactive():
        return str(click.prompt(MESSAGES[language]["ask_holder"])).strip()
    raise UsageError("a LICENSE needs a copyright line: name the administration with "
                     "--copyright-holder",
                     fr="un fichier LICENSE demande une ligne de copyright : nommez "
                        "l'administration avec --copyright-holder")


def _diff(fix: Fix, root: Path) -> list[str]:
    """A unified diff of what the fix would do (an appended file shows its current end)."""
    before = ""
    if fix.mode == "append":
        try:
            before = (root / fix.path).read_text("utf-8", errors="replace")
        except OSError:
            before = ""
    after = before + ("" if not before or before.endswith("\n\n") else
                      "\n" if before.endswith("\n") else "\n\n") + fix.content
    old = "/dev/null" if fix.mode == "create" else f"a/{fix.path}"
    return [line.rstrip("\n") for line in difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True),
        fromfile=old, tofile=f"b/{fix.path}", n=3)]


@click.command("fix")
@click.argument("arguments", nargs=-1, metavar="[PATH]")
@click.option("--only", multiple=True, type=click.Choice(sorted(actions())), metavar="ACTION",
              help="Only this action (repeatable): " + ", ".join(sorted(actions())) + ".")
@click.option("--path", "path_option", hidden=True)
@click.option("--dry-run", is_flag=True, help="Show the changes as a unified diff; write nothing.")
@click.option("--lang", type=click.Choice(["en", "fr"]),
              help="Language of the files written [default: the README's, else the report "
                   "language].")
@click.option("--licence", "--license", "licence",
              type=click.Choice(writable_licences()), metavar="SPDX",
              help="Licence of the LICENSE written (an authorised one) [default: the one the "
                   "package metadata declares, else asked].")
@click.option("--copyright-holder", metavar="NAME",
              help="The administration named in the LICENSE's copyright line [default: "
                   "publiccode.yml's legal.mainCopyrightOwner, else asked].")
@click.option("--contact-email", help="Contact address written in the code of conduct and "
                                      "publiccode.yml.")
@click.option("--security-email", help="Private address for vulnerability reports (SECURITY.md).")
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Configuration file (.civiscan.yml).")
@click.option("--debug", is_flag=True, help="Show tracebacks.")
def fix_command(arguments: tuple[str, ...], only: tuple[str, ...], path_option: str | None,
                dry_run: bool, lang: str | None, licence: str | None,
                copyright_holder: str | None, contact_email: str | None,
                security_email: str | None, config_path: Path | None, debug: bool) -> None:
    """Write the files a scan of PATH (default: the current folder) found missing: LICENSE,
    README, CONTRIBUTING with a DCO clause, code of conduct, security policy, publiccode.yml.
    Never overwrites or deletes a file; what only the team can write is marked TODO.
    """
    from scanner.cli import configure_logging

    configure_logging(debug, False)
    with errors_to_exit(debug):
        config = build_config(config_path)
        chrome = pick_language(lang, config)
        target, old_actions = _split_arguments(arguments, path_option, chrome)
        (parsed,) = build_targets([target], config)
        if parsed.kind != "local" or parsed.path is None:
            raise UsageError(f"{target!r}: civiscan fix works on a local checkout",
                             fr=f"{target!r} : civiscan fix s'applique à un dépôt local")
        ruleset = build_ruleset(config)
        (snapshot,) = snapshots_for(parsed)
        card = scan_snapshot(snapshot, ScanOptions(targets=[parsed], ruleset=ruleset,
                                                   config=config, language=chrome,
                                                   include_facts=True))
        facts = card["facts"]
        language = lang or repository_language(snapshot, facts) or chrome
        text = MESSAGES[chrome]
        wanted = wanted_actions(card, only + old_actions)
        chosen = holder = None
        if "licence-file" in wanted:
            chosen = _licence(licence, facts, chrome)
            holder = _holder(copyright_holder, facts, chrome)
        elif "publiccode-file" in wanted and not actual_licence(facts):
            chosen = _licence(licence, facts, chrome)
        options = FixOptions(language=language, only=only + old_actions,
                             contact_email=contact_email, security_email=security_email,
                             licence=chosen, copyright_holder=holder or copyright_holder,
                             project=project_name(snapshot, facts))
        fixes = plan(card, facts, parsed.path, options)
        if not fixes:
            click.echo(text["nothing"])
            return
        written = [] if dry_run else apply(fixes, parsed.path)
        colon = tr("colon", chrome)
        # Paths and contents quote the repository (its name, its files): shown neutralised.
        for fix in fixes:
            rules = ", ".join(fix.rules)
            path = visible(fix.path)
            if fix.skipped:
                click.echo(f"{text['skip']}{colon}{visible(fix.reason(chrome))} "
                           f"({text['for']} {rules})")
            elif dry_run:
                verb = text["would_append"] if fix.mode == "append" else text["would"]
                click.echo(f"{verb} {path} ({text['for']} {rules}):")
                for line in _diff(fix, parsed.path):
                    click.echo(visible(line))
            elif fix in written:
                verb = text["appended"] if fix.mode == "append" else text["wrote"]
                click.echo(f"{verb} {path} ({text['for']} {rules})")
        if written:
            click.echo(text["next"])
