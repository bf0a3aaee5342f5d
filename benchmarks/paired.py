"""The cost of a change, measured paired: two versions of qa answer the same questions on one store, alternately.

    .venv/bin/python -m benchmarks.paired --data DIR --base REV [--rounds 20]

On a shared host the load comes and goes within minutes, so two benchmark runs made one after the other compare
the load as much as the code. Here one worker process runs `git archive REV` (the base) and one the working tree,
each with the store at DIR opened and warmed once; every round asks each question of both, in shuffled order, and
the latencies of the two are compared per kind (across all reports, one township) at p50 and p95. Load then falls
on both alike. The questions are benchmarks/scale.py's.
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.scale import ACROSS, SINGLE, pct

ROOT = Path(__file__).resolve().parent.parent
WORKER = """
import gc, sys, time
from pathlib import Path
from qa.answer.ask import extractive_answer
from qa.retrieval.embed import E5Small
from qa.store import Store
embedder = E5Small()
store = Store.open(Path(sys.argv[1]), embedder_name=embedder.name, dim=embedder.dim, owner=None, collection=sys.argv[2])
if not store.vectors.count():
    sys.exit(f"{sys.argv[1]}: no vectors in the collection {sys.argv[2]!r}")
store.warm()
gc.freeze()
print("ready", flush=True)
for line in sys.stdin:
    t = time.perf_counter()
    extractive_answer(line.strip(), store=store, embedder=embedder, k=8)
    print((time.perf_counter() - t) * 1000, flush=True)
"""


class Worker:
    """One version of qa (its source tree at `root`) answering questions from stdin, one latency per line."""

    def __init__(self, root: Path, data: Path, collection: str) -> None:
        self.process = subprocess.Popen([sys.executable, "-c", WORKER, str(data), collection], cwd=root, env={"PYTHONPATH": str(root)},
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        text=True)
        while self._line() != "ready":
            pass

    def _line(self) -> str:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError("a worker stopped: run its WORKER code by hand in that tree to see why")
        return line.strip()

    def ask(self, question: str) -> float:
        assert self.process.stdin is not None
        self.process.stdin.write(question + "\n")
        self.process.stdin.flush()
        return float(self._line())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="a store (e.g. benchmarks.scale --keep's x1000/data)")
    parser.add_argument("--base", required=True, help="the git revision to compare the working tree with")
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--collection", default="scale_1000",
                        help="the store's vectors (scale_1000 as benchmarks.scale --keep builds ×1000; qa_chunks from "
                             "`qa ingest`)")
    args = parser.parse_args()
    questions = [*ACROSS, *SINGLE]
    with tempfile.TemporaryDirectory() as base:
        archive = subprocess.run(["git", "archive", args.base], cwd=ROOT, check=True, capture_output=True).stdout
        subprocess.run(["tar", "x", "-C", base], input=archive, check=True)
        workers = {args.base: Worker(Path(base), args.data, args.collection),
                   "working tree": Worker(ROOT, args.data, args.collection)}
        try:
            for q in questions:  # warm both
                for w in workers.values():
                    w.ask(q)
            ms: dict[tuple[str, str], list[float]] = {(name, q): [] for name in workers for q in questions}
            shuffle = random.Random(0).shuffle
            for _ in range(args.rounds):
                for q in questions:
                    names = list(workers)
                    shuffle(names)
                    for name in names:
                        ms[(name, q)].append(workers[name].ask(q))
        finally:
            for w in workers.values():
                w.process.kill()
    for kind, group in (("across all reports", ACROSS), ("one township", SINGLE)):
        for name in workers:
            values = [v for q in group for v in ms[(name, q)]]
            print(f"  {kind:<20} {name:<14} p50 {statistics.median(values):7.1f}  p95 {pct(values, 95):7.1f} ms")


if __name__ == "__main__":
    main()
