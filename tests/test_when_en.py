"""English time expressions: table-driven cases resolved against Monday 13 January 2025, 10:00
in Europe/Brussels (our own expressions, written for these tests)."""

from __future__ import annotations

import functools

import pytest
import when_reading
from when_reading import REF

from affiche.when import find

reading = functools.partial(when_reading.reading, lang="en")


CASES = [
    ("2pm—5pm", "2025-01-13T14:00..2025-01-13T17:00 hour T"),
    ("next Friday 6.30pm", "2025-01-24T18:30 minute DT"),
    ("at 1pm", "2025-01-13T13:00 hour T"),
    ("2 pm", "2025-01-13T14:00 hour T"),
    ("7.15pm", "2025-01-13T19:15 minute T"),
    ("18:45", "2025-01-13T18:45 minute T"),
    ("from 8pm", "after:2025-01-13T20:00.. hour T"),
    ("from 7 to 9pm", "2025-01-13T19:00..2025-01-13T21:00 hour T"),
    ("Saturday 18 January at 2 pm", "2025-01-18T14:00 hour DT"),
    ("Saturday, January 25th, 11am", "2025-01-25T11:00 hour DT"),
    ("Feb 1st at 10:30am", "2025-02-01T10:30 minute DT"),
    ("Wednesday 22nd January 7pm-9pm", "2025-01-22T19:00..2025-01-22T21:00 hour DT"),
    ("the 1st of February", "2025-02-01T00:00 day D"),
    ("the 15th of oktober", "2025-10-15T00:00 day D"),
    ("3 dezember", "2025-12-03T00:00 day D"),
    ("2nd March", "2025-03-02T00:00 day D"),
    ("March 3rd", "2025-03-03T00:00 day D"),
    ("Thursday 3rd July", "2025-07-03T00:00 day D"),
    ("every Thursday", "2025-01-16T00:00 day DR"),
    ("tomorrow evening", "2025-01-14T18:00..2025-01-15T00:00 hour DP"),
    ("tonight", "2025-01-13T18:00..2025-01-14T00:00 hour DP"),
    ("noon", "2025-01-13T12:00 hour T"),
    ("midnight", "2025-01-14T00:00 hour T"),
    ("this Saturday", "2025-01-18T00:00 day D"),
    ("on Sunday", "2025-01-19T00:00 day D"),
    ("next week", "2025-01-20T00:00 week D"),
    ("January 2026", "2026-01-01T00:00 month D"),
    ("12/3", "2025-03-12T00:00 day D"),
    ("in 2 days", "2025-01-15T10:00 hour D"),
    ("3 days ago", "2025-01-10T10:00 hour D"),
    ("between 2pm and 5pm", "2025-01-13T14:00..2025-01-13T17:00 hour T"),
    ("last Friday", "2025-01-10T00:00 day D"),
    ("first Monday of March", "2025-03-03T00:00 day D"),
    ("every Tuesday 7-9pm", "2025-01-14T19:00..2025-01-14T21:00 hour DTR"),
    ("Friday 31 January from 6pm until 8pm.", "2025-01-31T18:00..2025-01-31T20:00 hour DT"),
    ("Saturday 25th January, 12 noon", "2025-01-25T12:00 hour DT"),
    ("a quarter past 7 in the evening", "2025-01-13T19:15 minute TP"),
    ("twenty to nine", "2025-01-13T20:40 minute T"),
    ("half past six pm", "2025-01-13T18:30 minute T"),
    ("from 2 to 5pm", "2025-01-13T14:00..2025-01-13T17:00 hour T"),
    ("Christmas next year", "2026-12-25T00:00 day D"),
    ("9:30am GMT", "2025-01-13T10:30 minute T"),
    ("from Monday to Friday", "2025-01-20T00:00..2025-01-24T00:00 day D"),
    ("the 20th of next month", "2025-02-20T00:00 day D"),
    ("18th Dec for 10 days", "2025-12-18T00:00..2025-12-27T00:00 day D"),
    ("1.00 - 3.00pm", "2025-01-13T13:00..2025-01-13T15:00 minute T"),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_english_reading(text: str, expected: str) -> None:
    assert reading(text) == expected


def test_us_locale_reads_month_first() -> None:
    assert reading("12/3", locale="en_US") == "2025-12-03T00:00 day D"
    assert reading("12/3", locale="en_GB") == "2025-03-12T00:00 day D"


@pytest.mark.parametrize("text", [
    "I saw a huge 4 by 4.", "It will be discussed in the coming days.",
    "The bus between the two towns.", "We may go.", "Spring cleaning, fall colours.",
    "Tickets £2.00 at the door.", "Entry 3.00 EUR.",
])
def test_english_words_that_are_not_times(text: str) -> None:
    assert find(text, REF, "en") == []


def test_bare_hour_in_running_text_is_afternoon() -> None:
    found = find("The vigil starts at 6 (a bit earlier if you can).", REF, "en")
    assert found[0].value.hour == 18 and any("06:00" in r for r in found[0].rejected)


def test_english_running_text() -> None:
    text = "Join us on Saturday 1 February from 2pm to 5pm at the town hall; may we all be there."
    found = find(text, REF, "en")
    assert len(found) == 1
    assert found[0].value.isoformat() == "2025-02-01T14:00:00+01:00"
    assert found[0].end_value.isoformat() == "2025-02-01T17:00:00+01:00"
