"""Places: addresses, venues and localities in French, Dutch and English running text."""

from __future__ import annotations

import pytest
from calls import extract

from affiche.extract import locate
from affiche.extract.places import find_addresses, find_localities, find_venues

# (lang, text, expected fields of the first address: street, postcode, locality, country, name)
ADDRESSES = [
    ("nl", "Wake voor het gesloten centrum, Steenweg op Wortel 1/A, 2330 Merksplas.",
     ("Steenweg op Wortel 1/A", "2330", "Merksplas", "BE", None)),
    ("nl", "Betoging aan de Leuvensesteenweg 120, 1932 Zaventem om 14u.",
     ("Leuvensesteenweg 120", "1932", "Zaventem", "BE", None)),
    ("fr", "Rendez-vous au 24 rue de la Croix, 1050 Ixelles à 18h.",
     ("24 rue de la Croix", "1050", "Ixelles", "BE", None)),
    ("nl", "Vergadering in de Molenstraat 8 bus 3, 9000 Gent.",
     ("Molenstraat 8 bus 3", "9000", "Gent", "BE", None)),
    ("fr", "Rendez-vous dès 14h, Rue de la Paix",
     ("Rue de la Paix", None, None, None, None)),
    ("fr", "Après, soirée au Jardin aux Roses, rue de la Victoire 126, 1060 Saint-Gilles.",
     ("rue de la Victoire 126", "1060", "Saint-Gilles", "BE", "Jardin aux Roses")),
    ("fr", "Manifestation place de la Navigation à Lausanne (CH-1006) samedi.",
     (None, None, "Lausanne", "CH", "place de la Navigation")),
    ("fr", "Salle Verte, Rue Neuve 45 - 4000 Liège",
     ("Rue Neuve 45", "4000", "Liège", "BE", "Salle Verte")),
    ("fr", "Repas solidaire avenue de la Couronne 12 à 1050 Ixelles ce soir.",
     ("avenue de la Couronne 12", "1050", "Ixelles", "BE", None)),
    ("fr", "Rassemblement Place Saint-Lambert, Liège, à midi.",
     (None, None, "Liège", "BE", "Place Saint-Lambert")),
    ("fr", "Manifestation au départ de 13 boulevard Voltaire, 75011 Paris.",
     ("13 boulevard Voltaire", "75011", "Paris", "FR", None)),
    ("fr", "Conférence à la Maison des associations, 15 route des Acacias, CH-1227 Carouge.",
     ("15 route des Acacias", "1227", "Carouge", "CH", "Maison des associations")),
    ("nl", "Protest bij het stadhuis, Amstel 1, 1011 PN Amsterdam.",
     (None, "1011 PN", "Amsterdam", "NL", None)),
    ("en", "Assemble at Whitehall Place, London SW1A 2BD at noon.",
     ("Whitehall Place", "SW1A 2BD", "London", "GB", None)),
    ("fr", "Cinéma Nova\nrue d'Arenberg, 3 1000 Bruxelles",
     ("rue d'Arenberg, 3", "1000", "Bruxelles", "BE", "Cinéma Nova")),
    ("nl", "Afspraak in \"Het Huis\" Vaartstraat 4 te 3000 Leuven.",
     ("Vaartstraat 4", "3000", "Leuven", "BE", None)),
    ("fr", "Chapelle du Sart, chemin du Sart à Boncelles (Seraing), en soirée.",
     ("chemin du Sart", None, "Boncelles (Seraing)", "BE", "Chapelle du Sart")),
    ("fr", "Permanence au 8 bvd du général Leclerc, à Clichy.",
     ("8 bvd du général Leclerc", None, "Clichy", "FR", None)),
    ("en", "Squat party at rue des Alexiens, 14\nbring friends",
     ("rue des Alexiens, 14", None, None, None, None)),
    ("fr", "Au local, 3 montée des Carmélites, 69001. Entrée libre.",
     ("3 montée des Carmélites", "69001", None, "FR", None)),
]

# Postcode and town alone
POSTCODES = [
    ("fr", "Grande marche à 75001 Paris le 3 mai.", ("75001", "Paris", "FR")),
    ("nl", "Demonstratie in 3511 LK Utrecht.", ("3511 LK", "Utrecht", "NL")),
    ("fr", "Forum à CH-1204 Genève samedi.", ("1204", "Genève", "CH")),
    ("fr", "Adresse : 1820 Steenokkerzeel", ("1820", "Steenokkerzeel", "BE")),
    ("nl", "Info: 2000 Antwerpen", ("2000", "Antwerpen", "BE")),
]

# No address in these: times, dates, prices, years before towns
NO_ADDRESS = [
    ("fr", "RDV 13h30 devant la gare. Prix 5€. Le 19.01.2025 à 14h."),
    ("fr", "En 2015 Paris comptait 10.000 manifestants."),
    ("nl", "Om 14u30, 1.200 deelnemers, 200.000 euro opgehaald in 2019."),
    ("en", "At 10.30am on 04.11.2006, 500 people marched."),
    ("fr", "sur la place de la république, la coordination tient son rassemblement"),
    ("fr", "les personnes à la rue qui ont froid pique-niquent sur la voie publique"),
    ("fr", "Il porte plainte ; dans les cours de récréation aussi."),
    ("en", "The route of Saturday's march was agreed."),
]

