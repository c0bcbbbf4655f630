"""What civiscan saw, in words a finding can quote (English and French).

Rules decide; these notes only state observations about named files ("LICENSE could not be read
(permission denied)", "LICENSE says it is a modified licence"), so that every path, number and
yes/no in a message is true of the file it names.
"""

from __future__ import annotations

import re
import typing as t

from scanner.i18n import others
from scanner.licences import assets
from scanner.licences.expressions import family, ids_of
from scanner.licences.notices import GNU_FAMILIES
from scanner.licences.paths import MAX_NESTED, MAX_NESTED_DEPTH, unread_nested

Note = dict[str, str]
#: Paths (or "or later" statements) named in a list; the rest are counted.
_SHOWN = 3
#: API descriptions' licences are judged by the api/ rules, not as the repository's licence.
_API_SOURCES = frozenset({"openapi", "swagger", "asyncapi"})
#: Declarations other rules compare (publiccode-licence-consistent, api-licence-consistent).
_COMPARED_ELSEWHERE = _API_SOURCES | {"publiccode.yml"}


def _note(path: str, en: str, fr: str) -> Note:
    return {"path": path, "en": en, "fr": fr}


def _percent(score: float) -> str:
    return f"{score:.0%}"


def _percent_fr(score: float) -> str:
    return f"{score * 100:.0f}\u00a0%"


def readme_disagrees(method: str, ids: list[str], files: list[dict[str, t.Any]],
                     readme: dict[str, t.Any] | None) -> list[Note]:
    """The README's licence section naming other licences than the licence files, for the
    repository as a whole (no code/content split): two licences stated, a person decides which
    one applies (datagouv/hubee: LICENSE holds MIT, the README says AGPL-3.0)."""
    if method != "files" or not readme or readme.get("scopes") or not ids:
        return []
    named = [i for i in readme.get("licences") or [] if i != "NOASSERTION"]
    if not named or {family(i) for i in named} & {family(i) for i in ids}:
        return []
    paths = ", ".join(f["path"] for f in files if f["scope"] == "root") or "the licence file"
    said, file_ids = " AND ".join(named), " AND ".join(ids)
    where, where_fr = readme_where(readme)
    if not readme.get("statement"):
        where = f"{readme['path']} (section « {readme.get('heading')} », line {readme.get('line')})"
        where_fr = (f"{readme['path']} (section « {readme.get('heading')} », ligne "
                    f"{readme.get('line')})")
    return [_note(readme["path"],
                  f"{paths} holds {file_ids} but {where} names {said}",
                  f"{paths} contient {file_ids} mais {where_fr} nomme {said}")]


def texts_disagree(conflicts: list[dict[str, t.Any]], ids: list[str],
                   files: list[dict[str, t.Any]]) -> list[Note]:
    """A licence text and a licence notice of the repository naming different licences
    (IGNF/espace-collaboratif-qgis-plugin: LICENSE is the AGPL text, LICENSE.md says CeCILL-B):
    the notice is taken as the grant, but two licences are stated and a person decides."""
    if not conflicts or not ids:
        return []
    notices = [f["path"] for f in files if f["scope"] == "root" and f.get("method") == "notice"]
    said = " AND ".join(ids)
    where = ", ".join(notices) or "a licence notice"
    # A licence text alone says no "-only" or "-or-later": its family is what it shows.
    text_of = {c["path"]: re.sub(r"-(?:only|or-later)$", "", c["spdx"]) for c in conflicts}
    return [_note(c["path"], f"{c['path']} holds the text of {text_of[c['path']]} but {where} "
                             f"states {said}",
                  f"{c['path']} contient le texte de {text_of[c['path']]} mais {where} indique "
                  f"{said}")
            for c in conflicts]


def undecided(method: str, files: list[dict[str, t.Any]], unread: list[dict[str, t.Any]],
              readme: dict[str, t.Any] | None) -> list[Note]:
    """Why the repository's licence could not be identified (empty when it was)."""
    if method == "unread":
        return [_note(u["path"], f"{u['path']} exists but could not be read ({u['reason']})",
                      f"{u['path']} existe mais n'a pas pu être lu ({u['reason_fr']})")
                for u in unread if u["scope"] == "root"] + [
            _note(f["path"], f"{f['path']} could not be analysed ({f['reason']})",
                  f"{f['path']} n'a pas pu être analysé ({f['reason_fr']})")
            for f in files if f["scope"] == "root" and f["method"] == "not-analysed"]
    if method == "components-only":
        en = ", ".join(f"{f['path']} ({_folder_licence(f['spdx'])[0]})" for f in files)
        fr = ", ".join(f"{f['path']} ({_folder_licence(f['spdx'])[1]})" for f in files)
        return [_note("", f"licence files exist only in sub-folders, each for that folder's own "
                          f"content (a sub-package or third-party code): {en}; the repository "
                          "has none of its own",
                      f"des fichiers de licence n'existent que dans des sous-dossiers, chacun "
                      f"pour le contenu de son dossier (sous-paquet ou code tiers) : {fr} ; le "
                      "dépôt n'en a pas pour lui-même")]
    if method not in ("unrecognised", "modified", "reference-unresolved"):
        return []
    sources = [f for f in files if f["scope"] == "root"]
    if not sources and readme:
        sources = [readme]
    return [_file_note(f, f is readme) for f in sources if f["spdx"] == "NOASSERTION"]


def _folder_licence(spdx: str) -> tuple[str, str]:
    """A sub-folder's licence in words (proprietary terms are no SPDX licence)."""
    if spdx == "LicenseRef-proprietary":
        return "proprietary terms", "conditions propriétaires"
    if spdx == "NOASSERTION":
        return "licence not identified", "licence non identifiée"
    return spdx, spdx


