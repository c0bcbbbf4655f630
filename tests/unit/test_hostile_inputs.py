"""Hostile repositories: every file a scan reads costs bounded time and memory, and one bad file
costs that file only (a ``problems`` entry naming it), never the scan.

Each input is built here, at the size that made civiscan hang or abort before (bench/hostile.py
measures them). The per-file budget is cut to a few seconds for these tests, so a regression
shows up as a timed-out file, quickly, instead of a test that runs for minutes.
"""

from __future__ import annotations

import ast
import json
import time
import typing as t
from pathlib import Path

import pytest

from scanner import budget, placeholders
from scanner.collectors import api_specs as api_specs_collector
from scanner.collectors import licence as licence_collector
from scanner.community import conduct, contributing, readme, security, terms
from scanner.community.markup import Block, Document, parse, plain
from scanner.community.signals import find
from scanner.config import load_config, repository_waivers
from scanner.errors import ConfigError
from scanner.facts import build_facts
from scanner.licences import declared, dependencies, normalise, notices
from scanner.licences.expressions import parse as parse_expression
from scanner.sources.local import local_snapshot
from tests.conftest import RunCli

MIT = (Path(__file__).parents[1] / "fixtures" / "repos" / "compliant" / "LICENSE").read_text()
HANG_GUARD = 5.0  # seconds: a hang guard, not a speed target (see bench/hostile.py)


@pytest.fixture(autouse=True)
def _short_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(budget, "FILE_SECONDS", HANG_GUARD)


def _scan(root: Path, files: dict[str, str]) -> dict[str, t.Any]:
    for name, content in files.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    started = time.monotonic()
    facts = build_facts(local_snapshot(root, use_git=False))
    assert time.monotonic() - started < 4 * HANG_GUARD
    return facts


def _problems(facts: dict[str, t.Any], path: str) -> list[dict[str, t.Any]]:
    return [p for p in facts["problems"] if p["path"] == path]


def _timed_out(facts: dict[str, t.Any]) -> list[dict[str, t.Any]]:
    return [p for p in facts["problems"] if "took over" in p["message"]]


def alias_bomb(levels: int = 4, chars: int = 6_000) -> str:
    """10**levels aliases of one string: 60 million characters from 30 KB of YAML."""
    lines = [f"s: &s \"{'x' * chars}\""]
    for level in range(levels):
        previous = f"l{level - 1}" if level else "s"
        lines.append(f"l{level}: &l{level} [{', '.join([f'*{previous}'] * 10)}]")
    return "\n".join(lines) + "\n"


def test_alias_bomb_in_an_api_description_is_one_problem(tmp_path: Path) -> None:
    facts = _scan(tmp_path, {"openapi.yaml": "openapi: 3.0.3\n" + alias_bomb(), "LICENSE": MIT})
    (problem,) = _problems(facts, "openapi.yaml")
    assert "characters of text (alias bomb?)" in problem["message"] and problem["message_fr"]
    (spec,) = facts["api_specs"]
    assert spec["valid"] is False and facts["licence"]["spdx"] == "MIT"


def test_alias_bomb_in_a_repository_config_is_a_notice_and_the_scan_goes_on(
        run_cli: RunCli, tmp_path: Path) -> None:
    waivers, notices_ = repository_waivers(alias_bomb().encode(), ".civiscan.yml")
    assert waivers == [] and ".civiscan.yml" in notices_[0][0] and "alias bomb" in notices_[0][0]
    (tmp_path / ".civiscan.yml").write_text(alias_bomb())
    (tmp_path / "README.md").write_text("# Outil\n")
    run = json.loads(run_cli("scan", str(tmp_path), "--format", "json", expect=None).stdout)
    (card,) = run["scorecards"]
    assert card["status"] == "ok"
    assert any(".civiscan.yml" in n and "alias bomb" in n for n in card["notices"])


def test_alias_bomb_in_the_trusted_config_is_a_config_error_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "civiscan.yml"
    path.write_text(alias_bomb())
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert str(path) in str(caught.value) and "alias bomb" in str(caught.value)


