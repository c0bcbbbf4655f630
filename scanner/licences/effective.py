"""The repository's effective licence: from the licence files, the notices and the declarations.

Rules of decision (each recorded in the facts, so a report can say why):
- root licence files decide; a *notice* naming a licence (a grant: "this software is governed by
  the CeCILL-C license") outranks a licence *text* that disagrees with it (a shipped copy);
- a root licence file that exists but could not be read leaves the licence unknown
  (``NOASSERTION``, method ``unread``) unless another root licence file was read;
- no root licence file: the README's licence section (a full text or a licence named), or its
  licence statement outside any section, read like a licence file, then the declarations, then
  the files' SPDX headers; a root file about bundled assets (``scope: assets``) is not a root
  licence file;
- several licences: ``OR`` only where a root pointer file ("either of the licenses found in
  LICENSE.APACHE or LICENSE.BSD"), a declaration or the README says it is a choice, else
  ``AND`` (code under one licence, data under another is the usual French case);
- no root licence file: the root declarations (publiccode.yml, then manifests), else ``None``;
  a root declaration granting no rights (``UNLICENSED``), or a README licence section saying none
  is granted ("Projet interne", "All rights reserved") with no declaration naming a licence,
  leaves it ``NOASSERTION`` (``no-grant``);
  an API description's ``info.license`` is never the repository's licence: alone, it leaves the
  licence unknown (``api-description-only``) for a person to check; so do headers reserving all
  rights in most sampled source files when nothing names a licence (``reserved-headers``);
- GNU ``-only``/``-or-later``: from the declarations, README (a GNU standard notice anywhere in
  its prose, else its licence paragraphs; never code blocks or sentences about others' work) and
  headers (SPDX identifiers, else the GNU notices of the sampled files, by majority) when they
  say; from the
  text alone (SPDX convention: ``-only``) otherwise, and ``version_basis`` says which; a licence
  only *named* ("GNU AGPL v3") keeps its bare family id (``unstated``): no suffix is made up.
"""

from __future__ import annotations

import re
import typing as t
from dataclasses import dataclass, field

from scanner.licences import notices
from scanner.licences.expressions import family, ids_of, parse

GNU = notices.GNU_FAMILIES
INCORPORATES = {"LGPL-3.0": "GPL-3.0"}
_SAYS_LATER = re.compile(r"or[- ]later|\+|\blater\b|ult[ée]rieure|plus r[ée]cente?", re.IGNORECASE)
_SAYS_ONLY = re.compile(r"-only\b", re.IGNORECASE)

@dataclass
class Evidence:
    """What the effective-licence decision may use besides the licence files."""

    declared: list[dict[str, t.Any]] = field(default_factory=list)  # root declarations
    readme: str = ""
    headers: list[str] = field(default_factory=list)  # header expressions, most common first
    readme_licence: dict[str, t.Any] | None = None  # the README's licence section, read
    unread: list[dict[str, t.Any]] = field(default_factory=list)  # root licence files not read
    headers_cover: bool = False  # most sampled source files carry an SPDX identifier
    #: Licences API descriptions give in ``info.license``: the licence of the API's description
    #: (and often of the data it serves), never the repository's; only said when nothing else is.
    api_declared: list[dict[str, t.Any]] = field(default_factory=list)
    #: Standard licence notices in the sampled source files (``{"expression", "files"}``, a GNU
    #: one "-only" or "-or-later"), and how many files were sampled.
    header_notices: list[dict[str, t.Any]] = field(default_factory=list)
    sampled: int = 0
    #: GNU standard notices in the README's prose (``{"spdx", "path", "line"}``): the
    #: project's own word on its GNU licence's version, wherever in the README it stands.
    readme_notices: list[dict[str, t.Any]] = field(default_factory=list)
    #: The README's plain statements that its GNU licence holds "or later" (``{"spdx",
    #: "path", "line"}``, "version 3 or later", "GPL v3+"), read when it holds no GNU notice.
    readme_later: list[dict[str, t.Any]] = field(default_factory=list)
    #: Sampled source files whose header reserves all rights and names no licence
    #: (``{"files", "example"}``, :func:`scanner.licences.headers.reserved`).
    reserved: dict[str, t.Any] | None = None


@dataclass
class Decision:
    spdx: str | None
    ids: list[str]
    method: str
    operator: str | None = None
    operator_basis: str | None = None
    version_basis: str | None = None
    version_sources: list[dict[str, t.Any]] = field(default_factory=list)
    conflicts: list[dict[str, t.Any]] = field(default_factory=list)
    candidates: list[dict[str, t.Any]] = field(default_factory=list)
    confidence: float | None = None
    #: The declaration the licence was taken from, when no licence text decided (``declared:*``).
    declaration: dict[str, t.Any] | None = None
    #: Ids the README's licence section added to those of the licence files (its scopes).
    from_readme: list[str] = field(default_factory=list)


