"""The reporter interface, and the sanitising every report applies to repository-controlled text."""

from __future__ import annotations

import contextlib
import contextvars
import functools
import json
import math
import re
import typing as t
from abc import ABC, abstractmethod
from dataclasses import dataclass
from urllib.parse import urlsplit

from scanner.i18n import tr
from scanner.secrets import one_redactor, redact, redactor

if t.TYPE_CHECKING:
    from scanner.runs.history import History

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


@dataclass(frozen=True)
class ReportOptions:
    """What some formats use beyond the run document."""

    #: CSV: one row per finding instead of one per repository.
    csv_findings: bool = False
    #: Earlier runs (``--history DIR``): HTML and Markdown show trends.
    history: History | None = None


class Reporter(ABC):
    """Renders a run document (a validated dict, never internal objects) to text."""

    name: t.ClassVar[str]
    extension: t.ClassVar[str]
    media_type: t.ClassVar[str]
    help: t.ClassVar[str]
    #: Writes a folder of files (:meth:`render_files`) rather than one report.
    writes_folder: t.ClassVar[bool] = False

    @abstractmethod
    def render(self, run: dict[str, t.Any], *, color: bool = False,
               options: ReportOptions | None = None) -> str:
        """The whole report."""

    def render_files(self, run: dict[str, t.Any],
                     options: ReportOptions | None = None) -> dict[str, str]:
        """Relative file name -> content, for reporters that write a folder."""
        return {f"report.{self.extension}": self.render(run, options=options)}


def display_name(card: dict[str, t.Any]) -> str:
    """How a scorecard is named in reports (raw: each reporter neutralises it)."""
    repository = card["repository"]
    return str(repository.get("full_name") or repository.get("name") or "?")


#: Where civiscan lives; a bundled rule's documentation is its own file there.
PROJECT_URL = "https://github.com/betagouv/civiscan"


@functools.cache
def _bundled_rules() -> dict[str, str]:
    from scanner.resources import rules_root

    found = {}
    for category in rules_root().iterdir():
        if category.is_dir():
            for entry in category.iterdir():
                if entry.name.endswith(".yaml"):
                    found[entry.name[: -len(".yaml")]] = f"{category.name}/{entry.name}"
    return found


def docs_url(rule: dict[str, t.Any]) -> str:
    """Where a rule is documented: a bundled rule's file (its rationale, check and remediation),
    else the first web reference the rule gives, else civiscan's rules section."""
    bundled = _bundled_rules().get(str(rule.get("id")))
    if bundled:
        return f"{PROJECT_URL}/blob/main/rules/{bundled}"
    for reference in rule.get("references") or []:
        url = web_url(reference.get("url")) if isinstance(reference, dict) else None
        if url:
            return url
    return f"{PROJECT_URL}#rules"


def web_url(value: t.Any) -> str | None:
    """``value`` if it is an absolute http(s) URL with a host and no credentials, else None:
    a ``javascript:`` or ``data:`` link in repository metadata never becomes a link."""
    if not isinstance(value, str) or len(value) > 2048 or _INVISIBLE.search(value) or " " in value:
        return None
    try:
        parts = urlsplit(value)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname or "@" in parts.netloc:
        return None
    return value


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


_SHOWN: contextvars.ContextVar[dict[str, str] | None] = contextvars.ContextVar(
    "civiscan_shown", default=None)


@contextlib.contextmanager
def one_pass() -> t.Iterator[None]:
    """Within the block (a report being rendered), secrets are those known when it began and
    each distinct string is made :func:`visible` once: a run repeats most of its texts."""
    with one_redactor():
        token = _SHOWN.set({})
        try:
            yield
        finally:
            _SHOWN.reset(token)


