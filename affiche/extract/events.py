"""From time mentions to event drafts: which times are events, which are meeting points,
trains or ends, which are past, and which belong together.

Rules, in order (each a reason a reader can check against the text):
  1. A time's role comes from the cues of its sentence: a vehicle followed by a departure or
     arrival word makes it a train/bus time; an ending word earlier in its clause ("se
     terminera au palais de justice vers", "until") or a closing label after it ("Minuit :
     fermeture des portes") makes it the end; a meeting cue before it makes it a rendez-vous
     (also for the items of a list whose heading is one: "Vertrekplaatsen:"); otherwise it is
     a time of the event.
  2. A bare relative day inside a quotation (a film's title « … demain ») is no day. A dated
     mention before the reference day is a past event mentioned in passing, not an
     event; so is one in a sentence written as a report (unless the past tense is that of
     another, past day of the sentence: "lancée le 7 octobre dernier, elle se poursuit ce
     samedi 14"), a publication date line (and the hour printed under it), the publication
     date in the headline, a registration or ticket date ("inschrijven vanaf 17 mei"), a
     cancelled date, or — in a text written as a report — a weekday without a day number
     (unless a word puts it still ahead: "Later vanmiddag wordt … nog een demonstratie").
     A cancelled item leaves its day to the sentences after it.
  3. Dated mentions of the same day are one event (a call repeated with more details); a later
     time of that day is an event of its own when its line names a kind of event, opens with
     its time ("19h : débat", "à 14h aussi, …"), or is a list item with its own place; the
     same hour again in running text is the same event told twice. A day named again with a
     kind of its own before the first timed item of another kind is its own event (a walk in
     the afternoon, then a meal from 18h), unless both are words for one street protest or
     the items are a programme's lines. An agenda entry that opens with its closing time
     ("Jusqu'à 13h, la CGT tient sa permanence") is an event of the day ending then; so is a
     part of the day that opens a sentence of another kind ("Le soir, soirée de soutien au
     Garcia Lorca"), which gives its day and no time. The steps of one street protest stay
     one event: a line with no place of its own ("Assemble … 12pm" ↵ "Rally starts at
     12.30pm"), or a programme line headed by the same kind of protest within an hour and a
     half ("11.00am Rally opens" ↵ "12 noon Main Rally at …"). Two hours of one sentence
     whose clauses name two kinds are two events ("the rally starts at noon and the vigil at
     6"). A programme of several items at one place is also an event as a whole (the day,
     from its first item to its closing line). A sentence telling what another group does at
     its own place and time ("X, quant à eux, s'élanceront à 14h du boulevard Diderot") is
     another event; so is a rendez-vous at the start's hour on another line naming another
     place, when the day starts with a rendez-vous (nobody is at two places at once). A
     rendez-vous in an agenda item's paragraph is that item's, and the rendez-vous for a
     street protest on a day announced as something else (a strike) is an event of its own.
     The lines of a programme after a procession sets off that name no other kind (or the
     speeches where it heads) are steps of the march. A day announced for a weekly event, on
     its weekday, is the occurrence the text announces.
  4. A day held at several sites is one event per site: the address lines under a date
     heading, or two venues joined in one sentence ("au centre culturel et à l'école"). An
     event that hands over to another at another place ("ce rassemblement se prolongera par
     la projection du film … à la salle municipale") gives that one too, on its day.
  5. A time without a date belongs to the date of its own sentence, else the last date stated
     before it (else the next one); times under the page's own date line, when no other day
     follows, are that day's (unless told in the past tense).
  6. A habit told with neither a time nor a place ("meetings take place each wednesday") is
     background. A day is kept only if something around it invites to act: a kind or
     invitation cue, or a date with a time and a place (an agenda entry; a date heading finds
     its place, its title and its cue in the lines below it, across blank lines).
  7. A day said only in words ("ce samedi") that disagrees with a nearby explicit date is the
     same event: the explicit date wins and the other becomes a conflicting candidate. So is
     a headline's day when the body's sentence repeats the headline's words with another day.
  8. The start is the first time of the event, or a rendez-vous on the event's own site
     within the hour before it (a march or rally starts when people gather); when a
     procession sets off before the first timed item of another kind ("vertrek van de stoet
     om 11 uur" ↵ "Daarna, om 14 uur, volksfeest"), the march starts at its assembly and the
     item is an event of its own; a route given several start times starts at the earliest
     ("s'élanceront à 14h, ils se rassemblent dès midi"); a street protest told up to two
     hours before a time whose sentence names no kind (a hearing, a vote) starts then, the
     other time being what it is about; a group's rendez-vous to join an event of others is a
     group departure; a part of the day ("samedi après-midi") gives the day and no end.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field, replace
from typing import Any

from affiche.extract import cues
from affiche.extract.locate import PlaceCandidate
from affiche.extract.segment import Segmentation, Unit
from affiche.when import TimeMention

__all__ = ["TimePoint", "Draft", "classify", "build_drafts", "at_day", "move_to",
           "past_sentences"]


@dataclass
class TimePoint:
    """A time mention with its sentence and its role: event, meeting, transport or route."""

    mention: TimeMention
    unit: Unit
    role: str
    cue: str | None = None
    day: dt.date | None = None
    head: Unit | None = None  # the line of its date, when its time is on the next line
    list_kind: str | None = None  # the kind its list's heading names ("Rassemblements :")


@dataclass
class Draft:
    """An event in the making: its day, its time points and the spans that speak of it."""

    day: dt.date
    anchors: list[TimePoint] = field(default_factory=list)
    times: list[TimePoint] = field(default_factory=list)
    start: TimePoint | None = None
    end_value: dt.datetime | dt.date | None = None
    recurring: bool = False
    start_from_meeting: bool = False
    date_only: bool = False
    conflicts: list[dt.date] = field(default_factory=list)
    item: bool = False
    notes: list[str] = field(default_factory=list)
    umbrella: bool = False
    kind: str | None = None  # the kind its own clause names, when a sentence holds two events
    place_at: int | None = None  # where its own place is named, when a day has several sites

    def offsets(self) -> list[int]:
        """Character offsets of the mentions that anchor this event."""
        if self.place_at is not None:
            return [self.place_at]
        found = [p.unit.start for p in self.anchors] or [p.unit.start for p in self.times]
        if self.start is not None and self.start.unit.start not in found \
                and self.kind is None:
            # "Départ 13h de la place d'Italie": the start's own sentence names the place too
            # (unless that sentence holds two events and so two places)
            found.append(self.start.unit.start)
        return found


_DAY_GRAINS = ("day", "hour", "minute", "second")
# the most specific role wins when a sentence has several cues ("Départ groupé : RDV 13h30")
_ROLE_PRIORITY = {"group_departure": 0, "route_start": 1, "meeting": 2, "route_end": 3}
_LONGEST_EVENT = dt.timedelta(days=31)


def at_day(mention: Any, day: dt.date) -> dt.datetime | dt.date:
    """The mention's time of day placed on `day` (or the day alone when it states no time)."""
    value = mention.value
    if not mention.has_time or not isinstance(value, dt.datetime):
        return day
    return move_to(value, day)


def move_to(value: dt.datetime | dt.date, day: dt.date) -> dt.datetime | dt.date:
    """The same wall-clock time on another day (a date becomes that day); a ZoneInfo zone
    gives the new day its own offset, across a DST change too."""
    if not isinstance(value, dt.datetime):
        return day
    return value.replace(year=day.year, month=day.month, day=day.day)


def _day(mention: Any, unit: Unit) -> dt.date | None:
    """The calendar day a dated mention resolves to; None when it names no single day."""
    value = mention.value
    if value is None and mention.open == "before" and mention.has_time:
        value = mention.end_value  # "Mardi 6 octobre ↵ Jusqu'à 17h": that day, until then
    if value is None or not mention.has_date or not _names_a_day(mention, unit):
        return None
    return value.date() if isinstance(value, dt.datetime) else value


def _names_a_day(mention: Any, unit: Unit) -> bool:
    """False for vague periods (a week, a season) and durations ("depuis 15 jours")."""
    if mention.grain not in _DAY_GRAINS:
        return False
    if mention.kind == "interval":
        if mention.open == "after" and not mention.has_time \
                and len(unit.text) - len(mention.text) > _HEADING_SLACK:
            # "from 1 April the new law applies" starts a state of things; a line of its own
            # ("from the 15th of October", under the headline) starts the event
            return False
        if mention.end_value is not None and mention.value is not None \
                and mention.end_value - mention.value > _LONGEST_EVENT:
            return False
    return True


def _cue_position(pattern: Any, unit: Unit, offset: int) -> int | None:
    """Where the last cue of `pattern` in `unit` before `offset` ends, or None."""
    found = None
    for match in pattern.finditer(unit.text, 0, max(0, offset - unit.start)):
        found = match.end()
    return found


