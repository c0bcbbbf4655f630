"""README findings from audit round O (issue 9, civiscan 29917e5): each case is cut from a real
repository (named in a comment), with the cases that must not match beside it."""

from __future__ import annotations

import pytest

from scanner.community import locate, readme
from scanner.community.markup import parse
from scanner.engine.evaluate import Status
from tests.unit.community.test_readme_routes import _facts
from tests.unit.community.test_readme_routes import _finding as _status


def _explains(text: str, path: str = "README.md") -> dict[str, bool]:
    return {k: bool(v["found"]) for k, v in readme.analyse(parse(text, path)).items()}

# --- A linked guide in a format civiscan does not read is a review naming it --------------------

# Ville-Eurometropole-Strasbourg/delimitation-du-dpf README.md:1-7 (the PDF holds the steps).
DPF = {
    "README.md": "# Délimitation du DPF - QGIS Plugin\n\nCe plugin, développé dans le cadre d'un "
                 "projet de recherche, permet de détecter automatiquement les limites du domaine "
                 "public fluvial.\n\n## How to install and use  \n\nPour toute information "
                 "concernant l'installation et l'utilisation du plugin, se référer à la "
                 "[notice d'utilisation du plugin](./notice_delimitation_DPF.pdf).",
    "notice_delimitation_DPF.pdf": "%PDF-1.7\n",
    "delimitation_dpf/plugin.py": "print()\n",
}


def test_a_pdf_guide_linked_from_the_install_section_is_a_review_naming_it() -> None:
    facts = _facts(DPF)
    assert facts["community"]["readme"]["unfollowed"] == ["notice_delimitation_DPF.pdf"]
    status, message = _status(facts, "readme-explains-how-to-run")
    assert status is Status.REVIEW
    assert "notice_delimitation_DPF.pdf" in message and "did not read" in message


@pytest.mark.parametrize("readme_text, files", [
    # A PDF under another heading, its link saying nothing of a guide (a poster, a report).
    ("# Outil\n\nUn outil.\n\n## Présentation\n\nVoir [le poster](poster.pdf).\n", ("poster.pdf",)),
    # A screenshot in the installation section is no guide.
    ("# Outil\n\n## Installation\n\n![capture](capture.png)\n", ("capture.png",)),
    # A PDF the README links under "Contributing" (a contributor agreement) is no install guide.
    ("# Outil\n\n## Contribuer\n\nSignez [l'accord](cla.pdf).\n", ("cla.pdf",)),
])
def test_what_is_no_unread_guide(readme_text: str, files: tuple[str, ...]) -> None:
    facts = _facts({"README.md": readme_text, "app.py": "print()\n", **{f: "x" for f in files}})
    assert facts["community"]["readme"]["unfollowed"] == []
    assert _status(facts, "readme-explains-how-to-run")[0] is Status.FAIL


def test_which_formats_civiscan_does_not_read() -> None:
    for path in ("notice.pdf", "doc/Guide.DOCX", "install.odt", "slides.pptx"):
        assert locate.unread_format(path, named=False), path
    assert locate.unread_format("docs/installation.png", named=True)
    for path in ("capture.png", "install.md", "script.ps1", "data.csv"):
        assert not locate.unread_format(path, named=False), path


# --- A bare address after a sentence naming the documentation is a link to it ------------------

# sigrennesmetropole/api-3D README.md:1-4.
API3D = ("# api-3D\nSolution applicative qui offre une interface publique d'accès aux données 3D "
         "provenant de fichiers téléchargeables ou d'une base de données 3DcityDB.\n\n"
         "La documentation utile pour installer et paramétrer la solution est accessible dans sur "
         "le WIKI : https://github.com/sigrennesmetropole/api-3D/wiki\n")


def test_a_wiki_address_after_a_sentence_naming_the_documentation_is_a_review() -> None:
    facts = _facts({"README.md": API3D, "src/index.js": "x\n"})
    assert facts["community"]["readme"]["doc_sites"] == [
        "https://github.com/sigrennesmetropole/api-3D/wiki"]
    status, message = _status(facts, "readme-explains-how-to-run")
    assert status is Status.REVIEW
    assert "https://github.com/sigrennesmetropole/api-3D/wiki" in message


@pytest.mark.parametrize("line", [
    "Voir le wiki : https://github.com/o/r/wiki",
    "See the wiki at https://github.com/o/r/wiki",
    "Pour plus d'informations, voir le wiki https://github.com/o/r/wiki",
    "- **Documentation** : https://o.github.io/r/",
])
def test_labels_that_name_the_documentation(line: str) -> None:
    doc = parse(f"# r\n\n{line}\n", "README.md")
    link = doc.anchors[-1]
    assert readme.labelled_bare(doc, link), line
    assert readme.guide_links(doc) == [(link, True)]


