"""The one entry point from a question to an Answer, shared by the CLI and the API."""

from __future__ import annotations

import functools
import logging
import re
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace

from qa.answer.evidence import question_terms
from qa.answer.extractive import answer_across, answer_single, is_across, refusal
from qa.answer.followup import standalone
from qa.answer.llm import Delta, Writer, stream_answer
from qa.errors import BadQuestionError
from qa.retrieval.embed import Embedder
from qa.retrieval.filters import parse_filters, township_aliases
from qa.store import Store
from qa.types import Answer

logger = logging.getLogger(__name__)

MAX_QUESTION_CHARS = 1000
VECTORS_DOWN = "向量检索暂不可用，本次只按关键词检索"
# Questions of one kind are answered one at a time. They are CPU-bound Python (one GIL) around an
# embedder whose OpenMP threads use both cores, so running them at once only makes them fight:
# measured on 2 cores, 8 clients got 33 questions/s concurrently against 53 one at a time. Questions
# across every report (0.6 s at 5,000 reports) have their own lane, so they never queue ahead of the
# 20 ms questions about one township.
_LANES = {"single": threading.Lock(), "across": threading.Lock()}
# Terminal colour codes, control characters, and invisible format characters (zero-width spaces, direction
# overrides) that pasting from a web page or a terminal brings along: none of them is part of a question.
_CONTROL = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")


def ask(question: str, *, store: Store, embedder: Embedder, k: int, history: Sequence[str] = (),
        writer: Writer | None = None) -> Answer:
    """Answer `question` from the store, citing the sentences it rests on.

    `history` holds the user's earlier questions, oldest first; a follow-up (「那色务乡呢？」) is
    read as the standalone question it stands for, returned in `interpreted_as`. With a `writer`
    an LLM writes the text from the extractive evidence (see qa.answer.llm).

    >>> ask("哪些乡镇聘请了村法律顾问？", store=store, embedder=embedder, k=8).citations[0].township
    '塔布勒合特蒙古民族乡'
    """
    *_, answer = stream_ask(question, store=store, embedder=embedder, k=k, history=history, writer=writer)
    assert isinstance(answer, Answer)
    return answer


def stream_ask(question: str, *, store: Store, embedder: Embedder, k: int, history: Sequence[str] = (),
               writer: Writer | None = None) -> Iterator[Delta | Answer]:
    """`ask`, streamed: pieces of answer text as they are written, then the final (checked) Answer."""
    extractive = extractive_answer(question, store=store, embedder=embedder, k=k, history=history)
    if writer is None:
        yield Delta(extractive.answer)
        yield extractive
        return
    yield from writer_events(extractive, writer)


def writer_events(extractive: Answer, writer: Writer) -> Iterator[Delta | Answer]:
    """The LLM's part of `stream_ask`, separate so a server can run it outside its embedder lock."""
    started = time.perf_counter()
    for event in stream_answer(extractive.interpreted_as or extractive.question, extractive, writer):
        if isinstance(event, Answer):
            logger.info("llm answer: mode=%s, %d warnings, %.0f ms", event.mode, len(event.warnings),
                        (time.perf_counter() - started) * 1000)
        yield event


def extractive_answer(question: str, *, store: Store, embedder: Embedder, k: int,
                      history: Sequence[str] = ()) -> Answer:
    """The answer without an LLM: the sentences or figures that answer the question, cited."""
    started = time.perf_counter()
    question = _clean(question)
    reports = store.reports()
    if not reports:
        return refusal(question, "任何报告（尚未导入报告）", [])
    history = [_clean(h) for h in history if h.strip()]
    with _LANES["single"]:
        followup = standalone(question, history, reports)
        result = _answer(followup.question if followup else question, store=store, embedder=embedder, k=k,
                         loose=bool(followup and followup.swapped_place))
    if callable(result):  # a question across reports: answered in its own lane
        with _LANES["across"]:
            result = result()
    if followup:
        result = replace(result, question=question, interpreted_as=followup.question)
    if store.vectors.error:  # Chroma unreachable: answered all the same, from the keyword index
        result = replace(result, warnings=(*result.warnings, f"{VECTORS_DOWN}（{store.vectors.error}）"))
    logger.info("extractive: %d citations, refused=%s, %.0f ms", len(result.citations), result.refused,
                (time.perf_counter() - started) * 1000)
    return result


def _clean(question: str) -> str:
    question = _CONTROL.sub("", question).strip()
    if not question:
        raise BadQuestionError("the question is empty")
    if len(question) > MAX_QUESTION_CHARS:
        raise BadQuestionError(f"the question is {len(question)} characters long; the limit is {MAX_QUESTION_CHARS}")
    return question


def _answer(question: str, *, store: Store, embedder: Embedder, k: int, loose: bool
            ) -> Answer | Callable[[], Answer]:
    """The answer, or for a question across reports the call that will answer it (in the other lane)."""
    reports = store.reports()
    filters = parse_filters(question, reports)
    if filters.unknown:
        return refusal(question, filters.unknown, [])
    drop = {a for t in filters.townships for a in township_aliases(t)} | {str(y) for y in filters.years}
    terms = question_terms(store.tokenizer.tokens(question), store.keyword, drop=drop, question=question)
    across = is_across(question, filters.townships)
    if not terms.weights and not (across and filters.report_ids is not None):
        return refusal(question, None, [])
    if across:
        return functools.partial(answer_across, question, terms, store=store, embedder=embedder,
                                 report_ids=filters.report_ids)
    return answer_single(question, terms, store=store, embedder=embedder, k=k, report_ids=filters.report_ids,
                         loose=loose)
