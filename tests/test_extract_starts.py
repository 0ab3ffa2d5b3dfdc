"""Which times are event times and which day a time belongs to (affiche.extract roles,
liveness, timeline, starts), one construction per test, with our own example calls in
French, Dutch and English."""

from __future__ import annotations

from pathlib import Path

import pytest
from calls import extract, starts

from affiche.cli import main
from affiche.extract import grammar

# The perfect of a verb of calling tells of the event called, still ahead: the hour it gives
# is the event's, even after a sentence that reports the morning.
CALLED = {
    "fr": "Ce mardi 3 mars, les parents d'élèves se mobilisent contre la fermeture de l'école.\n"
          "Une chaîne humaine a eu lieu ce matin devant la mairie.\n"
          "Le collectif leur a proposé de se rassembler à 19h devant l'école des Tilleuls pour "
          "une veillée.\n",
    "en": "This Tuesday 3 March, parents are mobilising against the closure of the school.\n"
          "A human chain was held this morning outside the town hall.\n"
          "The committee has asked them to gather at 7pm outside the Linden school for a "
          "vigil.\n",
    "nl": "Deze dinsdag 3 maart komen de ouders op straat tegen de sluiting van de school.\n"
          "Vanmorgen werd een menselijke ketting gevormd aan het stadhuis.\n"
          "Het comité heeft hen gevraagd om 19 uur samen te komen aan de Lindeschool voor een "
          "wake.\n",
}


@pytest.mark.parametrize("lang", sorted(CALLED))
def test_the_perfect_of_a_call_gives_the_event_its_hour(lang: str) -> None:
    assert starts(extract(CALLED[lang], "2026-03-03", lang)) == ["2026-03-03T19:00"]


@pytest.mark.parametrize(("lang", "text"), [
    ("fr", "Le comité a annoncé une marche aux flambeaux."),
    ("en", "The union has announced a walkout at the depot."),
    ("nl", "De vakbond heeft een staking aangekondigd."),
])
def test_a_perfect_of_calling_is_no_past(lang: str, text: str) -> None:
    assert not grammar.read(text, lang).perfect_past
    assert grammar.without_calls(text, lang) != text


# The page's publication and update lines give no event, and the agenda's own heading of that
# day stays a heading (it is not the page's date line).
PUBLISHED = {
    "fr": "Cette semaine à Namur\n"
          "Publié le 2 mars 2026 à 09:14 (mis à jour le 4 mars 2026 à 18:02)\n\n"
          "Lundi 2 mars\n\nDébat sur le vélo en ville, à 18h à la Maison des jeunes (rue Haute "
          "5, Namur) ;\n\nMercredi 4 mars\n\nConcert de la fanfare, à 20h au local du Chiroux "
          "(rue du Pont 3, Namur) ;\n",
    "en": "This week in Leeds\n"
          "Published 2 March 2026 at 09:14 (updated 4 March 2026 at 18:02)\n\n"
          "Monday 2 March\n\nDebate on cycling in town, at 6pm at the Youth House (5 High "
          "Street, Leeds);\n\nWednesday 4 March\n\nBrass band concert, at 8pm at the Chiroux "
          "hall (3 Bridge Street, Leeds);\n",
    "nl": "Deze week in Gent\n"
          "Gepubliceerd op 2 maart 2026 om 09.14 uur (bijgewerkt op 4 maart 2026 om 18.02 uur)"
          "\n\nMaandag 2 maart\n\nDebat over fietsen in de stad, om 18 uur in het Jeugdhuis "
          "(Hoogstraat 5, Gent);\n\nWoensdag 4 maart\n\nConcert van de fanfare, om 20 uur in "
          "zaal Chiroux (Brugstraat 3, Gent);\n",
}


@pytest.mark.parametrize("lang", sorted(PUBLISHED))
def test_publication_and_update_lines_are_no_events(lang: str) -> None:
    found = starts(extract(PUBLISHED[lang], "2026-03-02", lang))
    assert found == ["2026-03-02T18:00", "2026-03-04T20:00"]


# A live report stamps its entries with bare hours, newest first: no hour is the event's.
LIVE = {
    "en": "Live: the march against the bypass\n\n11:45 a.m.\n\nThe first walkers have reached "
          "the bridge, police said.\n\n10:30 a.m.\n\nA crowd is gathering at Elm station "
          "ahead of today's march against the bypass.\n",
    "fr": "En direct : la marche contre le contournement\n\n11h45\n\nLes premiers marcheurs "
          "ont atteint le pont, selon la police.\n\n10h30\n\nUne foule se rassemble à la gare "
          "d'Ormes avant la marche de ce samedi contre le contournement.\n",
    "nl": "Live: de mars tegen de ringweg\n\n11.45 uur\n\nDe eerste wandelaars hebben de brug "
          "bereikt, meldt de politie.\n\n10.30 uur\n\nAan het station van Olmen verzamelt een "
          "menigte voor de mars van vandaag tegen de ringweg.\n",
}


@pytest.mark.parametrize("lang", sorted(LIVE))
def test_the_timestamps_of_a_live_report_are_no_event_times(lang: str) -> None:
    assert starts(extract(LIVE[lang], "2026-03-07", lang)) == ["2026-03-07"]


def test_a_programme_going_forward_keeps_its_hour_lines() -> None:
    text = ("Samedi 7 mars, fête du quartier des Tilleuls\n\n10h30\n\nAtelier de peinture "
            "pour les enfants.\n\n14h00\n\nConcert de la fanfare sur la place.\n")
    assert "2026-03-07T10:30" in starts(extract(text, "2026-03-02", "fr"))


# A night hour beside the day's hours, in a sentence naming no event, is a closure or a ban
# around the event, not its start.
NIGHT = {
    "en": "On Sunday 14 June the street party takes over Elm Road.\nRoad closures begin at "
          "0.30am.\nThe party starts at 2pm outside the community hall.\n",
    "fr": "Le dimanche 14 juin, la fête de rue s'installe rue des Ormes.\nLa rue sera fermée "
          "à la circulation dès 0h30.\nLa fête commence à 14h devant la maison de quartier.\n",
    "nl": "Op zondag 14 juni neemt het straatfeest de Olmenstraat over.\nDe straat wordt "
          "afgesloten vanaf 0.30 uur.\nHet feest begint om 14 uur aan het buurthuis.\n",
}


@pytest.mark.parametrize("lang", sorted(NIGHT))
def test_a_night_closure_is_no_start(lang: str) -> None:
    assert starts(extract(NIGHT[lang], "2026-06-08", lang)) == ["2026-06-14T14:00"]


def test_a_march_gathering_at_its_route_start_takes_it_over_a_night_ban() -> None:
    text = ("Op zondag 14 juni trekt een stille mars door de stad.\nDe mars vertrekt om 14 uur "
            "aan het Olmenplein.\nDaar geldt een parkeerverbod, dat al ingaat om 0.01 uur.\n")
    assert starts(extract(text, "2026-06-08", "nl")) == ["2026-06-14T14:00"]


# When a rendez-vous elsewhere and the event's own hour score close, the start says so, with
# both hours as candidates (never a silent pick).
CLOSE = {
    "fr": "Samedi 14 mars, marche pour le climat.\nDépart à 13h de la gare du Midi.\n"
          "Rassemblement à 14h30 au parc du Cinquantenaire.\n",
    "en": "Saturday 14 March: climate march.\nThe march sets off at 1pm from Victoria station."
          "\nRally at 2.30pm in Hyde Park.\n",
    "nl": "Zaterdag 14 maart: klimaatmars.\nVertrek om 13 uur aan het Zuidstation.\n"
          "Betoging om 14.30 uur in het Jubelpark.\n",
}


@pytest.mark.parametrize("lang", sorted(CLOSE))
def test_close_start_readings_give_an_ambiguous_start_warning(lang: str) -> None:
    (event,) = extract(CLOSE[lang], "2026-03-09", lang)
    warning = next(w for w in event.warnings if w.code == "ambiguous_start")
    assert [c[:16] for c in warning.candidates] == ["2026-03-14T14:30", "2026-03-14T13:00"]


def test_a_clear_start_gives_no_ambiguous_start() -> None:
    text = "Samedi 14 mars à 14h30, rassemblement au parc du Cinquantenaire.\n"
    (event,) = extract(text, "2026-03-09", "fr")
    assert not any(w.code == "ambiguous_start" for w in event.warnings)


def test_explain_shows_the_start_scores_and_the_warning(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    call = tmp_path / "call.txt"
    call.write_text(CLOSE["fr"], encoding="utf-8")
    code = main(["extract", str(call), "--reference", "2026-03-09", "--lang", "fr",
                 "--explain"])
    out = capsys.readouterr().out
    assert code == 0
    assert "chosen: start_of 2.00 (told_first +2.00)" in out
    assert 'runner-up: "13h"' in out and "start_of 1.50" in out
    assert "warning ambiguous_start:" in out


@pytest.mark.parametrize(("text", "reference", "start"), [
    ("Herdenking aan de haven\nZondagmiddag wordt aan de Oude Dokken een herdenking gehouden "
     "voor de verdronken vissers. De herdenking begint om 15.00 uur.\n", "2026-03-08",
     "2026-03-08T15:00"),
    ("Wake aan de haven\nZaterdagavond wordt aan de Oude Dokken een wake gehouden voor de "
     "verdronken vissers, om 20 uur.\n", "2026-03-07", "2026-03-07T20:00"),
])
def test_a_weekday_compound_written_that_day_is_that_day(text: str, reference: str,
                                                          start: str) -> None:
    assert starts(extract(text, reference, "nl")) == [start]


STAMPED = {
    "en": "2026-03-07 Residents say they will gather on Sunday afternoon from 2pm outside the "
          "Elm library to protest against its closure.\n",
    "fr": "07/03/2026 Les habitants se rassembleront dimanche à 14h devant la bibliothèque des "
          "Ormes contre sa fermeture.\n",
    "nl": "07-03-2026 De buurtbewoners verzamelen zondag om 14 uur aan de bibliotheek van Olmen "
          "tegen de sluiting.\n",
}


@pytest.mark.parametrize("lang", sorted(STAMPED))
def test_a_numeric_stamp_opening_the_text_is_its_date_line(lang: str) -> None:
    (event,) = extract(STAMPED[lang], "2026-03-07", lang)
    assert starts([event]) == ["2026-03-08T14:00"]
    assert not any(w.code == "conflicting_dates" for w in event.warnings)


NEXT_DAY = {
    "fr": "Le samedi 14 mars, fête du quartier à 15h place des Ormes.\nLe lendemain à 10h, "
          "brocante au même endroit.\n",
    "en": "On Saturday 14 March, street party at 3pm in Elm Square.\nThe next day at 10am, "
          "jumble sale at the same place.\n",
    "nl": "Op zaterdag 14 maart, buurtfeest om 15 uur op het Olmenplein.\nDe dag erna om 10 "
          "uur, concert van de fanfare op dezelfde plaats.\n",
}


@pytest.mark.parametrize("lang", sorted(NEXT_DAY))
def test_the_next_day_counts_from_the_day_named_before(lang: str) -> None:
    assert starts(extract(NEXT_DAY[lang], "2026-03-02", lang)) == [
        "2026-03-14T15:00", "2026-03-15T10:00"]


def test_the_next_day_without_a_day_before_gives_no_event() -> None:
    text = "Programme : le lendemain, piquet de grève devant l'école des Tilleuls.\n"
    assert extract(text, "2026-03-02", "fr") == []


# A night told from one day to the next has its evening hours on the first day.
NIGHTS = [
    ("fr", "Veillée de solidarité dans la nuit du samedi 14 au dimanche 15 mars, à partir de "
           "21h devant la mairie de Namur.\n", "2026-03-14T21:00"),
    ("fr", "Veillée dans la nuit de samedi à dimanche. Rendez-vous à 22h devant la mairie de "
           "Namur.\n", "2026-03-14T22:00"),
    ("nl", "Wake in de nacht van zaterdag op zondag, vanaf 22 uur aan het stadhuis van Gent.\n",
     "2026-03-14T22:00"),
    ("en", "All-night vigil from Saturday 14 to Sunday 15 March, from 9pm outside Leeds town "
           "hall.\n", "2026-03-14T21:00"),
]


@pytest.mark.parametrize(("lang", "text", "start"), NIGHTS)
def test_a_night_from_one_day_to_the_next_starts_on_the_first_evening(
        lang: str, text: str, start: str) -> None:
    (event,) = extract(text, "2026-03-09", lang)
    assert starts([event]) == [start]
    assert not any(w.code in ("conflicting_dates", "weekday_of_writing") for w in event.warnings)


# A pause of a day's programme is no event and no start.
PAUSED = {
    "en": "Saturday 14 March, Elm Hall\n12 - 1pm: lunch (free)\n3.00 - 4.00: open meeting on "
          "housing\n",
    "fr": "Samedi 14 mars, salle des Ormes\n12h30 : repas\n14h : assemblée sur le logement\n",
    "nl": "Zaterdag 14 maart, zaal De Olm\n12u30: lunch\n14u: vergadering over wonen\n",
}


@pytest.mark.parametrize("lang", sorted(PAUSED))
def test_a_programme_pause_is_no_event(lang: str) -> None:
    found = starts(extract(PAUSED[lang], "2026-03-09", lang))
    assert found == ["2026-03-14T15:00" if lang == "en" else "2026-03-14T14:00"]


def test_a_meal_of_its_own_stays_an_event() -> None:
    text = "Samedi 14 mars, salle des Ormes\n12h30 : repas solidaire\n14h : assemblée sur le " \
           "logement\n"
    assert "2026-03-14T12:30" in starts(extract(text, "2026-03-09", "fr"))


@pytest.mark.parametrize(("lang", "text", "start"), [
    ("nl", "Zaterdag 14 maart om 3 uur: vergadering over wonen in het buurthuis.\n",
     "2026-03-14T15:00"),
    ("en", "The vigil starts at 3am on Saturday 14 March outside Elm Hall.\n",
     "2026-03-14T03:00"),
    ("en", "Saturday 14 March: night walk, meet at 03:00 outside Elm Hall.\n",
     "2026-03-14T03:00"),
    ("fr", "Samedi 14 mars à 3h : marche de nuit devant la salle des Ormes.\n",
     "2026-03-14T03:00"),
])
def test_a_small_hour_on_a_twelve_hour_clock_is_the_afternoons(lang: str, text: str,
                                                                start: str) -> None:
    assert starts(extract(text, "2026-03-09", lang)) == [start]


def test_the_stamps_of_comments_are_no_events() -> None:
    text = ("Rassemblement samedi 14 mars à 15h devant la gare de Namur.\n\n3 commentaires\n\n"
            "Julie, le 10 mars 2026 à 21:14\nJ'y serai !\n\nMarc, 11 mars 2026 à 08:02\n"
            "Bravo pour l'initiative.\n")
    assert starts(extract(text, "2026-03-09", "fr")) == ["2026-03-14T15:00"]


def test_a_mail_header_stamp_is_no_event() -> None:
    text = ("From: the tenants' union\nDate: 10 Mar 2026 18:29\n\nJoin the tenants' rally on "
            "Saturday 14 March at 2pm outside Leeds civic hall.\n")
    assert starts(extract(text, "2026-03-10", "en")) == ["2026-03-14T14:00"]


OPENING_HOURS = {
    "fr": "Manifestation samedi 14 mars à 14h au départ de la gare de Namur.\nLa permanence du "
          "syndicat, rue de Fer 5, est ouverte du lundi au vendredi de 9h à 17h.\n",
    "en": "Demonstration on Saturday 14 March at 2pm from Leeds station.\nThe union office is "
          "open Monday to Friday, 9am to 5pm.\n",
    "nl": "Betoging op zaterdag 14 maart om 14 uur aan het station van Gent.\nHet secretariaat "
          "is open van maandag tot vrijdag van 9 tot 17 uur.\n",
}


@pytest.mark.parametrize("lang", sorted(OPENING_HOURS))
def test_a_places_opening_hours_are_no_event(lang: str) -> None:
    assert starts(extract(OPENING_HOURS[lang], "2026-03-09", lang)) == ["2026-03-14T14:00"]


def test_a_strike_from_monday_to_friday_stays_an_event() -> None:
    text = ("Grève du lundi 16 au vendredi 20 mars, piquets ouverts de 6h à 14h devant l'usine "
            "Alba à Liège.\n")
    assert starts(extract(text, "2026-03-09", "fr")) == ["2026-03-16T06:00"]


DISCLOSED = {
    "fr": "Assemblée générale le jeudi 19 mars à 19h. Le lieu sera communiqué le mardi 17 mars.\n",
    "en": "General meeting on Thursday 19 March at 7pm. The venue will be announced on Tuesday "
          "17 March.\n",
    "nl": "Algemene vergadering op donderdag 19 maart om 19 uur. De locatie wordt dinsdag 17 "
          "maart bekendgemaakt.\n",
}


@pytest.mark.parametrize("lang", sorted(DISCLOSED))
def test_the_day_details_will_be_given_is_no_event(lang: str) -> None:
    assert starts(extract(DISCLOSED[lang], "2026-03-09", lang)) == ["2026-03-19T19:00"]


@pytest.mark.parametrize(("lang", "text"), [
    ("nl", "Na de rellen van gisteravond blijft het rustig.\n"),
    ("fr", "Après les heurts d'hier soir, le calme est revenu.\n"),
    ("en", "After the riots of last night, the town is calm.\n")])
def test_last_evening_is_over(lang: str, text: str) -> None:
    import datetime as dt
    from zoneinfo import ZoneInfo

    from affiche import when
    from affiche.extract import liveness, roles
    from affiche.extract.segment import segment

    reference = dt.datetime(2026, 3, 14, tzinfo=ZoneInfo("Europe/Brussels"))
    points = roles.classify(when.find(text, reference, lang), segment(text), lang)
    (point,) = [p for p in points if p.day is not None]
    assert point.day == dt.date(2026, 3, 13)
    assert liveness._is_past(point, reference)


@pytest.mark.parametrize(("lang", "text"), [
    ("fr", "Samedi 14 mars, marche pour le climat au départ de la gare de Namur à 13h. Le "
           "cortège doit arriver vers 15h30 place d'Armes.\n"),
    ("en", "Saturday 14 March: climate march from Leeds station at 1pm. The march will arrive "
           "at Park Square at 3.30pm.\n"),
])
def test_a_marchs_arrival_is_its_end_not_another_event(lang: str, text: str) -> None:
    (event,) = extract(text, "2026-03-09", lang)
    assert starts([event]) == ["2026-03-14T13:00"]
    assert event.end is not None and event.end.isoformat()[:16] == "2026-03-14T15:30"



# Two entries of one agenda, of the same shape but for their dates, are two events (not one
# told twice), and the second invites as the first does.
ENTRIES = {
    "en": "Elm Cinema club: spring season\n\nWed 11 March, 7pm Free entry, donations "
          "welcome\n\nThe Long Road\n\nA quiet portrait of three generations of dockers "
          "in Hull.\n\nWed 08 April, 7pm Free entry, donations welcome\n\nPaper Houses\n\nFollowed "
          "by a discussion with the film's director about housing in the city.\n",
    "fr": "Ciné-club des Ormes : saison de printemps\n\nMer 11 mars, 19h Entrée libre, "
          "chapeau à la sortie\n\nLa longue route\n\nUn portrait tranquille de trois "
          "générations de dockers à Anvers.\n\nMer 08 avril, 19h Entrée libre, chapeau "
          "à la sortie\n\nMaisons de papier\n\nSuivi d'une discussion avec la réalisatrice "
          "sur le logement en ville.\n",
    "nl": "Filmclub De Olm: lenteseizoen\n\nWoe 11 maart, 19 uur Gratis toegang, vrije "
          "bijdrage\n\nDe lange weg\n\nEen rustig portret van drie generaties dokwerkers "
          "in Antwerpen.\n\nWoe 08 april, 19 uur Gratis toegang, vrije bijdrage\n\nPapieren "
          "huizen\n\nGevolgd door een gesprek met de regisseur over wonen in de stad.\n",
}


@pytest.mark.parametrize("lang", sorted(ENTRIES))
def test_agenda_entries_of_one_shape_are_each_an_event(lang: str) -> None:
    found = extract(ENTRIES[lang], "2026-03-02", lang)
    assert starts(found) == ["2026-03-11T19:00", "2026-04-08T19:00"]
    assert not any(w.code == "conflicting_dates" for e in found for w in e.warnings)


# The hour of an item called off or moved stays with it: the new day is told without it, and
# the old day's heading gives no event.
MOVED = {
    "fr": "Samedi 21 mars\n\nMarche pour le climat, départ à 14h30 depuis la place d'Armes : "
          "REPORTÉE AU 28 MARS.\n",
    "en": "Saturday 21 March\n\nClimate march, leaving Park Square at 2.30pm: POSTPONED TO 28 "
          "MARCH.\n",
    "nl": "Zaterdag 21 maart\n\nKlimaatmars, vertrek om 14.30 uur aan de Kouter: UITGESTELD "
          "NAAR 28 MAART.\n",
}


@pytest.mark.parametrize("lang", sorted(MOVED))
def test_a_moved_item_keeps_its_old_hour_and_day_behind(lang: str) -> None:
    assert starts(extract(MOVED[lang], "2026-03-16", lang)) == ["2026-03-28"]


def test_a_day_with_another_item_than_the_moved_one_stays() -> None:
    text = ("Samedi 21 mars\n\nAssemblée des locataires, à 10h à la maison de quartier ;\n\n"
            "Marche pour le climat, départ à 14h30 depuis la place d'Armes : REPORTÉE AU 28 "
            "MARS.\n")
    assert starts(extract(text, "2026-03-16", "fr")) == ["2026-03-21T10:00", "2026-03-28"]


# A whole day called off leaves the hours told after it to the day told before it; an item
# called off with its hour leaves its day to the next items.
CALLED_OFF = {
    "fr": "Samedi 14 mars : rassemblement contre la fermeture de la gare.\nLa marche du "
          "dimanche 15 mars est annulée.\nRendez-vous à 14h place d'Armes.\n",
    "en": "Saturday 14 March: rally against the closure of the station.\nThe march on Sunday "
          "15 March is cancelled.\nMeet at 2pm in Park Square.\n",
    "nl": "Zaterdag 14 maart: betoging tegen de sluiting van het station.\nDe mars van zondag "
          "15 maart is afgelast.\nAfspraak om 14 uur op de Kouter.\n",
}


@pytest.mark.parametrize("lang", sorted(CALLED_OFF))
def test_an_hour_after_a_day_called_off_is_the_live_days(lang: str) -> None:
    assert starts(extract(CALLED_OFF[lang], "2026-03-09", lang)) == ["2026-03-14T14:00"]


@pytest.mark.parametrize(("lang", "text"), [
    ("fr", "Conférence annulée le samedi 14 mars à 19h.\nPuis concerts à partir de 21h30 au "
           "local.\n"),
    ("en", "Talk cancelled on Saturday 14 March at 7pm.\nThen gigs from 9.30pm at the social "
           "centre.\n"),
])
def test_a_date_right_after_a_cancel_word_is_the_one_called_off(lang: str, text: str) -> None:
    assert starts(extract(text, "2026-03-09", lang)) == ["2026-03-14T21:30"]


def test_a_date_right_after_a_move_word_is_the_new_one() -> None:
    text = "La marche du samedi 14 mars à 14h est reportée au samedi 21 mars.\n"
    assert starts(extract(text, "2026-03-09", "fr"))[0].startswith("2026-03-21")


# In a text written as a report, a day counted ahead ("morgen", "tomorrow") is still ahead.
AHEAD = {
    "fr": "Les grévistes ont bloqué le dépôt ce matin. Ils avaient déjà manifesté la semaine "
          "dernière.\nDemain, ils se rassembleront à nouveau devant la gare à 10h.\n",
    "en": "Strikers blocked the depot this morning. They had marched last week too.\nTomorrow "
          "they gather again outside the station at 10am.\n",
    "nl": "De stakers blokkeerden vanmorgen het depot. Vorige week hadden ze al betoogd.\n"
          "Morgen verzamelen ze opnieuw aan het station om 10 uur.\n",
}


@pytest.mark.parametrize("lang", sorted(AHEAD))
def test_tomorrow_in_a_report_is_still_ahead(lang: str) -> None:
    assert starts(extract(AHEAD[lang], "2026-03-09", lang)) == ["2026-03-10T10:00"]


# A recording's length and a countdown are no time of day.
LENGTHS = {
    "en": "Call for the march on Saturday 14 March\n\nWatch: our call in 2 minutes (02:14)\n\n"
          "Meet at 2pm outside Leeds station.\n",
    "nl": "Oproep voor de betoging op zaterdag 14 maart\n\nVideo (1:45)\n\nAfspraak om 14 uur "
          "aan het station van Gent.\n",
    "fr": "Appel à la manifestation du samedi 14 mars\n\nÉcoutez notre podcast de 12:30 sur la "
          "grève\n\nRendez-vous à 14h devant la gare de Namur.\n",
}


@pytest.mark.parametrize("lang", sorted(LENGTHS))
def test_a_recordings_length_is_no_time(lang: str) -> None:
    assert starts(extract(LENGTHS[lang], "2026-03-09", lang)) == ["2026-03-14T14:00"]


def test_an_hour_in_brackets_beside_a_date_stays_an_hour() -> None:
    text = "Rassemblement samedi 14 mars (14:00) devant la gare de Namur.\n"
    assert starts(extract(text, "2026-03-09", "fr")) == ["2026-03-14T14:00"]


def test_an_end_hour_does_not_make_a_day_invite_through_the_headline() -> None:
    import datetime as dt
    from zoneinfo import ZoneInfo

    from affiche import when
    from affiche.extract import liveness, locate, roles
    from affiche.extract.segment import segment

    text = "Les voitures doivent quitter la place avant 23h.\n"
    reference = dt.datetime(2026, 3, 9, tzinfo=ZoneInfo("Europe/Brussels"))
    segments = segment(text)
    points = roles.classify(when.find(text, reference, "fr"), segments, "fr")
    assert [p.role for p in points] == ["end"]
    places = locate.candidates(text, "fr")
    assert not liveness._invites(segments, points, "fr", "Marche silencieuse", places)


# A coach trip told on line after line keeps its arrival a transport time, not an event.
TRIPS = {
    "fr": "Manifestation nationale le samedi 14 mars à 14h à Bruxelles.\n\nRetour en car le "
          "samedi 14 mars : départ vers 19h30\nde Bruxelles pour une arrivée le 15 mars\nvers "
          "02h15 à Lyon.\n",
    "en": "National demonstration on Saturday 14 March at 2pm in London.\n\nReturn coach on "
          "Saturday 14 March: leaving at 7.30pm\nfrom London with arrival on 15 March\naround "
          "2.15am in Leeds.\n",
}


@pytest.mark.parametrize("lang", sorted(TRIPS))
def test_a_trip_told_over_lines_keeps_its_arrival_out(lang: str) -> None:
    assert starts(extract(TRIPS[lang], "2026-03-09", lang)) == ["2026-03-14T14:00"]


# A habit told in passing, in a relative clause, is background to the call.
HABITS = {
    "fr": "Le forum social, qui se réunit tous les jeudis à 19h30 à la Maison du peuple, "
          "appelle à manifester le samedi 14 mars à 14h place d'Armes.\n",
    "en": "The Social Forum, which meets every Thursday at 7.30pm at the Friends' House, calls "
          "for a march on Saturday 14 March at 2pm from Park Square.\n",
    "nl": "Het sociaal forum, dat elke donderdag om 19.30 uur samenkomt in het Volkshuis, roept "
          "iedereen op: betoging op zaterdag 14 maart om 14 uur op de Kouter.\n",
}


@pytest.mark.parametrize("lang", sorted(HABITS))
def test_a_habit_in_a_relative_clause_is_background(lang: str) -> None:
    (event,) = extract(HABITS[lang], "2026-03-09", lang)
    assert starts([event]) == ["2026-03-14T14:00"]
    assert not any(w.code == "conflicting_dates" for w in event.warnings)


def test_a_repeated_event_told_as_such_stays() -> None:
    text = "Vigil every Thursday at 7pm outside the town hall: join us!\n"
    assert starts(extract(text, "2026-03-09", "en")) == ["2026-03-12T19:00"]
