"""Seeds and mutations for fuzzing every parser and collector (``tests/unit/test_fuzz.py`` with
hypothesis, ``bench/fuzz.py`` at scale).

A seed is a real file of some *role* (a licence, a README, a publiccode.yml, an OpenAPI
description, a manifest, a lockfile, a ``.civiscan.yml``, a git config) from the test fixtures
and, when it is beside this checkout, the shared corpus. A mutation damages it the way hostile or
careless repositories do: flipped and cut bytes, splices, tokens that parsers choke on (anchors,
tags, NULs, lone surrogates, BOMs), deep nesting, huge numbers, repeated lines.
"""

from __future__ import annotations

import random
import re
import typing as t
from functools import cache

from scanner.facts import build_facts
from scanner.snapshot import Commit
from scanner.sources.memory import snapshot_from_files
from tests.support import COMPLIANT, CORPUS, TESTS

#: Where a file of each role goes in a scanned repository.
ROLE_PATHS: dict[str, tuple[str, ...]] = {
    "licence": ("LICENSE", "LICENCE.md", "COPYING", "LICENSES/MIT.txt", "lib/LICENSE"),
    "readme": ("README.md", "README.rst", "README.adoc", "README.txt", "README.org"),
    "contributing": ("CONTRIBUTING.md", ".github/CONTRIBUTING.md", "docs/CONTRIBUTING.rst"),
    "community": ("CODE_OF_CONDUCT.md", "SECURITY.md", ".github/SECURITY.md",
                  ".github/PULL_REQUEST_TEMPLATE.md"),
    "publiccode": ("publiccode.yml", "publiccode.yaml"),
    "apispec": ("openapi.yaml", "api/openapi.json", "docs/swagger.yaml", "asyncapi.yaml"),
    "manifest": ("package.json", "pyproject.toml", "composer.json", "Cargo.toml", "setup.cfg",
                 "setup.py", "pom.xml", "demo.gemspec"),
    "lockfile": ("package-lock.json", "composer.lock", "npm-shrinkwrap.json"),
    "config": (".civiscan.yml",),
    "gitconfig": (".git/config",),
}

#: Seeds every checkout has, for the roles the fixtures lack.
BUILTIN: dict[str, list[bytes]] = {
    "lockfile": [
        b'{"name": "demo", "lockfileVersion": 3, "packages": {"": {"name": "demo", '
        b'"license": "MIT"}, "node_modules/left-pad": {"version": "1.3.0", "license": "WTFPL"}, '
        b'"node_modules/gpl": {"version": "1.0.0", "license": "GPL-3.0-only", "dev": true}}}\n',
        b'{"packages": [{"name": "symfony/yaml", "version": "v6.0.0", "license": ["MIT"]}], '
        b'"packages-dev": [{"name": "x/y", "license": ["GPL-2.0-or-later", "proprietary"]}]}\n'],
    "config": [
        b"version: 1\nlanguage: fr\nrules: [our-rules/]\nseverity: {code-of-conduct-present: info}\n"
        b"disable:\n  - rule: api-description-published\n    justification: No API.\n"
        b"waivers:\n  - rule: no-cla-required\n    repository: betagouv/*\n"
        b"    justification: Upstream CLA.\n    approved_by: Jane Doe\n    expires: 2027-06-30\n"
        b"fail_under: 70\nfail_on: error\nrepository_waivers: propose\n"
        b"repository_waiver_max_days: 365\ngitlab_hosts: [forge.example.gouv.fr]\n"],
    "gitconfig": [
        b'[core]\n\trepositoryformatversion = 0\n\tbare = false\n[remote "origin"]\n'
        b"\turl = https://github.com/betagouv/demo.git\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n"
        b'[branch "main"]\n\tremote = origin\n\tmerge = refs/heads/main\n'
        b'[include]\n\tpath = ../other.config\n[includeIf "gitdir:/x/"]\n\tpath = y\n'
        b'; comment\n# comment\n[a.b]\n\tc = "quoted \\"value\\" \\\\ \\n" ; trailing\n\tflag\n'
        b"\tlong = first \\\n  continued\n"],
    "manifest": [
        b'[project]\nname = "demo"\nlicense = {text = "MIT OR Apache-2.0"}\n'
        b'classifiers = ["License :: OSI Approved :: MIT License"]\n',
        b"[metadata]\nname = demo\nlicense = EUPL-1.2\nlicense_files = LICENSE\n",
        b"from setuptools import setup\nsetup(name='demo', license='AGPL-3.0-or-later')\n",
        b"<project><licenses><license><name>EUPL-1.2</name></license></licenses></project>\n",
        b"Gem::Specification.new do |s|\n  s.licenses = ['MIT', 'etalab-2.0']\nend\n"],
}

