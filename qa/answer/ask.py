"""The one entry point from a question to an Answer, shared by the CLI and the API."""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from qa.answer.characters import in_own_characters
from qa.answer.evidence import Meaning
from qa.answer.extractive import (
    VECTORS_DOWN,
    answer_across,
    answer_single,
    is_across,
    refusal,
    single_evidence,
    vectors_down,
)
from qa.answer.followup import standalone
from qa.answer.forms import read_form
from qa.answer.llm import Delta, Writer, stream_answer
from qa.answer.numeric import is_comparison
from qa.answer.smalltalk import small_talk
from qa.answer.structure import rejoined
from qa.answer.terms import Terms, question_terms
from qa.chars import fold
from qa.county.required import asks_missing, check_rows, missing_answer
from qa.errors import BadQuestionError
from qa.retrieval.embed import Embedder
from qa.retrieval.filters import Filters, each_township, parse_filters, township_aliases, township_mentions
from qa.store import Store
from qa.types import Answer, Citation, ReportCheck

logger = logging.getLogger(__name__)

__all__ = ["EVERY_REPORT", "VECTORS_DOWN", "Prepared", "Scope", "answer_prepared", "ask", "extractive_answer", "prepare", "stream_ask"]

MAX_QUESTION_CHARS = 1000
# Terminal colour codes, control characters, and invisible format characters (zero-width spaces, direction
# overrides) that pasting from a web page or a terminal brings along: none of them is part of a question.
_CONTROL = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff"
                      r"\u2028\u2029\ud800-\udfff]")  # and lone surrogates (JSON can carry them; no text holds one)


@dataclass(frozen=True)
class Scope:
    """The reports a question is asked of, chosen beside the question (the page's filters): None is all."""

    township: str | None = None
    year: int | None = None


@dataclass(frozen=True)
class Prepared:
    """A question read and ready to answer (no search yet), so a server can pick a lane by `kind` first.

    `kind` is "across" for a question checked report by report (0.6 s at 5,000 reports), "single" for one
    answered from the best hits (20 ms), and "settled" when `settled` already is the answer (a refusal).
    """

    question: str  # as asked, cleaned
    standalone: str  # what is answered: the follow-up rewritten to stand alone, else the question
    interpreted_as: str | None
    kind: Literal["single", "across", "settled"]
    terms: Terms
    filters: Filters
    loose: bool = False
    settled: Answer | None = None
    parts: tuple[Prepared, ...] = ()  # a question of several parts (「开展了多少场？覆盖多少人次？」): each answered


EVERY_REPORT = Scope()
# The question forms (qa.answer.forms) asked of each township a question lists: what each did, has, says
EACH_TOWNSHIP = frozenset({"list", "yesno", "fact"})


def ask(question: str, *, store: Store, embedder: Embedder, k: int, history: Sequence[str] = (),
        writer: Writer | None = None, scope: Scope = EVERY_REPORT) -> Answer:
    """Answer `question` from the store, citing the sentences it rests on.

    `history` holds the user's earlier questions, oldest first; a follow-up (「那色务乡呢？」) is
    read as the standalone question it stands for, returned in `interpreted_as`. With a `writer`
    an LLM writes the text from the extractive evidence (see qa.answer.llm).

    >>> ask("哪些乡镇聘请了村法律顾问？", store=store, embedder=embedder, k=8).citations[0].township
    '塔布勒合特蒙古民族乡'
    """
    *_, answer = stream_ask(question, store=store, embedder=embedder, k=k, history=history, writer=writer,
                            scope=scope)
    assert isinstance(answer, Answer)
    return answer


def stream_ask(question: str, *, store: Store, embedder: Embedder, k: int, history: Sequence[str] = (),
               writer: Writer | None = None, scope: Scope = EVERY_REPORT) -> Iterator[Delta | Answer]:
    """`ask`, streamed: pieces of answer text as they are written, then the final (checked) Answer."""
    extractive = extractive_answer(question, store=store, embedder=embedder, k=k, history=history, scope=scope)
    if writer is None:
        yield Delta(extractive.answer)
        yield extractive
        return
    yield from writer_events(extractive, writer)


