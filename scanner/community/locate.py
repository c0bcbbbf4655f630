"""Find, from the file listing alone, which file plays each community role.

Decided from paths only so that remote sources can fetch exactly the chosen blobs. Where several
files could serve a role, the choice is deterministic and the others are kept as candidates, so a
report can say which one was read and why.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

#: Folders where GitHub and GitLab look for community files, in the order civiscan prefers them:
#: the root first (what the issue and POCOS name), then ``.github/``, then ``docs/``.
LOCATIONS = ("", ".github/", "docs/", "doc/")
_EXT = r"(?:\.(?:md|markdown|mdx|rst|txt|adoc|asciidoc|org))?"
_LANG = r"(?:[._-](?P<lang>fr|en|de|es|it|nl|pt|fr[-_]fr|en[-_]us|en[-_]gb))?"
#: Ranking of extensions when several files fill a role in one folder.
_EXT_RANK = {".md": 0, ".markdown": 1, ".rst": 2, ".adoc": 3, ".asciidoc": 3, ".org": 4,
             "": 5, ".txt": 6, ".mdx": 7}

ROLE_STEMS = {
    "readme": r"readme",
    "contributing": r"contributing|contribuer|contribute|contributions?",
    "code_of_conduct": r"code[_ -]?of[_ -]?conduct|code[_ -]de[_ -]conduite|conduct",
    "security_policy": (r"security|s[ée]curit[ée]|security[_-]policy"
                        r"|politique[_-]de[_-]s[ée]curit[ée]"),
}
_ROLE_NAME = {role: re.compile(rf"^(?:{stem}){_LANG}{_EXT}$", re.IGNORECASE)
              for role, stem in ROLE_STEMS.items()}
#: ``contributing/README.md``-style folders.
_ROLE_FOLDER = re.compile(r"^(?:docs?/)?(?:contributing|contribuer)/(?:readme|index)" + _EXT + "$",
                          re.IGNORECASE)
_DOCS_CONTRIBUTING = re.compile(r"^(?:docs?|\.github)/(?:[^/]+/)?[^/]*contribu[^/]*" + _EXT + "$",
                                re.IGNORECASE)

_DCO_FILE = re.compile(
    r"^(?:\.github/|docs?/)?(?:dco|developer[-_ ]?certificate[-_ ]?of[-_ ]?origin)"
    r"(?:[-_.](?:fr|en|v?1\.1))*(?:\.(?:md|txt|rst|adoc))?$", re.IGNORECASE)
_DCO_APP = re.compile(r"^\.github/(?:dco\.ya?ml|workflows/[^/]*\bdco\b[^/]*\.ya?ml)$",
                      re.IGNORECASE)
_CLA_FILE = re.compile(
    r"^(?:\.github/|docs?/)?(?:\.clabot|cla\.json|\.cla\.ya?ml"
    r"|(?:[ic]cla|cla|individual[-_]cla|corporate[-_]cla|contributor[-_]license[-_]agreement)"
    r"(?:[-_.](?:fr|en))?(?:\.(?:md|txt|rst|pdf|adoc))?)$", re.IGNORECASE)
_CLA_WORKFLOW = re.compile(r"^\.github/workflows/(?:[^/]*[-_.])?cla(?:[-_.][^/]*)?\.ya?ml$",
                           re.IGNORECASE)
_SECURITY_TXT = re.compile(r"^(?:.*/)?(?:\.well-known/)?security\.txt$", re.IGNORECASE)

_ISSUE_TEMPLATES = re.compile(
    r"^(?:(?:\.github/|docs/)?issue_template\.md"
    r"|\.github/issue_template/(?!config\.ya?ml$)[^/]+\.(?:md|ya?ml)"
    r"|\.gitlab/issue_templates/[^/]+\.md)$", re.IGNORECASE)
_PR_TEMPLATES = re.compile(
    r"^(?:(?:\.github/|docs/)?pull_request_template\.md"
    r"|\.github/pull_request_template/[^/]+\.md"
    r"|\.gitlab/merge_request_templates/[^/]+\.md)$", re.IGNORECASE)


@dataclass(frozen=True)
class RoleFiles:
    """The file chosen for a role, the other candidates, and language variants of the chosen one."""

    path: str | None
    candidates: tuple[str, ...] = ()
    translations: tuple[str, ...] = ()


def _split(path: str) -> tuple[str, str]:
    folder, _, name = path.rpartition("/")
    return (folder + "/" if folder else ""), name


def _extension(name: str) -> str:
    match = re.search(r"\.(md|markdown|mdx|rst|txt|adoc|asciidoc|org)$", name, re.IGNORECASE)
    return f".{match.group(1).lower()}" if match else ""


def find_role(paths: Iterable[str], role: str) -> RoleFiles:
    """The file serving ``role`` (``readme``, ``contributing``, ``code_of_conduct``,
    ``security_policy``), preferring the root, then ``.github/``, then ``docs/``; within a
    folder, the file without a language suffix and with the most common extension."""
    pattern = _ROLE_NAME[role]
    found: list[tuple[tuple[int, int, int, str], str, str | None]] = []
    for path in paths:
        folder, name = _split(path)
        if folder not in LOCATIONS:
            if role == "contributing" and _ROLE_FOLDER.match(path):
                found.append(((LOCATIONS.index("") if path.lower().startswith("contribu") else 2,
                               1, 9, path), path, None))
            continue
        match = pattern.match(name)
        if not match:
            continue
        lang = match.group("lang")
        rank = (LOCATIONS.index(folder), 1 if lang else 0, _EXT_RANK.get(_extension(name), 8),
                path)
        found.append((rank, path, lang))
    if not found:
        return RoleFiles(None)
    found.sort()
    chosen_rank, chosen, _ = found[0]
    others = tuple(p for _, p, _ in found[1:])
    translations = tuple(p for rank, p, lang in found[1:] if lang and rank[0] == chosen_rank[0])
    return RoleFiles(chosen, others, translations)


def contributing_targets(paths: Sequence[str], chosen: str | None) -> list[str]:
    """Files a short CONTRIBUTING may point to (``docs/CONTRIBUTING.md``,
    ``docs/2-contributions.md``): read too, so a pointer can be followed without a second fetch."""
    return [p for p in paths if p != chosen and _DOCS_CONTRIBUTING.match(p)][:6]


def dco_files(paths: Iterable[str]) -> list[str]:
    """DCO texts shipped in the repository (``DCO``, ``DCO.txt``, ``DCO-fr.txt``)."""
    return [p for p in paths if _DCO_FILE.match(p)]


def dco_apps(paths: Iterable[str]) -> list[str]:
    """Configuration of a DCO check (the DCO GitHub App's ``.github/dco.yml``, a DCO workflow)."""
    return [p for p in paths if _DCO_APP.match(p)]


def cla_files(paths: Iterable[str]) -> list[str]:
    """CLA texts and CLA bot configuration (``.clabot``, ``cla.json``, ``CLA.md``, workflows)."""
    return [p for p in paths if _CLA_FILE.match(p) or _CLA_WORKFLOW.match(p)]


def security_txt(paths: Iterable[str]) -> list[str]:
    """RFC 9116 ``security.txt`` files, wherever the site serves them from."""
    return [p for p in paths if _SECURITY_TXT.match(p) and "node_modules/" not in p]


def issue_templates(paths: Iterable[str]) -> list[str]:
    return [p for p in paths if _ISSUE_TEMPLATES.match(p)]


def pull_request_templates(paths: Iterable[str]) -> list[str]:
    return [p for p in paths if _PR_TEMPLATES.match(p)]
