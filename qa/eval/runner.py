"""Set up an eval run from settings: the store (ingested fresh when asked), the systems, the progress bar."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from qa.answer.llm import make_writer
from qa.config import Settings
from qa.eval.gold import load_gold
from qa.eval.run import EvalResult, run_eval
from qa.eval.systems import DenseOnly, KeywordOnly, QaSystem, System
from qa.ingest.pipeline import ingest
from qa.retrieval.embed import make_embedder
from qa.store import Store


def evaluate(settings: Settings, *, gold: Path, corpus: Path | None, baselines: bool) -> EvalResult:
    """Score qa (and the baselines) on `gold`, over `corpus` ingested into settings.data_dir if given.

    With QA_LLM_BASE_URL set, qa's answers are written by the LLM ("llm" mode, its own floors).
    """
    items = load_gold(gold)
    embedder = make_embedder(settings)
    writer = make_writer(settings)
    # a fresh store to ingest the corpus into, or the store in QA_DATA_DIR read as it is (a qa serve may own it)
    store = Store.from_settings(settings, embedder, owner="qa eval" if corpus else None)
    try:
        mode = f"llm ({settings.llm_model} at {settings.llm_base_url})" if writer else "extractive"
        info: dict[str, object] = {"date": dt.datetime.now().isoformat(timespec="seconds"),
                                   "mode": "llm" if writer else "extractive", "answers_by": mode,
                                   "gold": str(gold), "embedder": embedder.name, "top_k": settings.top_k,
                                   "chunk_max_chars": settings.chunk_max_chars}
        if corpus:
            summary = ingest([corpus], store=store, embedder=embedder, max_chars=settings.chunk_max_chars)
            info |= {"corpus": str(corpus), "ingest_s": round(summary.seconds, 1)}
        info |= {"reports": len(store.reports()), "chunks": store.vectors.count()}
        systems: list[System] = [QaSystem(store, embedder, k=settings.top_k, writer=writer)]
        if baselines:
            from qa.eval.llamaindex import LlamaIndexBaseline

            started = time.perf_counter()
            plain = LlamaIndexBaseline(store, embedder)
            info |= {"llamaindex_nodes": plain.nodes, "llamaindex_index_s": round(time.perf_counter() - started, 1)}
            systems += [KeywordOnly(store), DenseOnly(store, embedder), plain]
        with Progress(TextColumn("eval {task.description}"), BarColumn(), MofNCompleteColumn(),
                      TimeRemainingColumn(), transient=True) as progress:
            task = progress.add_task("", total=len(items) * len(systems))
            return run_eval(items, systems=systems, store=store, info=info,
                            on_item=lambda name, item: progress.update(task, advance=1, description=name))
    finally:
        store.close()
