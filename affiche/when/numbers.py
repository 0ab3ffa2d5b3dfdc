"""Slot rules of the time engine's grammar: numbers, and the tests on neighbouring atoms.

`readread_number` decides what a number states (a quantity before a unit, an hour after "à/om/at",
a year, a day, a day and month "17 02", a year before an era) or keeps it pending for the next
atom; the small tests (`spaced`, `deadline`, `period_follows`...) look at the atoms around one
so that `affiche.when.grammar` reads each construction with one rule.
"""

from __future__ import annotations

from collections.abc import Callable

from affiche.when.frame import Frame, Group
from affiche.when.lexicon import Lexicon
from affiche.when.scan import Atom, Clock

__all__ = ["STARTERS", "add_minutes", "adjacent", "counted_hours", "counts", "dated_after",
           "day_pending", "deadline", "following", "month_follows", "period_follows",
           "read_number", "spaced"]

STARTERS = frozenset({"date", "time", "num", "numw", "ordw", "wd", "month", "reld", "reldp",
                      "clock", "hol"})


def following(chunk: list[Atom], index: int, offset: int = 1) -> Atom | None:
    """The atom `offset` places after (or before, when negative) `index`, or None."""
    position = index + offset
    return chunk[position] if 0 <= position < len(chunk) else None


def deadline(chunk: list[Atom], index: int, after: Atom | None) -> bool:
    """True when a day or time (not a quantity: "d'ici 3 jours") follows a deadline word."""
    if after is None or (after.kind not in STARTERS and after.kind not in ("mod", "period")):
        return False
    counted = following(chunk, index)
    return not (after.kind in ("num", "numw") and counted is not None
                and counted.kind == "unit")


def counted_hours(chunk: list[Atom], index: int, cur: Frame) -> bool:
    """ "2 uur geleden", "de komende 3 uur": hours counted by a frame word, not a clock time."""
    after = following(chunk, index - 1)
    before = following(chunk, index - 1, -1)
    return (after is not None and after.kind == "conn" and "ago" in after.value) or (
        before is not None and before.kind == "mod" and cur.mod in ("next", "last"))


def spaced(chunk: list[Atom], position: int) -> bool:
    """True when the atom at `position` has blanks on both sides (" — ", not "7-9")."""
    if not 0 < position < len(chunk) - 1:
        return False
    atom = chunk[position]
    return chunk[position - 1].end < atom.start and atom.end < chunk[position + 1].start


def period_follows(chunk: list[Atom], position: int) -> bool:
    """True when a month, a year or a month/year unit follows the atom at `position`
    ("lundi du mois prochain", "Friday of June"): the period an ordinal counts in."""
    for atom in chunk[position + 1:position + 4]:
        if atom.kind not in ("month", "unit", "num", "conn", "mod"):
            return False
        if atom.kind == "month" or (atom.kind == "unit" and atom.value in ("month", "year")) \
                or (atom.kind == "num" and atom.digits == 4):
            return True
    return False


def dated_after(chunk: list[Atom], index: int) -> bool:
    """True when a day is stated right after the time that follows a dash ("- 18h le 8")."""
    return any(a.kind in ("date", "wd", "month", "reld", "hol") for a in chunk[index + 1:index + 3])


def adjacent(left: Atom, right: Atom) -> bool:
    """Two atoms separated by at most one character (a space)."""
    return right.start - left.end <= 1


def month_follows(chunk: list[Atom], index: int) -> bool:
    """ "le 2e samedi de mars": a month comes right after the weekday."""
    return any(a.kind == "month" for a in chunk[index + 1:index + 3])


def counts(chunk: list[Atom], position: int, cur: Frame) -> bool:
    """ "3 weeks", "3 prochaines semaines" count units; "the 20 of next month" does not."""
    previous = chunk[position - 1] if position >= 1 else None
    if previous is not None and previous is cur.pending_atom:
        return chunk[position].start - previous.end <= 1
    if previous is not None and previous.kind == "mod" and position >= 2 \
            and chunk[position - 2] is cur.pending_atom:
        return previous.start - chunk[position - 2].end <= 1
    return False


def day_pending(cur: Frame, after: Atom | None) -> bool:
    """ "13 au 15 juillet": a pending number before a range connector is the first day."""
    return (cur.pending is not None and 1 <= cur.pending <= 31 and after is not None
            and after.kind in ("num", "numw", "wd", "date", "time"))


def add_minutes(clock: Clock, minutes: int) -> None:
    """Move a clock time by some minutes (its grain becomes the minute)."""
    total = clock.hour * 60 + clock.minute + minutes
    clock.hour, clock.minute = divmod(total % (25 * 60), 60)
    clock.grain = "minute"