def _file_note(entry: dict[str, t.Any], in_readme: bool) -> Note:
    path = entry["path"]
    where = f"{path} (section « {entry['heading']} »)" if in_readme else path
    bases = [c["spdx"] for c in entry.get("candidates", [])]
    if entry.get("renamed") and bases:
        return _note(path, f"{where} holds the text of {bases[0]} under another name "
                           f"(« {entry['modified']} »): a renamed licence is not {bases[0]} as "
                           "published",
                     f"{where} contient le texte de la licence {bases[0]} sous un autre nom "
                     f"(« {entry['modified']} ») : une licence renommée n'est pas la licence "
                     f"{bases[0]} telle que publiée")
    if entry.get("modified"):
        base = bases[0] if bases else None
        en = f"{where} says it is a modified licence (« {entry['modified']} »)"
        fr = f"{where} se présente comme une licence modifiée (« {entry['modified']} »)"
        if base:
            en += f", so it is not {base} as published"
            fr += f" : ce n'est donc pas la licence {base} telle que publiée"
        return _note(path, en, fr)
    if entry.get("references"):
        refs = ", ".join(entry["references"])
        return _note(path, f"{where} only points to {refs}, which is not among the repository's "
                           "licence files",
                     f"{where} renvoie seulement à {refs}, qui ne fait pas partie des fichiers de "
                     "licence du dépôt")
    if entry.get("options"):
        offered = [(o["line"], o["spdx"]) for o in entry["options"]]
        en = "; ".join(f"{path}:{line} {spdx}" if spdx != "NOASSERTION" else
                       f"{path}:{line} a licence text civiscan cannot identify"
                       for line, spdx in offered)
        fr = " ; ".join(f"{path}:{line} {spdx}" if spdx != "NOASSERTION" else
                        f"{path}:{line} un texte de licence que civiscan ne sait pas identifier"
                        for line, spdx in offered)
        return _note(path, f"{where} offers a choice between licences ({en})",
                     f"{where} offre le choix entre plusieurs licences ({fr})")
    close = [c for c in entry.get("candidates", []) if c.get("score")]
    if close:
        best = close[0]
        return _note(path, f"{where} resembles {best['spdx']} ({_percent(best['score'])} of its "
                           "text) but differs from it",
                     f"{where} ressemble à la licence {best['spdx']} ({_percent_fr(best['score'])} "
                     "de son texte) mais en diffère")
    return _note(path, f"{where} matches no licence civiscan knows",
                 f"{where} ne correspond à aucune licence connue de civiscan")


def readme_where(readme: dict[str, t.Any]) -> tuple[str, str]:
    """Where the README states its licence: its licence section, or a statement outside any
    (:func:`scanner.licences.readme.statement`)."""
    if readme.get("statement"):
        return (f"{readme['path']}, line {readme.get('line')}",
                f"{readme['path']}, ligne {readme.get('line')}")
    return (f"{readme['path']}, section « {readme.get('heading')} » (line {readme.get('line')})",
            f"{readme['path']}, section « {readme.get('heading')} » (ligne {readme.get('line')})")


def readme_summary(readme: dict[str, t.Any] | None) -> tuple[str, str] | None:
    """What the README's licence section holds, for the finding that there is no licence file."""
    if readme is None:
        return None
    where, where_fr = readme_where(readme)
    spdx = readme["spdx"]
    if readme.get("modified"):
        return (f"{where}: a modified licence (« {readme['modified']} »)",
                f"{where_fr} : une licence modifiée (« {readme['modified']} »)")
    if readme.get("no_grant"):
        quote = readme["no_grant"]["quote"]
        return (f"{where}: no licence, « {quote} »",
                f"{where_fr} : aucune licence, « {quote} »")
    if readme["full_text"]:
        return (f"{where}: the full text of {spdx}", f"{where_fr} : le texte complet de {spdx}")
    if spdx != "NOASSERTION":
        return f"{where}: names {spdx}", f"{where_fr} : nomme {spdx}"
    if readme.get("references"):
        refs = ", ".join(readme["references"])
        return f"{where}: points to {refs}", f"{where_fr} : renvoie à {refs}"
    return (f"{where}: a licence text civiscan does not recognise",
            f"{where_fr} : un texte de licence que civiscan ne reconnaît pas")


