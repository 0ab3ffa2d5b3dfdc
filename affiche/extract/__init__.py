"""Extract the events of a document: `extract(document, lang, reference) -> list[Event]`.

Stages (each in its own module):
  1. segment   — sentences/lines and paragraphs with offsets (`segment.py`)
  2. when      — every time expression, resolved against the reference (`affiche.when`)
  3. places    — addresses, venues, localities (`places.py`, via `locate.py`)
  4. contacts  — e-mails, phones, URLs, handles (`contacts.py`)
  5. drafts    — roles of times (`roles.py`), still to come or not (`liveness.py`), days
                 (`timeline.py`), items of a day (`grouping.py`, `sites.py`), start and end
                 (`starts.py`), on the shared types of `points.py`
  6. per draft — place, meeting points and transport (`logistics.py`), kind, title and
                 organisers (`describe.py`), evidence spans and the time engine's warnings.
  7. hints     — a page's embedded schema.org Events complete or question the result
                 (`hints.py`).
Checks that look at a whole event (missing time or place, meeting after start) and geocoding
happen after, in `affiche.resolve`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import Counter

from affiche import when
from affiche.extract import (
    cues,
    describe,
    hints,
    liveness,
    locate,
    logistics,
    points,
    roles,
    timeline,
)
from affiche.extract.contacts import find_contacts
from affiche.extract.segment import Segmentation, segment
from affiche.model import Contact, Document, Event, Warning, iso

__all__ = ["extract"]


def extract(document: Document, lang: str, reference: dt.datetime) -> list[Event]:
    """The events a document announces, with evidence spans into `document.text`."""
    text = document.text
    segments = segment(text)
    mentions = when.find(text, reference, lang)
    places = locate.candidates(text, lang)
    contacts = find_contacts(text)
    title, title_span = describe.headline(text, document.title)
    points = roles.classify(mentions, segments, lang)
    drafts = timeline.build_drafts(points, segments, places, lang, reference, title)
    organisers = describe.find_organisers(lang, text, segments)
    # month names ("March", "mars") and street names ("Market Square") are no kind cues
    masked = [span for m in mentions for span in _expression_spans(m)]
    masked += [(c.start, c.end) for c in places if c.source == "address"]
    counts = describe.kind_counts(lang, text, masked)
    # "Jeudi passé, … pendu au centre fermé de Merksplas": a place told with a day that is
    # over is that day's
    over = set(liveness.past_sentences(points, reference))
    done = liveness.done_sentences(segments, lang)
    units = [_units(draft) for draft in drafts]
    built = [_event(draft, document, lang, segments, places, contacts, organisers,
                    (masked, counts), title, len(drafts) == 1,
                    _claimed(units, index, over), sorted(over - units[index]), done)
             for index, draft in enumerate(drafts)]
    _same_place(built, drafts, lang)
    _programme_place(built, drafts)
    built, drafts = _merge_told_twice(built, drafts)
    _text_country(built, places)
    # a page heading that names no kind of event ("Agenda de la semaine") titles no one
    # event of several, unless they are the items of one programme
    own_title = bool(title) and (len(built) <= 1 or drafts[0].umbrella or any(
        pattern.search(title or "") for _, pattern in cues.cue_table(lang, "kinds")))
    for index, event in enumerate(built):
        if index == 0 and title and own_title:
            event.title = title
            if title_span:
                event.evidence["title"] = title_span
        else:
            event.title = describe.generated_title(lang, event.kind, event.place, event.start)
        event.field_confidence = _field_confidence(event, document)
    if document.hints:
        built = hints.apply_hints(built, document.hints, reference, document.timezone, lang)
    return built


def _expression_spans(mention: when.TimeMention) -> list[tuple[int, int]]:
    """The spans a time expression covers, without the words between its date and its time
    ("Saturday 27 September: the march sets off at 2pm" names a march)."""
    if mention.gap is None:
        return [(mention.start, mention.end)]
    return [(mention.start, mention.gap[0]), (mention.gap[1], mention.end)]


def _event(draft: points.Draft, document: Document, lang: str, segments: Segmentation,
           places: list[locate.PlaceCandidate], contacts: list[Contact],
           organisers: list[tuple[str, int, int]],
           kind_context: tuple[list[tuple[int, int]], dict[str, int]],
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
    masked, counts = kind_context
    focus = describe.Focus(document.text, start_point.mention.start, draft.item, draft.umbrella)
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
        own = _units(draft)
        places = [c for c in places if any(a <= c.start < b for a, b in own)]
    _place(event, draft, segments, places, claimed or [], (over or []) + (done or []))
    event.contacts = [Contact(c.type, c.value, c.evidence) for c in contacts]
    event.organisers = [name for name, _, _ in organisers]
    if organisers:
        event.evidence["organisers"] = (organisers[0][1], organisers[0][2])
    event.warnings = _mention_warnings(draft)
    if draft.conflicts:
        other = ", ".join(day.isoformat() for day in draft.conflicts)
        event.warnings.append(Warning(
            "conflicting_dates", f"The text also points to {other} for this event; "
            f"{draft.day.isoformat()}, the date of its own sentence, was kept.",
            [iso(event.start) or ""] + [iso(points.move_to(event.start, day)) or ""
                                         for day in draft.conflicts]))
    if draft.recurring:
        event.warnings.append(Warning("recurring", "The text announces a repeated event; "
                                      "only the next occurrence is given.", []))
    return event


def _same_place(built: list[Event], drafts: list[points.Draft], lang: str) -> None:
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


def _text_country(built: list[Event], places: list[locate.PlaceCandidate]) -> None:
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


def _programme_place(built: list[Event], drafts: list[points.Draft]) -> None:
    """The items of a programme that name no place of their own are held at the programme's
    ("Samedi 25 octobre au Pianofabriek" ↵ "19h30 : projection …")."""
    for umbrella, whole in zip(drafts, built, strict=True):
        if not umbrella.umbrella or whole.place.is_empty():
            continue
        for draft, event in zip(drafts, built, strict=True):
            if not draft.umbrella and draft.day == umbrella.day and event.place.is_empty():
                _copy_place(event, whole)


def _merge_told_twice(built: list[Event], drafts: list[points.Draft],
                      ) -> tuple[list[Event], list[points.Draft]]:
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
    return [built[k] for k in kept], [drafts[k] for k in kept]


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


def _claimed(units: list[set[tuple[int, int]]], index: int,
             over: set[tuple[int, int]]) -> list[tuple[int, int]]:
    """The sentences that hold times of the other drafts (`units`, one set per draft), or a
    day that is over (`over`), and none of draft `index`'s: the places named there are those
    events' ("Jusqu'à 13h, … à l'Union Locale" ↵ "à 14h, …")."""
    others = over.union(*(spans for i, spans in enumerate(units) if i != index))
    return sorted(others - units[index])


