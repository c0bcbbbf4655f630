"""The HTML report in a real headless Chromium (Debian's chromium and chromium-driver; .ci/browser
installs them): it loads with no console error and no network request, sorting, filtering and
pages work, hostile repository text shows as text, and screenshots of the overview and of a
detail view are written under the test's temporary folder for a person to look at.

Skipped only when no Chromium is installed outside CI; in CI (``CI`` set) it must run.
"""

from __future__ import annotations

import copy
import json
import os
import shutil
import tempfile
import time
import typing as t
from pathlib import Path

import pytest

from scanner.reporters import REPORTER_BY_NAME
from scanner.reporters.base import ReportOptions
from scanner.runs import history
from tests.support import GOLDEN, golden_run

IN_CI = bool(os.environ.get("CI"))
BROWSERS = ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome")
DRIVERS = ("/usr/bin/chromedriver", "chromedriver")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-default-apps", "--disable-extensions", "--window-size=1400,1000")


def _find(candidates: tuple[str, ...]) -> str | None:
    for name in candidates:
        found = name if os.path.isfile(name) else shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="module")
def browser() -> t.Iterator[t.Any]:
    binary, driver_path = _find(BROWSERS), _find(DRIVERS)
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        if IN_CI:
            raise
        pytest.skip("selenium is not installed (pip install '.[test]')")
    if not (binary and driver_path):
        if IN_CI:
            pytest.fail("CI must test the HTML report in Chromium: run .ci/browser")
        pytest.skip("no Chromium and chromedriver here (.ci/browser installs them)")
    os.environ["SE_OFFLINE"] = "true"  # Selenium Manager must never fetch a driver
    profile = tempfile.mkdtemp(prefix="civiscan-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in (*FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def _open(driver: t.Any, page: Path) -> None:
    driver.get("about:blank")
    driver.get_log("performance")  # drop what the browser did before (its new-tab page)
    driver.get_log("browser")
    driver.get(page.as_uri())


def _requests(driver: t.Any) -> list[str]:
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def _check_quiet(driver: t.Any, page: Path) -> None:
    """No console error, and no request but the page itself (and data: URLs)."""
    errors = [e for e in driver.get_log("browser") if e["level"] in ("SEVERE", "WARNING")]
    assert not errors, errors
    others = [u for u in _requests(driver) if u != page.as_uri() and not u.startswith("data:")
              and not u.startswith(page.as_uri() + "#")]
    assert not others, others


def _rows(driver: t.Any) -> list[list[str]]:
    script = ("return [...document.querySelectorAll('#repos-body tr')].map("
              "tr => [...tr.children].map(td => td.textContent))")
    return t.cast(list[list[str]], driver.execute_script(script))


def _click_header(driver: t.Any, key: str) -> None:
    from selenium.webdriver.common.by import By

    driver.find_element(By.CSS_SELECTOR, f'#repos-head button[data-key="{key}"]').click()


def test_report_in_chromium(browser: t.Any, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select, WebDriverWait

    run = golden_run("en")
    past = history.load(GOLDEN / "history", run)
    page = tmp_path / "report.html"
    page.write_text(REPORTER_BY_NAME["html"].render(run, options=ReportOptions(history=past)),
                    "utf-8")
    _open(browser, page)
    browser.save_screenshot(str(tmp_path / "overview.png"))
    assert browser.find_element(By.CSS_SELECTOR, "#overview svg polyline.trend")

    # lowest score first, then sorted by a click on a header, both ways
    rows = _rows(browser)
    assert len(rows) == len(run["scorecards"])
    assert rows[0][2] == "30.3"
    _click_header(browser, "score")
    assert _rows(browser)[0][2] == "100.0"
    _click_header(browser, "name")
    names = [r[0] for r in _rows(browser)]
    assert names == sorted(names, key=str.lower) or names[0].startswith("agora")

    # filters
    search = browser.find_element(By.ID, "f-search")
    search.send_keys("dsfr")
    assert {r[0].split(" · ")[0] for r in _rows(browser)} == {"GouvernementFR/dsfr", "startup:dsfr"}
    search.clear()
    search.send_keys(" ")  # an input event with an empty query
    Select(browser.find_element(By.ID, "f-grade")).select_by_value("E")
    assert len(_rows(browser)) == 2
    Select(browser.find_element(By.ID, "f-grade")).select_by_value("")
    Select(browser.find_element(By.ID, "f-status")).select_by_value("error")
    assert [r[0] for r in _rows(browser)] == ["betagouv/gone"]
    Select(browser.find_element(By.ID, "f-status")).select_by_value("")
    Select(browser.find_element(By.ID, "f-incubator")).select_by_visible_text(
        "Incubateur des territoires")
    assert len(_rows(browser)) == 3  # the repository and the two startups
    Select(browser.find_element(By.ID, "f-incubator")).select_by_value("")

    # hostile text is text: no script ran, no javascript: link, no textarea, nothing parsed
    hostile = next(a for a in browser.find_elements(By.CSS_SELECTOR, "#repos-body a")
                   if a.text.startswith("hostile/"))
    assert "<script>alert(1)</script>" in hostile.text and "\\u202e" in hostile.text
    hostile.click()
    detail = browser.find_element(By.ID, "detail-view")
    WebDriverWait(browser, 10).until(lambda _: detail.is_displayed())
    assert "<script>alert(1)</script></textarea>" in detail.find_element(By.CLASS_NAME,
                                                                         "desc").text
    counts = browser.execute_script(
        "return [document.scripts.length, document.querySelectorAll('textarea').length,"
        " document.querySelectorAll('a[href^=\"javascript:\"]').length,"
        " document.querySelectorAll('#detail-view a:not(.back)').length]")
    assert counts[:3] == [2, 0, 0]
    browser.save_screenshot(str(tmp_path / "detail-hostile.png"))

    # a real repository's detail: findings with evidence, remediation and the trend
    browser.get(page.as_uri() + "#r2")
    detail = browser.find_element(By.ID, "detail-view")
    text = detail.text
    assert "betagouv/rdv-service-public" in text and "swagger/v1/api.json" in text
    assert "remediation" in text.lower() and detail.find_element(By.CSS_SELECTOR, "svg.spark")
    link = detail.find_element(By.CSS_SELECTOR, "a[target=_blank]")
    assert link.get_attribute("href").startswith("https://")
    assert link.get_attribute("rel") == "noopener noreferrer nofollow"
    browser.save_screenshot(str(tmp_path / "detail.png"))
    detail.find_element(By.CLASS_NAME, "back").click()
    table = browser.find_element(By.ID, "table-view")
    WebDriverWait(browser, 10).until(lambda _: table.is_displayed())
    _check_quiet(browser, page)
    print(f"screenshots: {tmp_path}")


def test_five_thousand_repositories_stay_usable(browser: t.Any, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    run = golden_run("fr")
    cards = [c for c in run["scorecards"] if c.get("kind", "repository") == "repository"]
    many = []
    for i in range(5000):
        card = copy.deepcopy(cards[i % len(cards)])
        card["repository"] = dict(card["repository"], full_name=f"org/depot-{i:04d}")
        many.append(card)
    run["scorecards"] = many
    page = tmp_path / "large.html"
    text = REPORTER_BY_NAME["html"].render(run)
    assert len(text.encode()) < 10_000_000
    page.write_text(text, "utf-8")
    started = time.monotonic()
    _open(browser, page)
    assert browser.find_element(By.ID, "p-where").text == "page 1 sur 100"
    assert len(_rows(browser)) == 50
    browser.find_element(By.ID, "p-next").click()
    assert browser.find_element(By.ID, "p-where").text == "page 2 sur 100"
    _click_header(browser, "score")
    assert browser.find_element(By.ID, "p-where").text == "page 1 sur 100"
    browser.find_element(By.ID, "f-search").send_keys("depot-4999")
    assert [r[0] for r in _rows(browser)] == ["org/depot-4999"]
    assert time.monotonic() - started < 60  # a hang guard, not a speed target
    _check_quiet(browser, page)


def test_the_checks_would_catch_a_request_or_an_error(browser: t.Any, tmp_path: Path) -> None:
    """The quiet check above fails on a page that fetches something (here refused by the CSP,
    which the console reports too)."""
    page = tmp_path / "leaky.html"
    text = REPORTER_BY_NAME["html"].render(golden_run())
    page.write_text(text.replace("</main>", '<img src="http://127.0.0.1:9/x.png"></main>'), "utf-8")
    _open(browser, page)
    with pytest.raises(AssertionError):
        _check_quiet(browser, page)
