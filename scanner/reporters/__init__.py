"""Report formats. ``REPORTER_BY_NAME`` feeds ``--format``'s choices and help."""

from __future__ import annotations

from scanner.reporters.base import Reporter
from scanner.reporters.github import GithubReporter
from scanner.reporters.json import JsonReporter
from scanner.reporters.markdown import MarkdownReporter
from scanner.reporters.text import TextReporter

REPORTER_BY_NAME: dict[str, Reporter] = {
    r.name: r for r in (TextReporter(), JsonReporter(), MarkdownReporter(), GithubReporter())
}
