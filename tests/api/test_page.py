"""The chat page in a real browser: Debian's chromium, headless, driven by Selenium through Debian's chromedriver."""

from __future__ import annotations

import os
import re
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from tests.conftest import copy_data
from tests.servers import chromium, free_port, start, stop

pytestmark = [pytest.mark.corpus, pytest.mark.browser]
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def base(corpus_data, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:  # type: ignore[no-untyped-def]
    port = free_port()
    env = {**os.environ, "QA_DATA_DIR": str(corpus_data), "QA_CORS_ORIGINS": "https://portal.example"}
    server = start([sys.executable, "-m", "qa.cli", "serve", "--port", str(port)], url=f"http://127.0.0.1:{port}/readyz",
                   log=tmp_path_factory.mktemp("page") / "serve.log", env=env)
    yield f"http://127.0.0.1:{port}"
    stop(server)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    b = chromium()
    yield b
    b.quit()


def test_ask_stream_and_open_a_citation(base: str, browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    wait = WebDriverWait(browser, 60)
    browser.get(base + "/")
    wait.until(lambda b: "已收录 5 份报告" in b.find_element(By.ID, "status").text)
    assert len(browser.find_elements(By.CSS_SELECTOR, "#township option")) == 6  # 全部 + five townships

    browser.find_element(By.ID, "question").send_keys("哪些乡镇聘请了村法律顾问？")
    browser.find_element(By.ID, "send").click()
    answer = wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, ".a[data-mode]")))
    assert answer.text.startswith("共检查5份报告，其中2个乡镇的报告有相关内容")
    rows = browser.find_elements(By.CSS_SELECTOR, "table.reports tr")
    assert len(rows) == 6  # header + every report checked
    supported = [r.find_elements(By.TAG_NAME, "td")[0].text for r in rows[1:] if r.find_elements(By.TAG_NAME, "td")[2].text == "找到"]
    assert sorted(supported) == ["后台乡", "塔布勒合特蒙古民族乡"]

    cite = answer.find_elements(By.CSS_SELECTOR, "a.cite")[0]
    cite.click()
    wait.until(ec.visibility_of_element_located((By.ID, "passage")))
    title = browser.find_element(By.ID, "passage-title").text
    marked = browser.find_element(By.CSS_SELECTOR, "#passage-text mark").text
    section = browser.find_element(By.ID, "passage-section").text
    body = httpx.post(base + "/api/ask", json={"question": "哪些乡镇聘请了村法律顾问？"}, timeout=60).json()
    first = body["citations"][0]
    assert title == f"{first['township']}（{first['year']}年）" and marked == first["text"]
    assert section == "章节：" + first["section"] and ">" in section
    shot = tmp_path / "chat.png"
    browser.save_screenshot(str(shot))
    assert shot.stat().st_size > 10_000
    out = REPO / "eval" / "out"
    out.mkdir(parents=True, exist_ok=True)
    shutil.copy(shot, out / "chat-page.png")  # kept beside the eval reports for people to look at


def test_embed_is_the_page_for_an_iframe(base: str, browser) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By

    r = httpx.get(base + "/embed")
    assert r.headers["content-security-policy"] == "frame-ancestors 'self' https://portal.example"
    assert httpx.get(base + "/").headers["x-frame-options"] == "DENY"
    browser.get(base + "/embed")
    assert "embed" in browser.find_element(By.TAG_NAME, "body").get_attribute("class")
    assert not browser.find_element(By.ID, "top").is_displayed()


