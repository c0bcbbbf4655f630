"""README findings from the second round of audits (issue 9): each case is cut from a real
repository (named in a comment), with the cases that must not match beside it."""

from __future__ import annotations

import typing as t

from scanner.community import locate, readme
from scanner.community.markup import parse
from scanner.engine.evaluate import Status, evaluate
from scanner.engine.loader import load_ruleset
from scanner.facts import build_facts
from scanner.sources.memory import snapshot_from_files

RULES = load_ruleset()
CODE = {"app.py": "print('service')\n"}


def _facts(files: dict[str, str]) -> dict[str, t.Any]:
    return build_facts(snapshot_from_files({**CODE, **files}))


def _finding(facts: dict[str, t.Any], rule_id: str) -> tuple[Status, str]:
    rule = RULES.get(rule_id)
    assert rule is not None
    finding = evaluate(rule, facts)
    return finding.status, finding.texts["en"]["message"]


# --- A monorepo's root README routes to its components' READMEs --------------------------

# gip-inclusion/dora README.md, back/README.md and front/README.md (shortened).
DORA = {
    "README.md": "# Dora\n\n> Faciliter la vie des personnes en insertion\n\n"
                 "- [Backend](back/README.md)\n- [Frontend](front/README.md)\n",
    "back/README.md": "# dora-back\n\n## Installation\n\n```bash\n# Installer les dépendances\n"
                      "uv sync\n```\n\n## Développement\n\n```bash\n# Démarrer le serveur\n"
                      "./manage.py runserver\n```\n",
    "front/README.md": "# dora-front\n\n## Installation\n\n```bash\nnpm install\n```\n\n"
                       "## Développement\n\n```bash\n# Lancer un serveur de développement\n"
                       "npm run dev\n```\n",
    "back/manage.py": "print()\n",
}


def test_component_readmes_a_root_readme_links_to_are_read_and_named() -> None:
    facts = _facts(DORA)
    section = facts["community"]["readme"]
    assert section["followed"] == ["back/README.md", "front/README.md"]
    status, message = _finding(facts, "readme-explains-how-to-run")
    assert status is Status.PASS
    assert "README.md → back/README.md, README.md → front/README.md" in message


def test_a_component_readme_that_does_not_explain_it_does_not_pass() -> None:
    files = {**DORA, "back/README.md": "# dora-back\n\nLe code du serveur.\n",
             "front/README.md": "# dora-front\n\nLe code de l'interface.\n"}
    facts = _facts(files)
    assert facts["community"]["readme"]["followed"] == ["back/README.md", "front/README.md"]
    assert _finding(facts, "readme-explains-how-to-run")[0] is Status.FAIL


def test_a_root_readme_that_explains_it_itself_reads_no_component() -> None:
    files = {**DORA, "README.md": DORA["README.md"] + "\n## Installation\n\n```\nmake install\n```"
             "\n\n## Lancer\n\n```\nmake start\n```\n"}
    facts = _facts(files)
    assert facts["community"]["readme"]["followed"] == []
    assert facts["community"]["readme"]["routes"] == ["README.md"]


def test_which_links_are_component_readmes() -> None:
    assert readme.is_component_readme("back/README.md")
    assert readme.is_component_readme("./apps/web/readme.md#install")
    for target in ("README.md", "../other/README.md", "/abs/README.md", "docs/install.md",
                   "https://example.org/a/README.md", "back/README.md.bak"):
        assert not readme.is_component_readme(target), target


def test_component_readmes_are_declared_for_reading_but_not_vendored_ones() -> None:
    paths = ["README.md", "back/README.md", "apps/web/README.md", "node_modules/x/README.md",
             "vendor/y/README.md", "docs/README.md", "a/b/c/README.md"]
    declared = locate.guides(paths, "README.md")
    assert {"back/README.md", "apps/web/README.md", "docs/README.md"} <= set(declared)
    assert not {"node_modules/x/README.md", "vendor/y/README.md", "a/b/c/README.md"} & set(declared)
    many = [f"c{i}/README.md" for i in range(10)]
    assert len([p for p in locate.guides(["README.md", *many], "README.md")]) \
        == locate.MAX_COMPONENTS


def test_a_component_link_is_a_named_guide_only_as_a_readme() -> None:
    doc = parse("# X\n\n- [Backend](back/README.md)\n- [Schéma](back/schema.png)\n", "README.md")
    assert [(link.target, named) for link, named in readme.guide_links(doc)] == \
        [("back/README.md", True)]
