from qa.retrieval.filters import parse_filters, township_aliases
from qa.store.registry import ReportRow
from qa.types import ReportMeta


def row(rid: str, township: str, year: int) -> ReportRow:
    return ReportRow(rid, f"/r/{rid}.txt", "sha", ReportMeta(township, None, year, None), 100, 3, "now")


REPORTS = [row("a", "第三师五十一团唐驿镇", 2023), row("b", "塔布勒合特蒙古民族乡", 2023), row("c", "色务乡", 2024)]


def test_aliases_are_the_names_people_type() -> None:
    assert {"唐驿镇", "五十一团", "第三师五十一团唐驿镇"} <= township_aliases("第三师五十一团唐驿镇")
    assert {"塔布勒合特乡", "塔布勒合特"} <= township_aliases("塔布勒合特蒙古民族乡")
    assert not any(a in ("五十一", "十一", "三师") for a in township_aliases("第三师五十一团唐驿镇"))


def test_township_and_year_become_filters() -> None:
    assert parse_filters("唐驿镇有多少人领取了行政执法证？", REPORTS).report_ids == ("a",)
    assert parse_filters("塔布勒合特乡调解了多少案件", REPORTS).report_ids == ("b",)
    assert parse_filters("2024年各乡镇开展了哪些普法活动？", REPORTS).report_ids == ("c",)
    assert parse_filters("哪些乡镇聘请了村法律顾问？", REPORTS).report_ids is None


def test_unknown_township_or_year_is_named() -> None:
    assert parse_filters("红旗镇聘请法律顾问了吗？", REPORTS).unknown == "关于红旗镇的报告"
    assert "2022" in (parse_filters("2022年各乡镇调解了多少案件？", REPORTS).unknown or "")
    assert "色务乡" in (parse_filters("色务乡2023年的情况", REPORTS).unknown or "")
    assert parse_filters("各乡镇普遍存在哪些问题？", REPORTS).unknown is None