def version_notes(ids: list[str], basis: str | None, files: list[dict[str, t.Any]],
                  declared: list[dict[str, t.Any]], readme: dict[str, t.Any] | None, *,
                  from_declarations: bool = False, sampled: int = 0,
                  sources: t.Sequence[dict[str, t.Any]] = (),
                  later: t.Sequence[Note] = ()) -> list[Note]:
    """Why the effective licence is not written as on data.gouv.fr's list: how each GNU
    version was read, deprecated ids declared, the MPL without its copyleft exception.
    ``later`` is every "or any later version" civiscan read (:func:`later_read`): each is
    said with the licence it is of, so an "or later" of another licence is never hidden behind
    "nothing says it" nor taken for this one's."""
    notes: list[Note] = []
    said: set[tuple[str, str]] = set()
    holders = [f["path"] for f in files if f["scope"] == "root"] or (
        [readme["path"]] if readme else [])
    where = ", ".join(holders)
    everywhere = [d for d in declared if d.get("scope") != "third-party"
                  and d.get("source") not in _API_SOURCES]
    if from_declarations:
        declared = [d for d in declared if d.get("scope") == "root"]
    for spdx_id in ids:
        base = family(spdx_id)
        if base not in GNU_FAMILIES or spdx_id.endswith("-or-later"):
            continue
        if basis == "text":
            # Only a sample of the source files is read: say what was read, not "nothing".
            read, read_fr = (
                (f"the licence files, README, package metadata and the heads of {sampled} sampled "
                 "source files", f"les fichiers de licence, le README, les métadonnées de paquets "
                 f"et le début de {sampled} fichiers sources échantillonnés") if sampled else
                ("the licence files, README and package metadata",
                 "les fichiers de licence, le README et les métadonnées de paquets"))
            if not later:
                notes.append(_note(where, f"{where} holds the {base} text alone, which by SPDX "
                                          f"convention reads as {spdx_id}; nothing civiscan read "
                                          f"({read}) says \"or any later version\"",
                                   f"{where} contient seulement le texte de la licence {base}, qui "
                                   f"se lit {spdx_id} par convention SPDX ; rien de ce que "
                                   f"civiscan a lu ({read_fr}) ne dit « ou toute version "
                                   "ultérieure »"))
                continue
            notes.append(_note(where, f"{where} holds the {base} text alone, which by SPDX "
                                      f"convention reads as {spdx_id}",
                               f"{where} contient seulement le texte de la licence {base}, qui "
                               f"se lit {spdx_id} par convention SPDX"))
            own = [x for x in later if x["family"] == base]
            if own:  # said of this licence, yet not taken as its version (outweighed)
                notes.append(_note(where, f"civiscan did not take the \"or any later version\" "
                                          f"it read as settling {base}'s version ({read})",
                                   f"civiscan n'a pas retenu le « ou toute version ultérieure » "
                                   f"qu'il a lu comme réglant la version de la licence {base} "
                                   f"({read_fr})"))
            else:
                notes.append(_note(where, f"nothing civiscan read ({read}) says \"or any later "
                                          f"version\" of {base}",
                                   f"rien de ce que civiscan a lu ({read_fr}) ne dit « ou toute "
                                   f"version ultérieure » de la licence {base}"))
            # Each "or later" read is said with the licence it is of (never hidden behind
            # "nothing says it", never taken for this one's).
            notes += [_note(x["path"], f"{x['en']} say{'s' if x.get('one') else ''} it of "
                                       f"{x['family']}" + ("" if x["family"] == base else
                                                          f", not of {base}"),
                            f"{x['fr']} le di{'t' if x.get('one') else 'sent'} de la licence "
                            f"{x['family']}" + ("" if x["family"] == base else
                                               f", pas de la licence {base}"))
                      for x in later[:_SHOWN]]
            if len(later) > _SHOWN:
                more = len(later) - _SHOWN
                notes.append(_note("", f"and {more} more", f"et {more} autre"
                                                            f"{'s' if more > 1 else ''}"))
        elif basis == "headers" and any(x.get("files") for x in sources):
            counted = next(x for x in sources if x.get("files"))
            notes.append(_note("", f"{counted['files']} of {counted['sampled']} sampled source "
                                   f"files carry the GNU notice of {base} without \"or any later "
                                   f"version\", so it reads as {spdx_id}",
                               f"{counted['files']} des {counted['sampled']} fichiers sources "
                               f"échantillonnés portent la notice GNU de la licence {base} sans "
                               f"« ou toute version ultérieure » : elle se lit {spdx_id}"))
        elif basis == "readme" and any(x.get("line") for x in sources):
            notice = next(x for x in sources if x.get("line"))
            at = f"{notice['path']}:{notice['line']}"
            notes.append(_note(at, f"the GNU notice in {at} grants {base} without \"or any later "
                                   f"version\", so it reads as {spdx_id}",
                               f"la notice GNU de {at} accorde la licence {base} sans « ou toute "
                               f"version ultérieure » : elle se lit {spdx_id}"))
        elif basis == "unstated":
            named = (_declaring(declared, base) if from_declarations else where) or where
            notes.append(_note(named, f"{named} names the {base} licence without saying \"only\" "
                                      "or \"or later\"",
                               f"{named} nomme la licence {base} sans préciser « only » ni « ou "
                               "ultérieure »"))
        elif basis == "deprecated":
            named = _declaring(declared, base) or where
            said |= {(d["path"], base) for d in declared if base in (d.get("deprecated") or ())}
            notes.append(_note(named, f"{named} declares the deprecated id {base}, which SPDX "
                                      f"reads as {base}-only",
                               f"{named} déclare l'identifiant déprécié {base}, que SPDX lit "
                               f"{base}-only"))
        else:
            named = _declaring(declared, base) or where
            notes.append(_note(named, f"{named} says {spdx_id}", f"{named} indique {spdx_id}"))
    deprecated = sorted({(d["path"], i) for d in everywhere for i in d.get("deprecated") or ()})
    for path, old in deprecated:
        if (path, old) in said:
            continue
        notes.append(_note(path, f"{path} declares the deprecated SPDX id {old}",
                           f"{path} déclare l'identifiant SPDX déprécié {old}"))
    if "MPL-2.0-no-copyleft-exception" in ids:
        notes.append(_note(where, f"{where} marks the code \"Incompatible With Secondary "
                                  "Licenses\" (MPL-2.0-no-copyleft-exception)",
                           f"{where} déclare le code « Incompatible With Secondary Licenses » "
                           "(MPL-2.0-no-copyleft-exception)"))
    return notes


