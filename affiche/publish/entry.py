"""What an agenda knows of a published event beyond the `Event`: its identity, address, revision
and status. The feeds take an optional `Entry` per event so one serialiser serves both the
command line (no entries: identities hashed from the event) and the web agenda (stable ids per
slug, SEQUENCE bumped on changes, cancelled and postponed events told as such).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

__all__ = ["Entry", "ENTRY_STATUSES", "ICS_STATUS", "SCHEMA_STATUS"]

# "scheduled": as announced; "rescheduled": moved to a new date (previous_start says from when);
# "postponed": put off without a new date yet; "cancelled": will not take place.
ENTRY_STATUSES = ("scheduled", "rescheduled", "postponed", "cancelled")
ICS_STATUS = {"scheduled": "CONFIRMED", "rescheduled": "CONFIRMED", "postponed": "TENTATIVE",
              "cancelled": "CANCELLED"}
SCHEMA_STATUS = {
    "scheduled": "https://schema.org/EventScheduled",
    "rescheduled": "https://schema.org/EventRescheduled",
    "postponed": "https://schema.org/EventPostponed",
    "cancelled": "https://schema.org/EventCancelled",
}


@dataclass(frozen=True)
class Entry:
    """An event's agenda record: ids, page URL, revision, status and its times."""

    uid: str | None = None              # the ICS UID, stable for the life of the event
    iri: str | None = None              # the Atom entry id and JSON-LD @id (an absolute IRI)
    url: str | None = None              # the event's page
    sequence: int | None = None         # iCalendar SEQUENCE, bumped on time/place/status changes
    status: str = "scheduled"           # one of ENTRY_STATUSES
    status_line: str | None = None      # a sentence for people: "Cancelled: the hall is closed"
    previous_start: str | None = None   # ISO start before a move or postponement
    created: dt.datetime | None = None
    updated: dt.datetime | None = None
