"""Scoring one response against one gold item, summaries, floors and gold-file errors, on synthetic data."""

from __future__ import annotations

from pathlib import Path

import pytest

from qa.answer.numbers import numbers, unsupported_numbers
from qa.errors import EvalError
from qa.eval.gold import GoldItem, Quote, Span, load_gold
from qa.eval.metrics import score_item, summarize
from qa.eval.run import EvalResult, SystemResult, check_floors
from qa.eval.systems import Passage, Response


def item(kind: str = "fact", must: tuple[str, ...] = ("52",), townships: tuple[str, ...] = ("甲乡",)) -> GoldItem:
    return GoldItem(id=f"{kind}-x", type=kind, turns=("问题？",), answer="gold", must_include=must,  # type: ignore[arg-type]
                    townships=townships, evidence=(Quote("甲乡", "调解案件52件"),), source="test")


def passage(report: str, start: int, end: int, township: str = "甲乡", text: str = "") -> Passage:
    return Passage(Span(report, start, end), township, text or "x" * (end - start))


def response(answer: str = "受理调解案件52件[1]", refused: bool = False, cited: tuple[Passage, ...] = (),
             ranked: tuple[Passage, ...] = (), townships: tuple[str, ...] = ("甲乡",)) -> Response:
    return Response(answer=answer, refused=refused, cited=cited, ranked=ranked, townships=townships, latency_ms=5.0)


QUOTE = Span("r1", 100, 110)
HIT = passage("r1", 90, 130, text="全乡共受理调解案件52件，调解成功51件")
MISS = passage("r1", 0, 50)
OTHER_REPORT = passage("r2", 90, 130, township="乙乡")


def test_retrieval_measures_follow_the_rank_of_the_passage_holding_the_quote() -> None:
    s = score_item(item(), response(ranked=(MISS, OTHER_REPORT, HIT)), [QUOTE])
    assert s.recall_at == {1: 0.0, 3: 1.0, 5: 1.0, 10: 1.0}
    assert s.reciprocal_rank == pytest.approx(1 / 3)
    assert s.ndcg10 == pytest.approx(0.5)  # 1/log2(4) over an ideal of 1


def test_a_passage_must_hold_at_least_half_the_quote() -> None:
    edge = passage("r1", 104, 200)  # 6 of 10 quote characters
    sliver = passage("r1", 106, 200)  # 4 of 10
    assert score_item(item(), response(ranked=(edge,)), [QUOTE]).recall_at[1] == 1.0  # type: ignore[index]
    assert score_item(item(), response(ranked=(sliver,)), [QUOTE]).recall_at[1] == 0.0  # type: ignore[index]


def test_citation_counts_and_fact_correctness() -> None:
    s = score_item(item(), response(cited=(HIT, MISS)), [QUOTE])
    assert (s.cited, s.cited_relevant, s.quotes, s.quotes_cited) == (2, 1, 1, 1)
    assert s.correct
    assert not score_item(item(must=("53",)), response(cited=(HIT,)), [QUOTE]).correct
    assert not score_item(item(), response(refused=True), [QUOTE]).correct


def test_numbers_the_cited_passages_lack_are_unsupported() -> None:
    s = score_item(item(), response(answer="甲乡（2023年）：受理调解案件52件，其中5件涉农[1]", cited=(HIT,)), [QUOTE])
    # 2023 is the report-year label qa adds; 52 is in the passage; "5" is not (52 does not contain it as a number)
    assert s.unsupported == ("5",) and s.numbers == 2


def test_unsupported_numbers_ignore_qa_furniture_only() -> None:
    answer = "共检查12份报告，其中3个乡镇的报告有相关内容：\n1. 甲乡（2024年）：培育法律明白人１２名。[1]\n2. 乙乡：７名[2]"
    assert unsupported_numbers(answer, ["培育法律明白人12名"]) == ["7"]
    assert numbers("涉及金额52.17万元，4-8名") == ["52.17", "4", "8"]


def test_set_and_comparison_and_refusal_items() -> None:
    gold_set = item("set", must=(), townships=("甲乡", "乙乡"))
    s = score_item(gold_set, response(townships=("甲乡", "丙乡")), [QUOTE])
    assert (s.set_p, s.set_r, s.correct) == (0.5, 0.5, False)
    assert score_item(gold_set, response(townships=("乙乡", "甲乡")), [QUOTE]).correct
    cmp = item("comparison", must=(), townships=("乙乡",))
    assert score_item(cmp, response(townships=("乙乡", "甲乡")), [QUOTE]).correct
    assert not score_item(cmp, response(townships=("甲乡", "乙乡")), [QUOTE]).correct
    refusal = GoldItem(id="ref-x", type="refusal", turns=("丁乡呢？",), answer="", must_include=(), townships=(),
                       evidence=(), source="test")
    assert score_item(refusal, response(refused=True), []).correct
    wrong = score_item(refusal, response(), [])
    assert not wrong.correct and wrong.recall_at is None and wrong.cited == 0


def test_summary_counts_refusal_precision_and_recall() -> None:
    refusal = GoldItem(id="ref-x", type="refusal", turns=("丁乡呢？",), answer="", must_include=(), townships=(),
                       evidence=(), source="test")
    scores = [score_item(refusal, response(refused=True), []), score_item(refusal, response(), []),
              score_item(item(), response(refused=True), [QUOTE]), score_item(item(), response(cited=(HIT,)), [QUOTE])]
    m = summarize(scores)
    assert m["refusals.recall"] == 0.5 and m["refusals.precision"] == 0.5
    assert m["answers.fact_accuracy"] == 0.5 and m["citations.recall"] == 0.5


