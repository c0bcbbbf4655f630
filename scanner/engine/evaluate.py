"""Rule x facts -> finding. The only place that decides a rule's status."""

from __future__ import annotations

import enum
import logging
import typing as t
from dataclasses import dataclass, field

import jsonschema

from scanner.engine.messages import interpolate, resolve
from scanner.engine.rule import LANGUAGES, Rule

log = logging.getLogger(__name__)
#: Most validation errors turned into evidence for one finding.
MAX_EVIDENCE = 20


class Status(str, enum.Enum):
    PASS = "pass"
    FAIL = "fail"
    REVIEW = "review"
    NOT_APPLICABLE = "not_applicable"
    ERROR = "error"


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


SEVERITY_RANK = {Severity.INFO.value: 1, Severity.WARNING.value: 2, Severity.ERROR.value: 3}


def most_severe_first(finding: dict[str, t.Any]) -> tuple[int, str]:
    """Sort key for findings of the run document: errors first, then by rule id."""
    return -SEVERITY_RANK[finding["severity"]], finding["rule"]


@dataclass
class Finding:
    """What one rule concluded about one repository."""

    rule: str
    category: str
    severity: str
    status: Status
    weight: int
    lifecycle: str
    effort: str
    texts: dict[str, dict[str, str]]  # language -> {title, message, remediation}
    evidence: list[dict[str, t.Any]] = field(default_factory=list)
    waiver: dict[str, t.Any] | None = None
    fix: str | None = None

    @classmethod
    def from_dict(cls, data: dict[str, t.Any]) -> Finding:
        """A finding of a stored run document back (reports recompute what fixes gain)."""
        return cls(rule=data["rule"], category=data.get("category", ""), severity=data["severity"],
                   status=Status(data["status"]), weight=data.get("weight", 1),
                   lifecycle=data.get("lifecycle", "stable"), effort=data.get("effort", "medium"),
                   texts=data.get("i18n") or {}, evidence=data.get("evidence", []),
                   waiver=data.get("waiver"), fix=data.get("fix"))

    def to_dict(self, language: str = "en") -> dict[str, t.Any]:
        chosen = self.texts.get(language) or self.texts["en"]
        return {
            "rule": self.rule, "category": self.category, "severity": self.severity,
            "status": self.status.value, "weight": self.weight, "lifecycle": self.lifecycle,
            "effort": self.effort, "title": chosen["title"], "message": chosen["message"],
            "remediation": chosen["remediation"], "evidence": self.evidence,
            "waiver": self.waiver, "fix": self.fix, "i18n": self.texts,
        }


def _nearest_file(facts: t.Any, path: t.Sequence[t.Any]) -> dict[str, t.Any] | None:
    """The closest object along ``path`` (deepest first) that names a repository file."""
    nodes = [facts]
    for part in path:
        node = nodes[-1]
        try:
            nodes.append(node[part])
        except (KeyError, IndexError, TypeError):
            break
    for node in reversed(nodes):
        if isinstance(node, dict) and isinstance(node.get("path"), str) and node["path"]:
            return {"path": node["path"], "line": node.get("line")}
    return None


def _error_evidence(facts: t.Any, errors: list[jsonschema.ValidationError]) -> list[dict[str, t.Any]]:
    evidence = []
    seen = set()
    for error in errors:
        for leaf in error.context or [error]:
            pointer = "".join(f"/{p}" for p in leaf.absolute_path) or "/"
            item: dict[str, t.Any] = {"pointer": pointer, "detail": leaf.message[:500]}
            located = _nearest_file(facts, list(leaf.absolute_path))
            if located:
                item.update(located)
            key = (pointer, item.get("path"))
            if key not in seen:
                seen.add(key)
                evidence.append(item)
    return evidence[:MAX_EVIDENCE]


