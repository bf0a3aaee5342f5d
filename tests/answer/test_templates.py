"""Sentences every report repeats do not count as a township's evidence in questions across reports."""

from __future__ import annotations

from pathlib import Path

from qa.answer import ask
from qa.ingest.pipeline import ingest
from qa.store.boilerplate import Boilerplate

TEMPLATE = "全面学习贯彻习近平法治思想，坚持聘请政府法律顾问参与重大行政决策合法性审查。"
SPECIFIC = "甲乡聘请2名律师为政府法律顾问，全年审查合同15份。"
FILLER = {"甲乡": "开展普法宣传活动12场次。", "乙乡": "开展禁毒宣传9场次。", "丙乡": "组织执法人员培训3次。",
          "丁乡": "建成法治文化广场1处。"}


def report(name: str, specific: bool) -> str:
    body = [TEMPLATE, FILLER[name]] + ([SPECIFIC] if specific else [])
    return f"{name}2024年度法治政府建设情况报告\n一、主要做法\n" + "\n".join(body) + "\n二、存在问题\n人员不足。\n"


def test_template_sentences_are_detected_by_how_many_reports_share_them() -> None:
    b = Boilerplate([report(n, n == "甲乡") for n in FILLER])
    assert b.is_template(TEMPLATE)
    assert not b.is_template(SPECIFIC) and not b.is_template(FILLER["甲乡"])
    assert not Boilerplate([report("甲乡", True), report("乙乡", False)]).is_template(TEMPLATE)  # two reports: too few



def test_sentences_judged_once_are_judged_the_same_again_in_any_batch() -> None:
    b = Boilerplate([report(n, n == "甲乡") for n in FILLER])
    batch = [SPECIFIC, TEMPLATE, FILLER["乙乡"], TEMPLATE]
    assert b.templates(batch).tolist() == [False, True, False, True]
    assert b.templates([TEMPLATE, "人员不足。", SPECIFIC]).tolist() == [True, False, False]  # some judged before
    assert b.templates(batch[::-1]).tolist() == [True, False, True, False]
    assert b.templates([]).tolist() == []


def test_only_the_township_with_specific_evidence_is_listed(tmp_path: Path, make_store, embedder) -> None:  # type: ignore[no-untyped-def]
    for name in FILLER:
        (tmp_path / f"{name}.txt").write_text(report(name, name == "甲乡"), encoding="utf-8")
    store = make_store()
    ingest([tmp_path], store=store, embedder=embedder, max_chars=300)
    a = ask("哪些乡镇聘请了政府法律顾问？", store=store, embedder=embedder, k=8)
    assert not a.refused and [c.township for c in a.citations] == ["甲乡"]
    assert a.citations[0].text == SPECIFIC
    assert len(a.reports) == 4 and [r.township for r in a.reports if r.supported] == ["甲乡"]
