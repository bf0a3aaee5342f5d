"""The required-contents check: each part found with what covers it, or missing."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from qa.county.required import check_reports, check_text, load_parts
from tests.conftest import app_over

WRITTEN = """青石县白沙镇关于2024年度法治政府建设工作情况的报告
一、主要工作
（一）全年共受理调解矛盾纠纷46件，调解成功44件。
（二）开展普法宣传活动12场，培育法律明白人30名。
（三）聘请常年法律顾问1名，审查合同8份。
（四）组织干部学法4次，举办法治讲座3场。
（五）镇党委书记认真履行推进法治建设第一责任人职责，亲自部署重大法治工作。
二、下一步工作打算
下一步，我镇将继续加强普法宣传。
"""


def test_the_rules_parts_are_listed_with_their_wording() -> None:
    parts = load_parts()
    assert [p.id for p in parts] == ["measures", "shortcomings", "leaders_duty", "next_year"]
    assert parts[1].rule == "上一年度推进法治政府建设存在的不足和原因"


def test_a_report_without_shortcomings_is_said_to_lack_them() -> None:
    checks = {c.part: c for c in check_text(WRITTEN)}
    assert not checks["shortcomings"].present and not checks["shortcomings"].quotes
    assert checks["measures"].present and checks["next_year"].quotes[0].text == "二、下一步工作打算"
    assert checks["leaders_duty"].present and "第一责任人" in checks["leaders_duty"].quotes[0].text


def test_a_plan_that_admits_a_gap_is_not_a_shortcomings_part() -> None:
    text = WRITTEN.replace("下一步，我镇将继续加强普法宣传。", "普法形式仍需创新，普法质效有待提升。")
    assert not {c.part: c for c in check_text(text)}["shortcomings"].present  # said under the plans


def test_shortcomings_stated_in_one_sentence_of_another_section_are_found() -> None:
    text = WRITTEN.replace("（四）组织干部学法4次，举办法治讲座3场。",
                           "（四）组织干部学法4次。但也存在差距，原因主要在于专职法治力量少。")
    check = {c.part: c for c in check_text(text)}["shortcomings"]
    assert check.present and "原因主要在于" in check.quotes[0].text


@pytest.mark.corpus
def test_the_corpus_lacks_only_houtais_shortcomings(corpus_store, embedder) -> None:  # type: ignore[no-untyped-def]
    checked = check_reports(corpus_store[0].registry)
    assert {r.report.meta.township: r.missing for r in checked if r.missing} == {"后台乡": ("shortcomings",)}
    with TestClient(app_over(corpus_store[0], embedder)) as client:
        body = client.get("/api/required").json()
        houtai = next(r for r in body["reports"] if r["township"] == "后台乡")
        assert houtai["missing"] == ["shortcomings"]
        leaders = next(p for p in houtai["parts"] if p["part"] == "leaders_duty")
        assert leaders["present"] and "第一责任人" in leaders["quotes"][0]["text"]


@pytest.mark.parametrize(("question", "part"), [
    ("哪些乡镇的报告没有写存在的不足？", "shortcomings"),
    ("有没有乡镇没写明年的工作计划？", "next_year"),
    ("哪几个乡镇漏写了主要负责人履职的情况", "leaders_duty"),
    ("谁家的总结缺少问题和短板这一块？", "shortcomings"),
    ("哪些乡镇没有发生行政复议？", None),  # something that did not happen, not a part left out
    ("哪些乡镇还有没解决的问题？", None),
    ("各乡镇存在哪些不足？", None),
    ("哪些乡镇的报告里没有下一步打算？", "next_year"),
    ("哪些乡镇未提出整改措施？", None),  # what a township did not do, not what its report leaves out
    ("哪些乡镇没有提交明年的工作计划？", None),
    ("哪些乡镇缺少专职法律人员的问题比较突出？", None),
    ("哪些乡镇反映执法力量缺少、人员不足？", None),
    ("哪些乡镇存在制度缺失问题？", None),
    ("哪些乡镇没有提升问题整改成效", None),
])
def test_a_question_about_a_part_left_out_is_recognised(question: str, part: str | None) -> None:
    from qa.county.required import asks_missing

    found = asks_missing(question)
    assert (found.id if found else None) == part


@pytest.mark.corpus
def test_which_reports_lack_a_part_is_answered_from_the_check(corpus_store, embedder) -> None:  # type: ignore[no-untyped-def]
    with TestClient(app_over(corpus_store[0], embedder)) as client:
        body = client.post("/api/ask", json={"question": "哪些乡镇的报告没有写存在的不足？"}).json()
        assert not body["refused"] and "其中1份没有写“存在的不足和原因”：后台乡（2023年）" in body["answer"]
        assert {r["township"]: r["supported"] for r in body["reports"]} == {
            "后台乡": False, "五十一团唐驿镇": True, "嘎美乡": True, "塔布勒合特蒙古民族乡": True, "色务乡": True}
        texts = corpus_store[0].registry.report_texts()
        assert len(body["citations"]) == 4 and all(
            texts[c["report_id"]][c["start"]:c["end"]] == c["text"] for c in body["citations"])
        one = client.post("/api/ask", json={"question": "哪些乡镇没写下一步工作打算？", "township": "色务乡"}).json()
        assert one["answer"].startswith("共检查1份报告，都写了“下一年度主要安排”") and one["citations"][0]["township"] == "色务乡"