def _pointer_evidence(facts: t.Any, pointers: list[str]) -> list[dict[str, t.Any]]:
    evidence = []
    for pointer in pointers:
        for value in resolve(facts, pointer)[:MAX_EVIDENCE]:
            item: dict[str, t.Any] = {"pointer": pointer}
            if isinstance(value, dict) and isinstance(value.get("path"), str):
                item.update({"path": value["path"], "line": value.get("line")})
            elif isinstance(value, (str, int, float, bool)) or value is None:
                item["value"] = value
            evidence.append(item)
    return evidence


def _texts(rule: Rule, status: Status, facts: t.Any,
           chosen: dict[str, str] | None = None) -> dict[str, dict[str, str]]:
    key = {
        Status.PASS: "pass_message",
        Status.REVIEW: "review_message",
        Status.NOT_APPLICABLE: "not_applicable_message",
    }.get(status, "message")
    message = chosen or rule.text(key) or rule.text("message") or {}
    # A rule with no message of its own for this status says so plainly (an outcome's, chosen,
    # comes first).
    if chosen is None and status is Status.PASS and key not in rule.data:
        message = {"en": "Passed.", "fr": "Conforme."}
    if chosen is None and status is Status.NOT_APPLICABLE and key not in rule.data:
        message = {"en": "Not applicable to this repository.",
                   "fr": "Ne s'applique pas à ce dépôt."}
    title = rule.text("title") or {}
    remediation = rule.text("remediation") or {}
    return {
        lang: {
            "title": title[lang],
            "message": interpolate(message[lang], facts, lang),
            "remediation": interpolate(remediation[lang], facts, lang),
        }
        for lang in LANGUAGES
    }


def evaluate(rule: Rule, facts: dict[str, t.Any]) -> Finding:
    """Apply one rule. A rule that cannot be evaluated yields status ``error``, never a crash."""
    evidence: list[dict[str, t.Any]] = []
    chosen: dict[str, str] | None = None
    try:
        if rule.when is not None and not rule.when.is_valid(facts):
            status = Status.NOT_APPLICABLE
            # Why it does not apply, in words true of this case (a retired repository).
            outcome = next((o for o in rule.outcomes if o.status == "not_applicable"
                            and o.when.is_valid(facts)), None)
            chosen = outcome.message if outcome is not None else None
        else:
            assert rule.check is not None
            errors = list(rule.check.iter_errors(facts))
            # A failing check takes a review or fail outcome; a passing one, a pass outcome
            # (its message says what the pass rests on).
            outcome = next((o for o in rule.outcomes if o.status != "not_applicable"
                            and (o.status == "pass") is not bool(errors)
                            and o.when.is_valid(facts)), None)
            if not errors:
                status = Status.PASS
                chosen = outcome.message if outcome is not None else None
            elif outcome is not None:
                status, chosen = Status(outcome.status), outcome.message
            elif rule.review is not None and rule.review.is_valid(facts):
                status = Status.REVIEW
            else:
                status = Status.FAIL
            if errors:
                evidence = _error_evidence(facts, errors)
        if status is not Status.NOT_APPLICABLE:
            evidence = _pointer_evidence(facts, rule.evidence_pointers) + evidence
        texts = _texts(rule, status, facts, chosen)
    except Exception as exc:  # a broken rule costs one finding, never the scan
        log.debug("rule %s failed", rule.id, exc_info=True)
        reason = f"{type(exc).__name__}: {exc}"[:500]
        texts = {lang: {"title": (rule.text("title") or {}).get(lang, rule.id),
                        "message": f"rule could not be evaluated: {reason}",
                        "remediation": ""} for lang in LANGUAGES}
        return Finding(rule.id, rule.category, rule.severity, Status.ERROR, rule.weight,
                       rule.lifecycle, rule.effort, texts, [], None, rule.fix)
    return Finding(rule.id, rule.category, rule.severity, status, rule.weight, rule.lifecycle,
                   rule.effort, texts, evidence, None, rule.fix)
