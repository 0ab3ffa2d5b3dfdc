"""Venue names as people read them: what the venue finder adds to a found name and what it
rules out (read by `affiche.extract.places.find_venues`).

Agenda lines under a date ("Theatre X" on its own line), a bracket after a time, a venue and
its square or room after a comma, an acronym with its expansion; and names that are no venues:
events ("Refugee Walk"), days' names, possessives, shouted lines, a proper name's town.
The words come from the language files (`[events.kinds]`, `[places]` day_name_endings,
room_words, figurative_venue_words); hand-written rules for the reasons given in `places`.
"""

from __future__ import annotations

import functools
import re

from affiche import lang as language_data
from affiche.extract.placewords import WORD, Grammar, Venue
from affiche.resolve import gazetteer

__all__ = [
    "TIMED_BRACKET",
    "agenda_lines",
    "joined",
    "language_places_list",
    "not_a_venue",
    "shouted",
    "with_expansion",
    "without_town",
]

_EXPANSION = re.compile(r"[ \t]*\(([^()\n]{3,60})\)")


def with_expansion(text: str, venue: Venue) -> Venue:
    """An acronym's venue with its expansion in brackets: "LOL (Laboratoire Ouvert Lyonnais)"."""
    if not (venue.name.isupper() and 2 <= len(venue.name) <= 6 and venue.name.isalpha()):
        return venue
    bracket = _EXPANSION.match(text, venue.end)
    if bracket is None:
        return venue
    initials = "".join(w[0] for w in WORD.findall(bracket.group(1)) if w[0].isupper())
    if initials.upper() != venue.name.upper():
        return venue
    return Venue(venue.start, bracket.end(), text[venue.start:bracket.end()], venue.cue)


_POSTCODE_AFTER = re.compile(r"[ \t]*,?[ \t]*(?:[^\W\d_]{1,2}[ \t]+)?\d{4,5}\b")


def _part_of_venue(name: str, grammar: Grammar, lang: str) -> bool:
    """True for the square or room of a venue named after it ("place Y", "Z Square", "salle
    Y", "Domzaal"): a type word and capitalised words only."""
    words = WORD.findall(name)
    rooms = language_places_list(lang, "room_words")
    typed = [w for w in words if w.lower() in grammar.squares
             or (rooms and w.lower().endswith(rooms))]
    return bool(typed) and all(w in typed or w[0].isupper() or w.lower() in grammar.connectors
                               for w in words)


def joined(text: str, venues: list[Venue], grammar: Grammar, lang: str) -> list[Venue]:
    """A venue and its square or room named right after a comma, without a cue, make one name:
    "ministère X, place Y", "Embassy, Z Square", "Maison X, salle Y"; not before a postcode,
    where the square is the address."""
    joined: list[Venue] = []
    for venue in venues:
        previous = joined[-1] if joined else None
        if previous is not None and venue.cue is None \
                and re.fullmatch(r",[ \t]*", text[previous.end:venue.start]) \
                and _part_of_venue(venue.name, grammar, lang) \
                and not _POSTCODE_AFTER.match(text, venue.end):
            joined[-1] = Venue(previous.start, venue.end, text[previous.start:venue.end],
                               previous.cue)
        else:
            joined.append(venue)
    return joined


# A bracket right after a time: "à 20h (Salle X)", "om 20 uur (Vooruit, Domzaal)".
TIMED_BRACKET = re.compile(r"\d[^\W\d_]{0,6}(?:[ \t.:]*\d{0,2}[ \t]*[^\W\d_]{0,6})?[ \t]*"
                            r"\(([A-ZÀ-Þ][^\d()\n/@:;.!?]{1,50})\)")
_LINES = re.compile(r"^[ \t]*(?:[•·*\-–][ \t]*)?([^\n]*?)[ \t]*$", re.MULTILINE)
_DATE_LIKE = re.compile(r"\d{1,2}[hH:.]\d{2}|\b\d{1,2}/\d{1,2}|\d{1,2}[hH]\b")
_LINE_NAME = re.compile(r"[^\W\d_][^\d.!?:;()\[\]|@#/\n,]{1,38}(?=,|$)")


_DAY_NUMBER = re.compile(r"\b\d{1,2}(?:/\d{1,2})?\b")


def _date_line(line: str, grammar: Grammar) -> bool:
    """A short line giving a day: a day number with a month or weekday name, or "27/01"."""
    if len(line) > 60 or line.endswith(".") or not _DAY_NUMBER.search(line):
        return False
    return bool(re.search(r"\b\d{1,2}/\d{1,2}\b", line)) \
        or any(w.lower() in grammar.time_words for w in WORD.findall(line))


