"""What a store keeps in memory per generation (sentence vectors, spreads, facts) answers as the registry does, and
is read again when the registry changes."""

from __future__ import annotations

import numpy as np
import pytest

from qa.sentences import evidence_sentences
from qa.store import Store, registry


@pytest.mark.parametrize("few", [registry.FEW_REPORTS, 0])  # a few reports' facts checked one by one, or not
def test_the_fact_table_selects_the_facts_the_registry_does(corpus_store, monkeypatch, few) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(registry, "FEW_REPORTS", few)
    store: Store = corpus_store[0]
    ids = [r.id for r in store.reports()]
    for report_ids in (None, ids[:1], ids[1:3], []):
        for words in ((), ("调解",), ("法律顾问", "律师"), ("没有这个词",)):
            expected = store.registry.facts(report_ids, mentioning=words)
            assert store.facts(report_ids, mentioning=words) == expected
    assert any("调解" in f.sentence or "调解" in f.section for f in store.facts(mentioning=["调解"]))
    assert store.facts(mentioning=["没有这个词"]) == []


def test_the_sentence_table_finds_each_stored_sentence_by_its_span(corpus_store) -> None:  # type: ignore[no-untyped-def]
    store: Store = corpus_store[0]
    rid = store.reports()[0].id
    stored = store.registry.sentence_vectors([rid])[rid]
    table = store.sentence_table
    spans = sorted(stored.index)
    rows = table.find([(rid, s, e) for s, e in spans])
    assert (rows >= 0).all()
    assert np.array_equal(table.vectors[rows], stored.vectors[[stored.index[sp] for sp in spans]])
    s, e = spans[0]
    assert table.find([(rid, s, e + 1), ("no-such-report", s, e)]).tolist() == [-1, -1]
    chunk = next(iter(store.registry.chunks(store.registry.chunk_ids([rid])).values()))
    expected = table.find([(rid, chunk.start + a, chunk.start + b) for a, b, _ in evidence_sentences(chunk.text)])
    assert list(table.of_chunk(chunk)) == expected.tolist()
    assert table.of_chunks([chunk, chunk]).tolist() == expected.tolist() * 2
    q = stored.vectors[0].astype(np.float32)
    sims = table.similarity(q / np.linalg.norm(q), np.array([rows[0], -1]))
    assert sims[0] == pytest.approx(1.0, abs=1e-2) and sims[1] == 0.0


def test_the_spread_table_gives_each_reports_spread(corpus_store) -> None:  # type: ignore[no-untyped-def]
    store: Store = corpus_store[0]
    ids = [r.id for r in store.reports()]
    q = np.random.default_rng(0).normal(size=384).astype(np.float32)
    q /= np.linalg.norm(q)
    mean, std, sentences = store.spread_table.similarity(q, [*ids, "no-such-report"])
    for i, rid in enumerate(ids):
        one = store.spread_table.spreads[rid]
        assert (mean[i], std[i]) == pytest.approx(one.similarity(q), abs=1e-5)
        assert sentences[i] == one.sentences
    assert sentences[-1] == 0
    assert store.spread_table.similarity(q, ids[:1])[0][0] == pytest.approx(mean[0], abs=1e-6)  # gathered, not all


def test_new_sentence_vectors_are_read_again(make_store, corpus, embedder) -> None:  # type: ignore[no-untyped-def]
    from qa.ingest.pipeline import ingest

    store = make_store()
    ingest([corpus / "000_34e5d983f20fcaa4.txt"], store=store, embedder=embedder, max_chars=500)
    rid = store.reports()[0].id
    stored = store.registry.sentence_vectors([rid])[rid]
    spans = sorted(stored.index, key=stored.index.__getitem__)
    before, mean_before = store.sentence_table, store.spread_table.spreads[rid].basis[0].copy()
    flipped = -stored.vectors.astype(np.float32)
    store.put_sentences(rid, spans, flipped)
    after = store.sentence_table
    assert after is not before
    row = after.find([(rid, *spans[0])])[0]
    assert np.array_equal(after.vectors[row], flipped[0].astype(np.float16))
    assert store.spread_table.spreads[rid].basis[0] == pytest.approx(-mean_before, abs=1e-3)  # the spread too


def test_a_store_without_spreads_gives_no_spread_rather_than_failing() -> None:
    from qa.store.registry import SpreadTable

    mean, std, sentences = SpreadTable({}).similarity(np.ones(384, dtype=np.float32), ["r1", "r2"])
    assert mean.tolist() == std.tolist() == [0.0, 0.0] and sentences.tolist() == [0, 0]
