"""The result type of the time engine, `TimeMention`, and its Contract 3 (Duckling-style) form."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from affiche.when.calendar import add_grain

if TYPE_CHECKING:  # the model is imported on use, to keep `import affiche.when` light
    from affiche.model import Warning

__all__ = ["Reading", "TimeMention"]


@dataclass
class TimeMention:
    """One time expression found in a text, resolved against the reference.

    `start`/`end`/`text`: the character span [start, end) and its text. `kind`: "value" or
    "interval". `value`: the resolved start (aware; None for an interval open at the start).
    `end_value`: the stated end of an interval ("de 14h à 18h" → 18:00; "du 12 au 14 avril" →
    14 April), None otherwise. `end_exclusive`: the end as an exclusive bound at the grain
    (Duckling's `to`: 19:00 for "de 14h à 18h", 15 April for "du 12 au 14 avril"), None when
    open. `grain`: second|minute|hour|day|week|month|quarter|year. `has_date`: a day was stated
    (absolutely or relatively); `has_time`: a time of day was stated; `has_part_of_day`: "soir",
    "namiddag"... When `has_date` is False the value sits on the reference day. `candidates`:
    other readings worth showing (weekday conflicts). `warnings`: `weekday_mismatch`,
    `past_date`. `rejected`: readings the engine set aside, in words. `recurring`: "tous les
    jeudis" (the value is the next occurrence). `open`: "after" ("dès 19h") or "before"
    ("jusqu'à 16h") for half-open intervals. `stated_zone`: minutes east of UTC of a zone the
    text named ("20h CET"), or its name ("Europe/Paris" for "heure de Paris"); values are
    then converted to the reference's zone.
    `part_of_day_running`: an undated time whose stated part of the day ("4 uur 's ochtends")
    still runs at the reference, so Contract 3 keeps it on the reference day. `gap`: the span
    of the words between a date and the time it lent itself to ("Saturday 27 September: the
    march sets off at 2pm"), which belong to the sentence, not to the expression.
    """

    start: int
    end: int
    text: str
    kind: str = "value"
    value: dt.datetime | None = None
    end_value: dt.datetime | None = None
    end_exclusive: dt.datetime | None = None
    grain: str = "day"
    has_date: bool = False
    has_time: bool = False
    has_part_of_day: bool = False
    candidates: list[dt.datetime] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)
    recurring: bool = False
    open: str | None = None
    stated_zone: int | str | None = None
    part_of_day_running: bool = False
    gap: tuple[int, int] | None = None

    def to_values(self, reference: dt.datetime) -> list[dict[str, Any]]:
        """This mention as Contract 3 values (best first), in the reference's offset.

        A time stated without a day whose hour is already over on the reference day is read,
        as Duckling does, as the next day's (4:23 at 4:30 stays today: its hour still runs).
        """
        value, upper, exclusive = self.value, self.end_value, self.end_exclusive
        if not self.has_date and (self.has_time or self.has_part_of_day) and value is not None \
                and not self.part_of_day_running:
            hour_over = value.replace(minute=0, second=0) + dt.timedelta(hours=1) <= reference
            if self.kind == "value" and hour_over and self.grain in ("hour", "minute", "second"):
                value = add_grain(value, "day")
                upper = add_grain(upper, "day") if upper is not None else None
        if self.kind == "value":
            shift = value - self.value if value is not None and self.value is not None else None
            out = [{"type": "value", "value": _iso(value), "grain": self.grain}]
            for other in self.candidates:  # other readings of a weekday conflict, after the best
                if other != self.value:
                    out.append({"type": "value", "value": _iso(other + shift if shift else other),
                                "grain": self.grain})
            return out
        if self.open == "before":
            return [{"type": "interval", "from": None, "to": _iso(upper or exclusive),
                     "grain": self.grain}]
        return [{"type": "interval", "from": _iso(value), "to": _iso(exclusive),
                 "grain": self.grain}]


Reading = TimeMention


def _iso(value: dt.datetime | None) -> str | None:
    if value is None:
        return None
    return value.isoformat(timespec="seconds")
