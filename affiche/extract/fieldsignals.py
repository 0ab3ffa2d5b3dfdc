"""The features of how each field of an event was found, for its calibrated confidence
(`confidence.py`): the kind of evidence, the margins of the scored decisions over their
runners-up, the warnings already raised, the competition in the text and the OCR confidence
of the evidence. Plain `{name: value}` maps per field, values of order 1; their weights are
fitted by `bench/calibrate.py --fit` into `calibration.json`."""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import math
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from affiche.extract import placechoice
from affiche.extract.points import Draft
from affiche.model import Document, Event

__all__ = ["Context", "DIRECTIONS", "signals", "meeting_key"]


# The direction each feature's evidence can only push, when it is known: a written day number
# can only make a start surer, a warning only less sure. `bench/calibrate.py --fit` drops a
# feature whose fitted weight goes against its direction (on a small corpus such a weight is
# noise: a rule of the language read backwards).
DIRECTIONS: dict[str, dict[str, int]] = {
    "start": {"day_number": 1, "relative_day": -1, "weekday_mismatch": -1,
              "conflicting_dates": -1, "weekday_of_writing": -1, "past": -1, "no_start": -1,
              "odd_minute": -1, "night": -1, "ocr": -1, "still_to_come": 1, "close_call": -1,
              "said_future": 1, "said_invite": 1, "said_perfect_past": -1, "said_past_cue": -1,
              "said_report_document": -1, "said_negated_event": -1, "said_banned": -1,
              "said_conditional": -1, "said_past_told_far_ahead": -1, "clock_told": 1,
              "day_told": 1, "other_clocks": -1, "days": -1, "events": -1},
    "place": {"ambiguous_place": -1, "rival": -1, "rival_margin": 1, "unknown_town": -1,
              "population": 1, "town_in_span": 1, "town_share": 1, "ocr": -1,
              "place_margin": 1, "not_top": -1,
              "other_town_nearer": -1, "towns": -1, "short_town": -1, "town_distance": -1},
    "end": {},
    "kind": {"top_margin": 1, "own_share": 1, "other": -1},
    "meeting_point": {"has_time": 1, "after_start": -1},
}


def meeting_key(index: int) -> str:
    """The `field_confidence` key of the meeting point at `index` ("meeting_points.0")."""
    return f"meeting_points.{index}"


@dataclass
class Context:
    """What the features read beside the event: the document, its reference and the stages'
    values of the run (places, sentences, all drafts, the text's kind counts)."""

    document: Document
    reference: dt.datetime
    places: list[Any] = field(default_factory=list)
    segments: Any = None
    drafts: list[Draft] = field(default_factory=list)
    kind_counts: Mapping[str, int] = field(default_factory=dict)
    points: list[Any] = field(default_factory=list)

    @functools.cached_property
    def days(self) -> int:
        """Distinct days the text's time points name."""
        return len({p.day for p in self.points if p.day is not None})

    @functools.cached_property
    def clocks(self) -> bool:
        """True when the text tells a time of day somewhere."""
        return any(p.mention.has_time for p in self.points)

    @functools.cached_property
    def draft_index(self) -> dict[int, int]:
        """The position of each draft (by identity) among the text's drafts."""
        return {id(d): i for i, d in enumerate(self.drafts)}

    @functools.cached_property
    def draft_days(self) -> Counter[dt.date]:
        """How many drafts fall on each day."""
        return Counter(d.day for d in self.drafts)

    @functools.cached_property
    def day_counts(self) -> Counter[dt.date]:
        """How many time points name each day."""
        return Counter(p.day for p in self.points if p.day is not None)

    @functools.cached_property
    def clock_counts(self) -> Counter[tuple[int, int]]:
        """How many time points tell each clock time."""
        return Counter((p.mention.value.hour, p.mention.value.minute) for p in self.points
                       if p.mention.has_time and isinstance(p.mention.value, dt.datetime))

    @functools.cached_property
    def towns(self) -> list[tuple[int, str]]:
        """(sentence index, town folded) of every place candidate that names a town, sorted."""
        if self.segments is None:
            return []
        return sorted((self.segments.index_at(c.start), (c.place.locality or "").casefold())
                      for c in self.places if c.place.locality)

    @functools.cached_property
    def town_counts(self) -> Counter[str]:
        """How many place candidates name each town (folded)."""
        return Counter(town for _, town in self.towns)

    @functools.cached_property
    def starts(self) -> list[int]:
        """The place candidates' start offsets (the candidates are in text order)."""
        return [c.start for c in self.places]

    def places_within(self, low: int, high: int) -> list[Any]:
        """The place candidates that start in [low, high)."""
        return self.places[bisect.bisect_left(self.starts, low):
                           bisect.bisect_left(self.starts, high)]

    def places_near(self, offsets: list[int]) -> list[Any]:
        """The place candidates within `_NEAR` sentences of `offsets`: the only ones whose
        `place_of` closeness is not negligible (keeps the margins linear in the text)."""
        units = [self.segments.index_at(o) for o in offsets] or [0]
        last = len(self.segments.units) - 1
        low = self.segments.units[max(0, min(units) - _NEAR)].start
        high = self.segments.units[min(last, max(units) + _NEAR)].end
        return self.places_within(low, high + 1)


