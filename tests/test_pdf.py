"""PDF pages: facts and text changes as for HTML, page numbers in evidence, hostile files as a status.

Every PDF here is written by the test itself (``build_pdf``): Helvetica text lines per page,
so pypdf reads them back exactly; the encrypted one through pypdf's own writer; the bomb is
one small Flate stream that inflates past the decompression limit.
"""

from __future__ import annotations

import io
import zlib
from pathlib import Path

import pypdf

from monitor.extract.page import PageOptions
from monitor.extract.pdf import STREAM_LIMIT, extract_pdf
from monitor.fetch.client import Fetcher
from monitor.models import Outcome
from monitor.workers import ParserPool, PoolSettings
from tests.reliability_harness import FAST, Monitor
from tests.webserver import serve

URL = "https://acme.example/imprint.pdf"
COVER = ["Acme Orbital GmbH", "Annual Report 2026",
         "Acme Orbital builds lunar landers and delivers payloads to the Moon."]
IMPRINT = ["Imprint", "Acme Orbital GmbH, Raumfahrtstrasse 1, 10115 Berlin, Germany",
           "Managing Director: Jane Doe", "E-mail: info@acme-orbital.example",
           "Phone: +49 30 1234567"]


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def build_pdf(pages: list[list[str]], *, raw_stream: bytes | None = None) -> bytes:
    """A minimal PDF: one Helvetica text line per entry, or one given (compressed) stream."""
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", ""]
    kids = []
    font = 3
    objects.append("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    streams: list[bytes] = []
    for lines in pages:
        ops = "BT /F1 11 Tf 14 TL 56 780 Td " + " ".join(f"({_escape(x)}) Tj T*" for x in lines) + " ET"
        streams.append(ops.encode("latin-1"))
    if raw_stream is not None:
        streams = [raw_stream]
    body_objects: list[bytes] = [o.encode() for o in objects]
    for stream in streams:
        content_no = len(body_objects) + 1
        flate = b" /Filter /FlateDecode" if raw_stream is not None else b""
        body_objects.append(b"<< /Length %d%s >>\nstream\n" % (len(stream), flate) + stream
                            + b"\nendstream")
        page_no = len(body_objects) + 1
        body_objects.append((f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                             f"/Resources << /Font << /F1 {font} 0 R >> >> "
                             f"/Contents {content_no} 0 R >>").encode())
        kids.append(page_no)
    body_objects[1] = (f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] "
                       f"/Count {len(kids)} >>").encode()
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, obj in enumerate(body_objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(body_objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(body_objects) + 1, xref)
    return bytes(out)


def test_pdf_facts_carry_their_page_numbers() -> None:
    obs = extract_pdf(build_pdf([COVER, IMPRINT]), URL, PageOptions())
    assert obs.outcome is Outcome.OK, obs.detail
    by_field = {f.field: f for f in obs.facts}
    assert by_field["email"].value == "info@acme-orbital.example"
    assert by_field["email"].evidence.startswith("page 2")
    assert ("Jane Doe", "page 2") in {(f.value, f.evidence[:6]) for f in obs.facts
                                      if f.field == "person"}
    assert "lunar landers" in by_field["text"].value and by_field["text"].evidence.startswith("pages 1-2")


def test_encrypted_pdf_is_a_status_and_owner_only_protection_is_read() -> None:
    reader = pypdf.PdfReader(io.BytesIO(build_pdf([IMPRINT])))
    for user, expected in (("secret", Outcome.EXTRACTION_FAILED), ("", Outcome.OK)):
        writer = pypdf.PdfWriter()
        writer.append(reader)
        writer.encrypt(user_password=user, owner_password="owner", algorithm="RC4-128")
        buffer = io.BytesIO()
        writer.write(buffer)
        obs = extract_pdf(buffer.getvalue(), URL, PageOptions())
        assert obs.outcome is expected, obs.detail
    assert "encrypted" in (extract_pdf(_locked(reader), URL, PageOptions()).detail or "")


def _locked(reader: pypdf.PdfReader) -> bytes:
    writer = pypdf.PdfWriter()
    writer.append(reader)
    writer.encrypt(user_password="secret", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_flate_bomb_and_garbage_are_a_status_not_a_crash() -> None:
    bomb = zlib.compress(b"0" * (STREAM_LIMIT + 1024 * 1024), 9)  # ~20 KB that inflate to 21 MB
    obs = extract_pdf(build_pdf([], raw_stream=bomb), URL, PageOptions())
    assert obs.outcome is Outcome.EXTRACTION_FAILED and "limit" in (obs.detail or ""), obs.detail
    broken = extract_pdf(b"%PDF-1.7\n" + b"\x00garbage" * 1000, URL, PageOptions())
    assert broken.outcome is Outcome.EXTRACTION_FAILED


async def test_pdf_page_through_the_pool_records_a_change_with_its_page(tmp_path: Path) -> None:
    """A website source pointing at a PDF: fetched, parsed in the worker pool, diffed."""
    with serve() as (site, base):
        site.set("/imprint.pdf", build_pdf([COVER, IMPRINT]), content_type="application/pdf")
        mon = Monitor(tmp_path, base + "/imprint.pdf", confirm=1)
        async with Fetcher(FAST) as fetcher, ParserPool(PoolSettings(workers=1)) as pool:
            from monitor.pipeline import Context, check

            ctx = Context(db=mon.db, fetcher=fetcher, clock=mon.clock, extractor=pool.extract)
            first = await check(mon.source, ctx)
            changed = [*IMPRINT[:3], "E-mail: press@acme-orbital.example", IMPRINT[4]]
            site.set("/imprint.pdf", build_pdf([COVER, changed]), content_type="application/pdf")
            second = await check(mon.source, ctx)
    assert first.outcome is Outcome.OK and second.outcome is Outcome.OK, second.detail
    emails = [c for c in second.changes if c.field == "email"]
    assert emails and emails[0].new == "press@acme-orbital.example"
    evidence = mon.db.execute("SELECT evidence FROM facts WHERE field = 'email'").fetchone()[0]
    assert evidence.startswith("page 2")


def test_pdf_without_a_text_layer_is_a_status() -> None:
    obs = extract_pdf(build_pdf([[], []]), URL, PageOptions())
    assert obs.outcome is Outcome.EXTRACTION_FAILED and "text layer" in (obs.detail or "")
