"""What the event is and who calls it: kind, title and organisers.

Kind: cue words of each kind (language files) are counted near the event's own sentences
(weight 3), in the title (weight 2) and in the whole text (weight 1, capped), so a rally
announced in a text that also speaks of "manifestations" in general stays a rally.
Title: the announcement's own headline when it has one, else a short generated one.
Organisers: the names after "à l'appel de / organisé par / georganiseerd door / organised by",
or the capitalised name before "appelle à / organise / roept op / calls for".
"""

from __future__ import annotations

import datetime as dt
import re

from affiche.extract import cues
from affiche.extract.segment import Segmentation, Unit
from affiche.model import KINDS, Place

__all__ = ["choose_kind", "kind_counts", "headline", "generated_title", "find_organisers"]

_FILE_NAME = re.compile(r"^(IMG|PXL|VID|DSC|Screenshot|WhatsApp)[\w\- .]*$", re.IGNORECASE)
_MOSTLY_DIGITS = re.compile(r"^[\W\d_]+$")


def kind_counts(lang: str, text: str, masked: list[tuple[int, int]]) -> dict[str, int]:
    """How often each kind's cues occur in the whole text, outside `masked` spans."""
    counts = {}
    for kind, pattern in cues.cue_table(lang, "kinds"):
        counts[kind] = sum(1 for m in pattern.finditer(text) if _free(m.start(), m.end(), masked))
    return counts


def _free(start: int, end: int, masked: list[tuple[int, int]]) -> bool:
    """True when [start, end) overlaps no masked span."""
    return not any(a < end and start < b for a, b in masked)


def choose_kind(lang: str, units: list[Unit], title: str | None, counts: dict[str, int],
                masked: list[tuple[int, int]]) -> tuple[str, tuple[int, int] | None]:
    """The most likely kind, with the span of the cue that decided it: cues in the event's own
    sentences weigh most, then the headline, then the whole text (`kind_counts`); cue words
    inside `masked` spans (time expressions: "March", "Mars"; street names) do not count."""
    scores = {kind: 0.0 for kind in KINDS}
    spans: dict[str, tuple[int, int]] = {}
    for kind, pattern in cues.cue_table(lang, "kinds"):
        for unit in units:
            for match in pattern.finditer(unit.text):
                where = (unit.start + match.start(), unit.start + match.end())
                if _free(*where, masked):
                    scores[kind] += 3.0
                    spans.setdefault(kind, where)
        if title:
            scores[kind] += 2.0 * len(pattern.findall(title))
        scores[kind] += min(2.0, 0.5 * counts.get(kind, 0))
    best = max(KINDS, key=lambda k: (scores[k], -KINDS.index(k)))
    if scores[best] == 0:
        return "other", None
    return _refine(lang, best, units, title), spans.get(best)


def _refine(lang: str, kind: str, units: list[Unit], title: str | None) -> str:
    """Street protests by their shape: a route makes a march, a site ("devant la préfecture") a
    rally, and a national union call stays a demonstration."""
    if kind not in ("demonstration", "rally"):
        return kind
    own = " ".join(unit.text for unit in units)
    if cues.cue_pattern(lang, "national").search(" ".join((own, title or ""))):
        return "demonstration"
    if cues.cue_pattern(lang, "route").search(own):
        return "march"
    if kind == "demonstration" and cues.cue_pattern(lang, "static").search(own):
        return "rally"
    return kind


def headline(text: str, title: str | None) -> tuple[str | None, tuple[int, int] | None]:
    """The announcement's own title: the document title, else its first line that reads as one."""
    if title and title.strip():
        clean = title.strip()
        where = text.find(clean)
        return clean, ((where, where + len(clean)) if where >= 0 else None)
    offset = 0
    for line in text.split("\n")[:6]:
        stripped = line.strip()
        start = offset + line.find(stripped) if stripped else offset
        offset += len(line) + 1
        if not stripped or _FILE_NAME.match(stripped) or _MOSTLY_DIGITS.match(stripped):
            continue
        if len(stripped) > 140 or stripped.count(" ") < 1:
            continue
        return stripped, (start, start + len(stripped))
    return None, None


