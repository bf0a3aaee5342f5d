"""Latency of every HTTP endpoint over a real uvicorn server on the corpus (median of N calls, single client).

    .venv/bin/python benchmarks/endpoints.py [--n 20]

Starts `qa serve` on a fresh copy of the corpus store with an admin key, then times each call.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from benchmarks.servers import qa_serve

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
KEY = {"Authorization": "Bearer bench-admin"}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=20)
    n = parser.parse_args().n
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "QA_DATA_DIR": f"{tmp}/data", "QA_API_KEYS": "bench-user", "QA_ADMIN_KEYS": "bench-admin",
               "QA_RATE_LIMIT": "0"}
        subprocess.run([sys.executable, "-m", "qa.cli", "ingest", str(CORPUS)], env=env, check=True,
                       capture_output=True)
        server, base = qa_serve(env)
        try:
            run(base, n, Path(tmp))
        finally:
            server.terminate()
            server.wait()


def run(base: str, n: int, tmp: Path) -> None:
    c = httpx.Client(base_url=base, headers=KEY, timeout=120)
    rid = c.get("/api/reports").json()[0]["id"]
    one = {"question": "唐驿镇有多少人领取了行政执法证？"}
    across = {"question": "哪些乡镇聘请了村法律顾问？"}
    msgs = {"messages": [{"role": "user", "content": across["question"]}]}
    upload = tmp / "甲乡.txt"
    upload.write_text("甲乡2024年度法治政府建设情况报告\n一、主要做法\n全乡共受理调解案件17件。\n", encoding="utf-8")
    calls = [
        ("GET /healthz", lambda: c.get("/healthz")),
        ("GET /readyz", lambda: c.get("/readyz")),
        ("GET /", lambda: c.get("/")),
        ("GET /embed", lambda: c.get("/embed")),
        ("POST /api/ask (one township, how many)", lambda: c.post("/api/ask", json=one)),
        ("POST /api/ask (across 5 reports)", lambda: c.post("/api/ask", json=across)),
        ("POST /api/ask stream (SSE, to last event)", lambda: c.post("/api/ask", json={**across, "stream": True})),
        ("POST /api/chat", lambda: c.post("/api/chat", json=msgs)),
        ("POST /api/chat stream (SSE)", lambda: c.post("/api/chat", json={**msgs, "stream": True})),
        ("GET /v1/models", lambda: c.get("/v1/models")),
        ("POST /v1/chat/completions", lambda: c.post("/v1/chat/completions", json={"model": "qa", **msgs})),
        ("POST /v1/chat/completions stream", lambda: c.post("/v1/chat/completions",
                                                           json={"model": "qa", "stream": True, **msgs})),
        ("GET /api/reports", lambda: c.get("/api/reports")),
        ("GET /api/reports/{id}/text", lambda: c.get(f"/api/reports/{rid}/text", params={"start": 100, "end": 160})),
        ("POST /api/reports (upload 1 file, unchanged after the first)",
         lambda: c.post("/api/reports", files=[("files", (upload.name, upload.read_bytes(), "text/plain"))])),
    ]
    print(f"{'endpoint':58} {'median ms':>10} {'p95 ms':>8}  (n={n}, single client, loopback)")
    for name, call in calls:
        times = []
        for _ in range(n):
            t = time.perf_counter()
            r = call()
            times.append((time.perf_counter() - t) * 1000)
            assert r.status_code == 200, (name, r.status_code, r.text[:200])
        times.sort()
        print(f"{name:58} {statistics.median(times):10.1f} {times[max(0, int(0.95 * n) - 1)]:8.1f}")
    up = c.post("/api/reports", files=[("files", ("乙乡.txt", "乙乡2024年度报告\n一、做法\n培训3次。\n".encode(), "text/plain"))])
    new_id = next(f["report_id"] for f in up.json()["files"] if f["status"] == "added")
    t = time.perf_counter()
    assert c.delete(f"/api/reports/{new_id}").status_code == 200
    print(f"{'DELETE /api/reports/{id} (once)':58} {(time.perf_counter() - t) * 1000:10.1f}")


if __name__ == "__main__":
    main()
