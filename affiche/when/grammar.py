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

from affiche.when.frame import DATE_SLOTS, Frame, Group
from affiche.when.lexicon import Lexicon, part_at
from affiche.when.numbers import (
    STARTERS,
    add_minutes,
    adjacent,
    counted_hours,
    counts,
    dated_after,
    day_pending,
    deadline,
    following,
    period_follows,
    read_number,
    spaced,
)
from affiche.when.scan import Atom, Clock

__all__ = ["CONTENT", "DATE_SLOTS", "Frame", "Group", "read_chunk"]

CONTENT = frozenset({
    "date", "time", "num", "numw", "ordw", "wd", "wdpl", "month", "reld", "reldp", "pod",
    "clock", "hol", "season", "unit", "period", "moment",
})
DASH = frozenset({"to"})
COUNTED_UNITS = frozenset({"half_hour", "quarter_hour", "three_quarter_hour", "fortnight"})
POSITIONS = frozenset({"begin", "mid", "end"})


def _supported(chunk: list[Atom], index: int) -> bool:
    """A weak word ("sat", "may", "un") counts only beside an atom that confirms its reading."""
    atom = chunk[index]
    neighbours = [a for a in (following(chunk, index, -1), following(chunk, index))
                  if a is not None]
    if atom.kind == "numw":
        follower = following(chunk, index)
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
        after = following(chunk, index)
        index += 1
        if strict and atom.weak and not _supported(chunk, index - 1):
            continue
        if kind == "ordw" and index >= 2 and chunk[index - 2].kind in ("num", "numw") \
                and atom.can_be("unit") is not None:
            kind, atom = "unit", Atom("unit", atom.start, atom.end, atom.can_be("unit"))
        if kind == "conn":
            roles = atom.value
            if "every" in roles:
                if cur.has_content():
                    cur = new("none")
                cur.rec = True
                cur.touch(atom)
            elif "for" in roles:
                counted = following(chunk, index) if after is not None and after.kind in (
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
            elif "by" in roles and not cur.has_content() and deadline(chunk, index, after):
                cur.open = "by"  # "by Friday", "tegen 17 uur", "d'ici samedi": from now to then
                cur.touch(atom)
            elif roles & {"in", "within"}:
                if after is not None and after.kind == "conn" and "at" in after.value:
                    after = following(chunk, index)  # "in about half an hour"
                if after is not None and after.kind in ("num", "numw", "unit", "time", "mod"):
                    if cur.day is not None or cur.wd is not None or (
                            cur.clock is not None and cur.has_date()):
                        cur = new("none")  # "le 12/3 à 14h, dans une heure": a second statement
                    cur.dur = "within" if "within" in roles else "in"
                    cur.touch(atom)
                elif after is not None and after.kind == "num" and after.digits == 4:
                    cur.dur = "in"
            elif between and roles & {"and", "to"} and (
                    cur.has_content() or day_pending(cur, after)):
                new("range")
                between = False
            elif roles == DASH and atom.end - atom.start == 1 and cur.has_date() \
                    and cur.clock is None and (not cur.day_from_range or (
                        cur.wd is not None and spaced(chunk, index - 1))) \
                    and after is not None and after.kind in ("time", "clock") \
                    and cur.pending is None and not dated_after(chunk, index):
                # "zaterdag 18/01 - 14u", "VENDREDI 7 — 18H": a dash between a day and its time,
                # not a range; a bare day number needs its weekday and a spaced dash, as
                # "Tuesday 7-9pm" is a range of hours
                cur.day_from_range = False
            elif "to" in roles and (cur.has_content() or day_pending(cur, after)) and (
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
            elif roles & {"after", "before", "before_clock"} and after is not None \
                    and after.kind == "moment" and cur.pod is None and cur.clock is None \
                    and f"{'after' if 'after' in roles else 'before'}_{after.value}" \
                    in lex.parts_of_day:
                # "avant le déjeuner", "after lunch", "na het werk": the moment around a meal
                cur.pod = f"{'after' if 'after' in roles else 'before'}_{after.value}"
                cur.touch(atom)
                cur.touch(after)
                index += 1
            elif "after" in roles:
                if cur.qty is not None and cur.unit and (
                        after is None or after.kind not in STARTERS):
                    cur.dur = "later"
                    cur.touch(atom)
                elif after is not None and after.kind in STARTERS:
                    cur.open = "after"
                    cur.touch(atom)
            elif roles & {"before", "before_clock"} and _counted(cur) and after is not None \
                    and after.kind in STARTERS:
                cur.open = "before"  # "trois jours avant Noël", "een week voor Kerstmis"
                cur.touch(atom)
            elif "before_clock" in roles:
                if not cur.has_content() and after is not None and after.kind in ("time", "clock"):
                    cur.open = "before"  # "voor 14 uur", not "oproep voor 27 september"
                    cur.touch(atom)
            elif "before" in roles:
                if (cur.has_content() or (day_pending(cur, after) and not strict)) \
                        and after is not None and after.kind in STARTERS:
                    new("range")
                elif not cur.has_content() and after is not None:
                    cur.open = "before"
                    cur.inclusive = "inclusive" in roles  # "tot en met 30 juni", "through June 30"
                    cur.touch(atom)
                elif cur.clock is not None and after is None and cur.open is None \
                        and "trailing" in roles:
                    cur.open = "before"  # "11 uur op zijn laatst"
                    cur.touch(atom)
            elif "and" in roles:
                if (cur.has_content() or day_pending(cur, after)) and after is not None \
                        and (after.kind in STARTERS or (
                            after.kind == "period" and after.value in POSITIONS
                            and cur.pod is not None)):  # "en fin de matinée et en début …"
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
                add_minutes(cur.clock, int(atom.value))
                cur.touch(atom)
            elif kind == "mod":
                before = following(chunk, index - 1, -1)
                prefix = after is not None and after.kind in CONTENT
                suffix = before is not None and before.kind in CONTENT and adjacent(before, atom)
                if atom.value == "last" and after is not None and cur.nth is None \
                        and cur.pending is None and (
                        after.kind in ("wd", "unit") or (
                            after.kind == "period" and after.value == "week_of")) \
                        and period_follows(chunk, index):
                    cur.nth = -1  # "le dernier lundi du mois", "last Friday of June": a position
                    cur.touch(atom)
                elif prefix or suffix:  # "ce samedi", "samedi prochain"; not "18h50, ce que"
                    if cur.mod is None:
                        cur.mod = atom.value
                    cur.touch(atom)
            at_pending = False
            continue
        if kind in ("num", "numw"):
            index = read_number(chunk, index, atom, after, cur, new, group, lex, at_pending, twelve,
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
                    and counted_hours(chunk, index, cur):
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
                add_minutes(clock, int(after.value))
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
                add_minutes(cur.clock, round(cur.qty * (60 if atom.value == "hour" else 1)))
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
            if cur.unit in ("day", "week", "weekend") and cur.nth is not None \
                    and cur.within is None and cur.month is None and cur.qty is None \
                    and atom.value in ("month", "year"):
                cur.within = str(atom.value)  # "le dernier jour du mois", "last week of the year"
                cur.touch(atom)
                at_pending = False
                continue
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
            if cur.pending is not None and cur.qty is None and counts(chunk, index - 1, cur):
                cur.adopt_pending("qty")
            cur.touch(atom)
        elif kind == "hol":
            if cur.hol is not None:
                cur = new("none")
            before = following(chunk, index - 1, -1)
            if before is not None and before.kind == "conn" and "from" in before.value:
                before = following(chunk, index - 1, -2)  # "la veille de Noël"
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
            elif atom.value == "week_of" and (cur.mod is not None or cur.nth is not None):
                cur.unit = "week"  # "laatste week van september"
            else:
                cur.period = str(atom.value)
            cur.touch(atom)
        at_pending = False
    groups.append(group)
    return [g for g in (_prune(g) for g in groups) if g.frames]


def _counted(cur: Frame) -> bool:
    """A frame that so far states only a quantity of a unit ("trois jours", "two weeks")."""
    return cur.qty is not None and cur.unit is not None and cur.dur is None and not any(
        v is not None for v in (cur.wd, cur.day, cur.month, cur.year, cur.reld, cur.hol,
                                cur.clock, cur.mod))


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
