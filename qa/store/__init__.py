"""The store: SQLite registry (truth), Chroma vectors and the keyword index, kept consistent.

>>> store = Store.from_settings(settings, embedder, owner="qa ingest")
>>> store.keyword.search(store.tokenizer.tokens("法律顾问"), k=5)
"""

from __future__ import annotations

import logging
import shutil
import sqlite3
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Generic, Protocol, TypeVar

import numpy as np

from qa.config import Settings
from qa.errors import BadInputError, StoreError
from qa.store.boilerplate import Boilerplate
from qa.store.keyword import KeywordIndex, Tokenizer, dictionary
from qa.store.lock import WriterLock
from qa.store.registry import (
    CORRECTABLE,
    FactTable,
    Registry,
    ReportRow,
    Reports,
    SentenceTable,
    Spread,
    SpreadTable,
)
from qa.store.vectors import VectorStore
from qa.types import LEVELS, Chunk, ChunkRef, Fact, Report, ReportMeta

logger = logging.getLogger(__name__)
T = TypeVar("T")

__all__ = ["Store", "Registry", "ReportRow", "ReportWrite", "Reports", "VectorStore", "low_disk"]

LOW_DISK_MB = 64  # below this, a failed write is put down to a full disk (SQLite and Chroma word it variously)


def low_disk(path: Path) -> str | None:
    """'only 0.1 MB free on the disk holding data' when that disk is nearly full, else None."""
    try:
        free = shutil.disk_usage(path if path.exists() else path.parent).free
    except OSError:
        return None
    return f"only {free / 2**20:.1f} MB free on the disk holding {path}" if free < LOW_DISK_MB * 2**20 else None


class Embedded(Protocol):
    """What the store needs to know of the embedder: which one built its vectors, and their size."""

    name: str
    dim: int


@dataclass(frozen=True)
class ReportWrite:
    """A report ready to store: its chunks, their vectors, the text each is keyword-indexed by, its facts.

    `report.path` is the key of the file it came from (its resolved path).
    """

    report: Report
    chunks: Sequence[Chunk]
    vectors: np.ndarray
    index_texts: Sequence[str]
    facts: Sequence[Fact]
    sentences: Sequence[tuple[int, int]] = ()  # spans in the report's text of its evidence sentences
    sentence_vectors: np.ndarray | None = None  # one row per span


