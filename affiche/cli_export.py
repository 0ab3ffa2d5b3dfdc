"""`affiche export` and `affiche import`: the agenda to feeds and files, other agendas into it.

Export writes what the web agenda's feeds write: iCalendar, Atom and JSON-LD through
`affiche.publish`, with the agenda's identity added (ICS UID `SLUG@HOST`, SEQUENCE, STATUS,
the event page as URL); JSON as Contract 4 (`{"events": [Event + slug + url …]}`, the call's
own address moved to `source_url`); CSV with one row per event. Import reads an iCalendar feed
or our JSON (`affiche.store.interchange`) and stores the events as pending, idempotently.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any
from urllib.parse import urlsplit

import click

from affiche.cli_agenda import DEFAULT_BASE_URL, EXPORT_FORMATS, actor, database_option, open_store
from affiche.errors import InputError
from affiche.model import KINDS, Warning, iso
from affiche.store.types import PUBLIC_STATUSES, STATUSES, Filters, SourceIn, StoredEvent

if TYPE_CHECKING:  # imported when a command runs (SQLAlchemy, Alembic, icalendar)
    from affiche.store import Store
    from affiche.store.interchange import Imported

__all__ = ["export_command", "import_command", "render_export", "event_record"]

_PAGE = 1000
_ICS_STATUS = {"cancelled": "CANCELLED", "postponed": "TENTATIVE"}
CSV_COLUMNS = ("slug", "status", "title", "kind", "start", "end", "all_day", "timezone",
               "place", "street", "postcode", "locality", "country", "lat", "lon",
               "meeting_points", "transport", "contacts", "organisers", "tags", "language",
               "url", "source_url", "warnings", "status_note", "updated")


def check_base_url(value: str) -> str:
    """An absolute http(s) base URL without its trailing slash, else `InputError`."""
    parts = urlsplit(value.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise InputError(f"--base-url {value!r}: give an absolute http(s) URL")
    return value.strip().rstrip("/")


def page_url(base_url: str, slug: str) -> str:
    """The address of an event's page on the web agenda."""
    return f"{base_url}/events/{slug}"


def event_record(stored: StoredEvent, base_url: str) -> dict[str, Any]:
    """A Contract 1 Event with the agenda's slug, page URL, status, tags and update time."""
    record = stored.event.to_dict()
    record.update(slug=stored.slug, url=page_url(base_url, stored.slug),
                  source_url=stored.event.url, status=stored.status, tags=list(stored.tags),
                  updated=stored.updated.isoformat(timespec="seconds"))
    return record


def _all(store: Store, filters: Filters) -> list[StoredEvent]:
    items: list[StoredEvent] = []
    while True:
        page, total = store.list(filters, limit=_PAGE, offset=len(items))
        items += page
        if not page or len(items) >= total:
            return items


def _ics(items: list[StoredEvent], base_url: str, name: str) -> str:
    """The calendar of `affiche.publish`, with the agenda's UIDs, SEQUENCE, STATUS and URL."""
    import icalendar

    from affiche.publish import to_ics

    text = to_ics([s.event for s in items], calendar_name=name)
    calendar = icalendar.Calendar.from_ical(text)
    host = urlsplit(base_url).hostname or "affiche"
    dated = [s for s in items if s.event.start is not None]
    for vevent, stored in zip(calendar.walk("VEVENT"), dated, strict=True):
        for prop in ("UID", "URL", "SEQUENCE", "STATUS"):
            vevent.pop(prop, None)
        vevent.add("uid", f"{stored.slug}@{host}")
        vevent.add("sequence", stored.sequence)
        vevent.add("status", _ICS_STATUS.get(stored.status, "CONFIRMED"))
        vevent.add("url", page_url(base_url, stored.slug))
        vevent.add("created", stored.created)
        vevent.add("last-modified", stored.updated)
    return calendar.to_ical().decode("utf-8")


