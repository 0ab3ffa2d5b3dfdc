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
    ("Le mercredi 12 mars 2025 dès 7h, les ouvriers tiennent un piquet de grève à l'entrée de "
     "l'usine Delta, 4 rue des Forges à Seraing ; à 13h, rassemblement et concert au parc.",
     "fr"),
    ("On Wednesday 12 March 2025 from 7am, picket line at the Delta depot, 4 Mill Road, Leeds; "
     "at 1pm, rally and concert outside Leeds Civic Hall.", "en"),
])
def test_each_timed_clause_names_its_own_event(text: str, lang: str) -> None:
    assert kinds(text, lang)[0] == ("2025-03-12T07:00", "strike")


def test_the_clause_after_then_holds_the_later_event() -> None:
    text = ("Rassemblement sur la place Verte de Spa le vendredi 7 mars 2025 à 18h, suivi d'un "
            "concert de la fanfare au kiosque dès 19h30.")
    found = dict(kinds(text, "fr"))
    assert found["2025-03-07T18:00"] == "rally"
    assert "concert" in found.values()


@pytest.mark.parametrize("text, lang, kind", [
    # a cue after "suivi de / gevolgd door / followed by" in a one-timed sentence is what comes
    # next, never the event's name, even when it is the sentence's only cue word
    ("Conférence du collectif\nAccueil le samedi 8 mars 2025 à 9h, suivi d'une assemblée "
     "plénière sur la paix.", "fr", "meeting"),
    ("Conferentie van het netwerk\nOnthaal op zaterdag 8 maart 2025 om 9 uur, gevolgd door een "
     "plenaire zitting over vrede.", "nl", "meeting"),
])
def test_a_sequel_is_no_name_of_the_event(text: str, lang: str, kind: str) -> None:
    assert [k for _, k in kinds(text, lang)] == [kind]


@pytest.mark.parametrize("text, lang, kind", [
    # "départ de la parade", "coup d'envoi de la grève": a part of the event, not a topic
    ("Samedi 8 mars 2025 à la place du Marché de Huy\n- 10h : accueil et café\n"
     "- 15h : départ de la parade depuis le pont\n", "fr", "march"),
    ("Programme du vendredi 14 mars 2025 à Liège\n23h59 : lancement de la grève.\n"
     "7h : café et croissants sur le piquet.\n", "fr", "strike"),
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
    ("Le vendredi 14 mars 2025 à 18h, les syndicats et les comités de quartier appellent à un "
     "rassemblement devant la gare de Charleroi-Sud.", "fr", "rally"),
    ("Op vrijdag 14 maart 2025 om 18 uur roepen de vakbonden op tot een samenkomst op het "
     "Martelarenplein in Leuven.", "nl", "rally"),
    # a verb of gathering tells where a union demonstration assembles: it stays one
    ("Manifestation nationale des syndicats à Bruxelles ce jeudi 13 mars 2025. Les délégués "
     "se rassembleront vers 10h au parc du Cinquantenaire.", "fr", "demonstration"),
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
    ("Cycloparade le dimanche 9 mars 2025 à 14h depuis la place du Marché de Namur.", "fr",
     "march"),
    ("Flash mob sur la place d'Armes de Namur le samedi 8 mars 2025 à 10h.", "fr", "action"),
    ("Cantine solidaire le dimanche 9 mars 2025 dès 12h30 au Centre culturel de Huy.", "fr",
     "other"),
    ("Op zondag 9 maart 2025 om 16 uur slotdiscussie met de sprekers in De Centrale in Gent.",
     "nl", "meeting"),
    ("Straatoptredens in het Citadelpark op zondag 9 maart 2025 om 15 uur.", "nl", "concert"),
    ("Kritische Massa op vrijdag 28 maart 2025 om 18u op het Martelarenplein in Leuven.", "nl",
     "march"),
    ("Flash mob at Leeds station on Saturday 8 March 2025 at 10am.", "en", "action"),
    ("Rassemblement le dimanche 9 mars 2025 à 11h sur les marches du palais de justice de "
     "Liège.", "fr", "rally"),
])
def test_common_kinds_by_their_own_word(text: str, lang: str, kind: str) -> None:
    assert [k for _, k in kinds(text, lang)] == [kind]


def test_a_kind_word_inside_a_venue_name_names_no_event() -> None:
    text = ("Solidarity rallies on Saturday 8 March 2025:\n\n"
            "Halifax: Memorial Gardens, 1pm\n\nLeeds: Woodhouse Moor, 2pm\n")
    assert {k for _, k in kinds(text, "en")} == {"rally"}


@pytest.mark.parametrize("text, lang, kind", [
    ("Depuis janvier, les marches du jeudi se succèdent à Liège. Rendez-vous cette fois le jeudi "
     "13 mars 2025 à 10h30 sur la place Saint-Lambert.\n\nLes syndicats parlent d'une "
     "manifestation, les élèves d'une grève ; la mobilisation grandit.", "fr", "march"),
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
    text = ("Rassemblement devant la mairie puis manifestation en ville\n\nQuand : samedi 15 mars "
            "2025\n10h - 12h\n\nOù : hôtel de ville de Lille\n")
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
    ("Soirée de soutien aux cheminots\n\nLe vendredi 14 mars 2025 à la salle des fêtes de "
     "Ciney.\n\n18h30 : accueil et soupe\n19h30 : lectures\n21h : concert\n", "fr",
     "concert"),
    ("Steunavond voor de havenarbeiders\n\nVrijdag 14 maart 2025 in het Vredeshuis in Gent."
     "\n\n18u30: soep\n19u30: voorlezing\n21u: optreden\n", "nl", "concert"),
])
def test_a_programme_is_what_its_headline_names(text: str, lang: str, umbrella: str) -> None:
    found = kinds(text, lang)
    assert found[0][1] == umbrella  # the umbrella starts with the first item
    assert "concert" in [k for _, k in found[1:]]


@pytest.mark.parametrize("text, lang", [
    ("Répétition publique de la chorale des cheminots le mercredi 12 mars 2025 à 19h30 à la "
     "Maison du Peuple de Liège.", "fr"),
    ("Open rehearsal of the strike choir on Wednesday 12 March 2025 at 6pm at the Trades Club, "
     "Hebden Bridge.", "en"),
])
def test_a_rehearsal_is_no_concert(text: str, lang: str) -> None:
    assert [k for _, k in kinds(text, lang)] == ["other"]


@pytest.mark.parametrize("text, lang, kind", [
    # a demonstration that sets off from a place moves: a march
    ("Le mardi 11 mars 2025, une manifestation au départ de la gare des Guillemins est annoncée "
     "à 13h30.", "fr", "march"),
    ("Manifestation du 1er mai à Huy : le départ est prévu vers 10h le jeudi 1er mai 2025 depuis "
     "la place Verte.", "fr", "march"),
    ("Betoging op 1 mei in Hasselt: het vertrek is voorzien op donderdag 1 mei 2025 om 10u30 aan "
     "het station.", "nl", "march"),
])
def test_a_demonstration_setting_off_from_a_place_is_a_march(text: str, lang: str,
                                                             kind: str) -> None:
    assert [k for _, k in kinds(text, lang)][0] == kind


def test_the_route_of_another_clause_leaves_a_rally_a_rally() -> None:
    text = ("Le jeudi 13 mars 2025, un rassemblement aura lieu à 14h sur la place d'Armes de "
            "Namur ; à 18h, une manifestation partira de la gare en direction du parlement.")
    assert kinds(text, "fr")[0] == ("2025-03-13T14:00", "rally")


@pytest.mark.parametrize("text, lang", [
    ("Qui doit décider de nos loyers ?\n\nJeudi 13 mars 2025 à 19h30\nMaison du Peuple, rue "
     "Haute 12, 1000 Bruxelles\n\nEntrée libre.", "fr"),
    ("Wie beslist over onze huur?\n\nDonderdag 13 maart 2025 om 19u30\nDe Centrale, "
     "Kraankinderstraat 2, 9000 Gent\n\nGratis toegang.", "nl"),
    ("Who should set our rents?\n\nThursday 13 March 2025 19:30\nFriends Meeting House, 6 "
     "Mount Street, Manchester M2 5NS\n\nAll welcome.", "en"),
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

