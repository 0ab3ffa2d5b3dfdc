"""One day's times into its events: programme items, the steps of one street protest, an
item after a march, a part of the day of another kind (rule 3 of `timeline`)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from affiche.extract import cues
from affiche.extract.layout import Layout
from affiche.extract.locate import PlaceCandidate
from affiche.extract.points import (
    _BULLET,
    _STREET_PROTESTS,
    Draft,
    TimePoint,
    _clock,
    _end_clock,
    _event_times,
    _last_kind,
    _opens_with_time,
    _own_kind,
    _programme_line,
    _unit_place_key,
    _unplaced,
    move_to,
)
from affiche.extract.roles import _opening_label
from affiche.extract.sameevent import Told, best_match, list_line, told_at
from affiche.extract.sites import (
    _other_group_items,
    _protest_rendez_vous,
    _route_starts_elsewhere,
)
from affiche.extract.starts import _finish, _take_item

__all__ = []


def _split_programme(draft: Draft, places: list[PlaceCandidate], lang: str,
                     title_kind: str | None = None,
                     layout: Layout | None = None) -> list[Draft]:
    """Rule 3: one draft per timed item of the day whose own sentence names a kind of event
    ("concert à 20h", "projection à 18h30") or that is a list item with its own place
    ("- Ambert – 18 h, place des Allées"); other times of the day stay with the first."""
    others = _other_group_items(draft, lang, places) + _protest_rendez_vous(draft, lang, places) \
        + _route_starts_elsewhere(draft, lang, places)
    if others:
        # "Les Gilets jaunes s'élanceront quant à eux à 14h du boulevard Diderot": another
        # group's own event on the same day
        return [*_split_programme(draft, places, lang, title_kind, layout), *others]
    timed = _event_times(draft)
    kinds = cues.cue_table(lang, "kinds")
    if not timed:
        return [_finish(part, lang, places) for part in _span_and_day(draft, kinds, places)]
    primary = timed[0]
    theirs = _last_kind(_unplaced(primary.unit, places), kinds)  # the first item's own kind
    until = [_until_item(draft, point, lang, places) for point in list(draft.times)
             if point.role == "end" and point.mention.has_time and _opens_with_time(point)
             and point.mention.start < primary.mention.start]
    if until:
        # "Jusqu'à 13h, la CGT tient sa permanence" ↵ "à 14h, rassemblement": an agenda
        # entry that opens with its closing time is an event of its own, open since morning
        return [*until, *_split_programme(draft, places, lang, title_kind, layout)]
    if _after_the_march(draft, primary, theirs, kinds, places):
        # "vertrek van de stoet om 11 uur …" ↵ "Daarna, om 14 uur, volksfeest": the march is
        # the day's event (from its assembly), the feast after it another one
        item = _take_item(draft, primary, None, lang, places)
        return [*_split_programme(draft, places, lang, title_kind, layout), item]
    later = _part_of_day_item(draft, primary, theirs, kinds, places)
    if later is not None:
        # "Grande mobilisation ce 22/09 à 19h …" ↵ "Le soir, soirée de soutien au Garcia
        # Lorca": a part of the day opening a sentence of another kind is its own event
        item = _take_item(draft, later, None, lang, places)
        item.date_only = True
        return [*_split_programme(draft, places, lang, title_kind, layout), item]
    untimed = _untimed_other_kind(draft, primary, theirs, kinds, places)
    if untimed is not None:
        # "Woensdagnamiddag 20 juni: de Refugee Walk. Vanaf 18 uur: een Wereldmaal": a day
        # named with its own kind, before the timed items of another kind, is its own event
        alone = _take_item(draft, untimed, None, lang, places)
        return [alone, *_split_programme(draft, places, lang, title_kind, layout)]
    # each later time is scored against the day's events so far (`same_event`): a moment of
    # one of them, or an item of its own
    first = told_at(primary, places, kinds)
    told = [Told(primary, first.kind or theirs or title_kind, first.listed)]
    owners: list[Draft | None] = [None]  # the draft of each event of `told` (None: the day's)
    extra: list[Draft] = []
    # "17h : départ du cortège vers la gare": a programme line setting a protest off is an item
    # too, unless it is the step of a protest gathered just before
    setting_off = [p for p in draft.times if p.role == "meeting" and p.cue == "route_start"
                   and p.mention.has_time and p.mention.start > primary.mention.start
                   and list_line(p) and told_at(p, places, kinds).kind in _STREET_PROTESTS]
    for point in sorted(timed + setting_off, key=lambda p: p.mention.start):
        if point is primary:
            continue
        if point.unit == primary.unit:
            # "the rally starts at noon and the vigil starts at 6": one sentence, two events
            own, begins = _own_kind(point, kinds, places)
            before = _last_kind(_unplaced(point.unit, places)[:begins], kinds)
            two_sites = _two_sites(point, begins, places)
            # two sites of one sentence are two events even at one hour: nobody is at two
            # places at once ("… in Gent om 14 uur …, in Leuven om 14 uur …")
            if (own is not None and before != own or two_sites) \
                    and (two_sites or _clock(point) != _clock(primary)):
                draft.kind = draft.kind or before
                item = _take_item(draft, point, own, lang, places)
                # "… puis manifestation à 17h au départ de la gare Centrale": its own place
                # is named after its time; else its clause's town ("et à Mons (14h)")
                item.place_at = next((c.start for c in places if c.source != "locality"
                                      and point.mention.end <= c.start < point.unit.end), None)
                if item.place_at is None and two_sites:
                    item.place_at = next((c.start for c in places
                                          if point.unit.start + begins <= c.start
                                          < point.unit.end), None)
                extra.append(item)
                told.append(Told(point, own, False))
                owners.append(item)
            continue
        here = told_at(point, places, kinds)
        own = here.kind
        if not here.listed and theirs is None and own in _STREET_PROTESTS \
                and primary in draft.times and _gathers_before(point, primary):
            # "Le procès reprend … à 9h au palais de justice" ↵ "concentration devant le
            # tribunal dès 8h30": the protest before what it is about is the event
            draft.times.remove(primary)
            continue
        if here.listed and own in (None, "meeting") \
                and _step_after_setting_off(draft, point, places, own is None):
            # "14u30 - vertrek van de stoet richting Korenmarkt" ↵ "16u00 - toespraken op de
            # Korenmarkt": the speeches where the march arrives are a step of the march
            continue
        index, decision = best_match(told, here, places, lang, layout)
        if decision.taken:
            owner = owners[index]
            if owner is not None and here.listed:
                # "11.00am Rally opens" ↵ "12 noon Main Rally at US Embassy": one rally
                draft.times.remove(point)
                if point in draft.anchors:
                    draft.anchors.remove(point)
                owner.times.append(point)
                owner.anchors.append(point)
            continue
        item = _take_item(draft, point, None, lang, places)
        item.decisions.append(decision)
        extra.append(item)
        told.append(here)
        owners.append(item)
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
        if first.start is primary and not list_line(primary) \
                and "\n" not in primary.mention.text \
                and all(d.start is not None and list_line(d.start) for d in extra):
            # "Onze betoging op 14 juni om 13 uur …:" over "• 13:10: opening …": the sentence
            # announcing the day is the programme as a whole, no item of its own
            return [umbrella, *extra]
        return [umbrella, first, *extra]
    return [first, *extra]


def _spans_days(point: TimePoint) -> bool:
    """True for a mention of several days without an hour ("7th – 15th March")."""
    mention = point.mention
    ends = mention.end_value
    if mention.kind != "interval" or mention.has_time or ends is None:
        return False
    last = ends.date() if isinstance(ends, dt.datetime) else ends
    return last > point.day if point.day is not None else False


def _span_and_day(draft: Draft, kinds: Any, places: list[PlaceCandidate]) -> list[Draft]:
    """A span of days and, in another sentence, a day of its own that names its own event
    ("our Week of Action runs 7th – 15th March" … "a rent strike rally on Sat, 7
    March"): two events, the span and the day; otherwise the draft as it is."""
    spans = [p for p in draft.anchors if _spans_days(p)]
    units = {p.unit.start for p in spans}
    days = [p for p in draft.anchors if not _spans_days(p) and p.unit.start not in units
            and any(ch.isdigit() for ch in p.mention.text)
            and _last_kind(_unplaced(p.unit, places), kinds) is not None]
    if not spans or not days:
        return [draft]
    for point in days:
        draft.anchors.remove(point)
        draft.times.remove(point)
    return [draft, Draft(draft.day, anchors=days, times=list(days), item=True)]


def _two_sites(point: TimePoint, begins: int, places: list[PlaceCandidate]) -> bool:
    """True when the clause of `point` (from `begins` in its sentence) names a site of its
    own, other than the one the sentence named before it ("a rally at 11am outside the Town
    Hall, and the tenants' union meets at 2pm at the Swarthmore Centre")."""
    unit = point.unit
    cut = unit.start + begins
    sites = [c for c in places if unit.start <= c.start < unit.end]
    before = [c for c in sites if c.start < cut]
    after = [c for c in sites if c.start >= cut]
    if not before or not after:
        return False
    return _site_key(before[-1]) != _site_key(after[0])


def _site_key(candidate: PlaceCandidate) -> str:
    """The loose key of a place candidate (street, else name, else town), lower case."""
    place = candidate.place
    return (place.street or place.name or place.locality or "").casefold()


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
    # "In the evening, a benefit gig … from 8pm": a sentence with an hour of its own is
    # that hour's item, not a second, date-only one
    timed_units = {p.unit.start for p in draft.times if p.mention.has_time}
    for point in draft.times:
        mention = point.mention
        if point.role != "event" or mention.has_date or mention.has_time \
                or not mention.has_part_of_day or point.unit == primary.unit \
                or mention.start < primary.mention.start or not _opens_with_time(point) \
                or point.unit.start in timed_units:
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
