"""Build: one Event per draft, with its kind, meeting points, transport, warnings and
evidence spans; then the passes over all the events of a text (the same venue told twice,
a programme's place, the text's country)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import Counter
from typing import Any

from affiche import when
from affiche.extract import cues, describe, locate, logistics, points, starts
from affiche.extract.assign import place_event
from affiche.extract.segment import Segmentation
from affiche.model import Contact, Document, Event, Warning, iso

__all__ = ["build_event", "claimed_spans", "draft_units", "expression_spans",
           "merge_told_twice", "programme_place", "same_place_as_before", "text_country"]


def expression_spans(mention: when.TimeMention) -> list[tuple[int, int]]:
    """The spans a time expression covers, without the words between its date and its time
    ("Saturday 27 September: the march sets off at 2pm" names a march)."""
    if mention.gap is None:
        return [(mention.start, mention.end)]
    return [(mention.start, mention.gap[0]), (mention.gap[1], mention.end)]


def build_event(draft: points.Draft, document: Document, lang: str, segments: Segmentation,
           places: list[locate.PlaceCandidate], contacts: list[Contact],
           organisers: list[tuple[str, int, int]],
           kind_context: tuple[list[tuple[int, int]], dict[str, int],
                               tuple[tuple[int, int], ...]],
           title: str | None, only_event: bool,
           claimed: list[tuple[int, int]] | None = None,
           over: list[tuple[int, int]] | None = None,
           done: list[tuple[int, int]] | None = None) -> Event:
    """One Event from a draft; `claimed` are the sentences of the other events only, `over`
    those that tell of a day that is over, `done` those told in the past tense."""
    start_point = draft.start
    assert start_point is not None  # _finish always sets it
    event = Event(language=lang, timezone=document.timezone, url=document.url)
    event.start = draft.day if draft.date_only else points.at_day(start_point.mention,
                                                                      draft.day)
    event.evidence["start"] = (start_point.mention.start, start_point.mention.end)
    if draft.end_value is not None:
        event.end = _end_on(draft, event.start)
        event.evidence["end"] = event.evidence["start"]
    event.meeting_points = logistics.meeting_points(draft, segments, places, lang,
                                                    whole_text=only_event)
    event.transport = logistics.transport_hints(draft, segments, places, lang,
                                                event.meeting_points)
    if draft.notes:
        event.description = "\n".join(draft.notes)
    units = [start_point.unit] + [p.unit for p in draft.anchors if p is not start_point]
    # "1.30pm - march sets off towards Parliament Square": the route's lines are the event's
    units += [p.unit for p in draft.times if p.cue == "route_start"
              and p.unit not in units]
    masked, counts, times = kind_context
    focus = describe.Focus(document.text, start_point.mention.start, draft.item, draft.umbrella,
                           times)
    event.kind, kind_span = describe.choose_kind(lang, units, title, counts, masked, focus)
    if draft.kind:
        # one sentence told two events apart by their kinds ("the rally … and the vigil …")
        event.kind = draft.kind
    elif draft.item and kind_span is None:
        # "Rassemblements :" ↵ "- Liège : 12h, place Saint-Lambert": the list names its items
        event.kind = start_point.list_kind or event.kind
    if kind_span:
        event.evidence["kind"] = kind_span
    if event.kind == "strike":
        # a strike stops work wherever people work: only its own sentences give it a place
        # (a picket line), not the town the rest of the text is about
        own = draft_units(draft)
        told = [c for c in places if any(a <= c.start < b for a, b in own)]
        # a timed item of a programme that names no place ("Minuit : coup d'envoi de la
        # grève") is where the programme is; a strike day without an hour is nowhere
        timed = isinstance(event.start, dt.datetime)
        sites = told if told or not timed or not draft.item else places
    else:
        sites = places
    place_event(event, draft, segments, sites, claimed or [], (over or []) + (done or []),
                towns=places)
    event.contacts = [Contact(c.type, c.value, c.evidence) for c in contacts]
    event.organisers = [name for name, _, _ in organisers]
    if organisers:
        event.evidence["organisers"] = (organisers[0][1], organisers[0][2])
    event.warnings[:0] = _mention_warnings(draft)  # after the place's own warnings
    close = starts.start_warning(draft)
    if close is not None:
        event.warnings.append(close)
    if draft.conflicts:
        other = ", ".join(day.isoformat() for day in draft.conflicts)
        event.warnings.append(Warning(
            "conflicting_dates", f"The text also points to {other} for this event; "
            f"{draft.day.isoformat()}, the date of its own sentence, was kept.",
            [iso(event.start) or ""] + [iso(points.move_to(event.start, day)) or ""
                                         for day in draft.conflicts]))
    moved = next((p for p in [start_point, *draft.anchors] if p.moved_from is not None), None)
    if moved is not None and moved.moved_from is not None:
        event.warnings.append(Warning(
            "weekday_of_writing", f"'{moved.mention.text}' is written on that weekday: "
            f"read as that day, {draft.day.isoformat()}, not a week later.",
            [iso(event.start) or "", iso(points.move_to(event.start, moved.moved_from)) or ""]))
    if draft.recurring:
        event.warnings.append(Warning("recurring", "The text announces a repeated event; "
                                      "only the next occurrence is given.", []))
    return event


def same_place_as_before(built: list[Event], drafts: list[points.Draft], lang: str) -> None:
    """An event whose own sentence sends back to the one told before it ("9pm: fundraiser gig
    at the same venue", "elle donne rendez-vous sur cette même place dès 13h") takes that
    event's place, unless its sentence names a place of its own."""
    same = cues.cue_pattern(lang, "same_place")
    for index, event in enumerate(built):
        start = drafts[index].start
        if start is None or not same.search(start.unit.text):
            continue
        span = event.evidence.get("place")
        if span is not None and start.unit.start <= span[0] < start.unit.end:
            continue
        told = [k for k, d in enumerate(drafts) if k != index and d.start is not None
                and d.start.mention.start < start.mention.start]
        if not told:
            continue
        _copy_place(event, built[max(told, key=lambda k: drafts[k].start.mention.start)])


_COUNTRY_SHARE = 2 / 3  # of the text's places in one country for it to be the text's country


def text_country(built: list[Event], places: list[locate.PlaceCandidate]) -> None:
    """Events whose place names no country are in the text's country, when most of the
    towns and addresses it names are in one ("… sur la place de la République" on a page of
    rallies in Paris and Clichy): the country, and so the time zone, of the call."""
    counts = Counter(c.place.country for c in places if c.place.country)
    if not counts:
        return
    country, seen = counts.most_common(1)[0]
    if seen < _COUNTRY_SHARE * sum(counts.values()):
        return
    for event in built:
        if not event.place.country:
            event.place = dataclasses.replace(event.place, country=country)


def _copy_place(event: Event, source: Event) -> None:
    """Give `event` the place of `source`, with its evidence."""
    event.place = dataclasses.replace(source.place)
    if "place" in source.evidence:
        event.evidence["place"] = source.evidence["place"]


def programme_place(built: list[Event], drafts: list[points.Draft]) -> None:
    """The items of a programme that name no place of their own are held at the programme's
    ("Samedi 25 octobre au Pianofabriek" ↵ "19h30 : projection …")."""
    for umbrella, whole in zip(drafts, built, strict=True):
        if not umbrella.umbrella or whole.place.is_empty():
            continue
        for draft, event in zip(drafts, built, strict=True):
            if not draft.umbrella and draft.day == umbrella.day and event.place.is_empty():
                _copy_place(event, whole)


def merge_told_twice(built: list[Event], drafts: list[points.Draft], headings: list[Any],
                     ) -> tuple[list[Event], list[points.Draft], list[Any]]:
    """One event for the same hour at the same venue told twice (in a paragraph, then in the
    list that sums the day up: "ministère de la Santé, place Pierre-Laroque" and "… place
    Laroque"): the first telling, completed by the second. A programme and its first item
    share an hour and a place on purpose and stay two."""
    kept: list[int] = []
    for index, event in enumerate(built):
        twin = next((k for k in kept if isinstance(event.start, dt.datetime)
                     and built[k].start == event.start and not drafts[k].umbrella
                     and not drafts[index].umbrella
                     and _same_venue(built[k].place.name, event.place.name)), None)
        if twin is None:
            kept.append(index)
            continue
        first = built[twin]
        for name in ("street", "postcode", "locality", "country"):
            if getattr(first.place, name) is None and getattr(event.place, name) is not None:
                setattr(first.place, name, getattr(event.place, name))
        first.meeting_points += [m for m in event.meeting_points
                                 if m not in first.meeting_points]
    return [built[k] for k in kept], [drafts[k] for k in kept], [headings[k] for k in kept]


_VENUE_WORD = 4  # letters of a word that can tell two venues apart


def _same_venue(a: str | None, b: str | None) -> bool:
    """True when two venue names are one venue told twice: one holds the other, or they share
    two long words ("ministère de la Santé, place Pierre-Laroque" / "… place Laroque")."""
    if not a or not b:
        return False
    left, right = a.casefold(), b.casefold()
    if left in right or right in left:
        return min(len(left), len(right)) >= 6
    words = [set(w for w in re.findall(r"[^\W\d_]+", name) if len(w) >= _VENUE_WORD)
             for name in (left, right)]
    return len(words[0] & words[1]) >= 2


def claimed_spans(units: list[set[tuple[int, int]]], index: int,
             over: set[tuple[int, int]]) -> list[tuple[int, int]]:
    """The sentences that hold times of the other drafts (`units`, one set per draft), or a
    day that is over (`over`), and none of draft `index`'s: the places named there are those
    events' ("Jusqu'à 13h, … à l'Union Locale" ↵ "à 14h, …")."""
    others = over.union(*(spans for i, spans in enumerate(units) if i != index))
    return sorted(others - units[index])


def draft_units(draft: points.Draft) -> set[tuple[int, int]]:
    """The spans of the sentences that hold the draft's times."""
    return {(p.unit.start, p.unit.end) for p in draft.times + draft.anchors}


def _end_on(draft: points.Draft, start: dt.date | dt.datetime) -> dt.date | dt.datetime | None:
    """The stated end (already on the event's days): a date for a range of days, and a time
    earlier than the start means the next day ("de 22h à 2h")."""
    end = draft.end_value
    mention = draft.start.mention if draft.start else None
    if isinstance(end, dt.datetime) and mention is not None and not mention.has_time:
        return end.date()  # "du 14 au 16 février": a day, not midnight
    if isinstance(end, dt.datetime) and isinstance(start, dt.datetime) and end <= start:
        return end + dt.timedelta(days=1)
    return end


def _mention_warnings(draft: points.Draft) -> list[Warning]:
    """The time engine's warnings on the mentions that make the event, without repeats."""
    seen: set[tuple[str, tuple[str, ...]]] = set()
    found: list[Warning] = []
    for point in draft.anchors + draft.times:
        for warning in getattr(point.mention, "warnings", []) or []:
            key = (warning.code, tuple(warning.candidates))
            if key not in seen:
                seen.add(key)
                found.append(warning)
    return found
