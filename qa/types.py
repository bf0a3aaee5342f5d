"""The domain: reports, sections, chunks, hits and answers. All frozen dataclasses.

Those made by the thousand (a question across 5,000 reports makes some 40,000 hits and citations; a store at ×1000
keeps 101,000 chunks and 89,000 facts in memory) also have slots: a third cheaper to make, and smaller."""

from __future__ import annotations

from dataclasses import dataclass, field

# What a report's issuing body is: a township's or a street's government (or party committee), a county's, a
# department's (司法局), a city's; unknown when the report does not say
LEVELS = ("township", "street", "county", "department", "city", "unknown")


@dataclass(frozen=True)
class ReportMeta:
    """What a report says about itself: who filed it, for which year, under which title.

    `level` is what the issuing body is (township, street, county, department, city, or unknown); `sources` says
    where each field was found: title, table (the page's metadata table), page_title, signature, body, file_name,
    or admin (a correction).
    """

    township: str | None
    county: str | None
    year: int | None
    title: str | None
    body: str | None = None
    level: str = "unknown"
    city: str | None = None
    province: str | None = None
    sources: tuple[tuple[str, str], ...] = ()

    def source(self, field: str) -> str | None:
        """Where `field` was found, or None when it was not."""
        return dict(self.sources).get(field)


@dataclass(frozen=True)
class Report:
    """A report after loading and cleaning. `id` is a hash of `text`, so it names the content.

    `text` is what every stage reads, in simplified characters (qa.chars.fold); `original` is the text in its own
    characters when the report is written in traditional ones (None otherwise): same length, same offsets.
    """

    id: str
    path: str
    file_sha: str
    text: str
    meta: ReportMeta
    original: str | None = None


@dataclass(frozen=True)
class Section:
    """A span of the cleaned text under one heading; `path` runs from the top heading down."""

    start: int
    end: int
    path: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Chunk:
    """A piece of one section. `report.text[start:end] == text` always holds."""

    id: str
    report_id: str
    ord: int
    section: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Fact:
    """A number a report states: the clause it is in (what was counted), its value and unit, its sentence.

    `clause` is `report.text[start:end]`; `sentence` is `report.text[sentence_start:sentence_end]`.
    """

    report_id: str
    section: str
    clause: str
    value: float
    value_text: str  # as written: "150", "52.17", "4-8"
    unit: str  # 件 名 次 场次 万元 % …
    qualifier: str  # 余 约 以上 近 多, or ""
    start: int
    end: int
    sentence_start: int
    sentence_end: int
    sentence: str

    @property
    def figure(self) -> str:
        """The value with its qualifier and unit as a report writes them: 52件, 150余次, 约30人, 100%以上."""
        before = self.qualifier if self.qualifier in ("约", "近", "超", "逾") else ""
        after = self.qualifier if not before else ""
        if after in ("以上", "左右"):
            return f"{self.value_text}{self.unit}{after}"
        return f"{before}{self.value_text}{after}{self.unit}"


@dataclass(frozen=True, slots=True)
class ChunkRef:
    """A stored chunk with the metadata of its report, as retrieval returns it."""

    chunk: Chunk
    file: str
    township: str | None
    county: str | None
    year: int | None


@dataclass(frozen=True, slots=True)
class Hit:
    """A chunk found for a question, with its fused score and the ranks that produced it."""

    ref: ChunkRef
    score: float
    keyword_rank: int | None = None
    vector_rank: int | None = None


@dataclass(frozen=True, slots=True)
class Citation:
    """An exact passage an answer rests on: `text == report.text[start:end]` of the cleaned text.

    The HTTP API serves this dataclass as it is (FastAPI builds its schema), so the JSON of
    `qa ask --json` and `POST /api/ask` cannot drift apart.
    """

    n: int
    report_id: str
    file: str
    township: str | None
    county: str | None
    year: int | None
    section: str
    text: str
    start: int
    end: int
    score: float
    # where the answer states a figure of this passage: its clause, report.text[figure_start:figure_end]
    figure_start: int | None = None
    figure_end: int | None = None


@dataclass(frozen=True, slots=True)
class ReportCheck:
    """One report checked for a question across reports: does it support the answer, and where."""

    report_id: str
    township: str | None
    year: int | None
    supported: bool
    citations: tuple[Citation, ...] = ()
    figure: str | None = None  # for a how-many question: the report's figure as written (52件, 150余次, 约30人)
    value: float | None = None  # the same as a number, to sort by


@dataclass(frozen=True)
class Answer:
    """What qa says to a question and the passages it says it from.

    `related` holds the closest passages of a refused answer: shown for orientation, not evidence.
    `reports` is the per-report evidence table of a question across reports; `interpreted_as` is the
    standalone question a follow-up was read as. `mode` is "llm" when an LLM wrote the text, else
    "extractive"; `llm_error` says why an LLM answer fell back to the extractive one, and `warnings`
    what the citation check removed from the LLM's reply.
    """

    question: str
    answer: str
    mode: str
    refused: bool
    citations: tuple[Citation, ...] = ()
    related: tuple[Citation, ...] = field(default=())
    reports: tuple[ReportCheck, ...] = ()
    interpreted_as: str | None = None
    llm_error: str | None = None
    warnings: tuple[str, ...] = ()
