"""Audit freshL3 and recheck5 (issue 9): source headers reserving all rights where no licence is
found, the ``licenses`` of a Frictionless descriptor (Table Schema, Data Package) at the root,
and code-file counts that say how many are package manifests."""

from __future__ import annotations

import json

from scanner.licences import content, declared, headers
from tests.unit.licences.conftest import MIT
from tests.unit.licences.test_trust import facts, finding

# ansforge/esignsante-ws: every Java file opens with the header licence-header.txt stamps
# (license-maven-plugin, pom.xml:93-103); no LICENSE, no licence in the README or pom.xml.
ANS_HEADER = "/**\n * (c) Copyright 1998-2023, ANS. All rights reserved.\n */\n\npackage fr.gouv;\n"
JAVA = {f"src/main/java/fr/gouv/esante/C{i}.java": ANS_HEADER + f"class C{i} {{}}\n"
        for i in range(14)}
README = "# esignsante-ws\n\nAPI de signature électronique.\n"


def test_reserved_header_found_with_line_and_words() -> None:
    assert headers.reserved(ANS_HEADER) == (2, "(c) Copyright 1998-2023, ANS. All rights reserved.")
    assert headers.reserved("# Copyright 2021 ACME\n# Tous droits réservés\nimport os\n") == (
        2, "Tous droits réservés")
    assert headers.reserved("// PROPRIETARY AND CONFIDENTIAL\nint x;\n") is not None


def test_reserved_header_negatives() -> None:
    # A head that names a licence grants one ("All rights reserved" is boilerplate there).
    assert headers.reserved("// Copyright (c) Microsoft Corporation. All rights reserved.\n"
                            "// Licensed under the MIT License.\n") is None
    assert headers.reserved("// SPDX-License-Identifier: MIT\n// All rights reserved.\n") is None
    # Not on a comment line: code that says the words.
    assert headers.reserved('x = "All rights reserved"\n') is None
    # "confidential"/"proprietary" alone in code, or a plain copyright line, say nothing.
    assert headers.reserved("def load_proprietary_format():\n    pass\n") is None
    assert headers.reserved("/* Copyright 2020 DINUM */\n") is None


def test_reserved_headers_make_licence_recognised_a_review() -> None:
    document = facts({**JAVA, "README.md": README, "licence-header.txt":
                      "(c) Copyright 1998-2023, ANS. All rights reserved.\n"})
    licence = document["licence"]
    assert licence["method"] == "reserved-headers"
    assert licence["headers"]["reserved"]["files"] == licence["headers"]["sampled"] == 12
    status, en, fr = finding(document, "licence-recognised")
    assert status == "review"
    assert "12 of 12 sampled source files have a header that reserves the rights" in en
    assert ("src/main/java/fr/gouv/esante/C0.java:2: « (c) Copyright 1998-2023, ANS. All rights "
            "reserved. »") in en
    assert "proprietary" in en
    assert "12 des 12 fichiers sources échantillonnés" in fr and "propriétaire" in fr
    status, en, fr = finding(document, "licence-file-present")
    assert status == "fail"
    assert "C0.java:2" in en and "reserves the rights" in en
    assert "réserve les droits" in fr
    # One finding, not two: licence-authorised does not judge a licence that is not there.
    assert finding(document, "licence-authorised")[0] == "not_applicable"


def test_few_reserved_headers_or_a_licence_change_nothing() -> None:
    # Two files of fourteen (copied third-party snippets): not the repository's word.
    few = {**{f"src/m{i}.py": "import os\n" for i in range(12)},
           "src/a.py": "# All rights reserved.\nimport os\n",
           "src/b.py": "# All rights reserved.\nimport os\n"}
    document = facts({**few, "README.md": README})
    assert document["licence"]["method"] == "none"
    assert finding(document, "licence-recognised")[0] == "not_applicable"
    message = finding(document, "licence-file-present")[1]
    assert "reserves" not in message
    # A licence file decides, whatever the headers say.
    mit = facts({**JAVA, "LICENSE": "MIT License\n\nCopyright (c) 2023 ANS\n"})
    assert mit["licence"]["method"] != "reserved-headers"
    # Package metadata naming a licence decides too.
    pom = ("<project><licenses><license><name>Apache-2.0</name></license></licenses>"
           "</project>")
    declared_doc = facts({**JAVA, "pom.xml": pom})
    assert declared_doc["licence"]["method"].startswith("declared:")


