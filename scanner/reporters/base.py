"""The reporter interface, and the sanitising every report applies to repository-controlled text."""

from __future__ import annotations

import json
import math
import re
import typing as t
from abc import ABC, abstractmethod

from scanner.i18n import tr
from scanner.secrets import redact, redactor

#: C0/C1 controls (ESC, CSI U+009B... but not tab and newline), bidi controls, zero-width and
#: other invisible format characters, line/paragraph separators, tag characters and blank
#: fillers: shown as visible ``\\uXXXX`` escapes so repository text can neither spoof a report
#: nor drive a terminal.
_INVISIBLE = re.compile(
    "[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u034f\u061c\u115f\u1160\u180e"
    "\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\u3164\ufeff\uffa0"
    "\ufff9-\ufffb\U000e0001\U000e0020-\U000e007f]"
)
_SURROGATE = re.compile("[\ud800-\udfff]")
#: A GitHub Actions workflow command: ``::cmd::`` at the start of a line (after blanks, which the
#: runner trims) and the legacy ``##[cmd]`` anywhere in a line.
_LINE_COMMAND = re.compile(r"^(\s*)::")
LEGACY_COMMAND = "##["


def _uescape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


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
    """Repository text made safe to show anywhere: one line, secrets masked, invisible and
    control characters (ESC, U+202E, zero-width...) and lone surrogates shown as ``\\uXXXX``,
    and no GitHub Actions workflow command (``::add-mask::`` at a line start, ``##[add-mask]``
    anywhere) left for a CI runner to obey: they read ``\\::`` and ``##\\[``."""
    one_line = text.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")
    escaped = _SURROGATE.sub(_uescape, _INVISIBLE.sub(_uescape, redact(one_line)))
    escaped = escaped.replace(LEGACY_COMMAND, "##\\[")
    return _LINE_COMMAND.sub(r"\1\\::", escaped)


def visible_lines(text: str) -> str:
    """:func:`visible` for a message of several lines (an error, a log record, a traceback)."""
    return "\n".join(visible(line) for line in text.split("\n"))


def to_json(value: t.Any) -> str:
    """Strict JSON that reads back to the same strings (after :func:`strict`), but that a terminal
    or a CI log shows inertly: invisible and control characters, and ``##[``, are written as
    JSON ``\\u`` escapes (JSON allows any character so; only inside strings can they occur)."""
    text = json.dumps(strict(value), indent=2, ensure_ascii=False, allow_nan=False)
    return _INVISIBLE.sub(_uescape_json, text).replace(LEGACY_COMMAND, "##\\u005b")


def _uescape_json(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    high, low = divmod(code - 0x10000, 0x400)
    return f"\\u{0xD800 + high:04x}\\u{0xDC00 + low:04x}"


def strict(value: t.Any) -> t.Any:
    """A copy safe for strict JSON in UTF-8: NaN/inf become null, lone surrogates are escaped,
    secrets are masked."""
    return _strict(value, redactor())


def _strict(value: t.Any, mask: t.Callable[[str], str]) -> t.Any:
    if isinstance(value, str):
        return _SURROGATE.sub(_uescape, mask(value))
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {_strict(k, mask): _strict(v, mask) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_strict(v, mask) for v in value]
    return value