# The inputs of the issue: each took over a minute (or gigabytes) before.
QUADRATIC = {
    "heading of 150,000 [": {"README.md": "# " + "[" * 150_000 + "\n"},
    "README of 60,000 <h1>": {"README.md": "<h1>" * 60_000 + "\n"},
    "CONTRIBUTING of 60,000 <h1>": {"CONTRIBUTING.md": "<h1>" * 60_000 + "\n"},
    "LICENSE of one 60 KB word": {"LICENSE": "a" * 60_000 + "\n"},
    "package.json licence of 100,000 characters": {
        "package.json": json.dumps({"license": "a" * 100_000}), "LICENSE": MIT},
    "gemspec of repeated s.licenses = [": {"x.gemspec": "s.licenses = [" * 100_000,
                                            "LICENSE": MIT},
    "pyproject.toml key of 200,000 dotted parts": {
        "pyproject.toml": ".".join(["a"] * 200_000) + " = 1\n", "LICENSE": MIT},
    "setup.cfg line with 100,000 spaces": {
        "setup.cfg": "[metadata]\nlicense = MIT\nx" + " " * 100_000 + "y\n", "LICENSE": MIT},
    "setup.cfg of 100,000 unreadable lines": {
        "setup.cfg": "[metadata]\nlicense = MIT\n" + "x\n" * 100_000, "LICENSE": MIT},
}


@pytest.mark.parametrize("files", QUADRATIC.values(), ids=QUADRATIC.keys())
def test_quadratic_inputs_are_read_in_bounded_time(tmp_path: Path,
                                                   files: dict[str, str]) -> None:
    facts = _scan(tmp_path, files)
    assert _timed_out(facts) == []
    if "LICENSE" in files:
        assert facts["licence"]["spdx"] == ("MIT" if files["LICENSE"] == MIT else "NOASSERTION")


def test_what_the_quadratic_inputs_still_tell(tmp_path: Path) -> None:
    facts = _scan(tmp_path / "a", QUADRATIC["heading of 150,000 ["])
    readme_facts = facts["community"]["readme"]
    assert readme_facts["readable"] is True and readme_facts["truncated"] is True
    assert len(readme_facts["headings"]) == 1
    facts = _scan(tmp_path / "b", QUADRATIC["package.json licence of 100,000 characters"])
    (entry,) = [d for d in facts["licence"]["declared"] if d["source"] == "package.json"]
    assert entry["kind"] == "invalid" and "100,000 characters long" in entry["error"]
    assert len(entry["expression"]) == 1_001  # cut: a hostile value must not fill every report
    facts = _scan(tmp_path / "c", QUADRATIC["pyproject.toml key of 200,000 dotted parts"])
    (problem,) = _problems(facts, "pyproject.toml")
    assert problem["line"] == 1 and "dots on one line" in problem["message"]


def _fast(work: t.Callable[..., object], *args: object) -> None:
    """Run ``work`` under a short budget: a quadratic regex on these inputs takes minutes."""
    budget.bounded("input", lambda: work(*args), seconds=HANG_GUARD)


# Patterns that tried every opening against the rest of the text, each with an input where that
# takes minutes (200,000 characters).
@pytest.mark.parametrize(("work", "text"), [
    (notices.references, "a" * 200_000),
    (notices.references, "see " + "a/" * 100_000),
    (normalise.analyse, "](" * 100_000),
    (plain, "[![" * 70_000),
    (plain, "](" * 100_000),
    (plain, "<" * 200_000),
    (lambda text: readme.analyse(parse(text, "README.md")), "`x <" * 50_000),
    (lambda text: readme.analyse(parse(text, "README.md")), "```\n" + "docker compose " * 20_000),
    (lambda text: readme.guide_links(parse(text, "README.md")), "[a](b) " * 20_000),
    (lambda text: readme.FORGE_PROPOSAL.search(text), "https://x/" + "a/" * 100_000),
    (lambda text: placeholders.find(parse(text, "README.md"), "README.md"), "[à " * 50_000),
    (lambda text: placeholders.find(parse(text, "README.md"), "README.md"), "# TODO " * 30_000),
    (lambda text: contributing.explains(parse(text, "CONTRIBUTING.md")), "open a " * 30_000),
    (lambda text: parse(text, "README.org"), "[[" * 100_000),
    (lambda text: parse(text, "README.rst"), "`x <" * 50_000),
    (lambda text: parse(text, "README.adoc"), "link:" + "x" * 200_000),
    (security.about_reporting, "report vulnerability " * 10_000),
    (security.contacts_in_passing, "security a@b.fr " * 10_000),
    (lambda text: readme._LICENCE_TEXT.search(text), "under " * 35_000),
    (lambda text: parse(text, "README.md"), "# " + "x <" * 70_000),
    (lambda text: parse(text, "README.md"), "# " + "[" * 200_000),
    (lambda text: contributing.is_pointer(Document("markdown", text, links=["x"],
                                                   paragraphs=[Block(text, 1)])), "(" * 200_000),
    (lambda text: contributing.is_pointer(Document("markdown", text, links=["x"])),
     "| -" * 100_000 + "\n|" * 50_000),
    (conduct.analyse, "http://a" * 25_000),
    (conduct.analyse, "contributor covenant [" * 10_000),
    (security.private_channels, "report " + "https://github.com/a" * 10_000),
    (lambda text: terms.dco_signals(text, "CONTRIBUTING.md"), "git commit " * 20_000),
    (lambda text: find(text, "x.md", terms.DCO_TEXT), "DCO " * 50_000),
    (parse_expression, "x/" * 100_000),
    (lambda text: declared.read("x.gemspec", text.encode()), "s.license = '" * 20_000),
])
def test_patterns_are_linear_on_hostile_text(work: t.Callable[[str], object], text: str) -> None:
    _fast(work, text)