_NEAR = 8  # sentences either side of an event over which place candidates compete


def _log(value: float) -> float:
    """log(1 + value), so counts weigh by their order of magnitude."""
    return math.log1p(max(0.0, value))


_NUMBER = re.compile(r"\d+")


def _states_day(mention: Any, day: dt.date) -> bool:
    """True when the mention writes the day of the month of `day` ("samedi 19", "19/01")."""
    return any(int(n) == day.day for n in _NUMBER.findall(mention.text) if len(n) <= 2)


def _codes(event: Event) -> set[str]:
    return {w.code for w in event.warnings}


def _start_signals(event: Event, draft: Draft | None, ctx: Context) -> dict[str, float]:
    """How the start was found: its evidence, its competition and its warnings."""
    codes = _codes(event)
    found: dict[str, float] = {
        "no_start": float(event.start is None),
        "has_time": float(isinstance(event.start, dt.datetime)),
        "events": _log(len(ctx.drafts) - 1), "days": _log(ctx.days - 1),
        "weekday_mismatch": float("weekday_mismatch" in codes),
        "conflicting_dates": float("conflicting_dates" in codes),
        "weekday_of_writing": float("weekday_of_writing" in codes),
        "structured": float(bool(codes & {"from_structured_data", "structured_data_differs"})),
        "recurring": float("recurring" in codes),
    }
    if event.start is not None:
        day = event.start.date() if isinstance(event.start, dt.datetime) else event.start
        ahead = (day - ctx.reference.date()).days
        found["past"] = float(ahead < 0)
        found["days_ahead"] = _log(ahead) / 6
    if draft is None or draft.start is None:
        found["no_draft"] = 1.0
        return found
    point = draft.start
    mention = point.mention
    told = [p for p in [point, *draft.anchors] if p.day == draft.day]
    found["day_number"] = float(any(_states_day(p.mention, draft.day) for p in told))
    found["day_from_other"] = float(not mention.has_date)
    found["relative_day"] = float(not found["day_number"] and mention.has_date)
    found["from_meeting"] = float(draft.start_from_meeting)
    found["item"] = float(draft.item)
    found["umbrella"] = float(draft.umbrella)
    found["interval"] = float(mention.kind == "interval")
    found["later_event"] = _log(ctx.draft_index.get(id(draft), 0))
    same_day = ctx.draft_days[draft.day]
    found["same_day_events"] = _log(same_day - 1)
    clocks = {(p.mention.value.hour, p.mention.value.minute) for p in draft.times
              if p.role == "event" and p.mention.has_time
              and isinstance(p.mention.value, dt.datetime)}
    found["other_clocks"] = _log(len(clocks) - 1)
    decision = point.decision or next((p.decision for p in draft.anchors
                                       if p.decision is not None), None)
    if decision is not None:
        found["still_to_come"] = decision.probability - 0.5
    # the margin of the closest scored decision that shaped the event (1: on the boundary)
    scored = [d for d in [decision, *draft.decisions] if d is not None]
    if scored:
        found["close_call"] = max(math.exp(-abs(d.total)) for d in scored)
    found["role_not_event"] = float(point.role != "event")
    found["ocr"] = 1.0 - ctx.document.confidence_at(mention.start, mention.end)
    if decision is not None:
        # the grammar of the day's sentence (future, invitation, past report…)
        found.update({f"said_{c.feature}": c.value for c in decision.contributions})
    found["day_told"] = _log(ctx.day_counts[draft.day] - 1)
    if isinstance(event.start, dt.datetime):
        clock = (event.start.hour, event.start.minute)
        # events start on the hour or a quarter, in waking hours; other clocks are
        # timestamps, durations or train times
        found["odd_minute"] = float(event.start.minute % 15 != 0)
        found["night"] = float(event.start.hour < 7 or event.start.hour >= 23)
        found["clock_told"] = _log(ctx.clock_counts[clock] - 1)
    elif ctx.clocks:
        found["clock_elsewhere"] = 1.0  # a day alone in a text that tells times
    if ctx.segments is not None:
        found["opening"] = float(ctx.segments.index_at(mention.start) < _OPENING)
    found.update(_language(ctx))
    return found


