#!/usr/bin/env python3
"""Writes the hand-made stack-overflow reproducers in regressions/extract_bytes/ (deterministic).

Each is a one-page PDF, prefixed with the `.pdf` hint byte, that nests arrays or dictionaries
20,000 deep inside a Flate-compressed stream, where the raw-byte nesting check did not look:
pdf_oxide (the fallback engine) parses them recursively and overflowed its stack, an abort
that catch_unwind cannot catch. Run from anywhere: python3 fuzz/nesting_reproducers.py
"""
import os
import struct
import zlib

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "regressions", "extract_bytes")
DEPTH = 20000
TEXT = b"BT /F1 12 Tf 72 720 Td (Jane Doe Python) Tj ET\n"
FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"


def stream(dictionary, data):
    return b"<< %s /Length %d >>\nstream\n" % (dictionary, len(data)) + data + b"\nendstream"


def content_stream_pdf(content):
    """Catalog, pages, one page whose Flate content stream is `content`, a font; classic xref."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        stream(b"/Filter /FlateDecode", zlib.compress(content)),
        FONT,
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def object_stream_pdf(value):
    """A PDF 1.5 file whose page (object 3, holding /Nested `value`) sits in a Flate object
    stream (object 6), found through a cross-reference stream (object 7)."""
    page = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R /Nested " + value + b" >>")
    header = b"3 0 "
    out = bytearray(b"%PDF-1.5\n")
    offsets = {}

    def obj(number, body):
        offsets[number] = len(out)
        out.extend(b"%d 0 obj\n" % number + body + b"\nendobj\n")

    obj(1, b"<< /Type /Catalog /Pages 2 0 R >>")
    obj(2, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
    obj(4, stream(b"", TEXT))
    obj(5, FONT)
    obj(6, stream(b"/Type /ObjStm /N 1 /First %d /Filter /FlateDecode" % len(header),
                  zlib.compress(header + page)))
    xref = len(out)
    rows = b""
    for number in range(8):
        if number == 0:
            rows += struct.pack(">BIH", 0, 0, 65535)
        elif number == 3:
            rows += struct.pack(">BIH", 2, 6, 0)
        elif number == 7:
            rows += struct.pack(">BIH", 1, xref, 0)
        else:
            rows += struct.pack(">BIH", 1, offsets[number], 0)
    out.extend(b"7 0 obj\n" + stream(b"/Type /XRef /Size 8 /W [1 4 2] /Root 1 0 R", rows)
               + b"\nendobj\nstartxref\n%d\n%%%%EOF\n" % xref)
    return bytes(out)


def main():
    os.makedirs(OUT, exist_ok=True)
    files = {
        "stack-overflow-pdf_oxide-arrays-20000-deep-in-flate-content-stream":
            content_stream_pdf(TEXT + b"BT " + b"[" * DEPTH + b"]" * DEPTH + b" TJ ET"),
        "stack-overflow-pdf_oxide-arrays-20000-deep-in-flate-object-stream":
            object_stream_pdf(b"[" * DEPTH + b"]" * DEPTH),
        "stack-overflow-pdf_oxide-dictionaries-20000-deep-in-flate-object-stream":
            object_stream_pdf(b"<< /A " * DEPTH + b">>" * DEPTH),
    }
    for name, pdf in files.items():
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(b"\x01" + pdf)


if __name__ == "__main__":
    main()
