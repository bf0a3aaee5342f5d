"""Request and response bodies of the HTTP API."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field


class AskRequest(BaseModel):
    question: str = Field(..., examples=["哪些乡镇聘请了村法律顾问？"])
    history: list[str] = Field(default_factory=list, max_length=20, examples=[["唐驿镇有多少人领取了行政执法证？"]],
                               description="The user's earlier questions in this conversation, oldest first.")
    stream: bool = Field(False, description="Answer as Server-Sent Events: `delta` events, then `answer`.")


class Message(BaseModel):
    role: Literal["system", "user", "assistant", "tool", "developer"] = "user"
    content: str = Field("", max_length=20_000)


class ChatRequest(BaseModel):
    messages: list[Message] = Field(..., min_length=1, max_length=100,
                                    examples=[[{"role": "user", "content": "哪些乡镇聘请了村法律顾问？"}]])
    stream: bool = False


class OpenAIChatRequest(BaseModel):
    """The part of OpenAI's chat-completions request qa uses; other fields are accepted and ignored."""

    model_config = {"extra": "allow"}
    model: str = "qa"
    messages: list[Message] = Field(..., min_length=1, max_length=100)
    stream: bool = False


class ReportOut(BaseModel):
    id: str
    file: str
    township: str | None
    county: str | None
    year: int | None
    title: str | None
    chars: int
    chunk_count: int
    ingested_at: str


class PassageOut(BaseModel):
    report_id: str
    township: str | None
    year: int | None
    start: int
    end: int
    text: str
    before: str
    after: str


class ErrorOut(BaseModel):
    error: str
    detail: str


class FileResultOut(BaseModel):
    file: str
    status: Literal["added", "updated", "unchanged", "failed"]
    report_id: str | None = None
    township: str | None = None
    year: int | None = None
    chunks: int = 0
    reason: str | None = None


class UploadOut(BaseModel):
    added: int
    updated: int
    unchanged: int
    failed: int
    files: list[FileResultOut]
