"""The history a shallow checkout lacks, from the forge's API.

``actions/checkout`` fetches one commit: a DCO sign-off rate over it means nothing. Where a GitHub
token is at hand and the checkout's remote is on that GitHub, one API request gives the recent
commit messages behind the checked-out commit; otherwise the history stays short and the
sign-off rule says why it gives no verdict. The API gives no file history: when the DCO was
introduced stays unknown there, and every recent commit counts.
"""

from __future__ import annotations

import logging
import os

from scanner.errors import CiviscanError
from scanner.snapshot import Snapshot
from scanner.sources.http import Policy

log = logging.getLogger(__name__)

#: Requests one fill-in may spend (one, plus a retry or two).
MAX_REQUESTS = 3


def fill_shallow_history(snapshot: Snapshot) -> bool:
    """Replace a shallow clone's commit log with the API's; ``True`` if it was done."""
    if not snapshot.shallow or not (os.environ.get("GITHUB_TOKEN") or os.environ.get("GH_TOKEN")):
        return False
    server = (os.environ.get("GITHUB_SERVER_URL") or "https://github.com").rstrip("/")
    url, full_name = snapshot.repo.url or "", snapshot.repo.full_name
    if not url.startswith(server + "/") or full_name.count("/") != 1:
        return False
    from scanner.sources.github import GitHubClient, GitHubForge  # requests: only when needed

    owner, name = full_name.split("/")
    try:
        client = GitHubClient.from_environment(Policy(max_requests=MAX_REQUESTS))
        commits = GitHubForge(client).recent_commits(owner, name, snapshot.repo.head or "HEAD")
    except CiviscanError as exc:
        log.info("shallow clone: the API gave no history for %s: %s", full_name, exc)
        return False
    snapshot.commit_log = commits
    snapshot.shallow = False
    # The checkout's own file history still stops at its one commit: when the DCO came in is not
    # known, so every recent commit counts (see the commits collector).
    snapshot.revisions = None
    return True