class Store:
    """Everything ingested under one data directory: the only code that writes to it.

    Writes keep the registry, the vectors and the derived indexes consistent: a report is journalled as
    pending, its vectors are upserted (ids are content hashes, so a retry rewrites the same rows), then one
    SQLite transaction records the report, its chunks, facts and file and clears the journal. Vectors of a
    report the registry never committed are removed by `recover()`. The keyword index and the template
    n-grams are derived from the registry per generation.
    """

    def __init__(self, data_dir: Path, registry: Registry, vectors: VectorStore, lock: WriterLock | None) -> None:
        self.data_dir = data_dir
        self.registry = registry
        self.vectors = vectors
        self._lock = lock  # None: opened to read only
        self._keyword: PerGeneration[KeywordIndex] = PerGeneration()
        self._boilerplate: PerGeneration[Boilerplate] = PerGeneration()
        self._spreads: PerGeneration[SpreadTable] = PerGeneration()
        self._originals: PerGeneration[dict[str, str]] = PerGeneration()
        self._sentences: PerGeneration[SentenceTable] = PerGeneration()
        self._facts: PerGeneration[FactTable] = PerGeneration()
        self._refs: PerGeneration[dict[str, ChunkRef]] = PerGeneration()
        self._reports: tuple[int, Reports] = (-1, Reports())
        # chunk ids are hashes of their content, so a cached chunk never goes stale: no invalidation
        self._chunks: dict[str, Chunk] = {}
        self.tokenizer = Tokenizer(r.meta.township for r in registry.reports() if r.meta.township)
        if lock is not None:
            self.recover()

    @classmethod
    def open(cls, data_dir: Path, *, embedder_name: str, dim: int, chroma_url: str | None = None,
             collection: str = "qa_chunks", chroma_timeout: float = 10.0, lock_timeout: float = 10.0,
             owner: str | None = "a qa process") -> Store:
        """The store in `data_dir`; its vectors there too, or on the Chroma server at `chroma_url`.

        The registry (SQLite, the truth) and the keyword index stay in `data_dir` either way. `owner` names
        this process to others (「qa serve」) while it holds the folder's writer lock (StoreBusyError when
        another process holds it); `owner=None` opens the store to read only, beside a writer.
        """
        data_dir.mkdir(parents=True, exist_ok=True)
        lock = WriterLock.acquire(data_dir, owner=owner) if owner is not None else None
        try:
            try:
                registry = Registry(data_dir / "registry.sqlite3", lock_timeout=lock_timeout)
            except StoreError as e:
                full = low_disk(data_dir)
                raise type(e)(f"{e}; {full}: free some space" if full else str(e)) from e
            try:
                vectors = VectorStore(data_dir / "chroma", embedder_name=embedder_name, dim=dim, url=chroma_url,
                                      collection=collection, timeout=chroma_timeout)
                return cls(data_dir, registry, vectors, lock)
            except BaseException:
                registry.close()
                raise
        except BaseException:
            if lock is not None:
                lock.release()
            raise

    @classmethod
    def from_settings(cls, settings: Settings, embedder: Embedded, *, owner: str | None = "a qa process") -> Store:
        return cls.open(settings.data_dir, embedder_name=embedder.name, dim=embedder.dim,
                        chroma_url=settings.chroma_url, collection=settings.chroma_collection,
                        chroma_timeout=settings.chroma_timeout, lock_timeout=settings.lock_timeout, owner=owner)

    def close(self) -> None:
        try:
            self.registry.close()
        finally:
            if self._lock is not None:
                self._lock.release()

    @property
    def writable(self) -> bool:
        return self._lock is not None

    # --- writing -------------------------------------------------------------------------
    def put_report(self, new: ReportWrite) -> None:
        """Store a report with its chunks, vectors and facts, for its file; the file's previous report goes."""
        self._check_writable()
        r = replace(new.report, meta=corrected(new.report.meta, self.registry.corrections([new.report.file_sha])))
        if r.meta.township:
            self.tokenizer.add_word(r.meta.township)
        tokens = [self.tokenizer.tokens(t) for t in new.index_texts]
        self.registry.mark_pending([r.id])
        self.vectors.upsert([c.id for c in new.chunks], new.vectors, [c.text for c in new.chunks],
                            [_chunk_metadata(c, r) for c in new.chunks])
        with self.registry.transaction() as db:
            self.registry.add_report(db, report_id=r.id, path=r.path, file_sha=r.file_sha, meta=r.meta,
                                     text=r.text, chunks=list(new.chunks), tokens=tokens, facts=list(new.facts),
                                     sentences=new.sentences, sentence_vectors=new.sentence_vectors,
                                     original=r.original)
            retired = self._point_file(db, r.path, r.file_sha, r.id)
            self.registry.bump_generation(db)
            self.registry.clear_pending([r.id])  # same connection: part of this transaction
        if retired:
            self.drop_vectors(retired)  # committed already: a Chroma failure here only postpones the cleanup

    def link_file(self, path: str, file_sha: str, report_id: str) -> None:
        """Record that the file at `path` holds the stored report `report_id` (the same text under another name)."""
        self._check_writable()
        with self.registry.transaction() as db:
            retired = self._point_file(db, path, file_sha, report_id)
        if retired:
            self.drop_vectors(retired)

    def delete_report(self, report_id: str) -> ReportRow:
        """Remove a report: its files, chunks, facts, vectors, and (next generation) its keyword entries."""
        self._check_writable()
        row = self.registry.report(report_id)  # NotFoundError names the id
        self.registry.mark_pending([report_id])  # if we die before Chroma is cleaned, recover() finishes it
        with self.registry.transaction() as db:
            self.registry.delete_report(db, report_id)
            self.registry.bump_generation(db)
        self.drop_vectors(report_id)  # the report is gone; its vectors go now or on the next ingest or open
        logger.info("deleted report %s (%s)", report_id, row.meta.township)
        return row

    def correct_meta(self, report_id: str, changes: dict[str, str | int | None]) -> ReportRow:
        """Set fields of a report's metadata by hand (an admin's correction): used by filters and tables from the
        next question on, and kept for the report's files so that a re-ingest of them keeps it."""
        self._check_writable()
        row = self.registry.report(report_id)  # NotFoundError names the id
        changes = check_corrections(changes)
        meta = corrected(row.meta, changes)
        with self.registry.transaction() as db:
            self.registry.add_corrections(db, self.registry.file_shas(report_id), changes)
            self.registry.set_meta(db, report_id, meta)
            self.registry.bump_generation(db)
        if meta.township:
            self.tokenizer.add_word(meta.township)
        logger.info("corrected report %s: %s", report_id, changes)
        return self.registry.report(report_id)

    def refresh_meta(self, metas: Mapping[str, ReportMeta], version: str) -> None:
        """Replace stored reports' metadata (read again by a newer reader), corrections kept on top."""
        self._check_writable()
        with self.registry.transaction() as db:
            for report_id, meta in metas.items():
                meta = corrected(meta, self.registry.corrections(self.registry.file_shas(report_id)))
                self.registry.set_meta(db, report_id, meta)
                if meta.township:
                    self.tokenizer.add_word(meta.township)
            db.execute("INSERT OR REPLACE INTO state(key, value) VALUES ('meta_version', ?)", (version,))
            self.registry.bump_generation(db)

    def put_sentences(self, report_id: str, spans: Sequence[tuple[int, int]], vectors: np.ndarray) -> None:
        """Store the sentence vectors of a report stored before they were kept (see ingest's upgrade)."""
        self._check_writable()
        with self.registry.transaction() as db:
            if db.execute("SELECT 1 FROM reports WHERE id=?", (report_id,)).fetchone():
                self.registry.add_sentences(db, report_id, spans, vectors)
                self.registry.bump_generation(db)  # the sentence table in memory is read again

    def replace_facts(self, facts: Sequence[Fact], version: str) -> None:
        """Replace every report's numeric facts with `facts`, extracted by extractor `version`."""
        self._check_writable()
        with self.registry.transaction() as db:
            self.registry.reset_facts(db)
            self.registry.add_facts(db, list(facts))
            db.execute("INSERT OR REPLACE INTO state(key, value) VALUES ('facts_version', ?)", (version,))
            self.registry.bump_generation(db)

    @property
    def facts_version(self) -> str | None:
        return self.registry.get_state("facts_version")

    def _point_file(self, db: sqlite3.Connection, path: str, file_sha: str, report_id: str) -> str | None:
        """Point the file at `path` to `report_id`; the report it held before goes if no other file holds it
        (its vectors are journalled, to go after the commit). Returns that retired report's id."""
        prior = self.registry.file_report(path)
        self.registry.set_file(db, path, file_sha, report_id)
        old_id = prior[1] if prior else None
        if old_id is None or old_id == report_id:
            return None
        if self.registry.delete_report_if_orphaned(db, old_id):
            self.registry.mark_pending([old_id])  # its vectors go after the commit
            self.registry.bump_generation(db)
            return old_id
        return None

    def _check_writable(self) -> None:
        if self._lock is None:
            raise StoreError(f"{self.data_dir} was opened to read only (another process writes it)")

    def recover(self) -> None:
        """Finish what an interrupted or failed write left: drop vectors of reports the registry lacks.

        Runs on open and before each ingest; with Chroma unreachable the journal keeps its entries for next time.
        """
        self._check_writable()
        for report_id in self.registry.pending():
            if self.registry.has_report(report_id):
                self.registry.clear_pending([report_id])
            elif self.drop_vectors(report_id):
                logger.warning("recovered: removed vectors of unfinished report %s", report_id)

    def drop_vectors(self, report_id: str) -> bool:
        """Delete a journalled report's vectors and its journal entry; False (entry kept) when Chroma fails."""
        try:
            self.vectors.delete_report(report_id)
        except StoreError as e:
            logger.warning("vectors of report %s stay journalled until Chroma answers: %s", report_id, e)
            return False
        self.registry.clear_pending([report_id])
        return True

    # --- reading -------------------------------------------------------------------------
    def vectors_problem(self) -> str | None:
        """Why the vectors cannot serve questions now (Chroma down, or the newest chunk's vector unreadable)."""
        newest = self.registry.newest_chunk_id()
        try:
            if newest is None:
                self.vectors.count()  # nothing stored yet: is Chroma there at all?
            elif not self.vectors.has_vector(newest):
                return f"the vector of chunk {newest} (the newest in the registry) is missing from Chroma"
        except StoreError as e:
            return str(e)
        return None

    def check(self) -> list[str]:
        """What disagrees between the registry, Chroma and the keyword index; empty when all agree.

        Opened to read only, journalled writes are the writer's to finish, not a disagreement.
        """
        problems = self.registry.integrity_problems()
        if self.writable and (pending := self.registry.pending()):  # recover() could not finish them: Chroma fails
            problems.append(f"{len(pending)} unfinished writes in the journal")
        registered = set(self.registry.chunk_ids())
        for name, ids in (("Chroma", self.vectors.ids()), ("the keyword index", self.keyword.ids)):
            if len(ids) != len(set(ids)):
                problems.append(f"{len(ids) - len(set(ids))} duplicate entries in {name}")
            if missing := registered - set(ids):
                problems.append(f"{len(missing)} chunks missing from {name}, e.g. {sorted(missing)[0]}")
            if orphans := set(ids) - registered:
                problems.append(f"{len(orphans)} entries in {name} of no registered chunk, e.g. {sorted(orphans)[0]}")
        if vectors := self.vectors_problem():  # listed is not readable: this process must be able to search them
            problems.append(vectors)
        return problems

    def reports(self) -> Reports:
        """All registered reports (cached until the registry changes)."""
        generation = self.registry.generation()
        cached = self._reports
        if cached[0] != generation:
            cached = self._reports = (generation, self.registry.reports())
        return cached[1]

    def report_rows(self) -> dict[str, ReportRow]:
        """The registered reports by id, from the same cache."""
        return self.reports().by_id

    def warm(self) -> None:
        """Load what the first question would otherwise wait for: keyword index, template n-grams, sentence vectors
        and spreads, numeric facts, chunks, jieba's dictionary words."""
        self.keyword  # noqa: B018
        dictionary()  # (a question's words no report uses are read with them: qa.answer.terms)
        self.boilerplate  # noqa: B018
        self.sentence_table  # noqa: B018
        self.spread_table  # noqa: B018
        self.facts([])
        table = self.sentence_table
        for ref in self.refs(self.keyword.ids).values():  # each chunk's sentences found in the table: 2 s at ×1000
            table.of_chunk(ref.chunk)

    def chunks(self, ids: list[str]) -> dict[str, Chunk]:
        """Chunks by id, from memory once read (a question across 5,000 reports reads 20,000 of them)."""
        cached = self._chunks
        missing = [cid for cid in ids if cid not in cached]
        if missing:
            cached.update(self.registry.chunks(missing))
        return {cid: cached[cid] for cid in ids if cid in cached}

    def refs(self, ids: list[str]) -> dict[str, ChunkRef]:
        """Chunks by id with their report's metadata (as retrieval returns them), kept for the registry's current
        generation (a correction of a report's metadata moves it on); a chunk whose report is gone is left out."""
        known = self._refs.get(self.registry.generation, dict)
        missing = [cid for cid in ids if cid not in known]
        if missing:
            reports = self.report_rows()
            for cid, c in self.chunks(missing).items():
                if (r := reports.get(c.report_id)) is not None:
                    known[cid] = ChunkRef(chunk=c, file=r.file, township=r.meta.township, county=r.meta.county,
                                          year=r.meta.year)
        return {cid: known[cid] for cid in ids if cid in known}

    @property
    def boilerplate(self) -> Boilerplate:
        """Which sentences most reports repeat, for the registry's current generation (built on first use)."""
        return self._boilerplate.get(self.registry.generation,
                                     lambda: Boilerplate(self.registry.report_texts().values()))

    def originals(self) -> dict[str, str]:
        """The texts in their own characters of the reports written in traditional ones, by report id."""
        return self._originals.get(self.registry.generation, self.registry.originals)

    @property
    def sentence_table(self) -> SentenceTable:
        """Every stored sentence vector, kept in memory for the registry's current generation (read on first use)."""
        return self._sentences.get(self.registry.generation, self.registry.sentence_table)

    def facts(self, report_ids: Sequence[str] | None = None, *, mentioning: Sequence[str] = ()) -> list[Fact]:
        """As `Registry.facts`, from the facts kept in memory for the registry's current generation."""
        return self._facts.get(self.registry.generation, lambda: FactTable(self.registry.facts())).select(
            report_ids, mentioning=mentioning)

    @property
    def spread_table(self) -> SpreadTable:
        """Every report's sentence spread, kept in memory for the registry's current generation: a question across
        5,000 reports reads them once, not 280,000 sentence vectors. A report stored before spreads were kept gets
        one from its sentence vectors."""
        return self._spreads.get(self.registry.generation, self._read_spreads)

    def _read_spreads(self) -> SpreadTable:
        ids = [r.id for r in self.registry.reports()]
        found = self.registry.spreads(ids)
        older = [rid for rid in ids if rid not in found]
        for rid, stored in self.registry.sentence_vectors(older).items() if older else ():
            found[rid] = Spread.of(stored.vectors)
        return SpreadTable(found)

    @property
    def keyword(self) -> KeywordIndex:
        """The keyword index for the registry's current generation (loaded or rebuilt as needed)."""
        return self._keyword.get(self.registry.generation, self._load_or_build_keyword)

    def _load_or_build_keyword(self) -> KeywordIndex:
        directory, generation = self.data_dir / "keyword", self.registry.generation()
        index = KeywordIndex.load(directory, generation)
        if index is None:
            started = time.perf_counter()
            ids, reports, tokens = self.registry.all_tokens()
            index = KeywordIndex.build(ids, reports, tokens)
            try:
                if self.writable:  # a reader never writes: it could replace the writer's newer index
                    index.save(directory, generation)
            except OSError as e:  # served from memory all the same; the next process rebuilds it
                logger.warning("the keyword index was not saved (%s); it is rebuilt when qa next starts", e)
            logger.info("keyword index rebuilt: %d chunks in %.0f ms", len(ids), (time.perf_counter() - started) * 1000)
        return index


