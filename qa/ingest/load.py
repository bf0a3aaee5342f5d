"""Read a report file into text, whatever its format and encoding."""

from __future__ import annotations

import io
import logging
import re
import zipfile
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


def load(path: Path, data: bytes | None = None) -> Loaded:
    """Read `path` (or `data` given for it) into text; raise IngestError naming the file."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise IngestError(f"{path}: unsupported file type {suffix or '(none)'}; supported: {', '.join(SUPPORTED)}")
    raw = path.read_bytes() if data is None else data
    if not raw.strip():
        raise IngestError(f"{path}: the file is empty")
    try:
        if suffix == ".docx":
            return Loaded(_docx_text(raw))
        if suffix == ".pdf":
            return Loaded(_pdf_text(path, raw), wrapped=True)
        text, encoding = decode(raw, path)
        if suffix in (".html", ".htm"):
            return Loaded(_html_text(text), encoding=encoding)
        if suffix in (".md", ".markdown"):
            return Loaded(_markdown_text(text), encoding=encoding)
        return Loaded(text, encoding=encoding)
    except IngestError as e:
        if str(path) in str(e):
            raise
        raise IngestError(f"{path}: {e}") from e
    except Exception as e:  # third-party parsers raise anything; name the file and move on
        raise IngestError(f"{path}: could not read {suffix} file ({type(e).__name__}: {e})") from e


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
        raise IngestError(f"{path}: not text in any known encoding (binary file?)")
    enc = best.encoding.lower().replace("_", "")
    if enc in _GB_FAMILY or enc.startswith("gb"):
        return raw.decode("gb18030", errors="strict"), "gb18030"
    text = str(best)
    if _looks_binary(text):
        raise IngestError(f"{path}: not text in any known encoding (binary file?)")
    return text, best.encoding


def _looks_binary(text: str) -> bool:
    controls = sum(1 for c in text[:4000] if ord(c) < 32 and c not in "\r\n\t\f")
    return controls > 0.01 * max(1, len(text[:4000]))


def _docx_text(raw: bytes) -> str:
    import docx  # python-docx; imported here so the package imports fast

    try:
        document = docx.Document(io.BytesIO(raw))
    except (zipfile.BadZipFile, KeyError, ValueError) as e:
        raise IngestError(f"not a readable .docx (truncated or corrupt?): {e}") from e
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


def _pdf_text(path: Path, raw: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(raw))
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception as e:
                raise IngestError(f"{path}: the PDF is encrypted; save an unprotected copy and ingest that") from e
        pages = [page.extract_text() or "" for page in reader.pages]
    except PdfReadError as e:
        raise IngestError(f"{path}: corrupt PDF ({e})") from e
    text = "\n".join(pages)
    if not text.strip():
        raise IngestError(f"{path}: the PDF has no text layer (a scan?); run OCR on it first")
    return text


def _html_text(text: str) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(text, "html.parser")
    for tag in soup(["script", "style", "nav", "header", "footer", "noscript"]):
        tag.decompose()
    return soup.get_text("\n")


_MD_MARKUP = re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+(?=\S))|\*\*|__|`")


def _markdown_text(text: str) -> str:
    return "\n".join(_MD_MARKUP.sub("", line) for line in text.splitlines())
