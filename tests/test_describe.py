"""Organisers and headlines of a call (our own short texts, per language)."""

from __future__ import annotations

import pytest

from affiche.extract.describe import find_organisers, headline
from affiche.extract.segment import segment

ORGANISERS = [
    ("fr", "Rassemblement à l'appel de la Coordination des Sans-Papiers et de la CGSP, samedi.",
     ["Coordination des Sans-Papiers", "CGSP"]),
    ("fr", "Le Collectif Logement organise une marche samedi.", ["Collectif Logement"]),
    ("nl", "Betoging georganiseerd door Vluchtelingenwerk Vlaanderen en ACV Limburg.",
     ["Vluchtelingenwerk Vlaanderen", "ACV Limburg"]),
    ("nl", "De Huurdersbond Gent roept op om zaterdag te betogen.", ["Huurdersbond Gent"]),
    ("en", "Organised by Save Walthamstow Library Campaign – savelibrary@example.org",
     ["Save Walthamstow Library Campaign"]),
    ("en", "Stop the War Coalition calls for a national march.", ["Stop the War Coalition"]),
]


@pytest.mark.parametrize(("lang", "text", "names"), ORGANISERS)
def test_organisers(lang: str, text: str, names: list[str]) -> None:
    assert [name for name, _, _ in find_organisers(lang, text, segment(text))] == names


@pytest.mark.parametrize(("text", "title"), [
    ("MARCHE POUR LE LOGEMENT\n\nSamedi 8 novembre, 14h, gare du Midi.", "MARCHE POUR LE LOGEMENT"),
    ("IMG_20250113_101010.jpg\nRassemblement devant le 127bis\nSamedi 18 janvier.",
     "Rassemblement devant le 127bis"),
    # a text that opens with prose has no headline of its own: no later line is taken for it
    ("Op zondag 23 november om 11 uur organiseren we een herdenking aan het monument voor de "
     "gesneuvelde mijnwerkers op het Kolenplein in Genk, met een receptie achteraf.\n"
     "Met steun van de stad Genk.", None),
    ("Last Saturday 2,000 people marched. The next protest is on Saturday 6 December.", None),
    ("Vigil at St. Mary's Church\nFriday 5 December, 6pm.", "Vigil at St. Mary's Church"),
    ("Hi all,\n\nJust a reminder that our monthly general assembly is next Wednesday (3 Dec) "
     "at 7.30pm, at the usual place: the back room of the Red Lion pub in Bristol.", None),
])
def test_headline(text: str, title: str | None) -> None:
    assert headline(text, None)[0] == title
