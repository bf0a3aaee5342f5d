"""Ingestion against the embedder's own limit, and re-ingest of an unchanged corpus per 100 reports.

    .venv/bin/python benchmarks/ingest_throughput.py [--reports 100]

The embedder's throughput is measured on the very texts ingest embeds (section path + chunk), in the
same run, so the ratio ingest/embedder is qa's own overhead.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from benchmarks.variants import variants
from qa.ingest.chunk import chunk
from qa.ingest.pipeline import embed_text, ingest, read_report
from qa.ingest.sections import parse_sections
from qa.retrieval.embed import E5Small, embed_in_batches
from qa.store import Store

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=100, help="size of the corpus for the unchanged re-ingest")
    args = parser.parse_args()
    embedder = E5Small()
    sources = [read_report(p) for p in sorted(CORPUS.iterdir()) if not p.name.startswith("README")]
    texts = [embed_text(c) for r in sources for c in chunk(r.id, r.text, parse_sections(r.text), max_chars=300)]
    chars = sum(len(r.text) for r in sources)

    embedder.embed_query("预热")  # load the engine before timing
    t = time.perf_counter()
    embed_in_batches(embedder, texts)
    embed_s = time.perf_counter() - t
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp) / "data", embedder_name=embedder.name, dim=embedder.dim)
        summary = ingest([CORPUS], store=store, embedder=embedder, max_chars=300)
        store.close()
    print(f"corpus: {len(sources)} reports, {chars} chars, {len(texts)} chunks")
    print(f"embedder alone on the same {len(texts)} texts: {embed_s:.2f} s "
          f"({chars / embed_s:.0f} chars/s, {len(texts) / embed_s:.1f} chunks/s)")
    print(f"ingest: {summary.seconds:.2f} s ({chars / summary.seconds:.0f} chars/s, "
          f"{summary.chunks_written / summary.seconds:.1f} chunks/s); overhead ratio {summary.seconds / embed_s:.3f}x")

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "reports"
        folder.mkdir()
        for i, (name, text) in enumerate(variants(sources, args.reports)):
            (folder / f"{i:05d}-{name}.txt").write_text(text, encoding="utf-8")
        store = Store.open(Path(tmp) / "data", embedder_name=embedder.name, dim=embedder.dim)
        first = ingest([folder], store=store, embedder=embedder, max_chars=300)
        again = ingest([folder], store=store, embedder=embedder, max_chars=300)
        store.close()
    per100 = again.seconds / args.reports * 100
    print(f"{args.reports} varied reports: first ingest {first.seconds:.1f} s ({first.counts}); "
          f"unchanged re-ingest {again.seconds * 1000:.0f} ms = {per100 * 1000:.0f} ms per 100 reports")


if __name__ == "__main__":
    main()
