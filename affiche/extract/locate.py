"""Place candidates (addresses, venues, localities) and the choice of an event's place.

The finders live in `affiche.extract.places`; this module puts their results on one footing and
picks, for a set of anchor offsets, the nearest and richest candidate: an address beats a venue,
which beats a bare locality, and the same sentence beats the same paragraph.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from affiche.extract import cues
from affiche.extract import places as finders
from affiche.extract.placewords import alternation, compile_grammar, language_places
from affiche.extract.segment import Segmentation
from affiche.model import Place

__all__ = ["PlaceCandidate", "candidates", "choose", "candidates_in", "rank"]


@dataclass(frozen=True)
class Layout:
    """Where a text's lines begin, whether blank lines cut it into paragraphs, and where its
    first line (the headline) ends."""

    line_starts: tuple[int, ...]
    paragraph_starts: tuple[int, ...] | None
    headline_end: int
    text: str = field(repr=False)
    lang: str = ""

    @classmethod
    def of(cls, text: str, lang: str = "") -> Layout:
        """The layout of `text` (in language `lang`)."""
        lines = (0, *(m.end() for m in re.finditer(r"\n", text)))
        breaks = [m.end() for m in _BLANK_LINE.finditer(text)]
        first = re.search(r"\S[^\n]*", text)
        # a title, not a first sentence, speaks for the whole text
        titled = first is not None and first.group(0).rstrip()[-1:] not in ".!?"
        return cls(lines, (0, *breaks) if breaks else None,
                   first.end() if first and titled else 0, text, lang)

    def block(self, offset: int) -> int:
        """The paragraph of `offset`, or its line when the text has no blank lines: in a text
        written line by line each line is a paragraph of its own."""
        starts = self.paragraph_starts or self.line_starts
        return bisect.bisect_right(starts, offset) - 1

    def line(self, offset: int) -> int:
        """The line of `offset`."""
        return bisect.bisect_right(self.line_starts, offset) - 1

    def line_text(self, line: int) -> str:
        """The text of line number `line`, stripped."""
        starts = self.line_starts
        end = starts[line + 1] if line + 1 < len(starts) else len(self.text)
        return self.text[starts[line]:end].strip()


_BLANK_LINE = re.compile(r"\n[ \t\r]*\n|\f")


@dataclass
class PlaceCandidate:
    """A place found in the text, with its span and how it was found."""

    start: int
    end: int
    source: str
    place: Place = field(default_factory=Place)
    layout: Layout | None = field(default=None, repr=False, compare=False)
    cued: bool = False
    route_end: bool = False  # named right after "jusqu'au", "ending at": where a march ends
    origin: bool = False  # a town right after "vanuit", "coaches from": where people come from
    in_name: bool = False  # a town that names a station ("gare de Lyon" in Paris)
    landmark: bool = False  # "Maximilian Park (near North Station)": a landmark for the place
    pinned: bool = False  # on a line opened by a location pin ("📍 Civic Hall, …")
    dateline: bool = False  # a news dateline's town ("HALIFAX — The picket …"): the report's


def candidates(text: str, lang: str) -> list[PlaceCandidate]:
    """All place candidates of a text, in text order. Lines written in capitals ("RENDEZ-VOUS
    À 10H30 À LA GARE DU NORD") are read as if written in the usual case ("… à la Gare du
    Nord"): the finders tell names by their capitals."""
    return _candidates(uncapped(text, lang), lang, text)


def uncapped(text: str, lang: str) -> str:
    """`text` with its lines in capitals rewritten word by word, same length: small words
    (articles, connectors, locative cues) in lower case, the others capitalised."""
    if not _CAPS_LINE.search(text):
        return text
    small = compile_grammar(lang).cue_words | _common_words(lang)
    lines = []
    for line in text.split("\n"):
        letters = list(filter(str.isalpha, line))  # (filter and map: no Python-level loop)
        if len(letters) < _CAPS_LETTERS or sum(map(str.isupper, letters)) \
                < _CAPS_SHARE * len(letters):
            lines.append(line)
            continue
        lines.append(_WORD_PIECE.sub(lambda m: _recase(m.group(0), small), line))
    return "\n".join(lines)


@functools.cache
def _common_words(lang: str) -> frozenset[str]:
    """Words of the language's time and event data that are no place names ("samedi",
    "assemble", "noon"; not "Bruxelles"): written in lower case when a line in capitals is
    recased."""
    from affiche import lang as language_data
    from affiche.resolve import gazetteer

    data = language_data.load(lang)
    words = language_data.data_words
    common = words(data.get("time", {})) | words(data.get("events", {}))
    table = gazetteer.load()
    return frozenset(w for w in common - words(data.get("places", {}))
                     if table.mention(gazetteer.normalise(w)) is None)


def _recase(word: str, small: frozenset[str]) -> str:
    """One word of a line in capitals, in its usual case ("SAINT-LAMBERT" → "Saint-Lambert")."""
    lower = word.lower()
    if lower in small or len(word) <= 2 or not word[0].isalpha():
        return lower
    return "-".join(part[:1].upper() + part[1:] for part in lower.split("-"))


_CAPS_LINE = re.compile(r"[A-ZÀ-ÖØ-Þ]{3,}[^a-zß-öø-ÿ\n]{6,}")
_CAPS_LETTERS = 6  # letters a line needs before its case says anything
_CAPS_SHARE = 0.85  # of its letters in capitals for a line to be written in capitals
_WORD_PIECE = re.compile(r"[^\W_][\w'’\-]*")


def _candidates(text: str, lang: str, original: str) -> list[PlaceCandidate]:
    """The candidates of `candidates`, found in `text` (the recased `original`)."""
    found: list[PlaceCandidate] = []
    kinds = cues.cue_table(lang, "kinds")
    for address in finders.find_addresses(text, lang):
        if address.street and not address.postcode and not any(
                ch.isdigit() for ch in address.street) and any(
                pattern.fullmatch(address.street) for _, pattern in kinds):
            continue  # "Blokkade van de haven": a kind of event ending like a street ("kade")
        place = Place(name=address.name, street=address.street, postcode=address.postcode,
                      locality=address.locality, country=address.country)
        found.append(PlaceCandidate(address.start, address.end, "address", place))
    towns = finders.find_localities(text, lang)
    streets = compile_grammar(lang).street_before_words
    named_streets: list[tuple[int, int]] = []
    venues = finders.find_venues(text, lang)
    if text is not original:
        # a word of a line in capitals, recased, is a name only with another one or as a
        # square ("STAKINGSDAG IN DE ZORG" names no venue "Zorg"; "GARE DU NORD" and
        # "STATIONSPLEIN" do)
        squares = tuple(compile_grammar(lang).squares)
        venues = [v for v in venues if text[v.start:v.end] == original[v.start:v.end]
                  or len(v.name.split()) > 1 or v.name.lower().endswith(squares)]
    near = {w.casefold() for w in language_places(lang).get("landmark_cues", [])}
    # sorted spans looked up by bisection: a long text has thousands of each
    in_address = _within([(c.start, c.end) for c in found if c.source == "address"])
    in_town = _within([(t.start, t.end) for t in towns])
    for venue in venues:
        if venue.name.split()[0].lower().rstrip(".") in streets:
            named_streets.append((venue.start, venue.end))
        if not in_address(venue.start, venue.end) and not in_town(venue.start, venue.end):
            # "à Salzinnes (Namur)": a borough named with its town is no venue
            # "… Brussels (near North Station)": a place named near another one just before it
            landmark = (venue.cue or "").casefold() in near
            if landmark:
                before = [(c.start, c.end) for c in found if c.source != "locality"]
                before += [(v.start, v.end) for v in venues if v.end <= venue.start]
                landmark = any(0 <= venue.start - end < _LANDMARK_REACH
                               and "\n" not in text[end:venue.start] for _, end in before)
            found.append(PlaceCandidate(venue.start, venue.end, "venue", Place(name=venue.name),
                                        cued=venue.cue is not None and not landmark,
                                        landmark=landmark))
    stops = set(cues.events_data(lang)["transport"]["stop_words"])
    stations = [(v.start, v.end) for v in venues
                if stops & {w.lower() for w in re.findall(r"[^\W\d_]+", v.name)}]
    in_street, in_station = _covers(named_streets), _covers(stations)
    for town in towns:
        # a qualifying bracket ("Rouillé (86)") is already part of the mention; a town word
        # starting inside an address ("rue Pasteur (3e …)") is the street's
        if not in_address(town.start, town.start + 1) and not in_street(town.start):
            # "place de Barcelone", "rue de Namur": the town names the square, not its town
            found.append(PlaceCandidate(town.start, town.end, "locality",
                                        Place(locality=text[town.start:town.end],
                                              country=town.country),
                                        in_name=in_station(town.start)))
    found.sort(key=lambda c: c.start)
    found = _venue_names_told_short(text, found, lang)
    joined = _join_venue_addresses(text, found)
    layout = Layout.of(original, lang)
    for candidate in joined:
        candidate.layout = layout
        line_start = text.rfind("\n", 0, candidate.start) + 1
        candidate.pinned = text[line_start:candidate.start].lstrip().startswith(_PINS)
        candidate.dateline = candidate.source == "locality" and line_start == candidate.start \
            and original[candidate.start:candidate.end].isupper() \
            and _DATELINE.match(original, candidate.end) is not None
        if candidate.source == "venue" and not candidate.landmark and _bracketed_after_place(
                text, candidate, joined):
            # "boulevard Diderot (gare de Lyon)": the bracket tells where the place is
            candidate.landmark, candidate.cued = True, False
    _mark_route_ends(text, joined, lang)
    _mark_origins(text, joined, lang)
    return joined


def _mark_origins(text: str, found: list[PlaceCandidate], lang: str) -> None:
    """Mark the towns named right after an origin cue of the language (`origin`), and those
    listed after one ("coaches from Leeds and Sheffield")."""
    words = language_places(lang).get("origin_cues", [])
    if not words:
        return
    cue = cues.phrase_pattern(list(words))
    gap = _route_end_gap(lang)
    previous: PlaceCandidate | None = None
    for town in found:
        if town.source != "locality":
            continue
        before = text[max(0, town.start - _ROUTE_END_REACH):town.start]
        town.origin = any(gap.fullmatch(before[m.end():]) for m in cue.finditer(before)) or (
            previous is not None and previous.origin
            and _ROUTE_AND.fullmatch(text[previous.end:town.start]) is not None)
        previous = town


def _venue_names_told_short(text: str, found: list[PlaceCandidate],
                            lang: str) -> list[PlaceCandidate]:
    """A town-like name that the text also gives a square or venue ("place Saint-Servais",
    then "pique-nique à Saint-Servais") is that place told short, not the town so named."""
    grammar = compile_grammar(lang)
    typed = grammar.venue_first | grammar.squares | grammar.street_before_words
    short = set()
    for candidate in found:
        words = (candidate.place.name or "").split(" ", 1)
        if candidate.source == "venue" and len(words) == 2 and words[0].lower() in typed:
            short.add(words[1].casefold())
    if not short:
        return found
    result = []
    for candidate in found:
        surface = text[candidate.start:candidate.end]
        if candidate.source == "locality" and surface.casefold() in short and (
                _population(surface) < _NAMING_TOWN):
            # but "Universiteit Gent" ↵ "in Gent": a city's name names its places too
            cue = grammar.cue_before.search(text, max(0, candidate.start - 30), candidate.start)
            candidate = PlaceCandidate(candidate.start, candidate.end, "venue",
                                       Place(name=surface), cued=cue is not None)
        result.append(candidate)
    return result


_NAMING_TOWN = 100_000  # inhabitants from which a town's name in a venue's is the town


def _population(name: str) -> int:
    """The population of the best-known town called `name` (0 when unknown)."""
    from affiche.resolve import gazetteer

    entry = gazetteer.load().best(name)
    return entry.population if entry else 0


def _mark_route_ends(text: str, found: list[PlaceCandidate], lang: str) -> None:
    """Mark the places a march heads for or passes (`route_end`): named right after a
    route-end word ("jusqu'au parc", "par la rue Léopold"), listed after one ("… et le
    boulevard de la Liberté"), or the town inside such a venue."""
    route_end = cues.cue_pattern(lang, "route_end_places")
    closing = cues.cue_pattern(lang, "route_end_clauses")
    gap = _route_end_gap(lang)
    for candidate in found:
        # where the place's own words begin: its street, for a name joined to it ("centre
        # par la rue Léopold")
        street = candidate.place.street
        begins = text.find(street, candidate.start, candidate.end) \
            if candidate.source == "address" and street else -1
        begins = candidate.start if begins < 0 else begins
        before = text[max(0, begins - _ROUTE_END_REACH): begins]
        candidate.route_end = any(gap.fullmatch(before[m.end():])
                                  for m in route_end.finditer(before))
        if not candidate.route_end:
            # "… and finish with a rally at the square", "pour finir sur la place": a
            # clause that closes the march names where it ends, a few words on
            clause = text[max(0, begins - _CLOSING_REACH): begins]
            candidate.route_end = any(not _CLAUSE_BREAK.search(clause[m.end():])
                                      for m in closing.finditer(clause))
    previous: PlaceCandidate | None = None
    for candidate in found:
        if candidate.source == "locality":
            continue
        if not candidate.route_end and previous is not None and previous.route_end \
                and _ROUTE_AND.fullmatch(text[previous.end:candidate.start]):
            # "par la rue Faidherbe et le boulevard de la Liberté": the route goes on
            candidate.route_end = True
        previous = candidate
    for town in found:
        if town.source == "locality" and not town.route_end:
            # "naar het gesloten centrum van Steenokkerzeel": the town of where a march ends
            town.route_end = any(c.route_end and c.start <= town.start and town.end <= c.end
                                 for c in found if c.source == "venue")


def _bracketed_after_place(text: str, venue: PlaceCandidate,
                           found: list[PlaceCandidate]) -> bool:
    """True for a venue alone in brackets right after another venue or street."""
    opening = text.rfind("(", max(0, venue.start - 3), venue.start)
    if opening < 0 or text[opening + 1:venue.start].strip() or not text.startswith(
            ")", venue.end):
        return False
    return any(c.source != "locality" and c is not venue
               and 0 <= opening - c.end <= 2 for c in found)


_ROUTE_END_REACH = 30  # characters between a route-end word and its place
_CLOSING_REACH = 50  # characters between a clause closing a march and the place it ends at
_CLAUSE_BREAK = re.compile(r"[,;.!?\n]")
_PINS = ("📍", "📌", "🗺")  # emojis that open a post's line telling where
# a news dateline's dash after its town ("HALIFAX — ", "HOBART, Tas. – ")
_DATELINE = re.compile(r"[ \t]*(?:,[ \t]*[A-Z][\w.]*[ \t]*)?(?:—|–|--?)[ \t]")
# what joins two places of one route: a comma or "and" in the three languages, an article
_ROUTE_AND = re.compile(r"\s*(?:,|et|en|and|&)\s*(?:[^\W\d_]{1,3}['’]?\s*)?")
_LANDMARK_REACH = 60  # characters between a place and a landmark named to find it


@functools.cache
def _route_end_gap(lang: str) -> re.Pattern[str]:
    """What may stand between a route-end word and its place: an article or a genitive of the
    language ("jusqu'à la place", "ending at the square")."""
    data = language_places(lang)
    words = alternation(list(data.get("articles", [])) + list(data.get("genitives", [])))
    return re.compile(rf"\s*(?:(?:{words})\s*)?" if words else r"\s*")


_GAP = re.compile(r"[\w]{0,4}[\s,:(\-–—]*")


def _join_venue_addresses(text: str, found: list[PlaceCandidate]) -> list[PlaceCandidate]:
    """A venue followed at once by an address ("Centre X (rue Y 3, 1000 Z)") becomes one
    address candidate named after the venue."""
    joined: list[PlaceCandidate] = []
    for candidate in found:
        previous = joined[-1] if joined else None
        if (previous is not None and previous.source == "venue" and candidate.source == "address"
                and not candidate.place.name
                and _GAP.fullmatch(text[previous.end:candidate.start])):
            place = Place(**vars(candidate.place))
            place.name = previous.place.name
            joined[-1] = PlaceCandidate(previous.start, candidate.end, "address", place,
                                        candidate.layout)
        else:
            joined.append(candidate)
    return joined


def _within(spans: list[tuple[int, int]]) -> Callable[[int, int], bool]:
    """A test of whether [start, end) lies within one of `spans`, in log time."""
    ordered = sorted(spans)
    starts = [a for a, _ in ordered]
    reach: list[int] = []  # the furthest end of the spans starting at or before each one
    for _, b in ordered:
        reach.append(max(b, reach[-1]) if reach else b)

    def within(start: int, end: int) -> bool:
        index = bisect.bisect_right(starts, start) - 1
        return index >= 0 and end <= reach[index]
    return within


def _covers(spans: list[tuple[int, int]]) -> Callable[[int], bool]:
    """A test of whether an offset lies in one of `spans`, in log time (merged, sorted)."""
    merged: list[list[int]] = []
    for a, b in sorted(s for s in spans if s[0] < s[1]):
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    starts = [a for a, _ in merged]

    def covered(offset: int) -> bool:
        index = bisect.bisect_right(starts, offset) - 1
        return index >= 0 and offset < merged[index][1]
    return covered


def candidates_in(found: list[PlaceCandidate], start: int, end: int) -> list[PlaceCandidate]:
    """The candidates whose span lies within [start, end)."""
    return [c for c in found if start <= c.start and c.end <= end]


def choose(found: list[PlaceCandidate], anchors: list[int], segments: Segmentation,
           excluded: list[tuple[int, int]], away: list[tuple[int, int]] | None = None,
           claimed: list[tuple[int, int]] | None = None,
           towns: list[PlaceCandidate] | None = None,
           ) -> tuple[Place, tuple[int, int] | None]:
    """The event's place near `anchors` (see `placechoice.choose`)."""
    from affiche.extract import placechoice

    return placechoice.choose(found, anchors, segments, excluded, away, claimed, towns)


def rank(found: list[PlaceCandidate], anchors: list[int], segments: Segmentation,
         ) -> list[tuple[float, PlaceCandidate]]:
    """The candidates with the score `choose` gives them, best first (for `--explain`)."""
    from affiche.extract import placechoice

    return placechoice.rank(found, anchors, segments)

