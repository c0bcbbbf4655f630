"""Community files: README, CONTRIBUTING (and its contribution terms: DCO, CLA), code of conduct,
security policy, issue and pull-request templates. Every fact names the file it came from."""

from __future__ import annotations

import functools
import typing as t
from collections.abc import Iterable, Mapping, Sequence

from scanner.budget import bounded
from scanner.collectors.base import Collector, Fragment
from scanner.community import conduct, contributing, locate, readme, security, terms
from scanner.community.markup import Document, parse
from scanner.community.signals import Signal
from scanner.errors import ParseError
from scanner.placeholders import todo_lines
from scanner.snapshot import Snapshot, decode_text

T = t.TypeVar("T")

#: Where a file came from: the repository, or (remote GitHub scans) the owner's shared ``.github``
#: repository, whose community files GitHub shows where a repository has none.
ORIGIN = "repository"
INHERITED = "organisation-default"
#: Headings kept in the facts (a README can have hundreds).
MAX_HEADINGS = 80
#: Security.txt files and pull-request templates read, at most.
MAX_EXTRA_READS = 3


def _file_section(found: locate.RoleFiles, snapshot: Snapshot | None = None) -> dict[str, t.Any]:
    origin = None
    if found.path:
        origin = INHERITED if snapshot is not None and snapshot.is_inherited(found.path) else ORIGIN
    return {"path": found.path, "origin": origin,
            "candidates": list(found.candidates), "readable": None, "size": None}


def _empty_terms() -> dict[str, t.Any]:
    return {"dco": False, "cla": False, "mentions_dco": False, "mentions_signed_off_by": False,
            "mentions_cla": False, "sources": [], "dco_files": [], "dco_apps": [],
            "cla_files": [], "dco_quotes": [], "cla_quotes": [], "signals": []}


def _empty() -> dict[str, t.Any]:
    none = locate.RoleFiles(None)
    return {
        "readme": {**_file_section(none), "translations": [], "format": None, "words": None,
                   "headings": [], "explains": dict.fromkeys(readme.TOPICS),
                   "evidence": {}},
        "contributing": {**_file_section(none), "target": None, "target_url": None,
                         "format": None, "words": None,
                         "sections": [], "explains": {"how_to_contribute": None,
                                                      "licence": None,
                                                      "declines_contributions": None},
                         "terms": _empty_terms()},
        "code_of_conduct": {**_file_section(none), "standard": None, "version": None,
                            "language": None, "contact": None, "contacts": [],
                            "placeholder": None},
        "security_policy": {**_file_section(none), "private_channel": None, "channels": [],
                            "security_txt": []},
        "templates": {"issue": [], "pull_request": [], "present": False},
    }


#: Most characters of a community document analysed (the largest real READMEs are ~200 KB).
MAX_PROSE_CHARS = 512_000
#: Longest line analysed; the rest of a longer line is dropped. Prose wraps long before this, and
#: the line is what most patterns (and every quote) work on.
MAX_LINE_CHARS = 10_000


