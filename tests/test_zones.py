"""The time zone of the country where an event happens (our own short calls)."""

from __future__ import annotations

import pytest
from calls import extract

from affiche.publish.describe import candidate_words
from affiche.resolve.zones import country_zone, country_zones, nearest_zone


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


@pytest.mark.parametrize(("country", "lat", "lon", "zone"), [
    ("US", 38.90, -77.04, "America/New_York"),  # Washington
    ("US", 34.05, -118.24, "America/Los_Angeles"),
    ("US", 41.88, -87.63, "America/Chicago"),
    ("ES", 28.46, -16.25, "Atlantic/Canary"),  # Santa Cruz de Tenerife
    ("ES", 41.39, 2.17, "Europe/Madrid"),
    ("AU", -33.87, 151.21, "Australia/Sydney"),
])
def test_the_nearest_zone_of_a_country_of_several(country: str, lat: float, lon: float,
                                                  zone: str) -> None:
    assert nearest_zone(country, lat, lon) == zone


def test_a_call_in_a_country_of_several_zones_is_read_in_the_nearest_and_says_so() -> None:
    text = "Rally on Saturday 14 June 2025 at noon outside the Capitol in Washington, DC."
    event = extract(text, "2025-06-10", "en")[0]
    assert event.timezone == "America/New_York"
    assert event.start.isoformat() == "2025-06-14T12:00:00-04:00"
    warning = next(w for w in event.warnings if w.code == "zone_guessed")
    assert warning.candidates[:2] == ["2025-06-14T12:00:00-04:00", "2025-06-14T12:00:00-05:00"]
    assert len({c[-6:] for c in warning.candidates}) == len(warning.candidates)
    assert "UTC−05:00" in candidate_words(warning.candidates[1], event)


def test_a_day_without_a_time_needs_no_zone_guess() -> None:
    text = "Rally on Saturday 14 June 2025 outside the Capitol in Washington, DC."
    event = extract(text, "2025-06-10", "en")[0]
    assert "zone_guessed" not in [w.code for w in event.warnings]


def test_zone_table_reads_zone_tab_coordinates() -> None:
    assert "America/New_York" in country_zones("US")
    assert country_zones(None) == () and country_zones("XX") == ()


def test_a_place_without_coordinates_keeps_the_default_zone_and_says_so() -> None:
    import datetime as dt
    from zoneinfo import ZoneInfo

    from affiche.model import Event, Place
    from affiche.resolve import _set_zone

    start = dt.datetime(2025, 6, 14, 12, tzinfo=ZoneInfo("Europe/Brussels"))
    event = Event(start=start, timezone="Europe/Brussels",
                  place=Place(name="Freedom Plaza", country="US"))
    _set_zone(event)
    assert event.timezone == "Europe/Brussels"
    (warning,) = event.warnings
    assert warning.code == "zone_guessed" and "--timezone" in warning.message
    assert warning.candidates[0] == "2025-06-14T12:00:00+02:00"


def test_an_event_without_a_town_is_in_the_country_of_the_texts_towns() -> None:
    text = ("Agenda du samedi 14 mars 2026\n\n"
            "à 14h, rassemblement devant l'hôpital Beaujon, 100 boulevard du Général Leclerc, "
            "à Clichy.\n\n"
            "à 16h, la coordination tient son rassemblement hebdomadaire sur la place de la "
            "République.")
    events = extract(text, "2026-03-10", "fr")
    assert [(e.place.country, e.timezone) for e in events] == [("FR", "Europe/Paris")] * 2
