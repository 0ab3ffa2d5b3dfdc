"""Calibrated confidence per field: how often a value affiche gives is right.

For each event and each field (start, end, place, kind, every meeting point) `signals` reads
general features of how the value was found: the kind of evidence (a day number and a clock
time written together, a weekday alone, a day lent by a heading, a start taken from a
rendez-vous), the margins of the scored decisions over their runners-up (the `place_of` score
of the chosen place against the best of another town, the `still_to_come` probability of the
day), the warnings already raised (weekday_mismatch, ambiguous_place, …), the competition in
the text (how many days, events and towns it names) and the OCR confidence of the evidence.
`apply` turns them into probabilities with the maps of `calibration.json` beside this module:
a logistic score per field, then Platt's scaling fitted on held-out scores, both fitted by
`bench/calibrate.py --fit` on the dev corpus with cross-validation by document, so that 0.8
means right about 8 times in 10. A field under its map's threshold gets a warning
`uncertain_<field>` with its candidates.

Written by hand at run time (a dot product and a logistic): scikit-learn fits the
maps offline, as a dev dependency, so running affiche needs neither it nor numpy here.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from affiche.errors import AfficheError
from affiche.extract import placechoice
from affiche.extract.points import Draft, at_day, move_to
from affiche.model import Document, Event, Warning, iso

__all__ = ["Context", "CalibrationError", "Calibration", "FIELDS", "CALIBRATION_PATH", "DIRECTIONS",
           "signals", "apply", "assess", "load", "event_confidence", "meeting_key"]

CALIBRATION_PATH = Path(__file__).with_name("calibration.json")
FIELDS = ("start", "end", "place", "kind", "meeting_point")
_SHOWN_CANDIDATES = 3  # runners-up given with an uncertain_* warning


class CalibrationError(AfficheError):
    """The calibration file is missing or malformed; the message names the file and the fix."""


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
    found["later_event"] = _log(next((i for i, d in enumerate(ctx.drafts) if d is draft), 0))
    same_day = sum(1 for d in ctx.drafts if d.day == draft.day)
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
    found["day_told"] = _log(sum(1 for p in ctx.points if p.day == draft.day) - 1)
    if isinstance(event.start, dt.datetime):
        clock = (event.start.hour, event.start.minute)
        # events start on the hour or a quarter, in waking hours; other clocks are
        # timestamps, durations or train times
        found["odd_minute"] = float(event.start.minute % 15 != 0)
        found["night"] = float(event.start.hour < 7 or event.start.hour >= 23)
        found["clock_told"] = _log(sum(
            1 for p in ctx.points if p.mention.has_time and isinstance(p.mention.value, dt.datetime)
            and (p.mention.value.hour, p.mention.value.minute) == clock) - 1)
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
    towns = {(c.place.locality or "").casefold() for c in ctx.places if c.place.locality}
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
        mentions = sum(1 for c in ctx.places if (c.place.locality or "").casefold() == own)
        found["town_share"] = mentions / max(1, sum(1 for c in ctx.places if c.place.locality))
        found["town_in_span"] = float(span is not None and any(
            span[0] <= c.start < span[1] and (c.place.locality or "").casefold() == own
            for c in ctx.places))
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
        units = [segments.index_at(c.start) for c in ctx.places
                 if (c.place.locality or "").casefold() == own]
        others = [segments.index_at(c.start) for c in ctx.places if c.place.locality
                  and (c.place.locality or "").casefold() != own]
        nearest = min((abs(u - start_unit) for u in units), default=None)
        if nearest is not None:
            found["town_distance"] = _log(nearest)
            found["other_town_nearer"] = float(any(abs(u - start_unit) < nearest
                                                   for u in others))
        found["town_opening"] = float(any(u < _OPENING for u in units))
    anchors = draft.offsets()
    rival = placechoice.rival_town(ctx.places, anchors, segments, [], place) \
        if place.locality else None
    found["rival"] = float(rival is not None)
    if rival is not None:
        found["rival_margin"] = max(-3.0, min(3.0, rival[0])) / 3
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


@dataclass(frozen=True)
class FieldMap:
    """One field's fitted map: a standardised logistic score, then Platt's scaling of it
    (`a × score + b`, fitted on held-out scores)."""

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    a: float
    b: float
    threshold: float

    def raw(self, values: Mapping[str, float]) -> float:
        """The logistic regression's score of the features (absent features count 0)."""
        return self.intercept + sum(
            c * (values.get(name, 0.0) - m) / s
            for name, m, s, c in zip(self.features, self.mean, self.scale, self.coef,
                                     strict=True))

    def probability(self, values: Mapping[str, float]) -> float:
        """The calibrated probability that the field's value is right."""
        total = self.a * self.raw(values) + self.b
        value = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, total))))
        return min(_HIGHEST, max(_LOWEST, value))


_LOWEST, _HIGHEST = 0.01, 0.99  # no map claims certainty


@dataclass(frozen=True)
class Calibration:
    """The fitted maps of every field, read from `calibration.json`."""

    fields: Mapping[str, FieldMap]
    source: str = ""

    def map_for(self, key: str) -> FieldMap | None:
        """The map of a field key (every meeting point shares the `meeting_point` map)."""
        return self.fields.get("meeting_point" if key.startswith("meeting_points.") else key)