class CommunityCollector(Collector):
    name = "community"

    def empty(self) -> Fragment:
        return {"community": _empty()}

    def wanted(self, paths: Sequence[str],
               sizes: Mapping[str, int | None] | None = None) -> Iterable[str]:
        wanted: list[str] = []
        for role in locate.ROLE_STEMS:
            chosen = locate.find_role(paths, role).path
            if chosen:
                wanted.append(chosen)
            if role == "contributing":
                wanted.extend(locate.contributing_targets(paths, chosen))
        wanted.extend(locate.security_txt(paths)[:MAX_EXTRA_READS])
        wanted.extend(locate.pull_request_templates(paths)[:MAX_EXTRA_READS])
        return list(dict.fromkeys(wanted))

    def collect(self, snapshot: Snapshot, facts: Mapping[str, t.Any]) -> Fragment:
        paths = snapshot.paths()
        section = _empty()
        problems: list[dict[str, t.Any]] = []
        reader = _Reader(snapshot, self.name, problems)
        repo_url = (facts.get("repository") or {}).get("url")

        readme_doc = self._readme(section["readme"], paths, reader)
        contributing_docs = self._contributing(section["contributing"], paths, reader, repo_url)
        self._terms(section["contributing"]["terms"], paths, reader, contributing_docs,
                    readme_doc)
        self._conduct(section["code_of_conduct"], paths, reader)
        self._security(section["security_policy"], paths, reader)
        issue = locate.issue_templates(paths) or reader.inherited(locate.issue_templates)
        pull = locate.pull_request_templates(paths) or reader.inherited(
            locate.pull_request_templates)
        section["templates"] = {"issue": issue, "pull_request": pull,
                                "present": bool(issue or pull)}
        return {"community": section, "problems": problems}

    @staticmethod
    def _readme(out: dict[str, t.Any], paths: Sequence[str], reader: _Reader) -> Document | None:
        found = locate.find_role(paths, "readme")
        out.update(_file_section(found), translations=list(found.translations))
        doc = reader.document(found.path, out)
        if doc is None or found.path is None:
            return None
        topics = reader.analyse(found.path, readme.analyse, doc, default=None, out=out)
        if topics is None:
            return None
        out.update(
            format=doc.format,
            words=contributing.word_count(doc.text),
            headings=[{"level": h.level, "text": h.text, "line": h.line}
                      for h in doc.headings[:MAX_HEADINGS]],
            explains={topic: bool(info["found"]) for topic, info in topics.items()},
            evidence={topic: {"line": info["line"], "via": info["via"]}
                      for topic, info in topics.items() if info["found"]},
        )
        return doc

    @staticmethod
    def _contributing(out: dict[str, t.Any], paths: Sequence[str], reader: _Reader,
                      repo_url: str | None) -> list[tuple[str, Document]]:
        found = reader.role(paths, "contributing")
        out.update(_file_section(found, reader.snapshot))
        doc = reader.document(found.path, out)
        if doc is None or found.path is None:
            return []
        docs = [(found.path, doc)]
        target = contributing.pointer_target(doc, found.path, set(paths), repo_url)
        effective, effective_path = doc, found.path
        if not target:
            # Only a link to a documentation site: what it says there is not in the snapshot.
            out["target_url"] = contributing.pointer_url(doc)
        if target:
            out["target"] = target
            target_doc = reader.document(target)
            if target_doc is not None:
                docs.append((target, target_doc))
                effective, effective_path = target_doc, target
        explained = reader.analyse(effective_path, contributing.explains, effective,
                                   default=None)
        if explained is not None:
            out.update(
                format=effective.format,
                words=contributing.word_count(effective.text),
                sections=[h.text for h in effective.headings[:MAX_HEADINGS]],
                explains=explained,
            )
        return docs

    @staticmethod
    def _terms(out: dict[str, t.Any], paths: Sequence[str], reader: _Reader,
               contributing_docs: list[tuple[str, Document]], readme_doc: Document | None) -> None:
        signals: list[Signal] = []
        for path, doc in contributing_docs:
            signals += reader.analyse(path, _terms_signals, doc.text, path, doc.code_lines(),
                                      default=[])
        in_contributing = list(signals)
        readme_path = locate.find_role(paths, "readme").path
        if readme_doc is not None and readme_path:
            signals += reader.analyse(readme_path, _readme_signals, readme_doc, readme_path,
                                      default=[])
        for path in locate.pull_request_templates(paths)[:MAX_EXTRA_READS]:
            text = reader.text(path)
            if text is not None:
                signals += reader.analyse(path, _terms_signals, text, path, set(), default=[])
        dco_files = locate.dco_files(paths)
        dco_apps = locate.dco_apps(paths)
        cla_files = locate.cla_files(paths)
        out.update(
            mentions_dco=terms.mentions_dco(in_contributing),
            mentions_signed_off_by=terms.mentions_sign_off(in_contributing),
            mentions_cla=terms.mentions_cla(in_contributing),
            dco=bool(dco_files or dco_apps) or terms.mentions_dco(signals)
            or terms.mentions_sign_off(signals),
            cla=bool(cla_files) or terms.mentions_cla(signals),
            sources=[p for p, _ in contributing_docs],
            dco_files=dco_files, dco_apps=dco_apps, cla_files=cla_files,
            signals=[s.to_facts() | {"term": "cla" if s.kind in terms.CLA_TEXT else "dco"}
                     for s in signals],
            dco_quotes=_quotes(s for s in signals if s.kind not in terms.CLA_TEXT),
            cla_quotes=_quotes(s for s in signals if s.kind in terms.CLA_TEXT),
        )

    @staticmethod
    def _conduct(out: dict[str, t.Any], paths: Sequence[str], reader: _Reader) -> None:
        found = reader.role(paths, "code_of_conduct")
        out.update(_file_section(found, reader.snapshot))
        text = reader.text(found.path, out)
        out["placeholders"] = []
        if text is not None and found.path:
            adopted = reader.analyse(found.path, conduct.analyse, text, default=None, out=out)
            if adopted is not None:
                out.update(adopted.to_facts())
            out["placeholders"] = conduct.placeholder_lines(text, found.path)

    @staticmethod
    def _security(out: dict[str, t.Any], paths: Sequence[str], reader: _Reader) -> None:
        found = reader.role(paths, "security_policy")
        out.update(_file_section(found, reader.snapshot))
        channels: list[dict[str, t.Any]] = []
        none: list[security.Channel] = []
        text = reader.text(found.path, out)
        out["placeholders"] = []
        if text is not None and found.path:
            named = reader.analyse(found.path, security.private_channels, text, default=none,
                                   out=out)
            channels += [c.to_facts() | {"path": found.path} for c in named]
            out["placeholders"] = todo_lines(text, found.path)
        txt_paths = locate.security_txt(paths)
        out["security_txt"] = txt_paths
        for path in txt_paths[:MAX_EXTRA_READS]:
            txt = reader.text(path)
            if txt is not None:
                contacts = reader.analyse(path, security.security_txt_contacts, txt, default=none)
                channels += [c.to_facts() | {"path": path} for c in contacts]
        out["channels"] = channels
        if found.path and out["readable"]:
            out["private_channel"] = bool(channels)
        elif txt_paths:
            out["private_channel"] = bool(channels) or None


