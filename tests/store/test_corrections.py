"""Metadata qa could not find is listed as such, an admin corrects it (CLI, API), and the correction is used at once
and outlives a re-ingest of the same file. Reports in traditional characters are found by simplified questions and
quoted in their own characters. Test reports are written for these tests from the patterns of published pages."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from qa.answer.ask import ask
from qa.ingest.pipeline import ingest
from qa.retrieval.embed import Embedder
from qa.store import Store
from tests.conftest import app_over

# A report that names itself only 我镇, in a file whose name says nothing: no township can be found
SELF_NAMED = ("2023年度法治政府建设情况报告\n"
              "2023年，我镇坚持以习近平法治思想为指导，扎实推进法治政府建设，现将有关情况报告如下。\n"
              "一、主要做法\n"
              "（一）强化法治宣传。全年开展送法进村活动37场次，发放宣传资料5200余份。\n"
              "（二）化解矛盾纠纷。受理矛盾纠纷48件，调解成功46件。\n"
              "二、存在的不足\n"
              "法治工作力量仍然薄弱。\n")
# A township's report published in traditional characters
TRADITIONAL = ("梅溪鄉2023年度法治政府建設情況報告\n"
               "2023年，梅溪鄉在縣委、縣政府的堅強領導下，全面推進依法行政。\n"
               "一、主要成效\n"
               "全鄉共受理調解案件29件，調解成功28件；開展法治宣傳活動16場次，覆蓋群眾兩千餘人次。\n"
               "二、存在問題\n"
               "基層法治隊伍力量不足。\n")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "reports"
    path.mkdir()
    (path / "report-0117.txt").write_text(SELF_NAMED, encoding="utf-8")
    (path / "page.txt").write_text(TRADITIONAL, encoding="utf-8")
    return path


def _ingest(store: Store, embedder: Embedder, folder: Path) -> None:
    summary = ingest([folder], store=store, embedder=embedder, max_chars=300)
    assert not [r for r in summary.results if r.status == "failed"], summary.results


def _row(store: Store, file: str):  # type: ignore[no-untyped-def]
    return next(r for r in store.reports() if r.file == file)


def test_a_correction_is_used_at_once_and_outlives_a_reingest(make_store, embedder: Embedder,  # type: ignore[no-untyped-def]
                                                             folder: Path) -> None:
    store = make_store()
    _ingest(store, embedder, folder)
    row = _row(store, "report-0117.txt")
    assert row.meta.township is None and row.meta.level == "township" and row.meta.year == 2023
    before = ask("青石镇调解成功了多少件纠纷？", store=store, embedder=embedder, k=8)
    assert before.refused  # no report of 青石镇 yet

    corrected = store.correct_meta(row.id, {"township": "青石镇", "county": "睢县"})
    assert (corrected.meta.township, corrected.meta.county) == ("青石镇", "睢县")
    assert corrected.meta.source("township") == "admin" and corrected.meta.source("year") == "title"
    after = ask("青石镇调解成功了多少件纠纷？", store=store, embedder=embedder, k=8)
    assert not after.refused and "46" in after.answer and after.citations[0].township == "青石镇"

    store.delete_report(row.id)  # gone, then the same file again: the correction comes back with it
    _ingest(store, embedder, folder)
    again = _row(store, "report-0117.txt")
    assert (again.meta.township, again.meta.county, again.meta.source("township")) == ("青石镇", "睢县", "admin")


def test_bad_corrections_are_refused_naming_the_field(make_store, embedder: Embedder,  # type: ignore[no-untyped-def]
                                                      folder: Path) -> None:
    from qa.errors import BadInputError, NotFoundError

    store = make_store()
    _ingest(store, embedder, folder)
    rid = _row(store, "report-0117.txt").id
    for changes, field in (({"year": "去年"}, "year"), ({"level": "village"}, "level"), ({"colour": "红"}, "colour"),
                           ({"township": "青石镇\n睢县"}, "township"), ({}, "nothing")):
        with pytest.raises(BadInputError, match=field):
            store.correct_meta(rid, changes)
    with pytest.raises(NotFoundError):
        store.correct_meta("no-such-id", {"township": "青石镇"})
    assert _row(store, "report-0117.txt").meta.township is None  # nothing half-written


def test_traditional_reports_are_found_in_simplified_and_quoted_as_written(make_store, embedder: Embedder,  # type: ignore[no-untyped-def]
                                                                           folder: Path) -> None:
    store = make_store()
    _ingest(store, embedder, folder)
    row = _row(store, "page.txt")
    assert (row.meta.township, row.meta.year) == ("梅溪乡", 2023)  # read in simplified: questions name it so
    answer = ask("梅溪乡受理了多少调解案件？", store=store, embedder=embedder, k=8)
    assert not answer.refused and "29" in answer.answer
    quote = answer.citations[0]
    assert "調解案件29件" in quote.text and "調解案件29件" in answer.answer  # in the report's own characters
    assert store.registry.report_text(row.id, own_characters=True)[quote.start:quote.end] == quote.text
    asked_in_traditional = ask("梅溪鄉受理了多少調解案件？", store=store, embedder=embedder, k=8)
    assert not asked_in_traditional.refused and "29" in asked_in_traditional.answer


def test_admins_correct_over_http_and_users_cannot(make_store, embedder: Embedder,  # type: ignore[no-untyped-def]
                                                  folder: Path) -> None:
    store = make_store()
    _ingest(store, embedder, folder)
    rid = _row(store, "report-0117.txt").id
    user, admin = {"Authorization": "Bearer user-key"}, {"Authorization": "Bearer admin-key"}
    with TestClient(app_over(store, embedder, api_keys="user-key", admin_keys="admin-key")) as client:
        listed = {r["id"]: r for r in client.get("/api/reports", headers=user).json()}
        assert listed[rid]["township"] is None and listed[rid]["missing"] == ["township"]
        assert client.patch(f"/api/reports/{rid}", json={"township": "青石镇"}).status_code == 401
        assert client.patch(f"/api/reports/{rid}", json={"township": "青石镇"}, headers=user).status_code == 403
        bad = client.patch(f"/api/reports/{rid}", json={"year": 1066}, headers=admin)
        assert bad.status_code == 400 and "year" in bad.json()["detail"]
        assert client.patch(f"/api/reports/{rid}", json={"town": "青石镇"}, headers=admin).status_code == 422
        ok = client.patch(f"/api/reports/{rid}", json={"township": "青石镇", "year": 2023}, headers=admin)
        assert ok.status_code == 200 and ok.json()["township"] == "青石镇" and ok.json()["missing"] == []
        assert ok.json()["sources"]["township"] == "admin"
        answer = client.post("/api/ask", json={"question": "青石镇开展了多少场送法进村活动？"}, headers=user).json()
        assert not answer["refused"] and "37" in answer["answer"]


def test_qa_reports_lists_what_was_not_found_and_qa_correct_sets_it(folder: Path, tmp_path: Path) -> None:
    qa = [sys.executable, "-m", "qa.cli"]
    env = {**os.environ, "QA_DATA_DIR": str(tmp_path / "cli-data")}
    subprocess.run(qa + ["ingest", str(folder)], env=env, check=True, capture_output=True, timeout=600)
    listing = subprocess.run(qa + ["reports"], env=env, check=True, capture_output=True, text=True).stdout
    line = next(x for x in listing.splitlines() if "report-0117.txt" in x)
    assert "（乡镇未识别）" in line and "未识别: township" in line and "1 with fields not found" in listing
    rid = line.split()[0]
    done = subprocess.run(qa + ["correct", rid, "--township", "青石镇", "--county", "睢县"], env=env,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    rows = json.loads(subprocess.run(qa + ["reports", "--json"], env=env, check=True, capture_output=True,
                                     text=True).stdout)
    assert next(r for r in rows if r["id"] == rid)["meta"]["township"] == "青石镇"
    wrong = subprocess.run(qa + ["correct", rid, "--year", "1066"], env=env, capture_output=True, text=True)
    assert wrong.returncode == 2 and "year" in wrong.stderr


def test_metadata_an_older_reader_stored_is_read_again_corrections_kept(make_store, embedder: Embedder,  # type: ignore[no-untyped-def]
                                                                        folder: Path) -> None:
    from qa.ingest.pipeline import META_VERSION
    from qa.types import ReportMeta

    store = make_store()
    _ingest(store, embedder, folder)
    trad, mine = _row(store, "page.txt"), _row(store, "report-0117.txt")
    store.correct_meta(mine.id, {"township": "青石镇"})
    with store.registry.transaction() as db:  # as an older find_meta left them: a fragment of a sentence
        store.registry.set_meta(db, trad.id, ReportMeta("现将我乡", "治区", 2024, None))
        db.execute("UPDATE state SET value='1' WHERE key='meta_version'")
    assert _row(store, "page.txt").meta.township == "现将我乡"
    ingest([], store=store, embedder=embedder, max_chars=300)  # any ingest upgrades first
    assert store.registry.get_state("meta_version") == META_VERSION
    again = _row(store, "page.txt").meta
    assert (again.township, again.county, again.year) == ("梅溪乡", None, 2023)
    assert _row(store, "report-0117.txt").meta.township == "青石镇"  # the admin's correction stays on top


def test_a_name_of_spaces_only_clears_the_field_as_an_empty_one_does() -> None:
    from qa.store import check_corrections

    assert check_corrections({"township": "  ", "county": "", "body": " 睢县司法局 "}) == {
        "township": None, "county": None, "body": "睢县司法局"}
