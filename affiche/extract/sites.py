"""Events beside the day's first: several sites of one day, an event handed over to another
place, another group's own event, a rendez-vous at the same hour elsewhere (rules 3-4)."""

from __future__ import annotations

from dataclasses import replace

from affiche.extract import cues
from affiche.extract.locate import PlaceCandidate
from affiche.extract.points import (
    _KIND_AFTER,
    _STREET_PROTESTS,
    Draft,
    TimePoint,
    _clock,
    _first_kind,
    _has_place,
    _is_heading,
    _last_kind,
    _unit_place_key,
    _unplaced,
)
from affiche.extract.segment import Segmentation, Unit
from affiche.extract.starts import _finish, _take_item

__all__ = []


_FOLLOW_REACH = 2  # sentences after an event's own ones where it may hand over to another


def _followed_by(draft: Draft, segments: Segmentation, places: list[PlaceCandidate],
                 dated: list[int], lang: str, timed: set[int] | None = None) -> list[Draft]:
    """The event another one hands over to, at another place, on the same day ("ce
    rassemblement se prolongera par la projection du film … à la salle municipale René
    Grison", "Après la marche, un concert de soutien au centre culturel"):
    its day and no time, its kind and its place from that sentence. A sentence holding
    another draft's hour (`timed`, the units of every draft's times) is not looked at."""
    if draft.item or draft.umbrella or draft.start is None or draft.place_at is not None:
        return []
    follow = cues.cue_pattern(lang, "followed_by")
    kinds = cues.cue_table(lang, "kinds")
    own = draft.anchors or [draft.start]  # a march told only by its rendez-vous has no anchor
    own_sites = {_unit_place_key(p.unit, places) for p in own} - {None}
    # from the event's first sentence to the one after its last time ("… jusqu'à midi
    # environ. La marche sera suivie d'un concert au centre culturel.")
    indexes = sorted({segments.index_at(p.unit.start) for p in own + draft.times})
    last = min(indexes[-1] + _FOLLOW_REACH, len(segments.units) - 1)
    found: list[Draft] = []
    for index in range(indexes[0], last + 1):
        unit = segments.units[index]
        if index > indexes[-1] and any(unit.start <= d < unit.end for d in dated):
            break  # another day's sentence
        handover = follow.search(unit.text)
        if handover is None or (timed and unit.start in timed and unit.start not in {
                p.unit.start for p in own}):
            continue  # a sentence with an hour of its own is an event drafted already
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


def _towns(unit: Unit, places: list[PlaceCandidate]) -> set[str]:
    """The towns the place candidates of a sentence name (lower case)."""
    return {(c.place.locality or "").casefold() for c in places
            if unit.start <= c.start < unit.end and c.place.locality}


def _route_starts_elsewhere(draft: Draft, lang: str,
                            places: list[PlaceCandidate]) -> list[Draft]:
    """A procession setting off in another town than the day's event ("À Namur, le
    cortège partira à 11h de la place de la Station" beside "À Dinant, rassemblement à
    10h devant l'hôtel de ville"): a march of its own, not a rendez-vous for the other one. Only
    route starts: a rendez-vous or a group departure elsewhere leads to the event."""
    timed = [p for p in draft.times if p.role == "event" and p.mention.has_time]
    if not timed:
        return []
    kinds = cues.cue_table(lang, "kinds")
    here = _towns(timed[0].unit, places)
    event_units = {p.unit.start for p in timed}
    items = []
    for point in list(draft.times):
        if point.role != "meeting" or point.cue != "route_start" \
                or not point.mention.has_time or point.unit.start in event_units:
            continue
        there = _towns(point.unit, places)
        # the procession itself sets off there ("le cortège partira"): a coach or a group
        # leaving another town ("départ de Liège à 7h") goes to the event
        protest = _last_kind(_unplaced(point.unit, places), kinds) in _STREET_PROTESTS
        if protest and here and there and not here & there:
            items.append(_take_item(draft, point, None, lang, places))
    return items if draft.times else []
