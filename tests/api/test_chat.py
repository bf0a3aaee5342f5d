"""Chat endpoints: /api/chat (JSON and SSE), readiness, and the OpenAI-compatible API through the official client."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from markdown_it import MarkdownIt

from tests.conftest import app_over
from tests.servers import free_port, start, stop

pytestmark = pytest.mark.corpus
FOLLOW_UP = [{"role": "user", "content": "唐驿镇有多少人领取了行政执法证？"},
             {"role": "assistant", "content": "五十一团唐驿镇：领取行政执法证件人员共14名[1]"},
             {"role": "user", "content": "那塔布勒合特乡呢？"}]


@pytest.fixture(scope="module")
def client(corpus_store, embedder) -> Iterator[TestClient]:  # type: ignore[no-untyped-def]
    with TestClient(app_over(corpus_store[0], embedder)) as c:
        yield c


def events(body: str) -> list[tuple[str, dict]]:  # type: ignore[type-arg]
    out = []
    for block in body.strip().split("\n\n"):
        kind, data = block.split("\n", 1)
        out.append((kind.removeprefix("event: "), json.loads(data.removeprefix("data: "))))
    return out


def test_readyz_reports_what_is_loaded(client: TestClient) -> None:
    assert client.get("/readyz").json() == {"status": "ready", "reports": 5, "chunks": 101, "embedder": "e5-small",
                                            "llm": False}


def test_chat_reads_the_conversation(client: TestClient) -> None:
    body = client.post("/api/chat", json={"messages": FOLLOW_UP}).json()
    assert body["interpreted_as"] == "塔布勒合特蒙古民族乡有多少人领取了行政执法证？"
    assert "5名" in body["answer"] and body["citations"][0]["township"] == "塔布勒合特蒙古民族乡"
    bad = client.post("/api/chat", json={"messages": [{"role": "assistant", "content": "你好"}]})
    assert bad.status_code == 400 and "no user message" in bad.json()["detail"]


def test_chat_stream_sends_text_then_citations_and_table_then_done(client: TestClient) -> None:
    r = client.post("/api/chat", json={"messages": [{"role": "user", "content": "哪些乡镇聘请了村法律顾问？"}],
                                       "stream": True})
    assert r.headers["content-type"].startswith("text/event-stream")
    got = events(r.text)
    assert [k for k, _ in got] == ["delta", "citations", "done"]
    text = got[0][1]["text"]
    cited = got[1][1]
    assert {c["township"] for c in cited["citations"]} == {"塔布勒合特蒙古民族乡", "后台乡"}
    assert len(cited["reports"]) == 5 and sum(r["supported"] for r in cited["reports"]) == 2
    assert got[2][1]["answer"] == text and got[2][1]["citations"] == cited["citations"]


def test_the_official_openai_client_talks_to_qa(corpus_data, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import openai

    port = free_port()
    env = {**os.environ, "QA_DATA_DIR": str(corpus_data)}
    server = start([sys.executable, "-m", "qa.cli", "serve", "--port", str(port)],
                   url=f"http://127.0.0.1:{port}/readyz", log=tmp_path / "serve.log", env=env)
    try:
        client = openai.OpenAI(base_url=f"http://127.0.0.1:{port}/v1", api_key="unused", max_retries=0)
        assert [m.id for m in client.models.list()] == ["qa"]
        done = client.chat.completions.create(model="qa", messages=FOLLOW_UP)  # type: ignore[arg-type]
        content = done.choices[0].message.content or ""
        assert "5名" in content and "[1]" in content
        html = MarkdownIt().render(content)  # as a Markdown chat client shows it: the sources a list, one item each
        assert "<strong>来源：</strong>" in html and html.count("<li>") == len(done.model_extra["qa"]["citations"])  # type: ignore[index]
        assert "<li>[1] 塔布勒合特蒙古民族乡（2023年）" in html
        extra = done.model_extra or {}
        assert extra["qa"]["citations"][0]["township"] == "塔布勒合特蒙古民族乡"

        stream = client.chat.completions.create(model="qa", stream=True, messages=[  # type: ignore[call-overload]
            {"role": "user", "content": "哪个乡镇领取行政执法证的人数最多？"}])
        chunks = list(stream)
        text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
        assert text.startswith("共检查5份报告") and "最多的是五十一团唐驿镇" in text and "来源：" in text
        html = MarkdownIt().render(text)
        assert html.count("<li>") >= 2 and "<p>共检查5份报告" in html  # the answer's lines stay lines

        hello = client.chat.completions.create(model="qa", messages=[{"role": "user", "content": "你好"}])
        said = hello.choices[0].message.content or ""
        assert said.startswith("你好") and "5份" in said and "色务乡" in said and "没有找到" not in said
        title = client.chat.completions.create(model="qa", messages=[{"role": "user", "content": (  # Open WebUI's
            "### Task:\nGenerate a concise, 3-5 word title with an emoji summarizing the chat history.\n"
            "### Output:\nJSON format: { \"title\": \"your concise title here\" }\n"
            "### Chat History:\n<chat_history>\nUSER: 色务乡开展了多少次治安巡逻？\nASSISTANT: 150余次[1]\n</chat_history>")}])
        assert json.loads(title.choices[0].message.content or "") == {"title": "色务乡开展了多少次治安巡逻"}
        lobe = client.chat.completions.create(model="qa", messages=[
            {"role": "user", "content": "哪些乡镇聘请了村法律顾问？"},
            {"role": "user", "content": "请将以上会话总结为10个字以内的标题"}])
        assert lobe.choices[0].message.content == "哪些乡镇聘请了村法律顾问"
        assert chunks[-1].choices[0].finish_reason == "stop"
        assert (chunks[-1].model_extra or {})["qa"]["citations"][0]["township"] == "五十一团唐驿镇"
    finally:
        stop(server)
