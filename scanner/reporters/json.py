"""The run document itself: the stable, schema-published interface."""

from __future__ import annotations

import typing as t

from scanner.reporters.base import Reporter, to_json


class JsonReporter(Reporter):
    name = "json"
    extension = "json"
    media_type = "application/json"
    help = "the run document (civiscan schema run)"

    def render(self, run: dict[str, t.Any], *, color: bool = False) -> str:
        return to_json(run) + "\n"
