"""Read a stored run document (``civiscan scan --format json``) back, and re-localise it."""

from __future__ import annotations

import typing as t
from pathlib import Path

from scanner import schemas
from scanner.errors import ParseError, UsageError
from scanner.parsing import load_json
from scanner.run import RUN_SCHEMA_VERSION

#: Schema errors quoted before "and N more".
_SHOWN = 3


def read_run(path: Path) -> dict[str, t.Any]:
    """The run document in ``path``, checked against the published run schema; a clear usage
    error naming the file otherwise."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise UsageError(f"{path}: cannot read the run document: {reason}",
                         fr=f"{path} : impossible de lire le document de run : {reason}") from None
    try:
        run = load_json(data, path=str(path)).value
    except ParseError as exc:
        raise UsageError(f"{exc}: not a JSON run document",
                         fr=f"{exc} : ce n'est pas un document de run JSON") from None
    if not isinstance(run, dict) or "scorecards" not in run or "schema_version" not in run:
        raise UsageError(f"{path}: not a civiscan run document (write one with civiscan scan "
                         "--format json)",
                         fr=f"{path} : ce n'est pas un document de run civiscan (produit par "
                            "civiscan scan --format json)")
    if run["schema_version"] != RUN_SCHEMA_VERSION:
        raise UsageError(
            f"{path}: run document schema_version {run['schema_version']!r}; this civiscan reads "
            f"version {RUN_SCHEMA_VERSION}",
            fr=f"{path} : document de run en version de schéma {run['schema_version']!r} ; ce "
               f"civiscan lit la version {RUN_SCHEMA_VERSION}")
    problems = [] if schemas.is_valid("run", run) else schemas.errors("run", run)
    if problems:
        more = len(problems) - _SHOWN
        listed = "; ".join(problems[:_SHOWN])
        raise UsageError(
            f"{path}: invalid run document: {listed}" + (f" (and {more} more)" if more > 0 else ""),
            fr=f"{path} : document de run invalide : {listed}"
               + (f" (et {more} de plus)" if more > 0 else ""))
    return run


def relocalise(run: dict[str, t.Any], language: str) -> dict[str, t.Any]:
    """The run with its findings' texts in ``language`` (each finding carries both): a stored
    run re-renders in either language. Error and notice texts stay as they were written."""
    if run.get("language") == language:
        return run
    result = dict(run, language=language)
    cards = []
    for card in run["scorecards"]:
        findings = []
        for finding in card["findings"]:
            texts = finding.get("i18n", {}).get(language)
            findings.append(dict(finding, **{k: texts[k] for k in ("title", "message", "remediation")
                                             if k in texts}) if texts else finding)
        cards.append(dict(card, findings=findings))
    result["scorecards"] = cards
    return result
