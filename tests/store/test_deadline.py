"""Calls to a Chroma server have a deadline: a server that stops answering cannot hold a question."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from qa.store.vectors import Deadline, VectorStore


def timed(call: object) -> tuple[float, BaseException | None]:
    start = time.monotonic()
    try:
        call()  # type: ignore[operator]
    except BaseException as e:  # noqa: BLE001
        return time.monotonic() - start, e
    return time.monotonic() - start, None


def test_a_hung_call_is_given_up_and_no_call_waits_again_until_the_server_answers() -> None:
    hung = threading.Event()
    deadline = Deadline(0.3, "http://chroma")
    took, error = timed(lambda: deadline.run("query", hung.wait))
    assert isinstance(error, TimeoutError) and "did not answer in 0.3 s" in str(error)
    assert 0.3 <= took < 1.0
    for _ in range(3):  # the given-up call is still unanswered: the server counts as hung, nobody waits
        took, error = timed(lambda: deadline.run("query", lambda: "answered"))
        assert isinstance(error, TimeoutError) and "not waiting on it" in str(error) and took < 0.05
    hung.set()  # the given-up call returns: the server answers again
    time.sleep(0.1)
    assert deadline.run("query", lambda: 42) == 42


def test_a_probe_finds_the_server_when_the_given_up_call_never_returns() -> None:
    """A half-open link: the given-up call's socket never answers, but a new connection would."""
    never, server_back = threading.Event(), threading.Event()
    probes: list[float] = []

    def probe() -> int:
        probes.append(time.monotonic())
        if not server_back.is_set():
            never.wait()
        return 1

    deadline = Deadline(0.3, "http://chroma", probe=probe)
    with pytest.raises(TimeoutError):
        deadline.run("query", never.wait)
    for _ in range(20):  # 1 s of questions: each fails at once; probes start at most once per deadline
        with pytest.raises(TimeoutError, match="not waiting"):
            deadline.run("query", lambda: "answered")
        time.sleep(0.05)
    assert 2 <= len(probes) <= 4, probes
    server_back.set()
    time.sleep(0.35)
    with pytest.raises(TimeoutError):
        deadline.run("query", lambda: "answered")  # this call starts the probe that answers
    time.sleep(0.1)
    assert deadline.run("query", lambda: "answered") == "answered"
    never.set()


def test_errors_and_values_cross_from_the_call_thread() -> None:
    deadline = Deadline(5, "http://chroma")
    assert deadline.run("get", lambda: [1, 2]) == [1, 2]
    with pytest.raises(KeyError, match="gone"):
        deadline.run("get", lambda: {}["gone"])  # type: ignore[index]


def test_a_write_may_take_longer_than_a_read() -> None:
    deadline = Deadline(0.1, "http://chroma")
    assert deadline.run("upsert", lambda: time.sleep(0.3) or "written", write=True) == "written"
    with pytest.raises(TimeoutError):
        deadline.run("query", lambda: time.sleep(0.3))


@pytest.fixture
def silent_server() -> Iterator[str]:
    """A TCP server that accepts connections and never says a word (a hung Chroma, a half-open link)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    stop.set()
    thread.join()
    for s in held:
        s.close()
    listener.close()


def test_qa_opens_against_a_server_that_never_answers(silent_server: str, tmp_path: Path) -> None:
    took, error = timed(lambda: VectorStore(tmp_path, embedder_name="e5", dim=4, url=silent_server, timeout=0.5))
    assert error is None and took < 2  # before the deadline, opening waited forever in chromadb's HttpClient()
    store = VectorStore(tmp_path, embedder_name="e5", dim=4, url=silent_server, timeout=0.5)
    assert store.error and "did not answer in 0.5 s" in store.error
