"""Limits at the request boundary, against a real `qa serve`: what a caller without a key, or with a body, a header
or a pace no official's request has, gets; and that the server answers others meanwhile. Raw sockets, so a test
can send headers that promise a body it never sends (the server must answer without reading it)."""

from __future__ import annotations

import contextlib
import json
import os
import socket
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.servers import free_port, start, stop

USER, ADMIN = "user-key-1", "admin-key-1"
PIDS: dict[int, int] = {}  # port → the serving process


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, corpus_data: Path) -> Iterator[int]:
    from tests.conftest import copy_data

    port = free_port()
    data = copy_data(corpus_data, tmp_path_factory.mktemp("limits-data") / "data")  # uploads go to a copy of its own
    env = {**os.environ, "QA_DATA_DIR": str(data), "QA_API_KEYS": USER, "QA_ADMIN_KEYS": ADMIN,
           "QA_MAX_BODY_KB": "64", "QA_MAX_UPLOAD_MB": "1", "QA_READ_TIMEOUT": "1", "QA_RATE_LIMIT": "0"}
    proc = start([sys.executable, "-m", "qa.cli", "serve", "--port", str(port)], url=f"http://127.0.0.1:{port}/readyz",
                 log=tmp_path_factory.mktemp("limits") / "serve.log", env=env)
    PIDS[port] = proc.pid
    yield port
    stop(proc)


def raw(port: int, head: str, body: bytes = b"") -> tuple[int, dict[str, object]]:
    """Send a request's head (and some body), read the response: (status, JSON body)."""
    with socket.create_connection(("127.0.0.1", port), timeout=60) as s:
        s.sendall(head.encode("latin-1") + body)
        data = b""
        while b"\r\n\r\n" not in data or len(data.split(b"\r\n\r\n", 1)[1]) < _length(data):
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
    status = int(data.split(b" ", 2)[1])
    payload = data.split(b"\r\n\r\n", 1)[1]
    return status, json.loads(payload) if payload.startswith(b"{") else {}


def _length(data: bytes) -> int:
    for line in data.split(b"\r\n\r\n", 1)[0].split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            return int(line.split(b":")[1])
    return 0


def post(path: str, length: int, *, key: str | None = None, extra: str = "") -> str:
    auth = f"Authorization: Bearer {key}\r\n" if key else ""
    return (f"POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {length}\r\n"
            f"{auth}{extra}\r\n")


def healthy(port: int) -> bool:
    return httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=30).status_code == 200


def test_no_key_is_refused_before_the_body_is_read(server: int) -> None:
    # 400 MB promised, 1 KB sent: the answer comes without the rest
    status, body = raw(server, post("/api/ask", 400 * 1024 * 1024), b"{" + b" " * 1023)
    assert status == 401 and "API key" in str(body["detail"])
    assert healthy(server)


def test_a_body_over_the_limit_is_refused_by_its_length(server: int) -> None:
    status, body = raw(server, post("/api/ask", 400 * 1024 * 1024, key=USER), b"{")
    assert status == 413 and "QA_MAX_BODY_KB" in str(body["detail"])


def test_a_body_sent_in_chunks_is_cut_off_at_the_limit(server: int) -> None:
    def pieces() -> Iterator[bytes]:
        yield b'{"question": "'
        for _ in range(200):  # 200 KB, no Content-Length
            yield b"x" * 1024
        yield b'"}'

    r = httpx.post(f"http://127.0.0.1:{server}/api/ask", content=pieces(), timeout=60,
                   headers={"Authorization": f"Bearer {USER}", "Content-Type": "application/json"})
    assert r.status_code == 413 and "64 KB" in r.json()["detail"]


def test_an_upload_needs_an_admin_key_before_anything_is_spooled(server: int) -> None:
    head = post("/api/reports", 50 * 1024 * 1024, key=USER).replace("application/json", "multipart/form-data; b=x")
    status, body = raw(server, head, b"--x\r\n")
    assert status == 403 and "QA_ADMIN_KEYS" in str(body["detail"])
    status, body = raw(server, head.replace(USER, ADMIN), b"--x\r\n")
    assert status == 413 and "QA_MAX_UPLOAD_MB" in str(body["detail"])


def test_headers_over_the_limit_get_431(server: int) -> None:
    status, body = raw(server, post("/api/ask", 2, key=USER, extra=f"X-Filler: {'y' * 17_000}\r\n"), b"{}")
    assert status == 431 and "QA_MAX_HEADER_KB" in str(body["detail"])
    with socket.create_connection(("127.0.0.1", server), timeout=60) as s:  # past what h11 reads at all
        s.sendall(post("/api/ask", 2, key=USER, extra=f"Authorization2: {'z' * 200_000}\r\n").encode())
        assert s.recv(100).split(b" ", 2)[1] in (b"400", b"431")
    assert healthy(server)


