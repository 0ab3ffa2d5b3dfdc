"""The agenda's first schema: events and their parts, tags, sources, audit log, editors, search.

Revision ID: 0001
Revises:
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

_SQLITE_SEARCH = [
    # An external-content FTS5 index over events.search_text (already accent-folded by the
    # store); triggers keep it in step with every insert, update and delete.
    "CREATE VIRTUAL TABLE events_fts USING fts5(search_text, content='events', "
    "content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER events_fts_insert AFTER INSERT ON events BEGIN "
    "INSERT INTO events_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    "CREATE TRIGGER events_fts_delete AFTER DELETE ON events BEGIN "
    "INSERT INTO events_fts(events_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); END",
    "CREATE TRIGGER events_fts_update AFTER UPDATE OF search_text ON events BEGIN "
    "INSERT INTO events_fts(events_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); "
    "INSERT INTO events_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
]
# The store folds accents itself, so the 'simple' configuration needs no unaccent extension.
_POSTGRES_SEARCH = [
    "CREATE INDEX ix_events_search ON events USING gin (to_tsvector('simple', search_text))",
]


def _position_table(name: str, *columns: sa.Column) -> None:
    op.create_table(
        name,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("event_id", sa.Integer, sa.ForeignKey("events.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        *columns,
    )
    op.create_index(f"ix_{name}_event_id", name, ["event_id"])


def upgrade() -> None:
    """Create every table of the store and the full-text index of its dialect."""
    op.create_table(
        "places",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.Text), sa.Column("street", sa.Text),
        sa.Column("postcode", sa.String(32)), sa.Column("locality", sa.Text),
        sa.Column("locality_key", sa.String(200), nullable=False),
        sa.Column("country", sa.String(8)), sa.Column("lat", sa.Float), sa.Column("lon", sa.Float),
        sa.Column("precision", sa.String(16), nullable=False),
    )
    op.create_index("ix_places_locality_key", "places", ["locality_key"])
    op.create_table(
        "events",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("slug", sa.String(200), nullable=False, unique=True),
        sa.Column("key", sa.String(300), unique=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("sequence", sa.Integer, nullable=False),
        sa.Column("created", sa.DateTime, nullable=False),
        sa.Column("updated", sa.DateTime, nullable=False),
        sa.Column("title", sa.Text), sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("start", sa.String(40)), sa.Column("end", sa.String(40)),
        sa.Column("timezone", sa.String(64), nullable=False),
        sa.Column("start_utc", sa.DateTime),
        sa.Column("first_day", sa.Date), sa.Column("last_day", sa.Date),
        sa.Column("until_utc", sa.DateTime),
        sa.Column("language", sa.String(8)), sa.Column("url", sa.Text),
        sa.Column("description", sa.Text),
        sa.Column("warnings", sa.JSON, nullable=False),
        sa.Column("evidence", sa.JSON, nullable=False),
        sa.Column("field_confidence", sa.JSON, nullable=False),
        sa.Column("confidence", sa.Float, nullable=False),
        sa.Column("warning_count", sa.Integer, nullable=False),
        sa.Column("status_note", sa.Text), sa.Column("previous_start", sa.String(40)),
        sa.Column("search_text", sa.Text, nullable=False),
        sa.Column("place_id", sa.Integer, sa.ForeignKey("places.id", ondelete="SET NULL")),
    )
    for column in ("status", "updated", "kind", "start_utc", "first_day", "last_day", "until_utc",
                   "language"):
        op.create_index(f"ix_events_{column}", "events", [column])
    _position_table(
        "meeting_points",
        sa.Column("role", sa.String(32), nullable=False), sa.Column("time", sa.String(40)),
        sa.Column("note", sa.Text), sa.Column("evidence", sa.JSON),
        sa.Column("place_id", sa.Integer, sa.ForeignKey("places.id", ondelete="SET NULL")),
    )
    _position_table(
        "transport",
        sa.Column("mode", sa.String(32), nullable=False), sa.Column("origin", sa.Text),
        sa.Column("destination", sa.Text), sa.Column("departs", sa.String(40)),
        sa.Column("arrives", sa.String(40)), sa.Column("note", sa.Text),
        sa.Column("evidence", sa.JSON),
    )
    _position_table(
        "contacts",
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("value", sa.Text, nullable=False),
        sa.Column("evidence", sa.JSON),
    )
    _position_table("organisers", sa.Column("name", sa.Text, nullable=False))
    op.create_table(
        "tags",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(100), nullable=False, unique=True),
    )
    op.create_table(
        "event_tags",
        sa.Column("event_id", sa.Integer, sa.ForeignKey("events.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("tag_id", sa.Integer, sa.ForeignKey("tags.id", ondelete="CASCADE"),
                  primary_key=True),
    )
    op.create_index("ix_event_tags_tag_id", "event_tags", ["tag_id"])
    op.create_table(
        "sources",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("event_id", sa.Integer, sa.ForeignKey("events.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("url", sa.Text), sa.Column("filename", sa.Text),
        sa.Column("media_type", sa.String(100)), sa.Column("content", sa.LargeBinary),
        sa.Column("submitter_contact", sa.Text),
        sa.Column("created", sa.DateTime, nullable=False),
    )
    op.create_index("ix_sources_event_id", "sources", ["event_id"])
    op.create_table(
        "audit",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("event_id", sa.Integer, sa.ForeignKey("events.id", ondelete="SET NULL")),
        sa.Column("slug", sa.String(200)), sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("detail", sa.JSON, nullable=False),
    )
    op.create_index("ix_audit_event_id", "audit", ["event_id"])
    op.create_table(
        "editors",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(100), nullable=False, unique=True),
        sa.Column("password_hash", sa.Text, nullable=False),
        sa.Column("failed", sa.Integer, nullable=False),
        sa.Column("locked_until", sa.DateTime),
        sa.Column("created", sa.DateTime, nullable=False),
    )
    dialect = op.get_bind().dialect.name
    for statement in _SQLITE_SEARCH if dialect == "sqlite" else _POSTGRES_SEARCH:
        op.execute(statement)


def downgrade() -> None:
    """Drop everything `upgrade` created."""
    if op.get_bind().dialect.name == "sqlite":
        for name in ("events_fts_insert", "events_fts_delete", "events_fts_update"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS events_fts")
    for table in ("editors", "audit", "sources", "event_tags", "tags", "organisers", "contacts",
                  "transport", "meeting_points", "events", "places"):
        op.drop_table(table)
