"""Stage 3 of the time engine: read each chunk of atoms into frames joined by ranges or lists.

A frame is one point or period as stated: slots for a weekday, day, month, year, relative day,
clock time, part of day, modifier ("prochain"), unit ("semaine"), quantity, holiday, season.
Atoms fill the slots of the current frame in any order ("à 9h samedi" = "samedi à 9h"); an atom
whose slot is taken starts a new frame. Connectors join frames: "de 14h à 18h", "du 12 au 14
avril", "entre ... et ...", "van ... tot ..." make a range, "mercredi 5 et jeudi 6" a list.
Within a range or list, frames share what one of them stated: the month of "du 12 au 14 avril",
the time of "mercredi 5 et jeudi 6 juin à 19h", the day of "jeudi de 9h à 11h".
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from affiche.when.lexicon import Lexicon, part_at
from affiche.when.scan import Atom, Clock

__all__ = ["CONTENT", "Frame", "Group", "read_chunk"]

CONTENT = frozenset({
    "date", "time", "num", "numw", "ordw", "wd", "wdpl", "month", "reld", "reldp", "pod",
    "clock", "hol", "season", "unit", "period",
})
DASH = frozenset({"to"})
COUNTED_UNITS = frozenset({"half_hour", "quarter_hour", "three_quarter_hour", "fortnight"})
STARTERS = frozenset({"date", "time", "num", "numw", "ordw", "wd", "month", "reld", "reldp",
                      "clock", "hol"})
POSITIONS = frozenset({"begin", "mid", "end"})
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
        return any(v is not None for v in (self.wd, self.day, self.month, self.year, self.reld,
                                           self.hol, self.season)) or (
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


def _next(chunk: list[Atom], index: int, offset: int = 1) -> Atom | None:
    position = index + offset
    return chunk[position] if 0 <= position < len(chunk) else None


def _supported(chunk: list[Atom], index: int) -> bool:
    """A weak word ("sat", "may", "un") counts only beside an atom that confirms its reading."""
    atom = chunk[index]
    neighbours = [a for a in (_next(chunk, index, -1), _next(chunk, index)) if a is not None]
    if atom.kind == "numw":
        follower = _next(chunk, index)
        return follower is not None and follower.kind in ("unit", "mod")
    if atom.kind == "season":
        return any(n.kind in ("mod", "num", "period") for n in neighbours)
    if atom.kind == "wd":  # "sat 12", "zo. 3 mei", not "in de zon. Twee jaar"
        return any(n.kind in ("num", "date", "time") or (n.kind == "month" and not n.weak)
                   for n in neighbours)
    return any(n.kind in ("num", "numw", "ordw", "date", "time") or (
        n.kind in ("month", "wd") and not n.weak) for n in neighbours)


def read_chunk(chunk: list[Atom], lex: Lexicon, strict: bool = True) -> list[Group]:
    """The groups of frames stated by one chunk of atoms."""
    groups: list[Group] = []
    group = Group([Frame()])
    between = False
    at_pending = False
    twelve = bool(lex.settings["twelve_hour"])
    index = 0

    def new(sep: str) -> Frame:
        """Start a new frame (joined to the last by `sep`) and return it."""
        nonlocal group
        if sep == "none":
            groups.append(group)
            group = Group([Frame()])
        else:
            group.frames.append(Frame())
            group.seps.append(sep)
        return group.frames[-1]

    while index < len(chunk):
        atom = chunk[index]
        cur = group.frames[-1]
        kind = atom.kind
        after = _next(chunk, index)
        index += 1
        if strict and atom.weak and not _supported(chunk, index - 1):
            continue
        if kind == "conn":
            roles = atom.value
            if "every" in roles:
                if cur.has_content():
                    cur = new("none")
                cur.rec = True
                cur.touch(atom)
            elif "for" in roles:
                counted = _next(chunk, index) if after is not None and after.kind in (
                    "num", "numw") else after
                if counted is not None and counted.kind == "unit":
                    cur.lasting = True  # "18th Dec for 10 days", "pendant 3 jours"
                    cur.touch(atom)
            elif roles & {"ago", "hence"} and cur.qty is not None:
                cur.dur = "ago" if "ago" in roles else "in"
                if "today" in roles:
                    cur.reld = 0  # "3 years from today": counted in days from today
                cur.touch(atom)
            elif "ago" in roles and after is not None and after.kind in ("num", "numw", "time"):
                cur.dur = "ago"
                cur.touch(atom)
            elif "plus" in roles and cur.clock is not None:
                cur.plus = True  # "15h passé de 15 minutes"
                cur.touch(atom)
            elif "by" in roles and not cur.has_content() and _deadline(chunk, index, after):
                cur.open = "by"  # "by Friday", "tegen 17 uur", "d'ici samedi": from now to then
                cur.touch(atom)
            elif roles & {"in", "within"}:
                if after is not None and after.kind == "conn" and "at" in after.value:
                    after = _next(chunk, index)  # "in about half an hour"
                if after is not None and after.kind in ("num", "numw", "unit", "time", "mod"):
                    if cur.day is not None or cur.wd is not None or (
                            cur.clock is not None and cur.has_date()):
                        cur = new("none")  # "le 12/3 à 14h, dans une heure": a second statement
                    cur.dur = "within" if "within" in roles else "in"
                    cur.touch(atom)
                elif after is not None and after.kind == "num" and after.digits == 4:
                    cur.dur = "in"
            elif between and roles & {"and", "to"} and (
                    cur.has_content() or _day_pending(cur, after)):
                new("range")
                between = False
            elif roles == DASH and atom.end - atom.start == 1 and cur.has_date() \
                    and cur.clock is None and (not cur.day_from_range or (
                        cur.wd is not None and _spaced(chunk, index - 1))) \
                    and after is not None and after.kind in ("time", "clock") \
                    and not _dated_after(chunk, index):
                # "zaterdag 18/01 - 14u", "VENDREDI 7 — 18H": a dash between a day and its time,
                # not a range; a bare day number needs its weekday and a spaced dash, as
                # "Tuesday 7-9pm" is a range of hours
                cur.day_from_range = False
            elif "to" in roles and (cur.has_content() or _day_pending(cur, after)) and (
                    "at" not in roles or cur.range_from):
                new("range")
            elif "between" in roles:
                between = True
                cur.range_from = cur.between = True
                cur.touch(atom)
            elif "from" in roles:
                if after is not None and after.kind in STARTERS and (not cur.has_content() or (
                        cur.has_date() and cur.clock is None
                        and after.kind in ("time", "clock", "num", "numw"))):
                    cur.range_from = True
                    cur.range_days = "days" in roles  # "du 4 au 6": days, never hours
                    cur.opens = "opens" in roles  # "from 8pm" alone is open-ended
                    cur.touch(atom)
            elif "after" in roles:
                if cur.qty is not None and cur.unit and (
                        after is None or after.kind not in STARTERS):
                    cur.dur = "later"
                    cur.touch(atom)
                elif after is not None and after.kind in STARTERS:
                    cur.open = "after"
                    cur.touch(atom)
            elif "before" in roles:
                if (cur.has_content() or (_day_pending(cur, after) and not strict)) \
                        and after is not None and after.kind in STARTERS:
                    new("range")
                elif not cur.has_content() and after is not None:
                    cur.open = "before"
                    cur.touch(atom)
                elif cur.clock is not None and after is None and cur.open is None \
                        and "trailing" in roles:
                    cur.open = "before"  # "11 uur op zijn laatst"
                    cur.touch(atom)
            elif "and" in roles:
                if (cur.has_content() or _day_pending(cur, after)) and after is not None \
                        and after.kind in STARTERS:
                    new("list")
            elif "at" in roles:
                at_pending = True
                continue
            at_pending = False
            continue
        if kind not in CONTENT:
            if kind == "zone" and atom.value == "local":
                cur.touch(atom)  # "heure locale": the reference's own zone
            elif kind == "zone" and (cur.clock is not None or isinstance(atom.value, int)):
                cur.zone = atom.value  # minutes east of UTC, or a zone's name ("heure de Paris")
                cur.touch(atom)
            elif kind == "minw" and cur.clock is None and cur.unit == "hour" \
                    and cur.qty is not None and int(atom.value) > 0:
                cur.qty += int(atom.value) / 60  # "in an hour and a half"
                cur.touch(atom)
            elif kind == "minw" and cur.clock is not None:
                _add_minutes(cur.clock, int(atom.value))
                cur.touch(atom)
            elif kind == "mod":
                before = _next(chunk, index - 1, -1)
                prefix = after is not None and after.kind in CONTENT
                suffix = before is not None and before.kind in CONTENT and _adjacent(before, atom)
                if atom.value == "last" and after is not None and after.kind in ("wd", "unit") \
                        and cur.nth is None and _period_follows(chunk, index):
                    cur.nth = -1  # "le dernier lundi du mois", "last Friday of June": a position
                    cur.touch(atom)
                elif prefix or suffix:  # "ce samedi", "samedi prochain"; not "18h50, ce que"
                    if cur.mod is None:
                        cur.mod = atom.value
                    cur.touch(atom)
            at_pending = False
            continue
        if kind in ("num", "numw"):
            index = _number(chunk, index, atom, after, cur, new, group, lex, at_pending, twelve,
                            strict)
        elif kind == "ordw":
            value = int(atom.value)
            if after is not None and after.kind in ("wd", "unit") and cur.nth is None:
                cur.nth = value
            elif cur.day is None and (cur.month is not None or (after and after.kind == "month")):
                cur.day = value
            else:
                cur.pending, cur.pending_atom = value, atom
                at_pending = False
                continue
            cur.touch(atom)
        elif kind == "date":
            if strict and atom.dashed and not atom.article and cur.wd is None:
                at_pending = False
                continue
            if cur.day is not None or cur.month is not None:
                cur = new("none")
            cur.year, cur.month, cur.day = atom.value
            cur.touch(atom)
        elif kind in ("time", "clock"):
            clock = atom.value if kind == "time" else Clock(int(atom.value), marker="clock")
            clock = copy.copy(clock)
            if strict and clock.marker == "word" and not at_pending and not cur.has_date() \
                    and not (after is not None and after.kind in ("pod", "reldp", "minw")):
                at_pending = False
                continue  # "plus de trois heures": a duration, unless "à trois heures"
            spoken = clock.marker not in (":", ".", "ampm", "rel", "half", "bare", "clock")
            if cur.dur and kind == "time" and cur.qty is None and spoken and (
                    clock.minute == 0 or clock.marker == "word"):
                # "dans 3 heures", "dans une heure et demie": a duration, not a clock time
                cur.qty = clock.hour + clock.minute / 60 if clock.minute else clock.hour
                cur.unit = "hour"
                cur.touch(atom)
                continue
            if kind == "time" and clock.minute == 0 and cur.qty is None and spoken \
                    and (clock.marker in lex.hour_words or clock.marker == "word") \
                    and _counted_hours(chunk, index, cur):
                cur.qty, cur.unit = clock.hour, "hour"  # "2 uur geleden", "de komende 3 uur"
                cur.touch(atom)
                continue
            if cur.clock is not None:
                cur = new("none")
            cur.clock_first = not cur.has_content()
            cur.clock = clock
            cur.touch(atom)
            if kind == "clock" and after is not None and after.kind in ("num", "numw") \
                    and after.start - atom.end <= 1 and int(after.value) < 60 and after.digits < 3:
                _add_minutes(clock, int(after.value))
                cur.touch(after)
                index += 1
        elif kind in ("wd", "wdpl"):
            if cur.wd is not None or (cur.day is not None and cur.clock is not None):
                cur = new("none")  # "le 10/12 à 14h, samedi 15/02 à 10h": a second date
            cur.wd = int(atom.value)
            cur.rec = cur.rec or kind == "wdpl"
            if cur.pending is not None and cur.qty is None and cur.day is None:
                cur.adopt_pending("qty")
            cur.touch(atom)
        elif kind == "month":
            if cur.month is not None:
                cur = new("none")
            cur.month = int(atom.value)
            if cur.pending is not None and cur.day is None and 1 <= cur.pending <= 31 \
                    and cur.pending_atom is not None and cur.pending_atom.kind == "num":
                cur.adopt_pending("day")
            cur.touch(atom)
        elif kind in ("reld", "reldp"):
            if cur.reld is not None or cur.wd is not None or cur.day is not None:
                cur = new("none")
            if kind == "reldp":
                offset, part = str(atom.value).split()
                cur.reld, cur.pod = int(offset), part
            else:
                cur.reld = int(atom.value)
            cur.touch(atom)
        elif kind == "pod":
            if cur.pod is not None:
                cur = new("none")
            cur.pod = str(atom.value)
            if cur.period in POSITIONS:  # "en début de matinée", "late in the afternoon"
                cur.pod, cur.period = part_at(lex, cur.period, cur.pod), None
            cur.touch(atom)
        elif kind == "unit":
            if cur.plus and cur.clock is not None and cur.qty is not None \
                    and atom.value in ("minute", "hour"):
                # "15h passé de 15 minutes": minutes added to the clock time
                _add_minutes(cur.clock, round(cur.qty * (60 if atom.value == "hour" else 1)))
                cur.qty, cur.plus = None, False
                cur.touch(atom)
                at_pending = False
                continue
            if cur.qty is None and cur.pending is None and cur.mod is None and cur.nth is None \
                    and cur.dur is None and cur.period is None \
                    and (after is None or after.kind not in ("mod", "period")) \
                    and not (atom.value == "weekend" and after is not None):
                at_pending = False
                continue  # a bare "jour", "semaine": a word, not a time
            if cur.unit == "day" and cur.nth is not None and cur.day is None \
                    and cur.qty is None and cur.mod is not None and atom.value == "month":
                cur.day, cur.nth, cur.unit = cur.nth, None, None  # "20th day of next month"
            if cur.period in POSITIONS and atom.value == "day" and cur.pod is None:
                cur.pod, cur.period = part_at(lex, cur.period, "day"), None  # "en fin de journée"
                cur.touch(atom)
                at_pending = False
                continue
            if cur.unit is not None:
                cur = new("none")
            cur.unit = str(atom.value)
            if cur.qty is None and cur.pending is None and cur.dur is not None \
                    and atom.value in COUNTED_UNITS:
                cur.qty = 1  # "in half an hour", "over een kwartier"
            if cur.pending is not None and cur.qty is None and _counts(chunk, index - 1, cur):
                cur.adopt_pending("qty")
            cur.touch(atom)
        elif kind == "hol":
            if cur.hol is not None:
                cur = new("none")
            before = _next(chunk, index - 1, -1)
            if before is not None and before.kind == "conn" and "from" in before.value:
                before = _next(chunk, index - 1, -2)  # "la veille de Noël"
            if before is not None and before.kind == "reld" and cur.reld is not None \
                    and cur.wd is None and cur.day is None:
                cur.shift, cur.reld = cur.reld, None  # "la veille de Noël", "the day after Easter"
            elif before is not None and before.kind == "ordw" and cur.pending is not None:
                cur.shift, cur.pending = cur.pending - 1, None  # "tweede paasdag"
                cur.touch(before)
            cur.hol = str(atom.value)
            cur.touch(atom)
        elif kind == "season":
            cur.season = str(atom.value)
            cur.touch(atom)
        elif kind == "period":
            if atom.value in POSITIONS and cur.pod in lex.parts_of_day and "_" not in cur.pod \
                    and cur.clock is None and after is None:
                cur.pod = part_at(lex, str(atom.value), cur.pod)  # "le matin tôt", "'s avonds laat"
            elif atom.value == "later" and cur.qty is not None and cur.unit:
                cur.dur = "later"
            elif atom.value == "later" and cur.clock is not None and cur.clock.marker == "word" \
                    and cur.clock.minute == 0 and not cur.has_date():
                # "une heure plus tard": a delay after some other time, not one o'clock
                cur.qty, cur.unit, cur.dur, cur.clock = cur.clock.hour, "hour", "later", None
            elif atom.value == "week_of" and cur.pending is not None and cur.pending_atom \
                    and (cur.pending_atom.kind == "ordw" or cur.pending_atom.ordinal):
                cur.unit = "week"  # "first week of"
                cur.adopt_pending("nth")
            elif atom.value == "week_of" and cur.mod is not None:
                cur.unit = "week"  # "laatste week van september"
            else:
                cur.period = str(atom.value)
            cur.touch(atom)
        at_pending = False
    groups.append(group)
    return [g for g in (_prune(g) for g in groups) if g.frames]


def _deadline(chunk: list[Atom], index: int, after: Atom | None) -> bool:
    """True when a day or time (not a quantity: "d'ici 3 jours") follows a deadline word."""
    if after is None or (after.kind not in STARTERS and after.kind not in ("mod", "period")):
        return False
    following = _next(chunk, index)
    return not (after.kind in ("num", "numw") and following is not None
                and following.kind == "unit")


def _counted_hours(chunk: list[Atom], index: int, cur: Frame) -> bool:
    """ "2 uur geleden", "de komende 3 uur": hours counted by a frame word, not a clock time."""
    after = _next(chunk, index - 1)
    before = _next(chunk, index - 1, -1)
    return (after is not None and after.kind == "conn" and "ago" in after.value) or (
        before is not None and before.kind == "mod" and cur.mod in ("next", "last"))


def _spaced(chunk: list[Atom], position: int) -> bool:
    """True when the atom at `position` has blanks on both sides (" — ", not "7-9")."""
    if not 0 < position < len(chunk) - 1:
        return False
    atom = chunk[position]
    return chunk[position - 1].end < atom.start and atom.end < chunk[position + 1].start


def _period_follows(chunk: list[Atom], position: int) -> bool:
    """True when a month, a year or a month/year unit follows the atom at `position`
    ("lundi du mois prochain", "Friday of June"): the period an ordinal counts in."""
    for atom in chunk[position + 1:position + 4]:
        if atom.kind not in ("month", "unit", "num", "conn", "mod"):
            return False
        if atom.kind == "month" or (atom.kind == "unit" and atom.value in ("month", "year")) \
                or (atom.kind == "num" and atom.digits == 4):
            return True
    return False


def _dated_after(chunk: list[Atom], index: int) -> bool:
    """True when a day is stated right after the time that follows a dash ("- 18h le 8")."""
    return any(a.kind in ("date", "wd", "month", "reld", "hol") for a in chunk[index + 1:index + 3])


def _adjacent(left: Atom, right: Atom) -> bool:
    """Two atoms separated by at most one character (a space)."""
    return right.start - left.end <= 1


def _month_follows(chunk: list[Atom], index: int) -> bool:
    """ "le 2e samedi de mars": a month comes right after the weekday."""
    return any(a.kind == "month" for a in chunk[index + 1:index + 3])


def _counts(chunk: list[Atom], position: int, cur: Frame) -> bool:
    """ "3 weeks", "3 prochaines semaines" count units; "the 20 of next month" does not."""
    previous = chunk[position - 1] if position >= 1 else None
    if previous is not None and previous is cur.pending_atom:
        return chunk[position].start - previous.end <= 1
    if previous is not None and previous.kind == "mod" and position >= 2 \
            and chunk[position - 2] is cur.pending_atom:
        return previous.start - chunk[position - 2].end <= 1
    return False


def _day_pending(cur: Frame, after: Atom | None) -> bool:
    """ "13 au 15 juillet": a pending number before a range connector is the first day."""
    return (cur.pending is not None and 1 <= cur.pending <= 31 and after is not None
            and after.kind in ("num", "numw", "wd", "date", "time"))


def _add_minutes(clock: Clock, minutes: int) -> None:
    total = clock.hour * 60 + clock.minute + minutes
    clock.hour, clock.minute = divmod(total % (25 * 60), 60)
    clock.grain = "minute"


def _number(chunk: list[Atom], index: int, atom: Atom, after: Atom | None, cur: Frame, new,
            group: Group, lex: Lexicon, at_pending: bool, twelve: bool, strict: bool) -> int:
    """Read a number: a quantity, an hour after "à/om/at", a year, a day, or keep it pending."""
    after2 = _next(chunk, index)
    if after is not None and after.kind == "era" and not isinstance(atom.value, float) \
            and int(atom.value) >= 1 and int(after.value) > 0:
        cur.year, cur.dur = int(atom.value), None  # "14 a.d.", "800 n.Chr.": a year
        cur.touch(atom)
        cur.touch(after)
        return index
    if isinstance(atom.value, float):  # "1,5 heure", "anderhalf uur": only ever a quantity
        if after is not None and after.kind == "unit":
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
            and (after.kind == "unit" or _month_follows(chunk, index)):
        cur.nth = value
        cur.touch(atom)
        return index
    if after is not None and (after.kind == "unit" or (
            after.kind == "mod" and after2 is not None and after2.kind == "unit"
            and _adjacent(atom, after))):
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


def _prune(group: Group) -> Group:
    """Drop frames that stated nothing (a lone connector), with their joints."""
    frames: list[Frame] = []
    seps: list[str] = []
    for position, frame in enumerate(group.frames):
        ranged = position < len(group.seps) and group.seps[position] in ("range", "list")
        if frame.has_content() or (frame.rec and frame.wd is not None) or (
                ranged and frame.pending is not None):
            if frames:
                seps.append(group.seps[position - 1] if position - 1 < len(group.seps) else "list")
            frames.append(frame)
    return Group(frames, seps)
