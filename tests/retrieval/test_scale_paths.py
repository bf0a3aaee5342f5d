"""The shortcuts that keep questions fast on thousands of reports give the same results as the slow, obvious way."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import numpy as np

from qa.answer.ask import extractive_answer
from qa.answer.evidence import Meaning
from qa.answer.numeric import fact_candidates, necessary_terms, score
from qa.answer.terms import question_terms
from qa.retrieval.hybrid import search, search_per_report
from qa.store.boilerplate import Boilerplate
from qa.store.keyword import KeywordIndex


def test_keyword_search_per_report_keeps_each_reports_best_chunks() -> None:
    ids = ["a1", "a2", "a3", "b1", "b2", "c1"]
    reports = ["A", "A", "A", "B", "B", "C"]
    tokens = [["顾问", "顾问", "法律"], ["顾问", "调解", "巡逻", "普法"], ["调解"], ["顾问", "法律"], ["巡逻"], ["调解"]]
    index = KeywordIndex.build(ids, reports, tokens)

    per_report = index.search_per_report(["顾问", "法律"], k=1)
    assert {r: [cid for cid, _ in hits] for r, hits in per_report.items()} == {"A": ["a1"], "B": ["b1"]}
    two = index.search_per_report(["顾问"], k=2)
    assert [cid for cid, _ in two["A"]] == ["a1", "a2"] and [cid for cid, _ in two["B"]] == ["b1"]
    assert set(index.search_per_report(["顾问"], k=2, report_ids=["B", "C"])) == {"B"}
    # scoped search sees only the scope; the same scores as unscoped
    assert [cid for cid, _ in index.search(["顾问"], k=5, report_ids=["B"])] == ["b1"]
    assert index.report_of("b2") == "B" and "b2" in index and "zz" not in index
    # other words for the question's: only chunks holding one, scored over both (in A, a2 holds 巡逻; a1 does not)
    scores = index.scores(["顾问"])
    assert scores is not None and index.top_per_report(scores, k=1) == index.search_per_report(["顾问"], k=1)
    other = index.more_per_report(scores, ["巡逻"], k=2, report_ids=["A", "B", "C"])
    assert {r: [cid for cid, _ in hits] for r, hits in other.items()} == {"A": ["a2"], "B": ["b2"]}
    assert set(index.more_per_report(scores, ["巡逻"], k=2, report_ids=["B"])) == {"B"}  # only the reports asked of
    first, more = index.search_with(["顾问"], ["巡逻"], k=5)
    assert first == index.search(["顾问"], k=5) and sorted(cid for cid, _ in more) == ["a2", "b2"]
    assert index.search_with(["顾问"], [], k=5)[1] == []


def test_exact_search_in_one_report_matches_brute_force(corpus_store, embedder) -> None:  # type: ignore[no-untyped-def]
    store, _ = corpus_store
    report = next(r for r in store.reports() if r.meta.township == "后台乡")
    ids = store.registry.chunk_ids([report.id])
    vector = embedder.embed_query("后台乡怎样开展普法宣传？")
    got = store.vectors.exact(vector, ids, k=5)
    everything = store.vectors.exact(vector, store.registry.chunk_ids(), k=200)
    expected = [(cid, sim) for cid, sim in everything if cid in set(ids)][:5]
    assert [cid for cid, _ in got] == [cid for cid, _ in expected]
    # the HNSW path, kept to the same report, finds the same nearest chunk
    assert store.vectors.query(vector, k=5, report_ids=[report.id])[0][0] == got[0][0]


def test_per_report_search_agrees_with_searching_each_report(corpus_store, embedder) -> None:  # type: ignore[no-untyped-def]
    store, _ = corpus_store
    question = "哪些乡镇聘请了村法律顾问？"
    per_report = search_per_report(question, store=store, embedder=embedder, k=4).hits
    assert len(per_report) == 5
    for report in store.reports():
        one = search(question, store=store, embedder=embedder, k=4, report_ids=(report.id,)).hits
        # the report's best chunk is the same whichever way it is searched
        assert per_report[report.id][0].ref.chunk.id == one[0].ref.chunk.id, report.meta.township


def test_the_lexicons_other_words_add_candidates_and_push_none_out(corpus_store, embedder) -> None:  # type: ignore[no-untyped-def]
    from qa.answer.ask import prepare
    from qa.answer.evidence import ChunkTexts
    from qa.answer.extractive import CANDIDATE
    from qa.answer.terms import other_forms

    # 「有人告政府」: 嘎美乡 words it 「无行政诉讼和行政复议案件发生」, which neither its words nor its meaning find
    store, _ = corpus_store
    report = next(r for r in store.reports() if r.meta.township == "嘎美乡")
    question = "哪些乡镇有人告政府？"
    terms = prepare(question, store=store).terms
    also = other_forms(terms)
    assert "行政诉讼" in also

    def enough(chunks: list) -> np.ndarray:  # type: ignore[type-arg]
        return ChunkTexts(chunks).coverages(terms) * (1 - terms.unknown) >= CANDIDATE

    plain = search(question, store=store, embedder=embedder, k=3, report_ids=(report.id,)).hits
    more = search(question, store=store, embedder=embedder, k=3, report_ids=(report.id,), also=also).hits
    assert len(plain) == 3 and not any("行政诉讼" in h.ref.chunk.text for h in plain)
    assert [h.ref.chunk.id for h in more[:3]] == [h.ref.chunk.id for h in plain]  # nothing pushed out
    assert "无行政诉讼" in more[3].ref.chunk.text
    # across reports: a report none of whose candidates holds enough of the question has those chunks checked too
    assert report.id not in search_per_report(question, store=store, embedder=embedder, k=3, where=enough).hits
    found = search_per_report(question, store=store, embedder=embedder, k=3, where=enough, also=also).hits
    assert any("无行政诉讼" in h.ref.chunk.text for h in found[report.id])


def test_facts_prefilter_loses_no_fact_that_could_support(corpus_store, embedder) -> None:  # type: ignore[no-untyped-def]
    store, _ = corpus_store
    for question in ("唐驿镇有多少人领取了行政执法证？", "哪个乡镇受理的调解案件最多？", "开展了多少次治安巡逻？",
                     "配置了几名专职调解员？"):
        terms = question_terms(store.tokenizer.tokens(question), store.keyword, drop=set(), question=question)
        necessary = necessary_terms(terms, 0.5)
        assert necessary, question
        every = [f for f in store.registry.facts() if score(f, terms).coverage >= 0.5]
        assert every, question
        kept = store.registry.facts(mentioning=[f for t in necessary for f in terms.forms_of(t)])  # as fact_candidates
        assert all(f in kept for f in every), question
        assert len(kept) < len(store.registry.facts())  # and it does filter
        # each report's best-covering fact is among the candidates the support model judges
        meaning = Meaning(embedder.embed_query(question), store, embedder)
        candidates = {c.fact for c in fact_candidates(store, terms, None, meaning)}
        for rid in {f.report_id for f in every}:
            mine = [f for f in every if f.report_id == rid]
            best = max(mine, key=lambda f: (score(f, terms).coverage, score(f, terms).clause_coverage))
            assert best in candidates, (question, best.clause)


def test_template_shares_in_one_batch_equal_one_by_one() -> None:
    texts = [f"{n}乡深入学习贯彻习近平法治思想，扎实推进法治政府建设。{n}乡今年调解纠纷{i}起。"
             for i, n in enumerate("甲乙丙丁戊")]
    b = Boilerplate(texts)
    sentences = ["深入学习贯彻习近平法治思想，扎实推进法治政府建设。", "甲乡今年调解纠纷0起。", "", "短句"]
    batch = b.shares(sentences)
    assert np.allclose(batch, [b.share(s) for s in sentences])
    assert batch[0] == 1.0 and batch[1] < 0.5 and batch[2] == 0.0
    assert b.templates(sentences).tolist() == [True, False, False, False]


def test_questions_from_eight_threads_get_the_answers_one_thread_gets(corpus_store, embedder) -> None:  # type: ignore[no-untyped-def]
    store, _ = corpus_store
    questions = ["唐驿镇有多少人领取了行政执法证？", "哪些乡镇聘请了村法律顾问？", "后台乡配置了几名专职调解员？",
                 "各乡镇普遍存在哪些问题？", "哪个乡镇受理的调解案件最多？", "嘎美乡开展了多少场国家安全教育宣传？"]

    def answer(q: str) -> tuple[str, tuple[tuple[str, int, int], ...]]:
        a = extractive_answer(q, store=store, embedder=embedder, k=8)
        return a.answer, tuple((c.report_id, c.start, c.end) for c in a.citations)

    expected = [answer(q) for q in questions]
    with ThreadPoolExecutor(8) as pool:
        got = list(pool.map(answer, questions * 8))
    assert got == expected * 8
