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
