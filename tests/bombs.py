"""Hostile files built in milliseconds (never with the code under test): a PDF whose content
stream inflates to gigabytes, a PDF whose page tree points at itself, a DOCX zip bomb."""
from __future__ import annotations

import struct
import zlib


def zeros_deflate(n_mb: int) -> bytes:
    """A zlib stream that inflates to n_mb MiB of zero bytes, ~1 KB per MiB: one compressed
    1 MiB block (after a full flush the compressor forgets its history, so the same bytes can be
    repeated), then the final block and the Adler-32 of n zero bytes (A = 1, B = n mod 65521)."""
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = c.compress(b"\0" * (1 << 20)) + c.flush(zlib.Z_FULL_FLUSH)
    tail = c.flush(zlib.Z_FINISH)
    n = n_mb << 20
    adler = ((n % 65521) << 16) | 1
    return b"\x78\xda" + block * n_mb + tail + struct.pack(">I", adler)


def pdf(objects: list[bytes]) -> bytes:
    out = b"%PDF-1.4\n"
    offsets = []
    for i, o in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + o + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def flate_bomb_pdf(n_mb: int = 3000) -> bytes:
    data = zeros_deflate(n_mb)
    return pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
                f"<< /Length {len(data)} /Filter /FlateDecode >>\nstream\n".encode() + data + b"\nendstream"])


def self_referencing_pdf() -> bytes:
    """The page tree's only kid is the page tree itself."""
    return pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [2 0 R] /Count 1 >>"])


def encrypted_pdf() -> bytes:
    """A PDF whose trailer names an encryption dictionary (RC4, user password unknown)."""
    body = pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
                b"<< /Filter /Standard /V 1 /R 2 /O <" + b"11" * 32 + b"> /U <" + b"22" * 32 + b"> /P -4 >>"])
    return body.replace(b"/Root 1 0 R >>", b"/Root 1 0 R /Encrypt 4 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>] >>")


def docx_zip_bomb(n_mb: int = 2000) -> bytes:
    """A .docx (zip) whose word/document.xml inflates to n_mb MiB of zeros (~1 KB per MiB).
    Its CRC is left 0: a reader that inflates the member runs out of memory before it checks it."""
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = c.compress(b"\0" * (1 << 20)) + c.flush(zlib.Z_FULL_FLUSH)
    return _zip_with_member(block * n_mb + c.flush(zlib.Z_FINISH), n_mb << 20, 0)


def _zip_with_member(deflated: bytes, size: int, crc: int) -> bytes:
    """A zip holding [Content_Types].xml and word/document.xml given as raw deflate data."""
    name = b"word/document.xml"
    ct_name, ct = b"[Content_Types].xml", b"<Types/>"
    out = bytearray()
    entries = []
    for n, data, usize, method, c in ((ct_name, ct, len(ct), 0, zlib.crc32(ct)), (name, deflated, size, 8, crc)):
        entries.append((n, len(out), len(data), usize, method, c))
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, method, 0, 0, c, len(data) & 0xFFFFFFFF,
                           usize & 0xFFFFFFFF, len(n), 0) + n + data
    cd = len(out)
    for n, off, csize, usize, method, c in entries:
        out += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, method, 0, 0, c, csize & 0xFFFFFFFF,
                           usize & 0xFFFFFFFF, len(n), 0, 0, 0, 0, 0, off) + n
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(out) - cd, cd, 0)
    return bytes(out)
