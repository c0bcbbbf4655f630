"""Rebuild the lists under scanner/publiccode/data/ from their upstream sources (data only).

Usage::

    python scripts/build_publiccode_data.py PARSER_CHECKOUT VALIDATOR_CHECKOUT IANA_REGISTRY

- PARSER_CHECKOUT: italia/publiccode-parser-go (EUPL-1.2): supported versions, categories,
  scopes, ``supports`` aliases, iPA codes, oEmbed URL schemes.
- VALIDATOR_CHECKOUT: go-playground/validator at the version the parser's go.mod names (MIT):
  ISO 3166-1 alpha-2 codes, and the IANA variants, extlangs and UN M.49 regions its
  ``bcp47_strict_language_tag`` check accepts.
- IANA_REGISTRY: the IANA Language Subtag Registry (language-subtag-registry.txt): primary
  languages, scripts and two-letter regions (what golang.org/x/text, which the validator asks,
  knows).

Nothing of either Go project is run or built: their Go map literals are read as text.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "scanner" / "publiccode" / "data"


def _go_map_keys(source: str, name: str) -> list[str]:
    """The string keys of ``var NAME = map[string]...{...}`` in a Go file."""
    match = re.search(rf"var {name} = map\[string\][^{{]*\{{(.*?)\n\}}", source, re.DOTALL)
    if match is None:
        raise SystemExit(f"{name} not found")
    return re.findall(r'^\s*"([^"]+)":', match.group(1), re.MULTILINE) or re.findall(
        r'"([^"]+)":', match.group(1))


def _go_map_of_lists(source: str, name: str) -> dict[str, list[str]]:
    match = re.search(rf"var {name} = map\[string\]\[\]string\{{(.*?)\n\}}", source, re.DOTALL)
    if match is None:
        raise SystemExit(f"{name} not found")
    return {key: re.findall(r'"([^"]+)"', values)
            for key, values in re.findall(r'"([^"]+)":\s*\{([^}]*)\}', match.group(1))}


def _registry(text: str) -> dict[str, list[str]]:
    """Languages, scripts and regions of the IANA registry (lower case; ranges left out)."""
    found: dict[str, list[str]] = {"language": [], "script": [], "region": []}
    for record in text.split("\n%%\n"):
        fields = dict(re.findall(r"^(Type|Subtag): (.+)$", record, re.MULTILINE))
        kind, subtag = fields.get("Type"), fields.get("Subtag", "")
        if kind in found and ".." not in subtag:
            found[kind].append(subtag.lower())
    return {k: sorted(set(v)) for k, v in found.items()}


def _write(name: str, lines: list[str]) -> None:
    (DATA / name).write_text("".join(f"{line}\n" for line in lines), "utf-8")


def main(parser: Path, validator: Path, registry: Path) -> None:
    publiccode = (parser / "publiccode.go").read_text("utf-8")
    versions = re.findall(r'"([0-9.]+)"', publiccode.split("SupportedVersions", 1)[1]
                          .split("}", 1)[0])
    _write("versions.txt", versions)
    v0 = (parser / "validators" / "v0.go").read_text("utf-8")
    _write("categories.txt", sorted(_go_map_keys(v0, "supportedCategoriesV0")))
    _write("scopes.txt", sorted(_go_map_keys(v0, "supportedScopesV0")))
    _write("supports-aliases.txt", sorted(_go_map_keys(v0, "supportsAliasesV0")))
    ipa = (parser / "data" / "it" / "ipa_codes.txt").read_text("utf-8").split()
    _write("it-ipa-codes.txt", ipa)
    schemes = json.loads((parser / "data" / "oembed_schemes.json").read_text("utf-8"))
    (DATA / "oembed-schemes.json").write_text(json.dumps(schemes, indent=0) + "\n", "utf-8")

    countries = (validator / "country_codes.go").read_text("utf-8")
    block = re.search(r"var iso3166_1_alpha2 = map\[string\]struct\{\}\{(.*?)\n\}", countries,
                      re.DOTALL)
    assert block is not None
    _write("countries.txt", sorted(set(re.findall(r'"([A-Z]{2})"', block.group(1)))))
    languages = (validator / "language_codes.go").read_text("utf-8")
    m49 = re.search(r"var iana_subtag_registry_m49_codes = map\[string\]struct\{\}\{(.*?)\n\}",
                    countries, re.DOTALL)
    assert m49 is not None
    iana = _registry(registry.read_text("utf-8"))
    bcp47 = {
        "languages": iana["language"],
        "scripts": iana["script"],
        "regions": [r for r in iana["region"] if len(r) == 2]
        + sorted(set(re.findall(r'"([0-9]{3})"', m49.group(1)))),
        "extlangs": _go_map_of_lists(languages, "iana_subtag_registry_extlangs"),
        "variants": sorted(_go_map_of_lists(languages, "iana_subtag_registry_variants")),
    }
    (DATA / "bcp47.json").write_text(json.dumps(bcp47, separators=(",", ":")) + "\n", "utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]))
