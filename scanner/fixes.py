"""``civiscan fix``: write the missing compliance files a scan asked for, from templates (and
the LICENSE from the official text of the chosen licence, :mod:`scanner.licences.texts`).

What only the team can write is marked ``TODO`` (:data:`TODO`): the rules read the marker
(:mod:`scanner.placeholders`) and ask for a review until it is gone, so a fix never passes a rule
with a placeholder.

Plans first (:func:`plan`), writes second (:func:`apply`), so ``--dry-run`` shows exactly what
would be written. Never overwrites a file, never writes outside the repository (a folder on the
way that is a symbolic link out of it refuses the file; the write itself then opens each folder
without following links, so a link swapped in meanwhile is refused too), and renders templates
with facts only (Jinja2, no autoescape: Markdown and YAML; the YAML template quotes every value
with ``tojson``). What is written never holds a token (:func:`~scanner.secrets.redact`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import stat
import typing as t
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import jinja2

from scanner.engine.evaluate import most_severe_first
from scanner.engine.messages import resolve
from scanner.errors import ConfigError, ScanError
from scanner.licences import texts
from scanner.licences.declared import MANIFESTS
from scanner.parsing import load_yaml
from scanner.resources import reports_root, rules_root
from scanner.secrets import redact

#: What a value civiscan cannot know is written as (the templates use the same marker).
TODO = "TODO"
#: Why a planned fix is not written ({path} and {link} are filled in).
SKIP_REASONS = {
    "exists": {"en": "{path} already exists: complete it by hand",
               "fr": "{path} existe déjà : complétez-le à la main"},
    "not_regular": {"en": "{path} is not a regular file of the repository",
                    "fr": "{path} n'est pas un fichier ordinaire du dépôt"},
    "outside": {"en": "{path} would be written outside the repository (through {link}, a "
                      "symbolic link leaving it): nothing written",
                "fr": "{path} serait écrit hors du dépôt (par {link}, un lien symbolique qui en "
                      "sort) : rien n'est écrit"},
}


@dataclass(frozen=True)
class Fix:
    """One file to write, and why."""

    action: str
    path: str
    mode: str  # "create" or "append"
    content: str
    rules: tuple[str, ...]
    skipped: str | None = None  # a key of SKIP_REASONS, when nothing will be written
    link: str | None = None  # for "outside": the part of the path that leaves the repository

    def reason(self, language: str) -> str:
        """Why nothing will be written, in ``language``."""
        texts = SKIP_REASONS[self.skipped or "exists"]
        return texts.get(language, texts["en"]).format(path=self.path, link=self.link)


def actions() -> dict[str, dict[str, t.Any]]:
    """The action table (``reports/fix/actions.yaml``)."""
    source = reports_root().joinpath("fix").joinpath("actions.yaml")
    table = load_yaml(source.read_bytes(), path="reports/fix/actions.yaml").value
    if not isinstance(table, dict):
        raise ConfigError("reports/fix/actions.yaml: not a mapping")
    return table


@dataclass(frozen=True)
class FixOptions:
    """What the person asked for, and what only they can say (a licence, a copyright holder)."""

    language: str
    only: tuple[str, ...] = ()
    contact_email: str | None = None
    security_email: str | None = None
    #: The SPDX id of the LICENSE to write, and the licence publiccode.yml declares where the
    #: repository has none yet (see :func:`licence_choice`).
    licence: str | None = None
    copyright_holder: str | None = None
    year: int = dataclasses.field(default_factory=lambda: dt.date.today().year)
    project: str | None = None


def wanted_actions(card: dict[str, t.Any], only: t.Collection[str] = ()) -> dict[str, list[str]]:
    """Action -> the rules it repairs, for a scorecard's failing, unwaived findings, most severe
    first; an action another one makes redundant (``replaces``) is left out."""
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
    return wanted


def authorised_licences() -> set[str]:
    """Every SPDX id of ``rules/defs/authorised-licences.json`` (software and data)."""
    source = rules_root().joinpath("defs").joinpath("authorised-licences.json")
    lists = json.loads(source.read_text("utf-8"))
    return {spdx for key in ("software_strict", "software_lenient_extra", "data_and_docs")
            for spdx in lists[key]["enum"]}


def writable_licences() -> list[str]:
    """Authorised licences whose full text civiscan can write."""
    return sorted(authorised_licences() & set(texts.available()))


def actual_licence(facts: dict[str, t.Any]) -> str | None:
    """The repository's own licence (its effective SPDX expression), if one is known."""
    spdx = facts.get("licence", {}).get("spdx")
    if isinstance(spdx, str) and spdx and spdx != "NOASSERTION" and "LicenseRef" not in spdx:
        return spdx
    return None