def later_read(header_facts: t.Mapping[str, t.Any], readme_notices: t.Sequence[dict[str, t.Any]],
               readme_later: t.Sequence[dict[str, t.Any]],
               declared: t.Sequence[dict[str, t.Any]]) -> list[Note]:
    """Every "or any later version" civiscan read, with the GNU licence it is of (``family``)
    and who says it (``en``/``fr``, ``one`` when a single thing says it): the sampled headers'
    GNU notices and SPDX identifiers, the README's notices and plain statements, package
    metadata. A notice granting GPL v2 "or any later version" says nothing of the AGPL text
    beside it (Ville-Eurometropole-Strasbourg/delimitation-du-dpf: Plugin Builder headers,
    delimitation_dpf/__init__.py:17-19, beside an AGPL-3.0 LICENSE)."""
    found: list[Note] = []
    for notice in header_facts.get("notices") or ():
        expression = str(notice.get("expression") or "")
        if not expression.endswith("-or-later"):
            continue
        example, files = notice.get("example") or {}, int(notice.get("files") or 0)
        at = f"{example.get('path')}:{example.get('line')}" if example.get("path") else ""
        eg, eg_fr = (f" (e.g. {at})", f" (par ex. {at})") if at else ("", "")
        one = files == 1
        found.append({"family": family(expression), "path": str(example.get("path") or ""),
                      "one": "yes" if one else "",
                      "en": (f"the GNU notice in the head of 1 sampled source file{eg}" if one else
                             f"the GNU notices in the heads of {files} sampled source files{eg}"),
                      "fr": (f"la notice GNU en tête de 1 fichier source échantillonné{eg_fr}"
                             if one else f"les notices GNU en tête de {files} fichiers sources "
                                         f"échantillonnés{eg_fr}")})
    for entry in header_facts.get("expressions") or ():
        for spdx_id in ids_of(str(entry.get("expression") or "")):
            if spdx_id.endswith(("-or-later", "+")) and family(spdx_id) in GNU_FAMILIES:
                files, one = int(entry.get("files") or 0), int(entry.get("files") or 0) == 1
                found.append({"family": family(spdx_id), "path": "", "one": "yes" if one else "",
                              "en": (f"the SPDX identifier {entry['expression']} of 1 sampled "
                                     "source file" if one else f"the SPDX identifiers "
                                     f"{entry['expression']} of {files} sampled source files"),
                              "fr": (f"l'identifiant SPDX {entry['expression']} de 1 fichier "
                                     "source échantillonné" if one else f"les identifiants SPDX "
                                     f"{entry['expression']} de {files} fichiers sources "
                                     "échantillonnés")})
    for said in [*readme_notices, *readme_later]:
        if str(said.get("spdx") or "").endswith("-or-later"):
            at = f"{said['path']}:{said['line']}"
            found.append({"family": family(said["spdx"]), "path": str(said["path"]),
                          "one": "yes", "en": at, "fr": at})
    for entry in declared:
        if entry.get("scope") == "third-party" or entry.get("source") in _API_SOURCES:
            continue
        for spdx_id in entry.get("ids") or ():
            if spdx_id.endswith("-or-later") and family(spdx_id) in GNU_FAMILIES:
                found.append({"family": family(spdx_id), "path": str(entry["path"]), "one": "yes",
                              "en": f"{entry['path']} (\"{entry.get('expression')}\")",
                              "fr": f"{entry['path']} (« {entry.get('expression')} »)"})
    return found


#: Why a sub-folder's licence file was not read, in words (:func:`scanner.licences.paths.unread_nested`).
_NOT_READ = {
    "vendored": ("in third-party code or build output", "dans du code tiers ou des fichiers produits"),
    "deep": (f"more than {MAX_NESTED_DEPTH} folders down",
             f"à plus de {MAX_NESTED_DEPTH} niveaux de dossiers"),
    "limit": (f"past the first {MAX_NESTED} civiscan reads",
              f"au-delà des {MAX_NESTED} premiers que civiscan lit"),
}


def sub_folder_files(files: t.Sequence[dict[str, t.Any]], listing: t.Sequence[str]) -> list[Note]:
    """The sub-folders' licence files civiscan read (their paths), then those it did not read,
    grouped by why: what a finding lists as "licence files in sub-folders" is never "none"
    where civiscan did not look."""
    found = [_note(f["path"], f["path"], f["path"]) for f in files if f["scope"] != "root"]
    skipped: dict[str, list[str]] = {}
    for path, why in unread_nested(listing):
        skipped.setdefault(why, []).append(path)
    for why, held in skipped.items():
        shown = ", ".join(held[:_SHOWN])
        more = len(held) - _SHOWN
        en, fr = _NOT_READ[why]
        found.append(_note(held[0], f"not read, {en}: {shown}"
                                    + (f" and {more} more" if more > 0 else ""),
                           f"non lus, {fr} : {shown}"
                           + (f" et {more} autre{'s' if more > 1 else ''}" if more > 0 else "")))
    return found


def _declaring(declared: list[dict[str, t.Any]], base: str) -> str:
    """The declarations naming the GNU family ``base``: ``path ("as written")``."""
    named = [f"{d['path']} (\"{d['expression']}\")" for d in declared
             if any(family(i) == base for i in d.get("ids") or ()) and d.get("expression")]
    return ", ".join(dict.fromkeys(named))


def how(method: str, files: list[dict[str, t.Any]], readme: dict[str, t.Any] | None,
        declaration: dict[str, t.Any] | None, *, from_readme: t.Sequence[str] = (),
        scoped_readme: dict[str, t.Any] | None = None,
        versions: t.Sequence[dict[str, t.Any]] = (),
        declared: t.Sequence[dict[str, t.Any]] = ()) -> dict[str, str]:
    """Where the effective licence comes from, in words: a licence file is a text; a manifest's
    value alone ("declared only in package.json") is weaker, and the finding says so. Each part
    is credited to its own source: licences the README's licence section adds to the files'
    (``from_readme``, from ``scoped_readme``), a GNU "or any later version" read elsewhere."""
    said = _origin(method, files, readme, declaration)
    if from_readme and scoped_readme and method == "files":
        ids = ", ".join(from_readme)
        own = ", ".join(dict.fromkeys(i for f in files if f["scope"] == "root"
                                      for i in f["licences"]))
        also = _also_declared(from_readme, declared)
        said = {
            "en": f"{said['en']} for {own}; the licence section of {scoped_readme['path']} "
                  f"(line {scoped_readme['line']}) for {ids}"
                  + (f", also declared in {also}" if also else ""),
            "fr": f"{said['fr']} pour {own} ; la section licence de {scoped_readme['path']} "
                  f"(ligne {scoped_readme['line']}) pour {ids}"
                  + (f", aussi déclarée dans {also}" if also else ""),
        }
    for part in _version_origins(versions, declaration):
        said = {"en": f"{said['en']}; {part['en']}", "fr": f"{said['fr']} ; {part['fr']}"}
    return said


