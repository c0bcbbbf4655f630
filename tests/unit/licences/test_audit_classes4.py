"""Audit round 4 (issue 9): licences declared in package metadata civiscan did not read (a QGIS
plugin's metadata.txt, a NuGet/Chocolatey nuspec, a Homebrew formula), and declarations that
disagree where civiscan cannot tell which side is right."""

from __future__ import annotations

import json

from scanner.licences.declared import read, source_of
from tests.unit.licences.conftest import MIT
from tests.unit.licences.test_trust import facts, finding

# IGNF/espace-collaboratif-qgis-plugin ign_espace_collaboratif/metadata.txt (abridged).
QGIS_METADATA = """# This file contains metadata for your plugin. Since
# version 2.0 of QGIS this is the proper way to supply
# information about a plugin.

# This file should be included when you package your plugin.# Mandatory items:

[general]
name=IGN_Espace_Collaboratif
qgisMinimumVersion=3.4
qgisMaximumVersion=4.99
description=IGN reporting and contribution service, plugin QGIS3/4
version=5.0.4
author=IGN
email=service-client@ign.fr
license=GNU AGPL v3

about=IGN reporting and contribution service

repository=https://github.com/IGNF/espace-collaboratif-qgis-plugin
changelog=
    5.0.4 - Correction : thème du dernier signalement
    5.0.3 - Compatibilité Qt5/Qt6

tags=python
"""
# datagouv/datagouv-cli chocolatey/datagouv/datagouv.nuspec (abridged).
NUSPEC = """<?xml version="1.0" encoding="utf-8"?>
<package xmlns="http://schemas.microsoft.com/packaging/2015/06/nuspec.xsd">
  <metadata>
    <id>datagouv</id>
    <projectUrl>https://github.com/datagouv/datagouv-cli</projectUrl>
    <licenseUrl>https://opensource.org/licenses/MIT</licenseUrl>
    <requireLicenseAcceptance>false</requireLicenseAcceptance>
  </metadata>
</package>
"""
# datagouv/datagouv-cli Formula/datagouv.rb (abridged).
FORMULA = """class Datagouv < Formula
  desc "CLI for data.gouv.fr"
  homepage "https://github.com/datagouv/datagouv-cli"
  license "MIT"

  def install
    bin.install "datagouv"
  end
end
"""


def _values(path: str, text: str) -> list[tuple[str, str | None, str]]:
    found, errors = read(path, text.encode())
    assert errors == []
    return [(d.source, d.expression, d.field) for d in found]


def test_a_qgis_plugins_metadata_licence_is_read() -> None:
    assert _values("ign_espace_collaboratif/metadata.txt", QGIS_METADATA) == [
        ("metadata.txt", "GNU AGPL v3", "general.license")]
    assert _values("metadata.txt", QGIS_METADATA.replace("license=GNU AGPL v3\n", "")) == [
        ("metadata.txt", None, "general.license")]


def test_other_files_called_metadata_txt_say_nothing() -> None:
    # Negative: a data folder's metadata.txt, an INI without qgisMinimumVersion, a text that
    # is no INI at all (no problem recorded either), one deeper than a plugin's folder.
    assert _values("metadata.txt", "Source: INSEE\nlicense: Licence Ouverte\n") == []
    assert _values("metadata.txt", "[general]\nname=x\nlicense=MIT\n") == []
    assert _values("plugin/metadata.txt", "# qgisMinimumVersion=3 in a comment\n[general]\n"
                   "license=MIT\n") == []
    assert source_of("data/2024/metadata.txt") is None
    assert source_of("plugin/metadata.txt") == "metadata.txt"


def test_a_broken_qgis_metadata_costs_that_file_only() -> None:
    broken = "stray line\n[general]\nqgisMinimumVersion=3.4\nlicense=MIT\n"
    found, errors = read("metadata.txt", broken.encode())
    assert found == [] and len(errors) == 1
    assert "metadata.txt" in str(errors[0]) and "before any [section]" in str(errors[0])


def test_nuspec_and_homebrew_formula_licences_are_read() -> None:
    assert _values("chocolatey/datagouv/datagouv.nuspec", NUSPEC) == [
        ("nuspec", "https://opensource.org/licenses/MIT", "licenseUrl")]
    expression = NUSPEC.replace("<licenseUrl>https://opensource.org/licenses/MIT</licenseUrl>",
                                '<license type="expression">EUPL-1.2</license>')
    assert _values("x.nuspec", expression) == [("nuspec", "EUPL-1.2", "license")]
    assert _values("Formula/datagouv.rb", FORMULA) == [("Homebrew formula", "MIT", "license")]
    # Negative: a licenseUrl to a file names no licence, nor does a license file pointer; a
    # Ruby file outside a Formula folder is no formula.
    to_file = NUSPEC.replace("https://opensource.org/licenses/MIT",
                             "https://github.com/datagouv/datagouv-cli/blob/main/LICENSE")
    assert _values("x.nuspec", to_file) == [("nuspec", None, "license")]
    pointer = NUSPEC.replace("<licenseUrl>https://opensource.org/licenses/MIT</licenseUrl>",
                             '<license type="file">LICENSE.txt</license>')
    assert _values("x.nuspec", pointer) == [("nuspec", None, "license")]
    assert source_of("lib/formula.rb") is None and source_of("app/models/license.rb") is None
    found, errors = read("x.nuspec", b"<package><metadata>")
    assert found == [] and "unreadable nuspec" in str(errors[0])


