"""Retired repositories (issue 9, audit H): a README that opens by saying the repository is
archived, migrated or no longer maintained, and where the code went. Each case is cut from a real
repository (named in a comment), with the READMEs that must not be taken for retired beside them."""

from __future__ import annotations

import typing as t
from pathlib import Path

import pytest

from scanner.community import locate, readme, retired
from scanner.community.markup import parse
from scanner.engine.evaluate import Status, evaluate
from scanner.engine.loader import load_ruleset
from scanner.facts import build_facts
from scanner.sources.memory import snapshot_from_files

RULES = load_ruleset()
CODE = {"app.py": "print('service')\n"}

# etalab/admin_api_entreprise README.md (whole file).
ADMIN_API = ("# Site vitrine / backoffice de [API Entreprise](https://entreprise.api.gouv.fr) et "
             "[API Particulier](https://particulier.api.gouv.fr)\n\nCe repository est maintenant "
             "archivé. Le code se trouve désormais dans le repo "
             "[Apistration](https://github.com/datagouv/apistration)\n")
# codegouvfr/sill-api README.md (whole file).
SILL_API = ("# This project has been migrated to a monorepo.\n\nIt is now available at "
            "https://github.com/codegouvfr/sill\n\nThis one is kept only for history purposes. "
            "Please do not use it anymore, issues and PRs will not be processed. They should be "
            "addressed to the new repository mentioned above.\n\n# Licences\n\nDINUM and "
            "contributors of the repository, 2022.\n\n-   The data are licensed under the "
            "[licence Ouverte 2.0](LICENSES/LICENSE.Etalab-2.0.md).\n-   The source code is "
            "licensed under the [MIT license](LICENSES/LICENSE.MIT.md).\n")
# ANSSI-FR/libecc README.md (whole file) and README_original.md (its "Building" section, cut).
LIBECC = ("**This project has been archived as of version v0.9.6.**   \nThe new upstream "
          "repository is [here](https://github.com/libecc/libecc.git): "
          "https://github.com/libecc/libecc.git.\n\nSee [here](README_original.md) for the "
          "original [README.md](README_original.md).\n")
LIBECC_ORIGINAL = ("# libecc project\n\n## Building\n\nThe main Makefile is in the root directory, "
                   "and compiling is as simple as executing:\n\n```\nmake\n```\n\n## Usage\n\n"
                   "```\n./build/ec_utils serve --port 8080\n```\n")
# betagouv/datapass README.md (opening lines).
DATAPASS = ("# ⚠️ Ce dépôt n'est plus maintenu, il est remplacé par une nouvelle version "
            "disponible sur: [etalab/data_pass](https://github.com/etalab/data_pass)\n\n---\n\n"
            "# DataPass\n\nL’outil de gestion des habilitations juridiques pour les données à "
            "accès restreint.\n")
# SocialGouv/mano README.md (whole file).
MANO = "# Mano\n\nCe dépôt est une archive. Nouveau dépôt : https://github.com/mano-sesan/mano/\n"


def _notice(text: str) -> retired.Retirement | None:
    return retired.notice(parse(text, "README.md"))


def _facts(files: dict[str, str], **repository: t.Any) -> dict[str, t.Any]:
    facts = build_facts(snapshot_from_files({**CODE, **files}))
    facts["repository"].update(repository)
    return facts


def _finding(facts: dict[str, t.Any], rule_id: str) -> tuple[Status, str, str]:
    rule = RULES.get(rule_id)
    assert rule is not None
    finding = evaluate(rule, facts)
    return finding.status, finding.texts["en"]["message"], finding.texts["fr"]["message"]