def _origin(method: str, files: list[dict[str, t.Any]], readme: dict[str, t.Any] | None,
            declaration: dict[str, t.Any] | None) -> dict[str, str]:
    held = [f["path"] for f in files if f["scope"] == "root"]
    roots = ", ".join(held)
    if method == "files" and roots:
        said = ({"en": f"licence file {roots}", "fr": f"fichier de licence {roots}"}
                if len(held) == 1 else
                {"en": f"licence files {roots}", "fr": f"fichiers de licence {roots}"})
        for entry in files:
            root = entry["scope"] == "root"
            offered = [f"{entry['path']}:{o['line']}" for o in entry.get("options") or ()]
            if root and " OR " in entry["spdx"] and offered:
                said["en"] += f", which offers them as a choice ({', '.join(offered)})"
                said["fr"] += f", qui les offre au choix ({', '.join(offered)})"
            if root and entry.get("others"):
                quoted = _quoted_others(entry)
                said["en"] += f"; {quoted['en']}"
                said["fr"] += f" ; {quoted['fr']}"
            for cut in (entry.get("exclusions") or ()) if root else ():
                said["en"] += (f"; with an exclusion stated in {entry['path']}:{cut['line']} "
                               f"(« {cut['quote']} »)")
                said["fr"] += (f" ; avec une exclusion énoncée en {entry['path']}:{cut['line']} "
                               f"(« {cut['quote']} »)")
            for gone in entry.get("absent_scopes") or ():
                where = ", ".join(gone["paths"])
                said["en"] += (f"; {entry['path']} gives {gone['spdx']} to {where}, absent from "
                               "the repository: left out")
                said["fr"] += (f" ; {entry['path']} donne la licence {gone['spdx']} à {where}, "
                               "absent du dépôt : écartée")
        aside = assets.note(files)
        if aside is not None:
            said = {"en": f"{said['en']}; {aside['en']}", "fr": f"{said['fr']} ; {aside['fr']}"}
        return said
    if method == "readme" and readme and readme.get("statement"):
        said = {"en": f"the licence statement of {readme['path']} (line {readme['line']}, "
                      f"« {readme['quote']} »), no licence file",
                "fr": f"la déclaration de licence de {readme['path']} (ligne {readme['line']}, "
                      f"« {readme['quote']} »), sans fichier de licence"}
        wanted = {family(i) for i in readme["licences"]}
        agree = [f["path"] for f in files if f["scope"] == "component"
                 and f["licences"] and {family(i) for i in f["licences"]} <= wanted]
        if agree:
            said["en"] += f"; sub-folder licence texts agree: {', '.join(agree[:4])}"
            said["fr"] += (f" ; des textes de licence de sous-dossiers concordent : "
                           f"{', '.join(agree[:4])}")
        return said
    if method == "readme" and readme:
        return {"en": f"the licence section of {readme['path']} (line {readme['line']}), no "
                      "licence file",
                "fr": f"la section licence de {readme['path']} (ligne {readme['line']}), sans "
                      "fichier de licence"}
    if declaration is not None:
        where = f"{declaration['path']} ({declaration.get('field') or declaration['source']})"
        return {"en": f"declared only in {where}, no licence text",
                "fr": f"déclarée seulement dans {where}, sans texte de licence"}
    if method == "headers":
        return {"en": "the SPDX headers of the source files, no licence file",
                "fr": "les en-têtes SPDX des fichiers sources, sans fichier de licence"}
    return {"en": method, "fr": method}


def _quoted_others(entry: dict[str, t.Any]) -> dict[str, str]:
    """The licences a licence file quotes for code it includes, after its own grant: others'."""
    path = entry["path"]
    parts = [(f"{path}:{o['line']}", o["spdx"]) for o in entry["others"]]
    en = ", ".join(f"{where} ({spdx if spdx != 'NOASSERTION' else 'a licence not identified'})"
                   for where, spdx in parts)
    fr = ", ".join(f"{where} ({spdx if spdx != 'NOASSERTION' else 'une licence non identifiée'})"
                   for where, spdx in parts)
    return {"en": f"after its grant, {path} quotes the licences of third-party code it includes, "
                  f"not the repository's: {en}",
            "fr": f"après sa déclaration, {path} cite les licences de code tiers qu'il inclut, "
                  f"pas celle du dépôt : {fr}"}


def _also_declared(ids: t.Sequence[str], declared: t.Sequence[dict[str, t.Any]]) -> str:
    """The repository's own manifests that declare one of ``ids`` too."""
    wanted = {family(i) for i in ids}
    return ", ".join(dict.fromkeys(
        d["path"] for d in declared if d.get("scope") != "third-party"
        and d.get("source") not in _API_SOURCES
        and any(family(i) in wanted for i in d.get("ids") or ())))


def _version_origins(versions: t.Sequence[dict[str, t.Any]],
                     declaration: dict[str, t.Any] | None) -> list[Note]:
    """Where a GNU "-only"/"-or-later" was read, when not in the source already named."""
    parts: list[Note] = []
    for source in versions:
        says = source.get("says")
        if declaration is not None and source.get("path") == declaration.get("path"):
            continue
        clause, clause_fr = (("\"or any later version\"", "« ou toute version ultérieure »")
                             if says == "or-later" else ("\"only\"", "« only »"))
        if source.get("source") == "headers" and source.get("files"):
            files, sampled = source["files"], source.get("sampled")
            part = _note("", f"{clause} from the GNU notice of {files} of {sampled} sampled "
                             "source files",
                         f"{clause_fr} d'après la notice GNU de {files} des {sampled} fichiers "
                         "sources échantillonnés")
        elif source.get("source") == "headers":
            part = _note("", f"{clause} from the SPDX headers of sampled source files",
                         f"{clause_fr} d'après les en-têtes SPDX de fichiers sources "
                         "échantillonnés")
        elif source.get("source") == "readme" and source.get("kind") == "statement":
            where = f"{source['path']}:{source['line']}"
            part = _note(where, f"{clause} from the licence statement in {where}",
                         f"{clause_fr} d'après la mention de licence de {where}")
        elif source.get("source") == "readme" and source.get("line"):
            where = f"{source['path']}:{source['line']}"
            part = _note(where, f"{clause} from the GNU notice in {where}",
                         f"{clause_fr} d'après la notice GNU de {where}")
        else:  # declarations saying the same are named together
            path = str(source.get("path") or source.get("source"))
            same = next((p for p in parts if p["path"] and p["en"].startswith(f"{clause} from ")),
                        None)
            if same is not None:
                if path not in same["path"].split(", "):
                    same["path"] += f", {path}"
                    same["en"] += f", {path}"
                    same["fr"] += f", {path}"
                continue
            part = _note(path, f"{clause} from {path}", f"{clause_fr} d'après {path}")
        if part not in parts:
            parts.append(part)
    return parts


