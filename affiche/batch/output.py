"""Where a batch's results go: a Parquet file (row groups of the fixed schema) or JSON Lines.

Both sinks take results in the order partitions finish and keep only a bounded buffer, so the
driver's memory stays flat. The Parquet sink writes to `OUT.partial` and renames it to OUT when
closed (normally, on Ctrl-C or on SIGTERM, from a `finally`), so OUT is always a complete file:
a resumed run copies OUT's row groups into the new file first, then appends. JSON Lines are
appended and flushed line by line; a line cut short by a killed run is dropped on resume.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Protocol

import pyarrow as pa
import pyarrow.parquet as pq

from affiche.batch.schema import SCHEMA, SCHEMA_VERSION
from affiche.errors import InputError

__all__ = ["Sink", "ParquetSink", "JsonlSink", "check_out", "open_sink", "done_ids"]

# Rows gathered before a row group is written: big enough for readers to scan efficiently,
# small enough that a run stopped by SIGKILL loses little (Ctrl-C and SIGTERM lose nothing).
ROW_GROUP_ROWS = 5000


class Sink(Protocol):
    """An output that takes the payloads of finished partitions."""

    done: set[str]

    def write(self, payload: Any) -> None:
        """Add one partition's rows or lines."""

    def close(self) -> None:
        """Flush and finish the output so that it is complete and readable."""


def _ids_of_table(table: pa.Table, into: set[str]) -> None:
    """Add a table's document ids, merged `sources` ids and WARC files (for --whole-warc)."""
    into.update(v for v in table.column("doc_id").to_pylist() if v is not None)
    for sources in table.column("sources").to_pylist():
        into.update(sources or ())
    into.update(_archive(source) for source in table.column("source").to_pylist()
                if source and "@" in source)


def _archive(source: str) -> str:
    """The WARC file of a page's source (`FILE@OFFSET`)."""
    return source.rsplit("@", 1)[0]


def _open_parquet(path: Path) -> pq.ParquetFile:
    """Open an existing batch output, checking it has this version's schema."""
    try:
        handle = pq.ParquetFile(path)
    except (pa.ArrowException, OSError) as error:
        raise InputError(f"{path}: not a readable Parquet file ({error}); remove it or "
                         f"choose another --out") from None
    schema = handle.schema_arrow
    version = (schema.metadata or {}).get(b"affiche.schema", b"").decode()
    if version != SCHEMA_VERSION or not schema.remove_metadata().equals(SCHEMA.remove_metadata()):
        raise InputError(f"{path}: not an affiche batch output of schema {SCHEMA_VERSION}; "
                         f"choose another --out")
    return handle


class ParquetSink:
    """Parquet output of the fixed schema, written as row groups to `OUT.partial`."""

    def __init__(self, out: Path, resume: bool) -> None:
        """Open the output; with `resume`, copy what OUT already holds and note its ids."""
        self.out = out
        self.partial = out.with_name(out.name + ".partial")
        self.done: set[str] = set()
        self.rows = 0
        self._buffer: list[pa.Table] = []
        self._buffered = 0
        previous = _open_parquet(out) if resume and out.exists() else None
        self._writer = pq.ParquetWriter(self.partial, SCHEMA, compression="zstd")
        if previous is not None:
            for index in range(previous.num_row_groups):
                table = previous.read_row_group(index).cast(SCHEMA)
                _ids_of_table(table, self.done)
                self._writer.write_table(table)
                self.rows += table.num_rows

    def write(self, payload: pa.Table) -> None:
        """Buffer one partition's table; write a row group once enough rows are gathered."""
        self._buffer.append(payload)
        self._buffered += payload.num_rows
        if self._buffered >= ROW_GROUP_ROWS:
            self._flush()

    def _flush(self) -> None:
        """Write the buffered rows as one row group."""
        if self._buffer:
            self._writer.write_table(pa.concat_tables(self._buffer))
            self.rows += self._buffered
            self._buffer, self._buffered = [], 0

    def close(self) -> None:
        """Write what is buffered, close the file and put it in place of OUT."""
        try:
            self._flush()
        finally:
            self._writer.close()
            os.replace(self.partial, self.out)


def _jsonl_ids(path: Path, into: set[str]) -> None:
    """Note the ids of a JSON Lines output and cut off a last line left unfinished."""
    keep = 0
    with path.open("rb") as handle:
        if handle.read(4) == b"PAR1":
            raise InputError(f"{path}: is a Parquet file; give --format parquet to continue it")
        handle.seek(0)
        for raw in handle:
            if not raw.endswith(b"\n"):
                break
            keep += len(raw)
            try:
                record = json.loads(raw)
            except ValueError:
                continue
            if isinstance(record, dict) and record.get("id") is not None:
                into.add(str(record["id"]))
                if "@" in str(record.get("source") or ""):
                    into.add(_archive(str(record["source"])))
                for event in record.get("events") or ():
                    into.update(str(s) for s in event.get("sources") or ())
    if keep != path.stat().st_size:
        os.truncate(path, keep)


class JsonlSink:
    """Contract 2 lines, one per document, appended in the order partitions finish."""

    def __init__(self, out: Path, resume: bool) -> None:
        """Open the output; with `resume`, keep what OUT holds and note its ids."""
        self.out = out
        self.done: set[str] = set()
        if resume and out.exists():
            _jsonl_ids(out, self.done)
        self._handle = out.open("a" if resume else "w", encoding="utf-8")

    def write(self, payload: str) -> None:
        """Append one partition's lines."""
        self._handle.write(payload)
        self._handle.flush()

    def close(self) -> None:
        """Close the file."""
        self._handle.close()


def check_out(out: Path, fmt: str, *, resume: bool, overwrite: bool) -> None:
    """Refuse an OUT that cannot be written, exists unasked, or cannot be resumed."""
    if out.is_dir():
        raise InputError(f"--out {out}: is a directory; give a file name")
    if not out.parent.exists():
        raise InputError(f"--out {out}: the folder {out.parent} does not exist")
    if out.exists() and out.stat().st_size and not (resume or overwrite):
        raise InputError(f"--out {out}: already exists; pass --resume to continue it or "
                         f"--overwrite to replace it")
    if not os.access(out.parent, os.W_OK):
        raise InputError(f"--out {out}: the folder {out.parent} is not writable")
    if resume and out.exists() and out.stat().st_size:
        if fmt == "parquet":
            _open_parquet(out)
        else:
            with out.open("rb") as handle:
                if handle.read(4) == b"PAR1":
                    raise InputError(f"{out}: is a Parquet file; give --format parquet to "
                                     f"continue it")


def open_sink(out: Path, fmt: str, *, resume: bool) -> Sink:
    """The sink for OUT (checked by `check_out`); with `resume`, it continues what OUT holds."""
    try:
        return ParquetSink(out, resume) if fmt == "parquet" else JsonlSink(out, resume)
    except PermissionError as error:
        raise InputError(f"--out {out}: cannot be written ({error.strerror})") from None


def done_ids(out: Path, fmt: str) -> set[str]:
    """The document ids an output holds (what `--resume` skips)."""
    found: set[str] = set()
    if fmt == "parquet":
        handle = _open_parquet(out)
        for index in range(handle.num_row_groups):
            _ids_of_table(handle.read_row_group(index, columns=["doc_id", "sources", "source"]),
                          found)
    else:
        _jsonl_ids(out, found)
    return found
