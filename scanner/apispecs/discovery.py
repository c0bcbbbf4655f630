"""Which files of a listing may be API descriptions, decided from paths (and sizes) alone.

Remote scans pay per fetched blob, so this module ranks the listing without reading anything:
files *named* like a description (``openapi.yaml``, ``swagger/v1/api.json``, ``*.oas.json``) are
always fetched; other YAML/JSON files are fetched for content sniffing only where their location
makes a description plausible (``doc/``, ``api/``, the repository root, ...), the likeliest first,
within a budget of files and bytes, and never from vendored, generated or test-fixture folders.
The plan counts what the budget leaves unread, so that no finding says "none found" about files
civiscan did not read.
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterable, Mapping
from dataclasses import dataclass

#: Extensions an API description is written in.
SPEC_EXTENSIONS = (".yaml", ".yml", ".json")
#: Largest file read only to sniff its content (named descriptions have no such limit); a
#: description found so is parsed at ~0.2 s per MB.
SNIFF_MAX_BYTES = 8 * 1024 * 1024
#: Most files read for content sniffing in one repository (the likeliest candidates first): each
#: is one fetch in a remote scan.
SNIFF_CAP = 60
#: Most bytes (of known sizes) read for content sniffing in one repository.
SNIFF_BYTES = 16 * 1024 * 1024
#: Most files kept because of their names (a repository with more is generating them).
NAMED_CAP = 60

#: Folders whose content is never the repository's own published description.
EXCLUDED_DIRS = frozenset({
    "node_modules", "bower_components", "jspm_packages", "vendor", "vendors", "third_party",
    "third-party", "thirdparty", "external", "site-packages", ".venv", "venv", ".tox", ".git",
    ".yarn", ".pnpm-store", ".cache", "__snapshots__", "fixtures", "__fixtures__", "fixture",
    "testdata", "test-data", "test_data", "mocks", "__mocks__", "mock", "coverage",
    "dist", "build", "target", "out", ".next", ".nuxt", "generated", "__generated__",
    "gen", "autogen", "tmp", ".terraform", "cassettes", "vcr_cassettes", "snapshots",
    # Mock servers imitate other services' APIs for tests: never this repository's own API.
    "mock-server", "mock-servers", "mockserver", "mock-api", "mock-apis", "mocks-server",
    "fake-server", "fake-servers", "fake-api", "fakes", "wiremock",
})
#: Test folders: only canonically named descriptions (``openapi.yaml``...) are kept there.
#: Their code serves no API of the repository's own: proconnect-gouv/proconnect-identite's
#: ``packages/testing/src/api/`` is a mock server of other services' APIs (its README.md:3).
TEST_DIRS = frozenset({"test", "tests", "__tests__", "e2e", "cypress", "playwright", "spec",
                       "specs", "integration-tests", "functional-tests", "testing"})
#: Folders holding configuration that is never an API description.
CONFIG_DIRS = frozenset({".github", ".gitlab", ".circleci", ".husky", ".vscode", ".idea",
                         ".devcontainer", ".changeset", "locales", "locale", "i18n", "lang",
                         "translations", "charts", "helm", "k8s", "kubernetes", ".kontinuous",
                         "migrations", "seeds", "seed", "db", "data", "templates"})
#: Folders where an unnamed description is plausibly kept: their YAML/JSON files are sniffed.
#: (``config/``, ``public/`` and ``resources/`` hold too many other files to sniff them all; a
#: description kept there is found by its name.)
DOC_DIRS = frozenset({"doc", "docs", "documentation", "api", "apis", "contract", "contracts",
                      "spec", "specs", "specification", "specifications", "definitions",
                      "interface", "interfaces"})
#: Folders named after the formats: any YAML/JSON file in them counts as named.
SPEC_DIRS = frozenset({"openapi", "swagger", "asyncapi", "api-docs", "apidocs", "api-doc",
                       "oas", "api-spec", "api-specs", "api-specification"})
#: Well-known YAML/JSON files that are never API descriptions.
NEVER_NAMES = frozenset({
    "package.json", "package-lock.json", "composer.json", "composer.lock", "tsconfig.json",
    "jsconfig.json", "angular.json", "nx.json", "lerna.json", "turbo.json", "vercel.json",
    "netlify.json", "renovate.json", ".renovaterc.json", "app.json", "manifest.json",
    "docker-compose.yml", "docker-compose.yaml", "compose.yml", "compose.yaml", ".gitlab-ci.yml",
    ".travis.yml", "mkdocs.yml", "mkdocs.yaml", "pnpm-lock.yaml", "pnpm-workspace.yaml",
    "yarn.lock", ".pre-commit-config.yaml", ".pre-commit-hooks.yaml", "codecov.yml",
    ".codecov.yml", "dependabot.yml", "publiccode.yml", "publiccode.yaml", "cypress.json",
    "babel.config.json", ".babelrc.json", ".eslintrc.json", ".eslintrc.yml", ".prettierrc.json",
    ".prettierrc.yml", ".stylelintrc.json", "firebase.json", "project.json", "deno.json",
    "biome.json", ".markdownlint.json", ".yamllint.yml", ".yamllint.yaml", "crowdin.yml",
    "catalog-info.yaml", "chart.yaml", "values.yaml", "kustomization.yaml", "skaffold.yaml",
    "docusaurus.json", "typedoc.json", "openapitools.json", "swagger-config.yaml",
    ".openapi-generator-ignore", "pubspec.yaml", "environment.yml", "conda.yaml", "_config.yml",
    ".spectral.yaml", ".spectral.yml", ".spectral.json", ".redocly.yaml", "redocly.yaml",
    "nodemon.json", "nest-cli.json", "scalingo.json", "cron.json", "lefthook.yml", "grumphp.yml",
    "circle.yml", "now.json", "appveyor.yml", "bitbucket-pipelines.yml", "azure-pipelines.yml",
    "serverless.yml", "app.yaml", "fly.toml", "render.yaml", "procfile.json",
})
_NEVER_PREFIXES = ("tsconfig.", ".eslintrc", ".prettierrc", "docker-compose", "jest.config",
                   "values-", "values.", "settings.", "launch.")
_NEVER_SUFFIXES = (".lock.json", ".min.json", ".map.json", ".schema.json", ".i18n.json",
                   "-lock.json", ".tsbuildinfo.json", ".snap.json", ".postman_environment.json",
                   ".postman_collection.json")

#: Basename words that name a description: ``openapi``, ``swagger``, ``asyncapi``, ``oas``,
#: ``api-docs``; matched as whole words so that ``parseOASTime.json`` does not count.
_NAME_WORDS = re.compile(
    r"(?:^|[^a-z0-9])(?:openapi|swagger|asyncapi|oas|oas3|api[-_.]?docs?|api[-_.]?specs?"
    r"|api[-_.]?spec(?:ification)?|api[-_.]?contract|api[-_.]?definition)(?:$|[^a-z])"
    r"|openapi|swagger|asyncapi", re.IGNORECASE)
#: Canonical names accepted even inside test folders (clearly the service's own description).
_CANONICAL = re.compile(r"^(?:openapi|swagger|asyncapi)(?:[-_.]v?\d+)?\.(?:ya?ml|json)$",
                        re.IGNORECASE)
#: A basename word hinting at an API (``api.json``, ``public-api.yml``).
#: Names code-first generators write their description to by default.
_GENERATED_NAMES = frozenset({"schema.yml", "schema.yaml", "openapi-schema.yml",
                              "openapi-schema.yaml", "api-schema.yml", "api-schema.yaml"})
_API_WORD = re.compile(r"(?:^|[^a-z])apis?(?:$|[^a-z])", re.IGNORECASE)
#: A basename word a description's file often carries without naming its format:
#: SocialGouv/nata's ``strapi_BO/src/extensions/documentation/documentation/1.0.0/
#: full_documentation.json`` (« "openapi": "3.0.0" »). Not after a dot: ``user.spec.json`` is a
#: test's file.
_DESCRIPTION_WORD = re.compile(r"(?:^|[-_])(?:documentation|docs?|specs?|specification"
                               r"|definitions?|contracts?)(?:$|[-_.])", re.IGNORECASE)
#: Where a framework's generator writes the description it serves: Strapi's documentation
#: plugin (``@strapi/plugin-documentation``) writes
#: ``src/extensions/documentation/documentation/<version>/full_documentation.json``
#: (SocialGouv/nata's ``strapi_BO/src/extensions/documentation/documentation/1.0.0/``).
_GENERATOR_OUTPUT = re.compile(r"(?:^|/)extensions/documentation/documentation/[^/]+/"
                               r"full_documentation\.json$", re.IGNORECASE)


@dataclass(frozen=True)
class Candidate:
    """A path worth reading, and why: ``named`` (parse it) or ``sniff`` (peek at it first)."""

    path: str
    reason: str  # "named" | "sniff"
    rank: int  # lower reads first


@dataclass(frozen=True)
class Plan:
    """What to read: named files, then the best sniff candidates within :data:`SNIFF_CAP` and
    :data:`SNIFF_BYTES`; and what was left unread, so that findings can say so."""

    named: tuple[Candidate, ...]
    sniff: tuple[Candidate, ...]
    sniff_skipped: int  # plausible files left unread because of the caps or their size
    named_skipped: int = 0  # files named like descriptions over :data:`NAMED_CAP`
    unread_example: str | None = None  # the likeliest of the files left unread

    @property
    def unread(self) -> int:
        """Candidates left unread, named or plausible."""
        return self.sniff_skipped + self.named_skipped

    @property
    def paths(self) -> list[str]:
        return [c.path for c in self.named] + [c.path for c in self.sniff]


#: Test code in a ``spec/`` or ``specs/`` folder (RSpec, Jest, Mocha, pytest, Go): such a
#: folder is a unit-test tree, not a folder of specifications.
_TEST_CODE = re.compile(r"(?:_spec|_test|\.spec|\.test)\.[a-z]{1,4}$|(?:^|/)test_[^/]*\.py$"
                        r"|(?:^|/)(?:spec_helper|rails_helper)\.rb$|(?:^|/)\.rspec$",
                        re.IGNORECASE)
_SPEC_SEGMENT = re.compile(r"(?:^|/)specs?/", re.IGNORECASE)


def own_code(path: str, max_depth: int) -> bool:
    """Whether ``path`` is at most ``max_depth`` folders deep and in none vendored, generated or
    of tests: the repository's own code, worth reading."""
    dirs = path.lower().split("/")[:-1]
    return len(dirs) <= max_depth and not set(dirs) & (EXCLUDED_DIRS | TEST_DIRS)


