"""A question of several parts: each part answered on its own, merged into one answer numbered on."""

from __future__ import annotations

from qa.answer.ask import merge_parts
from qa.types import Answer, Citation, ReportCheck


def cite(n: int, text: str, rid: str = "r1") -> Citation:
    return Citation(n=n, report_id=rid, file="a.txt", township="甲乡", county=None, year=2023, section="",
                    text=text, start=0, end=len(text), score=1.0)


def test_parts_keep_their_own_question_and_their_citations_are_numbered_on() -> None:
    one = Answer(question="甲乡受理了多少调解案件？", answer="甲乡（2023年）：受理调解案件52件[1]", mode="extractive",
                 refused=False, citations=(cite(1, "受理调解案件52件"),),
                 reports=(ReportCheck("r1", "甲乡", 2023, True, (cite(1, "受理调解案件52件"),)),))
    two = Answer(question="甲乡调解成功了多少件？", answer="甲乡（2023年）：调解成功51件[1]\n甲乡：另[2]", mode="extractive",
                 refused=False, citations=(cite(1, "调解成功51件"), cite(2, "另")),
                 reports=(ReportCheck("r1", "甲乡", 2023, False, ()),))
    merged = merge_parts([one, two])
    assert merged.answer == ("【甲乡受理了多少调解案件？】\n甲乡（2023年）：受理调解案件52件[1]\n"
                             "【甲乡调解成功了多少件？】\n甲乡（2023年）：调解成功51件[2]\n甲乡：另[3]")
    assert [(c.n, c.text) for c in merged.citations] == [(1, "受理调解案件52件"), (2, "调解成功51件"), (3, "另")]
    assert not merged.refused and merged.related == ()
    assert merged.reports[0].supported  # supported by one part is supported


def test_a_part_not_found_says_so_and_all_parts_refused_is_a_refusal() -> None:
    found = Answer(question="甲？", answer="甲乡：52件[1]", mode="extractive", refused=False,
                   citations=(cite(1, "52件"),))
    missing = Answer(question="乙？", answer="在已收录的报告中没有找到这个数字。", mode="extractive", refused=True,
                     related=(cite(1, "近似"),))
    merged = merge_parts([found, missing])
    assert not merged.refused and "【乙？】\n在已收录的报告中没有找到这个数字。" in merged.answer
    both = merge_parts([missing, missing])
    assert both.refused and both.citations == () and [(c.n, c.text) for c in both.related] == [(1, "近似"), (2, "近似")]
