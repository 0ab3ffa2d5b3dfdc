"""Sibling events: a sentence after an event's own that says another one of a kind is held
too, elsewhere, the same day ("Une manifestation est aussi prévue à Namur", "A rally is also
planned in York", "Ook in Gent wordt een betoging gehouden"): an event of its own, on that
day, at that place. The words are the language files' `events.sibling_words`."""

from __future__ import annotations

from dataclasses import replace

from affiche.extract import cues
from affiche.extract.locate import PlaceCandidate
from affiche.extract.points import Draft, _last_kind, _unit_place_key, _unplaced
from affiche.extract.segment import Segmentation

__all__ = ["siblings"]

_REACH = 3  # sentences after an event's own where a sibling may be told


def siblings(draft: Draft, segments: Segmentation, places: list[PlaceCandidate],
             dated: list[int], lang: str) -> list[Draft]:
    """The sibling events a draft's following sentences announce (its day, their kind and
    place); none for items, programmes, or a sentence with a day of its own."""
    if draft.item or draft.umbrella or draft.start is None or not draft.anchors:
        return []
    words = cues.cue_pattern(lang, "sibling_words")
    kinds = cues.cue_table(lang, "kinds")
    own = {_unit_place_key(p.unit, places) for p in draft.anchors} - {None}
    own_towns = {(c.place.locality or "").casefold() for p in draft.anchors for c in places
                 if p.unit.start <= c.start < p.unit.end and c.place.locality}
    taken = {p.unit.start for p in draft.times}
    first = segments.index_at(max(p.unit.start for p in draft.anchors))
    found: list[Draft] = []
    for unit in segments.units[first + 1: first + 1 + _REACH]:
        if unit.start in taken or any(unit.start <= d < unit.end for d in dated):
            break  # another time's or another day's sentence
        said = words.search(unit.text)
        kind = _last_kind(_unplaced(unit, places), kinds) if said else None
        site = next((c for c in places if unit.start <= c.start < unit.end), None)
        if kind is None or site is None:
            continue
        key = _unit_place_key(unit, places)
        town = (site.place.locality or "").casefold()
        if key in own or (town and town in own_towns):
            continue  # the same place told again
        found.append(replace(draft, anchors=[draft.start], times=[draft.start],
                             date_only=True, end_value=None, start_from_meeting=False,
                             item=True, kind=kind, place_at=site.start, conflicts=[],
                             notes=[], decisions=[]))
    return found
