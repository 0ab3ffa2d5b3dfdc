"""National-format phone numbers are read with the region of the event's country, then the
document's, then Belgium's (issue 15, item 5)."""

from __future__ import annotations

from calls import extract

from affiche.extract.contacts import find_contacts


def _phones(text: str, reference: str = "2027-01-04", lang: str = "en") -> list[str]:
    return [c.value for e in extract(text, reference, lang)[:1] for c in e.contacts
            if c.type == "phone"]


def test_uk_national_numbers_in_a_uk_call() -> None:
    text = ("Save our library: rally on Saturday 16 January 2027 at 11am outside Central "
            "Library, Calverley Street, Leeds LS1 3AB.\n\n"
            "Information: 0113 496 0000, or text the organisers on 07700 900123.")
    assert _phones(text) == ["0113 496 0000", "07700 900123"]


def test_a_french_number_in_a_french_call() -> None:
    text = ("Rassemblement le samedi 16 janvier 2027 à 14h place de la République, 75011 "
            "Paris. Permanence du collectif 01 42 68 53 00.")
    assert _phones(text, lang="fr") == ["01 42 68 53 00"]


def test_belgian_numbers_still_read_in_belgium() -> None:
    text = ("Rassemblement le samedi 16 janvier 2027 à 14h, place Flagey, 1050 Ixelles. "
            "Infos : 02 512 34 56.")
    assert _phones(text, lang="fr") == ["02 512 34 56"]


def test_the_region_follows_the_place_nearest_the_number() -> None:
    text = ("Leeds LS1 3AB: call 0113 496 0000.\n\n" + "Nothing here. " * 300
            + "\n\n1050 Ixelles : 02 512 34 56")
    regions = [(0, "GB"), (len(text) - 30, "BE")]
    found = [c.value for c in find_contacts(text, countries=regions)]
    assert found == ["0113 496 0000", "02 512 34 56"]
    assert find_contacts("Leeds LS1 3AB: 0113 496 0000.") == []  # BE alone reads no UK number