# CEREMA/schema-arrete-circulation-marchandises schema.json (lines 1-24): a Table Schema published
# on schema.data.gouv.fr, whose licence is only in its "licenses".
TABLE_SCHEMA = {
    "$schema": "https://specs.frictionlessdata.io/schemas/table-schema.json",
    "name": "arrete-circulation-marchandises",
    "title": "Arrêtés permanents de circulation pour le transport de marchandises",
    "homepage": "https://github.com/CEREMA/schema-arrete-circulation",
    "licenses": [{"title": "Etalab Licence Ouverte 2.0", "name": "etalab-2.0",
                  "path": "https://spdx.org/licenses/etalab-2.0.html"}],
    "fields": [{"name": "id", "type": "string"}],
}
SCHEMA_REPO = {"README.md": "# Schéma arrêtés de circulation\n",
               "exemple-valide.csv": "id\n1\n", "scripts/doc.R": "print(1)\n"}


def test_table_schema_licenses_are_package_metadata() -> None:
    found, errors = declared.read("schema.json", json.dumps(TABLE_SCHEMA).encode())
    assert errors == []
    assert [(d.source, d.expression, d.field) for d in found] == [
        ("Frictionless", "etalab-2.0", "licenses")]
    package = {"profile": "data-package", "resources": [],
               "licenses": [{"name": "ODC-ODbL-1.0"}, {"title": "Licence Ouverte"}]}
    found, _ = declared.read("datapackage.json", json.dumps(package).encode())
    assert [d.expression for d in found] == ["ODC-ODbL-1.0 AND Licence Ouverte"]


def test_table_schema_licence_recognised_and_code_left_to_a_person() -> None:
    document = facts({**SCHEMA_REPO, "schema.json": json.dumps(TABLE_SCHEMA, indent=3)})
    assert document["licence"]["spdx"] == "etalab-2.0"
    status, en, _ = finding(document, "licence-recognised")
    assert status == "pass" and "schema.json (licenses)" in en
    # A data licence of the schema says nothing of the scripts beside it: review, not fail.
    status, en, fr = finding(document, "licence-authorised")
    assert status == "review"
    assert "only schema.json names it, the Frictionless descriptor" in en
    assert "code files, tests aside: 1" in en
    assert "le descripteur Frictionless" in fr


def test_json_schemas_and_others_schemas_declare_nothing() -> None:
    # A JSON Schema (no Frictionless marker, no "licenses"): not package metadata.
    json_schema = {"$schema": "http://json-schema.org/draft-07/schema#", "type": "object",
                   "properties": {"licenses": {"type": "array"}}}
    assert declared.read("schema.json", json.dumps(json_schema).encode()) == ([], [])
    # A JSON Schema with a top-level "licenses" but nothing Frictionless about it.
    odd = {"$schema": "http://json-schema.org/draft-07/schema#", "licenses": [{"name": "MIT"}]}
    assert declared.read("schema.json", json.dumps(odd).encode()) == ([], [])
    # A Table Schema without "licenses".
    bare = {k: v for k, v in TABLE_SCHEMA.items() if k != "licenses"}
    assert declared.read("schema.json", json.dumps(bare).encode()) == ([], [])
    # Someone else's schema copied into a sub-folder is never read as this repository's.
    assert declared.source_of("schemas/schema.json") is None
    assert declared.source_of("data/datapackage.json") is None
    document = facts({**SCHEMA_REPO, "vendor-schemas/schema.json": json.dumps(TABLE_SCHEMA)})
    assert document["licence"]["spdx"] is None
    assert finding(document, "licence-recognised")[0] == "not_applicable"


def test_unreadable_descriptor_costs_that_file_only() -> None:
    document = facts({**SCHEMA_REPO, "schema.json": "{not json"})
    assert document["licence"]["spdx"] is None
    assert any(p["path"] == "schema.json" for p in document["problems"])