def test_the_page_says_when_the_service_is_down(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    page = tmp_path / "index.html"  # the page's own files, served from a place with no API behind it
    static = REPO / "qa" / "api" / "static"
    html = (static / "index.html").read_text(encoding="utf-8")
    html = html.replace('href="/static/chat.css"', f'href="{(static / "chat.css").as_uri()}"')
    html = html.replace('src="/static/chat.js"', f'src="{(static / "chat.js").as_uri()}"')
    page.write_text(html, encoding="utf-8")
    browser.get(page.as_uri())
    WebDriverWait(browser, 30).until(lambda b: "服务暂时不可用" in b.find_element(By.ID, "status").text)
    _keep_at_both_widths(browser, tmp_path, "server-down")


def test_filters_narrow_the_question(base: str, browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import Select, WebDriverWait

    wait = WebDriverWait(browser, 60)
    browser.get(base + "/")
    wait.until(lambda b: len(b.find_elements(By.CSS_SELECTOR, "#township option")) == 6)
    Select(browser.find_element(By.ID, "township")).select_by_value("色务乡")
    browser.find_element(By.ID, "question").send_keys("开展了多少次治安巡逻？")
    browser.find_element(By.ID, "send").click()
    answer = wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, ".a[data-mode]")))
    assert answer.text.startswith("色务乡（2024年）") and "150余次" in answer.text
    # the filter went as a field of the request: the question (and the conversation) keep the user's words
    assert browser.find_element(By.CSS_SELECTOR, ".turn .q .scope").text == "范围：色务乡"
    assert browser.execute_script("return history") == ["开展了多少次治安巡逻？"]
    _keep_at_both_widths(browser, tmp_path, "filter")


@contextmanager
def own_server(corpus_data: Path, tmp_path: Path, **env: str) -> Iterator[str]:
    """A `qa serve` of its own over a copy of the corpus store (the module's server owns the other), with `env`."""
    port = free_port()
    server = start([sys.executable, "-m", "qa.cli", "serve", "--port", str(port)],
                   url=f"http://127.0.0.1:{port}/readyz", log=tmp_path / "serve.log",
                   env={**os.environ, "QA_DATA_DIR": str(copy_data(corpus_data, tmp_path / "data")), **env})
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        stop(server)


def ask_on_page(browser, base: str, question: str):  # type: ignore[no-untyped-def]
    """Type `question` into the page at `base`, send it, and return the answer element once it is final."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(base + "/")
    browser.find_element(By.ID, "question").send_keys(question)
    browser.find_element(By.ID, "send").click()
    return WebDriverWait(browser, 60).until(ec.presence_of_element_located((By.CSS_SELECTOR, ".a[data-mode]")))


def test_the_page_shows_an_answers_warnings(corpus_data, browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """With the vectors unreachable, answers come from keywords; the page says so under the answer."""
    from selenium.webdriver.common.by import By

    with own_server(corpus_data, tmp_path, QA_CHROMA_URL=f"http://127.0.0.1:{free_port()}") as base:  # no Chroma there
        answer = ask_on_page(browser, base, "唐驿镇有多少人领取了行政执法证？")
        assert "14名" in answer.text
        warning = browser.find_element(By.CSS_SELECTOR, ".turn .note.warning").text
        assert warning.startswith("提示：向量检索暂不可用，本次只按关键词检索") and "Chroma" in warning
        _keep_at_both_widths(browser, tmp_path, "warning")


def test_the_page_says_when_the_llm_is_down(corpus_data, browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By

    with own_server(corpus_data, tmp_path, QA_LLM_BASE_URL=f"http://127.0.0.1:{free_port()}/v1") as base:  # no LLM
        answer = ask_on_page(browser, base, "唐驿镇有多少人领取了行政执法证？")
        assert answer.get_attribute("data-mode") == "extractive" and "14名" in answer.text
        note = browser.find_element(By.CSS_SELECTOR, ".turn .note")
        assert note.text == "大模型暂不可用，以下为报告原文摘录。"  # in Chinese; the detail is for whoever runs it
        assert "cannot reach the LLM server" in note.get_attribute("title")
        _keep_at_both_widths(browser, tmp_path, "llm-fallback")


def test_docs_render_with_nothing_from_the_internet(base: str, browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """/docs (Swagger UI) on an intranet: its script and styles come from qa itself, and the page renders."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    page = httpx.get(base + "/docs").text
    sources = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert sources and all(s.startswith("/") for s in sources), sources  # nothing from a CDN
    browser.get(base + "/docs")
    WebDriverWait(browser, 30).until(ec.presence_of_element_located((By.CSS_SELECTOR, ".swagger-ui .info .title")))
    assert browser.find_element(By.CSS_SELECTOR, ".swagger-ui .info .title").text.startswith("qa")
    WebDriverWait(browser, 30).until(lambda b: "/api/ask" in b.find_element(By.CSS_SELECTOR, ".swagger-ui").text)
    shot = tmp_path / "docs.png"
    browser.save_screenshot(str(shot))
    out = REPO / "eval" / "out"
    out.mkdir(parents=True, exist_ok=True)
    shutil.copy(shot, out / "docs-page.png")