def test_the_qgis_licence_is_compared_and_the_gnu_version_suffix_stays_unstated() -> None:
    document = facts({"LICENSE": MIT, "plugin/metadata.txt": QGIS_METADATA,
                      "plugin/main.py": "print(1)\n"})
    entry = next(d for d in document["licence"]["declared"] if d["source"] == "metadata.txt")
    assert entry["normalised"] == "AGPL-3.0" and entry["unstated"] == ["AGPL-3.0"]
    status, en, fr = finding(document, "licence-declarations-consistent")
    assert status == "fail"
    assert "plugin/metadata.txt (GNU AGPL v3)" in en and "plugin/metadata.txt" in fr


def test_metadata_naming_the_licence_text_a_notice_overrides_is_a_persons_check(
        agpl: str) -> None:
    # IGNF/espace-collaboratif-qgis-plugin: LICENSE is the AGPL text, LICENSE.md says CeCILL-B
    # and metadata.txt "GNU AGPL v3": two licences stated; which is right is not civiscan's call.
    notice = ("# Plugin Espace collaboratif QGIS\n\nThis software is released under the licence "
              "CeCILL-B (Free BSD compatible)\n\nsee http://www.cecill.info/\n")
    document = facts({"LICENSE": agpl, "LICENSE.md": notice, "plugin/metadata.txt": QGIS_METADATA,
                      "plugin/main.py": "print(1)\n"})
    assert document["licence"]["spdx"] == "CECILL-B"
    status, en, fr = finding(document, "licence-declarations-consistent")
    assert status == "review"
    assert ('plugin/metadata.txt ("GNU AGPL v3") names AGPL-3.0, whose text LICENSE holds, '
            "while LICENSE.md states CECILL-B") in en
    assert "dont LICENSE contient le texte, alors que LICENSE.md indique CECILL-B" in fr
    # Negative: a declaration naming a third licence still fails.
    other = facts({"LICENSE": agpl, "LICENSE.md": notice, "plugin/main.py": "print(1)\n",
                   "plugin/metadata.txt": QGIS_METADATA.replace("GNU AGPL v3", "MIT")})
    assert finding(other, "licence-declarations-consistent")[0] == "fail"


def _package(name: str, licence: str, **extra: object) -> str:
    return json.dumps({"name": name, "license": licence, **extra})


# proconnect-gouv/proconnect-espace-partenaires packages/email/package.json (abridged).
EMAIL = {"private": True,
         "homepage": "https://github.com/numerique-gouv/moncomptepro/tree/master/packages/email",
         "repository": {"type": "git", "url": "git+https://github.com/numerique-gouv/moncomptepro"
                        ".git", "directory": "packages/email"}}


def test_a_sub_package_naming_another_repository_with_no_home_known_is_a_persons_check(
        apache: str) -> None:
    files = {"LICENSE": apache, "src/index.ts": "export {}\n",
             "package.json": _package("proconnect-espace-partenaires", "Apache-2.0",
                                      private=True),
             "packages/email/package.json": _package("@gouvfr-lasuite/proconnect.email", "MIT",
                                                     **EMAIL)}
    document = facts(files)
    entry = next(d for d in document["licence"]["declared"]
                 if d["path"] == "packages/email/package.json")
    assert entry["elsewhere"] == "github.com/numerique-gouv/moncomptepro" and entry["private"]
    status, en, fr = finding(document, "licence-declarations-consistent")
    assert status == "review"
    assert ('packages/email/package.json ("MIT") is private (npm will not publish it) and names '
            'github.com/numerique-gouv/moncomptepro in its "repository" field: a copy of that '
            "repository's package keeps its own licence") in en
    assert "est privé (npm ne le publiera pas) et indique github.com/numerique-gouv/" in fr
    # Negative: published (not private), the registry shows its licence: still compared.
    files["packages/email/package.json"] = _package("email", "MIT", **{**EMAIL, "private": False})
    status, en, _ = finding(facts(files), "licence-declarations-consistent")
    assert status == "fail" and "packages/email/package.json (MIT)" in en


def test_a_private_package_of_the_project_still_fails(apache: str) -> None:
    # Negative: private alone is no sign of a copy (the remediation asks private tooling
    # packages to declare the repository's licence too), nor is a repository field naming
    # this checkout, nor one that a known home shows to be a copy (then it is set aside).
    files = {"LICENSE": apache, "src/index.ts": "export {}\n",
             "package.json": _package("site", "Apache-2.0"),
             "tools/package.json": _package("tools", "MIT", private=True)}
    status, en, _ = finding(facts(files), "licence-declarations-consistent")
    assert status == "fail" and "tools/package.json (MIT)" in en
    files["tools/package.json"] = _package("tools", "MIT", private=True, repository={
        "url": "https://github.com/betagouv/site.git", "directory": "tools"})
    document = facts(files, full_name="betagouv/site")
    assert finding(document, "licence-declarations-consistent")[0] == "fail"
    files["package.json"] = _package("site", "Apache-2.0",
                                     repository="https://github.com/betagouv/site")
    document = facts(files, full_name="betagouv/other")
    tools = next(d for d in document["licence"]["declared"] if d["path"] == "tools/package.json")
    assert "elsewhere" not in tools


def test_sub_packages_naming_one_repository_together_are_the_projects(apache: str) -> None:
    # Negative: numerique-gouv/people, no root manifest: src/mail and src/tsclient both name
    # numerique-gouv/people, whatever the checkout is called: the project's own, compared.
    home = "https://github.com/numerique-gouv/people"
    files = {"LICENSE": apache, "src/app.py": "print(1)\n",
             "src/mail/package.json": _package("mail_mjml", "MIT", private=True,
                                               repository=home),
             "src/tsclient/package.json": _package("people-openapi-client-ts", "MIT",
                                                   repository={"url": f"git+{home}.git"})}
    document = facts(files, name="local")
    assert not any("elsewhere" in d for d in document["licence"]["declared"])
    status, en, _ = finding(document, "licence-declarations-consistent")
    assert status == "fail" and "src/mail/package.json (MIT)" in en