def _cue_after(pattern: Any, unit: Unit, offset: int) -> int | None:
    """Where the first cue of `pattern` in `unit` after `offset` starts, or None."""
    found = pattern.search(unit.text, max(0, offset - unit.start))
    return found.start() if found else None


def classify(mentions: list[Any], segments: Segmentation, lang: str) -> list[TimePoint]:
    """Give each mention its unit and role (rule 1)."""
    vehicles = cues.transport_modes(lang, walking=False)
    motion = cues.phrase_pattern(cues.events_data(lang)["transport"]["depart_words"]
                                 + cues.events_data(lang)["transport"]["arrive_words"])
    meeting_table = cues.cue_table(lang, "meeting")
    ending = cues.cue_pattern(lang, "ending")
    joining = cues.cue_pattern(lang, "join_another")
    # "meet at 10.30am outside Hove station and we'll walk over together"
    departing = dict(meeting_table)["group_departure"]
    kinds = cues.cue_table(lang, "kinds")
    coaches = [(name, pattern) for name, pattern in vehicles if name in _GROUP_VEHICLES]
    points = []
    for mention in mentions:
        unit = head = segments.unit_at(mention.start)
        if _relative_only(mention, lang) and _quoted(unit, mention.start):
            continue  # « je ne sais pas où vous serez demain »: a film's title, not a day
        if "\n" in mention.text:
            # "VENDREDI 24 septembre :\n- Ambert – 18 h": the line with the time is the item;
            # a date stacked one part per line ("29 ↵ apr ↵ 2017") is read from its last line
            unit = segments.unit_at(mention.end - 1)
        role, cue = "event", None
        mode = _vehicle_moving(unit.text, vehicles, motion) or _continued_vehicle(
            segments, unit, vehicles, motion)
        if mode:
            role, cue = "transport", mode
        elif mention.open == "before" or (mention.kind == "value" and (
                _ends_before(ending, unit, mention) or _ending_label(lang, unit, mention))):
            role, cue = "end", "ending"
        else:
            # "Saturday 27 September: the march sets off at 2pm": the cue stands before the
            # time, in the words between it and the date it took
            clock_at = mention.gap[1] if mention.gap else mention.start
            # "14u00 - verzamelen aan het Sint-Pietersstation": a programme line's label
            # after its time says what the time is
            label = _programme_line(TimePoint(mention, unit, "event"))
            # "We assemble at 11am …, set off at 11.45am …": the cue nearest before the time
            # says what it is (a rendez-vous, then the start of the route); a programme line's
            # says it first after its time ("14u30 - vertrek van de stoet richting …")
            if label:
                ranked = [(-position, -_ROLE_PRIORITY[name], name)
                          for name, pattern in meeting_table
                          if (position := _cue_after(pattern, unit, mention.end)) is not None]
            else:
                limit = mention.end if head is not unit else clock_at
                ranked = [(position, -_ROLE_PRIORITY[name], name)
                          for name, pattern in meeting_table
                          if (position := _cue_position(pattern, unit, limit)) is not None]
            if ranked:
                name = max(ranked)[2]
                role, cue = ("meeting" if name != "route_end" else "route_end"), name
        carried = next((name for name, pattern in coaches if pattern.search(unit.text)), None)
        if role == "event" and carried and not mention.has_date:
            # "🚌 Limburg: bus om 8u00 vanaf de parking …": a coach's time, not the event's
            role, cue = "transport", carried
        if cue == "meeting" and (_joins_another(segments, unit, joining)
                                 or departing.search(unit.text) or carried):
            # "🚆 En train : rendez-vous à 8h15 dans le hall de la gare (train de 8h33)": a
            # rendez-vous to travel together
            # "Vredesactie loopt mee in de Grote Parade. We treffen elkaar om 13u45 aan de
            # Exki": a group meeting to join someone else's event leaves together from there
            cue = "group_departure"
        listed = None
        if (role == "event" or cue == "route_start") and not mention.has_date:
            header = _list_header(segments, unit)
            if header is not None:
                heading = next((n for n, pattern in meeting_table
                                if n != "route_end" and pattern.search(header.text)), None)
                if heading is None and any(p.search(header.text) for _, p in vehicles):
                    # "GRATIS BUSSEN VANUIT DE REGIO'S:" ↵ "* BRUGGE: VERTREK 7U45 …", "FREE
                    # COACHES FROM YORKSHIRE:" ↵ "• Leeds — departs 7.00am from …"
                    heading = "group_departure"
                if heading and (role == "event" or heading == "group_departure"):
                    role, cue = "meeting", heading
                # a list's own lines, not the sentences after it ("Le soir, à 19h, …")
                listed = _last_kind(header.text, kinds) if _BULLET.match(unit.text) else None
        points.append(TimePoint(mention, unit, role, cue, _day(mention, unit),
                                head if head is not unit else None, listed))
    return points


def _joins_another(segments: Segmentation, unit: Unit, joining: Any) -> bool:
    """True when the sentence, or the one before it in its paragraph, says the group joins an
    event of others ("Vredesactie loopt mee in de Grote Parade", "we'll be joining the march")."""
    index = segments.index_at(unit.start)
    before = segments.units[index - 1] if index else None
    return bool(joining.search(unit.text)) or (
        before is not None and before.paragraph == unit.paragraph
        and bool(joining.search(before.text)))


_OPEN_QUOTES, _CLOSE_QUOTES = "«“", "»”"


def _quoted(unit: Unit, offset: int) -> bool:
    """True when `offset` lies inside a quotation of its sentence (« … », “ … ”, " … ")."""
    before = unit.text[: offset - unit.start]
    opened = sum(before.count(q) for q in _OPEN_QUOTES)
    closed = sum(before.count(q) for q in _CLOSE_QUOTES)
    return opened > closed or before.count('"') % 2 == 1


def _ends_before(ending: Any, unit: Unit, mention: Any) -> bool:
    """True when an ending word stands just before the mention ("se terminer vers 18h")."""
    window = unit.text[max(0, mention.start - unit.start - _ENDING_REACH):
                       mention.start - unit.start]
    # "la marche se terminera au palais de justice vers 17h": the same clause, no comma
    window = re.split(r"[,;.!?()]", window)[-1]
    return bool(ending.search(window))


_ENDING_REACH = 60  # characters between an ending word and its time


def _ending_label(lang: str, unit: Unit, mention: Any) -> bool:
    """True for a programme line whose label closes the day ("Minuit : Fermeture des portes",
    "23u: sluiting")."""
    label = _ITEM_SEPARATOR.match(unit.text, mention.end - unit.start)
    if not label:
        return False
    rest = unit.text[label.end():].strip()
    found = cues.cue_pattern(lang, "ending_labels").match(rest)
    return bool(found) and len(rest) - found.end() < 20


def _opening_label(lang: str, point: TimePoint) -> bool:
    """True for a programme line that only opens the doors ("Doors 7pm", "18h : ouverture des
    portes et repas", "19u: deuren open")."""
    unit, mention = point.unit, point.mention
    label = (unit.text[:mention.start - unit.start] + " "
             + unit.text[mention.end - unit.start:]).strip(" \t-–—:•*>|")
    found = cues.cue_pattern(lang, "opening_labels").match(label)
    # what it says besides names no event but a meal ("… et repas"; not "… puis concert")
    return bool(found) and _last_kind(label[found.end():], cues.cue_table(lang, "kinds")) \
        in (None, "other")


def _list_header(segments: Segmentation, unit: Unit) -> Unit | None:
    """The line ending with ':' that introduces the list `unit` belongs to, if any
    ("Vertrekplaatsen en uren:" above "• Schoten, parking: 9.20 u.")."""
    index = segments.index_at(unit.start)
    for back in range(index - 1, max(-1, index - 12), -1):
        candidate = segments.units[back]
        if candidate.paragraph < unit.paragraph - 1:
            return None
        if candidate.text.rstrip().endswith(":"):
            return candidate
    return None


_MOTION_REACH = 60  # characters after a vehicle within which it leaves or arrives
_GROUP_VEHICLES = ("train", "bus")  # what a group travels by to a protest (not a metro stop)


def _vehicle_moving(text: str, modes: Any, motion: Any) -> str | None:
    """The mode of a vehicle that a sentence says leaves or arrives ("un train part à 13h"):
    the motion word must follow the vehicle closely."""
    for name, pattern in modes:
        for match in pattern.finditer(text):
            if motion.search(text, match.end(), match.end() + _MOTION_REACH):
                return name
    return None


def _continued_vehicle(segments: Segmentation, unit: Unit, modes: Any,
                       motion: Any) -> str | None:
    """The vehicle of the line before, when this line opens with a departure or arrival
    ("EN BUS : ligne 57" then "Départ de République à 9h50")."""
    opening = motion.match(unit.text.lstrip(" -–•*>:"))
    index = segments.index_at(unit.start)
    if not opening or index == 0:
        return None
    before = segments.units[index - 1]
    if before.paragraph != unit.paragraph:
        return None
    return next((name for name, pattern in modes if pattern.search(before.text)), None)


