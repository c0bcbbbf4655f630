"""Property-based tests: every parser and collector takes any input (random, or a real file
damaged as in ``tests/fuzzing.py``) and answers with a value or its documented error, never an
uncaught exception. Kept fast: few examples, derandomised (the same examples every run), a
generous deadline that only catches hangs. ``bench/fuzz.py`` runs 10,000 inputs."""

from __future__ import annotations

import datetime as dt
import random
import re
import tempfile
import typing as t
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scanner.apispecs import frameworks, references, refs, sniff
from scanner.apispecs.licences import licence_of
from scanner.apispecs.lint import lint_document
from scanner.apispecs.validate import validate_document
from scanner.community import conduct, contributing, markup, readme, security, signals, terms
from scanner.config import load_config, repository_waivers
from scanner.errors import ConfigError, ParseError
from scanner.licences import declared, dependencies, expressions, notices
from scanner.licences.detect import detect
from scanner.parsing import load_data, load_json, load_toml, load_yaml
from scanner.publiccode.validate import validate
from scanner.reporters.base import to_json
from scanner.sources import gitdir
from tests.fuzzing import ROLE_PATHS, TOKENS, collector_crashes, facts_of, mutate, seeds

FAST = settings(max_examples=40, deadline=dt.timedelta(seconds=10), derandomize=True,
                database=None, suppress_health_check=[HealthCheck.too_slow,
                                                      HealthCheck.data_too_large])
FEW = settings(FAST, max_examples=15)


def damaged(role: str) -> st.SearchStrategy[bytes]:
    """A real file of ``role``, damaged; or plain random bytes now and then."""
    pool = seeds()[role]
    real = st.builds(lambda seed, n, data: mutate(data, random.Random(n), others=pool),
                     st.integers(0, len(pool) - 1), st.integers(0, 2**32), st.sampled_from(pool))
    return st.one_of(real, real, real, st.binary(max_size=600),
                     st.lists(st.sampled_from(TOKENS), max_size=12).map(b"".join))


def prose(role: str) -> st.SearchStrategy[str]:
    return st.one_of(damaged(role).map(lambda b: b.decode("utf-8", "replace")),
                     st.text(max_size=400))


#: What the loaders (``scanner.parsing``) hand on: string keys, no dates, finite numbers.
values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False,
                                                                 allow_infinity=False),
              st.text(max_size=20)),
    lambda children: st.one_of(st.lists(children, max_size=5),
                               st.dictionaries(st.text(max_size=10), children, max_size=5)),
    max_leaves=30)


def specs() -> st.SearchStrategy[t.Any]:
    """API-description-shaped documents: real keys, wrong types anywhere."""
    keys = st.one_of(st.sampled_from(["openapi", "swagger", "asyncapi", "info", "paths",
                                      "components", "servers", "channels", "operations", "$ref",
                                      "license", "get", "responses", "parameters", "schemas",
                                      "title", "version", "host", "x-a", "/pets", "200"]),
                     st.text(max_size=8))
    return st.recursive(values, lambda children: st.dictionaries(keys, children, max_size=6),
                        max_leaves=40)


# Parsers ---------------------------------------------------------------------------------------

@FAST
@given(data=st.one_of(damaged("publiccode"), damaged("apispec"), damaged("config")),
       locate=st.booleans())
def test_yaml_and_json_loaders_raise_parse_errors_only(data: bytes, locate: bool) -> None:
    for load in (load_yaml, load_json):
        try:
            loaded = load(data, path="f", locate=locate)
        except ParseError as exc:
            assert exc.path == "f" and exc.message
            continue
        to_json(loaded.value)  # whatever it holds is written as strict JSON


@FAST
@given(data=damaged("manifest"), name=st.sampled_from(["a.toml", "a.json", "a.yaml", "a.yml"]))
def test_toml_and_data_loaders_raise_parse_errors_only(data: bytes, name: str) -> None:
    try:
        load_toml(data, path=name) if name.endswith(".toml") else load_data(data, path=name)
    except ParseError as exc:
        assert exc.path == name


