"""Read anything a call to action arrives as, and date it: `read(source) -> Document`.

1. Get the bytes: a file (size-capped), standard input ("-"), or an http(s) URL fetched within
   limits (`fetch`).
2. Tell the kind from the content, never from the name (`sniff`): text, HTML, PDF or image;
   known binary formats are refused with a one-line error.
3. Read it with the reader of its kind: `text` (decoding), `html` (main text, title, publication
   date, schema.org Event hints), `pdf` (text layer, OCR of scanned pages, creation date),
   `image` (preprocessing and Tesseract OCR with per-line confidence, EXIF date).
4. Settle the reference date and say where it came from (`dating`), and guess the language
   (`language`).

Every failure a user can cause is an `affiche.errors.AfficheError` with a one-line message.
"""

from __future__ import annotations

import datetime as dt
import os
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from affiche.errors import AfficheError, InputError
from affiche.ingest import dating, language, sniff
from affiche.ingest import text as plain
from affiche.ingest.reading import MAX_BYTES, Origin, Reading
from affiche.model import Document, Warning

__all__ = ["read", "read_text", "read_bytes", "read_many", "expand", "is_url", "MAX_BYTES"]

# Largest plain text read (bytes): a call to action is a few KB; a bigger "text" is a log or a dump.
MAX_TEXT_BYTES = 10 * 1024 * 1024


def is_url(source: str) -> bool:
    """True when `source` names a URL (any scheme written as `scheme://`) rather than a file."""
    head, sep, _ = source.partition("://")
    return bool(sep) and head.isascii() and head.isalpha() and len(head) > 1


def read(source: str | os.PathLike[str], *, reference: dt.datetime | dt.date | None = None,
         timezone: str = "Europe/Brussels", stdin: BinaryIO | None = None) -> Document:
    """Read a file, "-" (standard input) or an http(s) URL into a dated `Document`."""
    name = os.fspath(source)
    dating.zone(timezone)
    if name == "-":
        if stdin is None and (sys.stdin is None or not hasattr(sys.stdin, "buffer")):
            raise InputError("-: there is no standard input to read")
        data = _read_stream(stdin if stdin is not None else sys.stdin.buffer)
        origin = Origin(source="-")
    elif is_url(name):
        from affiche.ingest import fetch

        response = fetch.get(name)
        data = response.content
        origin = Origin(source=name, url=response.url, charset=response.charset,
                        content_type=response.content_type)
    else:
        data, origin = _read_file(name)
    return _document(data, origin, reference, timezone)


def read_bytes(data: bytes, *, source: str = "-", reference: dt.datetime | dt.date | None = None,
               timezone: str = "Europe/Brussels") -> Document:
    """Read a document already in memory as bytes (`source` names it in messages and dating)."""
    dating.zone(timezone)
    if len(data) > MAX_BYTES:
        raise InputError(f"{source}: too large ({len(data) / 2**20:.0f} MB; the limit is "
                         f"{MAX_BYTES // 2**20} MB)")
    return _document(data, Origin(source=source), reference, timezone)


def read_text(text: str, *, source: str = "-", reference: dt.datetime | dt.date | None = None,
              timezone: str = "Europe/Brussels", lang: str | None = None) -> Document:
    """Make a `Document` of text already in memory (a batch line), dated like a text file;
    in the language `lang` when the caller knows it (else detected)."""
    dating.zone(timezone)
    reading = Reading(text=plain.normalise(text), kind="text")
    return _finish(reading, Origin(source=source), reference, timezone, lang)


def expand(sources: Iterable[str | os.PathLike[str]]) -> Iterator[str]:
    """The sources, each directory replaced by its visible regular files (sorted, recursive)."""
    for source in sources:
        name = os.fspath(source)
        if name != "-" and not is_url(name) and os.path.isdir(name):
            for folder, subfolders, files in os.walk(name):
                subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
                for file in sorted(files):
                    path = os.path.join(folder, file)
                    if not file.startswith(".") and os.path.isfile(path):
                        yield path
        else:
            yield name


def read_many(sources: Iterable[str | os.PathLike[str]], *,
              reference: dt.datetime | dt.date | None = None, timezone: str = "Europe/Brussels",
              stdin: BinaryIO | None = None) -> Iterator[Document | AfficheError]:
    """Read several sources (directories expanded): a Document, or the error, per file, in order."""
    for name in expand(sources):
        try:
            yield read(name, reference=reference, timezone=timezone, stdin=stdin)
        except AfficheError as error:
            yield error


def _read_stream(stream: BinaryIO) -> bytes:
    data = stream.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise InputError(f"-: standard input is too large (more than {MAX_BYTES // 2**20} MB)")
    return data


