"""The crawl's on-disk memory: one SQLite database under the user cache directory.

What it keeps is chosen so that a re-scan in which nothing moved costs the listing and nothing
else: blob contents by git object id (immutable), tree listings by tree id (immutable), REST
validators (ETag) with their bodies, facts by (repository, HEAD, metadata, civiscan version), and
the listing pages of an unfinished run for ``--resume``. Headers are never stored, so no token can
end up here. Concurrent runs share the file safely (WAL journal, busy timeout, one connection per
thread); a cache that cannot be opened degrades to memory, never to a failed scan.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import sqlite3
import threading
import typing as t
import zlib
from pathlib import Path

import platformdirs

log = logging.getLogger(__name__)

ENV_VAR = "CIVISCAN_CACHE_DIR"
FILE_NAME = "crawl.sqlite3"
#: Bump when a stored shape changes: an old database is then ignored, never misread.
SCHEMA_VERSION = 1

_TABLES = (
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS blobs (oid TEXT PRIMARY KEY, data BLOB NOT NULL)",
    "CREATE TABLE IF NOT EXISTS trees (key TEXT PRIMARY KEY, data BLOB NOT NULL)",
    "CREATE TABLE IF NOT EXISTS validators (url TEXT PRIMARY KEY, etag TEXT NOT NULL, "
    "body BLOB NOT NULL)",
    "CREATE TABLE IF NOT EXISTS facts (key TEXT PRIMARY KEY, data BLOB NOT NULL)",
    "CREATE TABLE IF NOT EXISTS checkpoints (run TEXT NOT NULL, seq INTEGER NOT NULL, "
    "data BLOB NOT NULL, PRIMARY KEY (run, seq))",
)


def default_cache_dir() -> Path:
    """``$CIVISCAN_CACHE_DIR``, else the platform's user cache directory (XDG on Linux)."""
    configured = os.environ.get(ENV_VAR)
    if configured:
        return Path(configured).expanduser()
    return Path(platformdirs.user_cache_dir("civiscan", appauthor=False))


def _pack(value: t.Any) -> bytes:
    return zlib.compress(json.dumps(value, separators=(",", ":")).encode(), 6)


def _unpack(data: bytes) -> t.Any:
    return json.loads(zlib.decompress(data))


class Cache:
    """Thread-safe access to the crawl database (``None`` path: memory only)."""

    def __init__(self, directory: Path | None) -> None:
        self.path: Path | None = None
        self.notice: str | None = None
        if directory is not None:
            try:
                directory.mkdir(parents=True, exist_ok=True)
                self.path = directory / FILE_NAME
                self._connect().close()
            except (OSError, sqlite3.Error) as exc:
                self.notice = f"cache {directory} not usable ({exc}); this run keeps it in memory"
                log.warning("%s", self.notice)
                self.path = None
        self._local = threading.local()
        # A memory database is private to its connection: share one, behind a lock.
        self._lock = threading.RLock()
        self._memory = self._connect() if self.path is None else None

    def _connect(self) -> sqlite3.Connection:
        target = str(self.path) if self.path is not None else ":memory:"
        conn = sqlite3.connect(target, timeout=30, check_same_thread=False, isolation_level=None)
        conn.execute("PRAGMA busy_timeout = 30000")
        if self.path is not None:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
        for statement in _TABLES:
            conn.execute(statement)
        row = conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        if row is None:
            conn.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
        elif row[0] != str(SCHEMA_VERSION):
            for table in ("blobs", "trees", "validators", "facts", "checkpoints"):
                conn.execute(f"DELETE FROM {table}")
            conn.execute("UPDATE meta SET value = ? WHERE key = 'schema'", (str(SCHEMA_VERSION),))
        return conn

    def _conn(self) -> sqlite3.Connection:
        if self._memory is not None:
            return self._memory
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._local.conn = self._connect()
        return conn

    def _run(self, sql: str, params: tuple[t.Any, ...] = ()) -> list[tuple[t.Any, ...]]:
        with self._lock if self._memory is not None else _NoLock():
            try:
                return self._conn().execute(sql, params).fetchall()
            except sqlite3.Error as exc:  # a cache fault costs a cache miss, never the scan
                log.debug("cache: %s failed: %s", sql.split()[0], exc)
                return []

    def _many(self, sql: str, rows: list[tuple[t.Any, ...]]) -> None:
        if not rows:
            return
        with self._lock if self._memory is not None else _NoLock():
            conn = self._conn()
            try:
                conn.execute("BEGIN IMMEDIATE")
                conn.executemany(sql, rows)
                conn.execute("COMMIT")
            except sqlite3.Error as exc:
                log.debug("cache: write failed: %s", exc)
                with contextlib.suppress(sqlite3.Error):
                    conn.execute("ROLLBACK")

    # Blobs, by git object id: the same content in many repositories is stored once.
    def blobs(self, oids: t.Iterable[str]) -> dict[str, bytes]:
        wanted = sorted(set(oids))
        found: dict[str, bytes] = {}
        for start in range(0, len(wanted), 500):
            chunk = wanted[start:start + 500]
            marks = ",".join("?" * len(chunk))
            for oid, data in self._run(f"SELECT oid, data FROM blobs WHERE oid IN ({marks})",
                                       tuple(chunk)):
                found[oid] = zlib.decompress(data)
        return found

    def put_blobs(self, blobs: dict[str, bytes]) -> None:
        self._many("INSERT OR REPLACE INTO blobs VALUES (?, ?)",
                   [(oid, zlib.compress(data, 6)) for oid, data in blobs.items()])

    # JSON documents under a key: trees, facts.
    def get(self, table: str, key: str) -> t.Any:
        assert table in ("trees", "facts")
        rows = self._run(f"SELECT data FROM {table} WHERE key = ?", (key,))
        return _unpack(rows[0][0]) if rows else None

    def put(self, table: str, key: str, value: t.Any) -> None:
        assert table in ("trees", "facts")
        self._many(f"INSERT OR REPLACE INTO {table} VALUES (?, ?)", [(key, _pack(value))])

    # Conditional REST requests.
    def validator(self, url: str) -> tuple[str, bytes] | None:
        rows = self._run("SELECT etag, body FROM validators WHERE url = ?", (url,))
        return (rows[0][0], zlib.decompress(rows[0][1])) if rows else None

    def put_validator(self, url: str, etag: str, body: bytes) -> None:
        self._many("INSERT OR REPLACE INTO validators VALUES (?, ?, ?)",
                   [(url, etag, zlib.compress(body, 6))])

    # Checkpoints: what an interrupted run had listed, so --resume does not list it again.
    def checkpoint(self, run: str) -> list[t.Any]:
        return [_unpack(data) for (data,) in
                self._run("SELECT data FROM checkpoints WHERE run = ? ORDER BY seq", (run,))]

    def add_checkpoint(self, run: str, seq: int, value: t.Any) -> None:
        self._many("INSERT OR REPLACE INTO checkpoints VALUES (?, ?, ?)", [(run, seq, _pack(value))])

    def clear_checkpoint(self, run: str) -> None:
        self._run("DELETE FROM checkpoints WHERE run = ?", (run,))


class _NoLock:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None