def test_a_body_that_stops_arriving_is_dropped_with_408(server: int) -> None:
    status, body = raw(server, post("/api/ask", 100, key=USER), b'{"question": "')  # 86 bytes never come
    assert status == 408 and "QA_READ_TIMEOUT" in str(body["detail"])
    r = httpx.post(f"http://127.0.0.1:{server}/api/ask", json={"question": "色务乡开展了多少次治安巡逻？"},
                   headers={"Authorization": f"Bearer {USER}"}, timeout=60)
    assert r.status_code == 200 and "150" in r.json()["answer"]


def test_guessing_keys_is_slowed_per_address() -> None:
    from fastapi import FastAPI
    from fastapi.testclient import TestClient

    from qa.api.limits import WRONG_KEYS_PER_MINUTE, Boundaries
    from qa.config import Settings

    now = [0.0]
    app = FastAPI()

    @app.get("/api/x")
    def x() -> dict[str, bool]:
        return {"ok": True}

    app.add_middleware(Boundaries, settings=Settings(api_keys=USER), clock=lambda: now[0])
    client = TestClient(app)
    wrong = {"Authorization": "Bearer guess"}
    assert [client.get("/api/x", headers=wrong).status_code for _ in range(WRONG_KEYS_PER_MINUTE)] == \
        [401] * WRONG_KEYS_PER_MINUTE
    refused = client.get("/api/x", headers=wrong)
    assert refused.status_code == 429 and refused.headers["retry-after"] == "2"
    assert client.get("/api/x", headers={"Authorization": f"Bearer {USER}"}).status_code == 200  # the key still works
    now[0] += 2.0
    assert client.get("/api/x", headers=wrong).status_code == 401


def test_x_forwarded_for_claims_no_other_address(corpus_data: Path, tmp_path: Path) -> None:
    from tests.conftest import copy_data

    port = free_port()
    data = copy_data(corpus_data, tmp_path / "data")  # its own copy: the module's server writes corpus_data
    env = {**os.environ, "QA_DATA_DIR": str(data), "QA_RATE_LIMIT": "2"}  # no keys: limited per address
    proc = start([sys.executable, "-m", "qa.cli", "serve", "--port", str(port)], url=f"http://127.0.0.1:{port}/readyz",
                 log=tmp_path / "serve.log", env=env)
    try:
        codes = [httpx.get(f"http://127.0.0.1:{port}/api/reports", headers={"X-Forwarded-For": f"10.0.0.{i}"},
                           timeout=60).status_code for i in range(3)]
    finally:
        stop(proc)
    assert codes == [200, 200, 429]


def test_a_report_of_lines_that_once_backtracked_goes_in_while_the_server_answers(server: int) -> None:
    import threading

    report = ("城关镇2023年度法治政府建设工作报告\n一、主要成效\n全镇共受理调解案件12件。\n" + "a" + ">" * 50 + " b c\n"
              + "【" + " " * 30_000 + "x\n" + "1" * 10_000 + "名\n" + "二、存在问题\n人员不足。\n")
    done: dict[str, httpx.Response] = {}
    uploaded = threading.Event()

    def upload() -> None:
        try:  # the client's timeout only keeps a hung server from hanging the suite; nothing here is timed
            done["r"] = httpx.post(f"http://127.0.0.1:{server}/api/reports", headers={"Authorization": f"Bearer {ADMIN}"},
                                   files=[("files", ("城关镇.txt", report.encode(), "text/plain"))], timeout=None)
        finally:
            uploaded.set()

    threading.Thread(target=upload, daemon=True).start()
    assert healthy(server)  # answered whether or not the upload is still being read
    uploaded.wait()
    r = done["r"]
    assert r.status_code == 200 and r.json()["added"] == 1, r.text  # the report went in whole, lines and all
    a = httpx.post(f"http://127.0.0.1:{server}/api/ask", json={"question": "城关镇受理了多少调解案件？"},
                   headers={"Authorization": f"Bearer {USER}"}, timeout=60).json()
    assert "12件" in a["answer"]


def test_half_sent_request_heads_are_closed_and_do_not_hold_the_server(server: int) -> None:
    held = []
    for _ in range(20):  # each sends half a request line, then nothing
        s = socket.create_connection(("127.0.0.1", server), timeout=60)
        s.sendall(b"POST /api/ask HTTP/1.1\r\nHost: x\r\n")
        held.append(s)
    try:
        for s in held:  # the server closes each (QA_READ_TIMEOUT=1 here); recv returns b"" rather than timing out
            assert s.recv(100) == b""
    finally:
        for s in held:
            s.close()
    assert healthy(server)


