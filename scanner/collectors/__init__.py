"""Collectors, run in this order; later ones may read the sections of earlier ones.

The commits collector follows the community one: sign-offs count from when the contribution
terms it found started asking for them. The licence collector runs last because it compares the
licence files with what publiccode.yml and the API descriptions declare.
"""

from __future__ import annotations

from scanner.collectors.api_specs import ApiSpecsCollector
from scanner.collectors.base import Collector
from scanner.collectors.commits import CommitsCollector
from scanner.collectors.community import CommunityCollector
from scanner.collectors.dependencies import DependenciesCollector
from scanner.collectors.licence import LicenceCollector
from scanner.collectors.publiccode import PubliccodeCollector
from scanner.collectors.repository import RepositoryCollector

COLLECTORS: list[Collector] = [
    RepositoryCollector(),
    PubliccodeCollector(),
    ApiSpecsCollector(),
    CommunityCollector(),
    CommitsCollector(),
    LicenceCollector(),
    DependenciesCollector(),
]