def _units(draft: points.Draft) -> set[tuple[int, int]]:
    """The spans of the sentences that hold the draft's times."""
    return {(p.unit.start, p.unit.end) for p in draft.times + draft.anchors}


def _place(event: Event, draft: points.Draft, segments: Segmentation,
           places: list[locate.PlaceCandidate], claimed: list[tuple[int, int]],
           over: list[tuple[int, int]]) -> None:
    """Choose the event's place (never a meeting point's or a stop's, nor one named in
    another event's own sentence), and drop the meeting points that merely repeat the start
    at that place."""
    start_point = draft.start
    assert start_point is not None
    unit = start_point.unit
    promoted = (unit.start, unit.end) if draft.start_from_meeting else None
    excluded = [m.evidence for m in event.meeting_points if m.evidence]
    excluded += [t.evidence for t in event.transport if t.evidence]
    if not draft.start_from_meeting:
        # "Nous nous rassemblerons dès 13h30 sur la place du Marché, d'où le cortège
        # s'élancera à 14h": the start's own sentence names the event's place, whatever
        # else it gives
        excluded = [(a, b) for a, b in excluded if not a <= start_point.mention.start < b]
    excluded += claimed
    away = [m.evidence for m in event.meeting_points if m.evidence and m.role == "group_departure"]
    away += [t.evidence for t in event.transport if t.evidence] + over
    anchors = draft.offsets()
    if promoted in excluded and (start_point.mention.has_date or not any(
            c.source != "locality" for a in anchors if a != unit.start
            for c in locate.candidates_in(places, segments.unit_at(a).start,
                                          segments.unit_at(a).end))):
        # a rendez-vous that gives the event its start names the event's place when it is
        # dated itself or when the day's own lines name none but a town ("Date: Saturday 9th
        # August" ↵ "Time: Assemble at midday outside BBC Broadcasting House")
        excluded.remove(promoted)
        anchors = [unit.start]
    shared: list[locate.PlaceCandidate] = []
    if draft.place_at is not None:
        # one of several sites of the day: the places (and towns) named before it in its
        # sentence are the other sites'
        site_unit = segments.unit_at(draft.place_at)
        before_site = [site_unit.start <= c.start < draft.place_at for c in places]
        shared = [c for c, before in zip(places, before_site, strict=True) if before]
        places = [c for c, before in zip(places, before_site, strict=True) if not before]
    event.place, span = locate.choose(places, anchors, segments, excluded, away, claimed)
    if span is None and promoted in excluded:
        # nothing else names a place: the rendez-vous is the event's place
        excluded.remove(promoted)
        event.place, span = locate.choose(places, anchors, segments, excluded, away, claimed)
    if draft.place_at is not None and draft.kind is not None and not event.place.locality:
        # the second event of a sentence naming two shares its town ("place de l'Albertine à
        # Bruxelles, puis manifestation à 17h au départ de la gare Centrale")
        town = next((c.place for c in shared if c.place.locality), None)
        if town is not None:
            event.place = dataclasses.replace(event.place, locality=town.locality,
                                              country=event.place.country or town.country)
    if span:
        event.evidence["place"] = span
    event.meeting_points = [m for m in event.meeting_points if not (
        m.time == event.start and (m.place.is_empty()
                                   or logistics.same_place(m.place, event.place)))]


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


def _field_confidence(event: Event, document: Document) -> dict[str, float]:
    """Per-field confidence: how the field was found, lowered where OCR was unsure."""
    scores = {
        "start": 0.9 if isinstance(event.start, dt.datetime) else (0.6 if event.start else 0.0),
        "place": {"address": 0.9}.get("address" if event.place.street else "", 0.0)
        or (0.75 if event.place.name else 0.5 if event.place.locality else 0.0),
        "kind": 0.8 if "kind" in event.evidence else 0.3,
        "title": 0.9 if "title" in event.evidence else 0.5,
    }
    if any(w.code in ("weekday_mismatch", "conflicting_dates") for w in event.warnings):
        scores["start"] *= 0.6
    for name, span in event.evidence.items():
        if name in scores:
            scores[name] = round(scores[name] * document.confidence_at(*span), 3)
    return scores