def nothing_compared(identified: bool, declared: t.Sequence[dict[str, t.Any]],
                     method: str = "none", source: dict[str, t.Any] | None = None
                     ) -> dict[str, str]:
    """Why licence-declarations-consistent has nothing to compare, naming what was set aside
    (``source``: the declaration the repository's licence was taken from, the only one)."""
    if not identified and method == "no-grant":
        return {"en": "the repository grants no licence (see licence-recognised)",
                "fr": "le dépôt n'accorde aucune licence (voir licence-recognised)"}
    if not identified:
        return {"en": "the repository's licence is not identified (see licence-recognised)",
                "fr": "la licence du dépôt n'est pas identifiée (voir licence-recognised)"}
    if source is not None:
        where = f"{source['path']} ({source.get('field') or source['source']})"
        return {"en": f"the repository's licence is taken from the only declaration, {where}, "
                      "which cannot disagree with itself",
                "fr": f"la licence du dépôt est tirée de la seule déclaration, {where}, qui ne "
                      "peut se contredire elle-même"}
    unknown = [d for d in declared if d.get("expression") and not d.get("ids")
               and d.get("scope") != "third-party" and d.get("source") not in _COMPARED_ELSEWHERE]
    if unknown:
        said = ", ".join(f"{d['path']} (\"{d['expression']}\")" for d in unknown[:2])
        en = f"no package metadata of the repository declares a licence civiscan can identify ({said})"
        fr = (f"aucune métadonnée de paquet du dépôt ne déclare de licence que civiscan sache "
              f"identifier ({said})")
    else:
        en = "no package metadata of the repository declares a licence"
        fr = "aucune métadonnée de paquet du dépôt ne déclare de licence"
    every = [d for d in declared if d.get("set_aside") and d.get("expression")]
    aside = every[:2]  # a message value holds 300 characters
    parts_en, parts_fr = [], []
    for entry in aside:
        said = f"{entry['path']} (\"{entry['expression']}\")"
        if entry["set_aside"] == "npm-installed":
            parts_en.append(f"{said}, a package npm installed")
            parts_fr.append(f"{said}, un paquet installé par npm")
        else:
            parts_en.append(f"{said}, which names another project's repository, "
                            f"{entry.get('repository')}")
            parts_fr.append(f"{said}, qui nomme le dépôt d'un autre projet, "
                            f"{entry.get('repository')}")
    if len(every) > len(aside):
        parts_en.append(others(len(every) - len(aside), "en"))
        parts_fr.append(others(len(every) - len(aside), "fr"))
    if parts_en:
        en += "; set aside as third-party code: " + "; ".join(parts_en)
        fr += " ; écarté comme code tiers : " + " ; ".join(parts_fr)
    return {"en": en, "fr": fr}


def api_only(method: str, api_declared: list[dict[str, t.Any]],
             header_facts: dict[str, t.Any] | None = None,
             sub_packages_note: Note | None = None) -> list[Note]:
    """The repository as a whole names no licence, and an API description's ``info.license``
    does: the licence of that description (and of the data the API serves), which does not
    license the repository. Whatever else civiscan read that names a licence for a part of it
    is said too, never hidden behind an "only": the standard notices heading sampled source
    files (ansforge/psc-secpsc-api: the Apache-2.0 notice in 2 of 12), the metadata of
    sub-packages (sigrennesmetropole/geor_signalement: two package.json "Apache V2")."""
    if method != "api-description-only":
        return []
    naming = [d for d in api_declared if d.get("expression")]
    every = list(dict.fromkeys(
        f"{d['path']} ({d.get('field') or 'info.license'}: \"{d['expression']}\")"
        for d in naming))
    shown = every[:1]  # a message value holds 300 characters: the point comes first
    more_en = f" and {len(every) - len(shown)} more" if len(every) > len(shown) else ""
    more_fr = f" et {others(len(every) - len(shown), 'fr')}" if len(every) > len(shown) else ""
    besides = _header_notices(header_facts or {})
    if sub_packages_note is not None:
        besides.append(_note("", "sub-packages' metadata declare licences, each for its own "
                                 f"package only: {sub_packages_note['en']}",
                             "des métadonnées de sous-paquets déclarent des licences, chacune "
                             f"pour son seul paquet : {sub_packages_note['fr']}"))
    only_en, only_fr = ("", "") if besides else ("only ", "seule ")
    return [_note(naming[0]["path"] if naming else "",
                  "the repository as a whole states no licence (no licence file, README licence "
                  "section, root package licence or SPDX header); "
                  + only_en
                  + ("API descriptions name one" if len(every) > 1 else "an API description names one")
                  + ", that of the description, not of the repository: "
                  f"{', '.join(shown)}{more_en}",
                  "le dépôt entier n'indique aucune licence (ni fichier de licence, "
                  "section du README, licence du paquet racine ou en-tête SPDX) ; "
                  + (("seules " if only_fr else "") + "des descriptions d'API en nomment une"
                     if len(every) > 1 else only_fr + "une description d'API en nomme une")
                  + ", celle de la description, pas du dépôt : "
                  f"{', '.join(shown)}{more_fr}"),
            *besides]