def writer_events(extractive: Answer, writer: Writer) -> Iterator[Delta | Answer]:
    """The LLM's part of `stream_ask`, separate so a server can run it outside its question lanes."""
    started = time.perf_counter()
    for event in stream_answer(extractive.interpreted_as or extractive.question, extractive, writer):
        if isinstance(event, Answer):
            logger.info("llm answer: mode=%s, %d warnings, %.0f ms", event.mode, len(event.warnings),
                        (time.perf_counter() - started) * 1000)
        yield event


def extractive_answer(question: str, *, store: Store, embedder: Embedder, k: int, history: Sequence[str] = (),
                      scope: Scope = EVERY_REPORT) -> Answer:
    """The answer without an LLM: the sentences or figures that answer the question, cited."""
    return answer_prepared(prepare(question, store=store, history=history, scope=scope),
                           store=store, embedder=embedder, k=k)


def prepare(question: str, *, store: Store, history: Sequence[str] = (), scope: Scope = EVERY_REPORT) -> Prepared:
    """Read the question: clean it, resolve a follow-up, find its filters and weighted terms."""
    question = _clean(question)
    history = [_clean(h) for h in history if h.strip()]
    reports = store.reports()
    followup = standalone(question, history, reports) if reports else None
    asked = followup.question if followup else question
    asked = rejoined(asked, store.tokenizer.tokens(asked), store.keyword)  # 普过法 is 普法, as reports say it
    interpreted = followup.question if followup else None
    filters = parse_filters(asked, reports, township=scope.township, year=scope.year)

    def settled(answer: Answer) -> Prepared:
        return Prepared(question, asked, interpreted, "settled", Terms({}, False), filters,
                        settled=replace(answer, question=question, interpreted_as=interpreted))

    if (chat := small_talk(question, reports)) is not None:
        return settled(chat)
    if not reports:
        return settled(refusal(asked, "任何报告（尚未导入报告）", []))
    if filters.unknown:
        return settled(refusal(asked, filters.unknown, []))
    if (part := asks_missing(asked)) is not None:  # which reports leave out a required part: the check answers
        texts = store.registry.report_texts(list(filters.report_ids) if filters.report_ids is not None else None)
        return settled(missing_answer(asked, part, check_rows(reports, texts)))
    parts = read_form(asked).parts
    if len(parts) > 1:  # each part stands alone (qa.answer.forms carries the township and topic over)
        named = township_mentions(asked, reports)
        said = asked[named[0].start:named[0].end] if named else ""
        each = tuple(prepare(part if not said or township_mentions(part, reports) else said + part,
                             store=store, scope=scope) for part in parts)
        return of_parts(question, asked, interpreted, filters, each)
    form = read_form(asked).kind
    if len(filters.townships) > 1 and (form == "open" or form in EACH_TOWNSHIP and not is_across(asked, filters.townships)) \
            and not is_comparison(asked) and (one_each := each_township(asked, reports, filters.townships)):
        # 「后台和色务在宣传上都用了哪些手段？」: each township answered on its own, or the one whose report is worded
        # most like the question takes every citation. Which of them (「…这三个里，哪几个…」, 「…还是…，谁家…」) is
        # a set question, unless it asks how (哪些手段); a figure question already gives each report's figure.
        return of_parts(question, asked, interpreted, filters,
                        tuple(prepare(q, store=store, scope=scope) for q in one_each))
    drop = {a for t in filters.townships for a in township_aliases(t)} | {str(y) for y in filters.years}
    terms = question_terms(store.tokenizer.tokens(asked), store.keyword, drop=drop, question=asked,
                           keep=frozenset(str(y) for y in filters.year_terms))  # 「2024年工作计划」 in a 2023 report
    if followup and terms.measure and read_form(question).measure is None:
        terms = replace(terms, measure_said=False)  # what it counts, and in which units, is the earlier question's
    across = is_across(asked, filters.townships)
    if not terms.weights and not (across and filters.report_ids is not None):  # no word to find (none asked, or
        return Prepared(question, asked, interpreted, "single", terms, filters)  # none a report uses): refused
    return Prepared(question, asked, interpreted, "across" if across else "single", terms, filters,
                    loose=bool(followup and followup.swapped_place))


def of_parts(question: str, asked: str, interpreted: str | None, filters: Filters, parts: tuple[Prepared, ...]
             ) -> Prepared:
    """A question answered part by part; in the across lane when any part is."""
    kind: Literal["single", "across"] = "across" if any(p.kind == "across" for p in parts) else "single"
    return Prepared(question, asked, interpreted, kind, Terms({}, False), filters, parts=parts)


