"""Hostile and odd requests: bad questions get a 4xx with a reason or an answer, never a 500; no way out of the data."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from qa.api.app import create_app
from qa.config import Settings
from qa.ingest.pipeline import ingest
from qa.store import Store

REPORT = "城关镇2023年度法治政府建设工作报告\n一、主要成效\n全镇共受理调解案件12件，调解成功11件。\n二、存在问题\n人员不足。\n"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory, embedder) -> Iterator[TestClient]:  # type: ignore[no-untyped-def]
    tmp = tmp_path_factory.mktemp("hostile")
    (tmp / "城关镇.txt").write_text(REPORT)
    store = Store.open(tmp / "data", embedder_name=embedder.name, dim=embedder.dim)
    ingest([tmp / "城关镇.txt"], store=store, embedder=embedder, max_chars=300)
    store.close()
    (tmp / "secret.txt").write_text("outside the data dir")
    with TestClient(create_app(Settings(data_dir=tmp / "data", rate_limit=0))) as c:
        yield c


def ask_everywhere(client: TestClient, question: str) -> list[tuple[int, dict]]:  # type: ignore[type-arg]
    """The same question through /api/ask, /api/chat and /v1/chat/completions."""
    message = [{"role": "user", "content": question}]
    return [(r.status_code, r.json()) for r in (
        client.post("/api/ask", json={"question": question}),
        client.post("/api/chat", json={"messages": message}),
        client.post("/v1/chat/completions", json={"model": "qa", "messages": message}))]


@pytest.mark.parametrize(("question", "reason"), [
    ("", "empty"), ("   \n\t ", "empty"), ("\x00\x07\x1b", "empty"),
    ("调解" * 5000, "10000 characters long; the limit is 1000"),
])
def test_unanswerable_questions_get_400_with_the_reason(client: TestClient, question: str, reason: str) -> None:
    for status, body in ask_everywhere(client, question):
        # the chat endpoints skip blank user messages, and then the conversation has no question
        assert status == 400 and body["error"] == "BadQuestionError", body
        assert reason in body["detail"] or body["detail"] == "the conversation has no user message", body


@pytest.mark.parametrize("question", ["？？？！！！……。。。", "What is the capital of France?", "Какая погода?",
                                      "!!!???", "🙂🙂🙂"])
def test_questions_the_reports_cannot_answer_are_refused_not_failed(client: TestClient, question: str) -> None:
    for status, body in ask_everywhere(client, question):
        assert status == 200
        answer = body.get("qa") or body  # /v1/chat/completions carries qa's answer beside OpenAI's shape
        assert answer["refused"] and not answer["citations"]


def test_control_characters_are_ignored_not_fatal(client: TestClient) -> None:
    for status, body in ask_everywhere(client, "城关镇\x00受理了\x1b[31m多少\u202e调解案件？\x7f"):
        assert status == 200
        answer = body.get("qa") or body
        assert "12件" in answer["answer"] and answer["citations"][0]["township"] == "城关镇"


@pytest.mark.parametrize("url", [
    "/api/reports/..%2F..%2Fsecret.txt/text", "/api/reports/%2e%2e/text", "/api/reports/..%5C..%5Csecret.txt/text",
    "/static/..%2F..%2F..%2Fsecret.txt", "/static/../../secret.txt", "/static/%2e%2e/%2e%2e/config.py",
    "/api/reports/' OR '1'='1/text",
])
def test_no_path_leads_out_of_the_data(client: TestClient, url: str) -> None:
    r = client.get(url)
    assert r.status_code == 404 and "outside the data dir" not in r.text and "Settings" not in r.text


def test_deleting_by_a_crafted_id_deletes_nothing(client: TestClient) -> None:
    before = client.get("/api/reports").json()
    for rid in ("..%2F..%2Fsecret.txt", "%25", "' OR 1=1 --", "*"):
        assert client.delete(f"/api/reports/{rid}").status_code == 404
    assert client.get("/api/reports").json() == before
