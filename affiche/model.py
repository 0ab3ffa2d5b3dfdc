"""The one data model of affiche, and its one serialisation (Contract 1 of DESIGN.md).

Every stage speaks these types: ingest produces a `Document`, extract produces `Event`s made of
`Place`, `MeetingPoint`, `Transport`, `Contact` and `Warning`. `to_dict`/`from_dict` are the only
way an object becomes JSON and back, so the JSON contract lives in one file.

Absent values are `None` (never invented). Datetimes are timezone-aware; a date without a time is
a plain `datetime.date` and the event is then `all_day`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

__all__ = [
    "KINDS",
    "ROLES",
    "PRECISIONS",
    "Place",
    "MeetingPoint",
    "Transport",
    "Contact",
    "Warning",
    "Document",
    "Event",
    "iso",
    "parse_iso",
]

KINDS = (
    "rally", "demonstration", "march", "vigil", "meeting", "assembly", "concert",
    "workshop", "screening", "party", "strike", "action", "other",
)
ROLES = ("meeting", "group_departure", "route_start", "route_end")
PRECISIONS = ("address", "street", "locality", "none")
CONTACT_TYPES = ("email", "phone", "url", "social")

When = dt.datetime | dt.date


def iso(value: When | None) -> str | None:
    """Render a datetime (with offset) or a date as ISO 8601, `None` stays `None`."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="seconds")
    return value.isoformat()


def parse_iso(text: str | None, timezone: str | None = None) -> When | None:
    """Read back what `iso` wrote: a date for `YYYY-MM-DD`, else an aware datetime."""
    if text is None:
        return None
    if len(text) == 10:
        return dt.date.fromisoformat(text)
    value = dt.datetime.fromisoformat(text)
    if timezone:
        zone = ZoneInfo(timezone)
        value = value.replace(tzinfo=zone) if value.tzinfo is None else value.astimezone(zone)
    return value


def _span(value: Any) -> tuple[int, int] | None:
    return (int(value[0]), int(value[1])) if value is not None else None


@dataclass
class Place:
    """Where: a venue and/or an address, with coordinates when geocoded."""

    name: str | None = None
    street: str | None = None
    postcode: str | None = None
    locality: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: str = "none"

    def is_empty(self) -> bool:
        """True when nothing is known of the place."""
        return not any((self.name, self.street, self.postcode, self.locality))

    def label(self) -> str:
        """A one-line human label: name, street, postcode and locality."""
        town = " ".join(p for p in (self.postcode, self.locality) if p)
        return ", ".join(p for p in (self.name, self.street, town) if p)

    def to_dict(self) -> dict[str, Any]:
        """Serialise as the `place` object of Contract 1."""
        return {
            "name": self.name, "street": self.street, "postcode": self.postcode,
            "locality": self.locality, "country": self.country,
            "lat": self.lat, "lon": self.lon, "precision": self.precision,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Place:
        """Read a `place` object of Contract 1."""
        data = data or {}
        return cls(
            name=data.get("name"), street=data.get("street"), postcode=data.get("postcode"),
            locality=data.get("locality"), country=data.get("country"),
            lat=data.get("lat"), lon=data.get("lon"), precision=data.get("precision") or "none",
        )


@dataclass
class MeetingPoint:
    """A rendez-vous before the event, a group departure, or a march's start/end."""

    role: str = "meeting"
    time: When | None = None
    place: Place = field(default_factory=Place)
    note: str | None = None
    evidence: tuple[int, int] | None = None

    def to_dict(self) -> dict[str, Any]:
        """Serialise as an item of `meeting_points`."""
        return {
            "role": self.role, "time": iso(self.time), "place": self.place.to_dict(),
            "note": self.note, "evidence": list(self.evidence) if self.evidence else None,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], timezone: str | None = None) -> MeetingPoint:
        """Read an item of `meeting_points`."""
        return cls(
            role=data.get("role") or "meeting", time=parse_iso(data.get("time"), timezone),
            place=Place.from_dict(data.get("place")), note=data.get("note"),
            evidence=_span(data.get("evidence")),
        )


@dataclass
class Transport:
    """A transport hint: a train or bus to take, or a walk from a stop."""

    mode: str = "train"
    origin: str | None = None
    destination: str | None = None
    departs: When | None = None
    arrives: When | None = None
    note: str | None = None
    evidence: tuple[int, int] | None = None

    def to_dict(self) -> dict[str, Any]:
        """Serialise as an item of `transport` (keys `from` and `to`)."""
        return {
            "mode": self.mode, "from": self.origin, "to": self.destination,
            "departs": iso(self.departs), "arrives": iso(self.arrives), "note": self.note,
            "evidence": list(self.evidence) if self.evidence else None,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], timezone: str | None = None) -> Transport:
        """Read an item of `transport`."""
        return cls(
            mode=data.get("mode") or "train", origin=data.get("from"),
            destination=data.get("to"), departs=parse_iso(data.get("departs"), timezone),
            arrives=parse_iso(data.get("arrives"), timezone), note=data.get("note"),
            evidence=_span(data.get("evidence")),
        )


