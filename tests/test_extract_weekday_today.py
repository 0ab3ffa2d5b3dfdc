"""A bare weekday written on that weekday is that very day (with the week-later reading as a
warning's candidate); "next Saturday" written on a Saturday is a week ahead."""

from __future__ import annotations

import pytest
from calls import extract, starts

TODAY = {  # 2025-06-14 is a Saturday
    "fr": "Samedi à 15h, rassemblement place Flagey à Ixelles contre la loi.\n",
    "en": "Protesters will gather in Park Square, Leeds, on Saturday at 3pm.\n",
    "nl": "Zaterdag om 15u verzamelen we op de Korenmarkt in Gent voor een betoging.\n",
}
NEXT = {
    "fr": "Rassemblement samedi prochain à 15h place Flagey à Ixelles.\n",
    "en": "Rally next Saturday at 3pm in Park Square, Leeds.\n",
    "nl": "Betoging volgende zaterdag om 15u op de Korenmarkt in Gent.\n",
}


@pytest.mark.parametrize("lang", sorted(TODAY))
def test_a_weekday_written_that_day_is_that_day(lang: str) -> None:
    events = extract(TODAY[lang], "2025-06-14", lang)
    assert starts(events) == ["2025-06-14T15:00"]
    warning = next(w for w in events[0].warnings if w.code == "weekday_of_writing")
    assert [c[:10] for c in warning.candidates] == ["2025-06-14", "2025-06-21"]


@pytest.mark.parametrize("lang", sorted(NEXT))
def test_next_weekday_written_that_day_is_a_week_ahead(lang: str) -> None:
    assert starts(extract(NEXT[lang], "2025-06-14", lang)) == ["2025-06-21T15:00"]
