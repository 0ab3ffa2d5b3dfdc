"""Where: street addresses, venue names and town names in running text (FR, NL, EN).

Three finders, each returning spans with the text's own wording (no normalisation):
  - `find_addresses`: "12 rue de la Loi, 1000 Bruxelles", "Kerkstraat 5 bus 2, 9000 Gent",
    "75001 Paris", "1012 AB Amsterdam", "CH-1204 Genève", "Portland Place, London W1A 1AA";
  - `find_venues`: landmarks introduced by a locative cue or a venue word ("devant le centre
    fermé 127bis", "aan het Noordstation", "gare du Midi", "outside the Town Hall"), or written
    without one on an agenda line under a date or in a bracket after a time; what makes a name
    read right (and what is no venue) is in `affiche.extract.venuenames`;
  - `find_localities`: towns of the offline gazetteer, in both languages of bilingual places.

Street types, locative cues, venue words and the capitalised words that are not towns come from
the `[places]` tables of the language files; street forms of every language are tried on every
text, because a Dutch call from Brussels writes "Rue Haute" and an English one "rue des moines".
Hand-written rules rather than a statistical tagger: no Dutch model ships on PyPI (see
../shared/notes/feasibility.md) and house numbers and postcodes need rules anyway.
"""

from __future__ import annotations

import bisect
import functools
import re

from affiche.extract.addresses import find_addresses
from affiche.extract.placewords import (
    GAP,
    GLUED_HEAD,
    WORD,
    Address,
    Grammar,
    LocalityMention,
    Venue,
    capitalised,
    compile_grammar,
    merged_lower,
    name_head,
    name_start_before,
    preceding_cue,
    scan_name,
    town_qualifier,
    words_of,
)
from affiche.extract.townchecks import (
    _borough_start,
    _metro_stop,
    _multiword_starts,
    _municipalities,
    _name_words,
    _organisation_town,
    _plausible_town,
    dedication,
    fold,
    qualifier_end,
    town_in_context,
)
from affiche.extract.venuenames import (
    TIMED_BRACKET,
    agenda_lines,
    joined,
    language_places_list,
    not_a_venue,
    shouted,
    with_expansion,
    without_town,
)
from affiche.resolve import gazetteer

__all__ = [
    "Address",
    "LocalityMention",
    "Venue",
    "find_addresses",
    "fold",
    "find_localities",
    "find_venues",
]

# Platforms that follow "on"/"sur"/"op" like places but are not ones.
_NOT_VENUES = tuple({"facebook", "twitter", "instagram", "youtube", "internet", "google",
                         "telegram", "whatsapp", "signal", "mastodon", "tiktok", "zoom",
                     "uncategorized", "uncategorised", "non classé"})
_WEB_SUFFIX = re.compile(r"\.(?:[a-z]{2,6})(?:[/\w.\-]*)(?![\w@])")


# ---- localities ----

# the capital is read first, then what stands before it is looked at: the engine then jumps
# from one capital to the next instead of testing the look-behind at every character
_CAPITAL_WORD = re.compile(r"[A-ZÀ-ÖØ-Þ](?<![\w\-'’].)[^\W\d_]*(?:[\-‐][^\W\d_]+)*"
                           r"(?:['’][^\W\d_]+)*")
_BRACKET = re.compile(r" \(([^()\n]{1,28})\)")


