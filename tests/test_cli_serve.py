"""The installed `qa` command for real: ingest twice, ask, list, then serve over uvicorn and ask over HTTP."""

import json
import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from tests.servers import free_port, start, stop

QA = [sys.executable, "-m", "qa.cli"]


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(QA + args, env=env, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory, corpus: Path) -> dict[str, str]:
    return {**os.environ, "QA_DATA_DIR": str(tmp_path_factory.mktemp("cli") / "data")}


@pytest.mark.slow
def test_ingest_ask_reports_serve(env: dict[str, str], corpus: Path, tmp_path: Path) -> None:
    first = run(["ingest", str(corpus)], env)
    assert first.returncode == 0, first.stderr
    assert "added 5, updated 0, unchanged 0, failed 0" in first.stdout
    again = run(["ingest", str(corpus)], env)
    assert "added 0, updated 0, unchanged 5, failed 0" in again.stdout

    asked = run(["ask", "--json", "唐驿镇有多少人领取了行政执法证？"], env)
    answer = json.loads(asked.stdout)
    assert any("共14名" in c["text"] for c in answer["citations"])

    listing = run(["reports"], env).stdout
    for township in ("塔布勒合特蒙古民族乡", "后台乡", "嘎美乡", "五十一团唐驿镇", "色务乡"):
        assert township in listing

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start(QA + ["serve", "--port", str(port)], url=f"{base}/healthz", log=tmp_path / "serve.log", env=env)
    try:
        body = httpx.post(f"{base}/api/ask", json={"question": "哪些乡镇聘请了村法律顾问？"}, timeout=60).json()
        assert {c["township"] for c in body["citations"]} == {"塔布勒合特蒙古民族乡", "后台乡"}
    finally:
        stop(server)