#: What parsers choke on, inserted at random places.
TOKENS: tuple[bytes, ...] = (
    b"\x00", b"\xff\xfe", b"\xef\xbb\xbf", b"\xed\xa0\x80", b"\xc3", b"\r", b"\t", b"\n---\n",
    b"&a ", b"*a", b"<<: *a\n", b"!!python/object/apply:os.system ['true']", b"!!binary ",
    b"%YAML 1.1\n", b"? ", b": ", b"- ", b"{", b"}", b"[", b"]", b'"', b"'", b"\\", b"#",
    b"$ref: '#/'\n", b'{"$ref": "#/a/b"}', b"$ref: http://169.254.169.254/x\n",
    b"1" * 5000, b"1e999", b"NaN", b"-Infinity", b"0x", b"on", b"NO", b"12:30", b"2024-02-30",
    b"\xe2\x80\xae", b"\xe2\x80\x8b", b"::add-mask::x", b"<script>", b"](javascript:x)",
    b"[" * 200, b"{" * 200, b"- " * 200, b"  " * 300, b"SPDX-License-Identifier: ",
    b" OR ", b" AND ", b" WITH ", b"(", b")", b"+", b"LicenseRef-", b"GPL-2.0", b"Signed-off-by: ",
    b"[section \"x\"]\n", b"[include]\npath = ", b"gitdir: ../../", b"\\\n",
    b"openapi: 3.1.0\n", b"swagger: '2.0'\n", b"asyncapi: 3.0.0\n", b"publiccodeYmlVersion: '0.4'\n",
    b"paths:\n  /x:\n    get: {}\n", b"legal:\n  license: ", b"# Installation\n", b"```\n",
    b".. code-block::\n", b"== Titre\n", b"* item\n", b"<h1>", b"&#x202e;",
)

#: Values that a field of a manifest, a publiccode.yml or a description should not hold.
VALUES: tuple[bytes, ...] = (
    b"()", b"( )", b"", b" ", b"null", b"~", b"[]", b"{}", b"-1", b"1e999", b"0", b"true",
    b"SEE LICENSE IN ../../etc/passwd", b"LicenseRef-", b"MIT AND ()", b"GPL-2.0+ WITH", b"OR OR",
    b"\\u0000", b"\\ud800", b"x" * 5000, b"https://", b"mailto:", b"#/", b"#/a/../../b",
    b"../../../etc/passwd", b"http://169.254.169.254/latest", b"*", b"&", b"!!str", b"2024-13-45",
    b"\xe2\x80\xae", b"<img src=x onerror=alert(1)>", b"%s%n", b"{{7*7}}")

#: A field whose value parsers interpret: the value (quoted, or to the end of the line).
_FIELD = re.compile(
    rb"""(?P<q>["']?)(?:licen[cs]es?|\$ref|url|version|openapi|swagger|asyncapi|name|"""
    rb"""publiccodeYmlVersion|platforms|softwareType|spdx|type|path)(?P=q)\s*[:=]\s*"""
    rb"""(?P<value>"[^"\n]*"|'[^'\n]*'|[^\n,}\]]*)""", re.IGNORECASE)


@cache
def seeds() -> dict[str, list[bytes]]:
    """Seed contents by role: the fixtures, the corpus when present, and the built-in ones."""
    found: dict[str, list[bytes]] = {role: list(BUILTIN.get(role, [])) for role in ROLE_PATHS}
    roots = [TESTS / "fixtures"] + ([CORPUS] if CORPUS.is_dir() else [])
    for root in roots:
        for path in sorted(root.rglob("*")):
            role = role_of(path.name, path.as_posix())
            if role is None or not path.is_file() or path.stat().st_size > 400_000:
                continue
            found[role].append(path.read_bytes())
    return {role: contents for role, contents in found.items() if contents}


def role_of(name: str, where: str = "") -> str | None:
    """The role a file of this name plays, if it is one fuzzing feeds."""
    lower = name.lower()
    if lower in {"expected.json", "listing.txt", "expectations.json", "provenance.md"}:
        return None
    if lower.startswith(("licen", "copying", "unlicense")) or lower in {"dco.txt", "dco-fr.txt"}:
        return "licence"
    if lower.startswith("readme"):
        return "readme"
    if lower.startswith("contributing"):
        return "contributing"
    if lower.startswith(("code_of_conduct", "security", "pull_request_template")):
        return "community"
    if lower.startswith("publiccode") or ("publiccode-parser-go" in where and lower.endswith(
            (".yml", ".yaml"))):
        return "publiccode"
    if lower in {"package-lock.json", "composer.lock", "npm-shrinkwrap.json"}:
        return "lockfile"
    if lower in {"package.json", "pyproject.toml", "composer.json", "cargo.toml", "setup.cfg",
                 "setup.py", "pom.xml"} or lower.endswith(".gemspec"):
        return "manifest"
    if lower == ".civiscan.yml":
        return "config"
    if lower.endswith((".yml", ".yaml", ".json")) and any(
            word in where.lower() for word in ("openapi", "swagger", "asyncapi", "apispecs", "/doc/",
                                               "/api")):
        return "apispec"
    if lower.endswith((".md", ".rst", ".adoc", ".txt")):
        return "readme"  # any prose: a README's parsers take it all
    return None