def frictionless_data(entry: dict[str, t.Any]) -> Note:
    """A Frictionless descriptor names a licence for public information (etalab-2.0, ODbL)
    beside another licence of the repository: that of the schema or data it describes."""
    said = f"{entry['path']} ({entry['expression']})"
    return _note(entry["path"], f"{said}, a Frictionless descriptor, gives the schema or data it "
                                "describes their own licence",
                 f"{said}, un descripteur Frictionless, donne sa propre licence au schéma ou aux "
                 "données qu'il décrit")


def reserved_headers(method: str, header_facts: dict[str, t.Any]) -> list[Note]:
    """Nothing names a licence, and most sampled source files' headers reserve all rights
    (ansforge/esignsante-ws: "(c) Copyright 1998-2023, ANS. All rights reserved." on each Java
    file): the count and the first file, line and words, for a person to confirm."""
    found = header_facts.get("reserved") or {}
    if method != "reserved-headers" or not found:
        return []
    example = found["example"]
    where = f"{example['path']}:{example['line']}"
    sampled = header_facts.get("sampled") or 0
    files = int(found["files"])
    # Two notes: each message value holds 300 characters, and the example path is long.
    return [_note(str(example["path"]),
                  f"{files} of {sampled} sampled source files have a header that reserves the "
                  f"rights and names no licence, for example {where}: « {example['quote']} »",
                  f"{files} des {sampled} fichiers sources échantillonnés ont un en-tête qui "
                  f"réserve les droits sans nommer de licence, par exemple {where} : "
                  f"« {example['quote']} »"),
            _note("", "nothing else names a licence (no licence file, README licence section, "
                      "root package licence or SPDX header): the code reads as proprietary; "
                      "check whether it is meant to be under an open licence",
                  "rien d'autre ne nomme de licence (ni fichier de licence, ni section du "
                  "README, ni licence du paquet racine, ni en-tête SPDX) : le code se présente "
                  "comme propriétaire ; vérifiez s'il doit être sous licence libre")]


def _header_notices(header_facts: dict[str, t.Any]) -> list[Note]:
    """The standard licence notices of the sampled source files, each licence with its count
    and the first file holding it (path:line): each licenses its own file."""
    sampled = header_facts.get("sampled") or 0
    notes = []
    for notice in (header_facts.get("notices") or ())[:2]:
        example = notice.get("example") or {}
        where = (f"{example['path']}:{example['line']}" if example.get("path") else "")
        files = int(notice.get("files") or 0)
        notes.append(_note(str(example.get("path") or ""),
                           f"{files} of {sampled} sampled source files carry the "
                           f"{notice['expression']} licence notice"
                           + (f" (for example {where})" if where else "")
                           + ", each for its own file",
                           f"{files} des {sampled} fichiers sources échantillonnés portent la "
                           f"mention de licence {notice['expression']}"
                           + (f" (par exemple {where})" if where else "")
                           + ", chacune pour son propre fichier"))
    return notes


def tool_default(declaration: dict[str, t.Any] | None) -> list[Note]:
    """The licence is known only from a manifest value its package manager writes by default
    (``"license": "ISC"`` from ``npm init``): no sign that anyone chose it."""
    if declaration is None or not declaration.get("tool_default"):
        return []
    path, value = declaration["path"], declaration["expression"]
    tool = declaration["tool_default"]
    return [_note(path, f"the only licence is {path}'s \"license\": \"{value}\", the value "
                        f"`{tool} init` writes by default, and there is no licence text (no "
                        "licence file, no licence section in the README): nothing shows the "
                        "licence was chosen",
                  f"la seule licence est le « license »: « {value} » de {path}, la valeur que "
                  f"`{tool} init` écrit par défaut, et il n'y a aucun texte de licence (ni "
                  "fichier de licence, ni section licence dans le README) : rien ne montre que "
                  "cette licence a été choisie")]


def no_grant(method: str, declaration: dict[str, t.Any] | None,
             readme: dict[str, t.Any] | None = None) -> list[Note]:
    """The root metadata declares that no licence is granted (npm's ``"UNLICENSED"``, composer's
    ``"proprietary"``), or the README's licence section says so ("Projet interne"), and the
    repository has no licence text of its own."""
    if method != "no-grant":
        return []
    refused = (readme or {}).get("no_grant")
    if declaration is None and readme is not None and refused:
        path, line, quote = readme["path"], refused["line"], refused["quote"]
        return [_note(path, f"the licence section of {path} (« {readme['heading']} », line "
                            f"{readme['line']}) names no licence and says "
                            f"« {quote} » ({path}:{line}), which grants none, and the "
                            "repository has no licence file",
                      f"la section licence de {path} (« {readme['heading']} », ligne "
                      f"{readme['line']}) ne nomme aucune licence et indique « {quote} » "
                      f"({path}:{line}), ce qui n'en accorde aucune, et le dépôt n'a pas de "
                      "fichier de licence")]
    if declaration is None:
        return []
    path, value = declaration["path"], declaration["expression"]
    field = declaration.get("field") or "license"
    return [_note(path, f"{path} declares \"{field}\": \"{value}\", which grants no licence "
                        "(all rights reserved), and the repository has no licence file or "
                        "licence section in its README",
                  f"{path} déclare « {field} » : « {value} », qui n'accorde aucune licence "
                  "(tous droits réservés), et le dépôt n'a ni fichier de licence ni section "
                  "licence dans son README")]


