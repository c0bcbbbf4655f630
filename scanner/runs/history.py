"""``--history DIR``: every run kept as a dated run document, read back as trends.

A history file that cannot be read costs that file only: it is left out of the trends and named
in a notice.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
import typing as t
from dataclasses import dataclass, field
from pathlib import Path

from scanner.errors import CiviscanError, UsageError
from scanner.parsing import load_json
from scanner.reporters.base import to_json

#: Trends show at most this many runs, the latest ones.
MAX_POINTS = 100
PREFIX = "run-"


@dataclass(frozen=True)
class Point:
    """One run, as trends need it."""

    when: str
    mean: float | None
    scanned: int
    grades: dict[str, int]
    #: Repository full name -> score (None when not scored or not scanned).
    scores: dict[str, float | None]


@dataclass
class History:
    """Runs oldest first; the run being reported is the last one."""

    points: list[Point] = field(default_factory=list)
    #: (English, French) texts naming the history files left out.
    notices: list[tuple[str, str]] = field(default_factory=list)

    def series(self, name: str) -> list[tuple[str, float | None]]:
        """A repository's score in each run that scanned it."""
        return [(p.when, p.scores[name]) for p in self.points if name in p.scores]

    def previous(self, name: str) -> float | None:
        """The repository's score in the run before the last one, if it was scored there."""
        for point in reversed(self.points[:-1]):
            if name in point.scores:
                return point.scores[name]
        return None


def _stamp(finished_at: str) -> str:
    try:
        when = dt.datetime.fromisoformat(finished_at)
    except (TypeError, ValueError):
        when = dt.datetime.now(dt.timezone.utc)
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    return when.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H%M%SZ")


def _folder(folder: Path) -> Path:
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder}: --history needs a folder, this is a file",
                         fr=f"{folder} : --history attend un dossier, ceci est un fichier")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise UsageError(f"{folder}: cannot create the history folder: {reason}",
                         fr=f"{folder} : impossible de créer le dossier d'historique : {reason}"
                         ) from None
    return folder


def keep(run: dict[str, t.Any], folder: Path) -> Path:
    """Store ``run`` as ``DIR/run-<finished, UTC>.json`` (atomically); a run already kept there
    (``report --history`` on a stored run) is not stored twice."""
    folder = _folder(folder)
    text = to_json(run) + "\n"
    stamp = _stamp(run.get("finished_at", ""))
    for attempt in range(1, 100):
        path = folder / f"{PREFIX}{stamp}{'' if attempt == 1 else f'-{attempt}'}.json"
        if not path.exists():
            break
        if path.read_text("utf-8", errors="replace") == text:
            return path
    descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=".run-", suffix=".tmp")
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(temporary, path)
    except OSError as exc:
        if os.path.exists(temporary):
            os.unlink(temporary)
        reason = exc.strerror or str(exc)
        raise CiviscanError(f"{path}: cannot keep the run in the history: {reason}",
                            fr=f"{path} : impossible de garder le run dans l'historique : "
                               f"{reason}") from None
    return path


def point(run: dict[str, t.Any]) -> Point:
    """What trends keep of a run (raises KeyError/TypeError on a document of another shape)."""
    scores = {c["repository"]["full_name"]: c["score"] for c in run["scorecards"]
              if c.get("kind", "repository") == "repository"}
    summary = run["summary"]
    return Point(str(run["finished_at"]), summary["mean_score"], int(summary["scanned"]),
                 dict(summary.get("grades", {})), scores)


def load(folder: Path, current: dict[str, t.Any]) -> History:
    """The history in ``folder`` up to ``current`` (which ends it, whether kept there or not)."""
    history = History()
    paths = sorted(folder.glob(f"{PREFIX}*.json")) if folder.is_dir() else []
    found: list[Point] = []
    for path in paths:
        try:
            run = load_json(path.read_bytes(), path=str(path)).value
            found.append(point(run))
        except (CiviscanError, OSError, KeyError, TypeError, ValueError) as exc:
            reason = exc.text("en") if isinstance(exc, CiviscanError) else type(exc).__name__
            history.notices.append((f"{path}: left out of the trends: {reason}",
                                    f"{path} : écarté des tendances : {reason}"))
    now = point(current)
    found = [p for p in found if p.when != now.when]
    found.sort(key=lambda p: p.when)
    history.points = [*found[-(MAX_POINTS - 1):], now]
    return history


def dump(history: History) -> str:
    """The trends as JSON (HTML embeds it)."""
    return json.dumps([{"when": p.when, "mean": p.mean, "scanned": p.scanned} for p in history.points])
