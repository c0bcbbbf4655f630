"""The reporter interface, and the sanitising every report applies to repository-controlled text."""

from __future__ import annotations

import math
import re
import typing as t
from abc import ABC, abstractmethod

from scanner.i18n import tr

#: Bidi controls, zero-width characters and C0/C1 controls (except tab and newline): shown as
#: visible ``\\uXXXX`` escapes so a repository name cannot spoof a report.
_INVISIBLE = re.compile(
    "[\u202a-\u202e\u2066-\u2069\u200b-\u200f\u2028\u2029\ufeff\u0000-\u0008\u000b-\u001f\u007f-\u009f]"
)
_SURROGATE = re.compile("[\ud800-\udfff]")


class Reporter(ABC):
    """Renders a run document (a validated dict, never internal objects) to text."""

    name: t.ClassVar[str]
    extension: t.ClassVar[str]
    media_type: t.ClassVar[str]
    help: t.ClassVar[str]

    @abstractmethod
    def render(self, run: dict[str, t.Any], *, color: bool = False) -> str:
        """The whole report."""


def passed_and_not_applicable(card: dict[str, t.Any]) -> tuple[int, int]:
    """How many findings of a scorecard passed, and how many did not apply."""
    statuses = [f["status"] for f in card["findings"]]
    return statuses.count("pass"), statuses.count("not_applicable")


def proposed_waivers(card: dict[str, t.Any], lang: str) -> list[tuple[str, str]]:
    """Each waiver a repository proposed for itself and why it was not applied, as raw text
    (the repository wrote it: each reporter neutralises it its own way)."""
    return [(tr("proposed_waiver", lang, **{k: str(w.get(k)) for k in
                                           ("rule", "expires", "approved_by", "justification")}),
             tr(f"proposed.{w['reason']}", lang, latest=w.get("latest")))
            for w in card.get("proposed_waivers", [])]


def visible(text: str) -> str:
    """One line, with invisible and spoofing characters (U+202E, zero-width...) and lone
    surrogates shown as ``\\uXXXX``: repository text can neither spoof a report nor start a
    line of CI log (where ``::add-mask::`` would be obeyed)."""
    one_line = text.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")
    escaped = _INVISIBLE.sub(lambda m: f"\\u{ord(m.group()):04x}", one_line)
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", escaped)


def strict(value: t.Any) -> t.Any:
    """A copy safe for strict JSON in UTF-8: NaN/inf become null, lone surrogates are escaped."""
    if isinstance(value, str):
        return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", value)
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {strict(k): strict(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [strict(v) for v in value]
    return value
