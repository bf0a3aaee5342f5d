"""Read a report file into text, whatever its format and encoding."""

from __future__ import annotations

import io
import itertools
import logging
import re
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes

from qa.errors import IngestError

logger = logging.getLogger(__name__)

SUPPORTED = (".txt", ".docx", ".pdf", ".md", ".markdown", ".html", ".htm")

# Encodings charset-normalizer may name for Chinese text; GB18030 decodes all of them.
_GB_FAMILY = {"gb2312", "gbk", "gb18030", "hz", "cp936"}


@dataclass(frozen=True)
class Loaded:
    """A file's text before cleaning; `wrapped` marks text whose lines wrap mid-sentence (PDF)."""

    text: str
    wrapped: bool = False
    encoding: str | None = None
    head: tuple[tuple[str, str], ...] = ()  # an HTML page's <title> and <meta name=… content=…>, in order
    pages: tuple[int, ...] = ()  # where each page of a PDF starts in `text`


MAX_FILE_MB = 20.0  # a township report is a few pages (< 1 MB); 20 MB leaves room for scans' text layers


@dataclass(frozen=True)
class Limits:
    """What one file may unpack to: a small file can expand (a 189 KB .docx of 100 MB of empty paragraphs, a
    13 KB PDF listing one page 2,000 times, 5 MB of nested tags), and reading it must not exhaust the machine.
    Each is a setting (QA_MAX_UNPACKED_MB, QA_MAX_PAGES, QA_MAX_TEXT_CHARS); a township report is 5,000–30,000
    characters on a few pages."""

    unpacked_mb: float = 50.0  # the XML parts of a .docx, unpacked (images are not read, so not counted)
    pages: int = 500  # pages of a PDF
    text_chars: int = 300_000  # characters of text one file yields, any format
    html_tags: int = 200_000  # tags of an HTML page (a page of a report has a few thousand)
    seconds: float = 300.0  # to read, embed and store one file: past it, it is given up (QA_FILE_SECONDS)
    clock: Callable[[], float] = time.monotonic  # what `seconds` are measured by (tests move a hand-set one)


DEFAULT_LIMITS = Limits()


class Budget:
    """The time one file may take (Limits.seconds), checked between embedding batches: a file past it is given up
    before anything of it is stored, so no file holds the write lock for long."""

    def __init__(self, path: Path | str, limits: Limits) -> None:
        self.path, self.limits = path, limits
        self.deadline = limits.clock() + limits.seconds

    def check(self, done: int = 0) -> None:
        if self.limits.clock() > self.deadline:
            raise IngestError(self.path, f"took more than {self.limits.seconds:g} s to read and embed "
                                         f"({done} pieces embedded); nothing of it was stored (QA_FILE_SECONDS)",
                              "split it into one file per report, or ingest it when the server is idle",
                              zh=(f"读取和索引超过 {self.limits.seconds:g} 秒，未保存任何内容", "请按一份报告一个文件拆分，或在服务器空闲时再上传"))

_RESAVE = "open it in Word or WPS and save it again, or copy it again from where it came from"
_AS_TEXT = "open it to check it is a report, and save it as .docx or UTF-8 .txt"
_RESAVE_ZH = "请用 Word 或 WPS 打开后重新保存，或从原处重新复制"
_NOT_TEXT_ZH = ("不是任何已知编码的文本（可能是改名为 .txt 的其他文件）", "请打开确认是报告，并另存为 .docx 或 UTF-8 编码的 .txt")


def check_size(path: Path | str, size: int, max_mb: float = MAX_FILE_MB) -> None:
    """Refuse a file larger than one report could be, before reading it."""
    if size > max_mb * 2**20:
        raise IngestError(path, f"{size / 2**20:.1f} MB, over the {max_mb:g} MB limit for one report",
                          "split it into one file per report, or raise QA_MAX_FILE_MB",
                          zh=(f"文件 {size / 2**20:.1f} MB，超过单份报告 {max_mb:g} MB 的上限", "请按一份报告一个文件拆分，或请管理员调高 QA_MAX_FILE_MB"))


def check_suffix(path: Path | str) -> None:
    """Refuse a file type qa cannot read."""
    suffix = Path(path).suffix.lower()
    if suffix not in SUPPORTED:
        raise IngestError(path, f"unsupported file type {suffix or '(no extension)'}",
                          f"save it as one of {' '.join(SUPPORTED)}",
                          zh=(f"不支持的文件类型 {suffix or '（无扩展名）'}", f"请另存为以下格式之一：{' '.join(SUPPORTED)}"))