@pytest.mark.parametrize(("text", "line", "quote", "moved_to"), [
    (ADMIN_API, 3, "Ce repository est maintenant archivé.", "https://github.com/datagouv/apistration"),
    (SILL_API, 1, "This project has been migrated to a monorepo.", "https://github.com/codegouvfr/sill"),
    (LIBECC, 1, "This project has been archived as of version v0.9.6.",
     "https://github.com/libecc/libecc.git"),
    (DATAPASS, 1, "⚠️ Ce dépôt n'est plus maintenu, il est remplacé par une nouvelle version "
     "disponible sur: etalab/data_pass", "https://github.com/etalab/data_pass"),
    (MANO, 3, "Ce dépôt est une archive.", "https://github.com/mano-sesan/mano/"),
    # fabnumdef/chatbot-back README.md (whole file): an HTTP status for a banner.
    ("## Chatbot - BACK\n\n301 Moved Permanently [https://gitlab.com/fabnum-minarm/chatbot/"
     "chatbot-back](https://gitlab.com/fabnum-minarm/chatbot/chatbot-back)\n", 3,
     "301 Moved Permanently https://gitlab.com/fabnum-minarm/chatbot/chatbot-back",
     "https://gitlab.com/fabnum-minarm/chatbot/chatbot-back"),
    # A banner with no new address.
    ("# Outil X\n\n**DEPRECATED**\n\nOutil X calcule des choses pour les agents.\n", 3,
     "DEPRECATED", None),
])
def test_a_retirement_notice_opening_the_readme_is_found(
        text: str, line: int, quote: str, moved_to: str | None) -> None:
    found = _notice(text)
    assert found is not None
    assert (found.line, found.quote, found.moved_to) == (line, quote, moved_to)


@pytest.mark.parametrize("text", [
    # InseeFr/Kraftwerk: "archive" is a step of the tool.
    "# Kraftwerk\n\nKraftwerk is a batch.\n\n1. Archive at end of execution (`false` or `true`)\n",
    "# Données\n\nThis tool publishes archived data of the ministry, moved to "
    "[data.gouv.fr](https://www.data.gouv.fr) every night.\n",
    "# Guichet\n\nLe bureau a déménagé : il est désormais au 20 avenue de Ségur.\n",
    # incubateur-ademe/mutafriches: deprecated routes, not a deprecated repository.
    "# Mutafriches\n\nAPI d'analyse de mutabilité.\n\n- Routes DEPRECATED : `/friches/*` "
    "(redirigent vers nouveaux endpoints)\n",
    # DISIC/politique-de-contribution-open-source: being archived is not archived yet.
    "**Ce dépôt est en voie d'archivage**.\n\nPour ajouter un compte, voir "
    "[ce dépôt](https://git.sr.ht/~etalab/codegouvfr-sources).\n",
    "# Projet\n\nThis repository will be archived next year.\n",
    # betagouv/preuve-covoiturage: another repository is obsolete.
    "# Registre\n\nLe Registre certifie les covoiturages.\n\n- [Dépôt de l'observatoire]"
    "(https://github.com/betagouv/observatoire-covoiturage) (obsolète)\n",
    # proconnect-gouv/proconnect-identite: a limit of the service.
    "# ProConnect Identité\n\n> ⚠️ ProConnect Identité can no longer be used outside of "
    "[the ProConnect federation](https://www.proconnect.gouv.fr/).\n",
    # HTTP statuses the service answers with, not a banner.
    "# API\n\n301 Moved Permanently responses are followed by the client.\n",
    "# API\n\nCodes :\n\n- 301 Moved Permanently\n- 404 Not Found\n",
])
def test_no_retirement_in_other_words(text: str) -> None:
    assert _notice(text) is None


def test_a_notice_far_down_the_readme_is_no_retirement() -> None:
    text = ("# Service\n\nCe service aide les agents.\n\n## Installation\n\n```\nmake\n```\n\n"
            "## Historique\n\nL'ancien module d'export est maintenant archivé.\n")
    assert _notice(text) is None


def test_an_address_is_named_only_where_the_notice_says_the_code_went() -> None:
    # The README's first link is the service, not where the code went.
    found = _notice("# Archived\n\nThis repository has been archived. It served "
                    "[API Entreprise](https://entreprise.api.gouv.fr).\n")
    assert found is not None and found.moved_to is None


