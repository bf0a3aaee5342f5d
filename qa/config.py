"""One Settings object, read from QA_* environment variables at the entry points."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

EmbedderName = Literal["e5-small", "sentence-transformers"]


class Settings(BaseSettings):
    """Everything qa can be configured with; each field is QA_<NAME> in the environment."""

    model_config = SettingsConfigDict(env_prefix="QA_", env_file=".env", extra="ignore")

    data_dir: Path = Field(Path("./data"), description="Where Chroma, the keyword index and the registry live.")
    embedder: EmbedderName = "e5-small"
    embed_model: str | None = Field(
        None, description="Local model directory for the sentence-transformers embedder."
    )
    chunk_max_chars: int = Field(300, ge=50, le=4000)
    top_k: int = Field(8, ge=1, le=100)


@lru_cache
def get_settings() -> Settings:
    """The process's settings, built once from the environment."""
    return Settings()
