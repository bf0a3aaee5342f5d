"""A question that names its own scope stands alone; one that leans on the previous turn is rewritten."""

from __future__ import annotations

import pytest

from qa.answer.followup import standalone
from qa.retrieval.filters import parse_filters
from qa.store.registry import ReportRow
from qa.types import ReportMeta


def row(township: str, year: int, county: str | None = None) -> ReportRow:
    return ReportRow(f"id-{township}", f"{township}.txt", "sha", ReportMeta(township, county, year, None), 1, 1, "")


# The five corpus reports as the store lists them (tests/conftest.py CORPUS_META).
ROWS = [row("塔布勒合特蒙古民族乡", 2023, "乌苏市"), row("后台乡", 2023, "睢县"), row("嘎美乡", 2024),
        row("五十一团唐驿镇", 2023), row("色务乡", 2024, "安多县")]
BEFORE = ["色务乡开展了多少次治安巡逻？"]


@pytest.mark.parametrize("question", [
    "哪些乡镇聘请了村法律顾问？", "哪几个乡镇提到了法律明白人？", "各乡镇调解了多少案件？", "各个乡镇一共调解了多少纠纷？",
    "所有乡镇都建了法治广场吗？", "每个乡镇有几个法律顾问？", "哪个乡镇发放的宣传资料最多？", "几个乡镇提到了法律援助？",
])
def test_a_question_across_townships_stands_alone(question: str) -> None:
    assert standalone(question, BEFORE, ROWS) is None


@pytest.mark.parametrize("question", [
    "后台乡的调解员每个月都开会吗？", "嘎美有没有给机关干部统一考一考宪法？", "睢县后台请了几个法律顾问？",
    "唐驿围绕专门议题搞宣传、跟群众互动的活动有几场？", "塔布勒合特和色务比，哪边公开的次数多？",
    "那红旗镇呢？",  # a place no report is of: refused as it is, not merged with 色务乡
])
def test_a_question_naming_its_place_stands_alone(question: str) -> None:
    assert standalone(question, BEFORE, ROWS) is None


def test_a_whole_question_of_its_own_stands_alone() -> None:
    assert standalone("法治政府建设考核的指标体系由哪几部分组成？", BEFORE, ROWS) is None


@pytest.mark.parametrize(("history", "question", "expected"), [
    (["唐驿给领导干部办了几场法治讲座？"], "塔布勒合特那边呢？", "塔布勒合特蒙古民族乡给领导干部办了几场法治讲座？"),
    (["唐驿的法律顾问审了多少份合同？"], "那嘎美那边呢？", "嘎美乡的法律顾问审了多少份合同？"),
    (["睢县后台乡的党委书记是谁？"], "那唐驿呢？", "五十一团唐驿镇的党委书记是谁？"),  # the county goes with its place
    (["唐驿给领导干部办了几场法治讲座？"], "那睢县后台乡呢？", "后台乡给领导干部办了几场法治讲座？"),
    (["嘎美讲宪法民法典的活动搞了几次？"], "防诈骗的呢？", "嘎美乡防诈骗的几次？"),
    # it points back (这些) though it is long
    (BEFORE, "这些巡逻一共出动了多少警力和群防群治力量？", "色务乡这些巡逻一共出动了多少警力和群防群治力量？"),
    # a plan year stays where the new place's report of the year before can speak of it, and goes where it cannot
    (["唐驿镇2024年工作计划是什么？"], "那嘎美乡呢？", "嘎美乡2024年工作计划是什么？"),
    (["唐驿镇2024年工作计划是什么？"], "那后台呢？", "后台乡2024年工作计划是什么？"),
    (["嘎美乡2024年工作计划是什么？"], "那色务乡呢？", "色务乡2024年工作计划是什么？"),
    (["嘎美乡2024年调解了多少案件？"], "那后台乡呢？", "后台乡调解了多少案件？"),
])
def test_followups_with_names_as_people_say_them(history: list[str], question: str, expected: str) -> None:
    resolved = standalone(question, history, ROWS)
    assert resolved is not None and resolved.question == expected


def test_choosing_among_the_places_just_named_leans_on_them() -> None:
    resolved = standalone("哪边调成的纠纷更多？", ["色务乡和嘎美乡各调解了多少纠纷？"], ROWS)
    assert resolved is not None and resolved.question == "嘎美乡、色务乡哪边调成的纠纷更多？"


@pytest.mark.corpus
def test_the_corpus_townships_are_read_as_people_name_them(corpus_store) -> None:  # type: ignore[no-untyped-def]
    reports = corpus_store[0].reports()
    assert {(r.meta.township, r.meta.county, r.meta.year) for r in reports} == {
        (r.meta.township, r.meta.county, r.meta.year) for r in ROWS}
    for question, township in [("后台请的法律顾问都管哪些方面？", "后台乡"), ("睢县后台乡的一把手书记叫什么名字？", "后台乡"),
                               ("安多县色务每天派多少人站路口？", "色务乡"), ("嘎美下乡普法行搞了多少场？", "嘎美乡"),
                               ("乌苏市的塔布勒合特乡调解了多少案件？", "塔布勒合特蒙古民族乡")]:
        assert parse_filters(question, reports).townships == (township,), question
    plans = parse_filters("唐驿镇2024年工作计划是什么？", reports)
    assert plans.unknown is None and plans.year_terms == (2024,)
    assert [r.meta.year for r in reports if r.id in (plans.report_ids or ())] == [2023]
    assert standalone("哪些乡镇聘请了村法律顾问？", BEFORE, reports) is None
