"""Request and response bodies of the HTTP API."""

from __future__ import annotations

from pydantic import BaseModel, Field


class AskRequest(BaseModel):
    question: str = Field(..., examples=["哪些乡镇聘请了村法律顾问？"])


class CitationOut(BaseModel):
    n: int
    report_id: str
    file: str
    township: str | None
    county: str | None
    year: int | None
    section: str
    text: str = Field(description="The exact cited passage: report text[start:end].")
    start: int
    end: int
    score: float


class AnswerOut(BaseModel):
    question: str
    answer: str
    mode: str
    refused: bool
    citations: list[CitationOut]
    related: list[CitationOut] = Field(description="Closest passages when the answer is refused; not citations.")


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
