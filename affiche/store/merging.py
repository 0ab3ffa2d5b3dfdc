"""Merging two events told by two calls: keep one, fill it with the richer fields of the other.

A field of the kept event that is empty takes the other's; a place takes the other's when that is
more precise (address over street over locality); lists (meeting points, transport, contacts,
organisers) gain the other's items they lack; the longer description wins. Evidence spans point
into the kept event's own source, so a field taken from the other loses its span rather than
pointing into the wrong text.
"""

from __future__ import annotations

import copy
from dataclasses import replace

from affiche.model import Event, MeetingPoint, Place, Transport, iso

__all__ = ["merge_events"]

_RANK = {"address": 3, "street": 2, "locality": 1, "none": 0}


def _mp_key(point: MeetingPoint) -> tuple[str, str | None, str]:
    return point.role, iso(point.time), point.place.label().casefold()


def _tr_key(item: Transport) -> tuple[str, str | None, str | None, str | None]:
    return item.mode, (item.origin or "").casefold(), (item.destination or "").casefold(), \
        iso(item.departs)


def _richer_place(mine: Place, theirs: Place) -> bool:
    if mine.is_empty():
        return not theirs.is_empty()
    return _RANK.get(theirs.precision, 0) > _RANK.get(mine.precision, 0)


def merge_events(keep: Event, other: Event) -> tuple[Event, list[str]]:
    """The kept event filled from the other, and the names of the fields that changed."""
    merged = copy.deepcopy(keep)
    changed: list[str] = []
    for name in ("title", "start", "end", "language", "url"):
        if getattr(merged, name) is None and getattr(other, name) is not None:
            setattr(merged, name, copy.deepcopy(getattr(other, name)))
            merged.evidence.pop(name, None)
            changed.append(name)
    if merged.kind == "other" and other.kind != "other":
        merged.kind = other.kind
        merged.evidence.pop("kind", None)
        changed.append("kind")
    if len(other.description or "") > len(merged.description or ""):
        merged.description = other.description
        changed.append("description")
    if _richer_place(merged.place, other.place):
        merged.place = copy.deepcopy(other.place)
        merged.evidence.pop("place", None)
        changed.append("place")
    known = {_mp_key(m) for m in merged.meeting_points}
    for point in other.meeting_points:
        if _mp_key(point) not in known:
            merged.meeting_points.append(replace(copy.deepcopy(point), evidence=None))
            changed.append("meeting_points")
    known_tr = {_tr_key(t) for t in merged.transport}
    for item in other.transport:
        if _tr_key(item) not in known_tr:
            merged.transport.append(replace(item, evidence=None))
            changed.append("transport")
    contacts = {(c.type, c.value.casefold()) for c in merged.contacts}
    for contact in other.contacts:
        if (contact.type, contact.value.casefold()) not in contacts:
            merged.contacts.append(replace(contact, evidence=None))
            changed.append("contacts")
    names = {n.casefold() for n in merged.organisers}
    for name in other.organisers:
        if name.casefold() not in names:
            merged.organisers.append(name)
            names.add(name.casefold())
            changed.append("organisers")
    return merged, sorted(set(changed))
