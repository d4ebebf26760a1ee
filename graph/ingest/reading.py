"""Read a document a user hands us as text: a plain text file or a PDF with a text layer.

Every way a document can fail to be text (missing, empty, binary, an
encoding we cannot read, a PDF that is broken or only scanned images) is an
:class:`UnreadableDocument` naming the file and the reason, so the command
prints one clear line and writes nothing for it.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import PyPdfError

from graph.errors import SamverkanError

PDF_MAGIC = b"%PDF-"
MAX_BYTES = 20_000_000
"""A minute extract or agreement is a few pages; anything this large is not one."""

CONTROL_SHARE = 0.01
"""Text has almost no control characters; binary data read as Windows-1252 has about one in eight."""

PAGE_BREAK = "\f"
"""Pages of a PDF are joined with a form feed, as printers and ``pdftotext`` mark a new page."""


class UnreadableDocument(SamverkanError):
    """The file cannot be read as text; the message says which file and why."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


@dataclass(frozen=True)
class Document:
    """A document's text exactly as read: positions in the draft count its characters."""

    path: Path
    text: str
    media_type: str  # "text/plain" or "application/pdf"
    data: bytes

    @property
    def from_pdf(self) -> bool:
        return self.media_type == "application/pdf"


def read(path: Path) -> Document:
    """The text of the file at ``path``, or :class:`UnreadableDocument`."""
    try:
        if path.is_dir():
            raise UnreadableDocument(path, "is a directory, not a document")
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise UnreadableDocument(path, f"is {size} bytes; a minute extract or agreement is far smaller")
        data = path.read_bytes()
    except FileNotFoundError:
        raise UnreadableDocument(path, "no such file") from None
    except OSError as error:
        raise UnreadableDocument(path, f"cannot be read ({error.strerror or error})") from None
    if not data.strip():
        raise UnreadableDocument(path, "is empty")
    if data.startswith(PDF_MAGIC):
        return Document(path, _pdf_text(path, data), "application/pdf", data)
    return Document(path, _plain_text(path, data), "text/plain", data)


def _plain_text(path: Path, data: bytes) -> str:
    """Decode UTF-8 (a BOM is dropped), else Windows-1252, the two encodings Swedish offices save in."""
    if b"\x00" in data:
        raise UnreadableDocument(path, "is binary data (it holds NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise UnreadableDocument(path, "is neither UTF-8 nor Windows-1252 text") from None
    _require_text(path, text)
    return text


def _require_text(path: Path, text: str) -> None:
    """Refuse what decoded but is not prose: control characters, or no letters at all."""
    controls = sum(1 for c in text if unicodedata.category(c) == "Cc" and c not in "\n\r\t\f")
    if controls > CONTROL_SHARE * len(text):
        raise UnreadableDocument(path, "looks like binary data, not text (many control characters)")
    if not any(c.isalpha() for c in text):
        raise UnreadableDocument(path, "holds no words")


def _pdf_text(path: Path, data: bytes) -> str:
    """The text layer of every page, pages separated by a form feed."""
    try:
        reader = PdfReader(path)
        if reader.is_encrypted:
            raise UnreadableDocument(path, "is an encrypted PDF; save an unencrypted copy first")
        pages = [page.extract_text() or "" for page in reader.pages]
    except UnreadableDocument:
        raise
    # pypdf signals a broken file with its own errors and, from deeper down,
    # with the built-in ones; any of them means "this PDF cannot be read".
    except (PyPdfError, ValueError, KeyError, TypeError, IndexError, AttributeError, RecursionError) as error:
        raise UnreadableDocument(path, f"is not a readable PDF ({type(error).__name__})") from None
    text = PAGE_BREAK.join(pages)
    if not any(c.isalpha() for c in text):
        raise UnreadableDocument(
            path, f"is a PDF without a text layer ({len(pages)} page(s), perhaps scanned images); run OCR first"
        )
    _require_text(path, text)
    return text
