"""Joint assignment of the text's places and contacts to its events: one site per event
(never a meeting point's, a stop's or another event's own), each contact to the event
whose block holds it."""

from __future__ import annotations

import dataclasses
import re

from affiche.extract import locate, logistics, placechoice, points
from affiche.extract.layout import Layout
from affiche.extract.scoring import Score, score
from affiche.extract.segment import Segmentation, Unit
from affiche.model import Contact, Event, Warning

__all__ = ["place_event", "assign_contacts"]

_CLOSE = 0.3  # score margin under which a second town makes the place ambiguous


def assign_contacts(built: list[Event], drafts: list[points.Draft], contacts: list[Contact],
                    layout: Layout) -> list[Score]:
    """Give each contact to the events it belongs to (scored `contact_of`): the event of its
    own paragraph; a contact no event claims (a footer, a page header) is every event's.
    Returns the decisions, for `--explain`."""
    decisions: list[Score] = []
    if len(built) <= 1:
        for event in built:
            event.contacts = [dataclasses.replace(c) for c in contacts]
        return decisions
    homes = [_home(draft, layout) for draft in drafts]
    paragraphs_with_events = {paragraph for _, paragraph in homes}
    last_paragraph = max(paragraphs_with_events)
    # only the events of a contact's block or paragraph can score above the bias: an index
    # keeps this linear in the text (no contact × event loop)
    near: dict[tuple[str, int], list[int]] = {}
    for index, (home_block, home_paragraph) in enumerate(homes):
        near.setdefault(("block", home_block), []).append(index)
        near.setdefault(("paragraph", home_paragraph), []).append(index)
    for event in built:
        event.contacts = []
    for contact in contacts:
        where = contact.evidence[0] if contact.evidence else 0
        block = layout.block_of(where)
        paragraph = layout.segments.unit_at(where).paragraph
        owners = []
        candidates = sorted(set(near.get(("block", block), []))
                            | set(near.get(("paragraph", paragraph), [])))
        for index in candidates:
            home_block, home_paragraph = homes[index]
            decision = score("contact_of", {
                "same_paragraph": float(paragraph == home_paragraph),
                "same_block": float(block == home_block),
                "paragraph_without_event": float(paragraph not in paragraphs_with_events),
                "after_every_event": float(paragraph > last_paragraph),
                "another_event_paragraph": float(paragraph != home_paragraph
                                                 and paragraph in paragraphs_with_events),
            }, subject=f"{contact.value} → event {index + 1}")
            decisions.append(decision)
            if decision.taken:
                owners.append(index)
        for index in owners or range(len(built)):
            built[index].contacts.append(dataclasses.replace(contact))
    return decisions


def _home(draft: points.Draft, layout: Layout) -> tuple[int, int]:
    """The block and paragraph of a draft's start."""
    offset = draft.start.unit.start if draft.start else 0
    return layout.block_of(offset), layout.segments.unit_at(offset).paragraph


def place_event(event: Event, draft: points.Draft, segments: Segmentation,
                places: list[locate.PlaceCandidate], claimed: list[tuple[int, int]],
                over: list[tuple[int, int]],
                towns: list[locate.PlaceCandidate] | None = None) -> None:
    """Choose the event's place among `places` (never a meeting point's or a stop's, nor one
    named in another event's own sentence), its town among `towns` (default `places`: a
    strike's picket is in its own sentences, its town may be the headline's), and drop the
    meeting points that merely repeat the start at that place."""
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
        # (a start written over two lines, "Jeudi 1er mai ↵ Rendez-vous à midi", overlaps
        # its sentence without starting in it)
        mention = start_point.mention
        excluded = [(a, b) for a, b in excluded if not (a < mention.end and mention.start < b)]
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
        if towns is not None:
            towns = [c for c in towns if not site_unit.start <= c.start < draft.place_at]
    event.place, span = locate.choose(places, anchors, segments, excluded, away, claimed, towns)
    if span is None and promoted in excluded:
        # nothing else names a place: the rendez-vous is the event's place
        excluded.remove(promoted)
        event.place, span = locate.choose(places, anchors, segments, excluded, away, claimed,
                                          towns)
    if draft.place_at is not None and draft.kind is not None and not event.place.locality:
        # the second event of a sentence naming two shares its town ("place de l'Albertine à
        # Bruxelles, puis manifestation à 17h au départ de la gare Centrale")
        town = next((c.place for c in shared if c.place.locality), None)
        if town is not None:
            event.place = dataclasses.replace(event.place, locality=town.locality,
                                              country=event.place.country or town.country)
    if span is not None and not event.place.postcode:
        _bracketed_postcode(event, span, segments, event.language or "")
    town = _label_town(places, segments, start_point.unit)
    if town is not None and (span is None or segments.unit_at(span[0]).line
                             == start_point.unit.line):
        # "Leeds: Park Square, 14:00 Oct. 21": an item labelled with its town is there
        event.place = dataclasses.replace(event.place, locality=town.place.locality,
                                          country=town.place.country or event.place.country)
    if span:
        event.evidence["place"] = span
    rival = placechoice.rival_town(places, anchors, segments, excluded, event.place)
    if rival is not None and rival[0] < _CLOSE and town is None:
        # two towns nearly as near: say so, with both (never a silent pick)
        other = rival[1].place.locality or ""
        event.warnings.append(Warning(
            "ambiguous_place", f"The text names {event.place.locality} and {other} about as "
            f"near this event; {event.place.locality} was kept.",
            [event.place.locality or "", other]))
    event.meeting_points = [m for m in event.meeting_points if not (
        m.time == event.start and (m.place.is_empty()
                                   or logistics.same_place(m.place, event.place)))]


def _label_town(places: list[locate.PlaceCandidate], segments: Segmentation,
                unit: Unit) -> locate.PlaceCandidate | None:
    """The town that labels the line of `unit` ("Leeds: …", "- GENT : …"), or None."""
    line = [u for u in segments.units[max(0, segments.index_at(unit.start) - 3):
                                      segments.index_at(unit.start) + 1] if u.line == unit.line]
    first = line[0] if line else unit
    text = first.text
    opening = len(text) - len(text.lstrip(" -–•*>\t"))
    for candidate in locate.candidates_in(places, first.start, first.end):
        if candidate.source == "locality" and candidate.start == first.start + opening \
                and text[candidate.end - first.start:].lstrip().startswith(":"):
            return candidate
    return None


_BRACKETED_POSTCODE = re.compile(r"[ \t]*\((\d{4})\)")


def _bracketed_postcode(event: Event, span: tuple[int, int], segments: Segmentation,
                        lang: str) -> None:
    """A postcode in brackets right after the place ("place Communale (4000)") is its
    postcode, and names its town when the gazetteer's postcode table knows it (Belgium)."""
    from affiche.resolve import gazetteer

    text = segments.unit_at(span[0]).text
    unit = segments.unit_at(span[0])
    found = _BRACKETED_POSTCODE.match(text, span[1] - unit.start) if span[1] <= unit.end else None
    if found is None:
        return
    code = found.group(1)
    towns = gazetteer.load().postcodes.get(code)
    locality = event.place.locality
    if towns and not locality:
        locality = towns[1] if lang == "nl" and len(towns) > 1 else towns[0]
    event.place = dataclasses.replace(event.place, postcode=code, locality=locality,
                                      country=event.place.country or ("BE" if towns else None))
