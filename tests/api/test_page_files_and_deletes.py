"""The page's files are never framed by another site; deleting an uploaded report deletes its bytes too."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from qa.api.app import create_app
from qa.config import Settings

ADMIN = {"Authorization": "Bearer admin-1"}
REPORT = "城关镇2023年度法治政府建设工作报告\n一、主要成效\n全镇共受理调解案件12件，调解成功11件。\n二、存在问题\n人员不足。\n"


def test_static_files_refuse_framing_and_a_delete_removes_the_uploaded_bytes(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data", api_keys="user-1", admin_keys="admin-1", rate_limit=0)
    with TestClient(create_app(settings)) as client:
        page = client.get("/static/index.html")
        assert page.status_code == 200 and page.headers["x-frame-options"] == "DENY"
        assert page.headers["x-content-type-options"] == "nosniff"
        up = client.post("/api/reports", headers=ADMIN, files=[("files", ("城关镇.txt", REPORT.encode(), "text/plain"))])
        assert up.status_code == 200 and up.json()["added"] == 1
        report_id = up.json()["files"][0]["report_id"]
        saved = list((tmp_path / "data" / "uploads").iterdir())
        assert len(saved) == 1 and saved[0].read_text() == REPORT
        assert client.delete(f"/api/reports/{report_id}", headers=ADMIN).status_code == 200
        assert list((tmp_path / "data" / "uploads").iterdir()) == []
        assert client.get("/api/reports", headers=ADMIN).json() == []
