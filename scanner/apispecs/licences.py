"""The SPDX expression behind an API description's ``info.license``, when it can be told.

OpenAPI 3.1 has ``identifier`` (an SPDX expression); older versions only a ``name`` and a
``url`` (or the ``x-oai-license-identifier`` extension). Names are free text, so only
unambiguous spellings and well-known licence URLs are mapped; anything else stays ``None`` and
rules ask a person to look.
"""

from __future__ import annotations

import re
import typing as t

from license_expression import ExpressionError, get_spdx_licensing

_LICENSING = get_spdx_licensing()
#: Longest identifier, name or URL mapped to SPDX.
MAX_TEXT = 300

#: Normalised free-text names (lower case, runs of non-alphanumerics as one space).
_NAMES = {
    "mit": "MIT", "mit license": "MIT", "the mit license": "MIT", "licence mit": "MIT",
    "apache 2": "Apache-2.0", "apache 2 0": "Apache-2.0", "apache license 2 0": "Apache-2.0",
    "apache license version 2 0": "Apache-2.0", "apache v2": "Apache-2.0",
    "apache software license 2 0": "Apache-2.0",
    # A GNU version without "or later" means "only", as the deprecated SPDX ids did.
    "agpl v3": "AGPL-3.0-only", "agpl 3": "AGPL-3.0-only", "agpl 3 0": "AGPL-3.0-only",
    "agplv3": "AGPL-3.0-only", "gnu affero general public license v3 0": "AGPL-3.0-only",
    "agpl 3 0 or later": "AGPL-3.0-or-later", "agpl v3 or later": "AGPL-3.0-or-later",
    "gpl v3": "GPL-3.0-only", "gpl 3 0": "GPL-3.0-only", "gplv3": "GPL-3.0-only",
    "gpl 3 0 or later": "GPL-3.0-or-later",
    "eupl 1 2": "EUPL-1.2", "eupl v1 2": "EUPL-1.2",
    "european union public licence 1 2": "EUPL-1.2",
    "cecill 2 1": "CECILL-2.1", "cecill v2 1": "CECILL-2.1", "cecill b": "CECILL-B",
    "cecill c": "CECILL-C", "mpl 2 0": "MPL-2.0", "mozilla public license 2 0": "MPL-2.0",
    "bsd 3 clause": "BSD-3-Clause", "bsd 2 clause": "BSD-2-Clause", "epl 2 0": "EPL-2.0",
    "licence ouverte": "etalab-2.0", "licence ouverte 2 0": "etalab-2.0",
    "licence ouverte v2 0": "etalab-2.0", "licence ouverte open licence": "etalab-2.0",
    "licence ouverte open licence 2 0": "etalab-2.0", "open licence 2 0": "etalab-2.0",
    "licence ouverte open licence version 2 0": "etalab-2.0", "etalab 2 0": "etalab-2.0",
    "etalab open license 2 0": "etalab-2.0", "odbl": "ODbL-1.0", "odbl 1 0": "ODbL-1.0",
    "open database license": "ODbL-1.0", "open database license odbl": "ODbL-1.0",
}
#: Well-known licence URLs (scheme, "www." and trailing slash stripped; lower case).
_URLS = (
    (re.compile(r"^opensource\.org/licen[cs]es/mit(?:-license)?(?:\.php|\.html)?$"), "MIT"),
    (re.compile(r"^(?:apache\.org|www\.apache\.org)/licenses/license-2\.0(?:\.html|\.txt)?$"),
     "Apache-2.0"),
    (re.compile(r"^gnu\.org/licenses/agpl(?:-3\.0)?(?:\.html|\.txt|\.en\.html)?$"),
     "AGPL-3.0-or-later"),
    (re.compile(r"^gnu\.org/licenses/gpl(?:-3\.0)?(?:\.html|\.txt|\.en\.html)?$"),
     "GPL-3.0-or-later"),
    (re.compile(r"^(?:etalab\.gouv\.fr/licence-ouverte-open-licence|"
                r"etalab\.gouv\.fr/wp-content/uploads/2017/04/etalab-licence-ouverte-v2\.0\.pdf|"
                r"github\.com/etalab/licence-ouverte/blob/master/lo\.md)$"), "etalab-2.0"),
    (re.compile(r"^opendatacommons\.org/licenses/odbl(?:/1-0|/1\.0)?$"), "ODbL-1.0"),
    (re.compile(r"^joinup\.ec\.europa\.eu/(?:collection/eupl/)?.*eupl.*1\.?2"), "EUPL-1.2"),
    (re.compile(r"^(?:cecill\.info/licences/licence_cecill_v2\.1-(?:en|fr)\.html)$"), "CECILL-2.1"),
    (re.compile(r"^mozilla\.org/(?:en-us/)?mpl/2\.0$"), "MPL-2.0"),
    (re.compile(r"^spdx\.org/licenses/([a-z0-9.+-]+?)(?:\.html)?$"), "$1"),
)


def spdx_of(value: str) -> str | None:
    """A valid SPDX expression as written, normalised to the list's casing, or ``None``."""
    try:
        parsed = _LICENSING.parse(value, validate=True, strict=True)
    except (ExpressionError, ValueError, TypeError):
        return None
    return None if parsed is None else str(parsed)


def licence_of(licence: t.Any) -> dict[str, t.Any] | None:
    """The facts of a License Object: what it says, and ``spdx`` with where that came from."""
    if not isinstance(licence, dict):
        return None
    name = licence.get("name") if isinstance(licence.get("name"), str) else None
    url = licence.get("url") if isinstance(licence.get("url"), str) else None
    identifier = licence.get("identifier")
    if not isinstance(identifier, str):
        identifier = licence.get("x-oai-license-identifier")
    identifier = identifier if isinstance(identifier, str) else None
    spdx, source = None, None
    # Identifiers, names and URLs of licences are short: longer text is kept as written but
    # never mapped, so no parser or regex runs over a hostile megabyte.
    if identifier and len(identifier) <= MAX_TEXT:
        spdx, source = spdx_of(identifier), "identifier"
    if spdx is None and name and len(name) <= MAX_TEXT:
        key = " ".join(re.sub(r"[^a-z0-9]+", " ", name.lower()).split())
        spdx, source = _NAMES.get(key) or spdx_of(name.strip()), "name"
    if spdx is None and url and len(url) <= MAX_TEXT:
        spdx, source = _from_url(url), "url"
    return {"name": _short(name), "identifier": _short(identifier), "url": _short(url),
            "spdx": spdx, "spdx_from": source if spdx else None}


def _short(text: str | None) -> str | None:
    return text if text is None or len(text) <= MAX_TEXT else text[:MAX_TEXT] + "…"


def _from_url(url: str) -> str | None:
    bare = re.sub(r"^[a-z]+://(?:www\.)?", "", url.strip().lower()).rstrip("/")
    for pattern, spdx in _URLS:
        match = pattern.match(bare)
        if match:
            if spdx == "$1":
                return spdx_of(match.group(1))
            return spdx
    return None
