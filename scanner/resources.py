"""Where civiscan's packaged data lives (rules, report templates).

Installed, ``rules/`` and ``reports/`` are the ``scanner.rules`` and ``scanner.reports`` packages
of the wheel. Run from a source checkout (tests put the checkout first on ``sys.path``), those
packages do not exist under ``scanner/``, so the top-level folders are used directly.
"""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path

if sys.version_info >= (3, 11):
    from importlib.resources.abc import Traversable
else:  # pragma: no cover - Python 3.10
    from importlib.abc import Traversable

__all__ = ["Traversable", "reports_root", "rules_root"]

_SOURCE_ROOT = Path(__file__).resolve().parent.parent


def _packaged(package: str, folder: str) -> Traversable:
    try:
        return resources.files(package)
    except ModuleNotFoundError:
        return _SOURCE_ROOT / folder


def rules_root() -> Traversable:
    """The bundled ``rules/`` folder."""
    return _packaged("scanner.rules", "rules")


def reports_root() -> Traversable:
    """The bundled ``reports/`` folder (templates and assets)."""
    return _packaged("scanner.reports", "reports")
