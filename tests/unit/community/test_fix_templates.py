"""The `civiscan fix` templates, once rendered, satisfy the rules they are meant to repair."""

from __future__ import annotations

import typing as t
from pathlib import Path

import jinja2
import pytest

from scanner.engine.evaluate import Status, evaluate
from scanner.engine.loader import load_ruleset
from scanner.facts import build_facts
from scanner.fixes import FixOptions, _context
from scanner.publiccode.placeholders import MARKER
from scanner.sources.memory import snapshot_from_files

FIX = Path(__file__).resolve().parents[3] / "reports" / "fix"
FACTS = {"repository": {"name": "demo", "url": "https://github.com/o/demo",
                        "description": "Prise de rendez-vous en ligne: \"démo\""},
         "licence": {"spdx": "MIT"}}
CONTEXT = _context(FACTS, FixOptions(language="fr", contact_email="conduite@demo.gouv.fr",
                                     security_email="securite@demo.gouv.fr"))
#: Template -> file it becomes -> rules it must make pass.
TARGETS = {
    # The purpose sentence is the team's to write: readme-sections-present waits for it.
    "readme-file": ("README.md", ["readme-present", "readme-explains-how-to-run"]),
    "contributing-file": ("CONTRIBUTING.md", ["contributing-file-present",
                                              "contributing-file-substantial",
                                              "contribution-terms-state-dco", "no-cla-required"]),
    "dco-clause": ("CONTRIBUTING.md", ["contribution-terms-state-dco", "no-cla-required"]),
    "code-of-conduct": ("CODE_OF_CONDUCT.md", ["code-of-conduct-present"]),
    "security-policy": ("SECURITY.md", ["security-policy-present",
                                        "security-policy-private-channel"]),
}


def _render(name: str) -> str:
    env = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False)
    return env.from_string((FIX / name).read_text("utf-8")).render(**CONTEXT)


def _findings(files: dict[str, str]) -> tuple[dict[str, t.Any], dict[str, t.Any]]:
    facts = build_facts(snapshot_from_files(files))
    ruleset = load_ruleset()
    return {rule.id: evaluate(rule, facts) for rule in ruleset.rules}, facts


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("action", sorted(TARGETS))
def test_rendered_template_passes_its_rules(action: str, language: str) -> None:
    target, rules = TARGETS[action]
    findings, _ = _findings({target: _render(f"{action}.{language}.md")})
    for rule_id in rules:
        assert findings[rule_id].status is Status.PASS, (rule_id, findings[rule_id].texts)


def test_code_of_conduct_templates_are_recognised() -> None:
    for language in ("fr", "en"):
        _, facts = _findings({"CODE_OF_CONDUCT.md": _render(f"code-of-conduct.{language}.md")})
        conduct = facts["community"]["code_of_conduct"]
        assert (conduct["standard"], conduct["version"], conduct["language"], conduct["contact"]) \
            == ("contributor-covenant", "2.1", language, True)


def test_publiccode_template_is_valid_but_not_done_until_its_todos_are_filled() -> None:
    """Valid as written (the reference validator's checks), yet the rule asks for a review while
    a TODO is left, naming each key and line; filled in, it passes."""
    written = _render("publiccode-file.yml")
    findings, facts = _findings({"publiccode.yml": written})
    assert facts["publiccode"]["errors"] == []
    finding = findings["publiccode-yml-valid"]
    assert finding.status is Status.REVIEW
    keys = [p["key"] for p in facts["publiccode"]["placeholders"]]
    assert "description.fr.longDescription" in keys and "maintenance.contacts[0].name" in keys
    lines = written.splitlines()
    for placeholder in facts["publiccode"]["placeholders"]:  # the key's line (a block: the next)
        assert "TODO" in "".join(lines[placeholder["line"] - 1:placeholder["line"] + 1]), placeholder
    assert "maintenance.contacts[0].name" in finding.texts["en"]["message"]
    assert any(e.get("line") for e in finding.evidence)
    filled = MARKER.sub("Rempli", written)
    findings, facts = _findings({"publiccode.yml": filled})
    assert facts["publiccode"]["placeholders"] == []
    assert findings["publiccode-yml-valid"].status is Status.PASS


def test_every_rule_fix_action_has_its_templates() -> None:
    for rule in load_ruleset().rules:
        if rule.fix and rule.category in ("contributing", "publication", "hygiene"):
            names = {p.name for p in FIX.glob(f"{rule.fix}.*")}
            assert names, f"{rule.id}: no template for fix action {rule.fix}"
            if rule.fix != "publiccode-file":
                assert {f"{rule.fix}.fr.md", f"{rule.fix}.en.md"} <= names
