"""Ingest files into the store: read, clean, find metadata, section, chunk, embed, write.

Write order makes a crash at any point recoverable: the report is journalled as pending, its
vectors are upserted (ids are content hashes, so a retry rewrites the same rows), then one SQLite
transaction records the report, its chunks and its file and clears the journal. Vectors of a
report the registry never committed are removed by `Store.recover()`.
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from qa.errors import IngestError, StoreError
from qa.ingest.chunk import chunk
from qa.ingest.clean import clean
from qa.ingest.facts import extract_facts
from qa.ingest.load import MAX_FILE_MB, SUPPORTED, check_size, load
from qa.ingest.meta import find_meta
from qa.ingest.sections import parse_sections
from qa.retrieval.embed import Embedder, embed_in_batches
from qa.sentences import addresses_a_model, sentence_spans
from qa.store import ReportRow, Store
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


def read_report(path: Path, data: bytes | None = None) -> Report:
    """Load and clean one file into a Report whose id is the hash of its cleaned text."""
    raw = path.read_bytes() if data is None else data
    loaded = load(path, raw)
    text = clean(loaded.text, wrapped=loaded.wrapped)
    if len(text) < 20:
        raise IngestError(path, f"only {len(text)} characters of text after cleaning",
                          "check that the file is a report and not a cover page or a form")
    meta = find_meta(text)
    report_id = hashlib.sha256("".join(text.split()).encode()).hexdigest()[:16]
    return Report(id=report_id, path=str(path), file_sha=hashlib.sha256(raw).hexdigest(), text=text, meta=meta)


def ingest(paths: Sequence[Path], *, store: Store, embedder: Embedder, max_chars: int,
           max_file_mb: float = MAX_FILE_MB, on_file: Callable[[FileResult], None] | None = None) -> IngestSummary:
    """Ingest files and folders; a bad file is reported and skipped, never stops the run."""
    started = time.perf_counter()
    store.recover()  # a write that failed earlier in this process (Chroma was down) is finished first
    _upgrade_facts(store)
    results: list[FileResult] = []
    files, others = discover(paths)
    for path in files:
        try:
            result = _ingest_file(path, store=store, embedder=embedder, max_chars=max_chars, max_file_mb=max_file_mb)
        except IngestError as e:
            result = FileResult(str(path), "failed", reason=e.reason, fix=e.fix)
        except StoreError as e:
            result = FileResult(str(path), "failed", reason=f"the store failed: {e}",
                                fix="check the data folder or the Chroma server, then run qa ingest again "
                                    "(reports already stored are kept)")
        except OSError as e:
            result = FileResult(str(path), "failed", reason=f"cannot read the file ({e.strerror or e})",
                                fix="check that it exists and that qa may read it")
        if result.status == "failed":
            logger.warning("ingest %s", result.line)
        results.append(result)
        if on_file:
            on_file(result)
    store.keyword  # noqa: B018 -- rebuild and persist the keyword index now, not on the first question
    summary = IngestSummary(tuple(results), time.perf_counter() - started, tuple(map(str, others)))
    logger.info("ingest: %s, %d chunks in %.1f s", summary.counts, summary.chunks_written, summary.seconds)
    return summary


FACTS_VERSION = "3"  # bump when extract_facts changes: the next ingest re-extracts every report's facts


def _upgrade_facts(store: Store) -> None:
    """Re-extract the numeric facts of stored reports when they predate the current extractor."""
    if store.registry.get_state("facts_version") == FACTS_VERSION:
        return
    with store.registry.transaction() as db:
        store.registry.reset_facts(db)
        for row in store.registry.reports():
            text = store.registry.report_text(row.id)
            store.registry.add_facts(db, extract_facts(row.id, text, parse_sections(text)))
        db.execute("INSERT OR REPLACE INTO state(key, value) VALUES ('facts_version', ?)", (FACTS_VERSION,))
        store.registry.bump_generation(db)


def _ingest_file(path: Path, *, store: Store, embedder: Embedder, max_chars: int, max_file_mb: float) -> FileResult:
    key = str(path.resolve())
    check_size(path, path.stat().st_size, max_file_mb)
    raw = path.read_bytes()
    file_sha = hashlib.sha256(raw).hexdigest()
    prior = store.registry.file_report(key)
    if prior and prior[0] == file_sha and store.registry.has_report(prior[1]):
        return _unchanged(path, store, prior[1])
    report = read_report(path, raw)
    if store.registry.has_report(report.id):  # same content under another name or format
        with store.registry.transaction() as db:
            store.registry.set_file(db, key, file_sha, report.id)
            _retire(db, store, prior[1] if prior else None, report.id)
        return _unchanged(path, store, report.id)

    planted = [report.text[s:e] for s, e in sentence_spans(report.text) if addresses_a_model(report.text[s:e])]
    if planted:
        logger.warning("%s: %d sentence(s) speak to an AI model, kept in the text but never used as evidence: %s",
                       path, len(planted), planted[0][:40])
    if report.meta.township:
        store.tokenizer.add_word(report.meta.township)
    sections = parse_sections(report.text)
    chunks = chunk(report.id, report.text, sections, max_chars=max_chars)
    if not chunks:
        raise IngestError(path, "no text to index after cleaning", "check that the file is a report")
    texts = [embed_text(c) for c in chunks]
    tokens = [store.tokenizer.tokens(t) for t in texts]
    vectors = embed_in_batches(embedder, texts)

    store.registry.mark_pending([report.id])
    store.vectors.upsert([c.id for c in chunks], vectors, [c.text for c in chunks],
                         [_chunk_metadata(c, report) for c in chunks])
    retired: str | None = None
    with store.registry.transaction() as db:
        store.registry.add_report(db, report_id=report.id, path=key, file_sha=file_sha, meta=report.meta,
                                  text=report.text, chunks=chunks, tokens=tokens,
                                  facts=extract_facts(report.id, report.text, sections))
        store.registry.set_file(db, key, file_sha, report.id)
        retired = _retire(db, store, prior[1] if prior else None, report.id)
        store.registry.bump_generation(db)
        store.registry.clear_pending([report.id])  # same connection: part of this transaction
    if retired:
        store.drop_vectors(retired)  # committed already: a Chroma failure here only postpones the cleanup
    return FileResult(str(path), "updated" if prior else "added", report.id, report.meta.township,
                      report.meta.year, len(chunks))


def _retire(db: sqlite3.Connection, store: Store, old_id: str | None, new_id: str) -> str | None:
    """Delete the report a changed file used to hold, if no other file holds it; journal its vectors."""
    if old_id is None or old_id == new_id:
        return None
    if store.registry.delete_report_if_orphaned(db, old_id):
        store.registry.mark_pending([old_id])  # its vectors go after the commit
        store.registry.bump_generation(db)
        return old_id
    return None


def _unchanged(path: Path, store: Store, report_id: str) -> FileResult:
    row = store.registry.report(report_id)
    return FileResult(str(path), "unchanged", report_id, row.meta.township, row.meta.year, 0)


def embed_text(c: Chunk) -> str:
    """What is embedded and keyword-indexed for a chunk: its section path, then its text."""
    return f"{c.section}\n{c.text}" if c.section else c.text


def _chunk_metadata(c: Chunk, report: Report) -> dict[str, str | int]:
    meta: dict[str, str | int | None] = {
        "report_id": report.id, "file": Path(report.path).name, "township": report.meta.township,
        "county": report.meta.county, "year": report.meta.year, "section": c.section, "start": c.start, "end": c.end,
    }
    return {k: v for k, v in meta.items() if v is not None}  # Chroma stores no None


def delete_report(store: Store, report_id: str) -> ReportRow:
    """Remove a report: its files, chunks, facts (registry), keyword entries (next index build) and vectors."""
    row = store.registry.report(report_id)  # NotFoundError names the id
    store.registry.mark_pending([report_id])  # if we die before Chroma is cleaned, recover() finishes it
    with store.registry.transaction() as db:
        store.registry.delete_report(db, report_id)
        store.registry.bump_generation(db)
    store.drop_vectors(report_id)  # the report is gone; its vectors go now or on the next ingest or open
    logger.info("deleted report %s (%s)", report_id, row.meta.township)
    return row
