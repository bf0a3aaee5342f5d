"""Who may write a data folder: one qa process at a time, and a registry locked by anything else is a clear error."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from qa.errors import StoreError
from qa.store import Store
from tests.conftest import app_over, copy_data
from tests.servers import free_port, start, stop

pytestmark = pytest.mark.corpus
REPORT = "甲乡2024年度法治政府建设情况报告\n一、主要做法\n全乡共受理调解案件17件，调解成功16件。\n二、存在问题\n人员不足。\n"


def qa(args: list[str], data: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "qa.cli", *args], capture_output=True, text=True, timeout=600,
                          env={**os.environ, "QA_DATA_DIR": str(data), **env})


@pytest.fixture
def held(corpus_data: Path, tmp_path: Path) -> Iterator[tuple[Path, sqlite3.Connection]]:
    """A copy of the corpus store whose registry another program holds in a write transaction."""
    data = copy_data(corpus_data, tmp_path / "data")
    other = sqlite3.connect(data / "registry.sqlite3", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    yield data, other
    other.execute("ROLLBACK")
    other.close()


def test_ingest_into_a_locked_registry_says_so_in_one_line(held: tuple[Path, sqlite3.Connection],
                                                          tmp_path: Path) -> None:
    data, _ = held
    (tmp_path / "new").mkdir()
    (tmp_path / "new" / "甲乡.txt").write_text(REPORT, encoding="utf-8")
    r = qa(["ingest", str(tmp_path / "new")], data, QA_LOCK_TIMEOUT="0.2")
    assert r.returncode != 0
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in r.stderr, r.stderr
    assert lines[0].startswith("error: ") and "registry.sqlite3 is locked by another process" in lines[0]
    assert "try again" in lines[0]


def test_the_api_answers_503_with_a_reason_while_the_registry_is_locked(held: tuple[Path, sqlite3.Connection],
                                                                        embedder) -> None:  # type: ignore[no-untyped-def]
    data, other = held
    store = Store.open(data, embedder_name=embedder.name, dim=embedder.dim, lock_timeout=0.2)
    try:
        with TestClient(app_over(store, embedder, rate_limit=0)) as client:
            upload = client.post("/api/reports", files=[("files", ("甲乡.txt", REPORT.encode(), "text/plain"))])
            assert upload.status_code == 503 and upload.headers["Retry-After"] == "5"
            assert upload.json()["error"] == "StoreBusyError" and "is locked by another process" in upload.json()["detail"]
            rid = client.get("/api/reports").json()[0]["id"]
            gone = client.delete(f"/api/reports/{rid}")
            assert gone.status_code == 503 and "is locked" in gone.json()["detail"]
            # questions only read: they are answered all the same
            asked = client.post("/api/ask", json={"question": "唐驿镇有多少人领取了行政执法证？"})
            assert asked.status_code == 200 and "14名" in asked.json()["answer"]
            other.execute("ROLLBACK")  # the other program is done: the same upload goes in
            other.execute("BEGIN")
            assert client.post("/api/reports", files=[("files", ("甲乡.txt", REPORT.encode(), "text/plain"))]
                               ).json()["added"] == 1
            assert len(client.get("/api/reports").json()) == 6
    finally:
        store.close()


def test_a_second_writer_is_refused_while_the_first_holds_the_folder(tmp_path: Path, embedder) -> None:  # type: ignore[no-untyped-def]
    data, empty = tmp_path / "data", tmp_path / "empty"
    empty.mkdir()
    first = Store.open(data, embedder_name=embedder.name, dim=embedder.dim, owner="qa ingest")
    try:
        r = qa(["ingest", str(empty)], data)  # another process
        assert r.returncode == 2 and f"is being written by qa ingest (pid {os.getpid()}" in r.stderr
        assert "wait for it to finish" in r.stderr
        reader = Store.open(data, embedder_name=embedder.name, dim=embedder.dim, owner=None)  # reading is fine
        with pytest.raises(StoreError, match="opened to read only"):
            reader.delete_report("0" * 16)
        reader.close()
    finally:
        first.close()
    r = qa(["ingest", str(empty)], data)
    assert r.returncode == 0 and "added 0" in r.stdout  # released when the first closed


def test_ingest_beside_a_running_server_is_refused_and_uploads_take_its_place(corpus_data: Path,
                                                                             tmp_path: Path) -> None:
    """`qa ingest NEWFOLDER` while `qa serve` runs on the same folder: refused with a one-line reason that says how
    to add the reports instead; the server goes on answering from every vector; `qa check` reads what it serves."""
    data = copy_data(corpus_data, tmp_path / "data")
    (tmp_path / "new").mkdir()
    (tmp_path / "new" / "甲乡.txt").write_text(REPORT, encoding="utf-8")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start([sys.executable, "-m", "qa.cli", "serve", "--port", str(port)], url=f"{base}/readyz",
                   log=tmp_path / "serve.log", env={**os.environ, "QA_DATA_DIR": str(data), "QA_RATE_LIMIT": "0"})
    try:
        refused = qa(["ingest", str(tmp_path / "new")], data)
        assert refused.returncode == 2 and len(refused.stderr.strip().splitlines()) == 1, refused.stderr
        assert f"is being written by qa serve (pid {server.pid}" in refused.stderr
        assert "POST /api/reports" in refused.stderr
        assert qa(["reports"], data).stdout.strip().endswith("5 reports")  # nothing was written

        added = httpx.post(f"{base}/api/reports", timeout=300,
                           files=[("files", ("甲乡.txt", REPORT.encode(), "text/plain"))]).json()
        assert added["added"] == 1
        asked = httpx.post(f"{base}/api/ask", json={"question": "甲乡受理了多少调解案件？"}, timeout=60).json()
        assert "17件" in asked["answer"] and not asked["warnings"]
        assert httpx.get(f"{base}/readyz", timeout=30).json()["status"] == "ready"
        check = qa(["check"], data)
        assert check.returncode == 0 and check.stdout.startswith("ok: 6 reports"), check.stdout + check.stderr
    finally:
        stop(server)
    starts = qa(["ingest", str(tmp_path / "new")], data)  # the server is gone: the folder is free again
    assert starts.returncode == 0 and "unchanged 1" in starts.stdout, starts.stderr
