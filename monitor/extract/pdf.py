"""A PDF is a page too: its text through pypdf, then the same extractors as an HTML page.

Each PDF page becomes a ``<section>`` of a small HTML document, one ``<p>`` per text line, so
contacts, people, legal ids and the main text are read exactly as on a web page; each fact's
evidence then names the page it was found on. Encrypted files (without an empty user
password) and files past pypdf's decompression limits or ours are a status, never a crash;
time and memory are bounded by the parser pool this runs in.
"""

from __future__ import annotations

import html
import io
import logging
from dataclasses import replace
from typing import TYPE_CHECKING

from monitor.extract.page import PageOptions, extract_page
from monitor.models import Fact, Observation, Outcome

if TYPE_CHECKING:  # pypdf is imported with the first PDF: most parser workers never read one
    import pypdf

MAX_PAGES = 500  # an annual report has a few hundred; more is a catalogue or a trap
MAX_TEXT = 2_000_000  # characters of text read from one file
# One stream may not inflate past this (pypdf's default is 75 MB): a company PDF's page
# content is a few hundred KB; a flate bomb stops here instead of at the worker's memory cap.
STREAM_LIMIT = 20 * 1024 * 1024
LIMITS = {name: STREAM_LIMIT for name in (
    "maximum_declared_stream_length", "array_based_stream_maximum_output_length",
    "jbig2_maximum_output_length", "lzw_maximum_output_length",
    "run_length_maximum_output_length", "zlib_maximum_output_length",
    "brotli_maximum_output_length", "image_maximum_buffer_size")}
logging.getLogger("pypdf").setLevel(logging.ERROR)  # a malformed file is our status, not a log


def is_pdf(body: bytes, content_type: str) -> bool:
    """True for a PDF: by its magic bytes, or by its media type."""
    return body[:1024].lstrip().startswith(b"%PDF-") or content_type == "application/pdf"


class PdfTrouble(Exception):
    """A PDF that cannot be read: encrypted, over a limit, or broken (the message says which)."""


def page_texts(body: bytes) -> tuple[str, list[str]]:
    """The document's title and the text of each page; PdfTrouble when it cannot be read."""
    import pypdf  # about 15 MiB and 125 modules, paid by the first PDF only

    with pypdf.apply_configuration(None, **LIMITS):
        return _read(body)


def _read(body: bytes) -> tuple[str, list[str]]:
    import pypdf
    from pypdf.errors import LimitReachedError, PyPdfError

    try:
        reader = pypdf.PdfReader(io.BytesIO(body))
        if reader.is_encrypted and not _unlocked(reader):
            raise PdfTrouble("encrypted PDF: it needs a password to be read")
        if len(reader.pages) > MAX_PAGES:
            raise PdfTrouble(f"PDF has {len(reader.pages)} pages (more than {MAX_PAGES})")
        texts, total = [], 0
        for page in reader.pages:
            text = page.extract_text() or ""
            total += len(text)
            if total > MAX_TEXT:
                raise PdfTrouble(f"PDF text longer than {MAX_TEXT} characters")
            texts.append(text)
        meta = reader.metadata
        title = str(meta.get("/Title") or "") if meta else ""
    except LimitReachedError as exc:
        raise PdfTrouble(f"PDF over the decompression limit: {exc}"[:300]) from None
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise PdfTrouble(f"unreadable PDF: {type(exc).__name__}: {exc}"[:300]) from None
    return title, texts


def _unlocked(reader: pypdf.PdfReader) -> bool:
    """Try the empty user password (owner-only protection is common); False if it fails."""
    from pypdf.errors import DependencyError, FileNotDecryptedError, PyPdfError

    try:
        return bool(reader.decrypt(""))
    except (FileNotDecryptedError, DependencyError, NotImplementedError, PyPdfError):
        return False


def as_html(title: str, pages: list[str]) -> bytes:
    """The pages as one HTML document: a section per page, a paragraph per line."""
    parts = [f"<!doctype html><html><head><title>{html.escape(title)}</title></head><body><main>"]
    for number, text in enumerate(pages, 1):
        lines = "".join(f"<p>{html.escape(line.strip())}</p>" for line in text.splitlines()
                        if line.strip())
        parts.append(f'<section data-page="{number}">{lines}</section>')
    parts.append("</main></body></html>")
    return "".join(parts).encode("utf-8")


def extract_pdf(body: bytes, url: str, options: PageOptions) -> Observation:
    """Facts and text of a PDF, each fact's evidence naming its page."""
    try:
        title, pages = page_texts(body)
    except PdfTrouble as trouble:
        return Observation(outcome=Outcome.EXTRACTION_FAILED, detail=str(trouble))
    if not any(text.strip() for text in pages):
        return Observation(outcome=Outcome.EXTRACTION_FAILED,
                           detail="PDF without a text layer (scanned pages are not read)")
    obs = extract_page(as_html(title, pages), url, "text/html; charset=utf-8", options)
    flat = [" ".join(text.split()).casefold() for text in pages]
    return replace(obs, facts=tuple(_paged(fact, flat) for fact in obs.facts))


def _paged(fact: Fact, pages: list[str]) -> Fact:
    """The fact with the page it came from at the head of its evidence."""
    if fact.field == "text":
        span = f"pages 1-{len(pages)}" if len(pages) > 1 else "page 1"
        return replace(fact, evidence=f"{span}: {fact.evidence}" if fact.evidence else span)
    for needle in (fact.evidence, fact.value):
        probe = " ".join(needle.split()).casefold()[:80]
        if len(probe) < 3:
            continue
        for number, text in enumerate(pages, 1):
            if probe in text:
                return replace(fact, evidence=f"page {number}: {fact.evidence}".rstrip(": "))
    return fact
