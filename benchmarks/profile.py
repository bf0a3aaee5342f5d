"""Where a question's time goes on a large corpus: pyinstrument's call tree, after a warm-up.

    .venv/bin/python -m benchmarks.profile --size 100 "哪些乡镇聘请了村法律顾问？" ["…" …]
    .venv/bin/python -m benchmarks.profile --data /tmp/s1000/data "…"      # an existing store

The corpus is built as in benchmarks.scale (the real reports plus varied copies that reuse vectors).
"""

from __future__ import annotations

import argparse
import gc
import tempfile
import time
from pathlib import Path

from pyinstrument import Profiler

from benchmarks.scale import CORPUS, build
from benchmarks.variants import ReusedVectors
from qa.answer.ask import extractive_answer
from qa.ingest.chunk import chunk
from qa.ingest.pipeline import embed_text, read_report
from qa.ingest.sections import parse_sections
from qa.retrieval.embed import E5Small
from qa.store import Store


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("questions", nargs="+")
    parser.add_argument("--size", type=int, default=100, help="corpus ×N to build")
    parser.add_argument("--data", type=Path, help="profile an existing data directory instead")
    args = parser.parse_args()
    embedder = E5Small()
    with tempfile.TemporaryDirectory() as tmp:
        if args.data:
            store = Store.open(args.data, embedder_name=embedder.name, dim=embedder.dim)
        else:
            sources = [read_report(p) for p in sorted(CORPUS.iterdir()) if not p.name.startswith("README")]
            texts = [embed_text(c) for r in sources
                     for c in chunk(r.id, r.text, parse_sections(r.text), max_chars=300)]
            store, _ = build(args.size, Path(tmp), sources, ReusedVectors(embedder, sources, texts))
        store.warm()
        gc.freeze()
        print(f"{len(store.reports())} reports, {len(store.keyword.ids)} chunks")
        for q in args.questions:
            extractive_answer(q, store=store, embedder=embedder, k=8)  # warm-up
        profiler = Profiler(interval=0.001)
        profiler.start()
        for q in args.questions:
            started = time.perf_counter()
            answer = extractive_answer(q, store=store, embedder=embedder, k=8)
            print(f"{q}: {(time.perf_counter() - started) * 1000:.0f} ms, {len(answer.citations)} citations")
        profiler.stop()
        print(profiler.output_text(unicode=True, color=False))
        store.close()


if __name__ == "__main__":
    main()
