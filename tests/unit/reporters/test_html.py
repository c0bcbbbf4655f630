"""The HTML report without a browser: escaping, the CSP and its hashes, nothing external, size.
(tests/acceptance/test_html_browser.py drives it in Chromium.)"""

from __future__ import annotations

import base64
import copy
import hashlib
import html
import json
import re
import typing as t

from scanner.reporters import REPORTER_BY_NAME
from scanner.reporters.html import _environment, script_json
from tests.support import golden_run

HOSTILE = '<script>alert(1)</script></textarea><a href="javascript:alert(1)">x</a>'


def _page(run: dict[str, t.Any] | None = None) -> str:
    return REPORTER_BY_NAME["html"].render(run or golden_run())


def _data(page: str) -> dict[str, t.Any]:
    block = re.search(r'<script type="application/json" id="civiscan-data">(.*?)</script>', page,
                      re.S)
    assert block
    return t.cast(dict[str, t.Any], json.loads(block.group(1)))


def _sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_embedded_json_cannot_close_its_block() -> None:
    text = script_json({"a": "</script><!-- <script>&</textarea>\u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"a": "</script><!-- <script>&</textarea>\u2028"}


def test_repository_text_is_only_data_and_links_are_http_only() -> None:
    page = _page()
    before_data = page.split('<script type="application/json"', 1)[0]
    assert "<script>alert" not in page and "</textarea>" not in page
    assert "javascript:" not in before_data
    data = _data(page)
    hostile = next(r for r in data["repos"] if r["n"].startswith("hostile/"))
    assert HOSTILE in hostile["d"]  # the description is kept, as text
    assert "u" not in hostile  # its javascript: URL is no link
    assert "\\u202e" in hostile["n"]  # a bidi override is shown, not obeyed
    assert all(r.get("u", "https://").startswith(("https://", "http://")) for r in data["repos"])


def test_csp_allows_exactly_the_page_script_and_style() -> None:
    page = _page()
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page)
    assert csp
    content = html.unescape(csp.group(1))  # as the browser reads the attribute
    policy = dict(part.strip().split(" ", 1) for part in content.split(";"))
    assert policy["default-src"] == "'none'" and policy["base-uri"] == "'none'"
    scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
    styles = re.findall(r"<style>(.*?)</style>", page, re.S)
    assert len(scripts) == 1 and len(styles) == 1
    assert policy["script-src"] == _sha(scripts[0]) and policy["style-src"] == _sha(styles[0])
    assert "unsafe-inline" not in content and "unsafe-eval" not in content


def test_nothing_external_and_no_inline_handlers_or_styles() -> None:
    page = _page()
    markup = re.sub(r'<script type="application/json".*?</script>', "", page, flags=re.S)
    markup = re.sub(r"<script>.*?</script>", "", markup, flags=re.S)
    assert not re.search(r"\son[a-z]+\s*=", markup, re.I)
    assert not re.search(r"\sstyle\s*=", markup, re.I)
    assert not re.search(r"\ssrc\s*=", markup, re.I)
    assert re.findall(r'href="([^"]*)"', markup) == ["data:,"]  # the empty favicon only
    assert "@import" not in page and "url(" not in re.sub(r"url\(#\w\)", "", page)
    script = re.search(r"<script>(.*?)</script>", page, re.S)
    assert script and not re.search(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|"
                                    r"eval\(|new Function|fetch\(|XMLHttpRequest|setAttribute\("
                                    r"\"style\"", script.group(1))


def test_templates_escape_even_from_strings() -> None:
    assert _environment().from_string("{{ x }}").render(x="<b>") == "&lt;b&gt;"


def test_french_and_english_chrome() -> None:
    assert 'lang="fr"' in _page(golden_run("fr")) and "Répartition des notes" in _page(
        golden_run("fr"))
    english = _page(golden_run("en"))
    assert 'lang="en"' in english and "Grade distribution" in english


def test_a_large_run_stays_small() -> None:
    """5,000 repositories must stay under 10 MB (bench/reports.py measures it): 1,000 copies
    of the golden scorecards, each with its own name and description, under 2 MB."""
    run = golden_run()
    cards = [c for c in run["scorecards"] if c["status"] == "ok"]
    many = []
    for i in range(1000):
        card = copy.deepcopy(cards[i % len(cards)])
        card["repository"] = dict(card["repository"], full_name=f"org/repo-{i}",
                                  description=f"Service numérique n°{i}")
        many.append(card)
    run["scorecards"] = many
    page = _page(run)
    assert len(page.encode()) < 2_000_000
    assert len(_data(page)["repos"]) == 1000
