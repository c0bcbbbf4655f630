"""Root licence files about bundled assets (fonts, icons, images), not about the code.

A repository may ship, beside its code's licence, the licence of fonts or icons it bundles
(betagouv/zam: LICENSE is the AGPL v3 "pour le code", LICENSE_FONTS is Adobe's SIL Open Font
Licence for the webfonts under repondeur/zam_repondeur/static/webfonts/, README.md:14-15). That
file is the assets' licence, not a licence of the repository's code: ANDed into the repository's
licence it would fail the decree's list on a font licence. A root licence file is taken for an
assets' licence when its name says so (``LICENSE_FONTS``, ``LICENSE-icons.txt``), when its licence
only ever covers fonts (the SIL Open Font Licence, whose text licenses "Font Software"), or when
the README's licence section gives its licence to fonts, icons or logos only
(:func:`scanner.licences.readme.scopes`, scope ``assets``). Only beside another root licence
file civiscan identified, which then is the code's: a repository whose only licence file is about
fonts keeps it (a person reads what it covers).
"""

from __future__ import annotations

import re
import typing as t

from scanner.licences.expressions import family

#: What comes after the licence word of a file name that scopes it to assets ("LICENSE_FONTS",
#: "LICENCE-icones.md", "LICENSE.images").
_NAME = re.compile(r"^(?:licen[cs]es?|copying)[-_.](?:[\w-]*[-_])?(?:fonts?|polices?|typefaces?"
                   r"|icons?|ic[oô]nes?|logos?|images?|img|pictures?|artwork|assets?|medias?)"
                   r"(?:[-_.][^/]*)?$", re.IGNORECASE)
#: Licences that only ever cover fonts.
FONT_LICENCES = frozenset({"OFL-1.0", "OFL-1.1", "OFL-1.0-RFN", "OFL-1.1-RFN", "OFL-1.0-no-RFN",
                           "OFL-1.1-no-RFN"})


def why(entry: dict[str, t.Any], readme: dict[str, t.Any] | None) -> dict[str, str] | None:
    """Why the root licence file ``entry`` is about bundled assets (``{"en", "fr"}``), or
    ``None`` when it may be the code's."""
    name = entry["path"].rsplit("/", 1)[-1]
    ids = [i for i in entry.get("licences") or () if i != "NOASSERTION"]
    if not ids:
        return None
    told = [s for s in (readme or {}).get("scopes") or () if family(s["spdx"]) in
            {family(i) for i in ids}]
    if told and all(s["scope"] == "assets" for s in told):
        path = (readme or {}).get("path", "README")
        return {"en": f"{path} says « {told[0]['quote']} »",
                "fr": f"{path} indique « {told[0]['quote']} »"}
    if told:
        return None  # the README gives it to the code or the content too
    if _NAME.match(name):
        return {"en": "its name says so", "fr": "son nom l'indique"}
    if all(i in FONT_LICENCES for i in ids):
        return {"en": "a licence for fonts only", "fr": "une licence propre aux polices"}
    return None


def set_aside(files: list[dict[str, t.Any]], readme: dict[str, t.Any] | None) -> None:
    """Mark root licence files about bundled assets (scope ``assets``, with ``assets_why``) when
    another root licence file civiscan identified remains for the code."""
    root = [f for f in files if f["scope"] == "root"]
    marked = {id(f): why(f, readme) for f in root}
    code = [f for f in root if marked[id(f)] is None
            and any(i != "NOASSERTION" for i in f.get("licences") or ())]
    if not code:
        return
    for entry in root:
        reason = marked[id(entry)]
        if reason is not None:
            entry["scope"] = "assets"
            entry["assets_why"] = reason


def note(files: list[dict[str, t.Any]]) -> dict[str, str] | None:
    """The assets' licence files in words, for the finding that names the code's licence."""
    held = [f for f in files if f["scope"] == "assets"]
    if not held:
        return None
    en = "; ".join(f"{f['path']} holds {f['spdx']}, the licence of assets the repository bundles "
                   f"({f['assets_why']['en']}), not its code's: left out" for f in held)
    fr = " ; ".join(f"{f['path']} contient {f['spdx']}, la licence de ressources que le dépôt "
                   f"embarque ({f['assets_why']['fr']}), pas celle de son code : écartée"
                   for f in held)
    return {"en": en, "fr": fr}
