"""The `civiscan fix` templates, once rendered, satisfy the rules they are meant to repair."""

from __future__ import annotations

import typing as t
from pathlib import Path

import jinja2
import pytest

from scanner.engine.evaluate import Status, evaluate
from scanner.engine.loader import load_ruleset
from scanner.facts import build_facts
from scanner.sources.memory import snapshot_from_files

FIX = Path(__file__).resolve().parents[3] / "reports" / "fix"
CONTEXT = {"repository": {"name": "demo", "url": "https://github.com/o/demo",
                          "description": "Prise de rendez-vous en ligne: \"démo\""},
           "licence": {"spdx": "MIT"}, "contact_email": "conduite@demo.gouv.fr",
           "security_email": "securite@demo.gouv.fr"}
#: Template -> file it becomes -> rules it must make pass.
TARGETS = {
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
    # Some code beside it: a repository of documents alone has no service to run or secure.
    findings, _ = _findings({target: _render(f"{action}.{language}.md"), "app.py": "print(1)\n"})
    for rule_id in rules:
        assert findings[rule_id].status is Status.PASS, (rule_id, findings[rule_id].texts)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_readme_template_is_a_draft_until_its_todo_lines_are_filled(language: str) -> None:
    """What civiscan fix writes holds TODO lines for the team to fill: it never passes as it
    is (a README that does not say how to run the service must not pass for one that does)."""
    draft = _render(f"readme-file.{language}.md")
    findings, facts = _findings({"README.md": draft, "app.py": "print('demo')\n"})
    assert findings["readme-present"].status is Status.REVIEW
    assert [m["line"] for m in facts["community"]["readme"]["placeholders"]] == [3, 8, 22]
    assert "README.md:3: TODO" in findings["readme-present"].texts[language]["message"]
    assert findings["readme-explains-how-to-run"].status is Status.FAIL  # no command to run yet
    filled = (draft.replace(draft.splitlines()[2], "Prise de rendez-vous en ligne avec la mairie, "
                                                   "pour les usagers, sans attente au téléphone.")
              .replace(draft.splitlines()[7], "Python 3.12.")
              .replace(draft.splitlines()[12], "pip install -e .")
              .replace(draft.splitlines()[17], "make run")
              .replace("localhost:TODO", "localhost:8000"))
    findings, facts = _findings({"README.md": filled, "app.py": "print('demo')\n"})
    assert facts["community"]["readme"]["placeholders"] == []
    for rule_id in ("readme-present", "readme-explains-how-to-run", "readme-sections-present"):
        assert findings[rule_id].status is Status.PASS, (rule_id, findings[rule_id].texts)


def test_code_of_conduct_templates_are_recognised() -> None:
    for language in ("fr", "en"):
        _, facts = _findings({"CODE_OF_CONDUCT.md": _render(f"code-of-conduct.{language}.md")})
        conduct = facts["community"]["code_of_conduct"]
        assert (conduct["standard"], conduct["version"], conduct["language"], conduct["contact"]) \
            == ("contributor-covenant", "2.1", language, True)


def test_publiccode_template_is_valid_once_rendered() -> None:
    findings, facts = _findings({"publiccode.yml": _render("publiccode-file.yml")})
    assert facts["publiccode"]["errors"] == []
    assert findings["publiccode-yml-valid"].status is Status.PASS


def test_every_rule_fix_action_has_its_templates() -> None:
    for rule in load_ruleset().rules:
        if rule.fix and rule.category in ("contributing", "publication", "hygiene"):
            names = {p.name for p in FIX.glob(f"{rule.fix}.*")}
            assert names, f"{rule.id}: no template for fix action {rule.fix}"
            if rule.fix != "publiccode-file":
                assert {f"{rule.fix}.fr.md", f"{rule.fix}.en.md"} <= names