def test_a_thousand_half_sent_connections_leave_file_descriptors_for_others(tmp_path: Path, corpus_data: Path) -> None:
    """1,100 connections that each send half a request head, against a server allowed 256 open files: once they
    made every new request fail until the server was restarted. Past the connection cap (100 here) a new connection
    closes the oldest one still waiting for its head, so /healthz and a question are still answered while the
    attacker holds all of its sockets open (the head timer is set far off, so it is not what saves them)."""
    from tests.conftest import copy_data

    port = free_port()
    env = {**os.environ, "QA_DATA_DIR": str(copy_data(corpus_data, tmp_path / "data")), "QA_MAX_CONNECTIONS": "100",
           "QA_READ_TIMEOUT": "600", "QA_RATE_LIMIT": "0"}
    proc = start(["prlimit", "--nofile=256:256", sys.executable, "-m", "qa.cli", "serve", "--port", str(port)],
                 url=f"http://127.0.0.1:{port}/readyz", log=tmp_path / "serve.log", env=env)
    held = []
    try:
        for _ in range(1100):
            s = socket.create_connection(("127.0.0.1", port), timeout=60)
            with contextlib.suppress(OSError):  # already closed by the server to make room
                s.sendall(b"POST /api/ask HTTP/1.1\r\nHost: x\r\n")
            held.append(s)
        assert healthy(port)
        r = httpx.post(f"http://127.0.0.1:{port}/api/ask", json={"question": "唐驿镇有多少人领取了行政执法证？"},
                       timeout=120)
        assert r.status_code == 200 and "14" in r.json()["answer"]
        assert len(os.listdir(f"/proc/{proc.pid}/fd")) <= 256
    finally:
        for s in held:
            s.close()
        stop(proc)


def _kb(pid: int, field: str) -> int:
    line = next(x for x in Path(f"/proc/{pid}/status").read_text().splitlines() if x.startswith(field + ":"))
    return int(line.split()[1])


@pytest.mark.parametrize("chunked", [False, True])
def test_three_bodies_of_300_mb_at_once_do_not_grow_the_server(server: int, chunked: bool) -> None:
    """Three clients with a valid key each send a 300 MB body at once (by length, or chunked with no length): once
    the server held them all (+2.3 GB). Each is answered 413 at the limit; the server's peak memory stays near
    where it was."""
    import threading

    pid = PIDS[server]
    Path(f"/proc/{pid}/clear_refs").write_text("5")  # restart the peak (VmHWM) from the current size
    before = _kb(pid, "VmHWM")
    statuses: list[int] = []

    def send() -> None:
        framing = "Transfer-Encoding: chunked\r\n" if chunked else f"Content-Length: {300 * 2**20}\r\n"
        head = (f"POST /api/ask HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n{framing}"
                f"Authorization: Bearer {USER}\r\n\r\n")
        block = b" " * 2**20
        with socket.create_connection(("127.0.0.1", server), timeout=120) as s:
            s.sendall(head.encode())
            try:
                for _ in range(300):
                    s.sendall(b"100000\r\n" + block + b"\r\n" if chunked else block)
            except OSError:  # the server answered and closed: what it answered is read below
                pass
            data = b""
            try:
                while chunk := s.recv(65536):
                    data += chunk
            except OSError:
                pass
            statuses.append(int(data.split(b" ", 2)[1]) if data.startswith(b"HTTP/1.1") else 0)

    threads = [threading.Thread(target=send) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert statuses == [413, 413, 413]
    assert _kb(pid, "VmHWM") - before < 100 * 1024  # under 100 MB more at the peak, for 900 MB sent
    assert healthy(server)


def test_a_body_sent_after_its_answer_does_not_keep_the_connection_forever(server: int) -> None:
    """/healthz answers without reading a body; the body's pieces arriving after the answer once left the connection
    with no timer at all (neither keep-alive nor head), so such connections could fill the cap for good."""
    with socket.create_connection(("127.0.0.1", server), timeout=60) as s:
        s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n")
        data = b""
        while b"\r\n\r\n" not in data or len(data.split(b"\r\n\r\n", 1)[1]) < _length(data):
            data += s.recv(65536)
        assert data.startswith(b"HTTP/1.1 200")
        s.sendall(b"12345")
        s.sendall(b"67890")
        rest = b""
        while chunk := s.recv(65536):  # closed by the server (QA_READ_TIMEOUT=1 here) rather than timing out
            rest += chunk
        assert rest == b""
