"""Soak: many clients asking over loopback for a while, with uploads and deletes going on; every answer checked.

    .venv/bin/python -m benchmarks.soak [--clients 20] [--seconds 60]     (make soak)

Starts `qa serve` on the corpus, records each question's answer alone, then runs the clients while an admin
uploads and deletes unrelated reports in a loop. Every answer must be a 200 equal to the one recorded
alone (refused or not, and every cited passage): an ingest going on changes no answer it does not concern
and fails no question. Prints throughput, latency percentiles and the error count; exits 1 on any error.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from benchmarks.servers import qa_serve, rss_mb

REPO = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("QA_TEST_CORPUS", REPO.parent / "shared" / "corpus"))
USER, ADMIN = "soak-user", "soak-admin"
QUESTIONS = ["唐驿镇有多少人领取了行政执法证？", "哪些乡镇聘请了村法律顾问？", "后台乡配置了几名专职调解员？",
             "色务乡存在哪些问题？", "嘎美乡开展了哪些法治宣传活动？", "各乡镇受理了多少件矛盾纠纷？"]
# Uploaded and deleted while the clients ask: reports on a subject none of the questions touch.
CHURN = ["{town}2024年度安全生产工作报告\n一、主要做法\n开展消防演练{n}次，排查隐患{n}处。\n二、存在问题\n设施老化。\n"]


@dataclass
class Tally:
    """What the clients saw."""

    latencies: list[float] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)
    uploads: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def pct(self, p: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(p * len(ordered)))] if ordered else float("nan")


def fingerprint(body: dict) -> tuple[bool, tuple[tuple[str, int, int], ...]]:  # type: ignore[type-arg]
    """What must not change while unrelated reports come and go: whether it answers, and every passage it cites.

    (Not the text itself: an answer across reports says how many it checked, and that number does change.)
    """
    return body["refused"], tuple((c["report_id"], c["start"], c["end"]) for c in body["citations"])


def run(base: str, *, clients: int, seconds: float, churn: bool = True) -> Tally:
    """`clients` threads asking QUESTIONS for `seconds`, one admin uploading and deleting (unless not `churn`);
    every answer checked."""
    user = httpx.Client(base_url=base, headers={"Authorization": f"Bearer {USER}"}, timeout=120)
    expected = {q: fingerprint(user.post("/api/ask", json={"question": q}).json()) for q in QUESTIONS}
    tally, stop = Tally(), time.monotonic() + seconds

    def client(offset: int) -> None:
        c = httpx.Client(base_url=base, headers={"Authorization": f"Bearer {USER}"}, timeout=120)
        i = offset
        while time.monotonic() < stop:
            q = QUESTIONS[i % len(QUESTIONS)]
            i += 1
            t = time.perf_counter()
            try:
                r = c.post("/api/ask", json={"question": q})
                problem = None if r.status_code == 200 else f"HTTP {r.status_code}: {r.text[:120]}"
                if problem is None and fingerprint(r.json()) != expected[q]:
                    problem = f"a different answer to {q}"
            except httpx.HTTPError as e:
                problem = f"{type(e).__name__}: {e}"
            with tally.lock:
                tally.latencies.append((time.perf_counter() - t) * 1000)
                if problem:
                    tally.errors[problem] += 1

    def uploader() -> None:
        admin = httpx.Client(base_url=base, headers={"Authorization": f"Bearer {ADMIN}"}, timeout=300)
        n = 0
        while time.monotonic() < stop:
            n += 1
            files = [("files", (f"churn-{n}-{k}.txt", CHURN[0].format(town=f"测试{n}{k}镇", n=n + k).encode(),
                                "text/plain")) for k in range(2)]
            r = admin.post("/api/reports", files=files)
            added = [f["report_id"] for f in r.json()["files"] if f["status"] == "added"] if r.status_code == 200 else []
            for rid in added:
                admin.delete(f"/api/reports/{rid}")
            with tally.lock:
                tally.uploads += 1
                if r.status_code != 200 or len(added) != 2:
                    tally.errors[f"upload: HTTP {r.status_code} {r.text[:120]}"] += 1

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    if churn:
        threads.append(threading.Thread(target=uploader))
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    tally.seconds = time.monotonic() - started  # type: ignore[attr-defined]
    return tally


def serve_corpus(tmp: Path) -> tuple[subprocess.Popen[bytes], str]:
    """`qa serve` over the corpus in a fresh data dir, keys set, rate limit off (one key, many clients)."""
    env = {**os.environ, "QA_DATA_DIR": str(tmp / "data"), "QA_API_KEYS": USER, "QA_ADMIN_KEYS": ADMIN,
           "QA_RATE_LIMIT": "0"}
    subprocess.run([sys.executable, "-m", "qa.cli", "ingest", str(CORPUS)], env=env, check=True, capture_output=True)
    return qa_serve(env)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--no-churn", action="store_true", help="Questions only: no uploads and deletes meanwhile.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        server, base = serve_corpus(Path(tmp))
        try:
            rss_before = rss_mb(server.pid)
            tally = run(base, clients=args.clients, seconds=args.seconds, churn=not args.no_churn)
            rss_after, rss_peak = rss_mb(server.pid), rss_mb(server.pid, "VmHWM")
        finally:
            server.terminate()
            server.wait()
    n, secs = len(tally.latencies), tally.seconds  # type: ignore[attr-defined]
    print(f"{args.clients} clients, {secs:.0f} s on loopback, {len(QUESTIONS)} questions in turn, "
          f"{tally.uploads} upload+delete rounds of 2 reports meanwhile")
    print(f"answers {n}, throughput {n / secs:.1f} q/s, latency p50 {tally.pct(0.5):.0f} ms, "
          f"p95 {tally.pct(0.95):.0f} ms, p99 {tally.pct(0.99):.0f} ms, max {max(tally.latencies):.0f} ms")
    print(f"qa serve RSS {rss_before:.0f} MB before, {rss_after:.0f} MB after, peak {rss_peak:.0f} MB")
    print(f"errors {sum(tally.errors.values())}" + "".join(f"\n  {k}: {v}" for k, v in tally.errors.items()))
    if tally.errors:
        sys.exit(1)


if __name__ == "__main__":
    main()