def visible(text: str) -> str:
    """Repository text made safe to show anywhere: one line, secrets masked, invisible and
    control characters (ESC, U+202E, zero-width...) and lone surrogates shown as ``\\uXXXX``,
    and no GitHub Actions workflow command (``::add-mask::`` at a line start, ``##[add-mask]``
    anywhere) left for a CI runner to obey: they read ``\\::`` and ``##\\[``."""
    shown = _SHOWN.get()
    if shown is None:
        return _visible(text)
    found = shown.get(text)
    if found is None:
        found = shown[text] = _visible(text)
    return found


def _visible(text: str) -> str:
    one_line = text.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")
    escaped = _SURROGATE.sub(_uescape, _INVISIBLE.sub(_uescape, redact(one_line)))
    escaped = escaped.replace(LEGACY_COMMAND, "##\\[")
    return _LINE_COMMAND.sub(r"\1\\::", escaped)


def visible_lines(text: str) -> str:
    """:func:`visible` for a message of several lines (an error, a log record, a traceback)."""
    return "\n".join(visible(line) for line in text.split("\n"))


def to_json(value: t.Any, *, indent: int | None = 2) -> str:
    """Strict JSON that reads back to the same strings (after :func:`strict`), but that a terminal
    or a CI log shows inertly: invisible and control characters, and ``##[``, are written as
    JSON ``\\u`` escapes (JSON allows any character so; only inside strings can they occur)."""
    cleaned, suspect = cleaned_copy(value)
    text = json.dumps(cleaned, indent=indent, ensure_ascii=False, allow_nan=False)
    return inert_json(text, suspect)


def inert_json(text: str, suspect: bool = True) -> str:
    """:func:`to_json`'s last pass over JSON text made from a :func:`cleaned_copy`; skipped
    when no string needs it (a 5,000-repository run is 300 MB of text)."""
    if not suspect:
        return text
    return _INVISIBLE.sub(_uescape_json, text).replace(LEGACY_COMMAND, "##\\u005b")


def _uescape_json(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    high, low = divmod(code - 0x10000, 0x400)
    return f"\\u{0xD800 + high:04x}\\u{0xDC00 + low:04x}"


def strict(value: t.Any) -> t.Any:
    """A copy safe for strict JSON in UTF-8: NaN/inf become null, lone surrogates are escaped,
    secrets are masked. A run repeats most of its strings (rule texts in every scorecard), so
    each distinct string is cleaned once."""
    return cleaned_copy(value)[0]


def cleaned_copy(value: t.Any) -> tuple[t.Any, bool]:
    """:func:`strict`'s copy, and whether any string in it holds an invisible or control
    character or ``##[`` (which :func:`to_json` must then escape)."""
    redact_ = redactor()
    cleaned: dict[str, str] = {}
    suspect = False

    def clean(text: str) -> str:
        nonlocal suspect
        found = cleaned.get(text)
        if found is None:
            found = cleaned[text] = _SURROGATE.sub(_uescape, redact_(text))
            suspect = suspect or LEGACY_COMMAND in found or bool(_INVISIBLE.search(found))
        return found

    get = cleaned.get

    def walk(value: t.Any) -> t.Any:
        # A 5,000-repository run is 8 million values: plain types are handled inline (a call
        # each would be most of the cost), subclasses (str enums) by the general path below.
        kind = type(value)
        if kind is str:
            return get(value) or clean(value)
        if kind is dict:
            return {(get(k) or clean(k)) if type(k) is str else walk(k):
                    (get(v) or clean(v)) if type(v) is str else v if type(v) in _PLAIN else walk(v)
                    for k, v in value.items()}
        if kind is list or kind is tuple:
            return [(get(v) or clean(v)) if type(v) is str else v if type(v) in _PLAIN else walk(v)
                    for v in value]
        if isinstance(value, str):
            return clean(value)
        if isinstance(value, float):
            return value if math.isfinite(value) else None
        if isinstance(value, dict):
            return {walk(k): walk(v) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return [walk(v) for v in value]
        return value

    return walk(value), suspect


#: Values a strict copy keeps as they are.
_PLAIN = frozenset({int, bool, type(None)})
