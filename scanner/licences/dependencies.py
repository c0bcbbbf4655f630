"""Licences of dependencies as the repository records them, and their compatibility.

Offline only: npm lockfiles (``package-lock.json``/``npm-shrinkwrap.json`` v2/v3 record
``packages.*.license``) and ``composer.lock`` (``packages[].license``). Compatibility with the
project's licence uses the licence matrix of ``licensecheck`` (only the offline part of that
package is imported: see :func:`_pure_licensecheck`).
Python dependencies' licences are not recorded in any lockfile; finding them needs PyPI, which
civiscan does not query (no network option is offered yet).
"""

from __future__ import annotations

import functools
import importlib
import importlib.util
import logging
import re
import sys
import types
import typing as t
from collections import Counter
from dataclasses import dataclass

from scanner.i18n import others
from scanner.licences import notices
from scanner.licences.expressions import _licensing, parse
from scanner.parsing import load_json

LOCKFILES = ("package-lock.json", "npm-shrinkwrap.json", "composer.lock")
#: Incompatible packages listed in the facts (the count is always complete).
MAX_LISTED = 50
#: Distinct licence values parsed and checked per repository (each costs about a millisecond; a
#: real lockfile holds a few dozen, a hostile one could hold 100,000). Others are counted as
#: written, unchecked.
MAX_LICENCE_TEXTS = 1_000
#: Unchecked runtime dependencies named in the message (the facts list up to MAX_LISTED).
MAX_NAMED = 5
#: Longest list of names in a message (the interpolated value is cut at 300 characters).
MAX_NAMED_CHARS = 280


@dataclass(frozen=True)
class Dependency:
    name: str
    licence: str | None
    lockfile: str
    dev: bool
    version: str | None = None


def read_lockfile(path: str, data: bytes) -> list[Dependency]:
    """Dependencies and their recorded licences; raises :class:`ParseError` on a bad file."""
    doc = load_json(data, path=path).value
    if not isinstance(doc, dict):
        return []
    if path.rsplit("/", 1)[-1] == "composer.lock":
        return _composer(path, doc)
    return _npm(path, doc)


