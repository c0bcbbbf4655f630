"""Web pages and stylesheets that a documentation build reads or writes, found by its commands.

A guide built with pandoc keeps its template (``--template=templates/mytemplate.html``), its
stylesheet (``-H templates/pandoc.css``) and often its output (``-o index.html``) beside the
chapters (LINCnil/Guide-RGPD-du-developpeur, README.md:97); a docsify site is one
``index.html`` whose script configures docsify. Those files present documents: they are no code
to install, run or secure. Only the HTML and stylesheets a documentation tool's command names
(or that sit in a folder it names, or beside docsify's configuration) are taken: a web
front-end's scripts stay code, and a page no documentation command names stays code too.
"""

from __future__ import annotations

import re
import shlex
import typing as t
from collections.abc import Mapping, Sequence

from scanner.licences.paths import extension, vendored

#: Presentation, not program: a documentation site's templates and stylesheets.
PRESENTATION = frozenset({"html", "htm", "css", "scss", "sass", "less"})
#: Programs that turn documents into pages or books (a command naming one is a documentation
#: build): converters (pandoc, Asciidoctor, Quarto, Marp) and documentation site generators.
BUILDERS = frozenset({"pandoc", "asciidoctor", "asciidoc", "a2x", "quarto", "marp", "mkdocs",
                      "sphinx-build", "jekyll", "mdbook", "hugo", "zola", "docsify", "honkit",
                      "gitbook", "antora", "bookdown"})
#: Files that may hold a build's commands (the README's instructions, a Makefile, a script, a
#: CI job, npm scripts) or docsify's configuration (an ``index.html`` at the root or in docs/).
_COMMAND_FILES = re.compile(
    r"^(?:docs?/)?(?:readme(?:[._-][^/]*)?|makefile|gnumakefile|[^/]+\.sh|package\.json"
    r"|index\.html?)$|^(?:scripts?/[^/]+\.sh|\.gitlab-ci\.ya?ml|\.github/workflows/[^/]+\.ya?ml)$",
    re.IGNORECASE)
MAX_COMMAND_FILES = 8
MAX_PAGE_BYTES = 64_000
_SEPARATORS = frozenset({"&&", "||", ";", "|", "&"})
_README = re.compile(r"^readme(?:[._-][^/]*)?$", re.IGNORECASE)
_SPAN = re.compile(r"`([^`]+)`")
_DOCSIFY = re.compile(r"window\.\$docsify\b|<script\b[^>]*\bsrc=[\"'][^\"']*docsify", re.IGNORECASE)


def command_files(paths: Sequence[str],
                  sizes: Mapping[str, int | None] | None = None) -> list[str]:
    """The files to read for a documentation build's commands, shallowest first. A page over
    ``MAX_PAGE_BYTES`` is a build's output, never docsify's configuration: not read."""
    found = sorted((p for p in paths if _COMMAND_FILES.match(p) and not vendored(p)
                    and not (extension(p) in ("html", "htm")
                             and ((sizes or {}).get(p) or 0) > MAX_PAGE_BYTES)),
                   key=lambda p: (p.count("/"), p))
    return found[:MAX_COMMAND_FILES]


def build_files(paths: Sequence[str], texts: Mapping[str, str]) -> dict[str, t.Any]:
    """``files``: the HTML and stylesheets of the listing that a documentation build names
    (template, stylesheet, output, or a folder holding them) or that sit beside docsify's
    configuration; ``commands``: where each build was found (path, line, tool)."""
    listed = set(paths)
    presentation = [p for p in paths if extension(p) in PRESENTATION and not vendored(p)]
    files: set[str] = set()
    commands: list[dict[str, t.Any]] = []
    for source in sorted(texts):
        folder = source.rsplit("/", 1)[0] + "/" if "/" in source else ""
        text = texts[source]
        if extension(source) in ("html", "htm"):
            match = _DOCSIFY.search(text)
            if match:  # docsify: this page is the site, its folder the documents' root
                commands.append({"path": source, "line": text.count("\n", 0, match.start()) + 1,
                                 "tool": "docsify"})
                files.update(p for p in presentation if p.startswith(folder))
            continue
        prose = _README.match(source.rsplit("/", 1)[-1]) is not None
        for number, line in _lines(_code_of(text) if prose else text):
            for tool, args in _invocations(line):
                commands.append({"path": source, "line": number, "tool": tool})
                files.update(_named(args, folder, listed, presentation))
    return {"files": sorted(files), "commands": commands[:20]}


def _code_of(text: str) -> str:
    """A README's commands: its fenced blocks, indented or prompted lines and inline code
    spans, each kept on its own line (prose naming a tool is no command)."""
    out = []
    fence = ""
    for line in text.splitlines():
        stripped = line.strip()
        marker = re.match(r"(`{3,}|~{3,})", stripped)
        if fence:
            if marker and stripped.startswith(fence):
                fence = ""
                out.append("")
            else:
                out.append(line)
        elif marker:
            fence = marker.group(1)
            out.append("")
        elif line.startswith(("    ", "\t")) or stripped.startswith("$ "):
            out.append(stripped.removeprefix("$ "))
        else:
            out.append(" ; ".join(_SPAN.findall(line)))
    return "\n".join(out)


def _lines(text: str) -> list[tuple[int, str]]:
    """Lines with their number, a line ending in a backslash joined to the next."""
    out: list[tuple[int, str]] = []
    pending, start = "", 0
    for number, line in enumerate(text.splitlines(), 1):
        if not pending:
            start = number
        if line.rstrip().endswith("\\"):
            pending += line.rstrip()[:-1] + " "
            continue
        out.append((start, pending + line))
        pending = ""
    if pending:
        out.append((start, pending))
    return out


def _invocations(line: str) -> list[tuple[str, list[str]]]:
    """Each documentation builder the line runs, with the words that follow it up to the next
    shell separator."""
    lowered = line.lower()
    if not any(tool in lowered for tool in BUILDERS):
        return []  # most lines: decided without splitting them
    try:
        words = shlex.split(line, comments=False)
    except ValueError:  # an unbalanced quote (prose): plain words
        words = line.split()
    found = []
    for index, word in enumerate(words):
        tool = word.rsplit("/", 1)[-1]
        if tool not in BUILDERS:
            continue
        args = []
        for arg in words[index + 1:]:
            if arg in _SEPARATORS:
                break
            args.append(arg)
        found.append((tool, args))
    return found


def _named(args: Sequence[str], folder: str, listed: set[str],
           presentation: Sequence[str]) -> set[str]:
    """Listed HTML and stylesheets the arguments name (``--template=x.html``, ``-H x.css``,
    ``-o index.html``), or that lie in a folder they name (never the repository's root)."""
    named: set[str] = set()
    for arg in args:
        value = arg.split("=", 1)[1] if arg.startswith("-") and "=" in arg else arg
        value = value.strip("\"'`,").removeprefix("./")
        if not value or value.startswith("-") or value in (".", "/") or ".." in value:
            continue
        for candidate in dict.fromkeys((value, folder + value)):
            if candidate in listed:
                if extension(candidate) in PRESENTATION:
                    named.add(candidate)
            else:
                inside = candidate.rstrip("/") + "/"
                named.update(p for p in presentation if p.startswith(inside))
    return named
