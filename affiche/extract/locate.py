"""Place candidates (addresses, venues, localities) and the choice of an event's place.

The finders live in `affiche.extract.places`; this module puts their results on one footing and
picks, for a set of anchor offsets, the nearest and richest candidate: an address beats a venue,
which beats a bare locality, and the same sentence beats the same paragraph.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from affiche.extract import cues
from affiche.extract import places as finders
from affiche.extract.placewords import alternation, compile_grammar, language_places
from affiche.extract.segment import Segmentation
from affiche.model import Place

__all__ = ["PlaceCandidate", "candidates", "choose", "candidates_in", "rank"]

# a bare town says less than a venue one sentence away (the town completes the venue anyway)
_RICHNESS = {"address": 3.0, "venue": 2.0, "locality": 0.5}


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
    in_name: bool = False  # a town that names a station ("gare de Lyon" in Paris)
    landmark: bool = False  # "Maximilian Park (near North Station)": a landmark for the place
    pinned: bool = False  # on a line opened by a location pin ("📍 Civic Hall, …")


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
        letters = [ch for ch in line if ch.isalpha()]
        if len(letters) < _CAPS_LETTERS or sum(ch.isupper() for ch in letters) \
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
    joined = _join_venue_addresses(text, found)
    layout = Layout.of(original, lang)
    for candidate in joined:
        candidate.layout = layout
        line_start = text.rfind("\n", 0, candidate.start) + 1
        candidate.pinned = text[line_start:candidate.start].lstrip().startswith(_PINS)
        if candidate.source == "venue" and not candidate.landmark and _bracketed_after_place(
                text, candidate, joined):
            # "boulevard Diderot (gare de Lyon)": the bracket tells where the place is
            candidate.landmark, candidate.cued = True, False
    _mark_route_ends(text, joined, lang)
    return joined


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


_BOROUGH_AFTER = re.compile(r"[ \t]*\((\d{1,2}(?:e|er|ème|de|ste|th|st|nd|rd)\b[^()\n]{0,20})\)")
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
           ) -> tuple[Place, tuple[int, int] | None]:
    """The event's place near `anchors`, completed with a locality; spans in `excluded` are
    meeting points or transport, never the action site, the towns of `away` (group
    departures, trains) name where people come from, and the addresses of `claimed` (the
    other events' sentences) are those events' own."""
    # a meeting sentence that holds every anchor is the event's own sentence
    excluded = [(a, b) for a, b in excluded if not (anchors and all(a <= x < b for x in anchors))]
    covered = _covers(excluded)  # one lookup per candidate: a long text has many events
    usable = [c for c in found if not covered(c.start)
              and not (c.source == "locality" and c.route_end)]  # where a march ends
    if not usable:
        return Place(), None
    units = _anchor_units(anchors, segments)
    best = max(usable, key=lambda c: _score(c, anchors, segments, units))
    if best.source == "locality":
        best = _venue_in_town(usable, best, anchors, segments) or best
    # the town is looked for around the event's own mention, not the antecedent's
    mention, best = best, _antecedent(usable, best) or best
    place = Place(**{k: v for k, v in vars(best.place).items()})
    span = (best.start, best.end)
    if best.source == "address" and (not place.name or not place.street):
        venue = _adjacent_venue(usable, best, segments)
        named = _name_before_address(best) if venue is None and not place.name else None
        if named is not None:
            # "…, Porte de Hal, 1060 Saint-Gilles", "het UZ Brussel, Laarbeeklaan 101": the
            # name written before the address line is the venue's
            place.name, span = named[0], (named[1], span[1])
        if venue is not None and not place.name:
            place.name = venue.place.name
            span = (min(span[0], venue.start), max(span[1], venue.end))
        elif venue is not None and best.layout is not None \
                and best.layout.text[venue.end:best.start].strip() == ",":
            # "devant la maison communale de Schaerbeek, place Colignon, 1030 Schaerbeek":
            # the building on its square, named together
            place.name = f"{venue.place.name}, {place.name}"
            span = (min(span[0], venue.start), max(span[1], venue.end))
    elif best.source == "venue":
        address = _adjacent_address(usable, best, segments) or _same_name_address(usable, best)
        if address is not None:
            place = Place(**{k: v for k, v in vars(address.place).items()})
            place.name = best.place.name
            span = (min(span[0], address.start), max(span[1], address.end))
    if not place.locality:
        # a town is a town even when named in a meeting sentence ("devant la gare à Bruxelles")
        # "… qui se trouve au 100 bvd du général Leclerc, à Clichy": another event's address
        in_claimed = _covers(claimed or [])
        theirs = [(c.start, c.end) for c in found if c.source == "address"
                  and in_claimed(c.start)]
        town = _nearest_locality(found, mention, segments, (away or []) + theirs)
        if town is not None:
            place.locality, place.country = town.place.locality, place.country or town.place.country
            borough = _BOROUGH_AFTER.match(best.layout.text, span[1]) if best.layout else None
            if borough and "(" not in place.locality:
                # "14 avenue Duquesne (7e arrondissement)": the borough belongs to the town
                place.locality = f"{place.locality} ({borough.group(1)})"
    return place, span


def rank(found: list[PlaceCandidate], anchors: list[int], segments: Segmentation,
         ) -> list[tuple[float, PlaceCandidate]]:
    """The candidates with the score `choose` gives them, best first (for `--explain`)."""
    units = _anchor_units(anchors, segments)
    scored = [(_score(c, anchors, segments, units), c) for c in found]
    return sorted(scored, key=lambda pair: -pair[0])


def _anchor_units(anchors: list[int], segments: Segmentation) -> list[int]:
    """The sorted unit indices of `anchors` (of offset 0 when there is none)."""
    return sorted({segments.index_at(anchor) for anchor in anchors or [0]})


def _score(candidate: PlaceCandidate, anchors: list[int], segments: Segmentation,
           units: list[int] | None = None) -> float:
    """Higher for richer candidates close to an anchor, in the same unit or paragraph."""
    unit_index = segments.index_at(candidate.start)
    paragraph = segments.units[unit_index].paragraph
    best = 0.0
    units = units if units is not None else _anchor_units(anchors, segments)
    # the closest anchor is the nearest one before or after: paragraphs are runs of units, so
    # a further anchor is never in the paragraph when the nearer one is not
    at = bisect.bisect_left(units, unit_index)
    for anchor_index in units[max(0, at - 1):at + 1]:
        distance = abs(unit_index - anchor_index)
        same_paragraph = segments.units[anchor_index].paragraph == paragraph
        closeness = 3.0 if distance == 0 else (1.5 / distance if same_paragraph else 0.5 / distance)
        if unit_index > anchor_index:
            closeness += 0.1  # a date heading is followed by its place ("SAMEDI 21/10" ↵ venue)
        best = max(best, closeness)
    richness = _RICHNESS[candidate.source]
    if candidate.cued:
        richness += 0.25  # "aux halles de X" is said to be the place; a bare name may be a topic
    if candidate.route_end:
        richness -= 0.5  # "de la gare du Nord jusqu'au parc": the march gathers at the first
    if candidate.landmark:
        richness -= 0.5  # "Maximilian Park (near North Station)": the park is the place
    if candidate.pinned:
        richness += 2.0  # "📍 Civic Hall, Calverley Street": the post says where
    if candidate.source == "address" and not any(ch.isdigit() for ch in
                                                 (candidate.place.street or "")) \
            and not candidate.place.postcode:
        richness = 1.5  # a street without number or postcode is less than a named venue
    # a venue or address with its town says more; a bare town says more than a venue of
    # another sentence only in the event's own sentence ("Billom – 11 h devant …")
    completed = bool(candidate.place.locality) and (candidate.source != "locality"
                                                    or best >= 3.0)
    return best + richness + (0.5 if completed else 0.0)


_NAME_CHUNK = re.compile(
    r"(?:^|(?<=[\s,;:(]))((?:[A-ZÀ-ÖØ-Þ][\w'’\-.]*|[a-zà-ÿ]{1,3}['’]?)"
    r"(?:[ \t]+(?:[A-ZÀ-ÖØ-Þ][\w'’\-.]*|[a-zà-ÿ]{1,3}['’]?)){0,5}),[ \t]*$")


def _name_before_address(address: PlaceCandidate) -> tuple[str, int] | None:
    """The capitalised name (and its start) written right before an address, joined by a
    comma, when it is no town, date or time ("Central Lobby, Houses of Parliament, …")."""
    layout = address.layout
    if layout is None or not layout.lang:
        return None
    text, lang = layout.text, layout.lang
    window = text[max(0, address.start - 80):address.start]
    found = _NAME_CHUNK.search(window)
    for _ in range(_NAME_CHUNKS):
        # "Central Lobby, Houses of Parliament, Westminster, London": past the borough
        if found is None or not _a_town(found.group(1), lang):
            break
        window = window[:found.start(1)]
        found = _NAME_CHUNK.search(window)
    if not found:
        return None
    name = found.group(1)
    words = name.split()
    grammar = compile_grammar(lang)
    small = grammar.cue_words
    while words and (words[0].lower() in small or not words[0][:1].isupper()):
        words.pop(0)  # "het UZ Brussel": the article is no part of the name
    if not words or not words[0][:1].isupper() or any(ch.isdigit() for ch in name) \
            or any(w.lower().rstrip(".,") in grammar.time_words for w in words) \
            or _a_town(" ".join(words), lang):
        return None
    kept = " ".join(words)
    return kept, address.start - len(window) + found.start(1) + found.group(1).find(words[0])


_NAME_CHUNKS = 2  # towns and boroughs skipped back from an address to find its venue's name


def _a_town(name: str, lang: str) -> bool:
    """True when `name` is one town of the gazetteer and nothing more."""
    towns = finders.find_localities(name, lang)
    return len(towns) == 1 and towns[0].start == 0 and towns[0].end == len(name)


def _adjacent_venue(found: list[PlaceCandidate], address: PlaceCandidate,
                    segments: Segmentation) -> PlaceCandidate | None:
    """A venue in the same or previous unit just before an address ("Centre X, rue Y 3")."""
    index = segments.index_at(address.start)
    venues = [c for c in found if c.source == "venue" and c.end <= address.start
              and index - 1 <= segments.index_at(c.start) <= index
              and address.start - c.end < 80]
    return venues[-1] if venues else None


def _adjacent_address(found: list[PlaceCandidate], venue: PlaceCandidate,
                      segments: Segmentation) -> PlaceCandidate | None:
    """An address right after a venue, in its unit or the next ("devant X (rue Y 3, 1000 Z)")."""
    index = segments.index_at(venue.start)
    addresses = [c for c in found if c.source == "address" and c.start >= venue.end
                 and index <= segments.index_at(c.start) <= index + 1
                 and c.start - venue.end < 80 and not c.route_end]  # not "par la rue X"
    return addresses[0] if addresses else None


def _venue_in_town(found: list[PlaceCandidate], town: PlaceCandidate, anchors: list[int],
                   segments: Segmentation) -> PlaceCandidate | None:
    """A venue or address near the event in the town chosen ("… door Brussel" then "starten
    aan het Noordstation"): the town completes it. A venue whose own sentence names another
    town is that town's ("- Billom – 11 h …" ↵ "- Clermont – 14 h au CHU")."""
    units = {segments.index_at(a) for a in anchors or [0]}
    paragraphs = {segments.units[u].paragraph for u in units}
    name = (town.place.locality or "").casefold()
    near = []
    for c in found:
        if c.source == "locality":
            continue
        index = segments.index_at(c.start)
        if segments.units[index].paragraph not in paragraphs \
                or min(abs(index - u) for u in units) > 2:
            continue
        others = {(o.place.locality or "").casefold() for o in found
                  if o.place.locality and segments.index_at(o.start) == index}
        if (c.place.locality or "").casefold() not in ("", name) or others - {name}:
            continue
        near.append(c)
    return max(near, key=lambda c: _score(c, anchors, segments)) if near else None


def _antecedent(found: list[PlaceCandidate], venue: PlaceCandidate) -> PlaceCandidate | None:
    """The named venue that a bare venue word refers to ("en face de la Cathédrale" after
    "St. Paul's Cathedral"): the nearest venue holding the same word, in any language."""
    if venue.source != "venue" or not venue.place.name:
        return None
    words = venue.place.name.split()
    if len(words) != 1 or len(words[0]) < 4:
        return None
    word = finders.fold(words[0])
    named = [c for c in found if c.source == "venue" and c is not venue and c.place.name
             and len(c.place.name.split()) > 1
             and any(_same_word(word, finders.fold(w)) for w in c.place.name.split())]
    return min(named, key=lambda c: abs(c.start - venue.start)) if named else None


def _same_word(a: str, b: str) -> bool:
    """The same word, or its neighbour language's spelling ("cathedral", "cathédrale")."""
    shorter, longer = sorted((a, b), key=len)
    return longer.startswith(shorter) and len(longer) - len(shorter) <= 2 \
        and len(shorter) >= (4 if shorter == longer else 6)


def _same_name_address(found: list[PlaceCandidate],
                       venue: PlaceCandidate) -> PlaceCandidate | None:
    """The address given elsewhere to the same venue ("… la place X …" then "Sur la place X,
    69007"): the venue is one place however often it is named."""
    name = (venue.place.name or "").casefold()
    same = [c for c in found if c.source == "address" and name
            and name in ((c.place.name or "").casefold(), (c.place.street or "").casefold())]
    return min(same, key=lambda c: abs(c.start - venue.start)) if same else None


def _nearest_locality(found: list[PlaceCandidate], best: PlaceCandidate,
                      segments: Segmentation,
                      away: list[tuple[int, int]] | None = None) -> PlaceCandidate | None:
    """The locality nearest to `best`, preferring its own unit, then its line, then its paragraph,
    then the headline; a town named elsewhere is about something else ("the refugees of
    Brussels", a band "from Lille"), not the event's place, and a town where people come from
    (`away`) counts only beside the place ("Départ groupé depuis Liège : train de 11h32")."""
    # "en direction de la Salpêtrière": where a march ends is not where it is
    towns = [c for c in found if c.place.locality and c is not best
             and not (c.source == "locality" and c.route_end)]
    layout = best.layout
    if not towns or layout is None:
        return None
    unit = segments.index_at(best.start)
    line, block = layout.line(best.start), layout.block(best.start)
    # the same venue named again beside its town ("… voor het centrum 127bis te Steenokkerzeel")
    name = (best.place.name or "").casefold()
    again = {segments.index_at(c.start) for c in found
             if name and c is not best and (c.place.name or "").casefold() == name}
    away_at = _covers(away or [])
    elsewhere = {id(c) for c in towns if away_at(c.start)}
    counts = Counter((c.place.locality or "").casefold() for c in towns
                     if id(c) not in elsewhere).most_common(2)
    dominant = counts[0][0] if len(counts) == 1 or (
        len(counts) > 1 and counts[0][1] > counts[1][1]) else None
    heading = _heading_town(towns, best, layout)

    def level(c: PlaceCandidate) -> float:
        index = segments.index_at(c.start)
        if c.in_name:
            # "gare de Lyon" names a station, whose town a heading ("À Paris, …") or the text
            # tells better; the station's own name still beats the headline ("station van
            # Leuven" is in Leuven)
            return 4.5 if best.start <= c.start < best.end else 6
        if index == unit:
            return 0
        if id(c) in elsewhere:
            return 7  # beside the place only: not even on its line ("Vanuit Gent … bussen")
        if layout.line(c.start) == line:
            return 1
        if layout.block(c.start) == block:
            return 2
        if index in again:
            return 3
        if c is heading:
            return 4
        if c.start < layout.headline_end:
            return 5
        # a text naming one town more often than any other is about that town
        return 6 if (c.place.locality or "").casefold() == dominant else 7

    ranked = [(level(c), abs(c.start - best.start), c) for c in towns]
    ranked = [r for r in ranked if r[0] < 7]
    return min(ranked, key=lambda r: r[:2])[2] if ranked else None


def _heading_town(towns: list[PlaceCandidate], best: PlaceCandidate,
                  layout: Layout) -> PlaceCandidate | None:
    """The last town before `best` when it stands on a heading line ("Rendez-vous à PARIS",
    "À Paris, les rendez-vous :"), which introduces the lines after it."""
    before = [c for c in towns if c.end <= best.start and not c.in_name]
    if not before:
        return None
    town = before[-1]
    line = layout.line(town.start)
    if line == layout.line(best.start):
        return None
    words = layout.line_text(line)
    # a heading is short and unfinished, or announces what follows with a colon
    return town if words.endswith(":") or (len(words) <= 60 and words[-1:] not in ".!?") \
        else None
