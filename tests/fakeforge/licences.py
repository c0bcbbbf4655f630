"""The licences the fakes know: GitHub's key and name for each SPDX id, and a text to put in a
synthetic repository (the MIT text is whole; the others open as the real texts do)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Licence:
    key: str
    name: str
    text: str


_MIT = """MIT License

Copyright (c) {year} {holder}

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
"""

def mit_text(holder: str, year: int = 2024) -> str:
    """The whole MIT text with its copyright line: the one the tests, the fakes and the benches
    share."""
    return _MIT.replace("{year}", str(year)).replace("{holder}", holder)


LICENCES: dict[str, Licence] = {
    "MIT": Licence("mit", "MIT License", _MIT.replace("{year}", "2024")),
    "Apache-2.0": Licence("apache-2.0", "Apache License 2.0",
                          "\n                                 Apache License\n"
                          "                           Version 2.0, January 2004\n"
                          "                        http://www.apache.org/licenses/\n\n"
                          "   TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION\n"),
    "AGPL-3.0": Licence("agpl-3.0", "GNU Affero General Public License v3.0",
                        "                    GNU AFFERO GENERAL PUBLIC LICENSE\n"
                        "                       Version 3, 19 November 2007\n"),
    "GPL-3.0": Licence("gpl-3.0", "GNU General Public License v3.0",
                       "                    GNU GENERAL PUBLIC LICENSE\n"
                       "                       Version 3, 29 June 2007\n"),
    "LGPL-3.0": Licence("lgpl-3.0", "GNU Lesser General Public License v3.0",
                        "                   GNU LESSER GENERAL PUBLIC LICENSE\n"
                        "                       Version 3, 29 June 2007\n"),
    "EUPL-1.2": Licence("eupl-1.2", "European Union Public License 1.2",
                        "EUROPEAN UNION PUBLIC LICENCE v. 1.2\nEUPL © the European Union 2007, 2016\n"),
    "MPL-2.0": Licence("mpl-2.0", "Mozilla Public License 2.0",
                       "Mozilla Public License Version 2.0\n==================================\n"),
    "BSD-3-Clause": Licence("bsd-3-clause", 'BSD 3-Clause "New" or "Revised" License',
                            "BSD 3-Clause License\n\nCopyright (c) 2024, {holder}\n"),
    "Unlicense": Licence("unlicense", "The Unlicense",
                         "This is free and unencumbered software released into the public domain.\n"),
    "NOASSERTION": Licence("other", "Other", "Tous droits réservés {holder}.\n"),
}
