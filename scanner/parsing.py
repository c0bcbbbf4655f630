"""Safe loaders for untrusted YAML, JSON and TOML read from scanned repositories.

Every file civiscan parses from a repository is hostile until proven otherwise: alias bombs,
recursive aliases, 50,000-level nesting (which crashes libyaml's recursive composer), duplicate
keys, YAML 1.1 coercions (``NO`` -> False, dates), NaN, 5,000-digit integers. So YAML is built
here from libyaml's *event stream* by an iterative builder that counts depth and expanded size as
it goes (in nodes, and in characters of text: a 67 KB file of aliases to one long string would
otherwise become gigabytes as soon as anything walks or serialises it), resolves scalars with the
YAML 1.2 core schema, keeps mapping keys as their literal text (``200:`` stays ``"200"``; ``1:``
and ``true:`` never collide), rejects duplicate keys and unknown tags, and can record the
1-based line of every JSON pointer. TOML is checked for what makes tomllib run for minutes first.
Every failure is a :class:`~scanner.errors.ParseError` naming the file and line.
"""

from __future__ import annotations

import json
import math
import re
import sys
import typing as t
from dataclasses import dataclass

import yaml

from scanner import i18n, yamltabs
from scanner.errors import ParseError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

#: Deepest nesting accepted (OpenAPI schemas rarely pass 40).
MAX_DEPTH = 256
#: Largest number of nodes a document may expand to once aliases are followed.
MAX_NODES = 3_000_000
#: Most characters of text (keys and scalars) a document may expand to once aliases are followed:
#: far above any real file (files are capped at 10 MB), far below what exhausts memory when the
#: document is walked, validated (jsonschema-rs copies it) or written as JSON.
MAX_EXPANDED_CHARS = 50_000_000
#: Most alias uses accepted in one document.
MAX_ALIASES = 10_000

_EventParser: t.Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_PLAIN_SPECIAL = re.compile(
    r"""^(?:
        (?P<null>~|null|Null|NULL)
      | (?P<true>true|True|TRUE)
      | (?P<false>false|False|FALSE)
      | (?P<int>[-+]?[0-9]+)
      | (?P<oct>0o[0-7]+)
      | (?P<hex>0x[0-9a-fA-F]+)
      | (?P<float>[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?)
    )$""",
    re.VERBOSE,
)
_MAYBE_SPECIAL = frozenset("~nNtTfF-+.0123456789")
_STR_TAGS = frozenset({"tag:yaml.org,2002:str", "!", "tag:yaml.org,2002:binary",
                       "tag:yaml.org,2002:timestamp"})
_TAG_TYPES = {
    "tag:yaml.org,2002:null": "null",
    "tag:yaml.org,2002:bool": "bool",
    "tag:yaml.org,2002:int": "int",
    "tag:yaml.org,2002:float": "float",
}
_MAP_TAGS = frozenset({None, "!", "tag:yaml.org,2002:map"})
_SEQ_TAGS = frozenset({None, "!", "tag:yaml.org,2002:seq"})


@dataclass(frozen=True)
class Loaded:
    """A parsed document and, when asked for, the 1-based line (and column) of each JSON pointer:
    where its key starts for a mapping entry, where the item starts for a list item."""

    value: t.Any
    lines: dict[str, int] | None = None
    columns: dict[str, int] | None = None
    #: With ``locate``: the text as written of each plain scalar that did not load as a string
    #: (``0123`` loads as 123, ``1.10`` as 1.1; some readers want the digits as written).
    literals: dict[str, str] | None = None

    def line_of(self, pointer: str) -> int | None:
        """Line of ``pointer`` or of its nearest located ancestor."""
        return self.position_of(pointer)[0]

    def position_of(self, pointer: str) -> tuple[int | None, int | None]:
        """(line, column) of ``pointer`` or of its nearest located ancestor."""
        if not self.lines:
            return None, None
        while True:
            if pointer in self.lines:
                return self.lines[pointer], (self.columns or {}).get(pointer)
            if not pointer:
                return None, None
            pointer = pointer.rsplit("/", 1)[0]


