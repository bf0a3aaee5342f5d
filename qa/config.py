"""One Settings object, read from QA_* environment variables at the entry points."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from qa.ingest.load import Limits

EmbedderName = Literal["e5-small", "sentence-transformers"]


class Settings(BaseSettings):
    """Everything qa can be configured with; each field is QA_<NAME> in the environment."""

    model_config = SettingsConfigDict(env_prefix="QA_", env_file=".env", extra="ignore")

    data_dir: Path = Field(Path("./data"), description="Where Chroma, the keyword index and the registry live.")
    embedder: EmbedderName = "e5-small"
    embed_model: str | None = Field(
        None, description="Local model directory for the sentence-transformers embedder."
    )
    chroma_url: str | None = Field(None, description="A Chroma server (http://host:8001) for the vectors instead of "
                                                     "the embedded store in QA_DATA_DIR/chroma.")
    chroma_collection: str = Field("qa_chunks", description="The collection on that server (one per qa deployment).")
    chroma_timeout: float = Field(10.0, gt=0, description="Seconds a read from that server may take before the "
                                  "question is answered from keywords alone; writes may take 6×.")
    lock_timeout: float = Field(10.0, ge=0, description="Seconds a write waits for another process holding the "
                                "registry's write lock before it fails with a reason (503 over HTTP).")
    chunk_max_chars: int = Field(300, ge=50, le=4000)
    top_k: int = Field(8, ge=1, le=100)

    llm_base_url: str | None = Field(
        None, description="An OpenAI-compatible server (vLLM, Ollama, llama.cpp…), e.g. http://127.0.0.1:8080/v1. "
                          "Unset: answers are extractive.")
    llm_model: str = Field("default", description="The model name the LLM server expects.")
    llm_api_key: str | None = Field(None, description="Bearer key for the LLM server, if it wants one.")
    llm_timeout: float = Field(60.0, gt=0, description="Seconds to wait for the LLM before answering extractively.")
    llm_max_tokens: int = Field(600, ge=16, le=8192)
    api_keys: str = Field("", description="Comma-separated keys; when set, every endpoint but /healthz and "
                                          "/readyz needs `Authorization: Bearer <key>`.")
    admin_keys: str = Field("", description="Comma-separated keys that may also upload and delete reports.")
    cors_origins: str = Field("", description="Comma-separated origins (https://portal.example) allowed to call "
                                              "or embed qa from a browser; none when empty.")

    rate_limit: int = Field(120, ge=0, description="Requests a minute each API key may make to the key-guarded "
                            "routes (per client address when no keys are set); 0 turns the limit off.")
    max_file_mb: float = Field(20, gt=0, description="Largest report file `qa ingest` reads and POST /api/reports "
                               "accepts; a township report is well under 1 MB.")
    upload_max_files: int = Field(20, ge=1, description="Most files in one upload.")
    max_unpacked_mb: float = Field(50, gt=0, description="Most a .docx's text parts may unpack to (a small file can "
                                   "hold 100 MB of empty paragraphs); the file is refused past it.")
    max_pages: int = Field(500, ge=1, description="Most pages a PDF report may have.")
    max_text_chars: int = Field(300_000, ge=1000, description="Most characters of text one file may yield (a report "
                                "has 5,000-30,000); it bounds a file's embedding time and memory.")
    file_seconds: float = Field(300, gt=0, description="Most seconds one file may take to read and embed; past it "
                                "the file is given up with a reason and nothing of it stored (the write lock is "
                                "held meanwhile).")
    max_upload_mb: float = Field(100, gt=0, description="Largest body POST /api/reports accepts (all its files); "
                                 "413 past it, before the body is read.")
    max_body_kb: int = Field(256, ge=4, description="Largest body any other request may have (a question and its "
                             "history are a few KB); 413 past it, before the body is read.")
    max_header_kb: int = Field(16, ge=1, description="Largest total size of a request's headers; 431 past it.")
    read_timeout: float = Field(30.0, gt=0, description="Seconds a request's body may pause before it is dropped "
                                "with 408; idle keep-alive connections close after 5 s.")
    trusted_proxies: str = Field("", description="Comma-separated addresses of reverse proxies whose "
                                 "X-Forwarded-For names the client (for per-address limits); none by default, so "
                                 "no one can claim another address.")
    max_connections: int = Field(200, ge=1, description="Most connections `qa serve` handles at once; more are "
                                 "answered 503 at once (keep it well under the process's open-file limit).")

    indicators: Path | None = Field(None, description="The county table's indicators file (TOML); the shipped "
                                    "qa/data/indicators.toml when unset. Copy it to add indicators.")
    prompts_dir: Path = Field(Path(__file__).resolve().parents[1] / "prompts",
                              description="Where the prompt templates live.")


    @property
    def ingest_limits(self) -> Limits:
        return Limits(unpacked_mb=self.max_unpacked_mb, pages=self.max_pages, text_chars=self.max_text_chars,
                      seconds=self.file_seconds)

    @property
    def api_key_list(self) -> list[str]:
        return _split(self.api_keys)

    @property
    def admin_key_list(self) -> list[str]:
        return _split(self.admin_keys)

    @property
    def cors_origin_list(self) -> list[str]:
        return _split(self.cors_origins)


def _split(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


@lru_cache
def get_settings() -> Settings:
    """The process's settings, built once from the environment."""
    return Settings()