def decide(files: list[dict[str, t.Any]], evidence: Evidence) -> Decision:
    """The effective licence (see the module docstring)."""
    root = [f for f in files if f["scope"] == "root"]
    method = "files"
    if not root and evidence.unread:
        return Decision("NOASSERTION", [], "unread", confidence=0.0)
    if not root and evidence.readme_licence and evidence.readme_licence["method"] == "no-grant":
        # The README's licence section says no licence is granted ("Projet interne"): unless
        # the root metadata or the files' headers name a licence, that is the repository's word.
        decision = _from_declarations(evidence, bool(files))
        if decision.spdx is not None and decision.spdx != "NOASSERTION":
            return decision
        return Decision("NOASSERTION", [], "no-grant", confidence=0.0)
    if not root and evidence.readme_licence:
        root, method = [evidence.readme_licence], "readme"
    recognised = [f for f in root if f["spdx"] != "NOASSERTION"]
    if not root:
        return _from_declarations(evidence, bool(files))
    if not recognised and any(f["method"] == "not-analysed" for f in root):
        return Decision("NOASSERTION", [], "unread", confidence=0.0)  # its analysis ran out
    if not recognised:
        candidates = [c for f in root for c in f.get("candidates", [])]
        candidates.sort(key=lambda c: -c["score"])
        referenced = [r for f in root for r in f.get("references", [])]
        decision = Decision("NOASSERTION", [], "unrecognised",
                            candidates=_unique(candidates)[:3], confidence=0.0)
        if any(f.get("modified") for f in root):
            decision.method = "modified"
        elif referenced:
            decision.method = "reference-unresolved"
        return decision
    # In a REUSE ``LICENSES/`` folder every file is a licence of the project in its own right,
    # however short: only a root notice is a grant that can outrank a shipped text.
    grants = [f for f in recognised if f["method"] == "notice"
              and not f["path"].lower().startswith("licenses/")]
    texts = [f for f in recognised if f not in grants]
    chosen = recognised
    conflicts: list[dict[str, t.Any]] = []
    text_ids = {family(i) for f in texts for i in f["licences"]}
    grant_ids = {family(i) for f in grants for i in f["licences"]}
    if texts and grants and not text_ids & grant_ids:
        chosen = grants
        conflicts = [{"path": f["path"], "spdx": f["spdx"], "reason": "licence text disagrees "
                      "with the licence notice, which is the grant"} for f in texts]
    elif texts and grants:
        # The text of the licence a notice grants says nothing of its own on the version the
        # notice chose (proconnect-gouv/federation: LICENSE.md grants "AGPL-3.0-or-later" and
        # links to AGPL-3.0.LICENSE.md, the text, which alone reads as AGPL-3.0-only).
        chosen = grants + [f for f in texts
                           if not {family(i) for i in f["licences"]} <= grant_ids]
    ids = _incorporated(list(dict.fromkeys(i for f in chosen for i in f["licences"])))
    from_files = len(ids)
    ids = _scoped(ids, evidence.readme_licence if method == "files" else None)
    scoped = len(ids) > from_files
    ids, version_basis, sources = _gnu_versions(ids, chosen, evidence)
    decision = Decision(None, ids, method, conflicts=conflicts, version_basis=version_basis,
                        version_sources=sources, from_readme=ids[from_files:],
                        confidence=min(float(f["confidence"]) for f in chosen))
    _combine(decision, chosen, evidence, root)
    if scoped and decision.operator == "AND":
        decision.operator_basis = "readme-scopes"
    return decision


def _scoped(ids: list[str], readme: dict[str, t.Any] | None) -> list[str]:
    """The licence files' ids, plus the licences the README's licence section gives to the code
    or to the content beside them ("the guides under Licence Ouverte 2.0 (LICENSE.md), the code
    under MIT"), when that section names at least one of the files' licences: it then speaks of
    this repository, and both licences are the repository's."""
    # Bundled fonts' or icons' licences are theirs, never the repository's (:mod:`assets`).
    scoped = [s["spdx"] for s in (readme or {}).get("scopes", []) if s["scope"] != "assets"]
    mine = {family(i) for i in ids}
    if not scoped or not mine & {family(i) for i in scoped}:
        return ids
    extra = [i for i in dict.fromkeys(scoped) if family(i) not in mine]
    return ids + extra


def _incorporated(ids: list[str]) -> list[str]:
    """COPYING (the GPL text) next to COPYING.LESSER (the LGPL text) is an LGPL project: the LGPL
    is a set of additional permissions on top of the GPL, whose text it asks to ship."""
    families = {family(i) for i in ids}
    drop = {inner for outer, inner in INCORPORATES.items() if outer in families}
    return [i for i in ids if family(i) not in drop]


