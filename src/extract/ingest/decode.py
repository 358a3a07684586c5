"""Bytes to text: BOM-aware UTF-8, cp1252/latin-1 fallback, mojibake repair, binary rejection."""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

import ftfy

# Magic numbers of formats that are certainly not text.
_MAGIC = {
    b"\x89PNG\r\n\x1a\n": "PNG image",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF8": "GIF image",
    b"%PDF-": "PDF document",
    b"PK\x03\x04": "ZIP archive (or Office document)",
    b"\x1f\x8b": "gzip archive",
}

# Repairs only: mojibake and line breaks, but no change of quotes, widths or ligatures, so the stored text
# stays what the author wrote.
_FTFY = ftfy.TextFixerConfig(
    unescape_html=False,
    uncurl_quotes=False,
    fix_latin_ligatures=False,
    fix_character_width=False,
    normalization="NFC",
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class NotText(ValueError):
    """The bytes are not a text document."""


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    repaired: bool  # mojibake or control characters were fixed


def decode(raw: bytes) -> Decoded:
    """Decode a document's bytes robustly; raise NotText for binary content."""
    for magic, kind in _MAGIC.items():
        if raw.startswith(magic):
            raise NotText(f"binary file ({kind}), not text")
    if raw.startswith(codecs.BOM_UTF16_LE) or raw.startswith(codecs.BOM_UTF16_BE):
        text, encoding = raw.decode("utf-16", errors="replace"), "utf-16"
    elif utf16 := _utf16_without_bom(raw):
        text, encoding = raw.decode(utf16, errors="replace"), utf16
    else:
        if raw.count(0) > max(8, len(raw) // 100):
            raise NotText(f"binary file ({raw.count(0)} NUL bytes), not text")
        text, encoding = _decode_8bit(raw)
    fixed = ftfy.fix_text(text, config=_FTFY)
    cleaned = _CONTROL.sub("", fixed)
    return Decoded(cleaned, encoding, repaired=cleaned != text)


def _utf16_without_bom(raw: bytes) -> str | None:
    """"utf-16-le"/"utf-16-be" for text saved as UTF-16 without a BOM: Latin-script text then has a NUL in
    (nearly) every other byte, always on the same side."""
    sample = raw[:4096]
    if len(sample) < 16:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    if odd >= 0.4 * half and even <= 0.02 * half:
        return "utf-16-le"
    if even >= 0.4 * half and odd <= 0.02 * half:
        return "utf-16-be"
    return None


def _decode_8bit(raw: bytes) -> tuple[str, str]:
    if raw.startswith(codecs.BOM_UTF8):
        return raw[len(codecs.BOM_UTF8):].decode("utf-8", errors="replace"), "utf-8-sig"
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return raw.decode("latin-1"), "latin-1"
