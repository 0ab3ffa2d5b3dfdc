"""The language files: same keys in every language, and the cue phrases compile."""

from __future__ import annotations

import pytest

from affiche import lang
from affiche.extract import cues
from affiche.model import KINDS


def test_every_language_has_the_same_keys() -> None:
    assert lang.validate() == []


def test_known_languages_have_files() -> None:
    assert set(lang.LANGUAGES) <= set(lang.available())


def test_unknown_language_names_the_known_ones() -> None:
    with pytest.raises(KeyError, match="fr"):
        lang.load("xx")


@pytest.mark.parametrize("code", lang.LANGUAGES)
def test_every_kind_has_cues_and_a_label(code: str) -> None:
    data = cues.events_data(code)
    assert set(data["kinds"]) == set(KINDS)
    assert set(data["kind_labels"]) == set(KINDS)
    assert all(data["kinds"][kind] for kind in KINDS)


@pytest.mark.parametrize("code, text, kind", [
    ("fr", "Grand rassemblement devant la gare", "rally"),
    ("fr", "Manifestation nationale à Bruxelles", "demonstration"),
    ("nl", "Nationale betoging in Brussel", "demonstration"),
    ("nl", "Stille wake aan het station", "vigil"),
    ("en", "Candlelit vigil at the square", "vigil"),
    ("en", "Strike day: walkout at noon", "strike"),
])
def test_kind_cues_match(code: str, text: str, kind: str) -> None:
    table = dict(cues.cue_table(code, "kinds"))
    assert table[kind].search(text)


def test_phrase_pattern_respects_word_edges_and_open_ends() -> None:
    pattern = cues.phrase_pattern(["rassembl*", "car", "l'appel de"])
    assert pattern.search("Rassemblement samedi")
    assert not pattern.search("carte postale")
    assert pattern.search("à l’appel de la CGT")


def test_a_star_inside_a_phrase_lets_its_word_go_on() -> None:
    pattern = cues.phrase_pattern(["roep* op"])
    assert pattern.search("Het comité roept op om te betogen")
    assert pattern.search("Wij roepen op")
    assert not pattern.search("roept iedereen op")