def agenda_lines(text: str, grammar: Grammar) -> list[tuple[int, int]]:
    """Spans of short capitalised lines right under a date line: an agenda's venue
    ("… 15 mars à 20h" ↵ "Théâtre X" or "Le Caméo, Namur"), written without any cue."""
    spans: list[tuple[int, int]] = []
    previous = ""
    for line in _LINES.finditer(text):
        body = line.group(1)
        if not body:
            continue
        if previous and len(body) <= 60 and _date_line(previous, grammar):
            name = _LINE_NAME.match(body)
            rest = body[name.end():] if name else ""
            words = WORD.findall(name.group(0)) if name else []
            if name and 1 <= len(words) <= 3 and len(rest.split()) <= 4 \
                    and (not rest or rest.startswith(",")) and not _DATE_LIKE.search(body) \
                    and all(w[0].isupper() or (w.lower() in grammar.cue_words
                                               and w.lower() not in grammar.stops) for w in words) \
                    and not (len(words) > 1 and name.group(0).isupper()) \
                    and not any(w.lower() in grammar.time_words for w in words) \
                    and not (words[0].casefold() in grammar.stopwords
                             and words[0].lower() not in grammar.venue_first):
                # (the last test: "Soirée Palestine", "Concert Solidaire" open with a title word)
                begin = line.start(1)
                spans.append((begin, begin + name.end()))
        previous = body
    return spans




_TOWN_TAIL = re.compile(r"(?<=[^\W\d_])[ \t]+(?:de|d'|d’|van|of|in)[ \t]*([A-ZÀ-Þ][^\W\d_\-]*"
                        r"(?:-[A-ZÀ-Þ][^\W\d_]*)*)$")


def without_town(name: str, grammar: Grammar, table: gazetteer.Gazetteer) -> int:
    """Length of a venue name without the town after it when the name is already a proper
    name ("salle René Dupont de Marche" → "salle René Dupont"); a name made by its town
    ("Maison des Jeunes de Jupille", "Université Libre de Bruxelles") keeps it."""
    tail = _TOWN_TAIL.search(name)
    if tail is None or gazetteer.normalise(tail.group(1)) not in table.mentions:
        return len(name)
    before = WORD.findall(name[:tail.start()])
    if len(before) >= 2 and before[-1][0].isupper() and before[-2][0].isupper() \
            and before[-2].lower() not in grammar.venue_first:
        return tail.start()
    return len(name)


@functools.cache
def _several_words(lang: str) -> tuple[str, ...]:
    """The event-kind words of `_event_words` made of several words ("sit in")."""
    return tuple(w for w in _event_words(lang)[0] if " " in w)


@functools.cache
def _organisation_words(lang: str) -> frozenset[str]:
    """The words that make a name an organisation's ("Campaign", "vzw")."""
    return frozenset(language_places_list(lang, "organisation_words"))


@functools.cache
def _event_words(lang: str) -> tuple[frozenset[str], tuple[str, ...], tuple[str, ...]]:
    """The event-kind words of a language (whole words, prefixes, suffixes): an event's name
    ("Refugee Walk", "Solidarity Rally") is no venue."""
    try:
        kinds = language_data.load(lang).get("events", {}).get("kinds", {})
    except KeyError:
        kinds = {}
    words = {w.strip().lower() for group in kinds.values() for w in group}
    whole = frozenset(w for w in words if "*" not in w)
    prefixes = tuple(w.rstrip("*") for w in words if w.endswith("*") and len(w) > 4)
    suffixes = tuple(w.lstrip("*") for w in words if w.startswith("*") and len(w) > 4)
    return whole, prefixes, suffixes


def not_a_venue(name: str, lang: str) -> bool:
    """True for a capitalised name that reads as an event, a day, an organisation or a
    possessive."""
    words = [w.lower() for w in WORD.findall(name)]
    if not words:
        return True
    if len(words) == 1 and re.search(r"['’]s$", name):
        return True  # "Israel's" (march): the possessor, not a place
    whole, prefixes, suffixes = _event_words(lang)
    lowered = " " + " ".join(words) + " "
    if any(w in whole or w.startswith(prefixes) or w.endswith(suffixes) for w in words) \
            or any(f" {w} " in lowered for w in _several_words(lang)):
        return True
    if not _organisation_words(lang).isdisjoint(words):
        return True  # "Palestine Solidarity Campaign", "Comité X vzw": an organiser
    # "Wereldvluchtelingendag", "Refugee Day": a day's name
    endings = language_places_list(lang, "day_name_endings")
    return bool(endings) and words[-1].endswith(endings)


def shouted(name: str, cue: str | None) -> bool:
    """True for a shouted line read after a cue ("À PLEIN RÉGIME", "À EXPULSER AVEC …")."""
    if not cue or not name.isupper():
        return False
    return cue.isupper() or (len(name.split()) >= 3 and cue[:1].isupper())


@functools.cache
@functools.cache  # the language files are read once: so are their lists
def language_places_list(lang: str, key: str) -> tuple[str, ...]:
    """One word list of a language's `[places]` table, lower case (empty when absent)."""
    try:
        words = language_data.load(lang).get("places", {}).get(key, [])
    except KeyError:
        return ()
    return tuple(str(w).lower() for w in words)
