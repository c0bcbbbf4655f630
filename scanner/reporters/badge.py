"""Badges: for each scanned repository, a shields.io endpoint JSON (``<name>.json``, for
``https://img.shields.io/endpoint?url=…``) and a static SVG (``<name>.svg``), grade and colour.

The folder holds one pair per repository, named from its full name (``owner__repo``): no
character of a repository's name can reach outside the folder or hide a file.
"""

from __future__ import annotations

import re
import typing as t
from xml.sax.saxutils import escape as xml_escape

from scanner.reporters.base import Reporter, ReportOptions, display_name, one_pass, to_json

LABEL = "civiscan"
#: shields.io named colours, by grade; grey for a repository that could not be scored.
COLOUR = {"A": "brightgreen", "B": "green", "C": "yellow", "D": "orange", "E": "red"}
HEX = {"brightgreen": "#4c1", "green": "#97ca00", "yellow": "#dfb317", "orange": "#fe7d37",
       "red": "#e05d44", "lightgrey": "#9f9f9f"}
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def file_stem(card: dict[str, t.Any]) -> str:
    """``owner/repo`` -> ``owner__repo``; anything outside ``[A-Za-z0-9._-]`` becomes ``_``."""
    stem = _UNSAFE.sub("_", display_name(card).replace("/", "__")).strip(".") or "repository"
    return stem[:200]


def message(card: dict[str, t.Any]) -> str:
    if card["status"] != "ok" or card["grade"] is None:
        return "error" if card["status"] != "ok" else "no score"
    return f"{card['grade']} {card['score']:.0f}/100"


def colour(card: dict[str, t.Any]) -> str:
    return COLOUR.get(card["grade"] or "", "lightgrey") if card["status"] == "ok" else "lightgrey"


def endpoint(card: dict[str, t.Any]) -> dict[str, t.Any]:
    return {"schemaVersion": 1, "label": LABEL, "message": message(card), "color": colour(card)}


def _width(text: str) -> int:
    """Verdana 11px, as shields.io's flat badges: about 7 px a character, plus padding."""
    return 10 + sum(7 if c.isupper() or c.isdigit() else 6 if c != " " else 3 for c in text)


def svg(card: dict[str, t.Any]) -> str:
    """A flat badge like shields.io's, without its fonts or any external reference."""
    label, value = LABEL, message(card)
    left, right = _width(label), _width(value)
    total = left + right
    fill = HEX[colour(card)]
    title = xml_escape(f"{label}: {value}")
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{total}" height="20" role="img" '
        f'aria-label="{title}"><title>{title}</title>'
        f'<linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" '
        f'stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>'
        f'<clipPath id="r"><rect width="{total}" height="20" rx="3" fill="#fff"/></clipPath>'
        f'<g clip-path="url(#r)"><rect width="{left}" height="20" fill="#555"/>'
        f'<rect x="{left}" width="{right}" height="20" fill="{fill}"/>'
        f'<rect width="{total}" height="20" fill="url(#s)"/></g>'
        f'<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" '
        f'font-size="11"><text x="{left / 2}" y="14">{xml_escape(label)}</text>'
        f'<text x="{left + right / 2}" y="14">{xml_escape(value)}</text></g></svg>\n'
    )


class BadgeReporter(Reporter):
    name = "badge"
    extension = "svg"
    media_type = "image/svg+xml"
    help = "a folder of badges: shields.io endpoint JSON and a static SVG per repository"
    writes_folder = True

    @one_pass()
    def render_files(self, run: dict[str, t.Any],
                     options: ReportOptions | None = None) -> dict[str, str]:
        files: dict[str, str] = {}
        for card in run["scorecards"]:
            if card.get("kind", "repository") != "repository":
                continue
            stem = base = file_stem(card)
            number = 1
            while f"{stem}.json" in files:  # two names that read the same once made safe
                number += 1
                stem = f"{base}-{number}"
            files[f"{stem}.json"] = to_json(endpoint(card)) + "\n"
            files[f"{stem}.svg"] = svg(card)
        return files

    @one_pass()
    def render(self, run: dict[str, t.Any], *, color: bool = False,
               options: ReportOptions | None = None) -> str:
        """Every file of the folder, as one JSON object (file name -> content)."""
        return to_json(self.render_files(run, options)) + "\n"
