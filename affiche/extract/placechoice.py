"""Choosing the event's place among the text's place candidates: scored by closeness to the
event's own sentences and richness (an address over a venue over a town), completed with a
venue name, an address and a town, never a meeting point's, a stop's or another event's."""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable

from affiche.extract import places as finders
from affiche.extract.locate import Layout, PlaceCandidate, _covers
from affiche.extract.placewords import compile_grammar
from affiche.extract.scoring import Score, score, total
from affiche.extract.segment import Segmentation
from affiche.model import Place

__all__ = ["choose", "rank", "place_score", "rival_town"]


# a bare town says less than a venue one sentence away (the town completes the venue anyway)
_BOROUGH_AFTER = re.compile(r"[ \t]*\((\d{1,2}(?:e|er|ème|de|ste|th|st|nd|rd)\b[^()\n]{0,20})\)")


def choose(found: list[PlaceCandidate], anchors: list[int], segments: Segmentation,
           excluded: list[tuple[int, int]], away: list[tuple[int, int]] | None = None,
           claimed: list[tuple[int, int]] | None = None,
           towns: list[PlaceCandidate] | None = None,
           ) -> tuple[Place, tuple[int, int] | None]:
    """The event's place near `anchors`, completed with a locality; spans in `excluded` are
    meeting points or transport, never the action site, the towns of `away` (group
    departures, trains) name where people come from, and the addresses of `claimed` (the
    other events' sentences) are those events' own; the town is looked for among `towns`
    (default `found`)."""
    # a meeting sentence that holds every anchor is the event's own sentence
    excluded = [(a, b) for a, b in excluded if not (anchors and all(a <= x < b for x in anchors))]
    covered = _covers(excluded)  # one lookup per candidate: a long text has many events
    usable = [c for c in found if not covered(c.start)  # nor where a march ends or
              and not (c.source == "locality" and (c.route_end or c.origin))]  # buses leave
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
        # "Pour Namur – vendredi 2 mai" under this place: the town of another event's own
        # sentence is that event's
        found = towns if towns is not None else found
        theirs = [(c.start, c.end) for c in found if (c.source == "address" and in_claimed(
            c.start)) or (c.source == "locality" and c.start > mention.end
                          and _heads_claimed(c, in_claimed))]
        town = _nearest_locality(found, mention, segments, (away or []) + theirs)
        if town is not None:
            place.locality, place.country = town.place.locality, place.country or town.place.country
            borough = _BOROUGH_AFTER.match(best.layout.text, span[1]) if best.layout else None
            if borough and "(" not in place.locality:
                # "14 avenue Duquesne (7e arrondissement)": the borough belongs to the town
                place.locality = f"{place.locality} ({borough.group(1)})"
    return place, span


def _heads_claimed(town: PlaceCandidate, in_claimed: Callable[[int], bool]) -> bool:
    """True when the town's line, or the line right under it, is another event's own
    ("Pour Namur – vendredi 2 mai" ↵ "Quand : dès 11h30")."""
    if in_claimed(town.start):
        return True
    text = town.layout.text if town.layout is not None else ""
    end = text.find("\n", town.end)
    if end < 0:
        return False
    below = text[end + 1:end + 1 + _BELOW_REACH]
    return bool(below.strip()) and in_claimed(end + 1 + len(below) - len(below.lstrip()))


_BELOW_REACH = 200  # characters looked at for the first word of the line below a town


def rival_town(found: list[PlaceCandidate], anchors: list[int], segments: Segmentation,
               excluded: list[tuple[int, int]], place: Place,
               ) -> tuple[float, PlaceCandidate] | None:
    """The best candidate of another town than `place`'s, with how far its score falls
    short of the best candidate's (for an `ambiguous_place` warning), or None."""
    if not place.locality:
        return None
    covered = _covers([(a, b) for a, b in excluded
                       if not (anchors and all(a <= x < b for x in anchors))])
    usable = [c for c in found if not covered(c.start) and not c.route_end]
    own = place.locality.casefold()
    if not any(c.place.locality and c.place.locality.casefold() != own for c in usable):
        return None  # one town only: nothing to weigh
    units = _anchor_units(anchors, segments)
    top = float("-inf")
    rival: tuple[float, PlaceCandidate] | None = None
    for candidate in usable:  # one pass, as `choose` makes: linear in the candidates
        value = _score(candidate, anchors, segments, units)
        top = max(top, value)
        town = (candidate.place.locality or "").casefold()
        if town and town != own and own not in town and town not in own \
                and (rival is None or value > rival[0]):
            rival = (value, candidate)
    return None if rival is None else (top - rival[0], rival[1])


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
    """The total of the `place_of` score (`place_score`), computed without contributions."""
    return total("place_of", _place_features(candidate, anchors, segments, units))