VENUES = [
    ("fr", "Rassemblons-nous devant le centre fermé 127bis samedi.", "centre fermé 127bis",
     "devant"),
    ("fr", "Concert de soutien au Pianofabriek ce soir.", "Pianofabriek", "au"),
    ("fr", "Pique-nique à la Place Flagey dimanche.", "Place Flagey", "à"),
    ("fr", "Départ groupé depuis la gare du Midi à 13h.", "gare du Midi", "depuis"),
    ("fr", "RDV 13h30 gare de Nossegem.", "gare de Nossegem", None),
    ("fr", "Rassemblement devant la préfecture à 9h.", "préfecture", "devant"),
    ("fr", "Action symbolique au Mont des Arts à midi.", "Mont des Arts", "au"),
    ("fr", "Rendez-vous devant l'Hôtel de Ville de Namur.", "Hôtel de Ville de Namur", "devant"),
    ("nl", "Afspraak om 13u voor het station.", "station", "voor"),
    ("nl", "We verzamelen aan het Noordstation om 14u.", "Noordstation", "aan"),
    ("nl", "Vertrek vanaf station Brussel-Centraal om 12u.", "station Brussel-Centraal", "vanaf"),
    ("nl", "Picknick op de Groenplaats.", "Groenplaats", "op"),
    ("nl", "Samenkomst voor het station van Nossegem.", "station van Nossegem", "voor"),
    ("en", "We meet at 1pm outside the Town Hall.", "Town Hall", "outside"),
    ("en", "Vigil in front of Parliament every month.", "Parliament", "in front of"),
    ("en", "Candlelit vigil in Trafalgar Square at 3pm.", "Trafalgar Square", "in"),
    ("en", "Assemble at Rochester Station Car Park, 12pm.", "Rochester Station Car Park", "at"),
    ("en", "Meet at Nossegem station.", "Nossegem station", "at"),
]

LOCALITIES = [
    ("fr", "Manifestation à Bruxelles puis à Liège et à Gand.",
     [("Bruxelles", "BE"), ("Liège", "BE"), ("Gand", "BE")]),
    ("nl", "Betoging in Brussel, Elsene en Antwerpen.",
     [("Brussel", "BE"), ("Elsene", "BE"), ("Antwerpen", "BE")]),
    ("fr", "Rassemblement à Ixelles, Anvers et Luik.",
     [("Ixelles", "BE"), ("Anvers", "BE"), ("Luik", "BE")]),
    ("en", "Marches in London, Geneva and Amsterdam.",
     [("London", "GB"), ("Geneva", "CH"), ("Amsterdam", "NL")]),
    ("fr", "RETROUVONS-NOUS à STEENOKKERZEEL et MONS !",
     [("STEENOKKERZEEL", "BE"), ("MONS", "BE")]),
    ("fr", "Rassemblement à Rouillé (86) et à Boncelles (Seraing).",
     [("Rouillé (86)", "FR"), ("Boncelles (Seraing)", "BE")]),
    ("fr", "Soutien au Kremlin-Bicêtre et à Saint-Jacques-de-la-Lande.",
     [("Kremlin-Bicêtre", "FR"), ("Saint-Jacques-de-la-Lande", "FR")]),
    ("nl", "Vertrek aan Brussel-Zuid.", [("Brussel", "BE")]),
    ("nl", "Verzamelen aan het Brusselse Noordstation.", [("Brussel", "BE")]),
]

# Capitalised common words that are also town names
NO_LOCALITY = [
    ("fr", "Bon à savoir : Vers 14h, Tours de parole. Nice initiative ? Place aux jeunes."),
    ("en", "Nice to see you. Reading group on Tuesday. Bring a friend."),
    ("nl", "Boom en Dam zijn woorden. Station Centrum."),
    ("nl", "De vzw Gastvrij Antwerpen nodigt Anne Morelli uit."),
]


def _fields(address) -> tuple:
    return (address.street, address.postcode, address.locality, address.country, address.name)


@pytest.mark.parametrize("lang, text, expected", ADDRESSES,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(ADDRESSES)])
def test_addresses(lang: str, text: str, expected: tuple) -> None:
    found = find_addresses(text, lang)
    assert found, text
    assert _fields(found[0]) == expected
    for value in (found[0].street, found[0].postcode, found[0].locality, found[0].name):
        if value:
            assert value in text  # as written, never normalised
    assert found[0].start < found[0].end <= len(text)


@pytest.mark.parametrize("lang, text, expected", POSTCODES,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(POSTCODES)])
def test_postcode_and_town(lang: str, text: str, expected: tuple) -> None:
    (address,) = find_addresses(text, lang)
    assert (address.postcode, address.locality, address.country) == expected


@pytest.mark.parametrize("lang, text", NO_ADDRESS,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(NO_ADDRESS)])
def test_no_false_addresses(lang: str, text: str) -> None:
    assert find_addresses(text, lang) == []


@pytest.mark.parametrize("lang, text, name, cue", VENUES,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(VENUES)])
def test_venues(lang: str, text: str, name: str, cue: str | None) -> None:
    venues = find_venues(text, lang)
    matching = [v for v in venues if v.name == name]
    assert matching, [v.name for v in venues]
    venue = matching[0]
    assert text[venue.start:venue.end] == name
    assert (venue.cue.lower() if venue.cue else None) == cue


def test_venue_is_not_a_town_or_a_weekday() -> None:
    text = "Rendez-vous à Bruxelles samedi, à 14h, sur Facebook."
    names = [v.name for v in find_venues(text, "fr")]
    assert "Bruxelles" not in names


@pytest.mark.parametrize("lang, text, expected", LOCALITIES,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(LOCALITIES)])
def test_localities(lang: str, text: str, expected: list[tuple[str, str]]) -> None:
    found = find_localities(text, lang)
    assert [(m.name, m.country) for m in found] == expected
    for mention in found:
        assert text[mention.start:mention.end] == mention.name


@pytest.mark.parametrize("lang, text", NO_LOCALITY,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(NO_LOCALITY)])
def test_no_false_localities(lang: str, text: str) -> None:
    names = [m.name for m in find_localities(text, lang)]
    assert not set(names) & {"Bon", "Vers", "Tours", "Nice", "Place", "Reading", "Bring", "Boom",
                             "Dam", "Station", "Centrum", "Anne"}
    if "Gastvrij" in text:
        assert "Antwerpen" not in names  # part of an organisation's name