def _spin(*args: object) -> t.NoReturn:
    """Busy for 30 s, then a failure the test would report: the budget must stop it first."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        pass
    raise AssertionError("the per-file budget did not stop the work")


def test_one_file_running_out_of_time_is_one_bilingual_problem(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(budget, "FILE_SECONDS", 0.3)
    monkeypatch.setattr(readme, "analyse", _spin)
    facts = _scan(tmp_path, {"README.md": "# Outil\n\nUn service.\n", "LICENSE": MIT})
    (problem,) = _problems(facts, "README.md")
    assert problem["source"] == "community" and "took over 0.3 s" in problem["message"]
    assert "plus de 0,3 s" in problem["message_fr"]
    assert facts["community"]["readme"]["readable"] is False
    assert facts["licence"]["spdx"] == "MIT"  # the rest of the scan went on


def test_a_licence_file_running_out_of_time_is_listed_as_not_analysed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(budget, "FILE_SECONDS", 0.3)
    monkeypatch.setattr(licence_collector, "detect", _spin)
    facts = _scan(tmp_path, {"LICENSE": MIT, "package.json": '{"license": "MIT"}'})
    (entry,) = facts["licence"]["files"]
    assert entry["method"] == "not-analysed" and entry["spdx"] == "NOASSERTION"
    assert [p["path"] for p in facts["problems"]] == ["LICENSE"]
    assert facts["licence"]["declared"][0]["expression"] == "MIT"


@pytest.mark.parametrize("setup_py", ["x = " + "1+" * 300_000 + "1\n",  # refused by size
                                      "x = " + "1+" * 100_000 + "1\n"])  # RecursionError
def test_pathological_setup_py_costs_that_file_only(tmp_path: Path, setup_py: str) -> None:
    facts = _scan(tmp_path, {"setup.py": setup_py, "LICENSE": MIT})
    assert facts["licence"]["spdx"] == "MIT"
    (problem,) = facts["problems"]
    assert problem["path"] == "setup.py" and problem["source"] == "licence"


MANIFESTS = {"package.json": '{"license": "MIT"}', "pyproject.toml": '[project]\nlicense = "MIT"\n',
             "setup.cfg": "[metadata]\nlicense = MIT\n", "setup.py": "setup(license='MIT')\n",
             "composer.json": '{"license": "MIT"}', "Cargo.toml": '[package]\nlicense = "MIT"\n',
             "x.gemspec": "s.license = 'MIT'\n",
             "pom.xml": "<project><licenses><license><name>MIT</name></license></licenses>"
                        "</project>"}


FAILURES = [MemoryError(), RecursionError(), ValueError(), OverflowError("int too large"),
            KeyError("x"), UnicodeDecodeError("utf-8", b"\xff", 0, 1, "bad"), TypeError(),
            IndexError("list index out of range")]


@pytest.mark.parametrize(("manifest", "failure"), list(zip(MANIFESTS, FAILURES, strict=True)),
                         ids=[f"{m}-{type(f).__name__}" for m, f in zip(MANIFESTS, FAILURES, strict=True)])
def test_any_failure_of_a_manifest_reader_costs_that_manifest_only(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, manifest: str,
        failure: BaseException) -> None:
    def fail(path: str, data: bytes) -> t.NoReturn:
        raise failure

    source = declared.source_of(manifest)
    assert source is not None
    monkeypatch.setitem(declared._READERS, source, fail)
    facts = _scan(tmp_path, {manifest: MANIFESTS[manifest], "LICENSE": MIT})
    assert facts["licence"]["spdx"] == "MIT"
    assert [(p["path"], p["source"]) for p in facts["problems"]] == [(manifest, "licence")]


def test_setup_py_memory_error_from_ast_costs_that_file_only(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = ast.parse

    def out_of_memory(source: str, filename: str = "<unknown>", *args: t.Any,
                      **kwargs: t.Any) -> t.Any:
        if filename == "setup.py":  # what a 1 MB expression does on some builds
            raise MemoryError
        return real(source, filename, *args, **kwargs)  # pytest parses too, to show a failure

    monkeypatch.setattr(ast, "parse", out_of_memory)
    facts = _scan(tmp_path, {"setup.py": MANIFESTS["setup.py"], "LICENSE": MIT})
    assert facts["licence"]["spdx"] == "MIT"
    (problem,) = facts["problems"]
    assert problem["path"] == "setup.py" and problem["source"] == "licence"
    assert problem["message"].startswith(("unreadable setup.py", "not analysed"))
    assert problem["message_fr"]


def test_a_lockfile_reader_failure_costs_that_lockfile_only(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def out_of_memory(path: str, data: bytes) -> t.NoReturn:
        raise MemoryError

    monkeypatch.setattr(dependencies, "read_lockfile", out_of_memory)
    facts = _scan(tmp_path, {"package-lock.json": "{}", "LICENSE": MIT})
    assert facts["dependencies"]["lockfiles"][0]["read"] is False
    assert [p["path"] for p in facts["problems"]] == ["package-lock.json"]


def test_huge_integers_in_manifests_are_parse_errors_of_that_file(tmp_path: Path) -> None:
    facts = _scan(tmp_path, {"package.json": '{"license": "MIT", "n": ' + "9" * 5_000 + "}",
                             "Cargo.toml": '[package]\nlicense = "MIT"\nn = ' + "9" * 5_000 + "\n",
                             "LICENSE": MIT})
    assert facts["licence"]["spdx"] == "MIT"
    assert sorted(p["path"] for p in facts["problems"]) == ["Cargo.toml", "package.json"]


def test_thousands_of_distinct_dependency_licences_are_summarised_quickly() -> None:
    found = [dependencies.Dependency(f"p{n}", f"Custom-{n} OR weird {n}", "package-lock.json",
                                     False) for n in range(40_000)]
    _fast(dependencies.summarise, found, "MIT")


SPEC = {"openapi": "3.0.3", "info": {"title": "API", "version": 3},  # version: not a string
        "paths": {}}


def _count_parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    real = api_specs_collector.load_data

    def counting(data: bytes, *, path: str, locate: bool = False) -> t.Any:
        calls.append(path)
        return real(data, path=path, locate=locate)

    monkeypatch.setattr(api_specs_collector, "load_data", counting)
    return calls


def test_identical_descriptions_are_parsed_once_and_each_keeps_its_own_path(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _count_parses(monkeypatch)
    text = json.dumps(SPEC, indent=1)
    facts = _scan(tmp_path, {f"api/v{n}/openapi.json": text for n in range(5)}
                  | {"openapi.json": text})
    assert len(calls) == 1
    specs = {s["path"]: s for s in facts["api_specs"]}
    assert sorted(specs) == ["api/v0/openapi.json", "api/v1/openapi.json", "api/v2/openapi.json",
                             "api/v3/openapi.json", "api/v4/openapi.json", "openapi.json"]
    for path, spec in specs.items():
        assert spec["valid"] is False and {e["path"] for e in spec["errors"]} == {path}
        assert "_folder" not in spec
    assert [s["same_as"] for s in facts["api_specs"]].count(None) == 1


def test_identical_descriptions_referring_to_other_files_are_checked_from_each_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _count_parses(monkeypatch)
    text = json.dumps(SPEC | {"paths": {"/a": {"$ref": "shared/paths.yaml#/a"}}}, indent=1)
    facts = _scan(tmp_path, {"api/v1/openapi.json": text, "api/v1/openapi-copy.json": text,
                             "api/v2/openapi.json": text,
                             "api/v1/shared/paths.yaml": "a:\n  get:\n    responses: {}\n"})
    assert len(calls) == 2  # once per folder
    errors = {s["path"]: " ".join(e["message"] for e in s["errors"]) for s in facts["api_specs"]}
    assert "does not exist" not in errors["api/v1/openapi.json"]
    assert errors["api/v1/openapi-copy.json"] == errors["api/v1/openapi.json"]
    assert "api/v2/shared/paths.yaml does not exist" in errors["api/v2/openapi.json"]


def test_identical_licence_texts_are_detected_once(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    real = licence_collector.detect

    def counting(text: str) -> t.Any:
        calls.append(len(text))
        return real(text)

    monkeypatch.setattr(licence_collector, "detect", counting)
    facts = _scan(tmp_path, {"LICENSE": MIT} | {f"packages/p{n}/LICENSE": MIT for n in range(5)})
    assert len(calls) == 1
    assert [f["spdx"] for f in facts["licence"]["files"]] == ["MIT"] * 6
    assert sorted(f["path"] for f in facts["licence"]["files"])[0] == "LICENSE"
