"""Tell what kind of document a byte string is from its first bytes (magic numbers), never from
the file name: a photo renamed `.txt` is still a photo, and a binary renamed `.txt` is refused.

`sniff(data)` returns one of the kinds we read ("text", "html", "pdf", "image") or raises
`InputError` naming the format we recognised and do not read.

Why by hand rather than python-magic or filetype: we need a dozen signatures, each with the advice
to give, and libmagic would be one more system library to install.
"""

from __future__ import annotations

import re

from affiche.errors import InputError

__all__ = ["KINDS", "sniff", "refused_format"]

KINDS = ("text", "html", "pdf", "image")

# Image containers Pillow opens; HEIC/AVIF need the pillow-heif plugin (checked by the reader).
_IMAGE_MAGIC = (
    b"\x89PNG\r\n\x1a\n",
    b"\xff\xd8\xff",
    b"GIF87a",
    b"GIF89a",
    b"II*\x00",
    b"MM\x00*",
)
_HEIF_BRANDS = (b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1", b"avif")

# Formats people do send instead of a call's text, with what to do instead.
_REFUSED = (
    (b"PK\x03\x04", "a ZIP archive, e.g. .docx or .odt: save it as PDF or plain text"),
    (b"PK\x05\x06", "an empty ZIP archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
     "an old Office document (.doc/.xls): save it as PDF or plain text"),
    (b"\x1f\x8b", "gzip-compressed data: decompress it first"),
    (b"BZh", "bzip2-compressed data: decompress it first"),
    (b"\xfd7zXZ\x00", "xz-compressed data: decompress it first"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x7fELF", "an executable program"),
    (b"MZ", "a Windows executable"),
    (b"\xca\xfe\xba\xbe", "a Java class or macOS executable"),
    (b"\xcf\xfa\xed\xfe", "a macOS executable"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"{\\rtf", "an RTF document: save it as PDF or plain text"),
    (b"%!PS", "a PostScript file: convert it to PDF"),
    (b"ID3", "an MP3 audio file"),
    (b"OggS", "an Ogg audio/video file"),
    (b"fLaC", "a FLAC audio file"),
    (b"\x1aE\xdf\xa3", "a Matroska/WebM video"),
    (b"wOFF", "a web font"),
    (b"wOF2", "a web font"),
)

_HTML_START = re.compile(
    rb"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*"
    rb"<(?:!doctype\s+html|html|head|body|meta|title|link|script|style|div|p|h1|article"
    rb"|section)[\s>/]",
    re.IGNORECASE | re.DOTALL,
)


def _strip_bom(head: bytes) -> bytes:
    if head.startswith(b"\xef\xbb\xbf"):
        return head[3:]
    return head


def refused_format(data: bytes) -> str | None:
    """The name of a binary format we recognise and do not read, or None."""
    head = data[:64]
    for magic, label in _REFUSED:
        if head.startswith(magic):
            # "MZ" and "BZh" are also the first letters of ordinary words: demand binary bytes too.
            if magic in (b"MZ", b"BZh") and not any(b < 9 for b in data[:512]):
                continue
            return label
    if re.match(rb"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*(?:<!DOCTYPE svg[^>]*>\s*)?<svg[\s>]",
                _strip_bom(data[:4096]), re.IGNORECASE | re.DOTALL):
        return "an SVG drawing: export it as PNG or PDF"
    if head[4:8] == b"ftyp" and head[8:12] not in _HEIF_BRANDS:
        return "an MP4/QuickTime video or audio file"
    if head.startswith(b"RIFF") and head[8:12] in (b"WAVE", b"AVI "):
        return "a WAV or AVI media file"
    return None


def _is_bmp(head: bytes) -> bool:
    # "BM" alone would match text starting with those letters: check the DIB header size too.
    return head.startswith(b"BM") and len(head) >= 18 and int.from_bytes(head[14:18], "little") in (
        12, 40, 52, 56, 64, 108, 124)


def sniff(data: bytes, source: str = "-") -> str:
    """The kind of a document ("text", "html", "pdf" or "image") from its content."""
    head = data[:64]
    if head.startswith(_IMAGE_MAGIC) or _is_bmp(head):
        return "image"
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return "image"
    if head[4:8] == b"ftyp" and head[8:12] in _HEIF_BRANDS:
        return "image"
    # The PDF specification lets readers accept junk before the header, within the first KB.
    if b"%PDF-" in data[:1024]:
        return "pdf"
    refused = refused_format(data)
    if refused:
        raise InputError(f"{source}: not a text file ({refused})")
    if _looks_like_html(data):
        return "html"
    return "text"


def _looks_like_html(data: bytes) -> bool:
    """True when the document starts like an HTML page (after a BOM, whitespace, comments)."""
    head = _strip_bom(data[:4096])
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        # UTF-16 pages: look at the ASCII skeleton of the text.
        head = head.decode("utf-16", errors="ignore").encode("ascii", errors="ignore")
    return bool(_HTML_START.match(head))
