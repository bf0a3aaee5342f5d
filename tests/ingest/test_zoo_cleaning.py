"""Page furniture goes and report text stays, on every page of the format zoo (eval/zoo): saved .html, text copied
from pages into .txt and .docx, traditional-character pages."""

import re
from pathlib import Path

import pytest

from qa.chars import fold
from qa.eval.zoo import zoo_reports
from qa.ingest.clean import normalize_chars
from qa.ingest.load import load
from qa.ingest.pipeline import read_report

ZOO = Path(__file__).resolve().parents[2] / "eval" / "zoo"
REPORTS = zoo_reports(ZOO)
# Words only page furniture holds: none may be left in a report's text
FURNITURE = re.compile(r"索引号|浏览次数|阅读次数|网站标识码|ICP备|公网安备|上一篇|下一篇|分享到|打印本页|关闭窗口|当前位置|"
                       r"所在位置|主办单位|版权所有|字体[:：]|无障碍|发布机构|成文日期")
# The lines of a page that say when and where it was published: not report text (checked by `FURNITURE`'s test)
PUBLISHED = re.compile(r"^(发布时间|发布日期|日期|时间)[:：]")


@pytest.mark.parametrize("zoo_report", REPORTS, ids=[r.path.name for r in REPORTS])
def test_furniture_goes_and_every_sentence_stays(zoo_report) -> None:  # type: ignore[no-untyped-def]
    report = read_report(zoo_report.path)
    text = report.text
    left = FURNITURE.findall(text)
    assert not left, left
    squeezed = re.sub(r"\s", "", text)
    for line in fold(normalize_chars(load(zoo_report.path).text)).split("\n"):
        line = re.sub(r"\s", "", line)
        if len(line) > 20 and line.endswith(("。", "；", "：")) and not FURNITURE.search(line) \
                and not PUBLISHED.match(line):
            assert line in squeezed, line  # a sentence of the report, kept whole
