"""What a Dask worker does with one partition: read each unit, extract, and hand back rows.

A worker builds the final form of its results itself (an Arrow table of the fixed schema, or
Contract 2 lines), so the driver, which shares the machine's cores with the workers, only writes
bytes. `Preload` is a worker plugin that loads the language data and the gazetteer once per
worker process, before its first task, rather than inside the first partition's timing.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import resource
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from distributed import WorkerPlugin

from affiche import pipeline
from affiche.batch import warcs
from affiche.batch.schema import document_rows, error_row, to_table
from affiche.batch.sources import Unit
from affiche.errors import AfficheError, InputError
from affiche.model import Document, iso

__all__ = ["Task", "PartResult", "Preload", "run_partition", "read_unit", "peak_memory",
           "cpu_seconds"]

logger = logging.getLogger(__name__)

# What reading one document gives: its columns, its events (Contract 1 dicts), its text.
Found = tuple[dict[str, Any], list[dict[str, Any]], str | None]

# One short call per language, written for this purpose: running them loads every table the
# extraction needs (language words, time tables, gazetteer) into the worker process.
_WARM_UP = (
    ("fr", "Rassemblement samedi 18 janvier à 14h place Flagey, Bruxelles."),
    ("nl", "Betoging zaterdag 18 januari om 14u aan het station van Leuven."),
    ("en", "Vigil on Saturday 18 January at 2pm in front of Ghent town hall."),
)


@dataclass(frozen=True)
class Task:
    """One partition and how to read it."""

    units: tuple[Unit, ...]
    fmt: str = "parquet"
    options: pipeline.Options = field(default_factory=pipeline.Options)
    reference: dt.datetime | None = None
    keep_documents: bool = False


@dataclass
class PartResult:
    """What a worker hands back for one partition."""

    doc_ids: list[str]
    documents: int
    events: int
    errors: int
    payload: Any  # a pyarrow.Table (parquet) or a str of Contract 2 lines (jsonl)
    found: list[Found] = field(default_factory=list)


class Preload(WorkerPlugin):
    """A Dask worker plugin: load the language data and gazetteer once per worker process."""

    name = "affiche-preload"

    def setup(self, worker: Any = None) -> None:
        """Run one short extraction per language (the tables load on first use)."""
        from affiche import ingest

        reference = dt.datetime(2025, 1, 13, tzinfo=dt.UTC)
        for lang, text in _WARM_UP:
            pipeline.extract_text(text, lang=lang, reference=reference)
        # The HTML reader's libraries (main text, page date, schema.org) load on first use too.
        page = f"<!doctype html><html><head><title>x</title></head><body><article><p>" \
               f"{_WARM_UP[0][1]}</p></article></body></html>".encode()
        pipeline.run(ingest.read_bytes(page, source="warm-up.html", reference=reference))

    def teardown(self, worker: Any = None) -> None:
        """Nothing to release: the tables live as long as the process."""


def _document_info(doc_id: str, source: str, document: Document | None) -> dict[str, Any]:
    """The document columns of a result."""
    info: dict[str, Any] = {"doc_id": doc_id, "source": source}
    if document is not None:
        info.update(doc_kind=document.kind, doc_title=document.title, doc_url=document.url,
                    doc_reference=iso(document.reference),
                    doc_reference_source=document.reference_source)
    return info


def _read_jsonl(unit: Unit, task: Task) -> tuple[dict[str, Any], list[dict[str, Any]], str]:
    """One Contract 2 line through `pipeline.extract_record`."""
    with open(unit.path, "rb") as handle:
        handle.seek(unit.offset)
        raw = handle.read(unit.length)
    line = raw.decode("utf-8", errors="replace")
    record = pipeline.extract_record(line, unit.line, task.reference, task.options)
    source = f"{unit.path}:{unit.line}"
    if "error" in record:
        raise InputError(f"{unit.path}: {record['error']}")
    data = json.loads(line)
    info = {"doc_id": unit.doc_id, "source": source, "doc_kind": "text", "unit_kind": "jsonl",
            "doc_reference": data.get("reference") or iso(task.reference),
            "doc_reference_source": "given" if (data.get("reference") or task.reference)
            else "none", "raw_id": data["id"] if data.get("id") is not None else unit.doc_id}
    return info, record["events"], data["text"]


def read_page(page: warcs.Page, path: str, task: Task) -> Found:
    """Extract one page of a WARC file: (document info, Contract 1 events, document text)."""
    from affiche import ingest

    if page.error:
        raise InputError(page.error)
    options = task.options
    document = ingest.read_bytes(page.data, source=page.uri, reference=task.reference,
                                 timezone=options.timezone)
    document.url = document.url or page.uri
    if document.reference is None and page.captured is not None:
        # A page that gives no date of its own is read against the day it was captured.
        document.reference = page.captured.astimezone(_zone(options.timezone))
        document.reference_source = "capture"
    events = pipeline.run(document, options)
    info = _document_info(page.uri, f"{path}@{page.offset}", document)
    info["unit_kind"] = "warc"
    return info, [e.to_dict() for e in events], document.text


def read_unit(unit: Unit, task: Task) -> Found:
    """Read and extract one unit: (document info, Contract 1 events, document text)."""
    from affiche import ingest

    options = task.options
    if unit.kind == "error":
        raise InputError(unit.message or f"{unit.path}: cannot be read")
    if unit.kind == "warcfile":
        raise InputError(f"{unit.path}: a whole WARC file is read by run_partition")
    if unit.kind == "jsonl":
        return _read_jsonl(unit, task)
    if unit.kind == "warc":
        return read_page(warcs.page_at(unit.path, unit.offset, unit.doc_id), unit.path, task)
    else:
        document = ingest.read(unit.path, reference=task.reference, timezone=options.timezone)
        source = unit.path
    events = pipeline.run(document, options)
    info = _document_info(unit.doc_id, source, document)
    info["unit_kind"] = unit.kind
    return info, [e.to_dict() for e in events], document.text


def _zone(name: str) -> dt.tzinfo:
    """The zone of `name`."""
    from zoneinfo import ZoneInfo

    return ZoneInfo(name)


def _failure(doc_id: str, error: Exception) -> str:
    """The one-line message of a failed document."""
    if isinstance(error, AfficheError):
        return str(error)
    logger.exception("%s: internal error", doc_id)
    return f"internal error: {type(error).__name__}: {error}"


def source_of(unit: Unit) -> str:
    """Where a unit was read from, for its error row."""
    if unit.kind == "jsonl":
        return f"{unit.path}:{unit.line}"
    if unit.kind == "warc":
        return f"{unit.path}@{unit.offset}"
    return unit.path


def _outcomes(task: Task) -> Iterator[tuple[str, str, Found | Exception]]:
    """(document id, source, what reading gave or its error) per document (or WARC page)."""
    for unit in task.units:
        if unit.kind == "warcfile":
            try:
                for page in warcs.pages(unit.path):
                    yield page.uri, f"{unit.path}@{page.offset}", _attempt(
                        read_page, page, unit.path, task)
            except Exception as error:  # noqa: BLE001 - an archive that does not open
                yield unit.doc_id, unit.path, error
            continue
        yield unit.doc_id, source_of(unit), _attempt(read_unit, unit, task)


def _attempt(read: Any, *args: Any) -> Found | Exception:
    """What `read(*args)` gives, or the exception it raised."""
    try:
        return read(*args)
    except Exception as error:  # noqa: BLE001 - one bad document never stops a batch
        return error


def run_partition(task: Task) -> PartResult:
    """Read, extract and format every unit of a partition; a failing unit is an error row."""
    rows: list[dict[str, Any]] = []
    lines: list[str] = []
    found: list[Found] = []
    doc_ids: list[str] = []
    events = errors = 0
    for doc_id, source, outcome in _outcomes(task):
        doc_ids.append(doc_id)
        if isinstance(outcome, Exception):
            errors += 1
            message = _failure(doc_id, outcome)
            if task.fmt == "parquet":
                rows.append(error_row(doc_id, source, message))
            else:
                lines.append(json.dumps({"id": doc_id, "source": source, "events": [],
                                         "error": message}, ensure_ascii=False))
            continue
        info, items, text = outcome
        events += len(items)
        if task.keep_documents and items:
            found.append((info, items, text))
        if task.fmt == "parquet":
            rows.extend(document_rows(info, items))
        else:
            lines.append(json.dumps({"id": info.pop("raw_id", doc_id),
                                     "source": info["source"], "events": items},
                                    ensure_ascii=False))
    payload: Any = to_table(rows) if task.fmt == "parquet" else "".join(
        line + "\n" for line in lines)
    return PartResult(doc_ids, len(doc_ids), events, errors, payload, found)


def peak_memory() -> int:
    """The peak resident memory of this process, in bytes (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def cpu_seconds() -> float:
    """The CPU time this process has used (user and system), in seconds."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime
