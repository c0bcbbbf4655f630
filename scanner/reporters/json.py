"""The run document itself: the stable, schema-published interface."""

from __future__ import annotations

import json
import typing as t

from scanner.reporters.base import Reporter, ReportOptions, cleaned_copy, inert_json, one_pass, to_json

#: Over this many scorecards, each is written on one line (C-speed JSON; an indented 5,000-
#: repository run takes twice as long to write and is 25 % bigger). The data are the same.
ONE_LINE_CARDS_OVER = 200


class JsonReporter(Reporter):
    name = "json"
    extension = "json"
    media_type = "application/json"
    help = "the run document (civiscan schema run)"

    @one_pass()
    def render(self, run: dict[str, t.Any], *, color: bool = False,
               options: ReportOptions | None = None) -> str:
        if len(run["scorecards"]) <= ONE_LINE_CARDS_OVER:
            return to_json(run) + "\n"
        cleaned, suspect = cleaned_copy(run)
        cards = cleaned["scorecards"]
        cleaned["scorecards"] = []
        head = json.dumps(cleaned, indent=2, ensure_ascii=False, allow_nan=False)
        marker = '\n  "scorecards": [],'
        lines = ",\n".join("    " + json.dumps(card, ensure_ascii=False, allow_nan=False)
                           for card in cards)
        if marker in head:
            text = head.replace(marker, f'\n  "scorecards": [\n{lines}\n  ],', 1)
        else:  # scorecards last
            text = head.replace('\n  "scorecards": []\n}', f'\n  "scorecards": [\n{lines}\n  ]\n}}', 1)
        return inert_json(text, suspect) + "\n"