def _unique(candidates: list[dict[str, t.Any]]) -> list[dict[str, t.Any]]:
    seen: dict[str, dict[str, t.Any]] = {}
    for candidate in candidates:
        seen.setdefault(candidate["spdx"], candidate)
    return list(seen.values())


def _from_declarations(evidence: Evidence, components: bool) -> Decision:
    for entry in evidence.declared:
        if entry.get("normalised") and entry.get("kind") in ("spdx", "name"):
            ids = list(entry["ids"])
            expression = entry["normalised"]
            basis = None
            sources: list[dict[str, t.Any]] = []
            if any(family(i) in GNU for i in ids):
                # What the declaration itself says, unless the README or headers say more.
                bare = {family(i) for i in ids} & set(entry.get("unstated") or ())
                said = ("deprecated" if bare & set(entry.get("deprecated") or ()) else
                        "unstated" if bare else "declared")
                pseudo = [{"licences": ids, "version_basis": said}]
                settled, basis, sources = _gnu_versions(ids, pseudo, evidence)
                if settled != ids:
                    expression = _rename(expression, dict(zip(ids, settled, strict=True)))
                    ids = settled
            return Decision(expression, ids, f"declared:{entry['source']}",
                            operator=_operator(expression),
                            operator_basis="declared" if _operator(expression) else None,
                            version_basis=basis, version_sources=sources, confidence=None,
                            declaration=entry)
    if evidence.headers and evidence.headers_cover:
        # No licence file, README or metadata, but most files' own SPDX headers say: the most
        # common expression is the repository's.
        parsed = parse(evidence.headers[0])
        if parsed.normalised and parsed.kind == "spdx":
            return Decision(parsed.normalised, list(parsed.ids), "headers",
                            operator=_operator(parsed.normalised),
                            operator_basis="headers" if _operator(parsed.normalised) else None,
                            version_basis="headers" if any(family(i) in GNU for i in parsed.ids)
                            else None)
    refused = next((d for d in evidence.declared if d.get("kind") == "proprietary"), None)
    if refused is not None:
        # The root metadata says no rights are granted (npm's "UNLICENSED", composer's
        # "proprietary"): the repository's own statement that it has no licence.
        return Decision("NOASSERTION", [], "no-grant", confidence=0.0, declaration=refused)
    if components:
        return Decision("NOASSERTION", [], "components-only", confidence=0.0)
    named = next((d for d in evidence.api_declared if d.get("expression")), None)
    if named is not None:
        # The repository says nothing of its licence; an API description names one for itself.
        return Decision("NOASSERTION", [], "api-description-only", confidence=0.0,
                        declaration=named)
    if evidence.reserved and evidence.reserved["files"] * 2 > evidence.sampled:
        # Nothing names a licence, and most source files' headers reserve all rights
        # (ansforge/esignsante-ws): the code reads as proprietary, which a person confirms.
        return Decision("NOASSERTION", [], "reserved-headers", confidence=0.0)
    return Decision(None, [], "none")


def _rename(expression: str, renamed: dict[str, str]) -> str:
    """``expression`` with some ids replaced (GNU suffixes settled by other evidence)."""
    return " ".join(renamed.get(token, token) for token in expression.split(" "))


def _operator(expression: str) -> str | None:
    for op in ("OR", "AND"):
        if f" {op} " in expression:
            return op
    return None


def _gnu_versions(ids: list[str], chosen: list[dict[str, t.Any]],
                  evidence: Evidence) -> tuple[list[str], str | None, list[dict[str, t.Any]]]:
    """Settle ``-only``/``-or-later`` for GNU ids the licence text alone cannot settle."""
    basis: str | None = None
    sources: list[dict[str, t.Any]] = []
    result = []
    for spdx_id in ids:
        base = family(spdx_id)
        if base not in GNU:
            result.append(spdx_id)
            continue
        file_basis = next((f.get("version_basis") for f in chosen if spdx_id in f["licences"]),
                          None)
        says = _version_says(base, evidence, sources)
        if says is not None:
            result.append(f"{base}-{says}")
            basis = sources[0]["source"] if sources else "declared"
        else:
            result.append(spdx_id)
            basis = (file_basis if file_basis in ("notice", "unstated", "declared", "deprecated")
                     else "text")
            if spdx_id == base:  # named without "only" or "or later": nothing more is known
                basis = "unstated"
    return result, basis, sources


