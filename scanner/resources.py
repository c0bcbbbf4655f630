"""Where civiscan's packaged data lives (rules, report templates, schemas, vendored data)."""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable


def rules_root() -> Traversable:
    """The bundled ``rules/`` folder (shipped in the wheel as ``scanner.rules``)."""
    return resources.files("scanner.rules")


def reports_root() -> Traversable:
    """The bundled ``reports/`` folder (``scanner.reports``)."""
    return resources.files("scanner.reports")