def place_score(candidate: PlaceCandidate, anchors: list[int], segments: Segmentation,
                units: list[int] | None = None) -> Score:
    """The scored `place_of` decision: higher for richer candidates close to an anchor, in
    the same unit or paragraph (weights in weights.toml)."""
    return score("place_of", _place_features(candidate, anchors, segments, units),
                 subject=candidate.layout.text[candidate.start:candidate.end]
                 if candidate.layout is not None else "")


def _place_features(candidate: PlaceCandidate, anchors: list[int], segments: Segmentation,
                    units: list[int] | None = None) -> dict[str, float]:
    """The features of the `place_of` score of one candidate."""
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
        closeness = _SAME_UNIT if distance == 0 else (
            _SAME_PARAGRAPH / distance if same_paragraph else _ELSEWHERE / distance)
        if unit_index > anchor_index:
            closeness += _BELOW  # a date heading is followed by its place ("SAMEDI 21/10" ↵ venue)
        best = max(best, closeness)
    source = candidate.source
    # a street without number or postcode is less than a named venue, whatever its cues
    bare = source == "address" and not any(ch.isdigit() for ch in (candidate.place.street or "")) \
        and not candidate.place.postcode
    cued = 0.0 if bare else 1.0
    # a venue or address with its town says more; a bare town says more than a venue of
    # another sentence only in the event's own sentence ("Billom – 11 h devant …")
    completed = bool(candidate.place.locality) and (source != "locality" or best >= _SAME_UNIT)
    found = {
        "closeness": best,
        "address": float(source == "address" and not bare), "bare_street": float(bare),
        "venue": float(source == "venue"), "locality": float(source == "locality"),
        "cued": cued * candidate.cued, "route_end": cued * candidate.route_end,
        "landmark": cued * candidate.landmark, "pinned": cued * candidate.pinned,
        "completed": float(completed),
    }
    return found


# closeness to the nearest anchor: in its sentence, in its paragraph (over the distance in
# sentences), elsewhere, and a bonus below it
_SAME_UNIT, _SAME_PARAGRAPH, _ELSEWHERE, _BELOW = 3.0, 1.5, 0.5, 0.1


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
    # a town people come from ("Vanuit Gent vertrekt een bus") counts only beside the place
    elsewhere = {id(c) for c in towns if away_at(c.start) or c.origin}
    counts = Counter((c.place.locality or "").casefold() for c in towns
                     if id(c) not in elsewhere).most_common(2)
    dominant = counts[0][0] if len(counts) == 1 or (
        len(counts) > 1 and counts[0][1] > counts[1][1]) else None
    heading = _heading_town(towns, best, layout)

    def relation(c: PlaceCandidate) -> str | None:
        """How the town stands to the place (the first that holds), None when it is about
        something else."""
        index = segments.index_at(c.start)
        if c.in_name:
            # "gare de Lyon" names a station, whose town a heading ("À Paris, …") or the text
            # tells better; the station's own name still beats the headline ("station van
            # Leuven" is in Leuven)
            return "station_own" if best.start <= c.start < best.end else "station"
        if index == unit:
            return "same_sentence"
        if id(c) in elsewhere:
            return None  # beside the place only: not even on its line ("Vanuit Gent … bussen")
        if layout.line(c.start) == line:
            return "same_line"
        if layout.block(c.start) == block:
            return "same_paragraph"
        if index in again:
            return "named_again"
        if c is heading:
            return "heading"
        if c.start < layout.headline_end or c.dateline:
            return "headline"  # the headline's town, or a news report's dateline ("HALIFAX — …")
        # a text naming one town more often than any other is about that town
        return "named_most" if (c.place.locality or "").casefold() == dominant else None

    size = max(1, len(layout.text))
    ranked = []
    for c in towns:
        kind = relation(c)
        if kind is not None:
            features = {kind: 1.0, "distance": abs(c.start - best.start) / size}
            ranked.append((total("town_of", features), -c.start, c))
    return max(ranked, key=lambda r: r[:2])[2] if ranked else None


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