def load(path: Path, data: bytes | None = None, limits: Limits = DEFAULT_LIMITS) -> Loaded:
    """Read `path` (or `data` given for it) into text; raise IngestError naming the file, the reason and the fix."""
    loaded = _load(path, data, limits)
    if len(loaded.text) > limits.text_chars:
        raise IngestError(path, f"{len(loaded.text):,} characters of text, over the {limits.text_chars:,} one report "
                                "may have (QA_MAX_TEXT_CHARS)", "split it into one file per report",
                          zh=(f"文本 {len(loaded.text):,} 字，超过单份报告 {limits.text_chars:,} 字的上限", "请按一份报告一个文件拆分"))
    return loaded


def _load(path: Path, data: bytes | None, limits: Limits) -> Loaded:
    check_suffix(path)
    suffix = path.suffix.lower()
    raw = path.read_bytes() if data is None else data
    if not raw.strip():
        raise IngestError(path, "the file is empty", "copy the report again; the copy may have failed",
                          zh=("文件是空的", "请重新复制该报告，可能复制时出错"))
    try:
        if suffix == ".docx":
            return Loaded(_docx_text(path, raw, limits))
        if suffix == ".pdf":
            text, pages = _pdf_text(path, raw, limits)
            return Loaded(text, wrapped=True, pages=pages)
        text, encoding = decode(raw, path)
        if suffix in (".html", ".htm"):
            if (tags := text.count("<")) > limits.html_tags:
                raise IngestError(path, f"{tags:,} tags, over the {limits.html_tags:,} a report's page has",
                                  "save the report's text from the page as .txt or .docx",
                                  zh=(f"网页有 {tags:,} 个标签，超过一份报告网页的上限", "请把网页上的报告正文另存为 .txt 或 .docx"))
            body, head = _html_text(text)
            return Loaded(body, encoding=encoding, head=head)
        if suffix in (".md", ".markdown"):
            return Loaded(_markdown_text(text), encoding=encoding)
        return Loaded(text, encoding=encoding)
    except IngestError:
        raise
    except Exception as e:  # third-party parsers raise anything; name the file and move on
        raise IngestError(path, f"could not read the {suffix} file ({type(e).__name__}: {e})", _RESAVE,
                          zh=(f"无法读取该 {suffix} 文件", _RESAVE_ZH)) from e


def decode(raw: bytes, path: Path) -> tuple[str, str]:
    """Decode text bytes: BOMs first, then strict UTF-8, then detection (GB18030 for the GB family)."""
    for bom, enc in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if raw.startswith(bom):
            return raw.decode(enc), enc
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(raw).best()
    if best is None:
        raise IngestError(path, "not text in any known encoding (a binary file named .txt?)", _AS_TEXT, zh=_NOT_TEXT_ZH)
    enc = best.encoding.lower().replace("_", "")
    if enc in _GB_FAMILY or enc.startswith("gb"):
        return raw.decode("gb18030", errors="strict"), "gb18030"
    text = str(best)
    if _looks_binary(text):
        raise IngestError(path, "not text in any known encoding (a binary file named .txt?)", _AS_TEXT, zh=_NOT_TEXT_ZH)
    return text, best.encoding


def _looks_binary(text: str) -> bool:
    controls = sum(1 for c in text[:4000] if ord(c) < 32 and c not in "\r\n\t\f")
    return controls > 0.01 * max(1, len(text[:4000]))


