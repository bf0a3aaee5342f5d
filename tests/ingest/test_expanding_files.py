"""Small files that expand: what one file may unpack to is bounded, and a file past it is refused by name while
the others of the folder go in (a real `qa ingest`, then `qa check` and `qa reports`)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from qa.errors import IngestError
from qa.ingest.load import Limits, load
from tests.ingest.test_bad_inputs import as_docx, report

QA = [sys.executable, "-m", "qa.cli"]


def docx_bomb(megabytes: int) -> bytes:
    """A valid .docx whose body is `megabytes` MB of empty paragraphs: a few hundred KB on disk."""
    source = zipfile.ZipFile(io.BytesIO(as_docx("城关镇2023年度法治政府建设工作报告\n正文。")))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                empty = b"<w:p/>" * (megabytes * 2**20 // 6)
                data = data.replace(b"<w:body>", b"<w:body>" + empty, 1)
            z.writestr(item, data)
    return out.getvalue()


def pdf_listing_one_page(times: int) -> bytes:
    """A PDF whose page tree lists one page `times` times."""
    writer = PdfWriter()
    page = writer.add_blank_page(595, 842)
    kids = writer._pages.get_object()["/Kids"]  # noqa: SLF001 (the point is a page tree no writer would make)
    for _ in range(times - 1):
        kids.append(page.indirect_reference)
    writer._pages.get_object()[__import__("pypdf").generic.NameObject("/Count")] = \
        __import__("pypdf").generic.NumberObject(times)  # noqa: SLF001
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_a_docx_that_unpacks_past_the_limit_is_refused_before_it_is_parsed() -> None:
    bomb = docx_bomb(3)
    assert len(bomb) < 200_000  # small on disk
    with pytest.raises(IngestError, match=r"unpack to [34] MB, over the 2 MB.*QA_MAX_UNPACKED_MB"):
        load(Path("bomb.docx"), bomb, Limits(unpacked_mb=2))
    assert "正文" in load(Path("bomb.docx"), bomb, Limits(unpacked_mb=5, text_chars=10**6)).text  # under both: read


def test_a_pdf_listing_a_page_thousands_of_times_is_refused_by_its_page_count() -> None:
    data = pdf_listing_one_page(2000)
    assert len(PdfReader(io.BytesIO(data)).pages) == 2000 and len(data) < 100_000
    with pytest.raises(IngestError, match="2,000 pages.*QA_MAX_PAGES"):
        load(Path("pages.pdf"), data)


def test_html_of_nested_tags_and_text_past_the_limit_are_refused() -> None:
    with pytest.raises(IngestError, match="tags"):
        load(Path("deep.html"), ("<div>" * 250_000 + "报告").encode())
    with pytest.raises(IngestError, match="QA_MAX_TEXT_CHARS"):
        load(Path("long.txt"), ("调解案件。" * 70_000).encode())


def test_qa_ingest_refuses_the_expanding_files_and_takes_the_rest(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "城关镇.txt").write_text(report("城关镇", 12))
    (folder / "炸弹.docx").write_bytes(docx_bomb(3))
    (folder / "页数.pdf").write_bytes(pdf_listing_one_page(2000))
    (folder / "嵌套.html").write_text("<div>" * 250_000 + "报告")
    env = {**os.environ, "QA_DATA_DIR": str(tmp_path / "data"), "QA_MAX_UNPACKED_MB": "2"}
    r = subprocess.run([*QA, "ingest", str(folder)], capture_output=True, text=True, env=env, timeout=600)
    assert r.returncode == 1, r.stderr  # some files failed, the run went on
    lines = r.stderr.splitlines()
    for name, why in (("炸弹.docx", "QA_MAX_UNPACKED_MB"), ("页数.pdf", "QA_MAX_PAGES"), ("嵌套.html", "tags")):
        assert any(name in line and why in line for line in lines), (name, r.stderr)
    listed = json.loads(subprocess.run([*QA, "reports", "--json"], capture_output=True, text=True, env=env,
                                       timeout=300).stdout)
    assert [row["meta"]["township"] for row in listed] == ["城关镇"]
    assert subprocess.run([*QA, "check"], capture_output=True, text=True, env=env, timeout=300).returncode == 0


def test_a_file_past_its_time_budget_is_given_up_with_nothing_stored(tmp_path: Path, embedder) -> None:  # type: ignore[no-untyped-def]
    from qa.ingest.pipeline import ingest
    from qa.store import Store

    ticks = iter(range(0, 10_000, 10))  # a clock that moves 10 s each time it is read: no real time is measured
    limits = Limits(seconds=45, clock=lambda: float(next(ticks)))
    folder = tmp_path / "reports"
    folder.mkdir()
    long = "红旗乡2023年度法治政府建设工作报告\n一、主要成效\n" + "".join(
        f"（{i}）第{i}项工作：全乡开展法治宣传活动{i}场，受教育群众{i * 10}人，调解纠纷{i}件，成效明显。\n" for i in range(1, 80))
    (folder / "a_红旗乡.txt").write_text(long)
    (folder / "b_城关镇.txt").write_text(report("城关镇", 12))
    store = Store.open(tmp_path / "data", embedder_name=embedder.name, dim=embedder.dim)
    try:
        summary = ingest([folder], store=store, embedder=embedder, max_chars=300, limits=limits)
        by_file = {Path(r.path).name: r for r in summary.results}
        assert by_file["a_红旗乡.txt"].status == "failed" and "QA_FILE_SECONDS" in (by_file["a_红旗乡.txt"].reason or "")
        assert by_file["b_城关镇.txt"].status == "added"
        assert [r.meta.township for r in store.reports()] == ["城关镇"]  # nothing of the slow file was stored
        assert store.registry.integrity_problems() == []
    finally:
        store.close()
