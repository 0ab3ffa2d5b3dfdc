"""The fixed Parquet schema of `affiche batch`: one row per event, flattened from Contract 1.

A document gives one row per event it holds; a document with no event gives one row whose event
columns are null (so `--resume` knows it was read), and a document that failed gives one row with
its `error`. Scalar fields of the event and its place are columns of their own; the lists of
Contract 1 (meeting points, transport, contacts, warnings) keep their shape as `list<struct>`, so
DuckDB, pandas or Spark read them as typed values rather than JSON strings to parse again.
`row_event` reads a row back into an `Event` (for `--dedupe` and `--into-agenda`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pyarrow as pa

from affiche.model import Event, parse_iso

__all__ = ["SCHEMA", "SCHEMA_VERSION", "document_rows", "error_row", "event_day", "row_event",
           "to_table"]

SCHEMA_VERSION = "1"

_STR = pa.string()


def _list(item: pa.DataType) -> pa.DataType:
    """A list type with the item name Parquet writes ("element"), so a file reads back equal."""
    return pa.list_(pa.field("element", item))


_SPAN = _list(pa.int32())
_PLACE = pa.struct([
    ("name", _STR), ("street", _STR), ("postcode", _STR), ("locality", _STR),
    ("country", _STR), ("lat", pa.float64()), ("lon", pa.float64()), ("precision", _STR),
])
_PLACE_FIELDS = [f.name for f in _PLACE]

SCHEMA = pa.schema([
    ("doc_id", _STR),
    ("source", _STR),
    ("doc_kind", _STR),
    ("doc_title", _STR),
    ("doc_url", _STR),
    ("doc_reference", _STR),
    ("doc_reference_source", _STR),
    ("error", _STR),
    ("event_index", pa.int32()),
    ("title", _STR),
    ("kind", _STR),
    ("start", _STR),
    ("end", _STR),
    ("start_utc", pa.timestamp("ms", tz="UTC")),
    ("end_utc", pa.timestamp("ms", tz="UTC")),
    ("all_day", pa.bool_()),
    ("timezone", _STR),
    *[(f"place_{name}", _PLACE.field(name).type) for name in _PLACE_FIELDS],
    ("meeting_points", _list(pa.struct([
        ("role", _STR), ("time", _STR), ("place", _PLACE), ("note", _STR), ("evidence", _SPAN),
    ]))),
    ("transport", _list(pa.struct([
        ("mode", _STR), ("from", _STR), ("to", _STR), ("departs", _STR), ("arrives", _STR),
        ("note", _STR), ("evidence", _SPAN),
    ]))),
    ("contacts", _list(pa.struct([("type", _STR), ("value", _STR), ("evidence", _SPAN)]))),
    ("organisers", _list(_STR)),
    ("language", _STR),
    ("url", _STR),
    ("description", _STR),
    ("warnings", _list(pa.struct([
        ("code", _STR), ("message", _STR), ("candidates", _list(_STR)),
    ]))),
    ("warning_codes", _list(_STR)),
    ("evidence", pa.map_(_STR, _SPAN)),
    ("field_confidence", pa.map_(_STR, pa.float64())),
    ("confidence", pa.float64()),
    ("sources", _list(_STR)),
], metadata={"affiche.schema": SCHEMA_VERSION})

_DOC_KEYS = ("doc_id", "source", "doc_kind", "doc_title", "doc_url", "doc_reference",
             "doc_reference_source")


def _utc(value: str | None) -> dt.datetime | None:
    """An ISO datetime with offset as UTC; None for a plain date or nothing."""
    if value is None or len(value) == 10:
        return None
    moment = dt.datetime.fromisoformat(value)
    return moment.astimezone(dt.UTC) if moment.tzinfo else None


def _event_columns(event: dict[str, Any]) -> dict[str, Any]:
    """The event columns of one row, from a Contract 1 Event dict."""
    place = event.get("place") or {}
    row: dict[str, Any] = {
        "title": event.get("title"), "kind": event.get("kind"),
        "start": event.get("start"), "end": event.get("end"),
        "start_utc": _utc(event.get("start")), "end_utc": _utc(event.get("end")),
        "all_day": event.get("all_day"), "timezone": event.get("timezone"),
        "meeting_points": event.get("meeting_points") or [],
        "transport": event.get("transport") or [],
        "contacts": event.get("contacts") or [],
        "organisers": event.get("organisers") or [],
        "language": event.get("language"), "url": event.get("url"),
        "description": event.get("description"),
        "warnings": event.get("warnings") or [],
        "warning_codes": [w["code"] for w in event.get("warnings") or []],
        "evidence": event.get("evidence") or {},
        "field_confidence": event.get("field_confidence") or {},
        "confidence": event.get("confidence"),
    }
    for name in _PLACE_FIELDS:
        row[f"place_{name}"] = place.get(name)
    return row


def document_rows(doc: dict[str, Any], events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows of one read document: one per event, or one empty row when it has none."""
    base = {key: doc.get(key) for key in _DOC_KEYS}
    if not events:
        return [{**base, "sources": [doc["doc_id"]]}]
    return [{**base, "event_index": index, **_event_columns(event),
             "sources": [doc["doc_id"]]} for index, event in enumerate(events)]


def error_row(doc_id: str, source: str, message: str) -> dict[str, Any]:
    """The one row of a document that could not be read or extracted."""
    return {"doc_id": doc_id, "source": source, "error": message, "sources": [doc_id]}


def to_table(rows: list[dict[str, Any]]) -> pa.Table:
    """Rows as a table of the fixed schema."""
    return pa.Table.from_pylist(rows, schema=SCHEMA)


def _pairs(value: Any) -> dict[str, Any]:
    """A map column as a dict (pyarrow gives a list of key/value pairs)."""
    if value is None:
        return {}
    return dict(value) if not isinstance(value, dict) else value


def row_event(row: dict[str, Any]) -> Event:
    """Read one event row (as `Table.to_pylist` gives it) back into an `Event`."""
    data = {
        "title": row.get("title"), "kind": row.get("kind"), "start": row.get("start"),
        "end": row.get("end"), "timezone": row.get("timezone"),
        "place": {name: row.get(f"place_{name}") for name in _PLACE_FIELDS},
        "meeting_points": row.get("meeting_points") or [],
        "transport": row.get("transport") or [],
        "contacts": row.get("contacts") or [],
        "organisers": row.get("organisers") or [],
        "language": row.get("language"), "url": row.get("url"),
        "description": row.get("description"), "warnings": row.get("warnings") or [],
        "evidence": _pairs(row.get("evidence")),
        "field_confidence": _pairs(row.get("field_confidence")),
        "confidence": row.get("confidence"),
    }
    return Event.from_dict(data)


def event_day(row: dict[str, Any]) -> str | None:
    """The local day an event row starts on (`YYYY-MM-DD`), the key duplicates share."""
    start = row.get("start")
    if not start:
        return None
    value = parse_iso(start)
    return value.date().isoformat() if isinstance(value, dt.datetime) else str(value)