def spec_folders(paths: Iterable[str]) -> frozenset[str]:
    """``spec/`` and ``specs/`` folders (lower-case paths) holding no test code anywhere below.

    Ruby and JavaScript keep their tests there (``spec/models/user_spec.rb``), other projects
    their API specifications (``api/specs/api-v3.3.yaml``, betagouv/preuve-covoiturage): a folder
    with no test file in it is the latter.
    """
    seen: set[str] = set()
    tests: set[str] = set()
    for path in paths:
        lower = path.lower()
        if "spec" not in lower:
            continue
        for match in _SPEC_SEGMENT.finditer(lower):
            folder = lower[:match.end() - 1]
            seen.add(folder)
            if _TEST_CODE.search(lower):
                tests.add(folder)
    return frozenset(seen - tests)


def classify(path: str, spec_docs: Container[str] = frozenset()) -> Candidate | None:
    """Rank one path, or ``None`` when it cannot be (or must not be taken for) a description.

    ``spec_docs`` (from :func:`spec_folders`) are the ``spec/`` folders free of test code: they
    are read as folders of specifications, not as test folders.
    """
    lower = path.lower()
    if not lower.endswith(SPEC_EXTENSIONS):
        return None
    slash = lower.rfind("/")
    base = lower[slash + 1:]
    dirs = lower[:slash].split("/") if slash > 0 else []
    dirset = set(dirs)
    if dirset & EXCLUDED_DIRS:
        return None
    test_dirs = TEST_DIRS
    if dirset & {"spec", "specs"} and spec_docs and all(
            "/".join(dirs[:i + 1]) in spec_docs
            for i, d in enumerate(dirs) if d in ("spec", "specs")):
        test_dirs = TEST_DIRS - {"spec", "specs"}
    in_tests = bool(dirset & test_dirs)
    # spec/ and specs/ are test folders in Ruby but description folders elsewhere: keep
    # YAML/JSON named like a description there, never Jest/RSpec fixtures.
    spec_folder_ok = bool(dirset & {"spec", "specs"}
                          and not dirset & (TEST_DIRS - {"spec", "specs"})
                          and (_NAME_WORDS.search(base) or dirset & SPEC_DIRS))
    if in_tests and not _CANONICAL.match(base) and not spec_folder_ok:
        return None
    if dirset & CONFIG_DIRS and not _NAME_WORDS.search(base):
        return None
    if (base.startswith(".") or base in NEVER_NAMES or base.startswith(_NEVER_PREFIXES)
            or base.endswith(_NEVER_SUFFIXES)):
        return None  # dot-files and well-known tool configuration
    depth = len(dirs)
    if _NAME_WORDS.search(base) or dirset & SPEC_DIRS or "/".join(dirs[-2:]) in (
            "docs/api", "doc/api", "documentation/api") or _GENERATOR_OUTPUT.search(lower):
        return Candidate(path, "named", depth)
    if base in _GENERATED_NAMES:
        # drf-spectacular's ``manage.py spectacular --file schema.yml`` (django/schema.yml):
        # read to see whether it is a description, before other guesses.
        return Candidate(path, "sniff", 60 + depth * 5)
    api_word = bool(_API_WORD.search(base))
    if depth == 0:
        rank = 100
    elif dirset & DOC_DIRS:
        rank = 105 + depth * 5
    elif api_word:
        rank = 110 + depth * 5
    else:
        return None  # not plausible: data, fixtures and configuration dwarf descriptions there
    if api_word:
        rank -= 50
    elif _DESCRIPTION_WORD.search(base):
        rank -= 30  # full_documentation.json, api-spec... before data files beside them
    if lower.endswith(".json") and not api_word:
        rank += 5  # JSON data files outnumber JSON descriptions
    return Candidate(path, "sniff", rank)


