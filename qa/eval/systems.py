"""The systems the harness scores: qa itself and three simpler pipelines over the same reports.

Each turns a conversation into a `Response`: the answer text, the passages it cites, and the
ranked passages retrieval found (for the retrieval metrics).
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from qa.answer.ask import ask
from qa.answer.llm import Writer, label
from qa.eval.gold import Span
from qa.retrieval.embed import Embedder
from qa.retrieval.filters import parse_filters
from qa.retrieval.hybrid import fuse, search
from qa.store import Store
from qa.types import Hit

RANKED = 10  # passages kept for the retrieval metrics (recall@10, nDCG@10)
ANSWER_PASSAGES = 3  # a baseline's answer is its top passages, as a plain RAG demo shows them


@dataclass(frozen=True)
class Passage:
    """A piece of one report's cleaned text that a system retrieved or cited."""

    span: Span
    township: str | None
    text: str
    label: str = ""  # what else the answer was shown with the passage (township, year, section)


@dataclass(frozen=True)
class Response:
    """What a system said to one gold question."""

    answer: str
    refused: bool
    cited: tuple[Passage, ...]
    ranked: tuple[Passage, ...]
    townships: tuple[str, ...]  # the townships the answer names, in the order it names them
    latency_ms: float
    interpreted_as: str | None = None  # how a follow-up was read, when the system reads follow-ups


class System(Protocol):
    """Answers a conversation; the question is its last turn."""

    name: str

    def respond(self, turns: Sequence[str]) -> Response: ...


class QaSystem:
    """qa as users get it: `ask`, plus its hybrid search ranking for the retrieval metrics."""

    name = "qa"

    def __init__(self, store: Store, embedder: Embedder, *, k: int, writer: Writer | None = None) -> None:
        self.store, self.embedder, self.k, self.writer = store, embedder, k, writer

    def respond(self, turns: Sequence[str]) -> Response:
        started = time.perf_counter()
        answer = ask(turns[-1], store=self.store, embedder=self.embedder, k=self.k, history=turns[:-1],
                     writer=self.writer)
        latency = (time.perf_counter() - started) * 1000
        question = answer.interpreted_as or turns[-1]
        filters = parse_filters(question, self.store.reports())
        hits = [] if filters.unknown else search(question, store=self.store, embedder=self.embedder, k=RANKED,
                                                 report_ids=filters.report_ids).hits
        cited = tuple(Passage(Span(c.report_id, c.start, c.end), c.township, c.text, label(c))
                      for c in answer.citations)
        return Response(answer=answer.answer, refused=answer.refused, cited=cited, ranked=_passages(hits),
                        townships=_distinct(p.township for p in cited), latency_ms=latency,
                        interpreted_as=answer.interpreted_as)


class KeywordOnly:
    """Baseline: BM25 over the same jieba tokens; the top passages are the answer."""

    name = "bm25"

    def __init__(self, store: Store) -> None:
        self.store = store

    def respond(self, turns: Sequence[str]) -> Response:
        started = time.perf_counter()
        ids = self.store.keyword.search(self.store.tokenizer.tokens(turns[-1]), k=RANKED)
        hits = fuse(self.store, ids, [], k=RANKED)
        return top_passages_answer(_passages(hits), started)


class DenseOnly:
    """Baseline: nearest chunks in Chroma by the same embedder; the top passages are the answer."""

    name = "dense"

    def __init__(self, store: Store, embedder: Embedder) -> None:
        self.store, self.embedder = store, embedder

    def respond(self, turns: Sequence[str]) -> Response:
        started = time.perf_counter()
        ids = self.store.vectors.query(self.embedder.embed_query(turns[-1]), k=RANKED)
        hits = fuse(self.store, [], ids, k=RANKED)
        return top_passages_answer(_passages(hits), started)


def _passages(hits: list[Hit]) -> tuple[Passage, ...]:
    return tuple(Passage(Span(h.ref.chunk.report_id, h.ref.chunk.start, h.ref.chunk.end), h.ref.township,
                         h.ref.chunk.text) for h in hits)


def top_passages_answer(ranked: tuple[Passage, ...], started: float) -> Response:
    """A baseline's answer: its top passages verbatim, cited; no passages means no answer."""
    top = ranked[:ANSWER_PASSAGES]
    return Response(answer="\n".join(p.text for p in top), refused=not top, cited=top, ranked=ranked,
                    townships=_distinct(p.township for p in top),
                    latency_ms=(time.perf_counter() - started) * 1000)


def _distinct(townships: Iterable[str | None]) -> tuple[str, ...]:
    out: list[str] = []
    for t in townships:
        if t and t not in out:
            out.append(t)
    return tuple(out)
