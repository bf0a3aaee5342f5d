"""The one entry point from a question to an Answer, shared by the CLI and the API."""

from __future__ import annotations

import logging
import re
import time

from qa.answer.evidence import question_terms
from qa.answer.extractive import answer_across, answer_single, is_across, refusal
from qa.errors import BadQuestionError
from qa.retrieval.embed import Embedder
from qa.retrieval.filters import parse_filters, township_aliases
from qa.store import Store
from qa.types import Answer

logger = logging.getLogger(__name__)

MAX_QUESTION_CHARS = 1000
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def ask(question: str, *, store: Store, embedder: Embedder, k: int) -> Answer:
    """Answer `question` from the store, extractively, citing the sentences it rests on."""
    started = time.perf_counter()
    question = _CONTROL.sub(" ", question).strip()
    if not question:
        raise BadQuestionError("the question is empty")
    if len(question) > MAX_QUESTION_CHARS:
        raise BadQuestionError(f"the question is {len(question)} characters long; the limit is {MAX_QUESTION_CHARS}")
    reports = store.reports()
    if not reports:
        return refusal(question, "任何报告（尚未导入报告）", [])
    filters = parse_filters(question, reports)
    if filters.unknown:
        return refusal(question, filters.unknown, [])
    drop = {a for t in filters.townships for a in township_aliases(t)} | {str(y) for y in filters.years}
    terms = question_terms(store.tokenizer.tokens(question), store.keyword, drop=drop, question=question)
    if not terms.weights:
        return refusal(question, None, [])
    if is_across(question, filters.townships):
        result = answer_across(question, terms, store=store, embedder=embedder, report_ids=filters.report_ids)
    else:
        result = answer_single(question, terms, store=store, embedder=embedder, k=k, report_ids=filters.report_ids)
    logger.info("ask: %d citations, refused=%s, %.0f ms", len(result.citations), result.refused,
                (time.perf_counter() - started) * 1000)
    return result
