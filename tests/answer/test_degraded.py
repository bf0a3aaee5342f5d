"""A question answered without its vectors says so in its own answer, and only in its own."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from qa.answer.ask import VECTORS_DOWN, ask
from qa.errors import StoreError
from qa.store import VectorStore

pytestmark = pytest.mark.corpus


class DownForOneThread:
    """The store's vectors, failing for the thread that is told to fail (Chroma down for that call).

    The failing call waits until the other question has been answered in full, so the two overlap the way
    two requests do on a server: the old shared "last error" field gave the warning to the wrong one.
    """

    def __init__(self, real: VectorStore) -> None:
        self.real, self.failing = real, threading.local()
        self.failed, self.other_done = threading.Event(), threading.Event()

    def exact(self, *args: Any, **kwargs: Any) -> Any:
        if getattr(self.failing, "on", False):
            self.failed.set()
            assert self.other_done.wait(60)
            raise StoreError("Chroma get failed: ConnectionError: the server went away")
        return self.real.exact(*args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)


def test_two_concurrent_questions_get_their_own_warnings(corpus_store, embedder, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    store = corpus_store[0]
    vectors = DownForOneThread(store.vectors)
    monkeypatch.setattr(store, "vectors", vectors)  # our own object's attribute, for this test only

    def unlucky() -> Any:
        vectors.failing.on = True
        return ask("唐驿镇有多少人领取了行政执法证？", store=store, embedder=embedder, k=8)

    def lucky() -> Any:
        assert vectors.failed.wait(60)  # asked while the other question's vectors are failing
        try:
            return ask("后台乡的法律顾问是怎样聘请的？", store=store, embedder=embedder, k=8)
        finally:
            vectors.other_done.set()

    with ThreadPoolExecutor(2) as pool:
        down, up = pool.submit(unlucky), pool.submit(lucky)
        down_answer, up_answer = down.result(timeout=120), up.result(timeout=120)
    assert [w for w in down_answer.warnings if w.startswith(VECTORS_DOWN)] == [
        f"{VECTORS_DOWN}（Chroma get failed: ConnectionError: the server went away）"]
    assert "14名" in down_answer.answer  # answered from keywords all the same
    assert not up_answer.warnings and up_answer.citations[0].township == "后台乡"