def _field_map(name: str, data: Any, path: Path) -> FieldMap:
    """One field's map, checked: every list as long as its features, numbers, xs sorted."""
    where = f"calibration file {path}: field {name!r}"
    fix = "; re-fit with bench/calibrate.py --fit"
    if not isinstance(data, dict):
        raise CalibrationError(f"{where} is not an object; re-fit with bench/calibrate.py --fit")
    try:
        features = tuple(str(f) for f in data["features"])
        lists = [tuple(float(v) for v in data[key]) for key in ("mean", "scale", "coef")]
        a, b = float(data["platt"]["a"]), float(data["platt"]["b"])
        intercept, threshold = float(data["intercept"]), float(data["threshold"])
    except KeyError as missing:
        raise CalibrationError(f"{where} lacks {missing}; re-fit with bench/calibrate.py "
                               "--fit") from None
    except (TypeError, ValueError):
        raise CalibrationError(f"{where} holds a value that is not a number; re-fit with "
                               "bench/calibrate.py --fit") from None
    if any(len(values) != len(features) for values in lists):
        raise CalibrationError(f"{where}: mean, scale and coef must have one value per "
                               f"feature{fix}")
    if any(s == 0 for s in lists[1]):
        raise CalibrationError(f"{where}: a scale of 0 (a feature is divided by it){fix}")
    if not 0 <= threshold <= 1:
        raise CalibrationError(f"{where}: threshold {threshold} is not a probability{fix}")
    return FieldMap(features, lists[0], lists[1], lists[2], intercept, a, b, threshold)


def load(path: Path | None = None) -> Calibration:
    """The calibration maps of `path` (default: `CALIBRATION_PATH`, read once); a
    CalibrationError says what is wrong with the file."""
    return _load(path or CALIBRATION_PATH)


@functools.cache
def _load(path: Path) -> Calibration:
    """The maps of one file, read once."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CalibrationError(f"calibration file {path} not found; fit it with "
                               "bench/calibrate.py --fit") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise CalibrationError(f"calibration file {path} cannot be read ({error}); re-fit "
                               "with bench/calibrate.py --fit") from None
    if not isinstance(data, dict) or not isinstance(data.get("fields"), dict):
        raise CalibrationError(f"calibration file {path} has no 'fields' object; re-fit "
                               "with bench/calibrate.py --fit")
    maps = {name: _field_map(name, entry, path) for name, entry in data["fields"].items()}
    missing = [name for name in FIELDS if name not in maps]
    if missing:
        raise CalibrationError(f"calibration file {path} has no map for {', '.join(missing)}; "
                               "re-fit with bench/calibrate.py --fit")
    return Calibration(maps, str(data.get("fitted_on", "")))


def apply(found: Mapping[str, Mapping[str, float]],
          calibration: Calibration | None = None) -> dict[str, float]:
    """The calibrated confidence of every field of `found` (the output of `signals`)."""
    calibration = calibration or load()
    scores = {}
    for key, values in found.items():
        fitted = calibration.map_for(key)
        if fitted is not None:
            scores[key] = round(fitted.probability(values), 3)
    return scores


def event_confidence(scores: Mapping[str, float]) -> float:
    """The event's confidence: the chance that its start, place and kind are all right,
    taken as the product of theirs (their errors are told apart by different features)."""
    product = 1.0
    for key in ("start", "place", "kind"):
        product *= scores.get(key, 1.0)
    return round(product, 3) if scores else 0.0


_WHAT = {"start": "start", "end": "end", "place": "place", "kind": "kind"}


def _candidates(event: Event, draft: Draft | None, key: str, ctx: Context) -> list[str]:
    """The other readings of a field, for its uncertain_* warning."""
    if draft is None or draft.start is None:
        return []
    if key == "start":
        values = [iso(event.start) or ""]
        # the other times the event's own sentences give it, then the other days
        for point in draft.times + draft.anchors:
            if point.mention.has_time and point is not draft.start and point.role == "event":
                values.append(iso(at_day(point.mention, draft.day)) or "")
        if event.start is not None:
            values += [iso(move_to(event.start, day)) or "" for day in draft.conflicts]
        values += [iso(c) or "" for c in draft.start.mention.candidates]
    elif key == "place":
        values = [event.place.label()]
        ranked = placechoice.rank(ctx.places, draft.offsets(), ctx.segments)
        values += [c.place.label() for _, c in ranked if c.place.label()]
    elif key == "kind":
        values = [event.kind] + [k for k, n in sorted(ctx.kind_counts.items(),
                                                      key=lambda kv: -kv[1]) if n]
    else:
        return []
    unique: list[str] = []
    for value in values:
        if value and value not in unique:
            unique.append(value)
    return unique[: _SHOWN_CANDIDATES + 1]


def assess(event: Event, draft: Draft | None, ctx: Context,
           calibration: Calibration | None = None) -> None:
    """Set the event's field confidences, its confidence and an uncertain_* warning per field
    below its threshold (with its candidates); the features are kept in `event.signals`."""
    calibration = calibration or load()
    found = signals(event, draft, ctx)
    event.signals = found
    event.field_confidence = apply(found, calibration)
    event.confidence = event_confidence(event.field_confidence)
    for key, value in event.field_confidence.items():
        fitted = calibration.map_for(key)
        if fitted is None or value >= fitted.threshold or not _worth_saying(event, key):
            continue
        code = "uncertain_" + ("meeting_point" if key.startswith("meeting_points.")
                               else _WHAT[key])
        what = f"meeting point {int(key.split('.')[1]) + 1}" if "." in key else _WHAT[key]
        event.warnings.append(Warning(
            code, f"The {what} is uncertain (confidence {value:.0%}, under "
            f"{fitted.threshold:.0%}): check it against the text.",
            _candidates(event, draft, key, ctx)))


def _worth_saying(event: Event, key: str) -> bool:
    """False for an empty start or place (no_date and no_place already say so)."""
    if key == "start":
        return event.start is not None
    if key == "place":
        return not event.place.is_empty()
    if key == "end":
        return event.end is not None
    return True