def test_empty_and_unknown_language() -> None:
    assert find_addresses("", "fr") == [] and find_venues("", "nl") == []
    assert find_localities("", "en") == []
    # an unknown language code falls back to French data instead of failing
    assert find_localities("Manif à Namur", "de")[0].name == "Namur"


@pytest.mark.parametrize("lang, text, town", [
    ("fr", "Agenda\n• samedi 15 mars à 10h30\n  Theatre Namur", "Namur"),
    ("fr", "Projection au Cinéma Liège, entrée libre.", "Liège"),
])
def test_a_town_named_after_a_venue_word_places_the_venue(lang: str, text: str, town: str) -> None:
    assert town in [m.name for m in find_localities(text, lang)]


# Venue names as people read them: (lang, text, the exact name expected among the venues)
VENUE_NAMES = [
    ("fr", "Rassemblement devant le centre fermé, rue Visé-Voie 1, 4041 Vottem.", "centre fermé"),
    ("fr", "Mercredi à 18h, assemblée générale à la Maison du peuple, Verviers.",
     "Maison du peuple"),
    ("fr", "HERSTAL Maison du Peuple de Herstal, rue Large 4 à 4040 Herstal",
     "Maison du Peuple de Herstal"),
    ("fr", "mardi 3 mai\nLONCIN-BASSalle des fêtes de Loncin, entrée libre",
     "Salle des fêtes de Loncin"),
    ("fr", "A La Ruche des Tisserands, 12 rue Pasteur, 69007 Lyon", "La Ruche des Tisserands"),
    ("fr", "Les familles se retrouvent devant l'Office des étrangers sur leur chemin.",
     "Office des étrangers"),
    ("fr", "On part de la gare du nord et arrive au parc vers midi.", "gare du nord"),
    ("fr", "Veillée devant le Centre de Transit 122Ter à Zaventem.", "Centre de Transit 122Ter"),
    ("fr", "Concerts du mois\n• vendredi 4 avril à 20h\n  Salle Lumière\n  Un trio de jazz",
     "Salle Lumière"),
    ("fr", "ve 14/03\nFABRIK\nsoirée", "FABRIK"),
    ("fr", "• jeudi 6 mars à 19h\n  Le Rideau Rouge, Mons", "Le Rideau Rouge"),
    ("nl", "Het concert begint aan het Antwerpse Zuidstation.", "Zuidstation"),
    ("nl", "Picknick op de Sint-Pietersplaats in Gent.", "Sint-Pietersplaats"),
    ("nl", "zaterdag 8 maart\nDe Koffiebrander\nquiz", "De Koffiebrander"),
    ("en", "Gathering in Albion Square in Hackney at noon.", "Albion Square"),
    ("en", "Friday 7 March, 7pm\nThe Old Library\nTalk and tea", "The Old Library"),
]

# Names that are not venues: (lang, text, a name that must not be found)
NOT_VENUE_NAMES = [
    ("en", "Join us on Save the Forest Rally this Sunday in the park.", "Save the Forest Rally"),
    ("en", "Buses leave to Canada's border at dawn.", "Canada's"),
    ("en", "Speeches at Climate Day in the town square.", "Climate Day"),
    ("fr", "Nous serons au Maroc en mai.", "Maroc"),
    ("fr", "LA MACHINE TOURNE À PLEIN RÉGIME CONTRE NOUS", "PLEIN RÉGIME"),
    ("fr", "Rendez-vous à la Grande Marche Blanche dimanche.", "Grande Marche Blanche"),
    ("nl", "Schrijf je in voor de Vredeswandeling Leuven van zondag.", "Vredeswandeling Leuven"),
    ("nl", "Iedereen welkom op Burendag in de wijk.", "Burendag"),
    ("nl", "Het Brusselse Zuidstation ligt vlakbij.", "Brusselse Zuidstation"),
    ("fr", "Samedi 5 avril 2025\nCommentaires fermés. Merci.", "Commentaires fermés"),
    ("fr", "Atelier « publier sur Lutteslocales.org » à 19h.", "Lutteslocales"),
    ("nl", "Alle info op Buurtacties.be vanaf morgen.", "Buurtacties"),
    ("fr", "Le lundi 7 avril, réunion.\nBonjour à toutes et à tous", "Bonjour"),
    ("fr", "Remettons la solidarité au centre des discussions.", "centre"),
    ("en", "Doors at 7pm and food at 8pm\nThe Organisers", "The Organisers"),
    ("fr", "jeudi 12 mars\nSoirée Palestine\nau local", "Soirée Palestine"),
]


@pytest.mark.parametrize("lang, text, name", VENUE_NAMES,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(VENUE_NAMES)])
def test_venue_names(lang: str, text: str, name: str) -> None:
    venues = find_venues(text, lang)
    named = [a.name for a in find_addresses(text, lang)]
    assert name in [v.name for v in venues] + named, [v.name for v in venues] + named
    for venue in venues:
        if venue.name == name:
            assert text[venue.start:venue.end] == name  # as written, offsets exact


@pytest.mark.parametrize("lang, text, name", NOT_VENUE_NAMES,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(NOT_VENUE_NAMES)])
def test_not_venue_names(lang: str, text: str, name: str) -> None:
    names = [v.name for v in find_venues(text, lang)]
    assert not any(name in found for found in names), names


@pytest.mark.parametrize("lang, text, name", [
    ("fr", "Pique-nique place du Marché à Wavre.", "place du Marché"),
    ("nl", "Samenkomst op de Korenmarkt in Gent.", "Korenmarkt"),
    ("en", "Vigil at Russell Square, London.", "Russell Square"),
    ("fr", "Pique-nique sur la place Saint-Paul, 69005.", "place Saint-Paul"),
])
def test_a_square_without_number_is_a_landmark(lang: str, text: str, name: str) -> None:
    names = [a.name for a in find_addresses(text, lang)] + [v.name for v in find_venues(text, lang)]
    streets = [a.street for a in find_addresses(text, lang)]
    assert name in names and name not in streets


