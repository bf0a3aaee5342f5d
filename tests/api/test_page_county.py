"""The chat page's county view (县级汇总) in a real browser, checked against the JSON of the endpoints it shows:
GET /api/table, /api/required and /api/themes, and the downloads, over a service that requires a key."""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx
import pytest

from tests.servers import chromium, free_port, start, stop

if TYPE_CHECKING:
    from selenium.webdriver.remote.webdriver import WebDriver
    from selenium.webdriver.remote.webelement import WebElement

pytestmark = [pytest.mark.corpus, pytest.mark.browser]
REPO = Path(__file__).resolve().parents[2]
OUT = REPO / "eval" / "out"
AXE = REPO / ".venv" / "axe" / "node_modules" / "axe-core" / "axe.min.js"  # make install-test puts it there
KEY = "county-key"  # the service requires a key: every fetch of the view, downloads included, must send it
WAIT = 60  # seconds: an upper bound on waiting for the page on a busy machine, never a figure asserted


@pytest.fixture(scope="module")
def base(corpus_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = free_port()
    env = {**os.environ, "QA_DATA_DIR": str(corpus_data), "QA_API_KEYS": KEY}
    server = start([sys.executable, "-m", "qa.cli", "serve", "--port", str(port)], url=f"http://127.0.0.1:{port}/readyz",
                   log=tmp_path_factory.mktemp("county-page") / "serve.log", env=env)
    yield f"http://127.0.0.1:{port}"
    stop(server)


@pytest.fixture(scope="module")
def downloads(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="module")
def browser(downloads: Path) -> Iterator[WebDriver]:
    b = chromium(downloads)
    yield b
    b.quit()


def api(base: str, path: str, **params: str | int) -> Any:
    """The JSON the county view shows, fetched beside the browser with the same key."""
    r = httpx.get(base + path, params=params, headers={"Authorization": f"Bearer {KEY}"}, timeout=300)
    r.raise_for_status()
    return r.json()


def wait(browser: WebDriver) -> Any:
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(browser, WAIT)


def open_county(browser: WebDriver, base: str) -> None:
    """The page with the key in this browser, switched to the county view once its indicator table is filled."""
    from selenium.webdriver.common.by import By

    browser.get(base + "/")
    browser.execute_script("localStorage.setItem('qa-key', arguments[0])", KEY)
    browser.get(base + "/")
    wait(browser).until(lambda b: "已收录 5 份报告" in b.find_element(By.ID, "status").text)
    browser.find_element(By.ID, "open-county").click()
    wait(browser).until(lambda b: len(b.find_elements(By.CSS_SELECTOR, "#indicator-table tbody tr")) == 5)


def shown_text(cell: dict[str, Any]) -> str:
    """What a stated figure's cell reads: the report's own wording, or 0 with it for a stated nothing."""
    if re.search(r"\d", cell["figure"]):
        return str(cell["figure"])
    value = cell["value"]
    return f"{int(value) if value == int(value) else value}{cell['unit']}（{cell['figure']}）"


def open_source(browser: WebDriver, link: WebElement) -> str:
    """Click a citation link of the view; the passage viewer's marked sentence."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec

    link.click()
    wait(browser).until(ec.visibility_of_element_located((By.ID, "passage")))
    marked = str(browser.find_element(By.CSS_SELECTOR, "#passage-text mark").text)
    browser.find_element(By.ID, "close-passage").click()
    wait(browser).until(ec.invisibility_of_element_located((By.ID, "passage")))
    return marked


def keep(browser: WebDriver, tmp_path: Path, name: str) -> None:
    """A screenshot of the state the test reached, kept beside the eval reports (eval/out/)."""
    shot = tmp_path / name
    browser.save_screenshot(str(shot))
    assert shot.stat().st_size > 10_000
    OUT.mkdir(parents=True, exist_ok=True)
    shutil.copy(shot, OUT / name)


def test_the_indicator_table_shows_every_report_with_its_sentences(base: str, browser: WebDriver,
                                                                   tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    open_county(browser, base)
    table = api(base, "/api/table")
    assert not browser.find_element(By.ID, "conversation").is_displayed()
    assert browser.find_element(By.ID, "tab-table").get_attribute("aria-pressed") == "true"
    heads = [th.text for th in browser.find_elements(By.CSS_SELECTOR, "#indicator-table thead th")]
    assert heads == ["乡镇", "年度", *(f"{i['name']}（{i['unit']}）" for i in table["indicators"])]
    rows = browser.find_elements(By.CSS_SELECTOR, "#indicator-table tbody tr")
    assert sorted(str(r.get_attribute("data-report")) for r in rows) == sorted(r["report_id"] for r in table["rows"])

    unstated = 0
    for row in table["rows"]:  # every cell as the JSON has it: a figure from the report, or 未写明 (never a 0)
        tr = browser.find_element(By.CSS_SELECTOR, f"#indicator-table tr[data-report='{row['report_id']}']")
        assert tr.find_element(By.CSS_SELECTOR, "th[scope=row]").text == row["township"]
        for ind, cell in row["cells"].items():
            td = tr.find_element(By.CSS_SELECTOR, f"td[data-indicator='{ind}']")
            if cell is None:
                unstated += 1
                assert td.text == "未写明" and td.get_attribute("class") == "unstated", (row["township"], ind)
            else:
                assert td.find_element(By.CSS_SELECTOR, "a.cite").text == shown_text(cell), (row["township"], ind)
    assert unstated == len(browser.find_elements(By.CSS_SELECTOR, "#indicator-table td.unstated")) > 0

    row = next(r for r in table["rows"] if any(c and re.search(r"\d", c["figure"]) for c in r["cells"].values()))
    ind, cell = next((i, c) for i, c in row["cells"].items() if c and re.search(r"\d", c["figure"]))
    link = browser.find_element(By.CSS_SELECTOR, f"tr[data-report='{row['report_id']}'] td[data-indicator='{ind}'] a")
    assert cell["figure"] in link.text
    link.click()
    wait(browser).until(lambda b: b.find_element(By.ID, "passage").is_displayed())
    assert browser.find_element(By.CSS_SELECTOR, "#passage-text mark").text == cell["sentence"]
    assert browser.find_element(By.ID, "passage-title").text == f"{row['township']}（{row['year']}年）"
    keep(browser, tmp_path, "county-page.png")
    browser.find_element(By.ID, "close-passage").click()

    browser.find_element(By.ID, "close-county").click()  # back to the conversation, as it was
    wait(browser).until(lambda b: b.find_element(By.ID, "conversation").is_displayed())
    assert browser.find_element(By.ID, "ask").is_displayed() and not browser.find_element(By.ID, "county").is_displayed()


def test_the_year_and_the_township_narrow_the_table(base: str, browser: WebDriver) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    open_county(browser, base)
    every = api(base, "/api/table")["rows"]
    year = max(r["year"] for r in every)
    expected = api(base, "/api/table", year=year)["rows"]
    assert 0 < len(expected) < len(every)
    Select(browser.find_element(By.ID, "county-year")).select_by_value(str(year))
    wait(browser).until(lambda b: len(b.find_elements(By.CSS_SELECTOR, "#indicator-table tbody tr")) == len(expected))
    shown = {th.text for th in browser.find_elements(By.CSS_SELECTOR, "#indicator-table tbody th")}
    assert shown == {r["township"] for r in expected}
    assert f"{year}年" in browser.find_element(By.CSS_SELECTOR, "#indicator-table caption").text
    assert browser.execute_script("return document.getElementById('year').value") == str(year)  # the page's year too

    town = expected[0]["township"]
    Select(browser.find_element(By.ID, "county-township")).select_by_value(town)
    wait(browser).until(lambda b: len(b.find_elements(By.CSS_SELECTOR, "#indicator-table tbody tr")) == 1)
    assert browser.find_element(By.CSS_SELECTOR, "#indicator-table tbody th").text == town


def test_the_required_parts_check_marks_what_the_api_finds_missing(base: str, browser: WebDriver) -> None:
    from selenium.webdriver.common.by import By

    open_county(browser, base)
    required = api(base, "/api/required")
    browser.find_element(By.ID, "tab-required").click()
    wait(browser).until(lambda b: len(b.find_elements(By.CSS_SELECTOR, "#required-table tbody tr")) == 5)
    assert not browser.find_element(By.ID, "panel-table").is_displayed()
    heads = [th.text for th in browser.find_elements(By.CSS_SELECTOR, "#required-table thead th")]
    assert heads == ["乡镇", "年度", *(p["name"] for p in required["parts"])]

    missing = {(r["report_id"], m) for r in required["reports"] for m in r["missing"]}
    assert missing  # the corpus has a report without one of the parts (后台乡: no 存在的不足和原因)
    shown = set()
    for tr in browser.find_elements(By.CSS_SELECTOR, "#required-table tbody tr"):
        for td in tr.find_elements(By.CSS_SELECTOR, "td[data-part]"):
            if td.text == "缺":
                shown.add((tr.get_attribute("data-report"), td.get_attribute("data-part")))
            else:
                assert td.text.startswith("✓"), td.text
    assert shown == missing
    short = sum(1 for r in required["reports"] if r["missing"])
    assert browser.find_element(By.ID, "required-count").text.startswith(f"5 份报告中，{short} 份缺少必备内容：")

    report = required["reports"][0]
    part = next(p for p in report["parts"] if p["present"] and p["quotes"])
    link = browser.find_element(By.CSS_SELECTOR, f"tr[data-report='{report['report_id']}'] td[data-part='{part['part']}'] a")
    assert link.text == "✓"
    assert open_source(browser, link) == part["quotes"][0]["text"]


def test_the_themes_list_problems_and_plans_with_their_sentences(base: str, browser: WebDriver) -> None:
    from selenium.webdriver.common.by import By

    open_county(browser, base)
    browser.find_element(By.ID, "tab-themes").click()
    for kind in ("problems", "plans", "measures"):
        found = api(base, "/api/themes", kind=kind)["themes"]
        assert found
        if kind != "problems":
            browser.find_element(By.ID, f"kind-{kind}").click()
        first = found[0]
        wait(browser).until(lambda b, first=first: b.find_element(By.ID, "panel-themes").get_attribute("aria-busy") is None
                            and b.find_elements(By.CSS_SELECTOR, "#themes-list li.theme h3")
                            and b.find_element(By.CSS_SELECTOR, "#themes-list li.theme h3").text == first["label"])
        assert len(browser.find_elements(By.CSS_SELECTOR, "#themes-list li.theme")) == len(found)
        theme = browser.find_element(By.CSS_SELECTOR, "#themes-list li.theme")
        towns = theme.find_element(By.CSS_SELECTOR, ".towns").text
        assert towns == f"{len(first['townships'])} 个乡镇：{'、'.join(first['townships'])}"
        said = theme.find_elements(By.CSS_SELECTOR, "ul li")
        assert len(said) == len(first["items"]) and first["items"][0]["text"] in said[0].text
        assert said[0].text.startswith(first["items"][0]["name"])
        assert open_source(browser, said[0].find_element(By.CSS_SELECTOR, "a.cite")) == first["items"][0]["text"]
        assert browser.find_element(By.ID, f"kind-{kind}").get_attribute("aria-pressed") == "true"
    assert not browser.find_element(By.ID, "county-township").is_enabled()  # themes are across townships


def saved(browser: WebDriver, folder: Path, name: str) -> Path:
    """The file the browser saved as `name` in `folder`, once it is complete."""
    path = folder / name
    wait(browser).until(lambda b: path.is_file() and not list(folder.glob("*.crdownload")))
    return path


def test_downloads_are_fetched_with_the_key(base: str, browser: WebDriver, downloads: Path) -> None:
    from openpyxl import load_workbook
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    open_county(browser, base)
    for old in downloads.iterdir():
        old.unlink()
    table = api(base, "/api/table")
    browser.find_element(By.ID, "export-xlsx").click()
    book = load_workbook(saved(browser, downloads, "指标对比表.xlsx"))
    sheet = book["指标表"]
    assert sheet.max_row == 1 + len(table["rows"])
    head = [c.value for c in sheet[1]]
    assert all(f"{i['name']}（{i['unit']}）" in head for i in table["indicators"])
    assert browser.find_element(By.ID, "status").text == "已下载：指标对比表.xlsx"

    browser.find_element(By.ID, "export-csv").click()
    lines = saved(browser, downloads, "指标对比表.csv").read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("县（市、区）,乡镇（街道）,年度,") and len(lines) == 1 + len(table["rows"])

    browser.find_element(By.ID, "export-docx").click()
    with zipfile.ZipFile(saved(browser, downloads, "县级汇总草稿.docx")) as docx:
        assert "汇总" in docx.read("word/document.xml").decode("utf-8")

    year = max(r["year"] for r in table["rows"])  # the filters go with the download
    Select(browser.find_element(By.ID, "county-year")).select_by_value(str(year))
    browser.find_element(By.ID, "export-xlsx").click()
    sheet = load_workbook(saved(browser, downloads, f"指标对比表（{year}年）.xlsx"))["指标表"]
    assert sheet.max_row == 1 + len(api(base, "/api/table", year=year)["rows"])


def test_without_the_key_the_county_view_asks_for_it(base: str, browser: WebDriver) -> None:
    from selenium.webdriver.common.by import By

    browser.get(base + "/")
    browser.execute_script("localStorage.removeItem('qa-key')")
    browser.get(base + "/")
    wait(browser).until(lambda b: b.find_element(By.ID, "signin").is_displayed())
    browser.execute_script("document.getElementById('status').textContent = ''")  # the page's own 401 said it once
    browser.find_element(By.ID, "open-county").click()
    wait(browser).until(lambda b: b.find_element(By.ID, "panel-table").get_attribute("aria-busy") is None)
    assert "需要访问密钥" in browser.find_element(By.ID, "status").text
    assert "error" in str(browser.find_element(By.ID, "status").get_attribute("class"))
    assert not browser.find_elements(By.CSS_SELECTOR, "#indicator-table tbody tr")
    browser.find_element(By.ID, "key").send_keys(KEY)  # signed in, the view loads what it could not
    browser.find_element(By.CSS_SELECTOR, "#signin button").click()
    wait(browser).until(lambda b: len(b.find_elements(By.CSS_SELECTOR, "#indicator-table tbody tr")) == 5)


def test_the_county_view_on_a_phone(base: str, browser: WebDriver, tmp_path: Path) -> None:
    """At 390×844 nothing runs off the page's side: the tables scroll inside .table-wrap, each report's name stays in
    view, and a figure's sentence opens over the page with its close button in view."""
    from selenium.webdriver.common.by import By

    browser.set_window_size(390, 844)
    try:
        open_county(browser, base)
        for tab, ready in (("table", "#indicator-table tbody tr"), ("required", "#required-table tbody tr"),
                           ("themes", "#themes-list li.theme")):
            browser.find_element(By.ID, f"tab-{tab}").click()
            wait(browser).until(lambda b, ready=ready: b.find_elements(By.CSS_SELECTOR, ready))
            overflow = browser.execute_script("return document.documentElement.scrollWidth - innerWidth")
            assert overflow <= 1, (tab, overflow)
            keep(browser, tmp_path, f"page-county-{tab}-390x844.png")

        browser.find_element(By.ID, "tab-table").click()
        wrap = browser.find_element(By.CSS_SELECTOR, "#panel-table .table-wrap")
        assert browser.execute_script("return arguments[0].scrollWidth > arguments[0].clientWidth", wrap)
        browser.execute_script("arguments[0].scrollLeft = arguments[0].scrollWidth", wrap)
        name = browser.find_element(By.CSS_SELECTOR, "#indicator-table tbody th")
        left = browser.execute_script("return arguments[0].getBoundingClientRect().left - "
                                      "arguments[1].getBoundingClientRect().left", name, wrap)
        assert abs(left) <= 1, left  # the report's name stays at the left edge while the figures scroll

        link = browser.find_elements(By.CSS_SELECTOR, "#indicator-table a.cite")[-1]
        # as a reader would: the figure scrolled out from under the report names that stay at the left edge
        browser.execute_script("arguments[0].scrollIntoView({block: 'center', inline: 'center'})", link)
        link.click()
        wait(browser).until(lambda b: b.find_element(By.ID, "passage").is_displayed())
        box = browser.execute_script("const r = arguments[0].getBoundingClientRect(); "
                                     "return [r.left, r.top, r.right, r.bottom, innerWidth, innerHeight]",
                                     browser.find_element(By.ID, "close-passage"))
        assert box[0] >= 0 and box[1] >= 0 and box[2] <= box[4] and box[3] <= box[5], box
        keep(browser, tmp_path, "page-county-passage-390x844.png")
    finally:
        browser.set_window_size(1280, 900)


@pytest.mark.parametrize("width", [1280, 390])
def test_no_serious_accessibility_violations_in_the_county_view(base: str, browser: WebDriver, width: int) -> None:
    """axe-core (npm) in the headless browser, on each of the view's tabs."""
    from selenium.webdriver.common.by import By

    if not AXE.is_file():
        pytest.fail(f"axe-core is missing at {AXE}: run make install-test")
    browser.set_window_size(width, 844)
    try:
        open_county(browser, base)
        violations: dict[str, list[Any]] = {}
        for tab, ready in (("table", "#indicator-table tbody tr"), ("required", "#required-table tbody tr"),
                           ("themes", "#themes-list li.theme")):
            browser.find_element(By.ID, f"tab-{tab}").click()
            wait(browser).until(lambda b, ready=ready: b.find_elements(By.CSS_SELECTOR, ready))
            browser.execute_script(AXE.read_text(encoding="utf-8"))
            report = browser.execute_async_script(
                "const done = arguments[arguments.length - 1]; axe.run(document).then(done, (e) => done(String(e)));")
            assert isinstance(report, dict), report
            violations[tab] = report["violations"]
        OUT.mkdir(parents=True, exist_ok=True)
        (OUT / f"axe-county-{width}.json").write_text(json.dumps(violations, ensure_ascii=False, indent=1))
        bad = [(tab, v["id"], v["impact"], len(v["nodes"])) for tab, found in violations.items() for v in found
               if v["impact"] in ("serious", "critical")]
        assert not bad, bad
    finally:
        browser.set_window_size(1280, 900)
