"""Hybrid search: BM25 over jieba tokens and dense vectors, fused by reciprocal rank.

`search` finds the best chunks for a question (in some reports); `search_per_report` finds each
report's best chunks for questions across reports, with one keyword pass and one dense query over
the whole store instead of a search per report.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from qa.errors import StoreError
from qa.retrieval.embed import Embedder
from qa.store import Store
from qa.store.keyword import Ranked
from qa.types import Chunk, ChunkRef, Hit

logger = logging.getLogger(__name__)

RRF_K = 60  # the constant of Cormack et al.; ranks past ~60 barely count
# The dense ranking counts half as much as BM25's in the fusion: with the bundled 4-bit e5-small, dense
# retrieval alone finds the gold evidence first for 41% of eval questions against BM25's 54%. Measured on
# eval/gold: weight 1.0 → recall@1 0.497, MRR 0.765; 0.5 → 0.584, 0.823 (0.3 is no better at recall@10).
VECTOR_WEIGHT = 0.5
EXACT_LIMIT = 2000  # a scope of up to this many chunks is compared exactly (vectors fetched by id)
# chunks (of each report, across reports) a keyword search with the lexicon's other words for the question's adds to
# the candidates: its best ones holding such a word that the question's own words and its meaning did not rank
ADDED = 1
DENSE_POOL = 1000  # nearest chunks over the whole store that per-report search shares out among reports

Fused = list[tuple[str, float, int | None, int | None]]  # (chunk id, fused score, keyword rank, vector rank), best first


@dataclass(frozen=True)
class Found:
    """What a search found; `vectors_down` says why this search went without its dense half, if it did."""

    hits: list[Hit]
    vectors_down: str | None = None


@dataclass(frozen=True)
class FoundPerReport:
    """Each report's best hits (reports with none left out), and why the dense half was missing, if it was."""

    hits: dict[str, list[Hit]]
    vectors_down: str | None = None


def search(question: str, *, store: Store, embedder: Embedder, k: int,
           report_ids: Sequence[str] | None = None, candidates: int | None = None,
           query_vector: np.ndarray | None = None, also: Sequence[str] = ()) -> Found:
    """The k best chunks for `question`, optionally only from `report_ids`; `also`, other words the keyword half
    searches for (the lexicon's forms of the question's words: 行政诉讼 for 告政府)."""
    n = candidates or max(20, 3 * k)
    tokens = store.tokenizer.tokens(question)
    keyword, other = store.keyword.search_with(tokens, _other_words(tokens, store, also), k=n, report_ids=report_ids)
    if query_vector is None:
        query_vector = embedder.embed_query(question)
    vector, down = dense(store, query_vector, k=n, report_ids=report_ids)
    top = rrf(keyword, vector)[:k]
    top += _added(other, top)
    return Found(_hits(top, store.refs([cid for cid, *_ in top])), down)


def dense(store: Store, vector: np.ndarray, *, k: int, report_ids: Sequence[str] | None = None
          ) -> tuple[Ranked, str | None]:
    """The k nearest chunks: exactly within a small scope (one township's report), else from the HNSW index.

    With Chroma unreachable, none, and the reason: the question is answered from keywords alone.
    """
    try:
        if report_ids is not None:
            reports = store.report_rows()
            rows = [reports.get(r) for r in report_ids]
            if sum(r.chunk_count for r in rows if r) <= EXACT_LIMIT:
                return store.vectors.exact(vector, store.registry.chunk_ids(list(report_ids)), k=k), None
        return store.vectors.query(vector, k=k, report_ids=report_ids), None
    except StoreError as e:
        logger.warning("dense search skipped: %s", e)
        return [], str(e)


