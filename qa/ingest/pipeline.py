"""Ingest files into the store: read, clean, find metadata, section, chunk, embed, then one store write a report.

Ingest computes; the store commits (`Store.put_report` keeps the registry, vectors and indexes consistent,
and a crash at any point recoverable).
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

import numpy as np

from qa.chars import fold
from qa.errors import IngestError, StoreBusyError, StoreError
from qa.ingest.chunk import chunk
from qa.ingest.clean import clean_parts, normalize_chars
from qa.ingest.facts import extract_facts
from qa.ingest.load import DEFAULT_LIMITS, MAX_FILE_MB, SUPPORTED, Budget, Limits, check_size, load
from qa.ingest.meta import find_meta
from qa.ingest.page import page_fields
from qa.ingest.sections import parse_sections
from qa.retrieval.embed import Embedder, embed_in_batches
from qa.sentences import addresses_a_model, evidence_sentences, sentence_spans
from qa.store import ReportWrite, Store, low_disk
from qa.types import Chunk, Report

logger = logging.getLogger(__name__)

Status = Literal["added", "updated", "unchanged", "failed"]
SKIPPED_NAMES = ("readme", "license", "changelog")
# Document formats a report may arrive in that qa cannot read: found in a folder, they fail with a line saying
# what to convert them to instead of vanishing. Anything else (images, spreadsheets) in a folder is not a report.
CONVERTIBLE = (".doc", ".wps", ".rtf", ".odt", ".ofd", ".xps", ".pages")


@dataclass(frozen=True)
class FileResult:
    """What ingest did with one file."""

    path: str
    status: Status
    report_id: str | None = None
    township: str | None = None
    year: int | None = None
    chunks: int = 0
    reason: str | None = None  # why it failed, without the file name
    fix: str | None = None  # what the file's owner can do about it
    reason_zh: str | None = None  # the same two in Chinese, for the page
    fix_zh: str | None = None

    @classmethod
    def failed(cls, path: str, e: IngestError) -> FileResult:
        return cls(path, "failed", reason=e.reason, fix=e.fix, reason_zh=e.reason_zh, fix_zh=e.fix_zh)

    @property
    def line(self) -> str:
        """One line for a summary: the file, what happened and, when it failed, why and what to do."""
        if self.status != "failed":
            return f"{self.status}: {self.path} ({self.township or '?'} {self.year or '?'}, {self.chunks} chunks)"
        return f"failed: {self.path}: {self.reason}" + (f" — {self.fix}" if self.fix else "")


@dataclass(frozen=True)
class IngestSummary:
    """What one ingest run did, file by file."""

    results: tuple[FileResult, ...]
    seconds: float
    skipped: tuple[str, ...] = ()  # files in the folders that are in no report format (images, spreadsheets)

    @property
    def counts(self) -> dict[Status, int]:
        counts = Counter(r.status for r in self.results)
        return {s: counts.get(s, 0) for s in ("added", "updated", "unchanged", "failed")}  # type: ignore[misc]

    @property
    def chunks_written(self) -> int:
        return sum(r.chunks for r in self.results if r.status in ("added", "updated"))


def discover(paths: Iterable[Path]) -> tuple[list[Path], list[Path]]:
    """The files to ingest (files as given; in folders, report formats), and the other files found in the folders.

    Hidden files, Office lock files (~$…) and READMEs are neither.
    """
    found: list[Path] = []
    others: list[Path] = []
    for path in paths:
        if not path.is_dir():
            found.append(path)
            continue
        for p in sorted(path.rglob("*")):
            if not p.is_file() or p.name.startswith((".", "~$")) or p.stem.lower().startswith(SKIPPED_NAMES):
                continue
            (found if p.suffix.lower() in SUPPORTED + CONVERTIBLE else others).append(p)
    return found, others


def read_report(path: Path, data: bytes | None = None, limits: Limits = DEFAULT_LIMITS) -> Report:
    """Load and clean one file into a Report whose id is the hash of its cleaned text."""
    raw = path.read_bytes() if data is None else data
    loaded = load(path, raw, limits)
    page_text = fold(normalize_chars(loaded.text))
    page = page_fields(page_text, {k: fold(v) for k, v in loaded.head})
    original, signature = clean_parts(loaded.text, wrapped=loaded.wrapped, site_names=page.site_names)
    if len(original) < 20:
        raise IngestError(path, f"only {len(original)} characters of text after cleaning",
                          "check that the file is a report and not a cover page or a form",
                          zh=(f"清理后只剩 {len(original)} 个字", "请确认文件是报告正文，而不是封面或表格"))
    text = fold(original)
    meta = find_meta(text, page=page, signature=tuple(fold(line) for line in signature), file_name=path.name,
                     page_text=page_text)
    report_id = hashlib.sha256("".join(text.split()).encode()).hexdigest()[:16]
    return Report(id=report_id, path=str(path), file_sha=hashlib.sha256(raw).hexdigest(), text=text, meta=meta,
                  original=original if original != text else None)


def ingest(paths: Sequence[Path], *, store: Store, embedder: Embedder, max_chars: int,
           max_file_mb: float = MAX_FILE_MB, on_file: Callable[[FileResult], None] | None = None,
           limits: Limits = DEFAULT_LIMITS) -> IngestSummary:
    """Ingest files and folders; a bad file is reported and skipped, never stops the run.

    StoreBusyError (another process holds the registry's lock) does stop it: every file would fail alike.
    """
    started = time.perf_counter()
    store.recover()  # a write that failed earlier in this process (Chroma was down) is finished first
    _upgrade_facts(store)
    _upgrade_sentences(store, embedder)
    _upgrade_meta(store)
    results: list[FileResult] = []
    files, others = discover(paths)
    for path in files:
        try:
            result = _ingest_file(path, store=store, embedder=embedder, max_chars=max_chars, max_file_mb=max_file_mb,
                                  limits=limits)
        except IngestError as e:
            result = FileResult.failed(str(path), e)
        except StoreBusyError:
            raise
        except StoreError as e:
            full = low_disk(store.data_dir)
            result = FileResult(str(path), "failed", reason=f"the store failed: {e}" + (f"; {full}" if full else ""),
                                fix=("free some space" if full else "check the data folder or the Chroma server")
                                + ", then run qa ingest again (reports already stored are kept)",
                                reason_zh="存储出错" + ("：服务器磁盘空间不足" if full else ""),
                                fix_zh=("请管理员清理磁盘空间" if full else "请管理员检查数据目录或 Chroma 服务")
                                + "后重新上传（已收录的报告不受影响）")
        except OSError as e:
            result = FileResult(str(path), "failed", reason=f"cannot read the file ({e.strerror or e})",
                                fix="check that it exists and that qa may read it",
                                reason_zh="无法读取该文件", fix_zh="请确认文件存在且 qa 有读取权限")
        if result.status == "failed":
            logger.warning("ingest %s", result.line)
        results.append(result)
        if on_file:
            on_file(result)
    store.keyword  # noqa: B018 -- rebuild and persist the keyword index now, not on the first question
    summary = IngestSummary(tuple(results), time.perf_counter() - started, tuple(map(str, others)))
    logger.info("ingest: %s, %d chunks in %.1f s", summary.counts, summary.chunks_written, summary.seconds)
    return summary


FACTS_VERSION = "6"  # bump when extract_facts changes: the next ingest re-extracts every report's facts


def _upgrade_facts(store: Store) -> None:
    """Re-extract the numeric facts of stored reports when they predate the current extractor."""
    if store.facts_version == FACTS_VERSION:
        return
    facts = []
    for row_id, text in store.registry.report_texts().items():
        facts += extract_facts(row_id, text, parse_sections(text))
    store.replace_facts(facts, FACTS_VERSION)


META_VERSION = "2"  # bump when find_meta changes: the next ingest reads every stored report's metadata again


def _upgrade_meta(store: Store) -> None:
    """Read again the metadata of stored reports read by an older find_meta: from their file when it is still there
    and still holds the same report (the page's table and signature are not stored), else from the stored text.
    Corrections an admin made stay on top."""
    if store.registry.get_state("meta_version") == META_VERSION:
        return
    metas = {}
    for row in store.reports():
        meta = None
        try:
            report = read_report(Path(row.path))
            meta = report.meta if report.id == row.id else None
        except (IngestError, OSError):
            pass
        if meta is None:
            meta = find_meta(store.registry.report_text(row.id), file_name=row.file)
        metas[row.id] = meta
    store.refresh_meta(metas, META_VERSION)
    if metas:
        logger.info("read the metadata of %d stored report(s) again", len(metas))


def evidence_spans(chunks: Sequence[Chunk]) -> list[tuple[int, int]]:
    """The spans (in the report's text) of every sentence that can be evidence, each once."""
    return sorted({(c.start + s, c.start + e) for c in chunks for s, e, _ in evidence_sentences(c.text)})


SENTENCE_CHARS = 200  # a sentence longer than this is embedded by its beginning (a list run on for a page)


def embed_sentences(embedder: Embedder, text: str, spans: Sequence[tuple[int, int]],
                    progress: Callable[[int], None] | None = None) -> np.ndarray:
    """The vector of each sentence, for deciding support by meaning at question time."""
    return embed_in_batches(embedder, [text[s:min(e, s + SENTENCE_CHARS)] for s, e in spans], batch=32,
                            progress=progress)


def _upgrade_sentences(store: Store, embedder: Embedder) -> None:
    """Embed the sentences of stored reports ingested before sentence vectors were kept."""
    missing = store.registry.reports_without_sentences()
    for report_id in missing:
        text = store.registry.report_text(report_id)
        spans = evidence_spans(list(store.registry.chunks(store.registry.chunk_ids([report_id])).values()))
        store.put_sentences(report_id, spans, embed_sentences(embedder, text, spans))
    if missing:
        logger.info("embedded the sentences of %d report(s) stored before sentence vectors", len(missing))
    for report_id in store.registry.reports_without_spreads():  # stored before their spreads were kept
        stored = store.registry.sentence_vectors([report_id])[report_id]
        store.put_sentences(report_id, sorted(stored.index, key=stored.index.__getitem__), stored.vectors)


def _ingest_file(path: Path, *, store: Store, embedder: Embedder, max_chars: int, max_file_mb: float,
                 limits: Limits = DEFAULT_LIMITS) -> FileResult:
    key = str(path.resolve())
    check_size(path, path.stat().st_size, max_file_mb)
    raw = path.read_bytes()
    file_sha = hashlib.sha256(raw).hexdigest()
    prior = store.registry.file_report(key)
    if prior and prior[0] == file_sha and store.registry.has_report(prior[1]):
        return _unchanged(path, store, prior[1])
    budget = Budget(path, limits)
    report = replace(read_report(path, raw, limits), path=key)
    if store.registry.has_report(report.id):  # same content under another name or format
        store.link_file(key, file_sha, report.id)
        return _unchanged(path, store, report.id)

    planted = [report.text[s:e] for s, e in sentence_spans(report.text) if addresses_a_model(report.text[s:e])]
    if planted:
        logger.warning("%s: %d sentence(s) speak to an AI model, kept in the text but never used as evidence: %s",
                       path, len(planted), planted[0][:40])
    sections = parse_sections(report.text)
    chunks = chunk(report.id, report.text, sections, max_chars=max_chars)
    if not chunks:
        raise IngestError(path, "no text to index after cleaning", "check that the file is a report",
                          zh=("清理后没有可索引的文字", "请确认文件是报告正文"))
    texts = [embed_text(c) for c in chunks]
    spans = evidence_spans(chunks)
    budget.check()
    vectors = embed_in_batches(embedder, texts, progress=budget.check)
    sentence_vectors = embed_sentences(embedder, report.text, spans, progress=budget.check)
    store.put_report(ReportWrite(report=report, chunks=chunks, vectors=vectors, index_texts=texts,
                                 facts=extract_facts(report.id, report.text, sections), sentences=spans,
                                 sentence_vectors=sentence_vectors))
    return FileResult(str(path), "updated" if prior else "added", report.id, report.meta.township,
                      report.meta.year, len(chunks))


def _unchanged(path: Path, store: Store, report_id: str) -> FileResult:
    row = store.registry.report(report_id)
    return FileResult(str(path), "unchanged", report_id, row.meta.township, row.meta.year, 0)


def embed_text(c: Chunk) -> str:
    """What is embedded and keyword-indexed for a chunk: its section path, then its text."""
    return f"{c.section}\n{c.text}" if c.section else c.text
