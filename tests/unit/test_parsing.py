"""Hostile YAML and JSON (conventions §9 A and B) give a ParseError naming file and line, fast."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from scanner.errors import ParseError
from scanner.parsing import load_data, load_json, load_toml, load_yaml

BOMB = "\n".join(
    ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    + [f"{x}: &{x} [{', '.join(['*' + p] * 9)}]" for p, x in zip("abcdef", "bcdefg", strict=False)]
) + "\n"


def _error(loader, text, path="publiccode.yml") -> ParseError:  # type: ignore[no-untyped-def]
    with pytest.raises(ParseError) as caught:
        loader(text, path=path)
    return caught.value


def test_alias_bomb_is_rejected_quickly() -> None:
    started = time.perf_counter()
    error = _error(load_yaml, BOMB)
    assert "alias" in error.message and error.path == "publiccode.yml"
    assert time.perf_counter() - started < 5  # a hang guard, not a speed target (bench/)


def test_small_aliases_still_work() -> None:
    value = load_yaml("base: &b {x: 1}\nother: *b\n", path="x.yml").value
    assert value == {"base": {"x": 1}, "other": {"x": 1}}


def test_recursive_alias_is_a_cycle_error() -> None:
    assert "recursive alias" in _error(load_yaml, "a: &x [1, *x]\n").message


@pytest.mark.parametrize("depth", [1_000, 50_000])
def test_deep_nesting_is_rejected_without_crashing(depth: int) -> None:
    # In a subprocess: a crash of the C parser (rc 139) must show up as a failure, not kill pytest.
    code = ("from scanner.parsing import load_yaml\nfrom scanner.errors import ParseError\n"
            f"try:\n    load_yaml('[' * {depth} + ']' * {depth}, path='x.yml')\n"
            "except ParseError as e:\n    print('rejected:', e)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "rejected: x.yml:1:" in done.stdout


def test_python_tags_are_rejected_and_nothing_runs(tmp_path) -> None:  # type: ignore[no-untyped-def]
    marker = tmp_path / "ran"
    error = _error(load_yaml, f"a: !!python/object/apply:os.system ['touch {marker}']\n")
    assert "unsupported tag" in error.message and error.line == 1
    assert not marker.exists()


def test_duplicate_keys_name_the_line() -> None:
    error = _error(load_yaml, "name: a\nurl: b\nname: c\n")
    assert error.message == "duplicate key 'name'" and error.line == 3


def test_yaml_11_coercions_do_not_happen() -> None:
    value = load_yaml("a: NO\nb: on\nc: yes\nd: 12:30\ne: 2017-04-15\nf: 0777\ng: 1.10\n",
                      path="x.yml").value
    assert value == {"a": "NO", "b": "on", "c": "yes", "d": "12:30", "e": "2017-04-15",
                     "f": 777, "g": 1.1}
    json.dumps(value)  # dates stay strings: the JSON report can always be written


def test_non_string_keys_keep_their_text_and_never_collide() -> None:
    assert load_yaml("1: a\ntrue: c\n200: ok\n", path="x.yml").value == {
        "1": "a", "true": "c", "200": "ok"}


def test_multi_document_is_rejected() -> None:
    error = _error(load_yaml, "a: 1\n---\nb: 2\n")
    assert "single YAML document" in error.message and error.line == 2


@pytest.mark.parametrize("text", ["", "# only a comment\n"])
def test_empty_documents_are_none(text: str) -> None:
    assert load_yaml(text, path="x.yml").value is None


def test_nul_and_invalid_utf8_name_file_and_line() -> None:
    assert _error(load_yaml, b"a: 1\nb: \x00\n").line == 2
    assert "invalid UTF-8" in _error(load_yaml, b"a: 1\nb: \xff\n").message
    assert load_yaml("a: b\n".encode("utf-16"), path="x.yml").value == {"a": "b"}


def test_syntax_error_line_is_one_based() -> None:
    assert _error(load_yaml, "a: 1\nb: 2\n c: d: e\n").line == 3


def test_unclosed_constructs_point_where_they_open() -> None:
    assert _error(load_yaml, "name: a\nurl: b\nk: [1, 2\n").line == 3
    assert _error(load_yaml, 'name: a\nq: "unterminated\n').line == 2


def test_overflowing_numbers_never_become_infinite() -> None:
    assert load_yaml("a: 1e400\n", path="x.yml").value == {"a": "1e400"}
    assert load_json('{"a": 1e400, "b": 1.5}', path="x.json").value == {"a": "1e400", "b": 1.5}


def test_lines_are_recorded_per_pointer() -> None:
    loaded = load_yaml("a:\n  b: 1\n  c:\n    - x\n    - y\n", path="x.yml", locate=True)
    assert loaded.line_of("/a/c/1") == 5
    assert loaded.line_of("/a/b") == 2
    assert loaded.line_of("/a/missing") == 1


def test_columns_and_literals_are_recorded_per_pointer() -> None:
    loaded = load_yaml("a:\n  b: 0123\n  c:\n    - x\n    - 1.10\n  d: [true, ~]\n",
                       path="x.yml", locate=True)
    assert loaded.position_of("/a/b") == (2, 3)
    assert loaded.position_of("/a/c/1") == (5, 7)
    assert loaded.position_of("/a/d/0") == (6, 7)
    assert loaded.position_of("/a/missing") == (1, 1)
    assert loaded.value["a"]["b"] == 123 and loaded.literals == {
        "/a/b": "0123", "/a/c/1": "1.10", "/a/d/0": "true"}
    assert load_yaml("a: 1\n", path="x.yml").literals is None


def test_json_hostile_inputs() -> None:
    assert "NaN" in _error(load_json, '{"a": NaN}', "x.json").message
    assert "duplicate key" in _error(load_json, '{"a": 1, "a": 2}', "x.json").message
    assert "digits" in _error(load_json, "1" * 5000, "x.json").message
    assert "nested" in _error(load_json, "[" * 5000 + "]" * 5000, "x.json").message
    assert load_json('\ufeff{"a": 1}', path="x.json").value == {"a": 1}
    assert load_json(b'\xef\xbb\xbf{"a": 1}', path="x.json").value == {"a": 1}
    assert _error(load_json, '{\n"a": 1,\n}', "x.json").line == 3


def test_load_data_dispatches_on_extension_and_locates_json_lines() -> None:
    loaded = load_data(b'{\n  "info": {\n    "title": "x"\n  }\n}', path="api.JSON", locate=True)
    assert loaded.value == {"info": {"title": "x"}}
    assert loaded.line_of("/info/title") == 3


def test_toml_errors_name_the_line() -> None:
    error = _error(load_toml, "[project]\nname = 'x'\nname = 'y'\n", "pyproject.toml")
    assert error.line == 3


# --- a tab opening a block scalar (YAML 1.2 content, rejected by libyaml) -------------------

ADYEN = Path(__file__).parents[1] / "fixtures" / "apispecs" / "adyen-checkout37-tab-block-scalar.yaml"
#: The same description in Adyen's own JSON (quoted in APIs-guru/openapi-directory issue #866).
ADYEN_DESCRIPTION = ("\t\nDate and time of travel. [ISO 8601](https://en.wikipedia.org/wiki/ISO_8601)"
                     "-compliant.\n* Format: `yyyy-MM-dd HH:mm`\n* minLength: 16\n* maxLength: 16")


def test_real_description_opening_with_a_tab_reads_as_yaml_12_says() -> None:
    loaded = load_yaml(ADYEN.read_bytes(), path=ADYEN.name, locate=True)
    leg = loaded.value["components"]["schemas"]["AdditionalDataAirline"]["properties"][
        "airline.leg.date_of_travel"]
    assert leg == {"description": ADYEN_DESCRIPTION, "type": "string"}
    lines = ADYEN.read_text().splitlines()
    pointer = "/components/schemas/AdditionalDataAirline/properties/airline.leg.date_of_travel"
    assert lines[loaded.line_of(pointer + "/type") - 1].strip() == "type: string"  # type: ignore[operator]
    assert lines[loaded.line_of(pointer + "/description") - 1].strip() == "description: |-"  # type: ignore[operator]


@pytest.mark.parametrize(("text", "value"), [
    # what js-yaml and eemeli's yaml (tested against the yaml-test-suite) read
    ("a: |\n \t\n  y\n", {"a": "\t\n y\n"}),
    ("- |\n  \tx\n  y\n", ["\tx\ny\n"]),
    ("a: >-\n\n    \tindented by a tab\n    next\nb: 1\n", {"a": "\n\tindented by a tab\nnext", "b": 1}),
    ("a: |  # comment\n  \t\n  text\n", {"a": "\t\ntext\n"}),
])
def test_tab_after_the_indentation_of_a_block_scalar_is_content(text: str, value: object) -> None:
    assert load_yaml(text, path="t.yaml").value == value


def test_tab_on_a_less_indented_later_line_stays_an_error() -> None:
    # YAML 1.2 rejects it too (js-yaml: "bad indentation", eemeli/yaml: "less indented")
    with pytest.raises(ParseError) as caught:
        load_yaml("a: |\n  x\n \t\n  y\nb: 1\n", path="t.yaml")
    assert caught.value.line == 3 and "tab" in caught.value.message


def test_tab_opened_scalars_keep_anchors_tags_and_sequences_right() -> None:
    text = ("v: &v !!str |\n   \tx\nw: *v\nitems:\n  - - >-\n      \tdeep\n      fold\n"
            "  - name: |+\n      \tkept\n\n")
    assert load_yaml(text, path="t.yaml").value == {
        "v": "\tx\n", "w": "\tx\n", "items": [["\tdeep\nfold"], {"name": "\tkept\n\n"}]}


def test_a_header_whose_parent_cannot_be_told_keeps_the_libyaml_error() -> None:
    with pytest.raises(ParseError) as caught:
        load_yaml("a:\n  |\n   \tx\n", path="t.yaml")
    assert caught.value.line == 3


def test_many_tab_opened_block_scalars_load_in_bounded_time() -> None:
    text = "".join(f"k{i}: |\n  \tline {i}\n" for i in range(40_000))
    start = time.perf_counter()
    value = load_yaml(text, path="big.yaml").value
    assert time.perf_counter() - start < 10.0  # a hang guard, not a speed target
    assert value["k39999"] == "\tline 39999\n"


def _long_string_bomb(levels: int = 4, chars: int = 6_000) -> str:
    """Aliases of one long string: 10**levels copies (60 million characters with the defaults,
    from 30 KB of text; the node count stays far under MAX_NODES)."""
    lines = [f"s: &s \"{'x' * chars}\""]
    previous = "s"
    for level in range(levels):
        lines.append(f"l{level}: &l{level} [{', '.join([f'*{previous}'] * 10)}]")
        previous = f"l{level}"
    return "\n".join(lines) + "\n"


def test_aliases_of_a_long_string_are_capped_in_characters_not_only_in_nodes() -> None:
    error = _error(load_yaml, _long_string_bomb(), "openapi.yaml")
    assert error.path == "openapi.yaml" and error.line == 5
    assert "characters of text" in error.message and "alias bomb" in error.message
    assert error.message_fr and "bombe d'alias" in error.message_fr


def test_aliased_mappings_count_their_keys_and_values() -> None:
    key = "k" * 6_000  # an explicit key ("? "): implicit ones stop at 1,024 characters
    text = f"m: &m\n  ? {key}\n  : v\n" + "".join(
        f"l{n}: &l{n} [{', '.join(['*' + ('m' if n == 0 else f'l{n - 1}')] * 10)}]\n"
        for n in range(4))
    assert "characters of text" in _error(load_yaml, text).message


def test_modest_aliases_of_long_strings_still_load() -> None:
    value = load_yaml(_long_string_bomb(levels=2), path="x.yml").value  # 600,000 characters
    assert len(value["l1"]) == 10 and value["l1"][0][0] == "x" * 6_000


def test_toml_key_of_200000_dotted_parts_is_refused_before_tomllib() -> None:
    started = time.perf_counter()
    error = _error(load_toml, "[project]\nname = 'x'\n" + ".".join(["a"] * 200_000) + " = 1\n",
                   "pyproject.toml")
    assert error.line == 3 and "dots on one line" in error.message and error.message_fr
    assert time.perf_counter() - started < 5  # a hang guard (tomllib takes minutes and GBs)


def test_toml_with_many_dots_on_separate_lines_still_parses() -> None:
    text = "".join(f'k{n} = "1.2.3.4.5"\n' for n in range(1_000))  # 4,000 dots in all
    assert load_toml(text, path="Cargo.toml")["k999"] == "1.2.3.4.5"


@pytest.mark.parametrize("text", ["x = " + "{a=" * 2_000 + "1" + "}" * 2_000,
                                  "x = " + "[" * 5_000 + "]" * 5_000])
def test_deeply_nested_toml_is_a_parse_error(text: str) -> None:
    assert "nested too deeply" in _error(load_toml, text, "Cargo.toml").message