# recheck5: ANSSI-FR/rust-guide "35 code files" = 29 source files + 6 Cargo.toml.
def test_code_count_says_how_many_are_manifests() -> None:
    paths = [*(f"mdbook-plugins/p{i}/src/main.rs" for i in range(6)),
             *(f"mdbook-plugins/p{i}/Cargo.toml" for i in range(6)),
             "src/en/SUMMARY.md"]
    section = content.classify(paths)
    assert section["code_files"] == 12 and section["manifest_files"] == 6
    assert section["code_count"] == {"en": "12 (package manifests included: 6)",
                                     "fr": "12 (manifestes de paquets compris : 6)"}
    assert "code files: 12 (package manifests included: 6)" in section["why"]["en"]
    assert "fichiers de code : 12 (manifestes de paquets compris : 6)" in section["why"]["fr"]
    # No manifest: the bare number.
    assert content.classify(["a.py", "b.py"])["code_count"] == {"en": "2", "fr": "2"}
    assert content.code_count(1, 1)["en"] == "1 (all package manifests)"


def test_licence_authorised_message_says_manifests_are_counted() -> None:
    # gip-inclusion/data-inclusion-schema: etalab-2.0 in pyproject.toml on Python code.
    pyproject = '[project]\nname = "data-inclusion-schema"\nlicense = "etalab-2.0"\n'
    files = {"pyproject.toml": pyproject, "LICENSE": "", "README.md": "# schema\n",
             **{f"src/data_inclusion/schema/m{i}.py": "x = 1\n" for i in range(3)}}
    status, en, fr = finding(facts(files), "licence-authorised")
    assert status == "fail"
    assert "code files, tests aside: 4 (package manifests included: 1)" in en
    assert "fichiers de code, hors tests : 4 (manifestes de paquets compris : 1)" in fr


def test_schema_data_licence_beside_a_code_licence_is_no_contradiction() -> None:
    # A schema repository with MIT scripts and its Table Schema under etalab-2.0: two licences
    # for two things, not package metadata disagreeing with the licence file.
    document = facts({**SCHEMA_REPO, "schema.json": json.dumps(TABLE_SCHEMA),
                      "LICENSE": MIT})
    assert document["licence"]["spdx"] == "MIT"
    status, en, fr = finding(document, "licence-declarations-consistent")
    assert status == "pass"
    assert "schema.json (etalab-2.0), a Frictionless descriptor" in en
    assert "un descripteur Frictionless" in fr
    # A software licence in the descriptor that disagrees is still a disagreement.
    other = {**TABLE_SCHEMA, "licenses": [{"name": "Apache-2.0"}]}
    document = facts({**SCHEMA_REPO, "schema.json": json.dumps(other), "LICENSE": MIT})
    assert finding(document, "licence-declarations-consistent")[0] == "fail"


def test_the_only_declaration_the_licence_comes_from_is_not_compared_with_itself() -> None:
    # recheck6: CEREMA's schema.json was both the repository's licence and the one declaration
    # "agreeing" with it; numerique-gouv/ping-storage: package.json alone, no licence file.
    document = facts({**SCHEMA_REPO, "schema.json": json.dumps(TABLE_SCHEMA, indent=3)})
    status, en, fr = finding(document, "licence-declarations-consistent")
    assert status == "not_applicable"
    assert "taken from the only declaration, schema.json (licenses)" in en
    assert "tirée de la seule déclaration, schema.json (licenses)" in fr
    alone = facts({"index.js": "module.exports = 1;\n",
                   "package.json": '{"name": "ping", "license": "ISC"}'})
    status, en, _ = finding(alone, "licence-declarations-consistent")
    assert status == "not_applicable" and "package.json (license)" in en


def test_other_declarations_are_still_compared_with_the_one_the_licence_comes_from() -> None:
    both = facts({"index.js": "module.exports = 1;\n",
                  "package.json": '{"name": "app", "license": "MIT"}',
                  "server/package.json": '{"name": "server", "license": "Apache-2.0"}'})
    status, en, _ = finding(both, "licence-declarations-consistent")
    assert status == "fail" and "server/package.json (Apache-2.0)" in en
