"""Request and response bodies of the HTTP API."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from qa.answer.ask import Scope


class Scoped(BaseModel):
    """The reports a question is asked of, chosen beside it (the page's filters); unset: all of them."""

    township: str | None = Field(None, max_length=100, examples=["后台乡"],
                                 description="Only this township's reports (its name as /api/reports lists it).")
    year: int | None = Field(None, ge=1949, le=2100, examples=[2023], description="Only reports of this year.")

    @property
    def scope(self) -> Scope:
        return Scope(township=(self.township or "").strip() or None, year=self.year)  # a blank one: none chosen


class AskRequest(Scoped):
    question: str = Field(..., examples=["哪些乡镇聘请了村法律顾问？"])
    history: list[str] = Field(default_factory=list, max_length=20, examples=[["唐驿镇有多少人领取了行政执法证？"]],
                               description="The user's earlier questions in this conversation, oldest first.")
    stream: bool = Field(False, description="Answer as Server-Sent Events: `delta` events, then `answer`.")


class Message(BaseModel):
    role: Literal["system", "user", "assistant", "tool", "developer"] = "user"
    content: str = Field("", max_length=20_000)


class ChatRequest(Scoped):
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
    body: str | None = Field(None, description="The issuing body as the report names it", examples=["睢县后台乡人民政府"])
    level: str = Field("unknown", description="township, street, county, department, city or unknown")
    city: str | None = None
    province: str | None = None
    sources: dict[str, str] = Field(default_factory=dict, description="Where each field was found: title, table, "
                                    "page_title, signature, body, file_name (a guess), admin (a correction)",
                                    examples=[{"township": "title", "year": "title"}])
    missing: list[str] = Field(default_factory=list, description="Fields the report should state but qa did not "
                               "find (township, year): correct them with PATCH", examples=[["township"]])
    chars: int
    chunk_count: int
    ingested_at: str


class MetaCorrection(BaseModel):
    """Fields to set by hand; a field left out keeps its value, null clears it."""

    model_config = {"extra": "forbid"}
    township: str | None = Field(None, examples=["青石镇"])
    county: str | None = None
    city: str | None = None
    province: str | None = None
    year: int | None = Field(None, examples=[2023])
    body: str | None = None
    level: str | None = Field(None, examples=["township"])
    title: str | None = None


class PassageOut(BaseModel):
    report_id: str
    township: str | None
    year: int | None
    start: int
    end: int
    text: str
    before: str
    after: str
    file_name: str | None = Field(None, description="the name of the file the report was read from")
    page: int | None = Field(None, description="the page of the PDF where the passage starts (1-based)")
    paragraph: int | None = Field(None, description="the paragraph of the .docx where the passage starts "
                                                   "(1-based, empty paragraphs not counted)")
    download: str | None = Field(None, description="where the original file is served (with the same key), "
                                                   "if the server still has it")


class ErrorOut(BaseModel):
    """Every error but a malformed request (422): the error's name and a sentence saying what went wrong."""

    error: str = Field(..., examples=["BadQuestionError"])
    detail: str = Field(..., examples=["the question is empty"])


_ERROR_DESCRIPTIONS = {
    400: "The request cannot be served as sent (an empty question, a bad range, broken multipart).", 401: "No valid API key.",
    403: "The key may not change the reports.", 404: "No such report.", 413: "The request is over a limit: its body, a file, or the number of files.",
    429: "Over this key's rate limit; see Retry-After.", 503: "The store (Chroma, the registry) is unavailable.",
}


def error_responses(*codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses` for these error statuses, all shaped as ErrorOut."""
    return {code: {"model": ErrorOut, "description": _ERROR_DESCRIPTIONS[code]} for code in codes}


class FileResultOut(BaseModel):
    file: str
    status: Literal["added", "updated", "unchanged", "failed"]
    report_id: str | None = None
    township: str | None = None
    year: int | None = None
    chunks: int = 0
    reason: str | None = Field(None, description="Why the file failed.")
    fix: str | None = Field(None, description="What to do about it.")
    reason_zh: str | None = Field(None, description="The reason in Chinese, for officials.")
    fix_zh: str | None = Field(None, description="What to do about it, in Chinese.")


class UploadOut(BaseModel):
    added: int
    updated: int
    unchanged: int
    failed: int
    files: list[FileResultOut]
