"""The SQLite registry: reports, their chunks, tokens and numeric facts, and a journal of unfinished writes.

It is the source of truth: the keyword index is rebuilt from it, and Chroma is reconciled to it.
"""

from __future__ import annotations

import itertools
import json
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np

from qa.errors import NotFoundError, StoreBusyError, StoreError
from qa.joined import Joined
from qa.sentences import evidence_offsets
from qa.types import Chunk, Fact, ReportMeta

_FACTS_SCHEMA = """
CREATE TABLE IF NOT EXISTS facts (
    report_id TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE, section TEXT NOT NULL, clause TEXT NOT NULL,
    value REAL NOT NULL, value_text TEXT NOT NULL, unit TEXT NOT NULL, qualifier TEXT NOT NULL,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, sentence_start INTEGER NOT NULL, sentence_end INTEGER NOT NULL,
    sentence TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS facts_report ON facts(report_id);
"""
# Every evidence sentence's vector (float16, L2-normalised), so support is decided by meaning without embedding
# at question time. A sentence is keyed by its span in its report's cleaned text.
_SENTENCES_SCHEMA = """
CREATE TABLE IF NOT EXISTS sentences (
    report_id TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    vector BLOB NOT NULL, PRIMARY KEY (report_id, start)
) WITHOUT ROWID;
"""
# Per report, how its sentences' vectors spread: their mean and main axes of variation (SPREAD_AXES of them, with
# their variances, and the rest's variance per remaining dimension), so the spread of a question's similarity over a
# report's sentences is known without reading them (qa.answer.evidence.standout).
_SPREADS_SCHEMA = """
CREATE TABLE IF NOT EXISTS report_spreads (
    report_id TEXT PRIMARY KEY REFERENCES reports(id) ON DELETE CASCADE, sentences INTEGER NOT NULL,
    basis BLOB NOT NULL, variances BLOB NOT NULL, rest REAL NOT NULL
) WITHOUT ROWID;
"""
SPREAD_AXES = 16


@dataclass(frozen=True)
class Spread:
    """A report's sentence vectors in summary: `basis` rows are their mean, then their main axes."""

    sentences: int
    basis: np.ndarray  # (1 + axes) × dim, float32
    variances: np.ndarray  # the variance along each axis
    rest: float  # the variance left, per dimension outside the axes

    @classmethod
    def of(cls, vectors: np.ndarray) -> Spread:
        v = np.asarray(vectors, dtype=np.float32)
        mean = v.mean(axis=0) if len(v) else np.zeros(v.shape[1], dtype=np.float32)
        if len(v) < 2:
            return cls(len(v), mean[None, :], np.zeros(0, dtype=np.float32), 0.0)
        _, s, vt = np.linalg.svd(v - mean, full_matrices=False)
        variances = (s ** 2 / len(v)).astype(np.float32)
        k = min(SPREAD_AXES, len(variances))
        rest = float(variances[k:].sum()) / max(v.shape[1] - k, 1)
        return cls(len(v), np.vstack([mean, vt[:k]]).astype(np.float32), variances[:k], rest)

    def similarity(self, q: np.ndarray) -> tuple[float, float]:
        """The mean and standard deviation of q's similarity over the report's sentences."""
        projected = self.basis @ q
        p = projected[1:]
        variance = float(self.variances @ (p * p)) + self.rest * max(float(q @ q) - float(p @ p), 0.0)
        return float(projected[0]), float(np.sqrt(max(variance, 0.0)))


