"""What a batch reads: the inputs turned into document units, and the units into partitions.

The driver only looks at the inputs (a directory walk, the first bytes of each file, one pass
over JSON Lines and WARC files to find where each record starts); the documents themselves are
read by the workers, from the path and byte offset a `Unit` names. So the driver stays light
and its memory flat, and a partition sent to a worker is a few hundred bytes. Workers must see
the inputs at the same path (one machine, or a shared file system on a cluster).

At crawl scale the driver must not read the archives at all: with `whole_warc` (and always
for a WARC named by URL, such as `s3://…`), a WARC file is one unit and one partition, which a
worker reads from end to end.

Kinds are told from the content, as `affiche.ingest` does: a WARC file starts with `WARC/`
(also inside gzip), a Contract 2 file's first line is a JSON object with a `text` string;
anything else is one document (text, HTML, PDF or image), read by `affiche.ingest`.
"""

from __future__ import annotations

import json
import math
import os
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from affiche.batch.warcs import WARC_SUFFIXES, is_page, unread_tail
from affiche.errors import InputError
from affiche.ingest import expand, is_url

__all__ = ["Unit", "Scan", "check_inputs", "scan", "partitions"]

# A partition closes at this many input bytes even when it holds fewer documents: photos and
# scanned PDFs take seconds each (OCR), so they travel in small partitions.
MAX_PARTITION_BYTES = 16 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Unit:
    """One document to read: a file, a line of a JSON Lines file, or a WARC record."""

    doc_id: str
    kind: str  # "file" | "jsonl" | "warc" | "error"
    path: str
    offset: int = 0
    length: int = 0
    line: int = 0
    message: str | None = None


@dataclass
class Scan:
    """Counts kept while the inputs are walked (for the summary)."""

    units: int = 0
    skipped_records: int = 0
    resumed: int = 0


def _head(path: str, size: int = 65536) -> bytes:
    """The first bytes of a file, or b"" when it cannot be read (the worker then says why)."""
    try:
        with open(path, "rb") as handle:
            return handle.read(size)
    except OSError:
        return b""


def _is_warc(head: bytes) -> bool:
    """True for a WARC file, plain or gzip-compressed (one gzip member per record)."""
    if head.startswith(b"WARC/"):
        return True
    if head.startswith(b"\x1f\x8b"):
        try:
            return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 16).startswith(b"WARC/")
        except zlib.error:
            return False
    return False


def _is_jsonl(head: bytes) -> bool:
    """True when the first non-blank line is a Contract 2 object (a JSON object with `text`)."""
    for raw in head.splitlines():
        line = raw.strip()
        if not line:
            continue
        if not line.startswith(b"{"):
            return False
        try:
            record = json.loads(line)
        except ValueError:
            # A first line longer than the head read: open the file's first line in full.
            return False
        return isinstance(record, dict) and isinstance(record.get("text"), str)
    return False


def _first_line_is_record(path: str) -> bool:
    """Contract 2 test on the file's whole first non-blank line (it may be longer than a head)."""
    try:
        with open(path, "rb") as handle:
            for raw in handle:
                if raw.strip():
                    return _is_jsonl(raw)
    except OSError:
        return False
    return False


def _jsonl_units(path: str) -> Iterator[Unit]:
    """One unit per non-blank line; the id is the record's `id`, else `FILE:LINE`."""
    offset = 0
    with open(path, "rb") as handle:
        for number, raw in enumerate(handle, 1):
            start, offset = offset, offset + len(raw)
            if not raw.strip():
                continue
            doc_id = f"{path}:{number}"
            try:
                record = json.loads(raw)
            except ValueError:
                record = None
            if isinstance(record, dict) and record.get("id") is not None:
                doc_id = str(record["id"])
            yield Unit(doc_id, "jsonl", path, start, len(raw), number)


