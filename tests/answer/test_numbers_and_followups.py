"""How-many and comparison questions answered from stored facts; follow-ups read as standalone questions."""

from __future__ import annotations

import pytest

from qa.answer import ask
from qa.answer.followup import standalone
from qa.answer.numbers import unsupported_numbers
from qa.store.registry import ReportRow
from qa.types import ReportMeta

pytestmark = pytest.mark.corpus


def row(township: str, year: int) -> ReportRow:
    return ReportRow(f"id-{township}", f"{township}.txt", "sha", ReportMeta(township, None, year, None), 1, 1, "")


ROWS = [row("五十一团唐驿镇", 2023), row("塔布勒合特蒙古民族乡", 2023), row("色务乡", 2024), row("嘎美乡", 2024)]


@pytest.mark.parametrize(("history", "question", "expected"), [
    (["唐驿镇有多少人领取了行政执法证？"], "那塔布勒合特乡呢？", "塔布勒合特蒙古民族乡有多少人领取了行政执法证？"),
    # the old place's year goes when the new place has no report for it
    (["塔布勒合特蒙古民族乡2023年受理了多少调解案件？"], "那色务乡呢？", "色务乡受理了多少调解案件？"),
    (["嘎美乡开展了多少场国家安全教育宣传？"], "禁毒宣传呢？", "嘎美乡禁毒宣传多少场？"),
    (["唐驿镇举办了多少场领导干部法治讲座？"], "参与人员有多少？", "五十一团唐驿镇参与人员有多少？"),
    # chains: the second follow-up leans on the first one's reading
    (["唐驿镇有多少人领取了行政执法证？", "那色务乡呢？"], "那嘎美乡呢？", "嘎美乡有多少人领取了行政执法证？"),
    # places named the short way, and 「…那边呢」
    (["塔布勒合特一年发了多少份宣传资料？"], "那色务呢？", "色务乡一年发了多少份宣传资料？"),
    (["唐驿给领导干部办了几场法治讲座？"], "塔布勒合特那边呢？", "塔布勒合特蒙古民族乡给领导干部办了几场法治讲座？"),
    (["色务乡线上线下普法搞了多少次？", "受教育群众有多少？"], "那唐驿呢？", "五十一团唐驿镇受教育群众有多少？"),
    (["唐驿镇领了执法证的有多少人？"], "持证上岗落实了没有？", "五十一团唐驿镇持证上岗落实了没有？"),
])
def test_followups_become_standalone_questions(history: list[str], question: str, expected: str) -> None:
    resolved = standalone(question, history, ROWS)
    assert resolved is not None and resolved.question == expected


def test_standalone_questions_are_left_alone() -> None:
    assert standalone("色务乡开展了多少次治安巡逻？", ["唐驿镇有多少人领取了行政执法证？"], ROWS) is None
    assert standalone("那色务乡呢？", [], ROWS) is None
    # it names its own scope: across townships, or a township said the short way
    assert standalone("哪些乡镇聘请了村法律顾问？", ["色务乡开展了多少次治安巡逻？"], ROWS) is None
    assert standalone("哪个乡镇调解成功的次数最多？", ["塔布勒合特调解案件受理了多少件？"], ROWS) is None
    assert standalone("嘎美有没有给机关干部统一考一考宪法？", ["唐驿镇法律顾问审了几份合同？"], ROWS) is None


def test_how_many_is_answered_with_the_fact_and_its_sentence(corpus_store, embedder) -> None:  # type: ignore[no-untyped-def]
    a = ask("色务乡开展了多少次治安巡逻？", store=corpus_store[0], embedder=embedder, k=8)
    assert a.answer == "色务乡（2024年）：在辖区内不间断开展治安巡逻150余次[1]"
    assert "150余次" in a.citations[0].text and a.citations[0].text.endswith("形成了强有力的震慑效果。")


def test_a_figure_no_report_gives_is_refused(corpus_store, embedder) -> None:  # type: ignore[no-untyped-def]
    for q in ("嘎美乡培育了多少名法律明白人？", "后台乡开展了多少次治安巡逻？", "塔布勒合特蒙古民族乡有多少名专职人民调解员？"):
        a = ask(q, store=corpus_store[0], embedder=embedder, k=8)
        assert a.refused and a.answer.startswith("在已收录的报告中没有找到这个数字"), q
        assert not a.citations


def test_comparison_ranks_every_report_that_gives_the_figure(corpus_store, embedder) -> None:  # type: ignore[no-untyped-def]
    a = ask("哪个乡镇领取行政执法证的人数最多？", store=corpus_store[0], embedder=embedder, k=8)
    assert a.answer.splitlines()[0] == "共检查5份报告，其中2个乡镇的报告给出了相关数字，最多的是五十一团唐驿镇："
    assert [c.township for c in a.citations] == ["五十一团唐驿镇", "塔布勒合特蒙古民族乡"]
    assert len(a.reports) == 5 and sum(r.supported for r in a.reports) == 2
    fewest = ask("塔布勒合特乡和唐驿镇哪个领取行政执法证的人数更少？", store=corpus_store[0], embedder=embedder, k=8)
    assert fewest.citations[0].township == "塔布勒合特蒙古民族乡" and len(fewest.reports) == 2


@pytest.mark.parametrize("question", [
    "各乡镇调解了多少案件？", "哪个乡镇发放的宣传资料最多？", "唐驿镇有多少人领取了行政执法证？",
    "塔布勒合特蒙古民族乡的调解协议涉及金额是多少？", "色务乡每天指派几名交通劝导员？",
])
def test_no_answer_states_a_number_its_citations_lack(corpus_store, embedder, question: str) -> None:  # type: ignore[no-untyped-def]
    a = ask(question, store=corpus_store[0], embedder=embedder, k=8)
    assert not a.refused and unsupported_numbers(a.answer, [c.text for c in a.citations]) == []
