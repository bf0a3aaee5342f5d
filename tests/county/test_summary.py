"""The county's summary draft: sections after the required parts, every statement's sources real, the .docx read
back with python-docx and turned into a PDF page by LibreOffice (kept in eval/out for people to look at)."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.conftest import app_over

pytestmark = pytest.mark.corpus
REPO = Path(__file__).resolve().parents[2]
HEADINGS = ["一、基本情况", "二、主要举措和成效", "（一）主要做法", "（二）主要数据", "三、存在的不足和原因",
            "四、党政主要负责人履行推进法治建设第一责任人职责情况", "五、下一年度主要安排", "附：报告必备内容核对"]


@pytest.fixture(scope="module")
def client(corpus_store, embedder):  # type: ignore[no-untyped-def]
    with TestClient(app_over(corpus_store[0], embedder)) as c:
        yield c


def test_every_statement_cites_real_sentences(client: TestClient, corpus_store) -> None:  # type: ignore[no-untyped-def]
    body = client.get("/api/summary").json()
    assert [s["heading"] for s in body["sections"]] == HEADINGS and body["reports"] == 5
    texts = corpus_store[0].registry.report_texts()
    sources = {s["n"]: s for s in body["sources"]}
    assert sorted(sources) == list(range(1, len(sources) + 1)) and len(sources) > 30
    for s in sources.values():  # each source is the report's own text, where it says it is
        assert texts[s["report_id"]][s["start"]:s["end"]] == s["text"]
    cited = {n for sec in body["sections"] for p in sec["paragraphs"] for s in p for n in s["cites"]}
    assert cited == set(sources)  # every source is cited, every citation resolves
    for sec in body["sections"]:
        for p in sec["paragraphs"]:
            for s in p:
                for quoted in re.findall(r"「([^」]+?)(?:…)?」", s["text"]):  # a quote is its source's words
                    assert s["cites"] and any(quoted in sources[n]["text"] for n in s["cites"]), s


def test_the_figures_come_from_the_table_and_a_total_says_it_is_a_sum(client: TestClient) -> None:
    body = client.get("/api/summary").json()
    figures = next(s for s in body["sections"] if s["heading"] == "（二）主要数据")["paragraphs"]
    staff = next(p for p in figures if p[0]["text"].startswith("持证执法人员"))
    assert "各报告所写数字合计19名" in staff[0]["text"]  # 14 + 5, said to be qa's sum of what is cited
    tangyi = next(s for s in staff if s["text"].startswith("五十一团唐驿镇"))
    assert tangyi["text"] == "五十一团唐驿镇（2023年）14名"  # the corpus spans 2023 and 2024: each figure says its year
    source = next(x for x in body["sources"] if x["n"] == tangyi["cites"][0])
    assert "14" in source["text"] and source["township"] == "五十一团唐驿镇"
    appendix = next(s for s in body["sections"] if s["heading"].startswith("附"))["paragraphs"]
    assert [p[0]["text"] for p in appendix] == ["后台乡（2023年）的报告缺少：存在的不足和原因。"]


def test_a_shared_problem_is_a_theme_of_several_townships(client: TestClient) -> None:
    problems = next(s for s in client.get("/api/summary").json()["sections"] if s["heading"].startswith("三、"))
    leads = [p[0]["text"] for p in problems["paragraphs"]]
    assert re.match(r".+：[3-5]个（共5个）乡镇（街道）提到（", leads[0])  # the theme most townships share comes first
    assert not any("工作中存在的不足：" in t for t in leads)  # the part's own heading is no problem


def test_no_reports_in_scope_is_a_404_naming_the_filter(client: TestClient) -> None:
    r = client.get("/api/summary", params={"county": "不存在县"})
    assert r.status_code == 404 and "不存在县" in r.json()["detail"]


def test_the_docx_reads_back_and_libreoffice_makes_a_page_of_it(client: TestClient, tmp_path: Path) -> None:
    from docx import Document

    r = client.get("/api/summary", params={"format": "docx"})
    assert r.status_code == 200 and r.headers["content-type"].endswith("wordprocessingml.document")
    doc = Document(io.BytesIO(r.content))
    paragraphs = [(p.style.name, p.text) for p in doc.paragraphs]
    assert paragraphs[0] == ("Title", "乡镇（街道）法治政府建设情况汇总（草稿）")
    assert [t for style, t in paragraphs if style.startswith("Heading")] == [*HEADINGS, "出处"]
    cited = [run for p in doc.paragraphs for run in p.runs if run.font.superscript]
    assert cited and all(re.fullmatch(r"(\[\d+\])+", run.text) for run in cited)
    sources = [t for _, t in paragraphs[[t for _, t in paragraphs].index("出处") + 1:]]
    assert len(sources) == len(client.get("/api/summary").json()["sources"])
    assert sources[0].startswith("[1] ") and all(re.match(r"\[\d+\] .+（\d{4}年，", s) for s in sources)

    soffice, pdftoppm = shutil.which("soffice"), shutil.which("pdftoppm")
    if not soffice or not pdftoppm:
        pytest.fail("this test needs LibreOffice (libreoffice-writer-nogui) and poppler-utils: make test installs them")
    (tmp_path / "汇总.docx").write_bytes(r.content)
    subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(tmp_path / "汇总.docx")], check=True, capture_output=True, timeout=600)
    from pypdf import PdfReader

    pdf = PdfReader(tmp_path / "汇总.pdf")
    first = pdf.pages[0].extract_text()
    assert len(pdf.pages) >= 2 and "基本情况" in first and "主要举措和成效" in first
    subprocess.run([pdftoppm, "-png", "-r", "80", "-f", "1", "-l", "1", str(tmp_path / "汇总.pdf"),
                    str(tmp_path / "page")], check=True, timeout=300)
    page = next(tmp_path.glob("page*.png"))
    assert page.stat().st_size > 20_000  # a page with text on it, not a blank one
    out = REPO / "eval" / "out"
    out.mkdir(parents=True, exist_ok=True)
    shutil.copy(page, out / "summary-page-1.png")


def test_qa_summary_writes_markdown_and_docx(corpus_data: Path, tmp_path: Path) -> None:
    env = {**os.environ, "QA_DATA_DIR": str(corpus_data)}
    qa = [sys.executable, "-m", "qa.cli", "summary"]
    md = subprocess.run(qa, env=env, capture_output=True, text=True, timeout=600)
    assert md.returncode == 0, md.stderr
    assert md.stdout.startswith("# 乡镇（街道）法治政府建设情况汇总（草稿）") and "\n## 出处\n" in md.stdout
    assert re.search(r"「[^」]+」\[\d+\]", md.stdout)
    done = subprocess.run([*qa, "--format", "docx", "--out", str(tmp_path / "d.docx")], env=env, capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0 and (tmp_path / "d.docx").read_bytes()[:2] == b"PK"