def _cancelled(point: TimePoint, cancelled: Any) -> bool:
    """True when the sentence cancels or postpones the event of this date; the date right
    after "reporté au / uitgesteld naar / postponed to" is the new one and stands."""
    return any(not _right_after(point, match) for match in cancelled.finditer(point.unit.text))


def _moved_to(point: TimePoint, cancelled: Any) -> bool:
    """True for the new date of a postponed event ("a été reporté au 4 juillet")."""
    return any(_right_after(point, match) for match in cancelled.finditer(point.unit.text))


def _right_after(point: TimePoint, match: re.Match[str]) -> bool:
    """True when the mention follows the cue within a few characters ("reporté au ")."""
    return 0 <= point.mention.start - (point.unit.start + match.end()) <= 8


def _without_session_times(points: list[TimePoint], lang: str) -> list[TimePoint]:
    """The points without the times of an institution's session that the clause before them
    names ("Join us from 1pm — the full council meeting starts at 1.30pm"): what the protest
    is about, not when it is."""
    sessions = cues.cue_pattern(lang, "sessions")
    kept = []
    for point in points:
        mention, unit = point.mention, point.unit
        if mention.has_time and not mention.has_date:
            before = [p.mention.end for p in points if p.unit == unit
                      and p.mention.end <= mention.start]
            clause = unit.text[max(before, default=unit.start) - unit.start:
                               mention.start - unit.start]
            if sessions.search(clause):
                continue
        kept.append(point)
    return kept


def past_sentences(points: list[TimePoint], reference: dt.datetime) -> list[tuple[int, int]]:
    """The spans of the sentences that name a day already over: what they place is over."""
    return sorted({(p.unit.start, p.unit.end) for p in points if _is_past(p, reference)})


def _is_past(point: TimePoint, reference: dt.datetime) -> bool:
    """True when the mention is over before the reference day, or is a day without its year
    that would fall most of a year ahead: "la manifestation du 12 décembre", read in March,
    is the one of last December (calls that far ahead give the year)."""
    mention = point.mention
    if point.day is None:
        return False
    end = mention.end_value
    end_day = (end.date() if isinstance(end, dt.datetime) else end) if end else point.day
    if max(point.day, end_day) < reference.date():
        return True
    # a weekday that agrees with the day ("Thursday 20 November") says which year it is
    return (point.day - reference.date()).days > _YEARLESS_REACH \
        and not _YEAR.search(mention.text) and not _names_weekday(mention.text)


def _names_weekday(text: str) -> bool:
    """True when the text holds a weekday name of any language."""
    return any(word in _weekday_words() for word in re.findall(r"[^\W\d_]+", text.casefold()))


@functools.cache
def _weekday_words() -> frozenset[str]:
    """The weekday names of every language file (lower case, without a final dot)."""
    from affiche import lang as language_data

    return frozenset(word.casefold().rstrip(".") for code in language_data.available()
                     for word in cues.time_words(code, "weekday_words"))


