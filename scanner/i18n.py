"""Report chrome in English and French (rule texts carry their own translations)."""

from __future__ import annotations

LANGUAGES = ("en", "fr")

CHROME: dict[str, dict[str, str]] = {
    "title": {"en": "civiscan scorecard", "fr": "Bilan civiscan"},
    "score": {"en": "score", "fr": "score"},
    "grade": {"en": "grade", "fr": "note"},
    "no_score": {"en": "no score", "fr": "pas de score"},
    "could_not_scan": {"en": "could not be scanned", "fr": "n'a pas pu être analysé"},
    "to_fix": {"en": "To fix", "fr": "À corriger"},
    "to_review": {"en": "To review", "fr": "À vérifier"},
    "waived": {"en": "Waived", "fr": "Dérogations"},
    "waived_until": {"en": "waived until {expires} by {approved_by}: {justification}",
                     "fr": "dérogation jusqu'au {expires}, accordée par {approved_by} : "
                           "{justification}"},
    "errors": {"en": "Rule errors", "fr": "Erreurs d'évaluation"},
    "passed": {"en": "{count} rule(s) passed, {na} not applicable",
               "fr": "{count} règle(s) respectée(s), {na} sans objet"},
    "how": {"en": "how", "fr": "comment"},
    "evidence": {"en": "evidence", "fr": "preuve"},
    "notices": {"en": "Notices", "fr": "Avertissements"},
    "problems": {"en": "Unreadable files", "fr": "Fichiers illisibles"},
    "summary": {"en": "{scanned} of {total} repositories scanned, mean score {mean}",
                "fr": "{scanned} dépôt(s) analysé(s) sur {total}, score moyen {mean}"},
    "category.licensing": {"en": "Licensing", "fr": "Licence"},
    "category.contributing": {"en": "Contributing", "fr": "Contribution"},
    "category.publication": {"en": "Publication", "fr": "Publication"},
    "category.api": {"en": "API", "fr": "API"},
    "category.hygiene": {"en": "Hygiene", "fr": "Hygiène"},
    "severity.error": {"en": "error", "fr": "erreur"},
    "severity.warning": {"en": "warning", "fr": "avertissement"},
    "severity.info": {"en": "info", "fr": "info"},
}


def tr(key: str, language: str, **values: object) -> str:
    """The chrome string ``key`` in ``language`` (English if missing), formatted with values."""
    texts = CHROME[key]
    return texts.get(language, texts["en"]).format(**values)
