"""Does embedding in parallel batches speed ingestion up on this machine? Measured, not assumed.

    .venv/bin/python -m benchmarks.embed_parallel [--repeat 2]

The same chunk texts as ingest embeds (the corpus, section path + chunk), embedded by the bundled
e5-small engine: in one process with batch sizes 1…64 and its default OpenMP threads, then split
over 2 worker processes (1 OpenMP thread each, and default threads each). Each configuration runs in
a fresh process, since OMP_NUM_THREADS is read when the engine loads.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def texts(repeat: int) -> list[str]:
    from qa.ingest.chunk import chunk
    from qa.ingest.pipeline import embed_text, read_report
    from qa.ingest.sections import parse_sections

    reports = [read_report(p) for p in sorted(CORPUS.iterdir()) if not p.name.startswith("README")]
    return [embed_text(c) for r in reports for c in chunk(r.id, r.text, parse_sections(r.text), max_chars=300)] * repeat


def _embed(part: list[str], batch: int) -> float:
    import time

    from qa.retrieval.embed import E5Small, embed_in_batches

    embedder = E5Small()
    embedder.embed_query("预热")
    started = time.perf_counter()
    embed_in_batches(embedder, part, batch=batch)
    return time.perf_counter() - started


def run(config: dict[str, int]) -> float:
    """One configuration, timed inside the worker(s) after the engine is loaded (wall time of the slowest)."""
    all_texts = texts(config["repeat"])
    if config["workers"] == 1:
        return _embed(all_texts, config["batch"])
    parts = [all_texts[i::config["workers"]] for i in range(config["workers"])]
    with ProcessPoolExecutor(config["workers"]) as pool:
        return max(pool.map(_embed, parts, [config["batch"]] * len(parts)))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=2, help="embed the corpus chunks this many times")
    parser.add_argument("--config", help=argparse.SUPPRESS)  # internal: run one configuration and print seconds
    args = parser.parse_args()
    if args.config:
        print(run(json.loads(args.config)))
        return
    n = len(texts(args.repeat))
    configs = [("1 process, default threads", {"workers": 1, "batch": b}, {}) for b in (1, 8, 16, 32, 64)]
    configs += [("2 processes, 1 thread each", {"workers": 2, "batch": 16}, {"OMP_NUM_THREADS": "1"}),
                ("2 processes, default threads each", {"workers": 2, "batch": 16}, {}),
                ("1 process, 1 thread", {"workers": 1, "batch": 16}, {"OMP_NUM_THREADS": "1"})]
    print(f"{n} chunk texts ({args.repeat}× the corpus), {os.cpu_count()} cores")
    for name, config, env in configs:
        out = subprocess.run([sys.executable, "-m", "benchmarks.embed_parallel", "--config",
                              json.dumps({**config, "repeat": args.repeat})],
                             env={**os.environ, **env}, capture_output=True, text=True, check=True)
        seconds = float(out.stdout.strip().splitlines()[-1])
        print(f"  {name:<36} batch {config['batch']:>3}: {seconds:6.2f} s  {n / seconds:5.1f} chunks/s")


if __name__ == "__main__":
    main()
