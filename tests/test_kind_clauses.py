"""The kind of an event read from its own clause, its part nouns and its head noun, on short
calls written for these tests (FR/NL/EN)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from affiche import pipeline

REFERENCE = dt.datetime(2025, 3, 1, tzinfo=ZoneInfo("Europe/Brussels"))


def kinds(text: str, lang: str) -> list[tuple[str, str]]:
    """(start, kind) of the events found in `text`, in order of start."""
    _, events = pipeline.extract_text(text, reference=REFERENCE, lang=lang)
    return sorted((event.start.isoformat()[:16], event.kind) for event in events)


# a sentence of two timed clauses tells two events: the later clause's word is no name of the first
@pytest.mark.parametrize("text, lang", [
    ("Mercredi 12 mars 2025, à partir de 7h, piquet de grève devant l'usine Delta, 4 rue des "
     "Forges à Seraing ; à 13h, rassemblement et concert devant la maison communale.", "fr"),
    ("On Wednesday 12 March 2025 from 7am, picket line at the Delta depot, 4 Mill Road, Leeds; "
     "at 1pm, rally and concert outside Leeds Civic Hall.", "en"),
])
def test_each_timed_clause_names_its_own_event(text: str, lang: str) -> None:
    assert kinds(text, lang)[0] == ("2025-03-12T07:00", "strike")


def test_the_clause_after_then_holds_the_later_event() -> None:
    text = ("Au programme :\n\nRassemblement aux flambeaux sur la place Verte le vendredi 7 mars "
            "2025 à 18h, suivi d'une soirée de concerts dans la salle des fêtes, à partir de "
            "19h30.")
    found = dict(kinds(text, "fr"))
    assert found["2025-03-07T18:00"] == "rally"
    assert "concert" in found.values()


@pytest.mark.parametrize("text, lang, kind", [
    # a cue after "suivi de / gevolgd door / followed by" in a one-timed sentence is what comes
    # next, never the event's name, even when it is the sentence's only cue word
    ("Conférence du collectif\nOuverture le samedi 8 mars 2025 à 9h30, suivie d'une assemblée "
     "plénière.", "fr", "meeting"),
    ("Conferentie van het netwerk\nOpening op zaterdag 8 maart 2025 om 9.30 uur, gevolgd door "
     "een plenaire sessie.", "nl", "meeting"),
])
def test_a_sequel_is_no_name_of_the_event(text: str, lang: str, kind: str) -> None:
    assert [k for _, k in kinds(text, lang)] == [kind]


@pytest.mark.parametrize("text, lang, kind", [
    # "départ de la parade", "coup d'envoi de la grève": a part of the event, not a topic
    ("Samedi 8 mars 2025 à la place du Marché de Huy\n- 10h : accueil et café\n"
     "- 14h30 : départ de la parade à vélo\n", "fr", "march"),
    ("Programme du vendredi 14 mars 2025 à Liège\nMinuit : coup d'envoi de la grève.\n"
     "8h : petit-déjeuner sur la place.\n", "fr", "strike"),
    ("On Saturday 8 March 2025 at 2pm: start of the march at Leeds station.", "en", "march"),
])
def test_a_part_noun_keeps_its_event(text: str, lang: str, kind: str) -> None:
    found = kinds(text, lang)
    assert kind in [k for _, k in found]


def test_a_topic_stays_a_topic() -> None:
    text = "Conférence sur l'histoire des grèves le jeudi 20 mars 2025 à 19h30 à Namur."
    assert [k for _, k in kinds(text, "fr")] == ["meeting"]


@pytest.mark.parametrize("text, lang, kind", [
    # a rally named so by its noun stays one when unions are among those who call it
    ("Le vendredi 14 mars 2025 à 18h, la plateforme des syndicats et des associations appelle à "
     "un rassemblement place du Luxembourg à Bruxelles.", "fr", "rally"),
    ("Op vrijdag 14 maart 2025 om 18 uur roepen de vakbonden op tot een samenkomst op het "
     "Martelarenplein in Leuven.", "nl", "rally"),
    # a verb of gathering tells where a union demonstration assembles: it stays one
    ("Manifestation nationale des syndicats à Bruxelles ce jeudi 13 mars 2025. Les manifestants "
     "se rassembleront dès 10h à la gare du Nord.", "fr", "demonstration"),
])
def test_a_named_rally_stays_a_rally_under_a_union_call(text: str, lang: str, kind: str) -> None:
    assert [k for _, k in kinds(text, lang)] == [kind]


@pytest.mark.parametrize("text, lang, kind", [
    ("Projection-débat : « Les terres »\nLe mardi 11 mars 2025 à 20h à la Maison du Peuple de "
     "Liège, le réalisateur viendra débattre avec le public.", "fr", "screening"),
    ("Film and debate: 'The Land'\nOn Tuesday 11 March 2025 at 8pm at the Friends Meeting House, "
     "Leeds, the director joins the discussion.", "en", "screening"),
])
def test_a_screening_in_the_headline_wins_over_its_debate(text: str, lang: str,
                                                          kind: str) -> None:
    assert [k for _, k in kinds(text, lang)] == [kind]


@pytest.mark.parametrize("text, lang, kind", [
    ("Rassemblement le samedi 15 mars 2025 à 10h30 au parc de la Boverie à Liège.\n"
     "Départ de la marche à 11h vers la gare.", "fr", "march"),
    ("Rally on Saturday 15 March 2025 at 11am in Millennium Square, Leeds.\nStarting point of "
     "the march: the square, at noon.", "en", "march"),
])
def test_a_departure_of_the_march_after_the_assembly_makes_a_march(text: str, lang: str,
                                                                   kind: str) -> None:
    assert [k for _, k in kinds(text, lang)][0] == kind


@pytest.mark.parametrize("text, lang, kind", [
    ("Cycloparade féministe le dimanche 9 mars 2025 à 14h au départ de la place Cathédrale à "
     "Liège.", "fr", "march"),
    ("Flash mob dans la gare de Namur le samedi 8 mars 2025 à 10h.", "fr", "action"),
    ("Cantine populaire le dimanche 9 mars 2025 à midi au Centre culturel de Huy.", "fr",
     "other"),
    ("Op zondag 9 maart 2025 om 16 uur slotdiscussie met de sprekers in De Centrale in Gent.",
     "nl", "meeting"),
    ("Op zondag 9 maart 2025 vanaf 15 uur vinden in het park enkele verrassingsoptredens plaats.",
     "nl", "concert"),
    ("Kritische Massa op vrijdag 28 maart 2025 om 18u aan de Naamsepoort in Leuven.", "nl",
     "march"),
    ("Flash mob at Leeds station on Saturday 8 March 2025 at 10am.", "en", "action"),
    ("Rassemblement le dimanche 9 mars 2025 à 11h sur les marches du palais de justice de "
     "Liège.", "fr", "rally"),
])
def test_common_kinds_by_their_own_word(text: str, lang: str, kind: str) -> None:
    assert [k for _, k in kinds(text, lang)] == [kind]


def test_a_kind_word_inside_a_venue_name_names_no_event() -> None:
    text = ("Palestine solidarity rallies across Canada:\n\n"
            "Winnipeg: Memorial Park, 13:00 March 8\n\nRegina: Victoria Park, 14:00 March 8\n")
    assert {k for _, k in kinds(text, "en")} == {"rally"}


@pytest.mark.parametrize("text, lang, kind", [
    ("Les marches pour le climat continuent à Liège. Prochain rendez-vous le jeudi 13 mars 2025 "
     "à 10h30 sur la place Saint-Lambert.\n\nLes syndicats parlent d'une manifestation, les "
     "élèves d'une grève ; la mobilisation grandit.", "fr", "march"),
    ("De fietstochten voor het klimaat gaan door in Gent. Volgende afspraak op zaterdag 15 maart "
     "2025 om 14 uur aan het Sint-Pietersstation.\n\nDe betoging en de staking van vorige "
     "maand waren een succes, de acties gaan door.", "nl", "march"),
    ("The candlelit vigils go on every week in Leeds. Next one on Friday 14 March 2025 at 7pm "
     "outside the Civic Hall.\n\nThe protests and the strike of last month were a start.",
     "en", "vigil"),
])
def test_a_sentence_naming_nothing_goes_on_from_the_one_before(text: str, lang: str,
                                                               kind: str) -> None:
    assert [k for _, k in kinds(text, lang)] == [kind]


def test_what_the_headline_says_comes_next_is_no_name_of_the_event() -> None:
    text = ("Rassemblement et pique-nique puis manifestation\n\nDate : samedi 15 mars 2025\n"
            "11h00 - 15h00\n\nLieu : devant la préfecture de Lille\n")
    assert [k for _, k in kinds(text, "fr")][0] == "rally"


def test_a_phrase_naming_no_event_holds_its_word_across_a_window_edge() -> None:
    from affiche.extract.kindcues import find_cues

    text = "Leaflets from noon in Market Square, Leeds, then a picnic."
    edge = text.index("Square")
    # the window stops where a place starts ("Square, Leeds" masked): "Market" is no market
    window = text[:edge]
    assert [c.kind for c in find_cues("en", window, 0, [], text)] == []
    assert [c.kind for c in find_cues("en", text, 0, [], text)] == ["other"]  # the picnic


def test_a_kind_word_inside_an_organiser_name_names_no_event() -> None:
    text = ("Le samedi 15 mars 2025 à 20h, soirée organisée par le Comité Manifestation Pacifique "
            "à la salle des fêtes de Huy.")
    assert [k for _, k in kinds(text, "fr")] == ["other"]


@pytest.mark.parametrize("text, lang, umbrella", [
    ("Soirée de soutien aux grévistes du rail\n\nLe vendredi 14 mars 2025 à la salle des fêtes "
     "de Ciney.\n\n19h : apéro et témoignages\n20h : repas partagé\n21h : concerts\n", "fr",
     "concert"),
    ("Steunavond voor de stakers van de haven\n\nVrijdag 14 maart 2025 in het Vredeshuis in Gent."
     "\n\n19u: aperitief en getuigenissen\n20u: maaltijd\n21u: optredens\n", "nl", "concert"),
])
def test_a_programme_is_what_its_headline_names(text: str, lang: str, umbrella: str) -> None:
    found = kinds(text, lang)
    assert found[0][1] == umbrella  # the umbrella starts with the first item
    assert "concert" in [k for _, k in found[1:]]


@pytest.mark.parametrize("text, lang", [
    ("Répétition ouverte de la chorale du quartier le mercredi 12 mars 2025 à 18h à la Maison "
     "du Peuple de Liège.", "fr"),
    ("Open rehearsal of the strike choir on Wednesday 12 March 2025 at 6pm at the Trades Club, "
     "Hebden Bridge.", "en"),
])
def test_a_rehearsal_is_no_concert(text: str, lang: str) -> None:
    assert [k for _, k in kinds(text, lang)] == ["other"]


@pytest.mark.parametrize("text, lang, kind", [
    # a demonstration that sets off from a place moves: a march
    ("Mardi 11 mars 2025, à 13h30, manifestation au départ de la gare des Guillemins à Liège.",
     "fr", "march"),
    ("Manifestation du 1er mai à Huy : le départ est prévu le jeudi 1er mai 2025 à 10h30, place "
     "Verte.", "fr", "march"),
    ("Betoging op 1 mei in Hasselt: het vertrek is voorzien op donderdag 1 mei 2025 om 10u30 aan "
     "het station.", "nl", "march"),
])
def test_a_demonstration_setting_off_from_a_place_is_a_march(text: str, lang: str,
                                                             kind: str) -> None:
    assert [k for _, k in kinds(text, lang)][0] == kind


def test_the_route_of_another_clause_leaves_a_rally_a_rally() -> None:
    text = ("Jeudi 13 mars 2025, à 14h, rassemblement devant l'hôtel de ville de Namur ; à 18h, "
            "manifestation au départ de la gare de Namur.")
    assert kinds(text, "fr")[0] == ("2025-03-13T14:00", "rally")


@pytest.mark.parametrize("text, lang", [
    ("Qui doit décider de nos loyers ?\n\nJeudi 13 mars 2025 à 19h30\nMaison du Peuple, rue "
     "Haute 12, 1000 Bruxelles\n\nEntrée libre.", "fr"),
    ("Wie beslist over onze huur?\n\nDonderdag 13 maart 2025 om 19u30\nDe Centrale, "
     "Kraankinderstraat 2, 9000 Gent\n\nGratis toegang.", "nl"),
    ("Who should set our rents?\n\nThursday 13 March 2025 19:30\nConway Hall, Red Lion Square, "
     "London WC1R 4RL\n\nAll welcome.", "en"),
])
def test_a_question_for_a_headline_names_a_talk(text: str, lang: str) -> None:
    assert [k for _, k in kinds(text, lang)] == ["meeting"]


def test_a_cue_word_outweighs_a_question_headline() -> None:
    text = ("Pourquoi marcher encore ?\n\nRassemblement le samedi 15 mars 2025 à 14h devant la "
            "gare de Namur.")
    assert [k for _, k in kinds(text, "fr")] == ["rally"]


@pytest.mark.parametrize("text, lang", [
    ("Non au défilé de l'extrême droite !\n\nL'extrême droite prévoit un défilé à Lyon le samedi "
     "15 mars 2025. Nous appelons à un rassemblement antifasciste à 13h place Bellecour.", "fr"),
    ("Stop the far-right march!\n\nThe EDL plans a march through Leeds on Saturday 15 March "
     "2025. We call a counter rally at 12pm outside the Corn Exchange.", "en"),
    ("Geen plaats voor de mars van Schild & Vrienden!\n\nOp zaterdag 15 maart 2025 willen ze met "
     "een mars door Gent trekken. Wij houden een samenkomst om 13 uur op het Sint-Pietersplein.",
     "nl"),
])
def test_the_march_a_rally_opposes_is_not_its_shape(text: str, lang: str) -> None:
    assert [k for _, k in kinds(text, lang)] == ["rally"]