def mutate(data: bytes, rng: random.Random, *, others: t.Sequence[bytes] = (),
           rounds: int | None = None) -> bytes:
    """``data`` damaged by one to four mutations (size kept under about 1 MB)."""
    out = bytearray(data)
    for _ in range(rounds if rounds is not None else rng.randint(1, 4)):
        at = rng.randint(0, len(out))
        choice = rng.randrange(13)
        if choice == 0 and out:  # flip bits
            for _ in range(rng.randint(1, 8)):
                i = rng.randrange(len(out))
                out[i] ^= 1 << rng.randrange(8)
        elif choice == 1:  # insert a token
            out[at:at] = rng.choice(TOKENS)
        elif choice == 2 and out:  # delete a range
            del out[at:at + rng.randint(1, 200)]
        elif choice == 3 and out:  # duplicate a range
            end = min(len(out), at + rng.randint(1, 400))
            out[at:at] = out[at:end] * rng.randint(1, 20)
        elif choice == 4:  # truncate
            del out[at:]
        elif choice == 5 and others:  # splice with another seed
            other = rng.choice(others)
            cut = rng.randint(0, len(other))
            out[at:] = other[cut:cut + rng.randint(1, 2000)]
        elif choice == 6:  # nest deeply, closed or not
            depth = rng.choice((50, 200, 500, 5000))
            opener, closer = rng.choice(((b"[", b"]"), (b"{\"a\":", b"}"), (b"- ", b""),
                                         (b"a:\n" + b" ", b""), (b"> ", b""), (b"(", b")")))
            out[at:at] = opener * depth + closer * depth * rng.randrange(2)
        elif choice == 7 and out:  # repeat a line many times
            start = out.rfind(b"\n", 0, at) + 1
            end = out.find(b"\n", at)
            line = bytes(out[start:end if end >= 0 else len(out)]) + b"\n"
            out[at:at] = line * rng.randint(2, max(2, min(2000, 200_000 // len(line))))
        elif choice == 8:  # re-encode
            text = bytes(out).decode("utf-8", "replace")
            out = bytearray(rng.choice((lambda s: s.encode("utf-16"), lambda s: s.encode("latin-1",
                                        "replace"), lambda s: s.replace("\n", "\r\n").encode(),
                                        lambda s: s.replace("    ", "\t").encode()))(text))
        elif choice == 9 and out:  # replace a byte with a control or high byte
            out[rng.randrange(len(out))] = rng.choice((0, 1, 0x1B, 0x7F, 0x85, 0xA0, 0xFF))
        elif choice == 10:  # swap two halves of a line-aligned cut
            middle = out.find(b"\n", at)
            if middle > 0:
                out = out[middle:] + out[:middle]
        elif choice == 11:  # a field that matters (a licence, a $ref, a version…) set badly
            fields = list(_FIELD.finditer(out))
            if fields:
                field = rng.choice(fields)
                start, end = field.span("value")
                quoted = end - start >= 2 and out[start] in b"\"'"
                out[start + quoted:end - quoted] = rng.choice(VALUES)
        else:  # a key of the same file repeated, or an alias bomb
            out[at:at] = rng.choice((b"\nname: a\nname: b\n", b"\na: &a [x, x]\nb: &b [*a, *a]\n"
                                     b"c: [*b, *b, *b]\n", b"\n1: a\ntrue: b\n", b"\n: \n"))
        if len(out) > 1_000_000:
            del out[1_000_000:]
    return bytes(out)


#: The compliant fixture's files: the rest of the repository a fuzzed file sits in, so that
#: collectors cross-reference (licence files against publiccode.yml and manifests, for instance).
@cache
def base_files() -> dict[str, bytes]:
    return {p.relative_to(COMPLIANT).as_posix(): p.read_bytes()
            for p in sorted(COMPLIANT.rglob("*")) if p.is_file()}


COMMITS = [Commit(sha=f"{i:040x}", message=f"Change {i}\n\nSigned-off-by: A <a@b.fr>")
           for i in range(1, 4)]


def facts_of(path: str, data: bytes) -> dict[str, t.Any]:
    """The facts of the compliant repository with ``data`` at ``path``."""
    files = {**base_files(), path: data}
    return build_facts(snapshot_from_files(files, name="fuzz", commits=list(COMMITS)))


def collector_crashes(facts: dict[str, t.Any]) -> list[str]:
    """A collector that raised: ``build_facts`` turned its crash into this problem."""
    return [p["message"] for p in facts["problems"]
            if str(p.get("message", "")).startswith("internal error in the ")]