_OPENING = 3  # sentences that open a text (headline, dateline, first line)


def _language(ctx: Context) -> dict[str, float]:
    """The text's language as features (the lexicons are not equally full)."""
    lang = ctx.document.language or ""
    return {"lang_en": float(lang == "en"), "lang_nl": float(lang == "nl")}


def _place_signals(event: Event, draft: Draft | None, ctx: Context) -> dict[str, float]:
    """How the place was found: its richness, its closeness and the rival towns."""
    place = event.place
    codes = _codes(event)
    towns = ctx.town_counts
    found: dict[str, float] = {
        "empty": float(place.is_empty()), "no_locality": float(not place.locality),
        "street": float(bool(place.street)), "postcode": float(bool(place.postcode)),
        "name": float(bool(place.name)), "towns": _log(len(towns) - 1),
        "ambiguous_place": float("ambiguous_place" in codes),
        "structured": float(bool(codes & {"from_structured_data", "structured_data_differs"})),
        "events": _log(len(ctx.drafts) - 1),
    }
    span = event.evidence.get("place")
    own = (place.locality or "").casefold()
    found.update(_language(ctx))
    if own:
        found.update(_town(place.locality or "", place.country))
    if own:
        found["town_share"] = towns[own] / max(1, len(ctx.towns))
        found["town_in_span"] = float(span is not None and any(
            (c.place.locality or "").casefold() == own for c in ctx.places_within(*span)))
    if draft is None or draft.start is None or ctx.segments is None:
        found["no_draft"] = 1.0
        return found
    segments = ctx.segments
    start_unit = segments.index_at(draft.start.mention.start)
    if span is not None:
        distance = abs(segments.index_at(span[0]) - start_unit)
        found["distance"] = _log(distance)
        found["same_unit"] = float(distance == 0)
        found["same_paragraph"] = float(segments.units[segments.index_at(span[0])].paragraph
                                        == segments.units[start_unit].paragraph)
        found["ocr"] = 1.0 - ctx.document.confidence_at(*span)
    if own:
        found.update(_town_distances(ctx, own, start_unit))
    anchors = draft.offsets()
    near = ctx.places_near(anchors + [draft.start.mention.start])
    # one ranking of the nearby candidates gives both margins: over the best other place,
    # and over the best place of another town (as `placechoice.rival_town` weighs them)
    ranked = placechoice.rank(near, anchors, segments) if near else []
    if span is not None and ranked:
        chosen = [value for value, c in ranked if span[0] <= c.start < span[1]]
        others = [value for value, c in ranked if not span[0] <= c.start < span[1]]
        if chosen:
            found["place_score"] = max(-3.0, min(6.0, chosen[0])) / 6
            found["place_margin"] = max(-3.0, min(3.0, chosen[0] - max(others, default=0.0))) / 3
            found["not_top"] = float(bool(others) and chosen[0] < max(others))
    rival = next((value for value, c in ranked if not c.route_end and _other_town(c, own)),
                 None) if own else None
    found["rival"] = float(rival is not None)
    if rival is not None:
        found["rival_margin"] = max(-3.0, min(3.0, ranked[0][0] - rival)) / 3
    return found


def _other_town(candidate: Any, own: str) -> bool:
    """True for a candidate of a town that is not the event's (nor holds it, nor is held)."""
    town = (candidate.place.locality or "").casefold()
    return bool(town) and town != own and own not in town and town not in own