def _terms_signals(text: str, path: str, code_lines: set[int]) -> list[Signal]:
    return terms.dco_signals(text, path) + terms.cla_signals(text, path, code_lines)


def _readme_signals(doc: Document, path: str) -> list[Signal]:
    """A README often describes rather than sets terms: its DCO wording counts only where it asks
    something of contributors (sign-off instructions always do)."""
    return ([sig for sig in terms.dco_signals(doc.text, path)
             if sig.kind in terms.SIGN_OFF or terms.is_requirement(sig)]
            + terms.cla_signals(doc.text, path, doc.code_lines()))


def _quotes(signals: Iterable[Signal]) -> list[str]:
    """``path:line: quote`` for each counted (non-negated) signal, one per line: what a finding
    message shows."""
    seen: dict[tuple[str, int], str] = {}
    for signal in signals:
        if not signal.negated:
            seen.setdefault((signal.path, signal.line),
                            f"{signal.path}:{signal.line}: {signal.quote}")
    return list(seen.values())[:10]


class _Reader:
    """Reads repository text, recording unreadable files as problems, never raising. Each
    file's parsing and analysis run within the per-file budget (:mod:`scanner.budget`)."""

    def __init__(self, snapshot: Snapshot, source: str, problems: list[dict[str, t.Any]]):
        self.snapshot = snapshot
        self.source = source
        self.problems = problems

    def role(self, paths: Sequence[str], role: str) -> locate.RoleFiles:
        """The repository's own file for ``role``, else the one its owner's ``.github``
        repository provides (as GitHub does; never for the README or the licence)."""
        found = locate.find_role(paths, role)
        if found.path is None and self.snapshot.inherited:
            default = locate.find_role(sorted(self.snapshot.inherited), role)
            if default.path:
                return locate.RoleFiles(self.snapshot.inherited_path(default.path))
        return found

    def inherited(self, pick: t.Callable[[Iterable[str]], list[str]]) -> list[str]:
        return [self.snapshot.inherited_path(p) for p in pick(sorted(self.snapshot.inherited))]

    def text(self, path: str | None, out: dict[str, t.Any] | None = None) -> str | None:
        if path is None:
            return None
        if self.snapshot.too_large(path):
            self.problems.append({
                "source": self.source, "path": path, "line": None,
                "message": f"file too large ({self.snapshot.size(path):,} bytes, limit "
                           f"{self.snapshot.max_file_bytes:,}); not read"})
            if out is not None:
                out.update(readable=False, size=self.snapshot.size(path))
            return None
        data = self.snapshot.read(path)
        if data is None:
            # Skipped files are reported by the repository collector; files a remote source did
            # not fetch (or a corpus did not copy) are simply unknown.
            if out is not None:
                out["readable"] = False if path in self.snapshot.skipped else None
            return None
        if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
            self.problems.append({"source": self.source, "path": path, "line": None,
                                  "message": "binary file where text was expected; not read"})
            if out is not None:
                out.update(readable=False, size=len(data))
            return None
        if out is not None:
            out.update(readable=True, size=len(data))
        text = decode_text(data)
        if len(text) > MAX_PROSE_CHARS:
            # What a README or CONTRIBUTING says sits near the top; parsing megabytes of
            # Markdown would stall an organisation scan for nothing.
            text = text[: text.rfind("\n", 0, MAX_PROSE_CHARS) + 1 or MAX_PROSE_CHARS]
            if out is not None:
                out["truncated"] = True
        if any(len(line) > MAX_LINE_CHARS for line in text.split("\n")):
            text = "\n".join(line[:MAX_LINE_CHARS] for line in text.split("\n"))
            if out is not None:
                out["truncated"] = True
        return text

    def document(self, path: str | None, out: dict[str, t.Any] | None = None) -> Document | None:
        text = self.text(path, out)
        if text is None or not path:
            return None
        return self.analyse(path, parse, text, path, default=None, out=out)

    def analyse(self, path: str, work: t.Callable[..., T], *args: t.Any, default: T,
                out: dict[str, t.Any] | None = None) -> T:
        """``work(*args)`` on the file ``path`` within its budget; on failure, a problem is
        recorded, the file's section (``out``) says it could not be read, and ``default`` is
        returned."""
        try:
            return bounded(path, functools.partial(work, *args))
        except ParseError as exc:
            self.problems.append(exc.to_problem(self.source))
            if out is not None:
                out["readable"] = False
            return default
