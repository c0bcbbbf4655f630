"""A startup registry document (beta.gouv.fr's JSON:API ``/api/v2.6/startups.json``) read into
plain records.

The document is untrusted input: it is parsed with the strict JSON loader (no duplicate keys,
NaN or runaway nesting), every string is cleaned the same way (HTML entities decoded, since the
document comes out of a template; whitespace runs collapsed), and an entry that cannot be read
costs that entry only: it becomes a :class:`Startup` with an ``error``. v2.7 and later versions
that only add fields read the same; a document of another shape is refused as a whole.
"""

from __future__ import annotations

import html
import re
import typing as t
from dataclasses import dataclass, field

from scanner.errors import ParseError, ScanError
from scanner.i18n import Text
from scanner.parsing import load_json

#: Phases of a beta.gouv.fr startup, in the order a startup goes through them.
PHASES = ("investigation", "construction", "acceleration", "transfer", "success", "alumni")
#: What ``--active`` selects.
ACTIVE_PHASES = ("investigation", "construction", "acceleration")
#: Other spellings met in real data.
PHASE_ALIASES = {"transfert": "transfer", "succes": "success", "succès": "success"}
#: Most startups read from one registry (beta.gouv.fr lists about 1,500).
MAX_STARTUPS = 20_000
#: Longest identifier or name kept (a longer one is cut and said).
MAX_TEXT = 300
_INCUBATOR_PREFIX = re.compile(r"^/?incubateurs/")
_SPONSOR_PREFIX = re.compile(r"^/?organisations/")
_STARTUP_PREFIX = re.compile(r"^/?startups/")



class RegistryError(ScanError):
    """The registry as a whole cannot be read (unreachable, too large, not JSON, not a registry)."""


def clean(value: t.Any) -> str | None:
    """A string of the document as a person reads it: entities decoded, blanks collapsed, cut at
    :data:`MAX_TEXT` characters; ``None`` for anything that is not a string, or is blank."""
    if not isinstance(value, str):
        return None
    text = " ".join(html.unescape(value).split())
    return text[:MAX_TEXT] or None


def normalise_phase(value: t.Any) -> str | None:
    name = clean(value)
    if name is None:
        return None
    name = name.lower()
    return PHASE_ALIASES.get(name, name)


def incubator_slug(value: t.Any) -> str | None:
    """An incubator id as startups name it: ``/incubateurs/dinum`` and ``dinum`` are one."""
    slug = clean(value)
    return _INCUBATOR_PREFIX.sub("", slug).strip("/") or None if slug else None


@dataclass(frozen=True)
class Phase:
    name: str
    start: str | None
    end: str | None

    def to_facts(self) -> dict[str, t.Any]:
        return {"name": self.name, "start": self.start, "end": self.end}


@dataclass
class Startup:
    """One entry of the registry. ``repository`` is the field's value as written, cleaned when it
    is a string (``None`` when absent); ``error`` says why an entry could not be read at all."""

    index: int
    id: str
    name: str
    phases: list[Phase] = field(default_factory=list)
    incubator: str | None = None
    incubators: tuple[str, ...] = ()
    sponsors: tuple[str, ...] = ()
    repository: t.Any = None
    link: str | None = None
    problems: list[Text] = field(default_factory=list)
    error: Text | None = None

    @property
    def phase(self) -> str | None:
        """The current phase: the last one without an end."""
        current = [p.name for p in self.phases if not p.end]
        return current[-1] if current else None

    @property
    def reached(self) -> set[str]:
        """Every phase the startup has been in."""
        return {p.name for p in self.phases}


@dataclass
class Registry:
    """What a registry document declares; ``source`` is where it was read from."""

    source: str
    startups: list[Startup]
    incubators: dict[str, str | None]
    problems: list[Text] = field(default_factory=list)

    def incubator_title(self, slug: str | None) -> str | None:
        return self.incubators.get(slug) if slug else None


def _phases(value: t.Any, problems: list[Text]) -> list[Phase]:
    if value is None:
        return []
    if not isinstance(value, list):
        problems.append(("phases is not a list; ignored", "phases n'est pas une liste ; ignoré"))
        return []
    out = []
    for number, item in enumerate(value):
        name = normalise_phase(item.get("name")) if isinstance(item, dict) else None
        if name is None:
            problems.append((f"phases[{number}] has no name; ignored",
                             f"phases[{number}] n'a pas de nom ; ignorée"))
            continue
        assert isinstance(item, dict)
        out.append(Phase(name, clean(item.get("start")), clean(item.get("end"))))
    return out


def _strings(value: t.Any, key: str, problems: list[Text], prefix: re.Pattern[str]) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        problems.append((f"{key} is not a list; ignored", f"{key} n'est pas une liste ; ignoré"))
        return ()
    out: list[str] = []
    for item in value:
        text = clean(item)
        if text is not None and prefix.sub("", text) not in out:
            out.append(prefix.sub("", text))
    return tuple(out)


