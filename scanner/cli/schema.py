"""``civiscan schema``: print a published JSON Schema."""

from __future__ import annotations

import json

import click

from scanner import schemas


@click.command("schema")
@click.argument("name", type=click.Choice(schemas.PUBLISHED))
def schema_command(name: str) -> None:
    """Print the JSON Schema of the facts document, run document, rule files or configuration,
    self-contained (every schema it references is embedded)."""
    click.echo(json.dumps(schemas.bundled(name), indent=2, ensure_ascii=False))
