"""Report formats. ``REPORTER_BY_NAME`` feeds ``--format``'s choices and help."""

from __future__ import annotations

from scanner.reporters.badge import BadgeReporter
from scanner.reporters.base import Reporter
from scanner.reporters.codequality import CodeQualityReporter
from scanner.reporters.csv import CsvReporter
from scanner.reporters.github import GithubReporter
from scanner.reporters.html import HtmlReporter
from scanner.reporters.json import JsonReporter
from scanner.reporters.markdown import MarkdownReporter
from scanner.reporters.sarif import SarifReporter
from scanner.reporters.text import TextReporter

REPORTER_BY_NAME: dict[str, Reporter] = {
    r.name: r for r in (TextReporter(), JsonReporter(), MarkdownReporter(), GithubReporter(),
                        HtmlReporter(), SarifReporter(), CodeQualityReporter(), CsvReporter(),
                        BadgeReporter())
}
