"""Whether a declared licence agrees with the licence files: yes, no, or a person must decide."""

from __future__ import annotations

import json

from scanner.facts import build_facts
from scanner.sources.memory import snapshot_from_files

MIT = ("MIT License\n\nCopyright (c) 2024 DINUM\n\nPermission is hereby granted, free of charge, "
       "to any person obtaining a copy of this software and associated documentation files (the "
       "\"Software\"), to deal in the Software without restriction, including without limitation "
       "the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell "
       "copies of the Software, and to permit persons to whom the Software is furnished to do so, "
       "subject to the following conditions:\n\nThe above copyright notice and this permission "
       "notice shall be included in all copies or substantial portions of the Software.\n\n"
       "THE SOFTWARE IS PROVIDED \"AS IS\", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, "
       "INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR "
       "PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE "
       "FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR "
       "OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER "
       "DEALINGS IN THE SOFTWARE.\n")


def _agrees(declared: str) -> bool | None:
    files = {"LICENSE": MIT, "package.json": json.dumps({"name": "x", "license": declared})}
    facts = build_facts(snapshot_from_files(files))
    (entry,) = [d for d in facts["licence"]["declared"] if d["source"] == "package.json"]
    return entry["agrees"]


def test_same_licence_agrees() -> None:
    assert _agrees("MIT") is True
    assert _agrees("MIT OR Apache-2.0") is True


def test_other_licence_disagrees() -> None:
    assert _agrees("ISC") is False
    assert _agrees("UNLICENSED") is False


def test_a_superset_is_for_a_person_to_decide() -> None:
    assert _agrees("MIT AND CC-BY-4.0") is None


def test_exceptions_are_not_licences() -> None:
    from scanner.licences.expressions import parse

    parsed = parse("GPL-2.0-or-later WITH Classpath-exception-2.0")
    assert parsed.ids == ("GPL-2.0-or-later",)
    assert parsed.normalised == "GPL-2.0-or-later WITH Classpath-exception-2.0"


def test_every_file_of_a_reuse_licences_folder_counts() -> None:
    short = ("Creative Commons Attribution 4.0 International Public License\n\n"
             "See https://creativecommons.org/licenses/by/4.0/legalcode for the full text.\n")
    facts = build_facts(snapshot_from_files({"LICENSES/MIT.txt": MIT,
                                             "LICENSES/CC-BY-4.0.txt": short}))
    assert set(facts["licence"]["ids"]) == {"MIT", "CC-BY-4.0"}
    assert facts["licence"]["conflicts"] == []


def _two_licence_files(readme: str) -> str | None:
    from scanner.licences.samples import index_texts

    texts = index_texts()
    files = {"LICENSE-MIT": texts["MIT"], "LICENSE-APACHE": texts["Apache-2.0"],
             "README.md": readme}
    return build_facts(snapshot_from_files(files))["licence"]["spdx"]


def test_a_choice_stated_across_a_readme_list_is_an_or() -> None:
    readme = ("# x\n\n## License\n\nLicensed under either of\n\n"
              "* Apache License, Version 2.0 ([LICENSE-APACHE](LICENSE-APACHE))\n"
              "* MIT license ([LICENSE-MIT](LICENSE-MIT))\n\nat your option.\n")
    assert _two_licence_files(readme) == "Apache-2.0 OR MIT"


def test_without_a_stated_choice_both_licences_apply() -> None:
    readme = ("# x\n\n## License\n\nCode: MIT. Icons: Apache 2.0.\n\n## Usage\n\n"
              "Run it either locally or with docker.\n")
    assert _two_licence_files(readme) == "Apache-2.0 AND MIT"


def test_pointer_files_naming_suffixed_licence_files_offer_a_choice() -> None:
    from scanner.licences.samples import index_texts

    texts = index_texts()
    for pointer in ("Dual licensed: see LICENSE-MIT and LICENSE-APACHE.\n",
                    "Licensed under either of LICENSE-APACHE or LICENSE-MIT, at your option.\n",
                    "Ce projet est publié sous LICENSE-APACHE ou LICENSE-MIT, au choix.\n"):
        files = {"LICENSE": pointer, "LICENSE-MIT": texts["MIT"],
                 "LICENSE-APACHE": texts["Apache-2.0"]}
        licence = build_facts(snapshot_from_files(files))["licence"]
        assert (licence["spdx"], licence["operator_basis"]) == ("Apache-2.0 OR MIT", "file:LICENSE")


def test_licence_names_joined_to_the_word_licence_are_still_names() -> None:
    from scanner.licences.notices import mentions, resolve

    assert [resolve(m)[0] for m in mentions("Licensed under the Apache-License-2.0")] == [
        "Apache-2.0"]
