"""Collectors, run in this order; later ones may read the sections of earlier ones."""

from __future__ import annotations

from scanner.collectors.base import Collector

COLLECTORS: list[Collector] = []