@pytest.mark.parametrize("lang, text, name", [
    ("fr", "Concert à la salle Jean Jaurès de Namur samedi.", "salle Jean Jaurès"),
    ("fr", "Veillée à la Maison des Jeunes de Namur.", "Maison des Jeunes de Namur"),
    ("fr", "Débat à l'Université Libre de Bruxelles.", "Université Libre de Bruxelles"),
    ("fr", "MONS : rassemblement 10h départ préfecture.", "préfecture"),
    ("nl", "Optreden in de Lotto Arena van Antwerpen.", "Lotto Arena"),
])
def test_town_after_a_proper_venue_name(lang: str, text: str, name: str) -> None:
    assert name in [v.name for v in find_venues(text, lang)]


def test_a_park_named_like_a_town_is_a_venue_not_a_town() -> None:
    text = "March from Hyde Park to the embassy."
    assert "Hyde Park" in [v.name for v in find_venues(text, "en")]
    assert "Hyde Park" not in [m.name for m in find_localities(text, "en")]


@pytest.mark.parametrize("lang, text, name", [
    ("fr", "Rassemblement devant le ministère du Travail, place Rogier-Dupont.",
     "ministère du Travail, place Rogier-Dupont"),
    ("fr", "Réunion à la Maison de la Paix, salle Verdi, à 19h.", "Maison de la Paix, salle Verdi"),
    ("nl", "Debat in de Bibliotheek De Krook, Kelderzaal om 20u.",
     "Bibliotheek De Krook, Kelderzaal"),
    ("en", "Protest at the French Embassy, Knightsbridge Square.",
     "French Embassy, Knightsbridge Square"),
])
def test_a_venue_and_its_square_or_room_make_one_name(lang: str, text: str, name: str) -> None:
    assert name in [v.name for v in find_venues(text, lang)]


@pytest.mark.parametrize("lang, text, names", [
    # a list of targets is no venue with its room; a square before a postcode is the address
    ("en", "Pickets at the Shell offices, Canadian Embassy and BP.", ["Shell offices"]),
    ("fr", "Maison des Jeunes de Ciney, place des tilleuls à 5590 Ciney",
     ["Maison des Jeunes de Ciney"]),
    ("nl", "Parkeren kan op de parking van het zwembad.", ["parking"]),
])
def test_venues_not_joined(lang: str, text: str, names: list[str]) -> None:
    found = [v.name for v in find_venues(text, lang)] + [a.name for a in find_addresses(text, lang)]
    for name in names:
        assert name in found, found


@pytest.mark.parametrize("lang, text, name", [
    ("nl", "Lezing op vrijdag 3 mei om 19.30 uur (Vooruit, Theaterzaal) over wonen.",
     "Vooruit, Theaterzaal"),
    ("fr", "Projection le 4 mai à 20h (Cinéma Aventure) puis débat.", "Cinéma Aventure"),
    ("en", "Talk on 5 May at 7pm (Friends Meeting House), all welcome.", "Friends Meeting House"),
])
def test_a_bracket_after_a_time_names_the_venue(lang: str, text: str, name: str) -> None:
    assert name in [v.name for v in find_venues(text, lang)]


def test_a_bracket_after_a_time_that_names_no_venue() -> None:
    for text in ("Rendez-vous à 14h (Bruxelles) devant la gare.", "Concert à 20h (entrée libre).",
                 "Départ à 9h (FR/NL)."):
        names = [v.name for v in find_venues(text, "fr")]
        assert "Bruxelles" not in names and "entrée libre" not in names and "FR/NL" not in names


@pytest.mark.parametrize("lang, text, name", [
    ("fr", "Soirée au CSA (Centre Social Autogéré) vendredi.", "CSA (Centre Social Autogéré)"),
    ("fr", "Soirée au CSA (gratuit) vendredi.", "CSA"),
    ("en", "Meeting at the SSH (Southside Social Hub) on Monday.", "SSH (Southside Social Hub)"),
    ("fr", "Rassemblement devant l'entrée latérale de l'hôpital à 14h.",
     "entrée latérale de l'hôpital"),
])
def test_acronym_with_its_expansion_and_venue_words_after_an_article(
        lang: str, text: str, name: str) -> None:
    assert name in [v.name for v in find_venues(text, lang)]


@pytest.mark.parametrize("lang, text, name, not_name", [
    ("fr", "Prière devant la basilique rassemble l'assemblée.", "basilique",
     "basilique rassemble l'assemblée"),
    ("fr", "Soins à l'hôpital militaire d'Anvers.", "hôpital militaire d'Anvers", None),
    ("fr", "Repas à Malmedy le 9 avec les voisins.", None, "Malmedy le 9"),
    ("en", "Stalls on Saturdays in the market hall.", None, "Saturdays"),
    ("nl", "Meer info op Facebookgroep Buren.", None, "Facebookgroep Buren"),
])
def test_venue_name_ends(lang: str, text: str, name: str | None, not_name: str | None) -> None:
    names = [v.name for v in find_venues(text, lang)]
    if name:
        assert name in names, names
    if not_name:
        assert not_name not in names, names


@pytest.mark.parametrize("lang, text, not_name", [
    ("en", "Speakers from Tenants Rights Campaign and friends.", "Tenants Rights Campaign"),
    ("fr", "Avec le soutien du Collectif Sans Frontières Namur.",
     "Collectif Sans Frontières Namur"),
    ("nl", "Met steun van Buurtwerk Noord vzw.", "Buurtwerk Noord vzw"),
])
def test_an_organisation_is_no_venue(lang: str, text: str, not_name: str) -> None:
    assert not_name not in [v.name for v in find_venues(text, lang)]


