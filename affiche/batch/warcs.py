"""Reading WARC files (warcio): which records are pages, one record at an offset, a whole file.

Only HTTP responses whose Content-Type is HTML are documents; requests, metadata, images and
the like are skipped. An archive named by URL (`s3://…`, `https://…`) is opened with fsspec,
so a worker reads a crawl's files from object storage when the matching fsspec backend
(s3fs, gcsfs…) is installed; the driver then never downloads them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

from affiche.errors import InputError
from affiche.ingest import MAX_BYTES, is_url

__all__ = ["Page", "is_page", "open_archive", "page_at", "pages", "unread_tail",
           "WARC_SUFFIXES"]

_HTML_TYPES = ("text/html", "application/xhtml+xml")
WARC_SUFFIXES = (".warc", ".warc.gz")


@dataclass
class Page:
    """One HTML response of an archive, or the error met reading it."""

    offset: int
    uri: str
    data: bytes = b""
    captured: dt.datetime | None = None
    error: str | None = None


def is_page(record: Any) -> bool:
    """True for an HTTP response record with an HTML body."""
    if record.rec_type != "response" or record.http_headers is None:
        return False
    ctype = (record.http_headers.get_header("Content-Type") or "").lower()
    return ctype.startswith(_HTML_TYPES)


def open_archive(path: str) -> IO[bytes]:
    """Open a WARC file for reading: a local path, or a URL through fsspec."""
    if is_url(path):
        import fsspec

        try:
            return fsspec.open(path, "rb").open()
        except (ImportError, ValueError) as error:
            raise InputError(f"{path}: cannot open this URL ({error}); install the fsspec "
                             f"backend for its scheme, e.g. s3fs") from None
        except OSError as error:
            raise InputError(f"{path}: cannot be read ({error})") from None
    try:
        return open(path, "rb")  # noqa: SIM115 - closed by the caller
    except OSError as error:
        raise InputError(f"{path}: cannot be read ({error.strerror or error})") from None


def _page(record: Any, offset: int, fallback: str) -> Page:
    """The payload, URI and capture date of a response record."""
    uri = record.rec_headers.get_header("WARC-Target-URI") or fallback
    data = record.content_stream().read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        return Page(offset, uri, error=f"{uri}: WARC record too large (more than "
                                       f"{MAX_BYTES // 2**20} MB)")
    stamp = record.rec_headers.get_header("WARC-Date")
    captured = None
    if stamp:
        try:
            captured = dt.datetime.fromisoformat(stamp.replace("Z", "+00:00"))
        except ValueError:
            captured = None
    return Page(offset, uri, data, captured)


def unread_tail(path: str, end: int) -> int | None:
    """Where a local WARC file has bytes past its last whole record, else None."""
    # warcio stops quietly at a record cut short: this is how a truncated file is noticed.
    if is_url(path):
        return None
    try:
        with open(path, "rb") as handle:
            handle.seek(end)
            tail = handle.read(64)
    except OSError:
        return None
    return end if tail.strip() else None


def page_at(path: str, offset: int, fallback: str) -> Page:
    """The page whose record starts at `offset` of `path`."""
    from warcio.archiveiterator import ArchiveIterator

    with open_archive(path) as handle:
        try:
            handle.seek(offset)
            record = next(iter(ArchiveIterator(handle)))
            return _page(record, offset, fallback)
        except Exception as error:  # noqa: BLE001 - warcio raises many kinds on damage
            raise InputError(f"{path}@{offset}: damaged WARC record "
                             f"({type(error).__name__}: {error})") from None


def pages(path: str) -> Iterator[Page]:
    """Every page of a WARC file, in order; damage ends the file with one error page."""
    from warcio.archiveiterator import ArchiveIterator

    with open_archive(path) as handle:
        records = ArchiveIterator(handle)
        offset = 0
        try:
            end = 0
            for record in records:
                if not is_page(record):
                    offset = records.get_record_offset()
                    end = offset + records.get_record_length()
                    continue
                # The payload first: asking the offset reads the record to its end.
                page = _page(record, 0, "")
                offset = page.offset = records.get_record_offset()
                end = offset + records.get_record_length()
                page.uri = page.uri or f"{path}@{offset}"
                yield page
            cut = unread_tail(path, end)
            if cut is not None:
                raise ValueError(f"a record cut short at offset {cut}")
        except Exception as error:  # noqa: BLE001 - what was read stays; the rest is one error
            yield Page(offset, f"{path}@{offset}",
                       error=f"{path}: damaged WARC file after offset {offset} "
                             f"({type(error).__name__}: {error})")
