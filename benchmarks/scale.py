"""Query latency, concurrency and server memory at ×1, ×100 and ×1000 of the real corpus.

    .venv/bin/python -m benchmarks.scale [--sizes 1,100,1000] [--reps 3] [--keep DIR] [--data DIR]

Corpus ×N = the five real reports plus 5·(N−1) copies with township names, years and numbers varied
(benchmarks/variants.py), ingested through the normal pipeline. Building ×1000 by embedding every chunk
would take hours on two cores, so a copy's chunks reuse the vector of the source chunk they were made
from (the count of reused and nearest-matched vectors is printed). Queries are always embedded for real.

For each size, in-process: retrieval alone (filters + hybrid search) and the extractive answer, for
questions about one township and questions across all reports, one client and 8 concurrent clients
(threads); the same questions through a dense-only Chroma query and through the plain LlamaIndex
pipeline of the eval harness (its nodes reuse vectors the same way), as ratios. Then `qa serve` on the
store, 8 concurrent HTTP clients on /api/ask, and the server's peak RSS.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

from benchmarks.servers import free_port, qa_serve, rss_mb, start
from benchmarks.variants import ReusedVectors, variants
from qa.answer.ask import extractive_answer
from qa.ingest.chunk import chunk
from qa.ingest.pipeline import SENTENCE_CHARS, embed_text, evidence_spans, ingest, read_report
from qa.ingest.sections import parse_sections
from qa.retrieval.embed import E5Small
from qa.retrieval.filters import parse_filters
from qa.retrieval.hybrid import search
from qa.store import Registry, Store

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
K = 8
CLIENTS = 8

# About one township (a real one: it is in every corpus size) and across every report.
SINGLE = [
    "唐驿镇有多少人领取了行政执法证？", "色务乡开展了多少次治安巡逻？", "后台乡配置了几名专职调解员？",
    "嘎美乡开展了多少场国家安全教育宣传？", "塔布勒合特蒙古民族乡2023年受理了多少调解案件？",
    "唐驿镇下一步有什么工作打算？", "后台乡怎样开展普法宣传？", "色务乡聘请法律顾问了吗？",
]
ACROSS = [
    "哪些乡镇聘请了村法律顾问？", "各乡镇普遍存在哪些问题？", "哪个乡镇受理的调解案件最多？",
    "哪些乡镇开展了民法典宣传？",
]


def pct(values: Sequence[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def row(name: str, ms: Sequence[float], wall: float | None = None) -> str:
    rate = f"  {len(ms) / wall:6.1f} q/s" if wall else ""
    return (f"  {name:<44} n={len(ms):<4} p50 {statistics.median(ms):8.1f}  p95 {pct(ms, 95):8.1f}  "
            f"p99 {pct(ms, 99):8.1f} ms{rate}")


def timed(fn: Callable[[str], object], questions: Sequence[str], reps: int) -> list[float]:
    """One client: each question `reps` times, in turn."""
    fn(questions[0])  # warm caches before timing
    out = []
    for _ in range(reps):
        for q in questions:
            t = time.perf_counter()
            fn(q)
            out.append((time.perf_counter() - t) * 1000)
    return out


def concurrent(fn: Callable[[str], object], questions: Sequence[str], reps: int) -> tuple[list[float], float]:
    """CLIENTS clients at once, each asking every question `reps` times; latencies and wall time."""
    def client(offset: int) -> list[float]:
        out = []
        for i in range(reps * len(questions)):
            q = questions[(i + offset) % len(questions)]
            t = time.perf_counter()
            fn(q)
            out.append((time.perf_counter() - t) * 1000)
        return out

    started = time.perf_counter()
    with ThreadPoolExecutor(CLIENTS) as pool:
        latencies = [ms for part in pool.map(client, range(CLIENTS)) for ms in part]
    return latencies, time.perf_counter() - started


def build(size: int, tmp: Path, sources: list, reuse: ReusedVectors, chroma_url: str | None = None
          ) -> tuple[Store, float]:
    folder = tmp / "copies"
    folder.mkdir(parents=True)
    for i, (name, text) in enumerate(variants(sources, 5 * (size - 1))):
        (folder / f"{i:06d}-{name}.txt").write_text(text, encoding="utf-8")
    store = Store.open(tmp / "data", embedder_name=reuse.name, dim=reuse.dim, chroma_url=chroma_url,
                       collection=f"scale_{size}")
    summary = ingest([CORPUS, folder], store=store, embedder=reuse, max_chars=300)
    if summary.counts["failed"]:
        sys.exit(f"ingest failed: {[r.reason for r in summary.results if r.status == 'failed'][:3]}")
    return store, summary.seconds


def llamaindex_retriever(store: Store, node_vectors: ReusedVectors):  # type: ignore[no-untyped-def]
    from llama_index.core import VectorStoreIndex
    from llama_index.core.node_parser import SentenceSplitter

    from qa.eval.llamaindex import QaEmbedding, report_documents
    from qa.eval.systems import RANKED

    started = time.perf_counter()
    index = VectorStoreIndex.from_documents(report_documents(store), transformations=[SentenceSplitter()],
                                            embed_model=QaEmbedding(node_vectors))
    retriever = index.as_retriever(similarity_top_k=RANKED)
    return retriever, len(index.docstore.docs), time.perf_counter() - started


def node_texts(store: Store, sources: list) -> list[str]:
    """What LlamaIndex embeds for the real reports' nodes (text with its embed metadata)."""
    from llama_index.core.node_parser import SentenceSplitter
    from llama_index.core.schema import MetadataMode

    from qa.eval.llamaindex import report_documents

    real = {r.id for r in sources}
    nodes = SentenceSplitter().get_nodes_from_documents([d for d in report_documents(store) if d.doc_id in real])
    return [n.get_content(metadata_mode=MetadataMode.EMBED) for n in nodes]


def chroma_server(path: Path) -> tuple[subprocess.Popen[bytes], str]:
    """`chroma run` on loopback, storing in `path`; (process, url) once its heartbeat answers."""
    port = free_port()
    chroma = str(Path(sys.executable).parent / "chroma")
    return start([chroma, "run", "--host", "127.0.0.1", "--port", str(port), "--path", str(path)],
                 ready_path="/api/v2/heartbeat", port=port)


def serve(data_dir: Path, reps: int, chroma: tuple[subprocess.Popen[bytes], str] | None = None,
          collection: str = "qa_chunks") -> list[str]:
    """`qa serve` on the store; CLIENTS concurrent clients on /api/ask; latencies and the server's peak RSS."""
    # a load test, not abuse; the vectors' collection named whether embedded or on a server (until the 16th session
    # the embedded server opened the default one, empty: its figures had no dense half, its RSS no HNSW index)
    env = {**os.environ, "QA_DATA_DIR": str(data_dir), "QA_RATE_LIMIT": "0", "QA_CHROMA_COLLECTION": collection}
    if chroma:
        env |= {"QA_CHROMA_URL": chroma[1]}
    env.pop("QA_LLM_BASE_URL", None)
    started = time.perf_counter()
    server, base = qa_serve(env)
    lines = []
    try:
        ready = time.perf_counter() - started
        rss_ready = rss_mb(server.pid, "VmRSS")
        with httpx.Client(base_url=base, timeout=300) as c:
            def ask(q: str) -> None:
                r = c.post("/api/ask", json={"question": q})
                r.raise_for_status()

            lines.append(row("HTTP /api/ask one township, 1 client", timed(ask, SINGLE, reps)))
            lines.append(row("HTTP /api/ask across all, 1 client", timed(ask, ACROSS, reps)))
            kinds: dict[str, list[float]] = {"one township": [], "across": []}

            def ask_kind(q: str) -> None:
                t = time.perf_counter()
                ask(q)
                kinds["across" if q in ACROSS else "one township"].append((time.perf_counter() - t) * 1000)

            ms, wall = concurrent(ask_kind, SINGLE + ACROSS, reps)
            lines.append(row(f"HTTP /api/ask mixed 2:1, {CLIENTS} clients", ms, wall))
            for kind, kind_ms in kinds.items():
                lines.append(row(f"  of which {kind}", kind_ms))
        chroma_rss = f"; the Chroma server's peak RSS {rss_mb(chroma[0].pid, 'VmHWM'):.0f} MB" if chroma else ""
        lines.insert(0, f"  server ready in {ready:.1f} s, RSS {rss_ready:.0f} MB; peak RSS after the load "
                        f"{rss_mb(server.pid, 'VmHWM'):.0f} MB{chroma_rss}")
    finally:
        server.terminate()
        server.wait()
    return lines


