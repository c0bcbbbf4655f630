"""Read a registry document from a file or a URL, within a size cap and a time limit.

Its own small HTTP client, apart from the forge clients on purpose: it never carries a forge
token (no ``Authorization`` header, no ``.netrc``: ``trust_env`` is off, proxies are taken from
the environment explicitly), follows at most :data:`MAX_REDIRECTS` redirects and checks each
hop (https, or plain http to a loopback host only), and stops reading one byte past the cap, so
a huge or endless answer (or a compression bomb: the cap counts decoded bytes) costs nothing.

The document is not cached: it is one request per run, it changes daily, and a stale copy
would hide a repository a startup has just declared.
"""

from __future__ import annotations

import time
import typing as t
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import requests
import urllib3

from scanner.registry.document import RegistryError

#: Largest registry read (beta.gouv.fr's v2.6 document is a few megabytes).
MAX_REGISTRY_BYTES = 32 * 1024 * 1024
#: Seconds to connect, and between two reads.
TIMEOUT_S = 30.0
#: Seconds for the whole document, however slowly it trickles in.
DEADLINE_S = 120.0
MAX_REDIRECTS = 3


def _allowed(url: str) -> bool:
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if parts.username is not None or parts.password is not None or not host:
        return False
    loopback = host in ("localhost", "::1") or host.startswith("127.")
    return parts.scheme == "https" or (parts.scheme == "http" and loopback)


def read_file(path: Path, *, limit: int = MAX_REGISTRY_BYTES) -> bytes:
    """The bytes of a registry file, refused past ``limit``."""
    try:
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise RegistryError(f"{path}: cannot read the registry: {exc.strerror}",
                            fr=f"{path} : impossible de lire le registre : {exc.strerror}") from None
    if len(data) > limit:
        raise RegistryError(f"{path}: the registry is larger than {limit // 1048576} MB; not read",
                            fr=f"{path} : le registre dépasse {limit // 1048576} Mo ; non lu")
    return data


def fetch_url(url: str, *, limit: int = MAX_REGISTRY_BYTES, timeout: float = TIMEOUT_S,
              deadline: float = DEADLINE_S, session: requests.Session | None = None) -> bytes:
    """The bytes of the document at ``url`` (a 200 answer), or a :class:`RegistryError`."""
    own = session is None
    http = session or requests.Session()
    http.trust_env = False  # no .netrc credentials, no environment CA or auth surprises
    try:
        return _fetch(http, url, limit, timeout, deadline)
    finally:
        if own:
            http.close()


def _fetch(http: requests.Session, url: str, limit: int, timeout: float, deadline: float) -> bytes:
    started = time.monotonic()
    current = url
    for _ in range(MAX_REDIRECTS + 1):
        if not _allowed(current):
            raise RegistryError(f"{url}: the registry must be read over https (refused: {current})",
                                fr=f"{url} : le registre doit être lu en https (refusé : {current})")
        try:
            response = http.get(current, timeout=timeout, stream=True, allow_redirects=False,
                                proxies=requests.utils.get_environ_proxies(current),
                                headers={"Accept": "application/json", "User-Agent": "civiscan"})
        except requests.RequestException as exc:
            raise RegistryError(f"{url}: the registry could not be fetched ({type(exc).__name__})",
                                fr=f"{url} : le registre n'a pas pu être récupéré "
                                   f"({type(exc).__name__})") from None
        with response:
            if response.is_redirect and response.headers.get("location"):
                current = urljoin(current, response.headers["location"])
                continue
            if response.status_code != 200:
                raise RegistryError(f"{url}: the registry host answered HTTP {response.status_code}",
                                    fr=f"{url} : l'hôte du registre a répondu HTTP "
                                       f"{response.status_code}")
            return _body(response, url, limit, started, deadline)
    raise RegistryError(f"{url}: more than {MAX_REDIRECTS} redirects; not followed",
                        fr=f"{url} : plus de {MAX_REDIRECTS} redirections ; non suivies")


def _body(response: requests.Response, url: str, limit: int, started: float,
          deadline: float) -> bytes:
    """Read as it arrives (``read1``: one receive at most per call), so the deadline is checked at
    least every ``timeout`` seconds even when the host sends one byte at a time."""
    chunks: list[bytes] = []
    total = 0
    raw = response.raw
    read = getattr(raw, "read1", None) or raw.read
    try:
        while chunk := read(65536, decode_content=True):
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise RegistryError(
                    f"{url}: the registry is larger than {limit // 1048576} MB; not read",
                    fr=f"{url} : le registre dépasse {limit // 1048576} Mo ; non lu")
            if time.monotonic() - started > deadline:
                raise RegistryError(f"{url}: the registry took more than {deadline:.0f} s to "
                                    "arrive; not read",
                                    fr=f"{url} : le registre a mis plus de {deadline:.0f} s à "
                                       "arriver ; non lu")
    except (requests.RequestException, urllib3.exceptions.HTTPError, OSError) as exc:
        raise RegistryError(f"{url}: the registry could not be read to its end "
                            f"({type(exc).__name__})",
                            fr=f"{url} : le registre n'a pas pu être lu jusqu'au bout "
                               f"({type(exc).__name__})") from None
    return b"".join(chunks)


def load(target: t.Any) -> tuple[bytes, str]:
    """The document a ``registry:`` target names, and the source reports show for it."""
    if target.url:
        return fetch_url(target.url), target.url
    return read_file(target.path), str(target.raw.strip()[len("registry:"):].strip())
