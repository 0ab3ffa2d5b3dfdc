"""Are two events the same event? A similarity score and the duplicate decision.

Two calls for one rally rarely share a title word for word ("Rassemblement devant le 127bis" and
"Tous au centre fermé 127 bis ce samedi"), so the text score is the best of a character-level
ratio of the titles (difflib's SequenceMatcher, which is in the standard library: the store and
batch compare only events of the same day, a handful of pairs, so rapidfuzz's speed buys
nothing) and a word-overlap score of titles and descriptions that is indifferent to word order.
Words are folded (lower-case, no accents) and short words (articles, prepositions) ignored.
Titles are compared on their own words: those that only repeat the place (its locality, name,
street) or the date (numbers, month and weekday words of every language file) are left out, since
day and place are compared on their own. A title left with nothing but a kind word ("Marche —
Lausanne, ven. 14 juin") says nothing of which march: two such events are one only when they
are of the same kind, start at the same moment and are at the same place.

`is_duplicate` wants the same local day, places within 300 m when both are geocoded or the same
locality, and similar text; two events whose places are both unknown need near-identical text.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
import unicodedata
from difflib import SequenceMatcher
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from affiche.lang import available, load
from affiche.model import Event, Place

__all__ = ["similarity", "is_duplicate", "text_similarity", "distance_m", "generic_title",
           "NEAR_METRES"]

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


@functools.cache
def _date_words() -> frozenset[str]:
    """Month and weekday words (and abbreviations) of every language file, folded."""
    words: set[str] = set()
    for lang in available():
        time = load(lang).get("time", {})
        for table in ("month_words", "weekday_words"):
            words |= {w for key in time.get(table, {}) for w in _WORD.findall(_fold(key))}
    return frozenset(words)


@functools.cache
def _kind_words() -> frozenset[str]:
    """The words of the kind labels of every language ("rassemblement", "march", "staking")."""
    words: set[str] = set()
    for lang in available():
        labels = load(lang).get("events", {}).get("kind_labels", {})
        words |= {w for label in labels.values() for w in _WORD.findall(_fold(str(label)))}
    return frozenset(words)


def _place_words(place: Place) -> set[str]:
    return set(_WORD.findall(_fold(" ".join(
        p for p in (place.name, place.street, place.locality) if p))))


def _title_words(event: Event, other: Event) -> list[str]:
    """The words of the title that are neither the place, nor the date, nor numbers."""
    skip = _place_words(event.place) | _place_words(other.place) | _date_words()
    words = _WORD.findall(_fold(event.title))[:_MAX_WORDS]
    return [w for w in words if w not in skip and not w.isdigit()
            and not (w[:-2].isdigit() and w[-2:] in ("er", "st", "nd", "rd", "th"))]


def _generic(words: list[str]) -> bool:
    """True when a title says no more than the kind of event."""
    return not [w for w in words if w not in _kind_words() and len(w) >= _MIN_WORD]


def generic_title(event: Event) -> bool:
    """True when the title says no more than the kind, the place and the date (or is absent)."""
    return _generic(_title_words(event, event))


def _overlap(a: set[str], b: set[str]) -> float:
    """Shared words over the smaller set: a short title inside a longer one scores high."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def text_similarity(a: Event, b: Event) -> float:
    """How alike the titles and descriptions read, from 0 to 1."""
    words_a, words_b = _title_words(a, b), _title_words(b, a)
    title_a, title_b = " ".join(words_a), " ".join(words_b)
    ratio = SequenceMatcher(None, title_a, title_b).ratio() if title_a and title_b else 0.0
    set_a = {w for w in words_a if len(w) >= _MIN_WORD}
    set_b = {w for w in words_b if len(w) >= _MIN_WORD}
    titles = _overlap(set_a, set_b)
    # A title word-overlap on one shared word of two-word titles is weak evidence: damp it.
    if min(len(set_a), len(set_b)) < 3:
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
    if _generic(_title_words(a, b)) or _generic(_title_words(b, a)):
        same_start = a.start == b.start and type(a.start) is type(b.start)
        return a.kind == b.kind and same_start and place == 1.0
    threshold = _TEXT_THRESHOLD if place == 1.0 else _UNPLACED_THRESHOLD
    return text_similarity(a, b) >= threshold
