"""Manifest readers: static, never executing project code, never crashing on a bad file."""

from __future__ import annotations

import pytest

from scanner.licences.declared import read


def _values(path: str, data: str | bytes) -> list[str | None]:
    found, errors = read(path, data.encode() if isinstance(data, str) else data)
    assert errors == []
    return [d.expression for d in found]


def test_package_json_forms() -> None:
    assert _values("package.json", '{"license": "MIT"}') == ["MIT"]
    assert _values("package.json", '{"license": {"type": "ISC"}}') == ["ISC"]
    assert _values("package.json", '{"licenses": [{"type": "MIT"}, {"type": "GPL-2.0"}]}') == [
        "MIT OR GPL-2.0"]
    assert _values("a/package.json", '{"name": "x"}') == [None]


def test_pyproject_pep621_pep639_poetry_and_classifiers() -> None:
    assert _values("pyproject.toml", '[project]\nlicense = "EUPL-1.2"\n') == ["EUPL-1.2"]
    assert _values("pyproject.toml", '[project]\nlicense = {text = "MIT"}\n') == ["MIT"]
    pointer = ('[project]\nlicense = {file = "LICENSE"}\nclassifiers = '
               '["License :: OSI Approved :: MIT License"]\n')
    assert _values("pyproject.toml", pointer) == ["MIT"]
    assert _values("pyproject.toml", '[tool.poetry]\nlicense = "AGPL-3.0-or-later"\n') == [
        "AGPL-3.0-or-later"]


def test_setup_cfg_and_setup_py_are_parsed_not_run() -> None:
    assert _values("setup.cfg", "[metadata]\nlicense = MIT\n") == ["MIT"]
    setup = ("import os\nos.system('echo pwned')\nfrom setuptools import setup\n"
             "setup(name='x', license='CECILL-B', classifiers=["
             "'License :: OSI Approved :: GNU Affero General Public License v3 or later "
             "(AGPLv3+)'])\n")
    assert _values("setup.py", setup) == ["CECILL-B", "AGPL-3.0-or-later"]


def test_composer_cargo_gemspec_pom() -> None:
    assert _values("composer.json", '{"license": ["MIT", "GPL-3.0-or-later"]}') == [
        "MIT OR GPL-3.0-or-later"]
    assert _values("Cargo.toml", '[package]\nlicense = "MIT/Apache-2.0"\n') == [
        "MIT/Apache-2.0"]
    assert _values("x.gemspec", "Gem::Specification.new do |s|\n  s.license = 'MIT'\nend\n") == [
        "MIT"]
    pom = ("<project xmlns='http://maven.apache.org/POM/4.0.0'><licenses><license>"
           "<name>The Apache Software License, Version 2.0</name></license></licenses></project>")
    assert _values("pom.xml", pom) == ["The Apache Software License, Version 2.0"]


@pytest.mark.parametrize(("path", "data"), [
    ("package.json", '{"license": "MIT", "version": ' + "9" * 5000 + "}"),  # case 13
    ("package.json", '{"license": NaN}'),                                    # case 14
    ("package.json", "[" * 5000 + "]" * 5000),                               # case 15
    ("package.json", '{"license": "MIT", "license": "ISC"}'),               # case 18
    ("pyproject.toml", "[project\nlicense = 'MIT'"),                          # case 24
    ("package.json", '{"license": "MIT",'),                                   # case 24
    ("setup.py", "setup(license='MIT'"),
    ("setup.py", "(" * 5000),
    ("setup.py", "+" + "[" * 200 + ":"),  # found by bench/fuzz.py: the parser's MemoryError
    ("setup.cfg", "license = MIT\n[metadata\n"),
    ("pom.xml", "<!DOCTYPE x [<!ENTITY a 'aaaa'><!ENTITY b '&a;&a;'>]><project>&b;</project>"),
    ("composer.json", b"\xff\xfe\x00garbage"),
])
def test_bad_files_are_problems_not_crashes(path: str, data: str | bytes) -> None:
    found, errors = read(path, data.encode() if isinstance(data, str) else data)
    assert found == []
    assert len(errors) == 1 and errors[0].path == path


def test_utf8_bom_and_lone_surrogate_are_read() -> None:  # cases 16, 17
    assert _values("package.json", b'\xef\xbb\xbf{"license": "MIT"}') == ["MIT"]
    assert _values("package.json", '{"license": "MIT", "x": "\\ud800"}') == ["MIT"]


def test_setup_cfg_metadata_is_read_alone() -> None:
    text = ("[options]\nlicense = GPL-3.0\n[metadata]\nname = a\nlicense = EUPL-1.2\n"
            "classifiers =\n    License :: OSI Approved :: MIT License\n[tool:pytest]\nx = 1\n")
    assert _values("setup.cfg", text) == ["EUPL-1.2", "MIT"]
    assert _values("setup.cfg", "[options]\nlicense = MIT\n") == []
    assert _values("setup.cfg", "[metadata]\nlicense =" + " " * 1_000 + "MIT\n") == ["MIT"]
