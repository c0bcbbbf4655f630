"""readme-sections-present takes only what the README says of the project (issue 9): a licence
section left as template text names no licence, a licence of someone else's material is not the
project's, and a line that is only a link does not say what the service is. Cases are cut from
real repositories (named); each has its negatives."""

from __future__ import annotations

import pytest

from scanner import placeholders
from scanner.community import readme
from scanner.community.markup import parse
from scanner.engine.evaluate import Status, evaluate
from scanner.engine.loader import load_ruleset
from scanner.facts import build_facts
from scanner.sources.memory import snapshot_from_files

RULES = load_ruleset()
INTRO = ("# Document IA\n\nDocument IA lit les pièces justificatives envoyées par les usagers et "
         "en extrait les informations utiles aux agents qui instruisent les demandes.\n\n"
         "## Contributing\n\nContributions are welcome: open an issue or a pull request.\n\n")


def _topics(text: str) -> dict[str, bool]:
    return {k: bool(v["found"]) for k, v in readme.analyse(parse(text, "README.md")).items()}


def _lines(text: str) -> list[int]:
    return [int(str(f["line"])) for f in placeholders.find(parse(text, "README.md"), "README.md")]


def _finding(text: str, rule_id: str = "readme-sections-present") -> tuple[Status, str]:
    rule = RULES.get(rule_id)
    assert rule is not None
    facts = build_facts(snapshot_from_files({"README.md": text, "app.py": "print(1)\n"}))
    finding = evaluate(rule, facts)
    return finding.status, finding.texts["en"]["message"]


# --- Template text in brackets ---------------------------------------------------------------

@pytest.mark.parametrize("line", [
    "[License information here]",            # betagouv/document-ia README.md:217
    "[Insert license]",
    "Licence : [Votre licence ici]",
    "<license>",
    "Copyright <year> <author>",
    "[Your project description here]",
])
def test_bracketed_template_text_is_a_placeholder(line: str) -> None:
    assert _lines(f"# Service\n\n## License\n\n{line}\n") == [5]


@pytest.mark.parametrize("line", [
    "See [the documentation here](docs/README.md).",       # a link's text
    "Licensed under [MIT][1].\n\n[1]: https://opensource.org/licenses/MIT",  # a reference link
    "Read the guide [here].\n\n[here]: https://example.org/guide",  # a shortcut reference
    "- [ ] write the docs here\n- [x] set up your CI",   # task lists
    "Run `tool <your-file>` to check a file.",          # a command's argument, in code
    "The API answers <br> with [200] codes.",           # no template words
    "Footnote[^1] here.",
])
def test_links_checkboxes_and_code_are_no_placeholders(line: str) -> None:
    assert _lines(f"# Service\n\nThe service helps people.\n\n## Notes\n\n{line}\n") == []


def test_an_unfilled_licence_section_names_no_licence() -> None:  # betagouv/document-ia
    text = INTRO + "## License\n\n[License information here]\n"
    assert not _topics(text)["licence"]
    status, message = _finding(text)
    assert status is Status.FAIL
    assert "licence: no" in message and "README.md:11: [License information here]" in message
    assert _finding(text, "readme-present")[0] is Status.REVIEW
    # Filled in, the same section names the licence.
    assert _topics(INTRO + "## License\n\nThis project is under the MIT licence, see LICENSE.\n")[
        "licence"]


# --- Someone else's licence ------------------------------------------------------------------

#: betagouv/aplus README.md:80-82: the licence of a word list the project ships.
ATTRIBUTION = ("## Attribution\n\nLe projet inclut le fichier `data/french_passwords_top20000.txt` "
               "sous licence [Creative Commons Attribution 4.0 International]"
               "(https://creativecommons.org/licenses/by/4.0/) provenant du dépôt "
               "[tarraschk/richelieu](https://github.com/tarraschk/richelieu).\n")


def test_a_licence_of_material_from_elsewhere_is_not_the_project_s() -> None:
    assert not _topics(INTRO + ATTRIBUTION)["licence"]
    assert not _topics(INTRO + "## Données\n\nLes données issues de la BAN sont sous licence "
                       "ODbL.\n")["licence"]


@pytest.mark.parametrize("statement", [
    "Le code est publié sous licence MIT.",
    "Le projet inclut des données ouvertes. Le code source est sous licence AGPL-3.0.",
])
def test_the_project_s_own_licence_still_counts(statement: str) -> None:
    assert _topics(INTRO + f"## Code\n\n{statement}\n")["licence"]
    # A "Licence" section keeps its own subject: "utilise la licence" is the project's choice.
    assert _topics(INTRO + "## Licence\n\nCe projet utilise la licence MIT.\n")["licence"]


# --- A link is not what the service is -------------------------------------------------------

def test_a_line_that_is_only_a_link_does_not_say_what_the_service_is() -> None:
    aplus = ("# Administration+\n\n"  # betagouv/aplus README.md:1-11
             "- Conditions Générales d’Utilisation : https://docs.aplus.beta.gouv.fr/cgu\n"
             "- Fiche produit : https://beta.gouv.fr/startups/aplus.html\n\n## Code\n\n"
             "- [Guidelines code](docs/guidelines-code.md)\n"
             "- [Wiki](https://github.com/betagouv/aplus/wiki) (Le wiki est visé à être remplacer "
             "par la doc dans le repo)\n")
    assert not _topics(aplus)["what"]
    portail = ("# Portail RSE\n\n## Liens utiles\n\n"  # betagouv/portail-rse README.md:3-16
               "Présentation du service :\nhttps://beta.gouv.fr/startups/portail-rse.html\n\n"
               "Site vitrine :\nhttps://portail-rse.beta.gouv.fr\n\n"
               "Service de gestion (correspond au code de ce dépôt) :\n"
               "https://app.portail-rse.beta.gouv.fr\n")
    assert not _topics(portail)["what"]


@pytest.mark.parametrize("line", [
    "[Aplus](https://aplus.beta.gouv.fr) aide les aidants à résoudre les blocages administratifs "
    "des usagers.",
    "Application permettant aux agents de traiter les demandes des usagers : https://a.fr",
    "Portail RSE aide les entreprises à remplir leurs obligations. Voir : https://a.fr",
])
def test_a_sentence_with_a_link_still_says_what_the_service_is(line: str) -> None:
    assert _topics(f"# Service\n\n{line}\n")["what"]


def test_a_line_about_another_service_does_not_say_what_this_one_is() -> None:
    # betagouv/portail-rse README.md:16, after its links.
    text = ("# Portail RSE\n\nSite vitrine :\nhttps://portail-rse.beta.gouv.fr\n\n"
            "Il existe un service supplémentaire externe pour l'API d'analyse de documents.\n")
    assert not _topics(text)["what"]
    for own in ("Il existe un service pour aider les entreprises à publier leur bilan RSE.",
                "Portail RSE est un service qui s'appuie sur une API externe d'analyse."):
        assert _topics(f"# Portail RSE\n\n{own}\n")["what"], own
