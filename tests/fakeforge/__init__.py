"""A local fake GitHub and GitLab (REST and GraphQL) for testing and benchmarking the crawler.

See README.md beside this file.
"""

from tests.fakeforge.faults import (
                                   PAST_HTTP_DATE,
                                   Fault,
                                   FaultPlan,
                                   Killer,
                                   Rule,
                                   VirtualTime,
                                   every_fault,
                                   http_date_in,
)
from tests.fakeforge.model import (
                                   DEFAULT_COMMITS,
                                   FakeRepo,
                                   Forge,
                                   GitHubOwner,
                                   GitLabGroup,
                                   GitLabUser,
                                   materialise,
                                   repo_from_folder,
                                   synthetic_org,
)
from tests.fakeforge.server import FakeForge, Limits, LoggedRequest, Stats

__all__ = [
    "DEFAULT_COMMITS", "PAST_HTTP_DATE", "FakeForge", "FakeRepo", "Fault", "FaultPlan", "Forge",
    "GitHubOwner", "GitLabGroup", "GitLabUser", "Killer", "Limits", "LoggedRequest", "Rule", "Stats",
    "VirtualTime",
    "every_fault", "http_date_in", "materialise", "repo_from_folder", "synthetic_org",
]
