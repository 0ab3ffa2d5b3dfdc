"""The frames of the time engine's grammar: what a chunk states, slot by slot.

A frame is one point or period as stated: slots for a weekday, day, month, year, relative day,
clock time, part of day, modifier ("prochain"), unit ("semaine"), quantity, holiday, season;
a group is the frames one chunk states and how they are joined (a range or a list).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from affiche.when.scan import Atom, Clock

__all__ = ["DATE_SLOTS", "Frame", "Group"]

DATE_SLOTS = ("wd", "day", "month", "year", "reld", "hol", "mod", "unit", "nth")


@dataclass
class Frame:
    """One stated point or period: the slots a chunk filled, and its character span."""

    start: int = -1
    end: int = -1
    wd: int | None = None
    day: int | None = None
    month: int | None = None
    year: int | None = None
    reld: int | None = None
    clock: Clock | None = None
    pod: str | None = None
    mod: str | None = None
    unit: str | None = None
    qty: float | None = None
    nth: int | None = None
    hol: str | None = None
    shift: int = 0  # days from the holiday: "la veille de Noël" -1, "tweede paasdag" +1
    season: str | None = None
    period: str | None = None
    rec: bool = False
    open: str | None = None
    dur: str | None = None
    range_from: bool = False
    range_days: bool = False
    plus: bool = False
    inclusive: bool = False
    within: str | None = None  # the period an ordinal day/week counts in: "du mois", "of the year"
    between: bool = False
    day_from_range: bool = False
    clock_first: bool = False
    opens: bool = False
    lasting: bool = False
    pending: int | None = None
    pending_atom: Atom | None = None
    zone: int | str | None = None
    date_shared: bool = False
    gap: tuple[int, int] | None = None  # the words between a date and the time it lent itself to

    def adopt_pending(self, slot: str) -> None:
        """Give the number left waiting ("14" before "juillet") to `slot` and cover its atom."""
        setattr(self, slot, self.pending)
        self.pending = None
        if self.pending_atom is not None:
            self.touch(self.pending_atom)

    def touch(self, atom: Atom) -> None:
        """Extend the frame's span over an atom it used."""
        if self.start < 0 or atom.start < self.start:
            self.start = atom.start
        self.end = max(self.end, atom.end)

    def has_date(self) -> bool:
        """True when a day, weekday, relative day, month, year or holiday was stated."""
        # spelled out rather than any() over a tuple: called for every atom of every chunk
        return (self.wd is not None or self.day is not None or self.month is not None
                or self.year is not None or self.reld is not None or self.hol is not None
                or self.season is not None) or (
            self.unit is not None and (self.mod is not None or self.qty is not None
                                       or self.nth is not None))

    def has_content(self) -> bool:
        """True when the frame says something about time."""
        return (self.has_date() or self.clock is not None or self.pod is not None
                or self.period is not None)

    def copy_date(self, other: Frame) -> None:
        """Take the date slots of another frame (its time slots stay its own)."""
        for name in DATE_SLOTS:
            setattr(self, name, getattr(other, name))
        self.date_shared = True


@dataclass
class Group:
    """Frames read from one chunk and how consecutive frames are joined ("range" or "list")."""

    frames: list[Frame] = field(default_factory=list)
    seps: list[str] = field(default_factory=list)