def plan(paths: Iterable[str], sizes: Mapping[str, int | None] | None = None, *,
         sniff_cap: int = SNIFF_CAP, sniff_bytes: int = SNIFF_BYTES) -> Plan:
    """Choose the files to read. ``sizes`` (may be partial or ``None``) keeps big files out of
    the sniffing budget; a named description is read whatever its size (the snapshot caps it)."""
    named: list[Candidate] = []
    sniff: list[Candidate] = []
    too_big: list[Candidate] = []
    paths = list(paths)
    spec_docs = spec_folders(paths)
    for path in paths:
        candidate = classify(path, spec_docs)
        if candidate is None:
            continue
        if candidate.reason == "named":
            named.append(candidate)
            continue
        size = sizes.get(path) if sizes is not None else None
        if size is not None and size > SNIFF_MAX_BYTES:
            too_big.append(candidate)
            continue
        sniff.append(candidate)
    named.sort(key=lambda c: (c.rank, c.path))
    sniff.sort(key=lambda c: (c.rank, c.path))
    chosen, left = _within_budget(sniff, sizes, sniff_cap, sniff_bytes)
    unread = [*named[NAMED_CAP:], *sorted([*left, *too_big], key=lambda c: (c.rank, c.path))]
    return Plan(tuple(named[:NAMED_CAP]), tuple(chosen), len(left) + len(too_big),
                max(0, len(named) - NAMED_CAP), unread[0].path if unread else None)


def _within_budget(ranked: list[Candidate], sizes: Mapping[str, int | None] | None, cap: int,
                   budget: int) -> tuple[list[Candidate], list[Candidate]]:
    """The best-ranked candidates that fit ``cap`` files and ``budget`` bytes (a file of unknown
    size counts as none), and the rest, best-ranked first: a file too big for what is left of
    the budget is passed over for the next ones."""
    chosen: list[Candidate] = []
    left: list[Candidate] = []
    spent = 0
    for candidate in ranked:
        size = (sizes.get(candidate.path) if sizes is not None else None) or 0
        if len(chosen) >= cap or spent + size > budget:
            left.append(candidate)
            continue
        chosen.append(candidate)
        spent += size
    return chosen, left


def guess_kind(path: str) -> str:
    """The format a path's name suggests, for descriptions that could not be read."""
    lower = path.lower()
    for kind in ("asyncapi", "swagger"):
        if kind in lower:
            return kind
    return "openapi"