def declared_licence(facts: dict[str, t.Any]) -> str | None:
    """The licence package metadata declares, where it is one authorised licence with a text."""
    manifests = set(MANIFESTS.values())
    writable = set(writable_licences())
    for declared in facts.get("licence", {}).get("declared", []):
        expression = declared.get("normalised") or declared.get("expression")
        if declared.get("source") in manifests and expression in writable:
            return t.cast(str, expression)
    return None


def _context(facts: dict[str, t.Any], options: FixOptions) -> dict[str, t.Any]:
    repository = dict(facts["repository"])
    repository["name"] = options.project or repository["name"]
    repository["url"] = repository.get("url") or f"{TODO}: URL"
    repository["description"] = repository.get("description") or TODO
    spdx = actual_licence(facts) or options.licence or TODO
    contact = options.contact_email
    return {"repository": repository, "licence": {"spdx": spdx},
            "publiccode_url": facts["repository"].get("url") or f"https://example.org/{TODO}",
            "contact_email": contact or TODO,
            "publiccode_email": contact or f"{TODO}@example.org",
            "security_email": options.security_email or contact or TODO,
            "copyright_holder": options.copyright_holder or TODO,
            "description": facts["repository"].get("description"),
            "language": options.language}


def _render(template: str, context: dict[str, t.Any]) -> str:
    text = reports_root().joinpath("fix").joinpath(template).read_text("utf-8")
    env = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False,
                             keep_trailing_newline=True)
    return redact(env.from_string(text).render(**context))


def leaves_root(root: Path, path: str) -> str | None:
    """The part of ``path`` through which it resolves outside ``root`` (a symbolic link on the
    way, an absolute path, ``..``), or ``None`` when every part stays inside."""
    parts = PurePosixPath(path).parts
    if not parts or PurePosixPath(path).is_absolute() or ".." in parts:
        return path
    real_root = Path(os.path.realpath(root))
    for depth in range(1, len(parts) + 1):
        resolved = Path(os.path.realpath(root.joinpath(*parts[:depth])))
        if resolved != real_root and real_root not in resolved.parents:
            return "/".join(parts[:depth])
    return None


def plan(card: dict[str, t.Any], facts: dict[str, t.Any], root: Path,
         options: FixOptions) -> list[Fix]:
    """The fixes for a scorecard's failing, unwaived findings that name a ``fix`` action."""
    table = actions()
    context = _context(facts, options)
    fixes = []
    for action, rules in wanted_actions(card, options.only).items():
        spec = table[action]
        path = spec["path"]
        mode = spec["mode"]
        if mode == "append":
            existing = resolve(facts, spec["existing"])
            if existing and isinstance(existing[0], str):
                path = existing[0]
            else:
                mode = "create"
        if spec.get("licence"):
            if not options.licence or not options.copyright_holder:
                raise ConfigError("a LICENSE needs a licence and a copyright holder",
                                  fr="un fichier LICENSE demande une licence et un titulaire "
                                     "des droits")
            content = redact(texts.licence_text(options.licence, options.language,
                                                options.copyright_holder, options.year).text)
        else:
            content = _render(spec["template"].format(lang=options.language), context)
        skipped = None
        target = root / path
        link = leaves_root(root, path)
        if link is not None:
            skipped = "outside"
        elif mode == "create" and (target.exists() or target.is_symlink()):
            skipped = "exists"
        elif mode == "append" and (target.is_symlink() or not target.is_file()):
            skipped = "not_regular"
        fixes.append(Fix(action, path, mode, content, tuple(rules), skipped, link))
    return fixes


