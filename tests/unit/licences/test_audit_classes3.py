"""Third round of licence audit classes (issue 9): a root declaration granting no licence
(``UNLICENSED``), the licences sub-packages declare where the repository has none, and a
package declaration naming only the README's licence for the content. Each fixture is modelled
on the repository the audit found (cited)."""

from __future__ import annotations

import json

from scanner.licences.readme import scopes
from tests.unit.licences.conftest import MIT
from tests.unit.licences.test_trust import facts, finding

CODE = {"src/main.ts": "export const app = 1;\n"}


def _package(name: str, licence: str | None = None) -> str:
    document: dict[str, str] = {"name": name, "version": "0.0.1"}
    if licence is not None:
        document["license"] = licence
    return json.dumps(document)


# --- 1. a root declaration that grants no licence -------------------------------------------------

def test_a_root_unlicensed_declaration_is_a_stated_absence_of_licence() -> None:
    # MTES-MCT/otelo-back package.json:7 "license": "UNLICENSED", no licence file, no README
    # licence section.
    document = facts({"package.json": _package("otelo-back", "UNLICENSED"),
                      "README.md": "# Otelo\n\nDescription.\n", **CODE})
    licence = document["licence"]
    assert licence["method"] == "no-grant" and licence["spdx"] == "NOASSERTION"
    status, en, fr = finding(document, "licence-recognised")
    assert status == "fail"
    assert en.startswith("The repository grants no licence: package.json declares")
    assert '"license": "UNLICENSED"' in en and "no licence file" in en
    assert fr.startswith("Le dépôt n'accorde aucune licence : package.json déclare")
    # One finding says it: licence-authorised does not judge a licence the repository lacks.
    assert finding(document, "licence-authorised")[0] == "not_applicable"
    status, en, fr = finding(document, "licence-declarations-consistent")
    assert status == "not_applicable" and "grants no licence" in en and "aucune licence" in fr


def test_unlicensed_beside_a_licence_is_no_grant_of_the_repository() -> None:
    # Negative: with a licence file, UNLICENSED is a declaration that disagrees with it.
    document = facts({"LICENSE": MIT, "package.json": _package("x", "UNLICENSED"), **CODE})
    assert document["licence"]["spdx"] == "MIT"
    assert finding(document, "licence-recognised")[0] == "pass"
    assert finding(document, "licence-declarations-consistent")[0] == "fail"
    # Negative: a root declaration of a licence is the repository's licence.
    declared = facts({"package.json": _package("x", "MIT"), **CODE})
    assert declared["licence"]["method"] == "declared:package.json"
    # Negative: nothing declared at all stays not applicable.
    bare = facts({"package.json": _package("x"), **CODE})
    assert bare["licence"]["method"] == "none"
    assert finding(bare, "licence-recognised")[0] == "not_applicable"


# --- 2. the licences sub-packages declare, where the repository has none --------------------------

def test_sub_package_licences_are_named_not_taken_as_the_repositorys() -> None:
    # SocialGouv/cdtn-admin: no root licence; targets/*/package.json MIT, shared/*/package.json
    # Apache-2.0; DNUM-SocialGouv/c2s front/package.json "UNLICENSED".
    document = facts({
        "package.json": _package("cdtn-admin"),
        "targets/frontend/package.json": _package("frontend", "MIT"),
        "targets/ingester/package.json": _package("ingester", "MIT"),
        "targets/alert-cli/package.json": _package("alert-cli", "MIT"),
        "shared/types/package.json": _package("types", "Apache-2.0"),
        "front/package.json": _package("front", "UNLICENSED"),
        "shared/utils/package.json": _package("utils"), **CODE})
    licence = document["licence"]
    assert licence["method"] == "none"
    status, en, fr = finding(document, "licence-recognised")
    assert status == "not_applicable"
    assert ("MIT (targets/alert-cli/package.json, targets/frontend/package.json and 1 more)"
            in en)
    assert "Apache-2.0 (shared/types/package.json)" in en
    assert "UNLICENSED, which grants no licence (front/package.json)" in en
    assert "shared/utils" not in en
    assert "et 1 autre)" in fr and "qui n'accorde aucune licence" in fr


def test_no_sub_package_licence_says_none() -> None:
    # Negative: no sub-package declares one; the message says none, and names no path.
    document = facts({"package.json": _package("x"), "apps/ui/package.json": _package("ui"),
                      **CODE})
    status, en, fr = finding(document, "licence-recognised")
    assert status == "not_applicable"
    assert en.endswith("each for its own package only: none.")
    assert fr.endswith("chacune pour son seul paquet : aucun.")


# --- 3. a package declaration naming only the content's licence ----------------------------------

# DISIC/accessibilite.numerique.gouv.fr README.md:21-25 and package.json:18.
ACCESSIBILITE_README = """# accessibilite.numerique.gouv.fr

Ce site est créé avec 11ty.

## Licence

Le code source de ce dépôt est publié sous licence MIT.

Sauf mention de propriété intellectuelle détenue par des tiers (notamment un crédit sur certaines
images), les contenus de ce dépôt sont publiés sous licence Ouverte 2.0.
"""


def test_an_exception_clause_does_not_hide_the_contents_licence() -> None:
    found = {(s["spdx"], s["scope"]) for s in scopes(ACCESSIBILITE_README.split("## Licence")[1])}
    assert found == {("MIT", "code"), ("etalab-2.0", "content")}
    # Negative: material said to come from elsewhere still scopes nothing.
    assert scopes("Les images sont adaptées du guide X, utilisé sous licence CC-BY-SA-4.0.") == []


def test_a_package_naming_only_the_contents_licence_is_a_persons_check() -> None:
    document = facts({"README.md": ACCESSIBILITE_README,
                      "package.json": _package("site", "Licence Ouverte Etalab v2.0"), **CODE})
    assert document["licence"]["spdx"] == "MIT AND etalab-2.0"
    status, en, fr = finding(document, "licence-declarations-consistent")
    assert status == "review"
    assert ('package.json ("Licence Ouverte Etalab v2.0") names only etalab-2.0, the licence '
            "README.md gives to the content; README.md gives the code MIT") in en
    assert "ne nomme que etalab-2.0" in fr


def test_a_package_naming_the_codes_licence_passes_and_says_what_it_names() -> None:
    # Negative: package.json naming the code's licence (datagouv/schema.data.gouv.fr: "MIT"
    # beside MIT AND etalab-2.0) passes, and the message says it does not name the other part.
    document = facts({"README.md": ACCESSIBILITE_README, "package.json": _package("site", "MIT"),
                      **CODE})
    status, en, fr = finding(document, "licence-declarations-consistent")
    assert status == "pass"
    assert 'package.json ("MIT") does not name etalab-2.0' in en
    assert 'package.json ("MIT") ne nomme pas etalab-2.0' in fr
    # Naming the whole licence: the ordinary message.
    whole = facts({"README.md": ACCESSIBILITE_README,
                   "package.json": _package("site", "MIT AND etalab-2.0"), **CODE})
    status, en, _ = finding(whole, "licence-declarations-consistent")
    assert status == "pass" and en.startswith("The 1 licence declarations of package metadata "
                                              "agree")
    assert whole["licence"]["consistency"]["partly"] == []
