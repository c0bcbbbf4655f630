"""Where civiscan's packaged data lives (rules, report templates, schemas, vendored data)."""

from __future__ import annotations

import sys
from importlib import resources

if sys.version_info >= (3, 11):
    from importlib.resources.abc import Traversable
else:  # pragma: no cover - Python 3.10
    from importlib.abc import Traversable

__all__ = ["Traversable", "reports_root", "rules_root"]


def rules_root() -> Traversable:
    """The bundled ``rules/`` folder (shipped in the wheel as ``scanner.rules``)."""
    return resources.files("scanner.rules")


def reports_root() -> Traversable:
    """The bundled ``reports/`` folder (``scanner.reports``)."""
    return resources.files("scanner.reports")