def test_an_organisation_hall_is_still_a_venue() -> None:
    names = [v.name for v in find_venues("Concert à la salle du Syndicat des Dockers.", "fr")]
    assert "salle du Syndicat des Dockers" in names


# The event's town (lang, text, where the event's anchor is, the locality expected or None):
# a town counts when the text ties it to the event's sentence, line or paragraph, a heading
# above it, the headline, or when the text names one town more than any other.
EVENT_TOWNS = [
    ("fr", "Namur : journée d'action\n\nLes collectifs se réunissent.\n\n"
     "Samedi 14h, rassemblement au square des Tilleuls.", "Samedi", "Namur"),
    ("fr", "Des groupes de Lille et de Roubaix jouent partout.\n\n"
     "Samedi 14h, rassemblement au square des Tilleuls.", "Samedi", None),
    ("fr", "Rendez-vous à TOURNAI\nSamedi à 14h place de la Gare", "Samedi", "TOURNAI"),
    ("nl", "Rond 15u verzamelen we op het Sint-Pietersplein in Gent.", "Rond 15u", "Gent"),
    ("nl", "Betoging zaterdag voor het gesloten centrum 127bis.\n\nInfo over Leuven en Mechelen."
     "\n\nWaar: voor het gesloten centrum 127bis te Steenokkerzeel.", "zaterdag",
     "Steenokkerzeel"),
    ("en", "Bands from Leeds and York on the bill.\n\nSaturday at 8pm at the Old Mill.",
     "Saturday", None),
    ("en", "A week of action in Bristol.\n\nThe crews of Bristol are ready.\n\n"
     "Saturday at 8pm at the Old Mill.", "Saturday", "Bristol"),
]


@pytest.mark.parametrize("lang, text, anchor, name, town", [
    # a bare town of the next sentence says less than a venue two sentences on
    ("nl", "Programma maandag 3 maart\nDe stappers komen van Aalst.\nZe worden om 15u in Gent "
     "verwacht. Een comité wacht hen op in het Citadelpark.", "Programma", "Citadelpark", "Gent"),
    # a town in the event's own line still beats the venue of the next line
    ("fr", "- Ciney – 11 h devant le service\n- Dinant – 14 h au Centre culturel", "- Ciney",
     None, "Ciney"),
    # a town in the event's sentence is completed by the venue of the next sentence
    ("nl", "Betoging dinsdag door Gent. De stoet vertrekt om 10 uur aan het Zuidstation.",
     "Betoging", "Zuidstation", "Gent"),
    ("en", "March through Leeds on Saturday. We gather at 11am in Millennium Square.",
     "March", "Millennium Square", "Leeds"),
])
def test_a_bare_town_against_a_venue(lang: str, text: str, anchor: str, name: str | None,
                                     town: str) -> None:
    from affiche.extract import locate
    from affiche.extract.segment import segment

    found = locate.candidates(text, lang)
    place, _ = locate.choose(found, [text.index(anchor)], segment(text), [])
    assert (place.name, place.locality) == (name, town), place


@pytest.mark.parametrize("lang, text, name", [
    ("fr", "Veillée à la Cathédrale Saint-Aubain.\nJeudi 18h devant la cathédrale.",
     "Cathédrale Saint-Aubain"),
    ("fr", "St. Mary's Cathedral, Londres\nJeudi 18h en face de la Cathédrale",
     "St. Mary's Cathedral"),
    ("nl", "Het Sint-Pietersstation ligt vlakbij.\nZaterdag 14u voor het station.", "station"),
])
def test_a_bare_venue_word_refers_to_the_named_venue(lang: str, text: str, name: str) -> None:
    from affiche.extract import locate
    from affiche.extract.segment import segment

    found = locate.candidates(text, lang)
    anchor = text.index("\n") + 1
    place, _ = locate.choose(found, [anchor], segment(text), [])
    assert place.name == name, place


def test_a_borough_after_the_address_qualifies_the_town() -> None:
    from affiche.extract import locate
    from affiche.extract.segment import segment

    text = ("À Lyon, les rendez-vous :\n"
            "Samedi 14h devant la mairie, 2 rue Pasteur (3e arrondissement).")
    found = locate.candidates(text, "fr")
    place, _ = locate.choose(found, [text.index("Samedi")], segment(text), [])
    assert place.locality == "Lyon (3e arrondissement)", place


@pytest.mark.parametrize("lang, text, name, town", [
    # a title names the topic; the venue the text sends people to is introduced by a cue
    ("fr", "Centre fermé Vottem – rassemblement samedi\nRassemblement samedi aux halles de Vottem.",
     "halles de Vottem", "Vottem"),
    ("fr", "Messe dimanche à 11h, église du Sacré-Cœur, à Jambes (Namur).",
     "église du Sacré-Cœur", "Jambes (Namur)"),
    ("fr", "Messe dimanche à 11h, église du Sacré-Cœur, à Bouge (Namur).",
     "église du Sacré-Cœur", "Bouge (Namur)"),
])
def test_a_cued_venue_and_a_borough(lang: str, text: str, name: str, town: str) -> None:
    from affiche.extract import locate
    from affiche.extract.segment import segment

    found = locate.candidates(text, lang)
    anchors = [m.start() for m in __import__("re").finditer("samedi|dimanche", text)]
    place, _ = locate.choose(found, anchors, segment(text), [])
    assert (place.name, place.locality) == (name, town), place


@pytest.mark.parametrize("lang, text, name", [
    ("en", "Bikes gather at Russell Square, north side (Russell Square tube).",
     "Russell Square, north side"),
    ("fr", "Rassemblement devant la gare du Midi, côté sud, à 14h.", "gare du Midi, côté sud"),
    ("nl", "Verzamelen aan het Noordstation, hoofdingang, om 13u.", "Noordstation, hoofdingang"),
])
def test_a_part_of_the_venue_after_a_comma(lang: str, text: str, name: str) -> None:
    assert name in [v.name for v in find_venues(text, lang)]


def test_a_meeting_sentence_that_gives_the_start_names_the_place() -> None:
    from affiche.extract import locate
    from affiche.extract.segment import segment

    text = "La permanence du parti.\nRDV 11h devant le tribunal de Namur mercredi 13."
    found = locate.candidates(text, "fr")
    anchor = text.index("RDV")
    place, _ = locate.choose(found, [anchor], segment(text), [(anchor, len(text))])
    assert place.name == "tribunal de Namur", place


@pytest.mark.parametrize("lang, text, anchor, postcode", [
    ("fr", "A 18h, visite de la place Carnot avec les voisins.\nPuis un repas.\n"
     "Sur la place Carnot, 69002", "A 18h", "69002"),
    ("en", "At 6pm a walk round Albion Square with neighbours.\nThen food.\n"
     "At Albion Square, London E8 4ES", "At 6pm", "E8 4ES"),
])
def test_the_same_venue_named_again_gives_its_address(lang: str, text: str, anchor: str,
                                                      postcode: str) -> None:
    from affiche.extract import locate
    from affiche.extract.segment import segment

    found = locate.candidates(text, lang)
    place, _ = locate.choose(found, [text.index(anchor)], segment(text), [])
    assert place.postcode == postcode, place


@pytest.mark.parametrize("lang, text, anchor, town", EVENT_TOWNS,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(EVENT_TOWNS)])
def test_the_event_town_is_tied_to_the_event(lang: str, text: str, anchor: str,
                                             town: str | None) -> None:
    from affiche.extract import locate
    from affiche.extract.segment import segment

    found = locate.candidates(text, lang)
    place, _ = locate.choose(found, [text.index(anchor)], segment(text), [])
    assert place.locality == town, place


@pytest.mark.parametrize("lang, text, expected", [
    ("fr", "La messe aura lieu à Jambes (Namur) dimanche.", ["Jambes (Namur)"]),
    ("nl", "Feest in Borgerhout (Antwerpen) morgen.", ["Borgerhout (Antwerpen)"]),
    ("en", "Meet at the gates (Holborn/Temple tube) at ten.", []),
    ("en", "Leeds Federation of Tenants calls a rally.", []),
    ("fr", "Le Comité des Sans-Papiers de Liège appelle à manifester.", []),
    ("nl", "Het Comité van Gent organiseert een wake.", []),
    ("fr", "Rendez-vous à la gare de Liège.", ["Liège"]),
])
def test_boroughs_stops_and_organisations(lang: str, text: str, expected: list[str]) -> None:
    assert [m.name for m in find_localities(text, lang)] == expected


@pytest.mark.parametrize("lang, text, square", [
    ("fr", "Les Patriotes se retrouvent à 14 h place de Barcelone.", "place de Barcelone"),
    ("fr", "Rassemblement à 18h square de Meeûs, devant le parlement.", "square de Meeûs"),
])
def test_a_town_naming_a_square_is_not_the_events_town(lang: str, text: str,
                                                        square: str) -> None:
    found = locate.candidates(text, lang)
    assert [c.place.locality for c in found if c.source == "locality"] == []
    assert square in [c.place.name for c in found if c.source == "venue"]


def test_a_kind_of_event_ending_like_a_street_is_no_address() -> None:
    text = "Blokkade van de haven op zaterdag 8 november om 6u aan de Kaai 5 in Antwerpen."
    found = locate.candidates(text, "nl")
    assert "Blokkade" not in [c.place.street for c in found]


@pytest.mark.parametrize("lang, text, name", [
    ("fr", "Dimanche 4 octobre 2026, nous marcherons de la gare du Nord jusqu'au parc du "
           "Cinquantenaire. Venez nombreux !", "gare du Nord"),
    ("en", "On Sunday 4 October 2026 we march from Euston Station ending at Parliament Square. "
           "Join us!", "Euston Station"),
])
def test_a_march_gathers_where_it_starts_not_where_it_ends(lang: str, text: str,
                                                           name: str) -> None:
    events = extract(text, "2026-09-20", lang)
    assert [e.place.name for e in events] == [name]


def test_the_town_of_a_group_departure_is_not_the_events_town() -> None:
    text = ("Manifestation dimanche 4 octobre 2026 à 14h à la gare du Nord.\n\n"
            "Départ groupé depuis Liège : train de 11h32 à Liège-Guillemins.")
    events = extract(text, "2026-09-20", "fr")
    assert (events[0].place.name, events[0].place.locality) == ("gare du Nord", None)


def test_a_possessive_after_de_ends_the_venue_name() -> None:
    names = [v.name for v in find_venues("Il est rentré à la maison de ses parents.", "fr")]
    assert "maison de ses" not in names


@pytest.mark.parametrize("lang, text", [
    ("fr", "Le collectif appelle à manifester ce samedi 5 avril devant le palais de justice.\n"
           "Mardi, un jeune homme a été arrêté. Il avait été transféré au centre fermé de "
           "Vottem. Il avait déjà été enfermé à Vottem l'an dernier."),
    ("nl", "Het comité roept op om zaterdag 5 april te betogen aan het Justitiepaleis.\n"
           "Hij werd naar het gesloten centrum van Merksplas gebracht. Hij was al eerder in "
           "Merksplas opgesloten."),
    ("en", "The committee calls for a protest this Saturday 5 April outside the Town Hall.\n"
           "He was taken to the detention centre in Harmondsworth. He had been held in "
           "Harmondsworth before."),
])
def test_a_town_told_in_the_past_tense_is_not_the_events_town(lang: str, text: str) -> None:
    events = extract(text, "2025-04-02", lang)
    assert [e.place.locality for e in events] == [None]
    assert events[0].place.name is not None