_YEARLESS_REACH = 240  # days ahead beyond which a day without its year is last year's
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)|['’]\d{2}\b|\d{1,2}[/.-]\d{1,2}[/.-]\d{2}\b")


def _is_report(point: TimePoint, lang: str, reference: dt.datetime, report: bool,
               past_units: set[int] | frozenset[int] = frozenset(),
               dateline: bool = False) -> bool:
    """True for a mention in a sentence written as a report, which invites to nothing (rule 2);
    in a document written as a report, a weekday or "today" without a day number is too; so
    is the page's publication line (`dateline`, from `_is_dateline`)."""
    if report and not any(ch.isdigit() for ch in point.mention.text) \
            and not point.mention.has_time:
        # "Later vanmiddag wordt op de Dam nog een demonstratie gehouden": still to come
        return not _still_to_come(point, lang)
    if dateline:
        return True
    if not cues.past_pattern(lang).search(point.unit.text):
        # on the day of writing, the perfect tense tells what happened earlier that day
        # ("Today, at noon, the council has voted the cuts"), unless the sentence invites
        return point.day == reference.date() and _told_as_done(point, lang)
    if point.unit.start in past_units and point.day is not None \
            and point.day > reference.date():
        # "launched on 7 October last, it goes on this Saturday 14": the past tense is the
        # other day's, and a later day in the same sentence is still to come
        return False
    return point.day == reference.date() or not cues.cue_pattern(lang, "invite").search(
        point.unit.text)


def _dated_until(point: TimePoint) -> bool:
    """True for a day given with only its closing time ("Mardi 6 octobre ↵ Jusqu'à 17h")."""
    return point.role == "end" and point.mention.open == "before" and point.day is not None


def _told_as_done(point: TimePoint, lang: str) -> bool:
    """True when the point's sentence is told in the past or perfect tense and invites to
    nothing ("les cloches ont retenti", "the council has voted")."""
    return _done(point.unit.text, lang)


def _done(text: str, lang: str, tense_only: bool = False) -> bool:
    """True when a sentence is told in the past or perfect tense (by its verbs alone with
    `tense_only`) and invites to nothing."""
    return bool(cues.past_pattern(lang, perfect=True, tense_only=tense_only).search(text)) \
        and not cues.cue_pattern(lang, "invite").search(text)


def done_sentences(segments: Segmentation, lang: str) -> list[tuple[int, int]]:
    """The spans of the sentences told in a past tense that invite to nothing: the towns they
    name are where something happened ("Il avait été placé au centre fermé de Merksplas"),
    not where one is invited (a past day's word, "la semaine précédente", is no tense)."""
    return [(u.start, u.end) for u in segments.units if _done(u.text, lang, tense_only=True)]


def _still_live(points: list[TimePoint], lang: str) -> list[TimePoint]:
    """The undated points whose sentence is not told as done."""
    return [p for p in points if not _told_as_done(p, lang)]


def _still_to_come(point: TimePoint, lang: str) -> bool:
    """True when a word right before (or opening) a day said in words puts it ahead of the
    report's present ("Later vanmiddag", "plus tard dans la soirée")."""
    start = point.mention.start - point.unit.start
    # the time engine often takes the word into the mention itself ("Later vanmiddag")
    window = point.unit.text[max(0, start - 20): start + 12]
    return bool(cues.cue_pattern(lang, "still_to_come").search(window))


def _is_dateline(point: TimePoint, reference: dt.datetime, lang: str) -> bool:
    """True for the publication date line of a page or post ("01 maart 2019", "» 07 Avr 2015,
    14:05"): the reference day, (nearly) alone on its line, and no cue in it."""
    if point.day != reference.date():
        return False
    unit = point.head or point.unit  # "19 juni 2019\n16u48 …": the date's own line
    stated = point.mention.text.split("\n", 1)[0] if point.head else point.mention.text
    if cues.cue_pattern(lang, "invite").search(unit.text) or any(
            p.search(unit.text) for _, p in cues.cue_table(lang, "kinds")):
        return False
    return len(unit.text) - len(stated) < 25


def _registration(point: TimePoint, lang: str) -> bool:
    """True for a registration or ticket date ("inschrijven vanaf 17 mei"): a registration
    word shortly before the mention, with no kind of event named in between."""
    unit, mention = point.unit, point.mention
    window = unit.text[max(0, mention.start - unit.start - 60): mention.start - unit.start]
    # a flattened page glues a link to the next sentence ("Wereldmaal DOKSchrijf je in")
    window = _GLUED.sub(" ", window)
    found = None
    for match in cues.cue_pattern(lang, "registration").finditer(window):
        found = match
    if found is None:
        return False
    between = window[found.end():]
    return not any(p.search(between) for _, p in cues.cue_table(lang, "kinds"))


_GLUED = re.compile(r"(?<=[^\W\d_])(?=[A-Z][a-z])")


def is_report(text: str, lang: str) -> bool:
    """True when a text reads as a report: at least twice as many past-tense cues as
    invitations, and at least two."""
    past = len(cues.past_pattern(lang).findall(text))
    invitations = len(cues.cue_pattern(lang, "invite").findall(text))
    return past >= 2 and past >= 2 * invitations


def _relative_only(mention: Any, lang: str) -> bool:
    """True for a bare relative day ("aujourd'hui", "today") with no time: it often describes
    the present situation rather than announcing an event."""
    from affiche import lang as language_data

    words = language_data.load(lang).get("time", {}).get("relative_day_words", {})
    folded = {w.casefold() for w in words}
    return not mention.has_time and mention.text.strip().casefold() in folded


def _bare_habit(draft: Draft, places: list[PlaceCandidate]) -> bool:
    """True for a habit told with neither a time nor a place ("meetings take place each
    wednesday"): background to the call, nothing one could go to."""
    return draft.recurring and not any(p.mention.has_time for p in draft.times) \
        and not any(_has_place(p.unit, places) for p in draft.times)


def _invites(segments: Segmentation, points: list[TimePoint], lang: str,
             title: str | None, places: list[PlaceCandidate]) -> bool:
    """Rule 5: a kind or invitation cue near one of the points, or a date with a time and a
    place (an agenda entry); a bare relative day needs the cue in its own sentence."""
    invite = cues.cue_pattern(lang, "invite")
    kinds = cues.cue_table(lang, "kinds")
    for point in points:
        after = segments.neighbours(point.mention.start, 0, 1)
        heading = _is_heading(point)
        index = segments.index_at(point.unit.start)
        if heading:
            # "SAMEDI 7/03 de 11h à 14h" ↵↵ "Maison de quartier, rue Haute 12": an agenda's
            # date heading gives its place in the next paragraph
            after = segments.units[index: index + 2]
        if point.mention.has_date and point.mention.has_time and any(
                _has_place(unit, places) for unit in after):
            return True
        # a day without a time (or a bare "aujourd'hui") needs the cue in its own sentence
        wide = 0 if _relative_only(point.mention, lang) else 1
        around = " ".join(u.text for u in segments.neighbours(point.mention.start, wide, wide))
        if heading and not point.mention.has_time:
            # an agenda's date heading ("29 ↵ apr ↵ 2017") is followed by the entry's title
            # and its first sentence, across blank lines
            around += " " + " ".join(u.text for u in segments.units[index + 1: index + 4])
        if invite.search(around) or any(p.search(around) for _, p in kinds):
            return True
    return bool(title) and any(p.search(title or "") for _, p in kinds) and any(
        p.mention.has_time for p in points)


def build_drafts(points: list[TimePoint], segments: Segmentation, places: list[PlaceCandidate],
                 lang: str, reference: dt.datetime, title: str | None) -> list[Draft]:
    """Group time points into event drafts (rules 2-5)."""
    cancelled = cues.cue_pattern(lang, "cancelled")
    report = is_report(" ".join(u.text for u in segments.units), lang)
    # the day of each sentence, for its times; a past day mentioned in passing lends none
    unit_days = {p.unit.start: p.day for p in reversed(points)
                 if p.day is not None and p.day >= reference.date()}
    # sentences that name a day already over: their past tense speaks of that day
    past_units = {p.unit.start for p in points if _is_past(p, reference)}
    points = _without_session_times(points, lang)
    waiting: list[TimePoint] = []
    by_day: dict[dt.date, Draft] = {}
    current: dt.date | None = None
    current_live = under_dateline = False
    last_live: TimePoint | None = None  # the last dated point that is an event's day
    past_unit: int | None = None
    cancelled_days: set[dt.date] = set()
    called_off: dt.date | None = None  # the day of a cancelled item, still live after it
    pending: list[TimePoint] = []
    dateline_points = {id(p) for p in points
                       if p.day is not None and _is_dateline(p, reference, lang)}
    datelines = {segments.index_at(p.unit.start) for p in points if id(p) in dateline_points}
    for point in points:
        if point.day is None and point.mention.has_date:
            continue  # a vague period or a duration: no day to hang anything on
        if point.day is None and _opens_with_time(point) \
                and segments.index_at(point.unit.start) - 1 in datelines:
            continue  # "19 juni 2019 / 16u48 …": the hour the page was published
        if point.day is not None:
            current = point.day
            moved, off = _moved_to(point, cancelled), _cancelled(point, cancelled)
            live = not _is_past(point, reference) and not _registration(point, lang) and (
                moved or not (_is_report(point, lang, reference, report, past_units,
                                         id(point) in dateline_points) or off))
            if live and point.day in cancelled_days and not point.mention.has_time:
                # "tomorrow's lobby … is POSTPONED" … "a meeting with your MP for tomorrow":
                # the day called off, named again without a time of its own
                live = False
            if not live and off and not moved:
                cancelled_days.add(point.day)
            current_live = live
            # "vendredi 20 mai 2022" ↵ "Jusqu'à 13h, …": an agenda's times under its page date
            # belong to the next day it announces
            under_dateline = not live and point.day >= reference.date() \
                and segments.index_at(point.unit.start) in datelines
            if not live:
                past_unit = point.unit.start
                # a cancelled item leaves its day live for the next sentences ("Conférence
                # annulée à 19h" ↵ "Puis concerts à partir de 21h30")
                called_off = point.day if point.day >= reference.date() and not moved \
                    and off else None
                continue
            called_off = None
            last_live = point
            draft = by_day.setdefault(point.day, Draft(point.day))
            if point.role == "event" or _dated_until(point):
                draft.anchors.append(point)
            draft.times.append(point)
            draft.recurring = draft.recurring or bool(getattr(point.mention, "recurring", False))
            if pending:
                # rule 4: times stated before any date belong to the first date that follows,
                # unless told in the past ("À 11 heures, les cloches ont retenti")
                for earlier in _still_live(pending, lang):
                    earlier.day = point.day
                    draft.times.insert(0, earlier)
                pending = []
        elif point.unit.start in unit_days and unit_days[point.unit.start] != current:
            # "RDV 11h devant le tribunal mercredi 13": the date of its own sentence
            point.day = unit_days[point.unit.start]
            waiting.append(point)
        elif current is None or under_dateline:
            if segments.unit_at(point.mention.start).paragraph <= 1 or under_dateline:
                pending.append(point)
        elif current_live:
            point.day = current
            by_day[current].times.append(point)
        elif called_off is not None and point.unit.start != past_unit:
            point.day = called_off
            draft = by_day.setdefault(called_off, Draft(called_off))
            if point.role == "event":
                draft.anchors.append(point)
            draft.times.append(point)
        elif last_live is not None and point.unit.start != past_unit \
                and last_live.day in by_day and not _told_as_done(point, lang):
            # "unlike the previous Saturday. The rally starts at noon": a past day mentioned in
            # passing keeps only its own sentence; the text goes on about the event ("… la
            # manifestation du 12 décembre. Rassemblement de soutien dès 12h …" under
            # "Demain mardi, …"), unless it tells what was done then
            point.day = last_live.day
            by_day[last_live.day].times.append(point)
    if pending and under_dateline and current is not None:
        # the page's date is the only day it gives: its agenda's times are that day's
        # ("vendredi 20 mai 2022" ↵ "à 14h, rassemblement …"), unless told as a report
        live_times = _still_live(pending, lang)
        if live_times:
            draft = by_day.setdefault(current, Draft(current))
            for point in live_times:
                point.day = current
                draft.times.append(point)
                if point.role == "event":
                    draft.anchors.append(point)
    for point in waiting:
        if point.day in by_day:
            by_day[point.day].times.append(point)
            by_day[point.day].times.sort(key=lambda p: p.mention.start)
    drafts = [d for d in by_day.values() if d.anchors or any(
        p.role == "meeting" for p in d.times)]
    drafts = [d for d in drafts if _invites(segments, d.times, lang, title, places)
              and not _bare_habit(d, places)]
    drafts = _merge_conflicts(drafts)
    drafts = _merge_next_occurrence(drafts)
    drafts = _without_agenda_period(drafts, lang, places)
    drafts = _merge_headline_twin(drafts, segments)
    if len(drafts) > 1:
        drafts = [d for d in drafts if not _title_date(d, segments, reference)]
    result: list[Draft] = []
    dated = sorted(p.unit.start for p in points if p.mention.has_date)
    # the kind the headline names ("Veillée aux bougies pour Inès"), for days whose own
    # sentence names none
    title_kind = _last_kind(title, cues.cue_table(lang, "kinds")) if title else None
    for draft in sorted(drafts, key=lambda d: d.day):
        for part in _split_programme(draft, places, lang, title_kind):
            result.extend(_split_sites(part, segments, places, dated, lang))
            result.extend(_same_hour_elsewhere(part, segments, lang, places))
    result += [follow for draft in result for follow in _followed_by(draft, segments, places,
                                                                      dated, lang)]
    return result


_FOLLOW_REACH = 2  # sentences after an event's own ones where it may hand over to another


def _followed_by(draft: Draft, segments: Segmentation, places: list[PlaceCandidate],
                 dated: list[int], lang: str) -> list[Draft]:
    """The event another one hands over to, at another place, on the same day ("ce
    rassemblement se prolongera par la projection du film … à la salle municipale René
    Grison"): its day and no time, its kind and its place from that sentence."""
    if draft.item or draft.umbrella or draft.start is None or draft.place_at is not None:
        return []
    follow = cues.cue_pattern(lang, "followed_by")
    kinds = cues.cue_table(lang, "kinds")
    if not draft.anchors:
        return []
    own_sites = {_unit_place_key(p.unit, places) for p in draft.anchors} - {None}
    indexes = sorted({segments.index_at(p.unit.start) for p in draft.anchors})
    last = min(indexes[-1] + _FOLLOW_REACH, len(segments.units) - 1)
    found: list[Draft] = []
    for index in range(indexes[0], last + 1):
        unit = segments.units[index]
        if index > indexes[-1] and any(unit.start <= d < unit.end for d in dated):
            break  # another day's sentence
        handover = follow.search(unit.text)
        if handover is None:
            continue
        rest = _unplaced(unit, places)[handover.end():]
        kind = _first_kind(rest[:_KIND_AFTER], kinds)
        venue = next((c for c in places if c.source in ("venue", "address")
                      and unit.start + handover.end() <= c.start < unit.end), None)
        if kind is None or venue is None:
            continue
        key = (venue.place.street or venue.place.name or "").casefold()
        if key and key not in own_sites:
            found.append(replace(draft, anchors=[draft.start], times=[draft.start],
                                 date_only=True, end_value=None, start_from_meeting=False,
                                 item=True, kind=kind, place_at=venue.start,
                                 conflicts=[], notes=[]))
    return found


_HEADING_SLACK = 15  # characters beside the date that a date heading may hold
_SITE_LINES = 8  # how far below a date heading its sites may be listed


def _split_sites(draft: Draft, segments: Segmentation, places: list[PlaceCandidate],
                 dated: list[int], lang: str) -> list[Draft]:
    """One draft per site when a day is held at several places: the lines under a date
    heading that each give an address ("SAMEDI 25/11 de 11h à 14h" ↵ two schools), or two
    venues joined in the start's sentence ("au centre culturel de Chênée et à l'école …")."""
    start = draft.start
    if start is None or draft.umbrella:
        return [draft]
    unit = start.unit
    sites: list[int] = []
    if _is_heading(start):
        index = segments.index_at(unit.start)
        for below in segments.units[index + 1: index + 1 + _SITE_LINES]:
            if any(below.start <= d < below.end for d in dated):
                break  # the next date heading opens the next day
            if any(c.source == "address" and below.start <= c.start < below.end
                   for c in places):
                sites.append(below.start)
    else:
        sites = _joined_venues(unit, places, lang)
    if len(sites) < 2:
        return [draft]
    draft.place_at = sites[0]
    copies = [replace(draft, anchors=list(draft.anchors), times=list(draft.times),
                      conflicts=list(draft.conflicts), notes=list(draft.notes), place_at=site)
              for site in sites[1:]]
    return [draft, *copies]


def _is_heading(point: TimePoint) -> bool:
    """True for a line that is (nearly) only its date and time ("SAMEDI 25/11 de 11h à 14h")."""
    return len(point.unit.text) - len(point.mention.text.split("\n")[-1]) <= _HEADING_SLACK


def _joined_venues(unit: Unit, places: list[PlaceCandidate], lang: str) -> list[int]:
    """The offsets of two or more venues of one sentence joined as sites of the same day
    ("au centre culturel de Chênée et à l'école communale"), by the language's joiners."""
    joiner = cues.cue_pattern(lang, "site_joiners")
    venues = [c for c in places if c.source == "venue" and unit.start <= c.start < unit.end]
    found: list[int] = []
    for first, second in zip(venues, venues[1:], strict=False):
        between = unit.text[first.end - unit.start: second.start - unit.start]
        if joiner.fullmatch(between.strip()):
            found.extend(o for o in (first.start, second.start) if o not in found)
    return found


def _title_date(draft: Draft, segments: Segmentation, reference: dt.datetime) -> bool:
    """True for the publication date written in the headline ("… op Refugee Walk 23 mei
    2018" published that day): the reference day, no time, and only on the first line."""
    return draft.day == reference.date() and all(
        not p.mention.has_time and segments.index_at(p.unit.start) == 0 for p in draft.times)


def _in_words_only(draft: Draft) -> bool:
    """True for a day known only from words ("ce samedi", "demain"), with no time and no number."""
    return all(not p.mention.has_time and not any(ch.isdigit() for ch in p.mention.text)
               for p in draft.times)


def _merge_conflicts(drafts: list[Draft]) -> list[Draft]:
    """A day given only in words that disagrees with a nearby numbered day is the same event
    told twice: the explicit date wins and the other is kept as a conflicting candidate."""
    explicit = [d for d in drafts if not _in_words_only(d)]
    kept = []
    for draft in drafts:
        if _in_words_only(draft):
            near = [d for d in explicit if 0 < abs((d.day - draft.day).days) <= 7]
            if len(near) == 1:
                near[0].conflicts.append(draft.day)
                continue
        kept.append(draft)
    return kept


def _without_agenda_period(drafts: list[Draft], lang: str,
                           places: list[PlaceCandidate]) -> list[Draft]:
    """Without the period an agenda covers ("AGENDA DES LUTTES" ↵ "Semaine du 8 au 14
    mars"): a span of days without a time, whose sentence names no kind of event nor
    invites, that holds the days of two other events, is the agenda's heading (a festival
    named so stays an event)."""
    kinds = cues.cue_table(lang, "kinds")
    invite = cues.cue_pattern(lang, "invite")
    kept = []
    for draft in drafts:
        spans = [p for p in draft.times if p.mention.kind == "interval"
                 and not p.mention.has_time and p.mention.end_value is not None]
        if len(draft.times) == len(spans) == 1:
            mention, unit = spans[0].mention, spans[0].unit
            last = mention.end_value.date() if isinstance(mention.end_value, dt.datetime) \
                else mention.end_value
            inside = [d for d in drafts if d is not draft and draft.day <= d.day <= last]
            if len(inside) >= 2 and _last_kind(_unplaced(unit, places), kinds) is None \
                    and not invite.search(unit.text):
                continue
        kept.append(draft)
    return kept


def _merge_next_occurrence(drafts: list[Draft]) -> list[Draft]:
    """A day without a time on the weekday of a repeated event, later than its next
    occurrence ("every Friday at 6pm" … "Next vigil: Friday 24 October"), is the occurrence
    the text announces: the repeated event moves to that day."""
    kept = list(drafts)
    for repeated in drafts:
        if not repeated.recurring or repeated not in kept:
            continue
        told = [d for d in kept if d is not repeated and not d.recurring
                and d.day > repeated.day and d.day.weekday() == repeated.day.weekday()
                and not any(p.mention.has_time for p in d.times)]
        if len(told) == 1:
            (next_one,) = told
            repeated.day = next_one.day
            repeated.anchors += next_one.anchors
            repeated.times += next_one.times
            kept.remove(next_one)
    return kept


_HEAD_LINES = 3  # the first units of a text, where its headline stands
_TWIN_WORDS = 3  # words in a row that the headline and the body sentence share


def _merge_headline_twin(drafts: list[Draft], segments: Segmentation) -> list[Draft]:
    """A headline that gives another day than the body's sentence for the same words
    ("Rencontrer X et Y, le 21 novembre" over "venez rencontrer X et Y, le samedi 5
    septembre") is one event told twice: the body's day wins, the headline's is kept as a
    conflicting candidate (never silently)."""
    if len(drafts) < 2:
        return drafts
    kept = list(drafts)
    for draft in drafts:
        if not all(segments.index_at(p.unit.start) < _HEAD_LINES for p in draft.times):
            continue
        said = _word_runs(" ".join(_undated(p) for p in draft.anchors or draft.times))
        twin = next((other for other in kept if other is not draft and other.day != draft.day
                     and any(said & _word_runs(_undated(p)) for p in other.anchors)), None)
        if twin is not None:
            twin.conflicts.append(draft.day)
            kept.remove(draft)
    return kept


def _undated(point: TimePoint) -> str:
    """The point's sentence without its time expression."""
    start = point.mention.start - point.unit.start
    return point.unit.text[:start] + " " + point.unit.text[start + len(point.mention.text):]


def _word_runs(text: str) -> set[tuple[str, ...]]:
    """Every run of `_TWIN_WORDS` words of `text` (lower case) that holds a capitalised name
    or a long word, so that "de la" runs of small words match nothing."""
    words = re.findall(r"[^\W\d_]+", text)
    runs = set()
    for index in range(len(words) - _TWIN_WORDS + 1):
        run = words[index: index + _TWIN_WORDS]
        if sum(len(w) >= 5 or w[0].isupper() for w in run) >= 2:
            runs.add(tuple(w.casefold() for w in run))
    return runs


def _event_times(draft: Draft) -> list[TimePoint]:
    """The event-role points of a draft that state a time of day."""
    return [p for p in draft.times if p.role == "event" and p.mention.has_time]


def _split_programme(draft: Draft, places: list[PlaceCandidate], lang: str,
                     title_kind: str | None = None) -> list[Draft]:
    """Rule 3: one draft per timed item of the day whose own sentence names a kind of event
    ("concert à 20h", "projection à 18h30") or that is a list item with its own place
    ("- Ambert – 18 h, place des Allées"); other times of the day stay with the first."""
    others = _other_group_items(draft, lang, places) + _protest_rendez_vous(draft, lang, places)
    if others:
        # "Les Gilets jaunes s'élanceront quant à eux à 14h du boulevard Diderot": another
        # group's own event on the same day
        return [*_split_programme(draft, places, lang, title_kind), *others]
    timed = _event_times(draft)
    if not timed:
        return [_finish(draft, lang, places)]
    kinds = cues.cue_table(lang, "kinds")
    primary = timed[0]
    theirs = _last_kind(_unplaced(primary.unit, places), kinds)  # the first item's own kind
    until = [_until_item(draft, point, lang, places) for point in list(draft.times)
             if point.role == "end" and point.mention.has_time and _opens_with_time(point)
             and point.mention.start < primary.mention.start]
    if until:
        # "Jusqu'à 13h, la CGT tient sa permanence" ↵ "à 14h, rassemblement": an agenda
        # entry that opens with its closing time is an event of its own, open since morning
        return [*until, *_split_programme(draft, places, lang, title_kind)]
    if _after_the_march(draft, primary, theirs, kinds, places):
        # "vertrek van de stoet om 11 uur …" ↵ "Daarna, om 14 uur, volksfeest": the march is
        # the day's event (from its assembly), the feast after it another one
        item = _take_item(draft, primary, None, lang, places)
        return [*_split_programme(draft, places, lang, title_kind), item]
    later = _part_of_day_item(draft, primary, theirs, kinds, places)
    if later is not None:
        # "Grande mobilisation ce 22/09 à 19h …" ↵ "Le soir, soirée de soutien au Garcia
        # Lorca": a part of the day opening a sentence of another kind is its own event
        item = _take_item(draft, later, None, lang, places)
        item.date_only = True
        return [*_split_programme(draft, places, lang, title_kind), item]
    untimed = _untimed_other_kind(draft, primary, theirs, kinds, places)
    if untimed is not None:
        # "Woensdagnamiddag 20 juni: de Refugee Walk. Vanaf 18 uur: een Wereldmaal": a day
        # named with its own kind, before the timed items of another kind, is its own event
        alone = _take_item(draft, untimed, None, lang, places)
        return [alone, *_split_programme(draft, places, lang, title_kind)]
    # an item is told apart by its time, or by its own place when items share a time
    # ("- MELUN : 9h30 …", "- MEAUX : 9h30 …")
    seen = {(_clock(primary), _unit_place_key(primary.unit, places))}
    extra: list[Draft] = []
    for point in timed:
        key = (_clock(point), _unit_place_key(point.unit, places))
        if point is primary or key in seen or (
                key[1] is None and any(c == key[0] for c, _ in seen)):
            continue
        if point.unit == primary.unit:
            # "the rally starts at noon and the vigil starts at 6": one sentence, two events
            own, begins = _own_kind(point, kinds, places)
            before = _last_kind(_unplaced(point.unit, places)[:begins], kinds)
            if own is not None and before != own:
                seen.add(key)
                draft.kind = draft.kind or before
                item = _take_item(draft, point, own, lang, places)
                # "… puis manifestation à 17h au départ de la gare Centrale": its own place
                # is named after its time
                item.place_at = next((c.start for c in places if c.source != "locality"
                                      and point.mention.end <= c.start < point.unit.end), None)
                extra.append(item)
            continue
        listed = _programme_line(point) or _opens_with_time(point) or (
            _BULLET.match(point.unit.text) and _has_place(point.unit, places))
        if any(c == key[0] for c, _ in seen) and not listed:
            # the same hour again at another place in running text is the same event told
            # twice ("we will gather from 3pm near the embassy"); only a list sets items apart
            continue
        own = _last_kind(_unplaced(point.unit, places), kinds)
        if not listed and theirs is None and own in _STREET_PROTESTS \
                and primary in draft.times and _gathers_before(point, primary):
            # "Le procès reprend … à 9h au palais de justice" ↵ "concentration devant le
            # tribunal dès 8h30": the protest before what it is about is the event
            draft.times.remove(primary)
            continue
        if not listed and own is not None and own == (theirs or title_kind) \
                and _gathers_before(primary, point, _PROTEST_GOES_ON):
            # "Veillée … à 20h" ↵ "Une minute de silence sera observée à 20h15": a moment of
            # the same event, told in running text
            continue
        if listed and own in (None, "meeting") \
                and _step_after_setting_off(draft, point, places, own is None):
            # "14u30 - vertrek van de stoet richting Korenmarkt" ↵ "16u00 - toespraken op de
            # Korenmarkt": the speeches where the march arrives are a step of the march
            continue
        if not listed and own in _STREET_PROTESTS and key[1] is None \
                and theirs in _STREET_PROTESTS:
            # "Assemble: Rochester Station 12pm" ↵ "Rally starts at 12.30pm" ↵ "Set off at
            # 1pm": the steps of one street protest, at its own place
            continue
        previous = extra[-1].start if extra else primary
        if listed and previous is not None and _same_protest_goes_on(previous, point, kinds,
                                                                    places):
            # "11.00am Rally opens" ↵ "12 noon Main Rally at US Embassy": one rally
            draft.times.remove(point)
            if point in draft.anchors:
                draft.anchors.remove(point)
            target = extra[-1] if extra else draft
            target.times.append(point)
            target.anchors.append(point)
            seen.add(key)
            continue
        # "naar het stadhuis op de Grote Markt, waar we rond 15u30 aankomen": a place's name
        # ("Markt") names no kind of event
        if own is not None or listed:
            seen.add(key)
            extra.append(_take_item(draft, point, None, lang, places))
    _hand_rendez_vous_to_items(draft, primary, extra)
    first = _finish(draft, lang, places)
    own_places = {_unit_place_key(d.start.unit, places) for d in extra if d.start} - {None}
    if len(extra) >= 2 and not own_places and first.start is not None:
        # a programme at one place: the day itself is an event too, starting with its first
        # item (a list of actions at several places is no programme)
        umbrella = Draft(draft.day, anchors=list(draft.anchors), times=[first.start],
                         umbrella=True)
        umbrella.start = first.start
        closing = [p for p in draft.times if p.role == "end" and p.mention.has_time
                   and _programme_line(p)]
        if closing:
            # "Minuit : Fermeture des portes" ends the whole day, not its first item
            stated = closing[-1].mention.end_value or closing[-1].mention.value
            if stated is not None:
                umbrella.end_value = move_to(stated, draft.day)
        if _opening_label(lang, first.start):
            # "Doors 7pm", "18h : ouverture des portes": the evening opens, no item of its own
            return [umbrella, *extra]
        return [umbrella, first, *extra]
    return [first, *extra]


def _hand_rendez_vous_to_items(draft: Draft, primary: TimePoint, items: list[Draft]) -> None:
    """Give an item the rendez-vous told in its own paragraph, away from the day's first
    event ("à 14h aussi, … un rassemblement" ↵ "… et le rdv est donné à 14h devant
    l'hôpital Beaujon, à Clichy"): the paragraph goes on about that item."""
    for point in list(draft.times):
        if point.role != "meeting" or point.unit.paragraph == primary.unit.paragraph:
            continue
        owner = next((item for item in items if item.start is not None
                      and item.start.unit.paragraph == point.unit.paragraph
                      and item.start.mention.start < point.mention.start), None)
        if owner is not None:
            draft.times.remove(point)
            owner.times.append(point)


_PROTEST_GOES_ON = 90  # minutes: the longest gap between two lines of one street protest


_BEFORE_REACH = 120  # minutes before a hearing or a vote within which a protest gathers for it


def _gathers_before(point: TimePoint, primary: TimePoint, reach: int = _BEFORE_REACH) -> bool:
    """True when `point` is earlier than `primary` the same day, by at most `reach` minutes."""
    before, after = _clock(point), _clock(primary)
    if before is None or after is None:
        return False
    return 0 < (after[0] - before[0]) * 60 + after[1] - before[1] <= reach


_STEP_REACH = 180  # minutes after a procession sets off within which an unnamed line is a step


def _step_after_setting_off(draft: Draft, point: TimePoint, places: list[PlaceCandidate],
                            unnamed: bool) -> bool:
    """True when a procession of the day sets off before `point`, at most `_STEP_REACH`
    minutes before it, and the line names no kind of its own (`unnamed`) or stands where the
    procession heads ("… vers la place Flagey" ↵ "16h00 : prises de parole place Flagey")."""
    now = _clock(point)
    if now is None:
        return False
    here = _unit_place_key(point.unit, places)
    for other in draft.times:
        began = _clock(other) if other.cue == "route_start" else None
        if began is None or not 0 < (now[0] - began[0]) * 60 + now[1] - began[1] <= _STEP_REACH:
            continue
        heads_for = {(c.place.street or c.place.name or c.place.locality or "").casefold()
                     for c in places if other.mention.end <= c.start < other.unit.end}
        if unnamed or here in heads_for:
            return True
    return False


def _same_protest_goes_on(previous: TimePoint, point: TimePoint, kinds: Any,
                          places: list[PlaceCandidate]) -> bool:
    """True for a programme line that carries on the street protest of the line before: the
    same kind of protest heads both lines, at most an hour and a half apart."""
    before, now = _clock(previous), _clock(point)
    if before is None or now is None or not _programme_line(previous) and \
            not _opens_with_time(previous):
        return False
    gap = (now[0] - before[0]) * 60 + now[1] - before[1]
    kind = _first_kind(_unplaced(point.unit, places), kinds)
    return 0 < gap <= _PROTEST_GOES_ON and kind in _STREET_PROTESTS \
        and kind == _first_kind(_unplaced(previous.unit, places), kinds)


def _unplaced(unit: Unit, places: list[PlaceCandidate]) -> str:
    """The unit's text with its places blanked ("Market Square" names no market)."""
    text = unit.text
    for candidate in places:
        if unit.start <= candidate.start < unit.end:
            low, high = candidate.start - unit.start, min(candidate.end, unit.end) - unit.start
            text = text[:low] + " " * (high - low) + text[high:]
    return text


def _other_group_items(draft: Draft, lang: str, places: list[PlaceCandidate]) -> list[Draft]:
    """The sentences of the day that tell, with the language's `other_group` words, what
    another group does at its own place and time ("Florian Philippot et les Patriotes, eux, se
    retrouvent à 14 h place de Barcelone"), each moved out of `draft` into an event of its
    own; nothing when the day has no other sentence to leave behind."""
    other = cues.cue_pattern(lang, "other_group")
    units: dict[int, list[TimePoint]] = {}
    for point in draft.times:
        if point.role in ("event", "meeting") and point.mention.has_time \
                and not point.mention.has_date and _has_place(point.unit, places) \
                and other.search(point.unit.text):
            units.setdefault(point.unit.start, []).append(point)
    if not units or all(p.unit.start in units for p in draft.times):
        return []
    items = []
    for told in units.values():
        for point in told:
            draft.times.remove(point)
            if point in draft.anchors:
                draft.anchors.remove(point)
        items.append(_finish(Draft(draft.day, anchors=told[:1], times=told, item=True),
                             lang, places))
    return items


def _same_hour_elsewhere(draft: Draft, segments: Segmentation, lang: str,
                         places: list[PlaceCandidate]) -> list[Draft]:
    """The rendez-vous of a day whose start is a rendez-vous, given at the same hour on
    another line that names another place ("elle donne rendez-vous sur cette même place dès
    13h" … ↵ "au départ de la place de la Bourse … Rendez-vous 13h"), each moved into an
    event of its own: nobody is at two places at once."""
    start = draft.start
    if start is None or not draft.start_from_meeting or draft.item:
        return []
    sites = [c for c in places if c.source != "locality"]
    taken = {_line_place_key(start.unit.line, segments, sites)}
    items: list[Draft] = []
    for point in list(draft.times):
        if point is start or point.role != "meeting" or (point.cue or "meeting") != "meeting" \
                or point.unit.line == start.unit.line or _clock(point) != _clock(start):
            continue
        key = _line_place_key(point.unit.line, segments, sites)
        if key is None or key in taken:
            continue
        taken.add(key)
        items.append(_take_item(draft, point, None, lang, places))
    return items


def _line_place_key(line: int, segments: Segmentation,
                    places: list[PlaceCandidate]) -> str | None:
    """The first place named on one line of the text, as `_unit_place_key` gives it."""
    for unit in segments.units:
        if unit.line == line:
            key = _unit_place_key(unit, places)
            if key is not None:
                return key
    return None


def _protest_rendez_vous(draft: Draft, lang: str, places: list[PlaceCandidate]) -> list[Draft]:
    """The rendez-vous for a street protest on a day announced as something else ("Grève
    générale le mardi 14 octobre" … "Une manifestation aura lieu le même jour à Bruxelles :
    rendez-vous à 10h à la gare du Nord"): an event of its own, starting then."""
    kinds = cues.cue_table(lang, "kinds")
    anchor_units = {p.unit.start for p in draft.anchors}
    day_kinds = {k for p in draft.anchors
                 if (k := _last_kind(_unplaced(p.unit, places), kinds)) is not None}
    if not day_kinds or day_kinds & _STREET_PROTESTS:
        return []
    items = []
    for point in list(draft.times):
        if not point.mention.has_time or point.unit.start in anchor_units:
            continue
        if point.role == "meeting" and (point.cue or "meeting") == "meeting":
            own = _last_kind(_unplaced(point.unit, places), kinds)
        elif point.role == "event":
            # "Rassemblements :" ↵ "- Liège : 12h, place Saint-Lambert" on a strike day
            own = point.list_kind
        else:
            continue
        if own in _STREET_PROTESTS:
            items.append(_take_item(draft, point, own, lang, places))
    return items if draft.times else []


def _take_item(draft: Draft, point: TimePoint, kind: str | None, lang: str,
               places: list[PlaceCandidate]) -> Draft:
    """Move `point` out of `draft` into an event of its own on the same day."""
    draft.times.remove(point)
    if point in draft.anchors:
        draft.anchors.remove(point)
    return _finish(Draft(draft.day, anchors=[point], times=[point], item=True, kind=kind),
                   lang, places)


def _after_the_march(draft: Draft, primary: TimePoint, theirs: str | None, kinds: Any,
                     places: list[PlaceCandidate]) -> bool:
    """True when a procession sets off (or, on a day announced as a street protest, people
    gather) before the day's first timed item and that item names a kind other than a street
    protest: the item comes after the march ("Samenkomst om 13u30" ↵ "Na de mars, rond 16
    uur, slotmoment met muziek")."""
    begins = _clock(primary)
    protest = any(_last_kind(_unplaced(p.unit, places), kinds) in _STREET_PROTESTS
                  for p in draft.anchors if p.unit != primary.unit)
    sets_off = [p for p in draft.times if p.role == "meeting" and p.mention.has_time
                and p.unit != primary.unit and (p.cue == "route_start"
                                                or protest and p.cue == "meeting")]
    if begins is None or not any((_clock(p) or begins) < begins for p in sets_off):
        return False
    return theirs is not None and theirs not in _STREET_PROTESTS


def _part_of_day_item(draft: Draft, primary: TimePoint, theirs: str | None, kinds: Any,
                      places: list[PlaceCandidate]) -> TimePoint | None:
    """A part of the day without a date or clock time ("Le soir, …", "In the evening: …")
    that opens its sentence after the first timed item and names a kind of its own (other
    than `theirs`, the first item's)."""
    for point in draft.times:
        mention = point.mention
        if point.role != "event" or mention.has_date or mention.has_time \
                or not mention.has_part_of_day or point.unit == primary.unit \
                or mention.start < primary.mention.start or not _opens_with_time(point):
            continue
        own = _last_kind(_unplaced(point.unit, places), kinds)
        if own is not None and own != theirs:
            return point
    return None


def _until_item(draft: Draft, point: TimePoint, lang: str,
                places: list[PlaceCandidate]) -> Draft:
    """Move an entry that states only its closing time into an event of its own: the day,
    ending at that time (`_finish` reads a dated "until" so)."""
    # "… c'est ouvert jusqu'à 13h, à l'Union Locale": the same closing time told again
    again = [p for p in draft.times if p is not point and p.role == "end"
             and p.unit.paragraph == point.unit.paragraph and _end_clock(p) == _end_clock(point)]
    item = _take_item(draft, point, None, lang, places)
    for told in again:
        draft.times.remove(told)
        item.times.append(told)
    return item


def _untimed_other_kind(draft: Draft, primary: TimePoint, primary_kind: str | None,
                        kinds: Any, places: list[PlaceCandidate]) -> TimePoint | None:
    """A dated anchor without a time, before the first timed item, whose sentence names a
    kind that the timed item's sentence (`primary_kind`) does not."""
    if (primary not in draft.anchors and len(draft.anchors) < 2) or _programme_line(primary) \
            or _BULLET.match(primary.unit.text):
        return None  # the heading of a programme ("festival" above "14h : atelier") stays
    theirs = {primary_kind} - {None}
    for point in draft.anchors:
        if point.mention.has_time or point.unit == primary.unit \
                or point.mention.start > primary.mention.start:
            continue
        own = _last_kind(_unplaced(point.unit, places), kinds)
        if own is not None and theirs and own not in theirs \
                and not ({own} | theirs) <= _STREET_PROTESTS:
            return point
    return None


# one protest told with several words ("la manifestation … le cortège … le rassemblement")
_STREET_PROTESTS = frozenset({"rally", "demonstration", "march", "vigil", "action"})


def _own_kind(point: TimePoint, kinds: Any,
              places: list[PlaceCandidate]) -> tuple[str | None, int]:
    """The kind named in the clause just before the mention ("… and the candlelight vigil
    starts at 6" → vigil), and where that clause begins in the sentence."""
    unit, mention = point.unit, point.mention
    text = _unplaced(unit, places)
    clause = text[: mention.start - unit.start]
    cut = max(clause.rfind(sep) for sep in (",", ";", " and ", " et ", " en ", "."))
    begins = cut + 1 if cut >= 0 else 0
    own = _last_kind(clause[begins:], kinds)
    if own is None:
        # "… et à 19h un atelier": the kind right after the time
        after = re.split(r"[,;.:!?(]", text[mention.end - unit.start:], maxsplit=1)[0]
        own = _first_kind(after[:_KIND_AFTER], kinds)
    return own, begins


_KIND_AFTER = 80  # characters after a time where its own kind may stand


def _first_kind(text: str, kinds: Any) -> str | None:
    """The kind of the first kind cue in `text` (of two starting together, the longer)."""
    found = [(match.start(), -len(match.group(0)), name) for name, pattern in kinds
             for match in pattern.finditer(text) if not _month_of_date(text, match)]
    return min(found, key=lambda hit: hit[:2])[2] if found else None  # ties: table order


def _last_kind(text: str, kinds: Any) -> str | None:
    """The kind of the last kind cue in `text` (of two starting together, the longer:
    "piquet de grève" is a strike's, not a "piquet")."""
    best: tuple[int, int, str] | None = None
    for name, pattern in kinds:
        for match in pattern.finditer(text):
            key = (match.start(), len(match.group(0)))
            if (best is None or key > best[:2]) and not _month_of_date(text, match):
                best = (*key, name)
    return best[2] if best else None


_DAY_BEFORE = re.compile(r"\d{1,2}(?:st|nd|rd|th|e|er|de|ste)?\.?[ \t]+$")
_DAY_AFTER = re.compile(r"[ \t]+\d{1,2}\b")


def _month_of_date(text: str, match: re.Match[str]) -> bool:
    """True for a cue written with a capital next to a day number: the month of a date
    ("12 March", "March 12"), not a march."""
    return match.group(0)[:1].isupper() and bool(
        _DAY_BEFORE.search(text, max(0, match.start() - 8), match.start())
        or _DAY_AFTER.match(text, match.end()))


def _assembly(meeting: list[TimePoint]) -> TimePoint | None:
    """The assembly time among meeting times: the one rendez-vous time, else the start of the
    route; None for a list of departures from several places (only the day is then known)."""
    by_cue: dict[str, set[tuple[int, int] | None]] = {}
    for point in meeting:
        by_cue.setdefault(point.cue or "meeting", set()).add(_clock(point))
    for cue in ("meeting", "route_start"):
        if len(by_cue.get(cue, ())) == 1:
            return next(p for p in meeting if (p.cue or "meeting") == cue)
    starts = [p for p in meeting if p.cue == "route_start" and _clock(p) is not None]
    if starts and not by_cue.get("meeting") and not by_cue.get("group_departure"):
        # "s'élanceront à 14h du boulevard Diderot, ils se rassemblent dès midi": one route
        # has one start, and its earliest time is when people gather
        return min(starts, key=lambda p: _clock(p) or (0, 0))
    return None


_BULLET = re.compile(r"\s*[-–•*>▶︎✯·]")


_ITEM_SEPARATOR = re.compile(r"\s*[:–—\-|]")


def _programme_line(point: TimePoint) -> bool:
    """True for a line of a programme: it opens with its time ("19h : débat", "> 21h - bal")."""
    unit, mention = point.unit, point.mention
    head = _BULLET.match(unit.text)
    opening = unit.start + (head.end() if head else 0)
    while opening < mention.start and unit.text[opening - unit.start].isspace():
        opening += 1
    if mention.start != opening:
        return False
    return bool(_ITEM_SEPARATOR.match(unit.text, mention.end - unit.start))


def _opens_with_time(point: TimePoint) -> bool:
    """True for a sentence that opens with its time ("à 14h sur la place …", "At 3pm: …"),
    the way agenda entries start."""
    before = point.unit.text[: point.mention.start - point.unit.start]
    return len(before.strip(" -–•*>\t")) <= 3 and not any(ch.isdigit() for ch in before)


def _unit_place_key(unit: Unit, places: list[PlaceCandidate]) -> str | None:
    """The first place named in a unit, as a loose key; None when it names none."""
    for candidate in places:
        if unit.start <= candidate.start < unit.end:
            place = candidate.place
            return (place.street or place.name or place.locality or "").casefold() or None
    return None


def _has_place(unit: Unit, places: list[PlaceCandidate]) -> bool:
    """True when a place candidate lies in `unit`."""
    return any(unit.start <= c.start < unit.end for c in places)


def _end_clock(point: TimePoint) -> tuple[int, int] | None:
    """The time of day an ending point states ("jusqu'à 16h" keeps it in its end)."""
    value = point.mention.end_value or point.mention.value
    return (value.hour, value.minute) if isinstance(value, dt.datetime) else None


def _clock(point: TimePoint) -> tuple[int, int] | None:
    """The time of day a point states (hour, minute)."""
    value = point.mention.value
    return (value.hour, value.minute) if isinstance(value, dt.datetime) else None


_ASSEMBLY_LEAD = 60  # minutes: how long before the event people gather on its site
_ASSEMBLY_REACH = 400  # characters between the rendez-vous and the event's time


def _assembles_on_site(assembly: TimePoint, first: TimePoint,
                       places: list[PlaceCandidate], lang: str) -> bool:
    """True when a rendez-vous before the event's first time is on the event's own site: the
    rendez-vous names a place and the event's time names none, or the same one, or only the
    places of a route ("Om 14u vertrekt de stoet via de Meir … naar het Steenplein"), on its
    own line (not a group departure from elsewhere)."""
    if (assembly.cue or "meeting") != "meeting" or assembly.unit == first.unit:
        return False
    begins, starts = _clock(assembly), _clock(first)
    if begins is None or starts is None or begins >= starts \
            or (starts[0] - begins[0]) * 60 + starts[1] - begins[1] > _ASSEMBLY_LEAD \
            or abs(first.unit.start - assembly.unit.start) > _ASSEMBLY_REACH:
        return False  # a meeting hours before, or far away in the text, is another thing
    site = _unit_place_key(assembly.unit, places)
    if site is None:
        return False
    return _unit_place_key(first.unit, places) in (None, site) \
        or bool(cues.cue_pattern(lang, "route").search(first.unit.text))


def _finish(draft: Draft, lang: str, places: list[PlaceCandidate]) -> Draft:
    """Choose the start point (the first cued time, else the first time) and the end."""
    timed = _event_times(draft)
    meeting = [p for p in draft.times if p.role == "meeting" and p.mention.has_time]
    assembly = _assembly(meeting)
    if timed and assembly is not None and _assembles_on_site(assembly, timed[0], places, lang):
        # "Rendez-vous dès 14h, Rue de Fer" then "Mobilisation à 14h30": the event starts
        # when people gather on its site
        draft.start, draft.start_from_meeting = assembly, True
    elif timed:
        draft.start = timed[0]
    elif assembly is not None:
        # "rendez-vous 13h" with no other time: the rendez-vous is the assembly time
        draft.start, draft.start_from_meeting = assembly, True
    else:
        # several departure times and no time of the event itself: only the day is known
        draft.start = (draft.anchors or draft.times)[0]
        draft.date_only = bool(meeting)
    chosen = draft.start
    assert chosen is not None
    start = chosen.mention
    if _dated_until(chosen) and start.end_value is not None:
        # "Mardi 6 octobre ↵ Jusqu'à 17h, permanence …": the day, ending then
        draft.date_only = True
        draft.end_value = move_to(start.end_value, draft.day)
        return draft
    # "samedi après-midi" states no end: only a range of hours or of days does
    if start.kind == "interval" and start.end_value is not None \
            and not (start.has_part_of_day and not start.has_time):
        # the stated end moves with the start when the start's day came from elsewhere
        shift = draft.day - start.value.date() if isinstance(start.value, dt.datetime) \
            else dt.timedelta(0)
        draft.end_value = start.end_value + shift
    elif start.has_time:
        begins = _clock(chosen)
        ends = [p for p in draft.times if p.role == "end" and p.mention.has_time
                and begins is not None and (_end_clock(p) or (0, 0)) > begins]
        # "vendredi 28/01 (à partir de 19:00)" … "19:00—20:30 Assemblée générale": the same
        # hour told again with its end
        again = [p for p in draft.times if p.role == "event" and p is not chosen
                 and p.mention.kind == "interval" and p.mention.end_value is not None
                 and p.mention.has_time and _clock(p) == begins]
        if ends:
            mention = ends[0].mention
            stated = mention.end_value or mention.value
            if stated is not None:
                draft.end_value = move_to(stated, draft.day)
        elif again and isinstance(again[0].mention.end_value, dt.datetime) \
                and _end_clock(again[0]) != begins:
            draft.end_value = move_to(again[0].mention.end_value, draft.day)
    return draft