@pytest.mark.parametrize("line", [
    # The service's address, not its documentation.
    "Le service est accessible : https://monservice.beta.gouv.fr/docs",
    # The API's reference (anct-cartographie-nationale/api-application README.md:23).
    "La documentation de l'API au format OpenAPI est disponible en ligne : "
    "https://anct-cartographie-nationale.github.io/api-application/v0/.",
    "API docs: https://o.github.io/r/",
    # A local address is where the running service answers.
    "La documentation de l'API est servie sur : http://localhost:8000/docs",
    # Words after the address, not a label before it.
    "https://github.com/o/r/wiki est le wiki.",
    # A label holding another link.
    "Voir [le site](https://x.fr) et le wiki : https://github.com/o/r/wiki",
])
def test_what_is_no_labelled_documentation_address(line: str) -> None:
    doc = parse(f"# r\n\n{line}\n", "README.md")
    link = doc.anchors[-1]
    assert not readme.labelled_bare(doc, link), line


# --- A guide the README does not link to is named in the fail, never credited -----------------

# incubateur-ademe/aldo README.md (a product pitch) and ONBOARDING.md:1-17 (shortened).
ALDO = {
    "README.md": "# Aldo\n\nAldo est un outil d'estimation des stocks de carbone des sols et de la "
                 "biomasse.\n\nLes données sont ouvertes.\n",
    "ONBOARDING.md": "# Lancer l'application en local\n\nOn utilise Node.js (v14.18.0) avec npm.\n\n"
                     "Créer le fichier `.env` avec :\n\n```\nHOSTNAME=127.0.0.1:8080\n```\n\n"
                     "`npm install`\n\n`npm run dev`\n",
    "app.js": "x\n",
}


def test_an_unlinked_onboarding_guide_is_named_in_the_fail() -> None:
    facts = _facts(ALDO)
    assert facts["community"]["readme"]["unlinked_guides"] == ["ONBOARDING.md"]
    status, message = _status(facts, "readme-explains-how-to-run")
    assert status is Status.FAIL
    assert ("found installation and running steps in ONBOARDING.md, which the README does not "
            "link to") in message
    assert "installation found: no; running found: no" in message


# sigrennesmetropole/datafactory_spark README.md:1-2 and spark-dechet/README.md (shortened).
def test_unlinked_component_readmes_are_named_in_the_fail() -> None:
    facts = _facts({
        "README.md": "# datafactory_spark\nDépôt du code des traitements spark pour data factory\n",
        "spark-dechet/README.md": "# spark-dechet\n\n## Build\n\n```\nmvn clean install\n```\n\n"
                                 "## Lancer\n\n```\nspark-submit --class fr.Execute target/x.jar\n```\n",
        "spark-dechet/pom.xml": "<project/>\n",
    })
    assert facts["community"]["readme"]["unlinked_guides"] == ["spark-dechet/README.md"]
    assert _status(facts, "readme-explains-how-to-run")[0] is Status.FAIL


def test_what_is_no_unlinked_guide() -> None:
    # A root guide that does not tell both, a linked guide (followed and credited), a guide
    # with another name (NOTES.md) are not named.
    half = {**ALDO, "ONBOARDING.md": "# Onboarding\n\nBienvenue dans l'équipe !\n"}
    assert _facts(half)["community"]["readme"]["unlinked_guides"] == []
    linked = {**ALDO, "README.md": ALDO["README.md"] + "\nVoir [ONBOARDING](ONBOARDING.md).\n"}
    facts = _facts(linked)
    assert facts["community"]["readme"]["unlinked_guides"] == []
    assert _status(facts, "readme-explains-how-to-run")[0] is Status.PASS
    other = {k: v for k, v in ALDO.items() if k != "ONBOARDING.md"}
    assert _facts({**other, "NOTES.md": ALDO["ONBOARDING.md"]})["community"]["readme"][
        "unlinked_guides"] == []
    assert locate.unlinked_guides(["INSTALL.md", "docs/installation.md", "src/INSTALL.md",
                                   "back/README.md", "docs/README.md", "setup.py"]) == [
        "INSTALL.md", "docs/installation.md", "back/README.md"]


# --- Feedback asked with an address to improve the project is a contributing part -------------

@pytest.mark.parametrize("text", [
    # dnum-mi/cartographie-donnees README.md:9.
    "Cherchant constamment à améliorer notre exhaustivité, n'hésitez pas à nous contacter "
    "( *dnum-cartographie-data@interieur.gouv.fr* ) pour améliorer l'outil.",
    "Feel free to write to us at team@example.org to improve the tool.",
])
def test_feedback_asked_to_improve_the_tool_is_a_contributing_part(text: str) -> None:
    assert _explains(f"# Outil\n\nUn outil de cartographie des données.\n\n{text}\n")["contributing"]


@pytest.mark.parametrize("text", [
    # A contact for help or questions is no contribution.
    "Pour toute question, n'hésitez pas à nous contacter ( *equipe@interieur.gouv.fr* ).",
    "Contactez-nous (equipe@example.fr) pour obtenir de l'aide sur l'outil.",
    # Improving the tool said with no invitation to the reader nor address.
    "Nous cherchons constamment à améliorer l'outil.",
    # The invitation with nowhere to answer it.
    "N'hésitez pas à nous contacter pour améliorer l'outil.",
])
def test_what_is_no_feedback_invitation(text: str) -> None:
    assert not _explains(f"# Outil\n\nUn outil de cartographie des données.\n\n{text}\n")["contributing"]
