"""Are two events the same event? A similarity score and the duplicate decision.

Two calls for one rally rarely share a title word for word ("Rassemblement devant le 127bis" and
"Tous au centre fermé 127 bis ce samedi"), so the text score is the best of a character-level
ratio of the titles (difflib's SequenceMatcher, which is in the standard library: the store and
batch compare only events of the same day, a handful of pairs, so rapidfuzz's speed buys
nothing) and a word-overlap score of titles and descriptions that is indifferent to word order.
Words are folded (lower-case, no accents) and short words (articles, prepositions) ignored.

`is_duplicate` wants the same local day, places within 300 m when both are geocoded or the same
locality, and similar text; two events whose places are both unknown need near-identical text.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from difflib import SequenceMatcher
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from affiche.model import Event, Place

__all__ = ["similarity", "is_duplicate", "text_similarity", "distance_m", "NEAR_METRES"]

NEAR_METRES = 300.0
_TEXT_THRESHOLD = 0.55
_UNPLACED_THRESHOLD = 0.85
_WORD = re.compile(r"\w+")
_MIN_WORD = 3
_MAX_WORDS = 400


def _fold(text: str | None) -> str:
    decomposed = unicodedata.normalize("NFKD", (text or "").casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _words(text: str | None) -> set[str]:
    found = _WORD.findall(_fold(text))[:_MAX_WORDS]
    return {w for w in found if len(w) >= _MIN_WORD or w.isdigit()}


def _overlap(a: set[str], b: set[str]) -> float:
    """Shared words over the smaller set: a short title inside a longer one scores high."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def text_similarity(a: Event, b: Event) -> float:
    """How alike the titles and descriptions read, from 0 to 1."""
    title_a, title_b = _fold(a.title).strip(), _fold(b.title).strip()
    ratio = SequenceMatcher(None, title_a, title_b).ratio() if title_a and title_b else 0.0
    titles = _overlap(_words(a.title), _words(b.title))
    # A title word-overlap on one shared word of two-word titles is weak evidence: damp it.
    shortest = min(len(_words(a.title)), len(_words(b.title)))
    if shortest < 3:
        titles *= 0.8
    texts = _overlap(_words(f"{a.title} {a.description}"), _words(f"{b.title} {b.description}"))
    if not (a.description and b.description):
        texts = 0.0
    return max(ratio, titles, texts)


def distance_m(a: Place, b: Place) -> float | None:
    """The great-circle distance in metres between two geocoded places, else None."""
    if None in (a.lat, a.lon, b.lat, b.lon):
        return None
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))  # type: ignore[arg-type]
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 2 * 6_371_000 * math.asin(min(1.0, math.sqrt(h)))


def _day(event: Event) -> dt.date | None:
    start = event.start
    if start is None:
        return None
    if not isinstance(start, dt.datetime):
        return start
    try:
        return start.astimezone(ZoneInfo(event.timezone)).date()
    except (ZoneInfoNotFoundError, ValueError):
        return start.date()


def _place_score(a: Place, b: Place) -> float | None:
    """1 near or same locality, 0 apart, None when one side has no usable place."""
    metres = distance_m(a, b)
    same_town = bool(a.locality and b.locality and _fold(a.locality) == _fold(b.locality))
    if metres is not None:
        return 1.0 if metres <= NEAR_METRES or same_town else 0.0
    if a.locality and b.locality:
        return 1.0 if same_town else 0.0
    return None


def _time_score(a: Event, b: Event) -> float:
    day_a, day_b = _day(a), _day(b)
    if day_a is None or day_b is None or day_a != day_b:
        return 0.0
    same_moment = (isinstance(a.start, dt.datetime) and isinstance(b.start, dt.datetime)
                   and a.start == b.start)
    return 1.0 if same_moment else 0.8


def similarity(a: Event, b: Event) -> float:
    """A score from 0 (unrelated) to 1 (the same event): text 0.5, place 0.3, day and time 0.2."""
    place = _place_score(a.place, b.place)
    return round(0.5 * text_similarity(a, b) + 0.3 * (0.5 if place is None else place)
                 + 0.2 * _time_score(a, b), 4)


def is_duplicate(a: Event, b: Event) -> bool:
    """True when `a` and `b` are one event: same day, same place, similar text."""
    day_a = _day(a)
    if day_a is None or day_a != _day(b):
        return False
    place = _place_score(a.place, b.place)
    if place == 0.0:
        return False
    threshold = _TEXT_THRESHOLD if place == 1.0 else _UNPLACED_THRESHOLD
    return text_similarity(a, b) >= threshold