def _read_file(name: str) -> tuple[bytes, Origin]:
    path = Path(name)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except OSError as error:
        raise InputError(f"{name}: cannot be read ({error.strerror or error})") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(f"{name}: is a directory; give the files in it, or several sources, "
                         f"to read each one")
    if not stat.S_ISREG(info.st_mode):
        raise InputError(f"{name}: not a regular file")
    if info.st_size > MAX_BYTES:
        raise InputError(f"{name}: too large ({info.st_size / 2**20:.0f} MB; the limit is "
                         f"{MAX_BYTES // 2**20} MB)")
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as error:
        raise InputError(f"{name}: cannot be read ({error.strerror or error})") from None
    if len(data) > MAX_BYTES:
        raise InputError(f"{name}: too large (more than {MAX_BYTES // 2**20} MB)")
    return data, Origin(source=name, path=name, mtime=info.st_mtime)


# names under which an empty file is a broken upload, not an empty text
_EMPTY_KINDS = {".jpg": "image", ".jpeg": "image", ".png": "image", ".gif": "image",
                ".webp": "image", ".heic": "image", ".heif": "image", ".avif": "image",
                ".tif": "image", ".tiff": "image", ".bmp": "image", ".pdf": "PDF"}


def _document(data: bytes, origin: Origin, reference: dt.datetime | dt.date | None,
              timezone: str) -> Document:
    if not data:
        # the kind is told from the content; an empty file has none, its name says what it
        # was meant to be (a photo that failed to upload)
        kind = _EMPTY_KINDS.get(Path(origin.path or origin.source).suffix.lower())
        if kind:
            raise InputError(f"{origin.source}: not a readable {kind} (the file is empty)")
    kind = sniff.sniff(data, origin.source)
    declared = (origin.content_type or "").lower()
    if kind == "text" and declared.startswith(("text/html", "application/xhtml")):
        kind = "html"
    reading = _reader(kind)(data, origin)
    return _finish(reading, origin, reference, timezone)


def _read_plain(data: bytes, origin: Origin) -> Reading:
    if len(data) > MAX_TEXT_BYTES:
        raise InputError(f"{origin.source}: too large for a text ({len(data) / 2**20:.0f} MB; "
                         f"the limit is {MAX_TEXT_BYTES // 2**20} MB)")
    warnings: list[Warning] = []
    return Reading(text=plain.decode(data, origin.source, warnings), kind="text",
                   warnings=warnings)


def _reader(kind: str) -> Callable[[bytes, Origin], Reading]:
    """The function reading one kind: imported on demand, so reading a text loads no OCR."""
    if kind == "html":
        from affiche.ingest.html import read_html

        return read_html
    if kind == "pdf":
        from affiche.ingest.pdf import read_pdf

        return read_pdf
    if kind == "image":
        from affiche.ingest.image import read_image

        return read_image
    return _read_plain


def _finish(reading: Reading, origin: Origin, reference: dt.datetime | dt.date | None,
            timezone: str, lang: str | None = None) -> Document:
    """Settle the reference date and the language (`lang` when given), and make the
    Document."""
    when, where = _reference(reading, origin, reference, timezone)
    published = dating.localise(reading.published, timezone) if reading.published else None
    return Document(
        text=reading.text, source=origin.source, kind=reading.kind, title=reading.title,
        url=reading.url or origin.url,
        language=lang or language.detect(reading.text) or reading.language,
        reference=when, reference_source=where, published=published, timezone=timezone,
        ocr_confidence=reading.ocr_confidence, line_confidence=list(reading.line_confidence),
        hints=list(reading.hints), warnings=list(reading.warnings),
    )


def _reference(reading: Reading, origin: Origin, reference: dt.datetime | dt.date | None,
               timezone: str) -> tuple[dt.datetime | None, str]:
    """The reference datetime and its source name, strongest source first (see `dating`)."""
    if reference is not None:
        return dating.given(reference, timezone), "given"
    if reading.captured is not None:
        return dating.localise(reading.captured, timezone), "exif"
    name = origin.path or (origin.url.rsplit("?", 1)[0] if origin.url else None)
    if name is None and origin.source != "-":
        name = origin.source  # bytes or text in memory, named by the caller
    found = dating.from_name(name, timezone) if name else None
    if found is None and reading.kind == "text":
        found = dating.from_first_line(reading.text, timezone)
    if found is not None:
        return found, "filename"
    if reading.published is not None and reading.published_source:
        return dating.localise(reading.published, timezone), reading.published_source
    if origin.mtime is not None:
        return dating.from_timestamp(origin.mtime, timezone), "mtime"
    return None, "none"
