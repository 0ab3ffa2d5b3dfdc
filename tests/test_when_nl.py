"""Dutch time expressions: table-driven cases resolved against Monday 13 January 2025, 10:00
in Europe/Brussels (our own expressions, written for these tests)."""

from __future__ import annotations

import functools

import pytest
import when_reading
from when_reading import REF

from affiche.when import find, parse

reading = functools.partial(when_reading.reading, lang="nl")


CASES = [
    ("14u—19u", "2025-01-13T14:00..2025-01-13T19:00 hour T"),
    ("zaterdag 18/1 om 14u", "2025-01-18T14:00 hour DT"),
    ("zaterdag 19 om 14u", "2025-01-18T14:00 hour DT"),
    ("om 14u", "2025-01-13T14:00 hour T"),
    ("14u30", "2025-01-13T14:30 minute T"),
    ("om 20 uur", "2025-01-13T20:00 hour T"),
    ("om 19.30 uur", "2025-01-13T19:30 minute T"),
    ("woensdag namiddag", "2025-01-15T12:00..2025-01-15T18:00 hour DP"),
    ("zaterdagmiddag", "2025-01-18T12:00..2025-01-18T18:00 hour DP"),
    ("woensdagavond om 8 uur", "2025-01-15T20:00 hour DTP"),
    ("vanaf 20u", "after:2025-01-13T20:00.. hour T"),
    ("van 12 tot 14 april", "2025-04-12T00:00..2025-04-14T00:00 day D"),
    ("dinsdag 4 februari van 19u tot 21u30", "2025-02-04T19:00..2025-02-04T21:30 minute DT"),
    ("volgende zaterdag", "2025-01-18T00:00 day D"),
    ("deze zaterdag", "2025-01-18T00:00 day D"),
    ("zaterdag", "2025-01-18T00:00 day D"),
    ("morgen om 15 uur", "2025-01-14T15:00 hour DT"),
    ("morgenavond", "2025-01-14T18:00..2025-01-15T00:00 hour DP"),
    ("vanavond", "2025-01-13T18:00..2025-01-14T00:00 hour DP"),
    ("overmorgen", "2025-01-15T00:00 day D"),
    ("vrijdag 17 januari om 19.30 uur", "2025-01-17T19:30 minute DT"),
    ("donderdag 30 januari, 19u30", "2025-01-30T19:30 minute DT"),
    ("elke donderdag", "2025-01-16T00:00 day DR"),
    ("iedere zondag", "2025-01-19T00:00 day DR"),
    ("op 3 maart", "2025-03-03T00:00 day D"),
    ("op 1 mei", "2025-05-01T00:00 day D"),
    ("de 3de zaterdag van maart", "2025-03-15T00:00 day D"),
    ("3de", "2025-02-03T00:00 day D"),
    ("12/3", "2025-03-12T00:00 day D"),
    ("middernacht", "2025-01-14T00:00 hour T"),
    ("zondag 19 januari om 10u", "2025-01-19T10:00 hour DT"),
    ("volgende week", "2025-01-20T00:00 week D"),
    ("over 2 weken", "2025-01-27T00:00 day D"),
    ("om drie uur", "2025-01-13T15:00 hour T"),
    ("8 uur 's avonds", "2025-01-13T20:00 hour TP"),
    ("maart", "2025-03-01T00:00 month D"),
    ("elke woensdag van 17 tot 19 uur", "2025-01-15T17:00..2025-01-15T19:00 hour DTR"),
    ("op 8 maart tussen 11 en 13 uur", "2025-03-08T11:00..2025-03-08T13:00 hour DT"),
    ("kwart over 8 's avonds", "2025-01-13T20:15 minute TP"),
    ("10 voor half 4", "2025-01-13T15:20 minute T"),
    ("half 8", "2025-01-13T19:30 minute T"),
    ("om 9.10 u.", "2025-01-13T09:10 minute T"),
    ("ZATERDAG 18/01 - 14U - BRUSSEL NOORD", "2025-01-18T14:00 hour DT"),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_dutch_reading(text: str, expected: str) -> None:
    assert reading(text) == expected


def test_list_of_days_in_dutch() -> None:
    found = find("Acties op woensdag 5 en donderdag 6 februari om 20u.", REF, "nl")
    assert [m.value.strftime("%m-%d %H:%M") for m in found] == ["02-05 20:00", "02-06 20:00"]


def test_list_of_bare_days_in_dutch() -> None:
    found = find("Staking op 27 en 28 januari.", REF, "nl")
    assert [m.value.date().isoformat() for m in found] == ["2025-01-27", "2025-01-28"]


@pytest.mark.parametrize("text", [
    "Twee in de zon. Twee jaar na elkaar", "Volgens Jan en de drie organisatoren",
    "een staking van 24 uur",
])
def test_dutch_words_that_are_not_times(text: str) -> None:
    assert find(text, REF, "nl") == []


def test_weekday_conflict_in_dutch() -> None:
    best = parse("zaterdag 19 om 14u", REF, "nl")[0]
    assert [w.code for w in best.warnings] == ["weekday_mismatch"]
    assert [c.date().isoformat() for c in best.candidates] == [
        "2025-01-18", "2025-01-19", "2025-04-19"]


def test_a_date_stacked_one_part_per_line_is_one_date() -> None:
    found = find("Agenda\n\n29\napr\n2025\nMarkt van alternatieven in Antwerpen", REF, "nl")
    assert [(m.text, m.value.date().isoformat()) for m in found] == [
        ("29\napr\n2025", "2025-04-29")]


def test_numbers_on_separate_lines_of_prose_stay_apart() -> None:
    found = find("Er waren 29\napril is ver weg", REF, "nl")
    assert all("\n" not in m.text for m in found)
