"""Keys on every route that needs one, CORS for listed origins only, uploads and deletes by admins, loopback rule."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from qa.api.app import create_app
from qa.api.auth import open_bind_refusal
from qa.config import Settings
from qa.ingest.pipeline import ingest
from qa.store import Store
from tests.conftest import app_over

pytestmark = pytest.mark.corpus
USER, ADMIN = {"Authorization": "Bearer user-key"}, {"Authorization": "Bearer admin-key"}
PORTAL = "https://portal.county.example"
REPORT = "甲乡2024年度法治政府建设情况报告\n一、主要做法\n全乡共受理调解案件17件，调解成功16件。\n二、存在问题\n人员不足。\n"


@pytest.fixture(scope="module")
def two_reports(tmp_path_factory: pytest.TempPathFactory, corpus: Path, embedder) -> Iterator[Store]:  # type: ignore[no-untyped-def]
    """Two corpus reports ingested once for the module; a test that adds a report deletes it again."""
    tmp = tmp_path_factory.mktemp("auth")
    store = Store.open(tmp / "data", embedder_name=embedder.name, dim=embedder.dim)
    for name in ("001_31921d5176bdc757.txt", "003_a09d03cfebe872bb.txt"):
        shutil.copy(corpus / name, tmp / name)
    ingest([tmp / "001_31921d5176bdc757.txt", tmp / "003_a09d03cfebe872bb.txt"], store=store,
           embedder=embedder, max_chars=300)
    yield store
    store.close()


@pytest.fixture
def client(two_reports: Store, embedder) -> Iterator[TestClient]:  # type: ignore[no-untyped-def]
    """A new app (its own settings, rate limits and write lock) over the module's store."""
    with TestClient(app_over(two_reports, embedder, api_keys="user-key,other-key", admin_keys="admin-key",
                             cors_origins=PORTAL)) as c:
        yield c


ROUTES = [("post", "/api/ask", {"json": {"question": "唐驿镇有多少人领取了行政执法证？"}}),
          ("post", "/api/chat", {"json": {"messages": [{"role": "user", "content": "后台乡的党委书记是谁？"}]}}),
          ("post", "/v1/chat/completions", {"json": {"model": "qa", "messages": [{"role": "user", "content": "你好"}]}}),
          ("get", "/v1/models", {}), ("get", "/api/reports", {})]


@pytest.mark.parametrize(("method", "url", "kw"), ROUTES, ids=[r[1] for r in ROUTES])
def test_every_route_needs_a_key(client: TestClient, method: str, url: str, kw: dict) -> None:  # type: ignore[type-arg]
    assert getattr(client, method)(url, **kw).status_code == 401
    assert getattr(client, method)(url, headers={"Authorization": "Bearer wrong"}, **kw).status_code == 401
    assert getattr(client, method)(url, headers={"Authorization": "user-key"}, **kw).status_code == 401  # no scheme
    assert getattr(client, method)(url, headers=USER, **kw).status_code == 200
    assert getattr(client, method)(url, headers=ADMIN, **kw).status_code == 200


PUBLIC = {("GET", "/healthz"), ("GET", "/readyz"), ("GET", "/"), ("GET", "/embed")}


def test_no_route_is_left_without_a_key(client: TestClient) -> None:
    """Every route the app documents, read from its own schema: only the probes and the page (which holds no data) are
    open, so a route added later cannot be served without a key by mistake."""
    rid = client.get("/api/reports", headers=USER).json()[0]["id"]
    paths = client.app.openapi()["paths"]  # type: ignore[attr-defined]
    guarded = {(method.upper(), path) for path, ops in paths.items() for method in ops} - PUBLIC
    assert {("GET", "/api/reports/{report_id}/text"), ("DELETE", "/api/reports/{report_id}"),
            ("POST", "/api/reports"), ("PATCH", "/api/reports/{report_id}"), ("GET", "/api/reports/{report_id}/file"),
            ("GET", "/api/table"), ("GET", "/api/required"), ("GET", "/api/themes"), ("GET", "/api/summary")} <= guarded \
        and len(guarded) == 14
    wrong = ({}, {"Authorization": "Bearer wrong"}, {"Authorization": "Basic user-key"})
    for n, (method, path) in enumerate(sorted(guarded)):  # each route with one of the wrong headers in turn: all
        url = path.replace("{report_id}", rid)  # of them would pass the per-address limit on wrong keys (429)
        for headers in (wrong[n % 3],):
            r = client.request(method, url, headers=headers)
            assert r.status_code == 401 and r.json()["error"] == "Unauthorized", (method, path, headers)
            assert r.headers["www-authenticate"] == "Bearer"
    assert client.get(f"/api/reports/{rid}/text", headers=USER).status_code == 200
    for method, path in PUBLIC:
        assert client.request(method, path).status_code == 200


def test_probes_stay_open(client: TestClient) -> None:
    assert client.get("/healthz").status_code == 200 and client.get("/readyz").json()["reports"] == 2