def apply(fixes: t.Iterable[Fix], root: Path) -> list[Fix]:
    """Write the planned fixes; returns those written.

    Raises :class:`ScanError` (nothing more is written) when a path leaves the repository or is
    no longer what the plan saw: the checkout changed under civiscan's feet.
    """
    written = []
    for fix in fixes:
        if fix.skipped:
            continue
        # Links inside the repository are followed here, once, so that the write can then
        # refuse every link it meets (one swapped in meanwhile).
        real_root = Path(os.path.realpath(root))
        target = PurePosixPath(fix.path)
        folder = Path(os.path.realpath(root / target.parent))
        link = leaves_root(root, fix.path)
        if link is not None or (folder != real_root and real_root not in folder.parents):
            refused = dataclasses.replace(fix, skipped="outside", link=link or fix.path)
            raise ScanError(refused.reason("en"), fr=refused.reason("fr"))
        parts = (*folder.relative_to(real_root).parts, target.name)
        try:
            _write(real_root, parts, fix)
        except OSError as exc:
            raise ScanError(f"{fix.path}: not written: {exc.strerror or exc}",
                            fr=f"{fix.path} : non écrit : {exc.strerror or exc}") from None
        written.append(fix)
    return written


#: Opening each folder relative to the previous one, without following links, needs these.
_SAFE_OPEN = (os.open in os.supports_dir_fd and os.mkdir in os.supports_dir_fd
              and hasattr(os, "O_NOFOLLOW") and hasattr(os, "O_DIRECTORY"))


def _write(root: Path, parts: tuple[str, ...], fix: Fix) -> None:
    """Create or append to ``root/parts`` (``root`` is real), never through a symbolic link."""
    *folders, name = parts
    # Append: a FIFO swapped in must not block. Create: never overwrite.
    flags = (os.O_RDWR | os.O_NONBLOCK if fix.mode == "append"
             else os.O_WRONLY | os.O_CREAT | os.O_EXCL)
    if not _SAFE_OPEN:  # pragma: no cover - Windows: the plan's check is all there is
        root.joinpath(*folders).mkdir(parents=True, exist_ok=True)
        _fill(os.open(root.joinpath(*folders, name), flags, 0o666), fix)
        return
    nofollow = os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
    folder = os.open(root, os.O_RDONLY | os.O_DIRECTORY | nofollow)
    try:
        for part in folders:
            try:
                inner = os.open(part, os.O_RDONLY | os.O_DIRECTORY | nofollow, dir_fd=folder)
            except FileNotFoundError:
                os.mkdir(part, 0o777, dir_fd=folder)
                inner = os.open(part, os.O_RDONLY | os.O_DIRECTORY | nofollow, dir_fd=folder)
            os.close(folder)
            folder = inner
        _fill(os.open(name, flags | nofollow, 0o666, dir_fd=folder), fix)
    finally:
        os.close(folder)


def _fill(descriptor: int, fix: Fix) -> None:
    with open(descriptor, "r+" if fix.mode == "append" else "w", encoding="utf-8",
              errors="replace", newline="") as handle:
        if fix.mode == "append":
            if not stat.S_ISREG(os.fstat(descriptor).st_mode):
                raise OSError(f"{fix.path} is not a regular file")
            before = handle.read()
            separator = "" if before.endswith("\n\n") else "\n" if before.endswith("\n") else "\n\n"
            handle.write(separator + fix.content)
        else:
            handle.write(fix.content)
