"""Unlucky input that once broke the service for everyone: NUL and other invisible characters in a report, line
separators in SSE, lone surrogates in a question, lines that made the cleaning and fact regexes backtrack. The
service cases run against a real `qa ingest` and `qa serve`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from qa.ingest.clean import clean
from qa.ingest.facts import extract_facts
from tests.servers import free_port, start, stop

GOOD = "城关镇2023年度法治政府建设工作报告\n一、主要成效\n全镇共受理调解案件12件，调解成功11件。\n二、存在问题\n人员不足。\n"
# pypdf writes NUL for glyphs it cannot map; pages copied from the web bring zero-width and line separators
UNLUCKY = ("红旗乡2023年度法治政府建设工作报告\n一、主要成效\n全乡共受理\x00调解案件8件\u2028调解成功\u200b7件。\n"
           "开展普法宣传\ufeff活动\x075场。\n二、存在问题\n人员不足。\n")


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    """A real `qa ingest` of the unlucky report beside two good ones, then a real `qa serve` over the store."""
    tmp = tmp_path_factory.mktemp("unlucky")
    folder = tmp / "reports"
    folder.mkdir()
    (folder / "城关镇.txt").write_text(GOOD)
    (folder / "红旗乡.txt").write_text(UNLUCKY)
    (folder / "青山镇.txt").write_text(GOOD.replace("城关镇", "青山镇").replace("12件", "20件"))  # 3: templates are checked
    env = {**os.environ, "QA_DATA_DIR": str(tmp / "data"), "QA_RATE_LIMIT": "0"}
    done = subprocess.run([sys.executable, "-m", "qa.cli", "ingest", str(folder)], env=env, capture_output=True,
                          text=True, timeout=900)
    assert done.returncode == 0, done.stderr
    port = free_port()
    proc = start([sys.executable, "-m", "qa.cli", "serve", "--port", str(port)], url=f"http://127.0.0.1:{port}/readyz",
                 log=tmp / "serve.log", env=env)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=300) as c:
            yield c
    finally:
        stop(proc)


def test_template_detection_takes_any_character() -> None:
    from qa.store.boilerplate import Boilerplate

    texts = ["全乡共受理\x00调解案件8件。深入学习贯彻习近平法治思想。", "深入学习贯彻习近平法治思想。全镇\x00调解12件。",
             "深入学习贯彻习近平法治思想。人员不足\ud800。"]
    b = Boilerplate(texts)
    assert list(b.templates(["深入学习贯彻习近平法治思想。", "全乡共受理\x00调解案件8件。"])) == [True, False]


def test_a_report_keeps_no_invisible_characters() -> None:
    text = clean(UNLUCKY)
    assert not any(ch in text for ch in "\x00\x07\u2028\u200b\ufeff")
    assert "全乡共受理调解案件8件\n调解成功7件。" in text  # a line separator is a line break


def test_questions_across_reports_answer_with_a_nul_report_in_the_store(client: httpx.Client) -> None:
    for question in ("哪些乡镇开展了普法宣传？", "各乡镇存在哪些问题？", "哪个乡镇调解案件最多？"):
        r = client.post("/api/ask", json={"question": question})
        assert r.status_code == 200, (question, r.text)
    r = client.post("/api/ask", json={"question": "红旗乡受理了多少调解案件？"})
    assert r.status_code == 200 and "8件" in r.json()["answer"]


@pytest.mark.parametrize("question", ["红旗乡受理了多少调解案件？", "红旗乡受理了\u2028多少调解\u2029案件？"])
def test_sse_lines_carry_no_raw_line_separator(client: httpx.Client, question: str) -> None:
    r = client.post("/api/ask", json={"question": question, "stream": True})
    assert r.status_code == 200
    body = r.text
    assert "\u2028" not in body and "\u2029" not in body
    for block in body.strip().split("\n\n"):
        event, data = block.split("\n", 1)
        assert event.startswith("event: ") and data.startswith("data: ")
        json.loads(data[6:])  # every event's data is one line of JSON
    assert "8件" in body  # and the answer is the report's figure, separators in the question or not


@pytest.mark.parametrize("raw", [b'{"question": "\\ud800\\u57ce\\u5173\\u9547\\u8c03\\u89e3\\u4e86\\u591a\\u5c11\\u6848\\u4ef6"}',
                                 b'{"question": "\\udfff"}'])
def test_a_lone_surrogate_in_a_question_is_no_500(client: httpx.Client, raw: bytes) -> None:
    r = client.post("/api/ask", content=raw, headers={"content-type": "application/json"})
    assert r.status_code in (200, 400), r.text
    if r.status_code == 400:
        assert r.json()["error"] == "BadQuestionError"


@pytest.mark.parametrize("line", [
    "a" + ">" * 38 + " b c",  # breadcrumb
    "【" + " " * 30000 + "x",  # font-size furniture
    "1" * 10000 + "名",  # a run of digits
    "一" * 10000 + "名",  # a run of numerals
])
def test_lines_that_once_backtracked_are_cleaned_and_read_as_text(line: str) -> None:
    text = clean(f"标题\n{line}\n正文。")
    assert text.startswith("标题") and text.endswith("正文。")
    assert extract_facts("r", text, []) == []  # no count is written in 10,000 digits


def test_a_long_sentence_of_figures_gives_one_fact_each() -> None:
    facts = extract_facts("r", "全乡调解纠纷1件，" * 400 + "。", [])
    assert len(facts) == 400 and {f.value for f in facts} == {1.0}


def test_a_sentence_of_thousands_of_figures_stays_small_and_answerable(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "红旗乡.txt").write_text("红旗乡2023年度法治政府建设工作报告\n一、主要成效\n" + "全乡调解纠纷1件，" * 1500 + "。\n")
    (folder / "城关镇.txt").write_text(GOOD)
    env = {**os.environ, "QA_DATA_DIR": str(tmp_path / "data")}
    qa = [sys.executable, "-m", "qa.cli"]
    assert subprocess.run([*qa, "ingest", str(folder)], env=env, capture_output=True, timeout=900).returncode == 0
    # each of the 1,500 facts keeps the clauses around it, not the whole 13,500-character sentence (that was 60 MB;
    # 4,000 such clauses were 808 MB)
    assert (tmp_path / "data" / "registry.sqlite3").stat().st_size < 8 * 2**20
    long_question = "红旗乡" + "调解纠纷" * 240 + "有多少件？"  # 968 characters
    r = subprocess.run([*qa, "ask", "--json", long_question], env=env, capture_output=True, text=True, timeout=900)
    assert r.returncode == 0, r.stderr
    r = subprocess.run([*qa, "ask", "--json", "城关镇受理了多少调解案件？"], env=env, capture_output=True, text=True,
                       timeout=900)
    assert "12件" in json.loads(r.stdout)["answer"]
