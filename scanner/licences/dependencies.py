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
import sys
import types
import typing as t
from collections import Counter
from dataclasses import dataclass

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
def _matrix() -> tuple[t.Any, t.Any, t.Any] | None:
    try:
        license_matrix, licence_types = _pure_licensecheck()
    except ImportError:  # pragma: no cover - licensecheck is a dependency
        return None
    try:  # licensecheck logs every unknown licence through loguru; we report them ourselves
        from loguru import logger

        logger.disable("licensecheck")
    except ImportError:  # pragma: no cover
        logging.getLogger("licensecheck").setLevel(logging.ERROR)
    return license_matrix.licenseType, license_matrix.depCompatWMyLice, licence_types.ucstr


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


#: Permissive licences licensecheck's matrix does not know, judged as MIT (the same conditions:
#: keep the notice; no copyleft). BlueOak-1.0.0 covers npm's lru-cache, glob, minimatch...;
#: Zlib (pako's "(MIT AND Zlib)") only asks that altered versions be marked as such.
_AS_MIT = ("BlueOak-1.0.0", "Zlib")


def _eupl_accepts(project: str, dependency: str) -> bool:
    mine = parse(project).ids
    if not mine or not all(i.startswith("EUPL-") for i in mine):
        return False
    parsed = parse(dependency)
    # OR: one acceptable choice is enough; AND (or one id): every part must be acceptable.
    accepted = [any(i == a or i.startswith(a + "-") or i.startswith(a + "+") for a in _EUPL_ACCEPTS)
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


def compatible(project: str, dependency: str) -> bool | None:
    """Whether a dependency under ``dependency`` may be used by a project under ``project``.

    ``None`` when the dependency's licence is not identified (see :func:`_unidentified`) or
    licensecheck cannot classify one of the two licences.
    """
    parsed = parse(dependency)
    if _unidentified(parsed):
        return None
    if parsed.normalised and " AND " in parsed.normalised:
        return _each_part(project, parsed.normalised)
    if _eupl_accepts(project, dependency):
        return True
    matrix = _matrix()
    if matrix is None:
        return None
    licence_type, dep_compat, ucstr = matrix
    for permissive in _AS_MIT:
        dependency = dependency.replace(permissive, "MIT")
    mine = licence_type(ucstr(project))
    theirs = licence_type(ucstr(dependency))
    unknown = {"UNKNOWN", "NO_LICENSE"}
    if not mine or mine[0].name in unknown or all(x.name in unknown for x in theirs):
        return None
    return bool(dep_compat(mine[0], theirs))


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
    if _eupl_accepts(project, "MIT"):
        return True
    matrix = _matrix()
    if matrix is None:
        return False
    licence_type, _, ucstr = matrix
    mine = licence_type(ucstr(project))
    return bool(mine) and mine[0].name not in {"UNKNOWN", "NO_LICENSE"}


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
            "fr": ", ".join(parts["fr"]) + (f" et {more} autres" if more else "")}


def _understand(licence: str, project: str | None,
                known: int) -> tuple[str, bool | None, int]:
    """A recorded licence's label, its verdict against ``project`` and order of concern."""
    if known >= MAX_LICENCE_TEXTS:
        return licence[:200], None, 2
    parsed = parse(licence)
    # As the lockfile writes it when it uses a deprecated id ("GPL-3.0"): a message must not
    # say "-only" where the package does not.
    label = licence.strip() if parsed.deprecated else (parsed.normalised or licence)
    verdict = None if not project or _unidentified(parsed) else compatible(project, label)
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
        "checked": checked,
        "incompatible_count": len(incompatible),
        "incompatible": incompatible[:MAX_LISTED],
        "unchecked_count": len(unchecked),
        "unchecked_written": sum(1 for _, _, entry in unchecked if entry["licence"]),
        "unchecked": listed,
        "unchecked_named": _named(listed, len(unchecked)),
    }
