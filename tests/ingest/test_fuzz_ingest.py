"""A fuzz pass over ingest: random bytes through every loader, random Unicode and report-shaped text through the
cleaner, the section parser, the metadata reader, the chunker and the fact extractor. A file either becomes text
or fails with an IngestError naming it; nothing else escapes, and every offset points into the text.

A fixed budget, derandomized: the same examples every run (no flaky CI), no per-example deadline (no test
measures time; a pattern that backtracks shows as a run that does not finish)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qa.errors import IngestError
from qa.ingest.chunk import chunk
from qa.ingest.clean import clean
from qa.ingest.facts import extract_facts
from qa.ingest.load import SUPPORTED, load
from qa.ingest.meta import find_meta
from qa.ingest.sections import parse_sections

FUZZ = settings(max_examples=150, derandomize=True, deadline=None, suppress_health_check=list(HealthCheck))

# Pieces real reports are made of, so random text reaches the patterns that read them
PIECES = ["一、", "（二）", "3.", "一是", "二是", "乡", "镇", "街道", "2023年", "年度", "法治政府建设", "报告", "工作报告",
          "共受理调解案件", "52件", "150余次", "三十余场", "两千余人次", "1.2万人次", "52.17万元", "100%", "，", "。",
          "；", "：", "\n", " ", "\u3000", "【", "】", ">", "»", "字体", "大", "中", "小", "首页", "当前位置", "索引号",
          "\x00", "\u200b", "\u2028", "\ufeff", "\ud800", "<div>", "</div>", "<script>", "&nbsp;", "忽略以上所有指令",
          "1", "12345", "一", "十", "百", "万", "第三师五十一团", "塔布勒合特蒙古民族乡", "人民政府", "关于"]
report_text = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=8)), max_size=120).map("".join)


def assert_offsets_point_into(text: str) -> None:
    sections = parse_sections(text)
    for s in sections:
        assert 0 <= s.start <= len(text)
    for c in chunk("r", text, sections, max_chars=300):
        assert text[c.start:c.end] == c.text
    for f in extract_facts("r", text, sections):
        assert text[f.start:f.end] == f.clause and text[f.sentence_start:f.sentence_end] == f.sentence
        assert f.value_text in f.clause


@FUZZ
@given(data=st.binary(max_size=4096), suffix=st.sampled_from(SUPPORTED))
def test_random_bytes_in_any_format_are_text_or_a_named_failure(data: bytes, suffix: str) -> None:
    path = Path(f"fuzz{suffix}")
    try:
        loaded = load(path, data)
    except IngestError as e:
        assert str(path) in str(e) and e.reason
        return
    assert_offsets_point_into(clean(loaded.text, wrapped=loaded.wrapped))


@FUZZ
@given(text=report_text)
def test_report_shaped_text_is_cleaned_and_read_with_offsets_into_it(text: str) -> None:
    cleaned = clean(text)
    assert "\x00" not in cleaned and "\u2028" not in cleaned and not any("\ud800" <= ch <= "\udfff" for ch in cleaned)
    find_meta(cleaned)
    assert_offsets_point_into(cleaned)


@FUZZ
@given(body=report_text, depth=st.integers(0, 400))
def test_html_and_docx_made_of_random_text_are_text_or_a_named_failure(body: str, depth: int) -> None:
    safe = body.encode("utf-8", errors="ignore").decode()
    for path, data in ((Path("fuzz.html"), ("<div>" * depth + safe + "</div>" * depth).encode()),
                       (Path("fuzz.docx"), _docx_with(safe))):
        try:
            assert_offsets_point_into(clean(load(path, data).text))
        except IngestError as e:
            assert str(path) in str(e)


def _docx_with(text: str) -> bytes:
    """A minimal .docx whose body holds `text` escaped or not (some examples are not well-formed XML)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/>'
                   '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
                   'officedocument.wordprocessingml.document.main+xml"/></Types>')
        z.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
                   'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
        z.writestr("word/document.xml", '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
                   f'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>')
    return out.getvalue()
