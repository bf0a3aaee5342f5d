"""20 clients over loopback against a real `qa serve` while reports are uploaded and deleted: zero errors, and every
answer the one given alone. (`make soak` runs the same for 60 s and prints throughput and latency.)"""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.soak import run, serve_corpus

pytestmark = [pytest.mark.slow, pytest.mark.corpus]


def test_twenty_clients_during_uploads_and_deletes(tmp_path: Path, corpus: Path) -> None:
    server, base = serve_corpus(tmp_path)
    try:
        tally = run(base, clients=20, seconds=10)
    finally:
        server.terminate()
        server.wait()
    print(f"{len(tally.latencies)} answers, p95 {tally.pct(0.95):.0f} ms, {tally.uploads} upload rounds")
    assert not tally.errors, dict(tally.errors)
    assert tally.uploads >= 3 and len(tally.latencies) >= 40  # the churn and the questions did overlap