SIZES = ((1280, 800), (390, 844))  # a desk and a phone


def _keep_at_both_widths(browser, tmp_path: Path, name: str) -> None:  # type: ignore[no-untyped-def]
    """The state the test reached on a desk and on a phone: nothing runs off the side; a screenshot of each."""
    try:
        for width, height in SIZES:
            browser.set_window_size(width, height)
            overflow = browser.execute_script("return document.documentElement.scrollWidth - innerWidth")
            assert overflow <= 1, (name, width, overflow)
            _keep(browser, tmp_path, f"{name}-{width}x{height}")
    finally:
        browser.set_window_size(1280, 900)


def _keep(browser, tmp_path: Path, name: str) -> None:  # type: ignore[no-untyped-def]
    """A screenshot of the state the test reached, kept beside the eval reports (eval/out/page-*.png)."""
    shot = tmp_path / f"{name}.png"
    browser.save_screenshot(str(shot))
    out = REPO / "eval" / "out"
    out.mkdir(parents=True, exist_ok=True)
    shutil.copy(shot, out / f"page-{name}.png")


@pytest.mark.parametrize(("width", "height"), [(1280, 800), (390, 844)])
def test_states_an_official_meets(base: str, browser, tmp_path: Path, width: int, height: int) -> None:  # type: ignore[no-untyped-def]
    """Empty, across with its table, refusal with its passages, the passage viewer (closable by button, Esc and a
    click outside; its close button in view), on a desk and on a phone."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    size = f"{width}x{height}"
    browser.set_window_size(width, height)
    wait = WebDriverWait(browser, 60)
    try:
        browser.get(base + "/")  # empty: what is loaded, and questions to start from
        wait.until(lambda b: "已收录 5 份报告" in b.find_element(By.ID, "loaded").text)
        assert "色务乡" in browser.find_element(By.ID, "loaded").text
        examples = browser.find_elements(By.CSS_SELECTOR, "#examples button.example")
        assert len(examples) == 4
        _keep(browser, tmp_path, f"empty-{size}")

        examples[1].click()  # 哪些乡镇聘请了村法律顾问？: across reports, with the table
        answer = wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, ".a[data-mode]")))
        assert not browser.find_element(By.ID, "welcome").is_displayed()
        rows = browser.find_elements(By.CSS_SELECTOR, "table.reports tbody tr")
        results = [r.find_elements(By.TAG_NAME, "td")[2].text for r in rows]
        assert results == ["找到", "找到", "未找到", "未找到", "未找到"]  # the answer's townships first, in its order
        named = [r.find_elements(By.TAG_NAME, "td")[0].text for r in rows[:2]]
        assert answer.text.index(named[0]) < answer.text.index(named[1])
        font = browser.execute_script("return parseFloat(getComputedStyle(document.body).fontSize)")
        for cell in browser.find_elements(By.CSS_SELECTOR, "table.reports td"):
            assert cell.size["width"] >= 2 * font, cell.text  # no cell one character wide
        _keep(browser, tmp_path, f"across-{size}")

        answer.find_elements(By.CSS_SELECTOR, "a.cite")[0].click()
        wait.until(ec.visibility_of_element_located((By.ID, "passage")))
        close = browser.find_element(By.ID, "close-passage")
        box = browser.execute_script("const r = arguments[0].getBoundingClientRect(); "
                                     "return [r.left, r.top, r.right, r.bottom, innerWidth, innerHeight]", close)
        assert box[0] >= 0 and box[1] >= 0 and box[2] <= box[4] and box[3] <= box[5], box  # in the viewport
        assert browser.switch_to.active_element == close  # focus went to the viewer
        assert browser.find_element(By.ID, "passage-file").text.startswith("文件：")
        _keep(browser, tmp_path, f"passage-{size}")
        browser.switch_to.active_element.send_keys(Keys.ESCAPE)
        wait.until(ec.invisibility_of_element_located((By.ID, "passage")))
        if width > 640:  # on a desk a click beside the viewer closes it too (on a phone it covers the page)
            answer.find_elements(By.CSS_SELECTOR, "a.cite")[0].click()
            wait.until(ec.visibility_of_element_located((By.ID, "passage")))
            browser.find_element(By.CSS_SELECTOR, ".turn .q").click()
            wait.until(ec.invisibility_of_element_located((By.ID, "passage")))

        browser.find_element(By.ID, "question").send_keys("色务乡一年征收了多少税款？")  # refused, with passages
        browser.find_element(By.ID, "send").click()
        wait.until(lambda b: len(b.find_elements(By.CSS_SELECTOR, ".a[data-mode]")) == 2)
        refused = browser.find_elements(By.CSS_SELECTOR, ".a[data-mode]")[1]
        assert "refused" in refused.get_attribute("class")
        passages = browser.find_elements(By.CSS_SELECTOR, ".turn:last-child .related li")
        assert passages and "色务乡" in passages[0].text
        _keep(browser, tmp_path, f"refusal-{size}")
    finally:
        browser.set_window_size(1280, 900)


def test_sign_in_is_a_form_in_chinese(corpus_data, browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    with own_server(corpus_data, tmp_path, QA_API_KEYS="right-key") as base:
        browser.get(base + "/")
        browser.execute_script("localStorage.removeItem('qa-key')")
        browser.get(base + "/")
        wait = WebDriverWait(browser, 30)
        wait.until(lambda b: b.find_element(By.ID, "signin").is_displayed())
        assert "需要访问密钥" in browser.find_element(By.ID, "status").text
        browser.find_element(By.ID, "key").send_keys("wrong-key")
        browser.find_element(By.CSS_SELECTOR, "#signin button").click()
        wait.until(lambda b: "密钥不正确" in b.find_element(By.ID, "signin-message").text)
        _keep_at_both_widths(browser, tmp_path, "signin-wrong-key")
        browser.find_element(By.ID, "key").send_keys("right-key")
        browser.find_element(By.CSS_SELECTOR, "#signin button").click()
        wait.until(lambda b: "已收录 5 份报告" in b.find_element(By.ID, "status").text)
        status = browser.find_element(By.ID, "status")
        assert "error" not in status.get_attribute("class") and not browser.find_element(By.ID, "signin").is_displayed()
        assert len(browser.find_elements(By.CSS_SELECTOR, "#township option")) == 6  # no reload needed
        browser.execute_script("localStorage.removeItem('qa-key')")


def test_the_guide_for_officials_is_linked_from_the_page(base: str, browser) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By

    browser.get(base + "/")
    assert browser.find_element(By.ID, "guide").get_attribute("href") == base + "/guide"
    browser.get(base + "/guide")
    headings = [h.text for h in browser.find_elements(By.TAG_NAME, "h2")]
    assert {"怎样核对引用", "「找到」与「未找到」", "「理解为」是什么意思"} <= set(headings)


AXE = REPO / ".venv" / "axe" / "node_modules" / "axe-core" / "axe.min.js"  # make install-test puts it there


@pytest.mark.parametrize("width", [1280, 390])
def test_no_serious_accessibility_violations(base: str, browser, width: int) -> None:  # type: ignore[no-untyped-def]
    """axe-core (npm) in the headless browser, on the page with an answer, its table and an open passage."""
    import json

    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    if not AXE.is_file():
        pytest.fail(f"axe-core is missing at {AXE}: run make install-test")
    browser.set_window_size(width, 844)
    try:
        answer = ask_on_page(browser, base, "哪些乡镇聘请了村法律顾问？")
        answer.find_elements(By.CSS_SELECTOR, "a.cite")[0].click()
        WebDriverWait(browser, 30).until(ec.visibility_of_element_located((By.ID, "passage")))
        browser.execute_script(AXE.read_text(encoding="utf-8"))
        report = browser.execute_async_script(
            "const done = arguments[arguments.length - 1]; axe.run(document).then(done, (e) => done(String(e)));")
        assert isinstance(report, dict), report
        out = REPO / "eval" / "out"
        out.mkdir(parents=True, exist_ok=True)
        (out / f"axe-{width}.json").write_text(json.dumps(report["violations"], ensure_ascii=False, indent=1))
        bad = [(v["id"], v["impact"], len(v["nodes"])) for v in report["violations"] if v["impact"] in ("serious", "critical")]
        assert not bad, bad
    finally:
        browser.set_window_size(1280, 900)


def test_admins_upload_and_delete_on_the_page(corpus_data, browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    good, empty = tmp_path / "青石镇2023年报告.txt", tmp_path / "空白.txt"
    good.write_text("青石镇2023年度法治政府建设情况报告\n2023年，青石镇开展法治宣传活动23场次，覆盖群众4100余人次。\n"
                    "二、存在的不足\n法治工作力量仍然薄弱。\n", encoding="utf-8")
    empty.write_bytes(b"")
    with own_server(corpus_data, tmp_path, QA_API_KEYS="user-key", QA_ADMIN_KEYS="admin-key") as base:
        browser.get(base + "/")
        browser.execute_script("localStorage.setItem('qa-key', 'admin-key')")
        browser.get(base + "/")
        wait = WebDriverWait(browser, 120)
        wait.until(lambda b: "已收录 5 份报告" in b.find_element(By.ID, "status").text)
        browser.find_element(By.ID, "open-admin").click()
        wait.until(lambda b: len(b.find_elements(By.CSS_SELECTOR, "#report-list tbody tr")) == 5)
        browser.find_element(By.ID, "files").send_keys(f"{good}\n{empty}")
        browser.find_element(By.CSS_SELECTOR, "#upload button").click()
        wait.until(lambda b: len(b.find_elements(By.CSS_SELECTOR, "#upload-results li")) == 2)
        results = {li.text.split("：")[0]: li for li in browser.find_elements(By.CSS_SELECTOR, "#upload-results li")}
        assert "已导入（青石镇，2023年）" in results[good.name].text
        assert "失败。原因：文件是空的。建议：请重新复制该报告" in results[empty.name].text  # in Chinese, for officials
        wait.until(lambda b: len(b.find_elements(By.CSS_SELECTOR, "#report-list tbody tr")) == 6)
        _keep(browser, tmp_path, "admin-upload")
        row = next(r for r in browser.find_elements(By.CSS_SELECTOR, "#report-list tbody tr") if "青石镇" in r.text)
        row.find_element(By.CSS_SELECTOR, "button.delete").click()
        browser.switch_to.alert.accept()
        wait.until(lambda b: len(b.find_elements(By.CSS_SELECTOR, "#report-list tbody tr")) == 5)
        assert "已删除" in browser.find_element(By.ID, "status").text
        browser.execute_script("localStorage.removeItem('qa-key')")


def test_a_follow_ups_reading_stands_above_its_answer(base: str, browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    ask_on_page(browser, base, "唐驿镇有多少人领取了行政执法证？")
    browser.find_element(By.ID, "question").send_keys("那色务乡呢？")
    browser.find_element(By.ID, "send").click()
    WebDriverWait(browser, 60).until(lambda b: len(b.find_elements(By.CSS_SELECTOR, ".a[data-mode]")) == 2)
    turn = browser.find_elements(By.CSS_SELECTOR, ".turn")[-1]
    kinds = [e.get_attribute("class").split()[0] for e in turn.find_elements(By.XPATH, "./*")]
    reading = turn.find_element(By.CSS_SELECTOR, ".note.reading").text
    assert reading.startswith("理解为（结合前面的问题）：色务乡") and kinds.index("note") < kinds.index("a")
    _keep_at_both_widths(browser, tmp_path, "follow-up")


def test_a_pdf_passage_names_its_page_and_opens_the_original_there(base: str, browser) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    answer = ask_on_page(browser, base, "色务乡开展了多少次治安巡逻？")  # the corpus's PDF
    answer.find_elements(By.CSS_SELECTOR, "a.cite")[0].click()
    wait = WebDriverWait(browser, 60)
    wait.until(ec.visibility_of_element_located((By.ID, "passage")))
    assert re.fullmatch(r"文件：004_913615f662c886fc\.pdf，第 [12] 页", browser.find_element(By.ID, "passage-file").text)
    original = browser.find_element(By.ID, "passage-original")
    assert original.is_displayed() and original.text.startswith("打开原文件（第 ")
    tabs = len(browser.window_handles)
    original.click()
    wait.until(lambda b: len(b.window_handles) == tabs + 1)  # the PDF, fetched with the key, opened at its page
    browser.switch_to.window(browser.window_handles[-1])
    assert re.fullmatch(r"blob:http://127\.0\.0\.1:\d+/[-0-9a-f]+#page=[12]", browser.current_url)
    browser.close()
    browser.switch_to.window(browser.window_handles[0])


def test_a_how_many_table_has_a_figure_column_sorted_by_figure(base: str, browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By

    ask_on_page(browser, base, "各乡镇受理了多少件调解案件？")
    table = browser.find_elements(By.CSS_SELECTOR, "table.reports")[-1]
    heads = [th.text for th in table.find_elements(By.CSS_SELECTOR, "thead th")]
    assert heads == ["乡镇", "年度", "结果", "数字", "报告中的表述"]
    cells = {r.find_elements(By.TAG_NAME, "td")[0].text: r.find_elements(By.TAG_NAME, "td")[3].text
             for r in table.find_elements(By.CSS_SELECTOR, "tbody tr")}
    assert cells["塔布勒合特蒙古民族乡"] == "52件" and "—" in cells.values()  # not found is a dash, never 0
    table.find_elements(By.CSS_SELECTOR, "thead th")[3].click()  # largest first, reports without a figure last
    shown = [r.find_elements(By.TAG_NAME, "td")[3].text for r in table.find_elements(By.CSS_SELECTOR, "tbody tr")]
    numbers = [float(re.sub(r"[^\d.]", "", s)) for s in shown if s != "—"]
    assert numbers == sorted(numbers, reverse=True) and shown[len(numbers):] == ["—"] * (len(shown) - len(numbers))
    _keep_at_both_widths(browser, tmp_path, "figures")


def test_a_report_and_a_question_with_line_separators_answer_on_the_page(corpus_data, browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """U+2028 once reached the page raw in SSE and split its line parser: every answer quoting the sentence showed
    「服务暂时不可用」. A report carrying it (and NUL, zero-width) is uploaded; the question carries it too."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    report = ("红旗乡2023年度法治政府建设工作报告\n一、主要成效\n全乡共受理\x00调解案件8件\u2028调解成功\u200b7件。\n"
              "二、存在问题\n人员不足。\n").encode()
    with own_server(corpus_data, tmp_path, QA_API_KEYS="user-key", QA_ADMIN_KEYS="admin-key") as base:
        up = httpx.post(base + "/api/reports", headers={"Authorization": "Bearer admin-key"}, timeout=300,
                        files=[("files", ("红旗乡.txt", report, "text/plain"))])
        assert up.status_code == 200 and up.json()["added"] == 1
        browser.get(base + "/")
        browser.execute_script("localStorage.setItem('qa-key', 'user-key')")
        browser.get(base + "/")
        browser.execute_script("document.getElementById('question').value = arguments[0]", "红旗乡受理了\u2028多少调解案件？")
        browser.find_element(By.ID, "send").click()
        answer = WebDriverWait(browser, 60).until(ec.presence_of_element_located((By.CSS_SELECTOR, ".a[data-mode]")))
        assert "8件" in answer.text and "服务暂时不可用" not in browser.find_element(By.TAG_NAME, "body").text
        answer.find_elements(By.CSS_SELECTOR, "a.cite")[0].click()
        WebDriverWait(browser, 60).until(ec.visibility_of_element_located((By.ID, "passage")))
        assert "调解案件8件" in browser.find_element(By.CSS_SELECTOR, "#passage-text mark").text
        browser.execute_script("localStorage.removeItem('qa-key')")