def answer_prepared(prepared: Prepared, *, store: Store, embedder: Embedder, k: int) -> Answer:
    """The extractive answer to a prepared question."""
    started = time.perf_counter()
    p = prepared
    if p.settled is not None:
        logger.info("extractive: settled before searching (refused=%s)", p.settled.refused)
        return in_own_characters(p.settled, store.originals())
    if not p.terms.weights and p.kind == "single" and not p.parts:
        # 「色务乡一年征收了多少税款？」: every word is one no report uses; refused, showing the closest passages
        meaning = Meaning(embedder.embed_query(p.standalone), store, embedder)
        related, down = single_evidence(p.standalone, p.terms, store=store, embedder=embedder, k=k,
                                        report_ids=p.filters.report_ids, meaning=meaning)
        result = vectors_down(refusal(p.standalone, "这个数字" if p.terms.numeric else None, related), down)
        return in_own_characters(replace(result, question=p.question, interpreted_as=p.interpreted_as),
                                 store.originals())
    if p.parts:  # each part its own figure: two questions asked are not answered by one number
        answers: list[Answer] = []
        for part in p.parts:
            taken = frozenset((c.report_id, c.figure_start) for a in answers for c in a.citations
                              if c.figure_start is not None)
            answers.append(answer_prepared(replace(part, terms=replace(part.terms, taken=taken)), store=store,
                                           embedder=embedder, k=k))
        return replace(merge_parts(answers), question=p.question, interpreted_as=p.interpreted_as)
    if p.kind == "across":
        result = answer_across(p.standalone, p.terms, store=store, embedder=embedder, report_ids=p.filters.report_ids)
    else:
        result = answer_single(p.standalone, p.terms, store=store, embedder=embedder, k=k,
                               report_ids=p.filters.report_ids, loose=p.loose)
    result = replace(result, question=p.question, interpreted_as=p.interpreted_as)
    logger.info("extractive: %d citations, refused=%s, %.0f ms", len(result.citations), result.refused,
                (time.perf_counter() - started) * 1000)
    return in_own_characters(result, store.originals())


_MARKER = re.compile(r"\[(\d+)\]")


def merge_parts(answers: Sequence[Answer]) -> Answer:
    """One answer to a question of several parts: each part's answer under its question, citations numbered on.
    Refused only when every part is; a part that is not answered says so where it stands."""
    lines: list[str] = []
    citations: list[Citation] = []
    related: list[Citation] = []
    reports: dict[str, ReportCheck] = {}
    for a in answers:
        shift = len(citations)
        lines.append(f"【{a.question}】\n{_renumber(a.answer, shift)}")
        citations += [replace(c, n=c.n + shift) for c in a.citations]
        related += a.related if a.refused else ()
        for r in a.reports:  # a report supports the question when it supports any part
            prior = reports.get(r.report_id)
            moved = tuple(replace(c, n=c.n + shift) for c in r.citations)
            reports[r.report_id] = r if prior is None else replace(
                prior, supported=prior.supported or r.supported, citations=prior.citations + moved)
            if prior is None:
                reports[r.report_id] = replace(r, citations=moved)
    refused = all(a.refused for a in answers)
    return Answer(question="", answer="\n".join(lines), mode="extractive", refused=refused,
                  citations=tuple(citations),
                  related=tuple(replace(c, n=i) for i, c in enumerate(related[:3], 1)) if refused else (),
                  reports=tuple(reports.values()),
                  warnings=tuple(dict.fromkeys(w for a in answers for w in a.warnings)))


def _renumber(text: str, shift: int) -> str:
    """`text` with each citation marker [n] moved on to [n + shift]."""
    return _MARKER.sub(lambda m: f"[{int(m.group(1)) + shift}]", text)


def _clean(question: str) -> str:
    question = fold(_CONTROL.sub("", question)).strip()  # reports are read in simplified characters; so is a question
    if not question:
        raise BadQuestionError("the question is empty")
    if len(question) > MAX_QUESTION_CHARS:
        raise BadQuestionError(f"the question is {len(question)} characters long; the limit is {MAX_QUESTION_CHARS}")
    return question