def _warc_units(path: str, counts: Scan) -> Iterator[Unit]:
    """One unit per HTML response record; other records are counted as skipped."""
    from warcio.archiveiterator import ArchiveIterator

    try:
        with open(path, "rb") as handle:
            records = ArchiveIterator(handle)
            end = 0
            for record in records:
                if not is_page(record):
                    counts.skipped_records += 1
                    end = records.get_record_offset() + records.get_record_length()
                    continue
                uri = record.rec_headers.get_header("WARC-Target-URI") or ""
                offset = records.get_record_offset()
                end = offset + records.get_record_length()
                doc_id = uri or f"{path}@{offset}"
                yield Unit(doc_id, "warc", path, offset, int(record.length or 0))
            cut = unread_tail(path, end)
            if cut is not None:
                raise ValueError(f"a record cut short at offset {cut}")
    except Exception as error:  # noqa: BLE001 - a broken archive is an error row, not a crash
        yield Unit(f"{path}", "error", path,
                   message=f"{path}: not a readable WARC file ({type(error).__name__}: {error})")


def _file_units(path: str, counts: Scan, whole_warc: bool) -> Iterator[Unit]:
    """A file's units: its records (WARC, JSON Lines), itself, or a whole WARC file."""
    head = _head(path)
    if _is_warc(head):
        if whole_warc:
            yield Unit(path, "warcfile", path, length=_size(path))
        else:
            yield from _warc_units(path, counts)
    elif _is_jsonl(head) or (head.startswith(b"{") and _first_line_is_record(path)):
        yield from _jsonl_units(path)
    else:
        yield Unit(path, "file", path, length=_size(path))


def _size(path: str) -> int:
    """A file's size in bytes, 0 when it cannot be told."""
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def _url_unit(name: str) -> Unit:
    """A URL input: a WARC file in object storage (read whole by a worker), else a page."""
    if name.lower().split("?", 1)[0].endswith(WARC_SUFFIXES):
        return Unit(name, "warcfile", name)
    return Unit(name, "file", name)


def check_inputs(inputs: Sequence[str]) -> None:
    """Refuse, before any work starts, an input that names nothing (a typo is not an error row)."""
    if not inputs:
        raise InputError("no INPUT given; pass files, directories, JSON Lines or WARC files")
    for name in inputs:
        if name == "-":
            raise InputError("affiche batch does not read standard input; save it to a file "
                             "(JSON Lines for many documents) and give its name")
        if not is_url(name) and not os.path.exists(name):
            raise InputError(f"{name}: no such file or directory")


def scan(inputs: Sequence[str], counts: Scan, skip: Callable[[str], bool] = lambda _: False,
         *, whole_warc: bool = False) -> Iterator[Unit]:
    """Every unit of the inputs, in order, minus those `skip` says are done (by id or path)."""
    for name in expand(inputs):
        found = iter([_url_unit(name)]) if is_url(name) else _file_units(name, counts,
                                                                          whole_warc)
        for unit in found:
            if skip(unit.doc_id):
                counts.resumed += 1
                continue
            counts.units += 1
            yield unit


def _chunks(units: Iterable[Unit], size: int, max_bytes: int) -> Iterator[list[Unit]]:
    """Consecutive partitions of at most `size` units and about `max_bytes` input bytes."""
    part: list[Unit] = []
    weight = 0
    for unit in units:
        if unit.kind == "warcfile":
            # A whole archive is a partition of its own (a crawl's file: ~1 GB, ~30,000 pages).
            if part:
                yield part
                part, weight = [], 0
            yield [unit]
            continue
        if part and (len(part) >= size or weight + unit.length > max_bytes):
            yield part
            part, weight = [], 0
        part.append(unit)
        weight += unit.length
    if part:
        yield part


def partitions(units: Iterable[Unit], size: int, workers: int,
               max_bytes: int = MAX_PARTITION_BYTES) -> Iterator[list[Unit]]:
    """Partitions of `size` units; a small batch is split so that every worker gets some."""
    stream = iter(units)
    buffer: list[Unit] = []
    for unit in stream:
        buffer.append(unit)
        if len(buffer) >= size * workers:
            break
    else:
        # Everything fits in one round: spread it, two partitions per worker.
        if buffer:
            size = min(size, max(1, math.ceil(len(buffer) / (2 * workers))))
        yield from _chunks(buffer, size, max_bytes)
        return
    yield from _chunks(_chain(buffer, stream), size, max_bytes)


def _chain(first: list[Unit], rest: Iterator[Unit]) -> Iterator[Unit]:
    """The buffered units, then the rest of the stream."""
    yield from first
    yield from rest

