"""QA_CHROMA_URL: the vectors live on a real Chroma server (`chroma run` on loopback); ingest and ask work the same."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.servers import free_port, start, stop, until

pytestmark = [pytest.mark.corpus, pytest.mark.slow]


@pytest.fixture(scope="module")
def chroma_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    chroma = shutil.which("chroma", path=str(Path(sys.executable).parent))
    assert chroma, "the chroma CLI comes with the chromadb package"
    port = free_port()
    work = tmp_path_factory.mktemp("chroma-server")
    proc = start([chroma, "run", "--host", "127.0.0.1", "--port", str(port), "--path", str(work / "db")],
                 url=f"http://127.0.0.1:{port}/api/v2/heartbeat", log=work / "server.log")
    yield f"http://127.0.0.1:{port}"
    stop(proc)


def qa(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "qa.cli", *args], env=env, capture_output=True, text=True, timeout=600)


def test_ingest_and_ask_against_a_chroma_server(chroma_url: str, corpus: Path, tmp_path: Path) -> None:
    env = {**os.environ, "QA_DATA_DIR": str(tmp_path / "data"), "QA_CHROMA_URL": chroma_url,
           "QA_CHROMA_COLLECTION": "county_a"}
    first = qa(["ingest", str(corpus)], env)
    assert first.returncode == 0 and "added 5" in first.stdout, first.stderr
    assert not (tmp_path / "data" / "chroma").exists()  # no embedded Chroma: the vectors went to the server
    asked = qa(["ask", "--json", "哪些乡镇聘请了村法律顾问？"], env)
    assert asked.returncode == 0, asked.stderr
    assert '"township": "后台乡"' in asked.stdout and '"township": "塔布勒合特蒙古民族乡"' in asked.stdout

    import chromadb

    host, port = chroma_url.rsplit(":", 1)
    client = chromadb.HttpClient(host=host.removeprefix("http://"), port=int(port))
    assert client.get_collection("county_a").count() == 101  # one vector per registered chunk

    down = qa(["ask", "--json", "哪些乡镇聘请了村法律顾问？"], {**env, "QA_CHROMA_URL": f"http://127.0.0.1:{free_port()}"})
    assert down.returncode == 0, down.stderr  # no server: answered from the keyword index, and said so
    assert "cannot open the Chroma store" in down.stdout and '"township": "后台乡"' in down.stdout


def test_chroma_down_and_back_without_restarting_qa(corpus: Path, tmp_path: Path) -> None:
    """qa starts while Chroma is down, and Chroma stops under a running `qa serve`: answers go on from keywords, with
    a warning; uploads fail with a reason and store nothing; when Chroma is back, answers are whole again and
    uploads work, qa never restarted."""
    import httpx

    from qa.answer.ask import VECTORS_DOWN

    chroma = shutil.which("chroma", path=str(Path(sys.executable).parent))
    assert chroma
    port = free_port()
    url = f"http://127.0.0.1:{port}"

    def chroma_up() -> subprocess.Popen[bytes]:
        return start([chroma, "run", "--host", "127.0.0.1", "--port", str(port), "--path", str(tmp_path / "db")],
                     url=f"{url}/api/v2/heartbeat", log=tmp_path / "chroma.log")

    server = chroma_up()
    env = {**os.environ, "QA_DATA_DIR": str(tmp_path / "data"), "QA_CHROMA_URL": url, "QA_RATE_LIMIT": "0"}
    assert qa(["ingest", str(corpus)], env).returncode == 0
    stop(server)
    qa_port = free_port()
    base = f"http://127.0.0.1:{qa_port}"
    # qa starts while Chroma is down: ready, degraded, answering from keywords
    qa_server = start([sys.executable, "-m", "qa.cli", "serve", "--port", str(qa_port)], url=f"{base}/readyz",
                      log=tmp_path / "qa.log", env=env)
    question = {"question": "唐驿镇有多少人领取了行政执法证？"}
    report = "甲乡2024年度法治政府建设情况报告\n一、主要做法\n全乡共受理调解案件17件，调解成功16件。\n二、存在问题\n人员不足。\n"
    upload = [("files", ("甲乡.txt", report.encode(), "text/plain"))]
    try:
        assert httpx.get(f"{base}/readyz", timeout=30).json()["status"] == "degraded"
        early = httpx.post(f"{base}/api/ask", json=question, timeout=60).json()
        assert any(w.startswith(VECTORS_DOWN) for w in early["warnings"]), early["warnings"]
        server = chroma_up()  # comes up: qa connects on its next call
        before = httpx.post(f"{base}/api/ask", json=question, timeout=60).json()
        assert not before["warnings"] and before["citations"][0]["township"] == "五十一团唐驿镇"

        stop(server)
        down = httpx.post(f"{base}/api/ask", json=question, timeout=60)
        assert down.status_code == 200
        body = down.json()
        assert any(w.startswith(VECTORS_DOWN) for w in body["warnings"]), body["warnings"]
        assert body["citations"][0]["township"] == "五十一团唐驿镇"  # keywords alone still find it
        ready = httpx.get(f"{base}/readyz", timeout=30).json()
        assert ready["status"] == "degraded" and "Chroma" in ready["reason"]
        failed = httpx.post(f"{base}/api/reports", files=upload, timeout=120).json()
        assert failed["failed"] == 1 and "store failed" in failed["files"][0]["reason"]
        assert "run qa ingest again" in failed["files"][0]["fix"]
        assert len(httpx.get(f"{base}/api/reports", timeout=30).json()) == 5  # nothing half-stored

        server = chroma_up()
        after = httpx.post(f"{base}/api/ask", json=question, timeout=60).json()
        assert not after["warnings"] and after["citations"] == before["citations"]
        assert httpx.get(f"{base}/readyz", timeout=30).json()["status"] == "ready"
        added = httpx.post(f"{base}/api/reports", files=upload, timeout=120).json()
        assert added["added"] == 1, added
        asked = httpx.post(f"{base}/api/ask", json={"question": "甲乡受理了多少调解案件？"}, timeout=60).json()
        assert "17件" in asked["answer"]
        check = qa(["check"], env)  # registry, the server's vectors and the keyword index agree
        assert check.returncode == 0 and check.stdout.startswith("ok: 6 reports"), check.stdout + check.stderr
    finally:
        stop(qa_server)
        stop(server)


def test_a_chroma_server_that_stops_answering_does_not_hold_questions(corpus: Path, tmp_path: Path) -> None:
    """SIGSTOP leaves the server's sockets open and silent, the way a hung server or a half-open link does: a
    question waits QA_CHROMA_TIMEOUT, then is answered from keywords; once qa counts the server as hung it stops
    waiting; SIGCONT and the next answer is whole again."""
    import signal

    import httpx

    from qa.answer.ask import VECTORS_DOWN

    chroma = shutil.which("chroma", path=str(Path(sys.executable).parent))
    assert chroma
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server = start([chroma, "run", "--host", "127.0.0.1", "--port", str(port), "--path", str(tmp_path / "db")],
                   url=f"{url}/api/v2/heartbeat", log=tmp_path / "chroma.log")
    env = {**os.environ, "QA_DATA_DIR": str(tmp_path / "data"), "QA_CHROMA_URL": url, "QA_RATE_LIMIT": "0",
           "QA_CHROMA_TIMEOUT": "2"}
    qa_server = None
    try:
        assert qa(["ingest", str(corpus)], env).returncode == 0
        qa_port = free_port()
        base = f"http://127.0.0.1:{qa_port}"
        qa_server = start([sys.executable, "-m", "qa.cli", "serve", "--port", str(qa_port)], url=f"{base}/readyz",
                          log=tmp_path / "qa.log", env=env)
        question = {"question": "唐驿镇有多少人领取了行政执法证？"}
        whole = httpx.post(f"{base}/api/ask", json=question, timeout=60).json()
        assert not whole["warnings"]

        server.send_signal(signal.SIGSTOP)
        warnings = []
        for _ in range(6):
            body = httpx.post(f"{base}/api/ask", json=question, timeout=60).json()
            warnings.append(next(w for w in body["warnings"] if w.startswith(VECTORS_DOWN)))
            assert body["citations"][0]["township"] == "五十一团唐驿镇"  # from keywords alone
        # the first question waits out the deadline; while the server counts as hung, the others are not sent to it
        assert "did not answer in 2 s" in warnings[0], warnings
        assert all("not waiting on it" in w for w in warnings[1:]), warnings
        ready = httpx.get(f"{base}/readyz", timeout=30).json()
        assert ready["status"] == "degraded" and "Chroma" in ready["reason"], ready
        report = "甲乡2024年度法治政府建设情况报告\n一、主要做法\n全乡共受理调解案件17件，调解成功16件。\n"
        failed = httpx.post(f"{base}/api/reports", files=[("files", ("甲乡.txt", report.encode(), "text/plain"))],
                            timeout=120).json()
        assert failed["failed"] == 1 and "has not answered" in failed["files"][0]["reason"], failed  # not sent
        assert len(httpx.get(f"{base}/api/reports", timeout=30).json()) == 5

        server.send_signal(signal.SIGCONT)
        until(lambda: not httpx.post(f"{base}/api/ask", json=question, timeout=60).json()["warnings"])
        after = httpx.post(f"{base}/api/ask", json=question, timeout=60).json()
        assert not after["warnings"] and after["citations"] == whole["citations"]
        assert httpx.get(f"{base}/readyz", timeout=30).json()["status"] == "ready"
        check = qa(["check"], env)
        assert check.returncode == 0 and check.stdout.startswith("ok: 5 reports"), check.stdout + check.stderr
    finally:
        server.send_signal(signal.SIGCONT)
        if qa_server:
            stop(qa_server)
        stop(server)