def generated_title(lang: str, kind: str, place: Place, start: dt.date | dt.datetime | None) -> str:
    """A short title from kind, place and day: "Rassemblement — Steenokkerzeel, sam. 18 janv."."""
    label = cues.events_data(lang)["kind_labels"].get(kind, kind.capitalize())
    where = place.locality or place.name
    parts = [label]
    tail = ", ".join(p for p in (where, _short_day(lang, start)) if p)
    return f"{label} — {tail}" if tail else parts[0]


def _short_day(lang: str, start: dt.date | dt.datetime | None) -> str | None:
    """The day in the language's short form, from the time words of the language file."""
    if start is None:
        return None
    names = cues.events_data(lang)["dates"]
    weekdays, months = names["weekday_short"], names["month_short"]
    day = start.date() if isinstance(start, dt.datetime) else start
    if len(weekdays) == 7 and len(months) == 12:
        return f"{weekdays[day.weekday()]} {day.day} {months[day.month - 1]}"
    return day.isoformat()


_CAPITALISED = re.compile(r"[A-ZÀ-ÖØ-Þ0-9][\w'’.&\-]*")
_CONNECTORS = {"de", "des", "du", "la", "le", "les", "d'", "d’", "l'", "l’", "et", "van", "der",
               "den", "het", "voor", "of", "the", "for", "and", "pour", "en", "sans", "&"}
_ARTICLES = {"la", "le", "les", "l'", "l’", "de", "het", "the", "des", "du", "een", "un", "une"}


def find_organisers(lang: str, text: str, segments: Segmentation) -> list[tuple[str, int, int]]:
    """Organiser names with their spans, in text order, without repeats."""
    data = cues.events_data(lang)
    before = cues.phrase_pattern(data["organiser_before"])
    after = cues.phrase_pattern(data["organiser_after"])
    found: list[tuple[str, int, int]] = []
    for unit in segments.units:
        for match in before.finditer(unit.text):
            rest = unit.text[match.end():]
            chunk = re.split(r"[.;:!?()\n]| qui | die | who ", rest, maxsplit=1)[0]
            for name in re.split(r",| et | en | and | & ", chunk):
                _keep(found, name, unit.start + match.end() + rest.find(name.strip()))
        for match in after.finditer(unit.text):
            name = _name_before(unit.text[: match.start()])
            if name:
                _keep(found, name, unit.start + unit.text.rfind(name, 0, match.start()))
    seen: set[str] = set()
    ordered = []
    for name, start, end in sorted(found, key=lambda f: f[1]):
        if name.lower() not in seen:
            seen.add(name.lower())
            ordered.append((name, start, end))
    return ordered


def _keep(found: list[tuple[str, int, int]], name: str, start: int) -> None:
    """Add `name` if it reads as a proper name (starts with a capital, not too long)."""
    words = name.strip().split()
    while words and words[0].lower() in _ARTICLES:
        words.pop(0)
    name = " ".join(words).strip(" \"'«»“”")
    if not name or len(name) > 80 or not _CAPITALISED.match(name) or len(words) > 10:
        return
    found.append((name, max(0, start), max(0, start) + len(name)))


def _name_before(text: str) -> str | None:
    """The run of capitalised words (with connectors) that ends `text`."""
    words = text.rstrip().split(" ")
    taken: list[str] = []
    for word in reversed(words):
        if _CAPITALISED.fullmatch(word) or (taken and word.lower() in _CONNECTORS):
            taken.insert(0, word)
        else:
            break
    while taken and taken[0].lower() in _CONNECTORS:
        taken.pop(0)
    if not taken or all(w.isdigit() for w in taken):
        return None
    return " ".join(taken)
