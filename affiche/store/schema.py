"""The tables of the agenda, as SQLAlchemy 2 typed ORM classes.

The relational parts of an event (its place, meeting points, transport, contacts, organisers,
tags) are real tables so they can be queried and joined; what is only ever read back whole
(warnings, evidence spans, field confidences) is JSON. Datetimes are stored in UTC and read
back aware (`UTCDateTime`), because SQLite keeps no offset. The migrations in
`affiche/store/migrations/versions/` create exactly these tables: change both together.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    TypeDecorator,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

__all__ = [
    "Base", "EventRow", "PlaceRow", "MeetingPointRow", "TransportRow", "ContactRow",
    "OrganiserRow", "TagRow", "EventTagRow", "SourceRow", "AuditRow", "EditorRow",
]


class UTCDateTime(TypeDecorator[dt.datetime]):
    """An aware datetime stored as naive UTC (SQLite has no zones) and read back aware."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        """Write in UTC without tzinfo."""
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the store")
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        """Read back as an aware UTC datetime."""
        if value is None:
            return None
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


class Base(DeclarativeBase):
    """The declarative base of the store's tables."""


class PlaceRow(Base):
    """A place: the event's site or a meeting point's."""

    __tablename__ = "places"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str | None] = mapped_column(Text)
    street: Mapped[str | None] = mapped_column(Text)
    postcode: Mapped[str | None] = mapped_column(String(32))
    locality: Mapped[str | None] = mapped_column(Text)
    locality_key: Mapped[str] = mapped_column(String(200), default="", index=True)
    country: Mapped[str | None] = mapped_column(String(8))
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    precision: Mapped[str] = mapped_column(String(16), default="none")


class EventRow(Base):
    """An event of the agenda with its status, version and search text."""

    __tablename__ = "events"
    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(200), unique=True)
    key: Mapped[str | None] = mapped_column(String(300), unique=True)
    status: Mapped[str] = mapped_column(String(16), index=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    sequence: Mapped[int] = mapped_column(Integer, default=0)
    created: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    updated: Mapped[dt.datetime] = mapped_column(UTCDateTime, index=True)
    title: Mapped[str | None] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(32), index=True)
    start: Mapped[str | None] = mapped_column(String(40))
    end: Mapped[str | None] = mapped_column(String(40))
    timezone: Mapped[str] = mapped_column(String(64))
    start_utc: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, index=True)
    first_day: Mapped[dt.date | None] = mapped_column(Date, index=True)
    last_day: Mapped[dt.date | None] = mapped_column(Date, index=True)
    # The end of the event's last local day, in UTC: "upcoming" means until_utc > now.
    until_utc: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, index=True)
    language: Mapped[str | None] = mapped_column(String(8), index=True)
    url: Mapped[str | None] = mapped_column(Text)
    description: Mapped[str | None] = mapped_column(Text)
    warnings: Mapped[list[Any]] = mapped_column(JSON, default=list)
    evidence: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    field_confidence: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    confidence: Mapped[float] = mapped_column(Float, default=0.0)
    warning_count: Mapped[int] = mapped_column(Integer, default=0)
    status_note: Mapped[str | None] = mapped_column(Text)
    previous_start: Mapped[str | None] = mapped_column(String(40))
    search_text: Mapped[str] = mapped_column(Text, default="")
    place_id: Mapped[int | None] = mapped_column(ForeignKey("places.id", ondelete="SET NULL"))

    place: Mapped[PlaceRow | None] = relationship(lazy="joined")
    meeting_points: Mapped[list[MeetingPointRow]] = relationship(
        order_by="MeetingPointRow.position", cascade="all, delete-orphan", lazy="selectin")
    transport: Mapped[list[TransportRow]] = relationship(
        order_by="TransportRow.position", cascade="all, delete-orphan", lazy="selectin")
    contacts: Mapped[list[ContactRow]] = relationship(
        order_by="ContactRow.position", cascade="all, delete-orphan", lazy="selectin")
    organisers: Mapped[list[OrganiserRow]] = relationship(
        order_by="OrganiserRow.position", cascade="all, delete-orphan", lazy="selectin")
    tags: Mapped[list[TagRow]] = relationship(secondary="event_tags", lazy="selectin",
                                              order_by="TagRow.name")

    __mapper_args__ = {"version_id_col": version}


class MeetingPointRow(Base):
    """A meeting point of an event, in order."""

    __tablename__ = "meeting_points"
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    role: Mapped[str] = mapped_column(String(32))
    time: Mapped[str | None] = mapped_column(String(40))
    note: Mapped[str | None] = mapped_column(Text)
    evidence: Mapped[list[int] | None] = mapped_column(JSON)
    place_id: Mapped[int | None] = mapped_column(ForeignKey("places.id", ondelete="SET NULL"))
    place: Mapped[PlaceRow | None] = relationship(lazy="joined")


class TransportRow(Base):
    """A transport hint of an event, in order."""

    __tablename__ = "transport"
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    mode: Mapped[str] = mapped_column(String(32))
    origin: Mapped[str | None] = mapped_column(Text)
    destination: Mapped[str | None] = mapped_column(Text)
    departs: Mapped[str | None] = mapped_column(String(40))
    arrives: Mapped[str | None] = mapped_column(String(40))
    note: Mapped[str | None] = mapped_column(Text)
    evidence: Mapped[list[int] | None] = mapped_column(JSON)


class ContactRow(Base):
    """A contact of an event, in order."""

    __tablename__ = "contacts"
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    type: Mapped[str] = mapped_column(String(16))
    value: Mapped[str] = mapped_column(Text)
    evidence: Mapped[list[int] | None] = mapped_column(JSON)


class OrganiserRow(Base):
    """An organiser of an event, in order."""

    __tablename__ = "organisers"
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(Text)


class TagRow(Base):
    """A tag (lower-case words), shared by the events that carry it."""

    __tablename__ = "tags"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)


class EventTagRow(Base):
    """The link between events and tags."""

    __tablename__ = "event_tags"
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"),
                                          primary_key=True)
    tag_id: Mapped[int] = mapped_column(ForeignKey("tags.id", ondelete="CASCADE"),
                                        primary_key=True, index=True)


class SourceRow(Base):
    """What an event was read from: text, file bytes or URL (for editors, never published)."""

    __tablename__ = "sources"
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    filename: Mapped[str | None] = mapped_column(Text)
    media_type: Mapped[str | None] = mapped_column(String(100))
    content: Mapped[bytes | None] = mapped_column(LargeBinary)
    submitter_contact: Mapped[str | None] = mapped_column(Text)
    created: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class AuditRow(Base):
    """One entry of the audit log."""

    __tablename__ = "audit"
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int | None] = mapped_column(ForeignKey("events.id", ondelete="SET NULL"),
                                                 index=True)
    slug: Mapped[str | None] = mapped_column(String(200))
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(32))
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class EditorRow(Base):
    """An editor account with its argon2 hash and lockout state."""

    __tablename__ = "editors"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    password_hash: Mapped[str] = mapped_column(Text)
    failed: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    created: Mapped[dt.datetime] = mapped_column(UTCDateTime)