def _town_distances(ctx: Context, own: str, start_unit: int) -> dict[str, float]:
    """How far the nearest mention of the event's town is from its start (in sentences),
    whether another town is named nearer, and whether the town opens the text."""
    towns = ctx.towns
    at = bisect.bisect_left(towns, (start_unit, ""))
    nearest: int | None = None
    # walk outwards from the start: the first mention of the town met is the nearest
    low, high = at - 1, at
    other_nearer = False
    while nearest is None and (low >= 0 or high < len(towns)):
        below = start_unit - towns[low][0] if low >= 0 else None
        above = towns[high][0] - start_unit if high < len(towns) else None
        if above is not None and (below is None or above <= below):
            distance, town, high = above, towns[high][1], high + 1
        else:
            assert below is not None
            distance, town, low = below, towns[low][1], low - 1
        if town == own:
            nearest = distance
        elif nearest is None:
            other_nearer = True
    found = {"town_opening": float(any(u < _OPENING for u, t in towns[:_OPENING * 4]
                                       if t == own))}
    if nearest is not None:
        found["town_distance"] = _log(nearest)
        found["other_town_nearer"] = float(other_nearer)
    return found


def _town(name: str, country: str | None) -> dict[str, float]:
    """What the gazetteer knows of a town: unknown, or how populous (a short unknown word read
    as a town is often a misread name)."""
    from affiche.resolve import gazetteer

    entry = gazetteer.load().best(name.split("(")[0].strip(), country)
    return {"unknown_town": float(entry is None), "short_town": float(len(name) <= 4),
            "population": math.log10(1 + entry.population) / 7 if entry else 0.0}


def _end_signals(event: Event, draft: Draft | None, ctx: Context) -> dict[str, float]:
    """How the end was found (or why none is given)."""
    found = {"has_end": float(event.end is not None),
             "end_day": float(event.end is not None and not isinstance(event.end, dt.datetime)),
             "start_day": float(event.start is not None
                                and not isinstance(event.start, dt.datetime)),
             "events": _log(len(ctx.drafts) - 1)}
    if draft is not None and draft.start is not None:
        found["interval"] = float(draft.start.mention.kind == "interval")
        found["ends_told"] = _log(sum(1 for p in draft.times if p.role == "end"))
        found["open_after"] = float(draft.start.mention.open == "after")
    return found


def _kind_signals(event: Event, draft: Draft | None, ctx: Context) -> dict[str, float]:
    """How the kind was found: its own cue, and how the text's cues are shared out."""
    counts = sorted(ctx.kind_counts.values(), reverse=True)
    cues = sum(counts)
    found = {"other": float(event.kind == "other"), "evidence": float("kind" in event.evidence),
             "cues": _log(cues), "kinds": _log(sum(1 for c in counts if c) - 1),
             "own_share": ctx.kind_counts.get(event.kind, 0) / cues if cues else 0.0,
             "events": _log(len(ctx.drafts) - 1)}
    if counts and cues:
        found["top_margin"] = (counts[0] - (counts[1] if len(counts) > 1 else 0)) / cues
    if draft is not None:
        found["clause_kind"] = float(draft.kind is not None)
        found["item"] = float(draft.item)
        span = event.evidence.get("kind")
        if span is not None and draft.start is not None and ctx.segments is not None:
            found["cue_distance"] = _log(abs(ctx.segments.index_at(span[0])
                                             - ctx.segments.index_at(draft.start.mention.start)))
    return found


def _meeting_signals(event: Event, index: int, ctx: Context) -> dict[str, float]:
    """How one meeting point was found: its time, its place, its role and its neighbours."""
    point = event.meeting_points[index]
    found = {"has_time": float(isinstance(point.time, dt.datetime)),
             "has_place": float(not point.place.is_empty()),
             "group_departure": float(point.role == "group_departure"),
             "route": float(point.role.startswith("route")),
             "points": _log(len(event.meeting_points) - 1),
             "events": _log(len(ctx.drafts) - 1)}
    if isinstance(point.time, dt.datetime) and isinstance(event.start, dt.datetime):
        minutes = (event.start - point.time).total_seconds() / 60
        found["before_start"] = float(0 < minutes <= 180)
        found["after_start"] = float(minutes < 0)
    start_span = event.evidence.get("start")
    if point.evidence and start_span and ctx.segments is not None:
        found["distance"] = _log(abs(ctx.segments.index_at(point.evidence[0])
                                     - ctx.segments.index_at(start_span[0])))
    return found


def signals(event: Event, draft: Draft | None, ctx: Context) -> dict[str, dict[str, float]]:
    """The features of every field of `event` (its meeting points under `meeting_key`)."""
    found = {"start": _start_signals(event, draft, ctx),
             "place": _place_signals(event, draft, ctx),
             "end": _end_signals(event, draft, ctx),
             "kind": _kind_signals(event, draft, ctx)}
    for index in range(len(event.meeting_points)):
        found[meeting_key(index)] = _meeting_signals(event, index, ctx)
    return found
