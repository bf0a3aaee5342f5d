"""Idempotent, replace-exactly-its-own ingest into real Chroma + SQLite + BM25, and crash recovery."""

from pathlib import Path

import pytest

from qa.errors import EmbedderMismatchError
from qa.ingest.pipeline import ingest
from qa.store import Store

REPORT = """城关镇2023年度法治政府建设工作报告
一、主要成效
（一）化解矛盾纠纷。全镇共受理调解案件12件，调解成功11件。
（二）法律顾问。全面推行一村一法律顾问制度，8个村均聘请了法律顾问。
二、存在问题
一是宣传不够；二是队伍不强。"""

OTHER = REPORT.replace("城关镇", "河西乡").replace("12件", "30件").replace("8个村", "5个村")


def write(folder: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(text.encode(encoding))
    return path


def ingest_files(tmp_path: Path, make_store, embedder, files: dict[str, tuple[str, str]]):  # type: ignore[no-untyped-def]
    """Write `files` (name -> (text, encoding)) to a folder and ingest it into a fresh store."""
    folder = tmp_path / "in"
    for name, (text, encoding) in files.items():
        write(folder, name, text, encoding)
    store = make_store()
    return folder, store, ingest([folder], store=store, embedder=embedder, max_chars=300)


def state(store: Store) -> tuple[int, int, int, list[str]]:
    return (len(store.reports()), store.vectors.count(), len(store.keyword.ids),
            sorted(r.meta.township or "" for r in store.reports()))


def test_reingest_of_unchanged_files_writes_nothing(tmp_path, make_store, embedder) -> None:  # type: ignore[no-untyped-def]
    folder, store, first = ingest_files(tmp_path, make_store, embedder,
                                        {"a.txt": (REPORT, "utf-8"), "b.txt": (OTHER, "gb18030")})
    assert first.counts == {"added": 2, "updated": 0, "unchanged": 0, "failed": 0}
    before = state(store)
    generation = store.registry.generation()
    again = ingest([folder], store=store, embedder=embedder, max_chars=300)
    assert again.counts == {"added": 0, "updated": 0, "unchanged": 2, "failed": 0}
    assert state(store) == before and store.registry.generation() == generation
    assert before[:3] == (2, before[1], before[1]) and before[3] == ["城关镇", "河西乡"]


def test_changed_file_replaces_exactly_its_own_chunks(tmp_path, make_store, embedder) -> None:  # type: ignore[no-untyped-def]
    folder, store, _ = ingest_files(tmp_path, make_store, embedder,
                                    {"a.txt": (REPORT, "utf-8"), "b.txt": (OTHER, "utf-8")})
    a = folder / "a.txt"
    other_id = next(r.id for r in store.reports() if r.meta.township == "河西乡")
    other_chunks = store.registry.chunk_ids([other_id])

    a.write_text(REPORT.replace("12件", "15件"), encoding="utf-8")
    result = ingest([folder], store=store, embedder=embedder, max_chars=300)
    assert result.counts == {"added": 0, "updated": 1, "unchanged": 1, "failed": 0}
    assert store.registry.chunk_ids([other_id]) == other_chunks
    texts = [c.text for c in store.registry.chunks(store.registry.chunk_ids()).values()]
    assert any("15件" in t for t in texts) and not any("12件" in t for t in texts)
    assert store.vectors.count() == len(store.keyword.ids) == len(texts)


def test_same_report_under_two_names_is_stored_once(tmp_path, make_store, embedder) -> None:  # type: ignore[no-untyped-def]
    _, store, result = ingest_files(tmp_path, make_store, embedder,
                                    {"a.txt": (REPORT, "utf-8"), "copy of a.txt": (REPORT, "gb18030")})
    assert result.counts["added"] == 1 and result.counts["unchanged"] == 1
    assert len(store.reports()) == 1


def test_opening_with_another_embedder_is_a_clear_error(tmp_path, make_store, embedder) -> None:  # type: ignore[no-untyped-def]
    store = make_store()
    ingest([write(tmp_path / "in", "a.txt", REPORT)], store=store, embedder=embedder, max_chars=300)
    store.close()
    with pytest.raises(EmbedderMismatchError, match="re-ingest"):
        Store.open(tmp_path / "data", embedder_name="sentence-transformers:other", dim=384)


def test_vectors_of_an_unfinished_report_are_removed_on_open(tmp_path, make_store, embedder) -> None:  # type: ignore[no-untyped-def]
    import numpy as np

    store = make_store()
    ingest([write(tmp_path / "in", "a.txt", REPORT)], store=store, embedder=embedder, max_chars=300)
    count = store.vectors.count()
    # what a crash between the vector write and the registry commit leaves behind
    store.registry.mark_pending(["deadbeefdeadbeef"])
    store.vectors.upsert(["orphan"], np.ones((1, embedder.dim), dtype=np.float32), ["x"],
                         [{"report_id": "deadbeefdeadbeef"}])
    store.close()
    reopened = make_store()
    assert reopened.vectors.count() == count and reopened.registry.pending() == []


def test_the_whole_corpus_ingests_with_nothing_failed(corpus_store) -> None:  # type: ignore[no-untyped-def]
    store, summary = corpus_store
    assert summary.counts["failed"] == 0 and summary.counts["added"] == 5
    assert store.vectors.count() == len(store.keyword.ids) == summary.chunks_written
    for r in store.reports():
        text = store.registry.report_text(r.id)
        for c in store.registry.chunks(store.registry.chunk_ids([r.id])).values():
            assert text[c.start:c.end] == c.text


def test_check_names_what_disagrees(tmp_path, make_store, embedder) -> None:  # type: ignore[no-untyped-def]
    _, store, _ = ingest_files(tmp_path, make_store, embedder, {"a.txt": (REPORT, "utf-8"), "b.txt": (OTHER, "utf-8")})
    assert store.check() == []
    victim = store.registry.chunk_ids()[0]
    with store.registry.transaction() as db:  # a chunk row lost behind the store's back
        db.execute("DELETE FROM chunks WHERE id=?", (victim,))
    store.vectors.upsert(["stray"], embedder.embed_documents(["无关"]), ["无关"], [{"report_id": "nobody"}])
    problems = store.check()
    assert "1 reports whose chunk count is wrong" in problems
    assert any(p.startswith("2 entries in Chroma of no registered chunk") for p in problems), problems  # victim, stray
    assert any(p.startswith("1 entries in the keyword index of no registered chunk") for p in problems), problems


def test_check_and_readyz_say_when_a_listed_vector_cannot_be_read(tmp_path, make_store, embedder) -> None:  # type: ignore[no-untyped-def]
    """What a server sees when another process wrote vectors it cannot read: never "ok" or "ready"."""
    from fastapi.testclient import TestClient

    from tests.conftest import app_over

    _, store, _ = ingest_files(tmp_path, make_store, embedder, {"a.txt": (REPORT, "utf-8")})
    with TestClient(app_over(store, embedder)) as client:
        assert client.get("/readyz").json()["status"] == "ready"
        newest = store.registry.newest_chunk_id()
        store.vectors._col.delete(ids=[newest])  # the vector goes behind the store's back
        ready = client.get("/readyz").json()
        assert ready["status"] == "degraded" and f"the vector of chunk {newest}" in ready["reason"]
    assert any(p.startswith(f"the vector of chunk {newest} (the newest in the registry) is missing") for p in store.check())
