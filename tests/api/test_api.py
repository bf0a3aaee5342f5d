"""The HTTP API in-process (FastAPI TestClient, lifespan and all) over the ingested corpus."""

import pytest
from fastapi.testclient import TestClient

from tests.conftest import app_over


@pytest.fixture(scope="module")
def client(corpus_store, embedder):  # type: ignore[no-untyped-def]
    with TestClient(app_over(corpus_store[0], embedder)) as c:
        yield c


def test_healthz_counts_reports(client) -> None:  # type: ignore[no-untyped-def]
    assert client.get("/healthz").json() == {"status": "ok", "reports": 5}


def test_ask_answers_with_the_documented_shape(client) -> None:  # type: ignore[no-untyped-def]
    body = client.post("/api/ask", json={"question": "哪些乡镇聘请了村法律顾问？"}).json()
    assert set(body) == {"question", "answer", "mode", "refused", "citations", "related", "reports", "interpreted_as",
                         "llm_error", "warnings"}
    assert body["mode"] == "extractive" and body["refused"] is False
    assert {c["township"] for c in body["citations"]} == {"塔布勒合特蒙古民族乡", "后台乡"}
    table = {r["township"]: r for r in body["reports"]}  # every report checked, each with its own evidence
    assert len(table) == 5 and {t for t, r in table.items() if r["supported"]} == {"塔布勒合特蒙古民族乡", "后台乡"}
    assert all(c["township"] == t for t, r in table.items() for c in r["citations"])
    assert not table["色务乡"]["citations"]
    c = body["citations"][0]
    assert set(c) == {"n", "report_id", "file", "township", "county", "year", "section", "text", "start", "end",
                      "score", "figure_start", "figure_end"}
    passage = client.get(f"/api/reports/{c['report_id']}/text", params={"start": c["start"], "end": c["end"]}).json()
    assert passage["text"] == c["text"] and passage["township"] == c["township"]


def test_reports_lists_the_corpus(client) -> None:  # type: ignore[no-untyped-def]
    rows = client.get("/api/reports").json()
    assert sorted((r["township"], r["year"]) for r in rows) == sorted([
        ("后台乡", 2023), ("嘎美乡", 2024), ("塔布勒合特蒙古民族乡", 2023), ("五十一团唐驿镇", 2023), ("色务乡", 2024)])


def test_errors_are_mapped_to_statuses_with_a_reason(client) -> None:  # type: ignore[no-untyped-def]
    empty = client.post("/api/ask", json={"question": "  "})
    assert empty.status_code == 400 and "empty" in empty.json()["detail"]
    missing = client.get("/api/reports/nope/text")
    assert missing.status_code == 404 and "nope" in missing.json()["detail"]
    assert client.post("/api/ask", json={}).status_code == 422


def test_openapi_documents_the_answer_shape(client) -> None:  # type: ignore[no-untyped-def]
    spec = client.get("/openapi.json").json()
    answer = spec["components"]["schemas"]["Answer"]["properties"]
    assert {"citations", "refused", "related", "mode"} <= set(answer)
    assert "/api/ask" in spec["paths"] and "/api/reports/{report_id}/text" in spec["paths"]


def test_ask_follows_up_on_the_previous_question(client) -> None:  # type: ignore[no-untyped-def]
    body = client.post("/api/ask", json={"question": "那塔布勒合特乡呢？",
                                         "history": ["唐驿镇有多少人领取了行政执法证？"]}).json()
    assert body["interpreted_as"] == "塔布勒合特蒙古民族乡有多少人领取了行政执法证？"
    assert body["question"] == "那塔布勒合特乡呢？" and not body["refused"]
    assert "5名" in body["answer"] and body["citations"][0]["township"] == "塔布勒合特蒙古民族乡"


def test_filters_are_fields_of_the_request(client) -> None:  # type: ignore[no-untyped-def]
    one = client.post("/api/ask", json={"question": "开展了多少次治安巡逻？", "township": "色务乡"}).json()
    assert one["question"] == "开展了多少次治安巡逻？" and "150余次" in one["answer"]
    assert {c["township"] for c in one["citations"]} == {"色务乡"}
    chat = client.post("/api/chat", json={"messages": [{"role": "user", "content": "开展了多少次治安巡逻？"}],
                                          "township": "色务乡", "year": 2024}).json()
    assert chat["citations"] == one["citations"]
    across = client.post("/api/ask", json={"question": "哪些乡镇聘请了村法律顾问？", "year": 2023}).json()
    assert {r["year"] for r in across["reports"]} == {2023} and len(across["reports"]) == 3
    assert {c["township"] for c in across["citations"]} == {"塔布勒合特蒙古民族乡", "后台乡"}
    nowhere = client.post("/api/ask", json={"question": "开展了多少次治安巡逻？", "township": "色务乡", "year": 2023}).json()
    assert nowhere["refused"] and "色务乡2023年度的报告" in nowhere["answer"] and not nowhere["citations"]
    assert client.post("/api/ask", json={"question": "q", "year": "last"}).status_code == 422
    unscoped = client.post("/api/ask", json={"question": "哪些乡镇聘请了村法律顾问？"}).json()
    blank = client.post("/api/ask", json={"question": "哪些乡镇聘请了村法律顾问？", "township": " "}).json()
    assert blank["answer"] == unscoped["answer"] and len(blank["reports"]) == 5  # a blank township: none chosen


def test_a_township_outside_the_chosen_scope_is_named(client) -> None:  # type: ignore[no-untyped-def]
    out = client.post("/api/ask", json={"question": "唐驿镇有多少人领取了行政执法证？", "township": "色务乡"}).json()
    assert out["refused"] and "所选范围（色务乡）内五十一团唐驿镇的报告" in out["answer"]


def test_a_passage_names_its_file_and_page_and_the_original_is_served(client) -> None:  # type: ignore[no-untyped-def]
    rows = {r["township"]: r for r in client.get("/api/reports").json()}
    pdf = rows["色务乡"]  # the corpus's PDF
    text = client.get(f"/api/reports/{pdf['id']}/text").json()["text"]
    start = text.index("（一）法治意识有待加强")
    passage = client.get(f"/api/reports/{pdf['id']}/text", params={"start": start, "end": start + 20}).json()
    assert (passage["file_name"], passage["page"], passage["paragraph"]) == ("004_913615f662c886fc.pdf", 2, None)
    original = client.get(passage["download"])
    assert original.status_code == 200 and original.headers["content-type"] == "application/pdf"
    assert original.content.startswith(b"%PDF") and "inline" in original.headers["content-disposition"]
    docx = client.get(f"/api/reports/{rows['嘎美乡']['id']}/text", params={"start": 0, "end": 30}).json()
    assert docx["page"] is None and docx["paragraph"] == 1
    assert client.get("/api/reports/nope/file").status_code == 404


def test_a_how_many_question_across_reports_gives_each_reports_figure(client) -> None:  # type: ignore[no-untyped-def]
    body = client.post("/api/ask", json={"question": "各乡镇受理了多少件调解案件？"}).json()
    figures = {r["township"]: (r["figure"], r["value"]) for r in body["reports"] if r["supported"]}
    assert figures["塔布勒合特蒙古民族乡"] == ("52件", 52.0)
    assert all(r["figure"] is None and r["value"] is None for r in body["reports"] if not r["supported"])