def test_a_day_word_of_the_past_is_no_past_tense() -> None:
    text = ("À Lyon, on retrouve les mêmes collectifs que la semaine précédente :\n"
            "Le collectif Santé pour tous se rassemble ce samedi 12 avril à 14h devant "
            "l'hôpital Édouard-Herriot.")
    assert [e.place.locality for e in extract(text, "2025-04-07", "fr")] == ["Lyon"]


def test_a_station_named_after_a_town_is_in_the_town_of_the_heading() -> None:
    text = ("À Paris, les rendez-vous de samedi 27 septembre :\n"
            "Le cortège des étudiants s'élancera à 14h de la gare de Lyon.\n"
            "Les enseignants, quant à eux, se retrouvent à 15h place de Barcelone.")
    events = extract(text, "2025-09-20", "fr")
    assert [e.place.locality for e in events] == ["Paris", "Paris"]


def test_a_station_named_after_its_town_still_gives_the_town() -> None:
    text = "Rassemblement le samedi 27 septembre à 14h devant la gare de Namur."
    assert [e.place.locality for e in extract(text, "2025-09-20", "fr")] == ["Namur"]


@pytest.mark.parametrize("lang, text", [
    ("fr", "Grève de 24 heures le mardi 3 février dans les services publics.\n"
           "À Liège, les trams ne rouleront pas et les écoles resteront fermées. Liège sera "
           "à l'arrêt."),
    ("nl", "Staking van 24 uur op dinsdag 3 februari in de openbare diensten.\n"
           "In Antwerpen rijden er geen trams en blijven de scholen dicht. Antwerpen ligt "
           "stil."),
    ("en", "A 24-hour strike on Tuesday 3 February across the public services.\n"
           "In Leeds no buses will run and the schools will stay closed. Leeds will stop."),
])
def test_a_strike_takes_no_place_from_the_rest_of_the_text(lang: str, text: str) -> None:
    events = extract(text, "2026-01-25", lang)
    assert [(e.kind, e.place.locality) for e in events] == [("strike", None)]


def test_the_town_a_march_heads_for_is_not_its_town() -> None:
    text = ("Marche blanche le dimanche 8 juin à 15h au départ de la place communale, "
            "en direction de La Hulpe.")
    assert [e.place.locality for e in extract(text, "2025-06-01", "fr")] == [None]


@pytest.mark.parametrize("lang, text", [
    ("fr", "Pour être hébergé, contactez la Plateforme Citoyenne de Soutien aux Réfugiés de "
           "Namur."),
    ("nl", "Voor opvang, bel het Platform Opvang Vluchtelingen van Leuven."),
    ("en", "For a bed, call the Refugee Support Platform of Leeds."),
])
def test_a_platform_is_an_organisation_not_a_town(lang: str, text: str) -> None:
    assert [c for c in locate.candidates(text, lang) if c.source == "locality"] == []


@pytest.mark.parametrize("lang, text", [
    ("fr", "Jusqu'à 13h, la CGT Paris 18 tient sa permanence."),
    ("nl", "Het ABVV Antwerpen verwacht veel volk."),
    ("en", "The RMT London branch backs the strike."),
])
def test_a_town_after_a_unions_initials_is_the_branchs_name(lang: str, text: str) -> None:
    assert [c for c in locate.candidates(text, lang) if c.source == "locality"] == []


@pytest.mark.parametrize("lang, text, name", [
    ("en", "Picnic on Sunday 30 November at noon.\nWhere: Maximilian Park, Brussels (near North "
           "Station)", "Maximilian Park"),
    ("fr", "Atelier le mercredi 3 décembre à 14h au square Riga, près de la gare de "
           "Schaerbeek.", "square Riga"),
    ("nl", "Picknick op zondag 30 november om 12 uur in het Rivierenhof, vlak bij het station "
           "Deurne.", "Rivierenhof"),
])
def test_a_landmark_named_to_find_the_place_is_not_the_place(lang: str, text: str,
                                                             name: str) -> None:
    assert [e.place.name for e in extract(text, "2025-11-24", lang)] == [name]


@pytest.mark.parametrize("lang, text, place", [
    ("nl", "Volgende zaterdag om 15 uur verzamelen we aan het station van Leuven voor een "
           "fietstocht naar het gesloten centrum van Steenokkerzeel.", ("station van Leuven",
                                                                        "Leuven")),
    ("fr", "Samedi 22 novembre à 14h, départ de la gare de Namur pour une marche vers le centre "
           "fermé de Vottem.", ("gare de Namur", "Namur")),
])
def test_a_station_named_after_its_town_is_in_that_town_not_where_the_march_heads(
        lang: str, text: str, place: tuple[str, str]) -> None:
    event = extract(text, "2025-11-17", lang)[0]
    assert (event.place.name, event.place.locality) == place


def test_a_venue_in_brackets_after_a_street_tells_where_the_street_is() -> None:
    text = ("À Paris, les rendez-vous de samedi 22 novembre :\n"
            "Les étudiants s'élanceront à 14h du boulevard Diderot (gare de Lyon).")
    event = extract(text, "2025-11-17", "fr")[0]
    assert event.place.locality == "Paris"


def test_the_town_buses_leave_from_is_not_the_events_town_even_on_its_line() -> None:
    text = ("Wij roepen iedereen op om op 6 december massaal aanwezig te zijn op de nationale "
            "betoging in Brussel. Vertrek om 11 uur aan het Noordstation. Vanuit Gent rijden "
            "er bussen: vertrek om 9u30 aan de Zuid.")
    event = extract(text, "2025-11-26", "nl")[0]
    assert (event.place.name, event.place.locality) == ("Noordstation", "Brussel")


