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
from dataclasses import dataclass, field
from typing import Any

from distributed import WorkerPlugin

from affiche import pipeline
from affiche.batch.schema import document_rows, error_row, to_table
from affiche.batch.sources import Unit
from affiche.errors import AfficheError, InputError
from affiche.ingest import MAX_BYTES
from affiche.model import Document, iso

__all__ = ["Task", "PartResult", "Preload", "run_partition", "read_unit", "peak_memory",
           "cpu_seconds"]

logger = logging.getLogger(__name__)

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
    found: list[tuple[dict[str, Any], list[dict[str, Any]], str | None]] = field(
        default_factory=list)


class Preload(WorkerPlugin):
    """A Dask worker plugin: load the language data and gazetteer once per worker process."""

    name = "affiche-preload"

    def setup(self, worker: Any = None) -> None:
        """Run one short extraction per language (the tables load on first use)."""
        reference = dt.datetime(2025, 1, 13, tzinfo=dt.UTC)
        for lang, text in _WARM_UP:
            pipeline.extract_text(text, lang=lang, reference=reference)

    def teardown(self, worker: Any = None) -> None:
        """Nothing to release: the tables live as long as the process."""


def _warc_page(unit: Unit) -> tuple[bytes, str, dt.datetime | None]:
    """The HTML payload, target URI and capture date of one WARC response record."""
    from warcio.archiveiterator import ArchiveIterator

    try:
        with open(unit.path, "rb") as handle:
            handle.seek(unit.offset)
            record = next(iter(ArchiveIterator(handle)))
            data = record.content_stream().read(MAX_BYTES + 1)
            uri = record.rec_headers.get_header("WARC-Target-URI") or unit.doc_id
            stamp = record.rec_headers.get_header("WARC-Date")
    except OSError as error:
        raise InputError(f"{unit.path}: cannot be read ({error.strerror or error})") from None
    except Exception as error:  # noqa: BLE001 - warcio raises many kinds on a damaged record
        raise InputError(f"{unit.path}@{unit.offset}: damaged WARC record "
                         f"({type(error).__name__}: {error})") from None
    if len(data) > MAX_BYTES:
        raise InputError(f"{uri}: WARC record too large (more than {MAX_BYTES // 2**20} MB)")
    captured = None
    if stamp:
        try:
            captured = dt.datetime.fromisoformat(stamp.replace("Z", "+00:00"))
        except ValueError:
            captured = None
    return data, uri, captured


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


def read_unit(unit: Unit, task: Task) -> tuple[dict[str, Any], list[dict[str, Any]], str | None]:
    """Read and extract one unit: (document info, Contract 1 events, document text)."""
    from affiche import ingest

    options = task.options
    if unit.kind == "error":
        raise InputError(unit.message or f"{unit.path}: cannot be read")
    if unit.kind == "jsonl":
        return _read_jsonl(unit, task)
    if unit.kind == "warc":
        data, uri, captured = _warc_page(unit)
        document = ingest.read_bytes(data, source=uri, reference=task.reference,
                                     timezone=options.timezone)
        document.url = document.url or uri
        if document.reference is None and captured is not None:
            # A page that gives no date of its own is read against the day it was captured.
            document.reference = captured.astimezone(_zone(options.timezone))
            document.reference_source = "capture"
        source = f"{unit.path}@{unit.offset}"
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


def _failure(unit: Unit, error: Exception) -> str:
    """The one-line message of a failed unit."""
    if isinstance(error, AfficheError):
        return str(error)
    logger.exception("%s: internal error", unit.doc_id)
    return f"internal error: {type(error).__name__}: {error}"


def _source_of(unit: Unit) -> str:
    """Where a unit was read from, for its error row."""
    if unit.kind == "jsonl":
        return f"{unit.path}:{unit.line}"
    if unit.kind == "warc":
        return f"{unit.path}@{unit.offset}"
    return unit.path


def run_partition(task: Task) -> PartResult:
    """Read, extract and format every unit of a partition; a failing unit is an error row."""
    rows: list[dict[str, Any]] = []
    lines: list[str] = []
    found: list[tuple[dict[str, Any], list[dict[str, Any]], str | None]] = []
    events = errors = 0
    for unit in task.units:
        try:
            info, items, text = read_unit(unit, task)
        except Exception as error:  # noqa: BLE001 - one bad document never stops a batch
            errors += 1
            message = _failure(unit, error)
            if task.fmt == "parquet":
                rows.append(error_row(unit.doc_id, _source_of(unit), message))
            else:
                lines.append(json.dumps({"id": unit.doc_id, "source": _source_of(unit),
                                         "events": [], "error": message}, ensure_ascii=False))
            continue
        events += len(items)
        if task.keep_documents and items:
            found.append((info, items, text))
        if task.fmt == "parquet":
            rows.extend(document_rows(info, items))
        else:
            lines.append(json.dumps({"id": info.pop("raw_id", unit.doc_id),
                                     "source": info["source"], "events": items},
                                    ensure_ascii=False))
    payload: Any = to_table(rows) if task.fmt == "parquet" else "".join(
        line + "\n" for line in lines)
    return PartResult([u.doc_id for u in task.units], len(task.units), events, errors,
                      payload, found)


def peak_memory() -> int:
    """The peak resident memory of this process, in bytes (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def cpu_seconds() -> float:
    """The CPU time this process has used (user and system), in seconds."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime
