"""Long texts: the helpers that keep extraction near-linear give the answers of the plain scans."""

from __future__ import annotations

from affiche.extract.addresses import Address, _without_overlaps
from affiche.extract.locate import _covers
from affiche.extract.places import find_addresses


def test_covers_tells_offsets_inside_spans() -> None:
    covered = _covers([(10, 20), (15, 30), (50, 60), (5, 5)])
    inside = [x for x in range(70) if covered(x)]
    assert inside == list(range(10, 30)) + list(range(50, 60))
    assert not _covers([])(0)


def test_without_overlaps_keeps_the_richest_in_order() -> None:
    full = Address(10, 40, street="Rue Neuve 45", postcode="4000", locality="Liège")
    part = Address(30, 40, postcode="4000", locality="Liège")
    other = Address(50, 60, street="Grand-Place 1")
    kept = _without_overlaps([part, other, full])
    assert [(a.start, a.end) for a in kept] == [(10, 40), (50, 60)]


def test_venue_before_a_street_on_a_very_long_line() -> None:
    filler = "Nous serons nombreux et nombreuses contre les expulsions. " * 400
    text = filler + "Salle Verte, Rue Neuve 45 - 4000 Liège"
    address = find_addresses(text, "fr")[-1]
    assert (address.name, address.street, address.locality) == ("Salle Verte", "Rue Neuve 45",
                                                                 "Liège")


def test_within_tells_spans_inside_others() -> None:
    from affiche.extract.locate import _within

    within = _within([(0, 10), (2, 4), (20, 30)])
    assert within(3, 9) and within(20, 30) and not within(9, 12) and not within(15, 16)


def test_kind_cues_outside_masked_spans() -> None:
    from affiche.extract.describe import _free

    masked = [(10, 20), (15, 30), (40, 40)]
    assert not _free(25, 35, masked) and _free(30, 39, masked) and not _free(39, 41, masked)
    assert _free(0, 10, masked)