def find_localities(text: str, lang: str) -> list[LocalityMention]:
    """Towns of the gazetteer named in `text` (capitalised; common words excluded), in order."""
    if not text:
        return []
    grammar = compile_grammar(lang)
    table = gazetteer.load()
    starts = _multiword_starts()
    found: list[LocalityMention] = []
    resume = 0
    for first in _CAPITAL_WORD.finditer(text):
        if first.start() < resume:
            continue
        token = first.group(0)
        if token.isupper() and len(token) < 4:
            continue  # acronyms: "ULB", "CGT"
        chunk = [first]
        if gazetteer.normalise(token) in starts:
            while len(chunk) < 4 and text.startswith(" ", chunk[-1].end()):
                following = WORD.match(text, chunk[-1].end() + 1)
                if following is None:
                    break
                chunk.append(following)
        best = None
        sure = False
        for size in range(len(chunk), 0, -1):
            if size > 1 and not _name_words(chunk[1:size], grammar):
                continue  # "Le syndicat", "Le passage": a town name's later words are capitalised
            surface = text[first.start():chunk[size - 1].end()]
            if surface.casefold() in grammar.stopwords or (
                    size == 1 and surface.lower() in grammar.not_towns):
                continue
            if surface.casefold() in grammar.countries and not _own_name(surface, table):
                continue  # "trade between Canada and Mexico": the country, not its capital
            entry = table.mention(gazetteer.normalise(surface))
            if entry is None or text[chunk[size - 1].end():chunk[size - 1].end() + 1] in ", ":
                # "Lake Placid, NY", "in Winamac": a town too small to spot alone, told as one;
                # "Rochester, NY", "Canberra ACT": the state names the namesake, and no
                # capitalised word after it makes it a first name
                told, sure = town_in_context(text, first.start(), chunk[size - 1].end(),
                                             surface, grammar, entry is not None)
                entry = told or entry
            if entry is None and size == 1 and "-" in token:
                # "Brussel-Noord", "Bruxelles-Midi": a big town's station or district
                head = token.split("-")[0]
                candidate = table.mention(gazetteer.normalise(head))
                if candidate and candidate.population >= 100_000 \
                        and head.casefold() not in grammar.stopwords:
                    best = (first.start() + len(head), head, candidate, 1)
            elif entry is not None:
                best = (chunk[size - 1].end(), surface, entry, size)
            elif size == 1 and grammar.demonym_endings and token.endswith(grammar.demonym_endings):
                # Dutch "het Brusselse Noordstation", "de Gentse politie": the town is named
                for ending in grammar.demonym_endings:
                    head = token[:-len(ending)]
                    key = gazetteer.normalise(head)
                    candidate = table.mention(key) \
                        if token.endswith(ending) and len(head) >= 4 else None
                    # only the town's own spelling ("Brussel", "Gent"; not "Antwerp" of Antwerpse)
                    if candidate and candidate.population >= 50_000 and (
                            key in _municipalities() if candidate.country == "BE"
                            else key == gazetteer.normalise(candidate.name)):
                        best = (first.start() + len(head), head, candidate, 1)
                        break
            if best:
                break
        if best is None:
            continue
        end, surface, entry, size = best
        if size > 1 and chunk[size - 1].group(0).lower() in grammar.venue_after_words:
            continue  # "Hyde Park", "Victoria Station": a park or station, found as a venue
        # a town told by its state or a town cue is no surname or common word
        if size == 1 and not sure and not _plausible_town(text, first.start(), end, token,
                                                          entry, grammar):
            continue
        if dedication(text, first.start(), end, entry, grammar):
            continue  # "hôpital Saint-Pierre", "parc Saint-Charles": named after a saint
        if _metro_stop(text, end, lang) or _organisation_town(text, first.start(), end, lang):
            continue  # "(Holborn/Temple tube)", "la Coordination des Sans-Papiers de Bruxelles"
        if lang == "nl" and entry.country not in ("BE", "NL"):
            # a Dutch text's "Lille" is the Antwerp village before the French city
            local = [e for e in table.candidates(surface) if e.country in ("BE", "NL")]
            if local:
                entry = local[0]
        # "Washington, D.C.": a qualifier that is part of the town's written name
        end = qualifier_end(text, end, grammar)
        surface = text[first.start():end]
        bracket = _BRACKET.match(text, end)
        if bracket and town_qualifier(bracket.group(1)):
            # "Rouillé (86)", "Boncelles (Seraing)", "Paris (7e arrondissement)": kept as written
            end = bracket.end()
            surface = text[first.start():end]
        begin = _borough_start(text, first.start(), end, grammar)
        if begin is not None:
            # "à Salzinnes (Namur)": a borough the gazetteer lacks, named with its town
            end += 1
            surface = text[begin:end]
            if found and found[-1].start >= begin:
                found.pop()
        found.append(LocalityMention(begin if begin is not None else first.start(), end,
                                     surface, entry.country))
        resume = end
    return _with_abbreviations(text, found, lang, table)


def _with_abbreviations(text: str, found: list[LocalityMention], lang: str,
                        table: gazetteer.Gazetteer) -> list[LocalityMention]:
    """The towns written by a short form of the language ("D.C." for Washington) added."""
    extra = []
    for item in language_places_list(lang, "town_abbreviations"):
        short, _, town = item.partition("=")
        entry = table.best(town)
        if entry is None:
            continue
        # the data list is lower case; the form is matched as written in the text
        for match in re.finditer(rf"(?<![\w.]){re.escape(short)}(?![\w])", text, re.IGNORECASE):
            if not match.group(0).isupper():
                continue  # "d.c." in lower case is no town
            if not any(m.start < match.end() and match.start() < m.end for m in found):
                extra.append(LocalityMention(match.start(), match.end(), match.group(0),
                                             entry.country))
    return sorted(found + extra, key=lambda m: m.start) if extra else found