def _relationship(relationships: t.Any, key: str) -> t.Any:
    if not isinstance(relationships, dict) or not isinstance(relationships.get(key), dict):
        return None
    return relationships[key].get("data")


def _startup(index: int, item: t.Any) -> Startup:
    where = f"#{index}"
    if not isinstance(item, dict):
        return Startup(index, where, where, error=("the entry is not an object; ignored",
                                                   "l'entrée n'est pas un objet ; ignorée"))
    raw_id = clean(item.get("id"))
    startup_id = _STARTUP_PREFIX.sub("", raw_id) if raw_id else None
    kind = item.get("type", "startup")
    if not startup_id:
        return Startup(index, where, where, error=("the entry has no id; ignored",
                                                   "l'entrée n'a pas d'identifiant ; ignorée"))
    if kind != "startup":
        shown = clean(kind) or type(kind).__name__
        return Startup(index, startup_id, startup_id,
                       error=(f"the entry is not a startup (type {shown!r}); ignored",
                              f"l'entrée n'est pas une startup (type {shown!r}) ; ignorée"))
    attributes = item.get("attributes")
    if not isinstance(attributes, dict):
        return Startup(index, startup_id, startup_id,
                       error=("the entry has no attributes object; ignored",
                              "l'entrée n'a pas d'objet attributes ; ignorée"))
    problems: list[Text] = []
    name = clean(attributes.get("name"))
    if name is None:
        problems.append(("no name; its id stands for it", "pas de nom ; son identifiant le remplace"))
    relationships = item.get("relationships")
    primary = _relationship(relationships, "incubator")
    incubator = incubator_slug(primary.get("id")) if isinstance(primary, dict) else None
    others = _relationship(relationships, "incubators")
    incubators = [incubator] if incubator else []
    for other in others if isinstance(others, list) else []:
        slug = incubator_slug(other.get("id")) if isinstance(other, dict) else None
        if slug and slug not in incubators:
            incubators.append(slug)
    repository = attributes.get("repository")
    if isinstance(repository, str):
        repository = html.unescape(repository).strip()
    return Startup(
        index=index, id=startup_id, name=name or startup_id,
        phases=_phases(attributes.get("phases"), problems),
        incubator=incubator or (incubators[0] if incubators else None),
        incubators=tuple(incubators),
        sponsors=_strings(attributes.get("sponsors"), "sponsors", problems, _SPONSOR_PREFIX),
        repository=repository, link=clean(attributes.get("link")), problems=problems)


def _incubators(value: t.Any, problems: list[Text]) -> dict[str, str | None]:
    found: dict[str, str | None] = {}
    if value is None:
        return found
    if not isinstance(value, list):
        problems.append(("included is not a list; incubator titles are unknown",
                         "included n'est pas une liste ; les noms des incubateurs sont inconnus"))
        return found
    for item in value:
        if not isinstance(item, dict) or item.get("type", "incubator") != "incubator":
            continue
        slug = incubator_slug(item.get("id"))
        attributes = item.get("attributes")
        if slug and slug not in found:
            found[slug] = clean(attributes.get("title")) if isinstance(attributes, dict) else None
    return found


def parse_registry(data: bytes, source: str) -> Registry:
    """The startups a registry document declares; raises :class:`RegistryError` when the
    document is not a registry at all."""
    try:
        document = load_json(data, path=source).value
    except ParseError as exc:
        raise RegistryError(f"{exc}: not a JSON document",
                            fr=f"{exc} : ce n'est pas un document JSON") from None
    if not isinstance(document, dict) or not isinstance(document.get("data"), list):
        raise RegistryError(
            f"{source}: not a startup registry: a JSON:API document with a 'data' list of startups "
            "is expected (as beta.gouv.fr's /api/v2.6/startups.json)",
            fr=f"{source} : ce n'est pas un registre de startups : un document JSON:API avec une "
               "liste 'data' de startups est attendu (comme /api/v2.6/startups.json de beta.gouv.fr)")
    entries = document["data"]
    if len(entries) > MAX_STARTUPS:
        raise RegistryError(f"{source}: {len(entries)} entries, more than {MAX_STARTUPS}; not read",
                            fr=f"{source} : {len(entries)} entrées, plus de {MAX_STARTUPS} ; non lu")
    problems: list[Text] = []
    incubators = _incubators(document.get("included"), problems)
    startups: list[Startup] = []
    first: dict[str, Startup] = {}
    for index, item in enumerate(entries):
        startup = _startup(index, item)
        if startup.error is None and startup.id in first:
            earlier = first[startup.id]
            earlier.problems.append((f"declared again at entry #{index}; that entry is ignored",
                                     f"déclarée de nouveau à l'entrée #{index} ; cette entrée est "
                                     "ignorée"))
            continue
        if startup.error is None:
            first[startup.id] = startup
        elif not startup.id.startswith("#"):
            startup.id = startup.name = f"{startup.id}#{index}"  # never the id of a good entry
        startups.append(startup)
    return Registry(source, startups, incubators, problems)
