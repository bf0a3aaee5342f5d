"""QA_CHROMA_URL: the vectors live on a real Chroma server (`chroma run` on loopback); ingest and ask work the same."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.servers import free_port, start, stop

pytestmark = [pytest.mark.corpus, pytest.mark.slow]


@pytest.fixture(scope="module")
def chroma_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    chroma = shutil.which("chroma", path=str(Path(sys.executable).parent))
    assert chroma, "the chroma CLI comes with the chromadb package"
    port = free_port()
    work = tmp_path_factory.mktemp("chroma-server")
    proc = start([chroma, "run", "--host", "127.0.0.1", "--port", str(port), "--path", str(work / "db")],
                 url=f"http://127.0.0.1:{port}/api/v2/heartbeat", log=work / "server.log")
    yield f"http://127.0.0.1:{port}"
    stop(proc)


def qa(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "qa.cli", *args], env=env, capture_output=True, text=True, timeout=600)


def test_ingest_and_ask_against_a_chroma_server(chroma_url: str, corpus: Path, tmp_path: Path) -> None:
    env = {**os.environ, "QA_DATA_DIR": str(tmp_path / "data"), "QA_CHROMA_URL": chroma_url,
           "QA_CHROMA_COLLECTION": "county_a"}
    first = qa(["ingest", str(corpus)], env)
    assert first.returncode == 0 and "added 5" in first.stdout, first.stderr
    assert not (tmp_path / "data" / "chroma").exists()  # no embedded Chroma: the vectors went to the server
    asked = qa(["ask", "--json", "哪些乡镇聘请了村法律顾问？"], env)
    assert asked.returncode == 0, asked.stderr
    assert '"township": "后台乡"' in asked.stdout and '"township": "塔布勒合特蒙古民族乡"' in asked.stdout

    import chromadb

    host, port = chroma_url.rsplit(":", 1)
    client = chromadb.HttpClient(host=host.removeprefix("http://"), port=int(port))
    assert client.get_collection("county_a").count() == 101  # one vector per registered chunk

    down = qa(["ask", "哪些乡镇聘请了村法律顾问？"], {**env, "QA_CHROMA_URL": f"http://127.0.0.1:{free_port()}"})
    assert down.returncode == 2 and "cannot open the Chroma store" in down.stderr  # a clear error, not a traceback
