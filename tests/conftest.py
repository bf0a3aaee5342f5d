"""Shared fixtures: the real corpus, the real bundled embedder, real Chroma in tmp dirs."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from fastapi import FastAPI

from qa.api.app import create_app
from qa.api.deps import Services
from qa.config import Settings
from qa.ingest.pipeline import IngestSummary, ingest, read_report
from qa.retrieval.embed import E5Small, Embedder
from qa.store import Store
from qa.types import Report

REPO = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("QA_TEST_CORPUS", REPO.parent / "shared" / "corpus"))

# What the five corpus reports say about themselves (read from their text).
CORPUS_META = {
    "000_34e5d983f20fcaa4.txt": ("塔布勒合特蒙古民族乡", "乌苏市", 2023),
    "001_31921d5176bdc757.txt": ("后台乡", "睢县", 2023),
    "002_0eaea493a516bd61.docx": ("嘎美乡", None, 2024),
    "003_a09d03cfebe872bb.txt": ("五十一团唐驿镇", None, 2023),
    "004_913615f662c886fc.pdf": ("色务乡", "安多县", 2024),
}


@pytest.fixture(scope="session")
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.fail(f"the report corpus is missing: expected it in {CORPUS}")
    return CORPUS


@pytest.fixture(scope="session")
def corpus_reports(corpus: Path) -> dict[str, Report]:
    """Each corpus file read and cleaned, by file name."""
    return {name: read_report(corpus / name) for name in CORPUS_META}


@pytest.fixture(scope="session")
def embedder() -> Embedder:
    return E5Small()


@pytest.fixture
def make_store(tmp_path: Path, embedder: Embedder):  # type: ignore[no-untyped-def]
    """Open a fresh store in a tmp data dir (reopen by calling again with the same name)."""
    opened: list[Store] = []

    def make(name: str = "data") -> Store:
        store = Store.open(tmp_path / name, embedder_name=embedder.name, dim=embedder.dim)
        opened.append(store)
        return store

    yield make
    for store in opened:
        store.close()


@pytest.fixture(scope="session")
def corpus_store(tmp_path_factory: pytest.TempPathFactory, corpus: Path,
                 embedder: Embedder) -> tuple[Store, IngestSummary]:
    """The whole corpus ingested once for the session."""
    store = Store.open(tmp_path_factory.mktemp("corpus") / "data", embedder_name=embedder.name, dim=embedder.dim)
    summary = ingest([corpus], store=store, embedder=embedder, max_chars=300)
    return store, summary


@pytest.fixture(scope="session")
def corpus_data(corpus_store: tuple[Store, IngestSummary], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the ingested corpus's data folder, for the tests' other processes (qa serve, qa ask) to own:
    this process is the writer of the original."""
    return copy_data(corpus_store[0].data_dir, tmp_path_factory.mktemp("corpus-copy") / "data")


def copy_data(source: Path, to: Path) -> Path:
    """A copy of a data folder (without its writer lock) for another process to own."""
    import shutil

    shutil.copytree(source, to, ignore=shutil.ignore_patterns("writer.lock"))
    return to


def app_over(store: Store, embedder: Embedder, **settings: object) -> FastAPI:
    """The HTTP app over a store the test opened and ingested already (no second open, no re-ingest)."""
    config = Settings(data_dir=store.data_dir, **settings)  # type: ignore[arg-type]
    return create_app(config, Services(settings=config, embedder=embedder, store=store))