def escape_pointer_token(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def decode(data: bytes | str, path: str) -> str:
    """Decode file bytes strictly: UTF-8 (BOM allowed) or UTF-16 with a BOM."""
    if isinstance(data, str):
        return data[1:] if data.startswith("\ufeff") else data
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ParseError(path, f"invalid UTF-16: {exc.reason}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ParseError(path, f"invalid UTF-8 at byte {exc.start}", line=line) from None


def _plain_scalar(text: str) -> t.Any:
    if not text:
        return None
    if text[0] not in _MAYBE_SPECIAL:
        return text
    match = _PLAIN_SPECIAL.match(text)
    if match is None:
        return text
    kind = match.lastgroup
    if kind == "null":
        return None
    if kind == "true":
        return True
    if kind == "false":
        return False
    try:
        if kind == "int":
            return int(text)
        if kind == "oct":
            return int(text[2:], 8)
        if kind == "hex":
            return int(text[2:], 16)
        number = float(text)
    except ValueError:  # more digits than Python converts: keep the literal text
        return text
    return number if math.isfinite(number) else text  # 1e400 must not become inf


def _tagged_scalar(tag: str, text: str, path: str, line: int) -> t.Any:
    kind = _TAG_TYPES.get(tag)
    value = _plain_scalar(text)
    expected = {"null": type(None), "bool": bool, "int": int, "float": (float, int)}
    if kind is None or not isinstance(value, expected[kind]):  # type: ignore[arg-type]
        raise ParseError(path, f"unsupported or mismatched tag {tag!r}", line=line)
    return float(value) if kind == "float" else value


def _merge(target: dict[str, t.Any], source: t.Any, path: str, line: int) -> set[str]:
    """YAML merge key (``<<: *base``): explicit keys win, as in YAML 1.1; returns keys added."""
    added: set[str] = set()
    for mapping in source if isinstance(source, list) else [source]:
        if not isinstance(mapping, dict):
            raise ParseError(path, "merge key (<<) needs a mapping or a list of mappings",
                             line=line)
        for key, value in mapping.items():
            if key not in target:
                target[key] = value
                added.add(key)
    return added


class _Frame:
    __slots__ = ("anchor", "container", "key", "key_column", "key_line", "merged", "pointer",
                 "size", "start_column", "start_line", "weight")

    def __init__(self, container: t.Any, pointer: str, anchor: str | None, line: int,
                 column: int) -> None:
        self.start_line = line
        self.start_column = column
        self.container = container
        self.pointer = pointer
        self.anchor = anchor
        self.key: str | None = None
        self.merged: set[str] = set()
        self.key_line = 0
        self.key_column = 0
        self.weight = 1
        self.size = 0


def load_yaml(data: bytes | str, *, path: str, locate: bool = False) -> Loaded:
    """Parse one YAML document safely (see the module docstring for what "safely" covers).

    An empty or comment-only file gives ``Loaded(None)``.
    """
    text = decode(data, path)
    try:
        return _load_yaml_text(text, path, locate)
    except ParseError as exc:
        if exc.message != yamltabs.LIBYAML_TAB_ERROR:
            raise
        return _load_with_explicit_indentation(text, path, locate, exc)


def _load_with_explicit_indentation(text: str, path: str, locate: bool,
                                    error: ParseError) -> Loaded:
    """Parse again with the indentation of tab-opened block scalars stated in their headers,
    which libyaml then reads as YAML 1.2 does (see :mod:`scanner.yamltabs`)."""
    fixed = None if error.line is None else yamltabs.with_explicit_indentation(text, error.line - 1)
    if fixed is None:
        raise error  # a tab that YAML 1.2 rejects too
    return _load_yaml_text(fixed, path, locate)


def _load_yaml_text(text: str, path: str, locate: bool) -> Loaded:
    lines: dict[str, int] | None = {} if locate else None
    columns: dict[str, int] = {}
    literals: dict[str, str] = {}
    anchors: dict[str, tuple[t.Any, int, int]] = {}
    open_anchors: set[str] = set()
    stack: list[_Frame] = []
    root: list[t.Any] = []
    total = 0
    chars = 0
    aliases = 0
    documents = 0

    def place(value: t.Any, weight: int, size: int, line: int, column: int,
              literal: str | None = None) -> None:
        if not stack:
            root.append(value)
            if lines is not None:
                lines[""] = line
                columns[""] = column
                if literal is not None:
                    literals[""] = literal
            return
        frame = stack[-1]
        frame.weight += weight
        frame.size += size
        if isinstance(frame.container, list):
            pointer = f"{frame.pointer}/{len(frame.container)}"
            frame.container.append(value)
        else:
            assert frame.key is not None
            if frame.key == "<<" and isinstance(value, (dict, list)):
                frame.merged.update(_merge(frame.container, value, path, frame.key_line))
                frame.key = None
                return
            pointer = f"{frame.pointer}/{escape_pointer_token(frame.key)}"
            frame.container[frame.key] = value
            line, column = frame.key_line, frame.key_column
            frame.key = None
        if lines is not None:
            lines[pointer] = line
            columns[pointer] = column
            if literal is not None:
                literals[pointer] = literal

    def awaiting_key() -> bool:
        return bool(stack) and isinstance(stack[-1].container, dict) and stack[-1].key is None

    def set_key(key: str, line: int, column: int) -> None:
        nonlocal chars
        frame = stack[-1]
        if key in frame.merged:
            frame.merged.discard(key)
        elif key in frame.container:
            raise ParseError(path, f"duplicate key {key!r}", line=line)
        frame.key = key
        frame.key_line = line
        frame.key_column = column
        frame.size += len(key)
        chars += len(key)

    try:
        for event in yaml.parse(text, Loader=_EventParser):
            line = event.start_mark.line + 1 if event.start_mark else 0
            column = event.start_mark.column + 1 if event.start_mark else 0
            if isinstance(event, yaml.ScalarEvent):
                if awaiting_key():
                    if event.anchor:
                        raise ParseError(path, "anchors on mapping keys are not supported",
                                         line=line)
                    set_key(event.value, line, column)
                    continue
                if event.tag is None or (event.implicit[0] and event.tag == "!"):
                    plain = not event.style  # the C parser says "" where the Python one says None
                    value = _plain_scalar(event.value) if plain else event.value
                elif event.tag in _STR_TAGS:
                    value = event.value
                else:
                    value = _tagged_scalar(event.tag, event.value, path, line)
                total += 1
                chars += len(event.value)
                if event.anchor:
                    anchors[event.anchor] = (value, 1, len(event.value))
                place(value, 1, len(event.value), line, column,
                      event.value if value is not None and not isinstance(value, str) else None)
            elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                is_map = isinstance(event, yaml.MappingStartEvent)
                if awaiting_key():
                    raise ParseError(path, "complex (non-scalar) mapping keys are not supported",
                                     line=line)
                if event.tag not in (_MAP_TAGS if is_map else _SEQ_TAGS):
                    raise ParseError(path, f"unsupported tag {event.tag!r}", line=line)
                if len(stack) >= MAX_DEPTH:
                    raise ParseError(path, f"nested deeper than {MAX_DEPTH} levels", line=line)
                if stack:
                    frame = stack[-1]
                    if isinstance(frame.container, list):
                        pointer = f"{frame.pointer}/{len(frame.container)}"
                    else:
                        pointer = f"{frame.pointer}/{escape_pointer_token(frame.key or '')}"
                else:
                    pointer = ""
                stack.append(_Frame({} if is_map else [], pointer, event.anchor, line, column))
                if event.anchor:
                    open_anchors.add(event.anchor)
                total += 1
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                frame = stack.pop()
                if isinstance(frame.container, dict) and frame.key is not None:
                    raise ParseError(path, "mapping key without a value", line=line)
                if frame.anchor:
                    open_anchors.discard(frame.anchor)
                    anchors[frame.anchor] = (frame.container, frame.weight, frame.size)
                place(frame.container, frame.weight, frame.size, frame.start_line,
                      frame.start_column)
            elif isinstance(event, yaml.AliasEvent):
                aliases += 1
                if event.anchor in open_anchors:
                    raise ParseError(path, f"recursive alias *{event.anchor}", line=line)
                if event.anchor not in anchors:
                    raise ParseError(path, f"unknown alias *{event.anchor}", line=line)
                if awaiting_key():
                    raise ParseError(path, "aliases as mapping keys are not supported", line=line)
                if aliases > MAX_ALIASES:
                    raise ParseError(path, f"more than {MAX_ALIASES} aliases", line=line)
                value, weight, size = anchors[event.anchor]
                total += weight
                chars += size
                if total > MAX_NODES:
                    raise ParseError(
                        path, f"aliases expand to more than {MAX_NODES:,} nodes (alias bomb?)",
                        line=line)
                if chars > MAX_EXPANDED_CHARS:
                    limit = i18n.number(MAX_EXPANDED_CHARS, "fr")
                    raise ParseError(
                        path, f"aliases expand to more than {MAX_EXPANDED_CHARS:,} characters "
                        "of text (alias bomb?)", line=line,
                        fr=f"les alias se développent en plus de {limit} caractères de texte "
                           "(bombe d'alias ?)")
                place(value, weight, size, line, column)
            elif isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise ParseError(path, "must be a single YAML document", line=line)
            if total > MAX_NODES:
                raise ParseError(path, f"document larger than {MAX_NODES:,} nodes", line=line)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark is not None and mark is not None and mark.index >= len(text) - 1:
            # Met the end of the file: where the unclosed construct opened is the useful line.
            mark = exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        raise ParseError(path, problem, line=mark.line + 1 if mark else None,
                         column=mark.column + 1 if mark else None) from None
    except yaml.YAMLError as exc:  # ReaderError (NUL, control characters) and friends
        position = getattr(exc, "position", None)
        where = text.count("\n", 0, position) + 1 if isinstance(position, int) else None
        reason = getattr(exc, "reason", None) or str(exc).splitlines()[0]
        raise ParseError(path, f"unreadable YAML: {reason}", line=where) from None
    return Loaded(root[0] if root else None, lines, columns if locate else None,
                  literals if locate else None)


def _reject_constant(name: str) -> t.NoReturn:
    raise ValueError(f"{name} is not valid JSON")


def _finite_float(text: str) -> float | str:
    """``1e400`` would become ``inf`` and break strict JSON output: keep its text, as YAML does."""
    number = float(text)
    return number if math.isfinite(number) else text


def _pairs_without_duplicates(pairs: list[tuple[str, t.Any]]) -> dict[str, t.Any]:
    result: dict[str, t.Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"duplicate key {key!r}")
        result[key] = value
    return result


def load_json(data: bytes | str, *, path: str, locate: bool = False) -> Loaded:
    """Parse strict JSON: no NaN/Infinity, no duplicate keys, bounded depth and integer size.

    With ``locate``, lines are recovered by running the JSON text through :func:`load_yaml`
    (JSON is YAML 1.2); callers that only need lines when something is wrong should call
    :func:`locate_lines` then instead.
    """
    text = decode(data, path)
    try:
        value = json.loads(text, object_pairs_hook=_pairs_without_duplicates,
                           parse_constant=_reject_constant, parse_float=_finite_float)
    except json.JSONDecodeError as exc:
        raise ParseError(path, exc.msg, line=exc.lineno, column=exc.colno) from None
    except RecursionError:
        raise ParseError(path, "nested too deeply") from None
    except ValueError as exc:  # duplicate keys, NaN, integers over the conversion limit
        raise ParseError(path, str(exc).split("; ")[0]) from None
    if _depth_exceeds(value, MAX_DEPTH):
        raise ParseError(path, f"nested deeper than {MAX_DEPTH} levels")
    return Loaded(value, locate_lines(text, path) if locate else None)


def _depth_exceeds(value: t.Any, limit: int) -> bool:
    """Iteratively measure nesting, so later recursive walkers (jsonschema, json.dumps) are safe."""
    pending: list[tuple[t.Any, int]] = [(value, 1)]
    while pending:
        node, depth = pending.pop()
        if depth > limit:
            return True
        if isinstance(node, dict):
            pending.extend((child, depth + 1) for child in node.values()
                           if isinstance(child, (dict, list)))
        elif isinstance(node, list):
            pending.extend((child, depth + 1) for child in node if isinstance(child, (dict, list)))
    return False


def locate_lines(text: str, path: str) -> dict[str, int] | None:
    """JSON-pointer -> line map of a YAML or JSON text, or ``None`` if it cannot be built."""
    try:
        return load_yaml(text, path=path, locate=True).lines
    except ParseError:
        return None


#: Most dots on one line of TOML. A key is written on one line, and tomllib's time and memory
#: grow with the square of its dotted parts (200,000 parts: minutes and gigabytes); real keys
#: have a handful, real lines a few dozen dots at most.
MAX_TOML_LINE_DOTS = 1_000


def _check_toml(text: str, path: str) -> None:
    """Refuse, before tomllib sees it, what would make it run for minutes."""
    if text.count(".") <= MAX_TOML_LINE_DOTS:
        return
    for index, line in enumerate(text.splitlines(), start=1):
        if line.count(".") > MAX_TOML_LINE_DOTS:
            limit = i18n.number(MAX_TOML_LINE_DOTS, "fr")
            raise ParseError(path, f"more than {MAX_TOML_LINE_DOTS:,} dots on one line (a dotted "
                             "key this long takes the TOML parser minutes); not parsed",
                             line=index, fr=f"plus de {limit} points sur une ligne (une clé "
                             "pointée aussi longue occupe le lecteur TOML des minutes) ; non lu")


def load_toml(data: bytes | str, *, path: str) -> dict[str, t.Any]:
    """Parse TOML; errors name the line tomllib reports."""
    text = decode(data, path)
    _check_toml(text, path)
    try:
        return tomllib.loads(text)
    except RecursionError:  # inline tables or arrays nested a thousand deep
        raise ParseError(path, "nested too deeply", fr="imbrication trop profonde") from None
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        match = re.search(r"\(at line (\d+), column (\d+)\)", message)
        line = int(match.group(1)) if match else None
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", message)
        raise ParseError(path, message, line=line) from None


def load_data(data: bytes | str, *, path: str, locate: bool = False) -> Loaded:
    """YAML or JSON, chosen by the file extension (``.json`` is JSON, anything else YAML)."""
    if path.lower().endswith(".json"):
        return load_json(data, path=path, locate=locate)
    return load_yaml(data, path=path, locate=locate)
