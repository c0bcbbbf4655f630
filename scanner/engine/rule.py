"""A loaded rule: its data as written, and its compiled validators."""

from __future__ import annotations

import typing as t
from dataclasses import dataclass, field

import jsonschema
from referencing import Registry

Texts = dict[str, str]
LANGUAGES = ("en", "fr")


@dataclass(frozen=True)
class Outcome:
    """One way a check can end: its status (``review`` or ``fail`` for a failing check, ``pass``
    for a passing one) and message, chosen when ``when`` matches the facts."""

    status: str
    when: jsonschema.protocols.Validator = field(repr=False)
    message: Texts


@dataclass(frozen=True)
class Rule:
    """One rule file, validated. ``data`` is kept verbatim for ``rules show`` and the digest."""

    id: str
    category: str
    severity: str
    weight: int
    lifecycle: str
    effort: str
    data: dict[str, t.Any]
    source: str
    #: ``repository`` (judged on each repository's facts) or ``startup`` (on each startup's).
    scope: str = "repository"
    when: jsonschema.protocols.Validator | None = field(repr=False, default=None)
    check: jsonschema.protocols.Validator | None = field(repr=False, default=None)
    review: jsonschema.protocols.Validator | None = field(repr=False, default=None)
    outcomes: tuple[Outcome, ...] = ()

    @classmethod
    def from_data(cls, data: dict[str, t.Any], *, source: str, registry: Registry) -> Rule:
        def compile_(key: str) -> jsonschema.protocols.Validator | None:
            if key not in data:
                return None
            return jsonschema.Draft202012Validator(data[key], registry=registry)

        return cls(
            id=data["id"], category=data["category"], severity=data["severity"],
            weight=data["weight"], lifecycle=data.get("lifecycle", "stable"),
            effort=data.get("effort", "medium"), data=data, source=source,
            scope=data.get("scope", "repository"),
            when=compile_("when"), check=compile_("check"), review=compile_("review"),
            outcomes=tuple(
                Outcome(o["status"], jsonschema.Draft202012Validator(o["when"], registry=registry),
                        dict(o["message"]))
                for o in data.get("outcomes", [])),
        )

    def text(self, key: str) -> Texts | None:
        """A bilingual text field (``title``, ``message``...), or ``None`` if the rule has none."""
        value = self.data.get(key)
        return dict(value) if isinstance(value, dict) else None

    @property
    def references(self) -> list[dict[str, str]]:
        return list(self.data.get("references", []))

    @property
    def fix(self) -> str | None:
        return self.data.get("fix")

    @property
    def evidence_pointers(self) -> list[str]:
        return list(self.data.get("evidence", []))

    def describe(self) -> dict[str, t.Any]:
        """Metadata reporters need (SARIF rule descriptors, report legends), in both languages."""
        return {
            "id": self.id, "category": self.category, "severity": self.severity,
            "weight": self.weight, "lifecycle": self.lifecycle, "effort": self.effort,
            "scope": self.scope, "title": self.text("title"), "rationale": self.text("rationale"),
            "remediation": self.text("remediation"), "references": self.references,
            "fix": self.fix,
        }
