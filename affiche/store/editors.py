"""Editor accounts: argon2 password hashes (argon2-cffi) and a lockout after repeated failures.

Five wrong passwords in a row lock the account for fifteen minutes; while locked even the right
password is refused, so guessing gains nothing. An unknown name costs the same hash check as a
known one, so timing does not tell which names exist.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from contextlib import AbstractContextManager
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from affiche.errors import InputError
from affiche.store.schema import EditorRow
from affiche.store.types import Editor, NotFound

__all__ = ["EditorsMixin", "MAX_FAILURES", "LOCKOUT", "MIN_PASSWORD"]

MAX_FAILURES = 5
LOCKOUT = dt.timedelta(minutes=15)
MIN_PASSWORD = 8
_HASHER = PasswordHasher()
_DUMMY_HASH = _HASHER.hash("affiche: no such editor")


def _editor(row: EditorRow) -> Editor:
    return Editor(id=row.id, name=row.name, failed=row.failed, locked_until=row.locked_until,
                  created=row.created)


def check_name(name: str) -> str:
    """An editor name: 1-100 printable characters, no spaces at the ends."""
    name = (name or "").strip()
    if not name or len(name) > 100:
        raise InputError("editor name: give 1 to 100 characters")
    if any(unicodedata.category(c).startswith(("C", "Z")) and c != " " for c in name):
        raise InputError(f"editor name {name!r}: control characters are not allowed")
    return name


def check_password(password: str) -> str:
    """A password long enough to be worth hashing."""
    if len(password or "") < MIN_PASSWORD:
        raise InputError(f"password: give at least {MIN_PASSWORD} characters")
    if len(password) > 1024:
        raise InputError("password: at most 1024 characters")
    return password


class EditorsMixin:
    """The editor methods of `Store` (it supplies `_session`)."""

    _session: Any

    def _editor_session(self) -> AbstractContextManager[Session]:
        session: AbstractContextManager[Session] = self._session()
        return session

    def add_editor(self, name: str, password: str) -> Editor:
        """Create an editor account; `InputError` if the name is taken or the password short."""
        name, password = check_name(name), check_password(password)
        row = EditorRow(name=name, password_hash=_HASHER.hash(password), failed=0,
                        created=dt.datetime.now(dt.UTC))
        try:
            with self._editor_session() as session:
                session.add(row)
                session.flush()
                return _editor(row)
        except IntegrityError:
            raise InputError(f"editor {name!r} exists already") from None

    def set_editor_password(self, name: str, password: str) -> Editor:
        """Give an editor a new password (and lift a lockout)."""
        password = check_password(password)
        with self._editor_session() as session:
            row = self._editor_row(session, name)
            row.password_hash = _HASHER.hash(password)
            row.failed, row.locked_until = 0, None
            return _editor(row)

    def editor(self, name: str) -> Editor:
        """The editor account called `name`; `NotFound` if none."""
        with self._editor_session() as session:
            return _editor(self._editor_row(session, name))

    def editors(self) -> list[Editor]:
        """Every editor account, by name."""
        with self._editor_session() as session:
            return [_editor(r) for r in session.scalars(select(EditorRow).order_by(EditorRow.name))]

    def _editor_row(self, session: Session, name: str) -> EditorRow:
        query = select(EditorRow).where(EditorRow.name == (name or "").strip())
        row = session.scalars(query).first()
        if row is None:
            raise NotFound(f"no editor {name!r}")
        return row

    def check_editor(self, name: str, password: str, *,
                     now: dt.datetime | None = None) -> Editor | None:
        """The editor if the password is right and the account not locked, else None."""
        now = now or dt.datetime.now(dt.UTC)
        with self._editor_session() as session:
            row = session.scalars(
                select(EditorRow).where(EditorRow.name == (name or "").strip())).first()
            if row is None:
                _verify(_DUMMY_HASH, password or "")
                return None
            if row.locked_until is not None:
                if now < row.locked_until:
                    return None
                row.failed, row.locked_until = 0, None
            if not _verify(row.password_hash, password or ""):
                row.failed += 1
                if row.failed >= MAX_FAILURES:
                    row.locked_until = now + LOCKOUT
                return None
            row.failed = 0
            if _HASHER.check_needs_rehash(row.password_hash):
                row.password_hash = _HASHER.hash(password)
            return _editor(row)


def _verify(hash_: str, password: str) -> bool:
    try:
        return _HASHER.verify(hash_, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False

