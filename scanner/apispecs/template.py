"""Descriptions that are templates: the software fills them in before it serves them.

openfisca/openfisca-core commits ``openfisca_web_api/openAPI.yml`` with ``info.title:
"{COUNTRY_PACKAGE_NAME} Web API"`` and ``info.version: "{COUNTRY_PACKAGE_VERSION}"``;
``loader/spec.py`` replaces the placeholders and adds the schemas its paths refer to
(``SituationInput``...) for each country package. The committed file is not what reusers get,
so its errors as committed say nothing certain about the published description. A placeholder
in ``info.title`` or ``info.version`` says so: those fields never hold one in a description
served as committed (``{id}`` placeholders of paths and server variables are elsewhere).
"""

from __future__ import annotations

import re
import typing as t

#: ``{COUNTRY_PACKAGE_NAME}`` (upper-case, as Python's ``str.format``/``replace`` templates
#: write them), ``{{ version }}`` (Jinja, Mustache, Helm), ``${API_VERSION}`` (envsubst, shell),
#: ``<%= version %>`` (ERB, EJS) and ``__VERSION__`` (build-time replacement). Bounded.
_PLACEHOLDER = re.compile(r"\{[A-Z][A-Z0-9_]{1,60}\}|\{\{[^{}\n]{1,100}\}\}|\$\{[^{}\s]{1,100}\}"
                          r"|<%[^%\n]{1,100}%>|__[A-Z][A-Z0-9_]{1,60}__")
FIELDS = ("title", "version")


def placeholder(document: t.Any) -> tuple[str, str] | None:
    """``(field, placeholder)``, e.g. ``("info.title", "{COUNTRY_PACKAGE_NAME}")``, when the
    description's ``info`` holds a template placeholder; ``None`` otherwise."""
    info = document.get("info") if isinstance(document, dict) else None
    if not isinstance(info, dict):
        return None
    for name in FIELDS:
        value = info.get(name)
        match = _PLACEHOLDER.search(value[:1000]) if isinstance(value, str) else None
        if match:
            return f"info.{name}", match.group(0)
    return None