class PerGeneration(Generic[T]):
    """A value derived from the registry, rebuilt when its generation moves on.

    While one thread rebuilds it, the others keep the previous value instead of queueing behind the
    rebuild (seconds for the keyword index of a large store after an upload): a question asked during an
    ingest is answered from the store as it was just before. Hits of chunks whose report has gone since
    are dropped where Hits are made, so the previous value can only lack the newest chunks.
    """

    def __init__(self) -> None:
        self._value: tuple[int, T] | None = None
        self._building = threading.Lock()

    def get(self, generation: Callable[[], int], build: Callable[[], T]) -> T:
        current = self._value
        if current is not None and current[0] == generation():
            return current[1]
        if not self._building.acquire(blocking=current is None):  # only the first build is waited for
            return current[1]  # type: ignore[index]
        try:
            now = generation()
            if self._value is None or self._value[0] != now:
                self._value = (now, build())
            return self._value[1]
        finally:
            self._building.release()


def check_corrections(changes: dict[str, str | int | None]) -> dict[str, str | int | None]:
    """The changes as stored, or StoreError naming the field that cannot be set to its value."""
    out: dict[str, str | int | None] = {}
    for field, value in changes.items():
        if field not in CORRECTABLE:
            raise BadInputError(f"{field!r} is not a report field that can be corrected; fields: {', '.join(CORRECTABLE)}")
        if value is None or value == "":
            out[field] = None
        elif field == "year":
            if isinstance(value, bool) or not str(value).isdigit() or not 1990 <= int(value) <= 2100:
                raise BadInputError(f"year: {value!r} is not a year (1990–2100)")
            out[field] = int(value)
        elif field == "level":
            if value not in LEVELS:
                raise BadInputError(f"level: {value!r} is not one of {', '.join(LEVELS)}")
            out[field] = value
        else:
            text = str(value).strip()
            if len(text) > 80 or any(ord(c) < 32 for c in text):
                raise BadInputError(f"{field}: {value!r} is not a name (at most 80 characters on one line)")
            out[field] = text or None  # only spaces: cleared, as "" is (never a township named "")
    if not out:
        raise BadInputError(f"nothing to correct; fields: {', '.join(CORRECTABLE)}")
    return out


def missing_fields(meta: ReportMeta) -> tuple[str, ...]:
    """What a report should state about itself and qa did not find: its township (unless a county's or a
    department's report), its year."""
    missing = []
    if meta.township is None and meta.level in ("township", "street", "unknown"):
        missing.append("township")
    if meta.year is None:
        missing.append("year")
    return tuple(missing)


def corrected(meta: ReportMeta, changes: Mapping[str, str | int | None]) -> ReportMeta:
    """`meta` with an admin's corrections, each field's source then 'admin'."""
    if not changes:
        return meta
    sources = dict(meta.sources) | {field: "admin" for field in changes}
    return replace(meta, **changes, sources=tuple(sorted(sources.items())))  # type: ignore[arg-type]


def _chunk_metadata(c: Chunk, report: Report) -> dict[str, str | int]:
    meta: dict[str, str | int | None] = {
        "report_id": report.id, "file": Path(report.path).name, "township": report.meta.township,
        "county": report.meta.county, "year": report.meta.year, "section": c.section, "start": c.start, "end": c.end,
    }
    return {k: v for k, v in meta.items() if v is not None}  # Chroma stores no None