def _own_name(surface: str, table: gazetteer.Gazetteer) -> bool:
    """True when `surface` is the town's own name, not only another name of it (Luxembourg
    is its city's name; Mexico is only another name of Mexico City)."""
    entry = table.best(surface)
    return entry is not None and gazetteer.normalise(entry.name) == gazetteer.normalise(surface)


# ---- venues ----

def _venue_from(text: str, position: int, grammar: Grammar, with_cue: bool,
                cued: bool = False) -> int | None:
    """End of a venue name starting at `position` (a venue word or a capitalised name)."""
    typed = grammar.venue_type.match(text, position)
    if typed:
        end = scan_name(text, typed.end(), grammar, lowercase_allowed=2, numbers=True)
        # adjectives alone ("centre fermé") do not make the name; words up to a capital or number
        # do, and for squares and stations lowercase words after "de" ("place de la république")
        capitals = end > typed.end() and re.search(r"[A-ZÀ-Þ\d]", text[typed.end():end])
        genitive = None if capitals or end <= typed.end() \
            or typed.group(0).lower() not in grammar.lowercase_named \
            else grammar.genitive.match(text[typed.end():end])
        if genitive:
            # in lower case the name is one word after "de": "place de la république", "gare du
            # midi"; what follows ("… et arrive", "… sur leur") is the sentence going on
            following = WORD.match(text, typed.end() + genitive.end())
            end = min(end, following.end()) if following else end
        named = bool(capitals or genitive)
        if not named:
            common = grammar.genitive.match(text, typed.end())
            if common and text[common.end():common.end() + 1].islower() \
                    and common.group(0).strip() in grammar.connectors \
                    and typed.group(0).lower() in language_places_list(grammar.lang,
                                                                       "figurative_venue_words") \
                    and typed.end() == _last_type_end(text, typed.end(), end, grammar):
                return None  # "au centre des débats": the word in a phrase, not a venue
            end = _last_type_end(text, typed.end(), end, grammar)
        if not named and not with_cue and end == typed.end() \
                and not (cued and typed.group(0)[0].isupper()):
            return None  # "sur place", "Arrêt" alone; but "voor het station", "of Parliament"
        return end
    word = WORD.match(text, position)
    if word is None or not capitalised(word.group(0)):
        return None
    end = scan_name(text, position, grammar, lowercase_allowed=0, numbers=True)
    gap = GAP.match(text, end)
    suffix = grammar.venue_after.match(text, gap.end()) if gap else None
    if suffix:
        end = suffix.end()
    return end if end > position else None


def _demonym(token: str, grammar: Grammar) -> bool:
    """True for an adjective of place written with a capital ("Brusselse", "Gentse")."""
    return bool(grammar.demonym_endings) and len(token) > 4 \
        and token.lower().endswith(grammar.demonym_endings)


def _last_type_end(text: str, start: int, end: int, grammar: Grammar) -> int:
    """Within a scanned name without capitals, the end of its last venue word (or `start`)."""
    last = start
    for word in WORD.finditer(text, start, end):
        # "l'hôpital": the venue word after an elided article
        if re.sub(r"^[dl]['’]", "", word.group(0).lower()) in grammar.venue_types:
            last = word.end()
    return last