def _version_says(base: str, evidence: Evidence, sources: list[dict[str, t.Any]]) -> str | None:
    """"or-later"/"only" when a declaration, the README or the headers say it for ``base``."""
    verdicts: list[str] = []
    for entry in evidence.declared:
        written = entry.get("expression") or ""
        for spdx_id in entry.get("ids") or ():
            if family(spdx_id) != base:
                continue
            # Only what the team *wrote* settles it: an id a name or URL was mapped to, or a
            # deprecated id, is a convention, not a statement.
            if spdx_id.endswith("-or-later") and _SAYS_LATER.search(written):
                verdicts.append("or-later")
                sources.append({"source": entry["source"], "path": entry["path"],
                                "says": "or-later"})
            elif spdx_id.endswith("-only") and _SAYS_ONLY.search(written):
                verdicts.append("only")
                sources.append({"source": entry["source"], "path": entry["path"],
                                "says": "only"})
    notice = next((n for n in evidence.readme_notices if family(n["spdx"]) == base), None)
    if notice is not None:
        says = "or-later" if notice["spdx"].endswith("-or-later") else "only"
        verdicts.append(says)
        sources.append({"source": "readme", "path": notice["path"], "line": notice["line"],
                        "says": says})
    elif not evidence.readme_notices:
        # A README holding GNU notices has said which licence each is for: a notice of
        # another GNU licence is no word on this one's version.
        statement = next((n for n in evidence.readme_later if family(n["spdx"]) == base), None)
        if statement is not None:
            verdicts.append("or-later")
            sources.append({"source": "readme", "path": statement["path"],
                            "line": statement["line"], "says": "or-later", "kind": "statement"})
    for expression in evidence.headers:
        # Of this licence only: "GPL-3.0" is a substring of "AGPL-3.0-or-later".
        if any(family(i) == base and i.endswith(("-or-later", "+")) for i in ids_of(expression)):
            verdicts.append("or-later")
            sources.append({"source": "headers", "path": "", "says": "or-later"})
            break
    else:
        said = _notices_say(base, evidence)
        if said is not None:
            verdicts.append(said[0])
            sources.append({"source": "headers", "path": "", "says": said[0], "files": said[1],
                            "sampled": evidence.sampled})
    if "or-later" in verdicts:
        sources.sort(key=lambda s: s["says"] != "or-later")
        return "or-later"
    if "only" in verdicts:
        return "only"
    return None


def _notices_say(base: str, evidence: Evidence) -> tuple[str, int] | None:
    """("or-later"|"only", files) when the GNU notices of the sampled source files for ``base``
    mostly say it (files that disagree as often as they agree settle nothing)."""
    counts = {"or-later": 0, "only": 0}
    for notice in evidence.header_notices:
        expression = str(notice.get("expression") or "")
        for says in counts:
            if family(expression) == base and expression.endswith(f"-{says}"):
                counts[says] += int(notice.get("files") or 0)
    if counts["or-later"] == counts["only"]:
        return None
    says = max(counts, key=lambda k: counts[k])
    return says, counts[says]


def _pointer_choice(ids: list[str], root: list[dict[str, t.Any]]) -> str | None:
    """The root pointer file saying the licence files it names are a choice, when those files
    hold exactly the licences found ("either of the licenses found in LICENSE.APACHE or
    LICENSE.BSD")."""
    by_name = {f["path"].lower(): f for f in root}
    by_name.update({f["path"].rsplit("/", 1)[-1].lower(): f for f in root})
    wanted = {family(i) for i in ids}
    for pointer in root:
        if not pointer.get("choice"):
            continue
        named = [by_name.get(r.lower()) for r in pointer.get("references", [])]
        if None in named:
            continue
        held = {family(i) for f in named if f for i in f["licences"]}
        if held == wanted:
            return t.cast(str, pointer["path"])
    return None


def _combine(decision: Decision, chosen: list[dict[str, t.Any]], evidence: Evidence,
             root: list[dict[str, t.Any]]) -> None:
    ids = decision.ids
    if len(ids) == 1:
        decision.spdx = ids[0]
        return
    single = [f for f in chosen if len(f["licences"]) > 1]
    if len(single) == 1 and set(single[0]["licences"]) == set(ids):
        decision.spdx = single[0]["spdx"]  # one file holding both said how they combine
        decision.operator = _operator(single[0]["spdx"])
        decision.operator_basis = "file"
        return
    pointer = _pointer_choice(ids, root)
    if pointer is not None:
        decision.operator, decision.operator_basis = "OR", f"file:{pointer}"
        decision.spdx = " OR ".join(sorted(ids))
        return
    wanted = {family(i) for i in ids}
    for entry in evidence.declared:
        declared = {family(i) for i in entry.get("ids") or ()}
        if declared == wanted and entry.get("normalised") and " OR " in entry["normalised"]:
            decision.operator, decision.operator_basis = "OR", f"declared:{entry['source']}"
            break
    else:
        if evidence.readme and notices.states_choice(evidence.readme):
            decision.operator, decision.operator_basis = "OR", "readme"
        else:
            decision.operator, decision.operator_basis = "AND", "several-files"
    decision.spdx = f" {decision.operator} ".join(sorted(ids))