def test_a_retired_readme_that_says_where_the_code_went_presents_the_repository() -> None:
    facts = _facts({"README.md": ADMIN_API})
    assert facts["community"]["readme"]["words"] < readme.MIN_README_WORDS
    status, message, french = _finding(facts, "readme-present")
    assert status is Status.PASS
    assert message == ('README.md:3 says the repository is retired ("Ce repository est maintenant '
                       'archivé.") and points to its new address: https://github.com/datagouv/apistration.')
    assert french.startswith("README.md:3 indique que le dépôt n'est plus actif")
    status, message, _ = _finding(facts, "readme-explains-how-to-run")
    assert status is Status.NOT_APPLICABLE
    assert message.startswith("README.md:3 says the repository is retired")
    assert "it points to https://github.com/datagouv/apistration" in message


def test_a_retirement_without_a_new_address_is_not_enough_to_present_the_repository() -> None:
    facts = _facts({"README.md": "# Outil\n\nThis project is no longer maintained.\n"})
    assert facts["community"]["readme"]["retired"]["moved_to"] is None
    assert _finding(facts, "readme-present")[0] is Status.FAIL
    status, message, _ = _finding(facts, "readme-explains-how-to-run")
    assert status is Status.NOT_APPLICABLE
    assert message == ('README.md:3 says the repository is retired ("This project is no longer '
                       'maintained."): instructions to install and run it are not expected '
                       'of a retired repository.')


def test_a_readme_saying_where_issues_go_now_says_how_to_contribute() -> None:
    facts = _facts({"README.md": SILL_API})
    section = facts["community"]["readme"]
    assert section["retired"]["contributions_line"] == 5
    assert section["explains"]["contributing"] is True
    assert section["evidence"]["contributing"]["line"] == 5
    # A retired README that does not say where issues go does not say how to contribute.
    assert _facts({"README.md": MANO})["community"]["readme"]["explains"]["contributing"] is False


def test_a_retired_repository_s_new_address_is_not_what_the_service_is() -> None:
    """codegouvfr/sill-api: README.md:3 gives only the new address; the README never says what
    SILL is. The message says so, and the pass rests on the notice (as readme-present's)."""
    doc = parse(SILL_API, "README.md")
    assert retired.notice_lines(doc) == {1, 3}
    facts = _facts({"README.md": SILL_API})
    assert facts["community"]["readme"]["explains"]["what"] is False
    status, message, french = _finding(facts, "readme-sections-present")
    assert status is Status.PASS
    assert message == ('README.md gives its licence (what the service is: no; contributing: yes); '
                       'README.md:1 says the repository is retired, "This project has been migrated '
                       'to a monorepo.", and points to https://github.com/codegouvfr/sill: a '
                       'presentation and a contributing part are not expected of it.')
    assert "ce qu'est le service : non" in french
    # A description beside the notice still counts (betagouv/datapass).
    assert _facts({"README.md": DATAPASS})["community"]["readme"]["explains"]["what"] is True
    # Without a new address the notice presents nothing: the part is missing as for any README.
    gone = "# Outil\n\nThis project is no longer maintained.\n\n# Licence\n\nMIT, see LICENSE.\n"
    status, message, _ = _finding(_facts({"README.md": gone}), "readme-sections-present")
    assert status is Status.FAIL and "what the service is: no" in message
    # A README that is not retired keeps its address sentence as a description.
    assert retired.notice_lines(parse("# Outil\n\nIt is now available at https://x.fr\n",
                                      "README.md")) == set()


def test_the_hosts_archived_flag_retires_the_repository() -> None:
    text = "# Outil\n\nOutil calcule des choses.\n"
    status, message, french = _finding(_facts({"README.md": text}, archived=True),
                                       "readme-explains-how-to-run")
    assert status is Status.NOT_APPLICABLE
    assert message == ("The host marks the repository archived: instructions to install and run "
                       "it are not expected of a retired repository.")
    assert french.startswith("L'hébergeur indique que le dépôt est archivé")
    assert _finding(_facts({"README.md": text}, archived=False),
                    "readme-explains-how-to-run")[0] is Status.FAIL