def _schema_status(stored: StoredEvent) -> str:
    """schema.org's word for the event's status."""
    if stored.status == "cancelled":
        return "https://schema.org/EventCancelled"
    if stored.status == "postponed":
        return "https://schema.org/EventRescheduled" if stored.previous_start \
            else "https://schema.org/EventPostponed"
    return "https://schema.org/EventScheduled"


def _join(values: list[str]) -> str:
    return "; ".join(v for v in values if v)


def _csv(items: list[StoredEvent], base_url: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for stored in items:
        event, place = stored.event, stored.event.place
        writer.writerow([
            stored.slug, stored.status, event.title or "", event.kind, iso(event.start) or "",
            iso(event.end) or "", "1" if event.all_day else "0", event.timezone,
            place.name or "", place.street or "", place.postcode or "", place.locality or "",
            place.country or "", "" if place.lat is None else place.lat,
            "" if place.lon is None else place.lon,
            _join([" ".join(p for p in (m.role, iso(m.time) or "", m.place.label()) if p)
                   for m in event.meeting_points]),
            _join([" ".join(p for p in (t.mode, t.origin or "", "→", t.destination or "",
                                        iso(t.departs) or "") if p)
                   for t in event.transport]),
            _join([f"{c.type}:{c.value}" for c in event.contacts]),
            _join(event.organisers), _join(stored.tags), event.language or "",
            page_url(base_url, stored.slug), event.url or "",
            _join([w.code for w in event.warnings]), stored.status_note or "",
            stored.updated.isoformat(timespec="seconds")])
    return out.getvalue()


def render_export(fmt: str, items: list[StoredEvent], base_url: str, name: str) -> str:
    """The stored events in one of the export formats."""
    from affiche.publish import jsonld_objects, to_atom

    if fmt == "ics":
        return _ics(items, base_url, name)
    if fmt == "json":
        payload = {"events": [event_record(s, base_url) for s in items]}
        return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
    if fmt == "jsonld":
        graph = jsonld_objects([s.event for s in items])
        for item, stored in zip(graph, items, strict=True):
            item.pop("@context", None)
            item["url"] = page_url(base_url, stored.slug)
            item["eventStatus"] = _schema_status(stored)
        return json.dumps({"@context": "https://schema.org", "@graph": graph},
                          ensure_ascii=False, indent=2) + "\n"
    if fmt == "atom":
        newest = max((s.updated for s in items), default=None)
        return to_atom([s.event for s in items], feed_title=name, feed_url=base_url + "/",
                       feed_id=base_url + "/feed.atom", updated=newest)
    if fmt == "csv":
        return _csv(items, base_url)
    raise InputError(f"--format {fmt!r}: use one of {', '.join(EXPORT_FORMATS)}")


@click.command("export")
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), required=True,
              help="iCalendar, Contract 4 JSON, schema.org JSON-LD, Atom or CSV.")
@database_option
@click.option("--from", "start", metavar="DATE", help="Events ending on or after this day.")
@click.option("--to", "end", metavar="DATE", help="Events starting on or before this day.")
@click.option("--locality", metavar="TOWN", help="Events in this locality (any case, accents).")
@click.option("--kind", type=click.Choice(KINDS), help="Events of this kind.")
@click.option("--tag", metavar="TAG", help="Events with this tag.")
@click.option("--lang", metavar="CODE", help="Events in this language (fr, nl, en…).")
@click.option("--q", "q", metavar="WORDS", help="Full-text search.")
@click.option("--past", is_flag=True, help="Include events that are over.")
@click.option("--status", "statuses", multiple=True, type=click.Choice(STATUSES),
              help="Statuses to export (repeat); default: the public ones "
                   "(published, cancelled, postponed).")
@click.option("--base-url", default=DEFAULT_BASE_URL, show_default=True, envvar="AFFICHE_BASE_URL",
              help="The web agenda's address, for the events' page URLs and ids.")
@click.option("--name", "calendar_name", default="affiche", show_default=True,
              help="The calendar's or feed's title.")
@click.option("-o", "--output", type=click.File("w", encoding="utf-8"), default="-",
              help="Write to this file instead of standard output.")