def sub_packages(declared: t.Sequence[dict[str, t.Any]]) -> Note | None:
    """The licences sub-packages' metadata declare, each for its own package (cdtn-admin:
    targets/*/package.json MIT, shared/*/package.json Apache-2.0), grouped by licence; ``None``
    when none declares one. Said where the repository as a whole has no licence."""
    groups: dict[str, list[str]] = {}
    labels: dict[str, tuple[str, str]] = {}
    for entry in declared:
        written = entry.get("expression")
        if (entry.get("scope") != "component" or not written
                or entry.get("source") in _COMPARED_ELSEWHERE):
            continue
        if entry.get("kind") == "proprietary":
            key = str(written)
            labels[key] = (f"{written}, which grants no licence",
                           f"{written}, qui n'accorde aucune licence")
        elif entry.get("ids"):
            key = str(entry.get("normalised") or written)
            labels[key] = (key, key)
        else:
            key = f"\"{written}\""
            labels[key] = (f"{key}, not an identified licence",
                           f"{key}, pas une licence identifiée")
        groups.setdefault(key, []).append(str(entry["path"]))
    if not groups:
        return None
    parts_en, parts_fr = [], []
    for key, held in list(groups.items())[:3]:  # a message value holds 300 characters
        shown = ", ".join(held[:2])
        more_en = f" and {len(held) - 2} more" if len(held) > 2 else ""
        more_fr = f" et {others(len(held) - 2, 'fr')}" if len(held) > 2 else ""
        parts_en.append(f"{labels[key][0]} ({shown}{more_en})")
        parts_fr.append(f"{labels[key][1]} ({shown}{more_fr})")
    if len(groups) > 3:
        parts_en.append(others(len(groups) - 3, "en", ("licence", "licences")))
        parts_fr.append(others(len(groups) - 3, "fr", ("licence", "licences")))
    return {"en": "; ".join(parts_en), "fr": " ; ".join(parts_fr)}


def partly(entry: dict[str, t.Any], effective: t.Sequence[str],
           scopes: t.Sequence[dict[str, t.Any]], readme_path: str | None,
           ) -> tuple[str, Note] | None:
    """How a package declaration that does not contradict a licence of several parts relates to
    it: ``("content-only", note)`` when it names only licences the README gives to the content
    while the README gives the code another (DISIC accessibilite.numerique.gouv.fr:
    package.json "Licence Ouverte Etalab v2.0", README code MIT, contents Licence Ouverte 2.0);
    ``("part", note)`` when it names only some of them, or more; ``None`` when it names them
    all."""
    named = list(dict.fromkeys(family(i) for i in entry.get("ids") or ()))
    wanted = list(dict.fromkeys(family(i) for i in effective))
    missing = [i for i in wanted if i not in named]
    extra = [i for i in named if i not in wanted]
    if not missing and not extra:
        return None
    said = f"{entry['path']} (\"{entry['expression']}\")"
    content = {family(str(s["spdx"])) for s in scopes if s.get("scope") == "content"}
    code = list(dict.fromkeys(family(str(s["spdx"])) for s in scopes if s.get("scope") == "code"))
    if not extra and code and set(named) <= content - set(code):
        where = readme_path or "the README"
        return "content-only", _note(
            entry["path"],
            f"{said} names only {', '.join(named)}, the licence {where} gives to the content; "
            f"{where} gives the code {', '.join(code)}",
            f"{said} ne nomme que {', '.join(named)}, la licence que {where} donne aux contenus ; "
            f"{where} place le code sous {', '.join(code)}")
    en, fr = [], []
    if missing:
        en.append(f"does not name {' or '.join(missing)}")
        fr.append(f"ne nomme pas {missing[0]}" if len(missing) == 1
                  else "ne nomme " + " ".join(f"ni {i}" for i in missing))
    if extra:
        en.append(f"also names {' and '.join(extra)}")
        fr.append(f"nomme aussi {' et '.join(extra)}")
    return "part", _note(entry["path"], f"{said} {' and '.join(en)}",
                         f"{said} {' et '.join(fr)}")


def named_elsewhere(entry: dict[str, t.Any]) -> Note | None:
    """A private sub-package declaring another licence whose ``repository`` names another
    repository, where no home of the project is known to tell a copy from the project's own
    package (proconnect-espace-partenaires packages/email/package.json: MIT, repository
    numerique-gouv/moncomptepro, "private": true): a person decides."""
    other = entry.get("elsewhere")
    if not other:
        return None
    said = f"{entry['path']} (\"{entry['expression']}\")"
    said_fr = f"{entry['path']} (« {entry['expression']} »)"
    return _note(entry["path"],
                 f"{said} is private (npm will not publish it) and names {other} in its "
                 "\"repository\" field: a copy of that repository's package keeps its own "
                 "licence",
                 f"{said_fr} est privé (npm ne le publiera pas) et indique {other} dans son "
                 "champ « repository » : une copie du paquet de ce dépôt garde sa propre "
                 "licence")


def licence_text_declared(entry: dict[str, t.Any], conflicts: t.Sequence[dict[str, t.Any]],
                          ids: t.Sequence[str], files: t.Sequence[dict[str, t.Any]],
                          ) -> Note | None:
    """A declaration naming the licence whose text a root licence file holds, where a licence
    notice states another and was taken as the grant (IGNF/espace-collaboratif-qgis-plugin:
    metadata.txt "GNU AGPL v3", LICENSE the AGPL text, LICENSE.md CeCILL-B): the repository
    states two licences, and a person decides which the package's metadata should name."""
    named = {family(i) for i in entry.get("ids") or ()}
    held = [c for c in conflicts if {family(str(c["spdx"]))} == named]
    if not held or not ids:
        return None
    notices = [f["path"] for f in files if f["scope"] == "root" and f.get("method") == "notice"]
    where = ", ".join(notices) or "a licence notice"
    where_fr = ", ".join(notices) or "une notice de licence"
    paths = ", ".join(str(c["path"]) for c in held)
    said = " AND ".join(ids)
    licence = next(iter(named))
    return _note(entry["path"],
                 f"{entry['path']} (\"{entry['expression']}\") names {licence}, whose text "
                 f"{paths} holds, while {where} states {said}",
                 f"{entry['path']} (« {entry['expression']} ») nomme {licence}, dont {paths} "
                 f"contient le texte, alors que {where_fr} indique {said}")