def test_a_retired_repository_whose_readme_explains_how_to_run_keeps_its_pass() -> None:
    text = (DATAPASS + "\n## Installation\n\n```\nnpm install\n```\n\n## Lancer en local\n\n"
            "```\nnpm run dev\n```\n")
    facts = _facts({"README.md": text})
    assert facts["community"]["readme"]["retired"] is not None
    assert _finding(facts, "readme-explains-how-to-run")[0] is Status.PASS


def test_a_generic_link_to_another_readme_is_followed() -> None:
    # ANSSI-FR/libecc: "See [here](README_original.md)" leads to the full README.
    doc = parse(LIBECC, "README.md")
    links = [(link.target, named) for link, named in readme.guide_links(doc)]
    assert ("README_original.md", True) in links
    assert "README_original.md" in locate.guides(["README.md", "README_original.md"], "README.md")
    facts = _facts({"README.md": LIBECC, "README_original.md": LIBECC_ORIGINAL})
    assert facts["community"]["readme"]["followed"] == ["README_original.md"]
    assert facts["community"]["readme"]["explains"]["install"] is True


def test_a_link_to_another_readme_with_words_of_its_own_is_no_guide() -> None:
    # A language switch names the language, not a guide to read.
    doc = parse("# Outil\n\nOutil calcule des choses pour les agents publics.\n\n"
                "[English version](README.en.md)\n", "README.md")
    assert readme.guide_links(doc) == []


# --- Rules that welcome contributions or catalogue a live service stop applying -----------------

# france-connect/service-providers-examples README.md (opening lines; last commit 2019).
FRANCE_CONNECT = ("# Fournisseur de Service\n\n## :warning: Deprecation warning :warning: this "
                  "repository has been moved to https://github.com/france-connect/service-provider-example"
                  "\n\n## Autres exemples de fournisseurs de services pour France-connect :\n\n"
                  "`Exemples fournis par des partenaires` :\n- [https://github.com/florent-andre/"
                  "franceconnecthelper](https://github.com/florent-andre/franceconnecthelper) : "
                  "exemple en Java avec la librairie Apache Oltu\n")
#: The rules whose purpose is to welcome new contributions or to catalogue a live service.
WELCOMING = ("code-of-conduct-present", "contributing-file-present", "issue-and-pr-templates-present",
             "security-policy-present", "publiccode-yml-present")
#: Rules that apply only once a file is there (a guide, terms, a policy): moot as well.
WELCOMING_IF_THERE = ("contributing-file-substantial", "contribution-terms-state-dco",
                      "no-cla-required", "security-policy-private-channel")
#: A live repository's files of that kind, for the rules judging what is there.
COMMUNITY_FILES = {
    "CONTRIBUTING.md": "# Contribuer\n\nOuvrez une issue, puis une pull request. Nous demandons un "
                       "Contributor License Agreement signé.\n",
    "SECURITY.md": "# Sécurité\n\nSignalez les failles dans une issue publique.\n",
}


def test_a_retired_readme_makes_the_welcoming_rules_moot() -> None:
    facts = _facts({"README.md": FRANCE_CONNECT, **COMMUNITY_FILES})
    for rule_id in WELCOMING + WELCOMING_IF_THERE:
        status, message, french = _finding(facts, rule_id)
        assert status is Status.NOT_APPLICABLE, (rule_id, message)
        assert message.startswith(
            'README.md:3 says the repository is retired (":warning: Deprecation warning :warning: '
            'this repository has been moved to https://github.com/france-connect/service-provider-'
            'example"); it points to https://github.com/france-connect/service-provider-'
            'example: it is no longer maintained here, so '), (rule_id, message)
        assert french.startswith("README.md:3 indique que le dépôt n'est plus actif (« "), rule_id
        assert "il n'est plus maintenu ici, " in french, rule_id
    assert _finding(facts, "security-policy-present")[1].endswith("so a security policy is not expected.")


def test_a_retirement_notice_without_a_new_address_says_so_only() -> None:
    facts = _facts({"README.md": "# Outil X\n\n**DEPRECATED**\n\nOutil X calcule des choses.\n"})
    status, message, _ = _finding(facts, "contributing-file-present")
    assert status is Status.NOT_APPLICABLE
    assert message == ('README.md:3 says the repository is retired ("DEPRECATED"): it is no longer '
                       "maintained here, so a contribution guide is not expected.")


