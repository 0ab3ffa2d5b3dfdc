"""`affiche batch --dedupe`: one row for an event found in several documents, with all sources.

Runs after the extraction, over the finished OUT, because the copies of an event may be read
by different workers hours apart. Two events can only be the same on the same day, so events
are grouped by their start day and compared within a day with `affiche.match.is_duplicate`
(the agenda's own duplicate check, one function for both). Each group keeps the event of the
highest confidence and lists every document it was found in (`sources`). Memory grows with the
number of events, not documents; docs/scale.md says how to do this pass at crawl scale.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from affiche.batch.schema import SCHEMA, event_day, row_event, to_table
from affiche.model import Event

__all__ = ["dedupe", "Group", "merge_into"]

_ROWS_PER_GROUP = 5000


@dataclass
class Group:
    """Copies of one event: the kept one, its `Event`, and the ids of every document."""

    item: Any
    event: Event
    sources: list[str] = field(default_factory=list)


def merge_into(groups: list[Group], item: Any, event: Event, ids: list[str],
               confidence: float) -> bool:
    """Add a copy to the day's groups; True when it joined an existing group."""
    from affiche.match import is_duplicate

    for group in groups:
        if is_duplicate(group.event, event):
            group.sources.extend(i for i in ids if i not in group.sources)
            if confidence > group.event.confidence:
                group.item, group.event = item, event
            return True
    groups.append(Group(item, event, list(ids)))
    return False


def _parquet_rows(path: Path) -> Iterator[dict[str, Any]]:
    """The rows of a Parquet output, one row group at a time."""
    import pyarrow.parquet as pq

    handle = pq.ParquetFile(path)
    for index in range(handle.num_row_groups):
        yield from handle.read_row_group(index).to_pylist()


def _dedupe_parquet(path: Path) -> int:
    """Rewrite a Parquet output with duplicates merged; the number of rows merged away."""
    import pyarrow.parquet as pq

    days: dict[str, list[Group]] = {}
    merged = 0
    partial = path.with_name(path.name + ".dedupe")
    writer = pq.ParquetWriter(partial, SCHEMA, compression="zstd")
    try:
        other: list[dict[str, Any]] = []
        for row in _parquet_rows(path):
            day = event_day(row) if row.get("event_index") is not None else None
            if day is None:
                other.append(row)
                if len(other) >= _ROWS_PER_GROUP:
                    writer.write_table(to_table(other))
                    other = []
                continue
            event = row_event(row)
            ids = row.get("sources") or [row["doc_id"]]
            merged += merge_into(days.setdefault(day, []), row, event, ids, event.confidence)
        kept = other
        for day in sorted(days):
            for group in days[day]:
                kept.append({**group.item, "sources": group.sources})
                if len(kept) >= _ROWS_PER_GROUP:
                    writer.write_table(to_table(kept))
                    kept = []
        if kept:
            writer.write_table(to_table(kept))
    except BaseException:
        writer.close()
        partial.unlink(missing_ok=True)
        raise
    writer.close()
    os.replace(partial, path)
    return merged


def _dedupe_jsonl(path: Path) -> int:
    """Rewrite a JSON Lines output: a copy leaves its line, the kept event lists `sources`."""
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
               if line.strip()]
    days: dict[str, list[Group]] = {}
    merged = 0
    kept: set[int] = set()  # id() of the event dicts that stay
    for record in records:
        for data in record.get("events") or []:
            ids = [str(s) for s in data.get("sources") or [record["id"]]]
            day = event_day(data)
            if day is None:
                data["sources"] = ids
                kept.add(id(data))
                continue
            event = Event.from_dict(data)
            merged += merge_into(days.setdefault(day, []), data, event, ids, event.confidence)
    for groups in days.values():
        for group in groups:
            group.item["sources"] = group.sources
            kept.add(id(group.item))
    for record in records:
        record["events"] = [data for data in record.get("events") or [] if id(data) in kept]
    partial = path.with_name(path.name + ".dedupe")
    with partial.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    os.replace(partial, path)
    return merged


def dedupe(path: Path, fmt: str) -> int:
    """Merge the duplicate events of a finished output in place; the number merged away."""
    return _dedupe_parquet(path) if fmt == "parquet" else _dedupe_jsonl(path)
