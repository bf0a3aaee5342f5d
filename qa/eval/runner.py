"""Set up an eval run from settings: the store (ingested fresh when asked), the systems, the progress bar."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Sequence
from pathlib import Path

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from qa.answer.llm import make_writer
from qa.config import Settings
from qa.eval.county import county_metrics
from qa.eval.gold import GoldItem, load_gold
from qa.eval.run import EvalResult, run_eval
from qa.eval.systems import DenseOnly, KeywordOnly, QaSystem, System
from qa.eval.zoo import score_metadata
from qa.ingest.pipeline import ingest
from qa.retrieval.embed import make_embedder
from qa.store import Store

COUNTY_SPLIT = "county"  # the county's view: eval/county beside eval/gold
ZOO_SPLIT = "zoo"  # gold items about the format zoo's reports: asked of the corpus and the zoo together


def zoo_folders(zoo: Path) -> list[Path]:
    """The report folders of a format zoo (eval/zoo/<part>/reports)."""
    return sorted(p for p in zoo.glob("*/reports") if p.is_dir())


def evaluate(settings: Settings, *, gold: Path, corpus: Path | None, baselines: bool,
             zoo: Path | None = None) -> EvalResult:
    """Score qa (and the baselines) on `gold`, over `corpus` ingested into settings.data_dir if given.

    Items of the zoo split are asked of a second store, the corpus and the `zoo`'s reports together, by qa alone,
    so the other splits are scored on the corpus exactly as before. With QA_LLM_BASE_URL set, qa's answers are
    written by the LLM ("llm" mode, its own floors).
    """
    items = load_gold(gold)
    zoo_items = [i for i in items if i.split == ZOO_SPLIT]
    items = [i for i in items if i.split != ZOO_SPLIT]
    result = _evaluate(settings, items=items, gold=gold, corpus=corpus, baselines=baselines)
    if zoo_items and zoo is not None and corpus is not None:
        zoo_settings = settings.model_copy(update={"data_dir": settings.data_dir.parent / "zoo-data"})
        zoo_result = _evaluate(zoo_settings, items=zoo_items, gold=gold, corpus=corpus, baselines=False,
                               more=zoo_folders(zoo))
        mine = zoo_result.system(QaSystem.name)
        for system in result.systems:
            if system.name == QaSystem.name:
                system.by_split.update(mine.by_split)
                system.items.extend(mine.items)
        result.info["zoo"] = {"reports": zoo_result.info["reports"], "questions": len(zoo_items),
                              "ingest_s": zoo_result.info.get("ingest_s")}
        splits, zoo_splits = result.info.get("splits"), zoo_result.info.get("splits")
        if isinstance(splits, dict) and isinstance(zoo_splits, dict):
            splits.update(zoo_splits)
    elif zoo_items:
        result.info["zoo"] = f"{len(zoo_items)} zoo questions not asked: no --zoo folder (or no --corpus)"
    if zoo is not None:  # the zoo's metadata, read as ingest reads it, against what each report states
        metadata = score_metadata(zoo)
        for system in result.systems:
            if system.name == QaSystem.name:
                system.by_split.setdefault(ZOO_SPLIT, {}).update(metadata.metrics())
        result.info["zoo_metadata"] = {"reports": metadata.reports, "misses": metadata.misses}
    county = (gold if gold.is_dir() else gold.parent).parent / "county"
    if county.is_dir():  # the county's view (indicator table, required parts, themes) against eval/county
        metrics, info = county_metrics(county, corpus, zoo, make_embedder(settings))
        for system in result.systems:
            if system.name == QaSystem.name:
                system.by_split.setdefault(COUNTY_SPLIT, {}).update(metrics)
        result.info["county"] = info
    return result


def _evaluate(settings: Settings, *, items: list[GoldItem], gold: Path, corpus: Path | None, baselines: bool,
              more: Sequence[Path] = ()) -> EvalResult:
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
            summary = ingest([corpus, *more], store=store, embedder=embedder, max_chars=settings.chunk_max_chars)
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
