import pytest

from qa.ingest.meta import find_meta, find_year
from tests.conftest import CORPUS_META


def test_every_corpus_report_has_its_township_county_and_year(corpus_reports) -> None:  # type: ignore[no-untyped-def]
    for name, (township, county, year) in CORPUS_META.items():
        meta = corpus_reports[name].meta
        assert (meta.township, meta.county, meta.year) == (township, county, year), name
        assert meta.title and township.replace("第三师", "")[-3:] in meta.title


@pytest.mark.parametrize(("text", "township", "county", "year"), [
    ("红星县城关镇2023年度法治政府建设工作报告\n正文。", "城关镇", "红星县", 2023),
    ("东风街道法治政府建设情况报告\n2022年，东风街道……。\n三、2023年工作计划\n2023年要……。", "东风街道", None, 2022),
    ("某某乡关于2024年法治政府建设的报告\n发布日期：2025年1月3日\n正文2024年……。", "某某乡", None, 2024),
])
def test_metadata_from_synthetic_titles(text: str, township: str, county: str | None, year: int) -> None:
    meta = find_meta(text)
    assert (meta.township, meta.county, meta.year) == (township, county, year)


def test_year_ignores_next_years_plan_and_dates() -> None:
    text = "法治政府建设工作总结\n2023年，全乡……。2023年共……。\n三、2024年重点工作\n2024年我乡将……。\n2024年3月5日"
    assert find_year(text) == 2023


def test_a_page_saved_from_a_government_site(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Written from the pattern of county sites' article pages: the report calls itself 我镇 only; the township is in
    the metadata table; the page was published the year after."""
    from qa.ingest.pipeline import read_report

    page = tmp_path / "article.html"
    page.write_text(
        "<html><head><title>2023年度法治政府建设年度报告_青石镇_某县人民政府网</title></head><body>"
        "<div class='nav'><a href='/'>首页</a> &gt; <a>政务公开</a> &gt; <a>法治政府建设</a></div>"
        "<table><tr><td>索引号：</td><td>000123/2024-00017</td><td>发布机构：</td><td>睢县青石镇人民政府</td></tr>"
        "<tr><td>成文日期：</td><td>2024-01-12</td><td>发布日期：</td><td>2024-01-15</td></tr></table>"
        "<h1>2023年度法治政府建设年度报告</h1><p>发布时间：2024-01-15 来源：本站 浏览次数：213</p>"
        "<p>今年以来，我镇坚持以习近平法治思想为指导，全面推进依法行政。</p>"
        "<p>一、主要工作</p><p>全年开展法治宣传活动23场次，覆盖群众4100余人次。</p>"
        "<p>二、存在的不足</p><p>法治队伍力量仍然薄弱。</p>"
        "<p>【打印本页】【关闭窗口】</p><div class='foot'>主办单位：某县人民政府办公室 网站标识码：4114220001</div>"
        "</body></html>", encoding="utf-8")
    report = read_report(page)
    meta = report.meta
    assert (meta.township, meta.county, meta.year, meta.level) == ("青石镇", "睢县", 2023, "township")
    assert meta.source("township") == "table" and meta.source("year") == "title"
    assert report.text.startswith("2023年度法治政府建设年度报告\n今年以来")  # the furniture went, the report stayed
    for furniture in ("索引号", "浏览次数", "打印本页", "网站标识码", "政务公开"):
        assert furniture not in report.text


@pytest.mark.parametrize(("text", "signature", "township", "source"), [
    # the title names no township, the text calls itself 我乡 and names itself twice: found in the body
    ("2022年度法治政府建设工作报告\n2022年，白沙河乡在县委领导下……。白沙河乡党委高度重视……。我乡全年……。", (), "白沙河乡", "body"),
    # only the signature under the report names it
    ("法治政府建设情况的报告\n今年来，我镇全面推进……。", ("中共东岭镇委员会", "2024年1月5日"), "东岭镇", "signature"),
])
def test_township_from_the_body_or_the_signature(text: str, signature: tuple[str, ...], township: str,
                                                 source: str) -> None:
    meta = find_meta(text, signature=signature)
    assert (meta.township, meta.source("township")) == (township, source)


def test_a_report_whose_township_is_nowhere_is_listed_as_such() -> None:
    meta = find_meta("法治政府建设情况的报告\n现将我镇2023年法治政府建设情况报告如下：结合街道实际……。")
    assert meta.township is None and meta.level == "township" and meta.year == 2023


def test_county_and_department_reports_are_not_townships() -> None:
    county = find_meta("睢县人民政府关于2023年度法治政府建设情况的报告\n2023年，县政府……。")
    dept = find_meta("睢县司法局2023年法治政府建设工作报告\n2023年，我局……。")
    assert (county.township, county.county, county.level) == (None, "睢县", "county")
    assert (dept.township, dept.county, dept.level, dept.body) == (None, "睢县", "department", "睢县司法局")


def test_the_year_is_the_year_reported_on_not_the_year_published() -> None:
    from qa.ingest.page import PageFields

    text = "青石镇法治政府建设工作报告\n一年来，青石镇坚持……。"
    assert find_meta(text, page=PageFields(written="2025-01-20")).year == 2024
    assert find_meta("二〇二三年度青石镇法治政府建设工作报告\n正文。").year == 2023