def county_view(store: Store, reps: int) -> None:
    """The county's indicator table for its largest county's reports (the issue's target: < 1 s at ×1000), and the
    whole table exported as .xlsx (< 30 s)."""
    from collections import Counter

    from qa.county.export import to_xlsx
    from qa.county.indicators import county_table

    county, n = Counter(r.meta.county for r in store.reports() if r.meta.county).most_common(1)[0]
    one = []
    for _ in range(reps):
        started = time.perf_counter()
        county_table(store.registry, county=county)
        one.append((time.perf_counter() - started) * 1000)
    print(row(f"indicator table, one county ({county}: {n} reports)", one))
    started = time.perf_counter()
    book = to_xlsx(county_table(store.registry))
    print(f"  indicator table, every report ({len(store.reports())}) exported as .xlsx: "
          f"{time.perf_counter() - started:.1f} s, {len(book) / 2**20:.1f} MB")


def measure(store: Store, embedder: E5Small, node_vectors: ReusedVectors, reps: int) -> None:
    """Print the in-process latency rows for one corpus size: qa first, then the baselines."""
    def retrieve(q: str) -> None:
        filters = parse_filters(q, store.reports())
        search(q, store=store, embedder=embedder, k=K, report_ids=filters.report_ids)

    def answer(q: str) -> None:
        extractive_answer(q, store=store, embedder=embedder, k=K)

    def dense(q: str) -> None:
        store.vectors.query(embedder.embed_query(q), k=K)

    ms = {"retrieval": timed(retrieve, SINGLE, reps), "answer": timed(answer, SINGLE, reps),
          "across": timed(answer, ACROSS, reps)}
    print(row("retrieval, one township", ms["retrieval"]))
    print(row("extractive answer, one township", ms["answer"]))
    print(row("extractive answer, across all reports", ms["across"]))
    for name, fn, questions in (("retrieval", retrieve, SINGLE), ("extractive answer", answer, SINGLE),
                                ("extractive answer, across", answer, ACROSS)):
        latencies, wall = concurrent(fn, questions, 1 if questions is ACROSS else reps)
        print(row(f"{name}{', one township' if questions is SINGLE else ''}, {CLIENTS} clients", latencies, wall))

    county_view(store, reps)
    ms["dense"], ms["dense across"] = timed(dense, SINGLE, reps), timed(dense, ACROSS, reps)
    retriever, nodes, li_build = llamaindex_retriever(store, node_vectors)
    ms["llamaindex"], ms["llamaindex across"] = timed(retriever.retrieve, SINGLE, reps), \
        timed(retriever.retrieve, ACROSS, reps)
    del retriever
    gc.collect()
    print(row("dense-only Chroma query (k=8), one township", ms["dense"]))
    print(row("dense-only Chroma query (k=8), across", ms["dense across"]))
    print(row(f"LlamaIndex retriever ({nodes} nodes, top-10), one township", ms["llamaindex"]))
    print(row("LlamaIndex retriever, across", ms["llamaindex across"]))
    p95 = {name: pct(v, 95) for name, v in ms.items()}
    print(f"  p95 ratios, one township: retrieval / dense-only {p95['retrieval'] / p95['dense']:.2f}, "
          f"retrieval / LlamaIndex {p95['retrieval'] / p95['llamaindex']:.2f}, "
          f"answer / LlamaIndex {p95['answer'] / p95['llamaindex']:.2f}; across: answer (every report checked) / "
          f"LlamaIndex top-10 {p95['across'] / p95['llamaindex across']:.2f}, / dense-only top-8 "
          f"{p95['across'] / p95['dense across']:.2f} (LlamaIndex index built in {li_build:.0f} s)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1,100,1000")
    parser.add_argument("--reps", type=int, default=3, help="rounds over the question set per measurement")
    parser.add_argument("--data", type=Path, help="measure this existing data directory instead of building")
    parser.add_argument("--collection", help="its vectors' collection (default: scale_<size> as --keep builds it, for "
                                             "the size its report count makes; qa_chunks for a store of `qa ingest`)")
    parser.add_argument("--keep", type=Path, help="build each size in DIR/x<size> and keep it (for --data, profiling)")
    parser.add_argument("--chroma-server", action="store_true",
                        help="keep the vectors on a `chroma run` server on loopback (QA_CHROMA_URL), not embedded")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    embedder = E5Small()
    sources = [read_report(p) for p in sorted(CORPUS.iterdir()) if not p.name.startswith("README")]
    chunks = {r.id: chunk(r.id, r.text, parse_sections(r.text), max_chars=300) for r in sources}
    chunk_texts = [embed_text(c) for r in sources for c in chunks[r.id]]
    # the evidence sentences, whose vectors ingest stores too: a copy's sentence reuses its source sentence's
    sentence_texts = [r.text[s:min(e, s + SENTENCE_CHARS)] for r in sources for s, e in evidence_spans(chunks[r.id])]
    started = time.perf_counter()
    reuse = ReusedVectors(embedder, sources, chunk_texts + sentence_texts)
    print(f"source vectors: {len(chunk_texts)} chunks of {len(sources)} reports embedded in "
          f"{time.perf_counter() - started:.1f} s; copies reuse them")
    node_vectors: ReusedVectors | None = None

    chroma = None
    if args.chroma_server:
        chroma_dir = tempfile.TemporaryDirectory()
        chroma = chroma_server(Path(chroma_dir.name))
        print(f"vectors on a Chroma server: {chroma[1]} (chroma run)")
    for size in [0] if args.data else sizes:
        with tempfile.TemporaryDirectory() as scratch:
            tmp = str(args.keep / f"x{size}") if args.keep else scratch
            reuse.exact = reuse.closest = 0
            if args.data:
                registry = Registry(args.data / "registry.sqlite3")
                size = len(registry.reports()) // len(sources)
                registry.close()
                collection = args.collection or f"scale_{size}"
                store, seconds = Store.open(args.data, embedder_name=reuse.name, dim=reuse.dim,
                                            collection=collection), 0.0
                if not store.vectors.count():
                    sys.exit(f"{args.data}: no vectors in the collection {collection!r}; name it with --collection")
            else:
                collection = f"scale_{size}"
                store, seconds = build(size, Path(tmp), sources, reuse, chroma[1] if chroma else None)
            warm = time.perf_counter()
            store.warm()  # as `qa serve` does before its first question (and gc.freeze, below)
            gc.freeze()
            warm = time.perf_counter() - warm
            reports, vectors = len(store.reports()), store.vectors.count()
            print(f"\n×{size}: {reports} reports, {vectors} chunk vectors, built in {seconds:.0f} s "
                  f"(copies' vectors: {reuse.exact} reused exactly, {reuse.closest} from the nearest source chunk); "
                  f"warmed in {warm:.1f} s")
            if node_vectors is None:
                node_vectors = ReusedVectors(embedder, sources, node_texts(store, sources))

            measure(store, embedder, node_vectors, args.reps)
            data_dir = store.data_dir
            store.close()
            for line in serve(data_dir, args.reps, chroma, collection):
                print(line)
            sys.stdout.flush()
    if chroma:
        chroma[0].terminate()
        chroma[0].wait()


if __name__ == "__main__":
    main()