class SpreadTable:
    """Every report's Spread stacked (axes past a report's own are zeros, which change nothing), so the spread of a
    question's similarity over 5,000 reports is one matrix product, not 5,000 small ones."""

    def __init__(self, spreads: Mapping[str, Spread]) -> None:
        self.spreads = dict(spreads)
        self.index = {rid: i for i, rid in enumerate(self.spreads)}
        dim = next(iter(self.spreads.values())).basis.shape[1] if self.spreads else 0
        self.basis = np.zeros((len(self.spreads), 1 + SPREAD_AXES, dim), dtype=np.float32)
        self.variances = np.zeros((len(self.spreads), SPREAD_AXES), dtype=np.float32)
        self.rest = np.array([s.rest for s in self.spreads.values()], dtype=np.float64)
        self.sentences = np.array([s.sentences for s in self.spreads.values()], dtype=np.int64)
        for i, s in enumerate(self.spreads.values()):
            self.basis[i, :len(s.basis)] = s.basis
            self.variances[i, :len(s.variances)] = s.variances

    def similarity(self, q: np.ndarray, report_ids: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Per report: the mean and standard deviation of q's similarity over its sentences (as Spread.similarity),
        and its number of sentences (0 for a report without a spread)."""
        at = np.array([self.index.get(rid, -1) for rid in report_ids], dtype=np.int64)
        known = at >= 0
        rows = at[known]
        q = np.asarray(q, dtype=np.float32)
        if not len(rows):  # none of them has a spread (a store from before spreads were kept, not yet upgraded)
            return np.zeros(len(at)), np.zeros(len(at)), np.zeros(len(at), dtype=np.int64)
        if len(rows) > len(self.index) // 4:  # most reports: one product over the whole table, no gathering
            projected = (self.basis.reshape(-1, self.basis.shape[2]) @ q).reshape(len(self.index), -1)[rows]
        else:
            projected = self.basis[rows] @ q
        p = projected[:, 1:]
        p2 = (p * p).astype(np.float64)
        variance = (self.variances[rows] * p2).sum(axis=1) + self.rest[rows] * np.maximum(float(q @ q) - p2.sum(axis=1), 0.0)
        mean, std, sentences = np.zeros(len(at)), np.zeros(len(at)), np.zeros(len(at), dtype=np.int64)
        mean[known], std[known] = projected[:, 0], np.sqrt(np.maximum(variance, 0.0))
        sentences[known] = self.sentences[rows]
        return mean, std, sentences


_SCHEMA = """
CREATE TABLE IF NOT EXISTS reports (
    id TEXT PRIMARY KEY, path TEXT NOT NULL, file_sha TEXT NOT NULL,
    township TEXT, county TEXT, year INTEGER, title TEXT,
    chars INTEGER NOT NULL, chunk_count INTEGER NOT NULL, ingested_at TEXT NOT NULL, text TEXT NOT NULL,
    meta TEXT, original TEXT
);
-- An admin's corrections of a report's metadata, by the bytes of the file it came from: they outlive the report
-- (a re-ingest of the same file, a delete and an upload again) and are applied whenever that file is stored.
CREATE TABLE IF NOT EXISTS corrections (
    file_sha TEXT NOT NULL, field TEXT NOT NULL, value TEXT, corrected_at TEXT NOT NULL, PRIMARY KEY (file_sha, field)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, file_sha TEXT NOT NULL, report_id TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS chunks (
    id TEXT PRIMARY KEY, report_id TEXT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    ord INTEGER NOT NULL, section TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    text TEXT NOT NULL, tokens TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS chunks_report ON chunks(report_id);
CREATE INDEX IF NOT EXISTS files_report ON files(report_id);
CREATE TABLE IF NOT EXISTS pending (report_id TEXT PRIMARY KEY);
CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
""" + _FACTS_SCHEMA + _SENTENCES_SCHEMA + _SPREADS_SCHEMA


_REPORT_COLUMNS = "id, path, file_sha, township, county, year, title, chars, chunk_count, ingested_at, meta"
# ReportMeta's fields beyond the columns filters read, kept as JSON in reports.meta
_MORE_META = ("body", "level", "city", "province", "sources")
CORRECTABLE = ("township", "county", "city", "province", "year", "body", "level", "title")


@dataclass(frozen=True)
class SentenceVectors:
    """One report's sentence vectors: row `index[(start, end)]` of `vectors` is that sentence's."""

    index: dict[tuple[int, int], int]
    vectors: np.ndarray

    def get(self, start: int, end: int) -> np.ndarray | None:
        i = self.index.get((start, end))
        return None if i is None else self.vectors[i]


class SentenceTable:
    """Every stored sentence vector: the sentence at (report id, start) is row `rows[key]` of `vectors`, and ends
    at `ends[row]`. At ×1000 (280,000 sentences) about 220 MB: a question across 5,000 reports looks up its 50,000
    candidates here instead of reading them from SQLite."""

    def __init__(self, rows: dict[tuple[str, int], int], ends: np.ndarray, vectors: np.ndarray) -> None:
        self.rows, self.ends, self.vectors = rows, ends, vectors  # vectors: float16, L2-normalised
        self._of_chunk: dict[str, tuple[int, ...]] = {}  # (tuples: 15,000 of them are chained faster than arrays)

    def find(self, spans: Sequence[tuple[str, int, int]]) -> np.ndarray:
        """The row of each (report id, start, end) sentence; -1 for one not stored (or stored with another end)."""
        at = np.array([self.rows.get((rid, start), -1) for rid, start, _ in spans], dtype=np.int64)
        found = at >= 0
        found[found] = self.ends[at[found]] == np.array([end for _, _, end in spans], dtype=np.int64)[found]
        return np.where(found, at, -1)

    def of_chunk(self, chunk: Chunk) -> tuple[int, ...]:
        """`find` for the evidence sentences of a chunk, remembered (chunk ids name their report and span)."""
        found = self._of_chunk.get(chunk.id)
        if found is None:
            found = self._of_chunk[chunk.id] = tuple(self.find(
                [(chunk.report_id, chunk.start + s, chunk.start + e) for s, e in evidence_offsets(chunk.text).tolist()]
            ).tolist())
        return found

    def of_chunks(self, chunks: Sequence[Chunk]) -> np.ndarray:
        """`of_chunk` of each chunk, one after the other."""
        rows = [self.of_chunk(c) for c in chunks]
        return np.fromiter(itertools.chain.from_iterable(rows), dtype=np.int64, count=sum(map(len, rows)))

    def similarity(self, q: np.ndarray, rows: np.ndarray, block: int = 8192) -> np.ndarray:
        """q's similarity with the sentence in each of `rows` (0 where a row is -1)."""
        found = np.flatnonzero(rows >= 0)
        at = rows[found]
        q32 = np.asarray(q, dtype=np.float32)
        sims = np.zeros(len(rows), dtype=np.float32)
        sims[found] = np.concatenate([self.vectors[at[i:i + block]].astype(np.float32) @ q32
                                      for i in range(0, len(at), block)] or [np.zeros(0, dtype=np.float32)])
        return sims


FEW_REPORTS = 20  # facts of this many reports are checked one by one; of more, searched in all the facts joined


class FactTable:
    """Every stored numeric fact in reading order, with its sentence and heading joined for searching: a figure
    question across 5,000 reports (89,000 facts at ×1000) picks its candidates here instead of scanning SQLite."""

    def __init__(self, facts: list[Fact]) -> None:
        self.facts = facts
        self._of_report: dict[str, list[int]] = {}
        for i, f in enumerate(facts):
            self._of_report.setdefault(f.report_id, []).append(i)
        searched: dict[tuple[str, str], int] = {}  # facts of one sentence share its text
        self._text = np.array([searched.setdefault((f.sentence, f.section), len(searched)) for f in facts],
                              dtype=np.int64)
        self._joined = Joined([f"{sentence}\x01{section}" for sentence, section in searched])

    def select(self, report_ids: Sequence[str] | None = None, *, mentioning: Sequence[str] = ()) -> list[Fact]:
        """As `Registry.facts`: the facts of some reports (all when None), in reading order; with `mentioning`,
        only those whose sentence or heading holds at least one of those words."""
        if report_ids is not None and len(report_ids) <= FEW_REPORTS:  # one township's: its own few facts checked
            rows = sorted(i for rid in dict.fromkeys(report_ids) for i in self._of_report.get(rid, ()))
            return [f for f in (self.facts[i] for i in rows)
                    if not mentioning or any(w in f.sentence or w in f.section for w in mentioning)]
        keep = np.ones(len(self.facts), dtype=bool)
        if mentioning:
            keep &= self._joined.holding(mentioning)[self._text]
        if report_ids is not None:
            wanted = np.zeros(len(self.facts), dtype=bool)
            wanted[[i for rid in dict.fromkeys(report_ids) for i in self._of_report.get(rid, ())]] = True
            keep &= wanted
        return [self.facts[i] for i in np.flatnonzero(keep).tolist()]


@dataclass(frozen=True)
class ReportRow:
    """A registered report, without its text."""

    id: str
    path: str
    file_sha: str
    meta: ReportMeta
    chars: int
    chunk_count: int
    ingested_at: str

    @cached_property
    def file(self) -> str:
        """The name (not the path) of the file it came from, as citations and lists show it."""
        return Path(self.path).name

    @property
    def name(self) -> str:
        """Whom the report is from, as tables and lists show it: its township, else its issuing body, else its file."""
        return self.meta.township or self.meta.body or self.file


class Reports(tuple[ReportRow, ...]):
    """Registered reports in order, and what a question's filters look up in them (each township's reports, the
    counties), found once: reading 5,000 rows each time cost a question at ×1000 3 ms, and 12 ms with two earlier
    turns (each is read again, to tell whether the question leans on it)."""

    @classmethod
    def of(cls, rows: Iterable[ReportRow]) -> Reports:
        return rows if isinstance(rows, Reports) else cls(rows)

    @cached_property
    def by_township(self) -> dict[str, tuple[ReportRow, ...]]:
        """Each township's reports, the townships in the order of their first report."""
        found: dict[str, list[ReportRow]] = {}
        for r in self:
            if r.meta.township:
                found.setdefault(r.meta.township, []).append(r)
        return {township: tuple(rows) for township, rows in found.items()}

    @cached_property
    def counties(self) -> frozenset[str]:
        return frozenset(r.meta.county for r in self if r.meta.county)

    @cached_property
    def position(self) -> dict[str, int]:
        """Each report's place in the order, by id."""
        return {r.id: i for i, r in enumerate(self)}

    @cached_property
    def by_id(self) -> dict[str, ReportRow]:
        return {r.id: r for r in self}


class Registry:
    """Reports, files, chunks and the write journal in one SQLite file."""

    def __init__(self, path: Path, *, lock_timeout: float = 10.0) -> None:
        """The registry in `path`; a write waits up to `lock_timeout` s for another process's write to end."""
        path.parent.mkdir(parents=True, exist_ok=True)
        self._path, self._busy_ms = path, int(lock_timeout * 1000)
        try:
            # one connection writes (under self._write); each thread reads through its own, so a question
            # never sees half of another thread's transaction (WAL: readers and the writer do not block)
            self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA foreign_keys=ON")
            self._db.execute(f"PRAGMA busy_timeout={self._busy_ms}")
            self._db.executescript(_SCHEMA)
            columns = {r[1] for r in self._db.execute("PRAGMA table_info(reports)")}
            for column in ("meta", "original"):  # a store written before reports kept them
                if column not in columns:
                    self._db.execute(f"ALTER TABLE reports ADD COLUMN {column} TEXT")
        except sqlite3.Error as e:
            raise self._translate(e, "cannot open the registry") from e

        self._write = threading.RLock()
        self._local = threading.local()
        self._readers: list[sqlite3.Connection] = []

    def close(self) -> None:
        for db in self._readers:
            db.close()
        self._db.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        with self._writing():
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
                self._db.execute("COMMIT")
            except BaseException:
                if self._db.in_transaction:  # SQLite may have rolled back already (a full disk does)
                    self._db.execute("ROLLBACK")
                raise

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """The write lock; a failed write (a full disk, a read-only file) becomes a StoreError naming the file."""
        with self._write:
            try:
                yield
            except sqlite3.Error as e:
                raise self._translate(e, "writing the registry failed") from e

    def _translate(self, e: sqlite3.Error, what: str) -> StoreError:
        """SQLite's error as qa's: a lock held elsewhere is StoreBusyError (retrying helps), the rest StoreError."""
        if isinstance(e, sqlite3.OperationalError) and ("locked" in str(e) or "busy" in str(e)):
            return StoreBusyError(f"{self._path} is locked by another process (a qa ingest, or a tool holding the "
                                  f"file open); waited {self._busy_ms / 1000:g} s: try again when it has finished")
        return StoreError(f"{self._path}: {what} ({e})")

    def _read(self) -> sqlite3.Connection:
        """This thread's read connection (committed data only)."""
        db: sqlite3.Connection | None = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(self._path, check_same_thread=False, isolation_level=None)
            db.execute(f"PRAGMA busy_timeout={self._busy_ms}")
            db.execute("PRAGMA query_only=ON")
            self._local.db = db
            with self._write:
                self._readers.append(db)
        return db

    # --- reading -------------------------------------------------------------------------
    def generation(self) -> int:
        row = self._read().execute("SELECT value FROM state WHERE key='generation'").fetchone()
        return int(row[0]) if row else 0

    def get_state(self, key: str) -> str | None:
        row = self._read().execute("SELECT value FROM state WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    def file_report(self, path: str) -> tuple[str, str] | None:
        """(file_sha, report_id) last ingested from `path`."""
        row = self._read().execute("SELECT file_sha, report_id FROM files WHERE path=?", (path,)).fetchone()
        return (row[0], row[1]) if row else None

    def file_paths(self, report_id: str) -> list[str]:
        """The paths of the files a report was read from."""
        return [r[0] for r in self._read().execute("SELECT path FROM files WHERE report_id=?", (report_id,))]

    def has_report(self, report_id: str) -> bool:
        return self._read().execute("SELECT 1 FROM reports WHERE id=?", (report_id,)).fetchone() is not None

    def reports(self) -> Reports:
        rows = self._read().execute(f"SELECT {_REPORT_COLUMNS} FROM reports ORDER BY township, year, id")
        return Reports(_report_row(r) for r in rows)

    def report(self, report_id: str) -> ReportRow:
        row = self._read().execute(f"SELECT {_REPORT_COLUMNS} FROM reports WHERE id=?", (report_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"no report with id {report_id!r}")
        return _report_row(row)

    def report_text(self, report_id: str, *, own_characters: bool = False) -> str:
        """The report's cleaned text as qa reads it (simplified), or as it is written (`own_characters`)."""
        column = "COALESCE(original, text)" if own_characters else "text"
        row = self._read().execute(f"SELECT {column} FROM reports WHERE id=?", (report_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"no report with id {report_id!r}")
        return str(row[0])

    def report_texts(self, report_ids: Sequence[str] | None = None) -> dict[str, str]:
        """Reports' texts by id, read in one statement (a report deleted meanwhile is absent, not an error)."""
        if report_ids is None:
            return dict(self._read().execute("SELECT id, text FROM reports ORDER BY township, year, id"))
        out: dict[str, str] = {}
        for i in range(0, len(report_ids), 500):
            part = list(report_ids[i:i + 500])
            out.update(self._read().execute(f"SELECT id, text FROM reports WHERE id IN ({','.join('?' * len(part))})",
                                            part))
        return out

    def chunks(self, ids: list[str]) -> dict[str, Chunk]:
        out: dict[str, Chunk] = {}
        for i in range(0, len(ids), 500):
            part = ids[i:i + 500]
            marks = ",".join("?" * len(part))
            for r in self._read().execute(
                f'SELECT id, report_id, ord, section, start, "end", text FROM chunks WHERE id IN ({marks})', part):
                out[r[0]] = Chunk(*r)
        return out

    def chunk_ids(self, report_ids: list[str] | None = None) -> list[str]:
        if report_ids is None:
            return [r[0] for r in self._read().execute("SELECT id FROM chunks ORDER BY rowid")]
        marks = ",".join("?" * len(report_ids))
        return [r[0] for r in self._read().execute(
            f"SELECT id FROM chunks WHERE report_id IN ({marks}) ORDER BY rowid", report_ids)]

    def newest_chunk_id(self) -> str | None:
        row = self._read().execute("SELECT id FROM chunks ORDER BY rowid DESC LIMIT 1").fetchone()
        return row[0] if row else None

    def all_tokens(self) -> tuple[list[str], list[str], list[list[str]]]:
        """Every chunk's id, report id and keyword tokens, in insertion order."""
        ids, reports, tokens = [], [], []
        for cid, rid, tok in self._read().execute("SELECT id, report_id, tokens FROM chunks ORDER BY rowid"):
            ids.append(cid)
            reports.append(rid)
            tokens.append(tok.split(" ") if tok else [])
        return ids, reports, tokens

    def facts(self, report_ids: Sequence[str] | None = None, *, mentioning: Sequence[str] = ()) -> list[Fact]:
        """The numeric facts of some reports (all when None), in reading order; with `mentioning`, only
        those whose sentence or section contains at least one of those terms."""
        sql = 'SELECT report_id, section, clause, value, value_text, unit, qualifier, start, "end", ' \
              "sentence_start, sentence_end, sentence FROM facts WHERE 1"
        params: list[str] = []
        if mentioning:
            sql += " AND (" + " OR ".join("instr(sentence, ?) OR instr(section, ?)" for _ in mentioning) + ")"
            params += [t for term in mentioning for t in (term, term)]
        if report_ids is None:
            return [Fact(*r) for r in self._read().execute(sql + " ORDER BY rowid", params)]
        out: list[Fact] = []
        for i in range(0, len(report_ids), 500):
            part = list(report_ids[i:i + 500])
            out += [Fact(*r) for r in self._read().execute(
                sql + f" AND report_id IN ({','.join('?' * len(part))}) ORDER BY rowid", params + part)]
        return out

    def sentence_vectors(self, report_ids: Sequence[str]) -> dict[str, SentenceVectors]:
        """The stored sentence vectors of some reports (a report without any is absent)."""
        out: dict[str, SentenceVectors] = {}
        for i in range(0, len(report_ids), 500):
            part = list(dict.fromkeys(report_ids[i:i + 500]))
            rows: dict[str, list[tuple[int, int, bytes]]] = {}
            for rid, start, end, blob in self._read().execute(
                    f'SELECT report_id, start, "end", vector FROM sentences WHERE report_id IN '
                    f"({','.join('?' * len(part))}) ORDER BY report_id, start", part):
                rows.setdefault(rid, []).append((start, end, blob))
            for rid, spans in rows.items():
                vectors = np.frombuffer(b"".join(b for _, _, b in spans), dtype=np.float16).reshape(len(spans), -1)
                out[rid] = SentenceVectors({(s, e): i for i, (s, e, _) in enumerate(spans)}, vectors)
        return out

    def sentence_table(self) -> SentenceTable:
        """Every stored sentence vector, in one table (what `Store.sentence_table` keeps in memory)."""
        db = self._read()
        count = db.execute("SELECT count(*) FROM sentences").fetchone()[0]
        one = db.execute("SELECT vector FROM sentences LIMIT 1").fetchone()
        vectors = np.empty((count, len(one[0]) // 2 if one else 0), dtype=np.float16)  # filled in place: no copies
        rows: dict[tuple[str, int], int] = {}
        ends = np.empty(count, dtype=np.int64)
        n = 0
        for rid, start, end, blob in db.execute('SELECT report_id, start, "end", vector FROM sentences'):
            if n == count:  # rows written since the count: the next generation reads them
                break
            rows[(rid, start)] = n
            ends[n] = end
            vectors[n] = np.frombuffer(blob, dtype=np.float16)
            n += 1
        return SentenceTable(rows, ends[:n], vectors[:n])

    def reports_without_sentences(self) -> list[str]:
        return [r[0] for r in self._read().execute(
            "SELECT id FROM reports WHERE id NOT IN (SELECT DISTINCT report_id FROM sentences)")]

    def integrity_problems(self) -> list[str]:
        """Rows that point at nothing or disagree with each other (the schema's own checks aside)."""
        db, problems = self._read(), []
        damaged = [r[0] for r in db.execute("PRAGMA quick_check") if r[0] != "ok"]
        if damaged:  # the file itself is broken: restore the data folder from a copy (docs/deploy.md)
            problems.append(f"the registry file is damaged: {'; '.join(damaged[:3])}")
        for what, sql in (
            ("chunks of no report", "SELECT count(*) FROM chunks WHERE report_id NOT IN (SELECT id FROM reports)"),
            ("facts of no report", "SELECT count(*) FROM facts WHERE report_id NOT IN (SELECT id FROM reports)"),
            ("sentence vectors of no report",
             "SELECT count(*) FROM sentences WHERE report_id NOT IN (SELECT id FROM reports)"),
            ("files pointing at no report", "SELECT count(*) FROM files WHERE report_id NOT IN (SELECT id FROM reports)"),
            ("reports whose chunk count is wrong", "SELECT count(*) FROM reports r WHERE chunk_count != "
                                                   "(SELECT count(*) FROM chunks c WHERE c.report_id = r.id)"),
            ("chunks twice in one place", "SELECT count(*) - count(DISTINCT report_id || ':' || ord) FROM chunks"),
        ):
            n = db.execute(sql).fetchone()[0]
            if n:
                problems.append(f"{n} {what}")
        return problems

    def pending(self) -> list[str]:
        return [r[0] for r in self._read().execute("SELECT report_id FROM pending")]

    # --- writing -------------------------------------------------------------------------
    def mark_pending(self, report_ids: list[str]) -> None:
        with self._writing():
            self._db.executemany("INSERT OR IGNORE INTO pending(report_id) VALUES (?)", [(r,) for r in report_ids])

    def clear_pending(self, report_ids: list[str]) -> None:
        with self._writing():
            self._db.executemany("DELETE FROM pending WHERE report_id=?", [(r,) for r in report_ids])

    def set_state(self, key: str, value: str) -> None:
        with self._writing():
            self._db.execute("INSERT OR REPLACE INTO state(key, value) VALUES (?, ?)", (key, value))

    def bump_generation(self, db: sqlite3.Connection) -> None:
        db.execute("INSERT INTO state(key, value) VALUES ('generation', '1') "
                   "ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1")

    def add_report(self, db: sqlite3.Connection, *, report_id: str, path: str, file_sha: str, meta: ReportMeta,
                   text: str, chunks: list[Chunk], tokens: list[list[str]], facts: list[Fact],
                   sentences: Sequence[tuple[int, int]] = (), sentence_vectors: np.ndarray | None = None,
                   original: str | None = None) -> None:
        db.execute("INSERT INTO reports(id, path, file_sha, township, county, year, title, chars, chunk_count, "
                   "ingested_at, text, meta, original) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                   (report_id, path, file_sha, meta.township, meta.county, meta.year, meta.title, len(text),
                    len(chunks), time.strftime("%Y-%m-%dT%H:%M:%S%z"), text, _meta_json(meta), original))
        db.executemany('INSERT INTO chunks(id, report_id, ord, section, start, "end", text, tokens) '
                       "VALUES (?,?,?,?,?,?,?,?)",
                       [(c.id, c.report_id, c.ord, c.section, c.start, c.end, c.text, " ".join(t))
                        for c, t in zip(chunks, tokens, strict=True)])
        self.add_facts(db, facts)
        if sentence_vectors is not None:
            self.add_sentences(db, report_id, sentences, sentence_vectors)

    def add_sentences(self, db: sqlite3.Connection, report_id: str, spans: Sequence[tuple[int, int]],
                      vectors: np.ndarray) -> None:
        """Store a report's sentence vectors (replacing any it had), as float16."""
        db.execute("DELETE FROM sentences WHERE report_id=?", (report_id,))
        half = np.asarray(vectors, dtype=np.float16)
        db.executemany('INSERT INTO sentences(report_id, start, "end", vector) VALUES (?,?,?,?)',
                       [(report_id, s, e, half[i].tobytes()) for i, (s, e) in enumerate(spans)])
        if len(half):
            spread = Spread.of(half)
            db.execute("INSERT OR REPLACE INTO report_spreads VALUES (?,?,?,?,?)",
                       (report_id, spread.sentences, spread.basis.astype(np.float16).tobytes(),
                        spread.variances.astype(np.float32).tobytes(), spread.rest))

    def spreads(self, report_ids: Sequence[str]) -> dict[str, Spread]:
        """The stored spreads of some reports (a report stored before they were kept is absent)."""
        out: dict[str, Spread] = {}
        for i in range(0, len(report_ids), 500):
            part = list(dict.fromkeys(report_ids[i:i + 500]))
            for rid, n, basis, variances, rest in self._read().execute(
                    f"SELECT * FROM report_spreads WHERE report_id IN ({','.join('?' * len(part))})", part):
                axes = len(variances) // 4
                b = np.frombuffer(basis, dtype=np.float16).astype(np.float32).reshape(1 + axes, -1)
                out[rid] = Spread(n, b, np.frombuffer(variances, dtype=np.float32), rest)
        return out

    def reports_without_spreads(self) -> list[str]:
        return [r[0] for r in self._read().execute(
            "SELECT DISTINCT report_id FROM sentences WHERE report_id NOT IN (SELECT report_id FROM report_spreads)")]

    def reset_facts(self, db: sqlite3.Connection) -> None:
        """Drop every fact (and the table, whose columns may be older) before re-extracting them all."""
        db.execute("DROP TABLE IF EXISTS facts")
        for statement in _FACTS_SCHEMA.split(";"):
            if statement.strip():
                db.execute(statement)

    def add_facts(self, db: sqlite3.Connection, facts: list[Fact]) -> None:
        db.executemany("INSERT INTO facts VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                       [(f.report_id, f.section, f.clause, f.value, f.value_text, f.unit, f.qualifier, f.start, f.end,
                         f.sentence_start, f.sentence_end, f.sentence) for f in facts])

    def set_file(self, db: sqlite3.Connection, path: str, file_sha: str, report_id: str) -> None:
        db.execute("INSERT OR REPLACE INTO files(path, file_sha, report_id) VALUES (?,?,?)",
                   (path, file_sha, report_id))

    def delete_report_if_orphaned(self, db: sqlite3.Connection, report_id: str) -> bool:
        """Delete a report no file points at any more; True when it went."""
        if db.execute("SELECT 1 FROM files WHERE report_id=?", (report_id,)).fetchone():
            return False
        db.execute("DELETE FROM reports WHERE id=?", (report_id,))
        return True

    def delete_report(self, db: sqlite3.Connection, report_id: str) -> None:
        db.execute("DELETE FROM files WHERE report_id=?", (report_id,))
        db.execute("DELETE FROM reports WHERE id=?", (report_id,))


    # --- metadata ------------------------------------------------------------------------
    def set_meta(self, db: sqlite3.Connection, report_id: str, meta: ReportMeta) -> None:
        db.execute("UPDATE reports SET township=?, county=?, year=?, title=?, meta=? WHERE id=?",
                   (meta.township, meta.county, meta.year, meta.title, _meta_json(meta), report_id))

    def corrections(self, file_shas: Sequence[str]) -> dict[str, str | int | None]:
        """The corrected fields of the files `file_shas` (the newest correction of a field wins)."""
        marks = ",".join("?" * len(file_shas))
        rows = self._read().execute(f"SELECT field, value FROM corrections WHERE file_sha IN ({marks}) "
                                    "ORDER BY corrected_at", list(file_shas))
        return {field: json.loads(value) for field, value in rows}

    def add_corrections(self, db: sqlite3.Connection, file_shas: Sequence[str],
                        changes: dict[str, str | int | None]) -> None:
        at = time.strftime("%Y-%m-%dT%H:%M:%S")
        db.executemany("INSERT OR REPLACE INTO corrections(file_sha, field, value, corrected_at) VALUES (?,?,?,?)",
                       [(sha, field, json.dumps(value, ensure_ascii=False), at)
                        for sha in file_shas for field, value in changes.items()])

    def file_shas(self, report_id: str) -> list[str]:
        """The bytes' hashes of every file that holds the report (one report may come from several files)."""
        rows = self._read().execute("SELECT file_sha FROM files WHERE report_id=? UNION "
                                    "SELECT file_sha FROM reports WHERE id=?", (report_id, report_id))
        return sorted(r[0] for r in rows)

    def originals(self) -> dict[str, str]:
        """The texts in their own characters of the reports written in traditional characters."""
        return dict(self._read().execute("SELECT id, original FROM reports WHERE original IS NOT NULL").fetchall())


def _meta_json(meta: ReportMeta) -> str:
    return json.dumps({f: getattr(meta, f) for f in _MORE_META}, ensure_ascii=False)


def _report_row(r: tuple) -> ReportRow:  # type: ignore[type-arg]
    more = json.loads(r[10]) if r[10] else {}
    more["sources"] = tuple(tuple(pair) for pair in more.get("sources", ()))
    meta = ReportMeta(r[3], r[4], r[5], r[6], **{f: more[f] for f in _MORE_META if f in more})
    return ReportRow(r[0], r[1], r[2], meta, r[7], r[8], r[9])
