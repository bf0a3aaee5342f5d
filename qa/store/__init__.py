"""The store: SQLite registry (truth), Chroma vectors and the keyword index, kept consistent.

>>> store = Store.from_settings(settings, embedder)
>>> store.keyword.search(store.tokenizer.tokens("法律顾问"), k=5)
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Generic, TypeVar

from qa.config import Settings
from qa.errors import StoreError
from qa.retrieval.boilerplate import Boilerplate
from qa.retrieval.embed import Embedder
from qa.retrieval.keyword import KeywordIndex, Tokenizer
from qa.store.registry import Registry, ReportRow
from qa.store.vectors import VectorStore
from qa.types import Chunk

logger = logging.getLogger(__name__)
T = TypeVar("T")

__all__ = ["Store", "Registry", "ReportRow", "VectorStore"]


class Store:
    """Everything ingested under one data directory."""

    def __init__(self, data_dir: Path, registry: Registry, vectors: VectorStore) -> None:
        self.data_dir = data_dir
        self.registry = registry
        self.vectors = vectors
        self._keyword: PerGeneration[KeywordIndex] = PerGeneration()
        self._boilerplate: PerGeneration[Boilerplate] = PerGeneration()
        self._reports: tuple[int, list[ReportRow], dict[str, ReportRow]] = (-1, [], {})
        # chunk ids are hashes of their content, so a cached chunk never goes stale: no invalidation
        self._chunks: dict[str, Chunk] = {}
        self.tokenizer = Tokenizer(r.meta.township for r in registry.reports() if r.meta.township)
        self.recover()

    @classmethod
    def open(cls, data_dir: Path, *, embedder_name: str, dim: int, chroma_url: str | None = None,
             collection: str = "qa_chunks", chroma_timeout: float = 10.0) -> Store:
        """The store in `data_dir`; its vectors there too, or on the Chroma server at `chroma_url`.

        The registry (SQLite, the truth) and the keyword index stay in `data_dir` either way; the vectors
        are written after a journal entry and reconciled on open, whichever Chroma holds them.
        """
        data_dir.mkdir(parents=True, exist_ok=True)
        registry = Registry(data_dir / "registry.sqlite3")
        vectors = VectorStore(data_dir / "chroma", embedder_name=embedder_name, dim=dim, url=chroma_url,
                              collection=collection, timeout=chroma_timeout)
        return cls(data_dir, registry, vectors)

    @classmethod
    def from_settings(cls, settings: Settings, embedder: Embedder) -> Store:
        return cls.open(settings.data_dir, embedder_name=embedder.name, dim=embedder.dim,
                        chroma_url=settings.chroma_url, collection=settings.chroma_collection,
                        chroma_timeout=settings.chroma_timeout)

    def close(self) -> None:
        self.registry.close()

    def recover(self) -> None:
        """Finish what an interrupted or failed write left: drop vectors of reports the registry lacks.

        Runs on open and before each ingest; with Chroma unreachable the journal keeps its entries for next time.
        """
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

    def check(self) -> list[str]:
        """What disagrees between the registry, Chroma and the keyword index; empty when all agree."""
        problems = self.registry.integrity_problems()
        registered = set(self.registry.chunk_ids())
        for name, ids in (("Chroma", self.vectors.ids()), ("the keyword index", self.keyword.ids)):
            if len(ids) != len(set(ids)):
                problems.append(f"{len(ids) - len(set(ids))} duplicate entries in {name}")
            if missing := registered - set(ids):
                problems.append(f"{len(missing)} chunks missing from {name}, e.g. {sorted(missing)[0]}")
            if orphans := set(ids) - registered:
                problems.append(f"{len(orphans)} entries in {name} of no registered chunk, e.g. {sorted(orphans)[0]}")
        return problems

    def reports(self) -> list[ReportRow]:
        """All registered reports (cached until the registry changes)."""
        return self._report_cache()[1]

    def report_rows(self) -> dict[str, ReportRow]:
        """The registered reports by id, from the same cache."""
        return self._report_cache()[2]


    def _report_cache(self) -> tuple[int, list[ReportRow], dict[str, ReportRow]]:
        generation = self.registry.generation()
        cached = self._reports
        if cached[0] != generation:
            rows = self.registry.reports()
            cached = self._reports = (generation, rows, {r.id: r for r in rows})
        return cached

    def warm(self) -> None:
        """Load what the first question would otherwise wait for: keyword index, template n-grams, chunk texts."""
        self.keyword  # noqa: B018
        self.boilerplate  # noqa: B018
        self.chunks(self.keyword.ids)

    def chunks(self, ids: list[str]) -> dict[str, Chunk]:
        """Chunks by id, from memory once read (a question across 5,000 reports reads 20,000 of them)."""
        cached = self._chunks
        missing = [cid for cid in ids if cid not in cached]
        if missing:
            cached.update(self.registry.chunks(missing))
        return {cid: cached[cid] for cid in ids if cid in cached}

    @property
    def boilerplate(self) -> Boilerplate:
        """Which sentences most reports repeat, for the registry's current generation (built on first use)."""
        return self._boilerplate.get(self.registry.generation,
                                     lambda: Boilerplate(self.registry.report_texts().values()))

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
            index.save(directory, generation)
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