def export_command(fmt: str, database: str, start: str | None, end: str | None,
                   locality: str | None, kind: str | None, tag: str | None, lang: str | None,
                   q: str | None, past: bool, statuses: tuple[str, ...], base_url: str,
                   calendar_name: str, output: IO[str]) -> None:
    """Write the agenda's events (the public ones by default) as a feed or a file."""
    query = {"from": start, "to": end, "locality": locality, "kind": kind, "tag": tag,
             "lang": lang, "q": q, "past": "1" if past else ""}
    filters = Filters.from_query({k: v for k, v in query.items() if v is not None})
    if statuses:
        filters = replace(filters, statuses=tuple(dict.fromkeys(statuses)))
    base_url = check_base_url(base_url)
    with open_store(database) as store:
        items = _all(store, filters)
    if not items:
        click.echo("affiche: no event matches", err=True)
    output.write(render_export(fmt, items, base_url, calendar_name))


@click.command("import")
@click.argument("file", metavar="FILE.ics|FILE.json")
@database_option
@click.option("--publish", is_flag=True,
              help="Publish at once (cancelled events stay cancelled) instead of queueing.")
@click.option("--tag", "tags", multiple=True, metavar="TAG", help="A tag for every event.")
@click.option("--allow-duplicate", is_flag=True,
              help="Import an event even when the agenda already has the same one.")
@click.option("--update", is_flag=True,
              help="Events imported before take the file's version (edits made here are "
                   "overwritten); a cancellation in the file cancels a published event.")
@click.option("--timezone", default="Europe/Brussels", show_default=True,
              help="The zone of times the file gives without one.")
def import_command(file: str, database: str, publish: bool, tags: tuple[str, ...],
                   allow_duplicate: bool, update: bool, timezone: str) -> None:
    """Store the events of another agenda's iCalendar feed, or of our JSON; print their slugs.
    Importing the same file again adds nothing (each event is keyed by its UID or slug)."""
    from affiche.cli import check_timezone
    from affiche.store.interchange import read_file

    items = read_file(file, check_timezone(timezone))
    if not items:
        click.echo(f"affiche: {file}: no event found", err=True)
        return
    ics = not items[0].key.startswith("json:")
    with open_store(database) as store:
        for item in items:
            known = store.get_by_key(item.key)
            event = item.event
            if not publish and item.status == "cancelled":
                event.warnings.append(Warning(
                    code="cancelled_at_source",
                    message="the agenda this event comes from marks it as cancelled"))
            if known is not None:
                said = _refresh(store, known, item) if update else "imported before, left as it is"
                click.echo(f"affiche: {known.slug}: {said}", err=True)
                click.echo(known.slug)
                continue
            if not allow_duplicate:
                twins = store.duplicates(event)
                if twins:
                    click.echo(f"affiche: {event.title or event.kind!r} is already in the "
                               f"agenda as {twins[0].slug}; not imported", err=True)
                    continue
            status = "pending"
            if publish:
                status = item.status if item.status in PUBLIC_STATUSES else "published"
            source = SourceIn(kind="file", text=item.text, filename=Path(file).name,
                              media_type="text/calendar" if ics else "application/json")
            stored = store.add(event, status=status, source=source,
                               tags=[*tags, *item.tags], actor=actor(), key=item.key)
            click.echo(stored.slug)


def _refresh(store: Store, known: StoredEvent, item: Imported) -> str:
    """Bring an event imported before to the file's version; say what was done."""
    if known.status == "rejected":
        return "imported before and rejected, left as it is"
    said = []
    current = known
    if item.event.to_dict() != known.event.to_dict():
        current = store.update(known.slug, item.event, version=known.version, actor=actor())
        said.append("updated")
    if item.status == "cancelled" and current.status in ("published", "postponed"):
        store.set_status(known.slug, "cancelled", actor=actor(),
                         reason="cancelled by the agenda it comes from",
                         version=current.version)
        said.append("cancelled")
    return " and ".join(said) if said else "imported before, unchanged"