def test_a_house_number_opening_its_line_is_the_streets() -> None:
    text = "Samedi 28 mars au Garcia Lorca\n47 rue des Foulons, 1000 Bruxelles\nPrix libre"
    (address,) = find_addresses(text, "fr")
    assert (address.street, address.postcode, address.locality) == (
        "47 rue des Foulons", "1000", "Bruxelles")


@pytest.mark.parametrize("lang, text, name, town", [
    ("fr", "MANIFESTATION NATIONALE\nMARDI 24 MARS 2026 — BRUXELLES\n\nRENDEZ-VOUS À 10H30 À LA "
           "GARE DU NORD", "Gare du Nord", "BRUXELLES"),
    ("nl", "NATIONALE BETOGING\nWOENSDAG 25 MAART 2026\nBRUSSEL\n\nVERZAMELEN OM 10U AAN HET "
           "STATION BRUSSEL-NOORD", "Station Brussel-Noord", "BRUSSEL"),
    ("en", "NATIONAL DEMONSTRATION\nSATURDAY 21 MARCH 2026\n\nASSEMBLE 12 NOON, PORTLAND PLACE, "
           "LONDON W1", "Portland Place", "LONDON"),
])
def test_lines_in_capitals_give_their_places(lang: str, text: str, name: str,
                                             town: str) -> None:
    event = extract(text, "2026-03-02", lang)[0]
    assert (event.place.name or event.place.street, event.place.locality.upper()) == (
        name, town)


def test_recasing_keeps_the_length_and_leaves_ordinary_lines() -> None:
    text = "Rendez-vous place Flagey\nRENDEZ-VOUS À 10H30 À LA GARE DU NORD"
    shadow = locate.uncapped(text, "fr")
    assert len(shadow) == len(text) and shadow.startswith("Rendez-vous place Flagey\n")
    assert shadow.endswith("à la Gare du Nord")


@pytest.mark.parametrize("lang, text, expected", [
    ("nl", "Stille wake voor het stadhuis, Stadhuisbrug 1, 3511 KP Utrecht.",
     ("Stadhuisbrug 1", "3511 KP", "Utrecht")),
    ("nl", "Lunchprotest aan het stadhuis van Mechelen, Grote Markt 21, 2800 Mechelen.",
     ("Grote Markt 21", "2800", "Mechelen")),
    ("en", "The Old Bakery, 14 Stokes Croft, Bristol BS1 3PR", ("14 Stokes Croft", "BS1 3PR",
                                                              "Bristol")),
    ("en", "Rally at Belfast City Hall, Donegall Square North, Belfast BT1 5GS.",
     ("Donegall Square North", "BT1 5GS", "Belfast")),
])
def test_more_street_shapes(lang: str, text: str, expected: tuple) -> None:
    addresses = [a for a in find_addresses(text, lang) if a.street]
    assert [(a.street, a.postcode, a.locality) for a in addresses] == [expected]


def test_a_building_on_its_square_is_named_with_it() -> None:
    text = ("Samedi 7 mars à 15h, rassemblement devant la maison communale de Schaerbeek, "
            "place Colignon, 1030 Schaerbeek.")
    event = extract(text, "2026-03-02", "fr")[0]
    assert event.place.name == "maison communale de Schaerbeek, place Colignon"


@pytest.mark.parametrize("text, towns", [
    ("Collectif des soignant·es de Verviers", []),
    ("la Coordination des sans-papiers de Belgique organise une marche", []),
    ("Rassemblement du Collectif devant la gare de Namur.", ["Namur"]),
])
def test_an_organisations_name_in_lower_case_words_still_holds_its_town(
        text: str, towns: list[str]) -> None:
    assert [text[m.start:m.end] for m in find_localities(text, "fr")] == towns


@pytest.mark.parametrize("lang, text, name", [
    ("fr", "Manifestation le samedi 15 mars à 14h, Porte de Hal, 1060 Saint-Gilles.",
     "Porte de Hal"),
    ("nl", "Piket vanaf 6u op dinsdag 17 maart aan de hoofdingang van het UZ Brussel, "
           "Laarbeeklaan 101, 1090 Jette.", "UZ Brussel"),
    ("en", "Lobby on Tuesday 14 April, 2pm, Central Lobby, Houses of Parliament, Westminster, "
           "London SW1A 0AA.", "Houses of Parliament"),
])
def test_the_name_written_before_an_address_is_the_venues(lang: str, text: str,
                                                          name: str) -> None:
    assert [e.place.name for e in extract(text, "2026-03-02", lang)] == [name]


def test_a_word_of_a_line_in_capitals_names_no_venue_alone() -> None:
    text = ("STAKINGSDAG IN DE ZORG – DINSDAG 17 MAART\n\nHet personeel legt op dinsdag 17 maart "
            "het werk neer.")
    assert [e.place.name for e in extract(text, "2026-03-02", "nl")] == [None]


@pytest.mark.parametrize("text, expected", [
    ("Solidarity rally: 1pm outside Leinster House, Kildare Street, Dublin 2, D02 X285.",
     ("Kildare Street", "D02 X285", "Dublin", "IE")),
    ("The Hive, 14 Capel Street, Dublin 1, D01 X2F4", ("14 Capel Street", "D01 X2F4", "Dublin",
                                                       "IE")),
])
def test_irish_eircodes(text: str, expected: tuple) -> None:
    (address,) = find_addresses(text, "en")
    assert (address.street, address.postcode, address.locality, address.country) == expected


def test_an_irish_call_is_read_in_dublin_time() -> None:
    text = ("Rally on Saturday 16 May 2026 at 1pm outside Leinster House, Kildare Street, "
            "Dublin 2, D02 X285.")
    event = extract(text, "2026-05-04", "en")[0]
    assert (event.timezone, event.start.isoformat()) == ("Europe/Dublin",
                                                         "2026-05-16T13:00:00+01:00")
