"""Report chrome in English and French (rule texts carry their own translations)."""

from __future__ import annotations

import os

Text = tuple[str, str]
"""A message in English and French."""

LANGUAGES = ("en", "fr")


def default_language() -> str:
    """French when the environment says so (``CIVISCAN_LANG``, then ``LANG``), else English."""
    lang = os.environ.get("CIVISCAN_LANG") or os.environ.get("LANG") or ""
    return "fr" if lang.lower().startswith("fr") else "en"

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
    "proposed": {"en": "Proposed waivers, not applied", "fr": "Dérogations proposées, non appliquées"},
    "proposed_waiver": {"en": "{rule}: until {expires}, by {approved_by}: {justification}",
                        "fr": "{rule} : jusqu'au {expires}, par {approved_by} : {justification}"},
    "proposed.not_allowed": {
        "en": "a repository's own waivers apply only where the trusted configuration (--config) "
              "sets repository_waivers: allow",
        "fr": "les dérogations d'un dépôt ne s'appliquent que si la configuration de confiance "
              "(--config) indique repository_waivers: allow"},
    "proposed.too_long": {
        "en": "it ends after {latest}, later than a repository's own waiver may run "
              "(repository_waiver_max_days)",
        "fr": "elle se termine après le {latest}, plus tard que ne peut durer une dérogation "
              "propre au dépôt (repository_waiver_max_days)"},
    "errors": {"en": "Rule errors", "fr": "Erreurs d'évaluation"},
    "passed": {"en": "{count} rule(s) passed, {na} not applicable",
               "fr": "{count} règle(s) respectée(s), {na} sans objet"},
    "how": {"en": "how", "fr": "comment"},
    "evidence": {"en": "evidence", "fr": "preuve"},
    "notices": {"en": "Notices", "fr": "Avertissements"},
    "notice.folder": {
        "en": "folder {folder} of the checkout {checkout} scanned: its commit history, and its "
              "licence where the folder has none of its own, are the checkout's",
        "fr": "dossier {folder} du dépôt {checkout} analysé : son historique de commits, et sa "
              "licence si le dossier n'en a pas, sont ceux du dépôt"},
    "notice.folder.unnamed": {
        "en": "folder {folder} of its checkout scanned: its commit history, and its licence "
              "where the folder has none of its own, are the checkout's",
        "fr": "dossier {folder} de son dépôt analysé : son historique de commits, et sa licence "
              "si le dossier n'en a pas, sont ceux du dépôt"},
    "problems": {"en": "Unreadable files", "fr": "Fichiers illisibles"},
    "summary": {"en": "{scanned} of {total} repositories scanned, mean score {mean}",
                "fr": "{scanned} dépôt(s) analysé(s) sur {total}, score moyen {mean}"},
    "startup.open": {"en": "open code", "fr": "code ouvert"},
    "startup.closed": {"en": "no open code", "fr": "pas de code ouvert"},
    "startup.unknown": {"en": "open code not known", "fr": "ouverture du code inconnue"},
    "startup.no_phase": {"en": "no current phase", "fr": "pas de phase en cours"},
    "startup.code": {"en": "code", "fr": "code"},
    "startup.phase": {"en": "phase", "fr": "phase"},
    "startup.startup": {"en": "startup", "fr": "startup"},
    "startup.findings": {"en": "findings", "fr": "constats"},
    "group.none": {"en": "No incubator named", "fr": "Sans incubateur indiqué"},
    "group.other": {"en": "Repositories reached otherwise", "fr": "Dépôts atteints autrement"},
    "group.startups": {"en": "{count} startup(s): {closed} without open code, {open} with open "
                             "code, {compliant} compliant (grade A or B)",
                       "fr": "{count} startup(s) : {closed} sans code ouvert, {open} avec code "
                             "ouvert, {compliant} conforme(s) (note A ou B)"},
    "group.repositories": {"en": "{count} repository(ies): grades {grades}, mean score {mean}",
                           "fr": "{count} dépôt(s) : notes {grades}, score moyen {mean}"},
    "registry.summary": {"en": "Startups: {declared} declared, {with_repository} name a repository, "
                               "{with_open_code} with open code, {compliant} compliant (grade A "
                               "or B)",
                         "fr": "Startups : {declared} déclarée(s), {with_repository} indiquent un "
                               "dépôt, {with_open_code} avec code ouvert, {compliant} conforme(s) "
                               "(note A ou B)"},
    "registry.phase": {"en": "{phase}: {declared} declared, {with_repository} name a repository, "
                             "{with_open_code} with open code, {compliant} compliant",
                       "fr": "{phase} : {declared} déclarée(s), {with_repository} indiquent un "
                             "dépôt, {with_open_code} avec code ouvert, {compliant} conforme(s)"},
    "registry.unreadable": {"en": "{count} registry entry(ies) could not be read",
                            "fr": "{count} entrée(s) du registre illisible(s)"},
    "count.declared": {"en": "declared", "fr": "déclarées"},
    "count.with_repository": {"en": "name a repository", "fr": "indiquent un dépôt"},
    "count.with_open_code": {"en": "with open code", "fr": "avec code ouvert"},
    "count.compliant": {"en": "compliant", "fr": "conformes"},
    "category.licensing": {"en": "Licensing", "fr": "Licence"},
    "category.contributing": {"en": "Contributing", "fr": "Contribution"},
    "category.publication": {"en": "Publication", "fr": "Publication"},
    "category.api": {"en": "API", "fr": "API"},
    "category.hygiene": {"en": "Hygiene", "fr": "Hygiène"},
    "severity.error": {"en": "error", "fr": "erreur"},
    "severity.warning": {"en": "warning", "fr": "avertissement"},
    "severity.info": {"en": "info", "fr": "info"},
    "rule.category": {"en": "category", "fr": "catégorie"},
    "rule.severity": {"en": "severity", "fr": "gravité"},
    "rule.weight": {"en": "weight", "fr": "poids"},
    "rule.lifecycle": {"en": "lifecycle", "fr": "cycle de vie"},
    "rule.effort": {"en": "effort", "fr": "effort"},
    "rule.when": {"en": "applies when", "fr": "s'applique si"},
    "rule.check": {"en": "check", "fr": "vérification"},
    "rule.review": {"en": "review when", "fr": "à vérifier par une personne si"},
    "rule.outcomes": {"en": "outcomes (by the facts)", "fr": "issues (selon les faits)"},
    "rule.remediation": {"en": "remediation", "fr": "correction"},
    "rule.fix": {"en": "fix: civiscan fix {action}", "fr": "correction automatique : civiscan fix {action}"},
    "rule.references": {"en": "references", "fr": "références"},
    "rule.source": {"en": "source", "fr": "fichier"},
    "rule.experimental": {"en": "(experimental)", "fr": "(expérimentale)"},
    "rule.startup_scope": {"en": "(startup)", "fr": "(startup)"},
    "rule.scope": {"en": "judges", "fr": "juge"},
    "scope.repository": {"en": "each repository", "fr": "chaque dépôt"},
    "scope.startup": {"en": "each startup of a registry", "fr": "chaque startup d'un registre"},
    "colon": {"en": ": ", "fr": " : "},
    "scanning": {"en": "civiscan: scanning {name}…", "fr": "civiscan : analyse de {name}…"},
    "progress.repos": {"en": "{done}/{total} repositories", "fr": "{done}/{total} dépôts"},
    "progress.requests": {"en": "{count} requests", "fr": "{count} requêtes"},
    "progress.rate_left": {"en": "rate limit {count} left", "fr": "quota restant {count}"},
    "progress.eta": {"en": "ETA {eta}", "fr": "fin dans {eta}"},
    "progress.waiting": {"en": "waiting {seconds} s: {reason}",
                         "fr": "attente de {seconds} s : {reason}"},
    "lifecycle.experimental": {"en": "experimental", "fr": "expérimentale"},
    "lifecycle.stable": {"en": "stable", "fr": "stable"},
    "lifecycle.deprecated": {"en": "deprecated", "fr": "obsolète"},
    "effort.low": {"en": "low", "fr": "faible"},
    "effort.medium": {"en": "medium", "fr": "moyen"},
    "effort.high": {"en": "high", "fr": "élevé"},
    # Organisation roll-up (text, Markdown, HTML)
    "rollup.title": {"en": "Organisation roll-up: {count} repositories, lowest score first",
                     "fr": "Vue d'ensemble : {count} dépôt(s), du score le plus bas au plus haut"},
    "rollup.repository": {"en": "repository", "fr": "dépôt"},
    "rollup.next": {"en": "next step", "fr": "prochaine étape"},
    "rollup.delta": {"en": "change", "fr": "évolution"},
    "next": {"en": "Next: fix {rules} to reach {grade} ({score})",
             "fr": "Prochaine étape : corriger {rules} pour atteindre {grade} ({score})"},
    "plan": {"en": "fix {count} to reach {grade} ({score})",
             "fr": "corriger {count} règle(s) pour atteindre {grade} ({score})"},
    "gain": {"en": "{rule} (+{points})", "fr": "{rule} (+{points})"},
    "repositories": {"en": "repositories", "fr": "dépôts"},
    "rule": {"en": "rule", "fr": "règle"},
    "rule.what": {"en": "what it asks", "fr": "ce qu'elle demande"},
    "most_failed": {"en": "Most failed rules", "fr": "Règles le plus souvent en échec"},
    "startups.without_code": {"en": "Startups without open code", "fr": "Startups sans code ouvert"},
    "startup": {"en": "startup", "fr": "startup"},
    "phase": {"en": "phase", "fr": "phase"},
    "topic": {"en": "topic", "fr": "thème"},
    "archived": {"en": "archived", "fr": "archivé"},
    "error": {"en": "error", "fr": "erreur"},
    "yes": {"en": "yes", "fr": "oui"},
    "no": {"en": "no", "fr": "non"},
    "trend": {"en": "Trend", "fr": "Tendance"},
    "trend.when": {"en": "run", "fr": "run"},
    "trend.mean": {"en": "mean score", "fr": "score moyen"},
    "trend.scanned": {"en": "scanned", "fr": "analysés"},
    "trend.grades": {"en": "grades", "fr": "notes"},
    "trend.left_out": {"en": "history files left out", "fr": "fichiers d'historique écartés"},
    # report diff
    "diff.title": {"en": "civiscan: what changed", "fr": "civiscan : ce qui a changé"},
    "diff.compared": {"en": "From the run of {before} to the run of {after}: mean score {old} → {new}",
                      "fr": "Du run du {before} au run du {after} : score moyen {old} → {new}"},
    "diff.rules_differ": {
        "en": "The two runs used different rules ({before} → {after}): some changes come from the "
              "rules, not from the repositories.",
        "fr": "Les deux runs n'ont pas utilisé les mêmes règles ({before} → {after}) : une partie "
              "des changements vient des règles, pas des dépôts."},
    "diff.regressed": {"en": "Regressed", "fr": "En recul"},
    "diff.improved": {"en": "Improved", "fr": "En progrès"},
    "diff.changed": {"en": "Score changed", "fr": "Score modifié"},
    "diff.added": {"en": "New", "fr": "Nouveaux"},
    "diff.removed": {"en": "No longer in the run", "fr": "Absents du nouveau run"},
    "diff.nothing": {"en": "Nothing changed.", "fr": "Aucun changement."},
    "diff.lost": {"en": "could no longer be scanned", "fr": "n'a plus pu être analysé"},
    "status.pass": {"en": "pass", "fr": "respectée"},
    "status.fail": {"en": "fail", "fr": "échec"},
    "status.review": {"en": "to review", "fr": "à vérifier"},
    "status.not_applicable": {"en": "not applicable", "fr": "sans objet"},
    "status.error": {"en": "error", "fr": "erreur"},
    "status.waived": {"en": "waived", "fr": "dérogation"},
    "status.none": {"en": "not evaluated", "fr": "non évaluée"},
    # HTML report
    "html.overview": {"en": "Overview", "fr": "Vue d'ensemble"},
    "html.grades": {"en": "Grade distribution", "fr": "Répartition des notes"},
    "html.pass_rates": {"en": "Pass rate by category", "fr": "Taux de réussite par catégorie"},
    "html.pass_rates_note": {"en": "share of the rule checks (passed, failed, to review) that pass",
                             "fr": "part des vérifications (respectées, en échec, à vérifier) "
                                   "respectées"},
    "html.repositories": {"en": "Repositories", "fr": "Dépôts"},
    "html.search": {"en": "Search a name, a description, a topic",
                    "fr": "Rechercher un nom, une description, un thème"},
    "html.all": {"en": "all", "fr": "tous"},
    "html.errors_only": {"en": "could not be scanned", "fr": "non analysés"},
    "html.shown": {"en": "{count} of {total} shown", "fr": "{count} sur {total} affichés"},
    "html.page": {"en": "page {page} of {pages}", "fr": "page {page} sur {pages}"},
    "html.previous": {"en": "Previous", "fr": "Précédente"},
    "html.next": {"en": "Next", "fr": "Suivante"},
    "html.per_page": {"en": "per page", "fr": "par page"},
    "html.back": {"en": "Back to the table", "fr": "Retour au tableau"},
    "html.passed": {"en": "Passed", "fr": "Respectées"},
    "html.not_applicable": {"en": "Not applicable", "fr": "Sans objet"},
    "html.description": {"en": "description", "fr": "description"},
    "html.open": {"en": "open the repository", "fr": "ouvrir le dépôt"},
    "html.docs": {"en": "rule documentation", "fr": "documentation de la règle"},
    "html.generated": {"en": "Run finished {date} · civiscan {version} · ruleset {ruleset}",
                       "fr": "Run terminé le {date} · civiscan {version} · règles {ruleset}"},
    "html.trend_mean": {"en": "Mean score, run after run", "fr": "Score moyen, run après run"},
    "html.trend_repo": {"en": "Score, run after run", "fr": "Score, run après run"},
    "html.incubators": {"en": "Incubators", "fr": "Incubateurs"},
    "html.incubator": {"en": "incubator", "fr": "incubateur"},
    "html.startups": {"en": "startups", "fr": "startups"},
    "html.no_match": {"en": "No repository matches these filters.",
                      "fr": "Aucun dépôt ne correspond à ces filtres."},
    "html.noscript": {"en": "The table and the details need JavaScript; this overview does not.",
                      "fr": "Le tableau et le détail demandent JavaScript ; cette vue d'ensemble, non."},
    "html.kind.startup": {"en": "startup card", "fr": "bilan de startup"},
    "html.details": {"en": "details", "fr": "détail"},
    "html.mean": {"en": "mean score", "fr": "score moyen"},
    "html.scanned": {"en": "scanned", "fr": "analysés"},
    "html.not_scanned": {"en": "not scanned", "fr": "non analysés"},
}


def tr(key: str, language: str, **values: object) -> str:
    """The chrome string ``key`` in ``language`` (English if missing), formatted with values."""
    texts = CHROME[key]
    return texts.get(language, texts["en"]).format(**values)


def number(value: int, language: str) -> str:
    """``value`` with thousands grouped as the language writes them (1,000 / 1 000)."""
    grouped = f"{value:,}"
    return grouped.replace(",", "\u202f") if language == "fr" else grouped


def others(count: int, language: str, noun: tuple[str, str] | None = None) -> str:
    """"3 more" / « 3 autres », agreed in number (« 1 autre », "1 more licence"): a count of
    what a list left out, in either language; ``noun`` is its (singular, plural) in that
    language."""
    word = {"en": ("more", "more"), "fr": ("autre", "autres")}.get(language, ("more", "more"))
    text = f"{count} {word[count > 1]}"
    return f"{text} {noun[count > 1]}" if noun else text
