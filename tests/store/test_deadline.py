"""Calls to a Chroma server have a deadline: a server that stops answering cannot hold a question."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from qa.errors import StoreError
from qa.store.vectors import Deadline, VectorStore
from tests.servers import until


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_hung_call_is_given_up_and_no_call_waits_again_until_the_server_answers() -> None:
    hung, started = threading.Event(), []
    deadline = Deadline(0.05, "http://chroma", clock=Clock())
    with pytest.raises(TimeoutError, match="did not answer in 0.05 s"):
        deadline.run("query", hung.wait)
    for _ in range(3):  # the given-up call is still unanswered: the server counts as hung, nobody waits on it
        with pytest.raises(TimeoutError, match="not waiting on it"):
            deadline.run("query", lambda: started.append(1))
    assert not started  # refused before it began: no call was made, so none could wait
    hung.set()  # the given-up call returns: the server answers again
    until(lambda: _answers(deadline))
    assert deadline.run("query", lambda: 42) == 42


def test_probes_start_at_most_once_per_deadline_and_find_the_server_back() -> None:
    """A half-open link: the given-up call's socket never answers, but a new connection (the probe) would."""
    never, server_back, probed = threading.Event(), threading.Event(), threading.Semaphore(0)

    def probe() -> int:
        probed.release()
        if not server_back.is_set():
            never.wait()
        return 1

    clock = Clock()
    deadline = Deadline(2.0, "http://chroma", probe=probe, clock=clock)
    with pytest.raises(TimeoutError):
        deadline.run("query", never.wait)
    for step in (0.5, 0.5, 0.5):  # 1.5 s on the clock: within the first period, no probe
        clock.now += step
        with pytest.raises(TimeoutError, match="not waiting"):
            deadline.run("query", lambda: "answered")
    assert deadline.probes == 0
    clock.now += 0.6  # past the period: the next call starts one probe, the calls after it in the period none
    for _ in range(3):
        with pytest.raises(TimeoutError, match="not waiting"):
            deadline.run("query", lambda: "answered")
    assert deadline.probes == 1 and probed.acquire(timeout=30)
    server_back.set()
    clock.now += 2.0
    with pytest.raises(TimeoutError):
        deadline.run("query", lambda: "answered")  # this call starts the probe that answers
    assert deadline.probes == 2 and probed.acquire(timeout=30)
    until(lambda: _answers(deadline))
    assert deadline.run("query", lambda: "answered") == "answered"
    never.set()


def _answers(deadline: Deadline) -> bool:
    try:
        deadline.run("query", lambda: None)
    except TimeoutError:
        return False
    return True


def test_errors_and_values_cross_from_the_call_thread() -> None:
    deadline = Deadline(5, "http://chroma")
    assert deadline.run("get", lambda: [1, 2]) == [1, 2]
    with pytest.raises(KeyError, match="gone"):
        deadline.run("get", lambda: {}["gone"])  # type: ignore[index]


def test_a_write_may_take_longer_than_a_read() -> None:
    deadline = Deadline(2.0, "http://chroma")
    assert deadline.limit(write=False) == 2.0 and deadline.limit(write=True) == 12.0


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
    """Before the deadline, opening waited forever in chromadb's HttpClient(); now it opens, and reads say why not."""
    store = VectorStore(tmp_path, embedder_name="e5", dim=4, url=silent_server, timeout=0.5)
    with pytest.raises(StoreError, match="not waiting on it|did not answer"):
        store.count()