def test_cors_only_for_listed_origins(client: TestClient) -> None:
    ok = client.options("/api/ask", headers={"Origin": PORTAL, "Access-Control-Request-Method": "POST"})
    assert ok.headers.get("access-control-allow-origin") == PORTAL
    other = client.options("/api/ask", headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"})
    assert "access-control-allow-origin" not in other.headers


def test_upload_and_delete_need_an_admin_key_and_change_everything(client: TestClient, two_reports: Store) -> None:
    files = [("files", ("../../甲乡 报告.txt", REPORT.encode(), "text/plain")),
             ("files", ("evil.exe", b"MZ", "application/octet-stream"))]
    assert client.post("/api/reports", files=files, headers=USER).status_code == 403
    r = client.post("/api/reports", files=files, headers=ADMIN).json()
    assert (r["added"], r["failed"]) == (1, 1)
    added = next(f for f in r["files"] if f["status"] == "added")
    assert added["file"] == "../../甲乡 报告.txt" and added["township"] == "甲乡" and added["year"] == 2024
    assert "unsupported file type .exe" in next(f for f in r["files"] if f["status"] == "failed")["reason"]
    saved = list((two_reports.data_dir / "uploads").iterdir())
    assert len(saved) == 1 and saved[0].name.endswith("-甲乡_报告.txt")  # inside uploads/, name sanitised
    again = client.post("/api/reports", files=files[:1], headers=ADMIN).json()
    assert again["unchanged"] == 1

    answer = client.post("/api/ask", json={"question": "甲乡受理了多少调解案件？"}, headers=USER).json()
    assert "17件" in answer["answer"]
    store = two_reports
    chunk_ids = set(store.registry.chunk_ids([added["report_id"]]))
    assert chunk_ids and chunk_ids <= set(store.keyword.ids)
    assert client.delete(f"/api/reports/{added['report_id']}", headers=USER).status_code == 403
    gone = client.delete(f"/api/reports/{added['report_id']}", headers=ADMIN)
    assert gone.status_code == 200 and gone.json()["township"] == "甲乡"
    assert client.delete(f"/api/reports/{added['report_id']}", headers=ADMIN).status_code == 404
    after = client.post("/api/ask", json={"question": "甲乡受理了多少调解案件？"}, headers=USER).json()
    assert after["refused"] and not after["citations"] and "17" not in after["answer"]
    assert store.vectors.count() == sum(r.chunk_count for r in store.reports())  # its vectors went too
    assert not store.registry.chunk_ids([added["report_id"]]) and not chunk_ids & set(store.keyword.ids)
    assert all(f.report_id != added["report_id"] for f in store.registry.facts())


def test_too_many_or_too_large_files_are_refused(client: TestClient) -> None:
    services = client.app.state.services  # type: ignore[attr-defined]
    services.settings = services.settings.model_copy(update={"upload_max_files": 1, "max_file_mb": 0.00001})
    two = [("files", ("a.txt", b"x", "text/plain")), ("files", ("b.txt", b"y", "text/plain"))]
    assert client.post("/api/reports", files=two, headers=ADMIN).status_code == 413
    big = client.post("/api/reports", files=[("files", ("a.txt", REPORT.encode(), "text/plain"))], headers=ADMIN).json()
    assert big["failed"] == 1 and "over the" in big["files"][0]["reason"] and "QA_MAX_FILE_MB" in big["files"][0]["fix"]


def test_serving_beyond_loopback_needs_keys(tmp_path: Path) -> None:
    assert open_bind_refusal("127.0.0.1", []) is None and open_bind_refusal("0.0.0.0", ["k"]) is None
    r = subprocess.run([sys.executable, "-m", "qa.cli", "serve", "--host", "0.0.0.0", "--port", "1"],
                       capture_output=True, text=True, env={"QA_DATA_DIR": str(tmp_path), "PATH": "/usr/bin"},
                       timeout=120)
    assert r.returncode == 2 and "refusing to listen on 0.0.0.0 without QA_API_KEYS" in r.stderr


def test_rate_limit_per_key(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data", api_keys="a-key,b-key", rate_limit=2)
    with TestClient(create_app(settings)) as c:
        a, b = {"Authorization": "Bearer a-key"}, {"Authorization": "Bearer b-key"}
        assert [c.get("/v1/models", headers=a).status_code for _ in range(2)] == [200, 200]
        over = c.get("/v1/models", headers=a)
        assert over.status_code == 429 and int(over.headers["Retry-After"]) >= 1 and "2 a minute" in over.json()["detail"]
        assert c.get("/v1/models", headers=b).status_code == 200  # another key has its own budget
        assert c.get("/healthz").status_code == 200  # probes are not limited


def test_rate_limiter_refills_over_time() -> None:
    from qa.api.auth import RateLimiter

    now = [0.0]
    limiter = RateLimiter(60, clock=lambda: now[0])  # one a second, bursts of 60
    assert all(limiter.wait("k") == 0 for _ in range(60))
    assert limiter.wait("k") == pytest.approx(1.0)
    now[0] += 2.5
    assert limiter.wait("k") == 0 and limiter.wait("k") == 0 and limiter.wait("k") > 0
    assert RateLimiter(0).wait("k") == 0  # 0 turns it off


def test_a_key_is_compared_with_every_key_in_constant_time() -> None:
    """No early exit: the time taken cannot tell which key matched, or how many keys there are before it."""
    from qa.api.auth import _matches

    class Watched(list):  # type: ignore[type-arg]
        seen = 0

        def __iter__(self):  # type: ignore[no-untyped-def]
            for k in super().__iter__():
                Watched.seen += 1
                yield k

    keys = Watched(["first-key", "second-key", "third-key"])
    assert _matches("first-key", keys) and Watched.seen == 3  # matched the first, still compared all three
    Watched.seen = 0
    assert not _matches("first-kez", keys) and Watched.seen == 3
    assert not _matches("", keys) and not _matches("first-key-and-more", keys)
    import inspect

    assert "compare_digest" in inspect.getsource(_matches)  # the comparison itself is hmac's constant-time one