@dataclass
class Contact:
    """A way to reach the organisers: e-mail, phone, URL or social handle."""

    type: str
    value: str
    evidence: tuple[int, int] | None = None

    def to_dict(self) -> dict[str, Any]:
        """Serialise as an item of `contacts`."""
        return {
            "type": self.type, "value": self.value,
            "evidence": list(self.evidence) if self.evidence else None,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Contact:
        """Read an item of `contacts`."""
        return cls(type=data["type"], value=data["value"], evidence=_span(data.get("evidence")))


@dataclass
class Warning:  # noqa: A001 - the contract calls it a warning; it never shadows a builtin we use
    """Something a reader must check, with a stable code and the candidate readings."""

    code: str
    message: str
    candidates: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """Serialise as an item of `warnings`."""
        return {"code": self.code, "message": self.message, "candidates": list(self.candidates)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Warning:
        """Read an item of `warnings`."""
        return cls(code=data["code"], message=data.get("message", ""),
                   candidates=list(data.get("candidates") or []))


@dataclass
class Document:
    """What ingest read: the text and where its reference date came from."""

    text: str
    source: str = "-"
    kind: str = "text"
    title: str | None = None
    url: str | None = None
    language: str | None = None
    reference: dt.datetime | None = None
    reference_source: str = "none"
    published: dt.datetime | None = None
    timezone: str = "Europe/Brussels"
    ocr_confidence: float | None = None
    line_confidence: list[tuple[int, int, float]] = field(default_factory=list)
    hints: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)

    def confidence_at(self, start: int, end: int) -> float:
        """The lowest OCR confidence (0-1) of the lines covering [start, end); 1.0 when not OCR."""
        values = [c for (a, b, c) in self.line_confidence if a < end and start < b]
        return min(values) if values else 1.0

    def to_dict(self) -> dict[str, Any]:
        """Serialise as the `document` object of Contract 1."""
        return {
            "source": self.source, "kind": self.kind, "title": self.title, "url": self.url,
            "language": self.language, "reference": iso(self.reference),
            "reference_source": self.reference_source, "published": iso(self.published),
            "timezone": self.timezone, "ocr_confidence": self.ocr_confidence,
            "warnings": [w.to_dict() for w in self.warnings], "text": self.text,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        """Read the `document` object of Contract 1."""
        timezone = data.get("timezone") or "Europe/Brussels"
        reference = parse_iso(data.get("reference"), timezone)
        published = parse_iso(data.get("published"), timezone)
        if isinstance(reference, dt.date) and not isinstance(reference, dt.datetime):
            reference = dt.datetime(reference.year, reference.month, reference.day,
                                    tzinfo=ZoneInfo(timezone))
        return cls(
            text=data.get("text", ""), source=data.get("source", "-"),
            kind=data.get("kind", "text"), title=data.get("title"), url=data.get("url"),
            language=data.get("language"),
            reference=reference if isinstance(reference, dt.datetime) else None,
            reference_source=data.get("reference_source", "none"),
            published=published if isinstance(published, dt.datetime) else None,
            timezone=timezone,
            ocr_confidence=data.get("ocr_confidence"),
            warnings=[Warning.from_dict(w) for w in data.get("warnings") or []],
        )


@dataclass
class Event:
    """One event a call invites to, resolved to absolute times and a place."""

    title: str | None = None
    kind: str = "other"
    start: When | None = None
    end: When | None = None
    timezone: str = "Europe/Brussels"
    place: Place = field(default_factory=Place)
    meeting_points: list[MeetingPoint] = field(default_factory=list)
    transport: list[Transport] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    organisers: list[str] = field(default_factory=list)
    language: str | None = None
    url: str | None = None
    description: str | None = None
    warnings: list[Warning] = field(default_factory=list)
    evidence: dict[str, tuple[int, int]] = field(default_factory=dict)
    field_confidence: dict[str, float] = field(default_factory=dict)
    confidence: float = 0.0
    # not part of Contract 1: the features the field confidences were computed from
    # (affiche.extract.confidence), kept for bench/calibrate.py and --explain
    signals: dict[str, dict[str, float]] = field(default_factory=dict, repr=False,
                                                 compare=False)

    @property
    def all_day(self) -> bool:
        """True when only the day is known."""
        return self.start is not None and not isinstance(self.start, dt.datetime)

    def warning_codes(self) -> list[str]:
        """The codes of this event's warnings, in order."""
        return [w.code for w in self.warnings]

    def to_dict(self) -> dict[str, Any]:
        """Serialise as an Event of Contract 1."""
        return {
            "title": self.title, "kind": self.kind, "start": iso(self.start),
            "end": iso(self.end), "all_day": self.all_day, "timezone": self.timezone,
            "place": self.place.to_dict(),
            "meeting_points": [m.to_dict() for m in self.meeting_points],
            "transport": [t.to_dict() for t in self.transport],
            "contacts": [c.to_dict() for c in self.contacts],
            "organisers": list(self.organisers), "language": self.language, "url": self.url,
            "description": self.description,
            "warnings": [w.to_dict() for w in self.warnings],
            "evidence": {k: list(v) for k, v in self.evidence.items()},
            "field_confidence": dict(self.field_confidence),
            "confidence": round(self.confidence, 3),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Event:
        """Read an Event of Contract 1."""
        timezone = data.get("timezone") or "Europe/Brussels"
        return cls(
            title=data.get("title"), kind=data.get("kind") or "other",
            start=parse_iso(data.get("start"), timezone), end=parse_iso(data.get("end"), timezone),
            timezone=timezone, place=Place.from_dict(data.get("place")),
            meeting_points=[MeetingPoint.from_dict(m, timezone)
                            for m in data.get("meeting_points") or []],
            transport=[Transport.from_dict(t, timezone) for t in data.get("transport") or []],
            contacts=[Contact.from_dict(c) for c in data.get("contacts") or []],
            organisers=list(data.get("organisers") or []), language=data.get("language"),
            url=data.get("url"), description=data.get("description"),
            warnings=[Warning.from_dict(w) for w in data.get("warnings") or []],
            evidence={k: (int(v[0]), int(v[1])) for k, v in (data.get("evidence") or {}).items()},
            field_confidence=dict(data.get("field_confidence") or {}),
            confidence=float(data.get("confidence") or 0.0),
        )