def test_the_hosts_archived_flag_makes_the_welcoming_rules_moot() -> None:
    facts = _facts({"README.md": "# Outil\n\nOutil calcule des choses.\n", **COMMUNITY_FILES},
                   archived=True)
    for rule_id in WELCOMING + WELCOMING_IF_THERE:
        status, message, french = _finding(facts, rule_id)
        assert status is Status.NOT_APPLICABLE, (rule_id, message)
        assert message.startswith("The host marks the repository archived: it is no longer "
                                  "maintained here, so "), (rule_id, message)
        assert french.startswith("L'hébergeur indique que le dépôt est archivé : "), rule_id


def test_a_retired_repository_is_still_held_to_its_licence() -> None:
    # The code is still published: whoever reuses it needs to know under which terms.
    status, message, _ = _finding(_facts({"README.md": FRANCE_CONNECT}), "licence-file-present")
    assert status is Status.FAIL, message
    mit = (Path(__file__).parents[2] / "fixtures/repos/compliant/LICENSE").read_text(encoding="utf-8")
    facts = _facts({"README.md": FRANCE_CONNECT, "LICENSE": mit})
    assert _finding(facts, "licence-file-present")[0] is Status.PASS
    # A file that only names the licence is a review, retired or not.
    notice = _facts({"README.md": FRANCE_CONNECT, "LICENSE": "MIT License\n\nCopyright (c) 2019"})
    assert _finding(notice, "licence-file-present")[0] is Status.REVIEW


@pytest.mark.parametrize("text", [
    # DISIC/politique-de-contribution-open-source: being archived is not archived yet.
    "**Ce dépôt est en voie d'archivage**.\n\nPour ajouter un compte, voir "
    "[ce dépôt](https://git.sr.ht/~etalab/codegouvfr-sources).\n",
    # A deprecated dependency, not a deprecated repository.
    "# Outil\n\nOutil calcule des choses.\n\nThe `request` package it uses is deprecated; it "
    "moves to `undici` next release.\n",
    # A live repository.
    "# Outil\n\nOutil calcule des choses pour les agents.\n",
])
def test_a_live_repository_is_still_asked_for_its_community_files(text: str) -> None:
    facts = _facts({"README.md": text, **COMMUNITY_FILES}, archived=False)
    assert facts["community"]["readme"]["retired"] is None
    for rule_id in ("code-of-conduct-present", "issue-and-pr-templates-present",
                    "publiccode-yml-present", "no-cla-required", "security-policy-private-channel"):
        assert _finding(facts, rule_id)[0] is Status.FAIL, rule_id
    bare = _facts({"README.md": text})
    for rule_id in ("contributing-file-present", "security-policy-present"):
        assert _finding(bare, rule_id)[0] is Status.FAIL, rule_id


def test_a_startup_that_ceased_its_activity_is_retired() -> None:
    """SocialGouv/tremplin README.md:1-10: a heading between two rows of skull emojis."""
    skulls = ":skull:" * 45
    text = (f"{skulls}\n\n<br>\n<br>\n\n<h3 align=center>This startup ceased its activity on "
            f"01/01/2020</h3>\n\n<br>\n<br>\n\n{skulls}\n")
    facts = _facts({"README.md": text})
    assert facts["community"]["readme"]["retired"]["line"] == 6
    assert _finding(facts, "code-of-conduct-present")[0] is Status.NOT_APPLICABLE
    # The emoji are no words: the README says nothing of what the service was.
    assert facts["community"]["readme"]["explains"]["what"] is False
    french = _facts({"README.md": "# Outil\n\nCette startup a cessé son activité en 2021.\n"})
    assert french["community"]["readme"]["retired"] is not None
    # A service that stops a job is not retired.
    for live in ("# Outil\n\nThe service stopped its activity logging after the 2.0 upgrade; "
                 "see the changelog.\n",
                 "# Outil\n\nL'outil a arrêté la synchronisation nocturne.\n"):
        assert _facts({"README.md": live})["community"]["readme"]["retired"] is None, live
