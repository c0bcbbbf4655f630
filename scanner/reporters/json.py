"""The run document itself: the stable, schema-published interface."""

from __future__ import annotations

import json
import typing as t

from scanner.reporters.base import Reporter, strict


class JsonReporter(Reporter):
    name = "json"
    extension = "json"
    media_type = "application/json"
    help = "the run document (civiscan schema run)"

    def render(self, run: dict[str, t.Any], *, color: bool = False) -> str:
        return json.dumps(strict(run), indent=2, ensure_ascii=False, allow_nan=False) + "\n"
