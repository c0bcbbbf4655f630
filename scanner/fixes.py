"""``civiscan fix``: write the missing compliance files a scan asked for, from templates.

Plans first (:func:`plan`), writes second (:func:`apply`), so ``--dry-run`` shows exactly what
would be written. Never overwrites a file, never writes outside the repository, and renders
templates with facts only (Jinja2, no autoescape: Markdown and YAML; the YAML template quotes
every value with ``tojson``).
"""

from __future__ import annotations

import typing as t
from dataclasses import dataclass
from pathlib import Path

import jinja2

from scanner.engine.evaluate import most_severe_first
from scanner.engine.messages import resolve
from scanner.errors import ConfigError
from scanner.parsing import load_yaml
from scanner.resources import reports_root

#: What a value civiscan cannot know is written as (the templates use the same marker).
TODO = "TODO"


@dataclass(frozen=True)
class Fix:
    """One file to write, and why."""

    action: str
    path: str
    mode: str  # "create" or "append"
    content: str
    rules: tuple[str, ...]
    skipped: str | None = None  # the reason, when nothing will be written


def actions() -> dict[str, dict[str, t.Any]]:
    """The action table (``reports/fix/actions.yaml``)."""
    source = reports_root().joinpath("fix").joinpath("actions.yaml")
    table = load_yaml(source.read_bytes(), path="reports/fix/actions.yaml").value
    if not isinstance(table, dict):
        raise ConfigError("reports/fix/actions.yaml: not a mapping")
    return table


def _context(facts: dict[str, t.Any], contact_email: str | None,
             security_email: str | None) -> dict[str, t.Any]:
    repository = dict(facts["repository"])
    repository["url"] = repository.get("url") or f"{TODO}: URL"
    repository["description"] = repository.get("description") or TODO
    licence = {"spdx": facts["licence"].get("spdx") or TODO}
    return {"repository": repository, "licence": licence,
            "contact_email": contact_email or f"{TODO}@example.org",
            "security_email": security_email or contact_email or f"{TODO}@example.org"}


def _render(template: str, context: dict[str, t.Any]) -> str:
    text = reports_root().joinpath("fix").joinpath(template).read_text("utf-8")
    env = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False,
                             keep_trailing_newline=True)
    return env.from_string(text).render(**context)


def plan(card: dict[str, t.Any], facts: dict[str, t.Any], root: Path, *, language: str,
         only: t.Collection[str] = (), contact_email: str | None = None,
         security_email: str | None = None) -> list[Fix]:
    """The fixes for a scorecard's failing, unwaived findings that name a ``fix`` action."""
    table = actions()
    wanted: dict[str, list[str]] = {}
    failing = sorted((f for f in card["findings"]
                      if f["status"] in ("fail", "review") and not f["waiver"] and f.get("fix")),
                     key=most_severe_first)
    for finding in failing:
        if finding["fix"] in table and (not only or finding["fix"] in only):
            wanted.setdefault(finding["fix"], []).append(finding["rule"])
    for action in list(wanted):
        for redundant in table[action].get("replaces", []):
            wanted.pop(redundant, None)
    context = _context(facts, contact_email, security_email)
    fixes = []
    for action, rules in wanted.items():
        spec = table[action]
        path = spec["path"]
        mode = spec["mode"]
        if mode == "append":
            existing = resolve(facts, spec["existing"])
            if existing and isinstance(existing[0], str):
                path = existing[0]
            else:
                mode = "create"
        content = _render(spec["template"].format(lang=language), context)
        skipped = None
        target = root / path
        if mode == "create" and (target.exists() or target.is_symlink()):
            skipped = f"{path} already exists: complete it by hand"
        elif mode == "append" and (target.is_symlink() or not target.is_file()):
            skipped = f"{path} is not a regular file of the repository"
        fixes.append(Fix(action, path, mode, content, tuple(rules), skipped))
    return fixes


def apply(fixes: t.Iterable[Fix], root: Path) -> list[Fix]:
    """Write the planned fixes; returns those written."""
    written = []
    for fix in fixes:
        if fix.skipped:
            continue
        target = root / fix.path
        target.parent.mkdir(parents=True, exist_ok=True)
        if fix.mode == "append":
            before = target.read_text("utf-8", errors="replace")
            separator = "" if before.endswith("\n\n") else "\n" if before.endswith("\n") else "\n\n"
            target.write_text(before + separator + fix.content, encoding="utf-8")
        else:
            with target.open("x", encoding="utf-8") as handle:  # "x": never overwrite
                handle.write(fix.content)
        written.append(fix)
    return written