def _licence_text(value: t.Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        raw = [v if isinstance(v, str) else v.get("type") for v in value
               if isinstance(v, (str, dict))]
        names = [n for n in raw if isinstance(n, str)]
        return " OR ".join(names) if names else None
    if isinstance(value, dict) and isinstance(value.get("type"), str):
        return str(value["type"])
    return None


def _npm(path: str, doc: dict[str, t.Any]) -> list[Dependency]:
    packages = doc.get("packages")
    found = []
    if isinstance(packages, dict):
        for key, meta in packages.items():
            # "" is the project itself and a key outside node_modules/ one of its workspaces;
            # a "link" entry points at such a workspace: the project's own code, not a dependency.
            if ("node_modules/" not in key or not isinstance(meta, dict)
                    or meta.get("link") is True):
                continue
            name = key.rsplit("node_modules/", 1)[-1]
            version = meta.get("version")
            found.append(Dependency(name, _licence_text(meta.get("license")), path,
                                    bool(meta.get("dev")),
                                    version if isinstance(version, str) else None))
    return found


def _composer(path: str, doc: dict[str, t.Any]) -> list[Dependency]:
    found = []
    for key, dev in (("packages", False), ("packages-dev", True)):
        for meta in doc.get(key) or []:
            if isinstance(meta, dict) and isinstance(meta.get("name"), str):
                version = meta.get("version")
                found.append(Dependency(meta["name"], _licence_text(meta.get("license")), path,
                                        dev, version if isinstance(version, str) else None))
    return found


def _pure_licensecheck() -> tuple[types.ModuleType, types.ModuleType]:
    """licensecheck's ``license_matrix`` and ``types`` modules, without its package ``__init__``.

    That ``__init__`` imports licensecheck's command line, which imports ``requests_cache`` and
    ``requests``: importing it creates ``~/.cache/licensecheck.sqlite`` (and fails where the
    cache is read-only) and makes urllib3 bind a socket. The two modules civiscan needs import
    only the standard library and loguru, so the package is entered without running its
    ``__init__``, which is then forgotten again: a later ``import licensecheck`` is untouched.
    """
    if "licensecheck" in sys.modules:  # already imported whole, by someone else
        return (importlib.import_module("licensecheck.license_matrix"),
                importlib.import_module("licensecheck.types"))
    spec = importlib.util.find_spec("licensecheck")
    if spec is None or spec.submodule_search_locations is None:
        raise ImportError("licensecheck is not installed")
    sys.modules["licensecheck"] = importlib.util.module_from_spec(spec)  # created, not run
    try:
        return (importlib.import_module("licensecheck.license_matrix"),
                importlib.import_module("licensecheck.types"))
    finally:
        del sys.modules["licensecheck"]


@functools.lru_cache(maxsize=1)
def _matrix() -> tuple[t.Any, t.Any] | None:
    try:
        license_matrix, licence_types = _pure_licensecheck()
    except ImportError:  # pragma: no cover - licensecheck is a dependency
        return None
    try:  # licensecheck logs every unknown licence through loguru; we report them ourselves
        from loguru import logger

        logger.disable("licensecheck")
    except ImportError:  # pragma: no cover
        logging.getLogger("licensecheck").setLevel(logging.ERROR)
    return license_matrix.depCompatWMyLice, licence_types.License


#: What an EUPL project may use, where licensecheck's matrix says otherwise (it marks Apache-2.0,
#: MPL-2.0, LGPL and GPL dependencies incompatible with EUPL-1.2): permissive licences allow
#: their code in any work, and the EUPL's compatibility clause (EUPL-1.2 art. 5 and its appendix
#: "Compatible Licences", OJ L 128 of 19.5.2017; Joinup's compatibility checker) lets a work
#: combining EUPL code with code under GPL-2.0/3.0, AGPL-3.0, OSL, EPL, CeCILL, MPL-2.0, LGPL,
#: LiLiQ or CC-BY-SA-3.0 be distributed under that licence.
_EUPL_ACCEPTS = ("Apache-2.0", "MIT", "BSD-2-Clause", "BSD-3-Clause", "ISC", "0BSD", "Zlib",
                 "Unlicense", "CC0-1.0", "Python-2.0", "BlueOak-1.0.0", "GPL-2.0", "GPL-3.0",
                 "AGPL-3.0", "OSL-3.0", "EPL-1.0", "EPL-2.0", "CECILL-2.1", "MPL-2.0",
                 "LGPL-2.1", "LGPL-3.0", "LiLiQ-R-1.1", "LiLiQ-Rplus-1.1", "CC-BY-SA-3.0",
                 "EUPL-1.1", "EUPL-1.2")

#: The licences civiscan judges with licensecheck's matrix: each SPDX id, matched exactly, and
#: the matrix's class for it. licensecheck itself finds a class by substring ("MIT" anywhere in
#: the value), which reads "FSL-1.1-MIT" (the Functional Source License, not free: it forbids
#: competing uses for two years) as MIT, "AGPL-1.0-only" as AGPL-3.0 and "BSD-4-Clause" as
#: BSD-3-Clause; so only the ids below reach the matrix, and any other licence (FSL-*, BUSL-1.1,
#: Elastic-2.0, SSPL-1.0, a "Commons Clause" variant, CC-BY-4.0...) goes to a person.
#: BlueOak-1.0.0 (npm's lru-cache, glob, minimatch...) and Zlib (pako's "(MIT AND Zlib)") are
#: permissive licences the matrix does not know, judged as MIT: the same conditions (keep the
#: notice; no copyleft; Zlib only asks that altered versions be marked as such).
MATRIX_CLASSES: dict[str, str] = {
    "CC0-1.0": "PUBLIC", "CC-PDDC": "PUBLIC",
    "Unlicense": "UNLICENSE", "WTFPL": "UNLICENSE",
    "BSL-1.0": "BOOST",
    "MIT": "MIT", "MIT-0": "MIT", "BlueOak-1.0.0": "MIT", "Zlib": "MIT",
    "BSD-2-Clause": "BSD", "BSD-3-Clause": "BSD", "0BSD": "BSD",
    "ISC": "ISC", "NCSA": "NCSA", "Python-2.0": "PSFL", "PSF-2.0": "PSFL",
    "Apache-2.0": "APACHE",
    "AFL-1.1": "ACADEMIC_FREE", "AFL-1.2": "ACADEMIC_FREE", "AFL-2.0": "ACADEMIC_FREE",
    "AFL-2.1": "ACADEMIC_FREE", "AFL-3.0": "ACADEMIC_FREE",
    "LGPL-2.0-only": "LGPL_2", "LGPL-2.0-or-later": "LGPL_2_PLUS",
    # licensecheck has no class of its own for LGPL-2.1: its "any LGPL" class, as before.
    "LGPL-2.1-only": "LGPL_X", "LGPL-2.1-or-later": "LGPL_X",
    "LGPL-3.0-only": "LGPL_3", "LGPL-3.0-or-later": "LGPL_3_PLUS",
    "GPL-2.0-only": "GPL_2", "GPL-2.0-or-later": "GPL_2_PLUS",
    "GPL-3.0-only": "GPL_3", "GPL-3.0-or-later": "GPL_3_PLUS",
    "AGPL-3.0-only": "AGPL_3_PLUS", "AGPL-3.0-or-later": "AGPL_3_PLUS",
    "MPL-2.0": "MPL",
    "EUPL-1.1": "EU", "EUPL-1.2": "EU",
    # composer's "proprietary" (expressions.PROPRIETARY): no right to redistribute.
    "LicenseRef-proprietary": "PROPRIETARY",
}


def _eupl_accepts(project: str, dependency: str) -> bool:
    mine = parse(project).ids
    if not mine or not all(i.startswith("EUPL-") for i in mine):
        return False
    parsed = parse(dependency)
    # OR: one acceptable choice is enough; AND (or one id): every part must be acceptable. An id
    # is accepted as listed or with a GNU suffix, never by prefix ("BSD-3-Clause-No-Nuclear-...").
    accepted = [any(i in (a, f"{a}-only", f"{a}-or-later", f"{a}+") for a in _EUPL_ACCEPTS)
                for i in parsed.ids]
    either = " OR " in (parsed.normalised or dependency)
    return bool(accepted) and (any(accepted) if either else all(accepted))


def _unidentified(parsed: t.Any) -> bool:
    """Whether a recorded licence names no licence a matrix could judge: a pointer ("SEE
    LICENSE IN LICENSE.txt", npm's marker for custom terms, often proprietary), npm's
    "UNLICENSED" (no right granted; licensecheck would read it as the Unlicense), a URL or
    "Custom: ..." text."""
    return (parsed.kind in ("reference", "invalid", "empty")
            or parsed.written.strip().upper() == "UNLICENSED")


def _classes(expression: str) -> list[t.Any] | None:
    """licensecheck's class for each licence of ``expression``, or ``None`` when one of them is
    not in :data:`MATRIX_CLASSES` (or licensecheck is missing)."""
    matrix = _matrix()
    ids = parse(expression).ids
    if matrix is None or not ids or any(i not in MATRIX_CLASSES for i in ids):
        return None
    return [matrix[1][MATRIX_CLASSES[i]] for i in ids]


def compatible(project: str, dependency: str) -> bool | None:
    """Whether a dependency under ``dependency`` may be used by a project under ``project``.

    ``None`` when the dependency's licence is not identified (see :func:`_unidentified`) or one
    of the two licences is outside :data:`MATRIX_CLASSES`. A project under several licences
    ("AGPL-3.0-or-later AND MIT") offers its code under each: the dependency must suit them all.
    """
    parsed = parse(dependency)
    if _unidentified(parsed):
        return None
    if parsed.kind == "name":
        return _by_name(project, dependency)
    if len(parsed.ids) > 1 and parsed.normalised:
        return _each_part(project, parsed.normalised)
    if _eupl_accepts(project, dependency):
        return True
    mine, theirs = _classes(project), _classes(parsed.normalised or dependency)
    if mine is None or theirs is None:
        return None
    dep_compat = t.cast(tuple[t.Any, t.Any], _matrix())[0]
    return all(bool(dep_compat(own, theirs)) for own in mine)


#: Where a licence value written as names offers a choice ("MIT OR Apache2"; "MIT/X11" between
#: bare ids only, never inside a URL).
_CHOICE = re.compile(r"\s+or\s+", re.IGNORECASE)
_SLASHED = re.compile(r"[\w.+-]+(?:\s*/\s*[\w.+-]+)+")


def _by_name(project: str, written: str) -> bool | None:
    """A value written as names rather than SPDX ids ("Apache 2.0", "MIT OR SEE LICENSE IN
    FEEL-FREE.md"): each choice is judged when it is exactly one licence's id or name
    (:func:`notices.named_exactly`), never by a name found inside other words ("FSL-1.1-
    Apache-2.0", "Apache-2.0 WITH Commons-Clause"); one compatible choice is enough."""
    text = written.strip()
    if text.startswith("(") and text.endswith(")"):
        text = text[1:-1]
    choices = [part for choice in _CHOICE.split(text)
               for part in (re.split(r"\s*/\s*", choice) if _SLASHED.fullmatch(choice.strip())
                            else [choice])]
    verdicts = []
    for choice in choices:
        spdx_id = notices.named_exactly(choice)
        verdicts.append(None if spdx_id is None else compatible(project, spdx_id))
    return True if True in verdicts else None if None in verdicts else False


def _each_part(project: str, expression: str) -> bool | None:
    """An AND binds the project to every part (licensecheck would accept the whole when any
    part is compatible: "MIT AND GPL-3.0-only" under MIT); an OR needs one acceptable choice."""
    from license_expression import AND, OR

    def judge(node: t.Any) -> bool | None:
        if isinstance(node, (AND, OR)):
            verdicts = [judge(arg) for arg in node.args]
            if isinstance(node, AND):
                return False if False in verdicts else None if None in verdicts else True
            return True if True in verdicts else None if None in verdicts else False
        return compatible(project, str(node))

    try:
        tree = _licensing().parse(expression)
    except Exception:  # an expression parse() accepted: never fail the scan on it
        return None
    return judge(tree)


def classifiable(project: str) -> bool:
    """Whether dependencies can be judged against ``project`` at all (else none is checked)."""
    return _eupl_accepts(project, "MIT") or _classes(project) is not None


def _why_unchecked(licence: str | None, parsed: t.Any) -> int:
    """Order of concern: pointers and markers first, then no licence, then licences outside
    the matrix (CC-BY-4.0, Artistic-2.0: identified, but not judged)."""
    if licence and _unidentified(parsed):
        return 0
    return 1 if not licence else 2


def _named(unchecked: list[dict[str, t.Any]], total: int) -> dict[str, str]:
    """"a 1.0 ("SEE LICENSE IN LICENSE.txt", front/package-lock.json), b (no licence recorded,
    api/package-lock.json) and 3 more", in English and French, short enough for a message."""
    parts: dict[str, list[str]] = {"en": [], "fr": []}
    for entry in unchecked[:MAX_NAMED]:
        who = " ".join(x for x in (entry["name"][:80], (entry["version"] or "")[:20]) if x)
        written = entry["licence"]
        en = f'"{written[:60]}"' if written else "no licence recorded"
        fr = f"« {written[:60]} »" if written else "aucune licence enregistrée"
        en, fr = f"{who} ({en}, {entry['lockfile']})", f"{who} ({fr}, {entry['lockfile']})"
        if len(", ".join([*parts["fr"], fr])) > MAX_NAMED_CHARS and parts["en"]:
            break
        parts["en"].append(en)
        parts["fr"].append(fr)
    more = total - len(parts["en"])
    return {"en": ", ".join(parts["en"]) + (f" and {more} more" if more else ""),
            "fr": ", ".join(parts["fr"]) + (f" et {others(more, 'fr')}" if more else "")}


def _understand(licence: str, project: str | None,
                known: int) -> tuple[str, bool | None, int]:
    """A recorded licence's label, its verdict against ``project`` and order of concern."""
    if known >= MAX_LICENCE_TEXTS:
        return licence[:200], None, 2
    parsed = parse(licence)
    # As the lockfile writes it when it uses a deprecated id ("GPL-3.0"): a message must not
    # say "-only" where the package does not; nor name a licence found inside other words
    # ("FSL-1.1-Apache-2.0" is not Apache-2.0).
    label = (licence.strip() if parsed.deprecated or parsed.kind == "name"
             else (parsed.normalised or licence))
    verdict = None if not project or _unidentified(parsed) else compatible(project, licence)
    return label, verdict, _why_unchecked(licence, parsed)


def summarise(dependencies: list[Dependency], project: str | None) -> dict[str, t.Any]:
    """The ``dependencies.licences`` facts: counts per licence, the incompatible packages and
    the runtime ones whose licence could not be checked (never counted as compatible)."""
    counts: Counter[str] = Counter()
    unknown = 0
    incompatible = []
    unchecked: list[tuple[int, int, dict[str, t.Any]]] = []
    checked = 0
    judged = bool(project) and classifiable(t.cast(str, project))
    understood: dict[str, tuple[str, bool | None, int]] = {}  # as written -> label, verdict, concern
    for dep in dependencies:
        if not dep.licence:
            unknown += 1
            label, verdict, concern = None, None, 1
        else:
            if dep.licence not in understood:
                understood[dep.licence] = _understand(dep.licence, project, len(understood))
            label, verdict, concern = understood[dep.licence]
        if label is not None:
            counts[label] += 1
        if not judged or dep.dev:
            continue
        if verdict is None:
            entry = {"name": dep.name, "version": dep.version, "licence": dep.licence,
                     "lockfile": dep.lockfile}
            unchecked.append((concern, len(unchecked), entry))
            continue
        checked += 1
        if verdict is False:
            incompatible.append({"name": dep.name, "licence": label,
                                 "lockfile": dep.lockfile,
                                 "summary": f"{dep.name} ({label}, {dep.lockfile})"})
    unchecked.sort(key=lambda item: item[:2])
    listed = [entry for _, _, entry in unchecked[:MAX_LISTED]]
    return {
        "packages": len(dependencies),
        "without_licence": unknown,
        "by_licence": [{"licence": k, "packages": n} for k, n in counts.most_common(25)],
        "project_licence": project,
        "judged": judged,
        "checked": checked,
        "incompatible_count": len(incompatible),
        "incompatible": incompatible[:MAX_LISTED],
        "unchecked_count": len(unchecked),
        "unchecked_written": sum(1 for _, _, entry in unchecked if entry["licence"]),
        "unchecked": listed,
        "unchecked_named": _named(listed, len(unchecked)),
    }
