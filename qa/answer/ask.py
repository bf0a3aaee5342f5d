"""The one entry point from a question to an Answer, shared by the CLI and the API."""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Sequence
from dataclasses import replace

from qa.answer.evidence import question_terms
from qa.answer.extractive import answer_across, answer_single, is_across, refusal
from qa.answer.followup import standalone
from qa.errors import BadQuestionError
from qa.retrieval.embed import Embedder
from qa.retrieval.filters import parse_filters, township_aliases
from qa.store import Store
from qa.types import Answer

logger = logging.getLogger(__name__)

MAX_QUESTION_CHARS = 1000
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def ask(question: str, *, store: Store, embedder: Embedder, k: int, history: Sequence[str] = ()) -> Answer:
    """Answer `question` from the store, extractively, citing the sentences it rests on.

    `history` holds the user's earlier questions, oldest first; a follow-up (「那色务乡呢？」) is
    read as the standalone question it stands for, returned in `interpreted_as`.
    """
    started = time.perf_counter()
    question = _clean(question)
    reports = store.reports()
    if not reports:
        return refusal(question, "任何报告（尚未导入报告）", [])
    followup = standalone(question, [_clean(h) for h in history if h.strip()], reports)
    result = _answer(followup.question if followup else question, store=store, embedder=embedder, k=k,
                     loose=bool(followup and followup.swapped_place))
    if followup:
        result = replace(result, question=question, interpreted_as=followup.question)
    logger.info("ask: %d citations, refused=%s, %.0f ms", len(result.citations), result.refused,
                (time.perf_counter() - started) * 1000)
    return result


def _clean(question: str) -> str:
    question = _CONTROL.sub(" ", question).strip()
    if not question:
        raise BadQuestionError("the question is empty")
    if len(question) > MAX_QUESTION_CHARS:
        raise BadQuestionError(f"the question is {len(question)} characters long; the limit is {MAX_QUESTION_CHARS}")
    return question


def _answer(question: str, *, store: Store, embedder: Embedder, k: int, loose: bool) -> Answer:
    reports = store.reports()
    filters = parse_filters(question, reports)
    if filters.unknown:
        return refusal(question, filters.unknown, [])
    drop = {a for t in filters.townships for a in township_aliases(t)} | {str(y) for y in filters.years}
    terms = question_terms(store.tokenizer.tokens(question), store.keyword, drop=drop, question=question)
    if not terms.weights:
        return refusal(question, None, [])
    if is_across(question, filters.townships):
        return answer_across(question, terms, store=store, embedder=embedder, report_ids=filters.report_ids)
    return answer_single(question, terms, store=store, embedder=embedder, k=k, report_ids=filters.report_ids,
                         loose=loose)
