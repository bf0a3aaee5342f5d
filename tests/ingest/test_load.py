from pathlib import Path

import docx
import pytest

from qa.errors import IngestError
from qa.ingest.load import load

TEXT = "城关镇2023年度法治政府建设工作报告\n一、主要成效\n全镇共受理调解案件12件。"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16"])
def test_txt_in_every_encoding_reads_the_same(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "r.txt"
    path.write_bytes(TEXT.encode(encoding))
    assert load(path).text.replace("\r\n", "\n") == TEXT


def test_docx_paragraphs_and_tables_in_order(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("城关镇2023年度法治政府建设工作报告")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "调解案件"
    table.rows[0].cells[1].text = "12件"
    document.add_paragraph("一、主要成效")
    path = tmp_path / "r.docx"
    document.save(path)
    lines = load(path).text.split("\n")
    assert lines[0] == "城关镇2023年度法治政府建设工作报告"
    assert "调解案件" in lines[1] and "12件" in lines[1]
    assert lines[2] == "一、主要成效"


def test_html_drops_scripts_and_keeps_text(tmp_path: Path) -> None:
    path = tmp_path / "r.html"
    path.write_text("<html><script>var x=1;</script><body><h1>城关镇报告</h1><p>受理调解案件12件。</p></body></html>")
    text = load(path).text
    assert "var x" not in text and "城关镇报告" in text and "受理调解案件12件。" in text


def test_markdown_markup_is_removed(tmp_path: Path) -> None:
    path = tmp_path / "r.md"
    path.write_text("# 城关镇报告\n\n**一、主要成效**\n受理调解案件12件。\n")
    assert load(path).text.split("\n")[:3] == ["城关镇报告", "", "一、主要成效"]


@pytest.mark.parametrize(("name", "data", "message"), [
    ("empty.txt", b"", "empty"),
    ("r.xls", b"abc", "unsupported"),
    ("broken.docx", b"PK\x03\x04 not really a zip", "docx"),
    ("junk.txt", bytes(range(256)) * 20, "binary"),
])
def test_bad_files_raise_an_error_naming_the_file(tmp_path: Path, name: str, data: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(IngestError, match=message) as info:
        load(path)
    assert name in str(info.value)


def test_gb18030_corpus_file_reads_correctly(corpus: Path) -> None:
    loaded = load(corpus / "001_31921d5176bdc757.txt")
    assert loaded.encoding == "gb18030"
    assert loaded.text.startswith("后台乡2023年度法治政府建设")
    assert "配置专职调解员3名" in loaded.text