def search_per_report(question: str, *, store: Store, embedder: Embedder, k: int,
                      report_ids: Sequence[str] | None = None, query_vector: np.ndarray | None = None,
                      where: Callable[[list[Chunk]], np.ndarray] | None = None,
                      also: Sequence[str] = ()) -> FoundPerReport:
    """Each report's k best chunks for `question` (reports with no candidate are left out).

    BM25 scores every chunk once and keeps each report's 2k best; the DENSE_POOL nearest chunks of
    the whole store are shared out to their reports; each report's two lists are fused as in `search`.
    `where`, a vectorised test over all the candidate chunks at once, keeps only those it passes. `also`, other
    words for the question's (qa.answer.terms.other_forms): a report with no candidate left gets its best chunks
    holding one checked too.
    """
    index = store.keyword
    tokens = store.tokenizer.tokens(question)
    scores = index.scores(tokens, report_ids)
    keyword = {} if scores is None else index.top_per_report(scores, k=2 * k)
    if query_vector is None:
        query_vector = embedder.embed_query(question)
    scope = set(report_ids) if report_ids is not None else None
    vector: dict[str, Ranked] = {}
    nearest, down = dense(store, query_vector, k=min(DENSE_POOL, max(1, len(index.ids))))
    for cid, sim in nearest:
        if cid in index:
            rid = index.report_of(cid)
            if scope is None or rid in scope:
                vector.setdefault(rid, []).append((cid, sim))
    ranked = {rid: rrf(keyword.get(rid, []), vector.get(rid, []))[:k] for rid in keyword.keys() | vector.keys()}
    out = _kept(ranked, store, where)
    # a report none of whose candidates passes: its best chunks holding the lexicon's other words for the question's
    # are checked too (only there: across thousands of reports, a chunk more for each would cost a third more)
    if (more := _other_words(tokens, store, also)) and (lacking := [
            rid for rid in (index.report_ids() if report_ids is None else report_ids) if not out.get(rid)]):
        other = index.more_per_report(scores, more, k=k + ADDED, report_ids=lacking)
        out.update(_kept({rid: added for rid, found in other.items() if (added := _added(found, ranked.get(rid, [])))},
                         store, where))
    return FoundPerReport({rid: hits for rid, hits in out.items() if hits}, down)


def _kept(ranked: dict[str, Fused], store: Store, where: Callable[[list[Chunk]], np.ndarray] | None) -> dict[str, list[Hit]]:
    """Each report's ranked chunks as hits, those `where` does not pass left out."""
    refs = store.refs([cid for top in ranked.values() for cid, *_ in top])
    if where is not None and refs:
        candidates = list(refs.values())
        refs = {r.chunk.id: r for r, ok in zip(candidates, where([r.chunk for r in candidates]).tolist(), strict=True)
                if ok}
    return {rid: _hits(top, refs) for rid, top in ranked.items()}


def _other_words(tokens: list[str], store: Store, also: Sequence[str]) -> list[str]:
    """The tokens of `also` the question's `tokens` lack, each once."""
    return list(dict.fromkeys(t for word in also for t in store.tokenizer.tokens(word) if t not in tokens))


def _added(other: Ranked, top: Fused) -> Fused:
    """The best ADDED chunks holding the question's other words (`other`, best first) that `top` lacks, after it:
    they add candidates, never push one out (the lexicon's forms of common words, 普法 → 法治宣传, would crowd out
    the chunk worded as asked)."""
    have = {cid for cid, *_ in top}
    added: Fused = [(cid, 0.0, None, None) for cid, _ in other if cid not in have]
    return added[:ADDED]


def fuse(store: Store, keyword: Ranked, vector: Ranked, *, k: int) -> list[Hit]:
    """Reciprocal-rank fusion of two ranked id lists into Hits with their chunks and report metadata."""
    top = rrf(keyword, vector)[:k]
    return _hits(top, store.refs([cid for cid, *_ in top]))


def rrf(keyword: Ranked, vector: Ranked) -> Fused:
    """(chunk id, fused score, keyword rank, vector rank), best first."""
    if not vector:  # most reports of a large store have no chunk among the nearest: keyword order as is
        return [(cid, 1.0 / (RRF_K + r), r, None) for r, (cid, _) in enumerate(keyword, 1)]
    kw_rank = {cid: r for r, (cid, _) in enumerate(keyword, 1)}
    vec_rank = {cid: r for r, (cid, _) in enumerate(vector, 1)}
    scores: dict[str, float] = {}
    for ranks, weight in ((kw_rank, 1.0), (vec_rank, VECTOR_WEIGHT)):
        for cid, r in ranks.items():
            scores[cid] = scores.get(cid, 0.0) + weight / (RRF_K + r)
    return [(cid, scores[cid], kw_rank.get(cid), vec_rank.get(cid)) for cid in sorted(scores, key=lambda c: -scores[c])]


def _hits(ranked: Fused, refs: dict[str, ChunkRef]) -> list[Hit]:
    """Hits of the ranked chunks (one whose report is gone, its vector not yet removed, is left out)."""
    return [Hit(ref=ref, score=score, keyword_rank=kw, vector_rank=vec)
            for cid, score, kw, vec in ranked if (ref := refs.get(cid)) is not None]
