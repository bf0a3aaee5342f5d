"""Chunk vectors in Chroma. Embeddings are always passed in: Chroma's own embedder never runs."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlparse

import numpy as np

from qa.errors import EmbedderMismatchError, StoreError

logger = logging.getLogger(__name__)
T = TypeVar("T")

COLLECTION = "qa_chunks"
OVERSAMPLE = 1000  # candidates of an unfiltered query kept to a scope before falling back to a filtered one
WRITE_TIMES = 6  # a write may take this many times the read deadline (1,000 vectors a batch)


class Deadline:
    """Runs calls to a Chroma server under a time limit, since its client has none of its own.

    chromadb 1.5 builds its HTTP session with `timeout=None`, so a server that accepts a connection and then
    stops answering (hung, paused, a half-open link) would hold a question forever. Each call runs on a daemon
    thread and is given up after `seconds`. While a given-up call is still unanswered the server counts as
    hung and calls fail at once, so a question waits one deadline at most, not one per call; the server
    counts as answering again when that call returns, or when `probe` (run in the background at most once per
    `seconds`) does.
    """

    def __init__(self, seconds: float, where: str, probe: Callable[[], object] | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.seconds, self._where, self._probe, self._clock = seconds, where, probe, clock
        self.probes = 0  # probes started so far
        self._lock = threading.Lock()
        self._late = 0  # given-up calls still running
        self._epoch = 0  # moves on when a probe answers: calls given up before it no longer count
        self._hung_since = 0.0
        self._probe_at = 0.0

    def run(self, what: str, call: Callable[[], T], *, write: bool = False) -> T:
        with self._lock:
            if self._late:
                now = self._clock()
                if self._probe and now >= self._probe_at:
                    self._probe_at = now + self.seconds
                    self.probes += 1
                    self._spawn("probe", self._probe, probe=True)
                raise TimeoutError(f"the Chroma server at {self._where} has not answered for "
                                   f"{now - self._hung_since:.0f} s; not waiting on it until it does")
        limit = self.limit(write=write)
        done, box = self._spawn(what, call)
        if not done.wait(limit):
            with self._lock:
                if not done.is_set():
                    box.update(late=True, epoch=self._epoch)
                    if not self._late:
                        now = self._clock()
                        self._hung_since, self._probe_at = now - limit, now + self.seconds
                    self._late += 1
                    raise TimeoutError(f"the Chroma server at {self._where} did not answer in {limit:g} s")
        if "error" in box:
            raise box["error"]
        return box["value"]  # type: ignore[no-any-return]

    def limit(self, *, write: bool) -> float:
        """Seconds a call may take: writes (1,000 vectors a batch) get WRITE_TIMES the read deadline."""
        return self.seconds * (WRITE_TIMES if write else 1)

    def _spawn(self, what: str, call: Callable[[], object], *, probe: bool = False
               ) -> tuple[threading.Event, dict[str, Any]]:
        box: dict[str, Any] = {}
        done = threading.Event()

        def work() -> None:
            try:
                box["value"] = call()
            except BaseException as e:  # noqa: BLE001 - handed to the caller's thread
                box["error"] = e
            with self._lock:
                done.set()
                if box.get("late") and box["epoch"] == self._epoch:
                    self._late -= 1
                elif probe and "error" not in box:
                    self._late, self._epoch = 0, self._epoch + 1

        threading.Thread(target=work, name=f"chroma-{what}", daemon=True).start()
        return done, box


class VectorStore:
    """One Chroma collection of chunk vectors, stamped with the embedder that built it."""

    def __init__(self, path: Path, *, embedder_name: str, dim: int, url: str | None = None,
                 collection: str = COLLECTION, timeout: float = 10.0, clock: Callable[[], float] = time.monotonic
                 ) -> None:
        """The embedded Chroma in `path`, or the collection `collection` on the Chroma server at `url`.

        A server that does not answer yet is not fatal: qa starts, answers from keywords, and connects on the
        first call after the server is up. Calls to a server wait at most `timeout` seconds (writes 6×). An
        embedded store that cannot be opened is an error at once.
        """
        self._path, self._url, self._collection = path, url, collection
        self._embedder = (embedder_name, dim)
        self._where = url or str(path)
        self._col_: Any = None
        self._connecting = threading.Lock()
        self._deadline = Deadline(timeout, url, probe=lambda: self._col.count(), clock=clock) if url else None
        try:
            self._call("connect", self._connect)
        except EmbedderMismatchError:
            raise
        except (StoreError, TimeoutError) as e:
            if not url:
                raise
            logger.warning("%s; answering from keywords until it is up", e)

    def _connect(self) -> None:
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        try:
            settings = ChromaSettings(anonymized_telemetry=False)
            if self._url:
                u = urlparse(self._url)
                client = chromadb.HttpClient(host=u.hostname or "127.0.0.1", port=u.port or 8000,
                                             ssl=u.scheme == "https", settings=settings)
            else:
                client = chromadb.PersistentClient(path=str(self._path), settings=settings)
            col = client.get_or_create_collection(
                self._collection, metadata={"embedder": self._embedder[0], "dim": self._embedder[1]},
                configuration={"hnsw": {"space": "cosine"}}, embedding_function=None)
        except Exception as e:
            raise StoreError(f"{self._where}: cannot open the Chroma store ({e})") from e
        built_by = (col.metadata or {}).get("embedder"), (col.metadata or {}).get("dim")
        if built_by != self._embedder and col.count() > 0:
            raise EmbedderMismatchError(
                f"the store in {self._where} was built with embedder {built_by[0]} (dim {built_by[1]}), but "
                f"{self._embedder[0]} (dim {self._embedder[1]}) is configured: re-ingest into a new QA_DATA_DIR, "
                f"or set QA_EMBEDDER back")
        self._col_ = col

    @property
    def _col(self) -> Any:
        """The collection, connecting first if the server was down until now."""
        if self._col_ is None:
            with self._connecting:
                if self._col_ is None:
                    self._connect()
        return self._col_

    def count(self) -> int:
        return int(self._read("count", lambda: self._col.count()))

    def _call(self, what: str, call: Callable[[], T], *, write: bool = False) -> T:
        """`call`, under the deadline when the vectors live on a server."""
        return self._deadline.run(what, call, write=write) if self._deadline else call()

    def _read(self, what: str, call: Callable[[], T]) -> T:
        """A read; any failure becomes a StoreError saying what failed (each caller reports its own)."""
        try:
            return self._call(what, call)
        except Exception as e:
            raise StoreError(f"Chroma {what} failed: {type(e).__name__}: {e}"[:300]) from e

    def has_vector(self, chunk_id: str) -> bool:
        """Whether this process can read the vector of `chunk_id` (not merely its row)."""
        got = self._read("get", lambda: self._col.get(ids=[chunk_id], include=["embeddings"]))
        return len(got["ids"]) == 1 and got["embeddings"] is not None and len(got["embeddings"]) == 1

    def ids(self) -> list[str]:
        """Every vector's id (for consistency checks; pages through the collection)."""
        out: list[str] = []

        def page(offset: int) -> list[str]:
            return list(self._col.get(include=[], limit=5000, offset=offset)["ids"])

        try:
            while batch := self._call("get", partial(page, len(out))):
                out += batch
        except Exception as e:
            raise StoreError(f"listing the vectors in Chroma failed ({e})") from e
        return out

    def upsert(self, ids: Sequence[str], vectors: np.ndarray, documents: Sequence[str],
               metadatas: Sequence[dict[str, Any]]) -> None:
        try:
            for i in range(0, len(ids), 1000):
                self._call("upsert", lambda i=i: self._col.upsert(  # type: ignore[misc]
                    ids=list(ids[i:i + 1000]), embeddings=vectors[i:i + 1000], documents=list(documents[i:i + 1000]),
                    metadatas=list(metadatas[i:i + 1000])), write=True)
        except Exception as e:
            raise StoreError(f"writing {len(ids)} vectors to Chroma failed ({e})") from e

    def delete_report(self, report_id: str) -> None:
        try:
            self._call("delete", lambda: self._col.delete(where={"report_id": report_id}), write=True)
        except Exception as e:
            raise StoreError(f"deleting vectors of report {report_id} failed ({e})") from e

    def query(self, vector: np.ndarray, *, k: int, report_ids: Sequence[str] | None = None
              ) -> list[tuple[str, float]]:
        """The k nearest chunk ids with cosine similarity, optionally within some reports.

        Chroma's metadata-filtered query scans the filter (23 ms at 20,000 vectors against 1.5 ms
        unfiltered), so a scope is searched as a wider unfiltered query kept to the scope first, and
        filtered only when that leaves fewer than k.
        """
        if report_ids is None:
            return self._query(vector, k, None)
        if not report_ids:
            return []
        wanted = set(report_ids)
        wide = [(cid, sim, meta) for cid, sim, meta in self._query(vector, max(k, OVERSAMPLE), None, with_meta=True)
                if meta.get("report_id") in wanted]
        if len(wide) >= k:
            return [(cid, sim) for cid, sim, _ in wide[:k]]
        where = {"report_id": report_ids[0]} if len(report_ids) == 1 else {"report_id": {"$in": list(report_ids)}}
        return self._query(vector, k, where)

    def exact(self, vector: np.ndarray, chunk_ids: Sequence[str], *, k: int) -> list[tuple[str, float]]:
        """The k nearest of `chunk_ids`, compared exactly: their vectors are fetched by id (fast in Chroma)."""
        if not chunk_ids:
            return []
        got = self._read("get", lambda: self._col.get(ids=list(chunk_ids), include=["embeddings"]))  # type: ignore[list-item]
        ids, matrix = got["ids"], np.asarray(got["embeddings"], dtype=np.float32)
        if not ids:
            return []
        sims = matrix @ np.asarray(vector, dtype=np.float32)
        top = np.argsort(-sims, kind="stable")[:k]
        return [(ids[i], float(sims[i])) for i in top]

    def _query(self, vector: np.ndarray, k: int, where: dict[str, Any] | None, *, with_meta: bool = False
               ) -> list[Any]:
        include = ["distances", "metadatas"] if with_meta else ["distances"]
        res = self._read("query", lambda: self._col.query(query_embeddings=[vector.tolist()], n_results=k,  # type: ignore[arg-type]
                                                          where=where, include=include))  # type: ignore[arg-type]
        ids = res["ids"][0]
        distances = (res.get("distances") or [[]])[0]
        if with_meta:
            metas = (res.get("metadatas") or [[]])[0]
            return [(cid, 1.0 - float(d), m or {}) for cid, d, m in zip(ids, distances, metas, strict=False)]
        return [(cid, 1.0 - float(d)) for cid, d in zip(ids, distances, strict=False)]
