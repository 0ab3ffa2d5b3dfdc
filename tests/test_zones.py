"""The time zone of the country where an event happens (our own short calls)."""

from __future__ import annotations

import pytest
from calls import extract

from affiche.resolve.zones import country_zone


@pytest.mark.parametrize(("country", "zone"), [
    ("BE", "Europe/Brussels"), ("gb", "Europe/London"), ("FR", "Europe/Paris"),
    ("NL", "Europe/Amsterdam"), ("US", None), ("XX", None), (None, None),
])
def test_country_zone(country: str | None, zone: str | None) -> None:
    assert country_zone(country) == zone


def test_a_london_call_keeps_its_clock_times_in_londons_zone() -> None:
    text = ("Emergency demo on Wednesday 21 October 2026, 4pm–7pm, outside the Home Office, "
            "2 Marsham Street, London SW1P 4DF. We meet at 3.30pm at Westminster tube.")
    event = extract(text, "2026-10-15", "en")[0]
    assert event.timezone == "Europe/London"
    assert event.start.isoformat() == "2026-10-21T16:00:00+01:00"
    assert event.end.isoformat() == "2026-10-21T19:00:00+01:00"
    assert all(str(m.time.tzinfo) == "Europe/London" for m in event.meeting_points if m.time)


def test_a_brussels_call_keeps_the_default_zone() -> None:
    text = "Rassemblement samedi 17 octobre 2026 à 14h, place Flagey, 1050 Ixelles."
    event = extract(text, "2026-10-15", "fr")[0]
    assert (event.timezone, event.start.isoformat()) == ("Europe/Brussels",
                                                         "2026-10-17T14:00:00+02:00")


def test_an_event_placed_nowhere_takes_the_zone_of_the_others() -> None:
    text = ("Picket line on Monday 8 March 2027 from 6am at the Amazon warehouse, Coventry.\n"
            "Big rally on Friday 12 March 2027 at 1pm outside the gates.")
    events = extract(text, "2027-03-01", "en")
    assert [e.timezone for e in events] == ["Europe/London", "Europe/London"]
    assert events[1].start.isoformat() == "2027-03-12T13:00:00+00:00"
