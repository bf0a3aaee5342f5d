"""Ingest the corpus into a temporary store and print ingest time and per-question latency.

    .venv/bin/python benchmarks/query_latency.py [CORPUS]
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from qa.answer import ask
from qa.ingest.pipeline import ingest
from qa.retrieval.embed import E5Small
from qa.retrieval.hybrid import search
from qa.store import Store

QUESTIONS = [
    "哪些乡镇聘请了村法律顾问？", "唐驿镇有多少人领取了行政执法证？", "色务乡开展了多少次治安巡逻？",
    "后台乡配置了几名专职调解员？", "各乡镇普遍存在哪些问题？", "嘎美乡开展了多少场国家安全教育宣传？",
    "红旗镇聘请法律顾问了吗？", "塔布勒合特蒙古民族乡2023年受理了多少调解案件？",
]


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def main() -> None:
    corpus = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parents[1].parent / "shared/corpus")
    embedder = E5Small()
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp) / "data", embedder_name=embedder.name, dim=embedder.dim)
        summary = ingest([corpus], store=store, embedder=embedder, max_chars=300)
        chars = sum(r.chars for r in store.reports())
        print(f"ingest: {summary.counts['added']} reports, {chars} chars, {summary.chunks_written} chunks "
              f"in {summary.seconds:.1f} s ({chars / summary.seconds:.0f} chars/s)")
        again = ingest([corpus], store=store, embedder=embedder, max_chars=300)
        print(f"re-ingest unchanged: {again.seconds * 1000:.1f} ms")
        for name, fn in (("retrieval", lambda q: search(q, store=store, embedder=embedder, k=8)),
                         ("answer", lambda q: ask(q, store=store, embedder=embedder, k=8))):
            fn(QUESTIONS[0])  # warm up
            times = []
            for _ in range(5):
                for q in QUESTIONS:
                    t = time.perf_counter()
                    fn(q)
                    times.append((time.perf_counter() - t) * 1000)
            print(f"{name}: n={len(times)} p50 {statistics.median(times):.1f} ms  p95 {pct(times, 95):.1f} ms  "
                  f"max {max(times):.1f} ms")
        store.close()


if __name__ == "__main__":
    main()