def find_venues(text: str, lang: str) -> list[Venue]:
    """Venue and landmark names in `text`, with the locative cue that introduced them."""
    if not text:
        return []
    grammar = compile_grammar(lang)
    table = gazetteer.load()
    found: list[Venue] = []

    def add(start: int, end: int, cue: str | None, typed: bool = False) -> None:
        end = start + len(text[start:end].rstrip(" \t,.-"))
        start += name_head(text[start:end], grammar)
        end = start + without_town(text[start:end], grammar, table)
        name = text[start:end].strip(" \t,.-")
        if len(name) < 3:
            return
        folded = name.casefold()
        first_word = folded.split()[0]
        if first_word in grammar.time_words or folded.startswith(_NOT_VENUES) \
                or folded in grammar.countries:
            return  # "Saturday 9", "November 11", "Facebook"
        if not (typed or first_word in grammar.venue_first) and not_a_venue(name, lang) \
                or shouted(name, cue):
            return  # "Kill the Bill Rally", "Wereldvluchtelingendag", "Israel's"
        if cue is None and folded in grammar.stopwords:
            return  # "Station" alone is a word; "voor het station" is a place
        if _WEB_SUFFIX.match(text, end):
            return  # "sur Rebellyon.info": a website
        key = gazetteer.normalise(name)
        if key in table.mentions and not typed:
            return  # a town: find_localities reports it (but "Hyde Park" is a park)
        first = name.split()[0].lower()
        if first in merged_lower("street_before") and first not in grammar.squares \
                and first not in grammar.venue_types:
            return  # a street: find_addresses reports it
        found.append(Venue(start, end, name, cue))

    tokens = words_of(text)
    for index, (start, end, token) in enumerate(tokens):
        lower = token.lower()
        glued = GLUED_HEAD.match(token) if token.isupper() is False and token[:2].isupper() \
            else None
        if glued and token[glued.end():].lower().split("-")[0] in grammar.venue_first:
            # "LONCIN-BASSalle des fêtes": a shouted heading glued to a venue word
            head = start + glued.end()
            typed_word = grammar.venue_type.match(text[head:head + 40])
            if typed_word:
                add(head, scan_name(text, head + typed_word.end(), grammar, lowercase_allowed=2,
                                    numbers=True), None, True)
        capital = token[0].isupper()
        # venue words of other languages only when capitalised ("Place Flagey" in Dutch text)
        typed = lower in grammar.venue_first and (capital or lower in grammar.own_venue_first)
        if typed or capital:
            cue, articled = preceding_cue(text, tokens, index, grammar)
            if typed or cue:
                name_end = _venue_from(text, start, grammar, with_cue=articled,
                                       cued=cue is not None)
                if name_end is not None and not (capital and not typed and _demonym(token, grammar)
                                                 and name_end == end):
                    add(start, name_end, cue, typed)
            if capital and grammar.venue_suffixes and lower.endswith(grammar.venue_suffixes) \
                    and len(lower) > 3 + min(len(x) for x in grammar.venue_suffixes) \
                    and lower not in grammar.venue_types:
                # a glued Dutch venue ("Noordstation", "Groenplaats")
                name_end = scan_name(text, end, grammar, lowercase_allowed=0, numbers=True)
                add(start, max(name_end, end), cue)
        if lower in grammar.venue_after_words and start > 0:
            # "Trafalgar Square", "Nossegem station": capitalised words before a venue word
            begin = name_start_before(text, start)
            if begin is not None:
                name_end = scan_name(text, end, grammar, lowercase_allowed=0)
                before = grammar.cue_before.search(text, max(0, begin - 30), begin)
                add(begin, max(name_end, end), before.group("cue") if before else None, True)
    for start, end in agenda_lines(text, grammar):
        add(start, end, None)
    if "(" in text:
        for bracket in TIMED_BRACKET.finditer(text):
            parts = [p.strip() for p in bracket.group(1).split(",")]
            if all(p and all(w[0].isupper() or w.lower() in grammar.connectors
                             for w in WORD.findall(p)) for p in parts) \
                    and len(WORD.findall(bracket.group(1))) <= 6:
                add(bracket.start(1), bracket.end(1), None)
    return [_with_part(text, with_expansion(text, v), lang) for v in
            joined(text, _venues_without_overlaps(found), grammar, lang)]


def _with_part(text: str, venue: Venue, lang: str) -> Venue:
    """The venue with the part of it written after a comma ("…Fields, South side")."""
    pattern = _venue_parts(lang)
    part = pattern.match(text, venue.end) if pattern else None
    if part is None:
        return venue
    return Venue(venue.start, part.end(), text[venue.start:part.end()], venue.cue)


@functools.cache
def _venue_parts(lang: str) -> re.Pattern[str] | None:
    """", South side"-like parts of a venue in `lang`, or None when the language lists none."""
    parts = language_places_list(lang, "venue_parts")
    if not parts:
        return None
    words = "|".join(re.escape(p) for p in sorted(parts, key=len, reverse=True))
    return re.compile(rf",[ \t]*(?:{words})(?![\w\-])", re.IGNORECASE)


def _venues_without_overlaps(found: list[Venue]) -> list[Venue]:
    """The longest venue of overlapping ones, keeping a cue found for the same name."""
    kept: list[Venue] = []  # disjoint, in text order: a clash is found by bisection
    starts: list[int] = []
    for venue in sorted(found, key=lambda v: (-(v.end - v.start), v.start)):
        index = bisect.bisect_left(starts, venue.start)
        clash = [kept[index - 1]] if index and kept[index - 1].end > venue.start else []
        while index < len(kept) and kept[index].start < venue.end:
            clash.append(kept[index])
            index += 1
        if not clash:
            position = bisect.bisect_left(starts, venue.start)
            kept.insert(position, venue)
            starts.insert(position, venue.start)
        elif venue.cue:
            for other in clash:
                if other.cue is None and other.start == venue.start:
                    other.cue = venue.cue
    return kept
