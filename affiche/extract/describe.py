"""What the event is and who calls it: kind, title and organisers.

Kind: `kinds.choose_kind` (a scored decision over the cue words that `kindcues` finds).
Title: the announcement's own headline when it has one, else a short generated one.
Organisers: the names after "à l'appel de / organisé par / georganiseerd door / organised by",
or the capitalised name before "appelle à / organise / roept op / calls for".
"""

from __future__ import annotations

import datetime as dt
import re

from affiche.extract import cues
from affiche.extract.kindcues import Focus, kind_counts
from affiche.extract.kinds import choose_kind
from affiche.extract.organisers import find_organisers
from affiche.model import Place

__all__ = ["Focus", "choose_kind", "kind_counts", "headline", "generated_title", "find_organisers"]

_FILE_NAME = re.compile(r"^(IMG|PXL|VID|DSC|Screenshot|WhatsApp)[\w\- .]*$", re.IGNORECASE)
_MOSTLY_DIGITS = re.compile(r"^[\W\d_]+$")


_SENTENCES = re.compile(r"[a-zà-öø-ÿ]{3}[.!?] +[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]")


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
        if len(stripped) > 140 or _SENTENCES.search(stripped):
            break  # the text opens with prose: a later line is no headline of it
        if stripped.count(" ") < 1 or stripped.endswith(","):
            continue  # a single word, or a greeting ("Hi all,", "Chers amis,")
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
