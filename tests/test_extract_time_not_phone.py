"""A time range written with dots ("14.00 – 15.00 uur") is a time, never a phone contact."""

from __future__ import annotations

from calls import extract


def test_a_time_range_is_no_phone_number() -> None:
    text = ("Wake op donderdag 12 juni 2025\n14.00 – 15.00 uur aan het stadhuis van Gent.\n"
            "Info: 09 123 45 67\n")
    (event,) = extract(text, "2025-06-01", "nl")
    phones = [c.value for c in event.contacts if c.type == "phone"]
    assert all("14.00" not in p for p in phones)