@FAST
@given(data=damaged("config"))
def test_config_loading_raises_config_errors_only(data: bytes) -> None:
    """The trusted file: a value or ConfigError; a repository's own: never raises."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "civiscan.yml"
        path.write_bytes(data)
        try:
            load_config(path)
        except ConfigError as exc:
            assert str(path) in str(exc) or "invalid configuration" in str(exc)
    waivers, said = repository_waivers(data, ".civiscan.yml")
    assert all(isinstance(en, str) and isinstance(fr, str) for en, fr in said)
    assert all(w.rule for w in waivers)


@FAST
@given(text=prose("gitconfig"))
def test_git_config_parser_never_raises(text: str) -> None:
    entries = gitdir.parse_config(text)
    if entries is not None:
        assert all(isinstance(key, str) for key, _ in entries)
        gitdir.first_value(entries, "remote.origin.url")


@FEW
@given(data=damaged("gitconfig"))
def test_a_git_folder_with_any_config_is_used_or_refused(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / ".git").mkdir()
        (root / ".git" / "HEAD").write_bytes(b"ref: refs/heads/main\n")
        (root / ".git" / "config").write_bytes(data)
        try:
            gitdir.locate(root)
        except gitdir.Outside as exc:
            assert exc.text("fr")


# Licences --------------------------------------------------------------------------------------

@FAST
@given(value=st.one_of(st.text(max_size=80), st.lists(st.sampled_from(
    ["MIT", "Apache-2.0", " OR ", " AND ", " WITH ", "(", ")", "+", "GPL-2.0", "LicenseRef-x",
     "Classpath-exception-2.0", "-or-later", "SEE LICENSE IN x", "etalab-2.0", " ", "/", ","]),
    max_size=12).map("".join)))
def test_licence_expressions_parse_anything(value: str) -> None:
    parsed = expressions.parse(value)
    assert parsed.kind
    expressions.ids_of(value)


@FEW
@given(text=prose("licence"))
def test_licence_detection_takes_any_text(text: str) -> None:
    found = detect(text)
    assert 0.0 <= (found.confidence or 0.0) <= 1.0
    notices.mentions(text)


@FAST
@given(data=damaged("manifest"), path=st.sampled_from(ROLE_PATHS["manifest"]))
def test_declared_licences_read_any_manifest(data: bytes, path: str) -> None:
    items, errors = declared.read(path, data)
    assert all(isinstance(e, ParseError) for e in errors)
    for item in items:
        expressions.parse(item.expression or "")


@FAST
@given(data=damaged("lockfile"), path=st.sampled_from(ROLE_PATHS["lockfile"]))
def test_lockfiles_read_or_raise_parse_errors(data: bytes, path: str) -> None:
    try:
        dependencies.read_lockfile(path, data)
    except ParseError as exc:
        assert exc.path == path


# Community -------------------------------------------------------------------------------------

@FAST
@given(text=st.one_of(prose("readme"), prose("contributing"), prose("community")),
       path=st.sampled_from([*ROLE_PATHS["readme"], *ROLE_PATHS["contributing"]]))
def test_markup_readme_and_contributing_analyses_take_any_text(text: str, path: str) -> None:
    doc = markup.parse(text, path)
    readme.analyse(doc)
    contributing.explains(doc)
    contributing.pointer_target(doc, path, {"docs/CONTRIBUTING.md", "README.md"},
                                "https://github.com/o/r")
    contributing.pointer_url(doc)
    terms.dco_signals(text, path)
    terms.cla_signals(text, path, doc.code_lines())
    conduct.analyse(text)
    security.private_channels(text)
    security.security_txt_contacts(text)


def _naive_lines(text: str, pattern: re.Pattern[str]) -> list[int]:
    return sorted({text.count("\n", 0, m.start()) + 1 for m in pattern.finditer(text)})


@FAST
@given(text=st.text(alphabet="ab \n.!", max_size=300))
def test_signals_are_found_on_the_right_line(text: str) -> None:
    """Line numbers now come from breaks located once (a repeated line made this quadratic)."""
    pattern = re.compile(r"ab")
    found = signals.find(text, "f", {"x": pattern})
    assert [s.line for s in found] == _naive_lines(text, pattern)
    negated = signals.find(text.replace("ab", " not ab"), "f", {"x": pattern})
    assert len(negated) == len(found) and all(s.negated for s in negated)


def test_signals_in_a_long_repeated_text_stay_linear() -> None:
    """The input bench/fuzz.py found: 954 copies of a line with a match, 135 KB."""
    text = "# Contributing\n\n" + "contributors accept the developer certificate of origin\n" * 3000
    pattern = re.compile(r"developer certificate of origin")
    import time

    started = time.process_time()
    found = signals.find(text, "CONTRIBUTING.md", {"dco": pattern})
    assert len(found) == 3000 and found[-1].line == 3002
    assert time.process_time() - started < 5  # a hang guard; it takes milliseconds


# publiccode.yml and API descriptions -----------------------------------------------------------

@FAST
@given(data=damaged("publiccode"))
def test_publiccode_validation_reports_and_never_raises(data: bytes) -> None:
    try:
        loaded = load_yaml(data, path="publiccode.yml", locate=True)
    except ParseError:
        return
    report = validate(loaded, {"logo.png": 10})
    for finding in report.errors + report.warnings:
        assert finding.message
    references.parse_publiccode("publiccode.yml", data)


@FAST
@given(data=damaged("apispec"), as_json=st.booleans())
def test_api_descriptions_are_sniffed_from_any_bytes(data: bytes, as_json: bool) -> None:
    sniff.sniff(data, json=as_json)


@FAST
@given(document=specs(), kind=st.sampled_from(["openapi", "swagger", "asyncapi"]),
       version=st.sampled_from([None, "2.0", "3.0.3", "3.1.0", "2.6.0", "3.0.0", "9"]))
def test_api_description_checks_take_any_document(document: t.Any, kind: str,
                                                  version: str | None) -> None:
    sniff.declared_kind(document)
    refs.check_refs(document, "api/openapi.yaml")
    licence_of(document.get("info", {}).get("license") if isinstance(document, dict)
               and isinstance(document.get("info"), dict) else document)
    if isinstance(document, dict):
        validate_document(document, kind, version, "api/openapi.yaml")
        lint_document(document, kind)


@FAST
@given(text=st.one_of(prose("manifest"), prose("readme")),
       path=st.sampled_from([*ROLE_PATHS["manifest"], "requirements.txt", "go.mod", "Gemfile",
                             "build.gradle", "README.md"]))
def test_framework_and_link_detection_take_any_text(text: str, path: str) -> None:
    frameworks.detect(path, text)
    frameworks.declared_packages(path, text)
    references.readme_links(path, text)


# Every collector, through build_facts ----------------------------------------------------------

@settings(FAST, max_examples=30)
@given(role=st.sampled_from(sorted(r for r in seeds() if r != "gitconfig")), data=st.data())
def test_no_collector_crashes_on_any_file(role: str, data: st.DataObject) -> None:
    content = data.draw(damaged(role), label="content")
    path = data.draw(st.sampled_from(ROLE_PATHS[role]), label="path")
    facts = facts_of(path, content)
    assert collector_crashes(facts) == []
    to_json(facts)


@pytest.mark.parametrize("role", sorted(r for r in seeds() if r != "gitconfig"))
def test_every_role_has_seeds_and_its_files_are_read(role: str) -> None:
    """The fuzzers feed real files of every role (a role without seeds would test nothing)."""
    assert seeds()[role]
    facts = facts_of(ROLE_PATHS[role][0], seeds()[role][0])
    assert collector_crashes(facts) == []
