"""Segmentation into units and paragraphs, with offsets that map back to the text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from affiche.extract.segment import segment


def test_lines_and_sentences_are_units() -> None:
    text = "Titre de l'appel\n\nRendez-vous à 14h. Départ à 15h !\nFin."
    units = segment(text).units
    assert [u.text for u in units] == ["Titre de l'appel", "Rendez-vous à 14h.", "Départ à 15h !",
                                       "Fin."]
    assert units[0].paragraph == 0 and units[1].paragraph == 1


def test_unit_at_offset() -> None:
    text = "Un.\nDeux trois.\n\nQuatre."
    segments = segment(text)
    assert segments.unit_at(text.index("trois")).text == "Deux trois."
    assert segments.unit_at(text.index("Quatre")).paragraph == 1


@given(st.text())
def test_units_map_back_to_the_text(text: str) -> None:
    for unit in segment(text).units:
        assert text[unit.start:unit.end] == unit.text


def test_a_semicolon_closes_a_clause_of_its_own() -> None:
    text = "Jeudi, à 10h, piquet devant l'usine ; à 14h, assemblée au local."
    assert [u.text for u in segment(text).units] == [
        "Jeudi, à 10h, piquet devant l'usine ;", "à 14h, assemblée au local."]


def test_a_bullet_with_a_variation_selector_is_a_bullet() -> None:
    from affiche.extract.layout import Layout

    text = "Programme\n\n▶︎ 20:00 Concert de soutien\n"
    layout = Layout(text, segment(text))
    assert layout.line_at(text.index("20:00")).bullet


def test_a_blank_line_inside_a_sentence_keeps_one_paragraph() -> None:
    text = ("Het collectief houdt op zaterdag 14 juni een\n\n\"groot buurtfeest\" in het park.\n\n"
            "Iedereen welkom.")
    units = segment(text).units
    assert units[0].paragraph == units[1].paragraph != units[2].paragraph
