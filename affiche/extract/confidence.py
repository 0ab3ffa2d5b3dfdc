"""Calibrated confidence per field: how often a value affiche gives is right.

For each event and each field (start, end, place, kind, every meeting point) `signals`
(`fieldsignals.py`) reads general features of how the value was found: the kind of evidence
(a day number and a clock time written together, a weekday alone, a day lent by a heading,
a start taken from a rendez-vous), the margins of the scored decisions over their runners-up
(the `place_of` score of the chosen place against the best other candidate and the best of
another town, the `still_to_come` probability of the day), the warnings already raised
(weekday_mismatch, ambiguous_place, …), the competition in the text (how many days, events
and towns it names) and the OCR confidence of the evidence.
`apply` turns them into probabilities with the maps of `calibration.json` beside this module:
a logistic score per field, then Platt's scaling fitted on held-out scores, both fitted by
`bench/calibrate.py --fit` on the dev corpus with cross-validation by document, so that 0.8
means right about 8 times in 10. A field under its map's threshold gets a warning
`uncertain_<field>` with its candidates.

Written by hand at run time (a dot product and a logistic): scikit-learn fits the
maps offline, as a dev dependency, so running affiche needs neither it nor numpy here.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from affiche.errors import AfficheError
from affiche.extract import placechoice
from affiche.extract.fieldsignals import DIRECTIONS, Context, meeting_key, signals
from affiche.extract.points import Draft, at_day, move_to
from affiche.model import Event, Warning, iso

__all__ = ["Context", "CalibrationError", "Calibration", "FieldMap", "FIELDS",
           "CALIBRATION_PATH", "DIRECTIONS", "signals", "apply", "assess", "load",
           "event_confidence", "meeting_key", "explain"]

CALIBRATION_PATH = Path(__file__).with_name("calibration.json")
FIELDS = ("start", "end", "place", "kind", "meeting_point")
_SHOWN_CANDIDATES = 3  # runners-up given with an uncertain_* warning


class CalibrationError(AfficheError):
    """The calibration file is missing or malformed; the message names the file and the fix."""


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
        ranked = placechoice.rank(ctx.places_near(draft.offsets()), draft.offsets(),
                                  ctx.segments)
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


def explain(event: Event, count: int = 3) -> list[str]:
    """One line per field: its confidence and the features that moved it most (for
    `--explain`), e.g. "start 0.53 (weekday_mismatch -0.91, days +0.52, …)"."""
    calibration = load()
    lines = []
    for key, values in event.signals.items():
        fitted = calibration.map_for(key)
        if fitted is None:
            continue
        parts = sorted(((c * (values.get(n, 0.0) - m) / s, n) for n, m, s, c in zip(
            fitted.features, fitted.mean, fitted.scale, fitted.coef, strict=True)),
            key=lambda pair: -abs(pair[0]))
        said = ", ".join(f"{name} {amount:+.2f}" for amount, name in parts[:count] if amount)
        flag = " (under its threshold)" if event.field_confidence.get(key, 1.0) \
            < fitted.threshold else ""
        lines.append(f"{key} {event.field_confidence.get(key, 0.0):.2f}{flag}"
                     + (f" ({said})" if said else ""))
    return lines


def _worth_saying(event: Event, key: str) -> bool:
    """False for an empty start or place (no_date and no_place already say so)."""
    if key == "start":
        return event.start is not None
    if key == "place":
        return not event.place.is_empty()
    if key == "end":
        return event.end is not None
    return True
