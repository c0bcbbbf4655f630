"""``civiscan facts``: the facts document of one repository, for rule authors."""

from __future__ import annotations

import typing as t

import click

from scanner.cli.common import build_config, build_targets
from scanner.cli.errors import errors_to_exit
from scanner.errors import ScanError
from scanner.facts import build_facts
from scanner.reporters.base import to_json
from scanner.run import items_for, make_crawler
from scanner.snapshot import Snapshot


@click.command("facts")
@click.argument("target", default=".")
@click.option("--debug", is_flag=True, help="Show tracebacks.")
def facts_command(target: str, debug: bool) -> None:
    """Print the facts document of TARGET as JSON (what rules are evaluated on)."""
    from scanner.cli import configure_logging

    configure_logging(debug, False)
    with errors_to_exit(debug):
        config = build_config(None)
        (parsed,) = build_targets([target], config)
        crawler = make_crawler([parsed])
        documents = []
        for item in items_for(parsed, crawler):
            if item.error is not None:
                raise item.error
            documents.append(item.facts if item.facts is not None
                             else build_facts(t.cast(Snapshot, item.snapshot)))
        if not documents:
            raise ScanError(f"{parsed.label}: no repository to scan",
                            fr=f"{parsed.label} : aucun dépôt à analyser")
        payload = documents[0] if len(documents) == 1 else documents
        click.echo(to_json(payload))