def _docx_text(path: Path, raw: bytes, limits: Limits) -> str:
    import docx  # python-docx; imported here so the package imports fast

    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as z:  # the sizes its parts declare, before any is unpacked
            unpacked = sum(i.file_size for i in z.infolist() if i.filename.endswith((".xml", ".rels")))
        if unpacked > limits.unpacked_mb * 2**20:
            raise IngestError(path, f"its text parts unpack to {unpacked / 2**20:,.0f} MB, over the "
                                    f"{limits.unpacked_mb:g} MB a report may (QA_MAX_UNPACKED_MB)",
                              "open it in Word or WPS: a report is a few pages; save that again",
                              zh=(f"文档解压后 {unpacked / 2**20:,.0f} MB，超过一份报告的上限", "请用 Word 或 WPS 打开后重新保存：一份报告只有几页"))
        document = docx.Document(io.BytesIO(raw))
    except (zipfile.BadZipFile, KeyError, ValueError) as e:
        raise IngestError(path, f"not a readable .docx, truncated or corrupt ({e})", _RESAVE,
                          zh=("不是可读的 .docx 文件（不完整或已损坏）", _RESAVE_ZH)) from e
    lines: list[str] = []
    # Walk the body in order so tables stay where they were written.
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append("".join(t.text or "" for t in block.iter() if t.tag.endswith("}t")))
        elif tag == "tbl":
            for row in block.iter():
                if row.tag.endswith("}tr"):
                    cells = ["".join(t.text or "" for t in c.iter() if t.tag.endswith("}t")) for c in row
                             if c.tag.endswith("}tc")]
                    lines.append("  ".join(cells))
    return "\n".join(lines)


def _pdf_text(path: Path, raw: bytes, limits: Limits) -> tuple[str, tuple[int, ...]]:
    from pypdf import PasswordType, PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(raw))
        # An owner password alone still opens with the empty user password; anything else needs the user's.
        if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
            raise IngestError(path, "the PDF is password-protected",
                              "save a copy without the password (or ingest the .docx it was made from)",
                              zh=("PDF 设有密码", "请另存一份无密码的 PDF，或上传它的 .docx 原文"))
        if (count := len(reader.pages)) > limits.pages:
            raise IngestError(path, f"{count:,} pages, over the {limits.pages:,} a report may have (QA_MAX_PAGES)",
                              "split it into one file per report",
                              zh=(f"PDF 有 {count:,} 页，超过一份报告 {limits.pages:,} 页的上限", "请按一份报告一个文件拆分"))
        pages, chars = [], 0
        for page in reader.pages:  # stop reading at the text limit, not after every page
            pages.append(page.extract_text() or "")
            chars += len(pages[-1])
            if chars > limits.text_chars:
                break
    except PdfReadError as e:
        raise IngestError(path, f"corrupt or truncated PDF ({e})",
                          "export the PDF again from its document, or ingest the .docx",
                          zh=("PDF 已损坏或不完整", "请从原文档重新导出 PDF，或上传 .docx 原文")) from e
    text = "\n".join(pages)
    starts = tuple(itertools.accumulate((len(p) + 1 for p in pages[:-1]), initial=0))
    if not text.strip():
        raise IngestError(path, "the PDF has no text layer (a scan?)",
                          "run OCR on it first (e.g. ocrmypdf -l chi_sim in.pdf out.pdf), or ingest the .docx",
                          zh=("PDF 没有文字层（可能是扫描件）", "请先做文字识别（OCR），或上传 .docx 原文"))
    return text, starts


# Parts of a page that are never the report: code, navigation, forms, and links (menus, breadcrumbs, share buttons,
# 上一篇/下一篇 with another report's title, which must not name this one)
_NOT_REPORT = ["head", "title", "script", "style", "nav", "header", "footer", "noscript", "select", "button", "form", "iframe", "a",
               "input", "textarea", "object", "svg"]


def _html_text(text: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(text, "html.parser")
    head: list[tuple[str, str]] = []
    if soup.title and soup.title.string:
        head.append(("title", soup.title.string.strip()))
    for meta in soup.find_all("meta"):
        name, content = meta.get("name"), meta.get("content")
        if isinstance(name, str) and isinstance(content, str) and content.strip():
            head.append((name, content.strip()))
    for tag in soup(_NOT_REPORT):
        if not (tag.name == "header" and tag.find(["h1", "h2", "h3"])):  # an article's own header holds its title
            tag.decompose()
    for row in soup("tr"):  # a table row is one line, as in .docx: a metadata table's label beside its value
        cells = [" ".join(c.get_text(" ").split()) for c in row.find_all(["td", "th"], recursive=False)]
        row.replace_with("\n" + "  ".join(c for c in cells if c) + "\n")
    return soup.get_text("\n"), tuple(head)


_MD_MARKUP = re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+(?=\S))|\*\*|__|`")


def _markdown_text(text: str) -> str:
    return "\n".join(_MD_MARKUP.sub("", line) for line in text.splitlines())