def result_with(metrics: dict[str, float | None]) -> EvalResult:
    return EvalResult(info={"mode": "extractive"}, systems=[SystemResult("qa", metrics, {}, [])])


def test_floors_and_ceilings(tmp_path: Path) -> None:
    t = tmp_path / "t.toml"
    t.write_text('[extractive.min]\n"sets.f1" = 0.9\n"refusals.recall" = 0.8\n'
                 '[extractive.max]\n"answers.unsupported_number_rate" = 0.0\n', encoding="utf-8")
    ok = {"sets.f1": 0.95, "refusals.recall": 0.8, "answers.unsupported_number_rate": 0.0}
    assert check_floors(result_with(ok), t) == []
    bad = check_floors(result_with(ok | {"sets.f1": 0.89, "answers.unsupported_number_rate": 0.01}), t)
    assert len(bad) == 2 and "sets.f1 = 0.89 is below its floor 0.9" in bad[0] and "above its ceiling" in bad[1]
    assert check_floors(result_with(ok | {"refusals.recall": None}), t)  # a metric that vanished fails too
    t.write_text('[extractive.min]\n"sets.f2" = 0.9\n', encoding="utf-8")
    with pytest.raises(EvalError, match="unknown metric 'sets.f2'"):
        check_floors(result_with(ok), t)
    t.write_text('[llm.min]\n"sets.f1" = 0.9\n', encoding="utf-8")
    with pytest.raises(EvalError, match=r"no \[extractive.min\]"):
        check_floors(result_with(ok), t)


@pytest.mark.parametrize(("line", "message"), [
    ('{"id": "a", "type": "fact"', "g.jsonl:2: not JSON"),
    ('{"id": "a", "type": "guess", "question": "?"}', "g.jsonl:2: field 'type' must be one of"),
    ('{"id": "a", "type": "fact"}', "g.jsonl:2: field 'question' must be str"),
    ('{"id": "a", "type": "fact", "question": "?", "evidence": [{"quote": "x"}]}', "needs 'township' and 'quote'"),
    ('{"id": "ok", "type": "fact", "question": "?"}', "g.jsonl:2: duplicate gold id 'ok'"),
])
def test_gold_file_errors_name_file_line_and_field(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "g.jsonl"
    path.write_text('{"id": "ok", "type": "fact", "question": "甲乡？"}\n' + line + "\n", encoding="utf-8")
    with pytest.raises(EvalError, match=message):
        load_gold(path)


def test_floors_per_split(tmp_path: Path) -> None:
    t = tmp_path / "t.toml"
    t.write_text('[extractive.min]\n"sets.f1" = 0.5\n[extractive.split.paraphrase.min]\n"sets.f1" = 0.9\n'
                 '[extractive.split.paraphrase.max]\n"answers.answerable_refused" = 0.1\n', encoding="utf-8")
    result = EvalResult(info={"mode": "extractive"}, systems=[SystemResult(
        "qa", {"sets.f1": 0.95}, {}, [], by_split={"corpus": {"sets.f1": 0.98, "answers.answerable_refused": 0.0},
                                                   "paraphrase": {"sets.f1": 0.85, "answers.answerable_refused": 0.2}})])
    bad = check_floors(result, t)
    assert bad == ["qa sets.f1 = 0.85 on split paraphrase is below its floor 0.9 (t.toml)",
                   "qa answers.answerable_refused = 0.2 on split paraphrase is above its ceiling 0.1 (t.toml)"]
    t.write_text('[extractive.split.other.min]\n"sets.f1" = 0.9\n', encoding="utf-8")
    assert check_floors(result, t) == []  # a run on part of the gold set checks the splits it has


def test_a_followup_must_be_read_as_the_gold_says() -> None:
    merged = GoldItem(id="pf-1", type="followup", turns=("唐驿镇有几人领了执法证？", "哪些乡镇聘了法律顾问？"), answer="",
                      must_include=(), townships=("甲乡",), evidence=(Quote("甲乡", "调解案件52件"),), source="t",
                      standalone=True)
    alone, read_in = response(), Response(**{**response().__dict__, "interpreted_as": "唐驿镇哪些乡镇聘了法律顾问？"})
    assert score_item(merged, alone, [QUOTE]).correct and not score_item(merged, read_in, [QUOTE]).correct
    swap = GoldItem(**{**merged.__dict__, "standalone": False, "interpreted_must": ("色务乡", "执法证")})
    good = Response(**{**response().__dict__, "interpreted_as": "色务乡有几人领了执法证？"})
    assert score_item(swap, good, [QUOTE]).correct and not score_item(swap, alone, [QUOTE]).correct


def test_evidence_overlap_leaves_out_names_years_digits_and_asking_words() -> None:
    from qa.eval.gold import evidence_overlap

    copied = GoldItem(id="a", type="fact", turns=("甲乡2024年受理调解案件多少件？",), answer="", must_include=(),
                      townships=("甲乡",), evidence=(Quote("甲乡", "全乡共受理调解案件52件"),), source="t")
    assert evidence_overlap(copied, ["甲乡"]) == 1.0  # 受理 理调 调解 解案 案件 all in the quote ("件" alone is no pair)
    worded = GoldItem(**{**copied.__dict__, "turns": ("甲乡去年一共化解了几起纠纷？",)})
    assert evidence_overlap(worded, ["甲乡"]) == 0.0
    assert evidence_overlap(GoldItem(**{**copied.__dict__, "evidence": ()}), ["甲乡"]) is None
