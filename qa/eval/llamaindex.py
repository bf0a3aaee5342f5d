"""Baseline: the plain LlamaIndex pipeline a team would build first, over the same cleaned reports.

Its default `SentenceSplitter`, an in-memory `VectorStoreIndex` embedded by qa's own embedder
(so only the pipeline differs), top-k retrieval, and the top passages as the answer.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from typing import Any

from llama_index.core import Document, VectorStoreIndex
from llama_index.core.base.embeddings.base import BaseEmbedding
from llama_index.core.node_parser import SentenceSplitter
from pydantic import PrivateAttr

from qa.eval.gold import Span
from qa.eval.systems import RANKED, Passage, Response, top_passages_answer
from qa.retrieval.embed import Embedder
from qa.store import Store

logger = logging.getLogger(__name__)


class QaEmbedding(BaseEmbedding):
    """qa's `Embedder` behind LlamaIndex's embedding interface (keeps e5's query/passage prefixes)."""

    _embedder: Embedder = PrivateAttr()

    def __init__(self, embedder: Embedder, **kwargs: Any) -> None:
        super().__init__(model_name=embedder.name, embed_batch_size=16, **kwargs)
        self._embedder = embedder

    def _get_query_embedding(self, query: str) -> list[float]:
        return self._embedder.embed_query(query).tolist()  # type: ignore[no-any-return]

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._get_query_embedding(query)

    def _get_text_embedding(self, text: str) -> list[float]:
        return self._get_text_embeddings([text])[0]

    def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
        return self._embedder.embed_documents(texts).tolist()  # type: ignore[no-any-return]


def report_documents(store: Store) -> list[Document]:
    """Every stored report as a LlamaIndex Document (cleaned text; township and year as metadata)."""
    return [Document(text=store.registry.report_text(r.id), id_=r.id,
                     metadata={"township": r.meta.township or "", "year": r.meta.year or "", "report_id": r.id},
                     excluded_embed_metadata_keys=["report_id"], excluded_llm_metadata_keys=["report_id"])
            for r in store.reports()]


class LlamaIndexBaseline:
    """`VectorStoreIndex` over `SentenceSplitter()` nodes of every stored report."""

    name = "llamaindex"

    def __init__(self, store: Store, embedder: Embedder) -> None:
        started = time.perf_counter()
        documents = report_documents(store)
        self.texts = {d.doc_id: d.text for d in documents}
        # transformations and embed_model passed explicitly: LlamaIndex's global Settings stay untouched
        self.index = VectorStoreIndex.from_documents(documents, transformations=[SentenceSplitter()],
                                                     embed_model=QaEmbedding(embedder))
        self.retriever = self.index.as_retriever(similarity_top_k=RANKED)
        self.nodes = len(self.index.docstore.docs)
        self.build_seconds = time.perf_counter() - started
        logger.info("llamaindex baseline: %d nodes in %.1f s", self.nodes, self.build_seconds)

    def respond(self, turns: Sequence[str]) -> Response:
        started = time.perf_counter()
        ranked = tuple(self._passage(n.node) for n in self.retriever.retrieve(turns[-1]))
        return top_passages_answer(ranked, started)

    def _passage(self, node: Any) -> Passage:
        report_id = node.metadata["report_id"]
        text = node.get_content()
        start = node.start_char_idx
        if start is None or self.texts[report_id][start:start + len(text)] != text:
            start = self.texts[report_id].find(text)
        return Passage(Span(report_id, start, start + len(text)), node.metadata["township"] or None, text)
