"""The support model: sentence vectors stored at ingest, the fitted model file, and what it decides."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from qa.answer.ask import extractive_answer
from qa.answer.support import MODEL_FILE, SENTENCE_FEATURES, fit_logistic, load_support
from qa.errors import ConfigError
from qa.store import Store


def test_every_report_has_a_vector_for_each_evidence_sentence(corpus_store, embedder) -> None:  # type: ignore[no-untyped-def]
    store: Store = corpus_store[0]
    reports = store.reports()
    vectors = store.registry.sentence_vectors([r.id for r in reports])
    assert set(vectors) == {r.id for r in reports}
    text = store.registry.report_text(reports[0].id)
    (start, end), row = next(iter(vectors[reports[0].id].index.items()))
    stored = vectors[reports[0].id].vectors[row].astype(np.float32)
    fresh = embedder.embed_documents([text[start:end][:200]])[0]
    assert float(stored @ fresh) > 0.99  # the same sentence's vector, kept as float16


def test_a_store_without_sentence_vectors_gets_them_on_the_next_ingest(make_store, corpus, embedder) -> None:  # type: ignore[no-untyped-def]
    from qa.ingest.pipeline import ingest

    store = make_store()
    ingest([corpus / "000_34e5d983f20fcaa4.txt"], store=store, embedder=embedder, max_chars=500)
    rid = store.reports()[0].id
    with store.registry.transaction() as db:
        db.execute("DELETE FROM sentences")
    assert store.registry.reports_without_sentences() == [rid]
    ingest([corpus / "000_34e5d983f20fcaa4.txt"], store=store, embedder=embedder, max_chars=500)
    assert store.registry.reports_without_sentences() == []


def test_fit_logistic_learns_which_signal_decides() -> None:
    rng = np.random.default_rng(0)
    x = rng.random((400, len(SENTENCE_FEATURES)))
    y = (x[:, 1] > 0.5).astype(float)  # only "dense" decides
    m = fit_logistic(x, y, SENTENCE_FEATURES)
    assert int(np.argmax(np.abs(m.weights))) == 1
    row = np.zeros((1, len(SENTENCE_FEATURES)))
    row[0, 1] = 0.9
    assert m.probability(row)[0] > 0.9


def test_a_model_file_for_other_signals_is_refused_by_name(tmp_path: Path) -> None:
    shipped = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    shipped["sentence"]["features"] = ["coverage"]
    bad = tmp_path / "support.json"
    bad.write_text(json.dumps(shipped), encoding="utf-8")
    with pytest.raises(ConfigError, match="support.json.*qa fit-support"):
        load_support(bad)


def test_a_colloquial_question_by_a_short_name_is_answered(corpus_store, embedder) -> None:  # type: ignore[no-untyped-def]
    # 五十一团 for the township, 有执法证 for 领取行政执法证件, 几个人 for 名
    answer = extractive_answer("五十一团有几个人有执法证？", store=corpus_store[0], embedder=embedder, k=8)
    assert not answer.refused, answer.answer
    assert "14" in answer.answer and "14" in answer.citations[0].text


def test_a_plan_year_is_read_in_the_report_of_the_year_before(corpus_store, embedder) -> None:  # type: ignore[no-untyped-def]
    answer = extractive_answer("唐驿镇2024年工作计划是什么？", store=corpus_store[0], embedder=embedder, k=8)
    assert not answer.refused, answer.answer
    assert {c.year for c in answer.citations} == {2023}
    assert all("2024年工作计划" in c.section for c in answer.citations), [c.section for c in answer.citations]


def test_a_reports_spread_gives_the_mean_and_spread_of_a_questions_similarity() -> None:
    from qa.store.registry import Spread

    rng = np.random.default_rng(1)
    common = rng.normal(size=384)
    vectors = common + 0.4 * rng.normal(size=(40, 384))  # sentences share much of their direction, as e5's do
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    spread = Spread.of(vectors.astype(np.float16))
    for _ in range(5):
        q = common + rng.normal(size=384)
        q /= np.linalg.norm(q)
        sims = vectors.astype(np.float16).astype(np.float32) @ q
        mean, std = spread.similarity(q.astype(np.float32))
        assert mean == pytest.approx(float(sims.mean()), abs=1e-3)
        assert std == pytest.approx(float(sims.std()), rel=0.25)  # isotropic noise: the worst case for 16 axes
    assert Spread.of(vectors[:1]).similarity(vectors[0].astype(np.float32))[1] == 0.0  # one sentence: no spread


def test_the_store_keeps_a_spread_per_report(corpus_store) -> None:  # type: ignore[no-untyped-def]
    store = corpus_store[0]
    ids = [r.id for r in store.reports()]
    spreads = store.spread_table.spreads
    assert set(spreads) == set(ids) and all(s.sentences > 10 and s.basis.shape[1] == 384 for s in spreads.values())
    assert store.registry.reports_without_spreads() == []


@pytest.mark.parametrize(("question", "township", "refused", "figure"), [
    ("嘎美乡的调解员是谁给培训的？", "嘎美乡", True, None),  # trained, says the report; by whom, it does not
    ("塔布勒合特法治政府建设领导小组由谁担任组长？", "塔布勒合特蒙古民族乡", False, None),
])
def test_a_question_asking_who_is_answered_only_by_a_sentence_naming_one(corpus_store, embedder, question: str,
                                                                          township: str, refused: bool,
                                                                          figure: str | None) -> None:  # type: ignore[no-untyped-def]
    answer = extractive_answer(question, store=corpus_store[0], embedder=embedder, k=8)
    assert answer.refused is refused, answer.answer
    if not refused:
        assert answer.citations[0].township == township and "书记" in answer.citations[0].text


@pytest.mark.parametrize(("question", "figure"), [
    ("嘎美乡有多少名法律明白人？", None),  # its 「调解员5名」 sits beside 法律明白人 but counts something else
    ("色务乡立了几块政务公开栏？", None),  # 「公开政务信息20余次」 counts notices, not boards
    ("塔布勒合特培育了多少名法律明白人？", "12"),
    ("塔布勒合特乡政府一年往下发了多少个文件？", "24"),  # 文件 finds 发文 (the lexicon)
    ("色务乡给调解员上了几次课？", "8"),  # 课 finds 培训
])
def test_a_figure_answers_only_when_its_clause_names_what_is_counted(corpus_store, embedder, question: str,
                                                                    figure: str | None) -> None:  # type: ignore[no-untyped-def]
    answer = extractive_answer(question, store=corpus_store[0], embedder=embedder, k=8)
    if figure is None:
        assert answer.refused, answer.answer
    else:
        assert not answer.refused, answer.answer
        assert figure in answer.answer and figure in answer.citations[0].text


def test_each_report_keeps_its_most_probable_sentences_in_rank_order(corpus_store, embedder) -> None:  # type: ignore[no-untyped-def]
    """Across reports only each report's `top` sentences become Evidence: they are the first of its full ranking,
    and the full ranking is Evidence.rank_key's order (reading order among equals)."""
    from qa.answer.ask import prepare
    from qa.answer.evidence import Meaning
    from qa.answer.extractive import across_evidence

    store: Store = corpus_store[0]
    for question in ("哪些乡镇聘请了村法律顾问？", "各乡镇普遍存在哪些问题？", "哪些乡镇搞过宪法日的活动？"):
        p = prepare(question, store=store)
        meaning = Meaning(embedder.embed_query(p.standalone), store, embedder)
        every, _ = across_evidence(p.standalone, p.terms, store=store, embedder=embedder, scope=store.reports(),
                                   report_ids=None, meaning=meaning, top=None)
        best, _ = across_evidence(p.standalone, p.terms, store=store, embedder=embedder, scope=store.reports(),
                                  report_ids=None, meaning=meaning, top=2)
        assert every and every.keys() == best.keys(), question
        for rid, evidence in every.items():
            assert [ev.rank_key for ev in evidence] == sorted((ev.rank_key for ev in evidence), reverse=True)
            hit = SENTENCE_FEATURES.index("first_hit")  # 1 / (1 + the hit's rank)
            for a, b in zip(evidence, evidence[1:], strict=False):  # equals in reading order: hit, then place
                if a.rank_key == b.rank_key:
                    assert (a.features[hit], -a.start) > (b.features[hit], -b.start), (question, a.text, b.text)
            assert [(ev.start, ev.score) for ev in best[rid]] == [(ev.start, ev.score) for ev in evidence[:2]]
            assert all(0.0 <= ev.score <= 1.0 and len(ev.features) == len(SENTENCE_FEATURES) for ev in evidence)