def read_number(chunk: list[Atom], index: int, atom: Atom, after: Atom | None, cur: Frame,
                new: Callable[[str], Frame], group: Group, lex: Lexicon, at_pending: bool,
                twelve: bool, strict: bool) -> int:
    """Read a number: a quantity, an hour after "à/om/at", a year, a day, or keep it pending."""
    after2 = following(chunk, index)
    if after is not None and after.kind == "era" and not isinstance(atom.value, float) \
            and int(atom.value) >= 1 and int(after.value) > 0:
        cur.year, cur.dur = int(atom.value), None  # "14 a.d.", "800 n.Chr.": a year
        cur.touch(atom)
        cur.touch(after)
        return index
    if isinstance(atom.value, float):  # "1,5 heure", "anderhalf uur": only ever a quantity
        if after is not None and (after.can_be("unit") is not None or (
                after.kind == "mod" and after2 is not None and after2.kind == "unit")):
            cur.qty = atom.value
            cur.touch(atom)
        return index
    value = int(atom.value)
    if after is not None and after.kind == "clock" and value in (0, 12, 24) \
            and after.start - atom.end <= 1:
        cur.touch(atom)  # "12 noon", "12 midnight": the clock word says it all
        return index
    if atom.ordinal and after is not None and after.kind == "mod" and after.value == "last" \
            and after2 is not None and cur.nth is None:
        if after2.kind == "unit" and after2.value not in ("month", "year", "quarter"):
            cur.nth = value  # "2nd last day of October": counted from the end
            cur.touch(atom)
            return index
        if after2.kind == "period" and after2.value == "week_of":
            cur.pending, cur.pending_atom = value, atom  # "2nd last week of October"
            return index
    if atom.ordinal and after is not None and after.kind == "period" \
            and after.value == "week_of" and cur.nth is None and atom.digits == 1:
        cur.pending, cur.pending_atom = value, atom  # "3rd week of October"
        return index
    if atom.ordinal and after is not None and after.kind in ("unit", "wd") and cur.nth is None \
            and (after.kind == "unit" or month_follows(chunk, index)):
        cur.nth = value
        cur.touch(atom)
        return index
    if after is not None and (after.kind == "unit" or (
            after.kind == "mod" and after2 is not None and after2.kind == "unit"
            and adjacent(atom, after))):
        cur.qty = value
        cur.touch(atom)
        return index
    if at_pending and twelve and value <= 24 and not atom.ordinal and atom.digits <= 2 \
            and not (after is not None and after.kind == "month"):
        # "om op 6 december": a number with its month is a day, whatever came before it
        if cur.clock is not None:
            cur = new("none")
        clock = Clock(value, marker="bare", ambiguous=twelve and 1 <= value <= 12)
        if after is not None and after.kind in ("num", "numw") and after.digits <= 2 \
                and int(after.value) < 60 and after.start - atom.end <= 1:
            clock.minute, clock.grain = int(after.value), "minute"
            cur.touch(after)
            index += 1
        cur.clock = clock
        cur.touch(atom)
        return index
    if (after is not None and after.kind in ("pod", "reldp") and 1 <= value <= 12
            and not atom.ordinal and atom.digits <= 2 and cur.clock is None):
        cur.clock = Clock(value, marker="bare", ambiguous=twelve)
        cur.touch(atom)
        return index
    if atom.kind == "num" and atom.digits == 4 and at_pending and not strict and value % 100 < 60 \
            and value // 100 < 24 and not 1900 <= value <= 2100:
        cur.clock = Clock(value // 100, value % 100, grain="minute", marker="bare")
        cur.touch(atom)
        return index
    if not strict and atom.kind == "num" and atom.digits <= 2 and 1 <= value <= 12 \
            and after is None and cur.pending is not None and cur.pending_atom is not None \
            and cur.pending_atom.kind == "num" and cur.pending_atom.digits <= 2 \
            and 1 <= cur.pending <= 31 and atom.start - cur.pending_atom.end == 1 \
            and not cur.has_content():
        cur.adopt_pending("day")  # "17 02", "17 2": a day and a month, written alone
        cur.month = value
        cur.touch(atom)
        return index
    if atom.kind == "num" and atom.digits == 4:
        if 1000 <= value <= 2200:
            if cur.year is not None:
                cur = new("none")
            cur.year = value
            cur.touch(atom)
        return index
    before = chunk[index - 2] if index >= 2 else None
    if (not strict and atom.kind == "num" and atom.digits == 2 and not atom.ordinal
            and after is None and cur.day is not None and cur.month is not None
            and cur.year is None and cur.clock is None and before is not None
            and before.kind == "month"):
        cur.year = value + (2000 if value < 50 else 1900)  # "14th April 15": a short year
        cur.touch(atom)
        return index
    day_context = (cur.month is not None or cur.wd is not None or atom.article
                   or (atom.ordinal and not strict)
                   or (after is not None and after.kind == "month") or cur.range_from
                   or (group.seps and group.seps[-1] in ("range", "list")
                       and not cur.has_content()))
    if atom.kind == "numw":
        day_context = cur.month is not None or cur.wd is not None or (
            after is not None and after.kind == "month") or (atom.article and not strict) \
            or (cur.range_from and not strict) or (
            group.seps and group.seps[-1] == "range" and not cur.has_content())
    if cur.day is not None and cur.clock is None and value <= 24 and after is not None \
            and after.kind == "conn" and "to" in after.value and after2 is not None \
            and after2.kind in ("time", "clock"):
        cur.pending, cur.pending_atom = value, atom  # "Saturday 18 8-10pm": the first hour
        return index
    if 1 <= value <= 31 and day_context and not (cur.day is not None and cur.range_from):
        if cur.day is not None:
            cur = new("none")
        cur.day = value
        cur.day_from_range = atom.kind == "num" and not (
            atom.ordinal or atom.article or cur.month is not None
            or (after is not None and after.kind == "month"))
        cur.touch(atom)
        return index
    if cur.pending is not None:
        cur = new("none")
    cur.pending, cur.pending_atom = value, atom
    return index
