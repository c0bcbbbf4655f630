"""Tokens never reach an output: reports, messages, log lines and written files are redacted here.

Defence in depth. Sources must not put a token in facts in the first place (a remote URL's
credentials are dropped where it is read), but whatever slips through — a token in a remote's
query string, an exception quoting a URL, a value pasted in a configuration file — is replaced
by ``***`` before anything is shown or written. Three kinds are recognised: the values of the
environment's token variables, the shapes of GitHub and GitLab tokens, and the credentials of a
URL (user-info, and query parameters named like a secret).
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import os
import re
import typing as t

MASK = "***"
#: Environment variables that hold a secret: GitHub/GitLab CI's own and anything named like one
#: (``CIVISCAN_GITHUB_TOKEN``, ``ACTIONS_RUNTIME_TOKEN``, ``CI_JOB_TOKEN``...), matched on the
#: upper-cased name (this runs for every string shown: a case-insensitive regex is much slower).
_SECRET_NAME = re.compile("TOKEN|SECRET|PASSW|CREDENTIAL|API_?KEY|PRIVATE_KEY")
#: Shorter values are not redacted: masking every "abc" of a report would hide more than it saves.
MIN_SECRET_CHARS = 8
_TOKEN_SHAPES = (
    r"\b(?:gh[pousr]_[A-Za-z0-9]{16,}"  # GitHub classic, OAuth, user, server, refresh tokens
    r"|github_pat_[A-Za-z0-9_]{16,}"  # GitHub fine-grained tokens
    r"|gl(?:pat|oas|dt|rt|rtr|cbt|ptt|ft|imt|agent|soat|ffct|wt)-[A-Za-z0-9_.-]{16,}"  # GitLab
    r"|GR1348941[A-Za-z0-9_-]{16,})"  # GitLab runner registration tokens
)
#: ``scheme://user:password@host`` (or ``scheme://token@host``): the user-info goes.
_USERINFO = r"(?<=://)(?P<userinfo>[^\s/?#@]+)@"
#: ``?access_token=…``, ``&private_token=…``, ``?X-Amz-Signature=…``: the value goes.
_QUERY_SECRET = (r"(?<=[?&;])(?P<name>(?:[\w.-]*[_.-])?(?i:access_token|token|secret|password"
                 r"|passwd|pwd|key|apikey|sig|signature|credentials?|auth)(?:[_.-][\w.-]*)?)"
                 r"=[^\s&#;]+")


def environment_secrets() -> frozenset[str]:
    """The values of the environment's token variables, now (tests and CI set them late)."""
    named = [name for name in os.environ if _SECRET_NAME.search(name.upper())]
    return frozenset(value for value in map(os.environ.__getitem__, named)
                     if len(value) >= MIN_SECRET_CHARS)


@functools.lru_cache(maxsize=8)
def _pattern(known: frozenset[str]) -> re.Pattern[str]:
    # Longest first, so a token containing another is masked whole.
    values = [re.escape(v) for v in sorted(known, key=len, reverse=True)]
    return re.compile("|".join([*values, _TOKEN_SHAPES, _USERINFO, _QUERY_SECRET]))


def _mask(match: re.Match[str]) -> str:
    if match.group("userinfo"):
        return f"{MASK}@"
    if match.group("name"):
        return f"{match.group('name')}={MASK}"
    return MASK


_HELD: contextvars.ContextVar[t.Callable[[str], str] | None] = contextvars.ContextVar(
    "civiscan_redactor", default=None)


def redactor() -> t.Callable[[str], str]:
    """A function masking every recognised secret (build it once to redact many strings)."""
    held = _HELD.get()
    if held is not None:
        return held
    pattern = _pattern(environment_secrets())
    return functools.partial(pattern.sub, _mask)


@contextlib.contextmanager
def one_redactor() -> t.Iterator[None]:
    """Within the block, every redaction uses the secrets known when it began: a report of
    thousands of strings reads the environment once, not once a string."""
    token = _HELD.set(redactor())
    try:
        yield
    finally:
        _HELD.reset(token)


def redact(text: str) -> str:
    """``text`` with every recognised secret replaced by ``***``."""
    return redactor()(text)
